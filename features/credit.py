"""Signal family ``credit``: syndication credit — which agency or outlet a copy credits (design.md §4.4).

A licensed copy says where it came from: a dateline ("AMMAN (Reuters) –", "BERLIN (dpa) -",
"JAKARTA, ANTARA -", "(AP) —"), a byline ("By Reuters", "Von dpa"), the agency's staff
credits ("(Reporting by …; Editing by …)"), an "originally published" note or "Original url:",
a partner disclaimer ("… provides breaking news articles from reuters as a service …"), an end
credit ("(dpa/lnw)", "ANP", "(APA)", "mit dpa", "Quelle: dpa", "Fuente: EFE", "Kaynak: AA", "© AP",
"По материалам ТАСС", "/БТА/", a closing link to the agency's site), or
a photo credit naming an agency ("REUTERS/Name", "Foto: dpa"). Each signal returns the matched
line as evidence; ``credit.agencies`` returns the agencies themselves ("Reuters").

Agency names and their forms, in Latin and local scripts (路透社, ロイター, रॉयटर्स, رويترز, УНІАН,
বাসস), are a data file (``data/credit/any.tsv``, 117 agencies, and 43 agency web domains);
credit words per language are ``data/credit/<lang>.tsv`` (48 languages: source lines, "originally
published" notes, partner disclaimers "<outlet> publishes <agency> news as a service to its
readers and does not edit them", staff credits). Dateline, end-credit, photo and agency signals
are language-independent; the phrase signals are NaN for a language without a list. An agency
named inside a running sentence ("Reuters reported …") is only ``credit.agency_mentions`` (a
measure). Regexes run only on bounded input (the first lines, the last lines, a short window
after a match), each tried only when the characters it needs are present.

>>> from .document import Document
>>> doc = Document.from_text("By Reuters\\n\\nAMMAN (Reuters) – Thousands fled on Wednesday.", lang="en")
>>> byline(doc), dateline(doc), agencies(doc)
((1.0, ['By Reuters']), (1.0, ['AMMAN (Reuters) –']), (1.0, ['Reuters']))
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .document import Document
from .layout import is_short, layout
from .phrases import PhraseMatch, PhraseMatcher, document_prefilter, lexicon, lexicon_languages, may_match
from .signal import NAN_SIGNAL, Signal, evidence, signal
from .utf8_scan import utf8_lower

FAMILY = "credit"
MATCHED_KINDS = frozenset({"source", "reporting", "origin", "disclaimer", "photo"})
"""Lexicon kinds found by the family's one Aho–Corasick pass (``by``/``with`` words are checked per line)."""

_TOK = re.compile(r"[^\W_]+")
_DATELINE_PAREN = re.compile(r"(?P<pre>[^()\n]{0,80}?)\(\s*(?P<ag>[^()\n]{1,40}?)\s*\)\s*\.?\s*(?:--|[-–—‒―−:|])")
_DATELINE_SLASH = re.compile(r"(?P<pre>[^/\n]{2,60}?)\s?/(?P<ag>[^/\n]{2,20})/")
_DATELINE_COMMA = re.compile(
    r"(?P<pre>[^\n,()]{2,40}),\s*(?:[^\n,()]{1,25},\s*)?(?P<ag>[^\n,()]{2,30}?)\s*(?:--|[-–—‒―−])\s"
)
_DATELINE_ZH = re.compile(
    r"(?P<pre>)[（(]?(?P<ag>新华社|新華社|中新社|中新网|共同社|中央社|路透社|法新社|美联社|美聯社|韩联社|韓聯社)[^\n。]{0,25}?[电電]"
)
_DATELINE_JA = re.compile(
    r"(?P<pre>)[【［\[][^】］\]\n]{1,15}?(?P<ag>共同|時事|AFP時事|ロイター|共同通信|時事通信|聯合)[】］\]]"
)
_DATELINE_CITY_DATE_PAREN = re.compile(
    r"(?P<pre>[^()\n,]{2,40},[^()\n]{0,30}?\d[^()\n]{0,20}?)\(\s*(?P<ag>[^()\n]{1,40}?)\s*\)\s*[.:]?\s"
)
"""A dateline "City, date (Agency)." followed by the text: "Kaunas, spalio 25 d. (ELTA). …", "Lucknow, 17 Oct (PTI) …"."""
_DATELINE_CITY_DATE_AGENCY = re.compile(
    r"(?P<pre>[^\n,()]{2,40}),\s*[^\n,()]{1,20}?(?:\s(?:--|[-–—])|,)\s*(?P<ag>[^\n.,()]{2,30}?)\s*\.\s"
)
""""CITY, 12 окт — Agency. …" and "City, 14. okt., Agency. …" (the agency after the date, then a full stop)."""
_DATELINE_CITY_DOT = re.compile(r"(?P<pre>[^\W\d_][^\n.,()]{1,30})\.\s(?P<ag>[^\n.,()]{2,30}?)\s(?:--|[-–—])\s")
"""Ukrinform style "KYIV. Agency — …" (an upper-case city, a full stop, the agency and a dash)."""
_DATELINE_KO = re.compile(r"(?P<pre>)\(\s*[^()=\n]{1,15}=\s*(?P<ag>[^()=\n]{1,15}?)\s*\)")
_DATELINE_UPPER_PAREN = re.compile(r"(?P<pre>[^\W\d_][^()\n]{1,30}?)\s\(\s*(?P<ag>[^()\n]{1,40}?)\s*\)\s")
"""An upper-case place and the agency without a dash: "STOCKHOLM (TT) Regeringen …", "TAMPERE (STT) …"."""
_DASHES = "-–—‒―−"
_DIGIT = re.compile(r"\d")
_CITY_PATTERNS = frozenset({_DATELINE_COMMA, _DATELINE_CITY_DATE_AGENCY})
"""Patterns whose text before the agency must be a short capitalised place name (no other words)."""


