"""Region-block and consent boilerplate copied into an article body with the page.

Families: ``boilerplate:region`` ("This content is not available in your region") and
``boilerplate:consent`` (cookie/GDPR consent text), placed at the top of the text, as scrapers
and syndication partners copy them (seed 002 shows both on a licensed copy). Strings are the
language's ``chrome.region``/``chrome.cookie`` templates.

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> doc = SourceDoc("k", "s", "en", "T", ("One.",), "human", "demo")
>>> d = Draft(doc, "syndicated", "T", ["One."])
>>> apply_boilerplate(d, "region", "en", random.Random(0)), d.top
(True, ['This content is not available in your region'])
"""

from __future__ import annotations

import random

from ..record import Draft
from ..templates import templates_for

BOILERPLATE_FAMILIES = ("region", "consent")


def apply_boilerplate(draft: Draft, family: str, lang: str, rng: random.Random) -> bool:
    """Put a region or consent block (in ``lang``) at the top of ``draft``."""
    kind = "chrome.region" if family == "region" else "chrome.cookie"
    text = templates_for(lang).pick(kind, rng)
    if not text:
        return False
    draft.top.insert(0, text)
    draft.add_family(f"boilerplate:{family}")
    return True
