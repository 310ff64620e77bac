"""Finding real agency credit already present in a source text (credited wire copies).

Used to label real data: a news-cluster article or WMT source that opens with
"WASHINGTON (AP) —" or ends with "(dpa/lnw)" or "… Podium. dpa" is an agency story on
another site, i.e. ``syndicated``. Photo credits ("(AP Photo/…)", "Foto: …/dpa") are not
syndication credit and are ignored.

>>> find_credit("LONDON, Jan 1 (Reuters) - Robert Kubica will drive.")
('Reuters', 'dateline')
>>> find_credit("Er kam 103 mal aufs Podium. dpa")
('dpa', 'end')
>>> find_credit("Trump in Washington. (AP Photo/Patrick Semansky) He said.") is None
True
"""

from __future__ import annotations

import re

AGENCIES = (
    "AP", "Associated Press", "Reuters", "AFP", "dpa", "EFE", "Europa Press", "ANSA", "ANP", "APA", "SDA",
    "KNA", "epd", "PAP", "ČTK", "TASR", "AA", "Anadolu", "DHA", "İHA", "IHA", "Xinhua", "TASS", "Kyodo",
    "Yonhap", "PTI", "IANS", "Bernama", "ANTARA", "Belga", "Lusa", "Agerpres", "MTI", "BTA", "Hina", "STA",
    "dapd", "sid", "AFX", "Interfax",
)
_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_DATELINE = re.compile(rf"^[^\n]{{0,80}}?\((?:{_ALT})\)\s*(?:[-–—:]|\.-)", re.M)
_BYLINE = re.compile(rf"(?:^|\n|\s)(?:By|Von|Por|Par|Door|Oleh|Di|Od) (?:The )?(?:{_ALT})(?:\s|$)")
_END = re.compile(
    rf"(?:\((?:[a-z]{{1,4}}(?:,[a-z]{{1,4}})*/)?(?:[a-z]{{1,4}}/)?(?:{_ALT})(?:(?:, |/)(?:{_ALT}|[a-z]{{1,4}}))*\)"
    rf"|(?:mit|with|con|avec) (?:{_ALT})|(?:RND|[A-Z]{{2,4}})/(?:{_ALT})(?:/[a-z]{{1,4}})?|(?<=[.!?\"”] )(?:{_ALT}))\s*$"
)


def find_credit(text: str) -> tuple[str, str] | None:
    """``(agency, where)`` for the first credit found (``dateline``, ``byline`` or ``end``), else None."""
    head = text[:400]
    m = _DATELINE.search(head)
    if m:
        return _agency_in(m.group(0)), "dateline"
    m = _BYLINE.search(head)
    if m:
        return _agency_in(m.group(0)), "byline"
    tail = text[-160:].rstrip()
    m = _END.search(tail)
    if m:
        return _agency_in(m.group(0)), "end"
    return None


_AGENCY_RE = re.compile(rf"(?<![A-Za-z])({_ALT})(?![A-Za-z])")


def _agency_in(span: str) -> str:
    m = _AGENCY_RE.search(span)
    return m.group(1) if m else span.strip()
