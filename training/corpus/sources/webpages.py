"""Reader of the boilerplate benchmark pages: each page's main text as a human original.

``scrapinghub-aeb``: the annotated ``articleBody`` of 181 English pages; ``trafilatura-eval``:
415 pages, main text extracted from the HTML with trafilatura (precision mode). Pages whose
main text is under 400 characters are skipped. ``story_id`` is ``web:<page id>``.

>>> html_title("<html><head><title>Big news | Site</title></head></html>")
'Big news | Site'
"""

from __future__ import annotations

import gzip
import html as htmllib
import json
import re
from pathlib import Path
from typing import Callable, Iterator

from farmguard.errors import InputError
from farmguard.features.language import detect_language, normalize_lang

from ..record import HUMAN, SourceDoc
from .wire_credit import find_credit

MIN_CHARS = 400
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def html_title(page: str) -> str | None:
    """The page's ``<title>`` text, unescaped and whitespace-normalised."""
    m = _TITLE.search(page[:200_000])
    if not m:
        return None
    title = " ".join(htmllib.unescape(m.group(1)).split())
    return title or None


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip())


def _doc(page_id: str, text: str, title: str | None, url: str | None, lang: str | None, source: str) -> SourceDoc | None:
    paragraphs = _paragraphs(text)
    if sum(map(len, paragraphs)) < MIN_CHARS:
        return None
    if not lang:
        lang = detect_language(text)[0]
    credit = find_credit("\n\n".join(paragraphs))
    return SourceDoc(
        key=f"web:{page_id}",
        story_id=f"web:{page_id}",
        lang=normalize_lang(lang),
        title=title,
        paragraphs=paragraphs,
        kind=HUMAN,
        source=source,
        url=url,
        credit=credit[0] if credit else None,
        credit_style=credit[1] if credit else None,
    )


def read_webpages(folder: Path, seed: int, progress: Callable[[int], None] | None = None) -> Iterator[SourceDoc]:
    """Yield the main texts of both benchmarks under ``folder`` (the ``boilerplate`` dir)."""
    aeb = folder / "scrapinghub-aeb"
    gt_path = aeb / "ground-truth.json.gz"
    if not gt_path.is_file():
        raise InputError(f"{gt_path}: missing (article-extraction benchmark)")
    with gzip.open(gt_path, "rt", encoding="utf-8") as fh:
        truth = json.load(fh)
    for page_id in sorted(truth):
        entry = truth[page_id]
        html_path = aeb / "html" / f"{page_id}.html.gz"
        title = None
        if html_path.is_file():
            with gzip.open(html_path, "rt", encoding="utf-8", errors="replace") as fh:
                title = html_title(fh.read())
        doc = _doc(f"aeb-{page_id[:24]}", entry.get("articleBody") or "", title, entry.get("url"), None, "web:aeb")
        if doc:
            yield doc
    yield from _read_trafilatura(folder / "trafilatura-eval", progress)


def _read_trafilatura(folder: Path, progress: Callable[[int], None] | None) -> Iterator[SourceDoc]:
    import trafilatura

    ann_path = folder / "annotations.jsonl"
    if not ann_path.is_file():
        raise InputError(f"{ann_path}: missing (trafilatura evaluation annotations)")
    rows = []
    with ann_path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise InputError(f"{ann_path}: line {n}: malformed JSON ({exc.msg})") from None
    for row in sorted(rows, key=lambda r: r["html_file"]):
        path = folder / row["html_file"]
        if progress:
            progress(1)
        if not path.is_file():
            continue
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            page = fh.read()
        text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True) or ""
        page_id = Path(row["html_file"]).name.removesuffix(".gz").removesuffix(".html")
        doc = _doc(f"traf-{page_id}", text, row.get("title") or html_title(page), row.get("url"), None, "web:trafilatura")
        if doc:
            yield doc
