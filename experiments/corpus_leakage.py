"""Leakage report of a farmguard corpus: can trivial features or one template family predict the label?

Trains LightGBM (num_threads=2) on the corpus's ``train`` split and reports test macro-F1 for
(a) trivial features only (text length in characters and words, language one-hot), (b) the credit
family's signals only, (c) all signals, (d) all signals minus the credit family. (a) should be near
chance (~0.33 for three balanced labels) and (b) well below (c).

Usage (from the repo root)::

    /work/venv/bin/python experiments/corpus_leakage.py /work/corpus/benchmark.jsonl [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N records (0 = all)")
    parser.add_argument("--slices", action="store_true", help="also print the all-signals model's accuracy per family and difficulty")
    args = parser.parse_args()

    import lightgbm as lgb
    from sklearn.metrics import f1_score

    from farmguard.article import LABELS, Article
    from farmguard.features.vector import extract_many, feature_names

    with args.corpus.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    if args.limit:
        rows = rows[: args.limit]
    started = time.monotonic()
    X = extract_many([Article.from_mapping(r) for r in rows], n_jobs=2)
    print(f"{len(rows)} records, {X.shape[1]} signals extracted in {time.monotonic() - started:.1f}s")
    y = np.array([LABELS.index(r["label"]) for r in rows])
    train = np.array([r["split"] == "train" for r in rows])
    names = feature_names()
    langs = sorted({r["lang"] for r in rows})
    trivial = np.hstack(
        [
            np.array([[len(r["text"]), len(r["text"].split())] for r in rows], dtype=np.float32),
            np.array([[r["lang"] == lang for lang in langs] for r in rows], dtype=np.float32),
        ]
    )
    credit = [i for i, n in enumerate(names) if n.startswith("credit.")]
    no_credit = [i for i, n in enumerate(names) if not n.startswith("credit.")]

    predictions: dict[str, np.ndarray] = {}

    def macro_f1(matrix: np.ndarray, name: str = "") -> float:
        model = lgb.LGBMClassifier(n_estimators=300, learning_rate=0.05, num_leaves=31, num_threads=2, verbose=-1)
        model.fit(matrix[train], y[train])
        predictions[name] = model.predict(matrix[~train])
        return float(f1_score(y[~train], predictions[name], average="macro"))

    print(f"train {int(train.sum())} / test {int((~train).sum())} records")
    for name, matrix in (
        ("trivial (length + language)", trivial),
        ("credit signals only", X[:, credit]),
        ("all signals", X),
        ("all signals except credit", X[:, no_credit]),
    ):
        print(f"{name:<30} test macro-F1 {macro_f1(matrix, name):.3f}")
    if args.slices:
        test_rows = [r for r, t in zip(rows, train) if not t]
        correct = predictions["all signals"] == y[~train]
        slices: dict[str, list[bool]] = {}
        for r, ok in zip(test_rows, correct):
            for key in [f"difficulty={r['difficulty']}", f"label={r['label']}", *r["families"]]:
                slices.setdefault(key, []).append(bool(ok))
        print("\nall-signals accuracy per slice of the test split (records carrying the family):")
        for key in sorted(slices, key=lambda k: (np.mean(slices[k]), k)):
            if len(slices[key]) >= 20:
                print(f"  {key:<34} {np.mean(slices[key]):.3f}  (n={len(slices[key])})")


if __name__ == "__main__":
    main()
