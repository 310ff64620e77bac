"""FarmguardClassifier against the parts of the sklearn estimator contract that apply to text input.

``sklearn.utils.estimator_checks.check_estimator`` feeds numeric arrays, which are not articles,
so the full suite does not apply. Checked here: default-constructible parameters, no attributes
set in ``__init__``, ``get_params``/``set_params`` and ``clone``, NotFittedError before ``fit``,
``classes_`` sorted and matching ``predict_proba`` columns, ``predict`` consistent with the
probabilities, use inside ``Pipeline`` and ``cross_val_score``, pickling, and saving a bundle.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from farmguard.article import LABELS
from farmguard.serving.classifier import Classifier
from farmguard.serving.estimator import FarmguardClassifier

SMALL = {"n_estimators": 40, "num_leaves": 7, "min_child_samples": 3, "learning_rate": 0.2}


@pytest.fixture(scope="module")
def data(corpus) -> tuple[list, np.ndarray]:
    articles, codes = corpus
    return [a.text for a in articles], np.array([LABELS[k] for k in codes], dtype=object)


@pytest.fixture(scope="module")
def fitted(data) -> FarmguardClassifier:
    return FarmguardClassifier(**SMALL).fit(*data)


@pytest.mark.parametrize(
    "check", [check_parameters_default_constructible, check_no_attributes_set_in_init, check_get_params_invariance,
              check_set_params],
)
def test_sklearn_parameter_contract(check) -> None:
    check("FarmguardClassifier", FarmguardClassifier())


def test_clone_keeps_params_and_drops_fit(fitted: FarmguardClassifier) -> None:
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "classifier_")


def test_unfitted_estimator_raises_not_fitted() -> None:
    est = FarmguardClassifier()
    for method in (est.predict, est.predict_proba):
        with pytest.raises(NotFittedError):
            method(["text"])


def test_classes_and_probabilities(fitted: FarmguardClassifier, held_out) -> None:
    assert list(fitted.classes_) == sorted(LABELS)
    proba = fitted.predict_proba(held_out)
    assert proba.shape == (len(held_out), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    pred = fitted.predict(held_out)
    np.testing.assert_array_equal(pred, fitted.classes_[proba.argmax(axis=1)])
    truth = np.array([a.id.split("-")[0] for a in held_out])
    assert fitted.score(held_out, truth) >= 0.9
    assert fitted.payload_["calibration"]["temperature"] > 0 and fitted.payload_["training"]["n_valid"] > 0


def test_bad_labels_and_params_are_refused(data) -> None:
    texts, y = data
    with pytest.raises(ValueError, match="unknown labels"):
        FarmguardClassifier(**SMALL).fit(texts, ["spam"] * len(texts))
    with pytest.raises(ValueError, match="all three labels"):
        FarmguardClassifier(**SMALL).fit(texts[:2], ["original", "scraped"])
    with pytest.raises(ValueError, match="validation_fraction"):
        FarmguardClassifier(validation_fraction=1.5).fit(texts, y)


def test_works_in_pipeline_and_cross_validation(data) -> None:
    texts, y = data
    pipe = Pipeline([("farmguard", FarmguardClassifier(**SMALL))])
    scores = cross_val_score(pipe, texts, y, cv=3)
    assert scores.shape == (3,) and scores.mean() >= 0.8


def test_pickle_and_bundle_round_trips(fitted: FarmguardClassifier, held_out, tmp_path: Path) -> None:
    expected = fitted.predict_proba(held_out)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(fitted)).predict_proba(held_out), expected)
    fitted.save(tmp_path / "m.joblib")
    np.testing.assert_array_equal(FarmguardClassifier.from_bundle(tmp_path / "m.joblib").predict_proba(held_out),
                                  expected)
    in_label_order = Classifier.load(tmp_path / "m.joblib").predict_proba(held_out)
    np.testing.assert_array_equal(in_label_order[:, fitted._columns_], expected)
