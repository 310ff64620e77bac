"""Writing predictions: JSON lines, CSV and a human-readable table.

Each writer takes a text stream and is fed one :class:`~farmguard.serving.classifier.Prediction`
at a time, so output streams as the input is read.

- ``jsonl``: one JSON object per line, fields in design.md §2 order, passthrough fields last.
  NaN never appears (a signal value that does not apply is ``null``).
- ``csv``: fixed columns ``id, label, p_original, p_syndicated, p_scraped, needs_review,
  model_version, reasons, warnings, extra``; ``reasons`` is ``signal (+effect): evidence | ...``,
  ``warnings`` is ``; ``-joined, ``extra`` is the JSON object of the passthrough fields.
- ``table``: for people at a terminal: label, probabilities, review flag, and with explanations
  the top reasons with their evidence, one indented line each.

>>> import io
>>> from farmguard.serving.classifier import Prediction
>>> p = Prediction("a1", "scraped", {"original": 0.02, "syndicated": 0.05, "scraped": 0.93}, False, "farmguard-1.0.0+abc")
>>> out = io.StringIO(); w = writer("csv", out); w.write(p); w.close()
>>> out.getvalue().splitlines()[1]
'a1,scraped,0.020000,0.050000,0.930000,false,farmguard-1.0.0+abc,,,{}'
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from farmguard.article import LABELS

from .classifier import LONE_SURROGATE, Prediction

FORMATS: tuple[str, ...] = ("jsonl", "csv", "table")

CSV_COLUMNS: tuple[str, ...] = (
    "id", "label", *(f"p_{label}" for label in LABELS), "needs_review", "model_version", "reasons", "warnings", "extra",
)


class PredictionWriter:
    """Base writer: ``write(prediction)`` for each, then ``close()`` (does not close the stream)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, prediction: Prediction) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


class JsonlWriter(PredictionWriter):
    """One JSON object per line (design.md §2)."""

    def write(self, prediction: Prediction) -> None:
        record = prediction.to_dict()
        try:
            line = json.dumps(record, ensure_ascii=False, allow_nan=False, default=str)
        except ValueError:  # a passthrough field holds NaN/inf (e.g. a Parquet gap): write null
            line = json.dumps(_finite(record), ensure_ascii=False, allow_nan=False, default=str)
        if LONE_SURROGATE.search(line):  # a lone surrogate (JSON allows "\\ud800" in input) cannot be UTF-8
            line = json.dumps(_finite(record), ensure_ascii=True, allow_nan=False, default=str)
        self.stream.write(line)
        self.stream.write("\n")


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by ``None``.

    >>> _finite({"a": [float("nan"), 1.0]})
    {'a': [None, 1.0]}
    """
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _reasons_text(prediction: Prediction) -> str:
    parts = []
    for r in prediction.reasons or []:
        ev = ", ".join(r.evidence[:3])
        parts.append(f"{r.signal} ({r.effect:+.3f})" + (f": {ev}" if ev else ""))
    return " | ".join(parts)


class CsvWriter(PredictionWriter):
    """A header row, then one row per prediction (see the module docstring for the columns)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._csv = csv.writer(stream, lineterminator="\n")
        self._csv.writerow(CSV_COLUMNS)

    def write(self, prediction: Prediction) -> None:
        extra = _finite(prediction.extra)
        self._csv.writerow(_printable_row([
            prediction.id,
            prediction.label,
            *(f"{prediction.probabilities[label]:.6f}" for label in LABELS),
            "true" if prediction.needs_review else "false",
            prediction.model_version,
            _reasons_text(prediction),
            "; ".join(prediction.warnings),
            json.dumps(extra, ensure_ascii=False, default=str) if extra else "{}",
        ]))


def _printable_row(cells: list[str]) -> list[str]:
    """Cells with lone surrogates replaced by U+FFFD, so the row can be written as UTF-8."""
    return [LONE_SURROGATE.sub("\ufffd", cell) for cell in cells]


class TableWriter(PredictionWriter):
    """Aligned columns for a terminal; reasons and warnings on indented lines below each row."""

    ID_WIDTH = 28

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        head = f"{'id':<{self.ID_WIDTH}} {'label':<11}" + "".join(f"{label:>11}" for label in LABELS) + "  review"
        stream.write(head + "\n" + "-" * len(head) + "\n")

    def write(self, prediction: Prediction) -> None:
        ident = prediction.id if len(prediction.id) <= self.ID_WIDTH else "…" + prediction.id[-(self.ID_WIDTH - 1):]
        probs = "".join(f"{prediction.probabilities[label]:>11.3f}" for label in LABELS)
        review = "  REVIEW" if prediction.needs_review else ""
        lines = [f"{ident:<{self.ID_WIDTH}} {prediction.label:<11}{probs}{review}"]
        for r in prediction.reasons or []:
            value = "n/a" if r.value is None else f"{r.value:g}"
            evidence = "; ".join(f'"{e}"' for e in r.evidence[:3])
            lines.append(f"    {r.effect:+.3f}  {r.signal} = {value}" + (f"  {evidence}" if evidence else ""))
        for w in prediction.warnings:
            lines.append(f"    warning: {w}")
        self.stream.write(LONE_SURROGATE.sub("\ufffd", "\n".join(lines)) + "\n")


def writer(fmt: str, stream: TextIO) -> PredictionWriter:
    """The writer for ``fmt`` (one of :data:`FORMATS`) on ``stream``."""
    kinds: dict[str, Any] = {"jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}
    if fmt not in kinds:
        raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return kinds[fmt](stream)
