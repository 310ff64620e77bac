"""The translation family: machine-translation artefacts and distributional measures, without a translator."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from farmguard.article import Article
from farmguard.features import translation as tr
from farmguard.features.document import Document
from farmguard.features.signal import registered
from farmguard.readers import read_articles

ID_BODY = (
    "Pasukan pemerintah merebut kota itu pada hari Rabu setelah pertempuran sengit. "
    "Rusia mendukung kampanye tersebut dan melakukan ribuan serangan udara di wilayah itu. "
    "Warga mengatakan ribuan orang telah melarikan diri ke perbatasan."
)


def doc(text: str, lang: str) -> Document:
    return Document.from_text(text, lang=lang)


# --- glued tokens and near-misses ---------------------------------------------------------------------------


def test_glued_name_and_word():
    text = ID_BODY + " Mereka menggunakan kota itu sebagai Rusiadorongan untuk maju lebih jauh."
    assert tr.glued_tokens(doc(text, "id")) == (1.0, ["Rusiadorongan"])


def test_glued_in_english_against_english_vocabulary():
    text = (
        "Russia has backed the campaign for months. Rebels said the Russiastrategy had changed the war, "
        "and that the army kept moving north."
    )
    assert tr.glued_tokens(doc(text, "en")) == (1.0, ["Russiastrategy"])


def test_rare_words_and_names_are_not_glued():
    text = (
        "Officials in Donggala said the underprepared fourballs team met Goldsmith at Bestwood. "
        "The findings were published on Monday."
    )
    assert tr.glued_tokens(doc(text, "en")) == (0.0, [])


def test_glued_is_nan_for_compounding_languages():
    d = doc("Die Bundesregierung beschloss am Montag ein Klimaschutzgesetz.", "de")
    assert math.isnan(tr.glued_tokens(d)[0])


def test_name_near_miss():
    text = ID_BODY + " Pada hari Selasa, Rusian dan jet Suriah mengintensifkan pengeboman mereka."
    assert tr.name_near_miss(doc(text, "id")) == (1.0, ["Rusian"])


def test_name_near_miss_needs_the_base_in_the_text():
    text = "Pada hari Selasa, Rusian dan jet Suriah mengintensifkan pengeboman mereka di kota itu."
    assert tr.name_near_miss(doc(text, "id")) == (0.0, [])


def test_name_near_miss_is_nan_where_names_inflect():
    d = doc("Trump je razgovarao s Jonesom o Westovim planovima.", "hr")
    assert math.isnan(tr.name_near_miss(d)[0])


# --- script mixing --------------------------------------------------------------------------------------


def test_latin_fragments_in_arabic():
    text = "وفقًا لبعض وسائل الإعلام، نقلاً عن Ondus ، أسقط الروس طائرة. وبحسب موقع Lenta الإخباري الروسي، فهي طائرة."
    assert tr.latin_fragments(doc(text, "ar")) == (2.0, ["Ondus", "Lenta"])


def test_latin_names_acronyms_and_brands_are_not_fragments():
    text = (
        "قالت Christine Blasey Ford إنها ستشهد أمام اللجنة، وفق BBC و CNN. "
        "ونشرت الصور على Twitter و Facebook، وتباع في متاجر Aldi و Lidl وكذلك YouGov."
    )
    assert tr.latin_fragments(doc(text, "ar")) == (0.0, [])


def test_latin_fragments_nan_for_latin_script_and_chinese():
    assert math.isnan(tr.latin_fragments(doc("Ondus and Lenta said so.", "en"))[0])
    assert math.isnan(tr.latin_fragments(doc("据 Lenta 和 Ondus 报道。", "zh"))[0])


# --- number formats -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ar", "يعيش 2.600.000 شخص في المنطقة.", (1.0, ["2.600.000"])),
        ("en", "About 2.600.000 people live in the region.", (1.0, ["2.600.000"])),
        ("de", "Rund 2,600,000 Menschen leben in der Region.", (1.0, ["2,600,000"])),
        ("id", "Sekitar 2,600,000 orang tinggal di wilayah itu.", (0.0, [])),
        ("de", "Rund 2.600.000 Menschen leben in der Region.", (0.0, [])),
        ("en", "About 2,600,000 people live there, 60.000 fled; on 21.08.2019 at 3.5%.", (0.0, [])),
        ("en", "The budget was 1.234.567,89 euros.", (1.0, ["1.234.567,89"])),
    ],
)
def test_foreign_number_format(lang: str, text: str, expected: tuple[float, list[str]]):
    assert tr.foreign_number_format(doc(text, lang)) == expected


def test_number_format_nan_without_conventions():
    assert math.isnan(tr.foreign_number_format(doc("2.600.000", "xx"))[0])


# --- spacing and quotes ---------------------------------------------------------------------------------------


def test_space_before_arabic_comma():
    text = "نحن نتقدم باتجاه إدلب ، لذلك بدأ الجيش حملته ، فيما يفر آلاف المدنيين ، من البرد."
    value, ev = tr.space_before_punct(doc(text, "ar"))
    assert value == 3 and ev[0] == "إدلب ،"


def test_french_spacing_is_native():
    text = "Pourquoi ? Parce que : voilà ! Il a dit ; rien de plus ? Non ! Vraiment ?"
    assert tr.space_before_punct(doc(text, "fr")) == (0.0, [])


def test_one_or_two_spacing_slips_do_not_count():
    text = "The minister said no , and left. Scores were 2 : 1 and 3 : 0 at the end ."
    assert tr.space_before_punct(doc(text, "en")) == (0.0, [])


def test_foreign_quotes():
    assert tr.foreign_quotes(doc("He said „we will stay“ on Monday.", "en")) == (1.0, ["„"])
    assert tr.foreign_quotes(doc("Er sagte: „Wir bleiben“.", "de")) == (0.0, [])
    assert tr.foreign_quotes(doc("Il a dit « nous restons ».", "fr")) == (0.0, [])


# --- paragraph collapse ---------------------------------------------------------------------------------------


def test_paragraph_collapse():
    sentence = "The army advanced towards the city on Monday while thousands of civilians fled north."
    value, ev = tr.paragraph_collapse(doc(" ".join([sentence] * 25), "en"))
    assert value == 1 and ev[0].startswith("one paragraph of")


def test_same_text_in_paragraphs_is_not_collapsed():
    sentence = "The army advanced towards the city on Monday while thousands of civilians fled north."
    text = "\n\n".join(" ".join([sentence] * 3) for _ in range(8))
    assert tr.paragraph_collapse(doc(text, "en")) == (0.0, [])


# --- measures -----------------------------------------------------------------------------------------------


def test_measures_are_not_indicators_and_indicators_are():
    kinds = {s.name: s.indicator for s in registered("translation")}
    for name in ("glued_tokens", "name_near_miss", "latin_fragments", "foreign_number_format",
                 "space_before_punct", "foreign_quotes", "paragraph_collapse"):
        assert kinds[f"translation.{name}"] is True
    for name in ("oov_rate", "mean_zipf_delta", "top1k_share_delta", "top10k_share_delta", "function_word_delta",
                 "type_token_ratio", "sentence_length_mean", "sentence_length_cv", "comma_rate",
                 "english_sentence_share", "native_quote_share", "hyphen_dash_share"):
        assert kinds[f"translation.{name}"] is False


def test_frequent_words_raise_the_zipf_measures():
    plain = doc("It is what it is and we are here now because we want to be here with you.", "en")
    rare = doc("Photosynthesis requires chlorophyll within thylakoid membranes of chloroplasts.", "en")
    assert tr.mean_zipf_delta(plain)[0] > tr.mean_zipf_delta(rare)[0]
    assert tr.top1k_share_delta(plain)[0] > tr.top1k_share_delta(rare)[0]
    assert tr.oov_rate(rare)[0] >= tr.oov_rate(plain)[0]


def test_norms_come_from_the_word_list():
    v = tr.vocabulary("nl")
    assert v is not None
    assert 0 < v.expected["top100"] < v.expected["top1k"] < v.expected["top10k"] < 1
    assert 4 < v.expected["mean_zipf"] < 7


def test_measures_nan_without_word_list():
    d = doc("Habari za asubuhi, leo tunazungumza kuhusu uchumi wa nchi.", "sw")
    assert math.isnan(tr.mean_zipf_delta(d)[0]) and math.isnan(tr.oov_rate(d)[0])
    assert math.isnan(tr.sentence_length_mean(doc("今天天气很好。我们去公园。", "zh"))[0])


def test_marks_stay_inside_words():
    assert tr.words_of(doc("हिन्दी भाषा", "hi")) == ["हिन्दी", "भाषा"]


def test_sentence_measures():
    d = doc("One two three four. Five six. Seven eight nine ten eleven twelve.", "en")
    assert tr.sentence_length_mean(d) == (4.0, [])
    assert tr.sentence_length_cv(d)[0] > 0.4


@pytest.mark.parametrize(
    "text",
    [
        "One two three. Four five six seven. Eight.",  # single spaces: counted as spaces + 1
        "One  two\tthree. Four\u00a0five six\u2009seven. Eight \u3000nine.",  # other gaps: split
        "Een twee drie\u00ad vier. Vijf zes.",  # an unprintable soft hyphen: split
    ],
)
def test_sentence_lengths_are_whitespace_split_words(text):
    d = doc(text, "en")
    assert tr._sentence_lengths(d) == [len(s.split()) for s in tr.sentence_texts(d)]


def test_odd_space_class_is_every_whitespace_but_space_and_newline():
    """The sentence-length shortcut's google-re2 class: every ``str.isspace`` character except " " and "\\n"."""
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue
        matched = tr._ODD_SPACE_RE2.search(c.encode()) is not None
        assert matched == (c.isspace() and c not in " \n"), hex(cp)
    assert tr._ODD_SPACE_RE2.search("a  b".encode()) and not tr._ODD_SPACE_RE2.search("a b\nc".encode())


