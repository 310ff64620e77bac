"""`farmguard train`: not built yet; its issue fills this module."""

from __future__ import annotations

from .reporting import not_built


def train() -> None:
    """Not built yet."""
    raise not_built("train", "open issue")