def _has_dash(text: str) -> bool:
    """Whether ``text`` holds one of the dashes, by C-level ``in`` tests (an ASCII text can hold only "-";
    a regex character class over a 200-character line head costs several times more).

    >>> _has_dash("BERLIN (dpa) –"), _has_dash("Berlin, Montag")
    (True, False)
    """
    return "-" in text or (not text.isascii() and any(d in text for d in _DASHES))


def _dateline_patterns(head: str) -> list[re.Pattern[str]]:
    """The dateline patterns worth trying on ``head``: each needs characters checked first with a C-speed ``in``,
    so most lines skip every regex."""
    paren = "(" in head
    comma = "," in head[:42]
    dot = ". " in head[:34]
    upper = head[:2].isupper()
    # the dash test only where a pattern depends on it (most lines are prose with a comma and no dash)
    needs_dash = comma or (paren and ":" not in head and "|" not in head) or (upper and dot)
    dash = needs_dash and (paren or comma or dot) and _has_dash(head)
    out = []
    if paren and (dash or ":" in head or "|" in head):
        out.append(_DATELINE_PAREN)
    if "/" in head:
        out.append(_DATELINE_SLASH)
    if paren and upper:
        out.append(_DATELINE_UPPER_PAREN)
    if comma:
        if dash:
            out.append(_DATELINE_COMMA)
        if _DIGIT.search(head, 0, 60) is not None:
            if paren:
                out.append(_DATELINE_CITY_DATE_PAREN)
            if ". " in head:
                out.append(_DATELINE_CITY_DATE_AGENCY)
    if dash and upper and dot:
        out.append(_DATELINE_CITY_DOT)
    if not head.isascii():
        lead = head[:45]
        if "电" in lead or "電" in lead:
            out.append(_DATELINE_ZH)
        if "】" in lead or "］" in lead or "]" in lead:
            out.append(_DATELINE_JA)
    if "=" in head[:40]:
        out.append(_DATELINE_KO)
    return out
_END_PAREN = re.compile(r"[(（]\s*([^()（）\n]{1,40}?)\s*[)）]\s*[.。]?\s*$")
_END_TOKEN = re.compile(
    r"(?:[.!?»\"”“'’)؟।。]\s*(?:[-–—−©]\s*)?|\s[-–—−©]\s*)([^\W\d_][\w/-]{1,14})\s*[.。]?\s*$"
)
END_TOKEN_WINDOW = 24
"""The closing token is searched in the last characters only: punctuation, a dash, a name of at most 15 letters."""
_END_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|[Cc]opyright)\s*(?:\d{4}\s*)?([^\n©]{2,50}?)\s*\.?\s*$")
"""A copyright line closing the text: "© AP", "(c) dpa", "© RIPRODUZIONE RISERVATA ANSA", "Copyright 2024 Reuters"."""
_START_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|[Cc]opyright)\s*(?:\d{4}\s*)?([^.\n©]{2,40})\.")
"""A closing line that opens with the agency's copyright: "Copyright Reuters. All rights reserved. …"."""
COPYRIGHT_REST = 3
CLOSING_REPORTING_CHARS = 160
"""Longest staff credit in parentheses closing a paragraph: "… said. (Reporting by …; Editing by …)"."""
"""Words besides the agency a closing copyright credit may hold ("RIPRODUZIONE RISERVATA", "All rights reserved")."""
_END_SLASH = re.compile(r"/\s*([^/\n]{2,30}?)\s*/\s*\.?\s*$")
"""A closing slash credit: "… /БТА/", "/PNA/"."""
_SENTENCE_END_SPACES = tuple(f"{c} " for c in ".!?؟।。") + tuple(f"{c}{q} " for c in ".!?" for q in "\"”“»") + (" — ", " – ")
"""What ends the sentence before a closing credit: a full stop, a closing quote after one, a spaced dash."""
_PHRASE = re.compile(r"\s*([^\n]{2,50}?)\s*$")
END_PHRASE_WORDS = 5
_URL_LINE = re.compile(r"\s*(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#]\S*)?\s*$", re.IGNORECASE)
"""A line that is only a link (its host is group 1)."""
URL_LINE_SPACES = 4
"""A link line has at most a short label before the link ("Source URL: https://…")."""
_URL_HOST = re.compile(r"https?://(?:www\.)?([^/\s:?#]{3,80})")
# Possessive \s*+ and the look-behind keep this linear on long whitespace (two adjacent \s* were cubic under search).
_ORIGIN_NAME = re.compile(r"(?<!\s)\s*+(?:(?:on|in|by|at|from|auf|bei|sur|dans|par|en|por|di|su|op|door)\s*+)?(?:the\s)?"
                          r"((?:[A-Z0-9][\w.&'-]*\s?){1,4})")
