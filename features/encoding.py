"""Signal family `encoding` (design.md §4, "real pages"): mis-decoded and obfuscated text.

Scrapers that copy pages at scale decode them with the wrong charset (UTF-8 read as cp1252 gives
"prÃ©sident", "lâ€™Ã©conomie"; UTF-8 Cyrillic read as cp1251 gives "РџСЂРёРІРµС‚"), and some obfuscate
the copy against duplicate detection with a combining mark after every letter ("s̶c̶r̶a̶m̶b̶l̶e̶d̶"),
letters spaced apart ("w o r d s  l i k e  t h i s") or invisible characters inside words. Publishers
also scramble paywalled text on their own legitimate pages, so these values are evidence for the model
to weigh with the rest, never a label on their own.

Cost: one RE2 pass (linear time) finds the suspect sequences: mojibake bigrams, combining marks of the
Latin combining blocks, invisible characters, U+FFFD, runs of spaced single letters. ASCII text
(``str.isascii``, C speed) skips it unless a cheap literal-space regex sees spaced letters. ftfy runs only
on a few short windows around the mojibake candidates (at most ``MAX_FTFY_WINDOWS`` of
``2 * WINDOW`` characters) and decides whether they really re-decode under another legacy encoding.

>>> from farmguard.features.document import Document
>>> mojibake(Document.from_text("Le prÃ©sident a dÃ©clarÃ© que lâ€™Ã©conomie va mieux.", lang="fr"))
(5.0, ['prÃ©sident → président'])
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import ftfy
import re2

from .document import Document, lower_same_length
from .phrases import document_prefilter, lexicon, may_match
from .signal import Signal, evidence, signal
from .utf8_scan import finditer_spans, utf8_text

FAMILY = "encoding"
MAX_SUSPECTS = 400
"""Suspect sequences collected per document (the RE2 pass stops after this many)."""
MAX_FTFY_WINDOWS = 4
WINDOW = 60
"""Characters each side of a mojibake candidate handed to ftfy."""
MIN_SPACED_LETTERS = 6
MIN_MARKED_RUN = 4
"""Letters in a row each carrying the same combining mark ("s̶c̶r̶a̶m̶")."""
MIN_STACKED_MARKS = 4
"""Combining marks stacked on one letter ("zalgo" text; Yoruba stacks up to 3 legitimately)."""

# UTF-8 bytes 0x80-0xBF as cp1252 / latin-1 show; the second position leaves out curly quotes, NBSP and
# the soft hyphen, which legitimately follow letters ("Fuß“", "déjà »").
_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT_STRICT = "\x80-\x90\x95-\x9f\xa1-\xac\xae-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ•–—˜™š›œžŸ"
# UTF-8 Cyrillic bytes 0x80-0xBF as cp1251 show (without «», NBSP, soft hyphen, and ё/і which are letters).
_CYR_CONT = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџЎўЈ¤Ґ¦§Ё©Є¬®Ї°±Ііґµ¶·№єјЅѕї"
_MOJIBAKE_PARTS = ("Â-ß", _CONT_STRICT, "à-ï", _CONT_STRICT, _CONT, "РС", _CYR_CONT)
_MOJIBAKE_FORM = "[{}][{}]|[{}][{}][{}]|(?:[{}][{}]){{2}}"
_MOJIBAKE = _MOJIBAKE_FORM.format(*_MOJIBAKE_PARTS)
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_SPACED_PRE = re.compile(r" \w {1,3}\w {1,3}\w {1,3}\w ")  # cheap: literal-space prefix, \w
_SPACED_RUN = re.compile(r"(?<!\S)[^\W\d_](?: {1,3}[^\W\d_]){%d,}(?![^\W\d_])" % (MIN_SPACED_LETTERS - 1))
_MARK_CLASS = f"[{_COMBINING}]"
_MARKED_RUN = re.compile(rf"[^\n]({_MARK_CLASS})(?:[^\n]\1){{{MIN_MARKED_RUN - 1},}}")
_STACKED = re.compile(rf"\S{_MARK_CLASS}{{{MIN_STACKED_MARKS},}}")
_ALPHABETIC_LIMIT = 0x0590  # Latin, Greek, Cyrillic, Armenian: scripts with spaces and no zero-width separators


def _code_points(spec: str) -> list[str]:
    """Characters of a data-file entry: ``U+200B``, a range ``U+E0020..U+E007F`` or a literal string."""
    if not spec.startswith("U+"):
        return [spec]
    first, _, last = spec.partition("..")
    lo = int(first[2:], 16)
    hi = int(last[2:], 16) if last else lo
    return [chr(c) for c in range(lo, hi + 1)]


def _class_chars(spec: str) -> list[str]:
    """The characters of a character-class body made of literal characters and ``a-z`` ranges.

    >>> _class_chars("Â-Åx")
    ['Â', 'Ã', 'Ä', 'Å', 'x']
    """
    out: list[str] = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out += [chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1)]
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return out


def _with_lower_case(spec: str) -> str:
    """A class body holding ``spec``'s characters and what ``doc.lower`` makes of each ("Â-ß" gains "â".."þ")."""
    chars = _class_chars(spec)
    return "".join(re2.escape(c) for c in dict.fromkeys(chars + [lower_same_length(c) for c in chars]))


