"""Lexicons (data files per language) and fast literal phrase matching.

Lexicons live in ``features/data/<family>/<lang>.tsv``: one entry per line,
``kind<TAB>phrase`` (or just ``phrase``, kind ``default``); lines starting
with ``#`` are comments that say where the entries came from. Language keys are
those of :func:`features.language.normalize_lang`; ``any.tsv`` holds entries
that apply in every language (brand patterns, agency names).

Matching is Aho–Corasick over the lower-cased text (pyahocorasick), whatever
the number of phrases, with word-boundary checks for scripts that separate
words by spaces: up to 2,000 phrases, one re2 alternation finds where phrases
occur and the automaton reads only those windows; larger lexicons run one
automaton per first UTF-8 byte of their phrases, those the text holds. Families that scan a whole document register their
prefilter (:func:`document_prefilter`); one re2 set pass over the document then
tells which of them can match at all (:func:`may_match`).

>>> m = PhraseMatcher([("read_also", "baca juga"), ("read_also", "lezen")])
>>> [(x.kind, x.text) for x in m.find("Lihat: BACA JUGA berita lain. Lezen")]
[('read_also', 'BACA JUGA'), ('read_also', 'Lezen')]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterable

import ahocorasick
import re2

from .document import Document
from .utf8_scan import finditer_spans, utf8_lower

DATA_PACKAGE = "farmguard.features"
PREFILTER_MAX_PHRASES = 2_000
"""Matchers of up to this many phrases first find with one google-re2 alternation where phrases occur at all
(measured on real 5 KB articles: ~15 µs vs ~50 µs for iterating the automaton, and most articles have no hit);
the automaton then runs only on short windows around those matches (re2 alone reports neither overlapping
matches nor the ones a word-boundary check would reject). Larger sets exhaust RE2's DFA memory (measured with 7,000
phrases) and always go to the automaton."""


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """One occurrence of a lexicon phrase: ``text`` is the span as written in the document."""

    start: int
    end: int
    kind: str
    phrase: str
    text: str


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _needs_boundary(phrase: str) -> bool:
    # Scripts written without spaces (CJK, Thai, Lao, Khmer, Myanmar) match anywhere.
    return not any(
        "\u0e00" <= c <= "\u0eff" or "\u1000" <= c <= "\u109f" or "\u1780" <= c <= "\u17ff"
        or "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"
        for c in phrase
    )


def _lead_byte(phrase: str) -> int:
    """The first UTF-8 byte of ``phrase`` (0 for every ASCII character): it names a block of 64 (two-byte
    characters: Cyrillic "d0".."d3") or 4,096 code points (three-byte: CJK "e4".."e9").

    >>> _lead_byte("lezen"), hex(_lead_byte("читать")), hex(_lead_byte("相关文章"))
    (0, '0xd1', '0xe7')
    """
    lead = phrase[:1].encode("utf-8", "surrogatepass")[:1]
    return lead[0] if lead and lead[0] >= 0x80 else 0


_NOT_LEAD_BYTES = bytes(range(0xC0))
"""ASCII and UTF-8 continuation bytes: deleted from a text's UTF-8, the lead bytes of its other characters remain."""


