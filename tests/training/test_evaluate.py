"""`farmguard evaluate` and the metrics behind it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from farmguard.article import LABELS
from farmguard.training.metrics import (
    brier_score,
    classification_report,
    expected_calibration_error,
    slice_reports,
)

from .conftest import TrainedRun, run_cli


def test_evaluate_json_and_table(demo_run: TrainedRun, demo_corpus: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "eval.json"
    code, out, err = run_cli(["evaluate", str(demo_corpus), "--model", str(demo_run.bundle), "--by",
                              "lang,family,difficulty", "--json", str(out_json), "--no-track", "--jobs", "1"],
                             cwd=tmp_path)
    assert code == 0, err
    report = json.loads(out_json.read_text(encoding="utf-8"))
    overall = report["overall"]
    assert overall["n"] == sum(1 for line in demo_corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    for key in ("macro_f1", "accuracy", "fpr_original", "brier", "ece"):
        assert 0.0 <= overall[key] <= 2.0
    assert set(overall["per_class"]) == set(LABELS)
    assert np.array(overall["confusion"]).sum() == overall["n"]
    assert set(report["slices"]) == {"lang", "family", "difficulty"}
    assert sum(s["n"] for s in report["slices"]["lang"].values()) == overall["n"]
    assert report["model_sha256"] and len(report["data_fingerprint"]) == 16
    # the terminal table
    assert f"macro-F1 {overall['macro_f1']:.4f}" in out
    assert "by lang" in out and "by family" in out and "confusion (rows true, columns predicted)" in out
    assert not (tmp_path / "mlflow.db").exists()


def test_evaluate_logs_to_mlflow_when_tracking(demo_run: TrainedRun, demo_corpus: Path, tmp_path: Path) -> None:
    from mlflow import MlflowClient

    uri = f"sqlite:///{tmp_path / 'eval.db'}"
    code, _, err = run_cli(["evaluate", str(demo_corpus), "--model", str(demo_run.bundle), "--by", "lang",
                            "--tracking-uri", uri, "--experiment", "eval-tests", "--jobs", "1"], cwd=tmp_path)
    assert code == 0, err
    client = MlflowClient(tracking_uri=uri)
    exp = client.get_experiment_by_name("eval-tests")
    runs = client.search_runs([exp.experiment_id])
    assert len(runs) == 1
    metrics = runs[0].data.metrics
    assert 0.0 <= metrics["eval_macro_f1"] <= 1.0 and "eval_fpr_original" in metrics
    assert any(k.startswith("eval.lang.") for k in metrics)
    names = {a.path for a in client.list_artifacts(runs[0].info.run_id, "plots")}
    assert {"plots/confusion_eval.png", "plots/calibration_eval.png"} <= names


def test_tampered_model_is_refused_in_one_line(demo_run: TrainedRun, demo_corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "tampered.joblib"
    data = bytearray(demo_run.bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    code, _, err = run_cli(["evaluate", str(demo_corpus), "--model", str(bad), "--no-track"], cwd=tmp_path)
    assert code == 1
    assert "tampered.joblib" in err and "Traceback" not in err


def test_unknown_slice_is_a_user_error(demo_run: TrainedRun, demo_corpus: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(["evaluate", str(demo_corpus), "--model", str(demo_run.bundle), "--by", "colour",
                            "--no-track"], cwd=tmp_path)
    assert code == 1 and "unknown slice 'colour'" in err


def test_metrics_agree_with_scikit_learn() -> None:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    rng = np.random.default_rng(4)
    y = rng.integers(0, 3, 300)
    logits = rng.normal(size=(300, 3)) + 2.0 * np.eye(3)[y]
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    report = classification_report(y, proba, LABELS)
    pred = proba.argmax(axis=1)
    assert report["macro_f1"] == pytest.approx(f1_score(y, pred, average="macro"), abs=1e-4)
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=[0, 1, 2])
    for k, label in enumerate(LABELS):
        assert report["per_class"][label]["precision"] == pytest.approx(p[k], abs=1e-4)
        assert report["per_class"][label]["recall"] == pytest.approx(r[k], abs=1e-4)
        assert report["per_class"][label]["support"] == s[k]
    originals = y == 0
    assert report["fpr_original"] == pytest.approx((pred[originals] != 0).mean(), abs=1e-4)
    onehot = np.eye(3)[y]
    assert report["brier"] == pytest.approx(((proba - onehot) ** 2).sum(axis=1).mean(), abs=1e-4)


def test_calibration_error_and_brier_extremes() -> None:
    y = np.array([0, 1, 2, 0])
    perfect = np.eye(3)[y]
    assert brier_score(y, perfect) == 0.0
    assert expected_calibration_error(y, perfect) == 0.0
    wrong = np.eye(3)[(y + 1) % 3]
    assert brier_score(y, wrong) == 2.0
    assert expected_calibration_error(y, wrong) == 1.0


def test_slices_count_multi_family_rows_in_each_family() -> None:
    y = np.array([0, 2, 2, 1])
    proba = np.eye(3)[[0, 2, 0, 1]]
    s = slice_reports(y, proba, LABELS, [("a",), ("a", "b"), ("b",), ()])
    assert s["a"]["n"] == 2 and s["b"]["n"] == 2 and s["none"]["n"] == 1
    assert s["b"]["accuracy"] == 0.5 and s["a"]["accuracy"] == 1.0
