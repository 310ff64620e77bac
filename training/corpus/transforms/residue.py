"""Scraper residue: template strings of the source page or the farm's own theme left in the body.

Families (``residue:<name>``): ``comment_form`` ("Leave a Reply" + the email notice),
``share_row`` (Jetpack "Share this:" buttons), ``related_posts`` (heading + teaser titles),
``read_also`` (translated "read also" label before a teaser title, inside the body),
``navigation`` (previous/next post), ``post_meta`` ("Posted in …", "Tagged with …"),
``subscribe`` (subscription widget), ``stacked_title`` (title printed 2–3 times at the top, sometimes
with another translation of it),
``title_end`` (title repeated at the end). Residue is in the text's language or, for
``residue:other_language``, in another language (a Dutch farm with English template strings).

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> from farmguard.training.corpus.transforms.context import Context
>>> from farmguard.training.corpus.lexicons import Lexicons
>>> doc = SourceDoc("k", "s", "nl", "Titel", ("Een.", "Twee.", "Drie."), "mt", "demo")
>>> d = Draft(doc, "scraped", "Titel", list(doc.paragraphs))
>>> ctx = Context(1, Lexicons.from_package(), {"nl": ("Ander bericht", "Nog een bericht")})
>>> apply_residue(d, "comment_form", ctx, "nl", random.Random(0)), d.tail[0]
(True, 'Geef een reactie')
"""

from __future__ import annotations

import random

from ..record import Draft
from ..templates import templates_for
from . import wordpress as wp
from .context import Context

RESIDUE_FAMILIES = (
    "comment_form", "share_row", "related_posts", "read_also", "navigation", "post_meta", "subscribe",
    "stacked_title", "title_end",
)


def residue_language(lang: str, ctx: Context, rng: random.Random) -> str:
    """The language of a record's residue: its own when possible, else (or sometimes) another."""
    own_ok = "Leave a Reply" in ctx.lexicons.wp.get(lang, {}) or templates_for(lang).has("residue.read_also")
    if own_ok and rng.random() < 0.7:
        return lang
    if rng.random() < 0.5 and lang != "en":
        return "en"
    others = [l for l in ctx.lexicons.wp_languages() if l != lang]
    return rng.choice(others) if others else lang


def _category(ctx: Context, lang: str, rng: random.Random) -> str:
    teasers = ctx.teasers(lang, rng, 1)
    words = teasers[0].split() if teasers else ["News"]
    return max(words, key=len)[:24]


def apply_residue(draft: Draft, family: str, ctx: Context, rlang: str, rng: random.Random) -> bool:
    """Add one residue family in language ``rlang``; False when that language lacks the strings."""
    lang = draft.doc.lang
    tl = draft.doc.tkey if rlang == lang else rlang  # template file of the residue's language
    lex = ctx.lexicons
    if family == "comment_form":
        lines = wp.comment_form(lex, rlang, rng, full=rng.random() < 0.4)
        if not lines:
            return False
        draft.tail.extend(lines)
    elif family == "share_row":
        lines = wp.share_row(lex, rlang, rng)
        if not lines:
            return False
        (draft.tail if rng.random() < 0.7 else draft.head).extend(lines)
    elif family == "related_posts":
        heading = templates_for(tl).pick("residue.related_heading", rng) if rng.random() < 0.5 else None
        heading = heading or wp.related_heading(lex, rlang, rng)
        teasers = ctx.teasers(lang, rng, rng.randint(2, 4), exclude=draft.title)
        if not heading or not teasers:
            return False
        lines = [heading]
        for t in teasers:
            lines.append(t)
            cat = wp.in_category(lex, rlang, _category(ctx, lang, rng), rng) if rng.random() < 0.4 else None
            if cat:
                lines.append(cat)
        draft.tail.extend(lines)
    elif family == "read_also":
        label = templates_for(tl).pick("residue.read_also", rng)
        n = 1 if rng.random() < 0.6 else 2
        teasers = ctx.teasers(lang, rng, n, exclude=draft.title)
        if not label or not teasers or len(draft.body) < 2:
            return False
        sep = rng.choice(["  ", " ", ": "]) if not label.endswith(":") else " "
        for t in teasers:
            pos = rng.randrange(1, len(draft.body))
            draft.body.insert(pos, f"{label}{sep}{t}")
    elif family == "navigation":
        teasers = ctx.teasers(lang, rng, 2, exclude=draft.title)
        lines = wp.navigation(lex, rlang, *(teasers + ["", ""])[:2], rng) if len(teasers) == 2 else []
        if not lines:
            return False
        draft.tail.extend(lines)
    elif family == "post_meta":
        lines = wp.post_meta(lex, rlang, _category(ctx, lang, rng), ", ".join(_category(ctx, lang, rng) for _ in range(3)), rng)
        if not lines:
            return False
        draft.tail.extend(lines)
    elif family == "subscribe":
        lines = wp.subscribe_box(lex, rlang, rng)
        if not lines:
            return False
        draft.tail.extend(lines)
    elif family == "stacked_title":
        if not draft.title:
            return False
        copies = [draft.title] * rng.randint(1, 2)
        variant = draft.title.title() if rng.random() < 0.4 and draft.title.title() != draft.title else None
        if variant:
            copies.insert(0, variant)
        other = ctx.alternative_title(draft.doc.story_id, lang, draft.title, rng) if rng.random() < 0.6 else None
        if other:  # the farm's page title and the translated headline disagree, as MT systems do
            copies.insert(rng.randrange(len(copies) + 1), other)
        if not draft.title_in_text and len(copies) < 2:
            copies.append(draft.title)  # the body still shows the headline at least twice
        draft.top.extend(copies)
    elif family == "title_end":
        if not draft.title:
            return False
        draft.tail.append(draft.title)
    else:
        raise ValueError(f"unknown residue family {family!r}")
    draft.add_family(f"residue:{family}")
    if rlang != lang and family not in ("stacked_title", "title_end"):
        draft.add_family("residue:other_language")
    return True
