"""Shared pytest fixtures: where the real public data lives, and the ``shared`` marker.

The project must work without ``/work/shared``. Tests that read it either take the
``shared_dir`` / ``seeds_dir`` fixture or carry ``@pytest.mark.shared``; both skip with
a clear reason when the folder is absent::

    @pytest.mark.shared
    def test_reads_real_pages(shared_dir):
        pages = sorted((shared_dir / "data" / "boilerplate").rglob("*.gz"))
        ...

The folder is ``<repo root>/../shared`` unless the environment variable
``FARMGUARD_SHARED`` names another one.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SKIP_REASON = "../shared not found: real-data test skipped"


def shared_path() -> Path:
    """The shared-data folder: ``$FARMGUARD_SHARED`` or ``<repo root>/../shared`` (may not exist)."""
    override = os.environ.get("FARMGUARD_SHARED")
    if override:
        return Path(override).expanduser().resolve()
    return (REPO_ROOT.parent / "shared").resolve()


def shared_available() -> bool:
    """True when the shared-data folder exists."""
    return shared_path().is_dir()


def pytest_configure(config: pytest.Config) -> None:
    # Also declared in pyproject.toml; registering here keeps `--strict-markers` happy
    # when pytest is run with another config file.
    config.addinivalue_line(
        "markers", "shared: needs ../shared (the project's real public data); skipped when it is absent"
    )
    config.addinivalue_line("markers", "slow: takes more than a few seconds")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shared_available():
        return
    skip = pytest.mark.skip(reason=f"{SKIP_REASON} (looked in {shared_path()})")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Path to the shared real-data folder; skips the test when it is absent."""
    path = shared_path()
    if not path.is_dir():
        pytest.skip(f"{SKIP_REASON} (looked in {path})")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """Path to ``shared/seeds`` (the five founding test articles); skips when absent."""
    path = shared_dir / "seeds"
    if not path.is_dir():
        pytest.skip(f"{SKIP_REASON} (no seeds/ in {shared_dir})")
    return path


EXPERIMENTS = Path(__file__).resolve().parents[1] / "experiments"


@pytest.fixture(scope="session")
def experiment_script() -> Callable[[str], ModuleType]:
    """Load a script of ``experiments/`` as a module by its name: ``experiment_script("fuzz_readers")``."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, EXPERIMENTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
