"""Signal family ``spam``: SEO and gambling tails attached to copied articles (design.md §4.1).

Content farms append lottery-result phrases ("Keluaran SGP", "Data HK"), slot/casino
vocabulary ("slot gacor", "nổ hũ", "สล็อต", "free spins") and gambling brand tokens
("gacor88", "koislot", "rajatoto") to the articles they copy, often signed with a
brand instead of a person ("By gacor88"). What gives them away is the vocabulary *and*
where it sits: alone on a short line, in the last paragraphs, or stuffed into a
keyword list — not inside a news sentence about a gambling crackdown.

Vocabularies are data files (``data/spam/<lang>.tsv``: id, en, vi, th, ms, fil, pt, es and
ko, zh, ja, de, fr, nl, it, ru, tr, hi, ar; ``any.tsv``: brands, brand stems and digit parts).
The Latin-script vocabularies are matched in every document, since spam tails are often in another
language than the article; the phrase signals are still NaN for a language that has no vocabulary
of its own (its own spam would go unseen). The brand patterns are language-independent and apply
everywhere. The family's one scan per document is shared by all signals through ``doc.memo``; the
shared re2 set pass over the lower-cased text (:func:`phrases.may_match`) tells first which of its parts
(phrases, letters+digits tokens, disguised brands) can find anything at all, and most texts skip all three.

>>> from farmguard.article import Article
>>> from .document import Document
>>> doc = Document.from_article(Article(text="Berita hari ini tentang banjir di kota.\\n\\nData HK\\n\\nBy slot777", lang="id"))
>>> lottery(doc), brand_signature(doc)
((1.0, ['Data HK']), (1.0, ['By slot777']))
"""

from __future__ import annotations

import functools
import re
import unicodedata

import re2
from dataclasses import dataclass

from .document import Document
from .layout import SHORT_CHARS, Layout, is_short, layout
from .phrases import PhraseMatch, PhraseMatcher, document_prefilter, lexicon, lexicon_languages, may_match
from .signal import NAN_SIGNAL, Signal, evidence, signal
from .utf8_scan import finditer_spans, search_start, utf8_lower, utf8_text

FAMILY = "spam"
PHRASE_KINDS = frozenset({"lottery", "gambling", "promo", "brand"})

# google-re2 scans character classes over a whole article ~25x faster than re (DFA, linear time)
_MIXED = re2.compile(r"[\pL\p{Nd}]*(?:\pL\p{Nd}|\p{Nd}\pL)[\pL\p{Nd}]*")
MAX_MIXED_TOKENS = 5_000
"""Letters+digits tokens examined per document (bounds the work on pathological input)."""
_ALNUM_SPLIT = re.compile(r"([^\W\d_]+)|(\d+)")
_TOKEN = re.compile(r"[^\W_]+")
SIGNATURE_MAX_WORDS = 5
OBFUSCATION_PARAGRAPHS = 10
"""How many final paragraphs are searched for disguised brands."""
KEYWORD_LIST_MIN_MATCHES = 3
KEYWORD_LIST_MAX_WORDS_PER_MATCH = 4.0
KEYWORD_RUN_MIN_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class BrandRules:
    """Brand-token rules loaded from ``data/spam/any.tsv``."""

    brands: frozenset[str]
    stems: tuple[str, ...]
    suffixes: tuple[str, ...]
    numbers: frozenset[str]
    not_brands: frozenset[str]
    by_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def brand_rules() -> BrandRules:
    """The brand lists (loaded once per process) and the signature words of every spam vocabulary."""
    entries = lexicon(FAMILY, "any")
    by_words = {p.lower() for lang in lexicon_languages(FAMILY) for k, p in lexicon(FAMILY, lang) if k == "by"}

    def kind(k: str) -> list[str]:
        return [p.lower() for kk, p in entries if kk == k]

    return BrandRules(
        brands=frozenset(kind("brand")),
        stems=tuple(kind("stem")),
        suffixes=tuple(kind("suffix")),
        numbers=frozenset(kind("number")),
        not_brands=frozenset(kind("not_brand")),
        by_words=frozenset(by_words),
    )


