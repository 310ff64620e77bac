"""Output files that are either complete or absent: write to a temporary name, then rename.

An interrupted run (Ctrl-C, a crash, a full disk) never leaves a half-written file that looks
complete under the name the user asked for: :func:`atomic_output` writes to a hidden temporary
file in the same folder and renames it over the target only when the ``with`` block finishes
without an exception. A file that was there before stays untouched until then.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "predictions.jsonl"
>>> with atomic_output(target) as out:
...     _ = out.write('{"id": "a1", "label": "scraped"}\\n')
...     target.exists()          # nothing under the real name while writing
False
>>> target.read_text()
'{"id": "a1", "label": "scraped"}\\n'
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator

from farmguard.errors import FarmguardError

__all__ = ["OutputError", "atomic_output"]


class OutputError(FarmguardError):
    """An output file cannot be written (missing folder, no permission, disk full)."""


@contextlib.contextmanager
def atomic_output(path: str | Path, mode: str = "w", *, encoding: str = "utf-8", fsync: bool = True) -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary file that replaces it only on success.

    ``mode`` is ``"w"`` (text, UTF-8, ``\\n`` line ends kept as written) or ``"wb"``. On any
    exception, including ``KeyboardInterrupt``, the temporary file is removed and the
    exception propagates; ``path`` is unchanged. The new file gets the usual permissions
    (``0o666`` minus the umask), or those of the file it replaces. OS failures are raised as
    :class:`OutputError` naming the file.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> try:
    ...     with atomic_output(target) as out:
    ...         _ = out.write("id,label\\n")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> target.exists(), list(target.parent.iterdir())
    (False, [])
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: cannot write: folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: cannot write: it is a directory")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    body_done = False
    try:
        if mode == "w":
            stream: IO[Any] = os.fdopen(fd, "w", encoding=encoding, newline="")
        else:
            stream = os.fdopen(fd, "wb")
        with stream:
            yield stream
            body_done = True
            stream.flush()
            if fsync:
                os.fsync(stream.fileno())
        os.chmod(tmp, _final_mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and (body_done or exc.errno in _WRITE_ERRNOS):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise  # the caller's own exception (or an interrupt), unchanged
    if fsync:
        _fsync_folder(folder)


_WRITE_ERRNOS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name))


def _final_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
