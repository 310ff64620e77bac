"""Text-generator failures (features/generator.py) on short realistic articles written for these tests."""

from __future__ import annotations

import math

import pytest

from farmguard.features import generator
from farmguard.features.document import Document
from farmguard.features.phrases import lexicon_languages


def doc(text: str, lang: str | None = None) -> Document:
    return Document.from_text(text, lang=lang)


@pytest.mark.parametrize(
    "lang, text, span",
    [
        ("en", "I'm sorry, but I cannot fulfill this request. The article you provided contains graphic details.",
         "I'm sorry, but I cannot"),
        ("es", "Lo siento, pero no puedo reescribir este artículo porque contiene información sensible.",
         "Lo siento, pero no puedo"),
        ("de", "Es tut mir leid, aber ich kann diesen Text nicht umschreiben.", "Es tut mir leid, aber ich kann"),
        ("fr", "Je suis désolé, mais je ne peux pas réécrire cet article.", "Je suis désolé, mais je ne peux pas"),
        ("id", "Maaf, saya tidak dapat menulis ulang artikel ini karena berisi konten sensitif.",
         "Maaf, saya tidak dapat"),
        ("it", "Mi dispiace, ma non posso riscrivere questo articolo.", "Mi dispiace, ma non posso"),
        ("pt", "Desculpe, mas não posso reescrever este artigo.", "Desculpe, mas não posso"),
        ("nl", "Het spijt me, maar ik kan dit artikel niet herschrijven.", "Het spijt me, maar ik kan"),
        ("ru", "Извините, но я не могу переписать эту статью.", "Извините, но я не могу"),
        ("pl", "Przepraszam, ale nie mogę przepisać tego artykułu.", "Przepraszam, ale nie mogę"),
        ("vi", "Xin lỗi, nhưng tôi không thể viết lại bài báo này.", "Xin lỗi, nhưng tôi không thể"),
        ("zh", "抱歉，我无法改写这篇文章，因为其中包含敏感内容。", "抱歉，我无法"),
        ("ar", "عذرًا، لا أستطيع إعادة كتابة هذا المقال.", "عذرًا، لا أستطيع"),
        ("uk", "Вибачте, але я не можу переписати цю статтю.", "Вибачте, але я не можу"),
        ("cs", "Omlouvám se, ale nemohu tento článek přepsat.", "Omlouvám se, ale nemohu"),
        ("sv", "Jag är ledsen, men jag kan inte skriva om artikeln.", "Jag är ledsen, men jag kan inte"),
        ("ms", "Maaf, saya tidak boleh menulis semula artikel ini.", "Maaf, saya tidak boleh"),
        ("th", "ขออภัย แต่ฉันไม่สามารถเขียนบทความนี้ใหม่ได้", "ขออภัย แต่ฉันไม่สามารถ"),
        ("hi", "क्षमा करें, लेकिन मैं इस लेख को दोबारा नहीं लिख सकता।", "क्षमा करें, लेकिन मैं"),
    ],
)
def test_refusal_opening_the_text(lang: str, text: str, span: str) -> None:
    body = "\n\nThe port authority said repairs would take two weeks."
    assert generator.refusal(doc(text + body, lang)) == (1.0, [span])


@pytest.mark.parametrize(
    "lang, text, span",
    [
        ("en", "As an AI language model, I do not have opinions on the election.", "As an AI language model"),
        ("de", "Als KI-Sprachmodell habe ich keinen Zugriff auf die neuesten Zahlen.", "Als KI-Sprachmodell"),
        ("id", "Sebagai model bahasa AI, saya tidak memiliki pendapat pribadi.", "Sebagai model bahasa AI"),
        ("es", "Como modelo de lenguaje, no tengo opiniones personales sobre el partido.", "Como modelo de lenguaje"),
        ("ja", "AI言語モデルとして、私は個人的な意見を持っていません。", "AI言語モデルとして"),
        ("tr", "Bir yapay zeka dil modeli olarak kişisel görüşlerim yok.", "Bir yapay zeka dil modeli olarak"),
        ("hi", "एक AI भाषा मॉडल के रूप में, मेरे पास व्यक्तिगत राय नहीं है।", "एक AI भाषा मॉडल के रूप में"),
        ("th", "ในฐานะโมเดลภาษา AI ฉันไม่มีความคิดเห็นส่วนตัว", "ในฐานะโมเดลภาษา AI"),
    ],
)
def test_self_reference(lang: str, text: str, span: str) -> None:
    assert generator.ai_self_reference(doc("The mayor spoke on Monday.\n\n" + text, lang)) == (1.0, [span])


