"""The corpus build pipeline: readers -> plan -> transformations -> split -> writer.

``build(source, out, seed, max_per_lang)`` reads the real public data (``../shared/data``),
``build_demo(out)`` the demo source texts shipped with farmguard; both run the same steps over
typed records (:class:`~farmguard.training.corpus.record.SourceDoc` in,
:class:`~farmguard.training.corpus.record.CorpusRecord` out) and write the corpus plus its
datasheet. The output is a function of the inputs and the seed only (byte-identical reruns).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.jsonl"
>>> report = build_demo(out)
>>> report.records > 100, sorted(report.counts["label"])
(True, ['original', 'scraped', 'syndicated'])
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from farmguard import __version__
from farmguard.errors import InputError

from .datasheet import datasheet_counts, write_datasheet
from .lexicons import Lexicons
from .planner import LABEL_ORDER, plan, plan_language
from .progress import NullProgress
from .recipes import make_record
from .record import HUMAN, CorpusRecord, SourceDoc
from .seeding import stable_order
from .sources.clusters import read_clusters
from .sources.demo import read_demo_sources
from .sources.ntrex import read_ntrex
from .sources.webpages import read_webpages
from .sources.wmt import read_wmt
from .splitting import DEMO_RESERVED_LANGUAGES, RESERVED_LANGUAGES, TEST_FRACTION, split_of, splits_by_rank
from .transforms.context import Context
from .writer import write_records

DEFAULT_SEED = 13
DEMO_TEST_FRACTION = 0.3
DEMO_VARIANTS = ("a", "b")
SOURCE_FOLDERS = ("ntrex128", "wmt", "news-clusters", "boilerplate", "wordpress-l10n", "spam-id")


@dataclass
class BuildReport:
    """What a build wrote and how long it took."""

    out: Path
    datasheet: Path
    records: int
    seconds: float
    counts: dict[str, Any] = field(default_factory=dict)


SOURCES = ("ntrex", "wmt", "clusters", "web")
"""Source readers of the full build, by name (``--sources`` picks a subset; default all)."""


def _readers(data_dir: Path, seed: int) -> dict[str, tuple[str, Callable[[], Iterable[SourceDoc]]]]:
    return {
        "ntrex": ("read ntrex128", lambda: read_ntrex(data_dir / "ntrex128", seed)),
        "wmt": ("read wmt", lambda: read_wmt(data_dir / "wmt", seed)),
        "clusters": ("read news-clusters", lambda: read_clusters(data_dir / "news-clusters", seed)),
        "web": ("read boilerplate pages", lambda: read_webpages(data_dir / "boilerplate", seed)),
    }


def read_sources(data_dir: Path, seed: int, progress: NullProgress, sources: Iterable[str] = SOURCES) -> list[SourceDoc]:
    """Every source document of the chosen sources, in a fixed order."""
    docs: list[SourceDoc] = []
    readers = _readers(data_dir, seed)
    unknown = [s for s in sources if s not in readers]
    if unknown:
        raise InputError(f"unknown source {unknown[0]!r} (choose from {', '.join(SOURCES)})")
    for name, reader in (readers[s] for s in SOURCES if s in set(sources)):
        progress.stage(name)
        for doc in reader():
            docs.append(doc)
            progress.advance()
    return docs


def title_pool(docs: Iterable[SourceDoc]) -> dict[str, tuple[str, ...]]:
    """Headlines of human documents per language (teasers for widgets and read-also inserts)."""
    pool: dict[str, set[str]] = {}
    for d in docs:
        if d.kind == HUMAN and d.title and 15 <= len(d.title) <= 140:
            pool.setdefault(d.lang, set()).add(d.title)
    return {lang: tuple(sorted(titles)) for lang, titles in pool.items()}


def alternative_titles(docs: Iterable[SourceDoc]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Distinct headlines per (story, language) across all versions (references, MT systems)."""
    pool: dict[tuple[str, str], set[str]] = {}
    for d in docs:
        if d.title and len(d.title) <= 200:
            pool.setdefault((d.story_id, d.lang), set()).add(d.title)
    return {k: tuple(sorted(v)) for k, v in pool.items() if len(v) > 1}


def _records(
    pairs: list[tuple[SourceDoc, str]], ctx: Context, splits: dict[str, str], progress: NullProgress, variants: tuple[str, ...] = ("",)
) -> Iterator[CorpusRecord]:
    progress.stage("transform", len(pairs) * len(variants))
    for doc, label in pairs:
        for variant in variants:
            yield make_record(doc, label, ctx, splits[doc.story_id], variant)
            progress.advance()


