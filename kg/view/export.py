"""The node-link graph as GraphML or GEXF files, for Gephi, yEd or Cytoscape."""
from __future__ import annotations

import json
import os
from typing import Any

import networkx as nx

from kg.atomic import atomic_path
from kg.errors import StoreError, UsageError
from kg.view.model import to_networkx

_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _scalar(value: Any) -> Any:
    """GraphML and GEXF take str, int, float and bool only."""
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value.translate(_CONTROL)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value).translate(_CONTROL)
    if isinstance(value, list) and all(isinstance(v, dict) and "text" in v for v in value):
        return "\n".join(v["text"] for v in value).translate(_CONTROL)
    if isinstance(value, list) and all(isinstance(v, tuple) for v in value):
        return "; ".join(f"{k}: {v}" for k, v in value).translate(_CONTROL)
    return json.dumps(value, ensure_ascii=False).translate(_CONTROL)


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes only: lists joined, records as JSON."""
    H = nx.MultiDiGraph()
    for n, data in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in data.items()})
    for u, v, k, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _scalar(b) for a, b in data.items()})
    return H


def write_network(G: Any, path: str | os.PathLike[str]) -> None:
    """Write ``G`` (from :func:`to_networkx`, or an rdflib Graph or Dataset, converted first) as
    GraphML (``.graphml``) or GEXF (``.gexf``), atomically.

    >>> write_network(to_networkx(dataset), "out/graph.gexf")     # doctest: +SKIP
    """
    suffix = os.fspath(path).rsplit(".", 1)[-1].lower()
    if suffix not in ("graphml", "gexf"):
        raise UsageError(f"{os.fspath(path)}: write a .graphml or .gexf file")
    H = flatten(G if isinstance(G, nx.MultiDiGraph) else to_networkx(G))
    try:
        with atomic_path(path) as tmp:
            if suffix == "graphml":
                nx.write_graphml(H, tmp, encoding="utf-8")
            else:
                nx.write_gexf(H, tmp, encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{os.fspath(path)}: cannot write ({exc.strerror})") from exc
