"""The docstring examples of the farmguard package are real: run them."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "farmguard.article",
    "farmguard.errors",
    "farmguard.readers",
    "farmguard.html_extract",
    "farmguard.output",
    "farmguard.cli.reporting",
    "farmguard.__main__",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"
