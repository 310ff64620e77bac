"""Host evidence (features/host.py): farm URL shapes, agency domains, no network at run time."""

from __future__ import annotations

import math
import socket

import pytest

from farmguard.features import host
from farmguard.features.document import Document
from farmguard.features.signal import registered

TEXT = "The port authority said repairs to the pier would take two weeks."


def doc(url: str | None) -> Document:
    return Document.from_text(TEXT, lang="en", url=url)


@pytest.mark.parametrize(
    "url, terms",
    [
        ("https://slotgacor88.xyz/berita/banjir-jakarta", ["gacor", "slot"]),
        ("http://togel-hoki.net/2024/05/harga-beras", ["togel", "hoki"]),
        ("https://bet-jitu.blogspot.com/2024/01/news.html", ["bet"]),
        ("https://www.casinonewsdaily.com/x", ["casino"]),
        ("https://nohu-vip.com/tin-tuc", ["nohu"]),
    ],
)
def test_gambling_domains(url: str, terms: list[str]) -> None:
    value, ev = host.gambling_domain(doc(url))
    assert value == float(len(terms))
    assert [e.split(": ")[1] for e in ev] == terms


@pytest.mark.parametrize(
    "url",
    ["https://www.alphabet.com/", "https://www.betterhomes.com/", "https://www.rtp.pt/noticias",
     "https://www.judiciary.uk/news", "https://www.bandarlampungnews.com/", "https://www.photomotoring.com/"],
)
def test_words_containing_gambling_letters_are_not_gambling(url: str) -> None:
    assert host.gambling_domain(doc(url)) == (0.0, [])


def test_brand_digits_shape() -> None:
    assert host.brand_digits(doc("https://hoki777.com/berita")) == (1.0, ["hoki777"])
    assert host.brand_digits(doc("https://maxwin-88.net/")) == (1.0, ["maxwin-88"])
    assert host.brand_digits(doc("https://dewa4d.org/")) == (1.0, ["dewa4d"])
    for legit in ("https://www.france24.com/en/", "https://www.news24.com/x", "https://www.news18.com/",
                  "https://www.9to5mac.com/", "https://www.sport1.de/"):
        assert host.brand_digits(doc(legit)) == (0.0, []), legit


def test_ip_hosts() -> None:
    assert host.ip_address(doc("http://198.51.100.23/news/item.php?id=4")) == (1.0, ["198.51.100.23"])
    assert host.ip_address(doc("http://[2001:db8::7]/a"))[0] == 1.0
    assert host.ip_address(doc("https://www.reuters.com/"))[0] == 0.0


def test_random_subdomains_on_free_hosts() -> None:
    for url in ("https://xkqzt7f9w.blogspot.com/2024/05/a.html", "https://b7k2p9xq.netlify.app/",
                "https://qwrtzpl.wordpress.com/2024/06/01/harbour/"):
        assert host.random_subdomain(doc(url))[0] == 1.0, url
    for url in ("https://gardeningwithmaria.wordpress.com/", "https://coastalnotes.blogspot.com/",
                "https://janedoe.github.io/blog/", "https://xkqzt7f9w.example.com/"):
        assert host.random_subdomain(doc(url)) == (0.0, []), url


def test_agency_story_on_the_agency_own_domain() -> None:
    """An agency's own site: evidence for `original`, and no scraped-type host indicator fires."""
    for url, domain in [("https://www.reuters.com/world/middle-east/rebels-advance-2024-12-06/", "reuters.com"),
                        ("https://apnews.com/article/floods-abc123", "apnews.com"),
                        ("https://en.antaranews.com/news/312345/floods", "antaranews.com"),
                        ("https://www.efe.com/efe/espana/1", "efe.com"),
                        ("https://english.kyodonews.net/news/2024/01/x.html", "kyodonews.net"),
                        ("https://agenciabrasil.ebc.com.br/geral/noticia/2024-01", "ebc.com.br")]:
        d = Document.from_text("AMMAN (Reuters) - Rebels advanced on Homs on Friday.", lang="en", url=url)
        assert host.agency_own_domain(d) == (1.0, [domain]), url
        fired = [s.name for s in registered("host") if s.fn(d)[0] > 0]
        indicators = {s.name for s in registered("host") if s.indicator}
        assert not set(fired) & indicators, (url, fired)
    assert host.agency_own_domain(doc("https://www.themoscowtimes.com/2019/08/21/x")) == (0.0, [])


def test_agency_own_domain_is_a_measure_not_a_scraped_indicator() -> None:
    spec = {s.name: s for s in registered("host")}["host.agency_own_domain"]
    assert spec.indicator is False


def test_no_url_gives_nan_everywhere() -> None:
    for spec in registered("host"):
        value, ev = spec.fn(doc(None))
        assert math.isnan(value) and ev == [], spec.name
    assert host.parse_host("://") is None and host.parse_host("   ") is None
    assert math.isnan(host.gambling_domain(doc("://"))[0])


def test_url_without_scheme_and_with_port() -> None:
    h = host.parse_host("slotgacor88.xyz:8080/berita")
    assert h is not None and (h.registered, h.suffix) == ("slotgacor88.xyz", "xyz")
    assert host.parse_host("https://News.BBC.co.uk./world").registered == "bbc.co.uk"


def test_public_suffix_lookup_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    host._extractor.cache_clear()
    try:
        h = host.parse_host("https://news.example.co.uk/a")
        assert h is not None and h.registered == "example.co.uk" and h.subdomain == "news"
        assert host.parse_host("https://foo.blogspot.com/").registered == "blogspot.com"
    finally:
        host._extractor.cache_clear()
