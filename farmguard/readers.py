"""Streaming article readers: JSONL, CSV, Parquet, ``.txt``, ``.html``, directories and stdin.

One entry point, :func:`read_articles`, yields :class:`~farmguard.article.Article` records one
at a time, each with its :class:`~farmguard.article.SourceLocation` (file and line or record
number), so a 1 GB JSONL file never sits in memory whole::

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "in.jsonl").write_text('{"id": "a1", "text": "AMMAN (Reuters) - Tens of thousands fled."}\\n')
    >>> [(a.id, str(a.location)) for a in read_articles([folder / "in.jsonl"])]
    [('a1', '.../in.jsonl: line 1')]

Formats are chosen by extension (a trailing ``.gz`` is decompressed on the fly):

==================  =============================================================
``.jsonl .ndjson``  one JSON object per line (design.md §2 field names)
``.csv``            a header row naming the fields; empty cells are missing values
``.parquet``        columns named like the fields; read in record batches
``.txt``            one article; the first non-empty line is the title when it looks like one
``.html .htm``      one page; text, title, URL, language and meta extracted (trafilatura)
a directory         every file of a known format below it, recursively, in sorted order
``-``               stdin: JSON lines, CSV, HTML or plain text, sniffed from the first bytes
==================  =============================================================

Errors: a problem with a whole input (missing file, unknown format, bytes that are not text)
raises :class:`~farmguard.errors.InputError`. A bad record (malformed JSON, no ``text``, an
unknown label, a line over ``max_line_bytes``) raises :class:`~farmguard.errors.RecordError`,
or, when ``on_error`` is given, is passed to it and skipped so that every good record is read.
Inside a directory a file that cannot be read at all is reported like a bad record.

Encodings: UTF-8, UTF-8 with a byte-order mark, UTF-16 and UTF-32 with a byte-order mark.
Other bytes are identified with charset-normalizer; when that finds nothing the input is
rejected with a message saying so. HTML also honours ``<meta charset>``.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import logging
import os
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, Sequence

from farmguard.article import Article, SourceLocation
from farmguard.errors import InputError, RecordError

__all__ = [
    "FORMATS",
    "MAX_HTML_BYTES",
    "MAX_LINE_BYTES",
    "STDIN",
    "detect_format",
    "read_articles",
    "split_title",
]

MIB = 1024 * 1024
MAX_LINE_BYTES = 16 * MIB
"""Default limit on one JSONL/CSV line and on one ``.txt`` article (bytes)."""
MAX_HTML_BYTES = 32 * MIB
"""Default limit on one HTML page, as a file or as a record's ``html`` field (bytes)."""

STDIN = "-"
STDIN_NAME = "<stdin>"
CHUNK_BYTES = 1 << 16
SNIFF_BYTES = 1 << 16

FORMATS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}
"""File extension -> reader. Any of them but ``.parquet`` may carry a further ``.gz``."""

log = logging.getLogger("farmguard.readers")

ErrorHandler = Callable[[RecordError], None]

_BOMS: tuple[tuple[bytes, str, int], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", 0),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32", 0),
    (codecs.BOM_UTF8, "utf-8", 3),
    (codecs.BOM_UTF16_LE, "utf-16", 0),
    (codecs.BOM_UTF16_BE, "utf-16", 0),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|!--)[\s>/]", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?…。！？;:;")
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30


