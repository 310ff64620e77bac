"""The model bundle: round trip, and every kind of bad file refused with its own one-line message."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import joblib
import pytest

from farmguard.errors import ModelFileError
from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION
from farmguard.serving.bundle import (
    FORMAT,
    BundleRefused,
    example_payload,
    load_bundle,
    payload_sha256,
    save_bundle,
)

EXPECTED = (SCHEMA_NAME, SCHEMA_VERSION)


def _payload() -> dict:
    payload = example_payload(model="tree\n" + "split_feature=0 1 0\nleaf_value=0.1 -0.2\n" * 200)
    payload["schema_name"], payload["schema_version"] = EXPECTED
    payload["training"] = {"metrics": {"macro_f1": 0.9}, "counts": {"scraped": 10}}
    return payload


class _WouldRun:
    """A pickle of this calls os.system(command) when loaded by a normal unpickler."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def _refusal(path: Path, expected=EXPECTED) -> BundleRefused:
    with pytest.raises(BundleRefused) as info:
        load_bundle(path, expected_schema=expected)
    err = info.value
    assert isinstance(err, ModelFileError)
    assert "\n" not in str(err) and str(path) in str(err)
    return err


def test_round_trip_keeps_the_payload_and_reports_its_checksum(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    sha = save_bundle(path, _payload())
    loaded = load_bundle(path, expected_schema=EXPECTED)
    assert loaded.pop("sha256") == sha
    assert loaded == {**_payload(), "format": FORMAT, "format_version": 1}
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was renamed away"


def test_uncompressed_bundle_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save_bundle(path, _payload(), compress=0)
    assert load_bundle(path)["model"] == _payload()["model"]


def test_numpy_values_are_stored_as_plain_numbers(tmp_path: Path) -> None:
    import numpy as np

    payload = _payload()
    payload["training"] = {"f1": np.float32(0.5), "confusion": np.eye(2, dtype=np.int64)}
    save_bundle(tmp_path / "m.joblib", payload)
    training = load_bundle(tmp_path / "m.joblib")["training"]
    assert training == {"f1": 0.5, "confusion": [[1, 0], [0, 1]]}
    assert type(training["f1"]) is float


def test_objects_cannot_be_saved(tmp_path: Path) -> None:
    payload = _payload()
    payload["training"] = {"callback": print}
    with pytest.raises(TypeError, match="training.callback"):
        save_bundle(tmp_path / "m.joblib", payload)
    assert not (tmp_path / "m.joblib").exists()


def test_missing_required_key_cannot_be_saved(tmp_path: Path) -> None:
    payload = _payload()
    del payload["labels"]
    with pytest.raises(ValueError, match="labels"):
        save_bundle(tmp_path / "m.joblib", payload)


def test_flipped_byte_in_payload_is_refused_as_tampered(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save_bundle(path, _payload(), compress=0)
    data = bytearray(path.read_bytes())
    at = data.index(b"leaf_value=0.1") + len("leaf_value=0.")
    data[at] ^= 0x01  # 0.1 -> 0.0: a model that predicts something else
    path.write_bytes(bytes(data))
    err = _refusal(path)
    assert err.reason == "tampered"
    assert "checksum mismatch" in str(err)


def test_payload_edited_and_resaved_without_new_checksum_is_tampered(tmp_path: Path) -> None:
    payload = {**_payload(), "format": FORMAT, "format_version": 1}
    sha = payload_sha256(payload)
    payload["review"] = {"min_top_probability": 0.0, "min_margin": 0.0}
    path = tmp_path / "m.joblib"
    joblib.dump({"format": FORMAT, "format_version": 1, "sha256": sha, "payload": payload}, path, compress=3)
    assert _refusal(path).reason == "tampered"


def test_flipped_byte_in_compressed_file_is_refused_or_harmless(tmp_path: Path) -> None:
    """Every single-byte flip of a compressed bundle is refused, or decodes to the identical payload."""
    path = tmp_path / "m.joblib"
    save_bundle(path, _payload())
    original = path.read_bytes()
    good = load_bundle(path)
    reasons = set()
    for at in range(0, len(original), 3):
        data = bytearray(original)
        data[at] ^= 0x10
        path.write_bytes(bytes(data))
        try:
            assert load_bundle(path) == good
        except BundleRefused as err:
            reasons.add(err.reason)
    assert reasons and reasons <= {"corrupt", "truncated", "tampered", "not-a-bundle", "forbidden-object", "malformed"}
    data = bytearray(original)
    data[-1] ^= 0xFF  # the zlib stream's own adler32 check
    path.write_bytes(bytes(data))
    err = _refusal(path)
    assert err.reason == "corrupt" and "compressed data is damaged" in str(err)


@pytest.mark.parametrize("compress", [0, 3])
def test_truncated_bundle_is_refused_as_truncated(tmp_path: Path, compress: int) -> None:
    path = tmp_path / "m.joblib"
    save_bundle(path, _payload(), compress=compress)
    data = path.read_bytes()
    for keep in (len(data) // 2, len(data) - 1, 3):
        path.write_bytes(data[:keep])
        err = _refusal(path)
        assert err.reason == "truncated", (keep, str(err))
        assert "truncated" in str(err)
    path.write_bytes(b"")
    assert _refusal(path).reason == "truncated"


@pytest.mark.parametrize("how", ["pickle", "joblib-compressed", "inside-envelope"])
def test_malicious_pickle_is_refused_and_runs_nothing(tmp_path: Path, how: str) -> None:
    marker = tmp_path / "pwned"
    evil = _WouldRun(f"touch {marker}")
    path = tmp_path / "m.joblib"
    if how == "pickle":
        path.write_bytes(pickle.dumps(evil, protocol=4))
    elif how == "joblib-compressed":
        joblib.dump(evil, path, compress=3)
    else:
        joblib.dump({"format": FORMAT, "format_version": 1, "sha256": "0" * 64, "payload": evil}, path)
    err = _refusal(path)
    assert err.reason == "forbidden-object"
    assert "would import" in str(err) and "system" in str(err)
    assert not marker.exists(), "loading the bundle executed code"

    # The planted file is really malicious: a plain joblib.load runs the command.
    joblib.load(path)
    assert marker.exists()


def test_numpy_inside_a_pickle_is_refused_too(tmp_path: Path) -> None:
    import numpy as np

    path = tmp_path / "m.joblib"
    joblib.dump({"format": FORMAT, "payload": np.zeros(3)}, path)
    err = _refusal(path)
    assert err.reason == "forbidden-object" and "numpy" in str(err)


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    payload = _payload()
    payload["schema_version"] = SCHEMA_VERSION + 1
    save_bundle(path, payload)
    err = _refusal(path)
    assert err.reason == "schema-mismatch"
    assert f"v{SCHEMA_VERSION + 1}" in str(err) and f"v{SCHEMA_VERSION}" in str(err)
    assert load_bundle(path, expected_schema=None)["schema_version"] == SCHEMA_VERSION + 1


def test_unsupported_format_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    joblib.dump({"format": FORMAT, "format_version": 2, "sha256": "", "payload": {}}, path, compress=3)
    err = _refusal(path)
    assert err.reason == "unsupported-format-version" and "version 2" in str(err)


@pytest.mark.parametrize("content", [b"hello, not a model\n", pickle.dumps([1, 2, 3]), pickle.dumps({"a": 1})])
def test_not_a_bundle_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "m.joblib"
    path.write_bytes(content)
    assert _refusal(path).reason == "not-a-bundle"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "absent.joblib").reason == "not-found"
    assert _refusal(tmp_path).reason == "not-a-bundle"


def test_each_kind_of_refusal_has_its_own_message(tmp_path: Path) -> None:
    good = tmp_path / "good.joblib"
    save_bundle(good, _payload(), compress=0)
    data = good.read_bytes()
    files = {}
    files["truncated"] = data[: len(data) // 2]
    flipped = bytearray(data)
    flipped[data.index(b"leaf_value=0.1") + 13] ^= 1
    files["tampered"] = bytes(flipped)
    files["forbidden-object"] = pickle.dumps(_WouldRun("true"))
    other = _payload()
    other["schema_version"] = SCHEMA_VERSION + 7
    save_bundle(tmp_path / "other.joblib", other)
    files["schema-mismatch"] = (tmp_path / "other.joblib").read_bytes()
    files["not-a-bundle"] = b"plain text"
    messages = {}
    for reason, content in files.items():
        path = tmp_path / f"{reason}.joblib"
        path.write_bytes(content)
        err = _refusal(path)
        assert err.reason == reason
        messages[reason] = str(err).split(": ", 1)[1]
    assert len(set(messages.values())) == len(messages)
