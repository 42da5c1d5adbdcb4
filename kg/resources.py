"""The ontology and query library that ship with govkg, wherever kg is imported from.

Installed, they are the package data ``kg.ontology`` and ``kg.queries`` (the
top-level ``ontology/`` and ``queries/`` folders, mapped into the wheel by
setup.py). Imported from a checkout that is not installed editable (``python
build_graph.py`` after a plain ``pip install .`` puts the checkout's own ``kg/``
first on the path), those packages do not exist under ``kg/``, and the
checkout's top-level folders are used instead.
"""
from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def shipped_folder(name: str) -> Traversable:
    """The ``ontology`` or ``queries`` folder as a readable resource tree.

    >>> shipped_folder("ontology").joinpath("gov.ttl").is_file()
    True
    """
    try:
        return importlib.resources.files(f"kg.{name}")
    except ModuleNotFoundError:
        folder = CHECKOUT / name
        if not folder.is_dir():
            raise
        return folder


def ontology_text(file: str = "gov.ttl") -> str:
    """The text of a shipped ontology file (``gov.ttl``, ``shapes.ttl``)."""
    return shipped_folder("ontology").joinpath(file).read_text(encoding="utf-8")
