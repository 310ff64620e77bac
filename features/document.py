"""The normalised view of one Article that every signal reads.

A :class:`Document` is built once per article and computes shared work
(lower-casing, paragraphs, word tokens, language) lazily and at most once, so
twenty signals that all need the tokens pay for one tokenisation. Signals may
memoise their own intermediate results with :meth:`Document.memo`, keyed by a
name of their family (``"spam.matches"``), so several signals of a family
share one pass.

>>> from farmguard.article import Article
>>> doc = Document.from_article(Article(text="Keluaran SGP\\n\\nBy gacor88", lang="id"))
>>> doc.lang, doc.paragraphs, doc.words
('id', ['Keluaran SGP', 'By gacor88'], ['Keluaran', 'SGP', 'By', 'gacor88'])
"""

from __future__ import annotations

import functools
import re
import unicodedata
from functools import cached_property
from typing import Any, Callable, TypeVar

import numpy as np

from farmguard.article import Article

from .language import UNKNOWN, detect_language, normalize_lang

T = TypeVar("T")

MAX_TEXT_CHARS = 200_000
"""Default limit: text beyond this many characters is cut (at the last paragraph or space before it)."""

_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_ASCII_WORD_OR_SPACE = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + bytes(range(128, 256))
"""``bytes.translate`` table: ASCII characters that ``\\w`` matches stay, every other ASCII character becomes a space."""
_SPACE = np.uint32(32)


@functools.lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """True for the BMP code points that ``re``'s ``\\w`` matches (``str.isalnum()`` or ``_``), built once (~10 ms)."""
    return np.frombuffer(bytes(chr(c).isalnum() or c == 95 for c in range(0x10000)), dtype=np.bool_)


def word_spaced(text: str, codepoints: np.ndarray | None = None) -> str:
    """``text`` with every character that ``\\w`` does not match replaced by a space: its ``str.split()`` is
    ``re.findall(r"\\w+", text)`` at C speed (no ``\\w`` character is whitespace, so the runs between spaces
    are exactly the matches).

    ASCII text goes through ``bytes.translate``; other text through a per-code-point table over its UTF-32
    ``codepoints`` (``Document.codepoints``). Text with a character beyond the BMP (emoji, rare CJK) is
    tokenised by the regex and its tokens joined by single spaces. Measured on the 300 bench_extract
    articles, tokenising this way took 41 µs vs 66 µs for the regex (ASCII: 25 vs 75).

    >>> word_spaced("By gacor88, l'été_2024 — 数千人!").split()
    ['By', 'gacor88', 'l', 'été_2024', '数千人']
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORD_OR_SPACE).decode("ascii")
    if codepoints is None:
        codepoints = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codepoints.max() > 0xFFFF:
        return " ".join(_WORD.findall(text))
    spaced = np.where(_word_table().take(codepoints), codepoints, _SPACE)
    return spaced.tobytes().decode("utf-32-le", "surrogatepass")


def lower_same_length(text: str) -> str:
    """``text.lower()``, except that characters whose lower case is longer keep only its first character.

    Only Turkish dotted capital "İ" (U+0130) lower-cases to two code points ("i" + U+0307). A text that has
    one is lower-cased character by character, where "Σ" is always "σ" (``str.lower`` writes the final
    form "ς" at a word end): two replacements and one ``str.lower`` do that at C speed.

    >>> lower_same_length("BİR İstanbul"), len(lower_same_length("İİ"))
    ('bir istanbul', 2)
    >>> lower_same_length("ΟΔΟΣ"), lower_same_length("İ ΟΔΟΣ")
    ('οδος', 'i οδοσ')
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return text.replace("\u0130", "i").replace("\u03a3", "\u03c3").lower()


def truncate_text(text: str, max_chars: int) -> tuple[str, bool]:
    """Cut ``text`` to at most ``max_chars``: at the last paragraph break, else the last space, in the final 10%
    (at least the last 50 characters).

    Without either there (Chinese, Japanese, Thai; one long token) the text is cut at the limit.

    >>> truncate_text("one two three", 9)
    ('one two', True)
    >>> truncate_text("short", 100)
    ('short', False)
    >>> len(truncate_text("新华社 " + "中" * 3000, 2000)[0])
    2000
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be >= 1, not {max_chars}")
    if len(text) <= max_chars:
        return text, False
    head = text[:max_chars]
    floor = max(0, max_chars - max(max_chars // 10, 50))
    cut = head.rfind("\n\n", floor)
    if cut < 0:
        cut = head.rfind(" ", floor)  # in the final 10% too: text without spaces (zh, ja, th) is cut at the limit
    return (head[:cut] if cut > 0 else head).rstrip(), True


def without_lone_surrogates(text: str) -> str:
    """Replace unpaired UTF-16 surrogates (from JSON ``"\\ud800"`` escapes) by U+FFFD; join escaped pairs.

    Such strings cannot be encoded as UTF-8, which regex engines (re2) and hashing need.

    >>> without_lone_surrogates("ok \\ud800 \\ud83d\\ude00") == "ok \\ufffd \\U0001f600"
    True
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