_CAPTION_END = re.compile(r"[)|）]")
_SEPARATOR_AFTER_SOURCE = re.compile(r"\s{0,3}[:：\-–—/]")
_PROVIDES = re.compile(
    r"\bprovides?\b[^.\n]{0,80}?\b(?:articles?|stories|news|content)\s+from\s+"
    r"(?P<src>[^\s,.;]+(?:\s[^\s,.;]+){0,3}?)\s+as\s+a\s+service",
    re.IGNORECASE,
)
_WIRE_MARKUP = re.compile(
    r"\((?:LEAD|\d(?:ST|ND|RD|TH) LD|ATTN:[^)\n]{0,60}|URGENT|EXCLUSIVE|CORRECTED|AMENDED|REFILE|RECASTS?[^)\n]{0,40}"
    r"|ADDS?[^)\n]{0,40}|UPDATES?[^)\n]{0,40}|WRAPUP(?: \d)?|EDS?:[^)\n]{0,60}|BC-[^)\n]{0,40})\)"
    r"|^(?:UPDATE \d{1,2}|REFILE|EXCLUSIVE|CORRECTED|WRAPUP \d{1,2}|RPT|FACTBOX|ANALYSIS|INSIGHT|BREAKINGVIEWS)[-:] ?"
)
"""Agency wire markup on the title or first lines: Yonhap "(LEAD)", "(2ND LD)", "(ATTN: …)"; Reuters "UPDATE 2-"."""
_WIRE_MARKUP_OPENINGS = ("UPDATE", "REFILE", "EXCLUSIVE", "CORRECTED", "WRAPUP", "RPT", "FACTBOX", "ANALYSIS", "INSIGHT",
                         "BREAKINGVIEWS")
"""The words the markup may open a line with; any other markup is in parentheses (lines with neither skip the regex)."""
WIRE_MARKUP_LINES = 3
CONNECTORS = frozenset({"and", "und", "et", "y", "e", "i", "en", "og", "och", "ve", "dan", "staff", "von"})
DATELINE_LINES = 12
BYLINE_HEAD_LINES = 10
TAIL_LINES = 3


# --- agency names ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgencyNames:
    """Agency name forms: ``exact`` (case-sensitive single tokens: AP, dpa, Antara) and ``folded``
    (lower-cased token sequences joined by spaces: "reuters", "associated press")."""

    exact: dict[str, str]
    folded: dict[str, str]
    longest: int
    starts: frozenset[str]
    """First tokens (lower-case) of the multi-word names: only there are longer sequences tried."""


