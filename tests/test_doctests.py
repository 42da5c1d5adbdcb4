"""Every example in a kg module's docstrings runs and shows what the code returns.

Examples that need data on disk are written as plain ``::`` blocks or marked
``# doctest: +SKIP``; the rest run here, so a stale example fails the suite.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg.")
                 if not m.name.startswith("kg.serve.static"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} docstring examples fail"
