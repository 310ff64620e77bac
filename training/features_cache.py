"""Feature extraction for training, done once per article and cached on disk.

A feature row depends on the article's content (text, title, url, html, lang), on
the text limit and on the feature schema. The cache key of a row is a hash of the
first two; rows live in a folder named after the schema: its name, version, ordered
feature names and a fingerprint of the extractor's code and lexicons (so a changed
signal invalidates the cache even before its author bumps ``SCHEMA_VERSION``).
Missing rows are extracted in parallel with :func:`farmguard.features.extract_many`
and appended as a new shard (written to a temporary name, then renamed).

>>> import tempfile
>>> from farmguard.article import Article
>>> cache = FeatureCache(tempfile.mkdtemp())
>>> arts = [Article(text="Keluaran SGP hari ini", lang="id"), Article(text="Plain text.", lang="en")]
>>> X1 = cache.matrix(arts)
>>> X2 = cache.matrix(arts)          # second call: read from disk, nothing extracted
>>> cache.last_extracted, X1.shape == X2.shape
(0, True)
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from farmguard.article import Article
from farmguard.features import SCHEMA_NAME, SCHEMA_VERSION, extract_many, feature_names
from farmguard.features.document import MAX_TEXT_CHARS

KEY_BYTES = 16
Progress = Callable[[str], None]


def article_key(article: Article, max_chars: int = MAX_TEXT_CHARS) -> bytes:
    """The content hash of everything a feature row depends on (16 bytes).

    >>> article_key(Article(text="a", id="x")) == article_key(Article(text="a", id="y"))
    True
    """
    h = hashlib.blake2b(digest_size=KEY_BYTES)
    for part in (article.text, article.title, article.url, article.html, article.lang, str(max_chars)):
        h.update(b"\x01" if part is None else b"\x02" + part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.digest()


@functools.lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Hash of the feature schema and of the extractor's source files and lexicons.

    >>> len(extractor_fingerprint())
    16
    """
    import farmguard.features as features_pkg

    h = hashlib.blake2b(digest_size=8)
    h.update(f"{SCHEMA_NAME}\x00{SCHEMA_VERSION}\x00".encode())
    h.update("\x00".join(feature_names()).encode())
    root = Path(features_pkg.__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt", ".json") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


class FeatureCache:
    """Feature rows cached under ``root`` by content hash; one sub-folder per extractor fingerprint.

    ``root=None`` (or ``""``) disables the disk cache: every call extracts.
    """

    def __init__(self, root: str | Path | None, n_jobs: int = -1, max_chars: int = MAX_TEXT_CHARS) -> None:
        self.root = Path(root) if root else None
        self.n_jobs = n_jobs
        self.max_chars = max_chars
        self.last_extracted = 0
        self.last_cached = 0

    @property
    def folder(self) -> Path | None:
        """The shard folder of the current extractor (``None`` when the cache is off)."""
        if self.root is None:
            return None
        return self.root / "features" / f"{SCHEMA_NAME}-v{SCHEMA_VERSION}-{extractor_fingerprint()}"

    def _load(self) -> dict[bytes, np.ndarray]:
        rows: dict[bytes, np.ndarray] = {}
        folder = self.folder
        if folder is None or not folder.is_dir():
            return rows
        width = len(feature_names())
        for shard in sorted(folder.glob("*.npz")):
            try:
                with np.load(shard, allow_pickle=False) as data:
                    keys, X = data["keys"], data["X"]
            except (OSError, ValueError, KeyError):
                continue  # a half-written or foreign file: ignore it, the rows are re-extracted
            if X.ndim != 2 or X.shape[1] != width or len(keys) != len(X):
                continue
            if keys.ndim != 2 or keys.shape[1] != KEY_BYTES:
                continue
            flat = keys.astype(np.uint8, copy=False).tobytes()
            for i, row in enumerate(X):
                rows[flat[i * KEY_BYTES : (i + 1) * KEY_BYTES]] = row
        return rows

    def _store(self, keys: list[bytes], X: np.ndarray) -> None:
        folder = self.folder
        if folder is None or not keys:
            return
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.blake2b(b"".join(keys), digest_size=8).hexdigest()
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), KEY_BYTES)
                np.savez(fh, keys=key_array, X=X)
            os.replace(tmp, folder / f"{name}.npz")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def matrix(self, articles: Sequence[Article], progress: Progress | None = None) -> np.ndarray:
        """The feature matrix of ``articles`` (rows in input order, float32), extracting only uncached rows.

        Afterwards ``last_extracted`` / ``last_cached`` say how many rows were extracted / read.
        """
        width = len(feature_names())
        keys = [article_key(a, self.max_chars) for a in articles]
        cached = self._load()
        missing: dict[bytes, int] = {}
        for i, k in enumerate(keys):
            if k not in cached and k not in missing:
                missing[k] = i
        self.last_cached = len(articles) - sum(1 for k in keys if k in missing)
        self.last_extracted = len(missing)
        if missing:
            if progress:
                progress(f"extracting features of {len(missing):,} articles ({self.last_cached:,} cached)")
            todo = [articles[i] for i in missing.values()]
            X_new = extract_many(todo, n_jobs=self.n_jobs, max_chars=self.max_chars).astype(np.float32, copy=False)
            new_keys = list(missing)
            self._store(new_keys, X_new)
            cached.update(zip(new_keys, X_new))
        elif progress:
            progress(f"features of {len(articles):,} articles read from the cache")
        if not articles:
            return np.zeros((0, width), np.float32)
        return np.vstack([cached[k] for k in keys]).astype(np.float32, copy=False)