@functools.lru_cache(maxsize=1)
def agency_names() -> AgencyNames:
    """The agency table of ``data/credit/any.tsv``, loaded once per process."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for kind, phrase in lexicon(FAMILY, "any"):
        if not kind.startswith(("agency=", "agency_ctx=")):
            continue
        canonical = kind.split("=", 1)[1]
        toks = _TOK.findall(phrase)
        if len(toks) == 1 and (kind.startswith("agency_ctx=") or len(phrase) <= 4 or phrase.isupper() or phrase.islower()):
            exact[toks[0]] = canonical
        elif toks:
            folded[" ".join(t.lower() for t in toks)] = canonical
    longest = max((k.count(" ") + 1 for k in folded), default=1)
    starts = frozenset(k.split(" ", 1)[0] for k in folded if " " in k)
    return AgencyNames(exact, folded, longest, starts)


def agency_tokens(span: str) -> tuple[list[str], list[str]]:
    """Split ``span`` into agency names (canonical) and the tokens that are not part of one.

    >>> agency_tokens("aw/mm (AP, Agence France-Presse, Reuters)")
    (['AP', 'AFP', 'Reuters'], ['aw', 'mm'])
    """
    names = agency_names()
    toks = _TOK.findall(span)
    lows = [t.lower() for t in toks]
    found: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(toks):
        if lows[i] in names.starts:
            for n in range(min(names.longest, len(toks) - i), 1, -1):
                key = " ".join(lows[i : i + n])
                if key in names.folded:
                    found.append(names.folded[key])
                    i += n
                    break
            else:
                n = 0
            if n:
                continue
        tok = toks[i]
        canonical = names.exact.get(tok) or names.folded.get(lows[i])
        (found if canonical else rest).append(canonical or tok)
        i += 1
    return found, rest


def agencies_in(span: str) -> list[str]:
    """Canonical agency names mentioned in a short span, in order, without repeats.

    >>> agencies_in("Foto: Kay Nietfeld/dpa"), agencies_in("By Maria Lopez")
    (['dpa'], [])
    """
    found, _ = agency_tokens(span)
    return list(dict.fromkeys(found))


def _cut_after_agencies(span: str) -> str:
    """``span`` up to the end of the last agency it names (evidence without the sentence that follows).

    >>> _cut_after_agencies("Foto: AP) Donald Trump und Ajatollah")
    'Foto: AP'
    """
    target = agencies_in(span)
    for m in _TOK.finditer(span):
        if agencies_in(span[: m.end()]) == target:
            return span[: m.end()]
    return span


def _credit_only(span: str, extra_words: frozenset[str]) -> list[str]:
    """Agencies when ``span`` is nothing but a credit: agency names, staff initials, source/with words."""
    found, rest = agency_tokens(span)
    if not found:
        return []
    for tok in rest:
        low = tok.lower()
        if low in extra_words or low in CONNECTORS:
            continue
        if len(tok) <= 4 and (tok.islower() or tok.isupper()):
            continue  # editor's initials: (dpa/lnw), aw/mm (AP, AFP), RND/dpa
        return []
    return list(dict.fromkeys(found))


# --- lexicons -------------------------------------------------------------------------------------------
def has_lexicon(lang: str) -> bool:
    return lang in lexicon_languages(FAMILY)


@functools.lru_cache(maxsize=None)
def words_of(lang: str, kind: str) -> frozenset[str]:
    """Lower-cased words/phrases of one kind for ``lang``, plus the English ones (credits are often English)."""
    out = {p.lower() for k, p in lexicon(FAMILY, lang) if k == kind}
    out |= {p.lower() for k, p in lexicon(FAMILY, "en") if k == kind}
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def credit_matcher(lang: str) -> PhraseMatcher:
    """One automaton: the language's credit phrases, the format phrases of every language, agency names."""
    entries = [(k, p) for k, p in lexicon(FAMILY, lang) if k in MATCHED_KINDS]
    if lang != "en":
        entries += [(k, p) for k, p in lexicon(FAMILY, "en") if k in ("origin", "disclaimer")]
    for kind, phrase in lexicon(FAMILY, "any"):
        if kind in MATCHED_KINDS:
            entries.append((kind, phrase))
        elif kind.startswith("agency=") and (len(phrase) >= 5 or not phrase.isascii()):
            entries.append((kind, phrase))
    return PhraseMatcher(entries)


@document_prefilter(FAMILY)
def _prefilter(lang: str):
    return credit_matcher(lang).prefilter


def _find_matches(doc: Document) -> list[PhraseMatch]:
    if not may_match(doc, FAMILY):
        return []
    return credit_matcher(doc.lang).find(doc.text, doc.lower, utf8_lower(doc))


def _matches(doc: Document) -> list[PhraseMatch]:
    return doc.memo("credit.matches", lambda: _find_matches(doc))


# --- detectors (each memoised: credit.agencies reuses them) -----------------------------------------------
@dataclass(frozen=True, slots=True)
class Credit:
    """One credit found: the evidence span and the agencies it names (may be empty)."""

    span: str
    agencies: tuple[str, ...]


def _memo(doc: Document, key: str, fn) -> list[Credit]:
    return doc.memo(f"credit.{key}", lambda: fn(doc))


def _find_datelines(doc: Document) -> list[Credit]:
    out: list[Credit] = []
    for line in doc.lines[:DATELINE_LINES]:
        head = line[:200]
        for pattern in _dateline_patterns(head):
            m = pattern.match(head)
            if not m:
                continue
            pre = m.group("pre").strip()
            if pre and (pre[0].islower() or len(pre.split()) > 8):
                continue
            ag_text = m.group("ag")
            found, rest = agency_tokens(ag_text)
            if not found or len(rest) > 3:
                continue
            if pattern in _CITY_PATTERNS and not (pre[:1].isupper() and len(pre.split()) <= 4 and not rest):
                continue
            if pattern is _DATELINE_SLASH and not (pre.endswith((".", ",")) or ("," in pre and _DIGIT.search(pre))):
                continue
            if pattern is _DATELINE_UPPER_PAREN and not (pre.isupper() and len(pre.split()) <= 3):
                continue
            if pattern is _DATELINE_CITY_DOT and not (pre.isupper() and len(pre.split()) <= 3 and not rest):
                continue
            out.append(Credit(head[: m.end()].strip(), tuple(dict.fromkeys(found))))
            break
    return out


def _find_bylines(doc: Document) -> list[Credit]:
    by_words = words_of(doc.lang, "by")
    lines = doc.lines
    candidates = lines[:BYLINE_HEAD_LINES] + lines[max(BYLINE_HEAD_LINES, len(lines) - TAIL_LINES - 1) :]
    out: list[Credit] = []
    for line in candidates:
        if len(line) > 100:
            continue
        words = line.split(" | ", 1)[0].replace("：", ": ").split()
        if not words or len(words) > 8:
            continue
        first = words[0].rstrip(":").lower()
        if first in by_words and len(words) > 1:
            found = agencies_in(" ".join(words[1:]))
        elif len(words) <= 3:
            found = _credit_only(line, frozenset())
            if found and len(_TOK.findall(line)) > len(found) + 1:
                found = []
        else:
            found = []
        if found:
            out.append(Credit(line, tuple(found)))
    return out