@dataclass(frozen=True)
class _EncodingData:
    invisible: frozenset[str]
    format: frozenset[str]
    markers: tuple[str, ...]
    suspect: "re2._Regexp"
    suspect_lower: "re2._Regexp"
    """What any ``suspect`` match in ``doc.text`` becomes in ``doc.lower`` matches this (for the shared set pass):
    the mojibake classes gain their lower-case forms; marks, invisible characters and letters keep their class."""


@functools.lru_cache(maxsize=1)
def _data() -> _EncodingData:
    invisible: set[str] = set()
    fmt: set[str] = set()
    markers: list[str] = []
    for kind, spec in lexicon(FAMILY, "any"):
        if kind == "invisible":
            invisible.update(_code_points(spec))
        elif kind == "format":
            fmt.update(_code_points(spec))
        elif kind == "marker":
            markers.append(spec)
    singles = "".join(sorted(invisible | fmt | {"\ufffd"}))
    spaced = r"\pL(?: {1,3}\pL){%d,}" % (MIN_SPACED_LETTERS - 1)
    others = f"[{_COMBINING}]|[{re.escape(singles)}]|{spaced}"
    suspect = re2.compile(f"{_MOJIBAKE}|{others}")
    lowered = _MOJIBAKE_FORM.format(*map(_with_lower_case, _MOJIBAKE_PARTS))
    return _EncodingData(frozenset(invisible), frozenset(fmt), tuple(markers), suspect, re2.compile(f"{lowered}|{others}"))


SUSPECT_PREFILTER = "encoding.suspect"


@document_prefilter(SUSPECT_PREFILTER)
def _suspect_prefilter(lang: str):
    return _data().suspect_lower


@document_prefilter(FAMILY)
def _markers_prefilter(lang: str):
    """The mis-decoding markers as they appear in ``doc.lower`` (lower-cased character by character), for the
    shared re2 set pass: most texts hold none, and then none is counted (four ``str.count`` passes cost ~10 µs)."""
    markers = _data().markers
    return re2.compile("|".join(re2.escape(lower_same_length(m)) for m in markers)) if markers else None


@dataclass
class _Scan:
    spaced: list[tuple[int, int]] = field(default_factory=list)
    mojibake: list[tuple[int, int]] = field(default_factory=list)
    combining: int = 0
    invisible: list[int] = field(default_factory=list)
    format: int = 0
    replacement: list[int] = field(default_factory=list)


