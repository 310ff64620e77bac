"""An outlet's own page chrome on its own (or its licensed) articles.

Real originals carry share rows, own-staff bylines, photo credits, newsletter boxes,
"Related article:" inserts, related-stories widgets, comment forms (from the site's own CMS, in
its own language), tags, cookie and region notices. They must not teach the model that
"widget => scraped". Families: ``chrome:<kind>``.

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> from farmguard.training.corpus.transforms.context import Context
>>> from farmguard.training.corpus.lexicons import Lexicons
>>> doc = SourceDoc("k", "s", "en", "T", ("One.", "Two.", "Three."), "human", "demo")
>>> d = Draft(doc, "original", "T", list(doc.paragraphs))
>>> ctx = Context(1, Lexicons.from_package(), {"en": ("Other story", "Third story")})
>>> apply_chrome(d, "related_widget", ctx, {"outlet": "The Post"}, random.Random(1))
True
>>> d.families
['chrome:related_widget']
"""

from __future__ import annotations

import random

from ..record import Draft
from ..templates import fill, split_paragraphs, templates_for
from .context import Context
from .wordpress import comment_form

CHROME_KINDS = (
    "byline", "share", "photo", "agency_photo", "related_insert", "related_widget", "newsletter", "comment_form",
    "comments", "cookie", "region", "tags",
)


def _template(lang: str, kind: str, vals: dict[str, str], rng: random.Random) -> list[str] | None:
    options = [tpl for tpl in templates_for(lang).entries(f"chrome.{kind}") if fill(tpl, vals) is not None]
    if not options:
        return None
    return split_paragraphs(fill(rng.choice(options), vals) or "")


def _insert_mid(draft: Draft, text: str, rng: random.Random) -> None:
    if len(draft.body) >= 3:
        pos = rng.randrange(1, len(draft.body) - 1)
    else:
        pos = len(draft.body)
    draft.body.insert(pos, text)


def apply_chrome(draft: Draft, kind: str, ctx: Context, vals: dict[str, str], rng: random.Random) -> bool:
    """Add one kind of own-site chrome; False when the language has nothing for it."""
    lang = draft.doc.lang
    tkey = draft.doc.tkey
    if kind == "related_insert":
        teasers = ctx.teasers(lang, rng, 1, exclude=draft.title)
        if not teasers:
            return False
        parts = _template(tkey, kind, dict(vals, title=teasers[0]), rng)
        if not parts:
            return False
        _insert_mid(draft, parts[0], rng)
    elif kind == "related_widget":
        heading = _template(tkey, "related_heading", vals, rng)
        teasers = ctx.teasers(lang, rng, rng.randint(2, 4), exclude=draft.title)
        if not heading or not teasers:
            return False
        draft.tail.extend(heading + teasers)
    elif kind == "comment_form":
        lines = comment_form(ctx.lexicons, lang, rng, full=rng.random() < 0.5)
        if not lines:
            return False
        draft.tail.extend(lines)
    elif kind in ("byline", "photo", "agency_photo"):
        parts = _template(tkey, kind, vals, rng)
        if not parts:
            return False
        draft.head.extend(parts)
    elif kind == "region":
        parts = _template(tkey, kind, vals, rng)
        if not parts:
            return False
        draft.top[0:0] = parts
    elif kind in ("share", "cookie"):
        parts = _template(tkey, kind, vals, rng)
        if not parts:
            return False
        if rng.random() < 0.5:
            draft.head.extend(parts)
        else:
            draft.tail.extend(parts)
    elif kind == "newsletter":
        parts = _template(tkey, kind, vals, rng)
        if not parts:
            return False
        if rng.random() < 0.5:
            _insert_mid(draft, parts[0], rng)
        else:
            draft.tail.extend(parts)
    else:  # comments, tags
        parts = _template(tkey, kind, vals, rng)
        if not parts:
            return False
        draft.tail.extend(parts)
    draft.add_family(f"chrome:{kind}")
    return True


def available_kinds(lang: str, ctx: Context, tkey: str | None = None) -> list[str]:
    """Chrome kinds this language (template file ``tkey``, default the language's) can show."""
    t = templates_for(tkey or lang)
    out = []
    for kind in CHROME_KINDS:
        if kind == "related_widget":
            ok = t.has("chrome.related_heading") and bool(ctx.titles.get(lang))
        elif kind == "related_insert":
            ok = t.has("chrome.related_insert") and bool(ctx.titles.get(lang))
        elif kind == "comment_form":
            ok = bool(ctx.lexicons.wp.get(lang, {}).get("Leave a Reply"))
        else:
            ok = t.has(f"chrome.{kind}")
        if ok:
            out.append(kind)
    return out
