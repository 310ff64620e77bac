"""The residue family: template strings leaked into the body, and titles printed more than once."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from farmguard.features import residue
from farmguard.features.document import Document
from farmguard.features.phrases import lexicon
from farmguard.readers import read_articles

BODY_NL = (
    "De regering kondigde maandag nieuwe maatregelen aan om de inflatie te bestrijden, "
    "zo meldde het ministerie van Financiën in een verklaring."
)
BODY_EN = "The government announced new measures on Monday to fight inflation, the finance ministry said."


def doc(text: str, lang: str, title: str | None = None) -> Document:
    return Document.from_text(text, lang=lang, title=title)


# --- lexicons ------------------------------------------------------------------------------------------


def test_lexicons_cover_at_least_30_languages():
    assert len(residue.residue_languages()) >= 30
    assert len(residue.theme_languages()) >= 30


def test_wordpress_lexicon_holds_the_dutch_comment_form_strings():
    nl = set(lexicon("residue", "nl"))
    assert ("comment_form", "Geef een reactie") in nl
    assert ("comment_form", "Je e-mailadres wordt niet gepubliceerd") in nl
    assert not any("%" in phrase or "&" in phrase for _, phrase in nl)  # placeholders and entities stripped


# --- comment forms and related posts, in several languages ----------------------------------------------


@pytest.mark.parametrize(
    ("lang", "tail", "span"),
    [
        ("nl", "Geef een reactie", "Geef een reactie"),
        ("en", "Leave a Reply", "Leave a Reply"),
        ("de", "Schreibe einen Kommentar\n\nDeine E-Mail-Adresse wird nicht veröffentlicht.", "Schreibe einen Kommentar"),
        ("id", "Tinggalkan Balasan\n\nAlamat email Anda tidak akan dipublikasikan.", "Tinggalkan Balasan"),
        ("ru", "Добавить комментарий", "Добавить комментарий"),
        ("ar", "اترك تعليقاً", "اترك تعليقاً"),
    ],
)
def test_comment_form_on_its_own_line(lang: str, tail: str, span: str):
    value, ev = residue.comment_form(doc(f"{BODY_EN}\n\n{tail}", lang))
    assert value >= 1
    assert span in ev


def test_comment_notice_followed_by_another_sentence_counts():
    text = f"{BODY_NL}\n\nJe e-mailadres wordt niet gepubliceerd. Vul alle velden in a.u.b. *"
    value, ev = residue.comment_form(doc(text, "nl"))
    assert value == 1 and ev == ["Je e-mailadres wordt niet gepubliceerd"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nl", "Vergelijkbare berichten"), ("fr", "Articles similaires"), ("es", "Entradas relacionadas"), ("pl", "Podobne wpisy")],
)
def test_related_posts_heading(lang: str, heading: str):
    value, ev = residue.related_posts(doc(f"{BODY_EN}\n\n{heading}\n\nAnother post title here", lang))
    assert value == 1 and ev == [heading]


def test_phrases_inside_running_sentences_are_not_residue():
    text = (
        "Read more about the case in our archive, the editor said on Tuesday.\n\n"
        "Officials said they would leave a reply to the committee by Friday, and share this with the press."
    )
    d = doc(text, "en")
    assert residue.residue_lines(d) == []
    assert residue.read_also(d) == (0.0, [])
    assert residue.comment_form(d) == (0.0, [])


# --- read-also inserts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line", "label"),
    [
        ("nl", "LEZEN\u00a0 Minister treedt af na ophef over begroting", "LEZEN"),
        ("id", "BACA JUGA: Harga beras naik di tiga provinsi", "BACA JUGA"),
        ("id", "Baca juga: Harga beras naik di tiga provinsi", "Baca juga"),
        ("fr", "Lire aussi : La grève des cheminots reconduite", "Lire aussi"),
        ("pt", "Leia também: Governo anuncia novo pacote fiscal", "Leia também"),
        ("pl", "Czytaj także: Rząd przyjął projekt budżetu", "Czytaj także"),
        ("ru", "Читайте также: Правительство одобрило бюджет", "Читайте также"),
        ("de", "LESEN SIE AUCH: Regierung beschließt neues Gesetz", "LESEN SIE AUCH"),
    ],
)
def test_read_also_insert_before_a_title(lang: str, line: str, label: str):
    value, ev = residue.read_also(doc(f"{BODY_EN}\n\n{line}\n\n{BODY_EN}", lang))
    assert value == 1
    assert ev == [label]


def test_lowercase_read_word_opening_a_sentence_is_not_an_insert():
    text = f"{BODY_NL}\n\nLezen is voor veel kinderen moeilijk, zeggen leraren in een nieuw rapport.\n\n{BODY_NL}"
    assert residue.read_also(doc(text, "nl")) == (0.0, [])


def test_read_also_label_needs_a_title_not_a_sentence():
    text = f"{BODY_EN}\n\nREAD the full report, which was published by the agency on Monday.\n\n{BODY_EN}"
    assert residue.read_also(doc(text, "en")) == (0.0, [])


# --- share rows, navigation, subscription ----------------------------------------------------------------


def test_share_row_of_network_names():
    value, ev = residue.share_row(doc(f"{BODY_EN}\n\nShare this:\nFacebook Twitter WhatsApp", "en"))
    assert value == 2
    assert "Share this" in ev and "Facebook" in ev


def test_single_network_name_line_is_not_a_share_row():
    assert residue.share_row(doc(f"{BODY_EN}\n\nFacebook", "en")) == (0.0, [])


def test_navigation_and_byline_templates():
    text = f"{BODY_EN}\n\nPosted in: Politics, World\n\nPrevious article: Oil prices rise again\n\nNext Post"
    value, ev = residue.navigation(doc(text, "en"))
    assert value == 3
    assert "Previous article" in ev


def test_subscribe_footer():
    value, ev = residue.subscribe_footer(doc(f"{BODY_EN}\n\nSubscribe to our newsletter\n\nProudly powered by WordPress", "en"))
    assert value == 2 and "Subscribe to our newsletter" in ev


# --- strings of another language --------------------------------------------------------------------------


def test_english_template_on_a_dutch_page_is_foreign():
    d = doc(f"{BODY_NL}\n\nLeave a Reply\n\nRelated Posts", "nl")
    value, ev = residue.foreign_template(d)
    assert value == 2 and ev == ["Leave a Reply", "Related Posts"]
    assert residue.comment_form(d)[0] == 1  # and still counted as a comment form


def test_own_language_template_is_not_foreign():
    assert residue.foreign_template(doc(f"{BODY_NL}\n\nGeef een reactie", "nl")) == (0.0, [])


def test_unknown_language_gives_nan_not_zero():
    d = doc(BODY_EN, "xx")
    assert math.isnan(residue.comment_form(d)[0])


# --- titles ----------------------------------------------------------------------------------------------


def test_title_stacked_with_title_given_and_reworded_copy():
    title = "Thousands flee Homs as rebels advance"
    text = f"{title}\n\nThousands flee the Syrian city of Homs as rebels advance\n\n{BODY_EN}"
    value, ev = residue.title_stacked(doc(text, "en", title=title))
    assert value == 1 and ev[0] == title


def test_title_given_and_printed_once_in_the_body_is_not_stacked():
    title = "Thousands flee Homs as rebels advance"
    assert residue.title_stacked(doc(f"{title}\n\n{BODY_EN}", "en", title=title)) == (0.0, [])


def test_title_stacked_without_title():
    text = f"Oil prices rise sharply\n\nOil Prices Rise Sharply\n\n{BODY_EN}"
    assert residue.title_stacked(doc(text, "en"))[0] == 1


def test_headline_then_lede_restating_it_is_not_stacked():
    text = (
        "Kanye West: Rapper changes his name to Ye\n\n"
        "Rapper Kanye West is changing his name - to Ye.\n\n"
        "Announcing the change on Twitter on Saturday, he wrote a short message."
    )
    assert residue.title_stacked(doc(text, "en")) == (0.0, [])


def test_longer_headline_variant_is_not_stacked():
    text = (
        "New cancer vaccine can teach the immune system to see rogue cells\n\n"
        "New cancer vaccine can teach the immune system to see rogue cells and kill them\n\n"
        f"{BODY_EN}"
    )
    assert residue.title_stacked(doc(text, "en")) == (0.0, [])


def test_title_repeated_at_the_end():
    title = "Syrische leger begint offensief in Idlib"
    text = f"{BODY_NL}\n\n{BODY_NL}\n\n{title}"
    assert residue.title_repeated_end(doc(text, "nl", title=title)) == (1.0, [title])
    assert residue.title_repeated_end(doc(f"{title}\n\n{BODY_NL}\n\n{BODY_NL}\n\n{title}", "nl"))[0] == 1


def test_title_not_repeated():
    assert residue.title_repeated_end(doc(f"Een titel\n\n{BODY_NL}\n\nEinde van het verhaal.", "nl")) == (0.0, [])


# --- the founding seeds -------------------------------------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> Document:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return Document.from_article(next(iter(read_articles([path]))))


@pytest.mark.shared
def test_seed_004_dutch_wordpress_farm(seeds_dir: Path):
    d = _seed(seeds_dir, "004")
    assert residue.read_also(d) == (2.0, ["LEZEN"])
    assert residue.related_posts(d) == (1.0, ["Vergelijkbare berichten"])
    value, ev = residue.comment_form(d)
    assert value == 2
    assert "Geef een reactie" in ev and "Je e-mailadres wordt niet gepubliceerd" in ev
    # three headlines in all: the title line, then two more copies in the body (one beyond the usual one)
    value, ev = residue.title_stacked(d)
    assert value == 1 and ev[0].startswith("Duizenden Vluchten uit Homs") and len(ev) == 2


@pytest.mark.shared
def test_seed_003_title_repeated_at_end(seeds_dir: Path):
    d = _seed(seeds_dir, "003")
    value, ev = residue.title_repeated_end(d)
    assert value == 1 and ev[0].startswith("سوريا هجوما ضد تنظيم القاعدة")


@pytest.mark.shared
@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seeds_without_template_residue(seeds_dir: Path, prefix: str):
    d = _seed(seeds_dir, prefix)
    assert residue.residue_lines(d) == []
    assert residue.title_stacked(d)[0] == 0 and residue.title_repeated_end(d)[0] == 0
