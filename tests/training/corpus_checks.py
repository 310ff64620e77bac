"""Checks shared by the corpus tests: split hygiene, reserved families/languages, Article validity."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from farmguard.article import LABELS, Article
from farmguard.training.corpus.splitting import RESERVED_FAMILIES

FIELDS = ("id", "text", "lang", "label", "story_id", "families", "split", "difficulty", "source")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def assert_valid_records(rows: list[dict]) -> None:
    ids = set()
    for row in rows:
        for name in FIELDS:
            assert name in row, f"{row.get('id')}: missing {name}"
        art = Article.from_mapping(row)  # raises on an invalid record
        assert art.text.strip() and art.label in LABELS
        assert row["split"] in ("train", "test") and row["difficulty"] in ("normal", "hard")
        assert isinstance(row["families"], list) and all(isinstance(f, str) and ":" in f for f in row["families"])
        assert row["lang"] == row["lang"].lower() and 2 <= len(row["lang"]) <= 3
        assert row["id"] not in ids, f"duplicate id {row['id']}"
        ids.add(row["id"])


def assert_story_split(rows: list[dict]) -> None:
    splits = defaultdict(set)
    for row in rows:
        splits[row["story_id"]].add(row["split"])
    leaking = [s for s, v in splits.items() if len(v) > 1]
    assert not leaking, f"stories in both splits: {leaking[:5]}"


def assert_reserved_only_in_test(rows: list[dict], reserved_languages: tuple[str, ...]) -> None:
    for row in rows:
        if row["split"] == "train":
            assert row["lang"] not in reserved_languages, f"{row['id']}: reserved language {row['lang']} in train"
            bad = set(row["families"]) & set(RESERVED_FAMILIES)
            assert not bad, f"{row['id']}: reserved families {bad} in train"
