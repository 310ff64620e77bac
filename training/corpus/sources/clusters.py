"""Reader of the SemEval-2022 Task 8 news articles (``news-clusters/``).

One SourceDoc per article; ``story_id`` is ``cluster:<cluster id>`` (same-story articles and
machine-translated copies share it). Machine-translated copies (``machine_translated_copy``) are
real MT (``kind="mt"``). Long single-block texts are split into sentence groups of the story's
paragraph grouping. Real agency credit in the text is recorded.

>>> paragraphs_of("Title line\\nFirst para.\\n\\nSecond para.")
('Title line', 'First para.', 'Second para.')
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Iterator

from farmguard.errors import InputError
from farmguard.features.language import normalize_lang

from ..record import HUMAN, MT, SourceDoc
from ..seeding import rng_for
from .segmenting import group_lines, group_sizes, split_sentences
from .wire_credit import find_credit

LONG_BLOCK = 700


def paragraphs_of(text: str, rng: random.Random | None = None) -> tuple[str, ...]:
    """Lines of ``text`` as paragraphs; blocks longer than 700 chars split into sentence groups."""
    out: list[str] = []
    for block in text.split("\n"):
        block = " ".join(block.split())
        if not block:
            continue
        if rng is not None and len(block) > LONG_BLOCK:
            sentences = split_sentences(block)
            out.extend(group_lines(sentences, group_sizes(len(sentences), rng)))
        else:
            out.append(block)
    return tuple(out)


def read_clusters(folder: Path, seed: int) -> Iterator[SourceDoc]:
    """Yield one SourceDoc per article of ``semeval2022t8_articles.jsonl.gz``."""
    path = folder / "semeval2022t8_articles.jsonl.gz"
    if not path.is_file():
        raise InputError(f"{path}: missing (news-cluster articles)")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise InputError(f"{path}: line {n}: malformed JSON ({exc.msg})") from None
    lang_of = {str(r["id"]): normalize_lang(r.get("lang")) for r in rows}
    for row in sorted(rows, key=lambda r: str(r["id"])):
        text = str(row.get("text") or "")
        story = f"cluster:{row.get('cluster_id')}"
        paragraphs = paragraphs_of(text, rng_for(seed, "paragraphs", story, row["id"]))
        title = row.get("title")
        if title and paragraphs and paragraphs[0] == " ".join(str(title).split()):
            paragraphs = paragraphs[1:]
        if not paragraphs or sum(map(len, paragraphs)) < 200:
            continue
        is_mt = bool(row.get("machine_translated_copy"))
        credit = find_credit("\n\n".join(paragraphs))
        orig = str(row.get("orig_id") or row["id"])
        yield SourceDoc(
            key=f"cluster:{row['id']}",
            story_id=story,
            lang=normalize_lang(row.get("lang")),
            title=" ".join(str(title).split()) if title else None,
            paragraphs=paragraphs,
            kind=MT if is_mt else HUMAN,
            source="clusters:mt" if is_mt else "clusters",
            credit=credit[0] if credit else None,
            credit_style=credit[1] if credit else None,
            source_lang=lang_of.get(orig) if is_mt else None,
            system="semeval-augmentation" if is_mt else None,
        )