def is_brand(token: str) -> bool:
    """True when ``token`` looks like a gambling brand: letters+digits with a gambling stem or number.

    A stem must open or close the letters (``gacor88``, ``jptogel77``); letters-only tokens count when a
    suffix ends them after a prefix of 3+ letters (``koislot``), or they are known brands. Stylised Unicode
    (𝑺𝑼𝑯𝑼𝟑𝟐𝟖) is folded first.

    >>> [is_brand(t) for t in ("gacor88", "koislot", "rajatoto", "bukit4d", "covid19", "win10", "Reuters", "lucu2an")]
    [True, True, True, True, False, False, False, False]
    """
    rules = brand_rules()
    tok = token if token.isascii() else unicodedata.normalize("NFKC", token)
    tok = tok.lower()
    if tok in rules.brands:
        return True
    if tok in rules.not_brands or len(tok) < 4 or len(tok) > 24 or tok.isdigit():
        return False
    runs = [(m.group(1), m.group(2)) for m in _ALNUM_SPLIT.finditer(tok)]
    letters = "".join(a for a, _ in runs if a)
    digits = [d for _, d in runs if d]
    if not letters.isascii() or len(runs) > 3:
        return False  # random ids (ZkNvL3h2A648) alternate more often than brands (gacor88, 918kiss, sgi88x)
    if digits:
        if tok.endswith("4d") and len(tok) >= 5:
            return True
        if digits == ["2"] and runs[0][0] and runs[-1][0]:
            return False  # Indonesian reduplication: kata2, lucu2an
        if len(letters) >= 2 and (letters.startswith(rules.stems) or letters.endswith(rules.stems)):
            return True
        return len(letters) >= 3 and any(d in rules.numbers for d in digits)
    if len(tok) < 7:
        return False
    return any(tok.endswith(s) and len(tok) - len(s) >= 3 for s in rules.suffixes)


def is_alnum_brand_shape(token: str) -> bool:
    """A single letters+digits token (``abc123``): not a person's name when it signs an article.

    >>> is_alnum_brand_shape("gacor88"), is_alnum_brand_shape("Lopez"), is_alnum_brand_shape("2019")
    (True, False, False)
    """
    tok = unicodedata.normalize("NFKC", token) if not token.isascii() else token
    return tok.isalnum() and any(c.isdigit() for c in tok) and any(c.isalpha() for c in tok)


def _token_around(text: str, start: int, end: int) -> tuple[int, str]:
    """Grow ``text[start:end]`` to the whole alphanumeric token around it."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, text[start:end]


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Combining marks stacked on brand letters (P͓̽U͓̽L͓̽A͓̽U͓̽): deleted by one regex substitution (``str.translate``
with a table costs ~30 µs per 600 characters of CJK text, the substitution ~2 µs)."""
_OBFUSCATING_CHARS = (
    r"[\x{1D400}-\x{1D7FF}\x{2460}-\x{24FF}\x{FF01}-\x{FF5E}\x{0300}-\x{036F}\x{1AB0}-\x{1AFF}"
    r"\x{20D0}-\x{20FF}\x{FE20}-\x{FE2F}\x{2776}-\x{2793}]"
)
_OBFUSCATED = re2.compile(_OBFUSCATING_CHARS + r"|(?:\b\w ){3,}\w\b")
_SPACED_LETTERS = re.compile(r"\b(?:\w ){3,}\w\b")


_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
"""Full-width ASCII forms (Chinese and Japanese punctuation "，（）：", styled "ｇａｃｏｒ"): each decomposes to
one ASCII character (U+FF01 + i -> U+0021 + i)."""


def _nfkc(span: str) -> str:
    """``unicodedata.normalize("NFKC", span)``, fast on Chinese and Japanese text.

    Full-width forms are replaced by their ASCII characters first (their decomposition, so the NFKC form is
    the same); what is left is then usually normalised already, which a quick check confirms (NFKC of 600
    characters of Chinese costs ~45 µs, the replacements and the check ~3 µs).

    >>> _nfkc("ｇａｃｏｒ８８，𝑺𝑼𝑯𝑼") == "gacor88,SUHU"
    True
    """
    for ch in set(_FULL_WIDTH.findall(span)):
        span = span.replace(ch, chr(ord(ch) - 0xFEE0))
    return span if unicodedata.is_normalized("NFKC", span) else unicodedata.normalize("NFKC", span)


def deobfuscate(span: str) -> str:
    """Undo the disguises of gambling brands: styled Unicode letters (NFKC), stacked combining marks,
    letters spaced apart.

    >>> deobfuscate("main di P͓̽U͓̽L͓̽A͓̽U͓̽W͓̽I͓̽N͓̽ dan ⭐ A L E X I S 1 7 ⭐ atau 𝑺𝑼𝑯𝑼𝟑𝟐𝟖")
    'main di PULAUWIN dan ⭐ ALEXIS17 ⭐ atau SUHU328'
    """
    folded = _nfkc(span)
    if _COMBINING.search(folded):
        folded = _COMBINING.sub("", folded)
    if folded.count(" ") < 3:  # letters spaced apart need three spaces at least
        return folded
    return _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), folded)


