"""Signal family `feed` (design.md §4.8): leftovers of feed importers and auto-blogging plugins.

Sites that fill themselves from other outlets' RSS feeds (WP Automatic, Feedzy, WP RSS Aggregator,
WPeMatico, Yoast's RSS footer copied back in) leave the plugin's labels and template machinery in the
body: a "Source link" / "Read Entire Article" button as the last line, "The post … appeared first on …",
"Source: <outlet>" as a standalone last line, unfilled shortcodes (``[caption id=…]``) and template
tokens (``%%title%%``, ``{feedtitle}``), a category named after the copied outlet or the feed, the
excerpt cut "[…]", double-escaped HTML entities ("&#8217;").

Position matters. The phrase lexicons (``data/feed/<lang>.tsv``, kinds ``button``, ``lead``,
``source``, ``appeared``, ``notice``, ``category``) are matched in one Aho–Corasick pass over the lines
where such leftovers sit: the first 3 lines, the last 6 lines (the end of a long one) and every short
line (≤ 100 characters).
The lexicon of the document's language and the English one are matched (farms keep English plugin
labels on pages in other languages; one automaton per language keeps the pass cheap).
A label counts as an indicator only as a standalone line (a button at the end of the body); the same
words inside a sentence ("Continue reading the report, he said") go to the ``feed.inline_phrase``
measure. A phrase signal is NaN when the document's language has no lexicon and nothing matched.

>>> from farmguard.features.document import Document
>>> doc = Document.from_text("Der Minister trat zurück.\\n\\nQuelle: Spiegel Online", lang="de")
>>> source_line(doc)
(1.0, ['Quelle: Spiegel Online'])
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

import re2

from .document import Document
from .phrases import PREFILTER_MAX_PHRASES, PhraseMatcher, document_prefilter, lexicon, lexicon_languages, may_match
from .signal import NAN_SIGNAL, Signal, evidence, signal

FAMILY = "feed"
FALLBACK_LANG = "en"
CREDIT_FAMILY = "credit"

HEAD_LINES = 3
"""Lines at the top scanned whatever their length (notices, category lines)."""
TAIL_LINES = 6
"""Lines at the end scanned whatever their length (footers, buttons)."""
BUTTON_TAIL = 4
"""A button/lead line counts as ``feed.tail_button`` when it is one of the last this many lines."""
SOURCE_TAIL = 2
"""A "Source: <outlet>" line counts when it is one of the last this many lines."""
SHORT_LINE = 100
"""Lines of at most this many characters are scanned anywhere in the body."""
MAX_LINE = 300
"""Longer lines are not scanned whole (a label is not a paragraph) ..."""
LONG_TAIL_CHARS = 160
"""... except the end of a long line among the last ones (an excerpt's glued "more" link)."""
MAX_SOURCE_WORDS = 6
MAX_LEAD_WORDS = 15
MAX_BUTTON_TRAIL_WORDS = 12

_DECOR = " \t\u00a0-–—•·*>»›→←«‹<|:.…()[]!\"'“”‘’#=_~"
_TRAIL_ARROWS = ("→", "»", "›", "…", "...", ">>", "&rarr;", "&raquo;")
_COLONS = (":", "：")
_ELLIPSES = ("…", "...", "[…]", "[...]", "&hellip;", "[&hellip;]", "&#8230;", "[&#8230;]")

_SLOT = re.compile(r"\{(post|site)\}")
_DOMAIN = re.compile(r"\b[\w-]{2,40}\.(?:com|net|org|info|co|io|news|[a-z]{2})\b", re.IGNORECASE)
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]{1,40})(\s+[\w-]+\s*=)?[^\[\]\n]{0,300}\]")
_FEEDZY_TOKEN = re.compile(r"\[#([A-Za-z_]{2,40})\]")
_MUSTACHE = re.compile(r"\{\{\s*([A-Za-z_]{2,40})\s*\}\}")
_BRACE = re.compile(r"\{([A-Za-z_]{2,40})\}")  # a literal first character keeps the scan fast
_PERCENT = re.compile(r"%%([A-Za-z_]{2,40})%%")
_ENTITY = re.compile(
    r"&(?:#\d{2,6}|#[xX][0-9a-fA-F]{2,5}|amp|nbsp|quot|apos|hellip|rsquo|lsquo|rdquo|ldquo|mdash|ndash"
    r"|laquo|raquo|bull|middot|copy|reg|trade|eacute|egrave|agrave|ccedil|uuml|ouml|auml|szlig);"
)
_EXCERPT_ENDS = ("[…]", "[...]", "[ …]", "[ ... ]", "[&hellip;]", "[&#8230;]", "&hellip;")
MAX_MARKUP_HITS = 50
MAX_PHRASE_HITS = 200
"""Label matches examined per document (bounded time on hostile input)."""


