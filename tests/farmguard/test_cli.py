"""The command line shell: version, complete --help everywhere, and user errors as one line + exit 1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from farmguard import __version__
from farmguard.cli import app

COMMANDS = ["train", "predict", "evaluate", "signals", "corpus"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "farmguard", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)


def _all_commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, command: Any) -> None:
        found.append((prefix, command))
        if hasattr(command, "commands"):  # a group (typer vendors its own click)
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}".strip(), sub)

    walk("", root)
    return found


def test_version_and_help_in_process() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"farmguard {__version__}\n"
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for word in ("original", "syndicated", "scraped", *COMMANDS):
        assert word in result.output


def test_every_command_is_registered_and_has_complete_help() -> None:
    commands = dict(_all_commands())
    assert set(COMMANDS) <= set(commands)
    runner = CliRunner()
    for path, command in commands.items():
        assert (command.help or "").strip(), f"farmguard {path}: no description"
        for param in command.params:
            if param.param_type_name == "option" or getattr(param, "help", None) is not None:
                assert (param.help or "").strip(), f"farmguard {path}: {param.name} has no help text"
        result = runner.invoke(app, [*path.split(), "--help"])
        assert result.exit_code == 0, f"farmguard {path} --help: {result.output}"
        assert "Usage: farmguard" in result.output


def test_version_and_help_as_a_process() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout == f"farmguard {__version__}\n"
    helped = run("--help")
    assert helped.returncode == 0 and "signals" in helped.stdout and not helped.stderr


def test_console_script() -> None:
    script = shutil.which("farmguard", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the farmguard script is not installed next to this Python")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == f"farmguard {__version__}"


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("farmguard: error:")]
    assert len(lines) == 1, stderr
    return lines[0]


def test_missing_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run("signals", str(tmp_path / "absent.jsonl"))
    assert result.returncode == 1
    assert _one_error_line(result.stderr) == f"farmguard: error: {tmp_path / 'absent.jsonl'}: no such file or directory"
    assert result.stdout == ""


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.jsonl", "", "empty.jsonl: empty input (no articles)"),
        ("blob.txt", None, "blob.txt: undecodable bytes"),
        ("table.csv", "id,body\n1,x\n", "table.csv: the CSV header has no 'text' or 'html' column"),
        ("notes.docx", "x", "notes.docx: unknown input format"),
    ],
)
def test_unreadable_inputs_are_one_line_and_exit_1(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(bytes(range(256)) * 4)
    else:
        path.write_text(content)
    result = run("signals", str(path))
    assert result.returncode == 1
    assert message in _one_error_line(result.stderr)


def test_bad_records_are_reported_and_the_good_ones_processed(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "g1", "text": "The council approved the budget on Tuesday after a long debate."}) + "\n"
        + '{"id": "b1", "text": \n'
        + json.dumps({"id": "b2", "text": "x", "label": "copied"}) + "\n"
        + json.dumps({"id": "g2", "text": "Residents said the river rose two metres overnight."}) + "\n"
    )
    result = run("signals", "--format", "jsonl", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["g1", "g2"]
    assert f"{path}: line 2: malformed JSON" in result.stderr
    assert f"{path}: line 3: unknown label 'copied'" in result.stderr


def test_stdin_through_a_command() -> None:
    lines = "".join(json.dumps({"id": f"s{i}", "text": f"Article number {i} from standard input."}) + "\n"
                    for i in range(3))
    result = run("signals", "--format", "jsonl", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["s0", "s1", "s2"]


def test_skipped_files_in_a_directory_are_one_note_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Flood warning\n\nResidents said the river rose two metres overnight.\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "photo2.jpg").write_bytes(b"\xff\xd8")
    result = run("signals", "--format", "jsonl", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert f"farmguard: note: {tmp_path}: skipped 2 files of unknown format: .jpg (2)" in result.stderr.splitlines()
