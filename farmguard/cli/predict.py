"""`farmguard predict`: label articles with the saved model, streaming, one output per input record.

    farmguard predict articles.jsonl                       # JSONL to stdout, shipped model
    farmguard predict pages/ --format table --explain      # a folder of .txt/.html, readable, with reasons
    farmguard predict - < feed.jsonl --output out.jsonl    # stdin; out.jsonl appears only when complete
    farmguard predict --examples --format table --explain  # the example articles shipped with farmguard

Every input record yields one prediction line or one ``farmguard: skipped: FILE: line N: why`` line
on stderr; the summary on stderr says how many of each, and the exit status is 1 when any record
failed (after all the others were processed). This module imports nothing heavy at import time,
and the command imports lightgbm without pandas/scikit-learn (see ``farmguard.serving.booster``),
so it starts fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional, TextIO

import typer

from .reporting import BadRecords, fail, stderr_is_terminal, user_errors

FORMATS = ("jsonl", "csv", "table")
POLICIES = ("default", "strict-original", "none")


def predict(
    inputs: Optional[list[str]] = typer.Argument(
        None, help="Files (.jsonl .csv .parquet .txt .html, optionally .gz), directories, or '-' for stdin.",
        show_default=False,
    ),
    model: Optional[Path] = typer.Option(
        None, "--model", "-m", help="A model bundle (.joblib) from `farmguard train`. Default: the shipped model.",
    ),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="Output format: jsonl, csv or table."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write here instead of stdout (atomically: a temp file renamed when done).",
    ),
    explain: bool = typer.Option(False, "--explain", help="Add the top signals behind each label, with evidence."),
    threshold_policy: str = typer.Option(
        "default", "--threshold-policy",
        help="default: bundle's review thresholds; strict-original: call 'scraped' only at >= 0.85 "
        "(else the best other label, flagged for review); none: never flag for review.",
    ),
    examples: bool = typer.Option(False, "--examples", help="Also predict the example articles shipped with farmguard."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Articles per model call."),
    max_chars: int = typer.Option(
        200_000, "--max-chars", min=100, help="Cut longer article text here (flagged in 'warnings')."
    ),
    max_line_bytes: int = typer.Option(16 << 20, "--max-line-bytes", min=1, help="Longest JSONL/CSV line accepted."),
    max_html_bytes: int = typer.Option(32 << 20, "--max-html-bytes", min=1, help="Largest HTML page accepted."),
    progress: Optional[bool] = typer.Option(
        None, "--progress/--no-progress", help="Progress on stderr (default: when stderr is a terminal).",
        show_default=False,
    ),
) -> None:
    """Label articles original, syndicated or scraped, with calibrated probabilities."""
    if fmt not in FORMATS:
        raise fail(f"unknown --format {fmt!r} (choose from {', '.join(FORMATS)})")
    if threshold_policy not in POLICIES:
        raise fail(f"unknown --threshold-policy {threshold_policy!r} (choose from {', '.join(POLICIES)})")
    sources: list[str | Path] = list(inputs or [])
    bad = BadRecords()
    predicted = 0
    with user_errors():
        if examples:
            sources.append(_examples_dir())
        if not sources:
            raise fail("no input: give files, directories, '-' for stdin, or --examples")

        from farmguard.readers import read_articles
        from farmguard.serving.classifier import Classifier
        from farmguard.serving.formats import writer

        clf = Classifier.load(model, policy=threshold_policy, max_chars=max_chars, lean_import=True)
        articles = read_articles(sources, on_error=bad.report, max_line_bytes=max_line_bytes,
                                 max_html_bytes=max_html_bytes)
        meter = _Progress(enabled=stderr_is_terminal() if progress is None else progress)
        try:
            with _destination(output) as stream:
                out = writer(fmt, stream)
                for prediction in clf.predict_many(articles, batch_size=batch_size, explain=explain,
                                                   on_error=bad.report):
                    out.write(prediction)
                    predicted += 1
                    meter.tick(predicted)
                out.close()
        finally:  # a closed stdout (`| head`) propagates to farmguard.cli.main, which exits quietly
            meter.clear()
    summary = f"farmguard predict: {predicted} predicted, {bad.count} failed"
    if output is not None:
        summary += f"; wrote {output}"
    typer.echo(summary, err=True)
    if bad.count:
        raise typer.Exit(code=1)


def _examples_dir() -> Path:
    folder = Path(str(resources.files("farmguard") / "examples"))
    if not folder.is_dir() or not any(folder.iterdir()):
        from farmguard.errors import InputError

        raise InputError(f"no example articles in this installation ({folder} is missing or empty)")
    return folder


@contextlib.contextmanager
def _destination(output: Path | None) -> Iterator[TextIO]:
    """stdout (UTF-8), or ``output`` written to a temporary file renamed into place on success."""
    if output is None:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")
        yield sys.stdout
        sys.stdout.flush()
        return
    from farmguard.output import atomic_output

    with atomic_output(output) as stream:
        yield stream


class _Progress:
    """``N articles, R/s`` on one stderr line, refreshed at most 4 times a second, after the first second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.next_at = self.start + 1.0
        self.shown = False

    def tick(self, n: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now < self.next_at:
            return
        self.next_at = now + 0.25
        rate = n / max(now - self.start, 1e-9)
        sys.stderr.write(f"\rfarmguard predict: {n:,} articles, {rate:,.0f}/s")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