def _anchor_and_regex(template: str) -> tuple[str, re.Pattern[str]]:
    """The longest literal piece of a ``{post}``/``{site}`` template and the full-line regex for it.

    >>> a, rx = _anchor_and_regex("The post {post} appeared first on {site}")
    >>> a, bool(rx.match("The post Rain in Lagos appeared first on Daily Wire NG."))
    ('appeared first on', True)
    """
    template = template.replace("’", "'")
    pieces = _SLOT.split(template)
    literals = pieces[0::2]
    anchor = max((p.strip() for p in literals), key=len).lower()
    parts = [r"^\W{0,3}"]
    for i, piece in enumerate(pieces):
        if i % 2:
            parts.append(".{1,250}?" if piece == "post" else ".{1,120}?")
            continue
        words = piece.split()
        lit = r"\s+".join(re.escape(w) for w in words)
        if piece[:1].isspace():
            lit = r"\s*" + lit
        if words and piece[-1:].isspace():
            lit += r"\s*"
        parts.append(lit)
    parts.append(r"\W{0,3}$")
    return anchor, re.compile("".join(parts), re.IGNORECASE)


@dataclass(frozen=True)
class _FeedLexicon:
    templates: dict[str, tuple[re.Pattern[str], ...]]
    outlets: PhraseMatcher
    agencies: PhraseMatcher
    shortcodes: frozenset[str]
    shortcodes_with_attr: frozenset[str]
    tokens: frozenset[str]
    languages: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _FeedLexicon:
    languages = lexicon_languages(FAMILY)
    templates: dict[str, list[re.Pattern[str]]] = {}
    for lang in sorted(languages):
        for kind, phrase in lexicon(FAMILY, lang):
            if kind == "appeared":
                anchor, rx = _anchor_and_regex(phrase)
                templates.setdefault(anchor, []).append(rx)
    common = lexicon(FAMILY, "any")
    by_kind: dict[str, list[str]] = {}
    for kind, phrase in common:
        by_kind.setdefault(kind, []).append(phrase)
    outlets = [("outlet", p) for k in ("outlet", "outlet_word", "feed_word") for p in by_kind.get(k, [])]
    # Agency names are the credit family's data (one list for the project): "Source: AFP" is a syndication
    # credit for that family to weigh, not a feed importer's leftover.
    agencies = [("agency", p) for k, p in lexicon(CREDIT_FAMILY, "any") if k.startswith("agency")]
    return _FeedLexicon(
        templates={k: tuple(v) for k, v in templates.items()},
        outlets=PhraseMatcher(outlets),
        agencies=PhraseMatcher(agencies),
        shortcodes=frozenset(p.lower() for p in by_kind.get("shortcode", [])),
        shortcodes_with_attr=frozenset(p.lower() for p in by_kind.get("shortcode_attr", [])),
        tokens=frozenset(p.lower() for p in by_kind.get("token", [])),
        languages=languages,
    )


@functools.lru_cache(maxsize=None)
def _phrases(lang: str) -> PhraseMatcher:
    """Label phrases of ``lang`` plus English (farms keep English plugin labels on pages in any language).

    Kinds are prefixed with the lexicon's language ("de:button"); a template contributes its anchor.
    """
    entries: list[tuple[str, str]] = []
    for source in dict.fromkeys((lang, FALLBACK_LANG)):
        for kind, phrase in lexicon(FAMILY, source):
            if kind == "appeared":
                phrase = _anchor_and_regex(phrase)[0]
            entries.append((f"{source}:{kind}", phrase))
    return PhraseMatcher(entries)


