"""Mis-decoded and obfuscated text (features/encoding.py) on short examples written for these tests."""

from __future__ import annotations

import math

import numpy as np

from farmguard.article import Article
from farmguard.features import encoding
from farmguard.features.document import Document
from farmguard.features.signal import registered
from farmguard.features.vector import SignalValue, extract, feature_names


def doc(text: str, lang: str | None = None, url: str | None = None) -> Document:
    return Document.from_text(text, lang=lang, url=url)


def mis_decode(text: str, codec: str) -> str:
    """What a scraper shows when it reads UTF-8 bytes as ``codec``."""
    return text.encode("utf-8").decode(codec, errors="replace")


def test_utf8_read_as_cp1252_in_several_languages() -> None:
    samples = {
        "fr": "Le président a déclaré que l’économie française résistait à la crise.",
        "de": "Die Bürgermeisterin erklärte, dass die Straße über die Brücke gesperrt würde.",
        "es": "El alcalde anunció que la construcción del puerto comenzará en otoño.",
        "pt": "O ministro disse que a inflação cairá e que a população não deve se preocupar.",
    }
    for lang, clean in samples.items():
        broken = mis_decode(clean, "cp1252")
        value, ev = encoding.mojibake(doc(broken, lang))
        assert value >= 2, (lang, broken)
        assert ev and " → " in ev[0], ev
        assert encoding.mojibake(doc(clean, lang)) == (0.0, []), lang


def test_utf8_cyrillic_read_as_cp1251() -> None:
    clean = "Городской совет одобрил новые автобусные полосы после долгих дебатов."
    broken = mis_decode(clean, "cp1251")
    value, ev = encoding.mojibake(doc(broken, "ru"))
    assert value >= 2
    assert "совет" in ev[0] or "Городской" in ev[0]
    assert encoding.mojibake(doc(clean, "ru")) == (0.0, [])
    ukrainian = "Різдво у Сірому місті: СІЧНЯ «ЦСКА» та «СССР» — звичайний текст."
    assert encoding.mojibake(doc(ukrainian, "uk")) == (0.0, [])


def test_typography_that_looks_like_mojibake_is_not() -> None:
    for text, lang in [("„Fuß“ und „Maß“ sind richtig.", "de"), ("« déjà » et « voilà »", "fr"),
                       ("É’ una città – però è così", "it"), ("Ó “Ñandú” ¿qué?", "es")]:
        assert encoding.mojibake(doc(text, lang)) == (0.0, []), text


def test_replacement_characters_and_markers() -> None:
    assert encoding.replacement_chars(doc("Die Stra\ufffde zum Hafen war gesperrt, sagte der B\ufffdrgermeister."))[0] == 2.0
    assert encoding.mojibake(doc("市议会批准了锟斤拷新的公交专用道。", "zh"))[0] == 1.0


def test_combining_mark_obfuscation() -> None:
    struck = "".join(c + "\u0336" for c in "the minister resigned")
    value, ev = encoding.combining_marks(doc("Subscribers only: " + struck + ".", "en"))
    assert value == 1.0 and ev
    zalgo = "H\u0300\u0301\u0302\u0303\u0304ello"
    assert encoding.combining_marks(doc(zalgo, "en"))[0] == 1.0


def test_tone_marks_of_real_languages_are_not_obfuscation() -> None:
    yoruba = "Ọ̀gá àgbà ilé iṣẹ́ náà sọ pé àwọn òṣìṣẹ́ yóò padà sí ibi iṣẹ́ ní ọ̀sẹ̀ tó ń bọ̀."
    vietnamese = "Hội đồng thành phố đã thông qua làn xe buýt mới vào thứ Ba."
    for text, lang in [(yoruba, "yo"), (vietnamese, "vi")]:
        d = doc(text, lang)
        assert encoding.combining_marks(d) == (0.0, [])
        assert encoding.mojibake(d) == (0.0, [])


