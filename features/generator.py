"""Signal family `generator` (design.md §4.9): text-generator failures published as articles.

Sites that rewrite other outlets' stories with a chat model publish the model's failures along with
its successes: refusals ("I'm sorry, but I cannot fulfill this request"), self-references ("As an AI
language model…"), commentary about the task or the source ("Here is a rewritten version of the
article", "The article does not mention…") and unfilled prompt templates ("[Your Name]",
"[Insert quote]", "{city}"). NewsGuard counts these among the marks of unreliable AI-generated news
sites.

The lexicons (``data/generator/<lang>.tsv``, kinds ``ai_self``, ``refusal``, ``meta``,
``placeholder``, ``placeholder_prefix``) of the document's language and of English are matched in one
RE2 pass (farms publish English failures on pages in other languages); placeholders of every
language are checked. Precision comes from position: a
match inside quotation marks (a news story quoting a chatbot) is not an indicator but goes to the
``generator.quoted`` measure, and a refusal counts only where it opens a line or a sentence. Phrase
signals are NaN when the document's language has no lexicon and nothing matched.

>>> from farmguard.features.document import Document
>>> refusal(Document.from_text("Lo siento, pero no puedo reescribir este artículo.", lang="es"))
(1.0, ['Lo siento, pero no puedo'])
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import re2

from .document import Document
from .phrases import _is_word_char, _needs_boundary, document_prefilter, lexicon, lexicon_languages, may_match
from .signal import NAN_SIGNAL, Signal, evidence, signal
from .utf8_scan import finditer_spans, utf8_lower

FAMILY = "generator"
PHRASE_KINDS = ("ai_self", "refusal", "meta")
FALLBACK_LANG = "en"
FIRST_PERSON_BEFORE = 40
FIRST_PERSON_AFTER = 60
LOOKBACK = 1500
"""Characters before a match searched for its line start and for open quotation marks."""
MAX_PLACEHOLDER_HITS = 50
MAX_PHRASE_HITS = 200
"""Phrase matches examined per document (bounded time on hostile input)."""

_WORD = re.compile(r"\w+")
_SQUARE = re.compile(r"\[([^\[\]\n]{1,40})\]")
_CURLY = re.compile(r"\{([^{}\n]{1,30})\}")  # a literal first character keeps the scan fast
_SENTENCE_END = ".!?:;。！？…"
_OPENERS = "“«「『‹"
_CLOSERS = "”»」』›"


@dataclass(frozen=True)
class _GeneratorLexicon:
    placeholders: frozenset[str]
    placeholder_prefixes: tuple[str, ...]
    languages: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _GeneratorLexicon:
    languages = lexicon_languages(FAMILY)
    exact: set[str] = set()
    prefixes: set[str] = set()
    for lang in sorted(languages) + ["any"]:
        for kind, phrase in lexicon(FAMILY, lang):
            if kind == "placeholder":
                exact.add(phrase.lower())
            elif kind == "placeholder_prefix":
                prefixes.add(phrase.lower())
    return _GeneratorLexicon(frozenset(exact), tuple(sorted(prefixes)), languages)


@dataclass(frozen=True)
class _PhraseScanner:
    """One RE2 alternation over a language's lower-cased phrases (linear time, one pass) and their kinds."""

    pattern: "re2._Regexp | None"
    kinds: dict[str, tuple[str, bool]]
    """phrase -> (kind, whether its language lists first-person words, i.e. the self-reference check applies)"""
    first_person_words: frozenset[str]
    first_person_chars: tuple[str, ...]