@document_prefilter(FAMILY)
def _prefilter(lang: str):
    """The label phrases as they may appear in ``doc.lower``: the candidate lines the family scans are pieces of
    the text's lines (joined by newlines, which no phrase holds), lower-cased character by character alike,
    except that a capital sigma lower-cases to σ or ς by its context; so a phrase found there is found here."""
    keys = _phrases(lang).keys
    if not keys or len(keys) > PREFILTER_MAX_PHRASES:
        return None
    sigma = re.compile("[σς]")
    return re2.compile("|".join(sigma.sub("[σς]", re2.escape(k)) for k in sorted(keys, key=len, reverse=True)))


@dataclass
class _Scan:
    """What one pass over a document's candidate lines found (shared by the family's signals)."""

    matched: bool = False
    tail_buttons: list[str] = field(default_factory=list)
    body_buttons: list[str] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)
    appeared: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)


def _candidate_lines(lines: list[str]) -> list[tuple[int, str]]:
    """``(line index, text scanned)``: head, tail and short lines; a long tail line contributes its end only."""
    n = len(lines)
    keep: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        size = len(line)
        in_tail = i >= n - TAIL_LINES
        if size > MAX_LINE:
            if in_tail:  # a long last paragraph may end with the excerpt's "… Continue reading" link
                keep.append((i, line[-LONG_TAIL_CHARS:]))
            continue
        if i < HEAD_LINES or in_tail or size <= SHORT_LINE:
            keep.append((i, line))
    return keep


def _same_length_lower(text: str) -> str:
    """``text.lower()`` with the offsets of ``text`` (``"İ".lower()`` is two characters: keep it one).

    >>> _same_length_lower("İstanbul Kaynak: X")
    'istanbul kaynak: x'
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c.lower()[0] for c in text)


def _only_decor(s: str) -> bool:
    return not s.strip(_DECOR)


def _word_count(s: str) -> int:
    return len(s.split())


def _after_colon(rest: str) -> str | None:
    """The text after a label's colon ("Source: Reuters" -> "Reuters"), or None when there is no colon."""
    rest = rest.lstrip(" \t\u00a0\u202f")
    if not rest.startswith(_COLONS):
        return None
    return rest[1:].strip()


def _classify(lex: _FeedLexicon, kind: str, phrase: str, line: str, start: int, end: int,
              index: int, n_lines: int, scan: _Scan) -> None:
    before, after = line[:start], line[end:]
    at_start = _only_decor(before)
    in_tail = index >= n_lines - BUTTON_TAIL
    if kind == "button":
        # a line of its own, or the "more" link a WordPress excerpt glues after its ellipsis ("… Continue reading →")
        opens = at_start or before.rstrip().endswith(_ELLIPSES)
        standalone = opens and not line.rstrip().endswith(_COLONS) and (
            _only_decor(after)
            or (after.rstrip().endswith(_TRAIL_ARROWS) and _word_count(after) <= MAX_BUTTON_TRAIL_WORDS)
        )
        if standalone:
            (scan.tail_buttons if in_tail else scan.body_buttons).append(line)
            return
    elif kind == "lead":
        tail = after.strip(_DECOR)
        if at_start and tail and _word_count(tail) <= MAX_LEAD_WORDS:
            (scan.tail_buttons if in_tail else scan.body_buttons).append(line)
            return
    elif kind == "source":
        named = _after_colon(after)
        if (not before.strip(" \t\u00a0-–—•·*>") and named and _word_count(named) <= MAX_SOURCE_WORDS and len(named) <= 80
                and index >= n_lines - SOURCE_TAIL):
            if not lex.agencies.find(named):
                scan.source_lines.append(line)
            return
    elif kind == "appeared":
        # the anchor's own templates first, then every template (another template's anchor may come later
        # in the same line: "Příspěvek … se nejdříve objevil na …")
        normal = line.replace("’", "'")
        own = lex.templates.get(phrase.lower(), ())
        if any(rx.match(normal) for rx in own) or any(
            rx.match(normal) for rxs in lex.templates.values() if rxs is not own for rx in rxs
        ):
            scan.appeared.append(line)
            return
    elif kind == "notice":
        scan.notices.append(line)
        return
    elif kind == "category":
        if at_start and (lex.outlets.find(after) or _DOMAIN.search(after)):
            scan.categories.append(line)
            return
    if kind in ("button", "lead", "notice"):  # "Source"/"Tags" words inside sentences are ordinary prose
        scan.inline.append(line[max(0, start - 20): end + 20])


