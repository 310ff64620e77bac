"""`farmguard corpus build`: not built yet; its issue fills this module."""

from __future__ import annotations

import typer

from .reporting import not_built

app = typer.Typer(help="Build the labelled corpus from real public data.", no_args_is_help=True)


@app.command("build")
def build() -> None:
    """Not built yet."""
    raise not_built("corpus build", "open issue")