@functools.lru_cache(maxsize=None)
def _phrases(lang: str) -> _PhraseScanner:
    """The phrases of ``lang`` plus English (failures of English-prompted models show up everywhere).

    Measured on ~5 KB articles, an RE2 alternation of the ~80 phrases of one language costs about half of
    a pyahocorasick pass, and a third of an automaton over every language at once.
    """
    kinds: dict[str, tuple[str, bool]] = {}
    words: set[str] = set()
    chars: set[str] = set()
    for source in dict.fromkeys((lang, FALLBACK_LANG, "any")):
        checked = any(kind == "first_person" for kind, _ in lexicon(FAMILY, source))
        for kind, phrase in lexicon(FAMILY, source):
            if kind in PHRASE_KINDS and phrase.strip():
                kinds.setdefault(phrase.lower(), (kind, checked))
            elif kind == "first_person":
                # whole words where \w+ splits the script into words; substrings where it cannot (scripts
                # without spaces, and Indic words whose vowel signs \w does not match)
                whole = _needs_boundary(phrase) and all(c.isalnum() for c in phrase)
                (words if whole else chars).add(phrase.lower())
    if not kinds:
        return _PhraseScanner(None, kinds, frozenset(), ())
    alternation = "|".join(re.escape(p) for p in sorted(kinds, key=len, reverse=True))
    return _PhraseScanner(re2.compile(alternation), kinds, frozenset(words), tuple(sorted(chars)))


@document_prefilter(FAMILY)
def _prefilter(lang: str):
    return _phrases(lang).pattern


def _first_person_near(scanner: _PhraseScanner, lower: str, start: int, end: int) -> bool:
    """A first-person word within 40 characters before to 60 after the match (the match included).

    Phrases of languages without ``first_person`` entries (Arabic and Turkish mark the person on the word
    itself: "بصفتي", "görüşlerim") are not checked.
    """
    window = lower[max(0, start - FIRST_PERSON_BEFORE): end + FIRST_PERSON_AFTER]
    if any(c in window for c in scanner.first_person_chars):
        return True
    return not scanner.first_person_words.isdisjoint(_WORD.findall(window))


def _bounded(lower: str, start: int, end: int) -> bool:
    """True when a match does not cut a word (phrases of scripts written without spaces match anywhere)."""
    if not _needs_boundary(lower[start:end]):
        return True
    if start > 0 and _is_word_char(lower[start - 1]) and _is_word_char(lower[start]):
        return False
    return not (end < len(lower) and _is_word_char(lower[end]) and _is_word_char(lower[end - 1]))


def _inside_quotes(before: str) -> bool:
    """True when the text before a match (its line so far) leaves a quotation open.

    >>> _inside_quotes('He typed: "As an'), _inside_quotes('„Als KI-Sprachmodell'), _inside_quotes('He said “no” and')
    (True, True, False)
    """
    if before.count('"') % 2:
        return True
    low_open = before.count("„")
    curly_open = before.count("“")
    if low_open:  # German/Czech/Polish style „…“: “ closes
        if low_open > curly_open:
            return True
        curly_open = 0
    opens = curly_open + sum(before.count(c) for c in "«「『‹")
    closes = sum(before.count(c) for c in _CLOSERS)
    return opens > closes


def _opens_sentence(before: str) -> bool:
    stripped = before.rstrip(" \t\u00a0*-–—•>#")
    return not stripped or stripped[-1] in _SENTENCE_END


@dataclass
class _Scan:
    matched: bool = False
    found: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in PHRASE_KINDS})
    quoted: list[str] = field(default_factory=list)


def _scan_piece(scan: _Scan, scanner: _PhraseScanner, text: str, lower: str, raw: bytes | None = None) -> None:
    text = text if len(text) == len(lower) else lower
    for start, end in finditer_spans(scanner.pattern, lower, MAX_PHRASE_HITS, raw):
        if not _bounded(lower, start, end):
            continue
        scan.matched = True
        kind, checked = scanner.kinds[lower[start:end]]
        span = text[start:end]
        if kind == "ai_self" and checked and not _first_person_near(scanner, lower, start, end):
            scan.quoted.append(span)
            continue
        line_start = text.rfind("\n", max(0, start - LOOKBACK), start) + 1
        before = text[max(line_start, start - LOOKBACK): start]
        if _inside_quotes(before) or (kind == "refusal" and not _opens_sentence(before)):
            scan.quoted.append(span)
        else:
            scan.found[kind].append(span)


def _scan(doc: Document) -> _Scan:
    """Match the title (farms publish failed generations as headlines too) and the text."""
    scan = _Scan()
    scanner = _phrases(doc.lang)
    if scanner.pattern is None:
        return scan
    if doc.title:
        _scan_piece(scan, scanner, doc.title, doc.title.lower())
    if may_match(doc, FAMILY):
        _scan_piece(scan, scanner, doc.text, doc.lower, utf8_lower(doc))
    return scan


