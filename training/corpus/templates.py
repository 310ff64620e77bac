"""The corpus templates: per-language data files of credit, chrome, residue and feed strings.

Files live in ``training/data/templates/lang/<lang>.tsv`` (``kind<TAB>value``, ``#`` comments;
see that folder's README). :func:`templates_for` returns the :class:`LanguageTemplates` of a
language (its own file merged with the language-neutral ``any.tsv`` entries for kinds it lacks).

>>> de = templates_for("de")
>>> de.has("credit.dateline"), "dpa" in [a.name for a in de.agencies]
(True, True)
>>> fill("{CITY} ({agency}) –", {"city": "Berlin", "agency": "dpa"})
'BERLIN (dpa) –'
>>> fill("By {reporter}", {}) is None
True
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from importlib import resources
from typing import Mapping

PARAGRAPH_BREAK = "\x1e"
"""What ``{BR}`` becomes in a filled template; split into paragraphs by the transformations."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Entity:
    """An agency or outlet: display name and web domain (may be empty)."""

    name: str
    domain: str


def _data_root():
    return resources.files("farmguard.training").joinpath("data", "templates")


def read_tsv(text: str) -> list[tuple[str, str]]:
    """Parse ``kind<TAB>value`` lines, skipping comments and blank lines.

    >>> read_tsv("# c\\nkind\\tvalue\\n\\nbad line\\n")
    [('kind', 'value')]
    """
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        kind, value = line.split("\t", 1)
        value = value.strip()
        if value:
            rows.append((kind.strip(), value))
    return rows


@functools.lru_cache(maxsize=None)
def available_languages() -> tuple[str, ...]:
    """Languages with their own template file (``any`` excluded)."""
    folder = _data_root().joinpath("lang")
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv") and p.name != "any.tsv"))


@functools.lru_cache(maxsize=None)
def _raw(lang: str) -> tuple[tuple[str, str], ...]:
    path = _data_root().joinpath("lang", f"{lang}.tsv")
    if not path.is_file():
        return ()
    return tuple(read_tsv(path.read_text(encoding="utf-8")))


class LanguageTemplates:
    """All template entries of one language, by kind."""

    def __init__(self, lang: str, rows: tuple[tuple[str, str], ...], fallback: tuple[tuple[str, str], ...]) -> None:
        self.lang = lang
        self.own = bool(rows)
        by_kind: dict[str, list[str]] = {}
        for kind, value in rows:
            by_kind.setdefault(kind, []).append(value)
        own_kinds = set(by_kind)
        for kind, value in fallback:
            if kind not in own_kinds:
                by_kind.setdefault(kind, []).append(value)
        self._by_kind = {k: tuple(v) for k, v in by_kind.items()}
        self.agencies = tuple(_entity(v) for v in self._by_kind.get("agency", ()))
        self.outlets = tuple(_entity(v) for v in self._by_kind.get("outlet", ()))

    def has(self, kind: str) -> bool:
        return bool(self._by_kind.get(kind))

    def entries(self, kind: str) -> tuple[str, ...]:
        return self._by_kind.get(kind, ())

    def kinds(self, prefix: str) -> list[str]:
        """The kinds present that start with ``prefix`` (e.g. ``"credit."``), sorted."""
        return sorted(k for k in self._by_kind if k.startswith(prefix))

    def pick(self, kind: str, rng: random.Random) -> str | None:
        values = self._by_kind.get(kind)
        return rng.choice(values) if values else None


def _entity(value: str) -> Entity:
    name, _, domain = value.partition("|")
    return Entity(name.strip(), domain.strip())


@functools.lru_cache(maxsize=None)
def templates_for(lang: str) -> LanguageTemplates:
    """The templates of ``lang`` (farmguard language key), with language-neutral fallbacks."""
    return LanguageTemplates(lang, _raw(lang), _raw("any"))


def placeholders(template: str) -> set[str]:
    """Names used in ``template``.

    >>> sorted(placeholders("{CITY} ({agency})"))
    ['CITY', 'agency']
    """
    return set(_PLACEHOLDER.findall(template))


def fill(template: str, values: Mapping[str, str]) -> str | None:
    """Fill ``template``; ``None`` when a placeholder has no value. ``{X_upper}``/``{CITY}`` forms
    are derived: ``{CITY}`` is ``city`` upper-cased, ``{agency_lower}``/``{outlet_lower}`` lower-cased."""
    out = []
    pos = 0
    for m in _PLACEHOLDER.finditer(template):
        name = m.group(1)
        if name == "BR":
            value: str | None = PARAGRAPH_BREAK
        elif name.isupper() and name.lower() in values:
            value = values[name.lower()].upper()
        elif name.endswith("_lower") and name[:-6] in values:
            value = values[name[:-6]].lower()
        else:
            value = values.get(name)
        if value is None:
            return None
        out.append(template[pos : m.start()])
        out.append(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out)


def split_paragraphs(filled: str) -> list[str]:
    """A filled template as paragraphs (``{BR}`` breaks)."""
    return [p.strip() for p in filled.split(PARAGRAPH_BREAK) if p.strip()]


@functools.lru_cache(maxsize=None)
def spam_vocabulary(lang: str) -> dict[str, tuple[str, ...]]:
    """The spam-tail vocabulary written for ``lang`` (``training/data/templates/spam/<lang>.tsv``)."""
    path = _data_root().joinpath("spam", f"{lang}.tsv")
    if not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    for kind, value in read_tsv(path.read_text(encoding="utf-8")):
        out.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def farm_hosts() -> dict[str, tuple[str, ...]]:
    """Content-farm host patterns and words (``farm_hosts.tsv``)."""
    path = _data_root().joinpath("farm_hosts.tsv")
    out: dict[str, list[str]] = {}
    for kind, value in read_tsv(path.read_text(encoding="utf-8")):
        out.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in out.items()}
