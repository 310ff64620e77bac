"""The corpus builder on the real public data (small builds; needs ../shared)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farmguard.article import LABELS
from farmguard.cli import app
from farmguard.training.corpus.builder import build
from farmguard.training.corpus.splitting import RESERVED_FAMILIES, RESERVED_LANGUAGES

from .corpus_checks import assert_reserved_only_in_test, assert_story_split, assert_valid_records, read_jsonl

pytestmark = pytest.mark.shared
FAST_SOURCES = ("ntrex", "wmt", "clusters")


@pytest.fixture(scope="module")
def small_build(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "small.jsonl"
    build(shared_dir / "data", out, seed=13, max_per_lang=12, sources=FAST_SOURCES)
    return out


def test_small_build_records_are_valid(small_build: Path) -> None:
    rows = read_jsonl(small_build)
    assert_valid_records(rows)
    assert_story_split(rows)
    assert_reserved_only_in_test(rows, RESERVED_LANGUAGES)
    labels = Counter(r["label"] for r in rows)
    assert min(labels.values()) / len(rows) >= 0.2
    assert len({r["lang"] for r in rows}) >= 30
    per_lang = Counter(r["lang"] for r in rows)
    assert max(per_lang.values()) <= 12
    for lang in RESERVED_LANGUAGES:
        assert per_lang[lang] > 0, f"reserved language {lang} missing from the test split"
    test_families = Counter(f for r in rows if r["split"] == "test" for f in r["families"])
    for family in RESERVED_FAMILIES:
        assert test_families[family] > 0, f"reserved family {family} missing from the test split"


def test_small_build_has_real_mt_and_hard_cases_in_every_label(small_build: Path) -> None:
    rows = read_jsonl(small_build)
    assert any(r["source"].endswith(":system") for r in rows if r["label"] == "scraped")
    assert all(r["label"] == "scraped" for r in rows if r["source"].endswith(":system") or r["source"] == "clusters:mt")
    assert {r["label"] for r in rows if r["difficulty"] == "hard"} == set(LABELS)
    # one story id per source document across languages: NTREX stories span many languages
    ntrex = Counter(r["story_id"] for r in rows if r["source"] == "ntrex")
    langs_per_story: dict[str, set[str]] = {}
    for r in rows:
        langs_per_story.setdefault(r["story_id"], set()).add(r["lang"])
    assert max(len(v) for s, v in langs_per_story.items() if s in ntrex) >= 5


def test_build_is_byte_identical_for_a_seed(shared_dir: Path, small_build: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.jsonl"
    build(shared_dir / "data", again, seed=13, max_per_lang=12, sources=FAST_SOURCES)
    assert again.read_bytes() == small_build.read_bytes()
    sheets = [json.loads(p.with_name(p.name + ".datasheet.json").read_text(encoding="utf-8")) for p in (small_build, again)]
    for sheet in sheets:  # the command line names the output file; everything else must match
        sheet["meta"].pop("command")
    assert sheets[0] == sheets[1]
    other = tmp_path / "other.jsonl"
    build(shared_dir / "data", other, seed=14, max_per_lang=12, sources=FAST_SOURCES)
    assert other.read_bytes() != small_build.read_bytes()


def test_datasheet_states_counts(small_build: Path) -> None:
    md = small_build.with_name(small_build.name + ".datasheet.md").read_text(encoding="utf-8")
    rows = read_jsonl(small_build)
    for label in LABELS:
        n = sum(r["label"] == label for r in rows)
        assert f"| {label} | {n} |" in md
    for heading in ("### Label", "### Split", "### Difficulty", "### Families", "### Languages", "How each label was made"):
        assert heading in md


def test_cli_builds_parquet_and_reports_bad_source(shared_dir: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    runner = CliRunner()
    out = tmp_path / "c.parquet"
    result = runner.invoke(
        app, ["corpus", "build", "--source", str(shared_dir / "data"), "--out", str(out), "--max-per-lang", "3", "--sources", "ntrex"]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows > 0 and "families" in table.column_names
    bad = runner.invoke(app, ["corpus", "build", "--source", str(tmp_path / "nope"), "--out", str(tmp_path / "x.jsonl")])
    assert bad.exit_code == 1 and "source folder not found" in bad.output and "Traceback" not in bad.output
    fmt = runner.invoke(app, ["corpus", "build", "--demo", "--out", str(tmp_path / "x.csv")])
    assert fmt.exit_code == 1 and "unknown corpus format" in fmt.output


def test_web_pages_are_read_as_originals_with_urls(shared_dir: Path) -> None:
    from itertools import islice

    from farmguard.training.corpus.sources.webpages import read_webpages

    docs = list(islice(read_webpages(shared_dir / "data" / "boilerplate", 13), 20))
    assert len(docs) == 20 and all(d.kind == "human" and d.url and d.text for d in docs)
