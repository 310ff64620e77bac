"""What every transformation may read: the build seed, vocabularies, teaser titles, and the
fill values (agency, outlet, city, people, URLs) drawn for one record.

>>> import random
>>> ctx = Context(seed=1, lexicons=Lexicons.from_package(), titles={"de": ("Ein Titel", "Noch einer")})
>>> vals = ctx.values("de", random.Random(2), title="Mein Titel")
>>> sorted(k for k in ("agency", "city", "outlet", "url") if k in vals)
['agency', 'city', 'outlet', 'url']
>>> slugify("Über 60.000 Menschen fliehen!")
'uber-60-000-menschen-fliehen'
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from ..lexicons import Lexicons
from ..templates import Entity, templates_for

_TLD = {
    "en": "com", "de": "de", "fr": "fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl", "id": "co.id", "ms": "my",
    "ru": "ru", "uk": "ua", "pl": "pl", "cs": "cz", "sk": "sk", "hr": "hr", "sr": "rs", "sl": "si", "bg": "bg",
    "ro": "ro", "hu": "hu", "tr": "com.tr", "ar": "com", "fa": "ir", "he": "co.il", "hi": "in", "bn": "com.bd",
    "ur": "pk", "zh": "cn", "zh_hant": "tw", "ja": "jp", "ko": "kr", "vi": "vn", "th": "co.th", "el": "gr", "sv": "se", "da": "dk",
    "nb": "no", "nn": "no", "fi": "fi", "et": "ee", "lv": "lv", "lt": "lt", "ca": "cat", "fil": "ph", "sw": "co.ke",
    "is": "is", "ka": "ge", "hy": "am", "ne": "com.np", "sq": "al", "mk": "mk", "az": "az", "kk": "kz",
}
_OUTLET_WORDS = ("daily", "herald", "post", "times", "news", "today", "express", "observer", "gazette", "journal")
_SECTIONS = ("news", "world", "politics", "business", "local", "society", "article", "story", "2019", "2022")
INITIALS = ("lnw", "cl", "sms", "ap", "kj", "mt", "rb", "ah", "dh", "jm", "sr", "fk")


def slugify(text: str, max_words: int = 9) -> str:
    """An ASCII URL slug of ``text`` (empty when nothing ASCII survives)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:max_words]
    return "-".join(words)


def invented_outlet(lang: str, rng: random.Random) -> Entity:
    """An invented outlet for languages without a list of their own."""
    a, b = rng.sample(_OUTLET_WORDS, 2)
    return Entity(f"{a.title()} {b.title()}", f"{a}{b}.{_TLD.get(lang, 'com')}")


def article_url(domain: str, title: str | None, rng: random.Random) -> str:
    """A plausible article URL on ``domain`` for ``title``."""
    slug = slugify(title or "") or f"{rng.randrange(10**5, 10**7)}"
    style = rng.randrange(4)
    host = domain if domain.count(".") >= 2 or rng.random() < 0.3 else f"www.{domain}"
    if style == 0:
        return f"https://{host}/{rng.choice(_SECTIONS)}/{slug}"
    if style == 1:
        return f"https://{host}/{rng.randrange(2018, 2025)}/{rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}/{slug}/"
    if style == 2:
        return f"https://{host}/{slug}-{rng.randrange(10**4, 10**6)}"
    return f"https://{host}/{rng.choice(_SECTIONS)}/{slug}.html"


@dataclass
class Context:
    """Build-wide inputs of the transformations (read-only while records are made)."""

    seed: int
    lexicons: Lexicons
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    alt_titles: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """Other versions' headlines of the same story in the same language (other MT systems, references)."""

    def alternative_title(self, story_id: str, lang: str, title: str | None, rng: random.Random) -> str | None:
        """Another version's headline of this story in this language, if one differs from ``title``."""
        options = [t for t in self.alt_titles.get((story_id, lang), ()) if t != title]
        return rng.choice(options) if options else None

    def teasers(self, lang: str, rng: random.Random, k: int, exclude: str | None = None) -> list[str]:
        """``k`` headlines of other stories in ``lang`` (for related-posts widgets and read-also inserts)."""
        pool = self.titles.get(lang) or ()
        if not pool:
            return []
        out: list[str] = []
        for _ in range(k * 3):
            t = rng.choice(pool)
            if t != exclude and t not in out:
                out.append(t)
            if len(out) == k:
                break
        return out

    def outlet(self, lang: str, rng: random.Random, avoid: str | None = None) -> Entity:
        outlets = [o for o in templates_for(lang).outlets if o.name != avoid]
        return rng.choice(outlets) if outlets else invented_outlet(lang, rng)

    def values(self, lang: str, rng: random.Random, title: str | None = None) -> dict[str, str]:
        """Fill values for one record: agency, city, own outlet and partner outlet, people, URL, numbers."""
        t = templates_for(lang)
        vals: dict[str, str] = {}
        agency = rng.choice(t.agencies) if t.agencies else Entity("Reuters", "reuters.com")
        vals["agency"] = agency.name
        vals["agency_domain"] = agency.domain or "reuters.com"
        city = t.pick("city", rng)
        if city:
            vals["city"] = city
        outlet = self.outlet(lang, rng)
        vals["outlet"] = outlet.name
        vals["outlet_domain"] = outlet.domain
        vals["site"] = outlet.name
        names = t.entries("name")
        if names:
            a, b = (rng.sample(names, 2) if len(names) > 1 else (names[0], names[0]))
            vals["reporter"], vals["editor"] = a, b
        vals["initials"] = rng.choice(INITIALS)
        vals["n"] = str(rng.randrange(2, 29))
        vals["url"] = article_url(outlet.domain, title, rng)
        vals["source_url"] = article_url(agency.domain or self.outlet(lang, rng, avoid=outlet.name).domain, title, rng)
        if title:
            vals["title"] = title
        teasers = self.teasers(lang.split("_")[0], rng, 3, exclude=title)  # zh_hant -> zh pool
        if teasers:
            vals["tags"] = ", ".join(_topic(x) for x in teasers)
        return vals


def _topic(title: str) -> str:
    words = [w for w in re.findall(r"\w+", title) if len(w) > 3]
    return words[0] if words else title[:20]
