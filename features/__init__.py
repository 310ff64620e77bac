"""farmguard.features: the signal extractors (design.md §4).

Public names:

- :class:`Document`: the normalised view of an Article every signal reads.
- :func:`extract` / :func:`extract_many`: an Article (or many) to the feature vector.
- :func:`signal_values`: every signal's value and evidence, for ``farmguard signals`` and explanations.
- :func:`feature_names`, ``SCHEMA_NAME``, ``SCHEMA_VERSION``: the versioned schema.

This package depends on nothing of farmguard but the Article record.
"""

from .document import Document
from .vector import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    SignalValue,
    extract,
    extract_many,
    feature_names,
    signal_values,
)

__all__ = [
    "Document",
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "SignalValue",
    "extract",
    "extract_many",
    "feature_names",
    "signal_values",
]
