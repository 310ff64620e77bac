"""Text-generator failures published as articles (scraped), after signals-D's notes.

Families (``generator:<name>``), in the text's language or (~40%) English: ``refusal`` ("I'm sorry,
but I cannot…" opening the text or a paragraph, the article often following anyway),
``self_reference`` ("As an AI language model, …"), ``meta`` (first line "Here is a rewritten version of
the article:"), ``placeholder`` (unfilled "[Your Name]", "[Insert quote …]" inside the body).

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> doc = SourceDoc("k", "s", "de", "T", ("Eins.", "Zwei."), "human", "demo")
>>> d = Draft(doc, "scraped", "T", list(doc.paragraphs))
>>> apply_generator(d, "meta", {}, random.Random(1)), d.families
(True, ['generator:meta'])
"""

from __future__ import annotations

import random

from ..record import Draft
from ..templates import fill, split_paragraphs, templates_for

GENERATOR_FAMILIES = ("refusal", "self_reference", "meta", "placeholder")
ENGLISH_SHARE = 0.4


def _pick(lang: str, kind: str, vals: dict[str, str], rng: random.Random) -> str | None:
    order = ("en", lang) if rng.random() < ENGLISH_SHARE else (lang, "en")
    for candidate in order:
        options = [t for t in templates_for(candidate).entries(kind) if fill(t, vals) is not None]
        if options:
            parts = split_paragraphs(fill(rng.choice(options), vals) or "")
            return parts[0] if parts else None
    return None


def apply_generator(draft: Draft, family: str, vals: dict[str, str], rng: random.Random) -> bool:
    """Add one generator-failure family."""
    text = _pick(draft.doc.tkey, f"generator.{family}", vals, rng)
    if not text or not draft.body:
        return False
    if family == "refusal":
        r = rng.random()
        if r < 0.4:
            draft.body.insert(0, text)
        elif r < 0.7:
            draft.body[-1] = text
        else:
            i = rng.randrange(len(draft.body))
            draft.body[i] = f"{text} {draft.body[i]}"
    elif family in ("self_reference", "meta"):
        draft.body.insert(0, text)
    else:  # placeholder inside a paragraph
        i = rng.randrange(len(draft.body))
        words = draft.body[i].split(" ")
        pos = rng.randrange(len(words) + 1)
        draft.body[i] = " ".join(words[:pos] + [text] + words[pos:])
    draft.add_family(f"generator:{family}")
    return True
