"""Syndication credit framing, in the text's language and an agency's house style.

Families (``credit:<name>``): ``dateline`` ("AMMAN (Reuters) –" before the first paragraph),
``byline`` ("By Reuters", "Von dpa"), ``footer`` ("(Reporting by …; Editing by …)"),
``originally_published``, ``partner_disclaimer``, ``original_url`` ("Original url:" + URL),
``end_credit`` ("(dpa/lnw)", "(APA)", "ANP" — at the very end), ``source_line`` ("Source: AFP").
The same agency is used by every credit family applied to one record.

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> doc = SourceDoc("k", "s", "de", "Titel", ("Erster Absatz.",), "human", "demo")
>>> d = Draft(doc, "syndicated", "Titel", ["Erster Absatz."])
>>> apply_credit(d, "dateline", {"agency": "dpa", "city": "Berlin"}, random.Random(0))
True
>>> d.body[0].split(" (")[1].startswith("dpa)")
True
"""

from __future__ import annotations

import random

from ..record import Draft
from ..templates import fill, split_paragraphs, templates_for

CREDIT_FAMILIES = (
    "dateline", "byline", "footer", "originally_published", "partner_disclaimer", "original_url", "end_credit",
    "source_line",
)
HEAD_FAMILIES = ("dateline", "byline")
TAIL_FAMILIES = ("footer", "originally_published", "partner_disclaimer", "original_url", "end_credit", "source_line")


def available(lang: str, family: str, vals: dict[str, str]) -> bool:
    """True when ``lang`` has a template of ``family`` that ``vals`` can fill."""
    t = templates_for(lang)
    return any(fill(tpl, vals) is not None for tpl in t.entries(f"credit.{family}"))


def _filled(lang: str, family: str, vals: dict[str, str], rng: random.Random) -> list[str] | None:
    options = [tpl for tpl in templates_for(lang).entries(f"credit.{family}") if fill(tpl, vals) is not None]
    if not options:
        return None
    return split_paragraphs(fill(rng.choice(options), vals) or "")


def apply_credit(draft: Draft, family: str, vals: dict[str, str], rng: random.Random) -> bool:
    """Add one credit family to ``draft``; False when the language has no usable template."""
    lang = draft.doc.tkey
    if family == "original_url":
        vals = dict(vals, url=vals.get("source_url") or vals["url"])
    parts = _filled(lang, family, vals, rng)
    if not parts:
        return False
    if family == "dateline":
        first = draft.body[0] if draft.body else ""
        joiner = "" if parts[0].endswith(("】", "电", "）", ")")) and not parts[0].endswith(" )") and lang in ("zh", "zh_hant", "ja", "ko") else " "
        draft.body[0] = f"{parts[0]}{joiner}{first}".strip()
    elif family == "byline":
        draft.head[0:0] = parts
    elif family == "end_credit":
        if draft.body and rng.random() < 0.5 and len(parts) == 1:
            draft.body[-1] = f"{draft.body[-1]} {parts[0]}"
        else:
            draft.body.extend(parts)
    else:
        draft.tail.extend(parts)
    draft.add_family(f"credit:{family}")
    return True
