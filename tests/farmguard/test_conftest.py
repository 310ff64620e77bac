"""The shared-data fixtures resolve the folder, honour FARMGUARD_SHARED and skip when it is absent."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run_pytest(tmp_path: Path, shared: Path) -> str:
    test = tmp_path / "test_probe.py"
    test.write_text(
        textwrap.dedent(
            """
            import pytest

            def test_fixture(shared_dir, seeds_dir):
                assert seeds_dir == shared_dir / "seeds"

            @pytest.mark.shared
            def test_marker():
                pass
            """
        )
    )
    # The probe lives outside tests/, so load tests/conftest.py as a plugin.
    env = {"FARMGUARD_SHARED": str(shared), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT / "tests")}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-p", "conftest",
         "-c", str(REPO_ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(test)],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120,
    )
    return proc.stdout + proc.stderr


def test_absent_shared_skips_with_reason(tmp_path: Path) -> None:
    out = _run_pytest(tmp_path, tmp_path / "does-not-exist")
    assert "2 skipped" in out, out
    assert "../shared not found: real-data test skipped" in out


def test_present_shared_runs(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    out = _run_pytest(tmp_path, shared)
    assert "2 passed" in out, out
