"""`farmguard signals --max-chars`: text past the limit is cut before extraction and flagged (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from farmguard.cli import app

SENTENCE = "The council met on Monday and agreed a new plan for water use in the region. "


def test_signals_max_chars_cuts_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "short", "text": SENTENCE, "lang": "en"},
            {"id": "long", "text": SENTENCE * 100, "lang": "en"},
            {"id": "zh", "text": "中国经济稳步增长。" * 300, "lang": "zh"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    res = CliRunner().invoke(app, ["signals", str(path), "--format", "jsonl", "--max-chars", "1000"])
    assert res.exit_code == 0, res.output
    out = {r["id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert "warnings" not in out["short"]
    for key in ("long", "zh"):
        assert out[key]["warnings"] == ["text truncated to 1000 characters"]
        assert 900 <= out[key]["signals"]["text.chars"]["value"] <= 1000  # the features saw the cut text
    table = CliRunner().invoke(app, ["signals", str(path), "--max-chars", "1000"]).stdout
    assert table.count("(text truncated to 1000 characters)") == 2
    bad = CliRunner().invoke(app, ["signals", str(path), "--max-chars", "5"])
    assert bad.exit_code != 0