# --------------------------------------------------------------------------------------
# public entry point
# --------------------------------------------------------------------------------------
def read_articles(
    sources: Sequence[str | Path] | str | Path,
    on_error: ErrorHandler | None = None,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
    max_html_bytes: int = MAX_HTML_BYTES,
) -> Iterator[Article]:
    """Yield the articles of every source, in order, one at a time.

    ``sources`` are file paths, directories or ``"-"`` (stdin). ``on_error`` receives each
    bad record (a :class:`RecordError`) and reading goes on; without it the first bad
    record raises. Whole-input problems always raise :class:`InputError`. Every source is
    checked to exist before the first record is read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mixed.jsonl"
    >>> _ = path.write_text('{"text": "Keluaran SGP hari ini"}\\n{"text": 5}\\n{"text": "ok", "label": "scraped"}\\n')
    >>> bad = []
    >>> [a.text for a in read_articles([path], on_error=bad.append)]
    ['Keluaran SGP hari ini', 'ok']
    >>> print(bad[0].where, bad[0].why)
    line 2 'text' must be a string, got int
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    if max_line_bytes < 1 or max_html_bytes < 1:
        raise ValueError("max_line_bytes and max_html_bytes must be positive")
    ctx = _Context(on_error, max_line_bytes, max_html_bytes)
    plan = [_plan(source) for source in sources]
    if not plan:
        raise InputError("no input given")
    for kind, source in plan:
        if kind == "stdin":
            yield from _require_records(_read_stdin(ctx), STDIN_NAME)
        elif kind == "dir":
            yield from _read_directory(Path(source), ctx)
        else:
            path = Path(source)
            yield from _require_records(_read_file(path, detect_format(path), ctx), str(path))


def detect_format(path: str | Path) -> str:
    """The reader for ``path`` by its extension (``.gz`` looked through), or InputError.

    >>> detect_format("news/2024.jsonl.gz"), detect_format("page.HTM")
    ('jsonl', 'html')
    """
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
        if suffixes and suffixes[-1] == ".parquet":
            raise InputError(f"{path}: gzipped Parquet is not supported (Parquet compresses itself)")
    fmt = FORMATS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        known = ", ".join(FORMATS)
        raise InputError(f"{path}: unknown input format (expected one of {known}, a directory or -)")
    return fmt


def split_title(text: str) -> tuple[str | None, str]:
    """Split a plain-text article into ``(title, body)``.

    The first non-empty line is the title when it looks like one: at most 200 characters and
    30 words, no sentence-final punctuation, followed by a blank line and more text. The title
    is then removed from the body; otherwise the title is ``None`` and the body is the text.

    >>> split_title("Tens of thousands flee Idlib\\n\\nTens of thousands of people have fled.")
    ('Tens of thousands flee Idlib', 'Tens of thousands of people have fled.')
    >>> split_title("Tens of thousands fled on Wednesday.\\nMore followed.")
    (None, 'Tens of thousands fled on Wednesday.\\nMore followed.')
    """
    stripped = text.lstrip("\r\n\t \ufeff")
    first, sep, rest = stripped.partition("\n")
    candidate = first.strip()
    if not sep or not candidate:
        return None, text.strip()
    blank_next = rest.lstrip(" \t\r").startswith("\n")
    body = rest.strip()
    looks_like_title = (
        len(candidate) <= TITLE_MAX_CHARS
        and len(candidate.split()) <= TITLE_MAX_WORDS
        and candidate[-1] not in _SENTENCE_END
        and any(ch.isalnum() for ch in candidate)
    )
    if looks_like_title and blank_next and body:
        return candidate, body
    return None, text.strip()


# --------------------------------------------------------------------------------------
# plumbing shared by the readers
# --------------------------------------------------------------------------------------
@dataclass
class _Context:
    on_error: ErrorHandler | None
    max_line_bytes: int
    max_html_bytes: int

    def bad(self, source: str, where: str, why: str) -> None:
        """Report one bad record: raise it, or hand it to ``on_error``."""
        error = RecordError(printable(source), where, printable(why))
        if self.on_error is None:
            raise error
        self.on_error(error)

    def article(self, record: Mapping[str, Any], location: SourceLocation, where: str) -> Article | None:
        """Build one Article from a mapping (extracting HTML when present); None if it was bad."""
        source = location.file
        html = record.get("html")
        if isinstance(html, str) and _utf8_size_over(html, self.max_html_bytes):
            self.bad(source, where, f"'html' is over the {_size(self.max_html_bytes)} limit (max_html_bytes)")
            return None
        try:
            article = Article.from_mapping(record, location)
            if article.html is not None:
                from farmguard.html_extract import fill_from_html

                fill_from_html(article)
        except ValueError as exc:
            self.bad(source, where, str(exc))
            return None
        if not article.text.strip():
            why = "no main text found in 'html'" if article.html is not None else "empty 'text'"
            self.bad(source, where, why)
            return None
        return article


def _plan(source: str | Path) -> tuple[str, str | Path]:
    if isinstance(source, str) and source == STDIN:
        return "stdin", source
    path = Path(source)
    try:
        if path.is_dir():
            return "dir", path
        if not path.exists():
            raise InputError(f"{printable(str(source))}: no such file or directory")
    except (OSError, ValueError) as exc:  # a name too long, or with a NUL byte
        raise InputError(f"{printable(str(source))}: cannot open: {exc}") from None
    detect_format(path)
    return "file", path


def _require_records(reader: Iterator[Article], name: str) -> Iterator[Article]:
    """Pass a reader's articles through; an input with no record at all (good or bad) is an InputError.

    Every ``_read_*`` generator returns the number of records it met, good and bad.
    """
    count = yield from reader
    if not count:
        raise InputError(f"{name}: empty input (no articles)")


def printable(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so a message stays one line.

    Input data quoted in an error (a CSV header, a file name) must not break the one-line rule.

    >>> printable("id, multi\\nline"), printable("Größe")
    ('id, multi\\\\nline', 'Größe')
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else json.dumps(ch)[1:-1] for ch in text)


def _size(n: int) -> str:
    if n >= MIB and n % MIB == 0:
        return f"{n // MIB} MiB"
    return f"{n:,} bytes"


def _utf8_size_over(text: str, limit: int) -> bool:
    if len(text) > limit:
        return True
    if len(text) * 4 <= limit:
        return False
    return len(text.encode("utf-8", "surrogatepass")) > limit


# --------------------------------------------------------------------------------------
# bytes: opening, chunking, encodings, bounded lines
# --------------------------------------------------------------------------------------
def _open_binary(path: Path) -> IO[bytes]:
    try:
        if path.suffix.lower() == ".gz":
            return gzip.open(path, "rb")
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None


def _chunks(stream: IO[bytes], name: str, first: bytes = b"") -> Iterator[bytes]:
    """Yield ``first``, then the rest of ``stream`` in fixed-size chunks; I/O failures are InputErrors."""
    if first:
        yield first
    read = getattr(stream, "read1", stream.read)  # what is there, without waiting for a full chunk
    while True:
        try:
            chunk = read(CHUNK_BYTES)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{name}: cannot read: {exc}") from None
        if not chunk:
            return
        yield chunk


def _read_at_most(stream: IO[bytes], name: str, limit: int, first: bytes = b"") -> bytes:
    """Read up to ``limit + 1`` bytes (the extra byte tells that the input is over the limit)."""
    parts = [first[: limit + 1]]
    size = len(parts[0])
    for chunk in _chunks(stream, name):
        parts.append(chunk[: limit + 1 - size])
        size += len(parts[-1])
        if size > limit:
            break
    return b"".join(parts)


def _valid_utf8_prefix(sample: bytes, complete: bool) -> bool:
    """True when ``sample`` is UTF-8 (a multi-byte sequence cut at the end is allowed unless complete)."""
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return not complete and exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3


def sniff_encoding(sample: bytes, name: str, *, complete: bool, html: bool = False) -> tuple[str, int]:
    """Return ``(codec, bytes to skip)`` for an input starting with ``sample``, or raise InputError.

    A byte-order mark decides; then valid UTF-8; for HTML a ``<meta charset>``; then
    charset-normalizer. NUL bytes without a byte-order mark mean binary data (or BOM-less
    UTF-16) unless charset-normalizer recognises UTF-16/32.

    >>> sniff_encoding(b"\\xef\\xbb\\xbf{}", "x", complete=True)
    ('utf-8', 3)
    >>> sniff_encoding("caf\\u00e9".encode("utf-16"), "x", complete=True)
    ('utf-16', 0)
    """
    for bom, codec, skip in _BOMS:
        if sample.startswith(bom):
            return codec, skip
    has_nul = b"\x00" in sample
    if not has_nul and _valid_utf8_prefix(sample, complete):
        return "utf-8", 0
    if html and not has_nul:
        declared = _META_CHARSET.search(sample[:4096])
        if declared:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
                sample.decode(codec)
                return codec, 0
            except (LookupError, UnicodeDecodeError):
                pass
    codec = _detect_legacy_encoding(sample[:SNIFF_BYTES])
    if codec is None or (has_nul and not codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32"))):
        what = "contains NUL bytes (binary data, or UTF-16 without a byte-order mark)" if has_nul else (
            "is not UTF-8 and its encoding could not be detected"
        )
        raise InputError(f"{name}: undecodable bytes: the input {what}; convert it to UTF-8")
    return codec, 0


def _detect_legacy_encoding(sample: bytes) -> str | None:
    """charset-normalizer's best guess; a tie with Windows-1252 (the web's commonest legacy codec) goes to it."""
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        tied = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.01
        if tied and match.encoding == "cp1252":
            return "cp1252"
    return codecs.lookup(best.encoding).name


def _ascii_compatible(codec: str) -> bool:
    """True when a newline byte 0x0A can only mean a newline in ``codec`` (not UTF-16/32 etc.)."""
    try:
        return "\n".encode(codec) == b"\n" and "a".encode(codec) == b"a"
    except (LookupError, UnicodeError):
        return False


def _as_utf8_chunks(chunks: Iterable[bytes], codec: str, name: str) -> Iterator[bytes]:
    """Transcode a stream in a non-ASCII-compatible codec (UTF-16/32) to UTF-8, chunk by chunk."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = 0
    try:
        for chunk in chunks:
            yield decoder.decode(chunk).encode("utf-8")
            offset += len(chunk)
        yield decoder.decode(b"", final=True).encode("utf-8")
    except UnicodeError as exc:
        raise InputError(f"{name}: undecodable bytes: not valid {codec} (near byte {offset:,}): {exc}") from None