def _find_reporting(doc: Document) -> list[Credit]:
    lay = layout(doc)
    out: list[Credit] = []
    seen: set[int] = set()
    for m in _matches(doc):
        if m.kind != "reporting":
            continue
        idx = lay.paragraph_at(m.start)
        if idx in seen:
            continue
        start, end = lay.spans[idx]
        par = lay.paragraph(idx)
        if m.start == start or (par[:1] in "([（【" and m.start - start <= 2):
            if len(par.split()) <= 60:
                seen.add(idx)
                out.append(Credit(par, ()))
        elif (opening := m.start if m.text[:1] in "(（" else m.start - 1) > start and doc.text[opening] in "(（" \
                and end - opening <= CLOSING_REPORTING_CHARS:
            closing = doc.text[opening:end].rstrip()
            if closing.endswith((")", "）")) and ")" not in closing[:-1] and "）" not in closing[:-1]:
                seen.add(idx)
                out.append(Credit(closing, ()))
    return out


def _line_of(doc: Document, offset: int) -> str:
    s, e = layout(doc).line_at(offset)
    return doc.text[s:e]


def origin_outlet(after: str) -> str | None:
    """The outlet an "originally published" note names: a URL's host, or the capitalised name after on/in/by/at.

    >>> origin_outlet(" https://www.themoscowtimes.com/2019/08/21/story"), origin_outlet(" on The Conversation.")
    ('themoscowtimes.com', 'The Conversation')
    """
    url = _URL_HOST.search(after)
    if url:
        return url.group(1).lower()
    name = _ORIGIN_NAME.match(after)
    return name.group(1).split(". ")[0].strip(" .,;:") if name else None


def _find_origin(doc: Document) -> list[Credit]:
    text = doc.text
    out: list[Credit] = []
    for m in _matches(doc):
        if m.kind != "origin":
            continue
        s, e = layout(doc).line_at(m.start)
        line = text[s:e]
        if not is_short(line, 30, 300) or any(c.span.startswith(line) for c in out):
            continue
        after = text[m.end : e]
        if not after.strip(" :"):  # "Original url:" with the URL on the next non-blank line
            after = text[e : e + 300].strip().split("\n", 1)[0]
            if _URL_HOST.match(after):
                line = f"{line} {after}"
        outlet = origin_outlet(after[:200])
        names = tuple(agencies_in(line)) or ((outlet,) if outlet else ())
        out.append(Credit(line, names))
    return out


def _find_disclaimers(doc: Document) -> list[Credit]:
    out: list[Credit] = []
    for m in _matches(doc):
        if m.kind == "disclaimer":
            line = _line_of(doc, m.start)
            if is_short(line, 80, 800) and not any(c.span == line for c in out):
                out.append(Credit(line, tuple(agencies_in(line))))
    lay = layout(doc)
    for i in range(max(0, len(lay.spans) - 3), len(lay.spans)):
        start, end = lay.spans[i]
        if "provide" not in doc.lower[start : min(end, start + 600)]:
            continue
        par = lay.paragraph(i)[:600]
        m = _PROVIDES.search(par)
        if m and not any(c.span == par for c in out):
            found = agencies_in(m.group("src")) or [m.group("src")]
            out.append(Credit(par, tuple(found)))
    return out


def _find_sources(doc: Document) -> list[Credit]:
    text = doc.text
    out: list[Credit] = []
    for m in _matches(doc):
        if m.kind != "source":
            continue
        after = text[m.end : m.end + 50].split("\n", 1)[0]
        sep = _SEPARATOR_AFTER_SOURCE.match(after)
        if not sep:
            continue
        found, _ = agency_tokens(" ".join(_TOK.findall(after[sep.end() :])[:4]))
        if found:
            out.append(Credit(_cut_after_agencies(m.text + after).strip(), tuple(dict.fromkeys(found))))
    return out


@functools.lru_cache(maxsize=None)
def end_words(lang: str) -> frozenset[str]:
    """Tokens that may stand beside an agency in a closing credit: the source and with words, split into tokens
    ("по материалам" -> "по", "материалам")."""
    phrases = words_of(lang, "source") | words_of(lang, "with")
    return frozenset(t for p in phrases for t in _TOK.findall(p))


def _ends_with_agency(words: list[str]) -> bool:
    """Whether the last one or two words are an agency name (a cheap check before the full token scan)."""
    if not words:
        return False
    names = agency_names()
    last = words[-1].strip(".,;:!?()\"'»”")
    if last in names.exact or last.lower() in names.folded:
        return True
    return len(words) > 1 and f"{words[-2]} {last}".lower() in names.folded


