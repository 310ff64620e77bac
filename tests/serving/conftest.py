"""Fixtures for serving tests: a small real LightGBM model trained here on the real feature schema.

The texts are generated from a fixed vocabulary (no shared data, no seed sentences): originals are
plain prose, syndicated copies add an agency dateline and a reporting credit, scraped copies add
a gambling spam tail and a repeated title. The model is tiny (30 rounds) but real: features come
from ``farmguard.features.extract`` and the bundle is written and read by the real code.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from farmguard import __version__
from farmguard.article import LABELS, Article
from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION, extract_many, feature_names

_WORDS = (
    "the council said on monday that new rules for water use would start next month after a long "
    "debate farmers in the region welcomed the plan while city officials asked for more time to "
    "prepare budgets schools hospitals and roads will receive funding over three years according "
    "to a statement published by the ministry"
).split()
_CITIES = ("AMMAN", "LAGOS", "LIMA", "OSLO", "HANOI", "QUITO")
_AGENCIES = ("Reuters", "AFP", "AP")
_SPAM = ("Keluaran SGP hari ini", "Data HK lengkap", "slot gacor maxwin", "By jepe777", "Togel Singapore terpercaya")


def _prose(rng: random.Random) -> tuple[str, list[str]]:
    title = " ".join(rng.choice(_WORDS) for _ in range(7)).capitalize()
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return title, paragraphs


def make_article(label: str, seed: int) -> Article:
    """One generated article of ``label`` (deterministic in ``seed``)."""
    rng = random.Random(seed)
    title, paragraphs = _prose(rng)
    if label == "syndicated":
        agency = rng.choice(_AGENCIES)
        paragraphs[0] = f"{rng.choice(_CITIES)} ({agency}) - {paragraphs[0]}"
        paragraphs.append(f"(Reporting by {rng.choice(['Ana Diaz', 'Tom Berg', 'Li Wei'])}; Editing by Sam Cole)")
    elif label == "scraped":
        paragraphs = [title, title] + paragraphs
        paragraphs.extend(rng.sample(_SPAM, 3))
    return Article(text="\n\n".join(paragraphs), id=f"{label}-{seed}", title=title, lang="en")


def make_corpus(n_per_label: int, offset: int = 0) -> tuple[list[Article], np.ndarray]:
    articles, y = [], []
    for i in range(n_per_label):
        for k, label in enumerate(LABELS):
            articles.append(make_article(label, offset + 1000 * k + i))
            y.append(k)
    return articles, np.array(y)


def train_payload(articles: list[Article], y: np.ndarray, rounds: int = 30) -> dict[str, Any]:
    """A complete bundle payload: LightGBM trained on the real features, temperature-calibrated."""
    import lightgbm as lgb

    from farmguard.serving.calibration import fit_temperature

    X = extract_many(articles)
    params = {"objective": "multiclass", "num_class": 3, "num_threads": 1, "verbose": -1, "seed": 7,
              "min_data_in_leaf": 3, "num_leaves": 7, "learning_rate": 0.2}
    booster = lgb.train(params, lgb.Dataset(X, y), num_boost_round=rounds)
    raw = booster.predict(X, raw_score=True, num_threads=1)
    return {
        "farmguard_version": __version__,
        "schema_name": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "feature_names": feature_names(),
        "labels": list(LABELS),
        "model": booster.model_to_string(),
        "calibration": fit_temperature(raw, y),
        "review": {"min_top_probability": 0.6, "min_margin": 0.1},
        "training": {"n": len(y), "note": "tests/serving fixture"},
    }


@pytest.fixture(scope="session")
def corpus() -> tuple[list[Article], np.ndarray]:
    return make_corpus(20)


@pytest.fixture(scope="session")
def payload(corpus: tuple[list[Article], np.ndarray]) -> dict[str, Any]:
    return train_payload(*corpus)


@pytest.fixture(scope="session")
def bundle_path(payload: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from farmguard.serving.bundle import save_bundle

    path = tmp_path_factory.mktemp("bundle") / "model.joblib"
    save_bundle(path, payload)
    return path


@pytest.fixture(scope="session")
def held_out() -> list[Article]:
    """Articles the fixture model never saw."""
    return make_corpus(6, offset=500)[0]
