"""Coverage-guided fuzzing (atheris / libFuzzer) of the article readers, optionally with signal extraction.

Each fuzz input is one file: its first byte picks the format (JSONL, CSV, plain text, HTML, a
gzipped JSONL, or stdin) and the reader limits, the rest is the file's bytes. The harness
fails (and libFuzzer saves the input as ``crash-*``) when anything but the documented user
errors escapes, when an article comes out with blank text or without a location, or, with
``--extract``, when a feature vector has the wrong length or an infinite value.

Install and run (``pip install -e '.[fuzz]'``)::

    python experiments/fuzz_readers.py --make-seeds fuzz-seeds        # a small seed corpus
    python experiments/fuzz_readers.py fuzz-seeds -runs=20000          # short run (~1 min)
    python experiments/fuzz_readers.py fuzz-seeds -max_total_time=1800 -timeout=20 --extract  # long run

Arguments after the harness's own options are passed to libFuzzer (``-runs``,
``-max_total_time``, ``-timeout``, ``-rss_limit_mb``, corpus folders). A saved crash is
replayed with ``python experiments/fuzz_readers.py crash-<sha1>``; crashes found become
regression tests in ``tests/farmguard/test_readers.py``.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import sys
import tempfile
from pathlib import Path
from unittest import mock

FORMATS = (".jsonl", ".csv", ".txt", ".html", ".jsonl.gz", "-")
LIMITS = ((16 << 20, 32 << 20), (64, 256), (1024, 4096), (7, 7))  # (max_line_bytes, max_html_bytes)
WORKDIR = Path(tempfile.mkdtemp(prefix="farmguard-fuzz-"))
EXTRACT = False

SEEDS: dict[str, bytes] = {
    "jsonl": b'{"id": "a1", "text": "AMMAN (Reuters) - Thousands fled.", "label": "syndicated"}\n{"text": "x"}\n',
    "jsonl-html": json.dumps({"html": "<html lang='en'><title>T</title><p>" + "Body text here. " * 20 + "</p></html>"}).encode() + b"\n",
    "csv": b'id,text,label\n1,"multi\nline",original\n2,plain,scraped\n',
    "txt": "Duizenden vluchten uit Homs\n\nDuizenden mensen hebben de stad verlaten.\n".encode("utf-16"),
    "html": b"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><link rel='canonical' href='https://x.example/a'>"
            b"<title>Titel</title></head><body><article><h1>Titel</h1><p>" + "Ein Absatz mit Text. ".encode() * 20
            + b"</p></article><footer>Impressum</footer></body></html>",
    "stdin": b'{"text": "from stdin"}\n',
}


def _seed_input(name: str, data: bytes) -> bytes:
    fmt = {"jsonl": 0, "jsonl-html": 0, "csv": 1, "txt": 2, "html": 3, "stdin": 5}[name]
    return bytes([fmt]) + data


def check_one_input(data: bytes) -> None:
    """Read one fuzz input; raise AssertionError (or the escaped exception) on a defect."""
    from farmguard.errors import InputError, RecordError
    from farmguard.readers import read_articles

    if not data:
        return
    selector, payload = data[0], data[1:]
    suffix = FORMATS[selector % len(FORMATS)]
    max_line, max_html = LIMITS[(selector // len(FORMATS)) % len(LIMITS)]
    bad: list[RecordError] = []
    if suffix == "-":
        source = "-"
        fake_stdin = io.TextIOWrapper(io.BytesIO(payload))
        patch = mock.patch.object(sys, "stdin", fake_stdin)
    else:
        source = str(WORKDIR / f"input{suffix}")
        Path(source).write_bytes(gzip.compress(payload, mtime=0) if suffix.endswith(".gz") else payload)
        patch = mock.patch.object(sys, "stdin", sys.stdin)
    with patch:
        try:
            articles = list(read_articles([source], on_error=bad.append, max_line_bytes=max_line, max_html_bytes=max_html))
        except InputError as exc:
            assert "\n" not in str(exc), f"multi-line error: {exc!r}"
            return
    for error in bad:
        assert isinstance(error, RecordError) and "\n" not in str(error), repr(error)
    for article in articles:
        assert isinstance(article.text, str) and article.text.strip(), "blank text yielded"
        assert article.location is not None, "article without location"
        if EXTRACT:
            _check_features(article)


def _check_features(article: object) -> None:
    from farmguard.features.vector import extract, feature_names

    vector = extract(article)  # type: ignore[arg-type]
    assert len(vector) == len(feature_names()), "feature vector of the wrong length"
    assert all(not math.isinf(float(v)) for v in vector), "infinite feature value"


def make_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in SEEDS.items():
        (folder / f"seed-{name}").write_bytes(_seed_input(name, data))
    print(f"wrote {len(SEEDS)} seeds to {folder}")


def main(argv: list[str]) -> int:
    global EXTRACT
    if len(argv) >= 3 and argv[1] == "--make-seeds":
        make_seeds(Path(argv[2]))
        return 0
    if "--extract" in argv:
        argv = [a for a in argv if a != "--extract"]
        EXTRACT = True
    try:
        import atheris
    except ImportError:
        print("fuzz_readers: atheris is not installed (pip install -e '.[fuzz]')", file=sys.stderr)
        return 2
    with atheris.instrument_imports(include=["farmguard"]):
        import farmguard.article  # noqa: F401
        import farmguard.html_extract  # noqa: F401
        import farmguard.readers  # noqa: F401
        if EXTRACT:
            import farmguard.features.vector  # noqa: F401
    os.environ.setdefault("PYTHONHASHSEED", "0")
    atheris.Setup(argv, check_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
