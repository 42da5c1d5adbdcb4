"""Choosing part of the node-link graph: by type, by report, around a focus node."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.errors import UsageError
from kg.view.legend import GOV_NS, NODE_TYPES, type_label


def type_keys(names: Iterable[str]) -> set[str]:
    """NODE_TYPES keys for class names: ``Programme``, ``gov:Programme``, an IRI, ``工作项目``, a kind
    (``organisation`` covers every organisation class). Unknown names raise :class:`UsageError`."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for t in NODE_TYPES:
        for alias in (t.key, t.kind, GOV_NS + t.key, "gov:" + t.key, type_label(t.key)):
            by_name[alias.casefold()].add(t.key)
    org = {t.key for t in NODE_TYPES if t.kind == "organisation"}
    for alias in ("organization", "org", "gov:organisation", type_label("Organisation"), GOV_NS + "Organisation"):
        by_name[alias.casefold()] |= org
    by_name["organisation"] = by_name["gov:organisation"] = org
    wanted: set[str] = set()
    for raw in names:
        for name in filter(None, (x.strip() for x in raw.split(","))):
            found = by_name.get(name.casefold())
            if not found:
                known = ", ".join(t.key for t in NODE_TYPES)
                raise UsageError(f"unknown type {name!r}; use one of {known} (or their Chinese labels)")
            wanted |= found
    return wanted


def match_reports(G: nx.MultiDiGraph, wanted: Iterable[str]) -> set[str]:
    """Report nodes named by IRI (or its last segment) or by a substring of their title."""
    reports = {n: d for n, d in G.nodes(data=True) if d["kind"] == "report"}
    found: set[str] = set()
    for token in wanted:
        hits = {n for n, d in reports.items()
                if token in (n, n.rsplit("/", 1)[-1]) or any(token in lab for lab in d["labels"])}
        if not hits:
            titles = "; ".join(sorted(d["label"] for d in reports.values())[:10]) or "none"
            raise UsageError(f"no report matches {token!r}; reports in the graph: {titles}")
        found |= hits
    return found


def match_focus(G: nx.MultiDiGraph, label: str, within: Iterable[str] | None = None) -> set[str]:
    """Nodes whose IRI or any label equals ``label``; else the one node whose label contains it."""
    pool = set(G if within is None else within)
    key = label.strip().casefold()
    exact = {n for n in pool if n == label or any(lab.casefold() == key for lab in G.nodes[n]["labels"])}
    if exact:
        return exact
    partial = sorted((n for n in pool if any(key in lab.casefold() for lab in G.nodes[n]["labels"])),
                     key=lambda n: (len(G.nodes[n]["label"]), G.nodes[n]["label"]))
    if len(partial) == 1:
        return set(partial)
    if not partial:
        raise UsageError(f"no node is labelled {label!r}; try a shorter part of its name")
    names = "、".join(dict.fromkeys(G.nodes[n]["label"] for n in partial[:8]))
    raise UsageError(f"{len(partial)} nodes contain {label!r} ({names}…); give the full label")


def neighbourhood(G: nx.MultiDiGraph, centres: set[str], depth: int, within: set[str]) -> set[str]:
    """Nodes within ``depth`` steps of ``centres``, either direction; reports and places are reached
    but not expanded (through them everything is two steps from everything)."""
    seen, frontier = set(centres), set(centres)
    for _ in range(max(depth, 0)):
        nxt: set[str] = set()
        for n in frontier:
            if n not in centres and G.nodes[n]["kind"] in ("report", "place"):
                continue
            for m in (*G.successors(n), *G.predecessors(n)):
                if m in within and m not in seen:
                    nxt.add(m)
        seen |= nxt
        frontier = nxt
    return seen


def select(G: nx.MultiDiGraph, *, types: Iterable[str] | None = None, reports: Iterable[str] | None = None,
           focus: str | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The part of ``G`` the filters choose, applied in this order: reports (entities appearing in
    them; sentences from other reports are dropped), focus (neighbourhood of depth ``depth``), types."""
    keep = set(G)
    chosen = match_reports(G, reports) if reports else None
    if chosen is not None:
        keep = {n for n in keep if chosen.intersection(G.nodes[n]["reports"])}
    if focus:
        keep = neighbourhood(G, match_focus(G, focus, keep), depth, keep)
    if types:
        wanted = type_keys(types)
        keep = {n for n in keep if G.nodes[n]["type"] in wanted}
    H = G.subgraph(keep).copy()
    if chosen is not None:
        for _, data in H.nodes(data=True):
            data["sentences"] = [x for x in data["sentences"] if not x["report"] or x["report"] in chosen]
            data["reports"] = [r for r in data["reports"] if r in chosen]
        for _, _, data in H.edges(data=True):
            data["sentences"] = [x for x in data["sentences"] if not x["report"] or x["report"] in chosen]
    return H

