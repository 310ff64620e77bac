"""Article's id: the content id when none is given, hashed on first read but the same as an eager one."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from farmguard.article import Article, content_id


def test_id_without_one_given_is_the_content_id_of_the_construction_fields() -> None:
    art = Article(text="Body.", title="T", url="https://x.example/a")
    art.text, art.title = "Extracted later.", "Other"  # html extraction fills fields after construction
    assert art.id == content_id("Body.", "T", "https://x.example/a")
    assert type(art.id) is str
    assert Article(text="b", id=None).id == Article(text="b", id="").id == content_id("b")


def test_given_and_assigned_ids_are_kept() -> None:
    assert Article(text="b", id="x1").id == "x1"
    art = Article(text="b")
    art.id = ""
    assert art.id == ""


def test_equality_repr_copies_and_pickles_see_the_id() -> None:
    a, b = Article(text="same"), Article(text="same")
    _ = a.id  # one hashed, one pending
    assert a == b and a != Article(text="other")
    assert f"id='{content_id('same')}'" in repr(Article(text="same"))
    for other in (pickle.loads(pickle.dumps(Article(text="same"))), copy.deepcopy(Article(text="same")),
                  dataclasses.replace(Article(text="same"), lang="en")):
        assert other.id == content_id("same")
    assert dataclasses.asdict(Article(text="same"))["id"] == content_id("same")
    assert [f.name for f in dataclasses.fields(Article)][:2] == ["text", "id"]
