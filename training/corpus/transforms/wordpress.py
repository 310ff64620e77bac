"""Blocks of WordPress/Jetpack strings as they appear on a page, in one language.

Each builder returns the block's lines (paragraphs) or ``[]`` when the language lacks the
strings. Used for an outlet's own comment form (chrome) and for scraper residue.

>>> import random
>>> from farmguard.training.corpus.lexicons import Lexicons
>>> comment_form(Lexicons.from_package(), "nl", random.Random(0))[:2]
['Geef een reactie', 'Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *']
"""

from __future__ import annotations

import random
import re

from ..lexicons import Lexicons

_PLACEHOLDER = re.compile(r"%(?:\d\$)?[sd]")


def wp_fill(text: str, *values: str) -> str:
    """Replace ``%s``/``%1$s``/``%d`` placeholders in order (missing values become empty).

    >>> wp_fill("Posted in %s", "World")
    'Posted in World'
    """
    it = iter(values)
    return " ".join(_PLACEHOLDER.sub(lambda m: next(it, ""), text).split())


def _s(lex: Lexicons, lang: str, msgid: str, rng: random.Random) -> str | None:
    return lex.wp_string(lang, msgid, rng)


def comment_form(lex: Lexicons, lang: str, rng: random.Random, full: bool = False) -> list[str]:
    """"Leave a Reply" + the email-not-published notice (+ the form's field labels when ``full``)."""
    heading = _s(lex, lang, rng.choice(["Leave a Reply", "Leave a Reply", "Leave a Comment", "Leave a comment"]), rng) or _s(
        lex, lang, "Leave a Reply", rng
    )
    if not heading:
        return []
    lines = [heading]
    notice = _s(lex, lang, "Your email address will not be published.", rng)
    required = _s(lex, lang, "Required fields are marked %s", rng)
    if notice:
        lines.append(f"{notice} {wp_fill(required, '*')}" if required else notice)
    if full:
        fields = [_s(lex, lang, m, rng) for m in ("Comment", "Name", "Email", "Website")]
        fields = [f for f in fields if f]
        if fields:
            lines.append(" ".join(f"{f} *" if i < 3 else f for i, f in enumerate(fields)))
        button = _s(lex, lang, "Post Comment", rng)
        if button:
            lines.append(button)
    return lines


def share_row(lex: Lexicons, lang: str, rng: random.Random) -> list[str]:
    """Jetpack's "Share this:" row with its buttons, sometimes "Like this:" and "Loading..."."""
    head = _s(lex, lang, "Share this:", rng)
    if not head:
        return []
    buttons = []
    for msgid in ("Click to share on Twitter", "Click to share on Facebook", "Click to share on LinkedIn",
                  "Click to email this to a friend", "Click to print", "Twitter", "Facebook"):
        value = _s(lex, lang, msgid, rng)
        if value and rng.random() < 0.6:
            buttons.append(value)
    lines = [head]
    if buttons:
        opens = _s(lex, lang, "(Opens in new window)", rng)
        lines.append(" ".join(f"{b} {opens}" if opens and rng.random() < 0.5 else b for b in buttons))
    like = _s(lex, lang, "Like this:", rng)
    if like and rng.random() < 0.6:
        lines.append(like)
        loading = _s(lex, lang, "Loading...", rng) or _s(lex, lang, "Loading&hellip;", rng)
        if loading:
            lines.append(loading)
    return lines


def related_heading(lex: Lexicons, lang: str, rng: random.Random) -> str | None:
    """Jetpack's related-posts heading ("Related", "Related posts", "Similar post")."""
    for msgid in rng.sample(["Related", "Related posts", "Related Posts", "Similar post"], 4):
        value = _s(lex, lang, msgid, rng)
        if value:
            return value
    return None


def in_category(lex: Lexicons, lang: str, category: str, rng: random.Random) -> str | None:
    """Jetpack's 'In "<category>"' line under a related post."""
    value = _s(lex, lang, 'In "%s"', rng)
    return wp_fill(value, category) if value else None


def navigation(lex: Lexicons, lang: str, prev_title: str, next_title: str, rng: random.Random) -> list[str]:
    """Post navigation: previous/next post labels with their titles."""
    prev = _s(lex, lang, "Previous Post", rng) or _s(lex, lang, "« Previous", rng)
    nxt = _s(lex, lang, "Next Post", rng) or _s(lex, lang, "Next »", rng)
    if not prev or not nxt:
        return []
    if rng.random() < 0.5:
        return [f"{prev} {prev_title}", f"{nxt} {next_title}"]
    return [prev, prev_title, nxt, next_title]


def post_meta(lex: Lexicons, lang: str, category: str, tags: str, rng: random.Random) -> list[str]:
    """"Posted in <category>" / "Tagged with <tags>" lines."""
    lines = []
    posted = _s(lex, lang, "Posted in %s", rng)
    tagged = _s(lex, lang, "Tagged with %s", rng) or _s(lex, lang, "Tags:", rng)
    if posted:
        lines.append(wp_fill(posted, category))
    if tagged:
        lines.append(wp_fill(tagged, tags) if "%" in tagged else f"{tagged} {tags}")
    return lines


def subscribe_box(lex: Lexicons, lang: str, rng: random.Random) -> list[str]:
    """Jetpack's subscription widget text."""
    lines = [v for v in (
        _s(lex, lang, "Subscribe to Blog via Email", rng),
        _s(lex, lang, "Enter your email address to subscribe to this blog and receive notifications of new posts by email.", rng),
    ) if v]
    join = _s(lex, lang, "Join %s other subscriber", rng)
    if join and lines:
        lines.append(wp_fill(join, str(rng.randrange(12, 4000))))
    return lines
