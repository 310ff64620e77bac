"""Where a span sits in a document: paragraph offsets, head/tail/middle position, short standalone lines.

Spam tails, region/consent blocks and credit lines are told apart from running
prose mostly by *where* they are (the first or last paragraphs) and by standing
alone on a short line. These helpers map character offsets (from a phrase
match) to paragraphs and lines, computed once per document through
:meth:`Document.memo` and shared by the spam, boilerplate and credit families.

>>> from farmguard.article import Article
>>> from .document import Document
>>> doc = Document.from_article(Article(text="Title\\n\\nBody text here.\\n\\nKeluaran SGP"))
>>> lay = layout(doc)
>>> [doc.text[s:e] for s, e in lay.spans]
['Title', 'Body text here.', 'Keluaran SGP']
>>> lay.paragraph_at(doc.text.index("SGP")), lay.position(2)
(2, 'bottom')
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .document import Document

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_NEWLINE = re.compile(r"\n")
_WORD = re.compile(r"\w+")

EDGE_PARAGRAPHS = 3
"""How many paragraphs count as the head (top) and as the tail (bottom) of a document."""

SHORT_WORDS = 12
SHORT_CHARS = 120
"""A paragraph or line is *short* (stands alone, not running prose) when it has at most this many
words and characters (the character limit covers scripts written without spaces)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Paragraph spans ``(start, end)`` of a document's text, in order (stripped, non-empty)."""

    text: str
    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding character ``offset`` (the nearest one before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def paragraph(self, index: int) -> str:
        s, e = self.spans[index]
        return self.text[s:e]

    def position(self, index: int) -> str:
        """``"top"`` (first 3 paragraphs), ``"bottom"`` (last 3) or ``"middle"``.

        In short documents, where head and tail overlap, a paragraph is top in the first half.
        """
        n = len(self.spans)
        if index < EDGE_PARAGRAPHS and (index == 0 or index < n / 2):
            return "top"
        if index >= n - EDGE_PARAGRAPHS:
            return "bottom"
        return "middle"

    def in_tail(self, index: int, k: int = EDGE_PARAGRAPHS) -> bool:
        """True when paragraph ``index`` is one of the last ``k`` (and not the only paragraph)."""
        n = len(self.spans)
        return n > 1 and index >= n - k

    def tail_start(self, k: int = EDGE_PARAGRAPHS) -> int:
        """Character offset where the last ``k`` paragraphs begin (``len(text)`` when empty)."""
        if not self.spans:
            return len(self.text)
        return self.spans[max(0, len(self.spans) - k)][0]

    def line_at(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the line holding ``offset`` (stripped of surrounding spaces)."""
        text = self.text
        s = text.rfind("\n", 0, offset) + 1
        e = text.find("\n", offset)
        if e < 0:
            e = len(text)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e


def is_short(span: str, max_words: int = SHORT_WORDS, max_chars: int = SHORT_CHARS) -> bool:
    """True when ``span`` is a short standalone line (few words and characters).

    >>> is_short("Keluaran SGP"), is_short("Puluhan ribu orang telah melarikan diri ke perbatasan Suriah dengan Turki pada hari Rabu.")
    (True, False)
    """
    if len(span) > max_chars:
        return False
    return len(_WORD.findall(span)) <= max_words


def _compute(text: str) -> Layout:
    spans: list[tuple[int, int]] = []
    pos = 0
    breaks = [m.span() for m in _PARAGRAPH_BREAK.finditer(text)]
    if breaks:
        cuts = breaks + [(len(text), len(text))]
    else:
        cuts = [m.span() for m in _NEWLINE.finditer(text)] + [(len(text), len(text))]
    for b_start, b_end in cuts:
        s, e = pos, b_start
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        pos = b_end
    return Layout(text, tuple(spans), tuple(s for s, _ in spans))


def layout(doc: Document) -> Layout:
    """The document's paragraph layout, computed once per document (shared by several families)."""
    return doc.memo("layout.paragraphs", lambda: _compute(doc.text))