def test_folding_class_is_every_character_whose_key_can_differ():
    """``_FOLDING_RE2`` holds exactly the characters whose lower case holds one that ``casefold`` changes or ``_key``
    removes; a text without one has no key differing from its token."""
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        changes = any(ch.casefold() != ch or tr._KEY_SPECIAL.match(ch) for ch in c.lower())
        assert (tr._FOLDING_RE2.search(c.encode()) is not None) == changes, hex(cp)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Die Straße war gesperrt, sagte die Polizei in Straße und Weg.", "de"),  # ß folds to ss
        ("İstanbul'da yağmur yağdı ve İzmir'de güneş vardı.", "tr"),
        ("قُتل عشرات الأشخاص في هجوم على القرية.", "ar"),  # Arabic marks
        ("Le président a été élu à Paris.", "fr"),  # nothing folds: the pass is skipped
    ],
)
def test_word_keys_with_and_without_the_folding_pass(text, lang):
    d = doc(text, lang)
    stats = tr.word_stats(d)
    assert stats.keys == tr._keys_of(set(tr.words_of(d)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain text. Nothing here",
        "Die Straße: 2.600.000 Menschen , sagte er  heute „ja“.",
        "Le prix\u00a0: 15\u202f000 euros – « oui » ; قُتل",
    ],
)
def test_precheck_set_pass_agrees_with_each_search(text):
    d = doc(text, "de")
    raw = text.encode()
    assert tr._prechecks(d) == frozenset(p for p in tr._PRECHECKS if p.search(raw))
    assert [tr._may_match(p, d) for p in tr._PRECHECKS] == [p.search(raw) is not None for p in tr._PRECHECKS]


