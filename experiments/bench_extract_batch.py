"""Batch extraction on ONE core: ``extract()`` article by article vs ``extract_many()`` (signal by signal in groups).

Same real ~5 KB documents as ``bench_extract.py`` (built from ../shared/data). ``extract_many`` with ``n_jobs=1``
runs each signal over a group of up to 32 documents before the next signal, so each family's automata, regex
caches and word lists stay in the CPU caches; the rows are checked to be identical to ``extract``'s. Reported:
medians over ``--repeats`` passes of thread CPU time (the process is pinned to one CPU), alternating the two
ways so that the machine's load affects both alike.

Usage::

    /work/venv/bin/python experiments/bench_extract_batch.py [--shared ../shared] [--docs 300] [--repeats 5]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import build_documents  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--docs", type=int, default=300, help="about how many ~5 KB documents (default 300)")
    parser.add_argument("--repeats", type=int, default=5, help="passes per way; medians reported")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last one)")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"bench_extract_batch: {args.shared} not found (needs ../shared/data)", file=sys.stderr)
        return 1
    os.sched_setaffinity(0, {args.cpu if args.cpu is not None else max(os.sched_getaffinity(0))})

    from farmguard.article import Article
    from farmguard.features.vector import extract, extract_many

    docs = build_documents(args.shared, args.docs)
    raw = [(text.encode("utf-8"), lang) for text, lang, _ in docs]
    n, n_bytes = len(raw), sum(len(r) for r, _ in raw)

    def articles() -> list[Article]:
        return [Article(text=r.decode("utf-8"), lang=lang) for r, lang in raw]

    def one_by_one() -> np.ndarray:
        return np.vstack([extract(a) for a in articles()])

    def batch() -> np.ndarray:
        return extract_many(articles(), n_jobs=1, chunk_size=len(raw))

    if not np.array_equal(one_by_one(), batch(), equal_nan=True):  # also warms lexicons, automata, word lists
        print("bench_extract_batch: extract_many rows differ from extract()", file=sys.stderr)
        return 1
    times: dict[str, list[float]] = {"extract(), one article at a time": [], "extract_many(n_jobs=1)": []}
    for _ in range(args.repeats):
        for name, run in zip(times, (one_by_one, batch)):
            t0 = time.thread_time()
            run()
            times[name].append(time.thread_time() - t0)
    print(f"documents: {n} ({n_bytes / n:.0f} bytes mean), lang given; one core, median of {args.repeats} passes "
          "of thread CPU time")
    print("| way | articles/s | MB/s | µs/article |")
    print("|---|---|---|---|")
    for name, ts in times.items():
        t = statistics.median(ts)
        print(f"| {name} | {n / t:,.0f} | {n_bytes / t / 1e6:.2f} | {t / n * 1e6:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
