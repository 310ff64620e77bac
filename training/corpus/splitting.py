"""Train/test assignment: by story, with whole languages and whole families held out for test.

A story (``story_id``) is in ``test`` when its seeded hash falls under :data:`TEST_FRACTION`;
every version of it, in every language and label, follows. Reserved languages are built only
from test stories; reserved families are applied only to test records (the recipes never draw
them for a train record), so the test split measures generalisation to unseen languages and
unseen credit, residue and spam families.

>>> split_of(13, "ntrex:bbc.381790") in ("train", "test")
True
>>> "credit:source_line" in RESERVED_FAMILIES
True
"""

from __future__ import annotations

from .record import TEST, TRAIN
from .seeding import stable_fraction

TEST_FRACTION = 0.2
RESERVED_LANGUAGES: tuple[str, ...] = ("lt", "sw", "ka", "ne")
"""NTREX-only languages that appear only in the test split."""
RESERVED_FAMILIES: tuple[str, ...] = ("credit:source_line", "residue:navigation", "spam:casino_th")
"""One credit, one residue and one spam family that appear only in the test split."""
DEMO_RESERVED_LANGUAGES: tuple[str, ...] = ()


def splits_by_rank(seed: int, story_ids: list[str], test_fraction: float) -> dict[str, str]:
    """Exactly ``ceil(test_fraction * n)`` stories in test (the lowest seeded hashes): for tiny corpora.

    >>> sorted(splits_by_rank(1, ["a", "b", "c", "d"], 0.5).values())
    ['test', 'test', 'train', 'train']
    """
    import math

    ranked = sorted(set(story_ids), key=lambda s: (stable_fraction(seed, "split", s), s))
    n_test = math.ceil(test_fraction * len(ranked))
    return {s: (TEST if i < n_test else TRAIN) for i, s in enumerate(ranked)}


def split_of(seed: int, story_id: str, test_fraction: float = TEST_FRACTION) -> str:
    """``"test"`` or ``"train"`` for a story, fixed by the seed."""
    return TEST if stable_fraction(seed, "split", story_id) < test_fraction else TRAIN
