"""Leakage check of the corpus (issue 4): labels must not be a function of trivial properties.

A LightGBM trained on the train split with only trivial features (length, language) must score
near chance on the test split, and one with only the credit family's signals must stay below the
model on all features (labels are not a function of one template). Needs ../shared.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from farmguard.article import LABELS, Article
from farmguard.training.corpus.builder import build

from .corpus_checks import read_jsonl

pytestmark = [pytest.mark.shared, pytest.mark.slow]
CHANCE_CEILING = 0.45  # three balanced classes: chance macro-F1 is about 0.33


@pytest.fixture(scope="module")
def featurised(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    from farmguard.features.vector import extract_many, feature_names

    out = tmp_path_factory.mktemp("leak") / "corpus.jsonl"
    build(shared_dir / "data", out, seed=13, max_per_lang=21, sources=("ntrex", "wmt", "clusters"))
    rows = read_jsonl(out)
    X = extract_many([Article.from_mapping(r) for r in rows], n_jobs=2)
    y = np.array([LABELS.index(r["label"]) for r in rows])
    train = np.array([r["split"] == "train" for r in rows])
    return rows, X, feature_names(), y, train


def _macro_f1(X: np.ndarray, y: np.ndarray, train: np.ndarray) -> float:
    import lightgbm as lgb
    from sklearn.metrics import f1_score

    model = lgb.LGBMClassifier(n_estimators=200, learning_rate=0.05, num_leaves=31, num_threads=2, verbose=-1)
    model.fit(X[train], y[train])
    return float(f1_score(y[~train], model.predict(X[~train]), average="macro"))


def _trivial(rows: list[dict]) -> np.ndarray:
    langs = sorted({r["lang"] for r in rows})
    length = np.array([[len(r["text"]), len(r["text"].split())] for r in rows], dtype=np.float32)
    onehot = np.array([[r["lang"] == lang for lang in langs] for r in rows], dtype=np.float32)
    return np.hstack([length, onehot])


def test_trivial_features_score_near_chance(featurised) -> None:
    rows, _, _, y, train = featurised
    f1 = _macro_f1(_trivial(rows), y, train)
    print(f"trivial (length + language) macro-F1 on test: {f1:.3f}")
    assert f1 < CHANCE_CEILING


def test_credit_presence_alone_does_not_reach_the_full_model(featurised) -> None:
    _, X, names, y, train = featurised
    credit = [i for i, n in enumerate(names) if n.startswith("credit.")]
    assert credit, "no credit.* signals registered"
    f1_credit = _macro_f1(X[:, credit], y, train)
    f1_full = _macro_f1(X, y, train)
    print(f"credit-only macro-F1 {f1_credit:.3f}; full model macro-F1 {f1_full:.3f}")
    assert f1_full > 0.6, "the full model should learn the labels at all"
    assert f1_credit < f1_full - 0.1
