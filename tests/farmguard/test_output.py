"""atomic_output: the target is complete or untouched, never half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from farmguard.errors import FarmguardError
from farmguard.output import OutputError, atomic_output


def test_writes_text_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with atomic_output(target) as out:
        out.write('{"id": "a", "label": "original"}\r\n')  # newline="" keeps what was written
        out.write("é\n")
        assert not target.exists()
        assert len(list(tmp_path.iterdir())) == 1  # the hidden temp file only
    assert target.read_bytes() == '{"id": "a", "label": "original"}\r\né\n'.encode("utf-8")
    assert list(tmp_path.iterdir()) == [target]


def test_binary_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with atomic_output(target, "wb") as out:
        out.write(b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_failure_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous complete output\n")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_output(target) as out:
            out.write("half of the new")
            raise RuntimeError("boom")
    assert target.read_text() == "previous complete output\n"
    assert list(tmp_path.iterdir()) == [target]


def test_keeps_permissions_of_replaced_file_and_uses_umask_for_new(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text("x")
    old.chmod(0o640)
    with atomic_output(old) as out:
        out.write("y")
    assert old.stat().st_mode & 0o777 == 0o640
    new = tmp_path / "new.txt"
    with atomic_output(new) as out:
        out.write("z")
    umask = os.umask(0o022)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask


def test_errors_are_one_line_user_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"cannot write: folder .*missing does not exist"):
        with atomic_output(tmp_path / "missing" / "out.jsonl"):
            pass
    with pytest.raises(OutputError, match="it is a directory"):
        with atomic_output(tmp_path):
            pass
    assert issubclass(OutputError, FarmguardError)
    with pytest.raises(ValueError):
        with atomic_output(tmp_path / "x", "a"):
            pass


def test_callers_oserror_is_not_disguised(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        with atomic_output(tmp_path / "out.txt"):
            open(tmp_path / "no-such-input")  # noqa: SIM115 - the caller's own error
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_writer_leaves_no_file_under_the_target_name(tmp_path: Path) -> None:
    """A process killed mid-write (no cleanup at all) leaves only a hidden temp file, never the target."""
    target = tmp_path / "predictions.jsonl"
    script = textwrap.dedent(
        f"""
        import sys, time
        from farmguard.output import atomic_output
        with atomic_output({str(target)!r}) as out:
            out.write("partial line\\n")
            out.flush()
            print("writing", flush=True)
            time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
        proc.kill()
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert not target.exists()
    leftovers = list(tmp_path.iterdir())
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".predictions.jsonl.")
