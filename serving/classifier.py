"""The Classifier API: load a bundle once, label articles fast, explain why.

>>> from farmguard import Classifier                                   # doctest: +SKIP
>>> clf = Classifier.load()                     # the shipped default model   # doctest: +SKIP
>>> pred = clf.predict("Keluaran SGP hari ini ...", explain=True)         # doctest: +SKIP
>>> pred.label, pred.needs_review, pred.reasons[0].signal                  # doctest: +SKIP
('scraped', False, 'spam.tail_gambling')
>>> for p in clf.predict_many(articles, batch_size=256): ...                # doctest: +SKIP

A :class:`Classifier` is immutable after loading and safe to share between threads: feature
extraction is pure and the LightGBM calls go through :class:`~farmguard.serving.booster.SafeBooster`.
Inputs may be :class:`~farmguard.article.Article` records, plain strings (the article text) or
dicts with the design.md §2 field names; unknown dict fields are passed through to the output.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from farmguard.article import LABELS, Article
from farmguard.errors import ModelFileError, RecordError
from farmguard.features import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    Document,
    extract,
    extract_many,
    feature_names,
    signal_values,
)
from farmguard.features.document import MAX_TEXT_CHARS

from .booster import SafeBooster
from .bundle import BundleRefused, check_payload, finalize_payload, load_bundle, payload_sha256
from .calibration import apply_calibration
from .policy import DecisionPolicy

DEFAULT_MODEL = "default.joblib"
"""File name of the shipped model inside ``farmguard/serving/models/``."""

MAX_REASONS = 5
"""How many signals an explanation lists (the strongest toward the predicted label)."""

ArticleLike = Article | str | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Reason:
    """One signal that pushed the prediction toward its label (``value`` is never NaN: see ``_reasons``).

    ``effect`` is the signal's contribution (LightGBM TreeSHAP, divided by the calibration
    temperature) to the calibrated log-odds of the predicted label against the mean of the other
    labels: the effects of all signals plus the model's bias add up to that log-odds.
    """

    signal: str
    value: float
    effect: float
    evidence: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"signal": self.signal, "value": self.value, "effect": round(self.effect, 4), "evidence": self.evidence}


@dataclass(slots=True)
class Prediction:
    """The verdict on one article (design.md §2); :meth:`to_dict` gives the output record."""

    id: str
    label: str
    probabilities: dict[str, float]
    needs_review: bool
    model_version: str
    reasons: list[Reason] | None = None
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The output record: design.md §2 field order, ``reasons`` only when explained, extras last.

        >>> Prediction("a1", "scraped", {"original": 0.1, "syndicated": 0.1, "scraped": 0.8}, False,
        ...            "farmguard-1.0.0+abc", extra={"feed": "x"}).to_dict()["feed"]
        'x'
        """
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "probabilities": {k: round(v, 6) for k, v in self.probabilities.items()},
            "needs_review": self.needs_review,
            "model_version": self.model_version,
        }
        if self.reasons is not None:
            out["reasons"] = [r.to_dict() for r in self.reasons]
        out["warnings"] = list(self.warnings)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


def default_model_path() -> Path:
    """Where the shipped default model lives (it may be absent in a source checkout before training)."""
    return Path(str(resources.files("farmguard.serving") / "models" / DEFAULT_MODEL))


def as_article(item: ArticleLike, index: int = 0) -> Article:
    """An Article from an Article, a text string or a §2-shaped dict; RecordError when it is none.

    >>> as_article("Body text.").text
    'Body text.'
    >>> as_article({"id": "x", "text": "t", "feed": "f"}).extra
    {'feed': 'f'}
    """
    if isinstance(item, Article):
        article = item
    elif isinstance(item, str):
        article = Article(text=item)
    elif isinstance(item, Mapping):
        try:
            article = Article.from_mapping(item)
        except ValueError as exc:
            raise RecordError("<input>", f"item {index + 1}", str(exc)) from None
    else:
        raise RecordError("<input>", f"item {index + 1}", f"expected an Article, str or dict, got {type(item).__name__}")
    if not article.text and article.html:
        from farmguard.html_extract import fill_from_html

        fill_from_html(article)
    return article


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(article: Article) -> Article:
    """The article, or a copy whose text/title have lone UTF-16 surrogates replaced by U+FFFD.

    JSON allows ``"\\ud800"``, so a JSONL record can carry a code point no UTF-8 encoder (and so
    no regex engine like re2) accepts; a surrogate pair split into two code points is re-joined.

    >>> without_lone_surrogates(Article(text="a\\ud800b", id="x")).text == "a\\ufffdb"
    True
    """
    text, title = article.text, article.title
    if not LONE_SURROGATE.search(text) and not (title and LONE_SURROGATE.search(title)):
        return article
    fix = lambda s: s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # noqa: E731
    return dataclasses.replace(article, text=fix(text), title=fix(title) if title else title)


