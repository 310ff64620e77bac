"""`farmguard signals`: not built yet; its issue fills this module."""

from __future__ import annotations

from .reporting import not_built


def signals() -> None:
    """Not built yet."""
    raise not_built("signals", "open issue")