def test_mark_counts_equal_str_count():
    text = 'He said: „yes“ – “no” — «si» ‘a’ \'b\' "c" ... .... - - -- 10\u00a0% 1\u202f000 – x – y 「z」『w』‚'
    count = tr._mark_counter(doc(text, "en"))
    marks = [*tr._MARK_CHARS, " - ", "...", " – ", " — ", ",", "--", "\u00a0%"]
    assert [count(m) for m in marks] == [text.count(m) for m in marks]
    assert count(" – ") == 3 and count("...") == 2
    plain = tr._mark_counter(doc("No marks at all here", "en"))
    assert plain(" – ") == plain("“") == plain(" - ") == 0


def test_english_sentence_share_counts_sentences_as_a_plain_loop():
    """The one-pass tokenisation and per-sentence bincount give the per-sentence loop's value."""
    text = (
        ID_BODY + " The army of the north said it would keep moving. Ya. The rebels and the army of the east "
        "will fight with the government for the city.\nPasukan itu bergerak ke utara pada hari Kamis pagi."
    )
    d = doc(text, "id")
    english, own = tr.vocabulary("en").zipf, tr.vocabulary("id").zipf
    counted = foreign = 0
    for sentence in tr.sentence_texts(d):
        tokens = tr._MARKED_WORD.findall(sentence.lower())
        if len(tokens) >= tr.FOREIGN_SENTENCE_MIN_WORDS:
            counted += 1
            lean = sum(english.get(t, 0.0) - own.get(t, 0.0) for t in tokens) / len(tokens)
            foreign += lean >= tr.FOREIGN_SENTENCE_MARGIN
    assert counted == 6 and foreign == 2
    assert tr.english_sentence_share(d) == (foreign / counted, [])


