"""The model bundle: one joblib file of plain data, a checksum, and a loader that runs no code.

A bundle file holds an *envelope* ``{"format": "farmguard-bundle", "format_version": 1,
"sha256": <hex>, "payload": {...}}`` written with ``joblib.dump`` (zlib-compressed by default).
The payload (design.md §7, team brief) is plain data only::

    {"format": "farmguard-bundle", "format_version": 1, "farmguard_version": "1.0.0",
     "schema_name": "farmguard.features", "schema_version": 1, "feature_names": [...],
     "labels": ["original", "syndicated", "scraped"], "model": "<booster.model_to_string()>",
     "calibration": {"method": "temperature", "temperature": 1.3},
     "review": {"min_top_probability": 0.6, "min_margin": 0.15}, "training": {...}}

``sha256`` is computed over the payload's canonical bytes (sorted-key compact JSON, UTF-8), so
any change to the payload after saving is detected.

Loading never calls ``joblib.load`` or ``pickle.load``: the file is decompressed by hand and
read by :class:`PlainDataUnpickler`, whose ``find_class`` refuses everything. Plain built-in
types (dict, list, tuple, str, bytes, int, float, bool, None) need no class lookup, so a
genuine bundle loads, while a pickle that would import anything (``os.system``, a numpy
array, a LightGBM object) is refused before a single one of its objects is built.

Every refusal is a :class:`BundleRefused` (a :class:`farmguard.errors.ModelFileError`) with a
one-line message and a ``reason`` code: ``not-found``, ``not-a-bundle``, ``too-large``,
``truncated``, ``corrupt``, ``forbidden-object``, ``tampered``, ``unsupported-format-version``,
``malformed``, ``schema-mismatch``.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "m.joblib"
>>> sha = save_bundle(path, example_payload())
>>> loaded = load_bundle(path, expected_schema=("farmguard.features", 1))
>>> loaded["labels"], loaded["sha256"] == sha
(['original', 'syndicated', 'scraped'], True)
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import zlib
from pathlib import Path
from typing import Any

from farmguard.errors import ModelFileError

FORMAT = "farmguard-bundle"
FORMAT_VERSION = 1
"""The bundle format this version of farmguard writes and reads."""

REQUIRED_KEYS: dict[str, type | tuple[type, ...]] = {
    "farmguard_version": str,
    "schema_name": str,
    "schema_version": int,
    "feature_names": list,
    "labels": list,
    "model": str,
    "calibration": dict,
    "review": dict,
}
"""Payload keys every bundle must have, with their types (``training`` metadata is optional)."""

MAX_FILE_BYTES = 1 << 30
"""Refuse bundle files (or their decompressed content) larger than 1 GiB."""

_PICKLE_PREFIX = b"\x80"  # PROTO opcode: every pickle of protocol >= 2 starts with it
_ZLIB_PREFIX = b"\x78"  # joblib compress=("zlib", n), the default of save_bundle
_GZIP_PREFIX = b"\x1f\x8b"  # joblib compress=("gzip", n)


class BundleRefused(ModelFileError):
    """A model file was refused; ``reason`` says why (see the module docstring), ``path`` which file."""

    def __init__(self, path: str | os.PathLike[str], reason: str, why: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"model file {self.path}: {why}")


class ForbiddenObject(pickle.UnpicklingError):
    """Raised by :class:`PlainDataUnpickler` when a pickle asks for any class or function."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        super().__init__(f"{module}.{name}")


class PlainDataUnpickler(pickle.Unpickler):
    """An unpickler that builds plain built-in data only: every class or function lookup is refused.

    >>> PlainDataUnpickler(io.BytesIO(pickle.dumps({"a": [1, 2.5, None]}))).load()
    {'a': [1, 2.5, None]}
    >>> PlainDataUnpickler(io.BytesIO(pickle.dumps(print))).load()  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    farmguard.serving.bundle.ForbiddenObject: builtins.print
    """

    def find_class(self, module: str, name: str) -> Any:  # noqa: D102 - documented on the class
        raise ForbiddenObject(module, name)

    def persistent_load(self, pid: Any) -> Any:  # noqa: D102
        raise ForbiddenObject("persistent_id", repr(pid)[:40])


# --- payload: plain data and its canonical bytes -------------------------------------------


