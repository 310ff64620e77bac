"""The Classifier API with a real (small) model: round trip, explanations, threads, bad input."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from farmguard.article import LABELS, Article
from farmguard.errors import ModelFileError, RecordError
from farmguard.features import extract_many
from farmguard.serving.bundle import BundleRefused, save_bundle
from farmguard.serving.classifier import Classifier, Prediction, default_model_path


def assert_same_predictions(a: list[Prediction], b: list[Prediction]) -> None:
    assert [p.to_dict() for p in a] == [p.to_dict() for p in b]


def test_round_trip_gives_identical_predictions(payload: dict, bundle_path: Path, held_out: list[Article]) -> None:
    import lightgbm as lgb

    in_memory = Classifier.from_payload(payload)
    loaded = Classifier.load(bundle_path)
    assert in_memory.model_version == loaded.model_version
    assert loaded.model_version.startswith("farmguard-1.0.0+") and len(loaded.model_version.split("+")[1]) == 12
    np.testing.assert_array_equal(in_memory.predict_proba(held_out), loaded.predict_proba(held_out))
    assert_same_predictions(list(in_memory.predict_many(held_out, explain=True)), list(loaded.predict_many(held_out, explain=True)))
    # ... and identical to the booster the model string came from.
    X = extract_many(held_out)
    direct = lgb.Booster(model_str=payload["model"]).predict(X, raw_score=True, num_threads=1)
    np.testing.assert_array_equal(loaded.booster.raw_scores(X), direct)


def test_predictions_are_labels_with_calibrated_probabilities(bundle_path: Path, held_out: list[Article]) -> None:
    clf = Classifier.load(bundle_path)
    preds = list(clf.predict_many(held_out, batch_size=7))
    assert [p.id for p in preds] == [a.id for a in held_out]
    for p in preds:
        assert p.label in LABELS
        assert sum(p.probabilities.values()) == pytest.approx(1.0)
        assert list(p.probabilities) == list(LABELS)
    accuracy = np.mean([p.id.startswith(p.label) for p in preds])
    assert accuracy >= 0.9, "the fixture model separates its three generated kinds"


def test_batch_and_single_predictions_agree(bundle_path: Path, held_out: list[Article]) -> None:
    clf = Classifier.load(bundle_path)
    assert_same_predictions([clf.predict(a) for a in held_out], list(clf.predict_many(held_out, batch_size=5)))


def test_output_record_has_design_field_order_and_passthrough(bundle_path: Path) -> None:
    clf = Classifier.load(bundle_path)
    record = {"id": "r1", "text": "Keluaran SGP hari ini\n\nslot gacor maxwin", "feed": "f-9", "label": "scraped"}
    out = clf.predict(record, explain=True).to_dict()
    assert list(out)[:7] == ["id", "label", "probabilities", "needs_review", "model_version", "reasons", "warnings"]
    assert out["id"] == "r1" and out["feed"] == "f-9"
    assert "reasons" not in clf.predict(record).to_dict()


def test_explanations_name_spam_signals_with_evidence(bundle_path: Path, held_out: list[Article]) -> None:
    clf = Classifier.load(bundle_path)
    scraped = [a for a in held_out if a.id.startswith("scraped")]
    for pred in clf.predict_many(scraped, explain=True):
        assert pred.label == "scraped"
        effects = [r.effect for r in pred.reasons]
        assert effects == sorted(effects, reverse=True) and all(e > 0 for e in effects)
        assert 0 < len(pred.reasons) <= 5
        fired = [r for r in pred.reasons if r.signal.startswith("spam.") and r.evidence]
        assert fired, [r.to_dict() for r in pred.reasons]


def test_concurrent_predictions_from_8_threads_equal_serial(bundle_path: Path, held_out: list[Article]) -> None:
    clf = Classifier.load(bundle_path)
    serial = {explain: [p.to_dict() for p in clf.predict_many(held_out, explain=explain)] for explain in (False, True)}
    barrier = threading.Barrier(8)

    def work(i: int) -> tuple[bool, list[dict[str, Any]]]:
        explain = i % 2 == 1
        barrier.wait()
        out = []
        for _ in range(3):
            out = [clf.predict(a, explain=explain).to_dict() for a in held_out]
        return explain, out

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for explain, out in results:
        assert out == serial[explain]


def test_long_text_is_truncated_and_flagged(payload: dict) -> None:
    clf = Classifier.from_payload(payload, max_chars=1000)
    pred = clf.predict("word " * 2000)
    assert pred.warnings == ["text truncated to 1000 characters"]
    assert clf.predict("short text here").warnings == []


def test_empty_text_is_flagged_not_crashed(payload: dict) -> None:
    pred = Classifier.from_payload(payload).predict("")
    assert pred.label in LABELS and any("empty text" in w for w in pred.warnings)


def test_bad_items_raise_or_are_reported(payload: dict) -> None:
    clf = Classifier.from_payload(payload)
    items = [{"id": "ok", "text": "fine"}, {"id": "bad"}, 42, "also fine"]
    with pytest.raises(RecordError, match="item 2"):
        list(clf.predict_many(items))
    errors: list[RecordError] = []
    preds = list(clf.predict_many(items, on_error=errors.append))
    assert [p.id for p in preds][0] == "ok" and len(preds) == 2
    assert [e.where for e in errors] == ["item 2", "item 3"]


def test_model_needing_unknown_signals_is_refused(payload: dict) -> None:
    other = dict(payload)
    other["feature_names"] = ["bogus.signal", *payload["feature_names"][1:]]
    with pytest.raises(BundleRefused) as info:
        Classifier.from_payload(other)
    assert info.value.reason == "schema-mismatch" and "bogus.signal" in str(info.value)


def test_garbage_model_string_is_refused(payload: dict, tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save_bundle(path, {**payload, "model": "not a lightgbm model"})
    with pytest.raises(BundleRefused) as info:
        Classifier.load(path)
    assert info.value.reason == "malformed"


def test_policies_change_the_decision_not_the_probabilities(payload: dict, held_out: list[Article]) -> None:
    base = Classifier.from_payload(payload)
    strict = base.with_policy("strict-original")
    none = base.with_policy("none")
    for a in held_out:
        p, s, n = base.predict(a), strict.predict(a), none.predict(a)
        assert p.probabilities == s.probabilities == n.probabilities
        assert n.needs_review is False and n.label == max(p.probabilities, key=p.probabilities.get)
        if s.label == "scraped":
            assert s.probabilities["scraped"] >= 0.85
        if p.label == "scraped" and s.label != "scraped":
            assert s.needs_review
    with pytest.raises(ValueError, match="unknown threshold policy"):
        base.with_policy("lenient")


def test_default_model_loads_or_says_it_is_not_shipped() -> None:
    if default_model_path().is_file():
        clf = Classifier.load()
        assert clf.predict("A short plain sentence about the weather.").label in LABELS
    else:
        with pytest.raises(ModelFileError, match="no shipped model"):
            Classifier.load()


def test_html_only_records_are_extracted_first(payload: dict) -> None:
    clf = Classifier.from_payload(payload)
    html = ("<html><head><title>Water rules</title></head><body><article><p>"
            + "The council said on monday that new rules for water use would start next month. " * 8
            + "</p><p>Keluaran SGP hari ini</p><p>slot gacor maxwin</p></article></body></html>")
    from_html = clf.predict({"id": "h1", "html": html})
    assert from_html.id == "h1" and from_html.label in LABELS
    assert not any("empty text" in w for w in from_html.warnings)


def test_model_on_a_reordered_subset_of_signals_gets_its_own_columns(corpus, held_out: list[Article]) -> None:
    """A bundle naming fewer signals, in another order, is fed exactly its columns (by name)."""
    import lightgbm as lgb

    from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION, feature_names

    articles, y = corpus
    names = feature_names()
    chosen = [names[i] for i in range(len(names) - 1, -1, -3)]  # every third signal, reversed
    index = [names.index(n) for n in chosen]
    X = extract_many(articles)[:, index]
    booster = lgb.train({"objective": "multiclass", "num_class": 3, "num_threads": 1, "verbose": -1,
                         "min_data_in_leaf": 3}, lgb.Dataset(X, y), num_boost_round=10)
    payload = {"farmguard_version": "1.0.0", "schema_name": SCHEMA_NAME, "schema_version": SCHEMA_VERSION,
               "feature_names": chosen, "labels": list(LABELS), "model": booster.model_to_string(),
               "calibration": {"method": "temperature", "temperature": 1.0},
               "review": {"min_top_probability": 0.5, "min_margin": 0.0}}
    clf = Classifier.from_payload(payload)
    expected = booster.predict(extract_many(held_out)[:, index], num_threads=1)
    np.testing.assert_allclose(clf.predict_proba(held_out), expected, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("explain", [False, True])
def test_a_signal_failing_on_one_article_costs_only_that_article(
    payload: dict, held_out: list[Article], monkeypatch: pytest.MonkeyPatch, explain: bool
) -> None:
    """The batch path extracts signal by signal over the whole batch; when one article breaks a signal, every
    other article of the batch is still labelled exactly as without the failure, and the bad one is reported."""
    import dataclasses

    import farmguard.features.vector as vector

    clf = Classifier.from_payload(payload)
    articles = held_out[:6]
    expected = list(clf.predict_many(articles, explain=explain))
    poisoned = articles[3].text
    real_specs = vector.specs()

    def breaks_on_one(fn):
        def wrapped(doc):
            if doc.text == poisoned:
                raise RuntimeError("planted failure")
            return fn(doc)
        return wrapped

    specs = tuple(dataclasses.replace(s, fn=breaks_on_one(s.fn)) if i == 40 else s for i, s in enumerate(real_specs))
    monkeypatch.setattr(vector, "specs", lambda: specs)
    errors: list[RecordError] = []
    got = list(clf.predict_many(articles, explain=explain, on_error=errors.append))
    assert [p.id for p in got] == [p.id for i, p in enumerate(expected) if i != 3]
    assert_same_predictions(got, [p for i, p in enumerate(expected) if i != 3])
    assert len(errors) == 1 and "feature extraction failed: RuntimeError: planted failure" in str(errors[0])
    with pytest.raises(RecordError, match="planted failure"):
        list(clf.predict_many(articles, explain=explain))
