"""experiments/moderation_pipeline.py runs: every good article gets one decision, bad ones are reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "experiments" / "moderation_pipeline.py"


def test_pipeline_decides_every_article_once(bundle_path: Path, held_out: list, tmp_path: Path) -> None:
    lines = [json.dumps(a.to_dict()) for a in held_out] + ['{"id": "broken"}']
    (tmp_path / "queue.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "queue.jsonl"), "--model", str(bundle_path),
         "--workers", "3", "--batch-size", "4"],
        capture_output=True, text=True, timeout=120,
    )
    assert res.returncode == 1  # one record failed
    decisions = [json.loads(line) for line in res.stdout.splitlines()]
    assert sorted(d["seq"] for d in decisions) == list(range(len(held_out)))
    by_id = {d["id"]: d for d in decisions}
    assert set(by_id) == {a.id for a in held_out}
    for d in decisions:
        expected = {"original": "allow", "syndicated": "allow-credited", "scraped": "demote"}[d["label"]]
        assert d["action"] == ("human-review" if d["needs_review"] else expected)
    assert any(d["action"] == "demote" and "spam." in d["why"] for d in decisions)
    assert "line " + str(len(lines)) in res.stderr and f"{len(held_out)} decided" in res.stderr