@functools.lru_cache(maxsize=1)
def latin_sources() -> re.Pattern[str] | None:
    """A character class of every character that can put an ASCII letter into a deobfuscated token: ASCII
    letters and the characters whose compatibility decomposition or lower case holds one (𝑺, Ⓟ, ｇ, é, ﬁ, K).

    Brand tokens need ASCII letters (:func:`is_brand`; the brand list is checked to hold no other), and
    :func:`deobfuscate` only decomposes, composes, deletes marks and spaces, so a paragraph without any of
    these characters cannot yield a brand and is not deobfuscated (NFKC costs ~45 µs per 600 characters of
    Chinese, whose full-width punctuation the obfuscation scan reports). Built once per process (~0.2 s);
    None when the brand list holds a brand without an ASCII letter (then every paragraph is deobfuscated).
    """
    ascii_letter = re.compile("[A-Za-z]")
    if not all(ascii_letter.search(b) for b in brand_rules().brands):
        return None
    ranges: list[list[int]] = []
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        low = c.lower()
        if not unicodedata.decomposition(c) and low == c:
            continue
        nfkd = unicodedata.normalize("NFKD", c)
        if ascii_letter.search(low) or ascii_letter.search(nfkd) or ascii_letter.search(nfkd.lower()):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    spans = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[A-Za-z{spans}]")


def _mixed_tokens(text: str, raw: bytes | None = None) -> list[tuple[int, str]]:
    """Tokens mixing letters and digits (``gacor88``, ``918kiss``), found by one linear-time re2 pass.

    >>> _mixed_tokens("In 2019 the G20 met; main di gacor88 sekarang")
    [(12, 'G20'), (29, 'gacor88')]
    """
    try:
        spans = finditer_spans(_MIXED, text, MAX_MIXED_TOKENS, raw)
    except UnicodeEncodeError:  # re2 encodes to UTF-8: replace lone surrogates, one char each, offsets kept
        clean = text.encode("utf-8", "replace").decode("utf-8")
        spans = finditer_spans(_MIXED, clean, MAX_MIXED_TOKENS)
    return [(s, text[s:e]) for s, e in spans]


def _suffix_tokens(lower: str, text: str) -> list[tuple[int, str]]:
    """Letters-only tokens that end in a brand suffix after 3+ letters (``koislot``, ``rajatoto``).

    >>> _suffix_tokens("main di koislot, slot lain", "Main di KOISLOT, slot lain")
    [(8, 'KOISLOT')]
    """
    out: list[tuple[int, str]] = []
    n = len(lower)
    for suffix in brand_rules().suffixes:
        idx = lower.find(suffix)
        while idx >= 0:
            end = idx + len(suffix)
            if idx >= 3 and (end == n or not lower[end].isalnum()) and lower[idx - 1].isalpha():
                start, tok = _token_around(text, idx, end)
                if tok.isalpha() and len(tok) - len(suffix) >= 3:
                    out.append((start, tok))
            idx = lower.find(suffix, end)
    return sorted(out)


def _latin(phrase: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in phrase)


@functools.lru_cache(maxsize=1)
def latin_vocabularies() -> tuple[str, ...]:
    """Languages whose spam phrases are all in Latin script (id, en, vi, ...): matched in every document."""
    return tuple(
        lang for lang in sorted(lexicon_languages(FAMILY))
        if all(_latin(p) for k, p in lexicon(FAMILY, lang) if k in PHRASE_KINDS)
    )


@functools.lru_cache(maxsize=None)
def spam_matcher(lang: str) -> PhraseMatcher:
    """One Aho–Corasick automaton: the language's own spam phrases, every Latin-script vocabulary, the brands.

    Spam tails are often in another language than the article they are glued to (Indonesian lottery lines
    under a machine-translated Dutch story), so the Latin-script vocabularies (Indonesian, English,
    Vietnamese, Malay, Filipino, ...) are matched in every document. Vocabularies in other scripts are
    matched in their own language only: they would slow the automaton on every Latin text (measured: about
    twice the time per document).
    """
    langs = dict.fromkeys([lang, *latin_vocabularies()])
    entries = [(k, p) for lg in langs for k, p in lexicon(FAMILY, lg) if k in PHRASE_KINDS]
    entries += [(k, p) for k, p in lexicon(FAMILY, "any") if k in PHRASE_KINDS]
    return PhraseMatcher(entries)


