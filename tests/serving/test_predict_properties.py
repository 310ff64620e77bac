"""Property-based tests (issue 8) over predict: any text yields one valid prediction, never an exception.

Texts are arbitrary Unicode (surrogates, control characters, RTL marks, zero-width joiners,
combining marks), empty and whitespace-only strings, enormous single lines and mixtures of them.
Every prediction has a label of LABELS, finite probabilities summing to 1, and serialises as
strict JSON (no NaN), with and without explanations.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from farmguard.article import LABELS, Article
from farmguard.serving.classifier import Classifier

SPECIALS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\ufeff\u0301\u0308\u064b\ufffd\x00\x07\x1b\r\n\t \u00a0"
special_text = st.text(alphabet=st.sampled_from(list(SPECIALS) + ["a", "Z", "7", ".", "ü", "ع", "中"]), max_size=300)
any_text = st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=400)
surrogates = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=20)
huge_line = st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "1", "ب", " ", "\u200b", "ab "]),
                      st.integers(min_value=10_000, max_value=250_000))
texts = st.one_of(any_text, special_text, surrogates, huge_line, st.sampled_from(["", " ", "\n\n\n", "\t \u3000"]),
                  st.lists(st.one_of(any_text, special_text), max_size=6).map("\n\n".join))


@pytest.fixture(scope="module")
def clf(payload: dict) -> Classifier:
    return Classifier.from_payload(payload, max_chars=100_000)


def _valid(record: dict) -> None:
    assert record["label"] in LABELS
    probs = np.array([record["probabilities"][k] for k in LABELS])
    assert np.isfinite(probs).all() and (probs >= 0).all()
    assert abs(probs.sum() - 1.0) < 1e-5
    json.dumps(record, allow_nan=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(text=texts, title=st.one_of(st.none(), special_text), lang=st.sampled_from([None, "en", "ar", "zz", "", "x" * 50]),
       explain=st.booleans())
def test_any_text_gives_one_valid_prediction(clf: Classifier, text: str, title: str | None, lang: str | None,
                                             explain: bool) -> None:
    article = Article(text=text, title=title, lang=lang or None)
    pred = clf.predict(article, explain=explain)
    record = pred.to_dict()
    _valid(record)
    assert record["id"] == article.id
    if len(text) > 100_000:
        assert "text truncated to 100000 characters" in record["warnings"]
    if explain:
        assert all(np.isfinite(r["effect"]) for r in record["reasons"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(batch=st.lists(texts, min_size=1, max_size=8), batch_size=st.integers(min_value=1, max_value=5))
def test_batches_match_single_predictions(clf: Classifier, batch: list[str], batch_size: int) -> None:
    many = [p.to_dict() for p in clf.predict_many(batch, batch_size=batch_size)]
    assert many == [clf.predict(t).to_dict() for t in batch]
