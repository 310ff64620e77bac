"""Evaluation metrics of a three-label classifier with probabilities (design.md §6).

All functions take integer class indices ``y`` (in the order of ``labels``) and a
probability matrix ``proba`` (rows sum to 1). Plain numpy, so evaluation needs no
scikit-learn import.

- macro-F1 and per-class precision / recall / F1 / support;
- false-positive rate on originals: the share of true originals given another label
  (the error users fear most: punishing a legitimate publisher);
- Brier score (multiclass: mean over rows of the summed squared error against one-hot);
- expected calibration error of the top label (equal-width bins);
- the confusion matrix (rows: true label, columns: predicted);
- slices: the same figures per value of a record attribute (language, family, difficulty).

>>> import numpy as np
>>> y = np.array([0, 0, 1, 2])
>>> p = np.array([[.9, .05, .05], [.4, .5, .1], [.1, .8, .1], [.1, .1, .8]])
>>> r = classification_report(y, p, ("original", "syndicated", "scraped"))
>>> r["macro_f1"], r["fpr_original"], r["confusion"]
(0.7778, 0.5, [[1, 1, 0], [0, 1, 0], [0, 0, 1]])
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import numpy as np

ROUND = 4


def _r(x: float) -> float:
    return float(round(float(x), ROUND))


def confusion_matrix(y: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts ``[true, predicted]``.

    >>> confusion_matrix(np.array([0, 1, 1]), np.array([0, 1, 0]), 2).tolist()
    [[1, 0], [1, 1]]
    """
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (np.asarray(y, dtype=np.int64), np.asarray(pred, dtype=np.int64)), 1)
    return cm