@document_prefilter(FAMILY)
def _prefilter(lang: str):
    return spam_matcher(lang).prefilter


MIXED_PREFILTER = "spam.mixed"
OBFUSCATED_PREFILTER = "spam.obfuscated"


@document_prefilter(MIXED_PREFILTER)
def _mixed_prefilter(lang: str):
    """A letter next to a digit, in ``doc.lower`` for the shared re2 set pass: every letters+digits token has
    one, and lower-casing keeps letters letters and digits digits (checked over every code point), so a text
    without one has no such token (two thirds of real articles; the token scan costs ~13 µs)."""
    return re2.compile(r"\pL\p{Nd}|\p{Nd}\pL")


@document_prefilter(OBFUSCATED_PREFILTER)
def _obfuscated_prefilter(lang: str):
    """What any match of ``_OBFUSCATED`` holds, in ``doc.lower``: one of its characters (lower-casing maps each
    into the class again, checked over every code point) or four single ASCII word characters each followed by
    a space (re2's ASCII ``\\w`` without the boundaries, which a lower-cased neighbour may move)."""
    return re2.compile(_OBFUSCATING_CHARS + r"|\w \w \w \w")


def has_vocabulary(lang: str) -> bool:
    return lang in lexicon_languages(FAMILY)


@dataclass(frozen=True, slots=True)
class SpamHit:
    """One spam phrase or brand token, with the paragraph it sits in."""

    start: int
    kind: str
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class SpamScan:
    """The family's one pass over a document: every hit, and which paragraphs are short or keyword lists."""

    hits: tuple[SpamHit, ...]
    layout: Layout
    keyword_lists: frozenset[int]
    keyword_blocks: tuple[int, ...]
    n_words: int

    def placed(self, kinds: frozenset[str]) -> list[SpamHit]:
        """Hits of ``kinds`` standing alone (a short paragraph other than the first) or in a keyword list."""
        if not self.hits:
            return []
        out = []
        for h in self.hits:
            if h.kind not in kinds:
                continue
            if h.paragraph in self.keyword_lists or (h.paragraph > 0 and _short_paragraph(self.layout, h.paragraph)):
                out.append(h)
        return out


def _short_paragraph(lay: Layout, index: int) -> bool:
    return is_short(lay.paragraph(index))


