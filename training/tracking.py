"""MLflow tracking of training and evaluation runs: the only module of farmguard that imports mlflow.

mlflow is imported lazily (it costs ~2.4 s), so importing this module is cheap and a run with
``--no-track`` never pays for it.

Where runs go (:func:`resolve_tracking_uri`): the ``--tracking-uri`` option, else the
``MLFLOW_TRACKING_URI`` environment variable, else the embedded default: a SQLite store
``mlflow.db`` in the working directory with artifacts under ``./mlruns`` (no server).
Point the URI at a server (``http://127.0.0.1:5000``) to log there instead.

What a training run logs (:func:`log_training`):

- params: the whole config (``model.num_leaves`` ...), the feature schema name/version and width,
  the data source, fingerprint, split method and sizes, counts per label;
- metrics: validation (and test, when the data has a test split) macro-F1, accuracy, per-class
  precision/recall/F1, false-positive rate on originals, Brier, ECE; per-slice macro-F1 /
  accuracy / n (``valid.lang.en.macro_f1``); calibration temperature and its held-out check;
  review thresholds; timings;
- artifacts: ``plots/confusion_valid.png`` (and ``_test``), ``plots/importance_gain.png``,
  ``plots/calibration_valid.png``, ``reports/*.json`` (full reports, slices, importance), the
  bundle under ``bundle/``, and an MLflow model ``model`` (pyfunc flavour wrapping the bundle, with
  a signature: text columns in, label + calibrated probabilities out), optionally registered under
  a name with an alias.

>>> resolve_tracking_uri("http://127.0.0.1:5000")
'http://127.0.0.1:5000'
>>> sanitize_metric_name("valid.family.residue:wp/comment form")
'valid.family.residue_wp/comment form'
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

import numpy as np

from farmguard import __version__
from farmguard.article import LABELS

ENV_URI = "MLFLOW_TRACKING_URI"
DEFAULT_EXPERIMENT = "farmguard"
DEFAULT_DB = "mlflow.db"
MODEL_NAME = "model"
_BAD_METRIC_CHARS = re.compile(r"[^A-Za-z0-9_\-. /]")

INPUT_COLUMNS = ("text", "title", "url", "lang")
"""Columns the logged MLflow model accepts (only ``text`` is required)."""
INPUT_EXAMPLE = {"text": ["AMMAN (Reuters) - Syrian government forces advanced on Sunday, residents said."],
                 "title": ["Syrian forces advance"], "url": ["https://example.com/world/syria"], "lang": ["en"]}
OUTPUT_COLUMNS = ("label", *(f"p_{label}" for label in LABELS), "needs_review")


def default_tracking_uri(cwd: str | Path | None = None) -> str:
    """The embedded store: ``sqlite:///<cwd>/mlflow.db`` (artifacts go to ``<cwd>/mlruns``).

    >>> default_tracking_uri("/tmp/x")
    'sqlite:////tmp/x/mlflow.db'
    """
    return f"sqlite:///{Path(cwd or os.getcwd()).resolve() / DEFAULT_DB}"


def resolve_tracking_uri(uri: str | None = None) -> str:
    """``uri``, else ``$MLFLOW_TRACKING_URI``, else :func:`default_tracking_uri`."""
    return uri or os.environ.get(ENV_URI) or default_tracking_uri()


def sanitize_metric_name(name: str) -> str:
    """Replace characters MLflow refuses in metric/param names with ``_``."""
    return _BAD_METRIC_CHARS.sub("_", name)


def _mlflow() -> Any:
    import logging

    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    import mlflow

    # mlflow's alembic migrations and store setup log at INFO on first use; keep the CLI quiet.
    for name in ("alembic", "mlflow.store.db.utils", "mlflow.tracking.fluent", "mlflow.models.model"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return mlflow


@dataclass(frozen=True)
class RunRef:
    """Where a logged run lives."""

    run_id: str
    experiment_id: str
    experiment: str
    tracking_uri: str
    model_uri: str | None = None
    registered_version: str | None = None


class TrackedRun:
    """An open MLflow run: thin, typed helpers over the fluent API (see :func:`tracked_run`)."""

    def __init__(self, mlflow: Any, run: Any, tmp: Path) -> None:
        self.mlflow = mlflow
        self.run = run
        self.tmp = tmp
        self.model_uri: str | None = None
        self.registered_version: str | None = None

    @property
    def run_id(self) -> str:
        return self.run.info.run_id

    def params(self, params: Mapping[str, Any]) -> None:
        clean = {sanitize_metric_name(k): ("" if v is None else str(v))[:6000] for k, v in params.items()}
        self.mlflow.log_params(clean)

    def metrics(self, metrics: Mapping[str, float], step: int | None = None) -> None:
        clean = {}
        for k, v in metrics.items():
            if v is None:
                continue
            value = float(v)
            if math.isfinite(value):
                clean[sanitize_metric_name(k)] = value
        if clean:
            self.mlflow.log_metrics(clean, step=step)

    def tags(self, tags: Mapping[str, Any]) -> None:
        self.mlflow.set_tags({k: str(v) for k, v in tags.items()})

    def json(self, obj: Any, name: str, folder: str = "reports") -> None:
        path = self.tmp / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(obj, indent=1, sort_keys=True, default=_json_default), encoding="utf-8")
        self.mlflow.log_artifact(str(path), artifact_path=folder)

    def file(self, path: str | Path, folder: str | None = None) -> None:
        self.mlflow.log_artifact(str(path), artifact_path=folder)

    def plot(self, draw: Any, name: str, *args: Any, **kwargs: Any) -> None:
        """Draw a PNG with ``draw(*args, path, **kwargs)`` from :mod:`.plots` and log it under ``plots/``."""
        path = self.tmp / "plots" / name
        draw(*args, path, **kwargs)
        self.mlflow.log_artifact(str(path), artifact_path="plots")

    def model(self, bundle_path: str | Path, register_as: str | None = None, alias: str | None = None) -> str:
        """Log the bundle as an MLflow pyfunc model with a signature; optionally register it with an alias."""
        import logging
        import warnings

        mlflow = self.mlflow
        pyfunc_logger = logging.getLogger("mlflow.pyfunc")
        level = pyfunc_logger.level
        # mlflow warns that a python_model object is cloudpickled: ours pickles as a reference to
        # farmguard.training.tracking.FarmguardPyfunc (no code is serialised), and the bundle it loads
        # is read by farmguard's restricted loader.
        pyfunc_logger.setLevel(logging.ERROR)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                info = mlflow.pyfunc.log_model(
                    name=MODEL_NAME,
                    python_model=pyfunc_class()(),
                    artifacts={"bundle": str(bundle_path)},
                    signature=model_signature(),
                    input_example=INPUT_EXAMPLE,
                    pip_requirements=[f"farmguard=={__version__}"],
                    metadata={"farmguard_version": __version__},
                )
        finally:
            pyfunc_logger.setLevel(level)
        self.model_uri = info.model_uri
        if register_as:
            version = mlflow.register_model(info.model_uri, register_as)
            self.registered_version = str(version.version)
            if alias:
                mlflow.MlflowClient().set_registered_model_alias(register_as, alias, version.version)
        return info.model_uri


def _json_default(value: Any) -> Any:
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


@contextmanager
def tracked_run(
    experiment: str = DEFAULT_EXPERIMENT,
    tracking_uri: str | None = None,
    run_name: str | None = None,
    tags: Mapping[str, Any] | None = None,
) -> Iterator[TrackedRun]:
    """Open an MLflow run in ``experiment`` at the resolved tracking URI; end it (FAILED on error).

    >>> import tempfile
    >>> uri = default_tracking_uri(tempfile.mkdtemp())
    >>> with tracked_run("doc", uri, "doctest") as run:  # doctest: +SKIP
    ...     run.metrics({"macro_f1": 0.9})
    """
    mlflow = _mlflow()
    uri = resolve_tracking_uri(tracking_uri)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    _ensure_experiment(mlflow, experiment, uri)
    with tempfile.TemporaryDirectory(prefix="farmguard-mlflow-") as tmp:
        with mlflow.start_run(run_name=run_name) as run:
            tracked = TrackedRun(mlflow, run, Path(tmp))
            tracked.tags({"farmguard_version": __version__, **(tags or {})})
            yield tracked


def _ensure_experiment(mlflow: Any, experiment: str, uri: str) -> None:
    """Select ``experiment``, creating it if needed. A new experiment in a SQLite store keeps its
    artifacts in ``mlruns/`` next to the database file (not in whatever folder the command ran from)."""
    if mlflow.get_experiment_by_name(experiment) is None and uri.startswith("sqlite:///"):
        db = Path(uri[len("sqlite:///"):])
        try:
            mlflow.create_experiment(experiment, artifact_location=(db.parent / "mlruns").resolve().as_uri())
        except Exception:  # created meanwhile by a concurrent run: use it
            if mlflow.get_experiment_by_name(experiment) is None:
                raise
    mlflow.set_experiment(experiment)


def _ref(run: TrackedRun, experiment: str) -> RunRef:
    return RunRef(run.run_id, run.run.info.experiment_id, experiment, run.mlflow.get_tracking_uri(),
                  run.model_uri, run.registered_version)


def model_signature() -> Any:
    """The MLflow model's signature: string columns in (``text`` required), label + probabilities out."""
    from mlflow.models import ModelSignature
    from mlflow.types.schema import ColSpec, Schema

    inputs = Schema([ColSpec("string", "text")] + [ColSpec("string", c, required=False) for c in INPUT_COLUMNS[1:]])
    outputs = Schema(
        [ColSpec("string", "label")]
        + [ColSpec("double", f"p_{label}") for label in LABELS]
        + [ColSpec("boolean", "needs_review")]
    )
    return ModelSignature(inputs=inputs, outputs=outputs)


