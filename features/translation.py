"""Signal family ``translation`` (design.md §4.5): machine-translation artefacts, without a translator.

Indicators (a non-zero value is evidence on its own):

* glued tokens: an out-of-vocabulary word that splits into two frequent words of the
  language, where a translator joined words across removed link markup ("Rusiadorongan" =
  "Rusia" + "dorongan");
* name near-misses: an out-of-vocabulary capitalised word that is a frequent word of the same
  document plus one or two stray letters ("Rusian" next to "Rusia");
* Latin-script fragments in non-Latin-script text that are not common (English) words or
  acronyms ("Ondus", "Lenta" in Arabic);
* number formats foreign to the language ("2.600.000" in Arabic or English, "2,600,000" in German);
* spaces before punctuation (" ،", " ,"; French " ;", " :", " !", " ?" are native);
* quotation marks foreign to the language („…“ in English);
* paragraph collapse: a long multi-sentence text in one paragraph.

Measures (``indicator=False``), against the language's own norms where wordfreq gives them:
out-of-vocabulary rate; mean Zipf frequency, top-1k/10k and top-100 ("function word") shares
minus their expected values under the language's wordfreq distribution (MT favours frequent
words); moving type-token ratio; sentence-length mean and coefficient of variation; comma and
punctuation rates; the share of sentences whose words fit English better than the document's
language (a cheap per-sentence language check, no per-sentence language identification).

Word frequencies come from wordfreq's packed lists, read once per process per language into a
:class:`FrequencyTable` (words of Zipf >= 2, looked up a document's word types at a time); wordfreq's
tokenizer is never called. Per-language
conventions are data: ``data/translation/<lang>.tsv`` (``thousands``, ``quote``, ``spaced_punct``,
``glued``, ``script``, ``wordfreq``). A signal returns NaN where the language has no word list or
no convention entry.

>>> from farmguard.article import Article
>>> doc = Document.from_article(Article(text="Pada hari Selasa, Rusian dan jet Suriah menyerang. Rusia mendukung kampanye.", lang="id"))
>>> name_near_miss(doc)
(1.0, ['Rusian'])
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import compress, filterfalse, repeat
from operator import ne, sub, truediv

import numpy as np
import re2
from collections.abc import Collection
from dataclasses import dataclass, field

from .document import Document
from .phrases import lexicon
from .signal import NAN_SIGNAL, Signal, evidence, signal
from .utf8_scan import utf8_text

FAMILY = "translation"

MIN_ZIPF = 2.0
"""Words rarer than this (one in 10 million) are out of vocabulary."""
GLUE_MIN_CHARS = 8
GLUE_PART_MIN_CHARS = 4
GLUE_PART_MIN_ZIPF = 3.3
GLUE_MIN_UNCASED = 3
"""In scripts without case (Arabic, Hebrew, Indic) one or two glued pairs are typing slips (human Arabic has them); count from three."""
NEAR_MISS_BASE_ZIPF = 4.0
LATIN_KNOWN_ZIPF = 3.0
"""A Latin word this frequent in English (a brand, a borrowed word) is not an untranslated fragment."""
MIN_VOCAB_COVERAGE = 0.3
"""Below this share of known words the list does not fit the text (wrong script or language): NaN."""
COLLAPSE_MIN_CHARS = 1500
COLLAPSE_MIN_SENTENCES = 8
TTR_WINDOW = 100
SCAN_CHARS = 60_000
"""Regex scans (numbers, punctuation, quotes, Latin words) read at most this much text."""

_NO_SPACE_SCRIPTS = frozenset({"Hani", "Jpan", "Thai", "Laoo", "Khmr", "Mymr", "Tibt"})


# --- per-language conventions (data files) ---------------------------------------------------------


@dataclass(frozen=True)
class Conventions:
    """What ``data/translation/<lang>.tsv`` says about a language."""

    lang: str
    known: bool
    wordfreq: str
    thousands: frozenset[str] = frozenset()
    quotes: frozenset[str] = frozenset()
    spaced_punct: frozenset[str] = frozenset()
    glued: bool = True
    inflects: bool = False
    script: str = "Latn"
    sentence_case_headlines: bool = False


@functools.lru_cache(maxsize=None)
def conventions(lang: str) -> Conventions:
    """The language's conventions (``known=False`` when there is no data file).

    >>> c = conventions("fr"); sorted(c.spaced_punct), "." in c.thousands, c.script
    (['!', ':', ';', '?'], True, 'Latn')
    """
    entries = lexicon(FAMILY, lang)
    values: dict[str, set[str]] = {}
    for kind, value in entries:
        values.setdefault(kind, set()).add(" " if value == "space" else value)
    return Conventions(
        lang=lang,
        known=bool(entries),
        wordfreq=next(iter(values.get("wordfreq", {lang}))),
        thousands=frozenset(values.get("thousands", ())),
        quotes=frozenset(values.get("quote", ())),
        spaced_punct=frozenset(values.get("spaced_punct", ())),
        glued="no" not in values.get("glued", ()),
        inflects="yes" in values.get("inflects", ()),
        script=next(iter(values.get("script", {"Latn"}))),
        sentence_case_headlines="sentence" in values.get("headline_case", ()),
    )


# --- word frequencies ----------------------------------------------------------------------------------


class FrequencyTable:
    """A read-only ``word -> Zipf`` table stored as a numpy array of slots that pack the word's 64-bit ``hash``
    and its Zipf bucket.

    Buckets of 8 slots (one 64-byte cache line) chosen by the hash's low bits; each slot holds the hash
    with its low 10 bits replaced by the word's wordfreq centibel code (a *tag*), so that a lookup reads
    one cache line per word and nothing else. An overflow dict (tag -> code) keeps the few words of full
    buckets: 16-25 bytes per word instead of ~100 for a dict of str (measured: 2.1 MB for English's 95k words,
    4.2 MB for Russian's 252k, instead of 40-60 MB per large wordfreq list), and :meth:`lookup` finds all
    of a document's word types in a fixed number of vectorised operations whose cache misses overlap (a dict
    pays ~3 misses per lookup in turn: ~250 ns each on a cold cache; a hash array plus a separate code array
    paid two).
    Words are identified by their 64-bit str hash (randomised per process; the table is built in the process
    that uses it): a token mistaken for a listed word needs the same bucket and the same 54 high hash bits
    (~5e-16 per lookup).

    >>> t = FrequencyTable({"rusia": 500, "dorongan": 480})
    >>> t["rusia"], t.get("rusian"), "dorongan" in t, len(t)
    (4.0, None, True, 2)
    """

    __slots__ = ("_slots", "_mask", "_size", "_overflow")
    WIDTH = 8
    MISSING = 901
    CODE_BITS = 10
    """A slot's low bits hold the code (``0 <= cb < 901 < 2**10``), its high 54 bits the word's hash."""
    ZIPF = np.array([9.0 - cb / 100.0 for cb in range(MISSING)] + [math.nan])
    """Zipf of wordfreq's centibel bucket ``cb`` (index ``cb``), NaN at index ``MISSING`` (not listed)."""
    ZIPF_OR_0 = np.nan_to_num(ZIPF, nan=0.0)
    EMPTY = np.uint64(2**64 - 1)
    """An empty slot: XOR with any tag leaves low bits 1023, which is no code (codes are below MISSING)."""

    def __init__(self, codes: dict[str, int]) -> None:
        """``codes``: word -> wordfreq centibel bucket (Zipf = 9 - cb / 100, ``0 <= cb < 901``)."""
        n = self._size = len(codes)
        n_buckets = 1 << max(1, (n // 4).bit_length())  # 2-4 words per bucket of 8 on average
        self._mask = np.uint64(n_buckets - 1)
        hashes = self._hash_array(list(codes))
        tags = self._tags(hashes) | np.fromiter(codes.values(), np.uint64, n)
        bucket = (hashes & self._mask).astype(np.intp)
        order = np.argsort(bucket, kind="stable")
        sorted_buckets = bucket[order]
        first = np.searchsorted(sorted_buckets, sorted_buckets)  # index of each bucket's first word
        col = np.arange(n) - first
        fits = col < self.WIDTH
        self._slots = np.full((n_buckets, self.WIDTH), self.EMPTY)
        self._slots[sorted_buckets[fits], col[fits]] = tags[order[fits]]
        self._overflow = dict(  # tag without code -> code, ~1% of words
            zip(self._tags(hashes[order[~fits]]).tolist(), (tags[order[~fits]] & self._CODE_MASK).tolist())
        )

    _CODE_MASK = np.uint64((1 << CODE_BITS) - 1)
    _TAG_MASK = ~_CODE_MASK

    @staticmethod
    def _hash_array(words: list[str]) -> np.ndarray:
        return np.fromiter(map(hash, words), np.int64, len(words)).view(np.uint64)

    @classmethod
    def _tags(cls, hashes: np.ndarray) -> np.ndarray:
        """The hashes' high 54 bits (low bits zero): the part of a slot that identifies the word."""
        return hashes & cls._TAG_MASK

    def codes_of(self, words: list[str]) -> np.ndarray:
        """The centibel bucket of each word (``MISSING`` for words not listed), in a dozen numpy calls."""
        return self.lookup(words)[0]

    def lookup(self, words: list[str]) -> tuple[np.ndarray, list[int]]:
        """The centibel bucket of each word (``MISSING`` for words not listed), and the indices of those not listed.

        A slot XOR the word's tag is the word's code (< ``MISSING``) where the tag matches, and at least
        1,024 elsewhere (other tags differ in the high bits; an empty slot leaves 1,023): the row minimum
        is the code, or more than ``MISSING`` when the word is not in its bucket.

        >>> codes, missing = FrequencyTable({"rusia": 500}).lookup(["xq", "rusia"]); codes.tolist(), missing
        ([901, 500], [0])
        """
        hashes = self._hash_array(words)
        tags = self._tags(hashes)
        # one cache line per word; the XOR is written transposed (8 x words, C order) so that the minimum
        # runs along rows of words instead of 8-slot rows (3x faster)
        found = np.bitwise_xor(self._slots[hashes & self._mask].T, tags, order="C").min(0)
        codes = np.minimum(found, self.MISSING)
        lost = np.flatnonzero(found > self.MISSING).tolist()
        if not (lost and self._overflow):
            return codes, lost
        missing = []
        get = self._overflow.get
        for i, tag in zip(lost, tags[lost].tolist()):
            code = get(tag)
            if code is None:
                missing.append(i)
            else:
                codes[i] = code
        return codes, missing

    def zipf_of(self, words: list[str]) -> np.ndarray:
        """Zipf of each word (NaN when not listed).

        >>> FrequencyTable({"rusia": 500}).zipf_of(["rusia", "xq"]).tolist()
        [4.0, nan]
        """
        return self.ZIPF[self.codes_of(words)]

    def get(self, word: str, default: float | None = None) -> float | None:
        """Zipf of one word, else ``default`` (use :meth:`zipf_of` for many words)."""
        h = hash(word) & 0xFFFFFFFFFFFFFFFF
        code_mask = int(self._CODE_MASK)
        tag = h & ~code_mask
        slots = self._slots[h & int(self._mask)].tolist()
        for slot in slots:
            if slot ^ tag < self.MISSING:
                return float(self.ZIPF[slot ^ tag])
        code = self._overflow.get(tag) if slots[-1] != self.EMPTY else None  # a full bucket: maybe in the overflow
        return default if code is None else float(self.ZIPF[code])

    def __getitem__(self, word: str) -> float:
        z = self.get(word)
        if z is None:
            raise KeyError(word)
        return z

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return self._size

    def __reduce__(self):
        # str hashes are salted per process: a table sent to another process would silently miss every word
        raise TypeError("FrequencyTable is built per process (str hashes are salted); call vocabulary() there")


@dataclass(frozen=True)
class Vocabulary:
    """A language's word list: ``zipf`` per word (Zipf >= 2), top ranks, and the expected values
    of the frequency measures for running text drawn from the list's distribution."""

    lang: str
    zipf: FrequencyTable
    rank: dict[str, int]
    """Rank (0 = most frequent) of the top-10,000 words whose Zipf is in one of ``bound_codes``: the only words
    whose membership in a top needs their rank (a dict of all 10,000 words would pin their strings)."""
    expected: dict[str, float] = field(default_factory=dict)
    bound_codes: tuple[int, int, int] = (0, 0, 0)
    """Zipf buckets of the words ranked 100th, 1,000th and 10,000th: a word of a more frequent bucket is within
    that top without a lookup in ``rank`` (only words of the bound's own bucket need one)."""
    function_words: dict[str, float] = field(default_factory=dict)
    """The language's 100 most frequent words and their expected share of running text."""

    @functools.cached_property
    def bound_array(self) -> np.ndarray:
        """``bound_codes`` and ``MISSING`` as a column: a document's codes are compared with all four at once."""
        return np.array([*self.bound_codes, FrequencyTable.MISSING], np.uint64)[:, None]

    @functools.cached_property
    def is_bound(self) -> np.ndarray:
        """``is_bound[code]``: is ``code`` one of ``bound_codes`` (indices up to ``MISSING``)."""
        flags = np.zeros(FrequencyTable.MISSING + 1, bool)
        flags[list(self.bound_codes)] = True
        return flags


@functools.lru_cache(maxsize=None)
def vocabulary(code: str) -> Vocabulary | None:
    """wordfreq's list for ``code`` read once per process (None when wordfreq has none).

    >>> v = vocabulary("id"); v.zipf["rusia"] >= 4, "rusian" in v.zipf
    (True, False)
    """
    import wordfreq  # deferred: only languages that are used pay for loading

    path = wordfreq.available_languages("best").get(code)
    if path is None:
        return None
    buckets = wordfreq.read_cBpack(path)
    codes: dict[str, int] = {}
    ranked: list[str] = []
    mass = mass_z = 0.0
    tops = {"top100": 0.0, "top1k": 0.0, "top10k": 0.0}
    for cb, words in enumerate(buckets):
        z = 9.0 - cb / 100.0
        if z < MIN_ZIPF:
            break
        f = 10.0 ** (z - 9.0)
        for w in words:
            if "0" in w:  # wordfreq writes every digit as 0: numbers are not words
                continue
            codes[w] = cb
            n = len(ranked)
            ranked.append(w)
            mass += f
            mass_z += f * z
            if n < 100:
                tops["top100"] += f
            if n < 1000:
                tops["top1k"] += f
            if n < 10000:
                tops["top10k"] += f
    if not ranked:
        return None
    expected = {"mean_zipf": mass_z / mass} | {k: v / mass for k, v in tops.items()}
    bound_codes = tuple(codes[ranked[min(top, len(ranked)) - 1]] for top in _TOPS)
    # fresh copies of the few kept strings, so that the list's memory can be given back in whole arenas
    rank = {w.encode().decode(): i for i, w in enumerate(ranked[:10000]) if codes[w] in bound_codes}
    function_words = {w.encode().decode(): 10.0 ** (-codes[w] / 100.0) / mass for w in ranked[:100]}
    return Vocabulary(code, FrequencyTable(codes), rank, expected, bound_codes, function_words)


_TOPS = (100, 1000, 10000)


_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])


