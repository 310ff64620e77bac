"""Property-based tests (hypothesis) over the readers: arbitrary bytes and Unicode, huge lines.

Whatever the input, only the documented user errors (InputError, RecordError) may escape, every
article has non-blank text and a location, and what was written is what is read back.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from farmguard.errors import InputError, RecordError
from farmguard.readers import _lines, read_articles, split_title

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NASTY = "\u200b\u200d\u202e\u2066\ufeff\u0301\u0000\u0085\u2028\ud800\udfff\x1b"  # ZW(N)J, RTL, BOM, combining, NUL, NEL, LS, surrogates, ESC

unicode_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(NASTY)), max_size=300)


def check_read(path: Path, **limits: int) -> tuple[list, list[RecordError]]:
    bad: list[RecordError] = []
    try:
        articles = list(read_articles([path], on_error=bad.append, **limits))
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        return [], bad
    for article in articles:
        assert isinstance(article.text, str) and article.text.strip()
        assert article.location is not None and article.location.file == str(path)
    for error in bad:
        assert error.source == str(path) and "\n" not in error.why
    return articles, bad


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt", ".html"])
@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2000))
@example(data=b"\xff\xfe\x00")  # UTF-16 BOM then half a code unit
@example(data=b"\xef\xbb\xbf")  # a BOM alone
@example(data=b'{"text": "\xed\xa0\x80"}\n')  # an encoded surrogate (invalid UTF-8)
def test_arbitrary_bytes_raise_only_user_errors(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        check_read(path)


@PROPERTY_SETTINGS
@given(records=st.lists(st.fixed_dictionaries({"text": unicode_text}, optional={"title": unicode_text, "x": unicode_text}),
                        max_size=8))
@pytest.mark.parametrize("ascii_only", [True, False])
def test_jsonl_round_trip_of_arbitrary_unicode(records: list[dict[str, str]], ascii_only: bool) -> None:
    # ensure_ascii escapes lone surrogates (the reader must give them back unchanged); without it,
    # U+2028, NEL and friends are written raw and must not split a line.
    if not ascii_only:
        assume(not any(0xD800 <= ord(ch) <= 0xDFFF for r in records for v in r.values() for ch in v))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records), encoding="utf-8")
        articles, bad = check_read(path)
    kept = [r for r in records if r["text"].strip()]
    assert [a.text for a in articles] == [r["text"] for r in kept]
    assert [a.extra.get("x") for a in articles] == [r.get("x") for r in kept]
    assert len(bad) == len(records) - len(kept)
    assert all(e.why == "empty 'text'" for e in bad)


csv_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=200)


@PROPERTY_SETTINGS
@given(texts=st.lists(csv_text, max_size=8), codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_csv_round_trip(texts: list[str], codec: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "text"])
    writer.writerows([[str(i), t] for i, t in enumerate(texts)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        path.write_bytes(buffer.getvalue().encode(codec))
        articles, bad = check_read(path)
    expected = [(str(i), t) for i, t in enumerate(texts) if t.strip()]
    assert [(a.id, a.text) for a in articles] == expected
    assert len(bad) == len(texts) - len(expected)


@PROPERTY_SETTINGS
@given(sizes=st.lists(st.integers(min_value=0, max_value=3000), min_size=1, max_size=6),
       limit=st.integers(min_value=20, max_value=2000))
def test_line_limit_is_exact_and_reading_goes_on(sizes: list[int], limit: int) -> None:
    lines = [json.dumps({"text": "w" * (n + 1)}) for n in sizes]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_text("".join(line + "\n" for line in lines))
        articles, bad = check_read(path, max_line_bytes=limit)
    fits = [len(line) <= limit for line in lines]
    assert len(articles) == sum(fits)
    assert [e.where for e in bad] == [f"line {i + 1}" for i, ok in enumerate(fits) if not ok]
    assert all("max_line_bytes" in e.why for e in bad)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=3000), cuts=st.lists(st.integers(min_value=0, max_value=3000), max_size=10),
       limit=st.integers(min_value=1, max_value=500))
def test_bounded_line_splitter_matches_split(data: bytes, cuts: list[int], limit: int) -> None:
    """However the stream is chunked, lines are bytes.split(b'\\n') (minus a final empty piece, CR stripped)."""
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    chunks = [data[a:b] for a, b in zip(points, points[1:])]
    got = list(_lines(chunks, limit))
    pieces = data.split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    assert [line.number for line in got] == list(range(1, len(pieces) + 1))
    for line, piece in zip(got, pieces):
        if len(piece) > limit:
            assert line.data is None and line.size == len(piece)
        else:
            assert line.data == (piece[:-1] if piece.endswith(b"\r") else piece)


@PROPERTY_SETTINGS
@given(content=unicode_text)
def test_split_title_never_loses_text(content: str) -> None:
    title, body = split_title(content)
    if title is None:
        assert body == content.strip()
    else:
        assert title.strip() == title and "\n" not in title and body
        assert title in content and body in content
        assert content.index(title) < content.index(body)


@PROPERTY_SETTINGS
@given(prefix=st.binary(max_size=200), record=unicode_text)
def test_invalid_utf8_never_hides_later_good_records(prefix: bytes, record: str) -> None:
    assume(record.strip())
    good = (json.dumps({"text": record}) + "\n").encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes((json.dumps({"text": "x" * 70_000}) + "\n").encode() + prefix.replace(b"\n", b"") + b"\n" + good)
        articles, bad = check_read(path)
    assert articles[0].text == "x" * 70_000
    assert articles[-1].text == record  # the bad line in between costs only itself
    assert len(articles) + len(bad) in (2, 3)


def test_huge_single_line_is_bounded(tmp_path: Path) -> None:
    """A 64 MB line without a newline, read with the default 16 MiB limit: one RecordError, no MemoryError."""
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:
        block = b"A" * (1 << 20)
        for _ in range(64):
            out.write(block)
    articles, bad = check_read(path)
    assert not articles and len(bad) == 1
    assert bad[0].where == "line 1" and "67,108,864 bytes, over the 16 MiB limit" in bad[0].why


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
