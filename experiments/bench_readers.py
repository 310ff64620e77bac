"""Throughput and memory of the streaming readers on a large generated JSONL (and CSV) file.

Writes a file of ``--mb`` megabytes of ~5 KB articles to a temporary folder, reads it back with
:func:`farmguard.readers.read_articles`, and prints records/s, MB/s and the peak resident
memory of the process (which must stay far below the file size: the reader streams). One
over-long line is planted in the middle to show that it costs bounded memory too. Usage::

    /work/venv/bin/python experiments/bench_readers.py --mb 1024          # the 1 GB case
    /work/venv/bin/python experiments/bench_readers.py --mb 200 --format csv
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from farmguard.readers import read_articles

PARAGRAPH = ("Residents said the river rose two metres overnight, flooding the lower town and cutting the "
             "road to the coast, while the council opened two schools as shelters. ")


def peak_rss_mb() -> float:
    """Peak resident memory of this process image (VmHWM; ru_maxrss would include the parent's at fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def write_input(path: Path, megabytes: int, fmt: str, long_line_mb: int) -> int:
    """Write about ``megabytes`` of articles; return the number of records (incl. the planted long one)."""
    text = (PARAGRAPH * 30).strip()  # ~5 KB
    target = megabytes * 1024 * 1024
    written = count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        if writer:
            writer.writerow(["id", "text", "label"])
        while written < target:
            count += 1
            body = text if count != 1000 else "x" * (long_line_mb << 20)  # one over-long record
            if writer:
                writer.writerow([f"r{count}", body, "original"])
                written += len(body) + 20
            else:
                line = json.dumps({"id": f"r{count}", "text": body, "label": "original"}) + "\n"
                out.write(line)
                written += len(line)
    return count


def read_and_report(path: Path, expected: int) -> int:
    """Read ``path`` in this (fresh) process and print throughput and peak memory."""
    size_mb = path.stat().st_size / 1e6
    rss_before = peak_rss_mb()
    bad: list = []
    start = time.perf_counter()
    n = sum(1 for _ in read_articles([path], on_error=bad.append))
    seconds = time.perf_counter() - start
    print(f"read {n:,} articles + {len(bad)} bad in {seconds:.1f} s: {n / seconds:,.0f} records/s, "
          f"{size_mb / seconds:,.0f} MB/s")
    print(f"peak RSS of the reading process {peak_rss_mb():,.0f} MB (after imports {rss_before:,.0f} MB) "
          f"for a {size_mb:,.0f} MB file")
    if bad:
        print(f"bad: {bad[0]}")
    return 0 if n + len(bad) == expected else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the generated file in MB (default 200)")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument("--long-line-mb", type=int, default=20, help="size of the planted over-long line (MB)")
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)  # child mode: read this file
    parser.add_argument("--expected", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read:
        return read_and_report(args.read, args.expected)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench.{args.format}"
        start = time.perf_counter()
        expected = write_input(path, args.mb, args.format, args.long_line_mb)
        print(f"wrote {path.name}: {path.stat().st_size / 1e6:,.0f} MB, {expected:,} records "
              f"in {time.perf_counter() - start:.1f} s")
        # Read in a fresh process so that its peak memory is the reader's alone.
        child = [sys.executable, __file__, "--read", str(path), "--expected", str(expected)]
        return subprocess.run(child, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