def _last_sentence(tail: str) -> re.Match[str] | None:
    """The last short sentence of a line, after the last sentence end followed by a space ("… Schweinsteiger.
    По материалам Reuters", "… vorgelegt. Mit Material von dpa"); group 1 is the sentence without its full stop.

    >>> _last_sentence("He left the team. По материалам Reuters.").group(1)
    'По материалам Reuters'
    """
    body = tail.rstrip(" .。")
    cut = max(body.rfind(sep) + len(sep) if sep in body else -1 for sep in _SENTENCE_END_SPACES)
    return _PHRASE.match(body, cut) if cut >= 0 else None


def _find_end_credits(doc: Document) -> list[Credit]:
    extra = end_words(doc.lang)
    out: list[Credit] = []
    for line in doc.lines[-TAIL_LINES:]:
        if len(line) <= 70 and len(line.split()) <= 7:
            found = _credit_only(line, extra)
            if found:
                out.append(Credit(line, tuple(found)))
                continue
        tail = line[-60:]
        probe = line[:120] if len(line) <= 120 else tail
        if "©" in probe or "opyright" in probe or "(c)" in probe or "(C)" in probe:
            m = _END_COPYRIGHT.search(tail) or _START_COPYRIGHT.match(line.lstrip()[:120])
            found, rest = agency_tokens(m.group(1)) if m else ([], [])
            if found and len(rest) <= COPYRIGHT_REST:
                out.append(Credit(tail[m.start() :].strip(" ."), tuple(dict.fromkeys(found))))
                continue
        closing = tail.rstrip(" .。")[-1:]
        m = _END_PAREN.search(tail) if closing in ")）" else _END_SLASH.search(tail) if closing == "/" else None
        found = _credit_only(m.group(1), extra) if m else []
        if not found:
            m = _last_sentence(tail) if _ends_with_agency(tail[-40:].rsplit(None, 2)[-2:]) else None
            if m and len(m.group(1).split()) <= END_PHRASE_WORDS:
                found = _credit_only(m.group(1), extra)
        if not found:
            m = _END_TOKEN.search(tail, max(0, len(tail) - END_TOKEN_WINDOW))
            tok = m.group(1) if m else ""
            found = [agency_names().exact[tok]] if tok in agency_names().exact else agencies_in(tok) if tok else []
        if found and m:
            out.append(Credit(tail[m.start() :].strip(" .!?»\"”'’"), tuple(found)))
    for line in doc.lines[-TAIL_LINES:]:
        if "." not in line or len(line) > 300 or line.count(" ") > URL_LINE_SPACES:
            continue
        label, _, rest = line.rpartition(": ")
        host = _URL_LINE.match(rest if label and len(label.split()) <= 3 else line)
        agency = agency_of_host(host.group(1)) if host else None
        if agency:
            out.append(Credit(line.strip(), (agency,)))
    return out


@functools.lru_cache(maxsize=1)
def agency_domains() -> dict[str, str]:
    """Agency web domains of ``data/credit/any.tsv`` (``domain=`` rows), host -> canonical name."""
    return {p.lower(): k.split("=", 1)[1] for k, p in lexicon(FAMILY, "any") if k.startswith("domain=")}


def agency_of_host(host: str) -> str | None:
    """The agency a host belongs to: a listed domain, or a first label that is an agency name.

    >>> agency_of_host("www.reuters.com"), agency_of_host("apnews.com"), agency_of_host("example.com")
    ('Reuters', 'AP', None)
    """
    host = host.lower().removeprefix("www.")
    domains = agency_domains()
    for i in range(len(host)):
        if (i == 0 or host[i - 1] == ".") and host[i:] in domains:
            return domains[host[i:]]
    names = agency_names()
    label = host.split(".", 1)[0]
    return names.folded.get(label) or names.exact.get(label) or names.exact.get(label.upper())


def _slashes(text: str) -> list[tuple[int, int, str]]:
    """Slashes between two words (``REUTERS/Name``, ``Name / dpa``), outside URLs: ``(start, end, separator)``.

    >>> _slashes("REUTERS/Jane Doe, see www.example.com/a/b and km/ h")
    [(7, 8, '/'), (48, 50, '/ ')]
    """
    out: list[tuple[int, int, str]] = []
    n = len(text)
    idx = text.find("/")
    while idx >= 0:
        s = idx - 1 if idx > 0 and text[idx - 1] == " " else idx
        e = idx + 2 if idx + 1 < n and text[idx + 1] == " " else idx + 1
        if s > 0 and e < n and text[s - 1].isalnum() and text[e].isalnum():
            chunk_start = max(text.rfind(" ", 0, s), text.rfind("\n", 0, s)) + 1
            chunk = text[chunk_start : idx]
            if "://" not in chunk and "www." not in chunk and ".com" not in chunk:
                out.append((s, e, text[s:e]))
        idx = text.find("/", idx + 1)
    return out


def _is_name_like(tok: str, photo_words: frozenset[str]) -> bool:
    return tok.lower() in photo_words or (tok[:1].isupper() and any(c.islower() for c in tok[1:]))


