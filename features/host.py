"""Signal family `host` (design.md §4.10): what the page's URL says about who published it.

The registered domain comes from tldextract with its bundled Public Suffix List snapshot and no network
(``suffix_list_urls=()``, ``cache_dir=None``: nothing is fetched or written at run time). Farm hosts
give themselves away by their names: gambling vocabulary ("slotgacor88.xyz", "togel-hoki.net"), slot
brand shapes (letters + lucky digits: "hoki777", "gacor88"), raw IP addresses, and throwaway random
subdomains on free blog and static hosts ("xkqzt7f.blogspot.com").

``host.agency_own_domain`` is the opposite kind of evidence: the page is on a news agency's own
domain (``data/host/agencies.tsv``: reuters.com, apnews.com, afp.com, antaranews.com, …), where an
agency's story is the original (design.md §1). It is registered as a measure (``indicator=False``):
it is never evidence of scraping, so the scraped-type false-positive count ignores it.

Every signal is NaN when the article has no URL (or no host can be parsed from it).

>>> from farmguard.features.document import Document
>>> gambling_domain(Document.from_text("…", url="https://slotgacor88.xyz/berita/banjir"))
(2.0, ['slotgacor88.xyz: gacor', 'slotgacor88.xyz: slot'])
>>> agency_own_domain(Document.from_text("…", url="https://www.antaranews.com/berita/123"))
(1.0, ['antaranews.com'])
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import tldextract

from .document import Document
from .phrases import lexicon
from .signal import NAN_SIGNAL, Signal, evidence, signal

FAMILY = "host"
MAX_URL_CHARS = 2048
MIN_RANDOM_LABEL = 6
CONSONANT_RUN = 5
_VOWELS = frozenset("aeiouy")
_SPLIT = re.compile(r"[-.]+|(?<=\D)(?=\d)|(?<=\d)(?=\D)")
_BRAND_DIGITS = re.compile(r"^([a-z]{3,15})-?(\d{2,4}|4d)$")


@functools.lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # Bundled snapshot only: no suffix-list download, no cache directory.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True)
class _HostData:
    agencies: frozenset[str]
    free_hosts: frozenset[str]
    substrings: tuple[str, ...]
    tokens: frozenset[str]
    lucky: frozenset[str]
    cheap_tlds: frozenset[str]


@functools.lru_cache(maxsize=1)
def _data() -> _HostData:
    def kind(name: str, wanted: str) -> list[str]:
        return [p.lower() for k, p in lexicon(FAMILY, name) if k == wanted]

    return _HostData(
        agencies=frozenset(kind("agencies", "agency")),
        free_hosts=frozenset(kind("free_hosts", "free_host")),
        substrings=tuple(kind("gambling", "substring")),
        tokens=frozenset(kind("gambling", "token")),
        lucky=frozenset(kind("gambling", "lucky")),
        cheap_tlds=frozenset(kind("cheap_tlds", "tld")),
    )


@dataclass(frozen=True)
class Host:
    """A parsed host: ``name`` is the full host, ``registered`` the registered domain (``bbc.co.uk``),
    ``domain`` its first label (``bbc``), ``subdomain`` what precedes it, ``suffix`` the public suffix,
    ``ip`` whether the host is an IP address."""

    name: str
    registered: str
    domain: str
    subdomain: str
    suffix: str
    ip: bool


def parse_host(url: str | None) -> Host | None:
    """The host of ``url`` (scheme optional), or None when there is none.

    >>> parse_host("https://News.BBC.co.uk:443/world")
    Host(name='news.bbc.co.uk', registered='bbc.co.uk', domain='bbc', subdomain='news', suffix='co.uk', ip=False)
    >>> parse_host("http://203.0.113.7/a").ip, parse_host(None)
    (True, None)
    """
    if not url or not url.strip():
        return None
    url = url.strip()[:MAX_URL_CHARS]
    if "//" not in url:
        url = "//" + url
    try:
        name = urlsplit(url).hostname
    except ValueError:
        return None
    if not name:
        return None
    name = name.rstrip(".")
    if name.replace(".", "").isdigit() or ":" in name:
        try:
            ipaddress.ip_address(name)
            return Host(name, name, name, "", "", True)
        except ValueError:
            pass
    ext = _extractor().extract_str(name)
    registered = f"{ext.domain}.{ext.suffix}" if ext.domain and ext.suffix else ext.domain or name
    return Host(name, registered, ext.domain, ext.subdomain, ext.suffix, False)


def _host(doc: Document) -> Host | None:
    return doc.memo("host.parsed", lambda: parse_host(doc.url))


def _parts(label: str) -> list[str]:
    return [p for p in _SPLIT.split(label) if p]


def _gambling_terms(host: Host, data: _HostData) -> list[str]:
    labels = [host.domain] + [s for s in host.subdomain.split(".") if s and s != "www"]
    found: list[str] = []
    for label in labels:
        for sub in data.substrings:
            if sub in label and sub not in found:
                found.append(sub)
        for part in _parts(label):
            if part in data.tokens and part not in found:
                found.append(part)
    return found


def _brand_digits(label: str, data: _HostData) -> bool:
    m = _BRAND_DIGITS.match(label)
    if not m:
        return False
    digits = m.group(2)
    return digits in data.lucky or (len(digits) >= 2 and len(set(digits)) == 1)


def random_label_reasons(label: str) -> list[str]:
    """Why a host label looks machine-made (empty when it looks like a name or words).

    >>> random_label_reasons("xkqzt7f9w"), random_label_reasons("gardeningwithmaria")
    (['consonant run', 'letters and digits mixed'], [])
    """
    reasons: list[str] = []
    letters = "".join(c for c in label if c.isalpha())
    if len(label) < MIN_RANDOM_LABEL:
        return reasons
    run = longest = 0
    for c in letters:
        run = 0 if c in _VOWELS else run + 1
        longest = max(longest, run)
    if longest >= CONSONANT_RUN:
        reasons.append("consonant run")
    if sum(a.isdigit() != b.isdigit() for a, b in zip(label, label[1:]) if a.isalnum() and b.isalnum()) >= 3:
        reasons.append("letters and digits mixed")
    if len(letters) >= 8 and sum(c in _VOWELS for c in letters) / len(letters) < 0.2:
        reasons.append("few vowels")
    return reasons


def _host_signal(doc: Document, compute: Callable[[Host], Signal]) -> Signal:
    host = _host(doc)
    if host is None:
        return NAN_SIGNAL
    return compute(host)


@signal("host.gambling_domain")
def gambling_domain(doc: Document) -> Signal:
    """Gambling vocabulary in the domain or its subdomains: "togel-hoki.net", "bet-jitu.blogspot.com".

    >>> from farmguard.features.document import Document
    >>> gambling_domain(Document.from_text("…", url="https://www.bbc.com/news/world"))
    (0.0, [])
    """
    def compute(host: Host) -> Signal:
        terms = _gambling_terms(host, _data())
        return float(len(terms)), evidence([f"{host.name}: {t}" for t in terms])  # clipped: hosts can be long

    return _host_signal(doc, compute)


@signal("host.brand_digits")
def brand_digits(doc: Document) -> Signal:
    """A slot-brand shaped name: letters followed by lucky digits ("hoki777.com", "maxwin-88.net"); not "france24.com".

    >>> from farmguard.features.document import Document
    >>> brand_digits(Document.from_text("…", url="https://hoki777.com/berita")), brand_digits(Document.from_text("…", url="https://www.france24.com/en/"))
    ((1.0, ['hoki777']), (0.0, []))
    """
    def compute(host: Host) -> Signal:
        data = _data()
        labels = [host.domain] + [s for s in host.subdomain.split(".") if s and s != "www"]
        hits = [label for label in labels if _brand_digits(label, data)]
        return float(bool(hits)), evidence(hits)

    return _host_signal(doc, compute)


@signal("host.ip_address")
def ip_address(doc: Document) -> Signal:
    """The page is served from a raw IP address instead of a domain name.

    >>> from farmguard.features.document import Document
    >>> ip_address(Document.from_text("…", url="http://198.51.100.23/news/item.php?id=4"))
    (1.0, ['198.51.100.23'])
    """
    return _host_signal(doc, lambda h: (1.0, [h.name]) if h.ip else (0.0, []))


@signal("host.random_subdomain")
def random_subdomain(doc: Document) -> Signal:
    """A random-looking subdomain on a free blog/static host: "xkqzt7f9w.blogspot.com", "b7k2p9x.netlify.app".

    >>> from farmguard.features.document import Document
    >>> random_subdomain(Document.from_text("…", url="https://xkqzt7f9w.blogspot.com/2024/05/a.html"))
    (1.0, ['xkqzt7f9w.blogspot.com: consonant run, letters and digits mixed'])
    >>> random_subdomain(Document.from_text("…", url="https://gardeningwithmaria.wordpress.com/"))
    (0.0, [])
    """
    def compute(host: Host) -> Signal:
        if host.registered not in _data().free_hosts or not host.subdomain:
            return 0.0, []
        label = host.subdomain.split(".")[-1]
        reasons = random_label_reasons(label)
        if not reasons:
            return 0.0, []
        return 1.0, [f"{host.name}: {', '.join(reasons)}"]

    return _host_signal(doc, compute)


@signal("host.free_host", indicator=False)
def free_host(doc: Document) -> Signal:
    """Measure: the page is on a free blog or static host (blogspot.com, wordpress.com, netlify.app, …).

    >>> from farmguard.features.document import Document
    >>> free_host(Document.from_text("…", url="https://gardeningwithmaria.wordpress.com/"))
    (1.0, ['wordpress.com'])
    """
    return _host_signal(
        doc, lambda h: (1.0, [h.registered]) if h.registered in _data().free_hosts else (0.0, [])
    )


@signal("host.agency_own_domain", indicator=False)
def agency_own_domain(doc: Document) -> Signal:
    """Evidence for `original`: the page is on a news agency's own domain (reuters.com, apnews.com, efe.com, …).

    Not a scraped-type indicator (registered with ``indicator=False``): an agency story on its own site is
    the original, so this value pulls towards `original`, and syndication credit found on such a page is
    the agency's own wire markup, not a copy's credit.

    >>> from farmguard.features.document import Document
    >>> agency_own_domain(Document.from_text("…", url="https://apnews.com/article/floods-abc123"))
    (1.0, ['apnews.com'])
    """
    def compute(host: Host) -> Signal:
        agencies = _data().agencies
        if host.registered in agencies:
            return 1.0, [host.registered]
        labels = host.name.split(".")
        for i in range(1, len(labels) - 1):
            candidate = ".".join(labels[i:])
            if candidate in agencies:
                return 1.0, [candidate]
        return 0.0, []

    return _host_signal(doc, compute)


@signal("host.cheap_tld", indicator=False)
def cheap_tld(doc: Document) -> Signal:
    """Measure: the public suffix is one of the cheap TLDs most used by spam sites (.xyz, .top, .icu, …).

    >>> from farmguard.features.document import Document
    >>> cheap_tld(Document.from_text("…", url="https://berita-terkini.xyz/a"))
    (1.0, ['xyz'])
    """
    def compute(host: Host) -> Signal:
        tld = host.suffix.rsplit(".", 1)[-1]
        return (1.0, [tld]) if tld in _data().cheap_tlds else (0.0, [])

    return _host_signal(doc, compute)


@signal("host.digit_share", indicator=False)
def digit_share(doc: Document) -> Signal:
    """Measure: share of digits in the registered domain's name ("news24" -> 0.33).

    >>> from farmguard.features.document import Document
    >>> digit_share(Document.from_text("…", url="https://www.news24.com/x"))
    (0.3333333333333333, [])
    """
    def compute(host: Host) -> Signal:
        name = host.domain
        return (sum(c.isdigit() for c in name) / len(name) if name else 0.0), []

    return _host_signal(doc, compute)


@signal("host.hyphens", indicator=False)
def hyphens(doc: Document) -> Signal:
    """Measure: hyphens in the registered domain's name ("berita-terkini-hari-ini.com" -> 3).

    >>> from farmguard.features.document import Document
    >>> hyphens(Document.from_text("…", url="https://berita-terkini-hari-ini.com/"))
    (3.0, [])
    """
    return _host_signal(doc, lambda h: (float(h.domain.count("-")), []))


@signal("host.subdomain_depth", indicator=False)
def subdomain_depth(doc: Document) -> Signal:
    """Measure: labels before the registered domain, "www" not counted ("a.b.example.com" -> 2).

    >>> from farmguard.features.document import Document
    >>> subdomain_depth(Document.from_text("…", url="https://www.example.com/")), subdomain_depth(Document.from_text("…"))
    ((0.0, []), (nan, []))
    """
    def compute(host: Host) -> Signal:
        labels = [s for s in host.subdomain.split(".") if s and s != "www"]
        return float(len(labels)), []

    return _host_signal(doc, compute)