def _finish(
    out: Path, records: list[CorpusRecord], seed: int, meta: dict[str, Any], started: float, progress: NullProgress
) -> BuildReport:
    by_id = {r.id: r for r in records}
    if len(by_id) != len(records):
        raise InputError(f"{out}: duplicate record ids in the build (a source document was read twice)")
    ordered = [by_id[i] for i in stable_order(seed, "output", list(by_id))]
    progress.stage("write", len(ordered))
    write_records(out, ordered)
    progress.advance(len(ordered))
    md, _ = write_datasheet(out, ordered, meta)
    progress.done()
    return BuildReport(out=out, datasheet=md, records=len(ordered), seconds=time.monotonic() - started, counts=datasheet_counts(ordered))


def build(
    source: str | Path,
    out: str | Path,
    seed: int = DEFAULT_SEED,
    max_per_lang: int | None = None,
    progress: NullProgress | None = None,
    sources: Iterable[str] = SOURCES,
) -> BuildReport:
    """Build the benchmark corpus from the shared data folder ``source`` into ``out``.

    ``sources`` picks readers by name (default all of :data:`SOURCES`).
    """
    started = time.monotonic()
    progress = progress or NullProgress()
    data_dir = Path(source)
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: source folder not found")
    missing = [name for name in SOURCE_FOLDERS if not (data_dir / name).is_dir()]
    if missing:
        raise InputError(f"{data_dir}: missing data folders: {', '.join(missing)}")
    if max_per_lang is not None and max_per_lang < 3:
        raise InputError(f"--max-per-lang {max_per_lang}: must be at least 3 (one record per label)")
    out = Path(out)
    sources = tuple(sources)
    docs = read_sources(data_dir, seed, progress, sources)
    progress.stage("vocabularies")
    ctx = Context(seed=seed, lexicons=Lexicons.from_shared(data_dir), titles=title_pool(docs), alt_titles=alternative_titles(docs))
    splits = {d.story_id: split_of(seed, d.story_id) for d in docs}
    test_stories = {s for s, sp in splits.items() if sp == "test"}
    pairs = plan(docs, seed, RESERVED_LANGUAGES, test_stories, max_per_lang)
    records = list(_records(pairs, ctx, splits, progress))
    meta = {
        "command": f"farmguard corpus build --source {source} --out {out.name} --seed {seed}"
        + (f" --max-per-lang {max_per_lang}" if max_per_lang else "")
        + (f" --sources {','.join(sources)}" if set(sources) != set(SOURCES) else ""),
        "farmguard_version": __version__,
        "seed": seed,
        "max_per_lang": max_per_lang,
        "source": str(source),
        "source_documents": len(docs),
        "reserved_languages": list(RESERVED_LANGUAGES),
        "test_fraction": TEST_FRACTION,
    }
    return _finish(out, records, seed, meta, started, progress)


def demo_sources_path() -> Path:
    """The demo source texts shipped with farmguard (``training/data/demo_sources.jsonl``)."""
    return Path(str(resources.files("farmguard.training").joinpath("data", "demo_sources.jsonl")))


def demo_corpus_default_path() -> Path:
    """Where the committed demo corpus lives (``training/data/demo_corpus.jsonl``)."""
    return Path(str(resources.files("farmguard.training").joinpath("data", "demo_corpus.jsonl")))


def build_demo(out: str | Path | None = None, seed: int = DEFAULT_SEED, progress: NullProgress | None = None) -> BuildReport:
    """Build the embedded demo corpus from the package's own source texts (no ../shared needed).

    Every demo document gives two records of each label (two draws of each recipe), split by story
    (test fraction :data:`DEMO_TEST_FRACTION`: the demo has only ten stories).
    """
    started = time.monotonic()
    progress = progress or NullProgress()
    out = Path(out) if out else demo_corpus_default_path()
    progress.stage("read demo sources")
    docs = list(read_demo_sources(demo_sources_path()))
    ctx = Context(seed=seed, lexicons=Lexicons.from_package(), titles=title_pool(docs))
    splits = splits_by_rank(seed, [d.story_id for d in docs], DEMO_TEST_FRACTION)
    by_lang: dict[str, list[SourceDoc]] = {}
    for d in docs:
        by_lang.setdefault(d.lang, []).append(d)
    pairs: list[tuple[SourceDoc, str]] = []
    for lang in sorted(by_lang):
        all_test = lang in DEMO_RESERVED_LANGUAGES
        pairs += plan_language(by_lang[lang], seed, True, {d.story_id for d in by_lang[lang]} if not all_test else set(), None)
    assert all(label in LABEL_ORDER for _, label in pairs)
    records = list(_records(pairs, ctx, splits, progress, DEMO_VARIANTS))
    meta = {
        "command": f"farmguard corpus build --demo --out {out.name} --seed {seed}",
        "farmguard_version": __version__,
        "seed": seed,
        "max_per_lang": None,
        "source": "farmguard package data (training/data/demo_sources.jsonl)",
        "source_documents": len(docs),
        "reserved_languages": list(DEMO_RESERVED_LANGUAGES),
        "test_fraction": DEMO_TEST_FRACTION,
    }
    return _finish(out, records, seed, meta, started, progress)
