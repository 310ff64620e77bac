"""Signal family ``text`` (design.md §4.6): lengths, paragraph structure, readability, repetition and punctuation.

Every signal here is a *measure* (``indicator=False``): informative through the model, never evidence on
its own. The repetition and punctuation ratios follow the Gopher quality rules (Rae et al. 2021, "Scaling
Language Models", appendix A: duplicate line/paragraph fractions, top n-gram character fractions for
n = 2..4, duplicate n-gram character fractions for n = 5..10, symbol-to-word ratio, bullet and ellipsis
lines) and FineWeb's (Penedo et al. 2024: share of lines ending in punctuation, short lines).

Readability is the Flesch Reading Ease formula with each language's published constants
(``data/text/readability.tsv``), computed on the code points and tokens the Document already has: syllables
are vowel groups per word (English and French drop silent endings), where textstat hyphenates every word with
pyphen: on a 5 KB German NTREX article textstat 0.7.13 takes 86 ms and this 0.08 ms for the same score (33.7),
with no download (textstat's English path fetches NLTK's cmudict at first use). English syllables are within
3% of cmudict on NTREX English (tests/features/test_text_stats.py). Languages without a row (no pyphen
dictionary, or a script without vowel letters) get NaN.

Cost: one UTF-32 view of the text and a per-code-point flag table (numpy) give every character ratio,
the sentence count and the syllable count in a few vectorised passes (counts over the distinct flag values,
sentence ends looked up at the few terminators, words and vowel groups as runs); n-gram repetition hashes the
lower-cased tokens once (vectorised polynomial hashes of their code points), sorts the rolled hashes while many
positions can still repeat and finishes the few left in plain Python.

>>> from farmguard.features.document import Document
>>> doc = Document.from_text("Breaking news.\\n\\nBreaking news.\\n\\nThe city fled.", lang="en")
>>> text_paragraphs(doc), dup_paragraph_share(doc)
((3.0, []), (0.3333333333333333, ['Breaking news.']))
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from operator import itemgetter

import numpy as np

from .document import Document
from .signal import NAN, NAN_SIGNAL, Signal, evidence, signal

# --- per-code-point flags ------------------------------------------------------------------------------------
UPPER, LOWER, LETTER, DIGIT, PUNCT, SYMBOL, SPACE, WORD, TERMINATOR, WIDE_TERMINATOR, FORMAT = (
    1 << i for i in range(11)
)
_N_FLAGS = 11
_N_FLAG_VALUES = 1 << _N_FLAGS
_ASTRAL = 0x10000  # index of the table entry shared by every code point above the BMP (emoji, rare CJK)

SENTENCE_TERMINATORS = ".!?…。！？｡؟۔।॥።፡။។։།༎"
"""Characters that end a sentence in the scripts farmguard reads (Latin, CJK, Arabic/Urdu, Indic, Ethiopic,
Myanmar, Khmer, Armenian, Tibetan). Ethiopic ``፡`` separates words in old texts but is written doubled
(``፡፡``) as a full stop in modern ones: only one followed by a space ends a sentence, as for every mark."""

EXTRA_TERMINATORS = {"hy": ":"}
"""Marks that end sentences in one language only: Armenian is typed with ":" for its full stop "։"."""

NO_SENTENCE_PUNCTUATION = frozenset({"th"})
"""Languages that end sentences with a space, not a mark (Thai): words per sentence is NaN for them."""

_FORMAT_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
"""Invisible direction and joiner marks, skipped at line ends (Pashto lines end in ".\u200e")."""

WIDE_TERMINATORS = "。！？｡"
"""Full-width terminators end a sentence even when no space follows (Chinese and Japanese use none)."""

LINE_END_PUNCTUATION = frozenset(SENTENCE_TERMINATORS + "\"'”’»)]:;")
"""A line "ends in punctuation" (FineWeb line_punct_ratio) when its last character is one of these."""

BULLETS = frozenset("•●○◦▪▫■□‣∙·-–—*►▶➢✓✔")
"""A line starting with one of these is a bullet line (Gopher's bullet-point rule)."""

SHORT_LINE_CHARS = 30
"""FineWeb's short line: fewer than 30 characters."""


@functools.lru_cache(maxsize=1)
def _flag_table() -> np.ndarray:
    """Flags of every BMP code point (built once per process, ~15 ms, 128 KB); the last entry is for astral ones."""
    table = np.zeros(_ASTRAL + 1, dtype=np.uint16)
    for cp in range(_ASTRAL):
        cat = unicodedata.category(chr(cp))
        major = cat[0]
        flags = 0
        if major == "L":
            flags = LETTER | WORD
            if cat in ("Lu", "Lt"):
                flags |= UPPER
            elif cat == "Ll":
                flags |= LOWER
        elif major == "M":
            flags = WORD
        elif major == "N":
            flags = WORD | (DIGIT if cat == "Nd" else 0)
        elif major == "P":
            flags = PUNCT
        elif major == "S":
            flags = SYMBOL
        elif major == "Z" or chr(cp) in "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85":
            flags = SPACE
        elif cat == "Cf":
            flags = FORMAT
        table[cp] = flags
    for ch in SENTENCE_TERMINATORS:
        table[ord(ch)] |= TERMINATOR
    for ch in WIDE_TERMINATORS:
        table[ord(ch)] |= WIDE_TERMINATOR
    table[ord("_")] |= WORD
    table[_ASTRAL] = SYMBOL
    return table


# --- readability parameters (data file) ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Readability:
    """A language's row of ``data/text/readability.tsv``: its vowel letters and Flesch constants (or None)."""

    lang: str
    vowels: str
    fre: tuple[float, float, float] | None


@functools.lru_cache(maxsize=1)
def readability_table() -> dict[str, Readability]:
    """Languages the readability signals support, read once per process from the data file.

    >>> readability_table()["nl"].fre
    (206.835, 0.93, 77.0)
    >>> "ar" in readability_table()
    False
    """
    text = resources.files(__package__).joinpath("data", "text", "readability.tsv").read_text(encoding="utf-8")
    table: dict[str, Readability] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        fre = tuple(float(c) for c in cols[2:5]) if len(cols) >= 5 and all(cols[2:5]) else None
        table[cols[0]] = Readability(cols[0], cols[1], fre)  # type: ignore[arg-type]
    return table


@functools.lru_cache(maxsize=None)
def _vowel_table(vowels: str) -> np.ndarray:
    """Boolean table over the BMP: letters whose base letter (NFD, lower-cased) is one of ``vowels``."""
    table = np.zeros(_ASTRAL + 1, dtype=bool)
    base = set(vowels)
    for cp in range(_ASTRAL):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        low = ch.lower()
        if low in base or (unicodedata.normalize("NFD", low)[:1] in base):
            table[cp] = True
    return table


# --- the per-document profile (one pass of numpy over the code points) -------------------------------------------
@dataclass(frozen=True, slots=True)
class CharProfile:
    """Character counts of a document's text, shared by the text family's signals."""

    chars: int
    nonspace: int
    upper: int
    lower: int
    letters: int
    digits: int
    punct: int
    symbols: int
    sentences: int


def _codepoints(doc: Document) -> np.ndarray:
    return doc.codepoints  # shared with Document.words, which tokenises non-ASCII text from it


def _flags(doc: Document) -> np.ndarray:
    return doc.memo("text.flags", lambda: _flag_table().take(_codepoints(doc), mode="clip"))


@functools.lru_cache(maxsize=1)
def _flag_values() -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of the flag table (a dozen), ascending, followed by one past the largest; and their
    bits (value x bit -> 0/1)."""
    values = np.unique(_flag_table())
    bits = (values[:, None].astype(np.int64) >> np.arange(_N_FLAGS)) & 1
    return np.append(values, _N_FLAG_VALUES).astype(np.uint16), bits


def char_profile(doc: Document) -> CharProfile:
    """The document's character counts (memoised per document).

    >>> char_profile(Document.from_text("Hi there. OK 42!")).sentences
    2
    >>> char_profile(Document.from_text("数千人逃离霍姆斯。叙利亚军队继续推进。")).sentences
    2
    """

    def compute() -> CharProfile:
        flags = _flags(doc)
        n = len(flags)
        if n == 0:
            return CharProfile(0, 0, 0, 0, 0, 0, 0, 0, 0)

        # the table has a dozen distinct flag values: count each from where it starts in the sorted flags
        # (numpy sorts uint16 with SIMD: ~2 µs on 5,000 characters, where bincount takes ~9), then the bits
        edges, bits = _flag_values()
        starts = np.sort(flags).searchsorted(edges)
        per_flag = ((starts[1:] - starts[:-1]) @ bits).tolist()

        def count(bit: int) -> int:
            return per_flag[bit.bit_length() - 1]

        def followed_by_gap(positions: np.ndarray) -> int:
            """How many of ``positions`` (all < n - 1) are followed by a space or an invisible mark."""
            return int(np.count_nonzero(flags[positions + 1] & (SPACE | FORMAT)))

        # a sentence ends at a terminator followed by a space (or an invisible direction mark) or the end of
        # the text ("!?" counts once), or at a full-width terminator not followed by another terminator; the
        # marks are few, so they are found once and their next character looked up
        head = flags[:-1]
        ends = bool(flags[-1] & TERMINATOR)
        if count(TERMINATOR):
            ends += followed_by_gap(np.flatnonzero((head & TERMINATOR) != 0))
        if count(WIDE_TERMINATOR):
            wide = np.flatnonzero((head & WIDE_TERMINATOR) != 0)
            ends += int(np.count_nonzero((flags[wide + 1] & (TERMINATOR | SPACE | FORMAT)) == 0))
        extra = EXTRA_TERMINATORS.get(doc.lang)
        if extra and extra in doc.text:
            cps = _codepoints(doc)
            ends += followed_by_gap(np.flatnonzero(cps[:-1] == ord(extra))) + bool(cps[-1] == ord(extra))
        words = count(WORD)
        return CharProfile(
            chars=n,
            nonspace=n - count(SPACE),
            upper=count(UPPER),
            lower=count(LOWER),
            letters=count(LETTER),
            digits=count(DIGIT),
            punct=count(PUNCT),
            symbols=count(SYMBOL),
            sentences=max(ends, 1) if words else 0,
        )

    return doc.memo("text.profile", compute)


def syllable_count(doc: Document) -> tuple[int, int] | None:
    """``(syllables, words)`` estimated from vowel groups, or None when the language is not supported.

    A word is a run of letters, marks and digits; each vowel group is a syllable and a word with no vowel
    (a number, an abbreviation, Czech "vlk") counts one. English drops a silent final ``e`` and a final
    ``-ed`` after a consonant other than t/d and a final ``-es`` after a non-sibilant when the word has another
    vowel group (measured against cmudict on NTREX English: see tests/features/test_text_stats.py).

    >>> syllable_count(Document.from_text("The cat jumped over the table 42 times.", lang="en"))
    (10, 8)
    >>> syllable_count(Document.from_text("سوريا هجوما", lang="ar")) is None
    True
    """
    params = readability_table().get(doc.lang)
    if params is None:
        return None

    def compute() -> tuple[int, int]:
        cps = _codepoints(doc)
        if len(cps) == 0:
            return 0, 0
        word = (_flags(doc) & (LETTER | DIGIT | WORD)) != 0
        vowel = _vowel_table(params.vowels).take(cps, mode="clip")
        word_starts, word_stops = _runs(word)
        n_words = len(word_starts)
        if n_words == 0:
            return 0, 0
        after_vowel = np.concatenate((_FALSE, vowel[:-1]))
        group_starts = (vowel & ~after_vowel).view(np.uint8)  # vowels are letters: each group lies in one word
        groups_per_word = np.add.reduceat(group_starts, word_starts, dtype=np.intp)  # to the next word's start
        syllables = int(groups_per_word.sum()) + int(np.count_nonzero(groups_per_word == 0))
        if doc.lang in _SILENT_E_LANGUAGES:
            syllables -= _silent_endings(doc.lang, params.vowels, cps, word_stops - 1, groups_per_word)
        return syllables, n_words

    return doc.memo("text.syllables", compute)


_SILENT_E_LANGUAGES = frozenset({"en", "fr"})


_FALSE = np.zeros(1, dtype=bool)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and stop (exclusive) positions of the runs of True in ``mask``.

    >>> [a.tolist() for a in _runs(np.array([True, True, False, True]))]
    [[0, 3], [2, 4]]
    """
    padded = np.concatenate((_FALSE, mask, _FALSE))
    changes = np.flatnonzero(padded[1:] != padded[:-1])
    return changes[0::2], changes[1::2]


_ENDING_LETTERS = "esdltx"
"""Letters the silent-ending rules look at (``x`` stands for the other sibilants: x, z, c, g, h); a character's
ending code is ``2 * (1 + index) + consonant`` for these (either case, ASCII only), ``consonant`` otherwise."""
_SIBILANTS = "sxzcgh"  # "-es" is voiced after these: boxes, judges, places, wishes


@functools.lru_cache(maxsize=None)
def _ending_codes(vowels: str) -> np.ndarray:
    """uint16 table over the BMP (and the astral entry) of ending codes (see ``_ENDING_LETTERS``): 1 marks a
    consonant (a word character that is not a vowel)."""
    consonant = ((_flag_table() & (LETTER | DIGIT | WORD)) != 0) & ~_vowel_table(vowels)
    codes = consonant.astype(np.uint16)
    for i, letter in enumerate(_ENDING_LETTERS):
        for ch in (letter, letter.upper()) if letter != "x" else tuple(_SIBILANTS[1:] + _SIBILANTS[1:].upper()):
            codes[ord(ch)] += 2 * (1 + i)
    return codes


@functools.lru_cache(maxsize=None)
def _silent_table(lang: str) -> np.ndarray:
    """For every (last, previous, second-to-last) triple of ending codes, ``code0 << 8 | code1 << 4 | code2``:
    whether that word ending is silent (the rules of :func:`_silent_endings`)."""
    table = np.zeros(1 << 12, dtype=bool)
    letter = {0: ""} | {1 + i: ch for i, ch in enumerate(_ENDING_LETTERS)}
    for c0 in range(16):
        for c1 in range(16):
            for c2 in range(16):
                last, prev, prev2 = (letter.get(c >> 1, "?") for c in (c0, c1, c2))
                cons_prev, cons_prev2 = bool(c1 & 1), bool(c2 & 1)
                if lang == "fr":
                    silent = (last == "e" and cons_prev) or (last == "s" and prev == "e" and cons_prev2)
                else:
                    final_e = last == "e" and cons_prev and not (prev == "l" and cons_prev2)
                    final_ed = last == "d" and prev == "e" and cons_prev2 and prev2 not in ("t", "d")
                    final_es = last == "s" and prev == "e" and cons_prev2 and prev2 not in ("s", "x")
                    silent = final_e or final_ed or final_es
                table[c0 << 8 | c1 << 4 | c2] = silent
    return table


def _silent_endings(lang: str, vowels: str, cps: np.ndarray, word_ends: np.ndarray, groups: np.ndarray) -> int:
    """Written vowel groups that are not syllables at the end of words (``word_ends``: each word's last position,
    ``groups``: each word's vowel groups).

    English: final ``e`` after a consonant (not ``-le``: "ta-ble"), ``-ed`` (not ``-ted``/``-ded``), ``-es``
    after a non-sibilant. French: the mute final ``e`` and ``-es`` after a consonant ("ta-ble", "li-vres").
    Only words with another vowel group lose one ("the", "bed" keep theirs); such words have three characters
    or more, and their last three give the answer from one table of all ending triples.

    >>> doc = Document.from_text("The table boxes jumped, wished lived", lang="en")
    >>> syllable_count(doc)
    (8, 6)
    """
    ends = word_ends[groups >= 2]
    codes = _ending_codes(vowels)
    last, prev, prev2 = (codes.take(cps[ends - k], mode="clip") for k in (0, 1, 2))
    return int(np.count_nonzero(_silent_table(lang)[last << 8 | prev << 4 | prev2]))


# --- n-gram repetition (Gopher) -------------------------------------------------------------------------------------
_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class NgramStats:
    """Repetition of word n-grams: Gopher's top n-gram and duplicate n-gram character fractions."""

    top: dict[int, tuple[float, str]]  # n -> (char fraction of the most frequent n-gram, the n-gram)
    dup: dict[int, tuple[float, str]]  # n -> (char fraction of words inside repeated n-grams, one of them)


TOP_NS = (2, 3, 4)
DUP_NS = (5, 6, 7, 8, 9, 10)


_HASH_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_SPACE_CODE = np.uint32(32)
_ZERO_EDGE = np.zeros(1, dtype=np.intp)
_HASH_TABLE_CHARS = 262_144


@functools.lru_cache(maxsize=1)
def _hash_powers() -> tuple[np.ndarray, np.ndarray]:
    """``B**k`` and ``B**-k`` modulo 2**64 for k < 262,144 (4 MB, built once per process in ~2 ms)."""
    with np.errstate(over="ignore"):
        powers = np.cumprod(np.full(_HASH_TABLE_CHARS, _HASH_BASE, dtype=np.uint64))
        inverse = np.cumprod(np.full(_HASH_TABLE_CHARS, pow(_HASH_BASE, -1, 1 << 64), dtype=np.uint64))
    one = np.ones(1, dtype=np.uint64)
    return np.concatenate((one, powers[:-1])), np.concatenate((one, inverse[:-1]))


def word_hashes(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes and lengths of the lower-cased tokens, vectorised (memoised per document).

    Each token's hash is the polynomial ``sum(c[k] * B**k)`` of its code points, from one pass over the
    space-separated lower-cased tokens (``Document.words_lower_spaced``): equal tokens get equal hashes in every
    process (unlike ``hash(str)``).

    >>> h, n = word_hashes(Document.from_text("slot gacor slot"))
    >>> bool(h[0] == h[2]), bool(h[0] != h[1]), n.tolist()
    (True, True, [4, 5, 4])
    """

    def compute() -> tuple[np.ndarray, np.ndarray]:
        words = doc.words_lower
        if not words:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        # a space after the last token too, so every token has a start and a stop edge
        codes = np.frombuffer((doc.words_lower_spaced + " ").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if len(codes) > _HASH_TABLE_CHARS:  # longer than any default-limited text: per-token hashing
            return (
                np.fromiter((hash(w) for w in words), dtype=np.int64, count=len(words)).view(np.uint64),
                np.fromiter(map(len, words), dtype=np.int64, count=len(words)),
            )
        powers, inverse = _hash_powers()
        in_word = codes != _SPACE_CODE
        edges = np.flatnonzero(in_word[1:] != in_word[:-1]) + 1  # alternately a token's start and its stop
        if in_word[0]:
            edges = np.concatenate((_ZERO_EDGE, edges))
        starts, stops = edges[0::2], edges[1::2]
        # each token's sum from running sums (uint64 arithmetic wraps silently, the same modulo 2**64 as a
        # direct sum): on 5,000 characters a cumsum and two gathers take ~5 µs, np.add.reduceat ~12
        running = np.empty(len(codes) + 1, dtype=np.uint64)
        running[0] = 0
        np.cumsum(powers[: len(codes)] * codes, out=running[1:])
        return (running[stops] - running[starts]) * inverse[starts], stops - starts

    return doc.memo("text.word_hashes", compute)


def ngram_stats(doc: Document) -> NgramStats:
    """Gopher repetition statistics over the lower-cased word tokens (memoised per document).

    The top n-gram fraction is the share of word characters taken by the most frequent n-gram's occurrences
    (0 when no n-gram repeats); the duplicate fraction is the share of word characters inside any n-gram
    that occurs more than once. Tokens are compared by the 64-bit polynomial hashes of :func:`word_hashes`,
    so results depend only on token equality and are the same in every process.

    >>> s = ngram_stats(Document.from_text("slot gacor hari ini slot gacor hari ini slot gacor"))
    >>> round(s.top[2][0], 2), s.top[2][1]
    (0.66, 'slot gacor')
    """
    return doc.memo("text.ngrams", lambda: _ngram_stats(doc.words_lower, *word_hashes(doc)))


_SMALL = 48
"""Levels with at most this many candidate positions run in plain Python, where numpy's per-call cost dominates."""


def _ngram_stats(words: list[str], base: np.ndarray, lens: np.ndarray) -> NgramStats:
    """Level by level, n = 2..10: an n-gram can only repeat where the (n-1)-grams at i and i+1 both repeat,
    so the candidate positions shrink fast with n (on the ~5 KB bench articles, median 664 words: 229
    candidate bigrams, 24 candidate trigrams, 6 candidate 4-grams).

    Large levels (all bigrams, mostly) sort rolled 64-bit hashes of the candidates (numpy's SIMD argsort);
    small ones run in plain Python, where each n-gram is named by its *group*: the position of its first
    occurrence, from one ``dict.setdefault`` pass over the pairs (group of the (n-1)-gram at i, group of the
    (n-1)-gram at i+1), which together hold its n tokens. Ties go to the earliest n-gram, as
    ``Counter.most_common`` would pick.
    """
    n_words = len(words)
    top = {n: (0.0, "") for n in TOP_NS}
    dup = {n: (0.0, "") for n in DUP_NS}
    if n_words < 2:
        return NgramStats(top, dup)
    total = float(lens.sum())
    max_n = min(max(DUP_NS), n_words)

    def record(n: int, best: int, first: int, start: int, covered_chars) -> None:  # type: ignore[no-untyped-def]
        """Level n: the most frequent n-gram (``best`` times, first at ``first``); ``start`` the first repeated
        one; ``covered_chars()`` the characters of the words inside repeated n-grams."""
        if n in TOP_NS:
            gram = words[first : first + n]
            top[n] = (best * float(sum(map(len, gram))) / total, " ".join(gram))
        if n in DUP_NS:
            dup[n] = (float(covered_chars()) / total, " ".join(words[start : start + n]))

    # numpy phase: `rep` are the positions whose (n-1)-gram repeats (None: every position, for n = 2), `h` the
    # hashes of all (n-1)-grams, rolled to n-grams as ``h[i] * M + base[i + n - 1]``
    h = base
    rep = None
    n = 2
    while n <= max_n:
        if rep is None:  # bigrams: every position is a candidate
            cands = None
            if n_words - 1 <= _SMALL:
                break
        else:
            cands = rep[:-1][rep[1:] - rep[:-1] == 1]
            if len(cands) <= _SMALL:
                break
        h = h[:-1] * _HASH_MULT + base[n - 1 :]  # array arithmetic wraps modulo 2**64 without a warning
        hc = h if cands is None else h[cands]
        order = hc.argsort()
        if cands is not None:
            order = cands[order]  # positions, in the order of their hashes
            ranked = h[order]
        else:
            ranked = hc[order]
        same = ranked[1:] == ranked[:-1]
        if not same.any():
            return NgramStats(top, dup)
        in_run = np.zeros(len(hc), dtype=bool)  # sorted entries whose value repeats
        in_run[1:] = same
        in_run[:-1] |= same
        rep = np.sort(order[in_run])
        bounds = np.empty(len(hc) + 1, dtype=bool)  # where runs of equal values start (and the end)
        bounds[0] = bounds[-1] = True
        np.logical_not(same, out=bounds[1:-1])
        bounds = np.flatnonzero(bounds)
        run_starts, run_lengths = bounds[:-1], bounds[1:] - bounds[:-1]
        best = int(run_lengths.max())
        first = int(order[np.repeat(run_lengths == best, run_lengths)].min())  # the earliest of the most frequent

        def covered_chars(rep=rep, n=n):  # type: ignore[no-untyped-def]
            starts = np.zeros(n_words - n + 1, dtype=bool)
            starts[rep] = True
            covered = np.convolve(starts, np.ones(n, dtype=bool))[:n_words]  # word i: a repeat starts in [i-n+1, i]
            return lens[covered].sum()

        record(n, best, first, int(rep[0]), covered_chars)
        n += 1

    # plain-Python phase over the few positions still repeating (n-1)-grams: `items` pairs them, in order, with
    # their group (their (n-1)-gram's hash on entry, then the position of its first occurrence)
    if rep is None:
        items = list(enumerate(base.tolist()))
    else:
        items = list(zip(rep.tolist(), h[rep].tolist()))
    while n <= max_n:
        key_group: dict[tuple[int, int], int] = {}
        grouped = [
            (i, key_group.setdefault((g, g_next), i))
            for (i, g), (j, g_next) in zip(items, items[1:])
            if j == i + 1  # the (n-1)-grams at i and i + 1 both repeat
        ]
        if len(key_group) == len(grouped):  # no n-gram repeats, nor any longer one
            break
        counts = Counter([g for _, g in grouped])
        first, best = max(counts.items(), key=itemgetter(1))  # groups come in position order: earliest wins
        items = [item for item in grouped if counts[item[1]] > 1]

        def covered_chars_py(starts=[i for i, _ in items], n=n):  # type: ignore[no-untyped-def]
            return sum(map(len, map(words.__getitem__, set().union(*(range(i, i + n) for i in starts)))))

        record(n, best, first, items[0][0], covered_chars_py)
        n += 1
    return NgramStats(top, dup)


# --- line and paragraph structure ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Duplicates:
    """Repeated items (lines or paragraphs): how many beyond their first occurrence, their characters, examples."""

    share: float
    char_share: float
    examples: list[str]


def _duplicates(items: list[str]) -> Duplicates:
    if not items:
        return Duplicates(NAN, NAN, [])
    if len(set(items)) == len(items):  # nothing repeats (most articles): no counting
        return Duplicates(0.0, 0.0, [])
    counts = Counter(items)
    repeated = [(item, c) for item, c in counts.items() if c > 1]
    extra = sum(c - 1 for _, c in repeated)
    extra_chars = sum(len(item) * (c - 1) for item, c in repeated)
    total_chars = sum(map(len, items))
    return Duplicates(extra / len(items), extra_chars / total_chars if total_chars else 0.0, [i for i, _ in repeated])


def _line_duplicates(doc: Document) -> Duplicates:
    return doc.memo("text.dup_lines", lambda: _duplicates(doc.lines))


def _paragraph_duplicates(doc: Document) -> Duplicates:
    """Repeated paragraphs. Two equal paragraphs start with the same stripped line, so when no line repeats
    (most articles) no paragraph does either, and the paragraphs are not hashed again."""

    def compute() -> Duplicates:
        paragraphs = doc.paragraphs
        if paragraphs and _line_duplicates(doc).share == 0.0:
            return Duplicates(0.0, 0.0, [])
        return _duplicates(paragraphs)

    return doc.memo("text.dup_paragraphs", compute)


def _ratio(num: float, den: float) -> float:
    return num / den if den else NAN


def _line_share(lines: list[str], hits: list[str]) -> Signal:
    """The share of ``lines`` that are ``hits`` (the callers filter inline: a test function per line costs a
    call each), with the first hits as evidence."""
    return len(hits) / len(lines), evidence(hits)


# --- signals: lengths and structure ------------------------------------------------------------------------------
@signal("text.chars", indicator=False)
def text_chars(doc: Document) -> Signal:
    """Length of the text in characters (after normalisation and truncation).

    >>> text_chars(Document.from_text("Keluaran SGP"))
    (12.0, [])
    """
    return float(len(doc.text)), []


@signal("text.words", indicator=False)
def text_words(doc: Document) -> Signal:
    """Number of word tokens (``\\w+`` runs; a run of CJK or Thai characters is one token).

    >>> text_words(Document.from_text("By gacor88, today."))
    (3.0, [])
    """
    return float(len(doc.words)), []


@signal("text.paragraphs", indicator=False)
def text_paragraphs(doc: Document) -> Signal:
    """Number of non-empty paragraphs (blank-line separated, or lines when there is no blank line).

    A whole article collapsed into one paragraph (a scraper that lost the markup) has 1.

    >>> text_paragraphs(Document.from_text("One.\\n\\nTwo.\\n\\nThree."))
    (3.0, [])
    """
    return float(len(doc.paragraphs)), []


@signal("text.mean_paragraph_chars", indicator=False)
def mean_paragraph_chars(doc: Document) -> Signal:
    """Mean paragraph length in characters (NaN without text).

    >>> mean_paragraph_chars(Document.from_text("abcd\\n\\nab"))
    (3.0, [])
    """
    paras = doc.paragraphs
    return (_ratio(sum(map(len, paras)), len(paras)), [])


@signal("text.max_paragraph_chars", indicator=False)
def max_paragraph_chars(doc: Document) -> Signal:
    """Length of the longest paragraph in characters (a collapsed article is one huge paragraph).

    >>> max_paragraph_chars(Document.from_text("Short.\\n\\nA longer paragraph here."))
    (24.0, [])
    """
    paras = doc.paragraphs
    return float(max(map(len, paras), default=0)), []


@signal("text.short_line_share", indicator=False)
def short_line_share(doc: Document) -> Signal:
    """Share of lines shorter than 30 characters (FineWeb's short-line rule); evidence: the first few.

    >>> short_line_share(Document.from_text("Share\\nTweet\\nA sentence that is long enough to count as prose."))
    (0.6666666666666666, ['Share', 'Tweet'])
    """
    lines = doc.lines
    if not lines:
        return NAN_SIGNAL
    return _line_share(lines, [line for line in lines if len(line) < SHORT_LINE_CHARS])


@signal("text.words_per_sentence", indicator=False)
def words_per_sentence(doc: Document) -> Signal:
    """Mean sentence length in words (sentences end at . ! ? … 。 ؟ । and kin followed by a space or the end).

    NaN for Thai, which marks sentence ends with a space only.

    >>> words_per_sentence(Document.from_text("The army advanced. Thousands fled north!"))
    (3.0, [])
    >>> words_per_sentence(Document.from_text("Հայտարարությունը հրապարակվեց։ Այն քննարկվեց:", lang="hy"))
    (2.0, [])
    """
    if doc.lang in NO_SENTENCE_PUNCTUATION:
        return NAN_SIGNAL
    prof = char_profile(doc)
    return _ratio(len(doc.words), prof.sentences), []


@signal("text.mean_word_chars", indicator=False)
def mean_word_chars(doc: Document) -> Signal:
    """Mean word length in characters (long glued tokens and agglutination raise it).

    >>> mean_word_chars(Document.from_text("Rusiadorongan n-led"))
    (5.666666666666667, [])
    """
    lens = word_hashes(doc)[1]
    return _ratio(float(lens.sum()), len(lens)), []


# --- signals: readability --------------------------------------------------------------------------------------
@signal("text.syllables_per_word", indicator=False)
def syllables_per_word(doc: Document) -> Signal:
    """Mean syllables per word from vowel groups; NaN for languages without a row in readability.tsv.

    >>> syllables_per_word(Document.from_text("Duizenden mensen vluchten uit Homs.", lang="nl"))
    (1.8, [])
    >>> syllables_per_word(Document.from_text("数千人逃离霍姆斯。", lang="zh"))
    (nan, [])
    """
    counted = syllable_count(doc)
    if counted is None:
        return NAN_SIGNAL
    syllables, words = counted
    return _ratio(syllables, words), []


@signal("text.flesch_reading_ease", indicator=False)
def flesch_reading_ease(doc: Document) -> Signal:
    """Flesch Reading Ease with the language's own constants (en, de, es, fr, it, nl, pt, ru, hu); NaN elsewhere.

    ``base - a * words/sentence - b * syllables/word``; evidence states the counts it used.

    >>> flesch_reading_ease(Document.from_text("The cat sat on the mat. It was a good day.", lang="en"))
    (116.65, ['11 words, 2 sentences, 11 syllables'])
    >>> flesch_reading_ease(Document.from_text("Puluhan ribu orang melarikan diri.", lang="id"))
    (nan, [])
    """
    params = readability_table().get(doc.lang)
    counted = syllable_count(doc)
    if params is None or params.fre is None or counted is None:
        return NAN_SIGNAL
    syllables, words = counted
    sentences = char_profile(doc).sentences
    if not words or not sentences:
        return NAN_SIGNAL
    base, per_sentence, per_syllable = params.fre
    score = base - per_sentence * words / sentences - per_syllable * syllables / words
    return round(score, 2), [f"{words} words, {sentences} sentences, {syllables} syllables"]


# --- signals: repetition (Gopher) --------------------------------------------------------------------------------
@signal("text.dup_line_share", indicator=False)
def dup_line_share(doc: Document) -> Signal:
    """Share of lines that repeat an earlier line (Gopher dup_line_frac); evidence: the repeated lines.

    >>> dup_line_share(Document.from_text("Share\\nNews text here.\\nShare\\nShare"))
    (0.5, ['Share'])
    """
    d = _line_duplicates(doc)
    return d.share, evidence(d.examples)


@signal("text.dup_line_char_share", indicator=False)
def dup_line_char_share(doc: Document) -> Signal:
    """Share of line characters in repeats of an earlier line (Gopher dup_line_char_frac).

    >>> dup_line_char_share(Document.from_text("ab\\nab\\ncdef"))
    (0.25, ['ab'])
    """
    d = _line_duplicates(doc)
    return d.char_share, evidence(d.examples)


@signal("text.dup_paragraph_share", indicator=False)
def dup_paragraph_share(doc: Document) -> Signal:
    """Share of paragraphs that repeat an earlier paragraph (a stacked title, a teaser printed twice).

    >>> dup_paragraph_share(Document.from_text("Title\\n\\nTitle\\n\\nBody text.\\n\\nTitle"))
    (0.5, ['Title'])
    """
    d = _paragraph_duplicates(doc)
    return d.share, evidence(d.examples)


@signal("text.dup_paragraph_char_share", indicator=False)
def dup_paragraph_char_share(doc: Document) -> Signal:
    """Share of paragraph characters in repeats of an earlier paragraph (Gopher dup_para_char_frac).

    >>> dup_paragraph_char_share(Document.from_text("Title\\n\\nTitle\\n\\nBody."))
    (0.3333333333333333, ['Title'])
    """
    d = _paragraph_duplicates(doc)
    return d.char_share, evidence(d.examples)


GOPHER_TOP_LIMITS = {2: 0.20, 3: 0.18, 4: 0.16}
"""Gopher's thresholds on the top n-gram character share; above them the n-gram is quoted as evidence."""


def _top_signal(doc: Document, n: int) -> Signal:
    value, gram = ngram_stats(doc).top[n]
    return value, ([gram] if value > GOPHER_TOP_LIMITS[n] else [])


def _dup_signal(doc: Document, n: int) -> Signal:
    value, gram = ngram_stats(doc).dup[n]
    return value, ([gram] if value else [])


@signal("text.top_2gram_char_share", indicator=False)
def top_2gram_char_share(doc: Document) -> Signal:
    """Share of word characters in the most frequent repeated word bigram, quoted above Gopher's limit 0.20.

    >>> top_2gram_char_share(Document.from_text("slot gacor hari ini slot gacor"))
    (0.72, ['slot gacor'])
    """
    return _top_signal(doc, 2)


@signal("text.top_3gram_char_share", indicator=False)
def top_3gram_char_share(doc: Document) -> Signal:
    """Share of word characters in the most frequent repeated word trigram, quoted above Gopher's limit 0.18.

    >>> top_3gram_char_share(Document.from_text("data sgp hari ini data sgp hari ini"))
    (0.7857142857142857, ['data sgp hari'])
    """
    return _top_signal(doc, 3)


@signal("text.top_4gram_char_share", indicator=False)
def top_4gram_char_share(doc: Document) -> Signal:
    """Share of word characters in the most frequent repeated word 4-gram, quoted above Gopher's limit 0.16.

    >>> top_4gram_char_share(Document.from_text("a b c d e a b c d"))
    (0.8888888888888888, ['a b c d'])
    """
    return _top_signal(doc, 4)


def _dup_doc(n: int) -> str:
    return (
        f"Share of word characters inside word {n}-grams that occur more than once (Gopher dup_{n}gram).\n\n"
        f"    >>> _dup_signal(Document.from_text(' '.join(['w%d' % i for i in range({n})] * 2)), {n})[0]\n"
        f"    1.0\n"
    )


def _register_dup(n: int) -> None:
    def fn(doc: Document) -> Signal:
        return _dup_signal(doc, n)

    fn.__name__ = fn.__qualname__ = f"dup_{n}gram_char_share"
    fn.__doc__ = _dup_doc(n)
    signal(f"text.dup_{n}gram_char_share", indicator=False)(fn)
    globals()[fn.__name__] = fn


for _n in DUP_NS:
    _register_dup(_n)


# --- signals: punctuation and character ratios --------------------------------------------------------------------
@signal("text.line_end_punct_share", indicator=False)
def line_end_punct_share(doc: Document) -> Signal:
    """Share of lines ending in sentence punctuation or a closing quote (FineWeb line_punct_ratio).

    Prose scores near 1; menus, widget rows and keyword lists near 0. Evidence: the first unpunctuated lines.

    >>> line_end_punct_share(Document.from_text("The army advanced.\\nKeluaran SGP\\nBy gacor88"))
    (0.3333333333333333, ['Keluaran SGP', 'By gacor88'])
    """
    lines = doc.lines
    if not lines:
        return NAN_SIGNAL
    bare = [  # the last character decides, unless it is an invisible mark (rare): then the one before it
        line
        for line in lines
        if line[-1] not in LINE_END_PUNCTUATION and line.rstrip(_FORMAT_CHARS)[-1:] not in LINE_END_PUNCTUATION
    ]
    return (len(lines) - len(bare)) / len(lines), evidence(bare)


@signal("text.ellipsis_line_share", indicator=False)
def ellipsis_line_share(doc: Document) -> Signal:
    """Share of lines ending in an ellipsis ("..." or "…"), typical of teaser lists (Gopher: > 0.30).

    >>> ellipsis_line_share(Document.from_text("Read more…\\nThe army advanced."))
    (0.5, ['Read more…'])
    """
    lines = doc.lines
    if not lines:
        return NAN_SIGNAL
    return _line_share(lines, [line for line in lines if line.endswith(("...", "…"))])


@signal("text.bullet_line_share", indicator=False)
def bullet_line_share(doc: Document) -> Signal:
    """Share of lines starting with a bullet (•, -, *, ▪ ...), Gopher's bullet-point rule (> 0.90).

    >>> bullet_line_share(Document.from_text("• slot gacor\\n• togel\\nNews."))
    (0.6666666666666666, ['• slot gacor', '• togel'])
    """
    lines = doc.lines
    if not lines:
        return NAN_SIGNAL
    return _line_share(lines, [line for line in lines if line[0] in BULLETS])


@signal("text.symbol_word_ratio", indicator=False)
def symbol_word_ratio(doc: Document) -> Signal:
    """Hash signs and ellipses per word (Gopher symbol-to-word ratio, > 0.1 is a keyword list); NaN without words.

    >>> symbol_word_ratio(Document.from_text("#slot #gacor #togel win..."))
    (1.0, [])
    """
    text = doc.text
    n = text.count("#") + text.count("...") + text.count("…")
    return _ratio(n, len(doc.words)), []


@signal("text.uppercase_ratio", indicator=False)
def uppercase_ratio(doc: Document) -> Signal:
    """Upper-case share of cased letters; NaN unless most letters are cased (Arabic, CJK, Indic, Thai...).

    A few Latin names in a Hindi or Arabic text would otherwise make a large, meaningless ratio.

    >>> uppercase_ratio(Document.from_text("LEZEN Hezbollah"))
    (0.42857142857142855, [])
    >>> uppercase_ratio(Document.from_text("يعيش 2.600.000 شخص في المنطقة ، بما في ذلك Ondus و Lenta"))
    (nan, [])
    """
    prof = char_profile(doc)
    cased = prof.upper + prof.lower
    if 2 * cased < prof.letters:
        return NAN_SIGNAL
    return _ratio(prof.upper, cased), []


@signal("text.digit_ratio", indicator=False)
def digit_ratio(doc: Document) -> Signal:
    """Decimal digits per non-space character (result tables, lottery numbers); NaN without text.

    >>> digit_ratio(Document.from_text("SGP 4821"))
    (0.5714285714285714, [])
    """
    prof = char_profile(doc)
    return _ratio(prof.digits, prof.nonspace), []


@signal("text.punct_ratio", indicator=False)
def punct_ratio(doc: Document) -> Signal:
    """Punctuation characters per non-space character; NaN without text.

    >>> punct_ratio(Document.from_text("Yes, no."))
    (0.2857142857142857, [])
    """
    prof = char_profile(doc)
    return _ratio(prof.punct, prof.nonspace), []


@signal("text.symbol_char_ratio", indicator=False)
def symbol_char_ratio(doc: Document) -> Signal:
    """Symbol characters (currency, maths, emoji, arrows...) per non-space character; NaN without text.

    >>> symbol_char_ratio(Document.from_text("WIN $$$ 🎰🎰"))
    (0.625, [])
    """
    prof = char_profile(doc)
    return _ratio(prof.symbols, prof.nonspace), []


@signal("text.numeric_word_share", indicator=False)
def numeric_word_share(doc: Document) -> Signal:
    """Share of word tokens that are numbers only (Gopher's "words without an alphabetic character").

    >>> numeric_word_share(Document.from_text("Result 4821 3390 for SGP"))
    (0.4, [])
    """
    words = doc.words
    return _ratio(sum(map(str.isnumeric, words)), len(words)), []


@signal("text.lines_per_word", indicator=False)
def lines_per_word(doc: Document) -> Signal:
    """Non-empty lines per word (FineWeb new_line_ratio: lists and menus are line-dense); NaN without words.

    >>> lines_per_word(Document.from_text("Home\\nNews\\nSport\\nThe army advanced south."))
    (0.5714285714285714, [])
    """
    return _ratio(len(doc.lines), len(doc.words)), []
