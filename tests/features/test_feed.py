"""Feed-importer leftovers (features/feed.py) on short realistic articles written for these tests."""

from __future__ import annotations

import math

import pytest

from farmguard.features import feed
from farmguard.features.document import Document
from farmguard.features.signal import evidence, registered

BODY = {
    "en": "The city council approved the new bus lanes on Tuesday after a two-hour debate.\n\n"
          "Residents had complained about delays on the coastal road for months.",
    "de": "Der Stadtrat hat am Dienstag nach zweistündiger Debatte die neuen Busspuren beschlossen.\n\n"
          "Anwohner hatten sich monatelang über Staus an der Küstenstraße beschwert.",
    "fr": "Le conseil municipal a approuvé mardi les nouvelles voies de bus après deux heures de débat.\n\n"
          "Les habitants se plaignaient depuis des mois des retards sur la route côtière.",
    "es": "El ayuntamiento aprobó el martes los nuevos carriles bus tras dos horas de debate.\n\n"
          "Los vecinos llevaban meses quejándose de los retrasos en la carretera de la costa.",
    "id": "Dewan kota menyetujui jalur bus baru pada Selasa setelah perdebatan dua jam.\n\n"
          "Warga telah berbulan-bulan mengeluhkan kemacetan di jalan pesisir.",
    "nl": "De gemeenteraad keurde dinsdag na twee uur debat de nieuwe busbanen goed.\n\n"
          "Bewoners klaagden al maanden over vertragingen op de kustweg.",
    "pt": "A câmara municipal aprovou na terça-feira as novas faixas de ônibus após duas horas de debate.\n\n"
          "Os moradores reclamavam havia meses dos atrasos na estrada costeira.",
    "it": "Il consiglio comunale ha approvato martedì le nuove corsie preferenziali dopo due ore di dibattito.\n\n"
          "I residenti si lamentavano da mesi dei ritardi sulla strada costiera.",
    "ru": "Городской совет во вторник после двухчасовых дебатов одобрил новые автобусные полосы.\n\n"
          "Жители несколько месяцев жаловались на пробки на прибрежной дороге.",
    "tr": "Belediye meclisi salı günü iki saatlik tartışmanın ardından yeni otobüs şeritlerini onayladı.\n\n"
          "Sakinler aylardır sahil yolundaki gecikmelerden şikayet ediyordu.",
    "vi": "Hội đồng thành phố đã thông qua làn xe buýt mới vào thứ Ba sau hai giờ tranh luận.\n\n"
          "Người dân đã phàn nàn nhiều tháng về tình trạng chậm trễ trên đường ven biển.",
    "zh": "市议会周二经过两个小时的辩论，批准了新的公交专用道。\n\n居民们几个月来一直抱怨沿海公路拥堵。",
    "ar": "وافق مجلس المدينة يوم الثلاثاء على ممرات الحافلات الجديدة بعد نقاش استمر ساعتين.\n\n"
          "وكان السكان يشتكون منذ أشهر من التأخير على الطريق الساحلي.",
}


def doc(text: str, lang: str | None = None, url: str | None = None) -> Document:
    return Document.from_text(text, lang=lang, url=url)


@pytest.mark.parametrize(
    "lang, footer",
    [
        ("en", "Source link"),
        ("en", "Read Entire Article"),
        ("en", "Read the full story at The Coastal Herald"),
        ("en", "Continue reading →"),
        ("de", "Den vollständigen Artikel lesen Sie auf Nordkurier Online"),
        ("fr", "Lire l’article complet sur Ouest Matin"),
        ("es", "Lee la noticia completa en Diario del Sur"),
        ("id", "Baca artikel selengkapnya di Kabar Pesisir"),
        ("nl", "Lees het volledige artikel op Kustkrant"),
        ("pt", "Leia a matéria completa em Jornal da Costa"),
        ("it", "Leggi l'articolo completo su Gazzetta del Porto"),
        ("ru", "Читать полностью"),
        ("tr", "Haberin tamamını oku"),
        ("vi", "Xem bài gốc"),
        ("zh", "阅读原文"),
        ("ar", "اقرأ الخبر كاملا"),
    ],
)
def test_button_as_last_line_is_an_indicator(lang: str, footer: str) -> None:
    value, ev = feed.tail_button(doc(BODY[lang] + "\n\n" + footer, lang))
    assert value == 1.0
    assert ev == [footer]


