"""The ``farmguard`` command line (Typer). Thin: parse options, call the library, print.

Each command lives in its own module and imports heavy libraries inside the
command function, so ``farmguard --help`` and ``farmguard predict`` start fast.
"""

from __future__ import annotations

import sys

import typer

from farmguard import __version__

from . import corpus, evaluate, predict, signals, train

app = typer.Typer(
    name="farmguard",
    help=(
        "Label news articles as original, syndicated (licensed copy with credit) or scraped "
        "(content-farm repost), with calibrated probabilities and the evidence behind them."
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
    """farmguard: original, syndicated or scraped?"""


app.command("train")(train.train)
app.command("predict")(predict.predict)
app.command("evaluate")(evaluate.evaluate)
app.command("signals")(signals.signals)
app.add_typer(corpus.app, name="corpus")


def main() -> None:
    """Entry point of the ``farmguard`` script."""
    app(prog_name="farmguard")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
