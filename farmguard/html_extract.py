"""Main text and page facts from raw HTML, with trafilatura (imported on first use).

:func:`extract_page` turns a page into :class:`Page`: the main text (boilerplate removed),
the title, the canonical URL and ``og:url``, the ``<html lang>`` language, the publication
date trafilatura finds, and the page's ``<meta>`` tags. :func:`fill_from_html` applies it to
an :class:`~farmguard.article.Article` that carries ``html``: fields the record already has
win, the raw HTML stays on the article for the signals that need it, and the meta tags go to
``article.extra["html_meta"]`` (the names in :data:`META_NAMES` only, so outputs stay short).

>>> page = extract_page(
...     '<html lang="nl"><head><title>Duizenden vluchten uit Homs</title>'
...     '<link rel="canonical" href="https://example.nl/homs"></head><body><article>'
...     '<h1>Duizenden vluchten uit Homs</h1><p>' + 'Duizenden mensen hebben de stad verlaten. ' * 8 +
...     '</p></article><footer>Geef een reactie</footer></body></html>')
>>> page.lang, page.url, page.title
('nl', 'https://example.nl/homs', 'Duizenden vluchten uit Homs')
>>> page.text.startswith("Duizenden mensen hebben de stad verlaten."), "reactie" in page.text
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from farmguard.article import Article

if TYPE_CHECKING:  # pragma: no cover
    from lxml.html import HtmlElement

__all__ = ["Page", "extract_page", "fill_from_html", "META_KEY"]

META_KEY = "html_meta"
"""Key of ``Article.extra`` that receives the page's meta tags (and canonical / og:url)."""

META_NAMES = frozenset((
    "canonical", "og:url", "og:site_name", "og:title", "og:type", "og:locale", "description", "author",
    "generator", "keywords", "news_keywords", "robots", "application-name", "twitter:site",
    "article:published_time", "article:modified_time", "article:author", "article:publisher", "article:section",
))
"""The ``<meta>`` names and properties kept in ``extra["html_meta"]`` (the ones that say who made the page)."""
MAX_META_VALUE_CHARS = 300
_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]{0,200}\?>")
_XML_DECL_BYTES = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}\?>")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True, slots=True)
class Page:
    """What :func:`extract_page` found in one HTML page (``None`` / empty when absent)."""

    text: str
    title: str | None = None
    url: str | None = None  # canonical URL, else og:url, else the URL trafilatura found
    canonical: str | None = None
    og_url: str | None = None
    lang: str | None = None  # from <html lang>, e.g. "nl" or "pt-BR"
    published: str | None = None  # ISO 8601 date found by trafilatura/htmldate
    meta: dict[str, str] = field(default_factory=dict)


def extract_page(html: str | bytes, url: str | None = None) -> Page:
    """Extract main text, title, canonical/og URL, language, date and meta tags from ``html``.

    Returns a :class:`Page` with empty ``text`` when the page has no main text (or no HTML
    tree at all). ``url``, when known, helps trafilatura resolve relative links only.

    >>> extract_page("<html><head><meta property='og:url' content='https://a.example/x'></head></html>").og_url
    'https://a.example/x'
    """
    import trafilatura
    from lxml import etree

    # lxml would parse a page that starts with an XML declaration as a fragment (losing <html lang>)
    html = _XML_DECL_BYTES.sub(b"", html, count=1) if isinstance(html, bytes) else _XML_DECL.sub("", html, count=1)
    tree = trafilatura.load_html(html)
    if tree is None:
        return Page(text="")
    head = _head_facts(tree)
    try:
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, etree.LxmlError, RecursionError):  # pathological trees
        result = None
    title = _clean(getattr(result, "title", None)) or head.pop("_title", None)
    head.pop("_title", None)
    text = drop_leading_title((getattr(result, "text", None) or "").strip(), title)
    canonical = head.get("canonical")
    og_url = head.get("og:url")
    found_url = _clean(getattr(result, "url", None))
    return Page(
        text=text,
        title=title,
        url=canonical or og_url or found_url,
        canonical=canonical,
        og_url=og_url,
        lang=head.pop("_lang", None),
        published=_clean(getattr(result, "date", None)),
        meta=head,
    )


def fill_from_html(article: Article) -> Article:
    """Fill ``article``'s missing text, title, url, lang and published from its ``html`` (in place).

    Fields already given in the record win; the raw HTML is kept on the article.

    >>> art = Article(text="", id="p1", title="Given title",
    ...               html='<html lang="de"><head><title>Page title</title></head><body><p>Kurz.</p></body></html>')
    >>> _ = fill_from_html(art)
    >>> art.title, art.lang, art.id
    ('Given title', 'de', 'p1')
    """
    if article.html is None:
        return article
    page = extract_page(article.html, url=article.url)
    if not article.text.strip():
        article.text = page.text
    article.title = article.title or page.title
    article.url = article.url or page.url
    article.lang = article.lang or page.lang
    article.published = article.published or page.published
    if page.meta and META_KEY not in article.extra:
        article.extra[META_KEY] = page.meta
    return article


def drop_leading_title(text: str, title: str | None) -> str:
    """Remove the first line of ``text`` when it is the page title (the ``<h1>``), once.

    The title is kept in its own field, as for ``.txt`` articles; a title printed twice
    (stacked titles, a scraper's mark) still leaves a copy in the text.

    >>> drop_leading_title("Homs falls\\nRebels entered Homs.", "Homs falls - Example News")
    'Rebels entered Homs.'
    >>> drop_leading_title("Rebels entered Homs.", "Homs falls")
    'Rebels entered Homs.'
    """
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    line = " ".join(first.split()).casefold()
    full = title.casefold()
    if line and (line == full or (full.startswith(line) and full[len(line) : len(line) + 2].strip() in _TITLE_SEPARATORS)):
        return rest.strip()
    return text


_TITLE_SEPARATORS = frozenset(("-", "|", "–", "—", ":", "·", "•"))


def _head_facts(tree: "HtmlElement") -> dict[str, Any]:
    """Canonical link, og:url, ``<html lang>``, ``<title>`` and the meta tags of a parsed page."""
    facts: dict[str, Any] = {}
    lang = tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and _LANG.match(lang.strip()):
        facts["_lang"] = lang.strip().replace("_", "-")
    for link in tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split() and "canonical" not in facts:
            href = _clean(link.get("href"))
            if href:
                facts["canonical"] = href
    title = tree.find(".//title")
    if title is not None:
        clean_title = _clean(title.text_content())
        if clean_title:
            facts["_title"] = clean_title
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = _clean(meta.get("content"))
        if key in META_NAMES and value and key not in facts:
            facts[key] = value[:MAX_META_VALUE_CHARS]
    return facts


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
