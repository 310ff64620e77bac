"""Spam tails attached by content farms (usually in the last one to three paragraphs).

Families (``spam:<name>``): ``lottery`` (lottery-result lines, "Keluaran SGP" style, with
numbers), ``brand_signature`` ("By <brand><digits>", a signature that is not a person),
``slot_keywords`` (keyword-stuffed slot lists), ``spam_comment`` (real Indonesian gambling
spam comments, full build only), ``casino_en``, ``casino_vi``, ``casino_th`` (calls to action
and keyword lists written for this project). Indonesian brands come from the real brand list
(full build) or invented stems (demo).

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> from farmguard.training.corpus.lexicons import Lexicons
>>> doc = SourceDoc("k", "s", "id", "Judul", ("Satu.", "Dua."), "mt", "demo")
>>> d = Draft(doc, "scraped", "Judul", list(doc.paragraphs))
>>> apply_spam(d, "brand_signature", Lexicons.from_package(), random.Random(0))
True
>>> d.tail[-1].startswith("By ")
True
"""

from __future__ import annotations

import random

from ..lexicons import Lexicons
from ..record import Draft
from ..templates import spam_vocabulary

SPAM_FAMILIES = ("lottery", "brand_signature", "slot_keywords", "spam_comment", "casino_en", "casino_vi", "casino_th")


def brand(lex: Lexicons, rng: random.Random, lang: str = "id") -> str:
    """A gambling brand: a real one (full build) or a stem with digits, as spam signatures show them."""
    if lang == "id" and lex.gambling_brands and rng.random() < 0.7:
        name = rng.choice(lex.gambling_brands)
        if not any(ch.isdigit() for ch in name) and rng.random() < 0.6:
            name += str(rng.choice([4, 8, 77, 88, 99, 138, 168, 303, 777]))
        return name
    stems = spam_vocabulary(lang).get("brand_stem") or spam_vocabulary("id").get("brand_stem") or ("slot",)
    return f"{rng.choice(stems)}{rng.choice(['', '4d', ''])}{rng.randrange(10, 999)}"


def _lottery_lines(rng: random.Random, vocab: dict[str, tuple[str, ...]]) -> list[str]:
    names = list(vocab.get("lottery", ()))
    if not names:
        return []
    picks = rng.sample(names, min(len(names), rng.randint(1, 3)))
    lines = []
    for name in picks:
        if rng.random() < 0.5:
            lines.append(name)
        else:
            lines.append(f"{name} {rng.randrange(1, 29):02d}-{rng.randrange(1, 13):02d}-{rng.randrange(2019, 2025)}: {rng.randrange(0, 10000):04d}")
    return lines


def apply_spam(draft: Draft, family: str, lex: Lexicons, rng: random.Random) -> bool:
    """Append one spam family to the end of ``draft``; False when its vocabulary is missing."""
    if family == "lottery":
        lines = _lottery_lines(rng, spam_vocabulary("id"))
    elif family == "brand_signature":
        lines = [f"By {brand(lex, rng)}"]
    elif family == "slot_keywords":
        words = list(spam_vocabulary("id").get("slot", ()))
        if not words:
            return False
        picks = rng.sample(words, min(len(words), rng.randint(3, 7)))
        b = brand(lex, rng)
        lines = [rng.choice([", ", " | ", " - "]).join(picks + [b])] if rng.random() < 0.6 else [p for p in picks]
    elif family == "spam_comment":
        if not lex.spam_comments:
            return False
        lines = rng.sample(list(lex.spam_comments), rng.randint(1, 2))
    elif family in ("casino_en", "casino_vi", "casino_th"):
        vocab = spam_vocabulary(family.split("_")[1])
        if not vocab:
            return False
        b = brand(lex, rng, family.split("_")[1])
        lines = []
        if vocab.get("cta") and rng.random() < 0.7:
            lines.append(rng.choice(vocab["cta"]).replace("{brand}", b))
        kws = list(vocab.get("casino", ()))
        if kws:
            lines.append(", ".join(rng.sample(kws, min(len(kws), rng.randint(3, 6)))))
        if vocab.get("lottery") and rng.random() < 0.3:
            lines.append(rng.choice(vocab["lottery"]))
    else:
        raise ValueError(f"unknown spam family {family!r}")
    if not lines:
        return False
    draft.tail.extend(lines)
    draft.add_family(f"spam:{family}")
    return True