def test_english_plugin_label_on_a_page_in_another_language() -> None:
    value, ev = feed.tail_button(doc(BODY["id"] + "\n\nSource link", "id"))
    assert (value, ev) == (1.0, ["Source link"])


def test_same_words_inside_a_sentence_are_only_a_measure() -> None:
    text = ("Continue reading the report, the minister told lawmakers, and you will see the numbers.\n\n"
            + BODY["en"])
    d = doc(text, "en")
    assert feed.tail_button(d) == (0.0, [])
    assert feed.body_button(d) == (0.0, [])
    assert feed.inline_phrase(d)[0] == 1.0


def test_button_before_the_tail_goes_to_the_body_measure() -> None:
    text = "\n".join(["First excerpt about the port.", "Read more...", "Second excerpt.", "Third one.",
                      "Fourth paragraph.", "Fifth paragraph.", "Sixth and last."])
    d = doc(text, "en")
    assert feed.tail_button(d) == (0.0, [])
    assert feed.body_button(d) == (1.0, ["Read more..."])


def test_link_list_header_is_not_a_button() -> None:
    # "Seguir leyendo:" introducing a list of related links is the outlet's own chrome.
    assert feed.tail_button(doc(BODY["es"] + "\n\nSeguir leyendo:", "es")) == (0.0, [])


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "Source: Coastal Herald"),
        ("de", "Quelle: Nordkurier"),
        ("es", "Fuente: Diario del Sur"),
        ("id", "Sumber: Kabar Pesisir"),
        ("fr", "Source : Ouest Matin"),
        ("zh", "来源：沿海日报"),
    ],
)
def test_source_line_at_the_end(lang: str, line: str) -> None:
    assert feed.source_line(doc(BODY[lang] + "\n\n" + line, lang)) == (1.0, [line])


def test_source_inside_a_running_sentence_is_not_a_source_line() -> None:
    text = ("Source: the ministry said on Friday that the port would reopen next week after repairs.\n\n"
            "A senior official, speaking on condition of anonymity, said the source of the leak was found.")
    d = doc(text, "en")
    assert feed.source_line(d) == (0.0, [])
    assert d.memo("feed.scan", lambda: None).source_lines == []


def test_source_line_early_in_the_body_does_not_count() -> None:
    text = "Quelle: Nordkurier\n\n" + BODY["de"] + "\n\nDie Arbeiten beginnen im Mai.\n\nMehr im Juni."
    assert feed.source_line(doc(text, "de")) == (0.0, [])


@pytest.mark.parametrize(
    "lang, footer",
    [
        ("en", "The post Council approves bus lanes appeared first on Coastal Herald."),
        ("de", "Der Beitrag Stadtrat beschließt Busspuren erschien zuerst auf Nordkurier."),
        ("fr", "L’article Le conseil approuve les voies de bus est apparu en premier sur Ouest Matin."),
        ("es", "La entrada El ayuntamiento aprueba los carriles bus se publicó primero en Diario del Sur."),
        ("id", "Pos Dewan Kota Setujui Jalur Bus muncul pertama kali di Kabar Pesisir."),
        ("nl", "Het bericht Gemeenteraad keurt busbanen goed verscheen eerst op Kustkrant."),
        ("pt", "O post Câmara aprova faixas de ônibus apareceu primeiro em Jornal da Costa."),
        ("it", "L'articolo Il consiglio approva le corsie proviene da Gazzetta del Porto."),
        ("ru", "Сообщение Совет одобрил автобусные полосы появились сначала на Прибрежные вести."),
        ("tr", "Meclis otobüs şeritlerini onayladı ilk önce Sahil Haber üzerinde ortaya çıktı."),
    ],
)
def test_yoast_footer_in_many_languages(lang: str, footer: str) -> None:
    assert feed.appeared_first(doc(BODY[lang] + "\n\n" + footer, lang)) == (1.0, evidence([footer]))


