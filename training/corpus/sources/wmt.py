"""Reader of the WMT22/WMT24 news test sets: sources, every reference, every system output.

Layout (``wmt/SOURCE.md``): ``<year>/<pair>/{source.txt, reference*.txt, systems/*.txt, docids.tsv}``,
line-aligned; documents are contiguous blocks whose first line is the headline. One story per
source document: ``wmt22:<doc id>`` is shared by the source, its references and every system
output, and by all en-X pairs of a year (they translate the same English documents); a
source document read from several pairs is yielded once. Real agency credit in a text
(German sources ending in "dpa") is recorded on the SourceDoc.

>>> pair_languages("en-de")
('en', 'de')
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from farmguard.errors import InputError
from farmguard.features.language import normalize_lang

from ..record import HUMAN, MT, SourceDoc
from ..seeding import rng_for
from .segmenting import group_lines, group_sizes
from .wire_credit import find_credit


def pair_languages(pair: str) -> tuple[str, str]:
    src, _, tgt = pair.partition("-")
    return normalize_lang(src), normalize_lang(tgt)


def _lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def read_wmt(folder: Path, seed: int) -> Iterator[SourceDoc]:
    """Yield SourceDocs for every (pair, document, text version) under ``folder`` (the ``wmt`` dir)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: missing (WMT test sets)")
    seen_sources: set[str] = set()
    for year_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        year = year_dir.name[-2:]
        for pair_dir in sorted(p for p in year_dir.iterdir() if p.is_dir()):
            yield from _read_pair(pair_dir, year, seed, seen_sources)


def _read_pair(pair_dir: Path, year: str, seed: int, seen_sources: set[str]) -> Iterator[SourceDoc]:
    src_lang, tgt_lang = pair_languages(pair_dir.name)
    ids_path = pair_dir / "docids.tsv"
    rows = [line.split("\t") for line in _lines(ids_path)]
    doc_ids = [r[1] if len(r) > 1 else "" for r in rows]
    blocks: list[tuple[str, int, int]] = []
    for i, doc_id in enumerate(doc_ids):
        if not blocks or blocks[-1][0] != doc_id:
            blocks.append((doc_id, i, i + 1))
        else:
            blocks[-1] = (doc_id, blocks[-1][1], i + 1)
    versions: list[tuple[str, str, str, Path]] = [("src", src_lang, HUMAN, pair_dir / "source.txt")]
    for ref in sorted(pair_dir.glob("reference*.txt")):
        name = ref.stem.split(".", 1)[1] if "." in ref.stem else "A"
        versions.append((f"ref-{name}", tgt_lang, HUMAN, ref))
    for system in sorted((pair_dir / "systems").glob("*.txt")):
        versions.append((f"sys-{system.stem}", tgt_lang, MT, system))
    texts = {}
    for name, _, _, path in versions:
        lines = _lines(path)
        if len(lines) != len(doc_ids):
            raise InputError(f"{path}: {len(lines)} lines, expected {len(doc_ids)} (aligned with docids.tsv)")
        texts[name] = lines
    paragraph_lines = year == "24"  # WMT24 segments are paragraphs already
    for doc_id, start, end in blocks:
        story = f"wmt{year}:{doc_id}"
        n_body = end - start - 1
        sizes = [1] * n_body if paragraph_lines else group_sizes(n_body, rng_for(seed, "paragraphs", story))
        source_paras = group_lines(texts["src"][start + 1 : end], sizes)
        for name, lang, kind, _ in versions:
            lines = texts[name]
            paragraphs = group_lines(lines[start + 1 : end], sizes)
            if not paragraphs:
                continue
            if name == "src":
                key = f"wmt{year}:{doc_id}:{src_lang}:src"
                if key in seen_sources:
                    continue
                seen_sources.add(key)
                source = f"wmt{year}:source"
            else:
                key = f"wmt{year}:{pair_dir.name}:{doc_id}:{name}"
                source = f"wmt{year}:{'reference' if kind == HUMAN else 'system'}"
            credit = find_credit("\n\n".join(paragraphs))
            yield SourceDoc(
                key=key,
                story_id=story,
                lang=lang,
                title=lines[start].strip() or None,
                paragraphs=paragraphs,
                kind=kind,
                source=source,
                credit=credit[0] if credit else None,
                credit_style=credit[1] if credit else None,
                source_lang=None if name == "src" else src_lang,
                source_paragraphs=None if name == "src" else source_paras,
                system=name[4:] if kind == MT else None,
            )
