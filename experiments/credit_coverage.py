"""Credit-family coverage: share of records with >= 1 credit indicator, per split/label/language.

Usage: python experiments/credit_coverage.py /work/corpus/benchmark.jsonl [--misses FILE] [--ntrex DIR]

Prints, per (split, label), the share of records on which any credit indicator (every ``credit.*`` signal
registered with indicator=True) is > 0, overall and per language; with ``--misses`` writes the syndicated
records that fire none (first and last 3 lines) for inspection.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from farmguard.article import Article
from farmguard.features import credit
from farmguard.features.document import Document

INDICATORS = (credit.dateline, credit.byline, credit.reporting, credit.originally_published,
              credit.partner_disclaimer, credit.source_line, credit.end_credit, credit.photo, credit.wire_markup)


def fires(doc: Document) -> list[str]:
    """Names of the credit indicators that fire on ``doc``.

    >>> fires(Document.from_text("BERLIN (dpa) - Text.", lang="de"))
    ['dateline']
    """
    out = []
    for fn in INDICATORS:
        value, _ = fn(doc)
        if value == value and value > 0:
            out.append(fn.__name__)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--misses")
    ap.add_argument("--labels", default="syndicated,original,scraped")
    args = ap.parse_args()
    totals: dict[tuple[str, str], Counter] = defaultdict(Counter)
    hits: dict[tuple[str, str], Counter] = defaultdict(Counter)
    misses = []
    labels = set(args.labels.split(","))
    elapsed, n = 0.0, 0
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["label"] not in labels:
                continue
            doc = Document.from_article(Article.from_mapping({k: rec[k] for k in ("id", "text", "title", "lang") if rec.get(k) is not None}), 20000)
            t0 = time.perf_counter()
            f = fires(doc)
            elapsed += time.perf_counter() - t0
            n += 1
            key = (rec["split"], rec["label"])
            totals[key][rec["lang"]] += 1
            if f:
                hits[key][rec["lang"]] += 1
            elif rec["label"] == "syndicated":
                misses.append(rec)
    for key in sorted(totals):
        t, h = sum(totals[key].values()), sum(hits[key].values())
        per = " ".join(f"{lg}:{hits[key][lg]}/{c}" for lg, c in totals[key].most_common())
        print(f"{key[0]:6} {key[1]:10} {h}/{t} = {h / t:.4f}   {per}")
    print(f"credit indicators: {1e6 * elapsed / max(n, 1):.0f} us/record over {n}", file=sys.stderr)
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as out:
            for rec in misses:
                lines = [x for x in rec["text"].split("\n") if x.strip()]
                out.write(f"=== {rec['split']} {rec['lang']} {rec['families']}\n")
                out.write("\n".join(lines[:3]) + "\n ... \n" + "\n".join(lines[-3:]) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
