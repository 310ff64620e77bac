"""Measure the residue and translation families on real clean and machine-translated text.

1. False positives: the share of clean human documents on which any *indicator* of a family fires
   (value > 0): NTREX-128 human translations (all languages, lines joined per document id) and the
   WMT22/24 human references (lines joined per document). Printed per family, with the worst languages.
2. MT vs human: on WMT, the same documents as human reference and as each kept system's output;
   for every measure, the per-pair AUC of telling system output from reference (0.5 = no separation;
   < 0.5 means the measure is lower on MT), and how often each indicator fires on each side.

Run from the repository root (about a minute on one core)::

    /work/venv/bin/python experiments/measure_residue_translation.py [--shared ../shared] [--families residue translation]
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import math
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from farmguard.article import Article
from farmguard.features.document import Document
from farmguard.features.language import normalize_lang
from farmguard.features.signal import SignalSpec, registered
from farmguard.features.vector import FAMILY_MODULES

REPO = Path(__file__).resolve().parent.parent


def _read_lines(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        text = fh.read()
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def _join(lines: list[str], ids: list[str]) -> list[tuple[str, str]]:
    """(doc_id, text) with the document's lines joined by newlines, in first-seen order."""
    docs: dict[str, list[str]] = defaultdict(list)
    for doc_id, line in zip(ids, lines):
        if line.strip():
            docs[doc_id].append(line.strip())
    return [(d, "\n".join(ls)) for d, ls in docs.items()]


def ntrex_docs(shared: Path) -> Iterator[tuple[str, str, str, str]]:
    """(source, lang, doc_id, text) for every NTREX human translation."""
    root = shared / "data" / "ntrex128"
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split()
    files = sorted(root.glob("newstest2019-ref*.txt*")) + sorted((root / "additional").glob("*.txt*"))
    for path in files:
        code = path.name.split(".")[1]
        lang = normalize_lang(code)
        for doc_id, text in _join(_read_lines(path), ids):
            yield f"ntrex:{code}", lang, doc_id, text


def wmt_pairs(shared: Path) -> list[Path]:
    return sorted(p for p in (shared / "data" / "wmt").glob("*/*") if (p / "docids.tsv").is_file())


def wmt_ids(pair: Path) -> list[str]:
    return [line.split("\t")[1] for line in (pair / "docids.tsv").read_text(encoding="utf-8").splitlines()]


def wmt_reference_docs(shared: Path) -> Iterator[tuple[str, str, str, str]]:
    for pair in wmt_pairs(shared):
        ids = wmt_ids(pair)
        lang = pair.name.split("-")[1]
        for ref in sorted(pair.glob("reference*.txt")):
            for doc_id, text in _join(_read_lines(ref), ids):
                yield f"wmt:{pair.parent.name}/{pair.name}:{ref.stem}", lang, doc_id, text


def wmt_system_docs(pair: Path) -> Iterator[tuple[str, str, str]]:
    ids = wmt_ids(pair)
    for sysfile in sorted((pair / "systems").glob("*.txt")):
        for doc_id, text in _join(_read_lines(sysfile), ids):
            yield sysfile.stem, doc_id, text


_FAMILIES: list[str] = []


def specs() -> list[SignalSpec]:
    """The measured families' signals (only their modules are imported)."""
    out: list[SignalSpec] = []
    for family, module in FAMILY_MODULES:
        if family in _FAMILIES:
            importlib.import_module(f"farmguard.features.{module}")
            out += registered(family)
    return out


def _values(text: str, lang: str, families: set[str]) -> dict[str, float]:
    doc = Document.from_article(Article(text=text, lang=lang))
    return {s.name: s.fn(doc)[0] for s in specs() if s.family in families}


