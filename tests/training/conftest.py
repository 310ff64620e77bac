"""Fixtures for the training tests: one real training run on the embedded demo corpus.

The run goes through the real CLI (`farmguard train --demo`) with the embedded MLflow store
(a SQLite file in a temp folder, no server) and is shared by the train, evaluate and tracking
tests, so the module pays for one training. Nothing here needs ../shared.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farmguard.cli import app
from farmguard.training.dataset import demo_corpus_path


@dataclass(frozen=True)
class TrainedRun:
    folder: Path
    bundle: Path
    tracking_uri: str
    run_id: str
    stdout: str
    stderr: str


def run_cli(args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the farmguard CLI in-process; return (exit code, stdout, stderr)."""
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(app, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    """The demo corpus shipped inside the package (training/data/demo_corpus.jsonl)."""
    return demo_corpus_path()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory, demo_corpus: Path) -> TrainedRun:
    """`farmguard train --demo` with the embedded tracking store, registered with an alias."""
    folder = tmp_path_factory.mktemp("demo-run")
    bundle = folder / "demo-model.joblib"
    code, out, err = run_cli(
        ["train", "--demo", "--out", str(bundle), "--jobs", "1", "--experiment", "farmguard-tests",
         "--register", "farmguard-demo", "--alias", "champion"],
        cwd=folder,
    )
    assert code == 0, err
    match = re.search(r"mlflow\s+run (\w+) in experiment 'farmguard-tests' at (\S+)", out)
    assert match, out
    return TrainedRun(folder, bundle, match.group(2), match.group(1), out, err)
