"""Reader of NTREX-128: one news document per (document id, language) as a SourceDoc.

Layout (``ntrex128/SOURCE.md``): ``DOCUMENT_IDS.tsv`` gives the WMT19 document id of each of
the 1,997 lines of every ``newstest2019-*.txt(.gz)`` file; each document is a contiguous block
whose first line is its headline. Every language version of a document shares its
``story_id`` (``ntrex:<doc id>``) and its paragraph grouping; the English source paragraphs
are attached to every translation (for untranslated-fragment artefacts).

>>> NTREX_STORY_PREFIX
'ntrex:'
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterator

from farmguard.errors import InputError
from farmguard.features.language import normalize_lang

from ..record import HUMAN, SourceDoc
from ..seeding import rng_for
from .segmenting import group_lines, group_sizes

NTREX_STORY_PREFIX = "ntrex:"
_NAME = re.compile(r"^newstest2019-(src|ref|ref-2)\.([A-Za-z-]+)\.txt(?:\.gz)?$")


def _read_lines(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def language_files(folder: Path) -> list[tuple[str, str, Path]]:
    """``(file code, variant, path)`` of every text file, sorted (variant ``src``/``ref``/``ref-2``)."""
    out = []
    for path in sorted(list(folder.glob("newstest2019-*.txt*")) + list((folder / "additional").glob("newstest2019-*.txt*"))):
        m = _NAME.match(path.name)
        if m:
            out.append((m.group(2), m.group(1), path))
    return out


def read_ntrex(folder: Path, seed: int) -> Iterator[SourceDoc]:
    """Yield one SourceDoc per (document, language file)."""
    ids_path = folder / "DOCUMENT_IDS.tsv"
    if not ids_path.is_file():
        raise InputError(f"{ids_path}: missing (NTREX document ids)")
    doc_ids = [line.strip() for line in _read_lines(ids_path)]
    blocks: list[tuple[str, int, int]] = []
    for i, doc_id in enumerate(doc_ids):
        if not blocks or blocks[-1][0] != doc_id:
            blocks.append((doc_id, i, i + 1))
        else:
            blocks[-1] = (doc_id, blocks[-1][1], i + 1)
    files = language_files(folder)
    if not files:
        raise InputError(f"{folder}: no newstest2019-*.txt files")
    src_path = next((p for code, variant, p in files if variant == "src"), None)
    if src_path is None:
        raise InputError(f"{folder}: missing newstest2019-src.eng.txt")
    source_lines = _read_lines(src_path)
    sizes = {doc_id: group_sizes(end - start - 1, rng_for(seed, "paragraphs", NTREX_STORY_PREFIX + doc_id)) for doc_id, start, end in blocks}
    source_paras = {doc_id: group_lines(source_lines[start + 1 : end], sizes[doc_id]) for doc_id, start, end in blocks}
    for code, variant, path in files:
        lines = _read_lines(path)
        if len(lines) != len(doc_ids):
            raise InputError(f"{path}: {len(lines)} lines, expected {len(doc_ids)} (aligned with DOCUMENT_IDS.tsv)")
        lang = normalize_lang(code)
        file_key = code if variant != "ref-2" else f"{code}-2"
        for doc_id, start, end in blocks:
            title = lines[start].strip() or None
            paragraphs = group_lines(lines[start + 1 : end], sizes[doc_id])
            if not paragraphs:
                continue
            yield SourceDoc(
                key=f"ntrex:{doc_id}:{file_key}",
                story_id=NTREX_STORY_PREFIX + doc_id,
                lang=lang,
                title=title,
                paragraphs=paragraphs,
                kind=HUMAN,
                source="ntrex",
                source_lang=None if variant == "src" else "en",
                source_paragraphs=None if variant == "src" else source_paras[doc_id],
            )