def _key(word: str) -> str:
    """A lower-cased token as wordfreq spells its keys (casefold; Arabic marks and tatweel removed)."""
    if word.isascii():
        return word
    word = word.casefold()
    if "\u0600" <= word[0] <= "\u06ff":
        return word.translate(_ARABIC_MARKS)
    return word.replace("i\u0307", "i") if "\u0307" in word else word


@dataclass(frozen=True, slots=True)
class WordStats:
    """One pass over a document's words against its language's vocabulary."""

    vocab: Vocabulary
    n: int  # alphabetic tokens
    known: int
    zipf_sum: float
    top100: int
    top1k: int
    top10k: int
    counts: dict[str, int]  # word key -> occurrences
    oov: frozenset[str]  # keys of out-of-vocabulary words
    keys: dict[str, str]  # lower-cased token -> word key (where they differ)


_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e31-\u0e4e\u0eb1-\u0ecd\u0f18-\u0fbc\u102b-\u103e\u17b4-\u17d3"
    "\u200c\u200d"
)
_MARKED_WORD = re.compile(rf"[\w{_MARKS}]+")
"""A word including its combining marks and joiners (``\\w`` splits "हिन्दी" and "قُتل" at every mark).

One character class (twice as fast as an alternation); tokens with digits are dropped after."""
_MARKED_WORD_OR_BREAK = re.compile(rf"[\w{_MARKS}]+|\n")
_DIGIT = re.compile(r"[\d_]")
_SIMPLE_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek"})
_SENTENCE_BREAK = re.compile(r"\. |! |\? |؟ |。|！|？|। |\n")
"""One split on every sentence break: the same parts as replacing each terminator by ". " and splitting on it."""


