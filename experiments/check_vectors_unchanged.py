"""Check that a refactor or speed-up of the extractors left every signal's value and evidence unchanged.

Speed work on ``features/`` must not move the feature vectors the shipped model was trained on. This script
records every signal's value and evidence over real documents, then compares a later run against that record:

- the ~5 KB documents of ``bench_extract.py`` (NTREX, WMT sources/references/system outputs, news clusters);
- a stratified sample of a built corpus (every language and label; a third of them with ``lang`` removed so
  that language identification runs too), when ``--corpus`` is given;
- the bundled examples and the five seeds (read as `farmguard signals` reads them, language detected).

Values are compared as float32 (NaN equals NaN; relative tolerance ``--rtol``, default 1e-6, for sums whose
order changed); evidence is compared exactly and reported separately, since a changed span is not a changed
vector.

Usage::

    python experiments/check_vectors_unchanged.py record /tmp/before.npz --corpus /work/corpus/benchmark.jsonl
    # ... change the code ...
    python experiments/check_vectors_unchanged.py compare /tmp/before.npz --corpus /work/corpus/benchmark.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import build_documents  # noqa: E402

from farmguard.article import Article  # noqa: E402
from farmguard.features.vector import feature_names, signal_values  # noqa: E402
from farmguard.readers import read_articles  # noqa: E402


def _corpus_sample(path: Path, per_cell: int, seed: int) -> list[Article]:
    """Up to ``per_cell`` records per (language, label), a third of them without their language."""
    cells: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in read_articles([path]):
        cells[(article.lang or "", article.label or "")].append(article)
    rng = random.Random(seed)
    out = []
    for key in sorted(cells):
        group = cells[key]
        for i, article in enumerate(rng.sample(group, min(per_cell, len(group)))):
            out.append(article if i % 3 else Article(text=article.text, title=article.title, url=article.url))
    return out


def _articles(shared: Path, corpus: Path | None, per_cell: int) -> list[Article]:
    articles = [Article(text=t, lang=lang) for t, lang, _ in build_documents(shared, 300)]
    if corpus is not None:
        articles += _corpus_sample(corpus, per_cell, seed=7)
    articles += list(read_articles([Path(__file__).resolve().parents[1] / "farmguard" / "examples"]))
    articles += list(read_articles(sorted((shared / "seeds").glob("*.txt"))))
    return articles


def _run(articles: list[Article]) -> tuple[np.ndarray, list[str]]:
    values = np.empty((len(articles), len(feature_names())), np.float32)
    evidence = []
    for i, article in enumerate(articles):
        row = signal_values(article)
        values[i] = [v.value for v in row]
        evidence.append(json.dumps([v.evidence for v in row], ensure_ascii=False))
    return values, evidence


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["record", "compare"])
    parser.add_argument("record_file", type=Path)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--per-cell", type=int, default=4, help="corpus records per (language, label)")
    parser.add_argument("--rtol", type=float, default=1e-6)
    args = parser.parse_args(argv)

    articles = _articles(args.shared, args.corpus, args.per_cell)
    values, evidence = _run(articles)
    names = feature_names()
    if args.mode == "record":
        np.savez_compressed(args.record_file, values=values, evidence=np.array(evidence), names=np.array(names))
        print(f"recorded {len(articles)} articles x {len(names)} signals -> {args.record_file}")
        return 0

    before = np.load(args.record_file)
    if list(before["names"]) != names or before["values"].shape != values.shape:
        print(f"schema or document set differs: {before['values'].shape} vs {values.shape}")
        return 1
    old = before["values"]
    same = np.isclose(old, values, rtol=args.rtol, atol=0.0, equal_nan=True)
    bad_cols = np.flatnonzero(~same.all(axis=0))
    for j in bad_cols:
        rows = np.flatnonzero(~same[:, j])
        i = rows[0]
        print(f"VALUE  {names[j]}: {len(rows)} articles differ, e.g. #{i}: {old[i, j]!r} -> {values[i, j]!r}")
    ev_old = list(before["evidence"])
    ev_diff = [i for i, (a, b) in enumerate(zip(ev_old, evidence)) if a != b]
    for i in ev_diff[:5]:
        a, b = json.loads(ev_old[i]), json.loads(evidence[i])
        for j, (x, y) in enumerate(zip(a, b)):
            if x != y:
                print(f"EVIDENCE #{i} {names[j]}: {x!r} -> {y!r}")
    print(
        f"{len(articles)} articles x {len(names)} signals: {len(bad_cols)} signals with changed values, "
        f"{len(ev_diff)} articles with changed evidence"
    )
    return 1 if len(bad_cols) or ev_diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
