"""Calibration: turn LightGBM's raw multiclass scores into calibrated probabilities.

The model bundle stores a calibration as a plain dict; the only method so far is
temperature scaling (Guo et al., 2017): probabilities are ``softmax(raw / T)`` with one
scalar ``T > 0`` fitted on held-out data by minimising the negative log-likelihood.
``T > 1`` softens an over-confident model, ``T < 1`` sharpens an under-confident one;
the arg-max (the predicted label) never changes.

>>> import numpy as np
>>> raw = np.array([[4.0, 0.0, -4.0], [0.0, 3.0, 0.0], [-2.0, 0.0, 2.5], [5.0, 0.0, 0.0]])
>>> y = np.array([0, 1, 2, 1])  # the last row is confidently wrong: the model is over-confident
>>> cal = fit_temperature(raw, y)
>>> cal["method"], cal["temperature"] > 1.0
('temperature', True)
>>> apply_calibration(raw, cal).sum(axis=1).round(6).tolist()
[1.0, 1.0, 1.0, 1.0]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

METHOD_TEMPERATURE = "temperature"
IDENTITY: dict[str, Any] = {"method": METHOD_TEMPERATURE, "temperature": 1.0}
"""The calibration that leaves LightGBM's own softmax unchanged."""

# Search range for log(T): T in [e^-4, e^4] ~ [0.018, 54.6], far beyond what a sane model needs.
_LOG_T_BOUNDS = (-4.0, 4.0)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _nll(raw: np.ndarray, y: np.ndarray, temperature: float) -> float:
    """Mean negative log-likelihood of labels ``y`` under ``softmax(raw / temperature)``."""
    z = raw / temperature
    z = z - z.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(z).sum(axis=1))
    return float(np.mean(log_norm - z[np.arange(len(y)), y]))


def fit_temperature(raw_scores: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Fit the temperature that minimises held-out NLL; return the bundle's calibration dict.

    ``raw_scores``: ``(n, n_classes)`` LightGBM ``predict(X, raw_score=True)`` on held-out rows;
    ``y``: ``(n,)`` integer class indices in the same label order. Also records the NLL before
    and after, so a training report can show what calibration did.

    >>> import numpy as np
    >>> over_confident = np.array([[9.0, 0.0, 0.0], [9.0, 0.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 9.0]])
    >>> cal = fit_temperature(over_confident, np.array([0, 1, 1, 2]))
    >>> cal["temperature"] > 2.0 and cal["nll_after"] < cal["nll_before"]
    True
    """
    raw = np.asarray(raw_scores, dtype=np.float64)
    labels = np.asarray(y, dtype=np.int64).ravel()
    if raw.ndim != 2 or raw.shape[0] != labels.shape[0]:
        raise ValueError(f"raw_scores must be (n, n_classes) with n = len(y); got {raw.shape} and {labels.shape}")
    if raw.shape[0] == 0:
        raise ValueError("cannot fit a temperature on zero rows")
    if labels.min() < 0 or labels.max() >= raw.shape[1]:
        raise ValueError(f"labels must be class indices in [0, {raw.shape[1]})")
    if not np.isfinite(raw).all():
        raise ValueError("raw_scores contain NaN or infinite values")

    from scipy.optimize import minimize_scalar  # training-time only; keeps the predict path light

    result = minimize_scalar(
        lambda log_t: _nll(raw, labels, math.exp(log_t)),
        bounds=_LOG_T_BOUNDS,
        method="bounded",
        options={"xatol": 1e-4},
    )
    temperature = float(math.exp(result.x))
    return {
        "method": METHOD_TEMPERATURE,
        "temperature": temperature,
        "nll_before": _nll(raw, labels, 1.0),
        "nll_after": _nll(raw, labels, temperature),
        "n": int(raw.shape[0]),
    }


def validate_calibration(calibration: Any) -> None:
    """Raise ``ValueError`` unless ``calibration`` is a calibration dict this version can apply.

    >>> validate_calibration({"method": "temperature", "temperature": 1.3})
    >>> validate_calibration({"method": "isotonic"})
    Traceback (most recent call last):
    ...
    ValueError: unsupported calibration method 'isotonic'
    """
    if not isinstance(calibration, dict):
        raise ValueError(f"calibration must be a dict, got {type(calibration).__name__}")
    method = calibration.get("method")
    if method != METHOD_TEMPERATURE:
        raise ValueError(f"unsupported calibration method {method!r}")
    t = calibration.get("temperature")
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t <= 0:
        raise ValueError(f"calibration temperature must be a positive number, got {t!r}")


def apply_calibration(raw_scores: np.ndarray, calibration: dict[str, Any]) -> np.ndarray:
    """Calibrated probabilities ``softmax(raw / T)``, shape ``(n, n_classes)``; each row sums to 1.

    A single row (1-D input) is treated as one article.

    >>> import numpy as np
    >>> apply_calibration(np.array([2.0, 0.0, 0.0]), {"method": "temperature", "temperature": 2.0}).round(3)
    array([[0.576, 0.212, 0.212]])
    """
    validate_calibration(calibration)
    raw = np.array(raw_scores, dtype=np.float64, ndmin=2)
    return _softmax(raw / float(calibration["temperature"]))
