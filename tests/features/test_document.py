"""The Document's shared views: offsets aligned between ``text`` and ``lower``, tokens exactly the regex's."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from farmguard.article import Article
from farmguard.features import extract, feature_names
from farmguard.features.document import Document, lower_same_length


def test_lower_keeps_length_for_expanding_characters():
    text = "BİR İstanbul haberi"  # Turkish dotted capital I lower-cases to two code points
    assert len(text.lower()) == len(text) + 2
    low = lower_same_length(text)
    assert len(low) == len(text) and low == "bir istanbul haberi"
    assert Document.from_article(Article(text=text)).lower == low


def test_turkish_text_with_a_spam_tail_extracts():
    # Regression: offsets found in the lower-cased text used to index past the end of the text.
    text = (
        "İspanya'da son 24 saatte 738 kişi hayatını kaybetti. İtalya en çok etkilenen ülke oldu. "
        "İçişleri Bakanlığı yeni önlemler açıkladı.\n\nData HK 05-01-2022: 3663\n\nBy kpktoto"
    )
    row = extract(Article(text=text, lang="tr"))
    assert row.shape == (len(feature_names()),)
    assert row[feature_names().index("spam.brand_signature")] == 1.0
    assert np.all(np.isfinite(row) | np.isnan(row))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
       | st.text(alphabet="ab İıΣσς_1٣\u0301\u00a0\u2009'-.,\n\x1c𝐀😀日本", max_size=60))
def test_word_tokens_are_the_regex_tokens(text: str) -> None:
    """The C-speed tokeniser gives exactly ``re.findall(r"\\w+")``, and the lower-cased tokens are each token lower-cased
    on its own (final sigma, dotted I as plain i)."""
    doc = Document.from_text(text)
    expected = re.findall(r"\w+", doc.text)
    assert doc.words == expected
    assert doc.words_lower == [w.lower().replace("i\u0307", "i") for w in expected]
