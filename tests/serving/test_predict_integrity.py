"""`farmguard predict` limits and output integrity through the CLI (issue 8), in real subprocesses.

- ``--max-chars``: longer texts are cut and flagged in ``warnings`` (also text without spaces);
- every input record yields exactly one output line or one ``farmguard: skipped:`` line, and the summary
  counts both (a JSONL mixing good records with every kind of bad one);
- ``--output`` interrupted by SIGINT or SIGTERM mid-run leaves no file under the requested name (and no
  temporary file either).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FARMGUARD = [sys.executable, "-c", "from farmguard.cli import main; main()"]
PROSE = "The council met on Monday and agreed a new plan for water use in the region. "


def _run(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FARMGUARD, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_max_chars_cuts_and_flags(bundle_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "short", "text": PROSE},
        {"id": "long", "text": (PROSE * 20 + "\n\n") * 5},  # ~7,800 chars
        {"id": "no-spaces", "text": "新华社北京电" + "中国经济稳步增长。" * 400, "lang": "zh"},
        {"id": "huge", "text": PROSE * 2700},  # ~210,000 chars: over the default limit
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    res = _run("predict", path, "--model", bundle_path, "--max-chars", "1000")
    assert res.returncode == 0, res.stderr
    warnings = {r["id"]: r.get("warnings", []) for r in map(json.loads, res.stdout.splitlines())}
    assert warnings["short"] == []
    for key in ("long", "no-spaces", "huge"):
        assert warnings[key] == ["text truncated to 1000 characters"], (key, warnings[key])
    default = _run("predict", path, "--model", bundle_path)
    warnings = {r["id"]: r.get("warnings", []) for r in map(json.loads, default.stdout.splitlines())}
    assert warnings == {"short": [], "long": [], "no-spaces": [], "huge": ["text truncated to 200000 characters"]}
    bad = _run("predict", path, "--model", bundle_path, "--max-chars", "0")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "max-chars" in bad.stderr


def test_every_record_is_one_prediction_or_one_error(bundle_path: Path, tmp_path: Path) -> None:
    good = [json.dumps({"id": f"g{i}", "text": PROSE * (i + 1)}) for i in range(6)]
    bad = [
        "{not json",                                         # malformed JSON
        json.dumps({"id": "b-no-text"}),                     # no text, no html
        json.dumps(["a", "list"]),                           # not an object
        json.dumps({"id": "b-long", "text": "x" * 5000}),    # over --max-line-bytes
        json.dumps({"id": "b-type", "text": 12}),            # text is not a string
    ]
    lines = [good[0], bad[0], good[1], bad[1], good[2], bad[2], good[3], bad[3], good[4], bad[4], good[5]]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "b-utf8", "text": "\xff\xfe bad bytes"}\n')
    out = tmp_path / "out.jsonl"
    res = _run("predict", path, "--model", bundle_path, "--output", out, "--max-line-bytes", "4000")
    assert res.returncode == 1
    predicted = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    skipped = [line for line in res.stderr.splitlines() if line.startswith("farmguard: skipped:")]
    # Undecodable bytes inside one JSONL line are replaced (U+FFFD), not a failure: that record is predicted.
    assert predicted == [f"g{i}" for i in range(6)] + ["b-utf8"]
    assert len(skipped) == 5, res.stderr
    where = sorted(int(line.split(": line ")[1].split(":")[0]) for line in skipped)
    assert where == [2, 4, 6, 8, 10], skipped
    assert len(predicted) + len(skipped) == 12  # one line each, nothing lost, nothing doubled
    assert res.stderr.splitlines()[-1] == f"farmguard predict: 7 predicted, 5 failed; wrote {out}"
    assert "Traceback" not in res.stderr


def _big_input(folder: Path, n: int = 4000) -> Path:
    path = folder / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": f"Item {i}. " + PROSE * 12}) + "\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_output_leaves_no_file(bundle_path: Path, tmp_path: Path, sig: signal.Signals) -> None:
    src = _big_input(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "predictions.jsonl"
    proc = subprocess.Popen([*FARMGUARD, "predict", str(src), "--model", str(bundle_path), "--output", str(out),
                             "--batch-size", "32"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            # a shell running us in the background ignores SIGINT, and children inherit that:
                            # give the child the default disposition, as in a terminal
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        temps = list(out_dir.glob(".predictions.jsonl.*.tmp"))
        if temps and temps[0].stat().st_size > 4096:  # mid-run: some predictions written
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"predict finished before it could be interrupted: {proc.stderr.read()[-500:]}"
    os.kill(proc.pid, sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert not out.exists(), "an interrupted run left a file under the requested name"
    assert "Traceback" not in stderr, stderr[-2000:]
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "farmguard: interrupted" in stderr
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and "farmguard: terminated" in stderr
    left = list(out_dir.iterdir())
    assert not left, f"temporary files left behind: {left}"
