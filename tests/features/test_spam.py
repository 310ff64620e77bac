"""Spam family: gambling/lottery tails, brand tokens and signatures, keyword lists (features/spam.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from farmguard.features import spam
from farmguard.features.document import Document
from farmguard.features.phrases import lexicon_languages
from farmguard.features.signal import registered

NEWS_ID = (
    "Pemerintah provinsi mengumumkan rencana pembangunan jalan baru yang akan menghubungkan dua kabupaten "
    "di wilayah timur dalam tiga tahun ke depan, kata gubernur pada hari Senin."
)
NEWS_EN = (
    "The city council approved a new budget on Monday that increases spending on schools and public "
    "transport, after a debate that lasted more than six hours."
)


def doc(text: str, lang: str | None = None) -> Document:
    return Document.from_text(text, lang=lang)


def test_vocabularies_cover_required_languages():
    assert {"id", "en", "vi", "th", "ms", "fil", "pt"} <= lexicon_languages("spam")


@pytest.mark.parametrize(
    "lang, tail, expected",
    [
        ("id", "Data SGP", "Data SGP"),
        ("id", "Pengeluaran HK", "Pengeluaran HK"),
        ("vi", "Kết quả xổ số", "Kết quả xổ số"),
        ("th", "ตรวจหวย", "ตรวจหวย"),
        ("en", "Satta Matka", "Satta Matka"),
        ("ms", "Keputusan 4D", "Keputusan 4D"),
    ],
)
def test_lottery_phrase_on_its_own_line(lang, tail, expected):
    value, ev = spam.lottery(doc(f"{NEWS_ID}\n\n{tail}", lang))
    assert value == 1.0
    assert ev == [expected]


def test_lottery_inside_a_news_sentence_is_not_counted():
    text = (
        "Polisi menangkap tiga bandar togel di Medan setelah penyelidikan selama dua bulan, kata juru bicara "
        "kepolisian daerah kepada wartawan pada hari Selasa.\n\n" + NEWS_ID
    )
    assert spam.lottery(doc(text, "id")) == (0.0, [])


def test_lottery_in_the_title_is_not_counted():
    assert spam.lottery(doc("Hasil Togel Hari Ini\n\n" + NEWS_ID, "id"))[0] == 0.0


@pytest.mark.parametrize(
    "lang, tail",
    [
        ("en", "Best online casino 2024: free spins and no deposit bonus"),
        ("vi", "Nhà cái uy tín – nổ hũ đổi thưởng"),
        ("th", "สล็อตเว็บตรง แตกง่าย ฝากถอนไม่มีขั้นต่ำ"),
        ("pt", "Cassino online com rodadas grátis"),
        ("fil", "Online sabong at online casino"),
        ("id", "Situs slot gacor hari ini, bonus new member"),
    ],
)
def test_gambling_vocabulary_on_a_short_line(lang, tail):
    value, ev = spam.gambling(doc(f"{NEWS_EN}\n\n{tail}", lang))
    assert value >= 1.0
    assert all(e.lower() in tail.lower() for e in ev)


def test_gambling_words_in_running_prose_are_not_counted():
    text = (
        "Regulators said online casino operators must verify the age of every customer before they can offer "
        "free spins, under rules that take effect next year.\n\n" + NEWS_EN
    )
    assert spam.gambling(doc(text, "en"))[0] == 0.0


@pytest.mark.parametrize("token", ["slot777", "hoki88", "bukit4d", "MEGA888", "rajatoto", "nasapoker", "garudahoki"])
def test_brand_tokens(token):
    assert spam.is_brand(token)


@pytest.mark.parametrize("token", ["COVID19", "G20", "win10", "A320", "MH17", "Reuters", "tailspin", "Powerplay", "2019"])
def test_not_brand_tokens(token):
    assert not spam.is_brand(token)


def test_stylised_unicode_brand_is_folded():
    assert spam.is_brand("𝑺𝑼𝑯𝑼𝟑𝟐𝟖")


def test_brands_in_tail_but_not_in_body_prose():
    tail = doc(f"{NEWS_ID}\n\nMain sekarang di koislot dan sgi88", "id")
    assert spam.brands(tail) == (2.0, ["koislot", "sgi88"])
    middle = doc(
        f"{NEWS_EN}\n\nAnalysts at bet365 and other bookmakers moved their odds after the announcement on Monday "
        f"evening, according to a spokesman.\n\n{NEWS_EN}\n\n{NEWS_EN}\n\n{NEWS_EN}",
        "en",
    )
    assert spam.brands(middle)[0] == 0.0


@pytest.mark.parametrize("signature", ["By gacor88", "Oleh: slot777", "by hoki88", "Posted by rajatoto", "bởi fb88"])
def test_brand_signature(signature):
    value, ev = spam.brand_signature(doc(f"{NEWS_ID}\n\n{signature}"))
    assert value == 1.0
    assert ev == [signature]


@pytest.mark.parametrize("signature", ["By Maria Lopez", "By Reuters", "Oleh Budi Santoso", "By Jean-Paul O'Neil Jr"])
def test_person_or_agency_signature_is_not_a_brand(signature):
    assert spam.brand_signature(doc(f"{NEWS_EN}\n\n{signature}")) == (0.0, [])


def test_keyword_list_paragraph():
    text = f"{NEWS_ID}\n\nslot gacor, rtp slot, bocoran slot, togel hk, agen slot, gacor77"
    value, ev = spam.keyword_list(doc(text, "id"))
    assert value == 1.0 and ev[0].startswith("slot gacor")
    assert spam.keyword_list(doc(NEWS_ID, "id"))[0] == 0.0


def test_density_and_tail_share_are_measures():
    specs = {s.name: s for s in registered("spam")}
    assert not specs["spam.density"].indicator and not specs["spam.tail_share"].indicator
    assert specs["spam.lottery"].indicator and specs["spam.brand_signature"].indicator
    d = doc(f"{NEWS_ID}\n\n{NEWS_ID}\n\n{NEWS_ID}\n\n{NEWS_ID}\n\nKeluaran SGP\n\nBy gacor88", "id")
    assert spam.tail_share(d)[0] == 1.0
    assert spam.density(d)[0] > 0


def test_nan_without_vocabulary_but_brand_patterns_apply():
    d = doc("Rada miasta otworzyła w poniedziałek nowy most na rzece.\n\nBy gacor88", "pl")
    assert math.isnan(spam.lottery(d)[0]) and math.isnan(spam.gambling(d)[0]) and math.isnan(spam.density(d)[0])
    assert spam.brand_signature(d) == (1.0, ["By gacor88"])
    assert spam.brands(d)[0] == 1.0


def test_clean_news_fires_nothing():
    for lang, text in (("id", NEWS_ID), ("en", NEWS_EN)):
        d = doc(f"Judul berita\n\n{text}\n\n{text}", lang)
        for spec in registered("spam"):
            if spec.indicator:
                assert spec.fn(d)[0] == 0.0, spec.name


@pytest.mark.shared
def test_seed_000_spam_tail(seeds_dir: Path):
    d = Document.from_text((seeds_dir / "000_0dc4370eb4602c6b.txt").read_text(encoding="utf-8"))
    assert d.lang == "id"
    assert "Keluaran SGP" in spam.lottery(d)[1]
    assert "By gacor88" in spam.brand_signature(d)[1]
    assert "gacor88" in spam.brands(d)[1]


@pytest.mark.shared
@pytest.mark.parametrize("name", ["001_477a7e3c0f523f6d.txt", "002_42d899cb014f27ae.txt", "004_984f65dca3a9c187.txt"])
def test_seeds_without_spam(seeds_dir: Path, name: str):
    d = Document.from_text((seeds_dir / name).read_text(encoding="utf-8"))
    for spec in registered("spam"):
        if spec.indicator:
            value = spec.fn(d)[0]
            assert math.isnan(value) or value == 0.0, spec.name


@pytest.mark.parametrize(
    "tail, brand",
    [
        ("Untung banyak di ⓅⓊⓁⒶⓊ⑦⑦⑦ emang terbaik", "PULAU777"),
        ("Main bareng di P͓̽U͓̽L͓̽A͓̽U͓̽W͓̽I͓̽N͓̽ paling seru", "PULAUWIN"),
        ("Coba ⭐ A L E X I S 1 7 ⭐ sekarang", "ALEXIS17"),
        ("Gak pernah bosan main 𝑲𝑰𝑵𝑮𝟑𝟐𝟖", "KING328"),
    ],
)
def test_obfuscated_brands_in_the_tail(tail, brand):
    value, ev = spam.brands(doc(f"{NEWS_ID}\n\n{tail}", "id"))
    assert value >= 1.0 and brand in [spam.deobfuscate(e) for e in ev]


@pytest.mark.parametrize("token", ["lucu2an", "kata2", "ZkNvL3h2A648oqQn"])
def test_reduplication_and_random_ids_are_not_brands(token):
    assert not spam.is_brand(token)


@pytest.mark.parametrize(
    "comment", ["Banyak komen judol di sini, tolong dihapus", "Mantap bosku, semoga sukses", "Suaranya gacor banget"]
)
def test_people_complaining_about_spam_are_not_spam(comment):
    d = doc(f"{NEWS_ID}\n\n{comment}", "id")
    for spec in registered("spam"):
        if spec.indicator:
            assert spec.fn(d)[0] == 0.0, spec.name


@pytest.mark.shared
def test_tail_detection_on_real_gambling_comments(shared_dir: Path):
    """Real judol comments appended as a tail to clean news: most spam fires, almost no not-spam does."""
    import gzip
    import json

    counts = {"gambling_spam": [0, 0], "not_spam": [0, 0]}
    with gzip.open(shared_dir / "data/spam-id/judol_youtube_comments.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 10:  # every tenth comment keeps the test short
                continue
            rec = json.loads(line)
            d = doc(f"{NEWS_ID}\n\n{rec['text']}", "id")
            fired = any(s.indicator and s.fn(d)[0] > 0 for s in registered("spam"))
            counts[rec["label"]][0] += fired
            counts[rec["label"]][1] += 1
    recall = counts["gambling_spam"][0] / counts["gambling_spam"][1]
    false_rate = counts["not_spam"][0] / counts["not_spam"][1]
    print(f"judol comments as tails: spam fired {recall:.1%}, not_spam fired {false_rate:.2%}")
    assert recall > 0.5 and false_rate < 0.01


def test_spam_tail_in_another_language_than_the_article():
    d = doc("De gemeente opende maandag een nieuwe brug over de rivier, zei de burgemeester.\n\nKeluaran SGP", "nl")
    assert spam.lottery(d) == (1.0, ["Keluaran SGP"])


@pytest.mark.parametrize(
    "lang, tail",
    [
        ("ko", "토토사이트 먹튀검증 안전놀이터"),
        ("zh", "百家乐 网上赌场 注册送"),
        ("de", "Beste Online Casinos: Freispiele ohne Einzahlung"),
        ("tr", "Deneme bonusu veren bahis siteleri"),
    ],
)
def test_more_vocabularies(lang, tail):
    assert spam.gambling(doc(f"{NEWS_EN}\n\n{tail}", lang))[0] >= 1.0


def test_keyword_list_as_a_run_of_short_lines():
    tail = "\n\n".join(["rtp slot gacor hari ini", "link alternatif slot88", "bocoran slot gacor", "daftar slot gacor"])
    value, ev = spam.keyword_list(doc(f"{NEWS_ID}\n\n{NEWS_ID}\n\n{tail}", "id"))
    assert value == 1.0 and ev == ["rtp slot gacor hari ini"]
    two = "\n\n".join(["rtp slot gacor hari ini", NEWS_ID, "daftar slot gacor"])
    assert spam.keyword_list(doc(f"{NEWS_ID}\n\n{two}", "id"))[0] == 0.0


@pytest.mark.shared
def test_real_seo_doorway_page(shared_dir: Path):
    import json

    line = (shared_dir / "data/spam-id/seo_gambling_spam_pages.jsonl").read_text(encoding="utf-8").splitlines()[0]
    d = doc(json.loads(line)["text"], "id")
    assert spam.keyword_list(d)[0] >= 1 and spam.gambling(d)[0] >= 10 and spam.density(d)[0] > 5
