"""Boilerplate family: region/consent/paywall/access/page-UI lines and where they sit (features/boilerplate.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from farmguard.article import Article
from farmguard.features import boilerplate as bp
from farmguard.features.document import Document
from farmguard.features.phrases import lexicon_languages
from farmguard.features.signal import registered

BODY = (
    "The government announced on Tuesday that it would raise the minimum wage by five percent next year, "
    "after months of negotiations with unions and employers."
)


def doc(text: str, lang: str | None = None) -> Document:
    return Document.from_text(text, lang=lang)


def test_lists_cover_many_languages():
    assert len(lexicon_languages("boilerplate")) >= 20


@pytest.mark.parametrize(
    "signal_fn, lang, line",
    [
        (bp.region, "en", "This video is not available in your country"),
        (bp.region, "fr", "Ce contenu n'est pas disponible dans votre région"),
        (bp.region, "ru", "Этот контент недоступен в вашем регионе"),
        (bp.consent, "de", "Diese Website verwendet Cookies. Alle Cookies akzeptieren"),
        (bp.consent, "es", "Utilizamos cookies propias y de terceros."),
        (bp.consent, "pl", "Ta strona używa plików cookie."),
        (bp.consent, "tr", "Bu site çerez kullanmaktadır."),
        (bp.paywall, "en", "Subscribe to continue reading"),
        (bp.paywall, "fr", "Cet article est réservé aux abonnés."),
        (bp.paywall, "pt", "Conteúdo exclusivo para assinantes"),
        (bp.paywall, "ja", "この記事は有料会員限定です"),
        (bp.access, "en", "You must be logged in to post a comment."),
        (bp.access, "pl", "Twoja przeglądarka nie wspiera odtwarzacza wideo"),
        (bp.page_ui, "de", "Schriftgröße"),
        (bp.page_ui, "es", "Tamaño de letra"),
    ],
)
def test_boilerplate_line(signal_fn, lang, line):
    value, ev = signal_fn(doc(f"{line}\n\n{BODY}", lang))
    assert value == 1.0
    assert ev == [line]


def test_english_chrome_is_found_in_other_languages():
    d = doc("Subscribe to continue reading\n\nDe regering kondigde dinsdag een verhoging van het minimumloon aan.", "nl")
    assert bp.paywall(d)[0] == 1.0


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("en", "The regulator said the company must stop telling users that it does not sell my personal information "
               "when in fact it shared browsing data with advertisers, cookies included, for more than three years "
               "without asking anyone for permission or telling them what it was doing."),
        ("de", "Der Verbraucherschützer kritisierte, dass viele Seiten mit dem Satz Wir verwenden Cookies arbeiten, ohne "
               "genau zu erklären, welche Daten sie sammeln, an wen sie diese weitergeben und wie lange sie gespeichert "
               "werden, obwohl die Verordnung das seit Jahren ausdrücklich verlangt."),
    ],
)
def test_phrase_inside_long_prose_is_not_boilerplate(lang, sentence):
    d = doc(f"{BODY}\n\n{sentence}", lang)
    for spec in registered("boilerplate"):
        if spec.indicator:
            assert spec.fn(d)[0] == 0.0, spec.name


def test_positions_top_middle_bottom():
    paragraphs = ["Text size Aa Aa", "A.", "B.", "C.", "Subscribe to continue reading", "D.", "E.", "F.", "We use cookies"]
    d = doc("\n\n".join(paragraphs), "en")
    assert bp.top(d) == (1.0, ["Text size Aa Aa"])
    assert bp.middle(d) == (1.0, ["Subscribe to continue reading"])
    assert bp.bottom(d) == (1.0, ["We use cookies"])
    share = bp.share(d)[0]
    assert 0 < share < 1
    assert not {s.name: s for s in registered("boilerplate")}["boilerplate.top"].indicator


def test_nan_for_language_without_a_list():
    d = doc("Habari za leo: serikali imetangaza mpango mpya wa elimu.", "sw")
    assert math.isnan(bp.region(d)[0]) and math.isnan(bp.share(d)[0])


@pytest.mark.shared
def test_seed_002_region_block_and_page_chrome(seeds_dir: Path):
    d = Document.from_text((seeds_dir / "002_42d899cb014f27ae.txt").read_text(encoding="utf-8"))
    assert "This content is not available in your region" in bp.region(d)[1]
    assert any("Access to the comments" in e for e in bp.access(d)[1])
    assert "Text size Aa Aa" in bp.page_ui(d)[1]
    assert bp.top(d)[0] == 3.0 and bp.bottom(d)[0] == 0.0


@pytest.mark.shared
@pytest.mark.parametrize("name", ["000_0dc4370eb4602c6b.txt", "001_477a7e3c0f523f6d.txt", "004_984f65dca3a9c187.txt"])
def test_seeds_without_boilerplate(seeds_dir: Path, name: str):
    d = Document.from_text((seeds_dir / name).read_text(encoding="utf-8"))
    for spec in registered("boilerplate"):
        value = spec.fn(d)[0]
        assert math.isnan(value) or value == 0.0, spec.name


def test_region_block_read_as_the_title_is_found():
    # plain-text readers take the first line as the title: a region block there still counts, at the top
    article = Article(text=f"{BODY}\n\n{BODY}", title="This content is not available in your region", lang="en")
    d = Document.from_article(article)
    assert bp.region(d) == (1.0, ["This content is not available in your region"])
    assert bp.top(d)[0] == 1.0 and bp.share(d)[0] == 0.0


@pytest.mark.parametrize(
    "lang, line",
    [("en", "ADVERTISEMENT"), ("de", "- Anzeige -"), ("pl", "Czytaj dalej pod reklamą"), ("ja", "広告"), ("es", "Publicidad")],
)
def test_ad_label_on_its_own_line(lang, line):
    assert bp.ad_marker(doc(f"{BODY}\n{line}\n{BODY}", lang)) == (1.0, [line])


@pytest.mark.parametrize(
    "lang, sentence",
    [("en", "The advertisement was withdrawn."), ("zh", "这则广告在网上引发了争议。"), ("de", "Die Anzeige wurde erstattet.")],
)
def test_ad_word_in_a_sentence_is_not_a_label(lang, sentence):
    assert bp.ad_marker(doc(f"{BODY}\n{sentence}", lang)) == (0.0, [])


def _ntrex_documents(shared_dir: Path, every: int = 4):
    """NTREX human translations joined per document id, for every ``every``-th language file."""
    import gzip

    root = shared_dir / "data" / "ntrex128"
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    files = sorted(root.glob("newstest2019-ref*.txt*"))[::every]
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        docs: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines):
            docs.setdefault(doc_id, []).append(line)
        lang = path.name.split(".")[1]
        for parts in docs.values():
            yield lang, "\n".join(parts)


@pytest.mark.shared
def test_boilerplate_indicators_rarely_fire_on_clean_human_text(shared_dir: Path):
    n = fired = 0
    for lang, text in _ntrex_documents(shared_dir):
        d = Document.from_article(Article(text=text, lang=lang))
        n += 1
        fired += any(s.indicator and s.fn(d)[0] > 0 for s in registered("boilerplate"))
    print(f"boilerplate indicators fired on {fired}/{n} NTREX documents ({fired / n:.2%})")
    assert n > 2000 and fired / n < 0.02
