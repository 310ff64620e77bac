"""Leftovers of feed importers and auto-blogging plugins (scraped), after signals-D's notes.

Families (``feed:<name>``), strings in the text's language or, in ~30% of cases, English (plugins
keep their English defaults):
``appeared_first`` (Yoast RSS footer "The post <title> appeared first on <site>."), ``source_link``,
``read_entire``, ``full_story``, ``continue``, ``button`` (a "Read full article"/"Go to Source" style
button as the last line), ``source_outlet`` ("Source: <outlet>" alone on the last line),
``import_notice`` (first line: "This post was originally published on this site"), ``category``
("Posted in <outlet>, World" first or last), ``shortcode`` (unfilled WordPress/page-builder
shortcodes and template tokens), ``excerpt_cut`` (only the teaser copied, ending "[…]" and a
button), ``html_entities`` (double-escaped entities such as "&#8217;" in the body).

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

FEED_FAMILIES = (
    "appeared_first", "source_link", "read_entire", "full_story", "continue", "button", "source_outlet",
    "import_notice", "category", "shortcode", "excerpt_cut", "html_entities",
)
_TEMPLATE_KIND = {
    "appeared_first": "feed.appeared_first", "source_link": "feed.source_link", "read_entire": "feed.read_entire",
    "full_story": "feed.full_story", "continue": "feed.continue", "button": "feed.button",
    "source_outlet": "feed.source_outlet", "import_notice": "feed.import_notice", "category": "feed.category",
}
ENGLISH_SHARE = 0.3
_SHORTCODES = (
    '[caption id="attachment_{n}" align="alignnone" width="{w}"]',
    "[/caption]",
    "[embed]{url}[/embed]",
    "[vc_row][vc_column][vc_column_text]",
    "[/vc_column_text][/vc_column][/vc_row]",
    "%%title%% %%sep%% %%sitename%%",
    "{{feedtitle}}",
    "[#item_url]",
    "[original_title]",
    "{{title}}",
)
_ENTITIES = (("’", "&#8217;"), ("“", "&#8220;"), ("”", "&#8221;"), (" & ", " &amp; "), ("…", "&hellip;"), ("'", "&#039;"), ('"', "&quot;"))


def _pick(lang: str, kind: str, vals: dict[str, str], rng: random.Random) -> list[str] | None:
    order = ("en", lang) if rng.random() < ENGLISH_SHARE else (lang, "en")
    for candidate in order:
        options = [t for t in templates_for(candidate).entries(kind) if fill(t, vals) is not None]
        if options:
            return split_paragraphs(fill(rng.choice(options), vals) or "")
    return None


def _shortcode(draft: Draft, vals: dict[str, str], rng: random.Random) -> bool:
    if rng.random() < 0.5 and len(draft.body) > 1:  # a caption wrapped in a shortcode around the first image
        caption = f"{vals.get('outlet', 'Photo')}"
        draft.body.insert(1, f'[caption id="attachment_{rng.randrange(1000, 99999)}" align="alignnone" width="{rng.choice([640, 800, 1024])}"] {caption}[/caption]')
        return True
    token = rng.choice(_SHORTCODES).replace("{n}", str(rng.randrange(1000, 99999))).replace("{w}", "800").replace("{url}", vals.get("source_url", vals.get("url", "")))
    if rng.random() < 0.5:
        draft.top.append(token)
    else:
        draft.tail.append(token)
    return True


def _excerpt_cut(draft: Draft, vals: dict[str, str], rng: random.Random) -> bool:
    if len(draft.body) < 3:
        return False
    keep = rng.randint(1, 2)
    last = draft.body[keep - 1]
    words = last.split(" ")
    cut = " ".join(words[: max(5, int(len(words) * rng.uniform(0.5, 0.9)))])
    draft.body = draft.body[: keep - 1] + [f"{cut} {rng.choice(['[…]', '[&hellip;]', '[...]'])}"]
    button = _pick(draft.doc.tkey, "feed.button", vals, rng) or _pick(draft.doc.tkey, "feed.read_entire", vals, rng)
    if button:
        draft.tail.extend(button)
    return True


def _html_entities(draft: Draft, rng: random.Random) -> bool:
    changed = False
    for i, p in enumerate(draft.body):
        new = p
        for plain, escaped in _ENTITIES:
            if plain in new and rng.random() < 0.7:
                new = new.replace(plain, escaped)
        if new != p:
            draft.body[i] = new
            changed = True
    return changed


def apply_feed(draft: Draft, family: str, vals: dict[str, str], rng: random.Random) -> bool:
    """Add one feed-importer family; False when it has nowhere to go."""
    if family == "shortcode":
        ok = _shortcode(draft, vals, rng)
    elif family == "excerpt_cut":
        ok = _excerpt_cut(draft, vals, rng)
    elif family == "html_entities":
        ok = _html_entities(draft, rng)
    else:
        parts = _pick(draft.doc.tkey, _TEMPLATE_KIND[family], vals, rng)
        ok = bool(parts)
        if parts:
            if family == "import_notice" or (family == "category" and rng.random() < 0.4):
                draft.top.extend(parts)
            elif family == "continue" and draft.body and rng.random() < 0.5:
                draft.body[-1] = f"{draft.body[-1]} … {parts[0]}"
            else:
                draft.tail.extend(parts)
    if ok:
        draft.add_family(f"feed:{family}")
    return ok
