"""The datasheet written next to a corpus: counts and how each label was made.

``PATH.datasheet.md`` (human-readable) and ``PATH.datasheet.json`` (the same counts as data):
records per label, language, family, split, difficulty and source, label x split and
label x language tables, and the recipes.

>>> from farmguard.training.corpus.record import CorpusRecord
>>> r = CorpusRecord(id="fg-1", text="t", label="original", lang="de", story_id="s", source="demo", source_key="k")
>>> datasheet_counts([r])["label"]
{'original': 1}
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from .record import CorpusRecord
from .recipes import __doc__ as RECIPES_DOC
from .splitting import RESERVED_FAMILIES, TEST_FRACTION
from .writer import write_text_atomic


def _sorted(counter: Counter) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter, key=lambda k: (-counter[k], k))}


def datasheet_counts(records: Sequence[CorpusRecord]) -> dict[str, Any]:
    """All counts of the datasheet as plain data."""
    c: dict[str, Counter] = {k: Counter() for k in ("label", "lang", "family", "split", "difficulty", "source")}
    lengths: dict[str, list[int]] = {}
    source_label: dict[str, Counter] = {}
    label_split: Counter = Counter()
    label_lang: dict[str, Counter] = {}
    label_difficulty: Counter = Counter()
    family_label: dict[str, Counter] = {}
    for r in records:
        c["label"][r.label] += 1
        c["lang"][r.lang] += 1
        c["split"][r.split] += 1
        c["difficulty"][r.difficulty] += 1
        c["source"][r.source] += 1
        label_split[f"{r.label}/{r.split}"] += 1
        label_difficulty[f"{r.label}/{r.difficulty}"] += 1
        label_lang.setdefault(r.lang, Counter())[r.label] += 1
        lengths.setdefault(r.label, []).append(len(r.text))
        source_label.setdefault(r.source, Counter())[r.label] += 1
        for f in r.families:
            c["family"][f] += 1
            family_label.setdefault(f, Counter())[r.label] += 1
    return {
        "records": len(records),
        "stories": len({r.story_id for r in records}),
        "languages": len(c["lang"]),
        **{k: _sorted(v) for k, v in c.items()},
        "label_split": dict(sorted(label_split.items())),
        "label_difficulty": dict(sorted(label_difficulty.items())),
        "label_by_lang": {lang: dict(sorted(label_lang[lang].items())) for lang in sorted(label_lang)},
        "family_by_label": {f: dict(sorted(family_label[f].items())) for f in sorted(family_label)},
        "source_by_label": {src: dict(sorted(source_label[src].items())) for src in sorted(source_label)},
        "length_by_label": {label: _length_summary(v) for label, v in sorted(lengths.items())},
    }


def _length_summary(values: list[int]) -> dict[str, float]:
    """Quartiles of text length (characters) and the share of 1-2 KB and 1-5 KB texts."""
    v = sorted(values)
    q = lambda f: v[min(len(v) - 1, int(f * len(v)))]  # noqa: E731
    n = len(v)
    return {
        "p10": q(0.1), "p25": q(0.25), "median": q(0.5), "p75": q(0.75), "p90": q(0.9),
        "share_1_2kb": round(sum(1000 <= x < 2000 for x in v) / n, 3),
        "share_1_5kb": round(sum(1000 <= x < 5000 for x in v) / n, 3),
    }


def write_datasheet(out: Path, records: Sequence[CorpusRecord], meta: dict[str, Any]) -> tuple[Path, Path]:
    """Write ``<out>.datasheet.md`` and ``<out>.datasheet.json``; returns both paths."""
    counts = datasheet_counts(records)
    payload = {"meta": meta, "reserved": {"families": list(RESERVED_FAMILIES), "languages": meta.get("reserved_languages", [])}, **counts}
    json_path = out.with_name(out.name + ".datasheet.json")
    md_path = out.with_name(out.name + ".datasheet.md")
    write_text_atomic(json_path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    write_text_atomic(md_path, _markdown(out, counts, meta))
    return md_path, json_path


def _table(title: str, counts: dict[str, int], total: int) -> list[str]:
    lines = [f"### {title}", "", "| value | records | share |", "|---|---:|---:|"]
    for k, v in counts.items():
        lines.append(f"| {k} | {v} | {100 * v / max(1, total):.1f}% |")
    return lines + [""]


def _markdown(out: Path, counts: dict[str, Any], meta: dict[str, Any]) -> str:
    n = counts["records"]
    lines = [
        f"# Datasheet: {out.name}",
        "",
        f"Built by `{meta.get('command', 'farmguard corpus build')}` (farmguard {meta.get('farmguard_version')}), "
        f"seed {meta.get('seed')}, max per language {meta.get('max_per_lang')}, sources: {meta.get('source')}.",
        f"{n} records, {counts['stories']} stories, {counts['languages']} languages. Split by `story_id` "
        f"(test fraction {meta.get('test_fraction', TEST_FRACTION)}); reserved for test only: languages {', '.join(meta.get('reserved_languages', [])) or '-'}; "
        f"families {', '.join(RESERVED_FAMILIES)}.",
        "",
        "## How each label was made",
        "",
        *[line[4:] if line.startswith("    ") else line for line in (RECIPES_DOC or "").split(">>>")[0].strip().splitlines()],
        "",
        "Sources: NTREX-128 human translations (original/syndicated, or scraped after MT artefacts); WMT22/24 sources and "
        "references (human) and six systems' outputs per pair (real MT, scraped); SemEval-2022 news-cluster articles "
        "(human; their machine-translated copies are real MT, scraped; articles with real agency credit are syndicated); "
        "main texts of the boilerplate benchmark pages (human). Per language the planner balances the three labels "
        "(see `farmguard.training.corpus.planner`).",
        "",
        "## Counts",
        "",
    ]
    for key, title in (("label", "Label"), ("split", "Split"), ("difficulty", "Difficulty"), ("source", "Source")):
        lines += _table(title, counts[key], n)
    lines += ["### Text length by label (characters)", "", "| label | p10 | p25 | median | p75 | p90 | 1-2 KB | 1-5 KB |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, L in counts["length_by_label"].items():
        lines.append(
            f"| {label} | {L['p10']} | {L['p25']} | {L['median']} | {L['p75']} | {L['p90']} | "
            f"{100 * L['share_1_2kb']:.0f}% | {100 * L['share_1_5kb']:.0f}% |"
        )
    lines += ["", "### Source by label", "", "| source | original | syndicated | scraped |", "|---|---:|---:|---:|"]
    for src, by in counts["source_by_label"].items():
        lines.append(f"| {src} | {by.get('original', 0)} | {by.get('syndicated', 0)} | {by.get('scraped', 0)} |")
    lines += [""]
    lines += ["### Label x split", "", "| label/split | records |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in counts["label_split"].items()] + [""]
    lines += ["### Label x difficulty", "", "| label/difficulty | records |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in counts["label_difficulty"].items()] + [""]
    lines += ["### Families (records carrying each, by label)", "", "| family | records | original | syndicated | scraped |", "|---|---:|---:|---:|---:|"]
    for fam, total in counts["family"].items():
        by = counts["family_by_label"][fam]
        lines.append(f"| {fam} | {total} | {by.get('original', 0)} | {by.get('syndicated', 0)} | {by.get('scraped', 0)} |")
    lines += ["", "### Languages (by label)", "", "| lang | records | original | syndicated | scraped |", "|---|---:|---:|---:|---:|"]
    for lang, total in counts["lang"].items():
        by = counts["label_by_lang"][lang]
        lines.append(f"| {lang} | {total} | {by.get('original', 0)} | {by.get('syndicated', 0)} | {by.get('scraped', 0)} |")
    return "\n".join(lines) + "\n"