class Document:
    """Lazily computed, read-only views of one article's text for the signal extractors.

    Build it with :meth:`from_article`. All attributes are computed on first use.
    """

    __slots__ = ("article", "text", "title", "url", "html", "truncated", "_lang", "_memo", "__dict__")

    def __init__(self, article: Article, text: str, truncated: bool) -> None:
        self.article = article
        self.text = text
        self.title = without_lone_surrogates((article.title or "").strip())
        self.url = article.url
        self.html = article.html
        self.truncated = truncated
        self._lang = normalize_lang(article.lang) if article.lang else None
        self._memo: dict[str, Any] = {}

    @classmethod
    def from_article(cls, article: Article, max_chars: int = MAX_TEXT_CHARS) -> "Document":
        """Normalise an article's text (NFC, ``\\r\\n`` -> ``\\n``) and cut it to ``max_chars``.

        >>> Document.from_article(Article(text="a\\r\\nb")).text
        'a\\nb'
        """
        text, truncated = truncate_text(article.text, max_chars)
        utf8 = None
        if not text.isascii():  # encoded once here to find lone surrogates, and kept as ``utf8`` when final
            try:
                utf8 = text.encode("utf-8")
            except UnicodeEncodeError:
                text = without_lone_surrogates(text)
        if "\r" in text:
            text, utf8 = text.replace("\r\n", "\n").replace("\r", "\n"), None
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text, utf8 = unicodedata.normalize("NFC", text), None
        doc = cls(article, text, truncated)
        if utf8 is not None:
            doc.__dict__["utf8"] = utf8  # the cached_property's value
        return doc

    @classmethod
    def from_text(
        cls, text: str, lang: str | None = None, title: str | None = None, url: str | None = None
    ) -> "Document":
        """A Document of plain text (for examples, tests and callers without an Article).

        >>> Document.from_text("Geef een reactie", lang="nl_NL").lang
        'nl'
        """
        return cls.from_article(Article(text=text, lang=lang, title=title, url=url))

    # --- language -----------------------------------------------------------------
    @cached_property
    def detected_lang(self) -> tuple[str, float]:
        """Language identified from the text itself: ``(code, probability)``."""
        return detect_language(self.text)

    @property
    def lang(self) -> str:
        """The article's language: the given ``lang`` when present, else the detected one (``"und"`` if none)."""
        if self._lang and self._lang != UNKNOWN:
            return self._lang
        return self.detected_lang[0]

    # --- text views ---------------------------------------------------------------
    @cached_property
    def lower(self) -> str:
        """The text, lower-cased, with the same length as ``text`` so offsets found in one index the other.

        ``str.lower`` expands a few characters (Turkish "İ" becomes "i" + a combining dot); those keep
        only the first character of their lower-case form.

        >>> Document.from_article(Article(text="İspanya")).lower
        'ispanya'
        """
        return lower_same_length(self.text)

    @cached_property
    def paragraphs(self) -> list[str]:
        """Non-empty paragraphs, stripped: split on blank lines, or on single newlines when there are none."""
        parts = _PARAGRAPH_BREAK.split(self.text)
        if len(parts) == 1:
            parts = self.text.split("\n")
        return list(filter(None, map(str.strip, parts)))

    @cached_property
    def lines(self) -> list[str]:
        """Non-empty lines, stripped."""
        return list(filter(None, map(str.strip, self.text.split("\n"))))

    @cached_property
    def utf8(self) -> bytes:
        """The text as UTF-8 (google-re2 scans it: see features/utf8_scan.py); :meth:`from_article` keeps the
        encoding it makes to find lone surrogates, so non-ASCII text is encoded once.

        >>> Document.from_text("Zü\\r\\n").utf8
        b'Z\\xc3\\xbc\\n'
        """
        return self.text.encode("utf-8")

    @cached_property
    def codepoints(self) -> np.ndarray:
        """The text's code points (uint32, one per character: offsets index ``text``).

        >>> Document.from_text("Zü").codepoints.tolist()
        [90, 252]
        """
        return np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)

    @cached_property
    def words(self) -> list[str]:
        """Word tokens (``\\w+`` runs), in order, original case.

        >>> Document.from_text("By gacor88, today.").words
        ['By', 'gacor88', 'today']
        """
        return self.words_spaced.split()

    @cached_property
    def words_spaced(self) -> str:
        """The word tokens in order, separated by spaces (the text with every non-word character made a space:
        see :func:`word_spaced`); ``words`` is its ``split()``."""
        text = self.text
        return word_spaced(text, None if text.isascii() else self.codepoints)

    @cached_property
    def words_lower(self) -> list[str]:
        """Word tokens, lower-cased: ``words`` one for one (same length and order).

        One ``str.lower`` over :attr:`words_lower_spaced` (cheaper than a second tokenisation or a ``lower``
        per token). Turkish dotted capital I lower-cases to plain ``i`` (not ``i`` + U+0307).

        >>> Document.from_text("İstanbul'da LEZEN").words_lower
        ['istanbul', 'da', 'lezen']
        """
        return self.words_lower_spaced.split()

    @cached_property
    def words_lower_spaced(self) -> str:
        """:attr:`words_spaced` lower-cased (dotted capital I as plain ``i``): the lower-cased tokens separated by
        spaces. Spaces stop ``str.lower``'s final-sigma context as a separator between tokens would, so each token
        lower-cases as on its own.

        >>> Document.from_text("Keluaran, SGP!").words_lower_spaced
        'keluaran  sgp '
        """
        low = self.words_spaced.lower()
        return low.replace("i\u0307", "i") if "\u0307" in low else low

    @cached_property
    def words_lower_joined(self) -> str:
        """The lower-cased tokens joined by NUL (``\\x00`` never occurs inside a ``\\w`` token).

        >>> Document.from_text("Keluaran SGP").words_lower_joined
        'keluaran\\x00sgp'
        """
        return "\x00".join(self.words_lower)

    # --- shared intermediate results --------------------------------------------------
    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute ``compute()`` once per document under ``key`` and return the cached value after.

        >>> doc = Document.from_article(Article(text="x"))
        >>> doc.memo("demo.n", lambda: 41 + 1)
        42
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value
