"""Leftovers of feed importers and auto-blogging plugins, and text-generator failures.

Families: ``feed:appeared_first`` ("The post <title> appeared first on <site>."),
``feed:source_link`` ("Source link"), ``feed:read_entire`` ("Read Entire Article"),
``feed:full_story`` ("Read the full story at <outlet>"), ``feed:continue`` ("Continue reading");
``generator:refusal`` (an "I'm sorry, but I cannot…" refusal published as or inside the article).
Strings are in the text's language when its template file has them, else English.

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> doc = SourceDoc("k", "s", "en", "Title", ("One.", "Two."), "mt", "demo")
>>> d = Draft(doc, "scraped", "Title", list(doc.paragraphs))
>>> apply_feed(d, "appeared_first", {"title": "Title", "site": "Daily Hub", "outlet": "X"}, random.Random(0))
True
>>> d.tail[-1]
'The post Title appeared first on Daily Hub.'
"""

from __future__ import annotations

import random

from ..record import Draft
from ..templates import fill, split_paragraphs, templates_for

FEED_FAMILIES = ("appeared_first", "source_link", "read_entire", "full_story", "continue")


def _pick(lang: str, kind: str, vals: dict[str, str], rng: random.Random) -> list[str] | None:
    for candidate in (lang, "en"):
        options = [t for t in templates_for(candidate).entries(kind) if fill(t, vals) is not None]
        if options:
            return split_paragraphs(fill(rng.choice(options), vals) or "")
    return None


def apply_feed(draft: Draft, family: str, vals: dict[str, str], rng: random.Random) -> bool:
    """Append a feed-importer footer."""
    parts = _pick(draft.doc.lang, f"feed.{family}", vals, rng)
    if not parts:
        return False
    if family == "continue" and draft.body and rng.random() < 0.5:
        draft.body[-1] = f"{draft.body[-1]} … {parts[0]}"
    else:
        draft.tail.extend(parts)
    draft.add_family(f"feed:{family}")
    return True


def apply_refusal(draft: Draft, vals: dict[str, str], rng: random.Random) -> bool:
    """Put a generator refusal at the top of the body or in place of the last paragraph."""
    parts = _pick(draft.doc.lang, "generator.refusal", vals, rng)
    if not parts:
        return False
    if rng.random() < 0.5:
        draft.body.insert(0, parts[0])
    elif draft.body:
        draft.body[-1] = parts[0]
    draft.add_family("generator:refusal")
    return True
