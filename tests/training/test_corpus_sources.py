"""Corpus source readers and transformations on small hand-made inputs (no ../shared needed)."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from farmguard.errors import InputError, RecordError
from farmguard.training.corpus.lexicons import Lexicons
from farmguard.training.corpus.planner import plan_language
from farmguard.training.corpus.record import Draft, SourceDoc
from farmguard.training.corpus.sources.clusters import read_clusters
from farmguard.training.corpus.sources.demo import read_demo_sources
from farmguard.training.corpus.sources.wire_credit import find_credit
from farmguard.training.corpus.templates import available_languages, templates_for
from farmguard.training.corpus.transforms.artefacts import apply_artefact
from farmguard.training.corpus.transforms.credit import CREDIT_FAMILIES


def test_malformed_cluster_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "semeval2022t8_articles.jsonl.gz"
    good = {"id": "1", "lang": "en", "text": "x " * 200, "cluster_id": "c1", "machine_translated_copy": False}
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(good) + "\n{not json\n")
    with pytest.raises(InputError, match=r"semeval2022t8_articles\.jsonl\.gz: line 2: malformed JSON"):
        list(read_clusters(tmp_path, 1))


def test_bad_demo_source_line_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "demo.jsonl"
    path.write_text(json.dumps({"story": "s", "lang": "en", "title": "T", "paragraphs": "not a list"}) + "\n", encoding="utf-8")
    with pytest.raises(RecordError, match="line 1: 'paragraphs' must be"):
        list(read_demo_sources(path))


def test_wire_credit_finds_agency_copies_but_not_photo_credits() -> None:
    assert find_credit("WARSAW, Poland (AP) — Voters went to the polls.") == ("AP", "dateline")
    assert find_credit("Die Zahl stieg weiter. (dpa/lnw)") == ("dpa", "end")
    assert find_credit("The mayor spoke. (AP Photo/Jane Roe) The crowd cheered.") is None
    assert find_credit("Reuters reported the figures on Monday, citing sources.") is None


def test_credit_templates_cover_thirty_languages_and_every_family() -> None:
    langs = available_languages()
    assert len(langs) >= 30
    for lang in langs:
        t = templates_for(lang)
        assert t.agencies, lang
        own = [f for f in CREDIT_FAMILIES if t.has(f"credit.{f}")]
        assert len(own) >= 6, (lang, own)


def test_planner_balances_labels_and_keeps_reserved_languages_to_test_stories() -> None:
    human = [SourceDoc(f"h{i}", f"s{i}", "xx", "T", ("p" * (100 + i),), "human", "t") for i in range(30)]
    mt = [SourceDoc(f"m{i}", f"s{i}", "xx", "T", ("p" * (100 + i),), "mt", "t") for i in range(60)]
    pairs = plan_language(human + mt, seed=3, reserved=False, test_stories=set(), max_per_lang=None)
    counts = {label: sum(1 for _, l in pairs if l == label) for label in ("original", "syndicated", "scraped")}
    assert counts["original"] == counts["syndicated"] == 30 and 30 <= counts["scraped"] <= 38
    reserved = plan_language(human, seed=3, reserved=True, test_stories={"s1", "s2"}, max_per_lang=None)
    assert {d.story_id for d, _ in reserved} == {"s1", "s2"} and len(reserved) == 6


def test_untranslated_artefact_uses_the_aligned_source() -> None:
    doc = SourceDoc(
        "k", "s", "de", "T", ("Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen.",),
        "human", "t", source_lang="en",
        source_paragraphs=("The government adopted new rules for traffic in the city on Monday evening.",),
    )
    draft = Draft(doc, "scraped", "T", list(doc.paragraphs))
    assert apply_artefact(draft, "untranslated", random.Random(2))
    english = set("The government adopted new rules for traffic in the city on Monday evening".split())
    assert english & set(draft.body[0].split()) - set(doc.paragraphs[0].split())


def test_package_lexicons_work_without_shared_data() -> None:
    lex = Lexicons.from_package()
    assert {"en", "de", "nl", "id", "es", "fr"} <= set(lex.wp_languages())
    assert lex.gambling_brands and not lex.spam_comments


def test_terminal_progress_draws_one_updating_line_per_stage() -> None:
    import io

    from farmguard.training.corpus.progress import TerminalProgress

    stream = io.StringIO()
    p = TerminalProgress(stream)
    p.stage("transform", 4)
    p.advance(4)
    p.stage("write", 1)
    p.done()
    out = stream.getvalue()
    assert "\rtransform" in out and "4/4" in out and out.count("\n") == 2
