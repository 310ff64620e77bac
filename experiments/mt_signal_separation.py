"""Separation of translation-family measures between WMT human references and MT system outputs.

For each WMT pair (target language), each document (docids.tsv) is assembled from the reference and from
every system's output in the same way (first segment = title and first line, then paragraphs of 3
segments; WMT24 segments are paragraphs already). Per signal and language: AUC of "MT scores higher" over
all (reference, system) documents, and the paired win-rate (system > its own reference, ties excluded).
NTREX (human only) values are printed as a reference-typesetting check (median per signal).

    /work/venv/bin/python experiments/mt_signal_separation.py --signals translation.capitalised_common_share
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections import defaultdict
from pathlib import Path

from farmguard.article import Article
from farmguard.features.document import Document
from farmguard.features import translation  # noqa: F401  (registers the family)
from farmguard.features.signal import registered

WMT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt"


def documents(pair_dir: Path, lines: list[str], year: str) -> dict[str, Article]:
    ids = [row.split("\t")[1] for row in (pair_dir / "docids.tsv").read_text().splitlines()]
    by_doc: dict[str, list[str]] = defaultdict(list)
    for doc_id, line in zip(ids, lines):
        by_doc[doc_id].append(line.strip())
    lang = pair_dir.name.split("-")[1]
    out = {}
    for doc_id, segs in by_doc.items():
        body = segs[1:]
        size = 1 if year == "2024" else 3
        paras = [" ".join(body[i : i + size]) for i in range(0, len(body), size)]
        text = "\n\n".join([segs[0], *paras])
        if len(text) < 400:
            continue
        out[doc_id] = Article(text=text, title=segs[0], lang=lang)
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    pairs = [(v, 1) for v in pos] + [(v, 0) for v in neg]
    pairs.sort()
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        r = (i + j + 1) / 2
        rank_sum += r * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0) if n1 and n0 else math.nan


def value(name: str, article: Article) -> float:
    fn = {spec.name: spec.fn for spec in registered("translation")}[name]
    v, _ = fn(Document.from_article(article, 20_000))
    return v


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--signals", nargs="+", required=True)
    ap.add_argument("--max-docs", type=int, default=60)
    args = ap.parse_args()
    rows = defaultdict(lambda: defaultdict(lambda: {"ref": [], "mt": [], "win": 0, "loss": 0}))
    for pair_dir in sorted(WMT.glob("20*/*-*")):
        year = pair_dir.parent.name
        refs = documents(pair_dir, (pair_dir / "reference.txt").read_text().splitlines(), year)
        keep = sorted(refs)[: args.max_docs]
        lang = pair_dir.name.split("-")[1]
        ref_vals = {name: {d: value(name, refs[d]) for d in keep} for name in args.signals}
        for system in sorted((pair_dir / "systems").glob("*.txt")):
            docs = documents(pair_dir, system.read_text().splitlines(), year)
            for name in args.signals:
                cell = rows[name][lang]
                for d in keep:
                    if d not in docs:
                        continue
                    r, m = ref_vals[name][d], value(name, docs[d])
                    if math.isnan(r) or math.isnan(m):
                        continue
                    cell["mt"].append(m)
                    cell["ref"].append(r)
                    cell["win"] += m > r
                    cell["loss"] += m < r
    for name in args.signals:
        print(f"\n{name}  (AUC: P(MT > reference); win: paired MT > own reference, ties excluded)")
        all_ref, all_mt, wins, losses = [], [], 0, 0
        for lang, cell in sorted(rows[name].items()):
            refs = cell["ref"]
            a = auc(cell["mt"], refs)
            w = cell["win"] / max(1, cell["win"] + cell["loss"])
            print(f"  {lang:3} n={len(cell['mt']):4}  AUC {a:.3f}  win {w:.3f}  (decided {cell['win'] + cell['loss']})  "
                  f"median ref {statistics.median(refs) if refs else math.nan:.3f} mt {statistics.median(cell['mt']) if cell['mt'] else math.nan:.3f}")
            all_ref += refs; all_mt += cell["mt"]; wins += cell["win"]; losses += cell["loss"]
        print(f"  ALL n={len(all_mt)} AUC {auc(all_mt, all_ref):.3f} win {wins / max(1, wins + losses):.3f}")


if __name__ == "__main__":
    main()
