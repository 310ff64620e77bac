"""Property-based tests (hypothesis) over feature extraction (issue 8): hostile text never breaks a signal.

Texts are arbitrary Unicode (lone surrogates, control characters, RTL and bidi marks, zero-width
joiners, combining marks), empty and whitespace-only strings, enormous single lines and mixtures of
them; titles, URLs and language codes are random too. For every article: no exception escapes
``signal_values``/``extract``, the vector has the schema's length, every value is finite or NaN, and
evidence is a short list of short strings. ``predict`` is covered by tests/serving/test_predict_properties.py.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from farmguard.article import Article
from farmguard.features.document import Document, truncate_text
from farmguard.features.signal import MAX_EVIDENCE, MAX_EVIDENCE_CHARS
from farmguard.features.vector import extract, feature_names, signal_values

SPECIALS = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\ufeff\u0301\u0308"
            "\u0327\u064b\u0670\ufffd\x00\x07\x0b\x1b\x7f\x85\u2028\u2029\r\n\t \u00a0\u3000")
special_text = st.text(alphabet=st.sampled_from(list(SPECIALS) + list("aZ7.,:-()/ü中عπ")), max_size=300)
any_text = st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=300)
surrogates = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=10)
huge_line = st.builds(lambda piece, n: piece * n,
                      st.sampled_from(["a", "1.", " ", "\u200b", "ab ", "(", "中", "e\u0301", "https://x.co/"]),
                      st.integers(min_value=5_000, max_value=60_000))
blank = st.sampled_from(["", " ", "\n\n\n", "\t \u3000", "\u200b", "\ufeff"])
texts = st.one_of(any_text, special_text, surrogates, huge_line, blank,
                  st.lists(st.one_of(any_text, special_text, blank), max_size=6).map("\n\n".join))
urls = st.one_of(st.none(), st.sampled_from(["", "https://", "http://192.168.0.1/x", "https://slot88.example/a",
                                             "not a url", "https://xn--80ak6aa92e.com/", "ftp://[::1]/"]),
                 st.text(max_size=60).map(lambda t: "https://" + t))
langs = st.one_of(st.none(), st.sampled_from(["en", "id", "ar", "zh", "zz", "", "pt-BR", "nl_NL", "x" * 40]),
                  st.text(max_size=8))

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_values(article: Article) -> None:
    """The contract of every signal on one article (raises AssertionError naming the signal)."""
    values = signal_values(article, max_chars=50_000)
    assert [v.name for v in values] == feature_names()
    for v in values:
        assert isinstance(v.value, float) and (math.isnan(v.value) or math.isfinite(v.value)), (v.name, v.value)
        assert isinstance(v.evidence, list) and len(v.evidence) <= MAX_EVIDENCE, (v.name, v.evidence)
        assert all(isinstance(e, str) and len(e) <= MAX_EVIDENCE_CHARS for e in v.evidence), (v.name, v.evidence)
    row = extract(article, max_chars=50_000)
    assert row.shape == (len(feature_names()),) and not np.isinf(row).any()


@PROPERTY
@given(text=texts, title=st.one_of(st.none(), special_text, any_text), url=urls, lang=langs)
def test_any_article_gives_a_valid_vector(text: str, title: str | None, url: str | None, lang: str | None) -> None:
    check_values(Article(text=text, title=title, url=url, lang=lang or None))


@settings(max_examples=40, deadline=None)
@given(text=texts, max_chars=st.integers(min_value=1, max_value=70_000))
def test_truncation_keeps_a_prefix_within_the_limit(text: str, max_chars: int) -> None:
    cut, truncated = truncate_text(text, max_chars)
    assert len(cut) <= max_chars and text.startswith(cut.rstrip())
    assert truncated == (len(text) > max_chars)
    if truncated and len(text) > 1000 and max_chars >= 1000:
        assert len(cut.rstrip()) >= len(text[:max_chars].rstrip()) - max(max_chars // 10, 50) - 1 or not cut.strip()
    doc = Document.from_article(Article(text=text), max_chars)
    assert doc.truncated == truncated and len(doc.text) <= max_chars
    doc.text.encode("utf-8")  # lone surrogates replaced: every engine downstream can encode it


def test_fuzz_crash_long_url_host_evidence_is_clipped() -> None:
    """Regression (experiments/fuzz_features.py crash-d28edd0f, 08:27 UTC): a URL whose 'host' is a long run of
    text gave host.gambling_domain evidence of 90+ characters (unclipped)."""
    url = "ik" + "\x86" * 21 + ".\n\nKeluaran SGP !ari ''''-''''ini\n\nB;\xa8 gaCor7ari ''''-'''"
    check_values(Article(text="Harga emas na", title="", url=url))
