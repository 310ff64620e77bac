"""One command for the whole model comparison on the benchmark corpus; writes experiments/REPORT.md.

    /work/venv/bin/python experiments/run_comparison.py /work/corpus/benchmark.jsonl \\
        --config experiments/default.toml --experiment farmguard-comparison --jobs 2

Every row is trained on the corpus's ``train`` split (validation folds drawn from it, grouped by
``story_id``) and measured on its ``test`` split, and logged as one run of the same MLflow
experiment:

- **farmguard**: the full model (``experiments/default.toml``);
- **credit signals removed** (ablation): the same model with every ``credit.*`` feature blanked
  (NaN, i.e. "missing", in training and test), to show what syndication detection owes to the
  credit family and that scraped detection does not rest on it;
- **leave one language out**: for each of the ``--lolo`` languages, trained without any record of
  that language and tested on its test records;
- **TF-IDF char n-grams + logistic regression** and **datatrove heuristic filters** (see
  ``experiments/baselines.py``).

Slices: language, corpus family, difficulty; *reserved languages* (test-only languages of the
corpus) and *reserved families* (test-only corpus families). The reserved-family slice holds the
test records carrying a reserved family plus the originals of the same stories, so that all three
labels are in play; per-family accuracy is reported too. The heuristic-filter baseline has no
notion of syndication, so every system is also scored on *scraped vs not* (binary macro-F1).

``--scale-to N`` also measures end-to-end training time on N articles: the training records are
replicated to N rows (stated in the report), features extracted for every row (no cache), then
LightGBM trained with the same config.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from farmguard.article import LABELS  # noqa: E402
from farmguard.features import feature_names  # noqa: E402
from farmguard.training import metrics as M  # noqa: E402
from farmguard.training.config import TrainConfig, load_config  # noqa: E402
from farmguard.training.dataset import LabelledSet, load_labelled  # noqa: E402
from farmguard.training.features_cache import FeatureCache  # noqa: E402
from farmguard.training.trainer import train  # noqa: E402

SCRAPED = LABELS.index("scraped")
ORIGINAL = LABELS.index("original")
HERE = Path(__file__).resolve().parent


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- scoring helpers ------------------------------------------------------------------------------


def binary_macro_f1(y: np.ndarray, scraped_pred: np.ndarray) -> float:
    """Macro-F1 of *scraped vs not* (two classes)."""
    truth = (np.asarray(y) == SCRAPED).astype(np.int64)
    return M.macro_f1(truth, np.asarray(scraped_pred).astype(np.int64), 2)


def scores(y: np.ndarray, proba: np.ndarray | None, scraped_pred: np.ndarray | None = None) -> dict[str, Any]:
    """Three-label report (when probabilities exist) and the binary scraped-vs-not macro-F1."""
    out: dict[str, Any] = {"n": int(len(y))}
    if len(y) == 0:  # an empty slice (e.g. no reserved language in this corpus) has no score
        nan = float("nan")
        out.update({"macro_f1": nan if proba is not None else None, "accuracy": nan, "binary_macro_f1": nan,
                    "binary_accuracy": nan})
        return out
    if proba is not None:
        rep = M.classification_report(y, proba, LABELS)
        out.update({k: rep[k] for k in ("macro_f1", "accuracy", "fpr_original", "brier", "ece")})
        out["per_class_f1"] = {k: v["f1"] for k, v in rep["per_class"].items()}
        out["report"] = rep
        scraped_pred = proba.argmax(axis=1) == SCRAPED
    out["binary_macro_f1"] = binary_macro_f1(y, scraped_pred) if len(y) else float("nan")
    truth = np.asarray(y) == SCRAPED
    out["binary_accuracy"] = float(np.round((np.asarray(scraped_pred, bool) == truth).mean(), 4)) if len(y) else float("nan")
    return out


def slice_rows(test: LabelledSet, reserved_langs: set[str], reserved_fams: set[str]) -> dict[str, np.ndarray]:
    """Row indices (into the test set) of every slice of the report."""
    n = len(test)
    rows: dict[str, np.ndarray] = {"all": np.arange(n)}
    rows["reserved languages"] = np.array([i for i in range(n) if test.langs[i] in reserved_langs], dtype=int)
    fam_rows = [i for i in range(n) if set(test.families[i]) & reserved_fams]
    stories = {test.groups[i] for i in fam_rows}
    same_story_originals = [i for i in range(n) if test.y[i] == ORIGINAL and test.groups[i] in stories
                            and i not in set(fam_rows)]
    rows["reserved families (+ originals of their stories)"] = np.array(sorted(fam_rows + same_story_originals), int)
    for fam in sorted(reserved_fams):
        rows[f"family {fam}"] = np.array([i for i in range(n) if fam in test.families[i]], dtype=int)
    for diff in sorted({d for d in test.difficulty if d}):
        rows[f"difficulty {diff}"] = np.array([i for i in range(n) if test.difficulty[i] == diff], dtype=int)
    return rows


def per_lang(test: LabelledSet, proba: np.ndarray | None, scraped_pred: np.ndarray | None) -> dict[str, dict]:
    out = {}
    for lang in sorted(set(test.langs)):
        idx = np.array([i for i, l in enumerate(test.langs) if l == lang])
        out[lang] = scores(test.y[idx], None if proba is None else proba[idx],
                           None if scraped_pred is None else scraped_pred[idx])
    return out


# --- the runs ---------------------------------------------------------------------------------------


def _log(args: argparse.Namespace, name: str, report: dict, params: dict, slices: dict | None = None,
         extra: dict | None = None) -> None:
    if args.no_track:
        return
    from farmguard.training import tracking

    tracking.log_comparison_entry(name, report, params, slices, experiment=args.experiment,
                                  tracking_uri=args.tracking_uri, extra_metrics=extra)


def run_farmguard(ds: LabelledSet, X: np.ndarray, cfg: TrainConfig, args: argparse.Namespace,
                  name: str, blank: Sequence[int] = (), log_bundle: bool = False) -> tuple[Any, np.ndarray]:
    """Train on the non-test rows; return the TrainResult and test probabilities (test rows in ds order)."""
    Xr = X.copy() if blank else X
    if blank:
        Xr[:, list(blank)] = np.nan
    t0 = time.perf_counter()
    result = train(ds, cfg, X=Xr, progress=say)
    say(f"{name}: trained in {time.perf_counter() - t0:.1f} s, best iteration {result.best_iteration}")
    if not args.no_track:
        from farmguard.serving.bundle import save_bundle
        from farmguard.training import tracking

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{name.replace(' ', '-')}.joblib"
            save_bundle(path, result.payload)
            tracking.log_training(result, path, experiment=args.experiment, tracking_uri=args.tracking_uri,
                                  run_name=name, log_model=log_bundle,
                                  extra_params={"comparison_row": name, "blanked_features": len(blank)})
    return result, result.test_proba


def leave_one_language_out(ds: LabelledSet, X: np.ndarray, cfg: TrainConfig, langs: Sequence[str],
                           args: argparse.Namespace) -> dict[str, dict]:
    out = {}
    for lang in langs:
        keep = np.array([i for i in range(len(ds)) if ds.langs[i] != lang or ds.split[i] == "test"])
        sub = ds.subset(keep)
        t0 = time.perf_counter()
        result = train(sub, cfg, X=X[keep])
        test_idx = result.split.test
        mask = np.array([sub.langs[i] == lang for i in test_idx])
        y = sub.y[test_idx][mask]
        s = scores(y, result.test_proba[mask])
        s["train_rows"] = int(len(result.split.train))
        say(f"LOLO {lang}: macro-F1 {s['macro_f1']:.4f} on {len(y)} test rows ({time.perf_counter() - t0:.1f} s)")
        _log(args, f"leave-out {lang}", s["report"], {"comparison_row": "leave-one-language-out", "language": lang,
                                                        "train_rows": s["train_rows"]})
        out[lang] = s
    return out


def scale_timing(ds: LabelledSet, cfg: TrainConfig, n_target: int, jobs: int) -> dict[str, Any]:
    """End-to-end training time on ``n_target`` rows made by replicating the non-test records."""
    base = [i for i in range(len(ds)) if ds.split[i] != "test"]
    reps = int(np.ceil(n_target / len(base)))
    idx = np.array((base * reps)[:n_target])
    big = ds.subset(idx)
    # replicas keep their story_id, so all copies of a story fall on the same side of the validation split
    big.split = ["train"] * len(big)
    say(f"scale: {len(big):,} rows ({reps} replicas of {len(base):,} training records), extracting without cache")
    t0 = time.perf_counter()
    from farmguard.features import extract_many

    X = extract_many(big.articles, n_jobs=jobs, max_chars=cfg.features.max_chars)  # every row, no dedup
    t_extract = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = train(big, cfg, X=X)
    t_train = time.perf_counter() - t1
    say(f"scale: extraction {t_extract:.1f} s, training {t_train:.1f} s")
    return {"rows": len(big), "replicas": reps, "base_records": len(base), "jobs": jobs,
            "extract_seconds": round(t_extract, 1), "train_seconds": round(t_train, 1),
            "lightgbm_seconds": result.timings["train"], "best_iteration": result.best_iteration,
            "num_threads": cfg.model.num_threads,
            "articles_per_second_extraction": round(len(big) / t_extract, 1)}


# --- the report -------------------------------------------------------------------------------------


def fmt(x: Any) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "–"
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def write_report(path: Path, ctx: dict[str, Any]) -> None:
    systems = ctx["systems"]  # name -> {"slices": {slice: scores}, "per_lang": ..}
    names = list(systems)
    parts = [
        "# farmguard: model comparison on the benchmark corpus",
        "",
        f"Measured on {ctx['date']} by `{ctx['command']}` ({ctx['elapsed_min']:.1f} min wall clock on "
        f"{ctx['machine']}, load average at start {ctx['load']}).",
        "",
        f"Corpus: `{ctx['corpus']}` — {ctx['n']:,} records ({ctx['n_train']:,} train, {ctx['n_test']:,} test), "
        f"{ctx['n_langs']} languages, data fingerprint `{ctx['fingerprint']}`. Train on `split == train` "
        "(validation folds grouped by `story_id`, drawn from it), measure on `split == test`. "
        f"Reserved for test only: languages {', '.join(sorted(ctx['reserved_langs']))}; families "
        f"{', '.join(sorted(ctx['reserved_fams']))}. Feature schema v{ctx['schema_version']} "
        f"({ctx['n_features']} signals). Config `{ctx['config']}`. All runs are in the MLflow experiment "
        f"`{ctx['experiment']}`{' (tracking off for this run)' if ctx['no_track'] else ''}.",
        "",
        "## Test split, three labels (macro-F1)",
        "",
        "The datatrove heuristic filters only say *drop or keep*, so they have no three-label score; see the "
        "binary table below.",
        "",
    ]
    all_slices = list(next(iter(systems.values()))["slices"])
    slice_names = [s for s in all_slices if not s.startswith("family ")]
    family_slices = [s for s in all_slices if s.startswith("family ")]
    three = [n for n in names if systems[n]["slices"]["all"].get("macro_f1") is not None]
    parts.append(table(["slice", "n", *three],
                       [[s, systems[three[0]]["slices"][s]["n"],
                         *[systems[n]["slices"][s].get("macro_f1") for n in three]] for s in slice_names]))
    parts += [
        "",
        "Each reserved family on its own: its records all carry one or two labels, so macro-F1 is not "
        "meaningful there; the table gives the share labelled right (three labels) and, for the filters, "
        "the share put on the right side of scraped-vs-not.",
        "",
        table(["reserved family", "n", *[f"{n} (accuracy)" for n in three], *[f"{n} (scraped-vs-not accuracy)" for n in names]],
              [[s[len("family "):], systems[names[0]]["slices"][s]["n"],
                *[systems[n]["slices"][s].get("accuracy") for n in three],
                *[systems[n]["slices"][s]["binary_accuracy"] for n in names]] for s in family_slices]),
    ]
    full = systems["farmguard"]["slices"]["all"]
    parts += [
        "",
        "Full model on the whole test split: "
        f"accuracy {fmt(full['accuracy'])}, per-class F1 "
        + ", ".join(f"{k} {fmt(v)}" for k, v in full["per_class_f1"].items())
        + f", false-positive rate on originals {fmt(full['fpr_original'])}, Brier {fmt(full['brier'])}, "
        f"ECE {fmt(full['ece'])}.",
        "",
        "Confusion matrix of the full model (rows true, columns predicted):",
        "",
        table(["true \\ predicted", *LABELS], [[LABELS[i], *row] for i, row in enumerate(full["report"]["confusion"])]),
        "",
        "## Test split, scraped vs not (binary macro-F1)",
        "",
        table(["slice", "n", *names],
              [[s, systems[names[0]]["slices"][s]["n"], *[systems[n]["slices"][s]["binary_macro_f1"] for n in names]]
               for s in slice_names]),
        "",
        "## Ablation: credit signals removed",
        "",
        "Every `credit.*` feature blanked (missing) in training and test.",
        "",
        table(["system", "macro-F1", *[f"F1 {k}" for k in LABELS], "FPR original"],
              [[n, systems[n]["slices"]["all"]["macro_f1"], *systems[n]["slices"]["all"]["per_class_f1"].values(),
                systems[n]["slices"]["all"]["fpr_original"]] for n in ("farmguard", "credit signals removed")]),
        "",
        "## Leave one language out",
        "",
        "Trained without any record of the language, tested on its test records; the full model's score on "
        "the same records for comparison.",
        "",
        table(["language", "n test", "macro-F1 (left out)", "macro-F1 (full model)", "train rows"],
              [[lang, s["n"], s["macro_f1"], systems["farmguard"]["per_lang"].get(lang, {}).get("macro_f1"),
                s["train_rows"]] for lang, s in ctx["lolo"].items()]),
        "",
        "## Per language (test split, macro-F1)",
        "",
        table(["language", "n", *three, "binary: datatrove", "binary: farmguard"],
              [[lang, systems["farmguard"]["per_lang"][lang]["n"],
                *[systems[n]["per_lang"][lang].get("macro_f1") for n in three],
                systems.get("datatrove heuristics", {}).get("per_lang", {}).get(lang, {}).get("binary_macro_f1"),
                systems["farmguard"]["per_lang"][lang]["binary_macro_f1"]]
               for lang in sorted(systems["farmguard"]["per_lang"], key=lambda l: -systems["farmguard"]["per_lang"][l]["n"])]),
        "",
    ]
    wins = ctx["wins"]
    parts += [
        "## Does farmguard beat both baselines on every slice?",
        "",
        wins,
        "",
    ]
    if ctx.get("scale"):
        s = ctx["scale"]
        parts += [
            f"## Training time for {s['rows']:,} articles",
            "",
            f"The {s['base_records']:,} training records were replicated {s['replicas']}x to {s['rows']:,} rows "
            f"(the corpus has fewer records). Features extracted for every row with the cache off "
            f"and {s['jobs']} worker processes: **{s['extract_seconds']:.0f} s** "
            f"({s['articles_per_second_extraction']:.0f} articles/s); LightGBM with the same config "
            f"(num_threads={s['num_threads']}, early stopping, best iteration {s['best_iteration']}): "
            f"**{s['train_seconds']:.0f} s** "
            f"for the whole train() call (split, fit, calibration, thresholds, reports), of which the "
            f"LightGBM fit {s['lightgbm_seconds']:.0f} s. Total **{(s['extract_seconds'] + s['train_seconds']) / 60:.1f} min** "
            f"on the shared 2-core machine.",
            "",
        ]
    parts += [
        "## Timings of this comparison",
        "",
        f"Feature extraction of the corpus: {ctx['extract_seconds']:.0f} s ({ctx['extracted']:,} rows extracted, "
        f"{ctx['cached']:,} read from the feature cache). Full model training: {ctx['full_train_seconds']:.0f} s.",
        "",
        "## Commands",
        "",
        "```",
        ctx["command"],
        "```",
        "",
        "Rebuild the shipped default model (see experiments/README.md):",
        "",
        "```",
        "/work/venv/bin/farmguard train /work/corpus/benchmark.jsonl --config experiments/default.toml \\",
        "    --out serving/models/default.joblib --experiment farmguard-default",
        "```",
        "",
        "Raw numbers: `experiments/comparison.json` (written by the same command).",
        "",
    ]
    path.write_text("\n".join(parts), encoding="utf-8")


def _compare(name: str, a: float | None, b: float | None, losses: list[str], ties: list[str]) -> None:
    if a is None or b is None or np.isnan(a) or np.isnan(b):
        return
    if a < b:
        losses.append(f"{name}: {fmt(a)} vs {fmt(b)}")
    elif a == b:
        ties.append(f"{name} ({fmt(a)})")


def beats_everywhere(systems: dict[str, dict]) -> str:
    fg = systems["farmguard"]
    lines = []
    ok = True
    for other in ("tfidf + logreg", "datatrove heuristics"):
        if other not in systems:
            continue
        key = "macro_f1" if other == "tfidf + logreg" else "binary_macro_f1"
        losses, ties = [], []
        for s, v in systems[other]["slices"].items():
            k = key if not s.startswith("family ") else ("accuracy" if key == "macro_f1" else "binary_accuracy")
            a, b = fg["slices"][s].get(k), v.get(k)
            _compare(f"{s}", a, b, losses, ties)
        for lang, v in systems[other]["per_lang"].items():
            a, b = fg["per_lang"][lang].get(key), v.get(key)
            _compare(f"language {lang} (n={v['n']})", a, b, losses, ties)
        metric = "three-label macro-F1" if key == "macro_f1" else "scraped-vs-not macro-F1"
        tie_text = f" Tied on {', '.join(ties)}." if ties else ""
        if losses:
            ok = False
            lines.append(f"- vs {other} ({metric}): **behind on** "
                         + "; ".join(losses[:30]) + (f"; and {len(losses) - 30} more" if len(losses) > 30 else "")
                         + f"; ahead everywhere else.{tie_text}")
        else:
            lines.append(f"- vs {other} ({metric}): ahead on every slice and every language.{tie_text}")
    return ("Yes." if ok else "No, not on every slice.") + "\n\n" + "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--config", type=Path, default=HERE / "default.toml")
    ap.add_argument("--experiment", default="farmguard-comparison")
    ap.add_argument("--tracking-uri", default=None)
    ap.add_argument("--no-track", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--lolo", default="auto", help="comma-separated languages, or 'auto' (the 6 largest), or 'none'")
    ap.add_argument("--scale-to", type=int, default=0, help="also time training on this many (replicated) rows")
    ap.add_argument("--report", type=Path, default=HERE / "REPORT.md")
    ap.add_argument("--json", type=Path, default=HERE / "comparison.json")
    ap.add_argument("--skip-baselines", action="store_true")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cfg = load_config(args.config)

    say(f"reading {args.corpus}")
    ds = load_labelled(args.corpus)
    if not any(s == "test" for s in ds.split):
        raise SystemExit(f"{args.corpus}: no record has split == 'test'")
    say(f"{len(ds):,} records")
    t0 = time.perf_counter()
    cache = FeatureCache(cfg.features.cache_dir, n_jobs=args.jobs, max_chars=cfg.features.max_chars)
    X = cache.matrix(ds.articles, progress=say)
    extract_seconds = time.perf_counter() - t0
    say(f"features in {extract_seconds:.1f} s")

    test_idx = np.array([i for i in range(len(ds)) if ds.split[i] == "test"])
    train_idx = np.array([i for i in range(len(ds)) if ds.split[i] != "test"])
    test = ds.subset(test_idx)
    train_langs = {ds.langs[i] for i in train_idx}
    train_fams = {f for i in train_idx for f in ds.families[i]}
    reserved_langs = {l for l in test.langs if l not in train_langs}
    reserved_fams = {f for fams in test.families for f in fams if f not in train_fams}
    rows = slice_rows(test, reserved_langs, reserved_fams)

    systems: dict[str, dict] = {}

    def record(name: str, proba: np.ndarray | None, scraped_pred: np.ndarray | None = None) -> None:
        systems[name] = {
            "slices": {s: scores(test.y[idx], None if proba is None else proba[idx],
                                 None if scraped_pred is None else scraped_pred[idx]) for s, idx in rows.items()},
            "per_lang": per_lang(test, proba, scraped_pred),
        }

    t1 = time.perf_counter()
    full, proba = run_farmguard(ds, X, cfg, args, "farmguard", log_bundle=True)
    full_train_seconds = time.perf_counter() - t1
    assert np.array_equal(full.split.test, test_idx)
    record("farmguard", proba)

    credit_cols = [j for j, n in enumerate(feature_names()) if n.startswith("credit.")]
    _, proba_abl = run_farmguard(ds, X, cfg, args, "credit signals removed", blank=credit_cols)
    record("credit signals removed", proba_abl)

    if not args.skip_baselines:
        from baselines import TfidfBaseline, heuristic_filter_labels, heuristic_params

        t2 = time.perf_counter()
        tfidf = TfidfBaseline().fit([ds.articles[i] for i in train_idx], ds.y[train_idx])
        proba_tfidf = tfidf.predict_proba(test.articles)
        say(f"tfidf baseline: {time.perf_counter() - t2:.1f} s")
        record("tfidf + logreg", proba_tfidf)
        _log(args, "baseline tfidf-char-logreg", systems["tfidf + logreg"]["slices"]["all"]["report"], tfidf.params(),
             extra={"test_binary_macro_f1": systems["tfidf + logreg"]["slices"]["all"]["binary_macro_f1"]})

        t3 = time.perf_counter()
        verdicts = heuristic_filter_labels([a.text for a in test.articles], test.langs)
        dropped = np.array([v[0] for v in verdicts])
        say(f"datatrove baseline: {time.perf_counter() - t3:.1f} s, {dropped.mean():.1%} of test dropped")
        record("datatrove heuristics", None, dropped)
        bin_all = systems["datatrove heuristics"]["slices"]["all"]["binary_macro_f1"]
        _log(args, "baseline datatrove-heuristics", {"n": len(test)}, heuristic_params(),
             extra={"test_binary_macro_f1": bin_all, "test_dropped_fraction": float(dropped.mean())})

    if args.lolo == "none":
        lolo_langs: list[str] = []
    elif args.lolo == "auto":
        counts: dict[str, int] = {}
        for l in test.langs:
            counts[l] = counts.get(l, 0) + 1
        lolo_langs = [l for l, _ in sorted(counts.items(), key=lambda kv: -kv[1]) if l in train_langs][:6]
    else:
        lolo_langs = [l.strip() for l in args.lolo.split(",") if l.strip()]
    lolo = leave_one_language_out(ds, X, cfg, lolo_langs, args)

    scale = scale_timing(ds, cfg, args.scale_to, args.jobs) if args.scale_to else None

    ctx = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": "/work/venv/bin/python experiments/run_comparison.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "elapsed_min": (time.perf_counter() - started) / 60,
        "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
        "load": f"{load:.1f}",
        "corpus": str(args.corpus), "n": len(ds), "n_train": len(train_idx), "n_test": len(test_idx),
        "n_langs": len(set(ds.langs)), "fingerprint": ds.fingerprint(),
        "reserved_langs": reserved_langs, "reserved_fams": reserved_fams,
        "schema_version": full.payload["schema_version"], "n_features": len(full.feature_names),
        "config": str(args.config.relative_to(HERE.parent) if args.config.is_absolute() and HERE.parent in args.config.parents else args.config),
        "experiment": args.experiment, "no_track": args.no_track,
        "systems": systems, "lolo": lolo, "scale": scale, "wins": beats_everywhere(systems),
        "extract_seconds": extract_seconds, "extracted": cache.last_extracted, "cached": cache.last_cached,
        "full_train_seconds": full_train_seconds,
        "calibration": {"temperature": full.calibration["temperature"], "check": full.calibration_check},
        "review": full.review,
    }
    write_report(args.report, ctx)
    slim = {k: v for k, v in ctx.items() if k not in ("systems",)}
    slim["systems"] = {n: {"slices": {s: {k: v for k, v in sc.items() if k != "report"} for s, sc in d["slices"].items()},
                           "per_lang": {l: {k: v for k, v in sc.items() if k != "report"} for l, sc in d["per_lang"].items()}}
                       for n, d in systems.items()}
    slim["lolo"] = {l: {k: v for k, v in s.items() if k != "report"} for l, s in lolo.items()}
    args.json.write_text(json.dumps(slim, indent=1, sort_keys=True, default=lambda o: sorted(o) if isinstance(o, set) else str(o)),
                         encoding="utf-8")
    say(f"wrote {args.report} and {args.json} in {(time.perf_counter() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