def sentence_texts(doc: Document) -> list[str]:
    """The text cut into sentences at ". ", "! ", "? ", "؟ ", "。", "। " and line breaks (str methods only).

    >>> from farmguard.article import Article
    >>> sentence_texts(Document.from_article(Article(text="One two. Three? Four\\nfive")))
    ['One two', 'Three', 'Four', 'five']
    """

    def compute() -> list[str]:
        return list(filter(None, map(str.strip, _SENTENCE_BREAK.split(doc.text[:SCAN_CHARS]))))

    return doc.memo("translation.sentence_texts", compute)


def words_of(doc: Document) -> list[str]:
    """Lower-cased alphabetic words; combining marks kept inside words for scripts that have them.

    >>> from farmguard.article import Article
    >>> words_of(Document.from_article(Article(text="قُتل 18 شخصًا", lang="ar")))
    ['قُتل', 'شخصًا']
    """

    def compute() -> list[str]:
        if conventions(doc.lang).script in _SIMPLE_SCRIPTS:
            return list(filter(str.isalpha, doc.words_lower))
        return [t for t in _MARKED_WORD.findall(doc.lower[:SCAN_CHARS]) if t.isalpha() or not _DIGIT.search(t)]

    return doc.memo("translation.words_of", compute)


def word_stats(doc: Document) -> WordStats | None:
    """Shared per-document word statistics (None: no usable word list for the language)."""
    return doc.memo("translation.words", lambda: _word_stats(doc))


def _word_stats(doc: Document) -> WordStats | None:
    """One pass over the word TYPES (not tokens), with C-level ``map``/``compress`` instead of a Python loop.

    Same values, in the same order of summation, as a per-type loop (~4x faster: 60 vs 250 µs on 5 KB).
    """
    conv = conventions(doc.lang)
    if conv.script in _NO_SPACE_SCRIPTS:
        return None
    vocab = vocabulary(conv.wordfreq if conv.known else doc.lang)
    if vocab is None:
        return None
    tokens = words_of(doc)
    n = len(tokens)
    if n == 0:
        return None
    raw = Counter(tokens)
    # only where a key differs from its token (casefold, Arabic marks, Turkish i); none can when the text
    # holds no character whose lower case folds or carries such a mark (one google-re2 pass over its UTF-8)
    keys = _keys_of(raw) if _may_match(_FOLDING_RE2, doc) else {}
    # a Counter over keys keeps the order of first appearance, as merging ``raw`` in its order would
    counts: dict[str, int] = Counter(map(keys.get, tokens, tokens)) if keys else raw
    ks = list(counts)
    codes, missing = vocab.zipf.lookup(ks)
    cs = np.fromiter(counts.values(), np.int64, len(ks))
    # occurrences of words more frequent than each top's last word, and of all listed words: one
    # (4 x types) bool matrix times the counts (a word not listed has code MISSING, above every bound)
    *tops, known = ((codes < vocab.bound_array) @ cs).tolist()
    if known / n < MIN_VOCAB_COVERAGE:
        return None
    # cumsum adds in order (no pairwise summation): the same float as ``zsum += z * c`` over the known
    # types (a word not listed adds 0.0, which leaves the sum unchanged)
    zsum = float(np.cumsum(FrequencyTable.ZIPF_OR_0[codes] * cs)[-1])
    tied = np.flatnonzero(vocab.is_bound[codes])
    for i, code in zip(tied.tolist(), codes[tied].tolist()):
        # a word of a bound's own Zipf: inside that top when its rank is
        r = vocab.rank.get(ks[i])
        if r is not None:
            for j, (top, cb) in enumerate(zip(_TOPS, vocab.bound_codes)):
                if code == cb and r < top:
                    tops[j] += counts[ks[i]]
    oov = frozenset(map(ks.__getitem__, missing))
    return WordStats(vocab, n, known, zsum, tops[0], tops[1], tops[2], counts, oov, keys)


_KEY_SPECIAL = re.compile("[\u064b-\u065f\u0670\u0640\u0307]")
_FOLDING_RE2 = re2.compile(
    "[\u00b5\u00df\u0130\u0149\u017f\u01f0\u0307\u0345\u0390\u03b0\u03c2\u03d0-\u03d1\u03d5-\u03d6\u03f0-\u03f1"
    "\u03f5\u0587\u0640\u064b-\u065f\u0670\u13a0-\u13f5\u13f8-\u13fd\u1c80-\u1c88\u1e96-\u1e9b\u1e9e\u1f50\u1f52"
    "\u1f54\u1f56\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6-\u1fb7\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fc7\u1fcc\u1fd2-\u1fd3"
    "\u1fd6-\u1fd7\u1fe2-\u1fe4\u1fe6-\u1fe7\u1ff2-\u1ff4\u1ff6-\u1ff7\u1ffc\uab70-\uabbf\ufb00-\ufb06\ufb13-\ufb17]"
)
"""Every character whose lower case holds a character that ``casefold`` changes (ß, ς, ﬁ …) or that ``_key``
removes (Arabic marks, tatweel, the combining dot of Turkish İ); tests check the list against every code point.
A text without one has no token whose key differs from it (``_keys_of`` is then ``{}``)."""


def _keys_of(tokens: Collection[str]) -> dict[str, str]:
    """``{token: _key(token)}`` for the tokens whose key differs, with one ``casefold`` over them all.

    >>> _keys_of(["straße", "rusia", "москва"])
    {'straße': 'strasse'}
    """
    odd = list(filterfalse(str.isascii, tokens))
    if not odd:
        return {}
    joined = "\x00".join(odd)
    folded = joined.casefold()  # casefold is context-free: the same as per token
    special = _KEY_SPECIAL.search(folded)
    if not special and folded == joined:  # lower-cased Cyrillic, Polish, Czech …: every key is its token
        return {}
    parts = folded.split("\x00")
    if special:  # Arabic marks or a combining dot: those tokens go through _key
        for i in {folded.count("\x00", 0, m.start()) for m in _KEY_SPECIAL.finditer(folded)}:
            parts[i] = _key(odd[i])
    return dict(compress(zip(odd, parts), map(ne, odd, parts)))


def _capitalised_oov(doc: Document, stats: WordStats, keys: Collection[str]) -> list[tuple[str, str]]:
    """(word as written, key) of the capitalised occurrences of the out-of-vocabulary word ``keys``, in text order.

    The indicators first keep the OOV word types that could fire (a glued pair, a near-miss base): most
    documents have none, and then the tokens are not walked at all. Token positions come from
    ``doc.words_lower`` (index-aligned with ``doc.words``) in one C-level membership pass.
    """
    if not keys:
        return []
    lower = doc.words_lower
    if conventions(doc.lang).script in _SIMPLE_SCRIPTS:
        # words_of are the alphabetic words_lower: a lower-cased token is wanted when it or its key is
        wanted = set(keys).union([t for t, k in stats.keys.items() if k in keys])
    else:
        types = list(dict.fromkeys(lower))
        keyed = _keys_of(types)
        wanted = set(compress(types, map(keys.__contains__, map(keyed.get, types, types))))
    words = doc.words
    out = []
    for i in compress(range(len(lower)), map(wanted.__contains__, lower)):
        w = words[i]
        if w[:1].isupper():
            out.append((w, _key(lower[i])))
    return out


