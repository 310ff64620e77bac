"""A labelled data set for training and evaluation: articles, labels and the corpus attributes.

Records are read with :func:`farmguard.readers.read_articles` (any supported format);
each needs a ``label``. A record that cannot be read, or has no label, is reported
through ``on_bad`` and skipped. The corpus attributes of design.md §5 are read from
the records' extra fields when present: ``story_id`` (the group of all versions of one
source story: splits never cut through it), ``families``, ``split`` and ``difficulty``.

>>> from farmguard.article import Article
>>> ds = LabelledSet.from_articles([
...     Article(text="AMMAN (Reuters) - ...", lang="en", label="syndicated", extra={"story_id": "s1"}),
...     Article(text="Keluaran SGP", lang="id", label="scraped", extra={"families": ["spam:tail"]})])
>>> ds.y.tolist(), ds.groups[0], ds.families
([1, 2], 's1', [(), ('spam:tail',)])
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from farmguard.article import LABELS, Article
from farmguard.errors import InputError, RecordError

DEMO_CORPUS = "data/demo_corpus.jsonl"
"""The embedded demo corpus, package data of ``farmguard.training`` (built by the corpus builder)."""

VALID_NAMES = ("valid", "validation", "dev")
TEST_NAME = "test"

BadRecordHandler = Callable[[RecordError], None]


def demo_corpus_path() -> Path:
    """Path of the demo corpus shipped inside the package; InputError when this install lacks it.

    >>> demo_corpus_path().name
    'demo_corpus.jsonl'
    """
    path = Path(str(resources.files("farmguard.training").joinpath(DEMO_CORPUS)))
    if not path.is_file():
        raise InputError(f"{path}: the embedded demo corpus is missing from this installation")
    return path


def _families(value: Any) -> tuple[str, ...]:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                return tuple(str(v) for v in parsed if str(v))
        for sep in (";", "|", ","):
            if sep in text:
                return tuple(p.strip() for p in text.split(sep) if p.strip())
        return (text,)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if v is not None and str(v))
    return (str(value),)


def _optional_str(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _lang_of(article: Article) -> str:
    from farmguard.features.language import UNKNOWN, detect_language, normalize_lang

    if article.lang:
        lang = normalize_lang(article.lang)
        if lang and lang != UNKNOWN:
            return lang
    return detect_language(article.text[:1000])[0]


@dataclass
class LabelledSet:
    """Articles with integer labels (index into ``LABELS``) and their corpus attributes, row-aligned."""

    articles: list[Article]
    y: np.ndarray
    groups: list[str]
    langs: list[str]
    families: list[tuple[str, ...]]
    difficulty: list[str | None]
    split: list[str | None]
    source: str = "<memory>"
    n_bad: int = 0
    labels: tuple[str, ...] = field(default=LABELS)

    @classmethod
    def from_articles(cls, articles: Sequence[Article], source: str = "<memory>", n_bad: int = 0) -> "LabelledSet":
        """Build from Articles that all carry a label (ValueError otherwise)."""
        y, groups, langs, fams, diff, split = [], [], [], [], [], []
        for art in articles:
            if art.label not in LABELS:
                raise ValueError(f"article {art.id} has no label")
            y.append(LABELS.index(art.label))
            extra = art.extra
            groups.append(_optional_str(extra.get("story_id")) or art.id)
            langs.append(_lang_of(art))
            fams.append(_families(extra.get("families", extra.get("family"))))
            diff.append(_optional_str(extra.get("difficulty")))
            s = _optional_str(extra.get("split"))
            split.append(s.lower() if s else None)
        return cls(list(articles), np.array(y, dtype=np.int64), groups, langs, fams, diff, split, source, n_bad)

    def __len__(self) -> int:
        return len(self.articles)

    def subset(self, idx: Sequence[int] | np.ndarray) -> "LabelledSet":
        """The rows ``idx`` as a new set (same source)."""
        ix = [int(i) for i in idx]
        return LabelledSet(
            [self.articles[i] for i in ix],
            self.y[ix] if ix else np.zeros(0, np.int64),
            [self.groups[i] for i in ix],
            [self.langs[i] for i in ix],
            [self.families[i] for i in ix],
            [self.difficulty[i] for i in ix],
            [self.split[i] for i in ix],
            self.source,
            self.n_bad,
            self.labels,
        )

    def attribute(self, name: str) -> list[Any]:
        """A slicing attribute per row: ``lang``, ``family`` (tuples), ``difficulty``, ``split`` or ``label``."""
        if name == "lang":
            return list(self.langs)
        if name in ("family", "families"):
            return list(self.families)
        if name == "difficulty":
            return list(self.difficulty)
        if name == "split":
            return list(self.split)
        if name == "label":
            return [self.labels[i] for i in self.y]
        raise InputError(f"unknown slice {name!r} (known: lang, family, difficulty, split, label)")

    def counts(self) -> dict[str, Any]:
        """Counts by label, split, language and family (plain data for the bundle and MLflow)."""
        return {
            "n": len(self),
            "by_label": {label: int((self.y == i).sum()) for i, label in enumerate(self.labels)},
            "by_split": dict(sorted(Counter(s or "none" for s in self.split).items())),
            "by_lang": dict(sorted(Counter(self.langs).items())),
            "by_family": dict(sorted(Counter(f for fams in self.families for f in fams).items())),
            "n_stories": len(set(self.groups)),
            "bad_records_skipped": self.n_bad,
        }

    def fingerprint(self) -> str:
        """A hash of the data's content and labels, order-independent (identifies the training data).

        >>> a = Article(text="x", label="original"); b = Article(text="y", label="scraped")
        >>> LabelledSet.from_articles([a, b]).fingerprint() == LabelledSet.from_articles([b, a]).fingerprint()
        True
        """
        from .features_cache import article_key

        rows = sorted(article_key(a) + bytes([int(y)]) for a, y in zip(self.articles, self.y))
        h = hashlib.sha256()
        for row in rows:
            h.update(row)
        return h.hexdigest()[:16]


def load_labelled(
    path: str | Path,
    on_bad: BadRecordHandler | None = None,
    limit: int | None = None,
) -> LabelledSet:
    """Read a labelled data set from any supported format; records without a label count as bad.

    ``on_bad`` receives each bad record's :class:`RecordError` (the record is skipped).
    Raises :class:`InputError` when the input cannot be read at all or holds no usable record.
    """
    from farmguard.readers import read_articles

    articles: list[Article] = []
    n_bad = 0

    def bad(err: RecordError) -> None:
        nonlocal n_bad
        n_bad += 1
        if on_bad is not None:
            on_bad(err)

    for item in read_articles(str(path), on_error=bad):
        if item.label is None:
            loc = item.location
            bad(RecordError(loc.file if loc else str(path), _where(loc), "no 'label' (training needs one)"))
            continue
        articles.append(item)
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise InputError(f"{path}: no labelled record to train or evaluate on ({n_bad} bad records)")
    return LabelledSet.from_articles(articles, str(path), n_bad)


def _where(loc: Any) -> str:
    if loc is None:
        return "record ?"
    return f"{loc.unit} {loc.number}" if loc.unit != "file" else "file"