def _find_photo_credits(doc: Document) -> list[Credit]:
    text = doc.text
    names = agency_names()
    photo_words = words_of(doc.lang, "photo") | {"file", "photo", "foto", "picture", "getty", "images"}
    out: list[Credit] = []
    for s, e, sep in _slashes(text):
        left_toks = _TOK.findall(text[max(0, s - 25) : s])
        right_part = re.split(r"[/(\n,;]", text[e : e + 30], maxsplit=1)[0]
        right_toks = _TOK.findall(right_part)
        if not left_toks or not right_toks:
            continue
        left_tok, right_tok = left_toks[-1], right_toks[0]
        left_ag = names.exact.get(left_tok) or names.folded.get(left_tok.lower())
        right_ag = names.exact.get(right_tok) or names.folded.get(right_tok.lower())
        right_span = right_tok
        if left_ag and right_ag:
            found: tuple[str, ...] = tuple(dict.fromkeys((left_ag, right_ag)))
        elif left_ag and _is_name_like(right_tok, photo_words):
            found, right_span = (left_ag,), " ".join(right_toks[:3])
        elif right_ag and _is_name_like(left_tok, photo_words):
            found = (right_ag,)
        else:
            continue
        out.append(Credit(f"{left_tok}{sep}{right_span}", found))
    lay = layout(doc)
    seen = {(lay.line_at(text.find(c.span))[0], c.agencies) for c in out}
    for m in _matches(doc):
        if m.kind != "photo":
            continue
        span = text[m.start : m.end + 40].split("\n", 1)[0]
        found = tuple(agencies_in(span))
        key = (lay.line_at(m.start)[0], found)
        if found and key not in seen:
            seen.add(key)
            span = _CAPTION_END.split(span, maxsplit=1)[0]
            cut = _cut_after_agencies(span)
            out.append(Credit((cut if len(span) - len(cut) > 25 else span).strip(), found))
    return out


def _lexicon_credits(doc: Document, key: str, fn) -> Signal:
    if not has_lexicon(doc.lang):
        return NAN_SIGNAL
    return _as_signal(_memo(doc, key, fn))


def _as_signal(credits: list[Credit]) -> Signal:
    if not credits:  # most documents
        return 0.0, []
    return float(len(credits)), evidence([c.span for c in credits])


# --- signals --------------------------------------------------------------------------------------------
@signal("credit.dateline")
def dateline(doc: Document) -> Signal:
    """An agency dateline opening a line near the top: "AMMAN (Reuters) –", "BERLIN (dpa) -", "(AP) —",
    "JAKARTA, ANTARA -", "MOSCOW, August 21. /TASS/.", "新华社北京8月21日电", "【北京共同】", "(서울=연합뉴스)".
    Language-independent.

    >>> from .document import Document
    >>> dateline(Document.from_text("Warszawa (PAP) - Premier zapowiedział zmiany."))
    (1.0, ['Warszawa (PAP) -'])
    >>> dateline(Document.from_text("The minister (pictured) - who resigned - spoke."))
    (0.0, [])
    """
    return _as_signal(_memo(doc, "datelines", _find_datelines))


@signal("credit.byline")
def byline(doc: Document) -> Signal:
    """A byline naming an agency ("By Reuters", "Von dpa", "Oleh ANTARA", "Por EFE") at the top or the end.

    A person's byline ("By Maria Lopez") is not a credit.

    >>> from .document import Document
    >>> byline(Document.from_text("Von dpa\\n\\nDer Text.", lang="de")), byline(Document.from_text("By Maria Lopez\\n\\nText.", lang="en"))
    ((1.0, ['Von dpa']), (0.0, []))
    """
    if not has_lexicon(doc.lang):
        return NAN_SIGNAL
    return _as_signal(_memo(doc, "bylines", _find_bylines))


@signal("credit.reporting")
def reporting(doc: Document) -> Signal:
    """Agency staff credits: "(Reporting by …; Editing by …)", "(Additional reporting by …)", "Pewarta: …".

    >>> from .document import Document
    >>> reporting(Document.from_text("Story.\\n\\n(Reporting by Ana Ruiz; Editing by Tom Hall)", lang="en"))
    (1.0, ['(Reporting by Ana Ruiz; Editing by Tom Hall)'])
    >>> reporting(Document.from_text("The paper praised the reporting by local journalists during the floods.", lang="en"))
    (0.0, [])
    """
    return _lexicon_credits(doc, "reporting", _find_reporting)


@signal("credit.originally_published")
def originally_published(doc: Document) -> Signal:
    """Notes that the text was first published elsewhere ("This article was originally published on …",
    "Original url:", "Artikel ini telah tayang di …", "Zuerst erschienen in …").

    >>> from .document import Document
    >>> originally_published(Document.from_text("Text.\\n\\nThis article was originally published on The Conversation.", lang="en"))
    (1.0, ['This article was originally published on The Conversation.'])
    """
    return _lexicon_credits(doc, "origin", _find_origin)