# --- indicators ------------------------------------------------------------------------------------------


def glue_split(key: str, zipf: dict[str, float], present: Collection[str]) -> tuple[str, str] | None:
    """Split an unknown word into two frequent words, one of which the text also uses on its own.

    >>> glue_split("rusiadorongan", {"rusia": 5.0, "dorongan": 4.2}, {"rusia"})
    ('rusia', 'dorongan')
    >>> glue_split("goldsmith", {"gold": 4.9, "smith": 4.5}, set()) is None
    True
    """
    for i in range(GLUE_PART_MIN_CHARS, len(key) - GLUE_PART_MIN_CHARS + 1):
        left, right = key[:i], key[i:]
        if left not in present and right not in present:
            continue
        zl, zr = zipf.get(left), zipf.get(right)
        if zl is not None and zr is not None and zl >= GLUE_PART_MIN_ZIPF and zr >= GLUE_PART_MIN_ZIPF:
            return left, right
    return None


@signal("translation.glued_tokens")
def glued_tokens(doc: Document) -> Signal:
    """Unknown words that are two frequent words glued together, one of them used alone elsewhere in the text.

    In cased scripts the glued word must start with a capitalised name the text also uses alone,
    followed by a lower-case word of five letters or more; in uncased scripts three glued words are needed.

    NaN for compounding and agglutinative languages (de, nl, sv, fi, hu, tr, …), where that is normal.

    >>> from farmguard.article import Article
    >>> glued_tokens(Document.from_article(Article(text="Pasukan bergerak sebagai Rusiadorongan n-led merebut kota itu. Rusia mendukung kampanye.", lang="id")))
    (1.0, ['Rusiadorongan'])
    """
    conv = conventions(doc.lang)
    if not conv.glued:
        return NAN_SIGNAL
    stats = word_stats(doc)
    if stats is None:
        return NAN_SIGNAL
    present = stats.counts
    zipf = stats.vocab.zipf
    # each long OOV word type is split once, whatever its case and however often it occurs
    splits = [(key, glue_split(key, zipf, present)) for key in stats.oov if len(key) >= GLUE_MIN_CHARS]
    # "Rusiadorongan": a capitalised name the text uses alone, then a lower-case word of 5+ letters
    name_glued = {key for key, split in splits if split and split[0] in present and len(split[1]) >= 5}
    cased = [word for word, _ in _capitalised_oov(doc, stats, name_glued) if not word.isupper()]
    # scripts without case (Arabic, Hebrew, Indic): no capital to anchor on
    uncased = [key for key, split in splits if split and key.upper() == key]
    if len(uncased) < GLUE_MIN_UNCASED:
        uncased = []
    found = cased + uncased
    return float(len(found)), evidence(found)


@signal("translation.name_near_miss")
def name_near_miss(doc: Document) -> Signal:
    """Capitalised out-of-vocabulary words that are a frequent word of the same text plus 1–2 stray letters.

    NaN where names take case endings or articles (hr "Jonesom", hu "Westet", da "Wests").

    >>> from farmguard.article import Article
    >>> name_near_miss(Document.from_article(Article(text="Rusian dan jet Suriah menyerang kota. Rusia mendukung kampanye itu.", lang="id")))
    (1.0, ['Rusian'])
    """
    stats = word_stats(doc)
    if stats is None or conventions(doc.lang).inflects:
        return NAN_SIGNAL
    zipf = stats.vocab.zipf
    present = stats.counts
    near = {
        key for key in stats.oov
        if len(key) >= 5 and any(
            len(base) >= 4 and base in present and zipf.get(base, 0.0) >= NEAR_MISS_BASE_ZIPF
            for base in (key[:-1], key[:-2], key[1:])
        )
    }
    found = [word for word, _ in _capitalised_oov(doc, stats, near) if word[1:].islower()]
    return float(len(found)), evidence(found)


_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")
_URLISH = frozenset("./@:_-\\#")


_LATIN_NAME_SCRIPTS = frozenset({"Hani", "Jpan", "Kore", "Thai"})
"""Scripts whose writers keep foreign names and brands in Latin letters as a matter of course."""
_SKIP_AROUND = " \t\u00a0,،;؛:()[]«»\"“”'’-–—/&"
LATIN_MIN_FRAGMENTS = 2


def _latin_neighbour(text: str, i: int, step: int) -> bool:
    """Is the nearest word before (step -1) or after (step +1) position ``i`` written in Latin letters?

    Punctuation and one short connecting word ("و", "и", "και", "और") are looked through, so the
    members of "Aldi و Lidl" are each other's neighbours.
    """
    n = len(text)
    connector_skipped = False
    for _ in range(12):
        if not 0 <= i < n:
            return False
        c = text[i]
        if c in _SKIP_AROUND:
            i += step
            continue
        if c.isascii() and c.isalpha():
            return True
        if connector_skipped:
            return False
        j = i
        while 0 <= j < n and not text[j].isspace() and abs(j - i) < 4:
            j += step
        if abs(j - i) > 3 or not (0 <= j < n):
            return False
        connector_skipped = True
        i = j
    return False


@signal("translation.latin_fragments")
def latin_fragments(doc: Document) -> Signal:
    """Isolated Latin-script words left untranslated in non-Latin-script text ("Ondus", "Lenta" in Arabic).

    Counts single Latin words between words of the document's script that are neither acronyms,
    camel-case brands, common English words, URLs nor part of a Latin run (full names
    "Christine Blasey Ford", brand lists "Revlon, Essie"), from two distinct fragments on; NaN for
    Latin-script languages and for Chinese, Japanese, Korean and Thai, which keep names in Latin.

    >>> from farmguard.article import Article
    >>> latin_fragments(Document.from_article(Article(text="نقلاً عن Ondus ، وبحسب موقع Lenta الإخباري الروسي على Twitter.", lang="ar")))
    (2.0, ['Ondus', 'Lenta'])
    >>> latin_fragments(Document.from_article(Article(text="قالت Christine Blasey Ford إنها ستشهد.", lang="ar")))
    (0.0, [])
    """
    conv = conventions(doc.lang)
    if not conv.known or conv.script == "Latn" or conv.script in _LATIN_NAME_SCRIPTS:
        return NAN_SIGNAL
    english = vocabulary("en")
    own = vocabulary(conv.wordfreq)
    text = doc.text[:SCAN_CHARS]
    candidates: list[tuple[str, int, int]] = []
    for m in _LATIN_WORD.finditer(text):
        word = m.group()
        s, e = m.start(), m.end()
        if (s and (text[s - 1] in _URLISH or text[s - 1].isalnum())) or (
            e < len(text) and (text[e] in _URLISH and e + 1 < len(text) and text[e + 1].isalnum() or text[e].isalnum())
        ):
            continue  # part of a URL, e-mail, domain or a mixed token
        if word.isupper() or not word[1:].islower():
            continue  # acronyms (BBC, NATO) and camel-case brands (YouGov, iPhone)
        candidates.append((word, s, e))
    if not candidates:
        return 0.0, []
    keys = [word.lower() for word, _, _ in candidates]  # looked up together: one vectorised probe per list
    common = (english.zipf.zipf_of(keys) >= LATIN_KNOWN_ZIPF).tolist() if english is not None else [False] * len(keys)
    listed = (~np.isnan(own.zipf.zipf_of(keys))).tolist() if own is not None else [False] * len(keys)
    found: list[str] = []
    for (word, s, e), is_common, is_listed in zip(candidates, common, listed):
        if is_common or is_listed:
            continue  # a common English word (a brand, a borrowed word) or a word of the language's list
        if _latin_neighbour(text, s - 1, -1) or _latin_neighbour(text, e, 1):
            continue  # a Latin name or list, kept on purpose
        if word not in found:
            found.append(word)
    if len(found) < LATIN_MIN_FRAGMENTS:
        return 0.0, []
    return float(len(found)), evidence(found)


