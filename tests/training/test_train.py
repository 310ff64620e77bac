"""`farmguard train` and the trainer: real training on the embedded demo corpus, real bundles."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from farmguard.article import LABELS, Article
from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION, feature_names
from farmguard.serving.bundle import load_bundle
from farmguard.serving.classifier import Classifier
from farmguard.training.config import TrainConfig, config_from_mapping
from farmguard.training.dataset import LabelledSet, load_labelled
from farmguard.training.features_cache import FeatureCache
from farmguard.training.splits import grouped_split
from farmguard.training.trainer import class_weights, train

from .conftest import TrainedRun, run_cli


def test_demo_training_writes_a_bundle_the_serving_loader_accepts(demo_run: TrainedRun) -> None:
    payload = load_bundle(demo_run.bundle, expected_schema=(SCHEMA_NAME, SCHEMA_VERSION))
    assert payload["labels"] == list(LABELS)
    assert payload["feature_names"] == feature_names()
    assert payload["calibration"]["method"] == "temperature" and payload["calibration"]["temperature"] > 0
    assert 0.0 <= payload["review"]["min_top_probability"] <= 1.0
    assert 0.0 <= payload["review"]["min_margin"] <= 1.0
    meta = payload["training"]
    assert len(meta["data_fingerprint"]) == 16
    assert meta["counts"]["n"] == sum(meta["counts"]["by_label"].values())
    assert all(meta["counts"]["by_label"][label] > 0 for label in LABELS)
    assert meta["config"]["model"]["num_threads"] == TrainConfig().model.num_threads
    assert 1 <= meta["best_iteration"] <= TrainConfig().model.num_boost_round
    assert demo_run.bundle.stat().st_size < 5_000_000


def test_demo_model_predicts_held_out_demo_articles(demo_run: TrainedRun, demo_corpus: Path) -> None:
    payload = load_bundle(demo_run.bundle)
    valid = payload["training"]["metrics"]["valid"]
    assert valid["macro_f1"] >= 0.75, valid  # three balanced labels: chance is ~0.33
    ds = load_labelled(demo_corpus)
    held_out = [i for i, s in enumerate(ds.split) if s in ("test", "valid")] or list(range(len(ds)))
    clf = Classifier.load(demo_run.bundle)
    preds = [p.label for p in clf.predict_many(ds.articles[i] for i in held_out)]
    accuracy = np.mean([p == LABELS[ds.y[i]] for p, i in zip(preds, held_out)])
    assert accuracy >= 0.75


def test_summary_on_stdout_and_progress_on_stderr(demo_run: TrainedRun) -> None:
    assert "validation   macro-F1" in demo_run.stdout
    assert "time " in demo_run.stdout
    assert "farmguard train: reading" in demo_run.stderr
    assert "farmguard train:" not in demo_run.stdout


def _write_jsonl(path: Path, rows: list[object]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
            fh.write("\n")
    return path


def _small_rows(demo_corpus: Path, n: int = 240) -> list[dict]:
    rows = [json.loads(line) for line in demo_corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_label: dict[str, list[dict]] = {label: [] for label in LABELS}
    for row in rows:
        by_label[row["label"]].append(row)
    out = []
    for label in LABELS:
        out.extend(by_label[label][: n // 3])
    return out


def test_bad_records_are_reported_and_skipped(tmp_path: Path, demo_corpus: Path) -> None:
    rows: list[object] = _small_rows(demo_corpus)
    rows.insert(3, "{not json")
    rows.insert(7, {"text": "An article without a label."})
    rows.insert(9, {"text": "Wrong label.", "label": "spam"})
    data = _write_jsonl(tmp_path / "mixed.jsonl", rows)
    code, out, err = run_cli(["train", str(data), "--out", str(tmp_path / "m.joblib"), "--no-track", "--jobs", "1"],
                             cwd=tmp_path)
    assert code == 0, err
    assert "mixed.jsonl: line 4: malformed JSON" in err
    assert "mixed.jsonl: line 8: no 'label'" in err
    assert "mixed.jsonl: line 10: unknown label 'spam'" in err
    assert "3 bad records skipped" in err
    assert load_bundle(tmp_path / "m.joblib")["training"]["counts"]["bad_records_skipped"] == 3
    assert not (tmp_path / "mlflow.db").exists()  # --no-track


@pytest.mark.parametrize(
    "args, message",
    [
        (["train", "missing.jsonl", "--out", "m.joblib", "--no-track"], "missing.jsonl"),
        (["train", "data.jsonl", "--demo", "--out", "m.joblib", "--no-track"], "give DATA or --demo, not both"),
        (["train", "data.jsonl", "--out", "m.joblib", "--no-track", "--config", "bad.toml"], "bad.toml: unknown key"),
        (["train", "data.jsonl", "--out", "m.joblib", "--no-track"], "no training example of scraped"),
    ],
)
def test_user_errors_are_one_line_and_exit_1(tmp_path: Path, args: list[str], message: str) -> None:
    _write_jsonl(tmp_path / "data.jsonl", [{"text": f"Story {i}.", "label": LABELS[i % 2], "story_id": f"s{i}"}
                                           for i in range(40)])
    (tmp_path / "bad.toml").write_text("[model]\nnum_leafs = 3\n", encoding="utf-8")
    code, out, err = run_cli(args, cwd=tmp_path)
    assert code == 1
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()[-1]) < 300


def test_test_split_is_never_trained_on_and_stories_do_not_cross(demo_corpus: Path) -> None:
    ds = load_labelled(demo_corpus)
    rows = list(range(len(ds)))
    marked = ["test" if i % 5 == 0 else None for i in rows]
    split = grouped_split(ds.y, ds.groups, marked, valid_fraction=0.2, seed=3)
    assert set(split.test.tolist()) == {i for i in rows if i % 5 == 0}
    assert not set(split.train.tolist()) & set(split.test.tolist())
    train_stories = {ds.groups[i] for i in split.train}
    assert train_stories.isdisjoint(ds.groups[i] for i in split.valid)
    assert split.method == "grouped-kfold" and split.shared_stories == 0


def test_trainer_reports_test_metrics_and_cache_is_reused(tmp_path: Path, demo_corpus: Path) -> None:
    ds = load_labelled(demo_corpus)
    cache = FeatureCache(tmp_path / "cache", n_jobs=1)
    X = cache.matrix(ds.articles)
    assert cache.last_extracted > 0
    X2 = cache.matrix(ds.articles)
    assert cache.last_extracted == 0 and cache.last_cached == len(ds)
    np.testing.assert_array_equal(np.nan_to_num(X, nan=-7.0), np.nan_to_num(X2, nan=-7.0))

    marked = LabelledSet.from_articles(
        [Article(text=a.text, title=a.title, url=a.url, lang=a.lang, label=a.label,
                 extra={**a.extra, "split": "test" if i % 4 == 0 else "train"}) for i, a in enumerate(ds.articles)]
    )
    cfg = config_from_mapping({"model": {"num_boost_round": 40, "num_threads": 1}})
    result = train(marked, cfg, X=X)
    assert result.test_report is not None and result.test_report["n"] == len(result.split.test)
    assert result.split.sizes()["test"] == sum(1 for i in range(len(ds)) if i % 4 == 0)
    assert set(result.test_slices) == {"lang", "family", "difficulty"}
    assert result.best_iteration <= 40
    assert sum(result.importance_gain.values()) > 0


def test_class_weights_balance_the_labels() -> None:
    y = np.array([0] * 6 + [1] * 3 + [2] * 1)
    w = class_weights(y, "balanced")
    totals = [w[y == k].sum() for k in range(3)]
    assert np.allclose(totals, totals[0])
    assert np.all(class_weights(y, "none") == 1.0)
