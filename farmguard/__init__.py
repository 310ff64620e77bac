"""farmguard: tell the original of a news article from its syndicated copies and content-farm scrapes.

Public names are imported lazily, so ``import farmguard`` stays cheap::

    from farmguard import Article, Classifier
    clf = Classifier.load()                      # the shipped default model
    pred = clf.predict("AMMAN (Reuters) - ...")   # Prediction(label=..., probabilities=...)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "1.0.0"

_LAZY = {
    "Article": "farmguard.article",
    "LABELS": "farmguard.article",
    "SourceLocation": "farmguard.article",
    "FarmguardError": "farmguard.errors",
    "InputError": "farmguard.errors",
    "RecordError": "farmguard.errors",
    "ModelFileError": "farmguard.errors",
    "read_articles": "farmguard.readers",
    "Classifier": "farmguard.serving.classifier",
    "Prediction": "farmguard.serving.classifier",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'farmguard' has no attribute {name!r}")
    return getattr(import_module(module), name)
