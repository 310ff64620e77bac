"""Phrase matching shortcuts (features/phrases.py) give the results of scanning the whole text with one automaton.

The speed-ups of the lexicon families (re2 windows, one automaton per first UTF-8 byte, the shared re2 set pass,
the fast NFKC of spam's deobfuscation) must not change a match: each is checked here against the plain
computation it replaces, on texts built from the real lexicons.
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from farmguard.features import credit, encoding, phrases, residue, spam
from farmguard.features.document import Document
from farmguard.features.phrases import PhraseMatch, PhraseMatcher, lexicon, may_match

FILLER = [
    "the", "minister", "said", "on", "Monday", "berita", "hari", "ini", "und", "der", "Stadt", "ΑΘΗΝΑ", "İstanbul",
    "新华社", "北京", "ข่าว", "Москва", "2019", "G20", "—", ",", ".", ":", "(", ")", "\n", "\n\n", "_", "’", "…",
]


def reference_find(matcher: PhraseMatcher, text: str) -> list[tuple[int, int, str, str]]:
    """What ``find`` returned before the shortcuts: the single automaton over the whole lower-cased text."""
    lower = text.lower()
    found: list[PhraseMatch] = []
    for end_idx, (kind, phrase, n, boundary) in matcher._automaton.iter(lower):
        start, end = end_idx - n + 1, end_idx + 1
        if boundary and (
            (start > 0 and phrases._is_word_char(lower[start - 1]) and phrases._is_word_char(lower[start]))
            or (end < len(lower) and phrases._is_word_char(lower[end]) and phrases._is_word_char(lower[end - 1]))
        ):
            continue
        span = text[start:end] if len(lower) == len(text) else lower[start:end]
        found.append(PhraseMatch(start, end, kind, phrase, span))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out, last_end = [], -1
    for m in found:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return [(m.start, m.end, m.kind, m.text) for m in out]


def texts_from(entries: list[tuple[str, str]], seed: int, n: int = 150) -> list[str]:
    """Texts of filler words and lexicon phrases, glued with and without spaces, some cut in the middle."""
    rng = random.Random(seed)
    phrases_ = [p for _, p in entries if p.strip()]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 40)):
            piece = rng.choice(phrases_) if rng.random() < 0.35 else rng.choice(FILLER)
            if rng.random() < 0.1:
                piece = piece.upper()
            if rng.random() < 0.1:
                piece = piece[: rng.randint(1, max(1, len(piece)))]
            parts.append(piece)
            parts.append(rng.choice([" ", " ", "", "\n", "x", "1"]))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("family,lang", [("spam", "id"), ("credit", "en"), ("boilerplate", "de"), ("feed", "es")])
def test_windowed_find_is_the_whole_text_scan(family: str, lang: str):
    matcher = phrases.matcher(family, lang)
    assert matcher.prefilter is not None  # small lexicon: re2 windows, then the automaton
    found = 0
    for text in texts_from(list(lexicon(family, lang)) + list(lexicon(family, "en")), seed=sum(map(ord, family + lang))):
        got = [(m.start, m.end, m.kind, m.text) for m in matcher.find(text)]
        assert got == reference_find(matcher, text), text
        found += len(got)
    assert found > 100


def test_large_matcher_by_lead_byte_is_the_single_automaton():
    matcher, _ = residue.phrase_index()
    assert matcher.prefilter is None and len(matcher._by_lead) > 5
    entries = [e for lang in ("nl", "en", "ar", "ru", "zh", "ja", "th", "el", "tr") for e in lexicon("residue", lang)]
    found = 0
    for text in texts_from(entries, seed=3, n=300):
        got = [(m.start, m.end, m.kind, m.text) for m in matcher.find(text)]
        assert got == reference_find(matcher, text), text
        found += len(got)
    assert found > 300


def test_may_match_is_false_only_where_nothing_matches():
    rng = random.Random(11)
    entries = list(lexicon("spam", "id")) + list(lexicon("credit", "en")) + list(lexicon("boilerplate", "en"))
    fired = 0
    for text in texts_from(entries, seed=5, n=200) + ["Berita biasa tanpa apa-apa.", "A plain sentence."]:
        lang = rng.choice(["id", "en", "de"])
        doc = Document.from_text(text, lang=lang)
        for name, find in (
            ("spam", lambda d: spam.spam_matcher(d.lang).find(d.text, d.lower)),
            ("credit", lambda d: credit.credit_matcher(d.lang).find(d.text, d.lower)),
            ("spam.mixed", lambda d: spam._mixed_tokens(d.text)),
        ):
            if not may_match(doc, name):
                assert find(doc) == [], (name, text)
            else:
                fired += 1
    assert fired > 50  # the texts do hold phrases: the test is not vacuous


def test_may_match_answers_true_when_the_set_pass_fails(monkeypatch):
    doc = Document.from_text("Banjir di Medan.", lang="id")
    assert not may_match(doc, "spam")

    class Failed:
        def Match(self, raw):  # re2's set reports no match at all when its DFA runs out of memory
            return None

    real = phrases._prefilter_set

    def failing(lang, names):
        pre = real(lang, names)
        return phrases._PrefilterSet(pre.names, Failed(), pre.indices, pre.always)

    monkeypatch.setattr(phrases, "_prefilter_set", failing)
    assert may_match(Document.from_text("Banjir di Medan.", lang="id"), "spam")


def test_nfkc_is_unicodedata_nfkc():
    rng = random.Random(2)
    alphabet = (
        [chr(c) for c in range(0xFF01, 0xFF5F)] + [chr(c) for c in range(0x0300, 0x0310)]
        + list("abcAZ09 ,.，（）：中文𝑺𝑼Ⓟé\u212a\u0130ΣσςİK")
    )
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert spam._nfkc(s) == unicodedata.normalize("NFKC", s), s


def test_text_without_latin_sources_cannot_deobfuscate_to_an_ascii_letter():
    latin = spam.latin_sources()
    assert latin is not None
    rng = random.Random(4)
    pool = [chr(c) for c in range(0x80, 0x30000, 7) if not 0xD800 <= c < 0xE000 and not latin.search(chr(c))]
    for _ in range(2000):
        s = "".join(rng.choice(pool + [" "] * 20) for _ in range(rng.randint(1, 40)))
        assert not re.search("[A-Za-z]", spam.deobfuscate(s)), s


def test_alnum_count_is_isalnum():
    chars = "".join(chr(c) for c in range(0, 0x30000, 3) if not 0xD800 <= c < 0xE000)
    assert residue._alnum_count(chars) == sum(c.isalnum() for c in chars)


def test_encoding_suspect_prefilter_holds_every_suspect():
    data = encoding._data()
    samples = ["Ã©tÃ©", "â€™", "Ð¡Ð¾Ð±", "РЎРѕР±С", "t\u0336e\u0336", "a\u200bb", "w o r d s a r e", "ÃŸ", "Ã‰"]
    for s in samples:
        assert data.suspect.search(s.encode()) is not None, s
        assert data.suspect_lower.search(Document.from_text(s).lower.encode()) is not None, s
