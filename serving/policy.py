"""Decision policy: from calibrated probabilities to a label and a ``needs_review`` flag.

The model gives calibrated probabilities; what to *do* with them is a policy choice a
moderation team makes. Three policies (``farmguard predict --threshold-policy NAME``):

``default``
    label = the most probable label. ``needs_review`` when the top probability is under the
    bundle's ``review.min_top_probability`` or the top two are closer than ``review.min_margin``.
``strict-original``
    for teams that fear punishing a legitimate publisher most: ``scraped`` is called only when
    its probability is at least ``STRICT_SCRAPED_MIN`` (0.85) *and* the default review rule is
    satisfied. Otherwise the label falls back to the more probable of ``original`` and
    ``syndicated`` and the article is flagged ``needs_review``, so a person decides.
``none``
    label = the most probable label, ``needs_review`` always false (for offline analysis where
    the probabilities are used directly).

>>> import numpy as np
>>> probs = np.array([[0.05, 0.15, 0.80], [0.40, 0.35, 0.25]])
>>> labels = ("original", "syndicated", "scraped")
>>> policy = DecisionPolicy.named("default", {"min_top_probability": 0.6, "min_margin": 0.15})
>>> policy.decide(probs)
(array([2, 0]), array([False,  True]))
>>> DecisionPolicy.named("strict-original", {"min_top_probability": 0.6, "min_margin": 0.15}).decide(probs)
(array([1, 0]), array([ True,  True]))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from farmguard.article import LABELS

POLICY_NAMES: tuple[str, ...] = ("default", "strict-original", "none")
"""The policies ``--threshold-policy`` accepts."""

STRICT_SCRAPED_MIN = 0.85
"""Under ``strict-original``, the least probability at which ``scraped`` is called."""

SCRAPED = LABELS.index("scraped")


@dataclass(frozen=True, slots=True)
class DecisionPolicy:
    """A decision rule over calibrated probabilities in ``LABELS`` order (see the module docstring)."""

    name: str
    min_top_probability: float
    min_margin: float
    scraped_min_probability: float | None = None
    review: bool = True

    @classmethod
    def named(cls, name: str, review: Mapping[str, Any]) -> "DecisionPolicy":
        """The policy called ``name``, with the review thresholds of a bundle (its ``review`` dict).

        >>> DecisionPolicy.named("none", {"min_top_probability": 0.6, "min_margin": 0.1}).review
        False
        """
        top = float(review["min_top_probability"])
        margin = float(review["min_margin"])
        if name == "default":
            return cls(name, top, margin)
        if name == "strict-original":
            return cls(name, top, margin, scraped_min_probability=max(STRICT_SCRAPED_MIN, top))
        if name == "none":
            return cls(name, 0.0, 0.0, review=False)
        raise ValueError(f"unknown threshold policy {name!r} (choose from {', '.join(POLICY_NAMES)})")

    def decide(self, probabilities: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Label indices and ``needs_review`` flags for ``(n, 3)`` probabilities (rows in LABELS order)."""
        probs = np.asarray(probabilities, dtype=np.float64)
        order = np.argsort(-probs, axis=1, kind="stable")
        rows = np.arange(probs.shape[0])
        label = order[:, 0].copy()
        top = probs[rows, order[:, 0]]
        second = probs[rows, order[:, 1]] if probs.shape[1] > 1 else np.zeros_like(top)
        if not self.review:
            return label, np.zeros(probs.shape[0], dtype=bool)
        needs_review = (top < self.min_top_probability) | (top - second < self.min_margin)
        if self.scraped_min_probability is not None:
            demote = (label == SCRAPED) & ((top < self.scraped_min_probability) | needs_review)
            if demote.any():
                others = probs.copy()
                others[:, SCRAPED] = -1.0
                label[demote] = others[demote].argmax(axis=1)
                needs_review = needs_review | demote
        return label, needs_review