def test_italian_footer_words_inside_prose_are_not_the_template() -> None:
    text = BODY["it"] + "\n\nIl progetto proviene da un'idea del sindaco."
    assert feed.appeared_first(doc(text, "it")) == (0.0, [])


def test_import_notice_and_source_category() -> None:
    text = "This post was originally published on this site\n\n" + BODY["en"] + "\n\nPosted in Reuters, World"
    d = doc(text, "en")
    assert feed.import_notice(d)[0] == 1.0
    assert feed.source_category(d) == (1.0, ["Posted in Reuters, World"])
    # a category line that names no outlet or feed is ordinary site chrome
    assert feed.source_category(doc(BODY["en"] + "\n\nPosted in Local Politics", "en")) == (0.0, [])
    assert feed.source_category(doc(BODY["id"] + "\n\nKategori: RSS Feed", "id"))[0] == 1.0


def test_shortcodes_and_template_tokens() -> None:
    text = ('[caption id="attachment_4412" align="alignnone" width="640"] Buses on the coastal road[/caption]\n\n'
            + BODY["en"] + "\n\n[embed]https://video.example/abc[/embed]\n\n%%sitename%% {feedtitle} [#item_url]")
    value, ev = feed.shortcode(doc(text, "en"))
    assert value == 7.0  # caption open/close, embed open/close, %%sitename%%, {feedtitle}, [#item_url]
    assert ev[:3] == ['[caption id="attachment_4412" align="alignnone" width="640"]', "[/caption]", "[embed]"]


def test_ordinary_brackets_are_not_shortcodes() -> None:
    text = 'The mayor said [the plan] would cost "[about] $4 million", and the [VIDEO] shows the road.'
    assert feed.shortcode(doc(text, "en")) == (0.0, [])


def test_excerpt_cut_and_double_escaped_entities() -> None:
    text = "The council approved the bus lanes after a long debate and said work would start in […]\n\nRead more"
    assert feed.excerpt_cut(doc(text, "en"))[0] == 1.0
    quoted = "He wrote: “the council […] will decide”, and left."
    assert feed.excerpt_cut(doc(quoted, "en")) == (0.0, [])
    assert feed.html_entities(doc("The mayor&#8217;s plan &amp; the budget", "en"))[0] == 2.0
    assert feed.html_entities(doc("AT&T and R&D budgets; Q&A later.", "en")) == (0.0, [])


def test_clean_article_fires_nothing_and_uncovered_language_is_nan() -> None:
    d = doc(BODY["en"], "en")
    values = {s.name: s.fn(d)[0] for s in registered("feed")}
    assert values and all(v == 0.0 for v in values.values())
    amharic = doc("የከተማው ምክር ቤት አዲሱን የአውቶቡስ መስመር አጸደቀ።", "am")
    assert math.isnan(feed.tail_button(amharic)[0])
    assert feed.shortcode(amharic) == (0.0, [])  # markup does not depend on the language
    # an English label on a page of an uncovered language still counts
    assert feed.tail_button(doc("የከተማው ምክር ቤት አዲሱን የአውቶቡስ መስመር አጸደቀ።\n\nSource link", "am"))[0] == 1.0


def test_every_lexicon_has_the_kinds_and_at_least_twelve_languages() -> None:
    from farmguard.features.phrases import lexicon, lexicon_languages

    full = []
    for lang in lexicon_languages("feed"):
        kinds = {k for k, _ in lexicon("feed", lang)}
        assert "button" in kinds, lang
        if {"button", "lead", "source", "appeared", "category"} <= kinds:
            full.append(lang)
    assert len(full) >= 12, full


