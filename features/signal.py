"""The signal contract and registry.

A signal is a function ``Document -> (value, evidence)`` registered under a
stable dotted name ``family.signal``. ``value`` is a float (``nan`` when the
signal does not apply to the document's language: never a misleading 0);
``evidence`` is a short list of the matched text spans a moderator can read.

Register with the decorator, in the family's module::

    @signal("spam.tail_gambling")
    def tail_gambling(doc: Document) -> Signal:
        '''Gambling phrases in the last three paragraphs.

        >>> tail_gambling(doc_of("...\\n\\nKeluaran SGP\\n\\nBy gacor88"))
        (1.0, ['Keluaran SGP', 'By gacor88'])
        '''

Registration happens when the family module is imported; after that the
registry is only read. The order of the feature vector is fixed by
``features.vector`` (family order, then registration order within a family).

>>> NAN_SIGNAL
(nan, [])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from .document import Document

Signal = tuple[float, list[str]]
"""What a signal returns: ``(value, evidence spans)``."""

SignalFn = Callable[[Document], Signal]

NAN = math.nan
NAN_SIGNAL: Signal = (NAN, [])
"""The return value of a signal that does not apply (e.g. no lexicon for the language)."""

MAX_EVIDENCE = 5
MAX_EVIDENCE_CHARS = 80


@dataclass(frozen=True, slots=True)
class SignalSpec:
    """A registered signal: its dotted ``name``, ``family`` and function."""

    name: str
    family: str
    fn: SignalFn
    indicator: bool = True

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip().split("\n")[0]


_REGISTRY: dict[str, list[SignalSpec]] = {}


def signal(name: str, indicator: bool = True) -> Callable[[SignalFn], SignalFn]:
    """Register ``fn`` as the signal ``name`` (``family.signal``). Names must be unique.

    ``indicator=True`` (the default) declares a signal whose non-zero value is evidence on its own
    (a matched spam phrase, a credit line): false-positive rates on clean text are measured over
    these. ``indicator=False`` declares a measure (a ratio, a mean word frequency) that is
    informative only through the model.
    """
    family, _, short = name.partition(".")
    if not family or not short:
        raise ValueError(f"signal name must be 'family.signal', got {name!r}")

    def register(fn: SignalFn) -> SignalFn:
        specs = _REGISTRY.setdefault(family, [])
        if any(s.name == name for s in specs):
            raise ValueError(f"signal {name!r} registered twice")
        specs.append(SignalSpec(name, family, fn, indicator))
        return fn

    return register


def registered(family: str) -> list[SignalSpec]:
    """The signals a family module registered, in registration order."""
    return list(_REGISTRY.get(family, []))


def evidence(spans: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Clip evidence to at most 5 distinct spans of at most 80 characters, in first-seen order.

    >>> evidence(["Keluaran SGP", "Keluaran SGP", "By gacor88"])
    ['Keluaran SGP', 'By gacor88']
    """
    out: list[str] = []
    for span in spans:
        span = " ".join(span.split())
        if len(span) > MAX_EVIDENCE_CHARS:
            span = span[: MAX_EVIDENCE_CHARS - 1] + "…"
        if span and span not in out:
            out.append(span)
            if len(out) == MAX_EVIDENCE:
                break
    return out
