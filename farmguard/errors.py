"""User-facing error types.

Every error a user can cause (a missing file, a malformed record, a bad model
file) is one of these. The CLI prints ``str(error)`` as one line on stderr and
exits with status 1; it never shows a traceback for them.

>>> err = RecordError("bad.jsonl", "line 3", "malformed JSON: Expecting value")
>>> str(err)
'bad.jsonl: line 3: malformed JSON: Expecting value'
"""

from __future__ import annotations


class FarmguardError(Exception):
    """Base class of every error farmguard reports to a user as one line."""


class InputError(FarmguardError):
    """A whole input cannot be read (missing file, unknown format, undecodable bytes)."""


class RecordError(FarmguardError):
    """One record of an input is bad; the rest of the input is still processed.

    ``source`` names the file (or ``<stdin>``), ``where`` the line or record.
    """

    def __init__(self, source: str, where: str, why: str) -> None:
        self.source = source
        self.where = where
        self.why = why
        super().__init__(f"{source}: {where}: {why}")


class ModelFileError(FarmguardError):
    """A model bundle was refused (tampered, truncated, malicious or of another schema)."""