def test_small_lexicons_from_wordpress_translations() -> None:
    assert feed.tail_button(doc("Το δημοτικό συμβούλιο ενέκρινε τις λωρίδες.\n\nΣυνέχεια ανάγνωσης →", "el"))[0] == 1.0
    assert feed.source_line(doc("시의회가 버스 전용차로를 승인했다.\n\n출처: 해안일보", "ko"))[0] == 1.0


def test_unfilled_token_in_the_headline() -> None:
    d = Document.from_text(BODY["en"], lang="en", title="%%title%% %%sep%% %%sitename%%")
    assert feed.shortcode(d)[0] == 3.0


def test_creative_commons_republication_footer_is_not_a_feed_button() -> None:
    text = (BODY["en"] + "\n\nThis article is republished from The Conversation under a Creative Commons license."
            "\n\nRead the original article.")
    assert feed.tail_button(doc(text, "en")) == (0.0, [])


def test_more_link_glued_after_an_excerpt_ellipsis() -> None:
    text = BODY["en"] + "\n\nThe mayor said construction would start in May and … Continue reading “Council approves bus lanes” →"
    assert feed.tail_button(doc(text, "en"))[0] == 1.0
    text = BODY["fr"] + "\n\nLes travaux commenceront en mai […] Lire la suite"
    assert feed.tail_button(doc(text, "fr"))[0] == 1.0
    # without the ellipsis it is a sentence that mentions reading on
    text = BODY["en"] + "\n\nResidents can continue reading the plan online →"
    assert feed.tail_button(doc(text, "en")) == (0.0, [])


def test_more_link_at_the_end_of_a_long_last_paragraph() -> None:
    excerpt = ("The city council approved the new bus lanes on Tuesday after a two-hour debate in which residents "
               "of the coastal districts described months of delays, missed connections and crowded stops, and the "
               "transport department promised that the first lanes would open before the summer season […] "
               "Continue reading →")
    assert len(excerpt) > feed.MAX_LINE
    assert feed.tail_button(doc(BODY["en"] + "\n\n" + excerpt, "en"))[0] == 1.0


def test_category_named_after_an_outlet_by_its_kind_of_name_or_domain() -> None:
    assert feed.source_category(doc(BODY["de"] + "\n\nKategorie: Rheinischer Kurier, Politik", "de"))[0] == 1.0
    assert feed.source_category(doc(BODY["en"] + "\n\nTags: coastalherald.com, transport", "en"))[0] == 1.0
    for legit in ("Posted in World News, Transport", "Catégorie : Avis", "Tags: Book Review, Guest Post"):
        lang = "fr" if "Catégorie" in legit else "en"
        assert feed.source_category(doc(BODY[lang] + "\n\n" + legit, lang)) == (0.0, []), legit


def test_second_template_anchor_in_the_same_line() -> None:
    line = "Příspěvek Rada schválila pruhy se nejdříve objevil na Pobřežní zprávy."
    assert feed.appeared_first(doc("Městská rada schválila nové pruhy.\n\n" + line, "cs"))[0] == 1.0


def test_turkish_dotted_capital_does_not_shift_positions() -> None:
    text = "İstanbul'da belediye meclisi yeni otobüs şeritlerini onayladı.\n\nİzmir'de de benzer bir plan var.\n\nKaynak: Sahil Haber"
    assert feed.source_line(doc(text, "tr")) == (1.0, ["Kaynak: Sahil Haber"])
    assert feed.source_line(doc(BODY["fr"] + "\n\nSource\u202f: Ouest Matin", "fr"))[0] == 1.0


def test_agency_source_lines_and_originally_published_are_credit_not_feed() -> None:
    for lang, line in [("es", "Fuente: AFP"), ("de", "Quelle: dpa"), ("id", "Sumber: ANTARA"), ("en", "Source: Reuters")]:
        assert feed.source_line(doc(BODY[lang] + "\n\n" + line, lang)) == (0.0, []), line
    assert feed.tail_button(doc(BODY["es"] + "\n\nPublicado originalmente en Diario del Sur.", "es")) == (0.0, [])