def false_positives(shared: Path, families: list[str]) -> None:
    indicators = {s.name: s.family for s in specs() if s.family in families and s.indicator}
    fired = {f: 0 for f in families}
    per_lang: dict[str, dict[str, list[int]]] = {f: defaultdict(lambda: [0, 0]) for f in families}
    per_signal: dict[str, int] = defaultdict(int)
    n = 0
    t0 = time.perf_counter()
    for source, lang, _doc_id, text in list(ntrex_docs(shared)) + list(wmt_reference_docs(shared)):
        vals = _values(text, lang, set(families))
        n += 1
        for fam in families:
            hit = [name for name, f in indicators.items() if f == fam and vals[name] > 0]
            for name in hit:
                per_signal[name] += 1
            fired[fam] += bool(hit)
            rec = per_lang[fam][source.split(":")[0] + ":" + lang]
            rec[0] += bool(hit)
            rec[1] += 1
    dt = time.perf_counter() - t0
    print(f"clean human documents: {n} ({dt:.1f} s)")
    for fam in families:
        print(f"  {fam:12s} any indicator fired on {fired[fam]:5d} = {100 * fired[fam] / n:.2f}%")
        worst = sorted(per_lang[fam].items(), key=lambda kv: -kv[1][0] / kv[1][1])[:8]
        print("     worst:", ", ".join(f"{k} {a}/{b}" for k, (a, b) in worst if a))
    print("  per indicator:", ", ".join(f"{k} {v}" for k, v in sorted(per_signal.items(), key=lambda kv: -kv[1])))


def _auc(pos: list[float], neg: list[float]) -> float:
    """P(system value > reference value) over all pairs (ties count half); NaN-free values only."""
    pos = [x for x in pos if not math.isnan(x)]
    neg = [x for x in neg if not math.isnan(x)]
    if not pos or not neg:
        return math.nan
    allv = sorted([(x, 1) for x in pos] + [(x, 0) for x in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += sum(avg for k in range(i, j) if allv[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def separation(shared: Path, families: list[str]) -> None:
    names = [s.name for s in specs() if s.family in families]
    indicator = {s.name: s.indicator for s in specs()}
    print("\nMT vs human on WMT (AUC of system > reference; rows: pair, columns: measures)")
    fire_ref: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fire_sys: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    aucs: dict[str, list[float]] = defaultdict(list)
    paired: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for pair in wmt_pairs(shared):
        lang = pair.name.split("-")[1]
        ids = wmt_ids(pair)
        ref_by_doc = {d: _values(t, lang, set(families)) for d, t in _join(_read_lines(pair / "reference.txt"), ids)}
        ref = list(ref_by_doc.values())
        hyp_pairs = [(d, _values(t, lang, set(families))) for _, d, t in wmt_system_docs(pair)]
        hyp = [h for _, h in hyp_pairs]
        for name in names:
            if indicator[name]:
                continue
            for d, h in hyp_pairs:  # the same document, machine-translated vs human
                r = ref_by_doc.get(d)
                if r is None or math.isnan(h[name]) or math.isnan(r[name]):
                    continue
                paired[name][0] += (h[name] > r[name]) + 0.5 * (h[name] == r[name])
                paired[name][1] += 1
        row = []
        for name in names:
            a = _auc([h[name] for h in hyp], [r[name] for r in ref])
            aucs[name].append(a)
            if indicator[name]:
                fire_ref[name][0] += sum(r[name] > 0 for r in ref)
                fire_ref[name][1] += len(ref)
                fire_sys[name][0] += sum(h[name] > 0 for h in hyp)
                fire_sys[name][1] += len(hyp)
            if not indicator[name]:
                row.append(f"{name.split('.')[1][:14]}={a:.2f}")
        print(f"  {pair.parent.name}/{pair.name}: " + " ".join(row))
    print("  mean AUC over pairs (|AUC-0.5| large = separates):")
    for name in names:
        vals = [a for a in aucs[name] if not math.isnan(a)]
        if vals and not indicator[name]:
            won, n = paired[name]
            print(f"    {name:40s} {sum(vals) / len(vals):.3f}  (pairs {len(vals)})"
                  f"   same document, MT > human: {won / max(n, 1):.3f} of {n}")
    print("  indicators fired (reference vs system documents):")
    for name in names:
        if indicator[name] and fire_ref[name][1]:
            r, s = fire_ref[name], fire_sys[name]
            print(f"    {name:40s} ref {r[0]}/{r[1]} = {100 * r[0] / r[1]:.1f}%   sys {s[0]}/{s[1]} = {100 * s[0] / s[1]:.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--families", nargs="+", default=["residue", "translation"])
    parser.add_argument("--skip-separation", action="store_true")
    args = parser.parse_args(argv)
    _FAMILIES[:] = args.families
    if not (args.shared / "data").is_dir():
        print(f"error: {args.shared}: no data/ folder (needs ../shared)", file=sys.stderr)
        return 1
    false_positives(args.shared, args.families)
    if not args.skip_separation:
        separation(args.shared, args.families)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