def per_class(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall, F1 and support per class from a confusion matrix (0 where undefined)."""
    tp = np.diag(cm).astype(np.float64)
    predicted = cm.sum(axis=0).astype(np.float64)
    support = cm.sum(axis=1).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(support > 0, tp / support, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return precision, recall, f1, support


def macro_f1(y: np.ndarray, pred: np.ndarray, n_classes: int) -> float:
    """Mean F1 over the classes present in ``y`` or in ``pred`` (scikit-learn's convention).

    >>> macro_f1(np.array([0, 1, 2]), np.array([0, 1, 1]), 3)
    0.5556
    """
    cm = confusion_matrix(y, pred, n_classes)
    _, _, f1, _ = per_class(cm)
    present = (cm.sum(axis=0) + cm.sum(axis=1)) > 0
    return _r(f1[present].mean()) if present.any() else 0.0


def brier_score(y: np.ndarray, proba: np.ndarray) -> float:
    """Multiclass Brier score: mean over rows of ``sum_k (p_k - [y == k])^2`` (0 is perfect, 2 the worst).

    >>> brier_score(np.array([0, 1]), np.array([[1.0, 0.0], [0.5, 0.5]]))
    0.25
    """
    onehot = np.zeros_like(proba, dtype=np.float64)
    onehot[np.arange(len(y)), y] = 1.0
    return _r(np.mean(np.sum((proba - onehot) ** 2, axis=1))) if len(y) else 0.0


def calibration_bins(y: np.ndarray, proba: np.ndarray, n_bins: int = 10) -> list[dict[str, float]]:
    """Reliability table of the top label: per equal-width confidence bin, its count, mean confidence, accuracy.

    >>> calibration_bins(np.array([0, 1]), np.array([[0.95, 0.05], [0.95, 0.05]]), n_bins=2)
    [{'lo': 0.75, 'hi': 1.0, 'count': 2, 'confidence': 0.95, 'accuracy': 0.5}]
    """
    if len(y) == 0:
        return []
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y).astype(np.float64)
    lo_edge = 1.0 / proba.shape[1]  # the top label's probability is never below 1/K
    edges = np.linspace(lo_edge, 1.0, n_bins + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="right") - 1, 0, n_bins - 1)
    out = []
    for b in range(n_bins):
        mask = idx == b
        if mask.any():
            out.append(
                {
                    "lo": _r(edges[b]),
                    "hi": _r(edges[b + 1]),
                    "count": int(mask.sum()),
                    "confidence": _r(conf[mask].mean()),
                    "accuracy": _r(correct[mask].mean()),
                }
            )
    return out


def expected_calibration_error(y: np.ndarray, proba: np.ndarray, n_bins: int = 10) -> float:
    """Top-label ECE: sum over bins of ``(count / n) * |accuracy - confidence|``.

    >>> expected_calibration_error(np.array([0, 1]), np.array([[0.95, 0.05], [0.95, 0.05]]), n_bins=2)
    0.45
    """
    bins = calibration_bins(y, proba, n_bins)
    n = len(y)
    return _r(sum(b["count"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins)) if n else 0.0


def classification_report(
    y: np.ndarray, proba: np.ndarray, labels: Sequence[str], n_bins: int = 10
) -> dict[str, Any]:
    """Every figure of design.md §6 for one set of predictions, as plain data.

    Keys: ``n``, ``accuracy``, ``macro_f1``, ``per_class`` (label -> precision/recall/f1/support),
    ``fpr_original``, ``brier``, ``ece``, ``confusion`` (rows true, columns predicted),
    ``calibration`` (reliability bins).
    """
    y = np.asarray(y, dtype=np.int64)
    proba = np.asarray(proba, dtype=np.float64)
    k = len(labels)
    pred = proba.argmax(axis=1) if len(y) else np.zeros(0, np.int64)
    cm = confusion_matrix(y, pred, k)
    precision, recall, f1, support = per_class(cm)
    orig = labels.index("original") if "original" in labels else 0
    n_orig = cm[orig].sum()
    return {
        "n": int(len(y)),
        "accuracy": _r((pred == y).mean()) if len(y) else 0.0,
        "macro_f1": macro_f1(y, pred, k),
        "per_class": {
            label: {
                "precision": _r(precision[i]),
                "recall": _r(recall[i]),
                "f1": _r(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "fpr_original": _r((n_orig - cm[orig, orig]) / n_orig) if n_orig else 0.0,
        "brier": brier_score(y, proba),
        "ece": expected_calibration_error(y, proba, n_bins),
        "confusion": cm.tolist(),
        "calibration": calibration_bins(y, proba, n_bins),
    }


def slice_reports(
    y: np.ndarray,
    proba: np.ndarray,
    labels: Sequence[str],
    values: Sequence[str | Iterable[str] | None],
    min_count: int = 1,
) -> dict[str, dict[str, Any]]:
    """Per slice value: ``n``, ``accuracy``, ``macro_f1``, ``fpr_original``, ``brier``, ``ece`` and counts per label.

    ``values[i]`` is row i's value for the attribute: a string, or several strings (a record of
    several corpus families counts in each of them), or ``None`` (counted under ``"none"``).

    >>> y = np.array([0, 2, 2])
    >>> p = np.array([[.8, .1, .1], [.1, .1, .8], [.6, .2, .2]])
    >>> s = slice_reports(y, p, ("original", "syndicated", "scraped"), ["en", "id", ["id", "x"]])
    >>> s["id"]["n"], s["id"]["accuracy"], s["x"]["macro_f1"]
    (2, 0.5, 0.0)
    """
    y = np.asarray(y, dtype=np.int64)
    proba = np.asarray(proba, dtype=np.float64)
    members: dict[str, list[int]] = {}
    for i, value in enumerate(values):
        if value is None or value == "":
            keys: Iterable[str] = ("none",)
        elif isinstance(value, str):
            keys = (value,)
        else:
            keys = tuple(value) or ("none",)
        for key in keys:
            members.setdefault(str(key), []).append(i)
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(members):
        idx = np.array(members[key], dtype=np.int64)
        if len(idx) < min_count:
            continue
        rep = classification_report(y[idx], proba[idx], labels)
        out[key] = {
            "n": rep["n"],
            "accuracy": rep["accuracy"],
            "macro_f1": rep["macro_f1"],
            "fpr_original": rep["fpr_original"],
            "brier": rep["brier"],
            "ece": rep["ece"],
            "counts": {label: rep["per_class"][label]["support"] for label in labels},
        }
    return out


def flat_metrics(report: Mapping[str, Any], prefix: str = "") -> dict[str, float]:
    """The scalar figures of a :func:`classification_report` as ``name -> float`` (MLflow metric form).

    >>> flat_metrics({"accuracy": 0.5, "macro_f1": 0.4, "per_class": {"scraped": {"f1": 0.3}}}, "test_")
    {'test_accuracy': 0.5, 'test_macro_f1': 0.4, 'test_scraped_f1': 0.3}
    """
    out: dict[str, float] = {}
    for key in ("n", "accuracy", "macro_f1", "fpr_original", "brier", "ece"):
        if key in report:
            out[f"{prefix}{key}"] = float(report[key])
    for label, figures in report.get("per_class", {}).items():
        for name, value in figures.items():
            if name != "support":
                out[f"{prefix}{label}_{name}"] = float(value)
    return out