class PhraseMatcher:
    """Find every occurrence of many literal phrases in one pass (case-insensitive).

    Built once per lexicon and shared read-only; safe to use from many threads.
    """

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._automaton = ahocorasick.Automaton()
        count = 0
        for kind, phrase in entries:
            key = phrase.lower()
            if not key.strip():
                continue
            # One key may carry several kinds; keep the first (lexicons list the strongest first).
            if key not in self._automaton:
                self._automaton.add_word(key, (kind, phrase, len(key), _needs_boundary(key)))
                count += 1
        self.size = count
        self._longest = max(map(len, self._automaton.keys()), default=0)
        self._prefilter = None
        self._by_lead: dict[int, ahocorasick.Automaton] = {}
        if count:
            self._automaton.make_automaton()
            if count > PREFILTER_MAX_PHRASES:
                self._split_by_script()
            else:
                keys = sorted(self._automaton.keys(), key=len, reverse=True)
                try:
                    self._prefilter = re2.compile("|".join(map(re2.escape, keys)))
                except re2.error:
                    self._prefilter = None

    def _split_by_script(self) -> None:
        """One automaton per first UTF-8 byte of the phrases (:func:`_lead_byte`), for matchers too large for a
        re2 prefilter.

        pyahocorasick looks a character up among a node's children one by one, and a text falls back to the
        root at most characters: with the phrases of every script the root has ~500 children (residue: 7,000
        phrases, ~65 ns per character), with ASCII-initial phrases only ~30 (~18 ns). A text is scanned by the
        ASCII automaton and by those of the lead bytes its UTF-8 holds; each phrase is in one of them, so
        together they find every occurrence the single automaton finds.
        """
        groups: dict[int, list[str]] = {}
        for key in self._automaton.keys():
            groups.setdefault(_lead_byte(key), []).append(key)
        for lead, keys in sorted(groups.items()):
            automaton = ahocorasick.Automaton()
            for key in keys:
                automaton.add_word(key, self._automaton.get(key))
            automaton.make_automaton()
            self._by_lead[lead] = automaton

    def _script_automata(self, lower: str) -> list[ahocorasick.Automaton]:
        """The automata whose phrases may occur in ``lower``: the ASCII one and those of its lead bytes."""
        try:
            leads = {0, *lower.encode("utf-8").translate(None, _NOT_LEAD_BYTES)}
        except UnicodeEncodeError:  # lone surrogates: every automaton
            return list(self._by_lead.values())
        return [automaton for lead, automaton in self._by_lead.items() if lead in leads]

    @property
    def keys(self) -> tuple[str, ...]:
        """The lower-cased phrases matched."""
        return tuple(self._automaton.keys()) if self.size else ()

    @property
    def prefilter(self) -> re2._Regexp | None:
        """The re2 alternation of the keys (None for large or empty matchers, which always run the automaton)."""
        return self._prefilter

    def _windows(self, lower: str, raw: bytes | None) -> list[tuple[int, int]]:
        """Character ranges of ``lower`` that hold every occurrence of every phrase, from one re2 pass.

        re2 reports leftmost, non-overlapping matches, so every occurrence of a phrase (the automaton reports
        overlapping ones too) starts inside one of its match spans; it ends at most ``longest - 1``
        characters after that span's end. Overlapping ranges are merged; the automaton then reads only these.
        """
        windows: list[tuple[int, int]] = []
        reach = self._longest - 1
        n = len(lower)
        for s, e in finditer_spans(self._prefilter, lower, raw=raw):
            e = min(n, e + reach)
            if windows and s <= windows[-1][1]:
                if e > windows[-1][1]:
                    windows[-1] = (windows[-1][0], e)
            else:
                windows.append((s, e))
        return windows

    def find(self, text: str, lower: str | None = None, raw: bytes | None = None) -> list[PhraseMatch]:
        """All non-overlapping matches, leftmost-longest, in text order.

        ``lower`` may pass ``text.lower()`` when the caller already has it; it must
        have the same length as ``text`` (else matching falls back to case-folded offsets).
        ``raw`` may pass ``lower.encode("utf-8")`` (see :func:`utf8_scan.utf8_lower`).
        """
        if not self.size or not text:
            return []
        if lower is None:
            lower = text.lower()
        n_lower = len(lower)
        passes = [(self._automaton, 0, n_lower)]
        if self._prefilter is not None:
            try:
                passes = [(self._automaton, s, e) for s, e in self._windows(lower, raw)]
            except UnicodeEncodeError:  # lone surrogates cannot be UTF-8 encoded for re2: use the automaton
                pass
            if not passes:
                return []  # no phrase anywhere: the automaton would find nothing either
        elif self._by_lead:
            passes = [(automaton, 0, n_lower) for automaton in self._script_automata(lower)]
        same_len = len(lower) == len(text)
        found: list[PhraseMatch] = []
        for automaton, w_start, w_end in passes:
            for end_idx, (kind, phrase, n, boundary) in automaton.iter(lower, w_start, w_end):
                start = end_idx - n + 1
                end = end_idx + 1
                if boundary and (
                    (start > 0 and _is_word_char(lower[start - 1]) and _is_word_char(lower[start]))
                    or (end < n_lower and _is_word_char(lower[end]) and _is_word_char(lower[end - 1]))
                ):
                    continue
                span = text[start:end] if same_len else lower[start:end]
                found.append(PhraseMatch(start, end, kind, phrase, span))
        # leftmost-longest, non-overlapping
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[PhraseMatch] = []
        last_end = -1
        for m in found:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        return out


_DOCUMENT_PREFILTERS: dict[str, Callable[[str], re2._Regexp | None]] = {}
"""Per-language prefilters of the families that scan a whole document's lower-cased text: filled when the family
modules are imported (like the signal registry), only read after."""


def document_prefilter(name: str) -> Callable[[Callable[[str], re2._Regexp | None]], Callable[[str], re2._Regexp | None]]:
    """Register ``fn(lang)``, which returns the re2 pattern a family scans ``doc.lower`` with (None: no prefilter),
    under ``name``; :func:`may_match` then answers for it from the shared set pass."""

    def register(fn: Callable[[str], re2._Regexp | None]) -> Callable[[str], re2._Regexp | None]:
        _DOCUMENT_PREFILTERS[name] = fn
        return fn

    return register


