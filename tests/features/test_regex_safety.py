"""Every regular expression of the feature families is safe against catastrophic backtracking (issue 8).

The patterns are enumerated, not listed by hand: a child process installs a recorder on ``re.compile``
and ``re2.compile`` *before* importing the feature modules, runs the extractor once per language so
that lazily built patterns (per-language templates, alternations) exist too, then also walks every
``farmguard.features.*`` module's globals (and the lists/dicts/tuples in them) for compiled patterns.
Each pattern is then run with ``finditer`` over adversarial strings of ~50,000 characters built to make
a backtracking engine explode: long runs of the pattern's own literal characters followed by a
character that spoils the match, ``"a" * 50_000 + "!"``, nested brackets, ``"1.1.1.…"``, long
whitespace before a non-match, long URL-like tokens, stacked combining marks.

The child prints a line before and after each case; the parent kills it when one case runs longer than
``HANG_S`` and names the pattern and the string. The bound is generous on purpose (a shared 2-core
machine): a linear pattern takes milliseconds on 50 K characters, a quadratic one tens of seconds, an
exponential one forever. This is a correctness test, not a benchmark (``experiments/bench_extract.py``).

Run the child by hand to see every timing::

    python tests/features/test_regex_safety.py --child | sort -t'"' -k8 | tail
"""

from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

N = 50_000
"""Length of the adversarial strings (characters)."""
CASE_LIMIT_S = 5.0
"""A case slower than this fails (linear patterns take ~1-100 ms here; quadratic ones minutes)."""
HANG_S = 20.0
"""A case still running after this is killed and reported as a hang."""
STARTUP_S = 300.0
"""The child must print something within this (imports and one extraction per language)."""
OWN_RUNS = 8
"""Runs of the pattern's own characters tried (its first OWN_RUNS distinct characters)."""
THIS = Path(__file__).resolve()

BOUNDED_INPUT: dict[str, tuple[int, str]] = {
    # pattern source -> (longest input it is ever run on, where that bound is set). These patterns are
    # quadratic under an unbounded search but only ever see bounded text, so they are run on strings cut to
    # that bound (the rule: "where a pattern is risky, bound its input").
    r"\s*([^\n]{2,50}?)\s*$": (60, "credit._PHRASE: .match on tail = line[-60:] in credit._find_end_credits"),
    r"\s*(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#]\S*)?\s*$":
        (300, "credit._URL_LINE: .match on lines of <= 300 chars in credit._find_end_credits"),
}

# A few sentences in the languages the lexicons cover, run once so lazily compiled patterns exist.
WARM_TEXTS = {
    "en": "AMMAN (Reuters) - Thousands fled. The post Rain appeared first on Daily News.\n\nRead more: x.com",
    "id": "Keluaran SGP hari ini\n\nBACA JUGA: Harga emas\n\nBy gacor88",
    "nl": "LEZEN: Nieuws\n\nGeef een reactie\n\nJe e-mailadres wordt niet gepubliceerd.",
    "de": "BERLIN (dpa) - Ein Text.\n\nWeiterlesen",
    "fr": "PARIS (AFP) - Un texte.\n\nLire aussi : autre",
    "es": "MADRID, 3 mar (EFE) - Un texto.\n\nLeer más",
    "ar": "عمان (رويترز) - نص. 2.600.000 دولار",
    "zh": "新华社北京3月3日电 文本。",
    "ja": "【共同】テキスト。",
    "ko": "(서울=연합뉴스) 텍스트.",
    "ru": "МОСКВА, 3 марта. /ТАСС/. Текст.",
    "vi": "Xổ số miền Bắc hôm nay",
    "th": "หวย ออนไลน์ สล็อต",
}


