"""Training: LightGBM multiclass on the signal vector, calibrated, with review thresholds (design.md §6).

Steps of :func:`train`:

1. feature rows from :class:`~farmguard.training.features_cache.FeatureCache` (extracted once);
2. split by ``story_id`` (:mod:`farmguard.training.splits`); ``test`` rows are never trained on;
3. LightGBM multiclass with class weights, early stopping on the validation split's
   multi-logloss, ``num_threads`` always explicit;
4. temperature calibration (:func:`farmguard.serving.calibration.fit_temperature`) fitted on the
   validation raw scores, and checked on held-out halves: fitted on one half of the validation
   stories, measured on the other, and the other way round;
5. review thresholds chosen on the calibrated validation probabilities (:mod:`.review`);
6. the bundle payload of the team brief, with the training metadata.

>>> from farmguard.article import Article
>>> from farmguard.training.dataset import LabelledSet
>>> arts = [Article(text=t * (1 + i % 5), lang="en", label=l, extra={"story_id": f"s{i}"})
...         for i in range(30) for t, l in (("Plain story. ", "original"),
...                                         ("AMMAN (Reuters) - Plain story. ", "syndicated"),
...                                         ("Plain story. Keluaran SGP hari ini. ", "scraped"))]
>>> result = train(LabelledSet.from_articles(arts), TrainConfig(), cache_dir=None, n_jobs=1)
>>> result.payload["labels"], result.split.method, result.valid_report["n"] > 0
(['original', 'syndicated', 'scraped'], 'grouped-kfold', True)
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from farmguard import __version__
from farmguard.article import LABELS
from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION, feature_names

from .config import TrainConfig
from .dataset import LabelledSet
from .features_cache import FeatureCache
from .metrics import classification_report, expected_calibration_error, slice_reports
from .review import choose_review_thresholds
from .splits import Split, grouped_split

# OpenMP threads that spin while waiting made LightGBM ~10x slower on a busy shared machine; passive
# waiting removes that. Only effective if set before the OpenMP runtime starts (first lightgbm import).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

Progress = Callable[[str], None]
SLICES = ("lang", "family", "difficulty")


def _quiet(_: str) -> None:
    return None


def lightgbm_params(config: TrainConfig, n_classes: int = len(LABELS)) -> dict[str, Any]:
    """LightGBM parameters from the config (multiclass, explicit ``num_threads``, quiet, deterministic).

    >>> p = lightgbm_params(TrainConfig())
    >>> p["objective"], p["num_class"], p["num_threads"]
    ('multiclass', 3, 1)
    """
    m = config.model
    return {
        "objective": "multiclass",
        "num_class": n_classes,
        "metric": "multi_logloss",
        "learning_rate": m.learning_rate,
        "num_leaves": m.num_leaves,
        "max_depth": m.max_depth,
        "min_data_in_leaf": m.min_data_in_leaf,
        "feature_fraction": m.feature_fraction,
        "bagging_fraction": m.bagging_fraction,
        "bagging_freq": m.bagging_freq,
        "lambda_l2": m.lambda_l2,
        "num_threads": m.num_threads,
        "seed": m.seed,
        "deterministic": True,
        "force_col_wise": True,
        "verbose": -1,
    }


def class_weights(y: np.ndarray, mode: str, n_classes: int = len(LABELS)) -> np.ndarray:
    """Per-row weights: ``balanced`` gives each label n / (K * n_label) (scikit-learn's rule), ``none`` ones.

    >>> class_weights(np.array([0, 0, 0, 1]), "balanced", 2).round(3).tolist()
    [0.667, 0.667, 0.667, 2.0]
    """
    if mode == "none" or len(y) == 0:
        return np.ones(len(y), dtype=np.float64)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    present = counts > 0
    per_class = np.zeros(n_classes)
    per_class[present] = len(y) / (present.sum() * counts[present])
    return per_class[y]


@dataclass
class TrainResult:
    """Everything a training run produced: the bundle payload, the booster and the measurements."""

    payload: dict[str, Any]
    booster: Any
    split: Split
    feature_names: list[str]
    calibration: dict[str, Any]
    calibration_check: dict[str, Any]
    review: dict[str, Any]
    valid_report: dict[str, Any]
    valid_slices: dict[str, dict[str, Any]]
    test_report: dict[str, Any] | None
    test_slices: dict[str, dict[str, Any]]
    importance_gain: dict[str, float]
    best_iteration: int
    timings: dict[str, float]
    valid_y: np.ndarray
    valid_proba: np.ndarray
    test_y: np.ndarray | None = None
    test_proba: np.ndarray | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""

    def summary(self) -> dict[str, float]:
        """The headline numbers: validation (and test) macro-F1, best iteration, seconds."""
        out = {
            "valid_macro_f1": self.valid_report["macro_f1"],
            "best_iteration": float(self.best_iteration),
            "train_seconds": self.timings.get("train", 0.0),
        }
        if self.test_report:
            out["test_macro_f1"] = self.test_report["macro_f1"]
        return out


def calibrated_proba(booster: Any, X: np.ndarray, calibration: dict[str, Any], num_threads: int) -> np.ndarray:
    """Calibrated probabilities of ``booster`` on ``X`` (the same rule serving applies)."""
    from farmguard.serving.calibration import apply_calibration

    if len(X) == 0:
        return np.zeros((0, len(LABELS)))
    raw = booster.predict(X, raw_score=True, num_threads=num_threads)
    return apply_calibration(raw, calibration)


def check_calibration(raw: np.ndarray, y: np.ndarray, groups: Sequence[str], seed: int) -> dict[str, Any]:
    """Cross-fit the temperature on two halves of the validation stories; ECE before/after on held-out rows.

    >>> rng = np.random.default_rng(0)
    >>> raw = rng.normal(size=(40, 3)) * 6; y = raw.argmax(axis=1); y[:8] = (y[:8] + 1) % 3
    >>> c = check_calibration(raw, y, [f"s{i}" for i in range(40)], seed=0)
    >>> c["ece_heldout_calibrated"] < c["ece_uncalibrated"]
    True
    """
    from farmguard.serving.calibration import IDENTITY, apply_calibration, fit_temperature

    uniq = sorted(set(groups))
    if len(uniq) < 4 or len(y) < 20:
        return {"checked": False, "why": "too few validation stories to cross-fit"}
    rng = np.random.default_rng(seed)
    half_of = dict(zip(uniq, rng.permutation(len(uniq)) % 2))
    half = np.array([half_of[g] for g in groups])
    proba = np.zeros_like(raw, dtype=np.float64)
    temps = []
    for h in (0, 1):
        fit_rows, test_rows = half != h, half == h
        if not fit_rows.any() or not test_rows.any():
            return {"checked": False, "why": "a half of the validation stories is empty"}
        cal = fit_temperature(raw[fit_rows], y[fit_rows])
        temps.append(round(cal["temperature"], 4))
        proba[test_rows] = apply_calibration(raw[test_rows], cal)
    return {
        "checked": True,
        "ece_uncalibrated": expected_calibration_error(y, apply_calibration(raw, IDENTITY)),
        "ece_heldout_calibrated": expected_calibration_error(y, proba),
        "fold_temperatures": temps,
    }


def _slices(ds: LabelledSet, idx: np.ndarray, proba: np.ndarray, by: Sequence[str]) -> dict[str, dict[str, Any]]:
    sub = ds.subset(idx)
    return {name: slice_reports(sub.y, proba, LABELS, sub.attribute(name)) for name in by}


def fit_booster(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_valid: np.ndarray,
    y_valid: np.ndarray,
    config: TrainConfig,
    names: list[str],
) -> Any:
    """Train the LightGBM booster with class weights and early stopping on the validation rows."""
    import lightgbm as lgb

    params = lightgbm_params(config)
    w_train = class_weights(y_train, config.weights.class_weight)
    w_valid = class_weights(y_valid, config.weights.class_weight)
    dtrain = lgb.Dataset(X_train, label=y_train, weight=w_train, feature_name=names, free_raw_data=True)
    dvalid = lgb.Dataset(X_valid, label=y_valid, weight=w_valid, reference=dtrain, free_raw_data=True)
    return lgb.train(
        params,
        dtrain,
        num_boost_round=config.model.num_boost_round,
        valid_sets=[dvalid],
        valid_names=["valid"],
        callbacks=[lgb.early_stopping(config.model.early_stopping_rounds, verbose=False)],
    )


def train(
    ds: LabelledSet,
    config: TrainConfig,
    X: np.ndarray | None = None,
    cache_dir: str | None = "",
    n_jobs: int = -1,
    progress: Progress | None = None,
    slices: Sequence[str] = SLICES,
) -> TrainResult:
    """Train a bundle on ``ds``; ``X`` are its feature rows when already extracted.

    ``cache_dir`` ``""`` means the config's cache folder, ``None`` no cache. ``progress`` receives
    one-line status messages (the CLI prints them on stderr).
    """
    say = progress or _quiet
    names = feature_names()
    if not names:
        raise ValueError("the feature schema is empty: no signal is registered")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if X is None:
        folder = config.features.cache_dir if cache_dir == "" else cache_dir
        cache = FeatureCache(folder, n_jobs=n_jobs, max_chars=config.features.max_chars)
        X = cache.matrix(ds.articles, progress=say)
    timings["features"] = round(time.perf_counter() - t0, 3)
    if X.shape != (len(ds), len(names)):
        raise ValueError(f"feature matrix has shape {X.shape}, expected {(len(ds), len(names))}")

    split = grouped_split(ds.y, ds.groups, ds.split, config.split.valid_fraction, config.split.seed,
                          config.split.use_split_field)
    if len(split.train) == 0 or len(split.valid) == 0:
        raise ValueError(f"cannot train: split sizes {split.sizes()}")
    missing = [LABELS[k] for k in range(len(LABELS)) if not (ds.y[split.train] == k).any()]
    if missing:
        raise ValueError(f"cannot train: no training example of {', '.join(missing)}")
    say(f"split ({split.method}): {split.sizes()['train']:,} train, {split.sizes()['valid']:,} valid, "
        f"{split.sizes()['test']:,} test rows held out")

    t1 = time.perf_counter()
    booster = fit_booster(X[split.train], ds.y[split.train], X[split.valid], ds.y[split.valid], config, names)
    best = int(booster.best_iteration or booster.current_iteration())
    timings["train"] = round(time.perf_counter() - t1, 3)
    say(f"trained {best} rounds in {timings['train']:.1f} s")

    from farmguard.serving.calibration import fit_temperature

    threads = config.model.num_threads
    raw_valid = booster.predict(X[split.valid], raw_score=True, num_iteration=best, num_threads=threads)
    y_valid = ds.y[split.valid]
    calibration = fit_temperature(raw_valid, y_valid)
    cal_check = check_calibration(raw_valid, y_valid, [ds.groups[i] for i in split.valid], config.split.seed)
    bundle_calibration = {"method": calibration["method"], "temperature": calibration["temperature"]}

    import lightgbm as lgb

    early = lgb.Booster(model_str=booster.model_to_string(num_iteration=best))
    valid_proba = calibrated_proba(early, X[split.valid], bundle_calibration, threads)
    review = choose_review_thresholds(y_valid, valid_proba, config.review.target_accuracy,
                                      config.review.max_review_fraction)
    valid_report = classification_report(y_valid, valid_proba, LABELS)
    valid_slices = _slices(ds, split.valid, valid_proba, slices)

    if config.model.refit_on_valid:
        t2 = time.perf_counter()
        rows = np.concatenate([split.train, split.valid])
        refit = lgb.train(lightgbm_params(config),
                          lgb.Dataset(X[rows], label=ds.y[rows], weight=class_weights(ds.y[rows], config.weights.class_weight),
                                      feature_name=names),
                          num_boost_round=best)
        model_string = refit.model_to_string()
        timings["refit"] = round(time.perf_counter() - t2, 3)
        say(f"refit on train + valid ({len(rows):,} rows, {best} rounds) in {timings['refit']:.1f} s")
    else:
        model_string = booster.model_to_string(num_iteration=best)
    final = lgb.Booster(model_str=model_string)  # exactly what the bundle holds

    test_report = None
    test_slices: dict[str, dict[str, Any]] = {}
    test_y = test_proba = None
    if len(split.test):
        test_proba = calibrated_proba(final, X[split.test], bundle_calibration, threads)
        test_y = ds.y[split.test]
        test_report = classification_report(test_y, test_proba, LABELS)
        test_slices = _slices(ds, split.test, test_proba, slices)

    gains = final.feature_importance(importance_type="gain")
    importance = {n: round(float(g), 4) for n, g in zip(names, gains)}
    counts = ds.counts()
    fingerprint = ds.fingerprint()
    timings["total"] = round(time.perf_counter() - t0, 3)
    payload = {
        "format": "farmguard-bundle",
        "format_version": 1,
        "farmguard_version": __version__,
        "schema_name": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "feature_names": names,
        "labels": list(LABELS),
        "model": model_string,
        "calibration": bundle_calibration,
        "review": {"min_top_probability": review["min_top_probability"], "min_margin": review["min_margin"]},
        "training": {
            "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "data_source": ds.source,
            "data_fingerprint": fingerprint,
            "counts": counts,
            "split": {"method": split.method, **split.sizes(), "shared_stories": split.shared_stories},
            "config": config.to_dict(),
            "best_iteration": best,
            "refit_on_valid": config.model.refit_on_valid,
            "note": ("valid metrics, calibration and review thresholds come from the early-stopped model's "
                     "validation predictions; the bundle's booster was then refit on train + valid"
                     if config.model.refit_on_valid else "the bundle's booster is the early-stopped model"),
            "calibration": {k: v for k, v in calibration.items() if k != "method"},
            "calibration_check": cal_check,
            "review": review,
            "metrics": {
                "valid": {k: valid_report[k] for k in ("n", "accuracy", "macro_f1", "fpr_original", "brier", "ece")},
                **({"test": {k: test_report[k] for k in ("n", "accuracy", "macro_f1", "fpr_original", "brier", "ece")}}
                   if test_report else {}),
            },
            "timings_seconds": timings,
        },
    }
    return TrainResult(
        payload=payload,
        booster=final,
        split=split,
        feature_names=names,
        calibration=calibration,
        calibration_check=cal_check,
        review=review,
        valid_report=valid_report,
        valid_slices=valid_slices,
        test_report=test_report,
        test_slices=test_slices,
        importance_gain=importance,
        best_iteration=best,
        timings=timings,
        valid_y=y_valid,
        valid_proba=valid_proba,
        test_y=test_y,
        test_proba=test_proba,
        counts=counts,
        fingerprint=fingerprint,
    )