@dataclass(frozen=True, slots=True)
class _PrefilterSet:
    names: tuple[str, ...]
    patterns: re2.Set | None
    indices: tuple[str | None, ...]
    """The name of each pattern of the set, by index; None for the end-of-text sentinel."""
    always: frozenset[str]
    """Names without a prefilter: they may always match."""


@functools.lru_cache(maxsize=None)
def _prefilter_set(lang: str, names: tuple[str, ...]) -> _PrefilterSet:
    patterns = re2.Set.SearchSet()
    indices: list[str | None] = []
    always: set[str] = set()
    for name in names:
        pattern = _DOCUMENT_PREFILTERS[name](lang)
        if pattern is None:
            always.add(name)
            continue
        patterns.Add(pattern.pattern)
        indices.append(name)
    if not indices:
        return _PrefilterSet(names, None, (), frozenset(always))
    # The sentinel matches at the end of every text: a pass without it is one whose DFA ran out of memory
    # (re2's set reports no match then), and every family is scanned as if the set had not run.
    patterns.Add(r"\z")
    indices.append(None)
    patterns.Compile()
    return _PrefilterSet(names, patterns, tuple(indices), frozenset(always))


def _present(doc: Document) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple(sorted(_DOCUMENT_PREFILTERS))
    pre = _prefilter_set(doc.lang, names)
    if pre.patterns is None:
        return names, frozenset(names)
    try:
        found = pre.patterns.Match(utf8_lower(doc)) or []
    except UnicodeEncodeError:
        return names, frozenset(names)
    if len(pre.indices) - 1 not in found:
        return names, frozenset(names)
    return names, pre.always | {pre.indices[i] for i in found if pre.indices[i] is not None}


def may_match(doc: Document, name: str) -> bool:
    """False when the prefilter registered as ``name`` has no match in ``doc.lower``: the family's scan of the
    text would find nothing, and is skipped.

    One re2 set pass answers for every registered family (measured on real 5 KB English articles: ~9 µs for the
    spam, credit, boilerplate and generator prefilters together, ~28 µs for four separate passes); most
    articles match none of them. A family registered after the pass is answered True.

    >>> from . import spam
    >>> may_match(Document.from_text("Keluaran SGP", lang="id"), "spam"), may_match(Document.from_text("Banjir", lang="id"), "spam")
    (True, False)
    """
    names, present = doc.memo("phrases.present", lambda: _present(doc))
    return name in present or name not in names


def _lexicon_text(family: str, lang: str) -> str | None:
    try:
        res = resources.files(DATA_PACKAGE).joinpath("data", family, f"{lang}.tsv")
        if not res.is_file():
            return None
        return res.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None


def parse_lexicon(text: str) -> list[tuple[str, str]]:
    """Parse lexicon file text into ``(kind, phrase)`` entries.

    >>> parse_lexicon("# from WordPress core nl_NL\\ncomment_form\\tGeef een reactie\\nLEZEN\\n")
    [('comment_form', 'Geef een reactie'), ('default', 'LEZEN')]
    """
    entries = []
    for raw in text.splitlines():
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in line:
            kind, phrase = line.split("\t", 1)
            entries.append((kind.strip() or "default", phrase.strip()))
        else:
            entries.append(("default", line.strip()))
    return entries


@functools.lru_cache(maxsize=None)
def lexicon(family: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The ``(kind, phrase)`` entries of ``data/<family>/<lang>.tsv`` (empty when there is none).

    Loaded once per process and shared read-only.
    """
    text = _lexicon_text(family, lang)
    return tuple(parse_lexicon(text)) if text else ()


@functools.lru_cache(maxsize=None)
def lexicon_languages(family: str) -> frozenset[str]:
    """Languages that have a lexicon file for ``family`` (``any`` excluded)."""
    try:
        folder = resources.files(DATA_PACKAGE).joinpath("data", family)
        names = [p.name for p in folder.iterdir() if p.name.endswith(".tsv")]
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        return frozenset()
    return frozenset(n[:-4] for n in names if n != "any.tsv")


@functools.lru_cache(maxsize=None)
def matcher(family: str, lang: str, include_any: bool = True) -> PhraseMatcher:
    """A cached matcher over a family's lexicon for ``lang`` (plus ``any.tsv`` when asked)."""
    entries = list(lexicon(family, lang))
    if include_any:
        entries += lexicon(family, "any")
    return PhraseMatcher(entries)


@functools.lru_cache(maxsize=None)
def all_languages_matcher(family: str) -> PhraseMatcher:
    """One matcher over a family's lexicons in every language (for strings leaked from other languages)."""
    entries: list[tuple[str, str]] = []
    for lang in sorted(lexicon_languages(family)):
        entries += [(f"{lang}:{kind}", phrase) for kind, phrase in lexicon(family, lang)]
    entries += lexicon(family, "any")
    return PhraseMatcher(entries)