def _scan(doc: Document) -> _Scan:
    scan = _Scan()
    if not may_match(doc, FAMILY):  # no label phrase anywhere in the text (most articles)
        return scan
    lex = _lexicon()
    lines = doc.lines
    keep = _candidate_lines(lines)
    if not keep:
        return scan
    starts: list[int] = []
    pos = 0
    for _, piece in keep:
        starts.append(pos)
        pos += len(piece) + 1
    joined = "\n".join(piece for _, piece in keep)
    hits = _phrases(doc.lang).find(joined, _same_length_lower(joined))
    scan.matched = bool(hits)
    n_lines = len(lines)
    seen_lines: set[tuple[int, str]] = set()
    for hit in hits[:MAX_PHRASE_HITS]:
        k = bisect.bisect_right(starts, hit.start) - 1
        index, piece = keep[k]
        kind = hit.kind.partition(":")[2]
        if (index, kind) in seen_lines:
            continue
        seen_lines.add((index, kind))
        line_start = starts[k]
        _classify(lex, kind, hit.phrase, piece, hit.start - line_start, hit.end - line_start,
                  index, n_lines, scan)
    return scan


def _scanned(doc: Document) -> _Scan:
    return doc.memo("feed.scan", lambda: _scan(doc))


def _phrase_signal(doc: Document, found: list[str]) -> Signal:
    if found:
        return float(len(found)), evidence(found)
    scan = _scanned(doc)
    if not scan.matched and doc.lang not in _lexicon().languages:
        return NAN_SIGNAL
    return 0.0, []


@signal("feed.tail_button")
def tail_button(doc: Document) -> Signal:
    """Feed-plugin buttons as standalone lines among the last 4: "Source link", "Read Entire Article", "Read the full story at …".

    >>> from farmguard.features.document import Document
    >>> tail_button(Document.from_text("Floods cut the coastal road again.\\n\\nRead Entire Article", lang="en"))
    (1.0, ['Read Entire Article'])
    """
    return _phrase_signal(doc, _scanned(doc).tail_buttons)


@signal("feed.source_line")
def source_line(doc: Document) -> Signal:
    """A standalone "Source: <outlet>" line among the last 2 (at most 6 words after the colon), in any covered language.

    A news agency as the source ("Source: AFP", "Quelle: dpa") is a syndication credit, left to the credit
    family (its agency list is used here).

    >>> from farmguard.features.document import Document
    >>> source_line(Document.from_text("El puerto reabrió el lunes.\\n\\nFuente: El Universal", lang="es"))
    (1.0, ['Fuente: El Universal'])
    >>> source_line(Document.from_text("Source: the ministry said on Friday that the port reopened.", lang="en"))
    (0.0, [])
    >>> source_line(Document.from_text("El puerto reabrió el lunes.\\n\\nFuente: EFE", lang="es"))
    (0.0, [])
    """
    return _phrase_signal(doc, _scanned(doc).source_lines)


@signal("feed.appeared_first")
def appeared_first(doc: Document) -> Signal:
    """The Yoast SEO RSS footer and its translations as a line: "The post … appeared first on …".

    >>> from farmguard.features.document import Document
    >>> appeared_first(Document.from_text("Harga beras naik.\\n\\nPos Harga Beras Naik muncul pertama kali di Kabar Kita.", lang="id"))
    (1.0, ['Pos Harga Beras Naik muncul pertama kali di Kabar Kita.'])
    """
    return _phrase_signal(doc, _scanned(doc).appeared)


@signal("feed.import_notice")
def import_notice(doc: Document) -> Signal:
    """Auto-import notices of feed plugins: "This post was originally published on this site".

    >>> from farmguard.features.document import Document
    >>> import_notice(Document.from_text("This post was originally published on this site\\n\\nThe council voted.", lang="en"))[0]
    1.0
    """
    return _phrase_signal(doc, _scanned(doc).notices)


@signal("feed.source_category")
def source_category(doc: Document) -> Signal:
    """A category or tag line naming a copied outlet or the feed: "Posted in Reuters, World", "Kategori: RSS Feed".

    >>> from farmguard.features.document import Document
    >>> source_category(Document.from_text("Prices rose.\\n\\nPosted in Reuters, World News", lang="en"))
    (1.0, ['Posted in Reuters, World News'])
    """
    return _phrase_signal(doc, _scanned(doc).categories)


