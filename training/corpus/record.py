"""The typed records that flow through the corpus pipeline.

A :class:`SourceDoc` is one human or machine-translated text read from the public
data (one NTREX translation, one WMT reference or system output, one news-cluster
article, one web page's main text). Transformations turn a source document into a
:class:`CorpusRecord`: the labelled article plus the corpus attributes of design.md §5
(``story_id``, ``families``, ``split``, ``difficulty``).

>>> doc = SourceDoc(key="ntrex:bbc.1:deu", story_id="ntrex:bbc.1", lang="de", title="Titel",
...                 paragraphs=("Erster Absatz.",), kind="human", source="ntrex")
>>> rec = CorpusRecord.from_source(doc, label="original", text="Erster Absatz.")
>>> rec.to_mapping()["story_id"], rec.to_mapping()["families"]
('ntrex:bbc.1', [])
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

HUMAN = "human"
MT = "mt"
KINDS = (HUMAN, MT)

TRAIN = "train"
TEST = "test"
SPLITS = (TRAIN, TEST)

NORMAL = "normal"
HARD = "hard"


_TRADITIONAL = "們這個說為國會時來後發對與經關實點開問題體讓過還見進東長從當應產內頭兩種變報導總統學習電話灣區華"
_SIMPLIFIED = "们这个说为国会时来后发对与经关实点开问题体让过还见进东长从当应产内头两种变报导总统学习电话湾区华"


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One text version of one story, as read from a source (before any transformation).

    ``key`` is unique over the whole build; ``story_id`` is shared by every language and
    version of the same source document; ``kind`` is ``"human"`` or ``"mt"`` (a real machine
    translation). ``credit`` names a real agency credit already present in the text (a
    credited wire copy), ``credit_style`` where it sits (``dateline``/``byline``/``end``).
    ``source_paragraphs`` is the aligned text of the document it was translated from, when known.
    """

    key: str
    story_id: str
    lang: str
    title: str | None
    paragraphs: tuple[str, ...]
    kind: str
    source: str
    url: str | None = None
    credit: str | None = None
    credit_style: str | None = None
    source_lang: str | None = None
    source_paragraphs: tuple[str, ...] | None = None
    system: str | None = None

    @property
    def text(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def tkey(self) -> str:
        """Key of the template file for this text: its language, or ``zh_hant`` for Traditional Chinese.

        >>> SourceDoc("k", "s", "zh", None, ("這個國家的經濟發展",), "human", "t").tkey
        'zh_hant'
        """
        if self.lang != "zh":
            return self.lang
        sample = (self.title or "") + "".join(self.paragraphs)[:400]
        trad = sum(sample.count(ch) for ch in _TRADITIONAL)
        simp = sum(sample.count(ch) for ch in _SIMPLIFIED)
        return "zh_hant" if trad > simp else "zh"


@dataclass(frozen=True, slots=True)
class CorpusRecord:
    """One labelled article of the corpus with its provenance.

    ``families`` lists the transformation families applied (``"credit:dateline"``,
    ``"residue:comment_form"``, ``"mt:wmt"`` …), in the order they were applied.
    """

    id: str
    text: str
    label: str
    lang: str
    story_id: str
    source: str
    source_key: str
    title: str | None = None
    url: str | None = None
    families: tuple[str, ...] = ()
    split: str = TRAIN
    difficulty: str = NORMAL
    system: str | None = None

    @staticmethod
    def make_id(source_key: str, label: str, variant: str = "") -> str:
        """Stable record id from the source key, label and variant name.

        >>> CorpusRecord.make_id("ntrex:bbc.1:deu", "original")
        'fg-14de39f20ec5fa5a'
        """
        digest = hashlib.sha256(f"{source_key}\x00{label}\x00{variant}".encode("utf-8")).hexdigest()
        return "fg-" + digest[:16]

    @classmethod
    def from_source(cls, doc: SourceDoc, label: str, text: str, variant: str = "", **fields: Any) -> "CorpusRecord":
        """A record for ``doc`` with the given label and final text (other fields by keyword)."""
        values: dict[str, Any] = dict(
            id=cls.make_id(doc.key, label, variant),
            text=text,
            label=label,
            lang=doc.lang,
            story_id=doc.story_id,
            source=doc.source,
            source_key=doc.key,
            title=doc.title,
            url=doc.url,
            system=doc.system,
        )
        values.update(fields)
        return cls(**values)

    def with_(self, **changes: Any) -> "CorpusRecord":
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_mapping(self) -> dict[str, Any]:
        """The record as written to the corpus file: Article fields first, corpus attributes after."""
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.title:
            out["title"] = self.title
        if self.url:
            out["url"] = self.url
        out["lang"] = self.lang
        out["label"] = self.label
        out["story_id"] = self.story_id
        out["families"] = list(self.families)
        out["split"] = self.split
        out["difficulty"] = self.difficulty
        out["source"] = self.source
        if self.system:
            out["system"] = self.system
        return out


@dataclass(slots=True)
class Draft:
    """A record being built: mutable text parts that transformations edit in place.

    ``top`` lines go above the title/body (region blocks, stacked titles), ``head`` lines
    between the title and the body (bylines, datelines are applied to ``body[0]``),
    ``tail`` lines after the body (credits, widgets, spam). ``title_in_text`` says whether
    the title is printed as the first line of the text.
    """

    doc: SourceDoc
    label: str
    title: str | None
    body: list[str]
    top: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    title_in_text: bool = True
    url: str | None = None
    hard: bool = False

    def render(self) -> str:
        """The final text: top, title, head, body, tail as blank-line separated paragraphs."""
        parts: list[str] = list(self.top)
        if self.title_in_text and self.title:
            parts.append(self.title)
        parts.extend(self.head)
        parts.extend(self.body)
        parts.extend(self.tail)
        return "\n\n".join(p for p in parts if p is not None and p.strip())

    def add_family(self, name: str) -> None:
        if name not in self.families:
            self.families.append(name)
