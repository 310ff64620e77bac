"""Training against a real `mlflow server` on 127.0.0.1 (SQLite backend in a temp folder).

The server is started as a child process on a free loopback port, training logs to it over
HTTP, the run is read back over HTTP through the MLflow client, and the server is stopped.
Every wait is bounded.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from .conftest import run_cli

START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 20.0
GRACE_S = 3.0  # after SIGTERM; then SIGKILL (the server holds no state the test needs)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _mlflow_executable() -> list[str]:
    script = Path(sys.executable).with_name("mlflow")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mlflow"]


@pytest.fixture()
def mlflow_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [*_mlflow_executable(), "server", "--host", "127.0.0.1", "--port", str(port),
         "--backend-store-uri", f"sqlite:///{tmp_path / 'server.db'}",
         "--artifacts-destination", str(tmp_path / "server-artifacts"), "--workers", "1"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=tmp_path,
        start_new_session=True,  # its own process group, so the workers stop with it
        env={k: v for k, v in os.environ.items() if k != "MLFLOW_TRACKING_URI"},
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url):
            if proc.poll() is not None:
                pytest.fail(f"mlflow server exited with {proc.returncode}: "
                            f"{(tmp_path / 'server.log').read_text(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"mlflow server not healthy after {START_TIMEOUT_S:.0f} s")
            time.sleep(0.5)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=GRACE_S)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=STOP_TIMEOUT_S)
        log.close()
    assert proc.poll() is not None


def test_train_logs_to_a_real_server_and_reads_back_over_http(mlflow_server: str, tmp_path: Path) -> None:
    from mlflow import MlflowClient

    work = tmp_path / "work"
    work.mkdir()
    bundle = work / "model.joblib"
    code, out, err = run_cli(["train", "--demo", "--out", str(bundle), "--tracking-uri", mlflow_server,
                              "--experiment", "server-tests", "--jobs", "1"], cwd=work)
    assert code == 0, err
    assert f"at {mlflow_server}" in out
    assert not (work / "mlflow.db").exists() and not (work / "mlruns").exists()  # nothing logged locally

    client = MlflowClient(tracking_uri=mlflow_server)
    exp = client.get_experiment_by_name("server-tests")
    runs = client.search_runs([exp.experiment_id])
    assert len(runs) == 1
    run = runs[0]
    assert run.info.status == "FINISHED"
    assert 0.0 < run.data.metrics["valid_macro_f1"] <= 1.0
    assert run.data.params["model.num_threads"] == "1"
    paths = {a.path for a in client.list_artifacts(run.info.run_id, "plots")}
    assert "plots/confusion_valid.png" in paths
    got = Path(client.download_artifacts(run.info.run_id, f"bundle/{bundle.name}", str(tmp_path)))
    assert got.read_bytes() == bundle.read_bytes()
    # the artifacts went through the server into its own artifact store
    assert any((tmp_path / "server-artifacts").rglob(bundle.name))
