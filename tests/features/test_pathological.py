"""Hostile and degenerate inputs finish in bounded time with a schema-length, finite-or-NaN vector.

Every case runs in ONE child process (so a runaway regex cannot hang pytest): the child builds each
input, times ``signal_values`` on it and prints one JSON line per case as soon as it is done; the parent
kills the child after ``TOTAL_TIMEOUT_S`` and names the case that did not finish. The bounds are generous
(a shared 2-core machine): they catch super-linear behaviour (catastrophic backtracking, quadratic loops),
not speed regressions, which ``experiments/bench_extract.py`` measures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from farmguard.features.vector import feature_names

PER_CASE_LIMIT_S = 30.0
TOTAL_TIMEOUT_S = 300.0

CASES = {
    # name: Python expression building (text, max_chars); max_chars None = the default limit (200,000 chars)
    "10mb_prose_default_limit": "(('Tens of thousands fled the Syrian town on Wednesday, residents said. ' * 40 + '\\n\\n') * 3500, None)",
    "10mb_prose_untruncated": "(('Tens of thousands fled the Syrian town on Wednesday, residents said. ' * 40 + '\\n\\n') * 3500, 11_000_000)",
    "million_same_char": "('a' * 1_000_000, None)",
    "million_same_char_untruncated": "('a' * 1_000_000, 2_000_000)",
    "no_spaces_random_letters": "(''.join(random.Random(1).choice('abcdefghijklmnopqrstuvwxyz') for _ in range(1_000_000)), 2_000_000)",
    "only_punctuation": "('!?.,;:-()[]{}«»“”…#*' * 50_000, 2_000_000)",
    "punctuation_runs_and_dots": "('1.' * 300_000 + '...' * 100_000, 2_000_000)",
    "mixed_scripts_no_spaces": "(('Latinالعربية中文Кириллица한국어ไทยदेवनागरी' * 25_000), 2_000_000)",
    "mixed_scripts_words": "(('Latin العربية 中文 Кириллица 한국어 ไทย देवनागरी Ελληνικά עברית ' * 20_000), 2_000_000)",
    "deeply_repeated_lines": "('Share this article\\n' * 100_000, 3_000_000)",
    "repeated_paragraph_breaks": "('x\\n\\n' * 300_000, 2_000_000)",
    "newlines_only": "('\\n' * 1_000_000, 2_000_000)",
    "rtl_and_zero_width": "(('\\u200f\\u200b\\u202e\\u2066abc\\u200d \\u0627\\u0644\\u0633\\u0644\\u0627\\u0645\\u200c\\ufeff ' * 60_000), 2_000_000)",
    "combining_marks_stacked": "(('e' + '\\u0301' * 50 + ' ') * 20_000, 2_000_000)",
    "long_token_then_text": "('x' * 500_000 + ' Keluaran SGP\\n\\nBy gacor88', 1_000_000)",
    "urls_and_brands": "(('https://slot-gacor88.example/?ref=togel88&x=' + 'a1' * 50 + ' ') * 10_000, 2_000_000)",
    "digits_only": "('0123456789' * 100_000, 2_000_000)",
    "lone_surrogates": "(('text \\ud800 more \\udfff ' * 50_000), 2_000_000)",
    "emoji_and_astral": "(('🎰💰 𝕾𝖑𝖔𝖙 𠀀𠀁 ' * 50_000), 2_000_000)",
    "almost_matching_phrases": "(('Keluaran Keluaran Keluar By By gacor gacor8 LEZE LEZEN' + ' ') * 30_000, 2_000_000)",
}

CHILD = textwrap.dedent(
    """
    import json, math, random, sys, time
    from farmguard.article import Article
    from farmguard.features.vector import signal_values
    signal_values(Article(text="warm up", lang="en"))  # load lexicons and models outside the timings
    cases = json.loads(sys.argv[1])
    for name, expr in cases.items():
        text, max_chars = eval(expr, {"random": random})
        t0 = time.perf_counter()
        kwargs = {} if max_chars is None else {"max_chars": max_chars}
        values = signal_values(Article(text=text), **kwargs)
        seconds = time.perf_counter() - t0
        bad = [v.name for v in values if not (math.isnan(v.value) or math.isfinite(v.value))]
        print(json.dumps({"case": name, "seconds": seconds, "n": len(values), "bad": bad,
                          "chars": len(text)}), flush=True)
    """
)


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(CASES)],
            capture_output=True, text=True, timeout=TOTAL_TIMEOUT_S,
        )
        stdout, stderr, code = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        done = [json.loads(line)["case"] for line in stdout.splitlines() if line.startswith("{")]
        pending = [c for c in CASES if c not in done]
        pytest.fail(f"signal_values did not finish within {TOTAL_TIMEOUT_S:.0f} s; stuck on {pending[:1]} "
                    f"(done: {done})")
    out = {}
    for line in stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            out[row["case"]] = row
    if code != 0:
        pending = [c for c in CASES if c not in out]
        pytest.fail(f"child crashed on {pending[:1]}: {stderr.strip().splitlines()[-1:] if stderr else code}")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_finishes_in_bounded_time_with_a_valid_vector(results: dict[str, dict], case: str) -> None:
    row = results[case]
    assert row["n"] == len(feature_names()), f"{case}: {row['n']} values, schema has {len(feature_names())}"
    assert not row["bad"], f"{case}: infinite values from {row['bad']}"
    assert row["seconds"] < PER_CASE_LIMIT_S, f"{case}: took {row['seconds']:.1f} s (limit {PER_CASE_LIMIT_S} s)"