_NUMBER = re.compile(r"\d[\d.,]*")
_GROUPED_RE2 = re2.compile(r"\p{Nd}[.,]\p{Nd}\p{Nd}\p{Nd}[.,]\p{Nd}")
"""Every number with two separators and a three-digit group contains this (``\\d`` of ``re`` is Unicode
category Nd); most texts have none, and then ``_NUMBER`` is not scanned."""


def _may_match(pattern: re2._Regexp, doc: Document) -> bool:
    """Can ``pattern`` (one of ``_PRECHECKS``) match anywhere in ``doc.text``? False only when it cannot: the
    caller's exact scan of the text's head can then be skipped.

    All prechecks are answered by one google-re2 set pass over the text's UTF-8 (``utf8_text``, shared with
    the encoding family), memoised per document: ~6.5 µs on 5 KB for its 26 patterns (~20 µs for the first four
    searches one by one). An end-of-text sentinel tells a set pass that failed (DFA out of memory) from one that found
    nothing; then, as for text that cannot be UTF-8 encoded (lone surrogates), every pattern may match.
    """
    found = _found_prechecks(doc)
    return found is None or pattern in found


def _found_prechecks(doc: Document) -> frozenset[re2._Regexp] | None:
    """:func:`_prechecks`, memoised per document."""
    return doc.memo("translation.prechecks", lambda: _prechecks(doc))


def _prechecks(doc: Document) -> frozenset[re2._Regexp] | None:
    """The ``_PRECHECKS`` patterns that match somewhere in ``doc.text`` (None: unknown, assume all)."""
    try:
        raw = utf8_text(doc)
    except UnicodeEncodeError:
        return None
    hits = _precheck_set().Match(raw)
    if not hits or len(_PRECHECKS) not in hits:  # no sentinel: the set pass did not finish
        return None
    return frozenset(_PRECHECKS[i] for i in hits if i < len(_PRECHECKS))


@functools.lru_cache(maxsize=1)
def _precheck_set() -> re2.Set:
    patterns = re2.Set.SearchSet(re2.Options())
    for pattern in _PRECHECKS:
        patterns.Add(pattern.pattern)
    patterns.Add(r"\z")  # the sentinel: matches in every text
    patterns.Compile()
    return patterns


def thousands_separator(number: str) -> str | None:
    """The digit-group separator a number unambiguously uses, else None.

    >>> thousands_separator("2.600.000"), thousands_separator("1,234.5"), thousands_separator("60.000"), thousands_separator("21.08.2019")
    ('.', ',', None, None)
    """
    number = number.rstrip(".,")
    seps = [c for c in number if c in ".,"]
    if len(seps) < 2:
        return None
    groups = re.split(r"[.,]", number)
    if not 1 <= len(groups[0]) <= 3:
        return None
    if len(set(seps)) == 1:
        return seps[0] if all(len(g) == 3 for g in groups[1:]) else None
    head, last = seps[:-1], seps[-1]
    if len(set(head)) == 1 and head[0] != last and all(len(g) == 3 for g in groups[1:-1]):
        return head[0]  # 1.234.567,89 / 1,234,567.89 / 1.234,5
    return None


@signal("translation.foreign_number_format")
def foreign_number_format(doc: Document) -> Signal:
    """Numbers grouped with a separator the language does not use ("2.600.000" in Arabic).

    >>> from farmguard.article import Article
    >>> foreign_number_format(Document.from_article(Article(text="يعيش 2.600.000 شخص في المنطقة.", lang="ar")))
    (1.0, ['2.600.000'])
    >>> foreign_number_format(Document.from_article(Article(text="Es leben 2.600.000 Menschen dort.", lang="de")))
    (0.0, [])
    """
    conv = conventions(doc.lang)
    if not conv.thousands:
        return NAN_SIGNAL
    text = doc.text[:SCAN_CHARS]
    if not _may_match(_GROUPED_RE2, doc):
        return 0.0, []
    found = []
    for m in _NUMBER.finditer(text):
        token = m.group()
        if len(token) < 7:
            continue
        sep = thousands_separator(token)
        if sep is not None and sep not in conv.thousands:
            found.append(token.rstrip(".,"))
    return float(len(found)), evidence(found)


_SPACED = re.compile(r" ([,.،؛;:!?؟])(?![\w.])")
_SPACED_RE2 = re2.compile(r" [,.،؛;:!?؟]")
"""What every ``_SPACED`` match starts with, in google-re2: absent from ~90% of texts, which then skip the scan."""
MIN_SPACED = 3
"""Fewer spaced marks than this are typing slips (human text has them too) and count 0."""


@signal("translation.space_before_punct")
def space_before_punct(doc: Document) -> Signal:
    """Spaces between a word and the punctuation after it (" ،", " ,"), except where native (French " ;").

    Counts only from three occurrences on: one or two are typing slips in human text.

    >>> from farmguard.article import Article
    >>> space_before_punct(Document.from_article(Article(text="نتقدم باتجاه إدلب ، لذلك بدأ الجيش ، والقوات ، كذلك.", lang="ar")))
    (3.0, ['إدلب ،', 'الجيش ،', 'والقوات ،'])
    >>> space_before_punct(Document.from_article(Article(text="Pourquoi ? Parce que : voilà !", lang="fr")))
    (0.0, [])
    """
    conv = conventions(doc.lang)
    if not conv.known:
        return NAN_SIGNAL
    text = doc.text[:SCAN_CHARS]
    if not _may_match(_SPACED_RE2, doc):
        return 0.0, []
    found = []
    for m in _SPACED.finditer(text):
        mark = m.group(1)
        if mark in conv.spaced_punct:
            continue
        start = m.start()
        prev = text[start - 1] if start else ""
        if not (prev.isalpha() or "\u064b" <= prev <= "\u065f"):
            continue  # after a digit ("2 : 1" scores), a space or a symbol
        while start > 0 and not text[start - 1].isspace() and m.start() - start < 20:
            start -= 1
        found.append(text[start : m.end()])
    if len(found) < MIN_SPACED:
        return 0.0, []
    return float(len(found)), evidence(found)


_QUOTE_MARKS = frozenset("“”„‟«»「」『』")


@signal("translation.foreign_quotes")
def foreign_quotes(doc: Document) -> Signal:
    """Double quotation marks the language does not use („…“ or «…» in English, „…“ in Chinese).

    >>> from farmguard.article import Article
    >>> foreign_quotes(Document.from_article(Article(text="He said „we will stay“ on Monday.", lang="en")))
    (1.0, ['„'])
    """
    conv = conventions(doc.lang)
    if not conv.quotes:
        return NAN_SIGNAL
    count = _mark_counter(doc)
    foreign = [q for q in _QUOTE_MARKS - conv.quotes if count(q)]
    if not foreign:
        return 0.0, []
    text = doc.text[:SCAN_CHARS]
    first_seen = sorted(foreign, key=text.find)  # the evidence: distinct marks in the order they appear
    return float(sum(map(count, foreign))), evidence(first_seen)


_MARK_CHARS = "“”„‟«»「」『』‘’‚…\"'\u00a0\u202f–—"
_MARK_PRECHECKS = {mark: re2.compile(re.escape(mark)) for mark in (*_MARK_CHARS, " - ", "...")}
"""Each counted mark (and the dash of " – " and " — ") is counted with ``str.count`` only when the set pass of
:func:`_may_match` finds it: a text holds ~3 of these 19 characters, most texts neither " - " nor "..."."""


def _mark_counter(doc: Document):
    """``count(mark)``: occurrences of ``mark`` in the scanned text (``str.count``), each mark counted once per document.

    A mark of ``_MARK_PRECHECKS`` (or a spaced dash whose dash is one) that the shared set pass does not find
    anywhere in the text counts 0 without a scan.
    """
    counts: dict[str, int] = doc.memo("translation.mark_counts", dict)
    text = doc.text[:SCAN_CHARS]
    found = _found_prechecks(doc)  # once per caller, not once per mark

    def count(mark: str) -> int:
        n = counts.get(mark)
        if n is None:
            pre = _MARK_PRECHECKS.get(mark) or _MARK_PRECHECKS.get(mark.strip())
            absent = pre is not None and found is not None and pre not in found
            n = counts[mark] = 0 if absent else text.count(mark)
        return n

    return count