def _scanned(doc: Document) -> _Scan:
    return doc.memo("generator.scan", lambda: _scan(doc))


def _phrase_signal(doc: Document, found: list[str]) -> Signal:
    if found:
        return float(len(found)), evidence(found)
    if not _scanned(doc).matched and doc.lang not in _lexicon().languages:
        return NAN_SIGNAL
    return 0.0, []


@signal("generator.ai_self_reference")
def ai_self_reference(doc: Document) -> Signal:
    """The model speaking of itself, in the first person, outside quotation marks: "As an AI language model, I…".

    >>> from farmguard.features.document import Document
    >>> ai_self_reference(Document.from_text("Als KI-Sprachmodell habe ich keine Meinung zur Wahl.", lang="de"))
    (1.0, ['Als KI-Sprachmodell'])
    >>> ai_self_reference(Document.from_text('The bot replied: "As an AI language model, I cannot vote."', lang="en"))
    (0.0, [])
    >>> ai_self_reference(Document.from_text("ChatGPT, as a language model, predicts the next word.", lang="en"))
    (0.0, [])
    """
    return _phrase_signal(doc, _scanned(doc).found["ai_self"])


@signal("generator.refusal")
def refusal(doc: Document) -> Signal:
    """A refusal or apology that opens a line or sentence, outside quotes: "I'm sorry, but I cannot…", "Maaf, saya tidak dapat…".

    >>> from farmguard.features.document import Document
    >>> refusal(Document.from_text("Maaf, saya tidak dapat memenuhi permintaan ini.", lang="id"))
    (1.0, ['Maaf, saya tidak dapat'])
    >>> refusal(Document.from_text("The port reopened.", lang="en", title="I'm sorry, but I cannot fulfill this request"))
    (1.0, ["I'm sorry, but I cannot"])
    """
    return _phrase_signal(doc, _scanned(doc).found["refusal"])


@signal("generator.meta_commentary")
def meta_commentary(doc: Document) -> Signal:
    """Commentary about the task or the source: "Here is a rewritten version…", "The article does not mention…".

    >>> from farmguard.features.document import Document
    >>> meta_commentary(Document.from_text("Here is a rewritten version of the article:\\n\\nThe port reopened.", lang="en"))
    (1.0, ['Here is a rewritten version'])
    """
    return _phrase_signal(doc, _scanned(doc).found["meta"])


@signal("generator.quoted", indicator=False)
def quoted(doc: Document) -> Signal:
    """Measure: generator phrases inside quotation marks, mid-sentence refusals, third-person self-references.

    >>> from farmguard.features.document import Document
    >>> quoted(Document.from_text('The bot replied: "As an AI language model, I cannot vote."', lang="en"))
    (1.0, ['As an AI language model'])
    """
    return _phrase_signal(doc, _scanned(doc).quoted)


def _is_placeholder(inner: str, lex: _GeneratorLexicon) -> bool:
    key = " ".join(inner.split()).lower()
    if key in lex.placeholders:
        return True
    return any(key.startswith(p) and (len(key) == len(p) or key[len(p)] == " ") for p in lex.placeholder_prefixes)


def _placeholders(doc: Document) -> list[str]:
    text = doc.text
    lex = _lexicon()
    found: list[str] = []
    for mark, pattern, normal in (("[", _SQUARE, False), ("{", _CURLY, True)):
        if mark not in text:
            continue
        for m in pattern.finditer(text):
            inner = m.group(1).replace("_", " ") if normal else m.group(1)
            if _is_placeholder(inner, lex):
                found.append(m.group(0))
                if len(found) >= MAX_PLACEHOLDER_HITS:
                    return found
    return found


@signal("generator.placeholder")
def placeholder(doc: Document) -> Signal:
    """Unfilled prompt-template placeholders: "[Your Name]", "[Insert quote from the mayor]", "{city}", "[Nama Perusahaan]".

    >>> from farmguard.features.document import Document
    >>> placeholder(Document.from_text("Residents of {city} welcomed the plan, said [Your Name], a spokesperson."))
    (2.0, ['[Your Name]', '{city}'])
    """
    found = doc.memo("generator.placeholders", lambda: _placeholders(doc))
    return float(len(found)), evidence(found)
