"""Which labelled variants to make of which source documents, balanced per language.

Per language, with H human documents and M real machine translations, the planner aims at
T = min(H, ceil((H + M) / 3)) records per label: T originals and T syndicated copies from the
human documents (a document may give both when H < 2T: the original and its licensed copy),
and T scraped copies, real MT first (up to 1.25 T, all systems in a seeded order), then human
documents given MT artefacts. Documents that already carry real agency credit are syndicated.
Within a language the draws are stratified by text length (five quantile bins): real MT is drawn to
follow the human texts' lengths and the human texts to follow the MT drawn, so length alone does
not tell the labels apart.
So no language predicts the label. Reserved test languages are made only from test stories,
each document giving all three labels. ``max_per_lang`` caps T at ``max_per_lang // 3`` (and
real MT at T, so no language exceeds the cap).

>>> from farmguard.training.corpus.record import SourceDoc
>>> docs = [SourceDoc(f"k{i}", f"s{i}", "xx", None, ("p",), "human", "t") for i in range(9)]
>>> plan = plan_language(docs, seed=1, reserved=False, test_stories=set(), max_per_lang=None)
>>> sorted(label for _, label in plan).count("original")
3
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from typing import Iterable

from .record import HUMAN, MT, SourceDoc
from .seeding import stable_order

LABEL_ORDER = ("original", "syndicated", "scraped")
MT_SHARE = 1.25
LENGTH_BINS = 5


def _ordered(docs: list[SourceDoc], seed: int, purpose: str) -> list[SourceDoc]:
    by_key = {d.key: d for d in docs}
    return [by_key[k] for k in stable_order(seed, purpose, list(by_key))]


def _length(doc: SourceDoc) -> int:
    return sum(len(p) for p in doc.paragraphs)


def _bin_edges(docs: list[SourceDoc], n_bins: int = LENGTH_BINS) -> list[int]:
    lengths = sorted(_length(d) for d in docs)
    return [lengths[int(len(lengths) * i / n_bins)] for i in range(1, n_bins)] if lengths else []


def _bin(doc: SourceDoc, edges: list[int]) -> int:
    return bisect.bisect_right(edges, _length(doc))


def _shares(docs: list[SourceDoc], edges: list[int]) -> list[float]:
    counts = [0] * (len(edges) + 1)
    for d in docs:
        counts[_bin(d, edges)] += 1
    total = sum(counts) or 1
    return [c / total for c in counts]


def _stratified(ordered: list[SourceDoc], k: int, shares: list[float], edges: list[int]) -> list[SourceDoc]:
    """``k`` documents from ``ordered`` whose length bins follow ``shares`` as far as the pool allows."""
    by_bin: dict[int, list[SourceDoc]] = defaultdict(list)
    for d in ordered:
        by_bin[_bin(d, edges)].append(d)
    quota = [math.floor(k * s) for s in shares]
    picked: list[SourceDoc] = []
    for b, q in enumerate(quota):
        picked.extend(by_bin[b][:q])
    chosen = {d.key for d in picked}
    for d in ordered:  # fill what the bins could not give, in the seeded order
        if len(picked) >= k:
            break
        if d.key not in chosen:
            picked.append(d)
            chosen.add(d.key)
    return picked[:k]


def plan_language(
    docs: list[SourceDoc], seed: int, reserved: bool, test_stories: set[str], max_per_lang: int | None
) -> list[tuple[SourceDoc, str]]:
    """``(doc, label)`` pairs for one language's documents."""
    human = [d for d in docs if d.kind == HUMAN]
    mt = [d for d in docs if d.kind == MT]
    if reserved:
        human = _ordered([d for d in human if d.story_id in test_stories], seed, "reserved")
        if max_per_lang:
            human = human[: max(1, max_per_lang // 3)]
        return [(d, label) for d in human for label in LABEL_ORDER]
    H, M = len(human), len(mt)
    if H == 0:
        return []
    T = min(H, math.ceil((H + M) / 3))
    if max_per_lang:
        T = min(T, max(1, max_per_lang // 3))
    edges = _bin_edges(human + mt)
    n_mt = min(M, T if max_per_lang else round(MT_SHARE * T))
    # real MT drawn to follow the human texts' lengths; human texts then drawn to follow the MT drawn,
    # so that length does not tell the labels apart within a language
    scraped = _stratified(_ordered(mt, seed, "mt"), n_mt, _shares(human, edges), edges) if mt else []
    target = _shares(scraped, edges) if scraped else _shares(human, edges)
    credited = _ordered([d for d in human if d.credit], seed, "credited")
    plain = [d for d in human if not d.credit]
    synd = credited[:T]
    synd += _stratified(_ordered(plain, seed, "syndicated"), T - len(synd), target, edges)
    synd_keys = {d.key for d in synd}
    orig_pool = _ordered(plain, seed, "original")
    fresh = [d for d in orig_pool if d.key not in synd_keys]
    orig = _stratified(fresh, min(T, len(fresh)), target, edges)
    if len(orig) < T:
        orig += _stratified([d for d in orig_pool if d.key in synd_keys], T - len(orig), target, edges)
    used = synd_keys | {d.key for d in orig}
    missing = T - len(scraped)
    if missing > 0:
        pool = _ordered(human, seed, "synthetic")
        unused = [d for d in pool if d.key not in used]
        extra = _stratified(unused, min(missing, len(unused)), target, edges)
        if len(extra) < missing:
            extra += _stratified([d for d in pool if d.key in used], missing - len(extra), target, edges)
        scraped += extra
    return [(d, "original") for d in orig] + [(d, "syndicated") for d in synd] + [(d, "scraped") for d in scraped]


def plan(
    docs: Iterable[SourceDoc], seed: int, reserved_languages: Iterable[str], test_stories: set[str], max_per_lang: int | None
) -> list[tuple[SourceDoc, str]]:
    """The whole build's ``(doc, label)`` pairs, languages in sorted order."""
    by_lang: dict[str, list[SourceDoc]] = defaultdict(list)
    for d in docs:
        by_lang[d.lang].append(d)
    reserved = set(reserved_languages)
    out: list[tuple[SourceDoc, str]] = []
    for lang in sorted(by_lang):
        out.extend(plan_language(by_lang[lang], seed, lang in reserved, test_stories, max_per_lang))
    return out
