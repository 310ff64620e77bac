"""Cost of the feed, generator, host and encoding families (issue 12), per family and for the whole extractor.

Runs every registered signal (CPU time of this process, so other load on a shared machine counts less) over real documents of about 5 KB (NTREX-128 human translations in several
languages: each document's lines joined 3 to a paragraph, several documents concatenated up to ~5 KB; and
the scrapinghub-aeb ground-truth article bodies of 3-8 KB with their URLs), on one core, and reports:

- per family: median and mean microseconds per article (a fresh Document per article, families timed in
  schema order, so shared Document work such as lower-casing falls on the first family that asks for it);
- the whole extractor without the four families ("before") and with them ("after"), in articles/s: per
  article, the other families' signals then the four new ones on the same Document, each timed as the
  best of ``--repeats`` passes (load on a shared machine only adds time), and the relative slowdown
  (issue 12: within 10%); whole interleaved passes are shown too, for reference (noisier).

Usage::

    /work/venv/bin/python experiments/bench_new_families.py [--shared ../shared] [--repeats 3] [--limit 300]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from farmguard.article import Article
from farmguard.features.document import Document
from farmguard.features.language import normalize_lang
from farmguard.features.vector import specs

NEW_FAMILIES = ("feed", "generator", "host", "encoding")
NTREX_LANGS = ("eng-US", "deu", "fra", "spa", "ind", "rus", "arb", "zho-CN", "vie", "nld", "tur", "hin")
TARGET_CHARS = 5000


def _ntrex(shared: Path, limit: int) -> list[Article]:
    folder = shared / "data" / "ntrex128"
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    out: list[Article] = []
    per_lang = max(1, limit // (2 * len(NTREX_LANGS)))
    for code in NTREX_LANGS:
        lines = (folder / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").split("\n")
        docs: dict[str, list[str]] = defaultdict(list)
        for line, doc_id in zip(lines, ids):
            if line.strip():
                docs[doc_id].append(line.strip())
        buf: list[str] = []
        for sents in docs.values():
            buf += [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
            text = "\n\n".join(buf)
            if len(text) >= TARGET_CHARS:
                out.append(Article(text=text, lang=normalize_lang(code)))
                buf = []
                if sum(1 for a in out if a.lang == normalize_lang(code)) >= per_lang:
                    break
    return out


def _aeb(shared: Path, limit: int) -> list[Article]:
    path = shared / "data" / "boilerplate" / "scrapinghub-aeb" / "ground-truth.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        truth = json.load(fh)
    items = [v for _, v in sorted(truth.items()) if 3000 <= len(v.get("articleBody") or "") <= 8000]
    return [Article(text=v["articleBody"], url=v.get("url")) for v in items[: limit // 2]]


def _pass(articles: list[Article], chosen: list) -> float:
    start = time.process_time()
    for article in articles:
        doc = Document.from_article(article)
        for spec in chosen:
            spec.fn(doc)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()

    articles = _ntrex(args.shared, args.limit) + _aeb(args.shared, args.limit)
    all_specs = list(specs())
    old_specs = [s for s in all_specs if s.family not in NEW_FAMILIES]
    mean_chars = statistics.mean(len(a.text) for a in articles)
    print(f"{len(articles)} articles, mean {mean_chars:.0f} chars, {len(all_specs)} signals "
          f"({len(all_specs) - len(old_specs)} in {', '.join(NEW_FAMILIES)})")

    for a in articles[:20] + articles[-20:]:  # warm caches: lexicons, automata, tldextract snapshot
        doc = Document.from_article(a)
        for spec in all_specs:
            spec.fn(doc)

    per_family: dict[str, list[float]] = defaultdict(list)
    for article in articles:
        doc = Document.from_article(article)
        spent: dict[str, float] = defaultdict(float)
        for spec in all_specs:
            t0 = time.process_time()
            spec.fn(doc)
            spent[spec.family] += time.process_time() - t0
        for family, seconds in spent.items():
            per_family[family].append(seconds * 1e6)
    print("per family, µs/article (median / mean):")
    for family in dict.fromkeys(s.family for s in all_specs):
        values = per_family[family]
        mark = "  <- issue 12" if family in NEW_FAMILIES else ""
        print(f"  {family:<12} {statistics.median(values):8.1f} / {statistics.mean(values):8.1f}{mark}")
    new_total = [sum(per_family[f][i] for f in NEW_FAMILIES) for i in range(len(articles))]
    print(f"  {'4 new total':<12} {statistics.median(new_total):8.1f} / {statistics.mean(new_total):8.1f}")

    # Before/after on the same Document: the other families' signals, then the four new ones, timed per
    # article in CPU time; the best of --repeats passes per article (load on a shared machine only adds time).
    best_old = [float("inf")] * len(articles)
    best_new = [float("inf")] * len(articles)
    new_specs = [s for s in all_specs if s.family in NEW_FAMILIES]
    for _ in range(args.repeats):
        for i, article in enumerate(articles):
            doc = Document.from_article(article)
            t0 = time.process_time()
            for spec in old_specs:
                spec.fn(doc)
            t1 = time.process_time()
            for spec in new_specs:
                spec.fn(doc)
            t2 = time.process_time()
            best_old[i] = min(best_old[i], t1 - t0)
            best_new[i] = min(best_new[i], t2 - t1)
    before = sum(best_old) / len(articles)
    after = before + sum(best_new) / len(articles)
    print(f"whole extractor before: {1 / before:8.0f} articles/s ({before * 1e6:.0f} µs/article)")
    print(f"whole extractor after:  {1 / after:8.0f} articles/s ({after * 1e6:.0f} µs/article; "
          f"new families {statistics.median(best_new) * 1e6:.0f} µs median)")
    print(f"slowdown: {100 * (after / before - 1):.1f}% (limit 10%)")

    passes_before, passes_after = [], []
    for _ in range(args.repeats):  # whole passes, interleaved: noisier on a shared machine, shown for reference
        passes_before.append(_pass(articles, old_specs))
        passes_after.append(_pass(articles, all_specs))
    n = len(articles)
    print(f"whole passes (best of {args.repeats}): before {n / min(passes_before):.0f} articles/s, "
          f"after {n / min(passes_after):.0f} articles/s")


if __name__ == "__main__":
    main()
