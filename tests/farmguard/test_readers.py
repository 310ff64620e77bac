"""Readers: every format, encoding and error path, on real files written to tmp_path."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import sys
from pathlib import Path

import pytest

from farmguard.article import SourceLocation
from farmguard.errors import InputError, RecordError
from farmguard.readers import detect_format, read_articles, split_title

BODY = "Tens of thousands of people have fled towards the border in the last few days, residents said."


def read_all(*sources: str | Path, **limits: int) -> tuple[list, list[RecordError]]:
    bad: list[RecordError] = []
    articles = list(read_articles(list(sources), on_error=bad.append, **limits))
    return articles, bad


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --------------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------------
def test_jsonl_fields_extras_and_locations(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        jsonl(
            {"id": "a1", "text": BODY, "title": "Thousands flee", "lang": "en", "label": "original",
             "url": "https://example.com/a", "published": "2019-08-21", "source_site": "example"},
            {"text": "Keluaran SGP hari ini", "label": "scraped"},
        ),
        encoding="utf-8",
    )
    first, second = list(read_articles([path]))
    assert (first.id, first.title, first.lang, first.label, first.url, first.published) == (
        "a1", "Thousands flee", "en", "original", "https://example.com/a", "2019-08-21")
    assert first.extra == {"source_site": "example"}
    assert first.location == SourceLocation(str(path), "line", 1)
    assert second.id.startswith("a-") and second.location == SourceLocation(str(path), "line", 2)


def test_jsonl_blank_lines_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b'\r\n{"text": "one"}\r\n\r\n   \n{"text": "two"}')
    articles, bad = read_all(path)
    assert [a.text for a in articles] == ["one", "two"] and not bad
    assert [a.location.number for a in articles] == [2, 5]


@pytest.mark.parametrize(
    "line, why",
    [
        ('{"text": "unterminated', "malformed JSON"),
        ("not json at all", "malformed JSON: Expecting value (column 1)"),
        ('{"title": "no text"}', "missing 'text'"),
        ('{"text": 42}', "'text' must be a string, got int"),
        ('{"text": "x", "label": "spam"}', "unknown label 'spam'"),
        ('{"text": "   "}', "empty 'text'"),
        ('["text", "x"]', "expected a JSON object, got an array"),
        ('"just a string"', "expected a JSON object, got a string"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_jsonl_bad_record_is_reported_and_skipped(tmp_path: Path, line: str, why: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(jsonl({"text": "before"}) + line + "\n" + jsonl({"text": "after"}))
    articles, bad = read_all(path)
    assert [a.text for a in articles] == ["before", "after"]
    assert len(bad) == 1
    assert (bad[0].source, bad[0].where) == (str(path), "line 2")
    assert why in bad[0].why
    assert str(bad[0]).startswith(f"{path}: line 2: ")
    assert "\n" not in str(bad[0])


def test_bad_record_raises_without_handler(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(jsonl({"text": "fine"}) + '{"text": "x", "label": "fake"}\n')
    reader = read_articles([path])
    assert next(reader).text == "fine"
    with pytest.raises(RecordError, match=r"bad\.jsonl: line 2: unknown label 'fake'"):
        next(reader)


def test_truncated_last_line_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    full = jsonl({"text": "complete"}, {"text": "this record was cut off in the middle"})
    path.write_text(full[: len(full) - 15])
    articles, bad = read_all(path)
    assert [a.text for a in articles] == ["complete"]
    assert bad[0].where == "line 2" and "truncated?" in bad[0].why


def test_over_long_line_is_a_record_error_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(jsonl({"text": "short"}, {"text": "x" * 5000}, {"text": "after"}))
    articles, bad = read_all(path, max_line_bytes=1000)
    assert [a.text for a in articles] == ["short", "after"]
    assert bad[0].where == "line 2"
    assert "over the 1,000 bytes limit (max_line_bytes)" in bad[0].why and "5,012 bytes" in bad[0].why


def test_over_long_line_across_many_chunks(tmp_path: Path) -> None:
    # 3 MB line, read in 64 KB chunks with a 1 MB limit: reported, never built, the next line read.
    path = tmp_path / "huge.jsonl"
    with path.open("w") as out:
        out.write('{"text": "' + "y" * 3_000_000 + '"}\n')
        out.write(jsonl({"text": "next"}))
    articles, bad = read_all(path, max_line_bytes=1 << 20)
    assert [a.text for a in articles] == ["next"]
    assert bad[0].where == "line 1" and "3,000,012 bytes" in bad[0].why


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(jsonl({"text": "zipped", "label": "syndicated"}))
    (article,) = read_articles([path])
    assert article.text == "zipped" and article.label == "syndicated"


def test_corrupt_gzip_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl({"text": "x" * 1000}).encode())[:40])
    with pytest.raises(InputError, match=r"broken\.jsonl\.gz: cannot read"):
        list(read_articles([path]))


# --------------------------------------------------------------------------------------------------
# encodings
# --------------------------------------------------------------------------------------------------
def test_utf8_bom_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + jsonl({"id": "b1", "text": "Dziesiątki tysięcy uciekły"}).encode())
    (article,) = read_articles([path])
    assert article.id == "b1" and article.text == "Dziesiątki tysięcy uciekły"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_jsonl_with_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.jsonl"
    content = jsonl({"text": "عشرات الآلاف يفرون"}, {"text": "二行目"})
    data = content.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    articles, bad = read_all(path)
    assert [a.text for a in articles] == ["عشرات الآلاف يفرون", "二行目"] and not bad
    assert articles[1].location.number == 2


def test_utf16_txt_and_csv(tmp_path: Path) -> None:
    txt = tmp_path / "article.txt"
    txt.write_text(f"Thousands flee Idlib\n\n{BODY}\n", encoding="utf-16")
    csv_path = tmp_path / "table.csv"
    csv_path.write_text('id,text\nc1,"Über 2.600.000 Menschen, sagte er."\n', encoding="utf-16")
    articles, bad = read_all(txt, csv_path)
    assert not bad
    assert (articles[0].title, articles[0].text) == ("Thousands flee Idlib", BODY)
    assert (articles[1].id, articles[1].text) == ("c1", "Über 2.600.000 Menschen, sagte er.")


def test_legacy_single_byte_encoding_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = ("Le président a déclaré mercredi que les élèves étaient très nombreux à être déçus par la "
            "réforme, selon un communiqué publié à Paris. Ça a été une journée où même les professeurs ont manifesté.")
    path.write_bytes(text.encode("cp1252"))
    (article,) = read_articles([path])
    assert article.text == text


def test_binary_file_is_rejected_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match=r"image\.txt: undecodable bytes: .*convert it to UTF-8"):
        list(read_articles([path]))


def test_invalid_utf8_line_after_a_valid_start_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = jsonl(*({"text": f"record {i} " + "z" * 100} for i in range(800))).encode()  # > 64 KB of UTF-8
    path.write_bytes(good + b'{"text": "caf\xe9"}\n' + jsonl({"text": "last"}).encode())
    articles, bad = read_all(path)
    assert len(articles) == 801 and articles[-1].text == "last"
    assert bad[0].where == "line 801" and "not valid utf-8" in bad[0].why


def test_truncated_utf16_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(jsonl({"text": "complete"}).encode("utf-16") + b"\x41")  # a lone trailing byte
    with pytest.raises(InputError, match=r"odd\.jsonl: undecodable bytes: not valid utf-16"):
        list(read_articles([path]))


# --------------------------------------------------------------------------------------------------
# whole-input errors
# --------------------------------------------------------------------------------------------------
def test_missing_file_fails_before_any_record_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl({"text": "x"}))
    with pytest.raises(InputError, match=r"nope\.jsonl: no such file or directory"):
        next(read_articles([good, tmp_path / "nope.jsonl"]))


@pytest.mark.parametrize("name", ["notes.docx", "README", "data.json"])
def test_unknown_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(InputError, match="unknown input format"):
        next(read_articles([path]))


@pytest.mark.parametrize("name, content", [("e.jsonl", ""), ("w.jsonl", "\n \n\t\n"), ("e.txt", "  \n"),
                                           ("e.csv", ""), ("e.html", "")])
def test_empty_input(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=f"{name}: empty input"):
        list(read_articles([path], on_error=lambda e: None))


def test_no_sources() -> None:
    with pytest.raises(InputError, match="no input given"):
        list(read_articles([]))


def test_detect_format() -> None:
    assert detect_format("a/b.NDJSON") == "jsonl"
    assert detect_format("x.csv.gz") == "csv"
    with pytest.raises(InputError, match="gzipped Parquet"):
        detect_format("x.parquet.gz")


# --------------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------------
def test_csv_multiline_fields_empty_cells_and_extras(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'id,title,text,label,lang,outlet\n'
        'c1,,"First paragraph.\n\nSecond paragraph, with a comma.",original,,Example Daily\n'
        'c2,A title,"He said ""no"".",scraped,en,\n',
        encoding="utf-8",
    )
    first, second = list(read_articles([path]))
    assert first.text == "First paragraph.\n\nSecond paragraph, with a comma."
    assert first.title is None and first.lang is None and first.extra == {"outlet": "Example Daily"}
    assert first.location == SourceLocation(str(path), "line", 2)
    assert (second.text, second.title, second.label, second.lang) == ('He said "no".', "A title", "scraped", "en")
    assert second.location.number == 5 and second.extra == {"outlet": ""}


def test_csv_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,text,label\n"
        "1,good one,original\n"
        "2,,scraped\n"               # missing text
        "3,x,weird\n"                # unknown label
        "4,too,many,fields\n"
        '5,"broken"quote,original\n'
        "6,good two,\n"
        '7,"never closed\n'
    )
    articles, bad = read_all(path)
    assert [a.id for a in articles] == ["1", "6"]
    assert [(e.where, e.why.split(":")[0].split(",")[0]) for e in bad] == [
        ("line 3", "missing 'text' (and no 'html' to extract it from)"),
        ("line 4", "unknown label 'weird' (expected one of original"),
        ("line 5", "4 fields"),
        ("line 6", "malformed CSV"),
        ("line 8", "malformed CSV"),
    ]
    assert "truncated?" in bad[-1].why


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("id,body\n1,x\n")
    with pytest.raises(InputError, match=r"cols\.csv: the CSV header has no 'text' or 'html' column \(columns: id, body\)"):
        list(read_articles([path]))


def test_csv_over_long_line(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("id,text\n1,short\n2," + "w" * 3000 + "\n3,after\n")
    articles, bad = read_all(path, max_line_bytes=1000)
    assert [a.id for a in articles] == ["1", "3"]
    assert bad[0].where == "line 3" and "max_line_bytes" in bad[0].why


# --------------------------------------------------------------------------------------------------
# Parquet
# --------------------------------------------------------------------------------------------------
def test_parquet_batches_types_and_bad_rows(tmp_path: Path) -> None:
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 600  # more than one record batch
    texts = [f"article number {i}" for i in range(n)]
    texts[300] = None  # type: ignore[call-overload]
    labels = ["original"] * n
    labels[450] = "bogus"
    table = pa.table({
        "id": [f"p{i}" for i in range(n)],
        "text": texts,
        "label": labels,
        "published": [datetime.datetime(2024, 12, 6, 8, 30)] * n,
        "score": list(range(n)),
    })
    path = tmp_path / "in.parquet"
    pq.write_table(table, path, row_group_size=200)
    articles, bad = read_all(path)
    assert len(articles) == n - 2
    assert articles[0].published == "2024-12-06T08:30:00" and articles[0].extra == {"score": 0}
    assert articles[-1].location == SourceLocation(str(path), "record", n)
    assert [(e.where, e.why[:14]) for e in bad] == [("record 301", "missing 'text'"), ("record 451", "unknown label ")]


def test_parquet_errors(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    no_text = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"body": ["x"]}), no_text)
    with pytest.raises(InputError, match="no 'text' or 'html' column"):
        list(read_articles([no_text]))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not really parquet")
    with pytest.raises(InputError, match=r"broken\.parquet: not a readable Parquet file"):
        list(read_articles([broken]))


# --------------------------------------------------------------------------------------------------
# plain text
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content, title, text",
    [
        (f"\n\nThousands flee Idlib\n\n{BODY}\n", "Thousands flee Idlib", BODY),
        (f"Thousands flee Idlib\n  \n\n{BODY}", "Thousands flee Idlib", BODY),
        (f"{BODY}\n\nSecond paragraph.", None, f"{BODY}\n\nSecond paragraph."),  # ends with a full stop
        (f"Thousands flee Idlib\n{BODY}", None, f"Thousands flee Idlib\n{BODY}"),  # no blank line after
        ("Thousands flee Idlib\n\n", None, "Thousands flee Idlib"),  # nothing after the title
        ("Did thousands flee?\n\nYes.", None, "Did thousands flee?\n\nYes."),
        (" ".join(["word"] * 40) + "\n\nBody.", None, " ".join(["word"] * 40) + "\n\nBody."),
        ("ألوف يفرون من إدلب\n\nنص المقال.", "ألوف يفرون من إدلب", "نص المقال."),
    ],
)
def test_split_title(content: str, title: str | None, text: str) -> None:
    assert split_title(content) == (title, text)


def test_txt_article(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Thousands flee Idlib\n\n{BODY}\n\nBy Reuters\n")
    (article,) = read_articles([path])
    assert article.title == "Thousands flee Idlib"
    assert article.text == f"{BODY}\n\nBy Reuters"
    assert article.location == SourceLocation(str(path), "file", 1) and str(article.location) == str(path)


def test_txt_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x " * 2000)
    articles, bad = read_all(path, max_line_bytes=1000)
    assert not articles and bad[0].where == "whole file" and "max_line_bytes" in bad[0].why


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="nl-NL"><head><meta charset="utf-8">
<title>Duizenden vluchten uit Homs - Voorbeeldkrant</title>
<link rel="canonical" href="https://voorbeeldkrant.example/homs">
<meta property="og:url" content="https://voorbeeldkrant.example/homs?ref=og">
<meta name="generator" content="WordPress 6.4.2">
<meta name="description" content="Duizenden mensen ontvluchten Homs.">
</head><body>
<nav><a href="/">Home</a> | <a href="/binnenland">Binnenland</a> | <a href="/sport">Sport</a></nav>
<article><h1>Duizenden vluchten uit Homs</h1>
<p>Duizenden mensen hebben de Syrische stad Homs verlaten nu de strijdkrachten verder naar het zuiden
oprukken, zeiden bewoners en hulporganisaties op vrijdag tegen verslaggevers ter plaatse.</p>
<p>Volgens de Verenigde Naties zijn sinds het begin van de week meer dan tweehonderdduizend mensen op de
vlucht geslagen, van wie velen te voet over de snelweg richting de kust trekken.</p>
</article>
<footer><p>Copyright Voorbeeldkrant. Alle rechten voorbehouden.</p></footer>
</body></html>
"""


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read_articles([path])
    assert article.html == PAGE
    assert article.title == "Duizenden vluchten uit Homs"  # trafilatura drops the site name
    assert article.text.startswith("Duizenden mensen hebben de Syrische stad Homs verlaten")
    assert "richting de kust trekken." in article.text
    assert "Binnenland" not in article.text and "rechten voorbehouden" not in article.text
    assert article.url == "https://voorbeeldkrant.example/homs"
    assert article.lang == "nl-NL"
    meta = article.extra["html_meta"]
    assert meta["og:url"] == "https://voorbeeldkrant.example/homs?ref=og"
    assert meta["generator"] == "WordPress 6.4.2" and meta["canonical"] == "https://voorbeeldkrant.example/homs"


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Duizenden mensen", "Duizenden één mensen")
    path.write_bytes(page.encode("cp1252"))
    (article,) = read_articles([path])
    assert "Duizenden één mensen" in article.text


