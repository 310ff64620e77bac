"""Per-document cost of the spam, boilerplate and credit signal families (design.md §4 budget: ~100 µs each).

Times every signal of the three families on the five seeds and on real news articles of 3–7 KB from
``../shared/data/news-clusters`` (originals only), one core, best of ``--repeat`` runs per document, and
prints per-family medians in µs of CPU time (``time.thread_time``; ``--wall`` for wall-clock time). The shared document views (lower-case text, lines, words, language) are
computed before the clock starts, as the extractor computes them once for all families; ``--cold``
includes them.

    /work/venv/bin/python experiments/bench_spam_boilerplate_credit.py [--docs 200] [--repeat 5] [--cold] [--wall]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

from farmguard.article import Article
from farmguard.features import boilerplate, credit, spam  # noqa: F401  (registers the families)
from farmguard.features.document import Document
from farmguard.features.signal import registered

FAMILIES = ("spam", "boilerplate", "credit")
CLOCK = time.thread_time
"""CPU time of this thread: on a machine shared with other jobs, wall time measures their load too."""
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def load_texts(max_docs: int) -> dict[str, list[tuple[str, str | None]]]:
    """``{"seeds": [(text, lang)], "news-clusters": [...]}`` from ../shared (exits when it is absent)."""
    if not SHARED.is_dir():
        sys.exit(f"{SHARED}: not found (this benchmark reads the shared real data)")
    seeds = [(p.read_text(encoding="utf-8"), None) for p in sorted((SHARED / "seeds").glob("0*.txt"))]
    news: list[tuple[str, str | None]] = []
    with gzip.open(SHARED / "data/news-clusters/semeval2022t8_articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec["machine_translated_copy"] and 3000 <= len(rec["text"]) <= 7000:
                news.append((rec["text"], rec["lang"]))
                if len(news) >= max_docs:
                    break
    return {"seeds": seeds, "news-clusters 3-7 KB": news}


def time_document(text: str, lang: str | None, cold: bool) -> dict[str, float]:
    """Seconds spent in each family's signals on one fresh Document."""
    doc = Document.from_article(Article(text=text, lang=lang))
    if not cold:
        _ = doc.lower, doc.lines, doc.words, doc.paragraphs, doc.lang
    out = {}
    for family in FAMILIES:
        t0 = CLOCK()
        for spec in registered(family):
            spec.fn(doc)
        out[family] = CLOCK() - t0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="include the shared document views in the time")
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of thread CPU time")
    args = parser.parse_args()
    if args.wall:
        global CLOCK
        CLOCK = time.perf_counter
    sets = load_texts(args.docs)
    for text, lang in sets["seeds"]:  # warm-up: load lexicons and automata
        time_document(text, lang, args.cold)
    for name, docs in sets.items():
        per_family: dict[str, list[float]] = {f: [] for f in FAMILIES}
        totals = []
        for text, lang in docs:
            best = min((time_document(text, lang, args.cold) for _ in range(args.repeat)), key=lambda t: sum(t.values()))
            for family in FAMILIES:
                per_family[family].append(best[family] * 1e6)
            totals.append(sum(best.values()) * 1e6)
        fams = ", ".join(f"{f} {statistics.median(v):.0f}" for f, v in per_family.items())
        print(f"{name}: {len(docs)} docs; median µs per document: {fams}; "
              f"all three {statistics.median(totals):.0f} (mean {statistics.mean(totals):.0f}, "
              f"p90 {statistics.quantiles(totals, n=10)[-1]:.0f})")


if __name__ == "__main__":
    main()
