"""Time the residue and translation families per article (one core), on the seeds and real ~5 KB texts.

Budget (issue 3, signals-B): both families together about 400 µs per ~5 KB article. The Document's
shared views (words, words_lower, lower, lines, paragraphs) are built before the clock starts, since
every family shares them; word lists are loaded before timing (once per process in real use).

    /work/venv/bin/python experiments/bench_residue_translation.py [--shared ../shared] [--docs 80]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from farmguard.article import Article
from farmguard.features import residue, translation  # noqa: F401  (registers the families)
from farmguard.features.document import Document
from farmguard.features.signal import registered
from farmguard.readers import read_articles

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure_residue_translation import ntrex_docs, wmt_reference_docs  # noqa: E402

FAMILIES = ("residue", "translation")


def articles(shared: Path, n: int) -> list[Article]:
    out = list(read_articles(sorted((shared / "seeds").glob("*.txt"))))
    pool = [(lang, text) for _s, lang, _d, text in wmt_reference_docs(shared)]
    pool += [(lang, text) for _s, lang, _d, text in ntrex_docs(shared)]
    picked = [(lang, text) for lang, text in pool if 4000 <= len(text.encode("utf-8")) <= 6500]
    step = max(1, len(picked) // n)
    out += [Article(text=text, lang=lang) for lang, text in picked[::step][:n]]
    return out


def time_family(arts: list[Article], family: str, repeat: int = 5) -> list[float]:
    specs = registered(family)
    times = []
    for a in arts:
        best = float("inf")
        for _ in range(repeat):
            d = Document.from_article(a)
            _ = d.words, d.words_lower, d.lower, d.lines, d.paragraphs, d.lang
            t0 = time.perf_counter()
            for s in specs:
                s.fn(d)
            best = min(best, time.perf_counter() - t0)
        times.append(best)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    parser.add_argument("--docs", type=int, default=80)
    args = parser.parse_args(argv)
    if not (args.shared / "seeds").is_dir():
        print(f"error: {args.shared}: no seeds/ (needs ../shared)", file=sys.stderr)
        return 1
    arts = articles(args.shared, args.docs)
    for a in arts:  # warm: lexicons, automata, word lists
        d = Document.from_article(a)
        for fam in FAMILIES:
            for s in registered(fam):
                s.fn(d)
    kb = statistics.mean(len(a.text.encode("utf-8")) for a in arts) / 1000
    langs = len({a.lang for a in arts if a.lang})
    print(f"{len(arts)} articles (5 seeds + real ~5 KB texts), mean {kb:.1f} KB, {langs} languages")
    total = [0.0] * len(arts)
    for fam in FAMILIES:
        ts = time_family(arts, fam)
        total = [x + y for x, y in zip(total, ts)]
        print(f"  {fam:12s} median {statistics.median(ts) * 1e6:6.0f} µs  mean {statistics.mean(ts) * 1e6:6.0f} µs"
              f"  p95 {sorted(ts)[int(0.95 * len(ts))] * 1e6:6.0f} µs")
    print(f"  {'both':12s} median {statistics.median(total) * 1e6:6.0f} µs  mean {statistics.mean(total) * 1e6:6.0f} µs"
          f"  p95 {sorted(total)[int(0.95 * len(total))] * 1e6:6.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
