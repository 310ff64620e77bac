"""Mis-decoded and obfuscated text, after signals-D's notes.

Scraped families (``encoding:<name>``): ``mojibake`` (the body's UTF-8 bytes decoded as cp1252 or, for
Cyrillic, cp1251: "prÃ©sident", "РџСЂРёРІРµС‚"), ``replacement`` (U+FFFD where bytes were lost),
``zero_width`` (zero-width spaces or word joiners inside words, to defeat duplicate detection).
Original hard case ``encoding:paywall_scramble``: a publisher scrambling its own paywalled paragraphs
(a combining long stroke after every letter, or letters spaced apart) after a clean lead, with a
"subscribe to read" line: encoding evidence alone is not scraping.

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> doc = SourceDoc("k", "s", "fr", "T", ("Le président a parlé.",), "human", "demo")
>>> d = Draft(doc, "scraped", "T", list(doc.paragraphs))
>>> apply_encoding(d, "mojibake", {}, random.Random(0)), d.body[0]
(True, 'Le prÃ©sident a parlÃ©.')
"""

from __future__ import annotations

import random
import re

from ..record import Draft
from ..templates import templates_for

ENCODING_FAMILIES = ("mojibake", "replacement", "zero_width")
ORIGINAL_FAMILIES = ("paywall_scramble",)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]{6,}")


def _mis_decode(text: str) -> str:
    """UTF-8 bytes read as cp1251 (Cyrillic text) or cp1252 (everything else)."""
    codec = "cp1251" if _CYRILLIC.search(text) else "cp1252"
    return text.encode("utf-8").decode(codec, errors="replace")


def apply_encoding(draft: Draft, family: str, vals: dict[str, str], rng: random.Random) -> bool:
    """Apply one encoding family to ``draft``."""
    if family == "mojibake":
        if all(p.isascii() for p in draft.body):
            return False
        draft.body = [_mis_decode(p) for p in draft.body]
        if draft.title and rng.random() < 0.5:
            draft.title = _mis_decode(draft.title)
    elif family == "replacement":
        changed = 0
        for i, p in enumerate(draft.body):
            chars = list(p)
            spots = [j for j, ch in enumerate(chars) if not ch.isascii() and ch.isalpha()]
            if not spots:
                continue
            for j in rng.sample(spots, min(len(spots), rng.randint(1, 4))):
                chars[j] = "\ufffd"
            draft.body[i] = "".join(chars)
            changed += 1
        if not changed:
            return False
    elif family == "zero_width":
        joiner = rng.choice(["\u200b", "\u2060", "\u200c"])
        changed = 0
        for i, p in enumerate(draft.body):
            words = list(_WORD.finditer(p))
            if not words:
                continue
            picks = {m.start() + rng.randrange(2, len(m.group(0)) - 2) for m in rng.sample(words, min(len(words), rng.randint(2, 6)))}
            draft.body[i] = "".join(ch + (joiner if k + 1 in picks else "") for k, ch in enumerate(p))
            changed += 1
        if not changed:
            return False
    elif family == "paywall_scramble":
        if len(draft.body) < 3:
            return False
        stroke = rng.random() < 0.5
        for i in range(1, len(draft.body)):
            p = draft.body[i]
            draft.body[i] = "".join(ch + "\u0336" if ch.isalpha() else ch for ch in p) if stroke else " ".join(p.replace(" ", "  "))
        notice = templates_for(draft.doc.tkey).pick("chrome.paywall", rng) or templates_for("en").pick("chrome.paywall", rng)
        if notice:
            draft.tail.append(notice)
    else:
        raise ValueError(f"unknown encoding family {family!r}")
    draft.add_family(f"encoding:{family}")
    return True
