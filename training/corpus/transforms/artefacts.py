"""Machine-translation artefacts for human text in languages that have no real MT in the data.

Families (``artefact:<name>``): ``glue`` (two adjacent words joined where a link boundary was
removed: "kota strategis" -> "kotastrategis"), ``split_token`` (a name cut at a link boundary
with the source word's leftover letters glued on: "Rusia" + "n"), ``untranslated`` (a span of
the aligned source-language text left in place), ``number_format`` (thousands separators
foreign to the language: "60.000" in English, "2,600,000" in German), ``space_punct`` (a space
before punctuation), ``collapse`` (all paragraphs joined into one).

>>> import random
>>> from farmguard.training.corpus.record import Draft, SourceDoc
>>> doc = SourceDoc("k", "s", "en", "T", ("Some 60,000 people fled the town on Monday.",), "human", "demo")
>>> d = Draft(doc, "scraped", "T", list(doc.paragraphs))
>>> apply_artefact(d, "number_format", random.Random(0)), d.body[0]
(True, 'Some 60.000 people fled the town on Monday.')
"""

from __future__ import annotations

import random
import re
from typing import Callable

from ..record import Draft

ARTEFACT_FAMILIES = ("glue", "split_token", "untranslated", "number_format", "space_punct", "collapse")
NO_SPACE_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo", "dz"})
COMMA_THOUSANDS = frozenset({"en", "zh", "ja", "ko", "th", "he", "hi", "bn", "ur", "ms", "fil", "sw", "ga", "cy", "mt"})

_WORD_PAIR = re.compile(r"(?<![\w-])([^\W\d_]{3,}) ([^\W\d_]{3,})(?![\w-])")
_CAP_WORD = re.compile(r"(?<=[^\W\d_] )([A-ZÀ-ÖØ-ÞА-ЯЁ][^\W\d_]{3,})(?![\w-])")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,  ]\d{3})+|\d{5,})(?![\d]|[.,]\d)")
_PUNCT = re.compile(r"(?<=[^\W\d_])([,;:!?،؛؟]|\.(?=\s))")
_LEFTOVERS = ("n", "s", "an", "ian", "'s", "ese", "ns")


def _paragraph_indices(draft: Draft, rng: random.Random, k: int) -> list[int]:
    idx = [i for i, p in enumerate(draft.body) if len(p) > 40]
    rng.shuffle(idx)
    return sorted(idx[:k])


def _rewrite_one_match(
    draft: Draft, rng: random.Random, k: int, pattern: re.Pattern[str], rewrite: Callable[[str, re.Match[str]], str]
) -> bool:
    """In up to ``k`` long paragraphs, replace the paragraph by ``rewrite(paragraph, match)`` for one random match."""
    done = 0
    for i in _paragraph_indices(draft, rng, k):
        matches = list(pattern.finditer(draft.body[i]))
        if not matches:
            continue
        m = rng.choice(matches)
        draft.body[i] = rewrite(draft.body[i], m)
        done += 1
    return done > 0


def _glue(draft: Draft, rng: random.Random) -> bool:
    if draft.doc.lang in NO_SPACE_LANGS:
        return False
    return _rewrite_one_match(
        draft, rng, rng.randint(1, 3), _WORD_PAIR, lambda p, m: p[: m.start()] + m.group(1) + m.group(2) + p[m.end() :]
    )


def _split_token(draft: Draft, rng: random.Random) -> bool:
    if draft.doc.lang in NO_SPACE_LANGS:
        return False
    return _rewrite_one_match(
        draft, rng, rng.randint(1, 2), _CAP_WORD, lambda p, m: p[: m.end()] + rng.choice(_LEFTOVERS) + p[m.end() :]
    )


def _untranslated(draft: Draft, rng: random.Random) -> bool:
    src = draft.doc.source_paragraphs
    if not src or draft.doc.source_lang == draft.doc.lang:
        return False
    done = 0
    for i in _paragraph_indices(draft, rng, rng.randint(1, 2)):
        if i >= len(src):
            continue
        src_words = src[i].split()
        if len(src_words) < 6:
            continue
        k = rng.randint(2, 5)
        start = rng.randrange(0, len(src_words) - k)
        fragment = " ".join(src_words[start : start + k]).strip(",.;:")
        p = draft.body[i]
        if draft.doc.lang in NO_SPACE_LANGS:
            pos = int(len(p) * start / max(1, len(src_words)))
            cut = min(len(p), pos + k * 2)
            draft.body[i] = p[:pos] + fragment + p[cut:]
        else:
            words = p.split(" ")
            pos = min(len(words) - 1, int(len(words) * start / len(src_words)))
            draft.body[i] = " ".join(words[:pos] + [fragment] + words[pos + k :])
        done += 1
    return done > 0


def _number_format(draft: Draft, rng: random.Random) -> bool:
    foreign = "." if draft.doc.lang in COMMA_THOUSANDS else ","

    def fmt(m: re.Match) -> str:
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) == 4 and 1900 <= int(digits) <= 2099:
            return m.group(1)
        groups = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        return foreign.join(groups)

    changed = False
    for i, p in enumerate(draft.body):
        new = _NUMBER.sub(fmt, p)
        if new != p:
            draft.body[i] = new
            changed = True
    return changed


def _space_punct(draft: Draft, rng: random.Random) -> bool:
    changed = False
    rate = rng.uniform(0.3, 0.9)
    for i, p in enumerate(draft.body):
        new = _PUNCT.sub(lambda m: " " + m.group(1) if rng.random() < rate else m.group(1), p)
        if new != p:
            draft.body[i] = new
            changed = True
    return changed


def _collapse(draft: Draft, rng: random.Random) -> bool:
    if len(draft.body) < 3:
        return False
    joiner = "" if draft.doc.lang in ("zh", "ja") else " "
    draft.body = [joiner.join(draft.body)]
    return True


_APPLY = {
    "glue": _glue, "split_token": _split_token, "untranslated": _untranslated, "number_format": _number_format,
    "space_punct": _space_punct, "collapse": _collapse,
}


def apply_artefact(draft: Draft, family: str, rng: random.Random) -> bool:
    """Apply one artefact family; False when the text offers no place for it."""
    ok = _APPLY[family](draft, rng)
    if ok:
        draft.add_family(f"artefact:{family}")
    return ok