def _scan(doc: Document) -> _Scan:
    text = doc.text
    scan = _Scan()
    if not may_match(doc, SUSPECT_PREFILTER):  # nothing suspect anywhere (most articles)
        return scan
    ascii_text = text.isascii()
    if ascii_text and not _SPACED_PRE.search(text):
        return scan
    data = _data()
    for start, end in finditer_spans(data.suspect, text, MAX_SUSPECTS, utf8_text(doc)):
        s = text[start:end]
        if " " in s:
            scan.spaced.append((start, end))
        elif len(s) > 1:
            scan.mojibake.append((start, end))
        elif s == "\ufffd":
            scan.replacement.append(start)
        elif s in data.invisible or s in data.format:
            if s in data.invisible:  # counted only inside words of alphabetic scripts (see invisible_chars)
                scan.invisible.append(start)
            if s in data.format:
                scan.format += 1
        else:
            scan.combining += 1
    return scan


def _scanned(doc: Document) -> _Scan:
    return doc.memo("encoding.scan", lambda: _scan(doc))


def _windows(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int, int]]:
    """Merge candidate spans into at most ``MAX_FTFY_WINDOWS`` windows: ``(start, end, n_candidates)``."""
    out: list[list[int]] = []
    for start, end in spans:
        lo, hi = max(0, start - WINDOW), min(size, end + WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
            out[-1][2] += 1
        elif len(out) < MAX_FTFY_WINDOWS:
            out.append([lo, hi, 1])
        else:
            break
    return [(a, b, c) for a, b, c in out]


def _word_at(text: str, i: int, reach: int = 30) -> str:
    """The whitespace-delimited word around position ``i`` (at most ``reach`` characters each side)."""
    lo = max(0, i - reach)
    start = max(text.rfind(" ", lo, i), text.rfind("\n", lo, i)) + 1 or lo
    end = i + 1
    while end < len(text) and end < i + reach and not text[end].isspace():
        end += 1
    return text[max(start, lo):end]


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a window to the nearest spaces (up to 40 characters) so ftfy sees whole sequences."""
    before = text.rfind(" ", max(0, start - 40), start)
    after = text.find(" ", end, end + 40)
    return (before + 1 if before >= 0 else start), (after if after >= 0 else end)


@signal("encoding.mojibake")
def mojibake(doc: Document) -> Signal:
    """Mis-decoded sequences that ftfy re-decodes under another legacy encoding ("Ã©" -> "é", "â€™" -> "’"), plus mis-decoding markers ("锟斤拷").

    The value counts the candidate sequences in windows ftfy repaired (all candidates when every checked
    window was repaired); evidence shows the text before and after repair.

    >>> from farmguard.features.document import Document
    >>> mojibake(Document.from_text("Fuß“ und Straße sind richtig geschrieben.", lang="de"))
    (0.0, [])
    """
    scan = _scanned(doc)
    text = doc.text
    found: list[str] = []
    count = 0
    if scan.mojibake:
        windows = _windows(scan.mojibake, len(text))
        repaired = 0
        covered = 0
        for lo, hi, n in windows:
            lo, hi = _snap(text, lo, hi)
            sample = text[lo:hi]
            fixed = ftfy.fix_encoding(sample)
            covered += n
            if fixed != sample:
                repaired += 1
                count += n
                word = _word_at(text, scan.mojibake[covered - n][0])
                found.append(f"{word} → {ftfy.fix_encoding(word)}")
        if repaired == len(windows):
            count += len(scan.mojibake) - covered
    if not text.isascii() and may_match(doc, FAMILY):
        for marker in _data().markers:
            hits = text.count(marker)
            if hits:
                count += hits
                found.append(marker)
    return float(count), evidence(found)


@signal("encoding.replacement_chars")
def replacement_chars(doc: Document) -> Signal:
    """U+FFFD replacement characters: bytes that a decoder could not read ("Stra�e", "caf� noir").

    >>> from farmguard.features.document import Document
    >>> replacement_chars(Document.from_text("Die Stra\\ufffde war gesperrt."))
    (1.0, ['Die Stra\\ufffde war gesperrt.'])
    """
    hits = _scanned(doc).replacement
    text = doc.text
    return float(len(hits)), evidence([text[max(0, i - 20): i + 20] for i in hits])


@signal("encoding.combining_marks")
def combining_marks(doc: Document) -> Signal:
    """Per-character combining-mark obfuscation: the same mark on 4+ letters in a row ("s̶c̶r̶a̶m̶b̶l̶e̶d̶") or 4+ marks stacked on one letter.

    Yoruba or Vietnamese tone marks do not count: they vary from letter to letter and stack at most three deep.

    >>> from farmguard.features.document import Document
    >>> combining_marks(Document.from_text("Subscribe to read: t\\u0336h\\u0336e\\u0336 \\u0336m\\u0336i\\u0336n\\u0336i\\u0336s\\u0336t\\u0336e\\u0336r\\u0336")) == (1.0, ["t̶h̶e̶ ̶m̶i̶n̶i̶s̶t̶e̶r̶"])
    True
    """
    scan = _scanned(doc)
    if scan.combining < MIN_MARKED_RUN and scan.combining < MIN_STACKED_MARKS:
        return 0.0, []
    text = doc.text
    found = [m.group(0) for m in _MARKED_RUN.finditer(text)]
    found += [m.group(0) for m in _STACKED.finditer(text)]
    return float(len(found)), evidence(found)


@signal("encoding.spaced_letters")
def spaced_letters(doc: Document) -> Signal:
    """Words written with their letters spaced apart, 6+ single letters in a row: "w o r d s  l i k e  t h i s".

    >>> from farmguard.features.document import Document
    >>> spaced_letters(Document.from_text("The full story: t h e  m i n i s t e r  r e s i g n e d"))
    (1.0, ['t h e m i n i s t e r r e s i g n e d'])
    >>> spaced_letters(Document.from_text("Groups A and B play on Sunday."))
    (0.0, [])
    """
    text = doc.text
    found: list[str] = []
    last_end = -1
    for start, end in _scanned(doc).spaced:
        for m in _SPACED_RUN.finditer(text, max(0, start - 1, last_end), min(len(text), end + 1)):
            # All-capital runs are typographic letter-spacing of headings ("Q U E L L E N"), not obfuscation.
            if not m.group(0).isupper():
                found.append(m.group(0))
            last_end = m.end()
    return float(len(found)), evidence(found)


def _letter_of_alphabet(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < _ALPHABETIC_LIMIT


@signal("encoding.invisible_chars")
def invisible_chars(doc: Document) -> Signal:
    """Invisible characters inside words of alphabetic scripts: "ne\\u200bws", "Mini\\u2060ster" (zero-width space, word joiner, tag characters, …).

    >>> from farmguard.features.document import Document
    >>> invisible_chars(Document.from_text("The mini\\u200bster re\\u200bsigned."))
    (2.0, ['U+200B in “minister”', 'U+200B in “resigned”'])
    """
    positions = _scanned(doc).invisible
    if not positions:
        return 0.0, []
    text = doc.text
    found = []
    for i in positions:
        if 0 < i < len(text) - 1 and _letter_of_alphabet(text[i - 1]) and _letter_of_alphabet(text[i + 1]):
            word = _word_at(text, i, reach=15).replace(text[i], "")
            found.append(f"U+{ord(text[i]):04X} in “{word.strip('.,;:!?')}”")
    return float(len(found)), evidence(found)


@signal("encoding.format_chars", indicator=False)
def format_chars(doc: Document) -> Signal:
    """Measure: legitimate formatting code points (soft hyphens, zero-width joiners, direction marks) per 1,000 characters.

    >>> from farmguard.features.document import Document
    >>> format_chars(Document.from_text("Bundes\\u00adregierung"))
    (62.5, [])
    """
    n = _scanned(doc).format
    return (1000.0 * n / len(doc.text) if doc.text else 0.0), []
