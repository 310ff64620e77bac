"""Credit family: agency datelines, bylines, staff credits, origin notes, disclaimers, end/source/photo credits."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from farmguard.article import Article
from farmguard.features import credit
from farmguard.features.document import Document
from farmguard.features.phrases import lexicon_languages
from farmguard.features.signal import registered

BODY_EN = "Thousands of people fled the town on Wednesday as the army advanced, residents said."


def doc(text: str, lang: str | None = None) -> Document:
    return Document.from_text(text, lang=lang)


def test_credit_phrases_cover_30_languages_and_agency_table():
    assert len(lexicon_languages("credit")) >= 30
    names = set(credit.agency_names().exact.values()) | set(credit.agency_names().folded.values())
    for agency in ("Reuters", "AP", "AFP", "dpa", "ANP", "ANTARA", "EFE", "ANSA", "Kyodo", "Xinhua", "TASS", "PA",
                   "Belga", "APA", "Lusa", "Yonhap", "PTI", "Bernama", "PAP", "Anadolu", "VNA"):
        assert agency in names, agency


@pytest.mark.parametrize(
    "line, expected_span, agency",
    [
        ("AMMAN (Reuters) – The army advanced.", "AMMAN (Reuters) –", "Reuters"),
        ("BERLIN (dpa) - Die Bundesregierung plant neue Regeln.", "BERLIN (dpa) -", "dpa"),
        ("JAKARTA, ANTARA - Pemerintah menetapkan kebijakan baru.", "JAKARTA, ANTARA -", "ANTARA"),
        ("(AP) — A judge ruled on Friday.", "(AP) —", "AP"),
        ("PARIS (AFP) - Le gouvernement a annoncé mardi.", "PARIS (AFP) -", "AFP"),
        ("MOSCOW, March 1 (Reuters) - Russia said on Friday.", "MOSCOW, March 1 (Reuters) -", "Reuters"),
        ("BEIJING, Aug. 21 (Xinhua) -- China on Wednesday said.", "BEIJING, Aug. 21 (Xinhua) --", "Xinhua"),
        ("MOSCOW, August 21. /TASS/. Russia's foreign ministry said.", "MOSCOW, August 21. /TASS/", "TASS"),
        ("Madrid, 5 ene (EFE).- El Gobierno aprobó hoy.", "Madrid, 5 ene (EFE).-", "EFE"),
        ("SEOUL, Aug. 21 (Yonhap) -- North Korea fired.", "SEOUL, Aug. 21 (Yonhap) --", "Yonhap"),
    ],
)
def test_datelines(line, expected_span, agency):
    d = doc(f"Headline of the story\n\n{line}")
    assert credit.dateline(d) == (1.0, [expected_span])
    assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize(
    "text",
    [
        "The minister (pictured) - who resigned last week - spoke to reporters.",
        "Reuters reported on Tuesday that the talks had failed.",
        "In a statement (see below) - the company said it would appeal.",
        "AMMAN, Jordan - Protesters gathered outside the embassy.",
    ],
)
def test_not_datelines(text):
    assert credit.dateline(doc(text, "en")) == (0.0, [])


@pytest.mark.parametrize(
    "lang, line, agency",
    [
        ("en", "By Reuters", "Reuters"),
        ("en", "By The Associated Press", "AP"),
        ("de", "Von dpa", "dpa"),
        ("fr", "Par AFP", "AFP"),
        ("es", "Por EFE", "EFE"),
        ("id", "Oleh ANTARA", "ANTARA"),
        ("en", "By Jane Smith, Reuters", "Reuters"),
    ],
)
def test_bylines(lang, line, agency):
    d = doc(f"Headline\n\n{line}\n\n{BODY_EN}", lang)
    assert credit.byline(d) == (1.0, [line])
    assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize("line", ["By Maria Lopez", "By Suleiman Al-Khalidi", "Reuters reported that the talks failed."])
def test_person_byline_or_mention_is_not_an_agency_byline(line):
    assert credit.byline(doc(f"Headline\n\n{line}\n\n{BODY_EN}", "en")) == (0.0, [])


@pytest.mark.parametrize(
    "lang, par",
    [
        ("en", "(Reporting by Ana Ruiz; Additional reporting by Li Wei; Editing by Tom Hall)"),
        ("en", "Writing by John Doe; Editing by Mark Heinrich"),
        ("es", "(Reporte de Carlos Pérez; Editado en español por Ana Gómez)"),
        ("id", "Pewarta: Budi Santoso"),
    ],
)
def test_reporting_credits(lang, par):
    assert credit.reporting(doc(f"{BODY_EN}\n\n{par}", lang)) == (1.0, [par])


def test_reporting_words_in_prose_are_not_credits():
    text = "The award recognised the reporting by local journalists, who were editing by candlelight during the outage."
    assert credit.reporting(doc(text, "en")) == (0.0, [])


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "This article was originally published on The Conversation."),
        ("en", "Original url: https://example.com/a/story"),
        ("id", "Artikel ini telah tayang di Kompas.com dengan judul \"Banjir di Jakarta\"."),
        ("de", "Dieser Artikel erschien zuerst bei Spiegel Online."),
        ("es", "Este artículo fue publicado originalmente en El País."),
        ("zh", "本文转载自新华网"),
    ],
)
def test_originally_published(lang, line):
    assert credit.originally_published(doc(f"{BODY_EN}\n\n{line}", lang)) == (1.0, [line])


@pytest.mark.parametrize(
    "par, agency",
    [
        ("GlobalNews provides breaking news articles from Reuters as a service to its readers.", "Reuters"),
        ("The Daily Star provides the latest stories from AFP as a service to readers, without editing.", "AFP"),
        ("(This story has not been edited by our staff and is auto-generated from a syndicated feed.)", None),
    ],
)
def test_partner_disclaimer(par, agency):
    d = doc(f"{BODY_EN}\n\n{par}", "en")
    value, ev = credit.partner_disclaimer(d)
    assert value == 1.0 and ev[0].startswith(par[:40])
    if agency:
        assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize(
    "lang, line, agency",
    [
        ("de", "Quelle: dpa", "dpa"),
        ("es", "Fuente: EFE", "EFE"),
        ("id", "Sumber: ANTARA", "ANTARA"),
        ("nl", "Bron: ANP", "ANP"),
        ("pl", "Źródło: PAP", "PAP"),
        ("tr", "Kaynak: AA", "Anadolu"),
    ],
)
def test_source_lines(lang, line, agency):
    d = doc(f"{BODY_EN}\n\n{line}", lang)
    assert credit.source_line(d) == (1.0, [line])
    assert agency in credit.agencies(d)[1]


def test_source_word_without_agency_is_not_a_credit():
    assert credit.source_line(doc("Quelle: Statistisches Bundesamt", "de")) == (0.0, [])


@pytest.mark.parametrize(
    "ending, evidence, agency",
    [
        ("(dpa/lnw)", "(dpa/lnw)", "dpa"),
        ("ANP", "ANP", "ANP"),
        ("(APA)", "(APA)", "APA"),
        ("mit dpa", "mit dpa", "dpa"),
        ("aw/mm (AP, AFP, Reuters)", "aw/mm (AP, AFP, Reuters)", "AFP"),
        ("Die Polizei ermittelt weiter. (dpa)", "(dpa)", "dpa"),
        ("The economy grew at its weakest pace in years. - Reuters", "- Reuters", "Reuters"),
    ],
)
def test_end_credits(ending, evidence, agency):
    d = doc(f"{BODY_EN}\n{ending}", "de")
    assert credit.end_credit(d) == (1.0, [evidence])
    assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize("ending", ["Thank you for reading.", "The vote is expected in May (2025).", "AP Dhillon sang."])
def test_not_end_credits(ending):
    assert credit.end_credit(doc(f"{BODY_EN}\n{ending}", "en")) == (0.0, [])


@pytest.mark.parametrize(
    "lang, caption, agency",
    [
        ("en", "A general view of the town. REUTERS/Khalid Ahmed/File Photo", "Reuters"),
        ("de", "Foto: dpa", "dpa"),
        ("en", "Rescuers search the rubble. (AP Photo/Jane Doe)", "AP"),
        ("de", "Die Brücke am Morgen. Foto: Kay Nietfeld/dpa", "dpa"),
        ("en", "Anas Ahmed / AFP", "AFP"),
    ],
)
def test_photo_credits(lang, caption, agency):
    d = doc(f"{BODY_EN}\n\n{caption}\n\n{BODY_EN}", lang)
    value, ev = credit.photo(d)
    assert value >= 1.0
    assert agency in credit.agencies(d)[1]


def test_urls_and_ordinary_slashes_are_not_photo_credits():
    d = doc("Speeds of 90 km/h and/or more were recorded, see https://www.example.com/AP/Reuters/news", "en")
    assert credit.photo(d) == (0.0, [])


def test_agency_mentions_is_a_measure():
    specs = {s.name: s for s in registered("credit")}
    assert not specs["credit.agency_mentions"].indicator
    d = doc("A Syrian officer told Reuters on Friday, the Interfax news agency said. Antara lain, he said.", "en")
    assert credit.agency_mentions(d) == (2.0, ["Reuters", "Interfax"])


def test_language_independent_signals_apply_without_a_lexicon():
    d = doc("ABUJA (AFP) - Ìjọba ti kéde ètò tuntun.\n\nÌròyìn síwájú sí.\n(AFP)", "yo")
    assert "yo" not in lexicon_languages("credit")
    assert credit.dateline(d)[0] == 1.0 and credit.end_credit(d)[0] == 1.0
    assert math.isnan(credit.byline(d)[0]) and math.isnan(credit.reporting(d)[0])


@pytest.mark.shared
def test_seed_001_by_reuters_and_original_url(seeds_dir: Path):
    d = Document.from_text((seeds_dir / "001_477a7e3c0f523f6d.txt").read_text(encoding="utf-8"))
    assert "By Reuters" in credit.byline(d)[1]
    assert any(e.startswith("Original url: https://www.themoscowtimes.com/") for e in credit.originally_published(d)[1])
    assert {"Reuters", "themoscowtimes.com"} <= set(credit.agencies(d)[1])


@pytest.mark.shared
def test_seed_002_dateline_reporting_disclaimer(seeds_dir: Path):
    d = Document.from_text((seeds_dir / "002_42d899cb014f27ae.txt").read_text(encoding="utf-8"))
    assert credit.dateline(d)[1] == ["AMMAN (Reuters) –"]
    assert credit.reporting(d)[1][0].startswith("(Reporting by Suleiman Al-Khalidi; Editing by")
    disclaimer = credit.partner_disclaimer(d)[1]
    assert disclaimer and disclaimer[0].startswith("euronews provides breaking news articles from reuters as a service")
    assert credit.agencies(d)[1] == ["Reuters"]


@pytest.mark.shared
@pytest.mark.parametrize("name", ["000_0dc4370eb4602c6b.txt", "003_c2b11bdd7a461735.txt", "004_984f65dca3a9c187.txt"])
def test_uncredited_seeds_have_no_credit(seeds_dir: Path, name: str):
    d = Document.from_text((seeds_dir / name).read_text(encoding="utf-8"))
    for spec in registered("credit"):
        if spec.indicator:
            value = spec.fn(d)[0]
            assert math.isnan(value) or value == 0.0, spec.name


@pytest.mark.parametrize(
    "title, expected",
    [
        ("(LEAD) S. Korea's exports rise for third month", "(LEAD)"),
        ("(2ND LD) N. Korea fires ballistic missile", "(2ND LD)"),
        ("UPDATE 2-Oil prices climb on supply worries", "UPDATE 2-"),
        ("EXCLUSIVE-Bank weighs sale of unit", "EXCLUSIVE-"),
    ],
)
def test_wire_markup_in_title(title, expected):
    d = Document.from_article(Article(text="SEOUL, Aug. 21 (Yonhap) -- Text follows.", title=title))
    assert credit.wire_markup(d) == (1.0, [expected])


@pytest.mark.parametrize("title", ["The lead actor (pictured) won", "Update on the floods", "An analysis of the vote"])
def test_no_wire_markup(title):
    assert credit.wire_markup(Document.from_article(Article(text="Body text.", title=title))) == (0.0, [])


@pytest.mark.parametrize(
    "line, agency",
    [
        ("新华社北京8月21日电 中国外交部发言人表示。", "Xinhua"),
        ("【北京共同】中国外務省は21日、談話を発表した。", "Kyodo"),
        ("(서울=연합뉴스) 홍길동 기자 = 북한이 21일 미사일을 발사했다.", "Yonhap"),
        ("МОСКВА, 21 августа. /ТАСС/. Министр иностранных дел заявил.", "TASS"),
        ("عمان (رويترز) - فر عشرات الآلاف من الأشخاص.", "Reuters"),
        ("HÀ NỘI (TTXVN) - Thủ tướng đã ký quyết định.", "VNA"),
    ],
)
def test_datelines_in_other_scripts(line, agency):
    d = doc(line)
    assert credit.dateline(d)[0] == 1.0
    assert credit.agencies(d)[1] == [agency]


def test_common_cjk_words_are_not_agency_mentions():
    d = doc("两国将共同努力，推动时事评论节目的发展。", "zh")
    assert credit.agency_mentions(d) == (0.0, [])


@pytest.mark.shared
def test_credit_rarely_fires_on_human_translations_and_finds_real_wire_credits(shared_dir: Path):
    """NTREX human translations carry almost no credit lines; real German news keeps its dpa/AFP end credits."""
    import gzip
    import json

    import itertools

    root = shared_dir / "data" / "ntrex128"
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    n = fired = 0
    for path in sorted(root.glob("newstest2019-ref*.txt*"))[2::4]:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        for _, group in itertools.groupby(zip(ids, lines), key=lambda pair: pair[0]):
            d = Document.from_article(Article(text="\n".join(line for _, line in group), lang=path.name.split(".")[1]))
            n += 1
            fired += any(s.indicator and s.fn(d)[0] > 0 for s in registered("credit"))
    print(f"credit indicators fired on {fired}/{n} NTREX documents ({fired / n:.2%})")
    assert n > 2000 and fired / n < 0.01

    found: set[str] = set()
    path = shared_dir / "data/news-clusters/semeval2022t8_articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["lang"] in ("de", "tr", "pl") and not rec["machine_translated_copy"]:
                found.update(credit.agencies(Document.from_article(Article(text=rec["text"], lang=rec["lang"])))[1])
    print(f"agencies credited in real de/tr/pl news: {sorted(found)}")
    assert {"dpa", "AFP", "Anadolu", "PAP"} <= found


@pytest.mark.parametrize(
    "note, outlet",
    [
        ("This article was originally published on The Conversation. Read the original article.", "The Conversation"),
        ("First published in the Guardian.", "Guardian"),
        ("Original url:\n\nhttps://www.example-news.org/2020/01/story", "example-news.org"),
    ],
)
def test_originally_published_names_the_outlet(note, outlet):
    assert outlet in credit.agencies(doc(f"{BODY_EN}\n\n{note}", "en"))[1]


# --- credit-coverage: credits written in local scripts and formats (cases written for these tests) -------
@pytest.mark.parametrize(
    "lang, line, agency",
    [
        ("hi", "स्रोत: आईएएनएस", "IANS"),
        ("hi", "स्रोत: पीटीआई", "PTI"),
        ("uk", "Джерело: УНІАН", "UNIAN"),
        ("ja", "出典：ロイター", "Reuters"),
        ("fa", "منبع: ایرنا", "IRNA"),
        ("sw", "Chanzo: AFP", "AFP"),
        ("is", "Heimild: Reuters", "Reuters"),
        ("bn", "সূত্র: বাসস", "BSS"),
    ],
)
def test_local_script_source_lines(lang, line, agency):
    d = doc(f"{BODY_EN}\n\n{line}", lang)
    assert credit.source_line(d) == (1.0, [line])
    assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize(
    "line, agency",
    [
        ("Šiauliai, lapkričio 3 d. (ELTA). Miesto taryba patvirtino biudžetą.", "ELTA"),
        ("Tartu, 4. novembril (BNS). Linnavalitsus kinnitas eelarve.", "BNS"),
        ("ХАРКІВ, 5 листопада — Укрінформ. Міська рада ухвалила бюджет.", "Ukrinform"),
        ("Бишкек (Танјуг) - Влада је усвојила буџет.", "Tanjug"),
        ("شیراز (ایسنا) - شورای شهر بودجه را تصویب کرد.", "ISNA"),
        ("الدوحة (قنا) - أعلنت الوزارة عن خطة جديدة.", "QNA"),
        ("ঢাকা, ৩ নভেম্বর (বাসস) – সরকার নতুন পরিকল্পনা ঘোষণা করেছে।", "BSS"),
        ("（法新社巴黎3日電）法國政府週三宣布新計畫。", "AFP"),
        ("［パリ 3日 ロイター］ - 仏政府は新たな計画を発表した。", "Reuters"),
        ("เชียงราย (รอยเตอร์) - รัฐบาลประกาศแผนใหม่", "Reuters"),
    ],
)
def test_local_datelines(line, agency):
    d = doc(f"{line}\n\n{BODY_EN}")
    assert credit.dateline(d)[0] == 1.0
    assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Vilnius, spalio 25 d. (penktadienį). Miesto taryba patvirtino biudžetą.",
        "ХАРКІВ, 5 листопада — вчора. Міська рада ухвалила бюджет.",
        "Reuters reported that the talks in Vilnius had failed, according to AFP.",
    ],
)
def test_local_not_datelines(text):
    assert credit.dateline(doc(text))[0] == 0.0


@pytest.mark.parametrize(
    "lang, ending, agency",
    [
        ("en", "The vote is due in May. © AP", "AP"),
        ("it", "Il voto è previsto a maggio. © RIPRODUZIONE RISERVATA AGI", "AGI"),
        ("ar", "ومن المتوقع التصويت في مايو؟ - رويترز", "Reuters"),
        ("ru", "По материалам Интерфакс", "Interfax"),
        ("hi", "मतदान मई में होगा। (इनपुट: रॉयटर्स)", "Reuters"),
        ("sr", "Гласање се очекује у мају. (FoNet)", "FoNet"),
        ("en", 'The plan was "entirely sensible." — PA Media', "PA"),
        ("de", "„Wir haben einen Plan vorgelegt.“ KNA", "KNA"),
        ("es", "La votación será en mayo. Europa Press", "Europa Press"),
        ("en", "The vote is due in May.\n\nSource URL: https://www.afp.com/en/news/12345\n\nShare · Tweet", "AFP"),
        ("en", "The vote is due in May.\n\nCopyright AP. All rights reserved. Reprinted by Hill Gazette under licence.", "AP"),
        ("ru", "Сборная сыграет в пятницу. По материалам Reuters", "Reuters"),
        ("cs", "Zápas začne v pátek.\n\nPodle agentury ČTK", "ČTK"),
        ("bg", "Мачът е в петък. /БТА/", "BTA"),
        ("nl", "De wedstrijd is vrijdag. Met medewerking van ANP", "ANP"),
        ("lo", "https://www.reuters.com/world/asia/story-12345", "Reuters"),
        ("mk", "https://apnews.com/article/9f3c2", "AP"),
    ],
)
def test_local_end_credits(lang, ending, agency):
    d = doc(f"{BODY_EN}\n\n{ending}", lang)
    assert credit.end_credit(d)[0] >= 1.0
    assert agency in credit.agencies(d)[1]


@pytest.mark.parametrize(
    "lang, ending",
    [
        ("en", "The vote is due in May, Reuters reported on Friday."),
        ("en", "© 2024 The Daily Ledger. All rights reserved by the publisher and its many partners."),
        ("ru", "Об этом сообщило агентство ТАСС со ссылкой на источники в министерстве."),
    ],
)
def test_local_not_end_credits(lang, ending):
    assert credit.end_credit(doc(f"{BODY_EN}\n\n{ending}", lang))[0] == 0.0


@pytest.mark.parametrize(
    "lang, par",
    [
        ("hr", "Dalmatinski glas objavljuje vijesti agencije HINA kao uslugu čitateljima i ne uređuje ih."),
        ("lt", "Žemaičių kraštas skelbia agentūros ELTA naujienas kaip paslaugą skaitytojams ir jų neredaguoja."),
        ("hi", "मालवा दर्पण अपने पाठकों के लिए यूएनआई की खबरें प्रकाशित करता है और उनमें कोई संपादन नहीं करता।"),
        ("tr", "Batı Haber, AA haberlerini okurlarına hizmet olarak yayımlamakta olup içeriklerine müdahale etmemektedir."),
        ("zh", "南方快讯转载新华社稿件仅为传递信息，不代表本网观点，未作任何编辑。"),
    ],
)
def test_local_partner_disclaimers(lang, par):
    assert credit.partner_disclaimer(doc(f"{BODY_EN}\n\n{par}", lang))[0] >= 1.0


@pytest.mark.parametrize(
    "lang, line",
    [
        ("ja", "この記事は北陸ジャーナルに掲載されたものです。"),
        ("sr", "Članak je prvobitno objavljen na portalu Banatske vesti."),
        ("hr", "Članak je izvorno objavljen na portalu Istarski tjednik."),
        ("tr", "Bu haber ilk olarak Trakya Postası sitesinde yayımlandı."),
        ("th", "บทความนี้เผยแพร่ครั้งแรกที่ ข่าวภาคเหนือ"),
        ("is", "Greinin birtist fyrst á Vestfjarðavefnum."),
    ],
)
def test_local_originally_published(lang, line):
    assert credit.originally_published(doc(f"{BODY_EN}\n\n{line}", lang))[0] >= 1.0


def test_local_reporting_footer_and_cjk_byline():
    assert credit.reporting(doc(f"{BODY_EN}\n\nMuhabir: Ayşe Kaya | Editör: Can Demir", "tr"))[0] == 1.0
    assert credit.reporting(doc(f"{BODY_EN}\n\n（记者 刘洋；编辑 陈静）", "zh"))[0] == 1.0
    assert credit.reporting(doc("记者从市政府获悉，新的公交线路将于下月开通。", "zh"))[0] == 0.0
    assert credit.byline(doc(f"作者：新华社\n\n{BODY_EN}", "zh")) == (1.0, ["作者：新华社"])


@pytest.mark.parametrize(
    "ending",
    [
        "https://www.example.com/story/12345",
        "The match is on Friday. Thanks to all readers",
        "Sources close to the club confirmed it. Reuters reported the deal first, he said",
        "Version 3.5",
    ],
)
def test_closing_lines_that_are_not_credits(ending):
    assert credit.end_credit(doc(f"{BODY_EN}\n\n{ending}", "en"))[0] == 0.0


@pytest.mark.parametrize(
    "line, agency",
    [
        ("Ventspils, 3. nov., LETA. Dome apstiprināja budžetu.", "LETA"),
        ("ЛЬВІВ. Укрінформ — Міська рада ухвалила бюджет.", "Ukrinform"),
        ("पटना, 3 नवंबर (पीटीआई) राज्य सरकार ने नई योजना की घोषणा की।", "PTI"),
        ("UPPSALA (TT) Regeringen presenterade en ny plan.", "TT"),
        ("IAȘI, 3 nov /Agerpres/ - Guvernul a prezentat un plan nou.", "Agerpres"),
        ("(대구=연합뉴스) 정부가 새 계획을 발표했다.", "Yonhap"),
    ],
)
def test_more_dateline_forms(line, agency):
    d = doc(f"{line}\n\n{BODY_EN}")
    assert credit.dateline(d)[0] == 1.0 and agency in credit.agencies(d)[1]


def test_lowercase_city_dot_is_not_a_dateline():
    assert credit.dateline(doc("Він сказав. Укрінформ — це агентство, яке пише про все."))[0] == 0.0


def test_staff_credit_closing_a_paragraph():
    par = f"{BODY_EN} (Reporting by Ana Ruiz; Editing by Tom Hall)"
    assert credit.reporting(doc(par, "en")) == (1.0, ["(Reporting by Ana Ruiz; Editing by Tom Hall)"])
    assert credit.reporting(doc(f"{BODY_EN}（编辑：陈静）", "zh"))[0] == 1.0
    prose = "The award (reporting by local teams was praised) went to the city desk, the jury said on Friday."
    assert credit.reporting(doc(prose, "en"))[0] == 0.0


def test_upper_case_place_without_dash_needs_an_upper_case_place():
    assert credit.dateline(doc("Die Regierung (dpa) plant neue Regeln.", "de"))[0] == 0.0
