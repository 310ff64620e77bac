"""Reader of the demo source texts shipped with farmguard (``training/data/demo_sources.jsonl``).

One JSON object per line: ``story`` (story id, shared by the language versions of one story),
``lang``, ``title``, ``paragraphs`` (list of strings), optional ``translation_of`` (the language
whose version this one translates; its paragraphs become the aligned source). Written by the
farmguard team in their own words; nothing from ../shared.

>>> import json, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "s.jsonl"
>>> _ = p.write_text(json.dumps({"story": "s1", "lang": "en", "title": "T", "paragraphs": ["A.", "B."]}) + "\\n")
>>> [d.key for d in read_demo_sources(p)]
['demo:s1:en']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from farmguard.errors import InputError, RecordError
from farmguard.features.language import normalize_lang

from ..record import HUMAN, SourceDoc


def read_demo_sources(path: Path) -> Iterator[SourceDoc]:
    """Yield one human SourceDoc per line of ``path``."""
    if not path.is_file():
        raise InputError(f"{path}: demo source texts missing from this installation")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise RecordError(str(path), f"line {n}", f"malformed JSON ({exc.msg})") from None
        paras = row.get("paragraphs")
        if not isinstance(paras, list) or not paras or not all(isinstance(p, str) for p in paras):
            raise RecordError(str(path), f"line {n}", "'paragraphs' must be a non-empty list of strings")
        rows.append(row)
    by_story_lang = {(r["story"], normalize_lang(r["lang"])): r for r in rows}
    for r in rows:
        lang = normalize_lang(r["lang"])
        src_lang = normalize_lang(r["translation_of"]) if r.get("translation_of") else None
        src = by_story_lang.get((r["story"], src_lang)) if src_lang else None
        yield SourceDoc(
            key=f"demo:{r['story']}:{lang}",
            story_id=f"demo:{r['story']}",
            lang=lang,
            title=r.get("title"),
            paragraphs=tuple(p.strip() for p in r["paragraphs"] if p.strip()),
            kind=HUMAN,
            source="demo",
            source_lang=src_lang if src else None,
            source_paragraphs=tuple(src["paragraphs"]) if src else None,
        )
