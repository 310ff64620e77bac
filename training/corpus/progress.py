"""Progress reporting of a build: silent by default, a one-line bar on a terminal (stderr).

>>> p = NullProgress(); p.stage("reading", 10); p.advance(3); p.done()
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class NullProgress:
    """Reports nothing (library use, tests, non-terminal stderr)."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class TerminalProgress(NullProgress):
    """A single updating line: ``stage [#####.....] 512/1024 3.1s``, redrawn at most 10 times a second."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.name = ""
        self.total: int | None = None
        self.count = 0
        self.start = time.monotonic()
        self.last = 0.0

    def stage(self, name: str, total: int | None = None) -> None:
        self._finish_line()
        self.name, self.total, self.count = name, total, 0
        self.start = time.monotonic()
        self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        self.count += n
        self._draw()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        elapsed = now - self.start
        if self.total:
            filled = int(self.WIDTH * min(1.0, self.count / self.total))
            bar = "#" * filled + "." * (self.WIDTH - filled)
            line = f"\r{self.name:<24} [{bar}] {self.count}/{self.total} {elapsed:5.1f}s"
        else:
            line = f"\r{self.name:<24} {self.count} {elapsed:5.1f}s"
        self.stream.write(line)
        self.stream.flush()

    def _finish_line(self) -> None:
        if self.name:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def done(self) -> None:
        self._finish_line()
        self.name = ""
