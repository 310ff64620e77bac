"""Signal family `generator` (design.md §4.9): text-generator failures published as articles.

Sites that rewrite other outlets' stories with a chat model publish the model's failures along with
its successes: refusals ("I'm sorry, but I cannot fulfill this request"), self-references ("As an AI
language model…"), commentary about the task or the source ("Here is a rewritten version of the
article", "The article does not mention…") and unfilled prompt templates ("[Your Name]",
"[Insert quote]", "{city}"). NewsGuard counts these among the marks of unreliable AI-generated news
sites.

The lexicons (``data/generator/<lang>.tsv``, kinds ``ai_self``, ``refusal``, ``meta``,
``placeholder``, ``placeholder_prefix``) of the document's language and of English are matched in one
Aho–Corasick pass (farms publish English failures on pages in other languages); placeholders of every
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

from .document import Document
from .phrases import PhraseMatcher, lexicon, lexicon_languages
from .signal import NAN_SIGNAL, Signal, evidence, signal

FAMILY = "generator"
PHRASE_KINDS = ("ai_self", "refusal", "meta")
FALLBACK_LANG = "en"
LOOKBACK = 1500
"""Characters before a match searched for its line start and for open quotation marks."""
MAX_PLACEHOLDER_HITS = 50

_SQUARE = re.compile(r"\[([^\[\]\n]{1,40})\]")
_CURLY = re.compile(r"(?<!\{)\{([^{}\n]{1,30})\}(?!\})")
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


@functools.lru_cache(maxsize=None)
def _phrases(lang: str) -> PhraseMatcher:
    """The phrases of ``lang`` plus English (failures of English-prompted models show up everywhere).

    One automaton per language keeps the root of the trie small: an automaton over all languages'
    scripts at once costs about 3x more per character.
    """
    entries = [(k, p) for k, p in lexicon(FAMILY, lang) if k in PHRASE_KINDS]
    if lang != FALLBACK_LANG:
        entries += [(k, p) for k, p in lexicon(FAMILY, FALLBACK_LANG) if k in PHRASE_KINDS]
    entries += [(k, p) for k, p in lexicon(FAMILY, "any") if k in PHRASE_KINDS]
    return PhraseMatcher(entries)


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


def _scan(doc: Document) -> _Scan:
    text = doc.text
    scan = _Scan()
    hits = _phrases(doc.lang).find(text, doc.lower)
    scan.matched = bool(hits)
    for hit in hits:
        line_start = text.rfind("\n", max(0, hit.start - LOOKBACK), hit.start) + 1
        before = text[max(line_start, hit.start - LOOKBACK): hit.start]
        if _inside_quotes(before):
            scan.quoted.append(hit.text)
        elif hit.kind == "refusal" and not _opens_sentence(before):
            scan.quoted.append(hit.text)
        else:
            scan.found[hit.kind].append(hit.text)
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
    """The model speaking of itself outside quotation marks: "As an AI language model", "Als KI-Sprachmodell".

    >>> from farmguard.features.document import Document
    >>> ai_self_reference(Document.from_text("Als KI-Sprachmodell habe ich keine Meinung zur Wahl.", lang="de"))
    (1.0, ['Als KI-Sprachmodell'])
    >>> ai_self_reference(Document.from_text('The bot replied: "As an AI language model, I cannot vote."', lang="en"))
    (0.0, [])
    """
    return _phrase_signal(doc, _scanned(doc).found["ai_self"])


@signal("generator.refusal")
def refusal(doc: Document) -> Signal:
    """A refusal or apology that opens a line or sentence, outside quotes: "I'm sorry, but I cannot…", "Maaf, saya tidak dapat…".

    >>> from farmguard.features.document import Document
    >>> refusal(Document.from_text("Maaf, saya tidak dapat memenuhi permintaan ini.", lang="id"))
    (1.0, ['Maaf, saya tidak dapat'])
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
    """Measure: generator phrases inside quotation marks or mid-sentence (a story quoting a chatbot).

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
    if "[" in text:
        found += [m.group(0) for m in _SQUARE.finditer(text) if _is_placeholder(m.group(1), lex)]
    if "{" in text:
        found += [m.group(0) for m in _CURLY.finditer(text) if _is_placeholder(m.group(1).replace("_", " "), lex)]
    return found[:MAX_PLACEHOLDER_HITS]


@signal("generator.placeholder")
def placeholder(doc: Document) -> Signal:
    """Unfilled prompt-template placeholders: "[Your Name]", "[Insert quote from the mayor]", "{city}", "[Nama Perusahaan]".

    >>> from farmguard.features.document import Document
    >>> placeholder(Document.from_text("Residents of {city} welcomed the plan, said [Your Name], a spokesperson."))
    (2.0, ['[Your Name]', '{city}'])
    """
    found = doc.memo("generator.placeholders", lambda: _placeholders(doc))
    return float(len(found)), evidence(found)
