"""Train / validation / test splits grouped by ``story_id`` (design.md §5–6).

Every version of one source story (its translations, its syndicated and scraped
copies) shares a ``story_id``; a split that put the original in training and its
scraped copy in validation would measure memory, not skill. So:

- records whose ``split`` field says ``test`` are never trained on;
- records that say ``valid``/``validation``/``dev`` form the validation split;
- when no record says so, the validation split is drawn from the training stories with
  scikit-learn's ``StratifiedGroupKFold`` (whole stories, label shares kept), one fold of
  ``round(1 / valid_fraction)``.

>>> import numpy as np
>>> y = np.array([0, 1, 2] * 20)
>>> groups = [f"s{i // 3}" for i in range(60)]
>>> s = grouped_split(y, groups, [None] * 60, valid_fraction=0.25, seed=1)
>>> len(s.train) + len(s.valid) == 60, len(s.test)
(True, 0)
>>> set(groups[i] for i in s.train).isdisjoint(groups[i] for i in s.valid)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .dataset import TEST_NAME, VALID_NAMES


@dataclass(frozen=True)
class Split:
    """Row indices of each part, and how the validation part was made."""

    train: np.ndarray
    valid: np.ndarray
    test: np.ndarray
    method: str
    """``split-field`` (the records' own split) or ``grouped-kfold`` (drawn from the training stories)."""
    shared_stories: int = 0
    """Stories present in both train and validation (0 unless the records' own split field mixes them)."""

    def sizes(self) -> dict[str, int]:
        return {"train": int(len(self.train)), "valid": int(len(self.valid)), "test": int(len(self.test))}


def draw_valid(y: np.ndarray, groups: Sequence[str], candidates: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """Indices (a subset of ``candidates``) of whole stories forming about ``fraction`` of them, label-stratified.

    >>> y = np.array([0, 0, 1, 1, 2, 2, 0, 1])
    >>> v = draw_valid(y, list("aabbccdd"), np.arange(8), 0.5, seed=0)
    >>> sorted(set("aabbccdd"[i] for i in v)) in (['a', 'b'], ['a', 'c'], ['a', 'd'], ['b', 'c'], ['b', 'd'], ['c', 'd'])
    True
    """
    from sklearn.model_selection import StratifiedGroupKFold

    cand = np.asarray(candidates, dtype=np.int64)
    g = np.array([groups[i] for i in cand])
    n_groups = len(set(g.tolist()))
    n_splits = max(2, min(int(round(1.0 / fraction)), n_groups))
    if n_groups < 2:
        raise ValueError("need at least two stories to hold one out for validation")
    # StratifiedGroupKFold warns when a label has fewer members than folds; that is fine here.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        _, valid_pos = next(folds.split(np.zeros(len(cand)), y[cand], g))
    return np.sort(cand[valid_pos])


def grouped_split(
    y: np.ndarray,
    groups: Sequence[str],
    split_field: Sequence[str | None],
    valid_fraction: float,
    seed: int,
    use_split_field: bool = True,
) -> Split:
    """Split rows into train / valid / test as the module docstring describes."""
    n = len(y)
    names = list(split_field) if use_split_field else [None] * n
    test = np.array([i for i in range(n) if names[i] == TEST_NAME], dtype=np.int64)
    valid = np.array([i for i in range(n) if names[i] in VALID_NAMES], dtype=np.int64)
    rest = np.array([i for i in range(n) if names[i] != TEST_NAME and names[i] not in VALID_NAMES], dtype=np.int64)
    if len(valid):
        method = "split-field"
        train = rest
    else:
        method = "grouped-kfold"
        valid = draw_valid(y, groups, rest, valid_fraction, seed)
        train = np.setdiff1d(rest, valid)
    shared = len({groups[i] for i in train} & {groups[i] for i in valid})
    return Split(train=train, valid=valid, test=test, method=method, shared_stories=shared)
