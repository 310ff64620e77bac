"""`farmguard predict`: not built yet; its issue fills this module."""

from __future__ import annotations

from .reporting import not_built


def predict() -> None:
    """Not built yet."""
    raise not_built("predict", "open issue")
