"""Evaluation of a saved model bundle on labelled data (design.md §6), and its terminal table.

The bundle is loaded through the serving API (:class:`farmguard.serving.classifier.Classifier`:
restricted unpickler, checksum, schema check) and scored and decided by it, so what is measured
is what ``farmguard predict`` does. Feature rows come from the training feature cache.

>>> fmt_row(["macro-F1", 0.91234], [10, 6])
'macro-F1    0.9123'
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from farmguard.article import LABELS

from .dataset import LabelledSet
from .metrics import classification_report, slice_reports


def load_classifier(path: str | Path) -> Any:
    """The bundle at ``path`` as a :class:`farmguard.serving.classifier.Classifier` (restricted loader,
    checksum and schema checks; a bad file raises ModelFileError with a one-line reason)."""
    from farmguard.serving.classifier import Classifier

    return Classifier.load(path)


def evaluate(
    classifier: Any,
    ds: LabelledSet,
    X: np.ndarray,
    by: Sequence[str] = (),
) -> dict[str, Any]:
    """The evaluation report of a serving ``classifier`` on ``ds`` (feature rows ``X``), sliced by ``by``.

    Keys: ``model``, ``model_sha256``, ``data``, ``data_fingerprint``, ``bad_records_skipped``,
    ``overall`` (:func:`metrics.classification_report`), ``review`` (share sent to review and the
    accuracy of the rest), ``slices`` (attribute -> value -> figures).
    """
    proba = classifier.predict_proba_features(X)
    overall = classification_report(ds.y, proba, LABELS)
    _, needs_review = classifier.policy.decide(proba)
    kept = ~needs_review
    correct = proba.argmax(axis=1) == ds.y if len(ds) else np.zeros(0, bool)
    review = {
        "fraction": round(float(needs_review.mean()), 4) if len(ds) else 0.0,
        "accuracy_kept": round(float(correct[kept].mean()), 4) if kept.any() else 0.0,
    }
    return {
        "model": classifier.source,
        "model_sha256": classifier.sha256,
        "data": ds.source,
        "data_fingerprint": ds.fingerprint(),
        "bad_records_skipped": ds.n_bad,
        "overall": overall,
        "review": review,
        "slices": {name: slice_reports(ds.y, proba, LABELS, ds.attribute(name)) for name in by},
    }


# --- the terminal table ------------------------------------------------------------------------


def fmt_row(cells: Sequence[Any], widths: Sequence[int]) -> str:
    """One left-aligned row; floats with 4 decimals."""
    out = []
    for cell, width in zip(cells, widths):
        text = f"{cell:.4f}" if isinstance(cell, float) and not math.isnan(cell) else str(cell)
        out.append(text.ljust(width))
    return "  ".join(out).rstrip()


def format_report(report: dict[str, Any], max_slice_rows: int = 60) -> str:
    """A readable multi-line table of an evaluation report.

    >>> r = {"model": "m.joblib", "data": "d.jsonl", "bad_records_skipped": 0, "review": {"fraction": 0.1,
    ...      "accuracy_kept": 0.99}, "slices": {}, "overall": classification_report(
    ...      np.array([0, 1, 2]), np.eye(3), LABELS)}
    >>> print(format_report(r).splitlines()[2])
    macro-F1 1.0000   accuracy 1.0000   FPR(original) 0.0000   Brier 0.0000   ECE 0.0000
    """
    o = report["overall"]
    lines = [
        f"model {report['model']}  on  {report['data']}  ({o['n']:,} articles"
        + (f", {report['bad_records_skipped']} bad records skipped)" if report.get("bad_records_skipped") else ")"),
        "",
        f"macro-F1 {o['macro_f1']:.4f}   accuracy {o['accuracy']:.4f}   FPR(original) {o['fpr_original']:.4f}   "
        f"Brier {o['brier']:.4f}   ECE {o['ece']:.4f}",
        f"needs_review {report['review']['fraction']:.1%} of articles; accuracy of the rest "
        f"{report['review']['accuracy_kept']:.4f}",
        "",
    ]
    widths = [12, 10, 8, 8, 8]
    lines.append(fmt_row(["label", "precision", "recall", "F1", "support"], widths))
    for label, f in o["per_class"].items():
        lines.append(fmt_row([label, f["precision"], f["recall"], f["f1"], f["support"]], widths))
    lines += ["", "confusion (rows true, columns predicted)"]
    cw = [12] + [11] * len(LABELS)
    lines.append(fmt_row([""] + list(LABELS), cw))
    for label, row in zip(LABELS, o["confusion"]):
        lines.append(fmt_row([label, *row], cw))
    for name, values in report.get("slices", {}).items():
        lines += ["", f"by {name}"]
        sw = [max(12, *(len(str(v)) for v in values))] + [7, 9, 9, 8] if values else [12, 7, 9, 9, 8]
        lines.append(fmt_row([name, "n", "macro-F1", "accuracy", "FPR(o)"], sw))
        rows = sorted(values.items(), key=lambda kv: (-kv[1]["n"], kv[0]))
        for value, f in rows[:max_slice_rows]:
            lines.append(fmt_row([value, f["n"], f["macro_f1"], f["accuracy"], f["fpr_original"]], sw))
        if len(rows) > max_slice_rows:
            lines.append(f"... {len(rows) - max_slice_rows} more (see --json)")
    return "\n".join(lines)
