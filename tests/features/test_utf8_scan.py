"""re2 scans through UTF-8 bytes give the same character spans as google-re2's own str path."""

from __future__ import annotations

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from farmguard.features import encoding, generator, spam
from farmguard.features.utf8_scan import finditer_spans, search_start

PATTERNS = [spam._MIXED, spam._OBFUSCATED, encoding._data().suspect, re2.compile("gacor|keluaran sgp|ß|中文")]
PATTERNS += [p for p in (generator._phrases(lang).pattern for lang in ("en", "id", "ru", "zh")) if p is not None]
PIECES = list("aéÜ2G0ß中文１२ीकا١\n .,ÂÃ©ÐРС\u0301\u200b\ufffd") + ["gacor88", "keluaran sgp", "as an ai language model"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_same_spans_as_the_str_path(text: str) -> None:
    for pattern in PATTERNS:
        assert finditer_spans(pattern, text) == [m.span() for m in pattern.finditer(text)]
        m = pattern.search(text)
        assert search_start(pattern, text) == (m.start() if m else None)


def test_limit_and_offsets_after_multibyte_text() -> None:
    text = "Zürich 中文 G20 und Ü2, dann A7 und B8"
    assert finditer_spans(spam._MIXED, text, 2) == [(10, 13), (18, 20)]
    assert [text[s:e] for s, e in finditer_spans(spam._MIXED, text)] == ["G20", "Ü2", "A7", "B8"]
