"""The atheris harness for feature extraction: its checker on the seeds, and a short coverage-guided run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[2] / "experiments" / "fuzz_features.py"



def test_checker_accepts_every_seed(experiment_script) -> None:
    harness = experiment_script("fuzz_features")
    for data in harness.SEEDS.values():
        for selector in (0, 1, 2, 3, 6, 13, 255):
            harness.check_one_input(bytes([selector]) + data)
    harness.check_one_input(b"")
    harness.check_one_input(b"\x02" + b"\xed\xa0\x80" * 100)  # lone surrogates through surrogatepass


def test_checker_fails_on_a_defect(monkeypatch: pytest.MonkeyPatch, experiment_script) -> None:
    """The harness is not vacuous: a signal returning an infinite value is caught."""
    harness = experiment_script("fuzz_features")
    import farmguard.features.vector as vector

    real = vector.signal_values

    def broken(*args, **kwargs):
        values = real(*args, **kwargs)
        values[0] = vector.SignalValue(values[0].name, float("inf"), [])
        return values

    monkeypatch.setattr(vector, "signal_values", broken)
    with pytest.raises(AssertionError, match="value inf"):
        harness.check_one_input(b"\x00" + b"Keluaran SGP\n\nBy gacor88")


@pytest.mark.slow
def test_short_fuzz_run(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris not installed (pip install -e '.[fuzz]'; Linux x86-64 wheels)")
    seeds = tmp_path / "seeds"
    subprocess.run([sys.executable, str(HARNESS), "--make-seeds", str(seeds)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(seeds), "-max_total_time=20", "-timeout=60", "-rss_limit_mb=3072",
         "-seed=1"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done " in result.stderr and " runs in " in result.stderr
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