def plain(value: Any, where: str = "payload") -> Any:
    """``value`` converted to plain built-in data (numpy scalars/arrays to Python numbers/lists).

    Raises ``TypeError`` naming the offending key for anything else, so a bundle can never hold
    an object that would need code to rebuild.

    >>> import numpy as np
    >>> plain({"auc": np.float64(0.5), "counts": np.array([1, 2]), "ok": (True, None)})
    {'auc': 0.5, 'counts': [1, 2], 'ok': [True, None]}
    """
    if value is None or type(value) in (str, bool, int, float):
        return value
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: dict keys must be strings, got {type(key).__name__} {key!r}")
            out[str(key)] = plain(item, f"{where}.{key}")
        return out
    if isinstance(value, (list, tuple)):
        return [plain(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    tolist = getattr(value, "tolist", None)  # numpy scalars and arrays, without importing numpy here
    if callable(tolist) and type(value).__module__ == "numpy":
        return plain(tolist(), where)
    raise TypeError(f"{where}: a bundle holds plain data only, got {type(value).__module__}.{type(value).__name__}")


def canonical_bytes(payload: dict[str, Any]) -> bytes:
    """The bytes the checksum covers: sorted-key compact JSON of the payload, UTF-8.

    >>> canonical_bytes({"b": 1, "a": [1.5, None]})
    b'{"a":[1.5,null],"b":1}'
    """
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


def payload_sha256(payload: dict[str, Any]) -> str:
    """Hex sha256 of :func:`canonical_bytes`."""
    return hashlib.sha256(canonical_bytes(payload)).hexdigest()


def example_payload(model: str = "tree\nversion=v4\n", n_features: int = 2) -> dict[str, Any]:
    """A syntactically complete payload for docs and tests (its ``model`` is not a trained model).

    >>> sorted(example_payload())[:3]
    ['calibration', 'farmguard_version', 'feature_names']
    """
    from farmguard import __version__

    return {
        "farmguard_version": __version__,
        "schema_name": "farmguard.features",
        "schema_version": 1,
        "feature_names": [f"demo.f{i}" for i in range(n_features)],
        "labels": ["original", "syndicated", "scraped"],
        "model": model,
        "calibration": {"method": "temperature", "temperature": 1.0},
        "review": {"min_top_probability": 0.6, "min_margin": 0.15},
        "training": {},
    }


# --- writing -------------------------------------------------------------------------------


def finalize_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload exactly as :func:`save_bundle` stores it: plain data, ``format`` fields filled in.

    Raises ``TypeError``/``ValueError`` for non-plain values or a missing required key.

    >>> finalize_payload(example_payload())["format"]
    'farmguard-bundle'
    """
    body = plain(dict(payload))
    body.pop("sha256", None)  # added by load_bundle; never part of the payload
    body.setdefault("format", FORMAT)
    body.setdefault("format_version", FORMAT_VERSION)
    if body["format"] != FORMAT or body["format_version"] != FORMAT_VERSION:
        raise ValueError(f"payload format must be {FORMAT!r} version {FORMAT_VERSION}")
    for key, kind in REQUIRED_KEYS.items():
        if not isinstance(body.get(key), kind) or isinstance(body.get(key), bool):
            raise ValueError(f"payload[{key!r}] must be a {kind.__name__}, got {body.get(key)!r:.60}")
    return body


def save_bundle(path: str | os.PathLike[str], payload: dict[str, Any], compress: int = 3) -> str:
    """Write ``payload`` as a bundle file at ``path`` atomically; return the payload's sha256.

    The payload is converted with :func:`plain` (numpy numbers become Python numbers) and checked
    for the required keys; ``format``/``format_version`` are filled in. The file is written to a
    temporary name in the same folder, flushed to disk, then renamed over ``path``, so a reader
    never sees a half-written bundle. ``compress`` is the zlib level (0: no compression).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "model.joblib"
    >>> len(save_bundle(p, example_payload())), p.exists()
    (64, True)
    """
    import joblib  # only the writer needs joblib; the loader reads the bytes itself

    body = finalize_payload(payload)
    sha = payload_sha256(body)
    envelope = {"format": FORMAT, "format_version": FORMAT_VERSION, "sha256": sha, "payload": body}

    from farmguard.output import atomic_output

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target, "wb") as fh:
        joblib.dump(envelope, fh, compress=("zlib", compress) if compress else 0)
    return sha


# --- reading -------------------------------------------------------------------------------


def _read_pickle_bytes(path: Path) -> bytes:
    """The file's pickle bytes, decompressed when joblib compressed them (zlib or gzip)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BundleRefused(path, "not-a-bundle", "not a farmguard bundle (not a regular file)")
        if size > MAX_FILE_BYTES:
            raise BundleRefused(path, "too-large", f"refused: {size} bytes is larger than any farmguard bundle")
        data = path.read_bytes()
    except FileNotFoundError:
        raise BundleRefused(path, "not-found", "model file not found") from None
    except IsADirectoryError:
        raise BundleRefused(path, "not-a-bundle", "not a farmguard bundle (a directory)") from None
    except PermissionError:
        raise BundleRefused(path, "not-found", "model file is not readable (permission denied)") from None
    if not data:
        raise BundleRefused(path, "truncated", "truncated: the file is empty")
    if data[:1] == _PICKLE_PREFIX:
        return data
    if data[:1] == _ZLIB_PREFIX or data[:2] == _GZIP_PREFIX:
        decomp = zlib.decompressobj(wbits=47)  # 32 + 15: zlib or gzip header, auto-detected
        try:
            out = decomp.decompress(data, MAX_FILE_BYTES + 1)
        except zlib.error as exc:
            raise BundleRefused(path, "corrupt", f"corrupt: its compressed data is damaged ({exc})") from None
        if len(out) > MAX_FILE_BYTES:
            raise BundleRefused(path, "too-large", "refused: it decompresses to more than 1 GiB")
        if not decomp.eof:
            raise BundleRefused(path, "truncated", "truncated: the compressed data ends before its end marker")
        return out
    raise BundleRefused(path, "not-a-bundle", "not a farmguard bundle (not a joblib/pickle file)")


def _unpickle_plain(path: Path, data: bytes) -> Any:
    try:
        return PlainDataUnpickler(io.BytesIO(data)).load()
    except ForbiddenObject as exc:
        raise BundleRefused(
            path,
            "forbidden-object",
            f"refused: it would import {exc.module}.{exc.name} (a bundle holds plain data only; "
            "this file may be malicious)",
        ) from None
    except EOFError:
        raise BundleRefused(path, "truncated", "truncated: the pickle data ends before its end") from None
    except pickle.UnpicklingError as exc:
        if "truncated" in str(exc):
            raise BundleRefused(path, "truncated", "truncated: the pickle data ends before its end") from None
        raise BundleRefused(path, "corrupt", f"corrupt: unreadable pickle data ({exc})") from None
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError, MemoryError,
            UnicodeDecodeError, RecursionError) as exc:
        raise BundleRefused(path, "corrupt", f"corrupt: unreadable pickle data ({type(exc).__name__})") from None


def check_payload(path: str | os.PathLike[str], payload: dict[str, Any]) -> None:
    """Raise :class:`BundleRefused` (``malformed``) unless the payload has every key, well-typed."""
    for key, kind in REQUIRED_KEYS.items():
        value = payload.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise BundleRefused(path, "malformed", f"malformed bundle: payload key {key!r} missing or not a {kind.__name__}")
    if not all(isinstance(n, str) for n in payload["feature_names"]):
        raise BundleRefused(path, "malformed", "malformed bundle: feature_names must be strings")
    if not payload["labels"] or not all(isinstance(n, str) for n in payload["labels"]):
        raise BundleRefused(path, "malformed", "malformed bundle: labels must be a non-empty list of strings")
    review = payload["review"]
    for key in ("min_top_probability", "min_margin"):
        value = review.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0.0 <= value <= 1.0):
            raise BundleRefused(path, "malformed", f"malformed bundle: review.{key} must be a number in [0, 1]")
    from .calibration import validate_calibration

    try:
        validate_calibration(payload["calibration"])
    except ValueError as exc:
        raise BundleRefused(path, "malformed", f"malformed bundle: {exc}") from None