QUOTE_STYLE_MIN_MARKS = 2


@signal("translation.native_quote_share", indicator=False)
def native_quote_share(doc: Document) -> Signal:
    """Share of double quotation marks that are the language's own typographic ones (not ``"`` or foreign).

    Human translators and editors write „…“ in German and «…» in Russian; MT engines often emit the
    straight ``"`` or keep the source's marks. NaN with fewer than two marks or no conventions.

    >>> from farmguard.article import Article
    >>> native_quote_share(Document.from_article(Article(text='Er sagte: "Wir bleiben." Sie sagte: „Nein.“', lang="de")))
    (0.5, [])
    """
    conv = conventions(doc.lang)
    if not conv.quotes:
        return NAN_SIGNAL
    count = _mark_counter(doc)
    native = sum(map(count, conv.quotes))
    other = count('"') + sum(map(count, _QUOTE_MARKS - conv.quotes))
    if native + other < QUOTE_STYLE_MIN_MARKS:
        return NAN_SIGNAL
    return native / (native + other), []


@signal("translation.hyphen_dash_share", indicator=False)
def hyphen_dash_share(doc: Document) -> Signal:
    """Share of spaced dashes typed as a hyphen (" - ") rather than a dash (" – ", " — ").

    Editors and human translators set real dashes; MT output and scraped text often keep " - ".
    NaN when the text has no spaced dash.

    >>> from farmguard.article import Article
    >>> hyphen_dash_share(Document.from_article(Article(text="Homs - the city - fell. Damascus – the capital – held.", lang="en")))
    (0.5, [])
    """
    count = _mark_counter(doc)  # shared with typographic_share
    hyphens = count(" - ")
    total = hyphens + count(" – ") + count(" — ")
    if not total:
        return NAN_SIGNAL
    return hyphens / total, []


_SENTENCE_END = re.compile(r"[.!?؟。！？।](?=\s)")


@signal("translation.paragraph_collapse")
def paragraph_collapse(doc: Document) -> Signal:
    """A long text of many sentences printed as one paragraph (MT pipelines drop paragraph breaks).

    >>> from farmguard.article import Article
    >>> paragraph_collapse(Document.from_article(Article(text=" ".join(["The army moved north on Monday."] * 60))))[0]
    1.0
    """
    paras = doc.paragraphs
    if not paras:
        return 0.0, []
    longest = max(paras, key=len)
    total = sum(map(len, paras))
    if len(longest) < COLLAPSE_MIN_CHARS or len(longest) < 0.8 * total:
        return 0.0, []
    sentences = len(_SENTENCE_END.findall(longest[:SCAN_CHARS])) + 1
    if sentences < COLLAPSE_MIN_SENTENCES:
        return 0.0, []
    return 1.0, [f"one paragraph of {len(longest)} characters, {sentences} sentences: {longest[:30]}"]


# --- measures --------------------------------------------------------------------------------------------


def _measure(doc: Document, fn) -> Signal:
    stats = word_stats(doc)
    if stats is None or stats.known == 0:
        return NAN_SIGNAL
    return float(fn(stats)), []


@signal("translation.oov_rate", indicator=False)
def oov_rate(doc: Document) -> Signal:
    """Share of words not in the language's word list (Zipf < 2): names, typos, glued and untranslated words.

    >>> from farmguard.article import Article
    >>> oov_rate(Document.from_article(Article(text="The army moved north on Monday Xqzzvt.", lang="en")))[0] > 0
    True
    """
    return _measure(doc, lambda s: (s.n - s.known) / s.n)


@signal("translation.mean_zipf_delta", indicator=False)
def mean_zipf_delta(doc: Document) -> Signal:
    """Mean Zipf frequency of the known words minus the language's expected value (MT favours frequent words).

    >>> from farmguard.article import Article
    >>> mean_zipf_delta(Document.from_article(Article(text="It is what it is and we are here.", lang="en")))[0] > 0
    True
    """
    return _measure(doc, lambda s: s.zipf_sum / s.known - s.vocab.expected["mean_zipf"])


@signal("translation.top1k_share_delta", indicator=False)
def top1k_share_delta(doc: Document) -> Signal:
    """Share of words among the language's 1,000 most frequent minus the expected share.

    >>> from farmguard.article import Article
    >>> round(top1k_share_delta(Document.from_article(Article(text="the the the the", lang="en")))[0], 2) > 0
    True
    """
    return _measure(doc, lambda s: s.top1k / s.n - s.vocab.expected["top1k"])


@signal("translation.top10k_share_delta", indicator=False)
def top10k_share_delta(doc: Document) -> Signal:
    """Share of words among the language's 10,000 most frequent minus the expected share.

    >>> from farmguard.article import Article
    >>> top10k_share_delta(Document.from_article(Article(text="Photosynthesis chlorophyll thylakoid", lang="en")))[0] < 0
    True
    """
    return _measure(doc, lambda s: s.top10k / s.n - s.vocab.expected["top10k"])


@signal("translation.function_word_delta", indicator=False)
def function_word_delta(doc: Document) -> Signal:
    """Share of the language's 100 most frequent words (its function words) minus the expected share.

    >>> from farmguard.article import Article
    >>> function_word_delta(Document.from_article(Article(text="Ministers approved budget cuts yesterday.", lang="en")))[0] < 0
    True
    """
    return _measure(doc, lambda s: s.top100 / s.n - s.vocab.expected["top100"])


@signal("translation.type_token_ratio", indicator=False)
def type_token_ratio(doc: Document) -> Signal:
    """Mean type-token ratio over consecutive 100-word windows (length-independent lexical diversity).

    >>> from farmguard.article import Article
    >>> type_token_ratio(Document.from_article(Article(text="a b " * 60, lang="en")))
    (0.02, [])
    """
    stats = word_stats(doc)
    if stats is None or stats.n < TTR_WINDOW:
        return NAN_SIGNAL
    tokens = words_of(doc)
    starts = range(0, len(tokens) - TTR_WINDOW + 1, TTR_WINDOW)
    windows = map(tokens.__getitem__, map(slice, starts, range(TTR_WINDOW, len(tokens) + 1, TTR_WINDOW)))
    # C-level maps: the same ratios, summed in the same order, as a list comprehension over the windows
    ratios = list(map(truediv, map(len, map(set, windows)), repeat(TTR_WINDOW)))
    return sum(ratios) / len(ratios), []


def _sentence_lengths(doc: Document) -> list[int]:
    """Words per sentence, ``len(s.split())``: counted as spaces plus one where every gap is one plain space."""

    def compute() -> list[int]:
        sentences = sentence_texts(doc)
        # sentences hold no "\n" (a break): a text without other whitespace than " " and without "  " needs
        # no look at its sentences (one google-re2 pass over the text's UTF-8, ~90% of texts)
        if _may_match(_ODD_SPACE_RE2, doc):
            joined = "".join(sentences)  # sentences are stripped: no space pair forms at the joins
            # every whitespace character but " " is unprintable (tab, no-break and thin spaces, separators)
            if not joined.isprintable() or "  " in joined:
                return list(map(len, map(str.split, sentences)))
        return list(map((1).__add__, map(str.count, sentences, repeat(" "))))

    return doc.memo("translation.sentence_lengths", compute)


_ODD_SPACE_RE2 = re2.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  ")
"""Whitespace other than " " and "\n" (every ``str.isspace`` character; tests check the list), or two spaces."""
_WIDE_COMMAS_RE2 = re2.compile("[،、，]")
"""Arabic and CJK commas (most texts have none: ``comma_rate`` then counts "," alone)."""
_PRECHECKS = (_GROUPED_RE2, _SPACED_RE2, _ODD_SPACE_RE2, _FOLDING_RE2, _WIDE_COMMAS_RE2, *_MARK_PRECHECKS.values())
"""What the one set pass of :func:`_may_match` answers for (skipped scans: numbers, spaced punctuation, sentence
whitespace, word-key folding, Arabic and CJK commas, each mark's count)."""


