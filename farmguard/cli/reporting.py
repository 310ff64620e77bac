"""How the CLI reports errors and batch outcomes to a user: one line each, no tracebacks.

>>> tally = BadRecords()
>>> tally.add(RecordError("in.jsonl", "line 3", "malformed JSON"))
>>> tally.summary()
'1 bad record skipped (first: in.jsonl: line 3: malformed JSON)'
"""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

import typer

from farmguard.errors import FarmguardError, RecordError


def fail(message: str) -> "typer.Exit":
    """Print ``farmguard: error: <message>`` on stderr and return the Exit(1) to raise."""
    typer.echo(f"farmguard: error: {message}", err=True)
    return typer.Exit(code=1)


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