@signal("credit.partner_disclaimer")
def partner_disclaimer(doc: Document) -> Signal:
    """A syndication partner's disclaimer: "<outlet> provides … articles from <agency> as a service to its readers",
    "auto-generated from a syndicated feed", "automatisch aus dem dpa-Newskanal übernommen".

    >>> from .document import Document
    >>> partner_disclaimer(Document.from_text("Story.\\n\\nNewsDaily provides top stories from AFP as a service to readers.", lang="en"))
    (1.0, ['NewsDaily provides top stories from AFP as a service to readers.'])
    """
    return _lexicon_credits(doc, "disclaimers", _find_disclaimers)


@signal("credit.source_line")
def source_line(doc: Document) -> Signal:
    """A source line naming an agency: "Quelle: dpa", "Fuente: EFE", "Sumber: ANTARA", "Źródło: PAP", "Kaynak: AA".

    >>> from .document import Document
    >>> source_line(Document.from_text("Haber metni burada.\\n\\nKaynak: AA", lang="tr"))
    (1.0, ['Kaynak: AA'])
    """
    return _lexicon_credits(doc, "sources", _find_sources)


@signal("credit.end_credit")
def end_credit(doc: Document) -> Signal:
    """An agency credit closing the text: "(dpa/lnw)", "ANP", "(APA)", "mit dpa", "aw/mm (AP, AFP)", "… ist. (dpa)".
    Language-independent (agency forms), using the language's source/with words when it has a list.

    >>> from .document import Document
    >>> end_credit(Document.from_text("Die Polizei ermittelt.\\n(dpa/lnw)")), end_credit(Document.from_text("Het kabinet viel. ANP"))
    ((1.0, ['(dpa/lnw)']), (1.0, ['ANP']))
    """
    return _as_signal(_memo(doc, "end", _find_end_credits))


@signal("credit.photo")
def photo(doc: Document) -> Signal:
    """Photo credits naming an agency: "REUTERS/Khalil Ashawi", "Name / dpa", "Foto: dpa", "(AP Photo/Name)".

    >>> from .document import Document
    >>> photo(Document.from_text("A view of the town. REUTERS/Jane Doe", lang="en"))
    (1.0, ['REUTERS/Jane Doe'])
    >>> photo(Document.from_text("Prices rose 3 km/h and/or more; see https://example.com/AP/news", lang="en"))
    (0.0, [])
    """
    return _as_signal(_memo(doc, "photos", _find_photo_credits))


@signal("credit.agencies")
def agencies(doc: Document) -> Signal:
    """How many distinct agencies or outlets the text credits (dateline, byline, source/end line, photo,
    disclaimer, originally-published note); the evidence is their names ("Reuters", "dpa", "themoscowtimes.com").

    >>> from .document import Document
    >>> agencies(Document.from_text("BERLIN (dpa) - Text.\\n\\nFoto: Jan Woitas/dpa"))
    (1.0, ['dpa'])
    """
    names: list[str] = []
    finders = [("datelines", _find_datelines), ("end", _find_end_credits), ("photos", _find_photo_credits)]
    if has_lexicon(doc.lang):
        finders += [("bylines", _find_bylines), ("sources", _find_sources), ("disclaimers", _find_disclaimers),
                    ("origin", _find_origin)]
    for key, fn in finders:
        for credit in _memo(doc, key, fn):
            names.extend(credit.agencies)
    distinct = list(dict.fromkeys(names))
    return float(len(distinct)), evidence(distinct)


@signal("credit.wire_markup")
def wire_markup(doc: Document) -> Signal:
    """An agency's own wire markup on the title or first lines: "(LEAD)", "(2ND LD)", "(ATTN: …)", "UPDATE 2-".

    On an agency's own site this marks the original; a copy that keeps it is a verbatim repost of the wire.
    Language-independent (the markup is English in every agency's feed).

    >>> from .document import Document
    >>> wire_markup(Document.from_text("(LEAD) N. Korea fires missile\\n\\nSEOUL, Aug. 21 (Yonhap) -- North Korea fired."))
    (1.0, ['(LEAD)'])
    >>> wire_markup(Document.from_text("The lead actor (pictured) won an award."))
    (0.0, [])
    """
    heads = ([doc.title] if doc.title else []) + doc.lines[:WIRE_MARKUP_LINES]
    found = [
        m.group().strip()
        for line in heads
        if "(" in line[:200] or line.startswith(_WIRE_MARKUP_OPENINGS)
        for m in _WIRE_MARKUP.finditer(line[:200])
    ]
    return float(len(found)), evidence(found)


@signal("credit.agency_mentions", indicator=False)
def agency_mentions(doc: Document) -> Signal:
    """Agency names anywhere in the text, credit or not ("… told Reuters", "persbureau Reuters"): a count.

    >>> from .document import Document
    >>> agency_mentions(Document.from_text("A senior official told Reuters on Friday, Xinhua reported."))
    (2.0, ['Reuters', 'Xinhua'])
    """
    exact = agency_names().exact
    found = [
        m.kind.split("=", 1)[1]
        for m in _matches(doc)
        if m.kind.startswith("agency=") and (m.phrase not in exact or m.text == m.phrase)
    ]
    return float(len(found)), evidence(found)
