"""`farmguard corpus build`: build the labelled corpus (or the embedded demo corpus) and its datasheet.

Examples::

    farmguard corpus build --source ../shared/data --out corpus/benchmark.jsonl --seed 13
    farmguard corpus build --source ../shared/data --out small.parquet --max-per-lang 30
    farmguard corpus build --demo --out demo.jsonl
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .reporting import fail, stderr_is_terminal, user_errors

app = typer.Typer(help="Build the labelled corpus from real public data.", no_args_is_help=True)


@app.command("build")
def build(
    out: Path = typer.Option(..., "--out", help="Output corpus file: .jsonl or .parquet (datasheet written next to it)."),
    source: Optional[Path] = typer.Option(None, "--source", help="The shared data folder (e.g. ../shared/data)."),
    seed: int = typer.Option(13, "--seed", help="Seed of every random choice; same seed, byte-identical output."),
    max_per_lang: Optional[int] = typer.Option(None, "--max-per-lang", help="Cap on records per language (for small builds)."),
    demo: bool = typer.Option(False, "--demo", help="Build the embedded demo corpus from farmguard's own source texts."),
    sources: str = typer.Option("ntrex,wmt,clusters,web", "--sources", help="Comma-separated source readers to use."),
) -> None:
    """Build a labelled corpus (original / syndicated / scraped) with story-grouped train/test splits."""
    from farmguard.training.corpus.builder import build as build_corpus
    from farmguard.training.corpus.builder import build_demo
    from farmguard.training.corpus.progress import NullProgress, TerminalProgress

    progress = TerminalProgress() if stderr_is_terminal() else NullProgress()
    with user_errors():
        if demo:
            if source is not None or max_per_lang is not None:
                raise fail("--demo builds from farmguard's own texts: do not combine it with --source/--max-per-lang")
            report = build_demo(out, seed=seed, progress=progress)
        else:
            if source is None:
                raise fail("--source is required (the shared data folder, e.g. ../shared/data), or use --demo")
            names = [s.strip() for s in sources.split(",") if s.strip()]
            report = build_corpus(source, out, seed=seed, max_per_lang=max_per_lang, progress=progress, sources=names)
    labels = ", ".join(f"{k} {v}" for k, v in report.counts["label"].items())
    typer.echo(
        f"wrote {report.records} records ({labels}; {report.counts['languages']} languages) to {report.out} "
        f"in {report.seconds:.1f}s; datasheet {report.datasheet}",
        err=True,
    )
