"""`farmguard predict` end to end: real files, real bundle, the installed command in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farmguard.article import LABELS
from farmguard.cli import app

FARMGUARD = [sys.executable, "-c", "from farmguard.cli import main; main()"]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_process(*args: str | Path, stdin: str | None = None) -> Result:
    """The installed command in a fresh process (real stdout/stderr, real start-up)."""
    res = subprocess.run([*FARMGUARD, *map(str, args)], input=stdin, capture_output=True, text=True, timeout=120)
    return Result(res.returncode, res.stdout, res.stderr)


def run(*args: str | Path, stdin: str | None = None) -> Result:
    """The same command in-process (Typer's runner): fast, for option and format behaviour."""
    res = CliRunner().invoke(app, [*map(str, args)], input=stdin)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    return Result(res.exit_code, res.stdout, res.stderr)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, held_out: list) -> Path:
    folder = tmp_path_factory.mktemp("in")
    lines = []
    for article in held_out[:6]:
        record = article.to_dict()
        record["queue"] = "q-7"
        lines.append(json.dumps(record))
    lines.insert(2, '{"id": "no-text"}')
    lines.insert(4, "{not json")
    (folder / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "in.jsonl"


def test_jsonl_to_stdout_reports_bad_records_and_exits_1(bundle_path: Path, inputs: Path) -> None:
    res = run_process("predict", inputs, "--model", bundle_path)
    assert res.returncode == 1
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(records) == 6
    assert list(records[0])[:5] == ["id", "label", "probabilities", "needs_review", "model_version"]
    assert all(r["queue"] == "q-7" and r["label"] in LABELS for r in records)
    errors = [line for line in res.stderr.splitlines() if line.startswith("farmguard: skipped:")]
    assert errors == [
        f"farmguard: skipped: {inputs}: line 3: missing 'text' (and no 'html' to extract it from)",
        f"farmguard: skipped: {inputs}: line 5: malformed JSON: Expecting property name enclosed in double quotes "
        "(column 2)",
    ]
    assert res.stderr.splitlines()[-1] == "farmguard predict: 6 predicted, 2 failed"
    assert "Traceback" not in res.stderr


def test_output_file_is_written_whole(bundle_path: Path, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = run("predict", inputs, "--model", bundle_path, "--output", out, "--explain")
    assert res.returncode == 1 and res.stdout == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6 and all("reasons" in r for r in records)
    assert not list(tmp_path.glob(".*.tmp"))


def test_no_output_file_when_the_run_fails(tmp_path: Path, inputs: Path) -> None:
    out = tmp_path / "out.jsonl"
    bad_model = tmp_path / "model.joblib"
    bad_model.write_bytes(b"\x80\x04not really")
    res = run_process("predict", inputs, "--model", bad_model, "--output", out)
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and res.stderr.startswith("farmguard: error: model file")
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def test_csv_and_table_formats(bundle_path: Path, inputs: Path) -> None:
    res = run("predict", inputs, "--model", bundle_path, "--format", "csv", "--explain")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 6
    assert {r["label"] for r in rows} <= set(LABELS)
    assert all(json.loads(r["extra"]) == {"queue": "q-7"} for r in rows)
    assert all(abs(sum(float(r[f"p_{k}"]) for k in LABELS) - 1) < 1e-5 for r in rows)
    table = run("predict", inputs, "--model", bundle_path, "--format", "table", "--explain").stdout
    assert table.splitlines()[0].split()[:5] == ["id", "label", *LABELS]
    assert any(line.startswith("    +") for line in table.splitlines()), "reasons are listed under each row"


def test_stdin_and_text_files(bundle_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Keluaran SGP hari ini\n\nslot gacor maxwin\n\nBy jepe777\n", encoding="utf-8")
    res = run("predict", tmp_path / "a.txt", "-", "--model", bundle_path,
              stdin='{"id": "s1", "text": "LIMA (Reuters) - The council met."}\n')
    assert res.returncode == 0, res.stderr
    ids = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert len(ids) == 2 and ids[1] == "s1"
    assert res.stderr.strip() == "farmguard predict: 2 predicted, 0 failed"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "xml"], "unknown --format"),
        (["--threshold-policy", "lenient"], "unknown --threshold-policy"),
        ([], "no input"),
    ],
)
def test_bad_options_are_one_line_errors(bundle_path: Path, args: list[str], message: str) -> None:
    res = run("predict", *args, "--model", bundle_path)
    assert res.returncode == 1
    assert message in res.stderr and "Traceback" not in res.stderr


def test_missing_input_file_is_one_line_error(bundle_path: Path, tmp_path: Path) -> None:
    res = run("predict", tmp_path / "absent.jsonl", "--model", bundle_path)
    assert res.returncode == 1 and "absent.jsonl" in res.stderr and "Traceback" not in res.stderr


def test_predict_path_imports_no_pandas_sklearn_or_mlflow(bundle_path: Path, inputs: Path) -> None:
    code = (
        "import sys\n"
        "from farmguard.cli import main\n"
        f"sys.argv = ['farmguard', 'predict', {str(inputs)!r}, '--model', {str(bundle_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'sklearn', 'mlflow', 'dask', 'matplotlib') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert len(res.stdout.splitlines()) == 6
    assert res.stderr.splitlines()[-1] == "[]"


def test_hostile_unicode_in_jsonl_gives_valid_output(bundle_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_text(
        '{"id": "s\\ud800", "text": "lone \\ud800 surrogate \\udfff", "note": "\\udc80"}\n'
        '{"id": "z", "text": "\\u200b\\u202e\\u0301\\u0000 mixed \\ud83d\\ude00"}\n', encoding="utf-8")
    for fmt in ("jsonl", "csv", "table"):
        res = subprocess.run([*FARMGUARD, "predict", str(path), "--model", str(bundle_path), "--format", fmt,
                              "--explain"], capture_output=True, timeout=120)
        assert res.returncode == 0, res.stderr.decode()
        out = res.stdout.decode("utf-8")  # strict: the output is valid UTF-8
        if fmt == "jsonl":
            records = [json.loads(line) for line in out.splitlines()]
            assert [r["id"] for r in records] == ["s\ud800", "z"] and records[0]["note"] == "\udc80"


def test_examples_flag_predicts_the_shipped_examples(bundle_path: Path) -> None:
    from importlib import resources

    from farmguard.readers import read_articles

    folder = Path(str(resources.files("farmguard") / "examples"))
    res = run("predict", "--examples", "--model", bundle_path)
    if folder.is_dir() and any(folder.iterdir()):
        expected = [a.id for a in read_articles([folder])]
        assert res.returncode == 0, res.stderr
        assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == expected
    else:
        assert res.returncode == 1 and "no example articles" in res.stderr


def test_progress_line_appears_after_a_second_and_is_cleared(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from farmguard.cli import predict as predict_cli

    clock = iter([100.0, 100.5, 101.2, 101.3, 101.6, 200.0])
    monkeypatch.setattr(predict_cli.time, "monotonic", lambda: next(clock))
    meter = predict_cli._Progress(enabled=True)  # starts at 100.0
    meter.tick(10)   # 100.5: within the first second, silent
    meter.tick(500)  # 101.2: shown
    meter.tick(510)  # 101.3: under 0.25 s since the last refresh, silent
    meter.tick(900)  # 101.6: shown
    meter.clear()
    err = capsys.readouterr().err
    assert err.count("\rfarmguard predict:") == 2
    assert "500 articles" in err and "900 articles" in err and err.endswith("\r\033[K")
    silent = predict_cli._Progress(enabled=False)
    silent.tick(1)
    silent.clear()
    assert capsys.readouterr().err == ""
