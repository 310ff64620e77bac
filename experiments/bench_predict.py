"""Benchmark of the serving path: latency, throughput, memory and cold start of `farmguard predict`.

    python experiments/bench_predict.py                      # shipped model, real articles from ../shared
    python experiments/bench_predict.py --model M.joblib --n 300 --json bench.json

Measures, on ONE core (LightGBM ``num_threads=1``; run it on an otherwise quiet machine):

- baseline: feature extraction alone per article (``farmguard.features.extract``), warm;
- model alone: one LightGBM raw-score call + calibration on one row;
- single-article latency of ``Classifier.predict`` warm, p50/p99, without and with ``explain``
  (targets: p50 < 2 ms and < 20 ms; the extraction baseline is most of it);
- batch throughput of ``Classifier.predict_many(batch_size=256)`` in articles/s on one core
  (per wall second and per CPU second of the thread: on a busy machine the second is the
  per-core figure);
- peak memory (max RSS) of this process after loading the model and running everything;
- cold start: wall time of ``farmguard predict FILE --model M`` in a fresh process (median of
  ``--cold-runs``), for a ``.jsonl`` file of one article with ``lang`` given and for a ``.txt`` file
  (language detected, which loads py3langid's model), against ``python -c pass`` and
  ``farmguard --version`` in the same run.

Articles: real news texts of 1.5-10 K characters from ``../shared/data/news-clusters`` (en, de, es, fr, pl, tr,
ar; first ``--n`` by id order, machine-translated copies excluded) when that folder exists, else the
example articles shipped in ``farmguard/examples``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import numpy as np

from farmguard.article import Article
from farmguard.features import extract
from farmguard.readers import read_articles
from farmguard.serving.calibration import apply_calibration
from farmguard.serving.classifier import Classifier

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CLUSTERS = SHARED / "data" / "news-clusters" / "semeval2022t8_articles.jsonl.gz"


def load_articles(n: int) -> tuple[list[Article], str]:
    """``n`` real 1.5-10 K-character articles (see the module docstring) and a description of where they came from."""
    if CLUSTERS.is_file():
        out = []
        with gzip.open(CLUSTERS, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        rows.sort(key=lambda r: str(r["id"]))
        for row in rows:
            text = row.get("text") or ""
            if row.get("machine_translated_copy") or not 1500 <= len(text) <= 10000:
                continue
            out.append(Article(text=text, id=str(row["id"]), lang=row.get("lang")))
            if len(out) == n:
                break
        mean_kb = statistics.mean(len(a.text.encode("utf-8")) for a in out) / 1024
        return out, f"{len(out)} news-clusters articles, mean {mean_kb:.1f} KB"
    examples = Path(str(resources.files("farmguard") / "examples"))
    out = list(read_articles([examples]))
    return out, f"{len(out)} shipped example articles (../shared absent)"


def timings(fn, items, repeat: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Per-call wall and CPU (this thread) times in ms of ``fn(item)`` over ``items``, after a warm-up.

    On a shared machine the wall time includes waiting for a core; the thread CPU time does not.
    """
    for item in items[: min(len(items), 20)]:
        fn(item)
    wall, cpu = [], []
    for _ in range(repeat):
        for item in items:
            t, c = time.perf_counter(), time.thread_time()
            fn(item)
            cpu.append((time.thread_time() - c) * 1000)
            wall.append((time.perf_counter() - t) * 1000)
    return np.array(wall), np.array(cpu)


def pcts(times: tuple[np.ndarray, np.ndarray]) -> dict[str, float]:
    wall, cpu = times
    return {"p50_ms": round(float(np.percentile(wall, 50)), 3), "p99_ms": round(float(np.percentile(wall, 99)), 3),
            "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 3), "cpu_p99_ms": round(float(np.percentile(cpu, 99)), 3)}


def cold_start(args: list[str], runs: int) -> dict[str, float]:
    walls = []
    for _ in range(runs):
        t = time.perf_counter()
        res = subprocess.run(args, capture_output=True, text=True)
        walls.append(time.perf_counter() - t)
        if res.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(args)} failed: {res.stderr.strip()}")
    return {"median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3), "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark farmguard's serving path.")
    parser.add_argument("--model", help="bundle file (default: the shipped model)")
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)

    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    clf = Classifier.load(args.model)
    load_s = time.perf_counter() - t
    rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    articles, source = load_articles(args.n)
    print(f"model {clf.model_version}: {clf.booster.num_trees} trees, {len(clf.model_feature_names)} features; "
          f"articles: {source}", file=sys.stderr)

    results: dict[str, object] = {"model": clf.model_version, "trees": clf.booster.num_trees, "articles": source,
                                  "model_load_s": round(load_s, 3)}
    results["extract_only"] = pcts(timings(extract, articles))
    row = np.vstack([clf._vector(extract(articles[0]))])
    results["model_only_one_row"] = pcts(timings(lambda r: apply_calibration(clf.booster.raw_scores(r), clf.calibration),
                                                 [row] * 300))
    results["predict"] = pcts(timings(clf.predict, articles))
    results["predict_explain"] = pcts(timings(lambda a: clf.predict(a, explain=True), articles))

    for batch_explain in (False, True):
        t, c = time.perf_counter(), time.thread_time()
        n = sum(1 for _ in clf.predict_many(articles, batch_size=256, explain=batch_explain))
        wall, cpu = time.perf_counter() - t, time.thread_time() - c
        key = "batch_explain" if batch_explain else "batch"
        results[key] = {"articles": n, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                        "articles_per_s_wall": round(n / wall, 1), "articles_per_s_cpu": round(n / cpu, 1)}
    results["peak_rss_mb"] = {"at_start": round(rss_start, 1), "after_model_load": round(rss_model, 1),
                              "peak": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}

    model_args = ["--model", args.model] if args.model else []
    farmguard = [sys.executable, "-c", "from farmguard.cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        one_jsonl = Path(tmp) / "one.jsonl"
        one_jsonl.write_text(json.dumps({"id": articles[0].id, "text": articles[0].text, "lang": articles[0].lang})
                             + "\n", encoding="utf-8")
        one_txt = Path(tmp) / "one.txt"
        one_txt.write_text(articles[0].text, encoding="utf-8")
        results["cold_start"] = {
            "python -c pass": cold_start([sys.executable, "-c", "pass"], args.cold_runs),
            "farmguard --version": cold_start([*farmguard, "--version"], args.cold_runs),
            "farmguard predict one.jsonl (lang given)": cold_start([*farmguard, "predict", str(one_jsonl), *model_args],
                                                                   args.cold_runs),
            "farmguard predict one.txt (lang detected)": cold_start([*farmguard, "predict", str(one_txt), *model_args],
                                                                    args.cold_runs),
        }
    results["machine"] = {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
                          "python": sys.version.split()[0]}

    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
