"""`farmguard signals`: every signal's value and evidence for each article, as a table or JSON lines.

Thin: reads the inputs with :func:`farmguard.readers.read_articles`, runs
:func:`farmguard.features.signal_values` on each article and prints. The feature
library is imported inside the command so that ``farmguard --help`` stays fast.
"""

from __future__ import annotations

import inspect
import json
import math
from enum import Enum
from typing import TYPE_CHECKING, Iterable

import typer

from .reporting import BadRecords, user_errors

if TYPE_CHECKING:  # pragma: no cover
    from farmguard.article import Article
    from farmguard.features.vector import SignalValue


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


def signals(
    inputs: list[str] = typer.Argument(
        ...,
        metavar="INPUT...",
        help="Files (.jsonl, .csv, .parquet, .txt, .html; .gz allowed), directories (read recursively), or - for stdin.",
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.table,
        "--format",
        "-f",
        case_sensitive=False,
        help="table: per article, the signals that fired, grouped by family, evidence quoted. "
        "jsonl: one JSON object per article with every signal's value (null = not applicable) and evidence.",
    ),
    show_all: bool = typer.Option(
        False,
        "--all",
        "-a",
        help="table: list every signal, including those at 0 or not applicable (n/a), not only those that fired.",
    ),
    max_chars: int = typer.Option(
        200_000, "--max-chars", min=100, help="Cut longer article text here (flagged: 'text truncated to N characters')."
    ),
    max_line_bytes: int = typer.Option(16 << 20, "--max-line-bytes", min=1, help="Longest JSONL/CSV line accepted."),
    max_html_bytes: int = typer.Option(32 << 20, "--max-html-bytes", min=1, help="Largest HTML page accepted."),
) -> None:
    """Show every signal's value and the text that triggered it, for each article of INPUT.

    In the table, a signal has fired when its value is non-zero and applicable: always for the
    indicator signals (matched phrases, credit lines, spam tails), and for the continuous measures
    (lengths, ratios, readability) only when they quote evidence such as a repeated line. Use --all
    to see every value. Bad records are reported on stderr, one line each, and skipped; the command
    then exits with status 1 after printing all the others.

    Examples:

        farmguard signals article.txt

        farmguard signals --format jsonl crawl.jsonl.gz > signals.jsonl

        cat page.html | farmguard signals -
    """
    from farmguard.features.document import Document
    from farmguard.features.vector import signal_values, specs
    from farmguard.readers import read_articles

    indicators = {spec.name: spec.indicator for spec in specs()}
    tally = BadRecords()
    first = True
    with user_errors():
        for article in read_articles(inputs, on_error=tally.report, max_line_bytes=max_line_bytes,
                                     max_html_bytes=max_html_bytes):
            doc = Document.from_article(article, max_chars)
            values = signal_values(doc)
            note = f"text truncated to {max_chars} characters" if doc.truncated else None
            if output_format is OutputFormat.jsonl:
                line = jsonl_line(article, doc.lang, values)
                typer.echo(line[:-1] + f', "warnings": ["{note}"]}}' if note else line)
            else:
                if not first:
                    typer.echo("")
                block = table(article, doc.lang, values, indicators, show_all)
                typer.echo(block.replace("\n", f"  ({note})\n", 1) if note and "\n" in block else block)
            first = False
    if tally.count:
        typer.echo(f"farmguard signals: {tally.summary()}", err=True)
        raise typer.Exit(code=1)


def _reflow(doc: str) -> str:
    """Join the hard-wrapped lines of each paragraph so that the terminal re-wraps the help text itself.

    >>> _reflow("First line.\\n\\n    Second paragraph\\n    wraps here.")
    'First line.\\n\\nSecond paragraph wraps here.'
    """
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


signals.__doc__ = _reflow(signals.__doc__ or "")


def jsonl_line(article: "Article", lang: str, values: Iterable["SignalValue"]) -> str:
    """One article's signals as a JSON object: id, lang and ``signals`` {name: {value, evidence}}.

    NaN (not applicable) is written as ``null`` so that every JSON parser reads the line.

    >>> from farmguard.article import Article
    >>> from farmguard.features.vector import SignalValue
    >>> jsonl_line(Article(text="x", id="a1"), "id", [SignalValue("spam.x", 1.0, ["Keluaran SGP"]),
    ...                                               SignalValue("text.y", float("nan"), [])])
    '{"id": "a1", "lang": "id", "signals": {"spam.x": {"value": 1.0, "evidence": ["Keluaran SGP"]}, "text.y": {"value": null, "evidence": []}}}'
    """
    signals_obj = {
        v.name: {"value": None if math.isnan(v.value) else v.value, "evidence": list(v.evidence)} for v in values
    }
    return json.dumps({"id": article.id, "lang": lang, "signals": signals_obj}, ensure_ascii=False)


def _format_value(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}"


def table(
    article: "Article", lang: str, values: list["SignalValue"], indicators: dict[str, bool], show_all: bool = False
) -> str:
    """One article's signals as a readable block: a header, then the fired signals grouped by family.

    >>> from farmguard.article import Article
    >>> from farmguard.features.vector import SignalValue
    >>> print(table(Article(text="x", id="a1"), "id",
    ...             [SignalValue("spam.tail", 2.0, ["Keluaran SGP", "By gacor88"]),
    ...              SignalValue("text.chars", 5400.0, [])],
    ...             {"spam.tail": True, "text.chars": False}))
    a1  lang=id
      spam
        spam.tail  2  "Keluaran SGP" | "By gacor88"
    """
    header = f"{article.id}  lang={lang}"
    if article.location is not None:
        header += f"  ({article.location})"
    if article.title:
        header += f"  title: {_clip(article.title, 60)}"
    shown = [v for v in values if show_all or _fired(v, indicators.get(v.name, True))]
    lines = [header]
    if not shown:
        lines.append("  (no signal fired)")
        return "\n".join(lines)
    width = max(len(v.name) for v in shown)
    family = None
    for v in shown:
        fam = v.name.split(".", 1)[0]
        if fam != family:
            lines.append(f"  {fam}")
            family = fam
        row = f"    {v.name:<{width}}  {_format_value(v.value)}"
        if v.evidence:
            row += "  " + " | ".join(f'"{e}"' for e in v.evidence)
        lines.append(row)
    return "\n".join(lines)


def _fired(value: "SignalValue", indicator: bool) -> bool:
    return value.fired and (indicator or bool(value.evidence))


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