def test_english_sentences_left_in_an_indonesian_text():
    text = ID_BODY + " The army of the north said it would keep moving and fighting with the rebels."
    share = tr.english_sentence_share(doc(text, "id"))[0]
    assert 0.2 < share < 0.3  # one of four sentences
    assert tr.english_sentence_share(doc(ID_BODY, "id")) == (0.0, [])
    assert math.isnan(tr.english_sentence_share(doc("The army moved north.", "en"))[0])


# --- the founding seeds -------------------------------------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> Document:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return Document.from_article(next(iter(read_articles([path]))))


@pytest.mark.shared
def test_seed_000_glued_and_split_tokens(seeds_dir: Path):
    d = _seed(seeds_dir, "000")
    assert tr.glued_tokens(d) == (1.0, ["Rusiadorongan"])
    assert tr.name_near_miss(d) == (3.0, ["Rusian"])


@pytest.mark.shared
def test_seed_003_arabic_machine_translation(seeds_dir: Path):
    d = _seed(seeds_dir, "003")
    assert tr.latin_fragments(d) == (2.0, ["Ondus", "Lenta"])
    assert tr.foreign_number_format(d) == (1.0, ["2.600.000"])
    value, ev = tr.space_before_punct(d)
    assert value >= 10 and all(" ،" in e for e in ev)
    assert tr.paragraph_collapse(d)[0] == 1


@pytest.mark.shared
@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_seeds_without_translation_artefacts(seeds_dir: Path, prefix: str):
    d = _seed(seeds_dir, prefix)
    fired = [s.name for s in registered("translation") if s.indicator and s.fn(d)[0] > 0]
    assert fired == []


def test_native_quote_share():
    assert tr.native_quote_share(doc('Er sagte: „Wir bleiben.“ Dann: „Nein.“', "de")) == (1.0, [])
    assert tr.native_quote_share(doc('Он сказал: "Мы остаёмся". И добавил: "Нет".', "ru")) == (0.0, [])
    assert math.isnan(tr.native_quote_share(doc("No quotes at all here.", "en"))[0])


def test_glued_words_in_an_uncased_script_count_from_three():
    body = "قال وزير الخارجية إن مجلس الأمن في الأمم المتحدة سيجتمع. "
    one = body + "وأكد وزيرالخارجية ذلك."
    three = body + "وأكد وزيرالخارجية أن مجلسالأمن والأممالمتحدة سيجتمعون."
    assert tr.glued_tokens(doc(one, "ar")) == (0.0, [])
    value, ev = tr.glued_tokens(doc(three, "ar"))
    assert value == 3 and "وزيرالخارجية" in ev


def test_hyphen_dash_share():
    assert tr.hyphen_dash_share(doc("Homs - the city - fell.", "en")) == (1.0, [])
    assert tr.hyphen_dash_share(doc("Homs – the city – fell.", "en")) == (0.0, [])
    assert math.isnan(tr.hyphen_dash_share(doc("A well-known city fell.", "en"))[0])


# --- the word-frequency table -------------------------------------------------------------------------------