def _spaced_language(doc: Document) -> bool:
    return conventions(doc.lang).script not in _NO_SPACE_SCRIPTS


@signal("translation.sentence_length_mean", indicator=False)
def sentence_length_mean(doc: Document) -> Signal:
    """Mean sentence length in words (NaN for scripts written without spaces).

    >>> from farmguard.article import Article
    >>> sentence_length_mean(Document.from_article(Article(text="One two three. Four five.", lang="en")))
    (2.5, [])
    """
    if not _spaced_language(doc):  # first: Chinese, Japanese, Thai … never split their sentences
        return NAN_SIGNAL
    lengths = _sentence_lengths(doc)
    if not lengths:
        return NAN_SIGNAL
    return sum(lengths) / len(lengths), []


@signal("translation.sentence_length_cv", indicator=False)
def sentence_length_cv(doc: Document) -> Signal:
    """Coefficient of variation of sentence lengths (MT keeps the source's rhythm; spinners flatten it).

    >>> from farmguard.article import Article
    >>> sentence_length_cv(Document.from_article(Article(text="One two. Three four. Five six.", lang="en")))
    (0.0, [])
    """
    if not _spaced_language(doc):
        return NAN_SIGNAL
    lengths = _sentence_lengths(doc)
    if len(lengths) < 3:
        return NAN_SIGNAL
    mean = sum(lengths) / len(lengths)
    var = sum(map(pow, map(sub, lengths, repeat(mean)), repeat(2))) / len(lengths)  # (x - mean) ** 2, C-level
    return math.sqrt(var) / mean, []


_COMMAS = (",", "،", "、", "，")


@signal("translation.comma_rate", indicator=False)
def comma_rate(doc: Document) -> Signal:
    """Commas per word (Latin, Arabic and CJK commas): MT keeps the source's clause structure.

    >>> from farmguard.article import Article
    >>> comma_rate(Document.from_article(Article(text="One, two, three, four.", lang="en")))
    (0.75, [])
    """
    stats = word_stats(doc)
    n = stats.n if stats is not None else len(doc.words)
    if not n or not _spaced_language(doc):
        return NAN_SIGNAL
    text = doc.text[:SCAN_CHARS]
    if not _may_match(_WIDE_COMMAS_RE2, doc):  # no Arabic or CJK comma (most texts): one count
        return text.count(",") / n, []
    return sum(text.count(c) for c in _COMMAS) / n, []


FOREIGN_SENTENCE_MIN_WORDS = 5
FOREIGN_SENTENCE_MIN_MARKERS = 2
_ENGLISH_MARKERS = ("the", "and", "of", "with")
FOREIGN_SENTENCE_MARGIN = 1.0
"""Mean Zipf (unknown words 0) in English must beat the document language's by this much."""


@signal("translation.english_sentence_share", indicator=False)
def english_sentence_share(doc: Document) -> Signal:
    """Share of sentences whose words are clearly more frequent in English than in the document's language.

    Untranslated source sentences left in a machine translation; NaN for English documents.

    >>> from farmguard.article import Article
    >>> english_sentence_share(Document.from_article(Article(text="Pasukan pemerintah merebut kota itu pada hari Rabu. The army of the north said it would keep moving and fighting today.", lang="id")))
    (0.5, [])
    """
    if doc.lang == "en":
        return NAN_SIGNAL
    stats = word_stats(doc)
    english = vocabulary("en")
    if stats is None or english is None:
        return NAN_SIGNAL
    lengths = [n for n in _sentence_lengths(doc) if n >= FOREIGN_SENTENCE_MIN_WORDS]
    if not lengths:
        return NAN_SIGNAL
    if sum(stats.counts.get(w, 0) for w in _ENGLISH_MARKERS) < FOREIGN_SENTENCE_MIN_MARKERS:
        return 0.0, []  # no English sentence without "the", "and", "of"
    # all sentences tokenised at once, "\n" between them (lower-casing stops at a line break, so each
    # sentence lower-cases as it would alone)
    tokens = _MARKED_WORD_OR_BREAK.findall("\n".join(sentence_texts(doc)).lower())
    # English minus own-language Zipf (unknown: 0), once per distinct token, looked up together
    types = list(dict.fromkeys(tokens))
    keyed = _keys_of(types)
    keys = list(map(keyed.get, types, types))
    lean = np.nan_to_num(english.zipf.zipf_of(keys), nan=0.0) - np.nan_to_num(stats.vocab.zipf.zipf_of(keys), nan=0.0)
    index = dict(zip(types, range(len(types))))
    ids = np.fromiter(map(index.__getitem__, tokens), np.intp, len(tokens))
    is_break = ids == index.get("\n", -1)
    in_word = ~is_break
    sentence = np.cumsum(is_break)[in_word]  # the sentence of each word
    # per sentence: its words' lean summed in token order (bincount adds in order, as ``total += v`` does)
    total = np.bincount(sentence, weights=lean[ids[in_word]])
    size = np.bincount(sentence)
    long_enough = size >= FOREIGN_SENTENCE_MIN_WORDS
    counted = int(long_enough.sum())
    if not counted:
        return NAN_SIGNAL
    foreign = int((total[long_enough] / size[long_enough] >= FOREIGN_SENTENCE_MARGIN).sum())
    return foreign / counted, []


# --- distributional MT measures (measured on WMT references vs system outputs: experiments/mt_signal_separation.py) ---


FUNCTION_WORDS_MIN_WORDS = 50
"""Below this many words the top-100 profile is too noisy to compare (NaN)."""


@signal("translation.function_word_distance", indicator=False)
def function_word_distance(doc: Document) -> Signal:
    """L1 distance between the document's and the language's shares of its 100 most frequent words.

    The language's shares come from wordfreq (the same list as the other measures); MT renders the
    source's function words literally and drifts from the target language's profile (WMT, MT vs
    reference of the same document: AUC 0.53 overall, 0.70 in Hindi). NaN below 50 words or without a
    word list.

    >>> from farmguard.article import Article
    >>> text = "Die Regierung hat am Montag einen neuen Plan vorgestellt, der die Steuern senken soll. " * 6
    >>> round(function_word_distance(Document.from_article(Article(text=text, lang="de")))[0], 2)
    0.76
    """
    stats = word_stats(doc)
    if stats is None or stats.n < FUNCTION_WORDS_MIN_WORDS:
        return NAN_SIGNAL
    words, shares = _function_word_arrays(stats.vocab.lang)
    # C-level maps over the 100 words (the same floats, summed in the same order, as a generator expression)
    shares_here = map(truediv, map(stats.counts.get, words, repeat(0)), repeat(stats.n))
    return sum(map(abs, map(sub, shares_here, shares))), []


