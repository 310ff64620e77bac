"""Content-farm URLs (``host:farm``): brand+digits domains, throwaway blog subdomains, raw IPs,
plain-looking cheap-TLD domains; and legitimate look-alikes for originals (``host:legit_digits``).

>>> import random
>>> from farmguard.training.corpus.lexicons import Lexicons
>>> farm_url("Big news today", Lexicons.from_package(), random.Random(4)).startswith("http")
True
"""

from __future__ import annotations

import random

from ..lexicons import Lexicons
from ..templates import farm_hosts
from .context import slugify
from .spam import brand


def farm_url(title: str | None, lex: Lexicons, rng: random.Random) -> str:
    """A URL on a content-farm host for an article titled ``title``."""
    data = farm_hosts()
    pattern = rng.choice(data["host"])
    words = data["word"]
    host = pattern
    while "{word}" in host:
        host = host.replace("{word}", rng.choice(words), 1)
    host = host.replace("{brand}", "".join(ch for ch in brand(lex, rng).lower() if ch.isalpha())[:12] or "slot")
    host = host.replace("{digits}", str(rng.randrange(10, 999)))
    host = host.replace("{ip}", rng.choice(["203.0.113.", "198.51.100.", "192.0.2."]) + str(rng.randrange(2, 250)))
    host = host.replace("{rand}", "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(7, 9))))
    slug = slugify(title or "") or str(rng.randrange(10**5, 10**7))
    scheme = "http" if rng.random() < 0.4 else "https"
    r = rng.random()
    if r < 0.45:
        return f"{scheme}://{host}/{slug}/"
    if r < 0.6:
        return f"{scheme}://{host}/{slug}/amp/"
    if r < 0.75 and host[0].isdigit():
        return f"{scheme}://{host}/news/item.php?id={rng.randrange(1, 9999)}"
    return f"{scheme}://{host}/?p={rng.randrange(100, 99999)}"


def legit_digit_url(title: str | None, rng: random.Random) -> str:
    """A legitimate outlet URL whose host has digits or a free blog host ("news24"-style): a host look-alike."""
    data = farm_hosts()
    host = rng.choice(data["legit"])
    while "{word}" in host:
        host = host.replace("{word}", rng.choice(data["word"]), 1)
    slug = slugify(title or "") or str(rng.randrange(10**5, 10**7))
    return f"https://{'' if host.count('.') > 1 else 'www.'}{host}/{slug}"
