"""The ``farmguard`` command line (Typer). Thin: parse options, call the library, print.

Each command lives in its own module and imports heavy libraries inside the
command function, so ``farmguard --help`` and ``farmguard predict`` start fast.
"""

from __future__ import annotations

import signal
import sys

import typer

from farmguard import __version__

from farmguard.errors import FarmguardError

from . import corpus, evaluate, predict, signals, train
from .reporting import fail_line, quiet_broken_pipe, show_notes

app = typer.Typer(
    name="farmguard",
    help=(
        "Label news articles as original, syndicated (licensed copy with credit) or scraped "
        "(content-farm repost), with calibrated probabilities and the evidence behind them."
    ),
    epilog=(
        "Inputs: .jsonl/.ndjson, .csv, .parquet, .txt, .html/.htm (each may be .gz but Parquet), "
        "a directory of them (recursive, sorted), or - for stdin. "
        "Bad records are reported on stderr as 'file: line N: why' and skipped; the exit status is 1 "
        "when any record or input failed. Run 'farmguard COMMAND --help' for a command's options."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"farmguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the farmguard version and exit."
    ),
) -> None:
    """Label news articles as original, syndicated or scraped, with calibrated probabilities and evidence."""


app.command("train")(train.train)
app.command("predict")(predict.predict)
app.command("evaluate")(evaluate.evaluate)
app.command("signals")(signals.signals)
app.add_typer(corpus.app, name="corpus")


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends the command like Ctrl-C does: open outputs unwind (temporary files removed), exit 143."""
    typer.echo("farmguard: terminated", err=True)
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the ``farmguard`` script.

    Commands turn user errors into one line themselves (``reporting.user_errors``); this is
    the safety net for one that escapes, and for a closed stdout (``farmguard predict | head``).
    """
    show_notes()
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(prog_name="farmguard")
    except FarmguardError as exc:
        raise SystemExit(fail_line(str(exc))) from None
    except BrokenPipeError:
        quiet_broken_pipe()
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
