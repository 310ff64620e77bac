"""Signal family ``boilerplate``: region/access/consent/paywall blocks copied into the body (design.md §4.2).

A scraper that copies a page's text often takes its chrome along: the geo-block
notice ("This content is not available in your region"), the cookie/GDPR banner,
the paywall prompt ("Subscribe to continue reading"), comment-access and
page-control lines ("Access to the comments", "Text size Aa Aa"), advertisement labels. The title is read
too (a plain-text reader takes the first line as the title). A phrase counts
only when its line is short (a banner or control, not a news sentence that quotes
a cookie policy). Where the blocks sit (top, middle, bottom of the body) is
reported as separate measures.

Phrase lists are data files (``data/boilerplate/<lang>.tsv``, 25 languages); English
chrome is matched in every language that has a list, since it leaks into pages of any
language. Languages without a list get NaN.

>>> from .document import Document
>>> doc = Document.from_text("This content is not available in your region\\n\\nThe story begins here and goes on.", lang="en")
>>> region(doc)
(1.0, ['This content is not available in your region'])
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .document import Document
from .layout import is_short, layout
from .phrases import PhraseMatcher, document_prefilter, lexicon, lexicon_languages, may_match
from .signal import NAN_SIGNAL, Signal, evidence, signal
from .utf8_scan import utf8_lower

FAMILY = "boilerplate"
SHARED_LANG = "en"
"""Chrome in this language is matched in documents of every language that has a list."""

AD_DECORATION = " -–—|*•·:[](){}<>"
MAX_LINE_WORDS = 30
MAX_LINE_CHARS = 300


@functools.lru_cache(maxsize=None)
def boilerplate_matcher(lang: str) -> PhraseMatcher:
    """One automaton over the language's boilerplate phrases plus the English ones."""
    entries = list(lexicon(FAMILY, lang))
    if lang != SHARED_LANG:
        entries += lexicon(FAMILY, SHARED_LANG)
    entries += lexicon(FAMILY, "any")
    return PhraseMatcher(entries)


@document_prefilter(FAMILY)
def _prefilter(lang: str):
    return boilerplate_matcher(lang).prefilter


@dataclass(frozen=True, slots=True)
class BoilerplateHit:
    """A boilerplate phrase on a short line: its kind, the whole line, and where the line sits."""

    kind: str
    line: str
    line_span: tuple[int, int]
    position: str


_REGION_KINDS = frozenset({"region"})
_CONSENT_KINDS = frozenset({"consent"})
_PAYWALL_KINDS = frozenset({"paywall"})
_ACCESS_KINDS = frozenset({"access", "player"})
_UI_KINDS = frozenset({"ui"})
_AD_KINDS = frozenset({"ad"})
"""The kinds each signal counts (built once, not per call)."""

TITLE_SPAN = (-1, -1)
"""``line_span`` of a hit in the title (readers of plain-text files take the first line as the title)."""


def _scan(doc: Document) -> tuple[BoilerplateHit, ...]:
    lay = layout(doc)
    matcher = boilerplate_matcher(doc.lang)
    hits: list[BoilerplateHit] = []
    if doc.title and is_short(doc.title, MAX_LINE_WORDS, MAX_LINE_CHARS):
        kinds = dict.fromkeys(m.kind for m in matcher.find(doc.title))
        hits += [BoilerplateHit(kind, doc.title, TITLE_SPAN, "top") for kind in kinds]
    seen_lines: set[tuple[int, int, str]] = set()
    for m in matcher.find(doc.text, doc.lower, utf8_lower(doc)) if may_match(doc, FAMILY) else ():
        s, e = lay.line_at(m.start)
        line = doc.text[s:e]
        if not is_short(line, MAX_LINE_WORDS, MAX_LINE_CHARS):
            continue
        if m.kind == "ad" and len(line.strip(AD_DECORATION)) > len(m.phrase) + 4:
            continue  # an ad label counts only as a line of its own ("Advertisement", "- Anzeige -")
        key = (s, e, m.kind)
        if key in seen_lines:
            continue
        seen_lines.add(key)
        hits.append(BoilerplateHit(m.kind, line, (s, e), lay.position(lay.paragraph_at(m.start))))
    return tuple(hits)


def scan(doc: Document) -> tuple[BoilerplateHit, ...] | None:
    """Boilerplate lines of ``doc`` (one pass, memoised), or None when its language has no list."""
    if doc.lang not in lexicon_languages(FAMILY):
        return None
    return doc.memo("boilerplate.scan", lambda: _scan(doc))


def _kinds(doc: Document, kinds: frozenset[str]) -> Signal:
    hits = scan(doc)
    if hits is None:
        return NAN_SIGNAL
    if not hits:  # most documents: no list comprehension, no evidence call
        return 0.0, []
    chosen = [h.line for h in hits if h.kind in kinds]
    return float(len(chosen)), evidence(chosen)


def _at(doc: Document, position: str) -> Signal:
    hits = scan(doc)
    if hits is None:
        return NAN_SIGNAL
    if not hits:
        return 0.0, []
    chosen = [h.line for h in hits if h.position == position]
    return float(len(chosen)), evidence(chosen)