@dataclass(slots=True)
class _Line:
    number: int
    data: bytes | None  # None when the line was over the limit (it was skipped, not kept)
    size: int
    ends_with_newline: bool


def _lines(chunks: Iterable[bytes], limit: int) -> Iterator[_Line]:
    """Split a byte stream on ``\\n`` in bounded memory: a line over ``limit`` bytes is skipped, not built.

    >>> [(l.number, l.data) for l in _lines([b"ab\\ncd", b"e\\r\\nfg"], 10)]
    [(1, b'ab'), (2, b'cde'), (3, b'fg')]
    >>> [(l.number, l.data, l.size) for l in _lines([b"x" * 5, b"x" * 5 + b"\\nok"], 8)]
    [(1, None, 10), (2, b'ok', 2)]
    """
    buf = bytearray()
    overflow = 0  # bytes of the current over-long line seen so far (0: the line is within the limit)
    number = 0
    for chunk in chunks:
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            piece = chunk[start:] if newline < 0 else chunk[start:newline]
            if overflow:
                overflow += len(piece)
            elif len(buf) + len(piece) > limit:
                overflow = len(buf) + len(piece)
                buf.clear()
            else:
                buf += piece
            if newline < 0:
                break
            number += 1
            yield _finish_line(number, buf, overflow, True)
            buf.clear()
            overflow = 0
            start = newline + 1
    if buf or overflow:
        yield _finish_line(number + 1, buf, overflow, False)