def test_frequency_table_agrees_with_wordfreq_everywhere():
    """Every listed word of a real wordfreq list has its own Zipf (also words in overflowing buckets), and
    words that are not listed are missing, in batch and one by one."""
    import pickle

    import numpy as np
    import wordfreq

    codes: dict[str, int] = {}
    for cb, words in enumerate(wordfreq.read_cBpack(wordfreq.available_languages("best")["id"])):
        if 9.0 - cb / 100.0 < tr.MIN_ZIPF:
            break
        codes.update((w, cb) for w in words if "0" not in w)
    table = tr.FrequencyTable(codes)
    words = list(codes)
    assert len(table) == len(codes) > 20_000
    assert (table.codes_of(words) == np.array(list(codes.values()))).all()
    assert np.isnan(table.zipf_of([w + "qz" for w in words[:5000]])).all()
    for w in words[::97]:
        assert table.get(w) == 9.0 - codes[w] / 100.0 and w in table
    assert table.get("rusiadorongan") is None and "rusiadorongan" not in table
    mixed = [w + "qz" if i % 7 == 0 else w for i, w in enumerate(words[:7000])]
    codes_found, missing = table.lookup(mixed)
    assert missing == list(range(0, 7000, 7))  # the unlisted words, also where a listed word sits in the overflow
    assert (codes_found[missing] == tr.FrequencyTable.MISSING).all()
    with pytest.raises(TypeError):
        pickle.dumps(table)  # str hashes are salted per process


def test_word_stats_match_a_plain_loop_over_the_word_list():
    """The vectorised statistics equal a per-type loop with wordfreq's own Zipf values."""
    import wordfreq

    d = doc(ID_BODY + " Rusian menyerang Xqzv dan Rusia bertahan di kota itu.", "id")
    stats = tr.word_stats(d)
    assert stats is not None
    z = {k: wordfreq.zipf_frequency(k, "id", wordlist="best") for k in stats.counts}
    known = {k: v for k, v in z.items() if v >= tr.MIN_ZIPF}
    assert stats.n == sum(stats.counts.values())
    assert stats.known == sum(stats.counts[k] for k in known)
    assert stats.oov == frozenset(k for k in stats.counts if k not in known)
    assert stats.zipf_sum == pytest.approx(sum(known[k] * stats.counts[k] for k in known), abs=0.05 * stats.known)
    top100 = set(wordfreq.top_n_list("id", 100, wordlist="best"))
    assert stats.top100 == sum(c for k, c in stats.counts.items() if k in top100)


# --- distributional MT measures: typography and function-word profile ----------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # human-set marks: German „…“ with a dash, Russian «…» with an em dash, French « … » and ’
        ("Der Minister sagte: „Wir bleiben hier – bis zum Ende.“ Die Opposition widersprach.", "de", 1.0),
        ("Министр заявил: «Мы остаёмся» — и ушёл. Оппозиция возразила.", "ru", 1.0),
        ("Le ministre a dit : « nous restons » et l’opposition a répondu.", "fr", 1.0),
        # machine output: ASCII quotes, apostrophes and hyphens for dashes
        ('Der Minister sagte: "Wir bleiben hier - bis zum Ende." Die Opposition widersprach.', "de", 0.0),
        ('Министр заявил: "Мы остаёмся" - и ушёл.', "ru", 0.0),
        ("Le ministre a dit : \"nous restons\" et l'opposition a répondu...", "fr", 0.0),
        ('Menteri berkata: "Kami tetap di sini" - lalu pergi… ', "id", 0.25),
    ],
)
def test_typographic_share(text, lang, expected):
    assert tr.typographic_share(doc(text, lang)) == (expected, [])


def test_typographic_share_nan_without_marks():
    assert math.isnan(tr.typographic_share(doc("Der Minister blieb. Die Opposition ging.", "de"))[0])
    assert math.isnan(tr.typographic_share(doc("Er sagte „ja.", "de"))[0])  # one mark is too few
    assert tr.typographic_share(doc('Er sagte "ja".', "de")) == (0.0, [])  # two are enough


