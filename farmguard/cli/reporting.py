"""How the CLI reports errors and batch outcomes to a user: one line each, no tracebacks.

>>> tally = BadRecords()
>>> tally.add(RecordError("in.jsonl", "line 3", "malformed JSON"))
>>> tally.summary()
'1 bad record skipped (first: in.jsonl: line 3: malformed JSON)'
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Iterator

import typer

from farmguard.errors import FarmguardError, RecordError


def fail(message: str) -> "typer.Exit":
    """Print ``farmguard: error: <message>`` on stderr and return the Exit(1) to raise."""
    return typer.Exit(code=fail_line(message))


def fail_line(message: str) -> int:
    """Print ``farmguard: error: <message>`` (newlines folded: one line) on stderr; return exit status 1."""
    typer.echo(f"farmguard: error: {' '.join(str(message).split())}", err=True)
    return 1


class _NoteFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"farmguard: note: {' '.join(record.getMessage().split())}"


def show_notes(level: int = logging.WARNING) -> None:
    """Print library notes (``logging`` under ``farmguard``, e.g. skipped files) as one stderr line each.

    >>> show_notes(); logging.getLogger("farmguard.readers").warning("inbox: skipped 2 files")  # doctest: +SKIP
    farmguard: note: inbox: skipped 2 files
    """
    logger = logging.getLogger("farmguard")
    if any(getattr(h, "_farmguard_notes", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_NoteFormatter())
    handler._farmguard_notes = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def quiet_broken_pipe() -> None:
    """After stdout was closed by the reader (``| head``), keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn every farmguard user error into one stderr line and exit status 1 (no traceback)."""
    try:
        yield
    except FarmguardError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        typer.echo("farmguard: interrupted", err=True)
        raise typer.Exit(code=130) from None


class BadRecords:
    """Counts the bad records of a batch and keeps the first few locations for the summary."""

    SHOW = 3

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    def add(self, error: RecordError) -> None:
        self.count += 1
        if len(self.first) < self.SHOW:
            self.first.append(str(error))

    def report(self, error: RecordError) -> None:
        """Count ``error`` and print it as one line on stderr."""
        self.add(error)
        typer.echo(f"farmguard: skipped: {error}", err=True)

    def summary(self) -> str:
        noun = "record" if self.count == 1 else "records"
        return f"{self.count} bad {noun} skipped (first: {'; '.join(self.first)})"


def not_built(command: str, issue: str) -> "typer.Exit":
    """The honest answer of a command whose issue has not landed yet: says so, exit status 2."""
    typer.echo(f"farmguard {command}: not built yet ({issue}).", err=True)
    return typer.Exit(code=2)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