def _finish_line(number: int, buf: bytearray, overflow: int, newline: bool) -> _Line:
    if overflow:
        return _Line(number, None, overflow, newline)
    data = bytes(buf[:-1]) if buf.endswith(b"\r") else bytes(buf)
    return _Line(number, data, len(buf), newline)


def _decoded_lines(chunks: Iterable[bytes], codec: str, name: str, limit: int) -> Iterator[tuple[_Line, str | None, str]]:
    """Yield ``(line, text or None, why)`` for each line; ``why`` says what is wrong when text is None."""
    if not _ascii_compatible(codec):
        chunks, codec = _as_utf8_chunks(chunks, codec, name), "utf-8"
    for line in _lines(chunks, limit):
        if line.data is None:
            yield line, None, f"line is {line.size:,} bytes, over the {_size(limit)} limit (max_line_bytes)"
            continue
        try:
            text = line.data.decode(codec)
        except UnicodeDecodeError as exc:
            yield line, None, f"undecodable bytes: not valid {codec} at byte {exc.start + 1} of the line"
            continue
        yield line, text, ""


# --------------------------------------------------------------------------------------
# the readers (each returns how many records it met, good and bad)
# --------------------------------------------------------------------------------------
def _read_file(path: Path, fmt: str, ctx: _Context) -> Iterator[Article]:
    name = str(path)
    if fmt == "parquet":
        return (yield from _read_parquet(path, ctx))
    with _open_binary(path) as stream:
        if fmt in ("jsonl", "csv"):
            chunks = _chunks(stream, name)
            head = next(chunks, b"")
            codec, skip = sniff_encoding(head, name, complete=len(head) < CHUNK_BYTES)
            stream_chunks = _prepend(head[skip:], chunks)
            reader = _read_jsonl if fmt == "jsonl" else _read_csv
            return (yield from reader(stream_chunks, codec, name, ctx))
        limit = ctx.max_html_bytes if fmt == "html" else ctx.max_line_bytes
        data = _read_at_most(stream, name, limit)
        return (yield from _read_document(data, fmt, name, ctx))


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _read_jsonl(chunks: Iterable[bytes], codec: str, name: str, ctx: _Context) -> Iterator[Article]:
    count = 0
    for line, text, why in _decoded_lines(chunks, codec, name, ctx.max_line_bytes):
        where = f"line {line.number}"
        if text is None:
            count += 1
            ctx.bad(name, where, why)
            continue
        if not text.strip():
            continue
        count += 1
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            why = f"malformed JSON: {exc.msg} (column {exc.colno})"
            if not line.ends_with_newline:
                why += "; the input ends inside this line (truncated?)"
            ctx.bad(name, where, why)
            continue
        except RecursionError:
            ctx.bad(name, where, "malformed JSON: nested too deeply")
            continue
        if not isinstance(record, dict):
            ctx.bad(name, where, f"expected a JSON object, got {_json_type(record)}")
            continue
        article = ctx.article(record, SourceLocation(name, "line", line.number), where)
        if article is not None:
            yield article
    return count