def _scan(doc: Document) -> SpamScan:
    lay = layout(doc)
    text = doc.text
    hits: list[SpamHit] = []
    taken: set[int] = set()
    phrases = spam_matcher(doc.lang).find(text, doc.lower, utf8_lower(doc)) if may_match(doc, FAMILY) else []
    for m in phrases:
        hits.append(SpamHit(m.start, m.kind, m.text, lay.paragraph_at(m.start)))
        taken.add(m.start)
    # letters+digits brand tokens anywhere: only tokens with a letter-digit junction reach Python
    for start, tok in _mixed_tokens(text, utf8_text(doc)) if may_match(doc, MIXED_PREFILTER) else ():
        if start not in taken and is_brand(tok):
            hits.append(SpamHit(start, "brand", tok, lay.paragraph_at(start)))
            taken.add(start)
    # letters-only brand tokens (koislot, rajatoto) only where spam sits: tail and short paragraphs, and only
    # next to another spam hit in the same paragraph (alone they are too often ordinary words: Maori "whakahoki")
    spam_paragraphs = {h.paragraph for h in hits}
    for start, tok in _suffix_tokens(doc.lower, text) if spam_paragraphs else ():
        i = lay.paragraph_at(start)
        if (
            start not in taken
            and i in spam_paragraphs
            and (lay.in_tail(i) or (i > 0 and _short_paragraph(lay, i)))
            and is_brand(tok)
        ):
            hits.append(SpamHit(start, "brand", tok, i))
            taken.add(start)
    # obfuscated brands in the tail and the short paragraphs near it (bounded: the last 10 paragraphs):
    # 𝑺𝑼𝑯𝑼𝟑𝟐𝟖, ⓅⓊⓁⒶⓊ⑦⑦⑦, P͓̽U͓̽L͓̽A͓̽U͓̽W͓̽I͓̽N͓̽, "A L E X I S 1 7"
    first = max(1, len(lay.spans) - OBFUSCATION_PARAGRAPHS) if may_match(doc, OBFUSCATED_PREFILTER) else len(lay.spans)
    candidates = [
        (i, s, text[s : min(e, s + 600)])
        for i, (s, e) in enumerate(lay.spans[first:], start=first)
        if lay.in_tail(i) or e - s <= SHORT_CHARS
    ]
    # one re2 call over them all first (a match cannot span the "\n" between two): most texts have none
    if candidates and search_start(_OBFUSCATED, "\n".join(par for _, _, par in candidates)) is None:
        candidates = []
    for i, s, par in candidates:
        if search_start(_OBFUSCATED, par) is None:
            continue
        latin = latin_sources()
        if latin is not None and latin.search(par) is None:
            continue  # no character of it can become an ASCII letter: no brand can appear (CJK punctuation)
        seen = {h.text.lower() for h in hits if h.paragraph == i}
        for tok in _TOKEN.findall(deobfuscate(par)):
            if tok.lower() not in seen and tok not in par and is_brand(tok):
                hits.append(SpamHit(s, "brand", tok, i))
                seen.add(tok.lower())
    hits.sort(key=lambda h: h.start)
    per_par: dict[int, int] = {}
    for h in hits:
        per_par[h.paragraph] = per_par.get(h.paragraph, 0) + 1
    keyword_lists = set()
    blocks: list[int] = []
    for i, count in per_par.items():
        if count >= KEYWORD_LIST_MIN_MATCHES:
            if len(_TOKEN.findall(lay.paragraph(i))) <= count * KEYWORD_LIST_MAX_WORDS_PER_MATCH:
                keyword_lists.add(i)
                blocks.append(i)
    # a run of short paragraphs that each hold spam ("slot gacor 88" / "rtp slot gacor" / ...) is a list too
    run: list[int] = []
    for i in sorted(per_par) + [-2]:
        if run and (i < 0 or i != run[-1] + 1 or not _short_paragraph(lay, i)):
            if len(run) >= KEYWORD_RUN_MIN_PARAGRAPHS:
                keyword_lists.update(run)
                if not any(b in run for b in blocks):
                    blocks.append(run[0])
            run = []
        if i >= 0 and _short_paragraph(lay, i):
            run.append(i)
    return SpamScan(tuple(hits), lay, frozenset(keyword_lists), tuple(sorted(blocks)), len(doc.words))


def scan(doc: Document) -> SpamScan:
    """The family's shared pass over ``doc`` (computed once per document)."""
    return doc.memo("spam.scan", lambda: _scan(doc))


def _vocabulary_scan(doc: Document) -> SpamScan | None:
    """The shared scan, or None when the document's language has no spam vocabulary."""
    return scan(doc) if has_vocabulary(doc.lang) else None


_LOTTERY_KINDS = frozenset({"lottery"})
_GAMBLING_KINDS = frozenset({"gambling", "promo"})


def _count(hits: list[SpamHit]) -> Signal:
    if not hits:  # most documents
        return 0.0, []
    return float(len(hits)), evidence([h.text for h in hits])


@signal("spam.lottery")
def lottery(doc: Document) -> Signal:
    """Lottery-result phrases ("Keluaran SGP", "Data HK", "togel", "xổ số", "หวย") on their own short line.

    Not counted inside a running sentence (news about a lottery crackdown) nor in the title.

    >>> from .document import Document
    >>> lottery(Document.from_text("Polisi menangkap bandar togel di Medan kemarin malam bersama dua rekannya.\\n\\nKeluaran HK", lang="id"))
    (1.0, ['Keluaran HK'])
    """
    sc = _vocabulary_scan(doc)
    return NAN_SIGNAL if sc is None else _count(sc.placed(_LOTTERY_KINDS))


@signal("spam.gambling")
def gambling(doc: Document) -> Signal:
    """Slot/casino/betting vocabulary and calls to action ("slot gacor", "nổ hũ", "free spins") on short lines.

    >>> from .document import Document
    >>> gambling(Document.from_text("The match ended 2-1.\\n\\nBest online casino: free spins, no deposit bonus", lang="en"))
    (3.0, ['Best online casino', 'free spins', 'no deposit bonus'])
    """
    sc = _vocabulary_scan(doc)
    return NAN_SIGNAL if sc is None else _count(sc.placed(_GAMBLING_KINDS))


