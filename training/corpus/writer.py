"""Writing the corpus: JSONL or Parquet by extension, to a temporary name then renamed.

>>> corpus_format("out/benchmark.parquet"), corpus_format("x.jsonl")
('parquet', 'jsonl')
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from farmguard.errors import InputError

from .record import CorpusRecord

FORMATS = {".jsonl": "jsonl", ".parquet": "parquet"}


def corpus_format(path: str | Path) -> str:
    """``"jsonl"`` or ``"parquet"`` from the file extension; InputError otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: unknown corpus format {suffix or '(none)'!r} (use .jsonl or .parquet)")
    return FORMATS[suffix]


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    tmp = _atomic_target(path)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_records(path: str | Path, records: Iterable[CorpusRecord]) -> int:
    """Write ``records`` to ``path`` (format by extension); returns how many were written."""
    path = Path(path)
    fmt = corpus_format(path)
    tmp = _atomic_target(path)
    rows = [r.to_mapping() for r in records]
    try:
        if fmt == "jsonl":
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")))
                    fh.write("\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            columns = ("id", "text", "title", "url", "lang", "label", "story_id", "families", "split", "difficulty", "source", "system")
            data = {c: [row.get(c) for row in rows] for c in columns}
            schema = pa.schema([(c, pa.list_(pa.string()) if c == "families" else pa.string()) for c in columns])
            pq.write_table(pa.table(data, schema=schema), tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return len(rows)
