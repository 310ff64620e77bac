"""Choosing the bundle's review thresholds on validation predictions.

A prediction ``needs_review`` when its top probability is under ``min_top_probability``
or the top two labels are closer than ``min_margin`` (design.md §2). The thresholds are
the pair, on a fixed grid, that sends the fewest validation articles to review while the
articles *not* sent are at least ``target_accuracy`` accurate, never reviewing more than
``max_review_fraction``. When no pair reaches the target, the most accurate pair within
the review budget is taken (and ``target_met`` says so).

>>> import numpy as np
>>> y = np.array([0, 1, 2, 1])
>>> p = np.array([[.9, .05, .05], [.1, .85, .05], [.05, .05, .9], [.45, .4, .15]])
>>> t = choose_review_thresholds(y, p, target_accuracy=1.0, max_review_fraction=0.5)
>>> t["target_met"], t["review_fraction"], t["accuracy_kept"]
(True, 0.25, 1.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np

TOP_GRID = np.round(np.arange(0.34, 1.0, 0.01), 2)
MARGIN_GRID = np.round(np.arange(0.0, 0.51, 0.02), 2)


def choose_review_thresholds(
    y: np.ndarray, proba: np.ndarray, target_accuracy: float, max_review_fraction: float
) -> dict[str, Any]:
    """Return ``min_top_probability``, ``min_margin`` and what they do on these rows.

    Extra keys: ``review_fraction`` (share sent to review), ``accuracy_kept`` (accuracy of the
    rest), ``target_met``.
    """
    y = np.asarray(y, dtype=np.int64)
    proba = np.asarray(proba, dtype=np.float64)
    if len(y) == 0:
        return {"min_top_probability": 0.5, "min_margin": 0.1, "review_fraction": 0.0,
                "accuracy_kept": 0.0, "target_met": False}
    ordered = np.sort(proba, axis=1)
    top, margin = ordered[:, -1], ordered[:, -1] - ordered[:, -2]
    correct = proba.argmax(axis=1) == y
    # review[t, m, row]
    low_top = top[None, :] < TOP_GRID[:, None]
    low_margin = margin[None, :] < MARGIN_GRID[:, None]
    review = low_top[:, None, :] | low_margin[None, :, :]
    n_review = review.sum(axis=2)
    kept = len(y) - n_review
    kept_correct = (~review & correct[None, None, :]).sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        acc = np.where(kept > 0, kept_correct / np.maximum(kept, 1), 0.0)
    rate = n_review / len(y)
    within = rate <= max_review_fraction + 1e-12
    feasible = within & (acc >= target_accuracy - 1e-12)
    if feasible.any():
        # fewest reviews, then highest accuracy, then the lowest thresholds
        score = np.where(feasible, -rate * 1e6 + acc, -np.inf)
        met = True
    else:
        score = np.where(within, acc * 1e6 - rate, -np.inf)
        met = False
    i, j = np.unravel_index(int(np.argmax(score)), score.shape)
    return {
        "min_top_probability": float(TOP_GRID[i]),
        "min_margin": float(MARGIN_GRID[j]),
        "review_fraction": round(float(rate[i, j]), 4),
        "accuracy_kept": round(float(acc[i, j]), 4),
        "target_met": bool(met),
    }
