"""Time the corpus build (target: the default build in a few minutes on 2 cores).

Runs :func:`farmguard.training.corpus.build` into a temporary folder and prints wall time, CPU time,
records per second and peak memory (ru_maxrss). Usage (from the repo root)::

    /work/venv/bin/python experiments/bench_corpus_build.py --source ../shared/data [--max-per-lang N]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("../shared/data"))
    parser.add_argument("--max-per-lang", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    from farmguard.training.corpus import build

    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = time.perf_counter(), time.process_time()
        report = build(args.source, Path(tmp) / "bench.jsonl", seed=args.seed, max_per_lang=args.max_per_lang)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{report.records} records in {wall:.1f}s wall / {cpu:.1f}s CPU "
        f"({report.records / wall:.0f} records/s), peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
