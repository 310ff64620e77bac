"""google-re2 scans of Python text through its UTF-8 bytes, returning character offsets.

google-re2's Python wrapper encodes a ``str`` to UTF-8 on every call and converts every offset back to
characters, which costs about as much as the DFA scan itself: measured on real 5 KB articles, one
``search`` on the ``str`` took 19 µs, encoding it and searching the bytes 10.5 µs. These helpers scan the
bytes and convert only the offsets of the matches found (none on most articles).

They are for patterns that never match the empty string (literal alternations, character classes with
``+``/``{n,}``): on bytes the wrapper steps past an empty match by one byte, not one character.

>>> import re2
>>> finditer_spans(re2.compile(r"\\pL\\p{Nd}+"), "Zürich: Ü2 und G20")
[(8, 10), (15, 18)]
>>> search_start(re2.compile("gacor"), "Ünd slot gacor88"), search_start(re2.compile("togel"), "kein Spam")
(9, None)

A document's text and lower-cased text are encoded once and shared (:func:`utf8_text`, :func:`utf8_lower`).
"""

from __future__ import annotations

from itertools import islice

import re2

from .document import Document


def search_start(pattern: re2._Regexp, text: str, raw: bytes | None = None) -> int | None:
    """Character offset of ``pattern``'s leftmost match in ``text``, None when it does not match.

    ``raw`` may pass ``text.encode("utf-8")`` when the caller has it (see :func:`utf8_text`).
    Raises ``UnicodeEncodeError`` for text with lone surrogates (as re2 itself does).
    """
    if raw is None:
        raw = text.encode("utf-8")
    m = pattern.search(raw)
    if m is None:
        return None
    start = m.start()
    return start if len(raw) == len(text) else len(raw[:start].decode("utf-8"))


def finditer_spans(
    pattern: re2._Regexp, text: str, limit: int | None = None, raw: bytes | None = None
) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of ``pattern``'s matches in ``text``, in order, at most ``limit``.

    The same spans as ``[m.span() for m in pattern.finditer(text)]``, with one encoding of the text
    (none when the caller passes it as ``raw``).
    Raises ``UnicodeEncodeError`` for text with lone surrogates (as re2 itself does).
    """
    if raw is None:
        raw = text.encode("utf-8")
    spans = [m.span() for m in islice(pattern.finditer(raw), limit)]
    if not spans or len(raw) == len(text):  # ASCII: byte offsets are character offsets
        return spans
    out: list[tuple[int, int]] = []
    at_byte = at_char = 0
    for s, e in spans:  # matches are ordered and do not overlap: decode only the bytes between them
        start = at_char + len(raw[at_byte:s].decode("utf-8"))
        end = start + len(raw[s:e].decode("utf-8"))
        out.append((start, end))
        at_byte, at_char = e, end
    return out


def utf8_text(doc: Document) -> bytes:
    """``doc.text`` as UTF-8 for every family that scans it with re2: ``Document.utf8``, encoded once per
    document (by ``Document.from_article`` already, when it checked non-ASCII text for lone surrogates).

    Raises ``UnicodeEncodeError`` for text with lone surrogates (``Document`` replaces them, so only a
    hand-built text can).
    """
    return doc.utf8


def utf8_lower(doc: Document) -> bytes:
    """``doc.lower`` as UTF-8, encoded once per document (the phrase prefilters of spam, boilerplate, credit
    and generator all scan it: measured ~5 µs per encoding of a 5 KB article)."""
    return doc.memo("utf8.lower", lambda: doc.lower.encode("utf-8"))
