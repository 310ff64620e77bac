"""Deterministic randomness: one independent generator per (seed, purpose, key).

Every random choice of the builder draws from a generator derived from the build
seed and the name of what it decides, never from a shared stream, so the output does
not depend on the order in which documents are processed, and adding a source does
not reshuffle the others.

>>> rng_for(7, "label", "ntrex:bbc.1:deu").random() == rng_for(7, "label", "ntrex:bbc.1:deu").random()
True
>>> stable_fraction(7, "split", "story-1") < 1.0
True
"""

from __future__ import annotations

import hashlib
import random


def _digest(seed: int, *keys: object) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    h.update(str(seed).encode("ascii"))
    for key in keys:
        h.update(b"\x1f")
        h.update(str(key).encode("utf-8", "surrogatepass"))
    return h.digest()


def rng_for(seed: int, *keys: object) -> random.Random:
    """A ``random.Random`` seeded from the build seed and the given keys."""
    return random.Random(int.from_bytes(_digest(seed, *keys), "big"))


def stable_fraction(seed: int, *keys: object) -> float:
    """A number in [0, 1) fixed by the seed and keys (a hash, not a stream)."""
    return int.from_bytes(_digest(seed, *keys)[:8], "big") / 2**64


def stable_order(seed: int, purpose: str, keys: list[str]) -> list[str]:
    """``keys`` in a deterministic pseudo-random order for ``purpose``.

    >>> stable_order(1, "x", ["a", "b", "c"]) == stable_order(1, "x", ["c", "b", "a"])
    True
    """
    return sorted(keys, key=lambda k: (_digest(seed, purpose, k), k))