def _json_type(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")


class _CsvFeed:
    """Feeds decoded lines to ``csv.reader`` and remembers the lines that could not be fed."""

    def __init__(self, lines: Iterator[tuple[_Line, str | None, str]]) -> None:
        self.lines = lines
        self.number = 0
        self.problem: tuple[int, str] | None = None

    def __iter__(self) -> Iterator[str]:
        for line, text, why in self.lines:
            self.number = line.number
            if text is None:
                if self.problem is None:
                    self.problem = (line.number, why)
                text = ""  # keeps the csv parser going; the record holding it is reported, not read
            yield text + "\n"


def _read_csv(chunks: Iterable[bytes], codec: str, name: str, ctx: _Context) -> Iterator[Article]:
    feed = _CsvFeed(_decoded_lines(chunks, codec, name, ctx.max_line_bytes))
    # A quoted field may span lines; this bounds it. (The limit is process-wide in the csv module;
    # it is only ever raised here, never below the module's default.)
    csv.field_size_limit(max(ctx.max_line_bytes, 1 << 17))
    rows = csv.reader(feed, strict=True)
    try:
        header = next(rows)
    except StopIteration:
        return 0
    except csv.Error as exc:
        raise InputError(f"{name}: line 1: unreadable CSV header: {exc}") from None
    if feed.problem is not None:
        raise InputError(f"{name}: line {feed.problem[0]}: unreadable CSV header: {feed.problem[1]}")
    header = [h.strip() for h in header]
    if "text" not in header and "html" not in header:
        shown = printable(", ".join(header[:10])) or "none"
        raise InputError(f"{name}: the CSV header has no 'text' or 'html' column (columns: {shown})")
    count = 0
    while True:
        start = feed.number + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            count += 1
            why = f"malformed CSV: {exc}"
            if "unexpected end of data" in str(exc):
                why += "; the input ends inside a quoted field (truncated?)"
            ctx.bad(name, f"line {start}", why)
            continue
        problem, feed.problem = feed.problem, None
        if problem is not None:
            count += 1
            ctx.bad(name, f"line {problem[0]}", problem[1])
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        count += 1
        where = f"line {start}"
        if len(row) != len(header):
            ctx.bad(name, where, f"{len(row)} fields, but the header has {len(header)}")
            continue
        record = {key: value for key, value in zip(header, row) if value != "" or key not in _KNOWN}
        article = ctx.article(record, SourceLocation(name, "line", start), where)
        if article is not None:
            yield article
    return count


_KNOWN = frozenset(("id", "text", "title", "url", "html", "lang", "published", "label"))


def _read_parquet(path: Path, ctx: _Context) -> Iterator[Article]:
    name = str(path)
    try:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        columns = parquet.schema_arrow.names
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        raise InputError(f"{name}: reading Parquet needs pyarrow (pip install pyarrow)") from None
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError and others for a bad file
        raise InputError(f"{name}: not a readable Parquet file: {_first_line(exc)}") from None
    if "text" not in columns and "html" not in columns:
        shown = printable(", ".join(columns[:10])) or "none"
        raise InputError(f"{name}: the Parquet file has no 'text' or 'html' column (columns: {shown})")
    count = 0
    batches = parquet.iter_batches(batch_size=256)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except Exception as exc:  # a corrupt page or column chunk
            raise InputError(f"{name}: record {count + 1}: unreadable Parquet data: {_first_line(exc)}") from None
        for row in batch.to_pylist():
            count += 1
            where = f"record {count}"
            article = ctx.article(_plain_known_fields(row), SourceLocation(name, "record", count), where)
            if article is not None:
                yield article
    return count


def _plain_known_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and times in known fields become ISO 8601 strings (Parquet timestamp columns)."""
    for key in ("published", "id"):
        value = row.get(key)
        if hasattr(value, "isoformat"):
            row[key] = value.isoformat()
    return row


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _read_document(data: bytes, fmt: str, name: str, ctx: _Context) -> Iterator[Article]:
    """One ``.txt`` or ``.html`` article from the bytes of the whole file (read up to its limit + 1)."""
    limit = ctx.max_html_bytes if fmt == "html" else ctx.max_line_bytes
    if len(data) > limit:
        option = "max_html_bytes" if fmt == "html" else "max_line_bytes"
        ctx.bad(name, "whole file", f"over the {_size(limit)} limit ({option})")
        return 1
    codec, skip = sniff_encoding(data, name, complete=True, html=fmt == "html")
    try:
        content = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: undecodable bytes: not valid {codec} at byte {exc.start + skip + 1:,}") from None
    if not content.strip():
        return 0
    location = SourceLocation(name, "file", 1)
    if fmt == "html":
        record: dict[str, Any] = {"html": content}
    else:
        title, body = split_title(content)
        record = {"text": body, "title": title}
    article = ctx.article(record, location, "whole file")
    if article is not None:
        yield article
    return 1


def _read_stdin(ctx: _Context) -> Iterator[Article]:
    stream = sys.stdin.buffer
    head, complete = _stdin_head(stream)
    if not head.strip():
        return 0
    if head.startswith(b"PAR1"):
        raise InputError(f"{STDIN_NAME}: Parquet cannot be read from stdin; pass the file's path")
    codec, skip = sniff_encoding(head, STDIN_NAME, complete=complete, html=True)
    fmt = _sniff_format(_sample_text(head[skip:], codec))
    if fmt in ("jsonl", "csv"):
        reader = _read_jsonl if fmt == "jsonl" else _read_csv
        return (yield from reader(_chunks(stream, STDIN_NAME, head[skip:]), codec, STDIN_NAME, ctx))
    limit = ctx.max_html_bytes if fmt == "html" else ctx.max_line_bytes
    data = _read_at_most(stream, STDIN_NAME, limit, head)
    return (yield from _read_document(data, fmt, STDIN_NAME, ctx))


def _stdin_head(stream: IO[bytes]) -> tuple[bytes, bool]:
    """Read the start of stdin until its format can be sniffed; returns ``(head, reached end)``.

    A pipe is not waited on for a full buffer: the first JSON line is enough, so records
    stream through as soon as they arrive.
    """
    read = getattr(stream, "read1", stream.read)
    head = b""
    while len(head) < SNIFF_BYTES:
        try:
            chunk = read(SNIFF_BYTES - len(head))
        except OSError as exc:
            raise InputError(f"{STDIN_NAME}: cannot read: {exc}") from None
        if not chunk:
            return head, True
        head += chunk
        codec = next((c for bom, c, _ in _BOMS if head.startswith(bom)), None)
        if codec is None:
            if not _valid_utf8_prefix(head, complete=False):
                continue  # legacy bytes: gather a full sample for charset detection
            codec = "utf-8"
        start = _sample_text(head, codec).lstrip("\ufeff \t\r\n")
        if start.startswith("{") or "\n" in start:
            return head, False
    return head, False


def _sample_text(sample: bytes, codec: str) -> str:
    decoder = codecs.getincrementaldecoder(codec)("replace")
    return decoder.decode(sample[:4096])


def _sniff_format(sample: str) -> str:
    """Guess the format of stdin from its first characters: jsonl, html, csv or text.

    >>> _sniff_format('{"text": "x"}'), _sniff_format("<!DOCTYPE html><html>"), _sniff_format("id,text\\n1,x")
    ('jsonl', 'html', 'csv')
    """
    start = sample.lstrip()
    if start.startswith("{"):
        return "jsonl"
    if _HTML_START.match(start) or start.lower().startswith("<?xml"):
        return "html"
    first_line = start.split("\n", 1)[0]
    if "," in first_line:
        try:
            fields = [f.strip() for f in next(csv.reader([first_line]))]
        except csv.Error:
            fields = []
        if "text" in fields or "html" in fields:
            return "csv"
    return "text"


def _read_directory(folder: Path, ctx: _Context) -> Iterator[Article]:
    """Every file of a known format below ``folder`` (hidden ones excluded), in sorted path order."""
    files: list[tuple[Path, str]] = []
    skipped: dict[str, int] = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file_name in names:
            if file_name.startswith("."):
                continue
            path = Path(root) / file_name
            try:
                files.append((path, detect_format(path)))
            except InputError:
                ext = "".join(path.suffixes[-2:]).lower() or "(none)"
                skipped[ext] = skipped.get(ext, 0) + 1
    if skipped:
        total = sum(skipped.values())
        kinds = ", ".join(f"{ext} ({n})" for ext, n in sorted(skipped.items()))
        log.warning("%s: skipped %d file%s of unknown format: %s", folder, total, "" if total == 1 else "s", kinds)
    files.sort(key=lambda item: item[0].relative_to(folder).parts)
    if not files:
        raise InputError(f"{folder}: no article files in this directory (expected {', '.join(FORMATS)})")
    for path, fmt in files:
        try:
            count = yield from _read_file(path, fmt, ctx)
        except InputError as exc:
            ctx.bad(str(path), "whole file", _strip_prefix(str(exc), str(path)))
            continue
        if not count:
            ctx.bad(str(path), "whole file", "empty input (no articles)")
    return len(files)


def _strip_prefix(message: str, name: str) -> str:
    prefix = name + ": "
    return message[len(prefix):] if message.startswith(prefix) else message