# --------------------------------------------------------------------------------------------- child
def _record_compiles(found: list[Any]) -> None:
    """Wrap re.compile and re2.compile: keep every pattern compiled from a farmguard.features module."""
    import re2

    def wrap(module: Any) -> None:
        original = module.compile

        def compile(pattern: Any, *args: Any, **kwargs: Any) -> Any:
            compiled = original(pattern, *args, **kwargs)
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith("farmguard.features"):
                found.append((f"{caller}:compile", compiled))
            return compiled

        module.compile = compile

    wrap(re)
    wrap(re2)


def _is_pattern(obj: Any) -> bool:
    return isinstance(obj, re.Pattern) or type(obj).__module__.startswith("re2")


def _walk(obj: Any, path: str, out: list[tuple[str, Any]], depth: int = 0) -> None:
    if _is_pattern(obj):
        out.append((path, obj))
        return
    if depth > 3:
        return
    if isinstance(obj, dict):
        for key, value in list(obj.items())[:5000]:
            _walk(value, f"{path}[{key!r}]", out, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for i, value in enumerate(list(obj)[:5000]):
            _walk(value, f"{path}[{i}]", out, depth + 1)


def collect_patterns() -> dict[str, Any]:
    """name -> compiled pattern, for every distinct pattern (source + flags) of the feature modules."""
    compiled: list[tuple[str, Any]] = []
    _record_compiles(compiled)
    import importlib
    import pkgutil

    import farmguard.features as features
    from farmguard.article import Article
    from farmguard.features.vector import signal_values

    modules = [importlib.import_module(f"farmguard.features.{m.name}") for m in pkgutil.iter_modules(features.__path__)]
    for lang, text in WARM_TEXTS.items():
        signal_values(Article(text=text, lang=lang, title="Title", url="https://news.example.com/a"))
    signal_values(Article(text=WARM_TEXTS["en"]))  # language detection path
    for module in modules:
        for name, value in vars(module).items():
            _walk(value, f"{module.__name__.rsplit('.', 1)[1]}.{name}", compiled)
    out: dict[str, Any] = {}
    seen: set[tuple[str, int, str]] = set()
    for name, pattern in compiled:
        key = (str(pattern.pattern), int(getattr(pattern, "flags", 0) or 0), type(pattern).__name__)
        if key not in seen:
            seen.add(key)
            out[f"{name}#{len(out)}"] = pattern
    return out


_CLASS_SAMPLES = {"w": "a", "W": "!", "d": "1", "D": "a", "s": " ", "S": "a", "b": "", "B": "", "A": "", "Z": "",
                  "n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_TOKEN = re.compile(r"\\x\{[0-9A-Fa-f]+\}|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\[pP]\{[^}]*\}"
                    r"|\\[pP]\w|\\.|\(\?P<\w+>|\(\?<?[:=!]|\{\d*,?\d*\}|.", re.DOTALL)


def own_characters(source: str) -> str:
    r"""Characters a pattern mentions literally (and a sample of each escape class), in order, once each.

    >>> own_characters(r"\(\s*(?P<ag>[^()]{1,40}?)\s*\)\u00a0")
    '( [^)]\xa0'
    """
    chars: list[str] = []
    for tok in _TOKEN.findall(source):
        if tok.startswith(("\\x", "\\u", "\\U")):
            chars.append(chr(int(tok.strip("\\xuU{}"), 16)))
        elif tok.startswith(("\\p", "\\P")):
            chars.append("a")
        elif tok.startswith("\\"):
            chars.append(_CLASS_SAMPLES.get(tok[1], "" if tok[1].isalnum() else tok[1]))
        elif tok.startswith("(?"):
            chars.append("(")
        elif tok.startswith("{") and len(tok) > 1:
            continue  # a quantifier
        elif tok not in "?*+|$":
            chars.append(tok)
    return "".join(dict.fromkeys(c for c in "".join(chars) if c.isprintable() or c.isspace()))


