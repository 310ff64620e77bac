"""MLflow tracking of `farmguard train` with the embedded store, read back through the MLflow client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from farmguard.article import LABELS
from farmguard.features import SCHEMA_VERSION
from farmguard.training import tracking

from .conftest import TrainedRun, run_cli

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def client(demo_run: TrainedRun):
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=demo_run.tracking_uri, registry_uri=demo_run.tracking_uri)


def test_embedded_store_is_a_sqlite_file_in_the_working_directory(demo_run: TrainedRun) -> None:
    assert demo_run.tracking_uri == f"sqlite:///{demo_run.folder.resolve() / 'mlflow.db'}"
    assert (demo_run.folder / "mlflow.db").is_file()
    assert (demo_run.folder / "mlruns").is_dir()


def test_params_hold_config_schema_and_data_fingerprint(demo_run: TrainedRun, client) -> None:
    run = client.get_run(demo_run.run_id)
    params = run.data.params
    assert params["schema_version"] == str(SCHEMA_VERSION)
    assert params["model.num_threads"] == "1" and params["model.num_leaves"] == "31"
    assert len(params["data_fingerprint"]) == 16
    assert run.data.tags["data_fingerprint"] == params["data_fingerprint"]
    assert int(params["n_train"]) > 0 and int(params["n_valid"]) > 0
    assert all(int(params[f"count_{label}"]) > 0 for label in LABELS)


def test_metrics_include_per_class_macro_calibration_and_slices(demo_run: TrainedRun, client) -> None:
    metrics = client.get_run(demo_run.run_id).data.metrics
    for name in ("valid_macro_f1", "valid_accuracy", "valid_fpr_original", "valid_brier", "valid_ece",
                 "calibration_temperature", "review_min_top_probability", "best_iteration", "seconds_train"):
        assert name in metrics, name
    for label in LABELS:
        for figure in ("precision", "recall", "f1"):
            assert 0.0 <= metrics[f"valid_{label}_{figure}"] <= 1.0
    assert 0.0 < metrics["valid_macro_f1"] <= 1.0
    assert any(k.startswith("valid.lang.") and k.endswith(".macro_f1") for k in metrics)
    assert any(k.startswith("valid.family.") for k in metrics)
    assert any(k.startswith("valid.difficulty.") for k in metrics)


def _artifact_paths(client, run_id: str, path: str | None = None) -> list[str]:
    out = []
    for item in client.list_artifacts(run_id, path):
        out.extend(_artifact_paths(client, run_id, item.path) if item.is_dir else [item.path])
    return out


def test_artifacts_plots_reports_and_bundle(demo_run: TrainedRun, client, tmp_path: Path) -> None:
    paths = set(_artifact_paths(client, demo_run.run_id))
    for expected in ("plots/confusion_valid.png", "plots/importance_gain.png", "plots/calibration_valid.png",
                     "reports/valid_report.json", "reports/valid_slices.json", "reports/importance_gain.json",
                     f"bundle/{demo_run.bundle.name}"):
        assert expected in paths, (expected, sorted(paths))
    local = Path(client.download_artifacts(demo_run.run_id, "plots", str(tmp_path)))
    for png in local.glob("*.png"):
        assert png.read_bytes()[:8] == PNG_MAGIC and png.stat().st_size > 2000
    bundle = Path(client.download_artifacts(demo_run.run_id, f"bundle/{demo_run.bundle.name}", str(tmp_path)))
    assert bundle.read_bytes() == demo_run.bundle.read_bytes()
    report = json.loads(Path(client.download_artifacts(demo_run.run_id, "reports/valid_report.json",
                                                       str(tmp_path))).read_text())
    assert len(report["confusion"]) == 3 and report["n"] == sum(map(sum, report["confusion"]))


def test_mlflow_model_has_a_signature_and_predicts(demo_run: TrainedRun, client) -> None:
    import mlflow
    import pandas as pd

    mlflow.set_tracking_uri(demo_run.tracking_uri)
    models = mlflow.search_logged_models(
        experiment_ids=[client.get_run(demo_run.run_id).info.experiment_id], output_format="list"
    )
    mine = [m for m in models if m.source_run_id == demo_run.run_id]
    assert len(mine) == 1
    model = mlflow.pyfunc.load_model(mine[0].model_uri)
    signature = model.metadata.signature
    assert signature.inputs.input_names() == list(tracking.INPUT_COLUMNS)
    assert signature.outputs.input_names() == list(tracking.OUTPUT_COLUMNS)
    out = model.predict(pd.DataFrame({"text": ["The city council met on Monday to discuss the water plan.",
                                               "Another plain story about the harbour."]}))
    assert list(out.columns) == list(tracking.OUTPUT_COLUMNS) and len(out) == 2
    assert set(out["label"]) <= set(LABELS)
    assert ((out[[f"p_{label}" for label in LABELS]].sum(axis=1) - 1.0).abs() < 1e-6).all()


def test_registered_version_has_the_alias(demo_run: TrainedRun, client) -> None:
    version = client.get_model_version_by_alias("farmguard-demo", "champion")
    assert version.run_id == demo_run.run_id
    assert "registered   farmguard-demo version" in demo_run.stdout


def test_no_track_logs_nothing_and_env_uri_is_honoured(tmp_path: Path, demo_corpus: Path, monkeypatch) -> None:
    rows = [line for line in demo_corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = tmp_path / "small.jsonl"
    data.write_text("\n".join(rows[:: max(1, len(rows) // 150)]) + "\n", encoding="utf-8")
    code, _, err = run_cli(["train", str(data), "--out", str(tmp_path / "a.joblib"), "--no-track", "--jobs", "1"],
                           cwd=tmp_path)
    assert code == 0, err
    assert not (tmp_path / "mlflow.db").exists()
    store = tmp_path / "elsewhere" / "store.db"
    store.parent.mkdir()
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{store}")
    assert tracking.resolve_tracking_uri("http://127.0.0.1:1") == "http://127.0.0.1:1"
    code, out, err = run_cli(["train", str(data), "--out", str(tmp_path / "b.joblib"), "--jobs", "1"], cwd=tmp_path)
    assert code == 0, err
    assert f"at sqlite:///{store}" in out
    assert store.is_file() and (store.parent / "mlruns").is_dir()
    assert not (tmp_path / "mlflow.db").exists()