@signal("spam.brands")
def brands(doc: Document) -> Signal:
    """Gambling brand tokens (``gacor88``, ``mega888``, ``koislot``) on short lines or in the last paragraphs.

    Language-independent. A brand token inside running prose in the middle ("bet365 odds") is not counted.

    >>> from .document import Document
    >>> brands(Document.from_text("Sebuah berita panjang tentang ekonomi daerah yang tumbuh pesat.\\n\\nMain di koislot dan weton88 sekarang"))
    (2.0, ['koislot', 'weton88'])
    """
    sc = scan(doc)
    hits = [
        h for h in sc.hits
        if h.kind == "brand" and (sc.layout.in_tail(h.paragraph) or (h.paragraph > 0 and _short_paragraph(sc.layout, h.paragraph)))
    ]
    return _count(hits)


@signal("spam.brand_signature")
def brand_signature(doc: Document) -> Signal:
    """A signature line in the last paragraphs naming a brand, not a person ("By gacor88", "Oleh: slot88").

    Language-independent: the signature words of every spam vocabulary are accepted.

    >>> from .document import Document
    >>> brand_signature(Document.from_text("Text of the story.\\n\\nBy Maria Lopez")), brand_signature(Document.from_text("Text.\\n\\nby hoki777"))
    ((0.0, []), (1.0, ['by hoki777']))
    """
    lay = layout(doc)
    by_words = brand_rules().by_words
    found: list[str] = []
    n = len(lay.spans)
    for i in range(max(1, n - 3), n):
        for line in lay.paragraph(i).rsplit("\n", 3)[-3:]:  # the last three lines (split from the end)
            line = line.strip()
            if len(line) > 80:  # too long for a signature (checked before splitting a long line into words)
                continue
            words = line.split()
            if not 2 <= len(words) <= SIGNATURE_MAX_WORDS:
                continue
            head = words[0].rstrip(":").lower()
            rest = words[1:]
            if head not in by_words and len(words) > 2 and f"{head} {words[1].rstrip(':').lower()}" in by_words:
                head, rest = "", words[2:]
            elif head not in by_words:
                continue
            names = [w.strip(":.,|-–—") for w in rest if w.strip(":.,|-–—")]
            if names and (any(is_brand(w) for w in names) or (len(names) == 1 and is_alnum_brand_shape(names[0]))):
                found.append(line)
    return float(len(found)), evidence(found)


@signal("spam.keyword_list")
def keyword_list(doc: Document) -> Signal:
    """Link-farm keyword lists: paragraphs stuffed with spam keywords and brands (3+ hits, one per 4 words or
    more), or runs of 3+ short paragraphs that each hold one. Counts lists; the evidence is where each begins.

    >>> from .document import Document
    >>> keyword_list(Document.from_text("Story.\\n\\nslot gacor, rtp slot, bocoran slot, togel hk, gacor77", lang="id"))[0]
    1.0
    >>> keyword_list(Document.from_text("Story.\\n\\nrtp slot hari ini\\n\\nslot gacor 88\\n\\nlink alternatif", lang="id"))
    (1.0, ['rtp slot hari ini'])
    """
    sc = scan(doc)
    ev = [sc.layout.paragraph(i) for i in sc.keyword_blocks]
    return float(len(ev)), evidence(ev)


@signal("spam.density", indicator=False)
def density(doc: Document) -> Signal:
    """Spam phrases and brand tokens anywhere in the text, per 100 words (a measure, wherever they sit).

    >>> from .document import Document
    >>> density(Document.from_text("slot gacor slot gacor gacor88 ok", lang="id"))[0]
    50.0
    """
    sc = _vocabulary_scan(doc)
    if sc is None:
        return NAN_SIGNAL
    return (100.0 * len(sc.hits) / sc.n_words if sc.n_words else 0.0), evidence([h.text for h in sc.hits])


@signal("spam.tail_share", indicator=False)
def tail_share(doc: Document) -> Signal:
    """Share of the spam hits that sit in the last three paragraphs (0 when there are none).

    >>> from .document import Document
    >>> tail_share(Document.from_text("Judi online dilarang.\\n\\nIsi berita.\\n\\nA\\n\\nB\\n\\nslot gacor", lang="id"))[0]
    0.5
    """
    sc = _vocabulary_scan(doc)
    if sc is None:
        return NAN_SIGNAL
    tail = [h for h in sc.hits if sc.layout.in_tail(h.paragraph)]
    return (len(tail) / len(sc.hits) if sc.hits else 0.0), evidence([h.text for h in tail])
