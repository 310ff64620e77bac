"""An sklearn-compatible estimator over articles: ``fit``, ``predict``, ``predict_proba``, ``classes_``.

``FarmguardClassifier`` takes a list of articles (Article records, text strings or design.md §2
dicts) as ``X`` and label strings as ``y``, extracts the signal vector, trains LightGBM,
fits the temperature on a held-out part, and serves through the same
:class:`~farmguard.serving.classifier.Classifier` as a saved bundle. So it drops into sklearn
tooling (``clone``, ``GridSearchCV``, ``cross_val_score``, ``Pipeline`` as the final step), and a
fitted estimator is saved with :meth:`FarmguardClassifier.save` as a regular bundle that
``farmguard predict --model`` and ``Classifier.load`` read.

``classes_`` is sorted like every sklearn classifier's (``['original', 'scraped',
'syndicated']``), and ``predict_proba`` columns follow it; this differs from
:data:`farmguard.article.LABELS` order, which bundles and JSON output use.

This module imports scikit-learn; the plain predict path (``Classifier``, ``farmguard predict``)
never does.

>>> from farmguard.serving.estimator import FarmguardClassifier
>>> est = FarmguardClassifier(n_estimators=200, validation_fraction=0.2)      # doctest: +SKIP
>>> est.fit(texts, labels).predict(["Keluaran SGP hari ini ..."])             # doctest: +SKIP
array(['scraped'], dtype=object)
>>> est.save("my-model.joblib")                                                # doctest: +SKIP
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from farmguard import __version__
from farmguard.article import LABELS
from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION, extract_many, feature_names
from farmguard.features.document import MAX_TEXT_CHARS

from .booster import import_lightgbm
from .bundle import load_bundle, save_bundle
from .calibration import IDENTITY, fit_temperature
from .classifier import ArticleLike, Classifier, as_article


class FarmguardClassifier(ClassifierMixin, BaseEstimator):
    """LightGBM on farmguard's signal vector, temperature-calibrated, as an sklearn classifier.

    Parameters (all plain values, set in ``__init__`` only, validated in :meth:`fit`):

    - ``n_estimators``, ``learning_rate``, ``num_leaves``, ``min_child_samples``: LightGBM's.
    - ``class_weight``: ``"balanced"`` (weights inverse to label frequency) or ``None``.
    - ``validation_fraction``: share of the rows held out (stratified, or by ``groups``) for early
      stopping and for fitting the calibration temperature; ``0`` trains on everything, uncalibrated.
    - ``early_stopping_rounds``: stop when validation log-loss has not improved for this many rounds.
    - ``min_top_probability``, ``min_margin``: the review thresholds stored in the bundle.
    - ``policy``: decision policy for :meth:`predict` (``default``, ``strict-original``, ``none``).
    - ``max_chars``: text limit per article; ``n_jobs``: processes for feature extraction;
      ``num_threads``: LightGBM threads for training (prediction always uses one per call).
    - ``random_state``: seed for the split and LightGBM.
    """

    def __init__(
        self,
        n_estimators: int = 300,
        learning_rate: float = 0.05,
        num_leaves: int = 31,
        min_child_samples: int = 20,
        class_weight: str | None = "balanced",
        validation_fraction: float = 0.2,
        early_stopping_rounds: int = 30,
        min_top_probability: float = 0.6,
        min_margin: float = 0.1,
        policy: str = "default",
        max_chars: int = MAX_TEXT_CHARS,
        n_jobs: int = 1,
        num_threads: int = 1,
        random_state: int = 0,
    ) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.class_weight = class_weight
        self.validation_fraction = validation_fraction
        self.early_stopping_rounds = early_stopping_rounds
        self.min_top_probability = min_top_probability
        self.min_margin = min_margin
        self.policy = policy
        self.max_chars = max_chars
        self.n_jobs = n_jobs
        self.num_threads = num_threads
        self.random_state = random_state

    # --- sklearn API -----------------------------------------------------------------------
    def fit(self, X: Sequence[ArticleLike], y: Sequence[str], groups: Sequence[Any] | None = None) -> "FarmguardClassifier":
        """Train on articles ``X`` with labels ``y`` (strings of LABELS); ``groups`` keeps a story on one side."""
        self._validate_params()
        articles = [as_article(item, i) for i, item in enumerate(X)]
        labels = np.asarray(list(y), dtype=object)
        if len(articles) != len(labels):
            raise ValueError(f"X has {len(articles)} articles but y has {len(labels)} labels")
        unknown = sorted({str(v) for v in labels} - set(LABELS))
        if unknown:
            raise ValueError(f"unknown labels {unknown} (y must hold {', '.join(LABELS)})")
        if len(set(labels)) < len(LABELS):
            raise ValueError(f"y must contain all three labels, got {sorted(set(labels))}")
        codes = np.array([LABELS.index(v) for v in labels])
        features = extract_many(articles, n_jobs=self.n_jobs, max_chars=self.max_chars)
        train_idx, valid_idx = self._split(codes, groups)
        booster = self._train(features, codes, train_idx, valid_idx)
        if len(valid_idx):
            raw = booster.predict(features[valid_idx], raw_score=True, num_threads=self.num_threads)
            calibration = fit_temperature(raw, codes[valid_idx])
        else:
            calibration = dict(IDENTITY)
        self.payload_ = {
            "farmguard_version": __version__,
            "schema_name": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "feature_names": feature_names(),
            "labels": list(LABELS),
            "model": booster.model_to_string(),
            "calibration": calibration,
            "review": {"min_top_probability": float(self.min_top_probability), "min_margin": float(self.min_margin)},
            "training": {
                "trainer": "farmguard.serving.estimator.FarmguardClassifier",
                "params": self.get_params(),
                "n_train": int(len(train_idx)),
                "n_valid": int(len(valid_idx)),
                "counts": {label: int((codes == k).sum()) for k, label in enumerate(LABELS)},
                "best_iteration": int(booster.current_iteration()),
                "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            },
        }
        self._set_classifier(Classifier.from_payload(self.payload_, policy=self.policy, max_chars=self.max_chars))
        return self

    def predict_proba(self, X: Sequence[ArticleLike]) -> np.ndarray:
        """Calibrated probabilities, shape ``(n, 3)``, columns in ``classes_`` order."""
        check_is_fitted(self, "classifier_")
        return self.classifier_.predict_proba(list(X))[:, self._columns_]

    def predict(self, X: Sequence[ArticleLike]) -> np.ndarray:
        """Labels decided by the estimator's ``policy`` (the most probable label under ``default``)."""
        check_is_fitted(self, "classifier_")
        probs = self.classifier_.predict_proba(list(X))
        codes, _ = self.classifier_.policy.decide(probs)
        return np.array([LABELS[k] for k in codes], dtype=object)

    # --- bundles ---------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> str:
        """Write the fitted model as a bundle file (see :mod:`~farmguard.serving.bundle`); return its sha256."""
        check_is_fitted(self, "classifier_")
        return save_bundle(path, self.payload_)

    @classmethod
    def from_bundle(cls, path: str | os.PathLike[str], policy: str = "default") -> "FarmguardClassifier":
        """A fitted estimator serving an existing bundle file (read through the restricted loader).

        Its review thresholds and ``policy`` are the bundle's; the training parameters keep their
        defaults (the bundle's own are in ``payload_["training"]``), so ``clone`` + ``fit`` retrains
        with defaults, not with the bundle's recipe.
        """
        payload = load_bundle(path, expected_schema=(SCHEMA_NAME, SCHEMA_VERSION))
        payload.pop("sha256")
        est = cls(policy=policy, min_top_probability=payload["review"]["min_top_probability"],
                  min_margin=payload["review"]["min_margin"])
        est.payload_ = payload
        est._set_classifier(Classifier.from_payload(payload, policy=policy, source=str(path)))
        return est

    # --- internals -------------------------------------------------------------------------------
    def _set_classifier(self, classifier: Classifier) -> None:
        self.classifier_ = classifier
        self.classes_ = np.array(sorted(LABELS), dtype=object)
        self._columns_ = np.array([LABELS.index(label) for label in self.classes_])

    def _validate_params(self) -> None:
        if self.class_weight not in ("balanced", None):
            raise ValueError(f"class_weight must be 'balanced' or None, got {self.class_weight!r}")
        if not 0.0 <= self.validation_fraction < 1.0:
            raise ValueError(f"validation_fraction must be in [0, 1), got {self.validation_fraction!r}")
        if self.policy not in ("default", "strict-original", "none"):
            raise ValueError(f"unknown policy {self.policy!r}")
        if int(self.n_estimators) < 1 or int(self.num_leaves) < 2:
            raise ValueError("n_estimators must be >= 1 and num_leaves >= 2")

    def _split(self, codes: np.ndarray, groups: Sequence[Any] | None) -> tuple[np.ndarray, np.ndarray]:
        index = np.arange(len(codes))
        if self.validation_fraction == 0:
            return index, index[:0]
        if groups is not None:
            from sklearn.model_selection import GroupShuffleSplit

            splitter = GroupShuffleSplit(n_splits=1, test_size=self.validation_fraction, random_state=self.random_state)
            return next(splitter.split(index, codes, groups=np.asarray(list(groups))))
        from sklearn.model_selection import train_test_split

        train, valid = train_test_split(index, test_size=self.validation_fraction, stratify=codes,
                                        random_state=self.random_state)
        return np.sort(train), np.sort(valid)

    def _train(self, features: np.ndarray, codes: np.ndarray, train_idx: np.ndarray, valid_idx: np.ndarray) -> Any:
        lgb = import_lightgbm()
        params = {
            "objective": "multiclass",
            "num_class": len(LABELS),
            "learning_rate": float(self.learning_rate),
            "num_leaves": int(self.num_leaves),
            "min_data_in_leaf": int(self.min_child_samples),
            "num_threads": int(self.num_threads),
            "seed": int(self.random_state),
            "deterministic": True,
            "verbose": -1,
        }
        weight = None
        if self.class_weight == "balanced":
            counts = np.bincount(codes[train_idx], minlength=len(LABELS)).astype(float)
            per_class = len(train_idx) / (len(LABELS) * np.maximum(counts, 1.0))
            weight = per_class[codes[train_idx]]
        train_set = lgb.Dataset(features[train_idx], codes[train_idx], weight=weight, free_raw_data=True)
        valid_sets, callbacks = [], []
        if len(valid_idx):
            valid_sets = [lgb.Dataset(features[valid_idx], codes[valid_idx], reference=train_set)]
            callbacks = [lgb.early_stopping(int(self.early_stopping_rounds), verbose=False)]
        booster = lgb.train(params, train_set, num_boost_round=int(self.n_estimators), valid_sets=valid_sets,
                            callbacks=callbacks)
        if booster.best_iteration and booster.best_iteration < booster.current_iteration():
            booster = lgb.Booster(model_str=booster.model_to_string(num_iteration=booster.best_iteration))
        return booster
