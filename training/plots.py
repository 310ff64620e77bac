"""The PNG figures a training or evaluation run logs: confusion matrix, feature importance, calibration.

matplotlib is imported inside each function and drives an off-screen Agg canvas
directly (no global backend switch, no display needed).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> confusion_png([[5, 1, 0], [0, 4, 1], [0, 0, 6]], ["original", "syndicated", "scraped"], out / "cm.png").stat().st_size > 1000
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Any, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(p, format="png")
    return p


def confusion_png(matrix: Sequence[Sequence[int]], labels: Sequence[str], path: str | Path,
                  title: str = "Confusion matrix") -> Path:
    """Draw the confusion matrix (rows: true label, columns: predicted) with counts in the cells."""
    import numpy as np

    cm = np.asarray(matrix, dtype=np.int64)
    fig = _figure(4.8, 4.2)
    ax = fig.add_subplot(1, 1, 1)
    row_sums = cm.sum(axis=1, keepdims=True)
    share = np.divide(cm, np.maximum(row_sums, 1))
    ax.imshow(share, cmap="Blues", vmin=0.0, vmax=1.0)
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                    color="white" if share[i, j] > 0.6 else "black", fontsize=11)
    ax.set_xticks(range(len(labels)), labels=list(labels))
    ax.set_yticks(range(len(labels)), labels=list(labels))
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    return _save(fig, path)


def importance_png(importance: Mapping[str, float], path: str | Path, top: int = 25,
                   title: str = "Feature importance (gain)") -> Path:
    """Horizontal bars of the ``top`` features by total gain.

    >>> import tempfile, pathlib
    >>> importance_png({"spam.tail": 40.0, "credit.dateline": 12.5}, pathlib.Path(tempfile.mkdtemp()) / "i.png").suffix
    '.png'
    """
    items = sorted(importance.items(), key=lambda kv: kv[1], reverse=True)[:top]
    items.reverse()
    fig = _figure(7.0, max(2.5, 0.28 * len(items) + 1.0))
    ax = fig.add_subplot(1, 1, 1)
    ax.barh([name for name, _ in items], [value for _, value in items], color="#4c72b0")
    ax.set_xlabel("total gain")
    ax.set_title(title)
    ax.tick_params(axis="y", labelsize=8)
    return _save(fig, path)


def calibration_png(bins: Sequence[Mapping[str, float]], path: str | Path, title: str = "Calibration (top label)",
                    extra: Mapping[str, Sequence[Mapping[str, float]]] | None = None) -> Path:
    """Reliability diagram: accuracy against mean confidence per bin (from :func:`metrics.calibration_bins`).

    ``extra`` draws further curves (e.g. before calibration) under their names.
    """
    fig = _figure(4.8, 4.4)
    ax = fig.add_subplot(1, 1, 1)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfect")
    curves = {"calibrated": bins, **(extra or {})}
    for name, points in curves.items():
        if points:
            ax.plot([b["confidence"] for b in points], [b["accuracy"] for b in points], marker="o", label=name)
    ax.set_xlim(0.3, 1.0)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("mean predicted probability of the top label")
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path)
