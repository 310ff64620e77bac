"""The atheris harness for the readers: its checker on the seeds, and a short coverage-guided run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[2] / "experiments" / "fuzz_readers.py"



def test_checker_accepts_every_seed_and_selector(experiment_script) -> None:
    harness = experiment_script("fuzz_readers")
    for name, data in harness.SEEDS.items():
        for selector in range(len(harness.FORMATS) * len(harness.LIMITS)):
            harness.check_one_input(bytes([selector]) + data)
    harness.check_one_input(b"")


def test_checker_fails_on_a_defect(monkeypatch: pytest.MonkeyPatch, experiment_script) -> None:
    """The harness is not vacuous: a reader that yields blank text is caught."""
    harness = experiment_script("fuzz_readers")
    import farmguard.readers as readers
    from farmguard.article import Article

    monkeypatch.setattr(readers, "read_articles", lambda *a, **k: iter([Article(text=" ")]))
    with pytest.raises(AssertionError, match="blank text"):
        harness.check_one_input(b"\x00" + b'{"text": "x"}\n')


@pytest.mark.slow
def test_short_fuzz_run(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris not installed (pip install -e '.[fuzz]')")
    seeds = tmp_path / "seeds"
    subprocess.run([sys.executable, str(HARNESS), "--make-seeds", str(seeds)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(seeds), "-runs=1500", "-timeout=30", "-rss_limit_mb=2048", "-seed=1"],
        capture_output=True, text=True, cwd=tmp_path, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 1500 runs" in result.stderr
    assert not list(tmp_path.glob("crash-*"))
