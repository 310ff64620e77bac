"""The LightGBM model of a bundle: a lean import, and predictions that are safe from many threads.

Two facts shape this module (measured on the 2-core team machine, see README "Benchmarks"):

- ``import lightgbm`` normally takes ~1.2 s because ``lightgbm.compat`` imports scikit-learn
  and pandas (and through them pyarrow) to offer its sklearn and DataFrame wrappers. Serving
  only needs ``Booster`` on numpy arrays, so :func:`import_lightgbm` with ``lean=True`` hides
  those optional packages while lightgbm is imported (~0.2 s). The CLI uses the lean import;
  the Python API imports lightgbm normally unless asked, because hiding sklearn would disable
  ``lightgbm.LGBMClassifier`` for the rest of a user's process.
- ``Booster.predict`` with default threads spends ~8 ms per row spinning up OpenMP on a busy
  machine; with ``num_threads=1`` one row costs ~0.1 ms. Every call here passes ``num_threads``.

Thread safety: LightGBM's C ``Booster::Predict`` takes a shared lock but then calls
``InitPredict``, which writes the boosting object's prediction range and, for
``pred_contrib``, recomputes each tree's max depth: concurrent calls write shared state. So
:class:`SafeBooster` serialises calls with a lock. It costs little: one locked call on a batch
takes well under a millisecond while feature extraction (which runs outside the lock) takes
~1 ms per article.

>>> import numpy as np
>>> lgb = import_lightgbm()
>>> X = np.random.default_rng(0).random((60, 4)); y = np.arange(60) % 3
>>> booster = lgb.train({"objective": "multiclass", "num_class": 3, "num_threads": 1, "verbose": -1,
...                      "min_data_in_leaf": 5}, lgb.Dataset(X, y), num_boost_round=3)
>>> safe = SafeBooster(booster.model_to_string())
>>> safe.raw_scores(X[:2]).shape, safe.contributions(X[:2]).shape
((2, 3), (2, 3, 5))
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType
from typing import Any

import numpy as np

OPTIONAL_HEAVY = ("pandas", "sklearn", "pyarrow", "matplotlib", "dask")
"""Packages lightgbm imports only for optional wrappers; hidden by the lean import."""


def import_lightgbm(lean: bool = False) -> ModuleType:
    """Import lightgbm; with ``lean=True`` do it without importing pandas, scikit-learn or pyarrow.

    The lean import makes ``lightgbm.compat`` believe the optional packages are absent (their
    ``sys.modules`` entries are ``None`` during the import, then removed again, so the caller can
    still import pandas later). Only numpy-array ``Booster`` use is supported afterwards. If
    lightgbm is already imported this returns it unchanged.

    >>> import_lightgbm().Booster.__name__
    'Booster'
    """
    if "lightgbm" in sys.modules or not lean:
        import lightgbm

        return lightgbm
    hidden = [name for name in OPTIONAL_HEAVY if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        import lightgbm
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return lightgbm


class SafeBooster:
    """A LightGBM multiclass ``Booster`` built from a model string, callable from many threads.

    ``raw_scores(X)`` gives ``(n, n_classes)`` raw margins; ``contributions(X)`` gives
    ``(n, n_classes, n_features + 1)`` per-feature contributions to each class's raw score (the
    last column is the bias), from LightGBM's ``pred_contrib`` (TreeSHAP).
    """

    def __init__(self, model_string: str, lean_import: bool = False, num_threads: int = 1) -> None:
        lgb = import_lightgbm(lean=lean_import)
        self._booster: Any = lgb.Booster(model_str=model_string)
        self._lock = threading.Lock()
        self.num_threads = num_threads
        self.num_class: int = int(self._booster.num_model_per_iteration())
        self.num_feature: int = int(self._booster.num_feature())
        self.num_trees: int = int(self._booster.num_trees())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the model string (the lock and the C handle are rebuilt on unpickling)."""
        return (type(self), (self._booster.model_to_string(), False, self.num_threads))

    def raw_scores(self, X: np.ndarray) -> np.ndarray:
        """Raw (uncalibrated) class scores, shape ``(n, n_classes)``."""
        X = np.ascontiguousarray(X, dtype=np.float64)
        with self._lock:
            out = self._booster.predict(X, raw_score=True, num_threads=self.num_threads)
        return np.asarray(out, dtype=np.float64).reshape(X.shape[0], self.num_class)

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature contributions to each class's raw score, shape ``(n, n_classes, n_features + 1)``."""
        X = np.ascontiguousarray(X, dtype=np.float64)
        with self._lock:
            out = self._booster.predict(X, pred_contrib=True, num_threads=self.num_threads)
        return np.asarray(out, dtype=np.float64).reshape(X.shape[0], self.num_class, self.num_feature + 1)
