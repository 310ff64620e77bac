"""Coverage-guided fuzzing (atheris / libFuzzer) of feature extraction: every signal on hostile articles.

Each fuzz input becomes one Article: the first byte picks the language (given or detected), whether a
title/URL is set and the text limit; the rest is split on NUL into text, title and URL and decoded as
UTF-8 with ``surrogatepass`` (so lone surrogates reach the extractor, as they do from JSON ``"\\ud800"``)
or, for odd selectors, as UTF-16. The harness fails (libFuzzer saves ``crash-*``) when any exception
escapes ``signal_values``, when the values do not follow the schema (count, names, finite or NaN), or
when evidence is not a short list of short strings.

Install and run (``pip install -e '.[fuzz]'``)::

    python experiments/fuzz_features.py --make-seeds fuzz-feature-seeds
    python experiments/fuzz_features.py fuzz-feature-seeds -runs=2000 -seed=1             # short run
    nice -n 10 python experiments/fuzz_features.py fuzz-feature-seeds -max_total_time=600 -timeout=30 \\
        -rss_limit_mb=3072                                                                 # long run

A crash is replayed with ``python experiments/fuzz_features.py crash-<sha1>`` and becomes a regression
test in tests/features/test_extraction_properties.py.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

LANGS = (None, "en", "id", "nl", "ar", "zh", "ru", "de", "vi", "th", "fr", "ja", "zz", "", "pt-BR")
LIMITS = (200_000, 100, 5_000)

SEEDS: dict[str, bytes] = {
    "spam": "Harga emas naik.\n\nKeluaran SGP hari ini\n\nBy gacor88\x00Judul\x00https://slot88.example/a".encode(),
    "residue": "Het kabinet viel.\n\nLEZEN: Meer nieuws\n\nGeef een reactie\n\nJe e-mailadres wordt niet gepubliceerd.".encode(),
    "credit": "AMMAN (Reuters) - Thousands fled the town.\n\n(Reporting by A; Editing by B)\x00Title\x00".encode(),
    "translation": "وقال إن 2.600.000 شخص فروا , من المدينة .\n\nRusiadorongan".encode(),
    "feed": "The post Rain in Lagos appeared first on Daily Wire NG.\n\n[caption id=1]x[/caption] {{title}}".encode(),
    "generator": "As an AI language model, I cannot browse the internet. [Insert company name]".encode(),
    "encoding": "CafÃ© s̶c̶r̶a̶m̶ z\u0301\u0302\u0303\u0304\u0305 \u200b\u200bword\ufffd".encode(),
    "surrogate": b"lone \xed\xa0\x80 surrogate \xed\xbf\xbf",
    "cjk": "新华社北京3月3日电 文本。【共同】テキスト。(서울=연합뉴스) 텍스트.".encode(),
}


def article_of(data: bytes):  # -> Article
    """The Article one fuzz input stands for (deterministic in ``data``)."""
    from farmguard.article import Article

    selector, payload = data[0], data[1:]
    if selector & 1 and len(payload) % 2 == 0:
        decoded = payload.decode("utf-16-le", "surrogatepass")
    else:
        decoded = payload.decode("utf-8", "surrogatepass" if selector & 2 else "replace") \
            if _utf8_ok(payload, selector) else payload.decode("utf-8", "replace")
    text, _, rest = decoded.partition("\x00")
    title, _, url = rest.partition("\x00")
    lang = LANGS[(selector >> 2) % len(LANGS)]
    return Article(text=text, title=title or None, url=url or None, lang=lang or None)


def _utf8_ok(payload: bytes, selector: int) -> bool:
    try:
        payload.decode("utf-8", "surrogatepass" if selector & 2 else "replace")
        return True
    except UnicodeDecodeError:
        return False


def check_one_input(data: bytes) -> None:
    """Extract every signal from one fuzz input; raise AssertionError (or the escaped exception) on a defect."""
    from farmguard.features.signal import MAX_EVIDENCE, MAX_EVIDENCE_CHARS
    from farmguard.features.vector import feature_names, signal_values

    if not data:
        return
    article = article_of(data)
    max_chars = LIMITS[data[0] % len(LIMITS)]
    values = signal_values(article, max_chars=max_chars)
    assert [v.name for v in values] == feature_names(), "values do not follow the schema"
    for v in values:
        assert isinstance(v.value, float) and not math.isinf(v.value), f"{v.name}: value {v.value!r}"
        assert isinstance(v.evidence, list) and len(v.evidence) <= MAX_EVIDENCE, f"{v.name}: {v.evidence!r}"
        for e in v.evidence:
            assert isinstance(e, str) and len(e) <= MAX_EVIDENCE_CHARS, f"{v.name}: evidence {e!r}"


def make_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, data) in enumerate(SEEDS.items()):
        (folder / f"seed-{name}").write_bytes(bytes([(i * 4) & 0xFE]) + data)
    print(f"wrote {len(SEEDS)} seeds to {folder}")


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "--make-seeds":
        make_seeds(Path(argv[2]))
        return 0
    try:
        import atheris
    except ImportError:
        print("fuzz_features: atheris is not installed (pip install -e '.[fuzz]')", file=sys.stderr)
        return 2
    with atheris.instrument_imports(include=["farmguard.features"]):
        import farmguard.features.vector as vector

        vector.specs()  # import (and instrument) every family module
    os.environ.setdefault("PYTHONHASHSEED", "0")
    atheris.Setup(argv, check_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
