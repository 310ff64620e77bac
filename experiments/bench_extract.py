"""Signal extraction throughput on ONE core over real ~5 KB documents (design.md §4 budget: >= 1,000 articles/s).

Documents (built from ../shared/data, deterministic): NTREX-128 human translations in 12 languages, WMT
sources, human references and system outputs (machine translations) of several pairs, and SemEval-2022
news-cluster articles in 7 languages. Each document is ~5 KB of UTF-8: the lines of consecutive source
documents joined 3 to a paragraph (WMT24 lines are paragraphs already) and concatenated up to 5,000 bytes;
news-cluster texts of 2.5 KB+ cut at a sentence end near 5,000 bytes.

Reported (medians over ``--repeats`` passes of thread CPU time, so that other processes on a shared machine
do not count; wall-clock rates are shown too; the process is pinned to one CPU and BLAS threads are 1):

- ``floor``: decode UTF-8 bytes + ``str.lower`` + ``\\w+`` tokenise: the cheapest pass anything can make;
- the whole extractor (``features.extract``, a fresh Document per article, from the UTF-8 bytes) with the
  language given and with it detected (py3langid on the first 400 bytes), in articles/s and MB/s;
  and the batch path (``features.extract_many``, one process), which runs signal by signal over groups of
  documents so that each family's tables stay in the CPU caches;
- a per-family breakdown in µs/article, with the language given and detected: Document views (lower-case,
  tokens, lines, paragraphs) and language identification timed first, then each family's signals in schema
  order (so each row is that family's own work), plus the slowest single signals;
- peak memory: the process's max RSS (``resource.getrusage``) and tracemalloc's peak during one article;
- cold load: a fresh interpreter's import of ``farmguard.features`` and its first and second article
  (lexicons, automata, language model and tables load on first use).

Usage::

    /work/venv/bin/python experiments/bench_extract.py [--shared ../shared] [--docs 300] [--repeats 5]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

TARGET_BYTES = 5000
NTREX_LANGS = ("eng-US", "deu", "fra", "spa", "ind", "rus", "arb", "zho-CN", "vie", "nld", "tur", "hin")
WMT_PAIRS = ("2022/en-de", "2022/en-ru", "2022/en-zh", "2022/de-en", "2024/en-es", "2024/en-ja", "2024/cs-uk")
WORD = re.compile(r"\w+")


# --- documents ---------------------------------------------------------------------------------------------------
def _read(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        return fh.read().split("\n")


def _pack(paragraphs: list[str], lang: str, source: str) -> list[tuple[str, str, str]]:
    """Concatenate paragraphs into documents of about TARGET_BYTES UTF-8 bytes."""
    out, buf, size = [], [], 0
    for para in paragraphs:
        buf.append(para)
        size += len(para.encode("utf-8")) + 2
        if size >= TARGET_BYTES:
            out.append(("\n\n".join(buf), lang, source))
            buf, size = [], 0
    return out


def _grouped(lines: list[str], ids: list[str], per: int) -> list[str]:
    docs: dict[str, list[str]] = defaultdict(list)
    for line, doc_id in zip(lines, ids):
        if line.strip():
            docs[doc_id].append(line.strip())
    paragraphs = []
    for sents in docs.values():
        paragraphs += [" ".join(sents[i : i + per]) for i in range(0, len(sents), per)]
    return paragraphs


def build_documents(shared: Path, n_docs: int) -> list[tuple[str, str, str]]:
    """``(text, lang, source)`` for about ``n_docs`` real ~5 KB documents, a third from each source kind."""
    from farmguard.features.language import normalize_lang

    data = shared / "data"
    per_kind = max(1, n_docs // 3)
    docs: list[tuple[str, str, str]] = []

    # NTREX human translations
    ids = _read(data / "ntrex128" / "DOCUMENT_IDS.tsv")
    ntrex = []
    for code in NTREX_LANGS:
        paras = _grouped(_read(data / "ntrex128" / f"newstest2019-ref.{code}.txt"), ids, 3)
        ntrex.append(_pack(paras, normalize_lang(code), f"ntrex/{code}")[: per_kind // len(NTREX_LANGS) + 1])
    docs += [d for group in ntrex for d in group][:per_kind]

    # WMT sources, references and system outputs
    wmt = []
    for pair in WMT_PAIRS:
        folder = data / "wmt" / pair
        src_lang, tgt_lang = pair.split("/")[1].split("-")
        per = 3 if pair.startswith("2022") else 1
        row_ids = [row.split("\t")[1] for row in _read(folder / "docids.tsv") if row]
        files = [(folder / "source.txt", src_lang), (folder / "reference.txt", tgt_lang)]
        files += [(p, tgt_lang) for p in sorted((folder / "systems").glob("*.txt"))[:2]]
        for path, lang in files:
            packed = _pack(_grouped(_read(path), row_ids, per), lang, f"wmt/{pair}/{path.stem}")
            wmt.append(packed[:3])
    docs += [d for group in wmt for d in group][:per_kind]

    # news-cluster articles
    by_lang: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    with gzip.open(data / "news-clusters" / "semeval2022t8_articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = (row.get("text") or "").strip()
            raw = text.encode("utf-8")
            if len(raw) < TARGET_BYTES // 2 or row.get("machine_translated_copy"):
                continue
            cut = raw[: TARGET_BYTES + 200].decode("utf-8", "ignore")
            end = max(cut.rfind(". ", 0, len(cut)), len(cut) // 2)
            by_lang[row["lang"]].append((cut[: end + 1], row["lang"], f"clusters/{row['lang']}"))
    langs = sorted(by_lang)
    clusters = []
    for i in range(per_kind):
        lang = langs[i % len(langs)]
        if i // len(langs) < len(by_lang[lang]):
            clusters.append(by_lang[lang][i // len(langs)])
    docs += clusters
    return docs


# --- measurements ------------------------------------------------------------------------------------------------
def _median_rate(run, n_articles: int, n_bytes: int, repeats: int) -> tuple[float, float, float, float]:
    """(articles/s, MB/s, µs/article) from the median CPU time of ``repeats`` passes, and wall articles/s."""
    cpu, wall = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.thread_time()
        run()
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - w0)
    t = statistics.median(cpu)
    return n_articles / t, n_bytes / t / 1e6, t / n_articles * 1e6, n_articles / statistics.median(wall)


def floor(raw_docs: list[bytes]) -> None:
    for raw in raw_docs:
        WORD.findall(raw.decode("utf-8").lower())


def cold_load() -> dict[str, float]:
    code = (
        "import time, json\n"
        "t0 = time.perf_counter()\n"
        "from farmguard.article import Article\n"
        "from farmguard.features import extract, feature_names\n"
        "feature_names()\n"
        "t1 = time.perf_counter()\n"
        "a = Article(text='Puluhan ribu orang telah melarikan diri ke perbatasan Suriah.\\n\\nKeluaran SGP')\n"
        "extract(a)\n"
        "t2 = time.perf_counter()\n"
        "extract(Article(text='Tens of thousands fled to the border on Wednesday, residents said.'))\n"
        "t3 = time.perf_counter()\n"
        "print(json.dumps({'import_s': t1 - t0, 'first_article_s': t2 - t1, 'second_article_s': t3 - t2}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--docs", type=int, default=300, help="about how many ~5 KB documents (default 300)")
    parser.add_argument("--repeats", type=int, default=5, help="passes per measurement; medians reported")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last one)")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"bench_extract: {args.shared} not found (needs ../shared/data)", file=sys.stderr)
        return 1
    cpu = args.cpu if args.cpu is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})

    cold = cold_load()

    from farmguard.article import Article
    from farmguard.features.document import Document
    from farmguard.features.vector import FAMILY_MODULES, extract, extract_many, specs

    docs = build_documents(args.shared, args.docs)
    raw_docs = [text.encode("utf-8") for text, _, _ in docs]
    n, n_bytes = len(docs), sum(map(len, raw_docs))
    kinds = Counter(source.split("/")[0] for _, _, source in docs)
    langs = Counter(lang for _, lang, _ in docs)

    def run_extract(with_lang: bool):
        def run() -> None:
            for raw, (_, lang, _) in zip(raw_docs, docs):
                extract(Article(text=raw.decode("utf-8"), lang=lang if with_lang else None))
        return run

    def run_batch(with_lang: bool):
        def run() -> None:
            extract_many([Article(text=raw.decode("utf-8"), lang=lang if with_lang else None)
                          for raw, (_, lang, _) in zip(raw_docs, docs)], n_jobs=1)
        return run

    run_extract(True)()  # warm: lexicons, automata, tables, language model
    floor_rate = _median_rate(lambda: floor(raw_docs), n, n_bytes, args.repeats)
    given = _median_rate(run_extract(True), n, n_bytes, args.repeats)
    detected = _median_rate(run_extract(False), n, n_bytes, args.repeats)
    batch_given = _median_rate(run_batch(True), n, n_bytes, args.repeats)
    batch_detected = _median_rate(run_batch(False), n, n_bytes, args.repeats)

    # per-family breakdown, with the language given and detected: language identification touches a large
    # model table and evicts the caches, so every family after it runs slower; both are shown
    all_specs = specs()
    families = [f for f, _ in FAMILY_MODULES]
    per_row: dict[tuple[str, str], list[float]] = defaultdict(list)
    per_signal: dict[str, list[float]] = defaultdict(list)
    clock = time.thread_time
    groups = [(family, [s.fn for s in all_specs if s.family == family]) for family in families]
    modes = ("given", "detected")
    for _ in range(max(1, args.repeats // 2)):
        for mode in modes:
            for raw, (_, lang, _) in zip(raw_docs, docs):
                t0 = clock()
                doc = Document.from_article(Article(text=raw.decode("utf-8"), lang=lang if mode == "given" else None))
                _ = doc.lower, doc.words, doc.words_lower, doc.lines, doc.paragraphs
                t1 = clock()
                _ = doc.lang
                t2 = clock()
                per_row[("document views", mode)].append(t1 - t0)
                per_row[("language id", mode)].append(t2 - t1)
                for family, group in groups:  # one clock reading per family: no per-signal timer overhead
                    s0 = clock()
                    for fn in group:
                        fn(doc)
                    per_row[(family, mode)].append(clock() - s0)
    for raw, (_, lang, _) in zip(raw_docs, docs):  # a separate pass times single signals (lang given)
        doc = Document.from_article(Article(text=raw.decode("utf-8"), lang=lang))
        _ = doc.lower, doc.words, doc.words_lower, doc.lines, doc.paragraphs, doc.lang
        for spec in all_specs:
            s0 = clock()
            spec.fn(doc)
            per_signal[spec.name].append(clock() - s0)

    # memory: tracemalloc peak over one article, max RSS of the whole run
    tracemalloc.start()
    extract(Article(text=raw_docs[0].decode("utf-8")))
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"documents: {n} ({n_bytes / n:.0f} bytes mean, {n_bytes / 1e6:.2f} MB); sources {dict(kinds)}; "
          f"languages {len(langs)}: {dict(langs.most_common())}")
    print(f"one core (pinned to CPU {cpu}), medians of {args.repeats} passes, timed in thread CPU time (the "
          f"machine is shared: wall clock also shown); features: {len(all_specs)} signals")
    print()
    print("| pass | articles/s (CPU time) | MB/s | µs/article | articles/s (wall clock) |")
    print("|---|---|---|---|---|")
    for name, (rate, mbs, us, wall_rate) in (
        ("floor: decode + lower + \\w+ tokenise", floor_rate),
        ("extract, lang given", given),
        ("extract, lang detected", detected),
        ("extract_many (one process, signal by signal over groups), lang given", batch_given),
        ("extract_many (one process, signal by signal over groups), lang detected", batch_detected),
    ):
        print(f"| {name} | {rate:,.0f} | {mbs:.2f} | {us:,.0f} | {wall_rate:,.0f} |")
    print()
    print("| part | lang given: median µs | mean µs | share | lang detected: median µs | mean µs | share |")
    print("|---|---|---|---|---|---|---|")
    rows = ["document views", "language id"] + families
    means = {(r, m): statistics.fmean(per_row[(r, m)]) * 1e6 for r in rows for m in modes}
    totals = {m: sum(means[(r, m)] for r in rows) for m in modes}
    for r in rows:
        counted = sum(1 for s in all_specs if s.family == r)
        label = r if r in ("document views", "language id") else f"{r} ({counted} signals)"
        cells = [
            f"{statistics.median(per_row[(r, m)]) * 1e6:,.0f} | {means[(r, m)]:,.0f} | {means[(r, m)] / totals[m]:.0%}"
            for m in modes
        ]
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    print(f"| total | | {totals['given']:,.0f} | 100% | | {totals['detected']:,.0f} | 100% |")
    print()
    print("slowest signals (mean µs/article, lang given): " + ", ".join(
        f"{name} {statistics.fmean(v) * 1e6:.0f}"
        for name, v in sorted(per_signal.items(), key=lambda kv: -statistics.fmean(kv[1]))[:8]
    ))
    print()
    print(f"peak memory: max RSS {max_rss_mb:.0f} MB (whole process); tracemalloc peak during one article "
          f"{traced_peak / 1024:.0f} KB")
    print(f"cold load (fresh interpreter): import {cold['import_s'] * 1000:.0f} ms, first article "
          f"{cold['first_article_s'] * 1000:.0f} ms, second article {cold['second_article_s'] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