FUNCTION_WORD_TEXTS = {
    # plain prose of each language (written for this test) vs a list of content words without function words
    "en": "The minister said on Monday that the government would not change its plan, and that the talks with "
    "the unions were going well. He added that he was sure an agreement could be reached by the end of the "
    "month, but the unions said they had not been asked about the new rules and that they would decide next week.",
    "de": "Der Minister sagte am Montag, dass die Regierung ihren Plan nicht ändern werde und dass die Gespräche "
    "mit den Gewerkschaften gut verliefen. Er fügte hinzu, er sei sicher, dass bis zum Ende des Monats eine "
    "Einigung erreicht werden könne, aber die Gewerkschaften sagten, sie seien zu den neuen Regeln nicht "
    "gefragt worden und würden in der nächsten Woche entscheiden.",
    "es": "El ministro dijo el lunes que el gobierno no cambiaría su plan y que las conversaciones con los "
    "sindicatos iban bien. Añadió que estaba seguro de que se podría alcanzar un acuerdo antes de que "
    "terminara el mes, pero los sindicatos dijeron que no se les había consultado sobre las nuevas normas y "
    "que decidirían la semana que viene.",
}
CONTENT_WORDS = {
    "en": "minister government plan unions agreement month rules week talks Monday " * 6,
    "de": "Minister Regierung Plan Gewerkschaften Einigung Monat Regeln Woche Gespräche Montag " * 6,
    "es": "ministro gobierno plan sindicatos acuerdo mes normas semana conversaciones lunes " * 6,
}


ONE_FUNCTION_WORD = {"en": "and ", "de": "und ", "es": "y "}


@pytest.mark.parametrize("lang", sorted(FUNCTION_WORD_TEXTS))
def test_function_word_distance_prose_is_closer_than_one_repeated_function_word(lang):
    prose = tr.function_word_distance(doc(FUNCTION_WORD_TEXTS[lang], lang))[0]
    repeated = tr.function_word_distance(doc(ONE_FUNCTION_WORD[lang] * 60, lang))[0]
    assert 0.0 < prose < repeated
    # all words on one top word w: |1 - p(w)| + (top-100 mass - p(w)) = 1 + mass - 2 p(w)
    vocab = tr.vocabulary(tr.conventions(lang).wordfreq)
    word = ONE_FUNCTION_WORD[lang].strip()
    assert repeated == pytest.approx(1 + sum(vocab.function_words.values()) - 2 * vocab.function_words[word])


@pytest.mark.parametrize("lang", sorted(CONTENT_WORDS))
def test_function_word_distance_of_content_words_is_the_missing_mass(lang):
    # no function word at all: the distance is the language's whole top-100 share
    vocab = tr.vocabulary(tr.conventions(lang).wordfreq)
    value = tr.function_word_distance(doc(CONTENT_WORDS[lang], lang))[0]
    assert value == pytest.approx(sum(vocab.function_words.values()), abs=0.02)


def test_function_word_distance_nan_when_short_or_no_word_list():
    assert math.isnan(tr.function_word_distance(doc("The minister said no.", "en"))[0])
    assert math.isnan(tr.function_word_distance(doc("東京で会議が開かれた。" * 30, "ja"))[0])


def test_function_words_are_the_top_of_the_list():
    vocab = tr.vocabulary("en")
    assert len(vocab.function_words) == 100
    assert {"the", "of", "and"} <= set(vocab.function_words)
    assert 0.3 < sum(vocab.function_words.values()) < 0.7


@pytest.mark.parametrize(
    ("text", "lang", "ascii_marks", "typographic_marks"),
    [
        ('Der Minister sagte: "Wir bleiben hier - bis zum Ende."', "de", 3, 0),
        ("Der Minister sagte: „Wir bleiben hier – bis zum Ende.“", "de", 0, 3),
        ('Министр сказал: "Мы останемся здесь - до самого конца..."', "ru", 4, 0),
        ("Министр сказал: «Мы останемся здесь — до самого конца…»", "ru", 0, 4),
        ("The minister said it's the plan, and we're staying here.", "en", 2, 0),
        ("The minister said it’s the plan, and we’re staying here.", "en", 0, 2),
    ],
)
def test_ascii_and_typographic_punct_rates(text, lang, ascii_marks, typographic_marks):
    d = doc(text, lang)
    per_100_words = 100.0 / len(d.words)
    assert tr.ascii_punct_rate(d)[0] == pytest.approx(ascii_marks * per_100_words)
    assert tr.typographic_punct_rate(d)[0] == pytest.approx(typographic_marks * per_100_words)


