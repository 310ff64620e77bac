"""Measure farmguard's HTML main-text extraction (``farmguard.html_extract``) on real annotated pages.

Two benchmarks from ``../shared/data/boilerplate`` (see its SOURCE.md):

* **scrapinghub-aeb** (181 English pages, full human-annotated main text): token-level precision,
  recall and F1 of the extracted text against ``articleBody`` (whitespace tokens, multiset
  overlap), averaged over pages, as in the article-extraction-benchmark.
* **trafilatura-eval** (415 multilingual pages, snippets): the share of ``with`` snippets found
  in the extracted text and of ``without`` snippets kept out, and the precision/recall/F1/accuracy
  trafilatura's own evaluation computes from those counts.

The same numbers are computed for a naive baseline (all visible text of the page) so the gain
of boilerplate removal is visible. Usage (takes ~30 s on one core)::

    /work/venv/bin/python experiments/eval_html_extraction.py            # both benchmarks
    /work/venv/bin/python experiments/eval_html_extraction.py --limit 50 # first 50 pages of each
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from farmguard.html_extract import extract_page

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "boilerplate"

Extractor = Callable[[bytes], str]


def farmguard_text(html: bytes) -> str:
    """farmguard's extraction: main text without the leading title line."""
    return extract_page(html).text


def all_visible_text(html: bytes) -> str:
    """Baseline: every text node outside script/style, as a browser's select-all would copy it."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - an unparsable page yields no text for the baseline
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return tree.text_content()


def token_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 of ``predicted`` against ``expected`` (multiset overlap).

    >>> token_prf("a b c d", "a b x")
    (0.5, 0.6666666666666666, 0.5714285714285715)
    """
    pred, gold = Counter(predicted.split()), Counter(expected.split())
    overlap = sum((pred & gold).values())
    if not pred or not gold:
        return (1.0 if not pred and not gold else 0.0,) * 3  # type: ignore[return-value]
    precision = overlap / sum(pred.values())
    recall = overlap / sum(gold.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def _norm(text: str) -> str:
    return " ".join(text.split())


def eval_scrapinghub(folder: Path, extract: Extractor, limit: int | None) -> dict[str, float]:
    truth = json.loads(gzip.decompress((folder / "ground-truth.json.gz").read_bytes()))
    ids = sorted(truth)[:limit]
    scores, empty, seconds = [], 0, 0.0
    for page_id in ids:
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        start = time.perf_counter()
        text = extract(html)
        seconds += time.perf_counter() - start
        empty += not text.strip()
        scores.append(token_prf(text, truth[page_id]["articleBody"]))
    return {
        "pages": len(ids),
        "precision": statistics.fmean(s[0] for s in scores),
        "recall": statistics.fmean(s[1] for s in scores),
        "f1": statistics.fmean(s[2] for s in scores),
        "empty": empty,
        "ms_per_page": 1000 * seconds / len(ids),
    }


def eval_trafilatura(folder: Path, extract: Extractor, limit: int | None) -> dict[str, float]:
    rows = [json.loads(line) for line in (folder / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = rows[:limit]
    tp = fn = fp = tn = 0
    seconds = 0.0
    for row in rows:
        html = gzip.decompress((folder / row["html_file"]).read_bytes())
        start = time.perf_counter()
        text = _norm(extract(html))
        seconds += time.perf_counter() - start
        for snippet in row["with"]:
            if _norm(snippet) in text:
                tp += 1
            else:
                fn += 1
        for snippet in row["without"]:
            if _norm(snippet) in text:
                fp += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pages": len(rows),
        "with_found": recall,
        "without_excluded": tn / (tn + fp) if tn + fp else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "accuracy": (tp + tn) / (tp + tn + fp + fn),
        "ms_per_page": 1000 * seconds / len(rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared boilerplate folder")
    parser.add_argument("--limit", type=int, default=None, help="evaluate only the first N pages of each set")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"eval_html_extraction: {args.data} not found (the shared data folder)", file=sys.stderr)
        return 1
    extractors: dict[str, Extractor] = {"farmguard (trafilatura)": farmguard_text, "all visible text": all_visible_text}
    print("scrapinghub-aeb: token-level, mean over pages")
    print(f"  {'extractor':26} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'empty':>5} {'ms/page':>8}")
    for name, extract in extractors.items():
        r = eval_scrapinghub(args.data / "scrapinghub-aeb", extract, args.limit)
        print(f"  {name:26} {r['pages']:5d} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{r['empty']:5d} {r['ms_per_page']:8.1f}")
    print("trafilatura-eval: snippets (with = must be found, without = must be left out)")
    print(f"  {'extractor':26} {'pages':>5} {'with':>6} {'w/out':>6} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'ms/page':>8}")
    for name, extract in extractors.items():
        r = eval_trafilatura(args.data / "trafilatura-eval", extract, args.limit)
        print(f"  {name:26} {r['pages']:5d} {r['with_found']:6.3f} {r['without_excluded']:6.3f} "
              f"{r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['accuracy']:6.3f} {r['ms_per_page']:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
