"""Signal family `text_stats` (design.md §4): not built yet; its issue fills this module."""

from __future__ import annotations