def test_meta_commentary_in_several_languages() -> None:
    assert generator.meta_commentary(doc(
        "Here is a rewritten version of the article:\n\nFloods closed the coastal road on Monday.", "en"))[0] == 1.0
    assert generator.meta_commentary(doc(
        "Banjir menutup jalan pesisir. Artikel tersebut tidak menyebutkan jumlah korban.", "id"))[0] == 1.0
    assert generator.meta_commentary(doc(
        "Aquí tienes una versión reescrita del artículo:\n\nLas lluvias cerraron la carretera.", "es"))[0] == 1.0
    assert generator.meta_commentary(doc(
        "Hochwasser sperrte die Küstenstraße. Der Artikel erwähnt nicht, wie viele Menschen betroffen sind.",
        "de"))[0] == 1.0


def test_quoted_chatbot_in_a_news_story_is_not_an_indicator() -> None:
    texts = [
        ('Asked about the vote, the chatbot replied: "As an AI language model, I cannot take sides." '
         "Critics said the answer was evasive.", "en"),
        ("Der Bot antwortete: „Als KI-Sprachmodell habe ich keine Meinung.“ Kritiker waren unzufrieden.", "de"),
        ("Le robot a répondu : « Je suis désolé, mais je ne peux pas répondre à cette question. »", "fr"),
    ]
    for text, lang in texts:
        d = doc(text, lang)
        assert generator.ai_self_reference(d) == (0.0, [])
        assert generator.refusal(d) == (0.0, [])
        assert generator.quoted(d)[0] == 1.0


def test_third_person_description_of_a_chatbot_is_not_a_self_reference() -> None:
    for text, lang in [("ChatGPT, as a language model, predicts the next word in a sentence.", "en"),
                       ("ChatGPT wurde als KI-Sprachmodell im November 2022 vorgestellt.", "de"),
                       ("GPT-4 funciona como modelo de lenguaje entrenado con textos públicos.", "es"),
                       ("Модель работает как языковая модель нового поколения.", "ru"),
                       ("ChatGPT एक भाषा मॉडल के रूप में काम करता है।", "hi")]:
        d = doc(text, lang)
        assert generator.ai_self_reference(d) == (0.0, []), text
        assert generator.quoted(d)[0] == 1.0, text


def test_apology_mid_sentence_is_not_a_refusal() -> None:
    text = "The spokesman told reporters that I'm sorry, but I cannot is not an answer voters accept."
    d = doc(text, "en")
    assert generator.refusal(d) == (0.0, [])
    assert generator.quoted(d)[0] == 1.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Residents of {city} welcomed the plan, said [Your Name], spokesperson of [Company Name].", 3),
        ("[Insert quote from the mayor here]\n\nThe council approved the plan.", 1),
        ("Warga [Nama Kota] menyambut rencana itu, kata [Nama Perusahaan].", 2),
        ("Los vecinos de [Ciudad] celebraron el plan, dijo [Tu nombre].", 2),
        ("Die Einwohner von [Stadt] begrüßten den Plan, sagte [Ihr Name].", 2),
    ],
)
def test_unfilled_placeholders(text: str, expected: int) -> None:
    assert generator.placeholder(doc(text))[0] == float(expected)


def test_editorial_brackets_are_not_placeholders() -> None:
    text = ('"We will [rebuild] the road," she said, adding that [the company] had paid. '
            "The report [PDF] is online; cases rose 3% [1]. Su padre [su pai] habló.")
    assert generator.placeholder(doc(text, "en")) == (0.0, [])


def test_clean_article_and_uncovered_language() -> None:
    d = doc("The port authority said repairs to the pier would take two weeks and cost 3 million euros.", "en")
    for fn in (generator.ai_self_reference, generator.refusal, generator.meta_commentary, generator.placeholder):
        assert fn(d) == (0.0, [])
    amharic = doc("የወደብ ባለስልጣኑ ጥገናው ሁለት ሳምንት እንደሚወስድ ገልጿል።", "am")
    assert math.isnan(generator.refusal(amharic)[0])
    # English failures are looked for in every language
    assert generator.refusal(doc("I'm sorry, but I can't help with that request.\n\nየወደብ ባለስልጣኑ", "am"))[0] == 1.0


def test_at_least_twelve_languages() -> None:
    assert len(lexicon_languages("generator")) >= 12


def test_failed_generation_published_as_the_headline() -> None:
    d = Document.from_text("The port authority said repairs would take two weeks.", lang="en",
                           title="I'm sorry, but I cannot fulfill this request")
    assert generator.refusal(d) == (1.0, ["I'm sorry, but I cannot"])
    d = Document.from_text("Warga menyambut rencana itu.", lang="id", title="Berikut adalah versi yang ditulis ulang")
    assert generator.meta_commentary(d)[0] == 1.0


def test_bracketed_words_of_a_quote_are_not_placeholders() -> None:
    assert generator.placeholder(doc("«Ci sono giorni in cui [tu pensi] di non farcela», ha detto.", "it")) == (0.0, [])