def test_html_in_jsonl_given_fields_win(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(jsonl(
        {"id": "h1", "html": PAGE, "title": "Given title", "url": "https://given.example/x", "lang": "nl"},
        {"id": "h2", "html": PAGE, "text": "Given text wins."},
        {"id": "h3", "html": "<html><body><script>var x = 1;</script></body></html>"},
    ))
    articles, bad = read_all(path)
    first, second = articles
    assert (first.title, first.url, first.lang) == ("Given title", "https://given.example/x", "nl")
    assert first.text.startswith("Duizenden mensen") and first.html == PAGE
    assert second.text == "Given text wins." and second.title.startswith("Duizenden vluchten")
    assert bad[0].where == "line 3" and bad[0].why == "no main text found in 'html'"


def test_html_over_limit(tmp_path: Path) -> None:
    page_file = tmp_path / "big.html"
    page_file.write_text(PAGE)
    records = tmp_path / "big.jsonl"
    records.write_text(jsonl({"html": PAGE}, {"text": "plain"}))
    articles, bad = read_all(page_file, records, max_html_bytes=500)
    assert [a.text for a in articles] == ["plain"]
    assert [(e.source, e.where) for e in bad] == [(str(page_file), "whole file"), (str(records), "line 1")]
    assert all("max_html_bytes" in e.why for e in bad)


@pytest.mark.shared
def test_html_extraction_on_a_real_page(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "boilerplate" / "scrapinghub-aeb"
    truth = json.loads(gzip.decompress((folder / "ground-truth.json.gz").read_bytes()))
    page_id = sorted(truth)[0]
    (article,) = read_articles([folder / "html" / f"{page_id}.html.gz"])
    expected = truth[page_id]["articleBody"]
    words = set(expected.split())
    found = set(article.text.split())
    assert len(words & found) / len(words) > 0.8  # most of the annotated main text is extracted
    assert article.html and article.title


# --------------------------------------------------------------------------------------------------
# directories
# --------------------------------------------------------------------------------------------------
def test_directory_mixed_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "inbox"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(f"Thousands flee Idlib\n\n{BODY}")
    (root / "b" / "c.jsonl").write_text(jsonl({"id": "j1", "text": "json one"}, {"id": "j2", "text": "json two"}))
    (root / "b" / "deeper" / "d.csv").write_text("id,text\nk1,csv one\n")
    (root / "b" / "page.html").write_text(PAGE)
    (root / "b" / "empty.jsonl").write_text("")
    (root / "b" / "broken.txt").write_bytes(bytes(range(256)))
    (root / "photo.png").write_bytes(b"\x89PNG")
    (root / "notes.md").write_text("# notes")
    (root / ".hidden" / "x.jsonl").write_text(jsonl({"text": "hidden"}))
    (root / ".DS_Store.jsonl").write_text("junk")
    with caplog.at_level(logging.WARNING, logger="farmguard.readers"):
        articles, bad = read_all(root)
    assert [a.location.file for a in articles] == [
        str(root / "a.txt"),
        str(root / "b" / "c.jsonl"), str(root / "b" / "c.jsonl"),
        str(root / "b" / "deeper" / "d.csv"),
        str(root / "b" / "page.html"),
    ]
    assert sorted((e.source, e.where) for e in bad) == [
        (str(root / "b" / "broken.txt"), "whole file"),
        (str(root / "b" / "empty.jsonl"), "whole file"),
    ]
    assert "skipped 2 files of unknown format: .md (1), .png (1)" in caplog.text


def test_directory_without_article_files(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="no article files in this directory"):
        list(read_articles([tmp_path]))


def test_directory_bad_file_raises_without_handler(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("")
    with pytest.raises(RecordError, match=r"a\.jsonl: whole file: empty input"):
        list(read_articles([tmp_path]))


# --------------------------------------------------------------------------------------------------
# stdin
# --------------------------------------------------------------------------------------------------
def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize(
    "data, expected",
    [
        (jsonl({"id": "s1", "text": "from stdin"}, {"id": "s2", "text": "second"}).encode(), ["from stdin", "second"]),
        (f"Thousands flee Idlib\n\n{BODY}\n".encode("utf-16"), [BODY]),
        (b"id,text\nc1,csv from stdin\n", ["csv from stdin"]),
        (PAGE.encode(), None),
    ],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list[str] | None) -> None:
    _stdin(monkeypatch, data)
    articles = list(read_articles(["-"]))
    assert all(a.location.file == "<stdin>" for a in articles)
    if expected is None:
        assert articles[0].lang == "nl-NL" and articles[0].text.startswith("Duizenden mensen")
    else:
        assert [a.text for a in articles] == expected


def test_stdin_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    with pytest.raises(InputError, match="<stdin>: empty input"):
        list(read_articles(["-"]))
    _stdin(monkeypatch, b"PAR1\x00\x00")
    with pytest.raises(InputError, match="Parquet cannot be read from stdin"):
        list(read_articles(["-"]))
    _stdin(monkeypatch, b'{"text": "ok"}\n{"text": }\n')
    with pytest.raises(RecordError, match="<stdin>: line 2: malformed JSON"):
        list(read_articles(["-"]))


def test_stdin_streams_records_as_they_arrive() -> None:
    """Through a real pipe: the first record comes out before the writer has finished (or closed) stdin."""
    import subprocess

    script = (
        "import sys\n"
        "from farmguard.readers import read_articles\n"
        "for article in read_articles(['-']):\n"
        "    print(article.id, article.location, flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    import threading

    guard = threading.Timer(60, proc.kill)  # a reader that waits for EOF would hang readline() forever
    guard.start()
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps({"id": "first", "text": "streamed"}) + "\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "first <stdin>: line 1"  # stdin still open here
        proc.stdin.write(json.dumps({"id": "second", "text": "streamed too"}) + "\n")
        proc.stdin.close()
        assert proc.stdout.readline().strip() == "second <stdin>: line 2"
        assert proc.wait(timeout=60) == 0
    finally:
        guard.cancel()
        proc.kill()


# --------------------------------------------------------------------------------------------------
# regressions found by experiments/fuzz_readers.py
# --------------------------------------------------------------------------------------------------
def test_fuzz_csv_header_with_a_newline_gives_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b'id,tex,"multi\nline",origin=al\n1,plain,scraped\n')  # crash-21a4c143
    with pytest.raises(InputError) as caught:
        list(read_articles([path]))
    assert "\n" not in str(caught.value)
    assert "columns: id, tex, multi\\nline, origin=al" in str(caught.value)


@pytest.mark.parametrize("name", ["bad\x00name.jsonl", "x" * 5000 + ".jsonl"])
def test_impossible_file_names_are_input_errors(name: str) -> None:
    with pytest.raises(InputError):
        next(read_articles([name]))


def test_xhtml_page_with_an_xml_declaration(tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace("<!DOCTYPE html>\n", ""))
    (article,) = read_articles([path])
    assert article.lang == "nl-NL" and article.title == "Duizenden vluchten uit Homs"
    assert article.text.startswith("Duizenden mensen hebben")
