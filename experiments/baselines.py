"""Baselines farmguard is compared against (design.md §6), on the same split.

1. **TF-IDF character n-grams + logistic regression** (scikit-learn): ``char_wb`` 2–4-grams of
   the title and text (sublinear tf, at most 200,000 n-grams), multinomial logistic regression
   with balanced class weights. Trained on the non-test rows, a three-label classifier.
2. **Heuristic quality filters** from datatrove (``pip install farmguard[experiments]``), the
   rules web-text curation uses to drop low-quality pages: Gopher quality, Gopher repetition,
   C4 quality and FineWeb quality, with their default thresholds. A document any filter drops
   is called ``scraped``, every other document "not scraped". It has no notion of syndication,
   so it is compared on the binary task *scraped vs not*.

   Adaptations, all forced by running the filters offline on many languages: datatrove's word
   tokenizers need spaCy or NLTK models (downloads), so a Unicode regex tokenizer is passed
   instead (words ``\\w+``, sentences split after ``. ! ? 。 ！ ？`` and line breaks); Gopher's
   stop-word rule uses English stop words, so it is applied to English documents only (on other
   languages it would drop every document); C4's bad-words filter needs a download and is not
   used (the others are as shipped).

>>> prose = "\\n".join([
...     "The city council approved a new water plan on Monday after a long debate.",
...     "Farmers in the region welcomed the decision, while officials asked for more time.",
...     "Schools, hospitals and roads will receive extra funding over the next three years.",
...     "The ministry said the first payments would arrive before the end of the summer.",
...     "Critics argued that the budget ignored the needs of smaller villages in the north.",
...     "A spokesperson for the mayor said the plan would be reviewed again next spring.",
...     "Residents can read the full proposal at the public library from next week."])
>>> heuristic_filter_labels(["Buy now", prose], ["en", "en"])
[(True, 'GopherRepetitionFilter:top_2_gram'), (False, '')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

TFIDF_MAX_CHARS = 20_000
"""Characters of each article the TF-IDF baseline reads (title + start of the text)."""


@dataclass
class TfidfBaseline:
    """TF-IDF char n-grams + logistic regression over the three labels."""

    max_features: int = 200_000
    ngram_range: tuple[int, int] = (2, 4)
    C: float = 4.0
    seed: int = 13
    pipeline: Any = None

    @staticmethod
    def _texts(articles: Sequence[Any]) -> list[str]:
        return [((a.title or "") + "\n" + a.text)[:TFIDF_MAX_CHARS] for a in articles]

    def fit(self, articles: Sequence[Any], y: np.ndarray) -> "TfidfBaseline":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        self.pipeline = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range, max_features=self.max_features,
                            sublinear_tf=True, min_df=2, dtype=np.float32),
            LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced", random_state=self.seed),
        )
        self.pipeline.fit(self._texts(articles), y)
        return self

    def predict_proba(self, articles: Sequence[Any]) -> np.ndarray:
        proba = self.pipeline.predict_proba(self._texts(articles))
        # columns in class order 0..2 even if a class was missing from training
        out = np.zeros((len(articles), 3))
        out[:, self.pipeline.classes_] = proba
        return out

    def params(self) -> dict[str, Any]:
        return {"baseline": "tfidf-char-logreg", "analyzer": "char_wb", "ngram_range": str(self.ngram_range),
                "max_features": self.max_features, "C": self.C, "class_weight": "balanced",
                "max_chars": TFIDF_MAX_CHARS}


# --- datatrove heuristic filters -------------------------------------------------------------------

_WORD = re.compile(r"\w+|[^\w\s]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def _regex_tokenizer() -> Any:
    from datatrove.utils.word_tokenizers import WordTokenizer

    class RegexTokenizer(WordTokenizer):
        """Language-independent tokenizer (no model downloads): ``\\w+`` words and punctuation runs."""

        def word_tokenize(self, text: str) -> list[str]:
            return _WORD.findall(text)

        def sent_tokenize(self, text: str) -> list[str]:
            return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            spans, start = [], 0
            for sentence in self.sent_tokenize(text):
                i = text.index(sentence, start)
                spans.append((i, i + len(sentence)))
                start = i + len(sentence)
            return spans

    return RegexTokenizer("xx")


def _filters(english: bool) -> list[Any]:
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    tok = _regex_tokenizer()
    return [
        GopherRepetitionFilter(language=tok),
        GopherQualityFilter(language=tok, min_stop_words=2 if english else None),
        FineWebQualityFilter(language=tok),
        C4QualityFilter(language=tok),
    ]


def heuristic_filter_labels(texts: Sequence[str], langs: Sequence[str]) -> list[tuple[bool, str]]:
    """For each text: ``(dropped, reason)``: dropped by any datatrove filter (reason = the first rule)."""
    from datatrove.data import Document

    per_lang = {True: _filters(True), False: _filters(False)}
    out = []
    for i, (text, lang) in enumerate(zip(texts, langs)):
        filters = per_lang[lang == "en"]
        verdict: tuple[bool, str] = (False, "")
        for f in filters:
            doc = Document(text=text, id=str(i))  # C4 rewrites doc.text: give each filter a fresh document
            try:
                result = f.filter(doc)
            except (ZeroDivisionError, ValueError) as exc:  # empty text and similar degenerate input
                result = (False, f"error:{type(exc).__name__}")
            kept = result if isinstance(result, bool) else bool(result[0])
            if not kept:
                reason = "" if isinstance(result, bool) else str(result[1])
                verdict = (True, f"{type(f).__name__}:{reason}")
                break
        out.append(verdict)
    return out


def heuristic_params() -> dict[str, Any]:
    import datatrove

    return {"baseline": "datatrove-heuristics", "datatrove_version": getattr(datatrove, "__version__", "?"),
            "filters": "GopherRepetition,GopherQuality,FineWebQuality,C4Quality", "tokenizer": "unicode-regex",
            "gopher_stop_words": "english documents only", "mapping": "dropped by any filter => scraped"}