def _slice_metrics(prefix: str, slices: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for attribute, values in slices.items():
        for value, figures in values.items():
            for key in ("n", "macro_f1", "accuracy", "fpr_original"):
                out[f"{prefix}.{attribute}.{value}.{key}"] = float(figures[key])
    return out


def uncalibrated_bins(proba: np.ndarray, y: np.ndarray, temperature: float) -> list[dict[str, float]]:
    """Reliability bins of LightGBM's own softmax, recovered from calibrated probabilities and ``T``."""
    from .metrics import calibration_bins

    if len(y) == 0:
        return []
    logits = temperature * np.log(np.clip(proba, 1e-300, 1.0))
    logits -= logits.max(axis=1, keepdims=True)
    raw = np.exp(logits)
    raw /= raw.sum(axis=1, keepdims=True)
    return calibration_bins(y, raw)


def log_training(
    result: Any,
    bundle_path: str | Path,
    experiment: str = DEFAULT_EXPERIMENT,
    tracking_uri: str | None = None,
    run_name: str | None = None,
    register_as: str | None = None,
    alias: str | None = None,
    log_model: bool = True,
    extra_params: Mapping[str, Any] | None = None,
) -> RunRef:
    """Log a :class:`~farmguard.training.trainer.TrainResult` and its bundle as one MLflow run."""
    from . import metrics as m
    from . import plots

    payload = result.payload
    training = payload["training"]
    with tracked_run(experiment, tracking_uri, run_name, {"kind": "train",
                                                          "data_fingerprint": result.fingerprint}) as run:
        params: dict[str, Any] = {
            "schema_name": payload["schema_name"],
            "schema_version": payload["schema_version"],
            "n_features": len(payload["feature_names"]),
            "data_source": training["data_source"],
            "data_fingerprint": result.fingerprint,
            "split_method": result.split.method,
            **{f"n_{k}": v for k, v in result.split.sizes().items()},
            **{f"count_{k}": v for k, v in result.counts["by_label"].items()},
            "n_languages": len(result.counts["by_lang"]),
            "n_stories": result.counts["n_stories"],
            "bad_records_skipped": result.counts["bad_records_skipped"],
        }
        params.update({k: v for k, v in _flat_config(training["config"]).items()})
        params.update(extra_params or {})
        run.params(params)
        metrics = m.flat_metrics(result.valid_report, "valid_")
        if result.test_report:
            metrics.update(m.flat_metrics(result.test_report, "test_"))
        metrics.update(_slice_metrics("valid", result.valid_slices))
        metrics.update(_slice_metrics("test", result.test_slices))
        metrics.update({
            "best_iteration": result.best_iteration,
            "calibration_temperature": result.calibration["temperature"],
            "calibration_nll_before": result.calibration.get("nll_before"),
            "calibration_nll_after": result.calibration.get("nll_after"),
            "review_min_top_probability": result.review["min_top_probability"],
            "review_min_margin": result.review["min_margin"],
            "review_fraction_valid": result.review["review_fraction"],
            **{f"seconds_{k}": v for k, v in result.timings.items()},
        })
        if result.calibration_check.get("checked"):
            metrics["calibration_check_ece_uncalibrated"] = result.calibration_check["ece_uncalibrated"]
            metrics["calibration_check_ece_heldout"] = result.calibration_check["ece_heldout_calibrated"]
        run.metrics(metrics)

        run.json(result.valid_report, "valid_report.json")
        run.json(result.valid_slices, "valid_slices.json")
        if result.test_report:
            run.json(result.test_report, "test_report.json")
            run.json(result.test_slices, "test_slices.json")
        run.json(result.importance_gain, "importance_gain.json")
        run.json({k: v for k, v in training.items()}, "training_metadata.json")

        labels = list(LABELS)
        run.plot(plots.confusion_png, "confusion_valid.png", result.valid_report["confusion"], labels,
                 title="Confusion matrix (validation)")
        if result.test_report:
            run.plot(plots.confusion_png, "confusion_test.png", result.test_report["confusion"], labels,
                     title="Confusion matrix (test)")
        run.plot(plots.importance_png, "importance_gain.png", result.importance_gain)
        before = uncalibrated_bins(result.valid_proba, result.valid_y, result.calibration["temperature"])
        run.plot(plots.calibration_png, "calibration_valid.png", result.valid_report["calibration"],
                 title="Calibration (validation)", extra={"before temperature": before})

        run.file(bundle_path, "bundle")
        if log_model:
            run.model(bundle_path, register_as, alias)
        return _ref(run, experiment)


def _flat_config(config: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {f"{section}.{key}": value for section, values in config.items() for key, value in values.items()}


def log_evaluation(
    report: Mapping[str, Any],
    data_path: str,
    model_path: str,
    experiment: str = DEFAULT_EXPERIMENT,
    tracking_uri: str | None = None,
    run_name: str | None = None,
    prefix: str = "eval",
    tags: Mapping[str, Any] | None = None,
) -> RunRef:
    """Log an evaluation report (from :func:`farmguard.training.evaluate.evaluate`) as one MLflow run."""
    from . import metrics as m
    from . import plots

    with tracked_run(experiment, tracking_uri, run_name, {"kind": "evaluate", **(tags or {})}) as run:
        run.params({"data": data_path, "model": model_path, "model_sha256": report.get("model_sha256", ""),
                    "data_fingerprint": report.get("data_fingerprint", ""), "n": report["overall"]["n"]})
        metrics = m.flat_metrics(report["overall"], f"{prefix}_")
        metrics.update(_slice_metrics(prefix, report.get("slices", {})))
        run.metrics(metrics)
        run.json(report, f"{prefix}_report.json")
        run.plot(plots.confusion_png, f"confusion_{prefix}.png", report["overall"]["confusion"], list(LABELS),
                 title=f"Confusion matrix ({prefix})")
        run.plot(plots.calibration_png, f"calibration_{prefix}.png", report["overall"]["calibration"],
                 title=f"Calibration ({prefix})")
        return _ref(run, experiment)


def log_comparison_entry(
    name: str,
    report: Mapping[str, Any],
    params: Mapping[str, Any],
    slices: Mapping[str, Any] | None = None,
    experiment: str = DEFAULT_EXPERIMENT,
    tracking_uri: str | None = None,
    extra_metrics: Mapping[str, float] | None = None,
) -> RunRef:
    """Log one row of a comparison (a baseline, an ablation) as a run named ``name``."""
    from . import metrics as m

    with tracked_run(experiment, tracking_uri, name, {"kind": "comparison"}) as run:
        run.params(params)
        metrics = m.flat_metrics(report, "test_")
        metrics.update(_slice_metrics("test", slices or {}))
        metrics.update(extra_metrics or {})
        run.metrics(metrics)
        run.json({"report": report, "slices": slices or {}}, "test_report.json")
        return _ref(run, experiment)


# --- the MLflow model: a pyfunc wrapping the bundle ---------------------------------------------


def _build_pyfunc_class() -> type:
    mlflow = _mlflow()

    class FarmguardPyfunc(mlflow.pyfunc.PythonModel):  # type: ignore[name-defined,misc]
        """MLflow pyfunc model over a farmguard bundle: a DataFrame with ``text`` (and optional
        ``title``, ``url``, ``lang``) in, ``label``, ``p_<label>`` and ``needs_review`` out."""

        # The signature is given explicitly when logging; no schema from predict()'s type hints.
        _skip_type_hint_validation = True

        def load_context(self, context: Any) -> None:
            from .evaluate import load_classifier

            self._classifier = load_classifier(context.artifacts["bundle"])

        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            import pandas as pd

            from farmguard.article import Article

            frame = pd.DataFrame(model_input)
            if "text" not in frame.columns:
                raise ValueError("the input needs a 'text' column")
            articles = []
            for row in frame.to_dict("records"):
                values = {c: (None if row.get(c) is None or row.get(c) != row.get(c) else str(row[c]))
                          for c in INPUT_COLUMNS}
                articles.append(Article(text=values["text"] or "", title=values["title"], url=values["url"],
                                        lang=values["lang"]))
            rows = []
            for pred in self._classifier.predict_many(articles):
                rows.append({"label": pred.label, **{f"p_{k}": float(v) for k, v in pred.probabilities.items()},
                             "needs_review": bool(pred.needs_review)})
            return pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))

    FarmguardPyfunc.__module__ = __name__
    FarmguardPyfunc.__qualname__ = "FarmguardPyfunc"
    return FarmguardPyfunc


def pyfunc_class() -> type:
    """The ``FarmguardPyfunc`` class (an ``mlflow.pyfunc.PythonModel``), built on first use."""
    import sys

    return getattr(sys.modules[__name__], "FarmguardPyfunc")


def __getattr__(name: str) -> Any:
    # The pyfunc class subclasses mlflow's PythonModel, so it is built on first use (importing this
    # module stays cheap). It is then a real module attribute: pickles refer to it by name.
    if name == "FarmguardPyfunc":
        cls = _build_pyfunc_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
