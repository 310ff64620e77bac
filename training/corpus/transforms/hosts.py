"""Content-farm URLs (``host:farm``): brand+digits domains, throwaway blog subdomains, raw IPs.

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
    host = host.replace("{ip}", f"203.0.113.{rng.randrange(2, 250)}" if rng.random() < 0.5 else f"198.51.100.{rng.randrange(2, 250)}")
    slug = slugify(title or "") or str(rng.randrange(10**5, 10**7))
    scheme = "http" if rng.random() < 0.4 else "https"
    if rng.random() < 0.5:
        return f"{scheme}://{host}/{slug}/"
    return f"{scheme}://{host}/?p={rng.randrange(100, 99999)}"