@signal("feed.body_button", indicator=False)
def body_button(doc: Document) -> Signal:
    """Measure: standalone feed buttons before the last 4 lines ("Continue reading" between aggregated excerpts).

    >>> from farmguard.features.document import Document
    >>> body_button(Document.from_text("First excerpt.\\nContinue reading →\\nSecond.\\nThird.\\nFourth.\\nFifth.", lang="en"))
    (1.0, ['Continue reading →'])
    """
    return _phrase_signal(doc, _scanned(doc).body_buttons)


@signal("feed.inline_phrase", indicator=False)
def inline_phrase(doc: Document) -> Signal:
    """Measure: feed-plugin phrases in scanned lines that are not standalone labels (inside a sentence).

    >>> from farmguard.features.document import Document
    >>> inline_phrase(Document.from_text("Continue reading the report, he said.", lang="en"))[0]
    1.0
    """
    return _phrase_signal(doc, _scanned(doc).inline)


def _markup(doc: Document) -> list[str]:
    text = f"{doc.title}\n\n{doc.text}" if doc.title else doc.text  # unfilled tokens show up in headlines too
    lex = _lexicon()
    found: list[str] = []
    if "[" in text:
        for m in _SHORTCODE.finditer(text):
            closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if name in lex.shortcodes:
                found.append(m.group(0))
            elif name in lex.shortcodes_with_attr and (closing or attrs or f"[/{name}]" in text.lower()):
                found.append(m.group(0))
            elif "_" in name and name in lex.tokens:
                found.append(m.group(0))
            if len(found) >= MAX_MARKUP_HITS:
                return found
    # one-character checks first: a two-character `in` costs several times more on a 5 KB text
    checks = (
        ("[", "[#", _FEEDZY_TOKEN), ("{", "{{", _MUSTACHE), ("{", "{", _BRACE), ("%", "%%", _PERCENT),
    )
    for first, mark, pattern in checks:
        if first not in text or mark not in text:
            continue
        for m in pattern.finditer(text):
            if pattern is _BRACE and (text[m.start() - 1: m.start()] == "{" or text[m.end(): m.end() + 1] == "}"):
                continue  # part of a {{mustache}} token, counted above
            if m.group(1).lower() in lex.tokens:
                found.append(m.group(0))
                if len(found) >= MAX_MARKUP_HITS:
                    return found
    return found


@signal("feed.shortcode")
def shortcode(doc: Document) -> Signal:
    """Unfilled shortcodes and template tokens: ``[caption id="attachment_77"]``, ``%%title%%``, ``{feedtitle}``, ``[#item_url]``.

    >>> from farmguard.features.document import Document
    >>> shortcode(Document.from_text('[caption id="attachment_9" width="300"] Flooded street[/caption] Rain fell. %%sitename%%'))
    (3.0, ['[caption id="attachment_9" width="300"]', '[/caption]', '%%sitename%%'])
    """
    found = doc.memo("feed.markup", lambda: _markup(doc))
    return float(len(found)), evidence(found)


@signal("feed.excerpt_cut")
def excerpt_cut(doc: Document) -> Signal:
    """Paragraphs that end with a feed excerpt cut "[…]" / "[&hellip;]" (the importer took only the teaser).

    >>> from farmguard.features.document import Document
    >>> excerpt_cut(Document.from_text("The minister said the budget would rise next year, adding that […]\\n\\nMore news"))
    (1.0, ['…would rise next year, adding that […]'])
    """
    found = []
    for para in doc.paragraphs:
        if para.endswith(_EXCERPT_ENDS) and not para.startswith(("[", "(")):
            tail = para[-40:]
            found.append("…" + (tail.split(" ", 1)[-1] if len(para) > 40 else tail))
    return float(len(found)), evidence(found)


@signal("feed.html_entities")
def html_entities(doc: Document) -> Signal:
    """Literal HTML entities left in the text by a double-escaped feed: "&#8217;", "&amp;", "&hellip;".

    >>> from farmguard.features.document import Document
    >>> html_entities(Document.from_text("The mayor&#8217;s plan &amp; the budget"))
    (2.0, ['&#8217;', '&amp;'])
    """
    text = doc.text
    if "&" not in text or ";" not in text:
        return 0.0, []
    found = []
    for m in _ENTITY.finditer(text):
        found.append(m.group(0))
        if len(found) >= MAX_MARKUP_HITS:
            break
    return float(len(found)), evidence(found)

