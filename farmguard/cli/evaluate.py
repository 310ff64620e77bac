"""`farmguard evaluate`: measure a model bundle on labelled articles.

    farmguard evaluate corpus/test.jsonl --model model.joblib --by lang,family,difficulty --json eval.json

Prints a readable table (macro-F1, per-class precision/recall/F1, false-positive rate on
originals, Brier, ECE, confusion matrix, the slices asked for); ``--json PATH`` writes the
full report for machines (``-`` for stdout). Logged to MLflow unless ``--no-track``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Optional

import typer

from .reporting import BadRecords, fail, user_errors

SLICES = ("lang", "family", "difficulty", "split", "label")


def _progress(message: str) -> None:
    typer.echo(f"farmguard evaluate: {message}", err=True)


def _write_json(path: str, report: dict) -> None:
    text = json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True)
    if path == "-":
        typer.echo(text)
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def evaluate(
    data: Path = typer.Argument(..., help="Labelled articles (any supported format; each record needs 'label')."),
    model: Path = typer.Option(..., "--model", "-m", help="Model bundle to evaluate."),
    by: str = typer.Option("", "--by", help="Comma-separated slices: lang, family, difficulty, split, label."),
    json_path: Optional[str] = typer.Option(None, "--json", help="Also write the full report as JSON here ('-': stdout)."),
    experiment: str = typer.Option("farmguard", "--experiment", help="MLflow experiment name."),
    tracking_uri: Optional[str] = typer.Option(
        None, "--tracking-uri", help="MLflow tracking URI (default: $MLFLOW_TRACKING_URI, else ./mlflow.db)."
    ),
    no_track: bool = typer.Option(False, "--no-track", help="Do not log the evaluation to MLflow."),
    jobs: int = typer.Option(-1, "--jobs", "-j", help="Worker processes for feature extraction (-1: one per core)."),
    cache_dir: str = typer.Option(".farmguard-cache", "--cache-dir", help="Feature cache folder ('' disables it)."),
) -> None:
    """Evaluate a model bundle: macro-F1, per-class P/R/F1, FPR on originals, Brier, ECE, confusion, slices."""
    slices = [s.strip() for s in by.split(",") if s.strip()]
    unknown = [s for s in slices if s not in SLICES and s != "families"]
    if unknown:
        raise fail(f"--by: unknown slice {unknown[0]!r} (choose from {', '.join(SLICES)})")
    with user_errors():
        from farmguard.training.dataset import load_labelled
        from farmguard.training.evaluate import evaluate as run_evaluation, format_report, load_classifier
        from farmguard.training.features_cache import FeatureCache

        classifier = load_classifier(model)
        bad = BadRecords()
        ds = load_labelled(data, on_bad=bad.report)
        if bad.count:
            _progress(bad.summary())
        cache = FeatureCache(cache_dir or None, n_jobs=jobs)
        X = cache.matrix(ds.articles, progress=_progress)
        report = run_evaluation(classifier, ds, X, by=slices)
        if json_path:
            _write_json(json_path, report)
        if json_path != "-":
            typer.echo(format_report(report))
        if not no_track:
            from farmguard.training import tracking

            ref = tracking.log_evaluation(report, str(data), str(model), experiment=experiment,
                                          tracking_uri=tracking_uri)
            _progress(f"logged to MLflow: run {ref.run_id} in experiment '{ref.experiment}' at {ref.tracking_uri}")
