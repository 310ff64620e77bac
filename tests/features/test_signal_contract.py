"""The signal contract, checked for EVERY registered signal (like sklearn's estimator checks).

Each signal must: have a ``family.signal`` name in snake case under a family of the schema; carry a
docstring whose first line says what it measures and whose ``>>>`` example runs and passes; return
``(float, list[str])`` with at most 5 evidence strings of at most 80 characters; give NaN or a finite
value; run without error on empty, whitespace-only, very short, unknown-language and odd text; and be
deterministic (same result on a fresh Document and when asked twice on the same one).
"""

from __future__ import annotations

import doctest
import importlib
import math
import re

import pytest

from farmguard.article import Article
from farmguard.features.document import Document
from farmguard.features.signal import MAX_EVIDENCE, MAX_EVIDENCE_CHARS, SignalSpec
from farmguard.features.vector import FAMILY_MODULES, specs

NAME = re.compile(r"^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$")
FAMILIES = {family: module for family, module in FAMILY_MODULES}

# Inputs every signal must survive. Short real-looking texts in several scripts, plus degenerate ones.
EDGE_ARTICLES = {
    "empty": Article(text=""),
    "empty_with_lang": Article(text="", lang="id"),
    "whitespace": Article(text="  \n\n\t \u00a0 \n "),
    "one_char": Article(text="a"),
    "one_word": Article(text="Keluaran", lang="id"),
    "punctuation": Article(text="... !!! ??? ,,, ;;; --- ###"),
    "digits": Article(text="4821 3390 1177 2025"),
    "short_en": Article(text="By Reuters\n\nTens of thousands fled.", title="Thousands flee", lang="en",
                        url="https://example.com/news/1"),
    "short_ar": Article(text="يعيش 2.600.000 شخص في المنطقة ، بما في ذلك أكثر من مليون لاجئ.", lang="ar"),
    "short_nl": Article(text="LEZEN  Hezbollah meldt aanval\n\nGeef een reactie", lang="nl"),
    "short_zh": Article(text="数千人逃离霍姆斯。叙利亚军队继续推进。", lang="zh"),
    "unknown_lang": Article(text="Zzxq vvbr kkklm.", lang="xx"),
    "no_lang_detected": Article(text="Puluhan ribu orang telah melarikan diri ke perbatasan Suriah dengan Turki."),
    "zero_width_rtl": Article(text="\u200b\u200f\u202eabc\u200d \u0627\u0644\u0633\u0644\u0627\u0645\u200c"),
    "surrogate": Article(text="broken \ud800 text"),
    "combining": Article(text="e\u0301" * 50),
    "html_only": Article(text="", html="<html><body><p>Hello</p></body></html>"),
    "title_only_text": Article(text="Thousands flee Homs", title="Thousands flee Homs"),
    "crlf": Article(text="line one\r\nline two\r\n\r\nline three"),
}

ALL_SPECS = specs()


def _ids(spec: SignalSpec) -> str:
    return spec.name


def test_there_are_signals_in_every_family_module_that_registered_any() -> None:
    assert ALL_SPECS, "no signal registered"
    names = [s.name for s in ALL_SPECS]
    assert len(names) == len(set(names)), "duplicate signal names"


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_ids)
def test_name_format_and_family(spec: SignalSpec) -> None:
    assert NAME.match(spec.name), f"{spec.name}: name must be family.snake_case"
    family, _ = spec.name.split(".", 1)
    assert family == spec.family
    assert family in FAMILIES, f"{spec.name}: family {family!r} is not in vector.FAMILY_MODULES"
    module = importlib.import_module(f"farmguard.features.{FAMILIES[family]}")
    assert spec.fn.__module__ in (module.__name__, module.__name__.replace("farmguard.", "", 1)), (
        f"{spec.name} is registered from {spec.fn.__module__}, not from its family module {module.__name__}"
    )
    assert isinstance(spec.indicator, bool)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_ids)
def test_docstring_has_a_running_example(spec: SignalSpec) -> None:
    doc = spec.fn.__doc__ or ""
    assert doc.strip(), f"{spec.name}: no docstring"
    assert len(spec.doc) >= 10, f"{spec.name}: the docstring's first line must say what it measures"
    assert ">>>" in doc, f"{spec.name}: the docstring needs a real example (>>> ...)"
    module = importlib.import_module(spec.fn.__module__)
    tests = doctest.DocTestFinder(recurse=False).find(spec.fn, spec.name, globs=dict(vars(module)))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test, out=lambda _: None)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0, f"{spec.name}: the example did not run"
    assert result.failed == 0, f"{spec.name}: its docstring example fails"


