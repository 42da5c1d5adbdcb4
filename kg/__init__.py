"""govkg: a knowledge graph of Chinese government work reports.

The public API, for notebooks and scripts as much as for the ``kg`` command::

    import kg
    dataset = kg.build_dataset(["report.txt"]).dataset   # rdflib Dataset, one named graph per report
    extraction = kg.extract_file("report.txt")       # plain records, no RDF
    kg.render_view(dataset, "view.html")             # offline HTML network view
    kg.replace_reports("store/", dataset)            # embedded Oxigraph store

Heavy modules are imported on first use, so ``kg --help`` starts fast.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "build_dataset": "kg.pipeline",
    "extract_file": "kg.pipeline",
    "extract_text": "kg.pipeline",
    "write_dataset": "kg.rdf_io",
    "KGError": "kg.errors",
    "render_view": "kg.view.page",
    "to_networkx": "kg.view.model",
    "replace_reports": "kg.store",
    "remove_reports": "kg.store",
    "read_dataset": "kg.store",
    "push": "kg.remote",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = [
    "KGError",
    "__version__",
    "build_dataset",
    "extract_file",
    "extract_text",
    "push",
    "read_dataset",
    "remove_reports",
    "render_view",
    "replace_reports",
    "to_networkx",
    "write_dataset",
]