def load_bundle(path: str | os.PathLike[str], expected_schema: tuple[str, int] | None = None) -> dict[str, Any]:
    """Read and verify a bundle file; return its payload with the verified ``"sha256"`` added.

    Checks, in order: the file exists and is a (compressed) pickle; it is complete; it holds
    plain data only (no class or function is ever looked up, so no code runs); it is a farmguard
    bundle of a supported format version; its checksum matches (not tampered); the payload is
    well-formed; and, when ``expected_schema=(name, version)`` is given, it was trained on that
    feature schema. Any failure raises :class:`BundleRefused` with a one-line message.

    >>> load_bundle("/nonexistent/model.joblib")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    farmguard.serving.bundle.BundleRefused: model file /nonexistent/model.joblib: model file not found
    """
    p = Path(path)
    data = _read_pickle_bytes(p)
    envelope = _unpickle_plain(p, data)
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise BundleRefused(p, "not-a-bundle", "not a farmguard bundle (a pickle without the farmguard envelope)")
    version = envelope.get("format_version")
    if version != FORMAT_VERSION:
        raise BundleRefused(
            p,
            "unsupported-format-version",
            f"unsupported bundle format version {version!r} (this farmguard reads version {FORMAT_VERSION})",
        )
    payload = envelope.get("payload")
    stored_sha = envelope.get("sha256")
    if not isinstance(payload, dict) or not isinstance(stored_sha, str):
        raise BundleRefused(p, "malformed", "malformed bundle: envelope lacks its payload or checksum")
    try:
        actual_sha = payload_sha256(payload)
    except (TypeError, ValueError):
        raise BundleRefused(p, "malformed", "malformed bundle: payload is not plain JSON-like data") from None
    if actual_sha != stored_sha:
        raise BundleRefused(
            p,
            "tampered",
            "tampered: checksum mismatch (the payload was changed after it was saved)",
        )
    if payload.get("format") != FORMAT or payload.get("format_version") != FORMAT_VERSION:
        raise BundleRefused(p, "malformed", "malformed bundle: payload format fields disagree with the envelope")
    check_payload(p, payload)
    if expected_schema is not None:
        name, schema_version = expected_schema
        have = (payload["schema_name"], payload["schema_version"])
        if have != (name, schema_version):
            raise BundleRefused(
                p,
                "schema-mismatch",
                f"schema mismatch: the model was trained on features {have[0]} v{have[1]}, "
                f"this farmguard extracts {name} v{schema_version} (retrain or use a matching farmguard)",
            )
    out = dict(payload)
    out["sha256"] = actual_sha
    return out

