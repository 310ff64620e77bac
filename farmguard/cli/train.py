"""`farmguard train`: train a model bundle on labelled articles, tracked in MLflow.

    farmguard train --demo --out demo-model.joblib            # the embedded demo corpus
    farmguard train corpus/train.jsonl --out model.joblib --config experiments/default.toml \\
        --experiment farmguard --tracking-uri http://127.0.0.1:5000

Heavy imports (lightgbm, scikit-learn, mlflow) happen inside the command.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from .reporting import BadRecords, fail, user_errors


def _progress(message: str) -> None:
    typer.echo(f"farmguard train: {message}", err=True)


def train(
    data: Optional[Path] = typer.Argument(
        None, help="Labelled articles (JSONL, CSV, Parquet, a folder...; each record needs 'label'). "
        "Omit it (or pass --demo) to train on the embedded demo corpus."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write the model bundle (.joblib)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML training config (see experiments/default.toml)."),
    experiment: str = typer.Option("farmguard", "--experiment", help="MLflow experiment name."),
    tracking_uri: Optional[str] = typer.Option(
        None, "--tracking-uri", help="MLflow tracking URI (default: $MLFLOW_TRACKING_URI, else ./mlflow.db)."
    ),
    no_track: bool = typer.Option(False, "--no-track", help="Do not log the run to MLflow."),
    demo: bool = typer.Option(False, "--demo", help="Train on the embedded demo corpus."),
    jobs: int = typer.Option(-1, "--jobs", "-j", help="Worker processes for feature extraction (-1: one per core)."),
    run_name: Optional[str] = typer.Option(None, "--run-name", help="MLflow run name."),
    register: Optional[str] = typer.Option(None, "--register", help="Register the MLflow model under this name."),
    alias: Optional[str] = typer.Option(None, "--alias", help="Alias for the registered version (with --register)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Extract features again instead of using the cache."),
) -> None:
    """Train a model bundle (LightGBM on the signals, calibrated) and log the run to MLflow."""
    started = time.perf_counter()
    if demo and data is not None:
        raise fail("give DATA or --demo, not both")
    if alias and not register:
        raise fail("--alias needs --register NAME")
    with user_errors():
        from farmguard.training.config import load_config
        from farmguard.training.dataset import demo_corpus_path, load_labelled

        cfg = load_config(config)
        source = demo_corpus_path() if data is None else data
        bad = BadRecords()
        _progress(f"reading {source}")
        ds = load_labelled(source, on_bad=bad.report)
        if bad.count:
            _progress(bad.summary())
        by_label = ds.counts()["by_label"]
        _progress(f"{len(ds):,} labelled articles: " + ", ".join(f"{v:,} {k}" for k, v in by_label.items()))

        from farmguard.serving.bundle import save_bundle
        from farmguard.training.trainer import train as train_model

        try:
            result = train_model(ds, cfg, cache_dir=None if no_cache else "", n_jobs=jobs, progress=_progress)
        except ValueError as exc:
            raise fail(f"{source}: {exc}") from None
        save_bundle(out, result.payload)
        size = out.stat().st_size
        run_ref = None
        if not no_track:
            from farmguard.training import tracking

            _progress(f"logging the run to MLflow ({tracking.resolve_tracking_uri(tracking_uri)})")
            run_ref = tracking.log_training(result, out, experiment=experiment, tracking_uri=tracking_uri,
                                            run_name=run_name, register_as=register, alias=alias)
    elapsed = time.perf_counter() - started
    s = result.split.sizes()
    lines = [
        f"model        {out} ({size / 1e6:.2f} MB, {result.best_iteration} rounds, "
        f"{len(result.feature_names)} features)",
        f"data         {source}: {len(ds):,} articles ({s['train']:,} train, {s['valid']:,} valid, {s['test']:,} test)",
        f"validation   macro-F1 {result.valid_report['macro_f1']:.4f}, FPR(original) "
        f"{result.valid_report['fpr_original']:.4f}, ECE {result.valid_report['ece']:.4f}",
    ]
    if result.test_report:
        lines.append(f"test         macro-F1 {result.test_report['macro_f1']:.4f}, FPR(original) "
                     f"{result.test_report['fpr_original']:.4f}")
    lines.append(f"review       needs_review if top probability < {result.review['min_top_probability']:.2f} "
                 f"or margin < {result.review['min_margin']:.2f} ({result.review['review_fraction']:.1%} of validation)")
    lines.append(f"time         {elapsed:.1f} s (features {result.timings['features']:.1f} s, "
                 f"training {result.timings['train']:.1f} s)")
    if run_ref is not None:
        lines.append(f"mlflow       run {run_ref.run_id} in experiment '{run_ref.experiment}' at {run_ref.tracking_uri}")
        if run_ref.registered_version:
            lines.append(f"registered   {register} version {run_ref.registered_version}" + (f" alias @{alias}" if alias else ""))
    typer.echo("\n".join(lines))