def adversarial_strings(source: str) -> Iterator[tuple[str, str]]:
    """(name, string) pairs of ~N characters aimed at backtracking in ``source``."""
    generic = {
        "a*N+!": "a" * N + "!",
        "A*N+!": "A" * N + "!",
        "aA1*N": "aA1_" * (N // 4) + "!",
        "1.1.1": "1." * (N // 2) + "x",
        "1,000,": "1,000," * (N // 6) + ".",
        "digits": "1" * N + "a",
        "((((": "(" * N,
        "((((a": "(" * (N // 2) + "a" + ")" * 3,
        "([{": "([{" * (N // 3),
        "nested": "((a)[b]{c})" * (N // 11),
        "%%&&": "%&#" * (N // 3),
        "spaces+x": " " * N + "x",
        "ws-mix": " \t\u00a0\u3000\n" * (N // 5) + "x",
        "blank-lines": "\n \n" * (N // 3),
        ". +spaces": ". a" + " " * N + "?",
        "word-space": "a " * (N // 2) + "!",
        "Cap-space": "Ab " * (N // 3) + "!",
        "url": "https://" + "a-" * (N // 2) + "/",
        "url-path": "https://x.com/" + "a/" * (N // 2) + "?q=" + "&a=1" * 100,
        "host-digits": "slot" + "88-" * (N // 3) + "a",
        "punct": "!?.,;:-()[]{}«»“”…#*" * (N // 20),
        "dashes": " - -- — " * (N // 8) + "x",
        "combining": "e\u0301" * (N // 2),
        "marks-only": "\u0301" * N,
        "zero-width": "a\u200b" * (N // 2),
        "arabic-digits": "٢.٦٠٠" * (N // 5),
        "cjk": "新华社电" * (N // 4),
        "quotes": "\"'’”»" * (N // 5) + " a",
    }
    if not re.search(r"[*+?{]", source.replace("\\*", "").replace("\\+", "").replace("\\?", "").replace("\\{", "")):
        # No quantifier at all (a literal alternation from a lexicon): nothing can backtrack; two cases.
        yield "a*N+!", generic["a*N+!"]
        yield "spaces+x", generic["spaces+x"]
        return
    yield from generic.items()
    own = own_characters(source)
    if own:
        yield "own-cycle", (own * (N // len(own) + 1))[:N] + "\x00"
        yield "own-spaced", ((" ".join(own) + " ") * (N // (2 * len(own)) + 1))[:N] + "\x00"
        for c in own[:OWN_RUNS]:
            yield f"own-run {c!r}", c * N + "\x00"


def child_main() -> None:
    """Print one JSON line per pattern and case (``start`` before, ``done`` after)."""
    patterns = collect_patterns()
    only = os.environ.get("REGEX_SAFETY_ONLY")
    print(json.dumps({"patterns": {k: str(p.pattern)[:200] for k, p in patterns.items()}}), flush=True)
    for name, pattern in patterns.items():
        if only and only not in name:
            continue
        bound = BOUNDED_INPUT.get(str(pattern.pattern), (N + 100, ""))[0]
        for case, text in adversarial_strings(str(pattern.pattern)):
            text = text[:bound]
            print(json.dumps({"start": [name, case]}), flush=True)
            t0 = time.perf_counter()
            n = sum(1 for _ in pattern.finditer(text))
            print(json.dumps({"done": [name, case], "s": time.perf_counter() - t0, "matches": n}), flush=True)
    print(json.dumps({"end": True}), flush=True)


# -------------------------------------------------------------------------------------------- parent
def run_child(args: list[str], hang_s: float, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a child, read its lines; kill it when one case runs longer than ``hang_s``.

    Reads the pipe with ``os.read`` into its own buffer: a buffered ``readline`` can swallow a second line
    that ``select`` then never reports.
    """
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    result: dict[str, Any] = {"patterns": {}, "done": [], "hung": None, "ended": False}
    current = None
    last = time.monotonic()
    buf = b""
    try:
        while True:
            if b"\n" not in buf:
                if not sel.select(timeout=1.0):
                    # The clock runs per case (start-up and warm-up on a loaded machine are not a hang).
                    waited = time.monotonic() - last
                    if (current is not None and waited > hang_s) or waited > STARTUP_S:
                        result["hung"] = current or ["start-up", ""]
                        break
                    continue
                data = os.read(fd, 1 << 16)
                if not data:
                    break
                buf += data
                continue
            line, buf = buf.split(b"\n", 1)
            last = time.monotonic()
            row = json.loads(line)
            if "patterns" in row:
                result["patterns"] = row["patterns"]
            elif "start" in row:
                current = row["start"]
            elif "done" in row:
                result["done"].append(row)
                current = None
            elif row.get("end"):
                result["ended"] = True
    finally:
        if proc.poll() is None:
            proc.kill()
        _, stderr = proc.communicate()
    result["stderr"] = stderr.decode("utf-8", "replace")
    return result


@pytest.fixture(scope="module")
def run() -> dict[str, Any]:
    return run_child([str(THIS), "--child"], HANG_S)


def test_every_feature_pattern_is_enumerated(run: dict[str, Any]) -> None:
    """The enumeration is real: module-level and lazily compiled patterns of several families are found."""
    names = list(run["patterns"])
    assert len(names) >= 40, names
    from farmguard.features import credit, encoding, spam

    sources = set(run["patterns"].values())
    for module_level in (credit._ORIGIN_NAME, credit._URL_HOST, spam._MIXED, encoding._STACKED):
        assert str(module_level.pattern)[:200] in sources, f"{module_level.pattern!r} not enumerated"
    lazy_templates = [s for s in sources if s.startswith("^\\W{0,3}")]  # feed's per-language templates
    assert len(lazy_templates) >= 20, "lazily compiled feed templates not enumerated"


def test_no_pattern_backtracks_catastrophically(run: dict[str, Any]) -> None:
    if run["hung"]:
        name, case = run["hung"]
        pytest.fail(f"pattern {name} ({run['patterns'].get(name)!r}) still running after {HANG_S:.0f} s "
                    f"on the adversarial string {case!r}")
    assert run["ended"], f"child did not finish: {run['stderr'][-2000:]}"
    slow = [(row["s"], row["done"]) for row in run["done"] if row["s"] > CASE_LIMIT_S]
    assert not slow, "slow patterns (seconds, [pattern, string]): " + "; ".join(
        f"{s:.2f} s {name} {run['patterns'][name]!r} on {case!r}" for s, (name, case) in sorted(slow, reverse=True))
    assert len(run["done"]) > 40 * 30


PLANTED_CHILD = """
import json, re, sys, time
pattern = re.compile(r"(a+)+$")
for case, text in (("short", "a" * 10 + "!"), ("long", "a" * 60 + "!")):
    print(json.dumps({"start": ["planted", case]}), flush=True)
    t0 = time.perf_counter(); n = sum(1 for _ in pattern.finditer(text))
    print(json.dumps({"done": ["planted", case], "s": time.perf_counter() - t0, "matches": n}), flush=True)
"""


def test_the_watchdog_catches_a_catastrophic_pattern() -> None:
    """Not vacuous: the classic exponential pattern ``(a+)+$`` is reported as hung on its string."""
    result = run_child(["-c", PLANTED_CHILD], hang_s=5.0)
    assert [row["done"][1] for row in result["done"]] == ["short"], result
    assert result["hung"] == ["planted", "long"]


def test_own_characters_of_a_pattern() -> None:
    assert own_characters(r"\d[.,]\d\d\d") == "1[.,]"
    assert own_characters(r"[\x{1D400}-\x{1D7FF}]\pL") == "[\U0001d400-\U0001d7ff]a"
    assert set(own_characters(r"https?://(?:www\.)?([^/\s:?#]{3,80})")) >= set("htps:/w. (")


if __name__ == "__main__" and "--child" in sys.argv:
    sys.path.insert(0, str(THIS.parents[2]))
    child_main()