def test_spaced_letters() -> None:
    value, ev = encoding.spaced_letters(doc("Full text: t h e  c o u n c i l  v o t e d  t o d a y", "en"))
    assert value >= 1.0 and ev[0].startswith("t h e")
    assert encoding.spaced_letters(doc("п о л н ы й  т е к с т  с т а т ь и", "ru"))[0] >= 1.0
    for clean in ("Groups A, B and C play on Sunday; a b test.", "Q U E L L E N", "Rows 1 2 3 4 5 6 7 were empty."):
        assert encoding.spaced_letters(doc(clean, "en")) == (0.0, []), clean


def test_invisible_characters_inside_words() -> None:
    value, ev = encoding.invisible_chars(doc("The mini\u200bster re\u2060signed on Fri\u200bday.", "en"))
    assert value == 3.0
    assert ev[0] == "U+200B in “minister”"
    # zero-width space as the Thai word separator is legitimate
    assert encoding.invisible_chars(doc("สภาเมือง\u200bอนุมัติ\u200bช่องทางรถเมล์", "th")) == (0.0, [])
    # soft hyphens and joiners are only a measure
    d = doc("Die Bundes\u00adregierung und der Bürger\u00admeister", "de")
    assert encoding.invisible_chars(d) == (0.0, [])
    assert encoding.format_chars(d)[0] > 0


def test_clean_ascii_and_clean_unicode_fire_nothing() -> None:
    for text, lang in [("The council approved the bus lanes on Tuesday.", "en"),
                       ("Der Stadtrat hat die Busspuren am Dienstag beschlossen.", "de"),
                       ("市议会周二批准了新的公交专用道。", "zh")]:
        d = doc(text, lang)
        values = [spec.fn(d)[0] for spec in registered("encoding")]
        assert values and all(v == 0.0 for v in values), text


def test_scrambled_paywall_text_on_a_legitimate_page_is_evidence_not_a_label() -> None:
    """A publisher scrambles its own paywalled paragraphs: encoding fires with evidence, nothing decides."""
    lead = ("AMSTERDAM - De gemeenteraad heeft dinsdagavond ingestemd met nieuwe busbanen langs de kust. "
            "Wethouder Jansen sprak van een belangrijke stap voor het openbaar vervoer in de regio.")
    locked = "".join(c + "\u0336" if c != " " else " " for c in "de kosten worden geraamd op twaalf miljoen euro")
    spaced = "d e  w e r k z a a m h e d e n  b e g i n n e n  i n  m e i"
    article = Article(text=f"{lead}\n\n{locked}\n\n{spaced}\n\nLees verder met een abonnement.",
                      lang="nl", url="https://www.kustkrant.nl/regio/busbanen-kust")
    d = Document.from_article(article)
    values = {s.name: SignalValue(s.name, *s.fn(d)) for f in ("feed", "generator", "host", "encoding")
              for s in registered(f)}
    assert values["encoding.combining_marks"].value >= 1 and values["encoding.combining_marks"].evidence
    assert values["encoding.spaced_letters"].value >= 1 and values["encoding.spaced_letters"].evidence
    # the page is otherwise clean: no feed, generator or host indicator fires, and no mojibake is claimed
    indicators = {s.name for f in ("feed", "generator", "host") for s in registered(f) if s.indicator}
    assert not [(n, v.evidence) for n, v in values.items() if n in indicators and v.fired]
    assert values["encoding.mojibake"].value == 0.0
    # the family yields numbers for the model (evidence values), never a label
    row = extract(article)
    names = feature_names()
    assert row.dtype == np.float32 and len(row) == len(names)
    enc = [row[i] for i, n in enumerate(names) if n.startswith("encoding.")]
    assert all(isinstance(float(x), float) and not math.isnan(float(x)) for x in enc)
    assert not any(isinstance(v.value, str) for v in values.values())


def test_joiners_inside_latin_words_but_not_in_persian_or_emoji() -> None:
    assert encoding.invisible_chars(doc("Warga sta\u200ciun pe\u200cnumpang mengeluh.", "id"))[0] == 2.0
    persian = "شورای شهر خط‌های اتوبوس را تصویب کرد و می‌گوید"
    assert encoding.invisible_chars(doc(persian, "fa")) == (0.0, [])
    assert encoding.invisible_chars(doc("Family 👨\u200d👩\u200d👧 on the bus", "en")) == (0.0, [])
