"""Model effect of the translation family's distributional MT measures: LightGBM with and without them.

Features of the benchmark corpus come from the training FeatureCache (``.farmguard-cache``); the model is
trained on split == "train" (validation: 20% of train stories, early stopping), evaluated on split == "test":
macro-F1 overall and on the MT slice (records whose families include ``mt:*``), with recall of `scraped`
on that slice.

    /work/venv/bin/python experiments/mt_signal_effect.py --corpus /work/corpus/benchmark.jsonl
"""

from __future__ import annotations

import argparse
import json
import zlib

import lightgbm as lgb
import numpy as np
from sklearn.metrics import f1_score

from farmguard.article import LABELS, Article
from farmguard.features import feature_names
from farmguard.training.features_cache import FeatureCache

NEW_SIGNALS = (
    "translation.function_word_distance",
    "translation.typographic_share",
    "translation.ascii_punct_rate",
    "translation.typographic_punct_rate",
    "translation.spaced_percent_share",
    "translation.native_spacing_share",
    "translation.no_break_space_rate",
)


def train_eval(X, y, train, valid, test, mt, threads: int) -> dict[str, float]:
    params = {"objective": "multiclass", "num_class": 3, "learning_rate": 0.05, "num_leaves": 31,
              "min_data_in_leaf": 20, "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1,
              "lambda_l2": 1.0, "num_threads": threads, "seed": 13, "verbose": -1}
    counts = np.bincount(y[train], minlength=3)
    w = (len(y[train]) / (3 * counts))[y]
    booster = lgb.train(params, lgb.Dataset(X[train], y[train], weight=w[train]), 1500,
                        valid_sets=[lgb.Dataset(X[valid], y[valid], weight=w[valid])],
                        callbacks=[lgb.early_stopping(50, verbose=False)])
    pred = booster.predict(X[test], num_iteration=booster.best_iteration).argmax(1)
    yt = y[test]
    on_mt = mt[test]
    return {
        "rounds": booster.best_iteration,
        "test_macro_f1": round(f1_score(yt, pred, average="macro"), 4),
        "mt_slice_n": int(on_mt.sum()),
        "mt_slice_scraped_recall": round(float((pred[on_mt] == LABELS.index("scraped")).mean()), 4),
        "mt_to_original": int((pred[on_mt] == LABELS.index("original")).sum()),
        "original_test_f1": round(f1_score(yt, pred, labels=[0], average="macro"), 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/corpus/benchmark.jsonl")
    ap.add_argument("--cache", default=".farmguard-cache")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    records = [json.loads(line) for line in open(args.corpus, encoding="utf-8")]
    articles = [Article.from_mapping({k: r.get(k) for k in ("text", "title", "url", "lang", "id")}) for r in records]
    X = FeatureCache(args.cache, n_jobs=args.jobs).matrix(articles)
    y = np.array([LABELS.index(r["label"]) for r in records])
    split = np.array([r["split"] for r in records])
    story_valid = np.array([zlib.crc32(r["story_id"].encode()) % 5 == 0 for r in records])
    train = (split == "train") & ~story_valid
    valid = (split == "train") & story_valid
    test = split == "test"
    mt = np.array([any(f.startswith("mt:") for f in r["families"]) for r in records])
    names = feature_names()
    keep = [i for i, n in enumerate(names) if n not in NEW_SIGNALS]
    print("without", json.dumps(train_eval(X[:, keep], y, train, valid, test, mt, args.threads)))
    print("with   ", json.dumps(train_eval(X, y, train, valid, test, mt, args.threads)))


if __name__ == "__main__":
    main()
