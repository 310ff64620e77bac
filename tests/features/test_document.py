"""The Document's shared views keep offsets aligned between ``text`` and ``lower``."""

from __future__ import annotations

import numpy as np

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