def test_punct_rates_zero_without_marks_nan_without_words():
    d = doc("Il ministro ha parlato lunedì a Roma.", "it")
    assert tr.ascii_punct_rate(d) == (0.0, []) and tr.typographic_punct_rate(d) == (0.0, [])
    assert math.isnan(tr.ascii_punct_rate(doc("– … –", "it"))[0])


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Die Arbeitslosigkeit sank auf 5,1 % und die Inflation auf 2 %.", "de", 1.0),
        ("Die Arbeitslosigkeit sank auf 5,1% und die Inflation auf 2%.", "de", 0.0),
        ("Le chômage a baissé à 7,1\u00a0% et l’inflation à 4\u202f%.", "fr", 1.0),  # NBSP, narrow NBSP
        ("Unemployment fell to 5.1% and inflation to 2 %.", "en", 0.5),
    ],
)
def test_spaced_percent_share(text, lang, expected):
    assert tr.spaced_percent_share(doc(text, lang)) == (expected, [])


def test_spaced_percent_share_nan_without_percentages():
    assert math.isnan(tr.spaced_percent_share(doc("Die Preise stiegen um fünf Prozent.", "de"))[0])
    assert math.isnan(tr.spaced_percent_share(doc("Rabatt % heute", "de"))[0])  # a sign without a number


def test_native_spacing_share_french():
    assert tr.native_spacing_share(doc("Il a dit : « non ». Pourquoi ? Parce que !", "fr")) == (1.0, [])
    assert tr.native_spacing_share(doc("Il a dit: non. Pourquoi? Parce que!", "fr")) == (0.0, [])


def test_native_spacing_share_nan_where_the_language_does_not_space_marks():
    assert math.isnan(tr.native_spacing_share(doc("Er sagte: nein. Warum? Darum!", "de"))[0])
    assert math.isnan(tr.native_spacing_share(doc("He said: no. Why? Because!", "en"))[0])
    assert math.isnan(tr.native_spacing_share(doc("Il est parti. Elle reste.", "fr"))[0])  # no such mark


@pytest.mark.parametrize(
    ("text", "lang", "spaces"),
    [
        ("Le chômage a baissé à 7,1\u00a0% et l’inflation à 4\u202f%.", "fr", 2),
        ("Le chômage a baissé à 7,1 % et l’inflation à 4 %.", "fr", 0),
        ("Населення міста становить 10\u00a0000 осіб.", "uk", 1),
        ("Населення міста становить 10 000 осіб.", "uk", 0),
        ("Počet obyvatel je 10\u00a0000 a\u00a0roste.", "cs", 2),
    ],
)
def test_no_break_space_rate(text, lang, spaces):
    d = doc(text, lang)
    assert tr.no_break_space_rate(d)[0] == pytest.approx(100.0 * spaces / len(d.words))


# --- headline casing ---------------------------------------------------------------------------------------


def test_headline_title_case_in_sentence_case_languages():
    title_cased = Article(title="Regering Kondigt Nieuwe Maatregelen Aan Tegen Overstromingen", text="Het kabinet besloot dinsdag.", lang="nl")
    value, ev = tr.headline_title_case(Document.from_article(title_cased))
    assert value == 1.0 and ev == ["Regering Kondigt Nieuwe Maatregelen Aan Tegen Overstromingen"]
    # a stacked Title Case copy at the top of the body counts too (French)
    body = "Le Gouvernement Annonce Des Mesures Contre Les Inondations\n\nLe gouvernement a annoncé mardi des mesures."
    stacked = Article(title="Le gouvernement annonce des mesures contre les inondations", text=body, lang="fr")
    assert tr.headline_title_case(Document.from_article(stacked))[0] == 1.0


def test_headline_sentence_case_with_names_stays_low():
    art = Article(title="Kanselier Scholz ontmoet president Macron in Berlijn over gasprijzen", text="Het overleg duurde uren.", lang="nl")
    value, ev = tr.headline_title_case(Document.from_article(art))
    assert value < 0.5 and ev == []


def test_headline_title_case_is_nan_where_headlines_are_title_cased_or_too_short():
    english = Article(title="Government Announces New Flood Measures", text="The cabinet decided.", lang="en")
    assert math.isnan(tr.headline_title_case(Document.from_article(english))[0])
    short = Article(title="Brand in Gent", text="Een woning brandde uit.", lang="nl")
    assert math.isnan(tr.headline_title_case(Document.from_article(short))[0])