class Classifier:
    """A loaded model bundle: calibrated labels, review flags and explanations for articles.

    Build it with :meth:`load` (a bundle file) or :meth:`from_payload` (an in-memory bundle, e.g.
    from :class:`~farmguard.serving.estimator.FarmguardClassifier`).
    """

    def __init__(
        self,
        payload: Mapping[str, Any],
        *,
        policy: str = "default",
        max_chars: int = MAX_TEXT_CHARS,
        lean_import: bool = False,
        source: str = "<memory>",
    ) -> None:
        check_payload(source, dict(payload))
        self.payload = payload
        self.source = source
        self.sha256: str = payload.get("sha256") or payload_sha256(finalize_payload(dict(payload)))
        self.labels: tuple[str, ...] = tuple(payload["labels"])
        if sorted(self.labels) != sorted(LABELS):
            raise BundleRefused(source, "malformed", f"malformed bundle: labels {list(self.labels)} are not {list(LABELS)}")
        # Columns of the model's probabilities, reordered to LABELS order.
        self._label_order = np.array([self.labels.index(label) for label in LABELS])
        self.model_feature_names: list[str] = list(payload["feature_names"])
        self._columns = _column_map(self.model_feature_names, source)
        self.calibration: dict[str, Any] = dict(payload["calibration"])
        self.temperature = float(self.calibration["temperature"])
        self.review: dict[str, float] = dict(payload["review"])
        self.policy = DecisionPolicy.named(policy, self.review)
        self.max_chars = max_chars
        self.model_version = f"farmguard-{payload['farmguard_version']}+{self.sha256[:12]}"
        try:
            self.booster = SafeBooster(payload["model"], lean_import=lean_import)
        except Exception as exc:  # lightgbm raises its own LightGBMError for a bad model string
            raise BundleRefused(source, "malformed", f"malformed bundle: the model is not a LightGBM model ({exc})") from None
        if self.booster.num_class != len(self.labels) or self.booster.num_feature != len(self.model_feature_names):
            raise BundleRefused(
                source,
                "malformed",
                f"malformed bundle: the model has {self.booster.num_class} classes and {self.booster.num_feature} "
                f"features, the bundle names {len(self.labels)} and {len(self.model_feature_names)}",
            )

    # --- construction ------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        policy: str = "default",
        max_chars: int = MAX_TEXT_CHARS,
        lean_import: bool = False,
    ) -> "Classifier":
        """Load a bundle file (default: the shipped model) through the restricted loader.

        ``policy`` is a :mod:`~farmguard.serving.policy` name; ``max_chars`` the text limit per
        article (longer text is cut and flagged in ``warnings``); ``lean_import`` imports lightgbm
        without pandas/scikit-learn (see :mod:`~farmguard.serving.booster`; the CLI uses it).
        Raises :class:`~farmguard.errors.ModelFileError` with a one-line reason for a bad file.
        """
        if path is None:
            model_path = default_model_path()
            if not model_path.is_file():
                raise ModelFileError(
                    f"no shipped model: {model_path} is not in this installation "
                    "(train one with `farmguard train` and pass --model PATH)"
                )
        else:
            model_path = Path(path)
        payload = load_bundle(model_path, expected_schema=(SCHEMA_NAME, SCHEMA_VERSION))
        return cls(payload, policy=policy, max_chars=max_chars, lean_import=lean_import, source=str(model_path))

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any], **options: Any) -> "Classifier":
        """A Classifier from an in-memory bundle payload (same checks as a file, no disk)."""
        return cls(payload, **options)

    def with_policy(self, policy: str) -> "Classifier":
        """A copy of this classifier deciding with another policy (shares nothing mutable)."""
        return type(self)(self.payload, policy=policy, max_chars=self.max_chars, source=self.source)

    # --- prediction -----------------------------------------------------------------------
    def predict(self, article: ArticleLike, explain: bool = False) -> Prediction:
        """Label one article (an Article, its text, or a §2 dict).

        >>> clf.predict("AMMAN (Reuters) - Tens of thousands fled ...").label   # doctest: +SKIP
        'syndicated'
        """
        return self._predict_batch([as_article(article)], explain)[0]

    def predict_many(
        self,
        articles: Iterable[ArticleLike],
        batch_size: int = 256,
        explain: bool = False,
        on_error: Callable[[RecordError], None] | None = None,
    ) -> Iterator[Prediction]:
        """Label many articles lazily, in input order, one LightGBM call per ``batch_size`` articles.

        A bad item (a dict without text, or an article whose features cannot be extracted)
        raises :class:`~farmguard.errors.RecordError`; with ``on_error`` it is passed there and
        skipped instead, so every good article is still labelled.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        batch: list[Article] = []
        for index, item in enumerate(articles):
            try:
                batch.append(as_article(item, index))
            except RecordError as err:
                if on_error is None:
                    raise
                on_error(err)
                continue
            if len(batch) >= batch_size:
                yield from self._predict_batch(batch, explain, on_error)
                batch = []
        if batch:
            yield from self._predict_batch(batch, explain, on_error)

    def predict_proba(self, articles: Sequence[ArticleLike]) -> np.ndarray:
        """Calibrated probabilities ``(n, 3)`` in ``LABELS`` order, without decisions or outputs."""
        docs = [self._document(as_article(a, i)) for i, a in enumerate(articles)]
        rows = np.vstack([self._vector(extract(doc)) for doc in docs]) if docs else np.zeros((0, len(self._columns)))
        return self._probabilities(rows)

    def predict_proba_features(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probabilities ``(n, 3)`` in ``LABELS`` order for rows of the current feature
        vector (the output of ``farmguard.features.extract_many``, e.g. rows cached by training)."""
        rows = np.asarray(X, dtype=np.float64)
        if rows.shape[0] == 0:
            return np.zeros((0, len(LABELS)))
        return self._probabilities(rows[:, self._columns])

    # --- internals --------------------------------------------------------------------------
    def _document(self, article: Article) -> Document:
        return Document.from_article(without_lone_surrogates(article), self.max_chars)

    def _vector(self, full: np.ndarray) -> np.ndarray:
        return full[self._columns]

    def _probabilities(self, rows: np.ndarray) -> np.ndarray:
        raw = self.booster.raw_scores(rows)
        return apply_calibration(raw, self.calibration)[:, self._label_order]

    def _predict_batch(
        self,
        articles: list[Article],
        explain: bool,
        on_error: Callable[[RecordError], None] | None = None,
    ) -> list[Prediction]:
        kept: list[Article] = []
        docs: list[Document] = []
        for article in articles:
            try:
                docs.append(self._document(article))
            except Exception as exc:  # a hostile article must not sink the batch
                self._failed(article, exc, on_error)
                continue
            kept.append(article)
        rows: list[np.ndarray] = []
        evidence: list[dict[str, tuple[float, list[str]]]] = []
        if not explain:
            try:  # signal by signal over the batch (~15% faster than one article at a time, same rows)
                rows = list(extract_many(docs)[:, self._columns])
            except Exception:
                rows = []  # one article broke a signal: extract one by one below to find it
        if not rows:
            good_articles, good_docs = [], []
            for article, doc in zip(kept, docs):
                try:
                    if explain:
                        values = signal_values(doc)
                        full = np.array([v.value for v in values], dtype=np.float32)
                        evidence.append({v.name: (v.value, v.evidence) for v in values})
                    else:
                        full = extract(doc)
                except Exception as exc:
                    self._failed(article, exc, on_error)
                    continue
                good_articles.append(article)
                good_docs.append(doc)
                rows.append(self._vector(full))
            kept, docs = good_articles, good_docs
        if not kept:
            return []
        X = np.vstack(rows)
        probs = self._probabilities(X)
        label_idx, review = self.policy.decide(probs)
        contribs = self.booster.contributions(X) if explain else None
        out = []
        for i, (article, doc) in enumerate(zip(kept, docs)):
            label = LABELS[label_idx[i]]
            reasons = self._reasons(contribs[i], label, evidence[i]) if contribs is not None else None
            out.append(
                Prediction(
                    id=article.id,
                    label=label,
                    probabilities={name: float(probs[i, j]) for j, name in enumerate(LABELS)},
                    needs_review=bool(review[i]),
                    model_version=self.model_version,
                    reasons=reasons,
                    warnings=self._warnings(doc),
                    extra=dict(article.extra),
                )
            )
        return out

    @staticmethod
    def _failed(article: Article, exc: Exception, on_error: Callable[[RecordError], None] | None) -> None:
        """Report an article whose features could not be extracted (raise without ``on_error``)."""
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        err = RecordError(_where_file(article), _where_record(article),
                          f"feature extraction failed: {type(exc).__name__}: {detail}")
        if on_error is None:
            raise err from exc
        on_error(err)

    def _reasons(
        self, contrib: np.ndarray, label: str, evidence: Mapping[str, tuple[float, list[str]]]
    ) -> list[Reason]:
        """The signals that pushed toward ``label`` (``contrib``: model classes x (features + bias)).

        Only signals with a positive effect and a value (not NaN: a signal that does not apply is
        no reason) are listed, at most :data:`MAX_REASONS`, strongest first. Signals that fired with
        evidence a moderator can show are chosen before measures without evidence spans, so a
        weak but visible cause (a spam phrase) is not crowded out by five ratios.
        """
        k = self.labels.index(label)
        per_feature = contrib[:, :-1]
        others = np.delete(per_feature, k, axis=0).mean(axis=0)
        effect = (per_feature[k] - others) / self.temperature
        with_evidence: list[Reason] = []
        measures: list[Reason] = []
        for j in np.argsort(-effect, kind="stable"):
            if effect[j] <= 0:
                break
            name = self.model_feature_names[j]
            value, spans = evidence.get(name, (math.nan, []))
            if math.isnan(value):
                continue
            reason = Reason(name, round(float(value), 6), float(effect[j]), spans)
            (with_evidence if spans and value != 0 else measures).append(reason)
            if len(with_evidence) >= MAX_REASONS:
                break
        chosen = (with_evidence + measures)[:MAX_REASONS]
        return sorted(chosen, key=lambda r: -r.effect)

    def _warnings(self, doc: Document) -> list[str]:
        warnings = []
        if doc.truncated:
            warnings.append(f"text truncated to {self.max_chars} characters")
        if not doc.text.strip():
            warnings.append("empty text: the label rests on the model's prior alone")
        return warnings

    def __repr__(self) -> str:
        return f"Classifier({self.model_version}, policy={self.policy.name!r}, source={self.source!r})"


def _column_map(model_names: list[str], source: str) -> np.ndarray:
    """Indices into the current feature vector of the model's features, in the model's order.

    A model trained on schema v1 stays usable when later signals were added to the extractor
    without a version bump; a model that needs a signal this farmguard lacks is refused.
    """
    current = {name: i for i, name in enumerate(feature_names())}
    missing = [name for name in model_names if name not in current]
    if missing:
        raise BundleRefused(
            source,
            "schema-mismatch",
            f"schema mismatch: the model needs {len(missing)} signal(s) this farmguard does not extract "
            f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})",
        )
    return np.array([current[name] for name in model_names], dtype=np.intp)


def _where_file(article: Article) -> str:
    return article.location.file if article.location else "<input>"


def _where_record(article: Article) -> str:
    if article.location is None or article.location.unit == "file":
        return f"article {article.id}"
    return f"{article.location.unit} {article.location.number}"
