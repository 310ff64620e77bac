"""Vocabularies the transformations draw from: WordPress/Jetpack strings and spam vocabulary.

The full build reads the real public data: WordPress and Jetpack translations
(``wordpress-l10n/wp_strings.tsv``), Indonesian gambling brands and spam comments
(``spam-id/``). The demo build uses the small stand-ins shipped as package data
(``training/data/demo_lexicon/wordpress.tsv``, ``training/data/templates/spam/id.tsv``).

>>> lex = Lexicons.from_package()
>>> lex.wp_string("nl", "Leave a Reply", __import__("random").Random(1))
'Geef een reactie'
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from farmguard.errors import InputError
from farmguard.features.language import normalize_lang

from .templates import read_tsv, spam_vocabulary

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def clean_wp_string(value: str) -> str:
    """A gettext string as it shows on a page: entities decoded, tags dropped, first plural form.

    >>> clean_wp_string('Continue reading <span class="meta-nav">&rarr;</span>')
    'Continue reading →'
    """
    value = value.split(" || ")[0].replace("\\n", " ").replace("\\t", " ").replace("\\\\", "\\")
    value = html.unescape(_TAG.sub("", value))
    return _SPACES.sub(" ", value).strip()


@dataclass
class Lexicons:
    """WordPress strings per language (``msgid`` -> translations) and spam vocabulary."""

    wp: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    gambling_brands: tuple[str, ...] = ()
    spam_comments: tuple[str, ...] = ()
    origin: str = "package"

    def wp_languages(self) -> list[str]:
        return sorted(self.wp)

    def wp_string(self, lang: str, msgid: str, rng: random.Random) -> str | None:
        """One translation of ``msgid`` into ``lang`` (None when that language lacks it)."""
        values = self.wp.get(lang, {}).get(msgid)
        return rng.choice(values) if values else None

    @classmethod
    def from_package(cls) -> "Lexicons":
        """The demo stand-ins shipped with farmguard (no ../shared needed)."""
        path = resources.files("farmguard.training").joinpath("data", "demo_lexicon", "wordpress.tsv")
        wp: dict[str, dict[str, list[str]]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            msgid, lang, msgstr = line.split("\t")
            wp.setdefault(lang, {}).setdefault(msgid, []).append(msgstr)
        vocab = spam_vocabulary("id")
        return cls(
            wp={lang: {k: tuple(v) for k, v in d.items()} for lang, d in wp.items()},
            gambling_brands=tuple(vocab.get("brand_stem", ())),
            spam_comments=(),
            origin="package",
        )

    @classmethod
    def from_shared(cls, data_dir: Path) -> "Lexicons":
        """Read the real vocabularies from ``data_dir`` (the ``shared/data`` folder)."""
        wp_path = data_dir / "wordpress-l10n" / "wp_strings.tsv"
        brands_path = data_dir / "spam-id" / "gambling_site_names.txt"
        comments_path = data_dir / "spam-id" / "judol_youtube_comments.jsonl.gz"
        for p in (wp_path, brands_path, comments_path):
            if not p.is_file():
                raise InputError(f"{p}: missing (expected in the shared data folder)")
        wp: dict[str, dict[str, list[str]]] = {}
        with wp_path.open(encoding="utf-8") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            if header[:3] != ["msgid", "locale", "msgstr"]:
                raise InputError(f"{wp_path}: line 1: unexpected header {header!r}")
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 3:
                    continue
                msgid, locale, msgstr = clean_wp_string(cols[0]), cols[1], clean_wp_string(cols[2])
                if not msgstr:
                    continue
                lang = normalize_lang(locale)
                bucket = wp.setdefault(lang, {}).setdefault(msgid, [])
                if msgstr not in bucket:
                    bucket.append(msgstr)
        brands = tuple(sorted({b.strip() for b in brands_path.read_text(encoding="utf-8").splitlines() if b.strip()}))
        comments: list[tuple[str, str]] = []
        with gzip.open(comments_path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    raise InputError(f"{comments_path}: line {n}: malformed JSON ({exc.msg})") from None
                text = _SPACES.sub(" ", str(row.get("text", ""))).strip()
                if row.get("label") == "gambling_spam" and 12 <= len(text) <= 90:
                    comments.append((str(row.get("id", n)), text))
        comments.sort()
        return cls(
            wp={lang: {k: tuple(v) for k, v in d.items()} for lang, d in wp.items()},
            gambling_brands=brands,
            spam_comments=tuple(t for _, t in comments),
            origin=str(data_dir),
        )
