"""The feature vector: schema pin, purity, batch extraction in worker processes."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from farmguard.article import Article
from farmguard.features import vector
from farmguard.features.document import Document
from farmguard.features.vector import (
    SCHEMA_VERSION,
    extract,
    extract_many,
    feature_names,
    schema_fingerprint,
    signal_values,
)

PINS = Path(__file__).parent / "data" / "feature_schema.tsv"

ARTICLES = [
    Article(text="Puluhan ribu orang melarikan diri.\n\nKeluaran SGP\n\nBy gacor88", lang="id"),
    Article(text="AMMAN (Reuters) – Tens of thousands fled.\n\n(Reporting by Suleiman Al-Khalidi)", lang="en"),
    Article(text="Duizenden vluchten uit Homs.\n\nVergelijkbare berichten\n\nGeef een reactie", lang="nl"),
    Article(text="يعيش 2.600.000 شخص في المنطقة ، بما في ذلك أكثر من مليون لاجئ."),
    Article(text=""),
]


def _pins() -> dict[int, tuple[int, str]]:
    pins = {}
    for line in PINS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            version, count, digest = line.split("\t")
            pins[int(version)] = (int(count), digest)
    return pins


def test_schema_is_pinned_to_its_version() -> None:
    pins = _pins()
    names = feature_names()
    assert SCHEMA_VERSION in pins, (
        f"SCHEMA_VERSION {SCHEMA_VERSION} has no row in {PINS.name}: append "
        f"'{SCHEMA_VERSION}\\t{len(names)}\\t{schema_fingerprint()}'"
    )
    count, digest = pins[SCHEMA_VERSION]
    assert (len(names), schema_fingerprint()) == (count, digest), (
        f"the feature names changed ({count} -> {len(names)} features) but SCHEMA_VERSION is still "
        f"{SCHEMA_VERSION}: bump it in features/vector.py and append "
        f"'<new version>\\t{len(names)}\\t{schema_fingerprint()}' to {PINS.name}"
    )


def test_pin_rows_are_unique_and_versions_increase() -> None:
    pins = _pins()
    assert sorted(pins) == list(pins), "rows must be in version order"
    digests = [d for _, d in pins.values()]
    assert len(digests) == len(set(digests)), "two versions pin the same names: one bump was not needed"


def test_fingerprint_depends_on_order_and_names() -> None:
    names = feature_names()
    assert schema_fingerprint(names) == schema_fingerprint()
    assert schema_fingerprint(list(reversed(names))) != schema_fingerprint()
    assert schema_fingerprint(names[:-1]) != schema_fingerprint()


def test_names_unique_and_grouped_by_family_in_family_order() -> None:
    names = feature_names()
    assert len(names) == len(set(names))
    families = [n.split(".")[0] for n in names]
    order = [f for f, _ in vector.FAMILY_MODULES]
    ranks = [order.index(f) for f in families]
    assert ranks == sorted(ranks), "features must follow FAMILY_MODULES order"


def test_extract_matches_signal_values_and_is_float32() -> None:
    for article in ARTICLES:
        row = extract(article)
        assert row.dtype == np.float32 and row.shape == (len(feature_names()),)
        values = signal_values(article)
        assert [v.name for v in values] == feature_names()
        for x, v in zip(row, values):
            assert (math.isnan(x) and math.isnan(v.value)) or x == np.float32(v.value), v.name


def test_extract_is_pure() -> None:
    article = ARTICLES[0]
    before = article.to_dict()
    first = extract(article)
    np.testing.assert_array_equal(first, extract(article))
    np.testing.assert_array_equal(first, extract(Document.from_article(article)))
    assert article.to_dict() == before, "extraction must not modify the article"


def test_extract_many_serial_and_in_worker_processes_agree() -> None:
    articles = ARTICLES * 7  # 35 articles in chunks of 4 over 2 processes
    serial = extract_many(articles)
    assert serial.shape == (len(articles), len(feature_names()))
    parallel = extract_many(articles, n_jobs=2, chunk_size=4)
    np.testing.assert_array_equal(serial, parallel)
    for i, article in enumerate(articles[:5]):
        np.testing.assert_array_equal(serial[i], extract(article))


def test_extract_many_accepts_a_generator_and_empty_input() -> None:
    assert extract_many(iter(ARTICLES[:2])).shape[0] == 2
    assert extract_many([]).shape == (0, len(feature_names()))


def test_max_chars_truncates() -> None:
    article = Article(text="word " * 1000, lang="en")
    full = dict(zip(feature_names(), extract(article)))
    cut = dict(zip(feature_names(), extract(article, max_chars=100)))
    assert cut["text.chars"] <= 100 < full["text.chars"]


@pytest.mark.parametrize("n_jobs", [0, -1])
def test_extract_many_n_jobs_edge_values(n_jobs: int) -> None:
    out = extract_many(ARTICLES * 60, n_jobs=n_jobs, chunk_size=100)
    np.testing.assert_array_equal(out[: len(ARTICLES)], extract_many(ARTICLES))