@signal("boilerplate.region")
def region(doc: Document) -> Signal:
    """Geo-blocking notices ("This content is not available in your region", "n'est pas disponible dans votre pays").

    >>> from .document import Document
    >>> region(Document.from_text("Dieser Inhalt ist in Ihrer Region nicht verfügbar.\\n\\nText.", lang="de"))
    (1.0, ['Dieser Inhalt ist in Ihrer Region nicht verfügbar.'])
    """
    return _kinds(doc, _REGION_KINDS)


@signal("boilerplate.consent")
def consent(doc: Document) -> Signal:
    """Cookie/GDPR consent banners ("We use cookies", "Alle Cookies akzeptieren", "Utilizamos cookies").

    Counts lines: a banner line with several consent phrases counts once.

    >>> from .document import Document
    >>> consent(Document.from_text("Nous utilisons des cookies. Tout accepter\\n\\nLe texte.", lang="fr"))
    (1.0, ['Nous utilisons des cookies. Tout accepter'])
    """
    return _kinds(doc, _CONSENT_KINDS)


@signal("boilerplate.paywall")
def paywall(doc: Document) -> Signal:
    """Subscription walls ("Subscribe to continue reading", "Dieser Artikel ist nur für Abonnenten").

    A news sentence that mentions subscribers in passing is too long to count.

    >>> from .document import Document
    >>> paywall(Document.from_text("Het begin.\\n\\nDit artikel is alleen voor abonnees.", lang="nl"))
    (1.0, ['Dit artikel is alleen voor abonnees.'])
    """
    return _kinds(doc, _PAYWALL_KINDS)


@signal("boilerplate.access")
def access(doc: Document) -> Signal:
    """Comment/login gates, JavaScript/ad-blocker prompts and media-player notices ("Access to the comments").

    >>> from .document import Document
    >>> access(Document.from_text("Access to the comments Comments\\nTitle", lang="en"))
    (1.0, ['Access to the comments Comments'])
    """
    return _kinds(doc, _ACCESS_KINDS)


@signal("boilerplate.page_ui")
def page_ui(doc: Document) -> Signal:
    """Page controls copied as text ("Text size Aa Aa", "Schriftgröße", "Temps de lecture").

    >>> from .document import Document
    >>> page_ui(Document.from_text("Title\\nText size Aa Aa\\n\\nBody.", lang="en"))
    (1.0, ['Text size Aa Aa'])
    """
    return _kinds(doc, _UI_KINDS)


@signal("boilerplate.ad_marker")
def ad_marker(doc: Document) -> Signal:
    """Advertisement labels left in the body as lines of their own ("Advertisement", "- Anzeige -",
    "Story continues below advertisement", "Czytaj dalej pod reklamą").

    >>> from .document import Document
    >>> ad_marker(Document.from_text("Erster Absatz.\\n- Anzeige -\\nZweiter Absatz.", lang="de"))
    (1.0, ['- Anzeige -'])
    >>> ad_marker(Document.from_text("The advertisement was pulled after complaints.", lang="en"))
    (0.0, [])
    """
    return _kinds(doc, _AD_KINDS)


@signal("boilerplate.top", indicator=False)
def top(doc: Document) -> Signal:
    """Boilerplate lines in the first three paragraphs (where region blocks and page controls sit).

    >>> from .document import Document
    >>> top(Document.from_text("Text size Aa Aa\\n\\nOne.\\n\\nTwo.\\n\\nThree.\\n\\nFour.\\n\\nFive.\\n\\nWe use cookies", lang="en"))
    (1.0, ['Text size Aa Aa'])
    """
    return _at(doc, "top")


@signal("boilerplate.middle", indicator=False)
def middle(doc: Document) -> Signal:
    """Boilerplate lines in the middle of the body (between the first and last three paragraphs).

    >>> from .document import Document
    >>> middle(Document.from_text("A.\\n\\nB.\\n\\nC.\\n\\nSubscribe to continue reading\\n\\nD.\\n\\nE.\\n\\nF.", lang="en"))
    (1.0, ['Subscribe to continue reading'])
    """
    return _at(doc, "middle")


@signal("boilerplate.bottom", indicator=False)
def bottom(doc: Document) -> Signal:
    """Boilerplate lines in the last three paragraphs (consent banners and paywall prompts at the end).

    >>> from .document import Document
    >>> bottom(Document.from_text("A.\\n\\nB.\\n\\nC.\\n\\nD.\\n\\nWe use cookies", lang="en"))
    (1.0, ['We use cookies'])
    """
    return _at(doc, "bottom")


@signal("boilerplate.share", indicator=False)
def share(doc: Document) -> Signal:
    """Fraction of the text's characters on boilerplate lines.

    >>> from .document import Document
    >>> round(share(Document.from_text("We use cookies\\n\\nA story of some length here.", lang="en"))[0], 2)
    0.32
    """
    hits = scan(doc)
    if hits is None:
        return NAN_SIGNAL
    if not hits or not doc.text:
        return 0.0, []
    spans = {h.line_span for h in hits if h.line_span != TITLE_SPAN}
    return sum(e - s for s, e in spans) / len(doc.text), evidence([h.line for h in hits])