@functools.lru_cache(maxsize=None)
def _function_word_arrays(code: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The word list's top-100 words and their expected shares as an array (once per process and list)."""
    vocab = vocabulary(code)
    return tuple(vocab.function_words), tuple(vocab.function_words.values())


_TYPOGRAPHIC = ("“", "”", "„", "«", "»", "‘", "’", "‚", " – ", " — ", "…")
_ASCII_TYPO = ('"', "'", " - ", "...")
TYPOGRAPHY_MIN_MARKS = 2


@signal("translation.typographic_share", indicator=False)
def typographic_share(doc: Document) -> Signal:
    """Share of quotation marks, apostrophes, spaced dashes and ellipses that are typographic (“ ’ – …), not ASCII.

    Editors, newsroom systems and human translators set typographic marks; MT engines emit the ASCII
    ones (" ' - ...). Measured on WMT (MT vs the human reference of the same document, 6 systems per
    pair): AUC 0.26 (MT lower), paired win-rate 0.11, consistent in cs, de, fr, hr, is, ru, uk, zh, en.
    Human NTREX texts are 0.9+ in cs, de, fr, hr, is, pl, ru, zh, but 0.0 in English and low in hi, id,
    nl: a per-language norm, not an indicator. NaN with fewer than two marks.

    >>> from farmguard.article import Article
    >>> typographic_share(Document.from_article(Article(text='Er sagte: „Wir bleiben – sicher.“ Sie: "Nein".', lang="de")))
    (0.6, [])
    """
    count = _mark_counter(doc)
    t = sum(map(count, _TYPOGRAPHIC))
    a = sum(map(count, _ASCII_TYPO))
    if t + a < TYPOGRAPHY_MIN_MARKS:
        return NAN_SIGNAL
    return t / (t + a), []


@signal("translation.ascii_punct_rate", indicator=False)
def ascii_punct_rate(doc: Document) -> Signal:
    """ASCII quotes, apostrophes, spaced hyphens and "..." per 100 words (MT output types ASCII marks).

    Defined wherever ``typographic_share`` is NaN (few marks). WMT, MT vs the reference of the same
    document: AUC 0.69 (MT higher), paired win-rate 0.78; higher in cs, de, en, hr, is, ja, ru, uk, zh,
    equal in fr, lower in es (WMT24 Spanish references are typed with ASCII marks).

    >>> from farmguard.article import Article
    >>> ascii_punct_rate(Document.from_article(Article(text='Er sagte: "Wir bleiben - sicher." Sie ging.', lang="de")))
    (42.857142857142854, [])
    """
    return _marks_per_100_words(doc, _ASCII_TYPO)


@signal("translation.typographic_punct_rate", indicator=False)
def typographic_punct_rate(doc: Document) -> Signal:
    """Typographic quotes, apostrophes, spaced dashes and ellipses (“ ” „ « » ’ – — …) per 100 words.

    WMT, MT vs reference: AUC 0.33 (MT lower), paired win-rate 0.22 (lower in every target language
    that uses such marks; Chinese references 10.9 vs MT 6.6).

    >>> from farmguard.article import Article
    >>> typographic_punct_rate(Document.from_article(Article(text="Er sagte: „Wir bleiben – sicher.“ Sie ging.", lang="de")))
    (42.857142857142854, [])
    """
    return _marks_per_100_words(doc, _TYPOGRAPHIC)


def _marks_per_100_words(doc: Document, marks: tuple[str, ...]) -> Signal:
    n = len(doc.words)
    if not n:
        return NAN_SIGNAL
    return 100.0 * sum(map(_mark_counter(doc), marks)) / n, []


_PERCENT = re.compile(r"\d(\s?)%")


@signal("translation.spaced_percent_share", indicator=False)
def spaced_percent_share(doc: Document) -> Signal:
    """Share of percentages written with a (non-breaking) space before "%" ("50 %" rather than "50%").

    German, French, Czech, Russian, Croatian newsrooms space the sign; MT from English drops the space.
    WMT, MT vs reference: AUC 0.38, paired win-rate 0.12 (de 0.23, ru 0.21, fr 0.20). A per-language
    norm (English writes "50%"): a measure, not an indicator. NaN without a percentage.

    >>> from farmguard.article import Article
    >>> spaced_percent_share(Document.from_article(Article(text="Die Preise stiegen um 5 % und 7,5%.", lang="de")))
    (0.5, [])
    """
    text = doc.text[:SCAN_CHARS]
    if "%" not in text:
        return NAN_SIGNAL
    spaces = _PERCENT.findall(text)
    if not spaces:
        return NAN_SIGNAL
    return sum(map(bool, spaces)) / len(spaces), []


_SPACEABLE = re.compile(r"(\S|\s)([;:!?»])")


@signal("translation.native_spacing_share", indicator=False)
def native_spacing_share(doc: Document) -> Signal:
    """Share of the marks the language spaces (French ";", ":", "!", "?") that have their space.

    MT and English-trained systems glue them ("dit: oui"); French references space them. WMT (fr, the
    only target with spaced marks): AUC 0.28, paired win-rate 0.08. NaN for languages without spaced
    marks in ``data/translation/<lang>.tsv`` or without such marks in the text.

    >>> from farmguard.article import Article
    >>> native_spacing_share(Document.from_article(Article(text="Il a dit : oui! Pourquoi ? Parce que.", lang="fr")))
    (0.6666666666666666, [])
    """
    spaced = conventions(doc.lang).spaced_punct
    if not spaced:
        return NAN_SIGNAL
    before = [prev for prev, mark in _SPACEABLE.findall(doc.text[:SCAN_CHARS]) if mark in spaced]
    if not before:
        return NAN_SIGNAL
    return sum(map(str.isspace, before)) / len(before), []


_NO_BREAK_SPACES = ("\u00a0", "\u202f")


@signal("translation.no_break_space_rate", indicator=False)
def no_break_space_rate(doc: Document) -> Signal:
    """No-break spaces (U+00A0, U+202F) per 100 words: "15\u00a0%", "« oui »", "10\u202f000".

    Newsroom systems and human translators keep them (French, Czech, Ukrainian references); MT output and
    re-typed copies lose them. WMT, MT vs reference: AUC 0.43 overall (fr 0.24, uk 0.19, cs 0.33), paired
    win-rate 0.05 (MT almost never has more). Benchmark train split: a no-break space in 9-14% of
    human NTREX/WMT articles, 4% of MT ones. 0.0 in text without them.

    >>> from farmguard.article import Article
    >>> no_break_space_rate(Document.from_article(Article(text="Le chômage a baissé de 15\u00a0% en mars.", lang="fr")))
    (12.5, [])
    """
    return _marks_per_100_words(doc, _NO_BREAK_SPACES)


_HEADLINE_MAX_CHARS = 200
_HEADLINE_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case_share(line: str) -> float | None:
    """Share of the words of 4+ letters after the first that start with a capital (None: fewer than 4 such words)."""
    words = _HEADLINE_WORD.findall(line)[1:]
    words = [w for w in words if not w.isupper()]  # acronyms say nothing about the casing style
    if len(words) < 4:
        return None
    return sum(w[0].isupper() for w in words) / len(words)


def _same_headline(a: str, b: str) -> bool:
    """Two lines share at least half of their words (case-insensitive): copies or re-translations of one headline."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5


@signal("translation.headline_title_case", indicator=False)
def headline_title_case(doc: Document) -> Signal:
    """English Title Case in a headline of a language whose headlines are written in sentence case.

    Dutch, French, Spanish, Polish, Russian … newsrooms capitalise only the first word and names; a
    headline with most words capitalised ("Duizenden Vluchten Uit De Stad") is the casing of an
    English source carried through machine translation or a farm template. Value: the highest share of
    capitalised words (4+ letters, after the first, acronyms left out) over the title and its copies
    at the top of the body (short lines sharing half their words with it); NaN for languages without
    sentence-case headlines (``headline_case`` in ``data/translation/<lang>.tsv``) or with no headline
    of four such words.

    >>> from farmguard.article import Article
    >>> headline_title_case(Document.from_article(Article(
    ...     title="Nieuwe Brug Over De Rivier Feestelijk Geopend", text="De brug werd zaterdag geopend.", lang="nl")))
    (1.0, ['Nieuwe Brug Over De Rivier Feestelijk Geopend'])
    >>> headline_title_case(Document.from_article(Article(
    ...     title="Nieuwe brug over de rivier feestelijk geopend in Arnhem", text="De brug werd geopend.", lang="nl")))[0]
    0.1667
    """
    if not conventions(doc.lang).sentence_case_headlines:
        return NAN_SIGNAL
    top = [p for p in doc.paragraphs[:4] if len(p) <= _HEADLINE_MAX_CHARS and not p.endswith(".")]
    anchor = doc.title or (top[0] if top else "")
    if not anchor:
        return NAN_SIGNAL
    # the headline and its copies at the top (not photo credits, share rows or bylines)
    candidates = [anchor] + [p for p in top if p != anchor and _same_headline(anchor, p)]
    best: float | None = None
    best_line = ""
    for line in candidates:
        share = _title_case_share(line)
        if share is not None and (best is None or share > best):
            best, best_line = share, line
    if best is None:
        return NAN_SIGNAL
    return round(best, 4), evidence([best_line]) if best >= 0.5 else []
