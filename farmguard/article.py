"""The Article record: one input article, the same in every input format.

See design.md §2. Field names are identical in JSONL, CSV, Parquet and the
Python API. Fields the record does not know are kept in ``extra`` and passed
through to the output untouched.

>>> a = Article.from_mapping({"text": "AMMAN (Reuters) - Tens of thousands fled.", "lang": "en",
...                           "source_site": "example"})
>>> a.id.startswith("a-"), a.extra
(True, {'source_site': 'example'})
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

LABELS: tuple[str, ...] = ("original", "syndicated", "scraped")
"""The three labels, in the order every model and output uses."""

KNOWN_FIELDS: tuple[str, ...] = ("id", "text", "title", "url", "html", "lang", "published", "label")


def content_id(text: str, title: str | None = None, url: str | None = None) -> str:
    """Return the stable id given to an article that has none: a hash of its content.

    >>> content_id("Hello world")
    'a-c9e9d8b2c0c9828d'
    """
    h = hashlib.sha256()
    for part in (title or "", url or "", text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return "a-" + h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a record came from, for error messages: ``file`` and ``line``/``record`` number.

    >>> str(SourceLocation("in.jsonl", "line", 7))
    'in.jsonl: line 7'
    """

    file: str
    unit: str = "record"  # "line" for line-based formats, "record" otherwise, "file" for one-article files
    number: int = 1

    def __str__(self) -> str:
        if self.unit == "file":
            return self.file
        return f"{self.file}: {self.unit} {self.number}"


@dataclass(slots=True)
class Article:
    """One article. ``text`` is required unless ``html`` is given (then text is extracted).

    ``extra`` holds every input field farmguard does not know; it is echoed in outputs.
    ``location`` says where the record was read from (``None`` for records built in code).

    >>> art = Article(text="Keluaran SGP hari ini", lang="id")
    >>> art.id.startswith("a-")
    True
    """

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    html: str | None = None
    lang: str | None = None
    published: str | None = None
    label: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    location: SourceLocation | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text, self.title, self.url)

    @classmethod
    def from_mapping(cls, record: Mapping[str, Any], location: SourceLocation | None = None) -> "Article":
        """Build an Article from a dict-like record (a JSON object, a CSV row, a Parquet row).

        Raises ``ValueError`` with a short reason when the record is not an article
        (no text and no html, a non-string text, an unknown label); readers turn it
        into a :class:`farmguard.errors.RecordError` naming the file and record.

        >>> Article.from_mapping({"id": "x1", "text": "Body.", "label": "scraped"}).label
        'scraped'
        """
        if not isinstance(record, Mapping):
            raise ValueError(f"expected an object with a 'text' field, got {type(record).__name__}")
        text = record.get("text")
        html = record.get("html")
        if text is None and html is None:
            raise ValueError("missing 'text' (and no 'html' to extract it from)")
        if text is not None and not isinstance(text, str):
            raise ValueError(f"'text' must be a string, got {type(text).__name__}")
        if html is not None and not isinstance(html, str):
            raise ValueError(f"'html' must be a string, got {type(html).__name__}")
        values: dict[str, Any] = {}
        for name in ("title", "url", "lang", "published", "label"):
            value = record.get(name)
            if value is None or (isinstance(value, float) and value != value):  # None or NaN (CSV/Parquet gaps)
                continue
            if not isinstance(value, str):
                value = str(value)
            values[name] = value if value != "" else None
        label = values.get("label")
        if label is not None and label not in LABELS:
            raise ValueError(f"unknown label {label!r} (expected one of {', '.join(LABELS)})")
        raw_id = record.get("id")
        extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
        return cls(
            text=text if text is not None else "",
            id="" if raw_id is None or raw_id == "" else str(raw_id),
            html=html,
            extra=extra,
            location=location,
            **values,
        )

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict in the field order of design.md §2, extras last.

        >>> Article(text="t", id="1").to_dict()
        {'id': '1', 'text': 't'}
        """
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for name in ("title", "url", "html", "lang", "published", "label"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        out.update(self.extra)
        return out
