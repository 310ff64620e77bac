"""The embedded demo corpus and the bundled examples (no ../shared needed)."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

from farmguard.article import LABELS, Article
from farmguard.readers import split_title
from farmguard.training.corpus.builder import build_demo, demo_corpus_default_path, demo_sources_path
from farmguard.training.corpus.splitting import DEMO_RESERVED_LANGUAGES, RESERVED_FAMILIES

from .corpus_checks import assert_reserved_only_in_test, assert_story_split, assert_valid_records, read_jsonl


def test_demo_corpus_regenerates_byte_identically(tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    build_demo(out)
    committed = demo_corpus_default_path()
    assert out.read_bytes() == committed.read_bytes(), "training/data/demo_corpus.jsonl is stale: rebuild with `farmguard corpus build --demo --out training/data/demo_corpus.jsonl`"


def test_demo_corpus_other_seed_differs(tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    build_demo(out, seed=99)
    assert out.read_bytes() != demo_corpus_default_path().read_bytes()


def test_demo_corpus_records_are_valid_and_balanced() -> None:
    rows = read_jsonl(demo_corpus_default_path())
    assert_valid_records(rows)
    assert_story_split(rows)
    assert_reserved_only_in_test(rows, DEMO_RESERVED_LANGUAGES)
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == set(LABELS) and max(labels.values()) - min(labels.values()) <= len(rows) * 0.05
    assert len(rows) >= 300
    langs = Counter(r["lang"] for r in rows)
    assert len(langs) >= 6
    assert {r["split"] for r in rows} == {"train", "test"}
    for lang in langs:  # every language has every label
        assert {r["label"] for r in rows if r["lang"] == lang} == set(LABELS)
    # hard cases exist in every label
    assert {r["label"] for r in rows if r["difficulty"] == "hard"} == set(LABELS)
    families = Counter(f for r in rows for f in r["families"])
    assert any(f.startswith("credit:") for f in families) and any(f.startswith("residue:") for f in families)
    assert any(f.startswith("spam:") for f in families) and any(f.startswith("artefact:") for f in families)
    # originals carry chrome too (widgets are not a scraping label)
    assert any(f.startswith("chrome:") for r in rows if r["label"] == "original" for f in r["families"])


def test_plain_text_records_read_as_the_text_reader_reads_them() -> None:
    """A share of every label is written as a .txt page is read: its title line split off by the reader."""
    rows = read_jsonl(demo_corpus_default_path())
    plain = [r for r in rows if "read:plain_text" in r["families"]]
    per_label = Counter(r["label"] for r in plain)
    assert set(per_label) == set(LABELS), per_label
    assert all(0.1 < per_label[label] / sum(r["label"] == label for r in rows) < 0.4 for label in LABELS), per_label
    headline = {(r["story_id"], r["lang"]): r["title"] for r in rows if "read:plain_text" not in r["families"]}
    for r in plain:
        if not r.get("title"):  # the page's first line did not look like a title: nothing was split off
            assert split_title(r["text"])[0] is None
    # the reader takes whatever line comes first: sometimes not the headline (a stacked variant, a notice)
    assert any(r.get("title") and r["title"] != headline.get((r["story_id"], r["lang"]), r["title"]) for r in plain)


def test_demo_sources_are_human_text_in_six_languages() -> None:
    rows = [json.loads(line) for line in demo_sources_path().read_text(encoding="utf-8").splitlines()]
    per_lang = Counter(r["lang"] for r in rows)
    assert len(per_lang) >= 6 and min(per_lang.values()) >= 10
    for r in rows:
        assert len(r["paragraphs"]) >= 2 and all(len(p) > 40 for p in r["paragraphs"])


def test_bundled_examples_cover_every_label_in_several_languages() -> None:
    path = Path(str(resources.files("farmguard").joinpath("examples", "examples.jsonl")))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert 6 <= len(rows) <= 9
    for row in rows:
        art = Article.from_mapping(row)
        assert art.label in LABELS and art.lang and art.text
    labels = Counter(r["label"] for r in rows)
    assert all(labels[label] >= 2 for label in LABELS)
    assert len({r["lang"] for r in rows}) >= 4


def test_reserved_families_are_declared_per_kind() -> None:
    kinds = {f.split(":")[0] for f in RESERVED_FAMILIES}
    assert kinds == {"credit", "residue", "spam"}