def _check_result(spec: SignalSpec, result: object, where: str) -> None:
    assert isinstance(result, tuple) and len(result) == 2, f"{spec.name} on {where}: must return (value, evidence)"
    value, ev = result
    assert isinstance(value, (float, int)) and not isinstance(value, bool), (
        f"{spec.name} on {where}: value must be a float, got {type(value).__name__}"
    )
    assert math.isnan(value) or math.isfinite(value), f"{spec.name} on {where}: value {value} is infinite"
    assert isinstance(ev, list), f"{spec.name} on {where}: evidence must be a list"
    assert len(ev) <= MAX_EVIDENCE, f"{spec.name} on {where}: {len(ev)} evidence strings (max {MAX_EVIDENCE})"
    for e in ev:
        assert isinstance(e, str) and e, f"{spec.name} on {where}: evidence items must be non-empty strings"
        assert len(e) <= MAX_EVIDENCE_CHARS, f"{spec.name} on {where}: evidence {e[:30]!r}... too long"


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_ids)
def test_runs_on_edge_inputs_and_is_deterministic(spec: SignalSpec) -> None:
    for where, article in EDGE_ARTICLES.items():
        doc = Document.from_article(article)
        first = spec.fn(doc)
        _check_result(spec, first, where)
        again = spec.fn(doc)  # memoised intermediate results must not change the answer
        fresh = spec.fn(Document.from_article(article))
        for other, how in ((again, "asked twice"), (fresh, "on a fresh Document")):
            same_value = (math.isnan(first[0]) and math.isnan(other[0])) or first[0] == other[0]
            assert same_value and first[1] == other[1], f"{spec.name} on {where}: not deterministic ({how})"


@pytest.mark.parametrize("spec", [s for s in ALL_SPECS if s.indicator], ids=_ids)
def test_evidence_is_empty_when_nothing_fired_for_indicators(spec: SignalSpec) -> None:
    """An indicator at 0 or NaN has nothing to show: quoting evidence then would mislead a moderator.

    Measures are left out: they may quote context at any value.
    """
    for where, article in EDGE_ARTICLES.items():
        value, ev = spec.fn(Document.from_article(article))
        if math.isnan(value) or value == 0:
            assert ev == [], f"{spec.name} on {where}: value {value} but evidence {ev}"


_CHILD = """
import json, math, sys
from farmguard.article import Article
from farmguard.features.vector import signal_values
texts = json.loads(sys.argv[1])
out = []
for text, lang in texts:
    out.append([[v.name, None if math.isnan(v.value) else v.value, v.evidence]
                for v in signal_values(Article(text=text, lang=lang))])
print(json.dumps(out))
"""

_CROSS_PROCESS_TEXTS = [
    ("Puluhan ribu orang melarikan diri sebagai Rusiadorongan n-led.\n\nRusia dan Suriah.\n\n"
     "Keluaran SGP\n\nBy gacor88", "id"),
    ("AMMAN (Reuters) – Tens of thousands fled. Rebels said so.\n\nRelated: more\n\n"
     "(Reporting by Suleiman Al-Khalidi; Editing by Jon Boyle)", "en"),
    ("Duizenden vluchten uit Homs.\n\nLEZEN  Hezbollah meldt aanval\n\nVergelijkbare berichten\n\n"
     "Geef een reactie\n\nJe e-mailadres wordt niet gepubliceerd.", "nl"),
    ("يعيش 2.600.000 شخص في المنطقة ، بما في ذلك Ondus و Lenta أكثر من مليون لاجئ .", "ar"),
    ("slot gacor hari ini slot gacor hari ini togel88 maxwin88 situs slot", None),
]


def test_same_values_and_evidence_in_processes_with_different_hash_seeds() -> None:
    """Python randomises str hashes per process: a signal whose value or evidence order depends on set/dict
    iteration of strings would give different vectors in different worker processes."""
    import json
    import os
    import subprocess
    import sys

    results = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(_CROSS_PROCESS_TEXTS)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        results.append(json.loads(proc.stdout))
    for text_index, (a, b) in enumerate(zip(*results)):
        for (name, va, ea), (_, vb, eb) in zip(a, b):
            assert va == vb, f"{name} on text {text_index}: {va} vs {vb} under two hash seeds"
            assert ea == eb, f"{name} on text {text_index}: evidence {ea} vs {eb} under two hash seeds"
