"""Turning line- or sentence-segmented sources into news paragraphs.

NTREX and WMT22 give one sentence per line; news sites print one to three sentences
per paragraph. All versions of one story (source, references, system outputs, every
NTREX language) use the same grouping, drawn from the story's own generator, so their
paragraph structure is aligned and cannot tell the labels apart.

>>> import random
>>> group_sizes(7, random.Random(3))
[1, 2, 2, 2]
>>> group_lines(["a", "b", "", "c"], [2, 2])
('a b', 'c')
>>> split_sentences("First one. Second one! Third? Yes.")
['First one.', 'Second one!', 'Third?', 'Yes.']
"""

from __future__ import annotations

import random
import re

_SIZES = (1, 2, 3, 4)
_WEIGHTS = (0.3, 0.4, 0.22, 0.08)


def group_sizes(n: int, rng: random.Random) -> list[int]:
    """Paragraph sizes (in lines) covering ``n`` lines."""
    sizes: list[int] = []
    left = n
    while left > 0:
        size = min(left, rng.choices(_SIZES, _WEIGHTS)[0])
        sizes.append(size)
        left -= size
    return sizes


def _joiner(lines: list[str]) -> str:
    sample = "".join(lines)[:200]
    cjk = sum(1 for ch in sample if "\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\u0e00" <= ch <= "\u0e7f")
    return "" if sample and cjk > len(sample) * 0.3 else " "


def group_lines(lines: list[str], sizes: list[int]) -> tuple[str, ...]:
    """Join consecutive lines into paragraphs of the given sizes; empty lines are dropped."""
    out = []
    pos = 0
    for size in sizes:
        chunk = [ln.strip() for ln in lines[pos : pos + size] if ln.strip()]
        pos += size
        if chunk:
            out.append(_joiner(chunk).join(chunk))
    return tuple(out)


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"”’»)]?\s+(?=[\"“‘«(]?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω0-9\u0600-\u06ff\u4e00-\u9fff])|(?<=[。！？])")


def split_sentences(text: str) -> list[str]:
    """A simple sentence splitter for unsegmented article text (no abbreviation handling)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]
    return parts
