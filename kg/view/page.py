"""The interactive network view: one self-contained, offline HTML file.

::

    from kg.view.page import render_view
    stats = render_view(dataset, "out/graph.html", types=["Programme", "Organisation"])
    stats.nodes, stats.edges                    # how many were drawn

``render_view(source, out_path, *, types=None, reports=None, focus=None,
depth=1, title=None, observation_nodes=False) -> ViewStats`` draws an rdflib
Graph or Dataset (or a graph already made by :func:`kg.view.model.to_networkx`)
through the filters of :func:`kg.view.filters.select` and writes the page
atomically. :func:`view_html` returns the page as a string;
:func:`query_network` turns the rows of a query (``?source ?target
[?label]``) into a graph to draw.

The page carries its data as JSON in a ``<script type="application/json">``
block (``<``, ``>``, ``&``, U+2028 and U+2029 escaped) and vis-network's
standalone build, read from the installed pyvis package at render time; it
loads nothing else and its Content-Security-Policy forbids any request.
Positions are computed here (:mod:`kg.view.layout`), physics is off. The page sets
``window.network`` (the vis ``Network``) and ``document.body.dataset.ready =
"1"`` once the first frame of the final layout is drawn. Every name and
sentence is put in the page with ``textContent``, never as markup.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

import networkx as nx

from kg.atomic import atomic_write
from kg.errors import StoreError
from kg.view.filters import select
from kg.view.layout import layout
from kg.view.legend import GOV_NS, NODE_TYPES, TYPE_BY_KEY, term_label, type_label
from kg.view.model import to_networkx

EDGE_LABEL_LIMIT = 1500     # above this many drawn edges, relation names move to the tooltip
BIG_GRAPH = 2500            # above this many nodes: straight edges, edges hidden while dragging
LABEL_CHARS = 8             # node labels longer than this are shortened on the canvas
SPACING = 56.0              # pixels per ideal edge length (one lattice row)
STRETCH = 1.45              # x is wider: labels are wider than tall
BASE_FONT = 17              # label size of the smallest node, as in view.js
VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")
PLACEHOLDER = re.compile(r"/\*\{\{(TITLE|CSS|VIS|DATA|JS)\}\}\*/")


@dataclass
class ViewStats:
    """What :func:`render_view` drew."""

    path: str
    nodes: int
    edges: int
    bytes: int
    seconds: float
    edge_labels: bool
    types: dict[str, int] = field(default_factory=dict)


def render_view(source: Any, out_path: str | os.PathLike[str], *, types: Iterable[str] | None = None,
                reports: Iterable[str] | None = None, focus: str | None = None, depth: int = 1,
                title: str | None = None, observation_nodes: bool = False) -> ViewStats:
    """Draw ``source`` (rdflib Graph/Dataset or a :func:`to_networkx` graph) to ``out_path``."""
    started = time.perf_counter()
    G = source if isinstance(source, nx.MultiDiGraph) else to_networkx(source, observation_nodes=observation_nodes)
    if types or reports or focus:
        G = select(G, types=types, reports=reports, focus=focus, depth=depth)
    if title is None:
        title = _default_title(G, focus)
    page, drawn = _page(G, title)
    try:
        with atomic_write(out_path) as fh:
            fh.write(page)
    except OSError as exc:
        raise StoreError(f"{os.fspath(out_path)}: cannot write the view ({exc.strerror})") from exc
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        counts[data["type"]] = counts.get(data["type"], 0) + 1
    return ViewStats(os.fspath(out_path), G.number_of_nodes(), drawn, len(page.encode("utf-8")),
                     time.perf_counter() - started, drawn <= EDGE_LABEL_LIMIT, counts)


def view_html(G: nx.MultiDiGraph, *, title: str = "govkg", expand: dict[str, Any] | None = None) -> str:
    """The page for a :func:`to_networkx` graph, as a string.

    With ``expand`` (kg serve's overview), nodes with a ``fold`` attribute open on click: the page
    asks ``expand["url"]`` for what they fold (so its policy lets it connect to its own server)."""
    return _page(G, title, expand)[0]


def query_network(full: nx.MultiDiGraph, rows: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """A graph of query rows with ``source``, ``target`` and optional ``label`` values; nodes that
    are in ``full`` keep their attributes, other values (literals too) become 'other' nodes."""
    H = nx.MultiDiGraph()
    for row in rows:
        ends = [row.get("source"), row.get("target")]
        if any(e is None for e in ends):
            continue
        names = []
        for end in ends:
            name = str(end)
            if name not in H:
                if name in full:
                    H.add_node(name, **full.nodes[name])
                else:
                    H.add_node(name, label=name.rsplit("/", 1)[-1] if name.startswith("http") else name,
                               type="Other", type_label=type_label("Other"), kind="other", labels=[name],
                               mentions=0, sentences=[], reports=[], observations=[], description="", props=[])
            names.append(name)
        label = str(row["label"]) if row.get("label") is not None else "查询结果"
        H.add_edge(names[0], names[1], key=label, relation=label, label=label, faint=False, detail="",
                   sentences=[])
    return H


def _default_title(G: nx.MultiDiGraph, focus: str | None) -> str:
    reports = sorted(d["label"] for _, d in G.nodes(data=True) if d["kind"] == "report")
    base = reports[0] if len(reports) == 1 else f"{len(reports)} 份报告" if reports else "govkg"
    return f"{base} · {focus}" if focus else base


@lru_cache(maxsize=1)
def _vis_js() -> str:
    try:
        resource = files("pyvis")
        for part in VIS_JS:
            resource = resource.joinpath(part)
        text = resource.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise StoreError("vis-network is missing: install pyvis 0.3.2 (it ships vis-network 9.1.2)") from exc
    return text.replace("</script", "<\\/script")


def _template(name: str) -> str:
    return files("kg.view.templates").joinpath(name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _page(G: nx.MultiDiGraph, title: str, expand: dict[str, Any] | None = None) -> tuple[str, int]:
    data = _data(G, title)
    template = _template("view.html")
    js = _template("view_dom.js") + "\n" + _template("view.js")
    if expand:
        data["expand"] = expand
        js += "\n" + _template("view_expand.js")
        template = template.replace("connect-src 'none'", "connect-src 'self'")
    parts = {"TITLE": html.escape(title), "CSS": _template("view.css"), "VIS": _vis_js(),
             "DATA": script_json(data), "JS": js}
    page = PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)
    return page, len(data["edges"])


def short_label(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _data(G: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """Everything the page needs, in compact arrays (nodes are numbered 0..n-1)."""
    order = {t.key: k for k, t in enumerate(NODE_TYPES)}
    strong = {n: 0 for n in G}
    for u, v, d in G.edges(data=True):
        if not d["faint"]:
            strong[u] += 1
            strong[v] += 1
    weight = {n: strong[n] + d["mentions"] + len(d["observations"]) for n, d in G.nodes(data=True)}
    nodes = sorted(G, key=lambda n: (order.get(G.nodes[n]["type"], 99), -weight[n], G.nodes[n]["label"], n))
    index = {n: i for i, n in enumerate(nodes)}
    present = [t for t in NODE_TYPES if any(G.nodes[n]["type"] == t.key for n in nodes)]
    type_index = {t.key: k for k, t in enumerate(present)}

    # edges: a background edge is left out where a labelled edge joins the same two nodes
    linked = {frozenset((u, v)) for u, v, d in G.edges(data=True) if not d["faint"]}
    relations: dict[str, int] = {}
    rel_rows: list[dict[str, Any]] = []
    sentences: dict[tuple[str, str, str], int] = {}
    edges = []
    tether: dict[str, tuple[str, bool]] = {}   # node → (report or place it sits near, via gov:mentionedIn)
    reached_from: dict[str, str] = {}          # report or place → the first node with a background edge to it
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: (index[e[0]], index[e[1]], e[2])):
        if d["faint"]:
            if frozenset((u, v)) in linked:
                continue
            if u not in tether or (key == GOV_NS + "mentionedIn" and not tether[u][1]):
                tether[u] = (v, key == GOV_NS + "mentionedIn")
            reached_from.setdefault(v, u)
        if key not in relations:
            relations[key] = len(rel_rows)
            rel_rows.append({"iri": d["relation"], "label": d["label"], "faint": bool(d["faint"])})
        sent = [_sentence_id(sentences, x, index) for x in d["sentences"]]
        edges.append([index[u], index[v], relations[key], d["detail"], sent])

    layout_edges = [(u, v, 1.0) for u, v, d in G.edges(data=True) if not d["faint"]]
    layout_edges += [(u, target, 1.0) for u, (target, _) in tether.items()]
    # a report no node is tethered to (a neighbourhood: the centre is tethered to one report only)
    # hangs on a node that names it, so the reports around a programme form its star
    touched = {x for u, v, _ in layout_edges for x in (u, v)}
    layout_edges += [(v, u, 1.0) for v, u in reached_from.items() if v not in touched]
    size = {n: G.nodes[n].get("size") or _size(G.nodes[n]["kind"], weight[n]) for n in nodes}
    pos = layout(nodes, layout_edges, seed=7, spacing=SPACING, stretch=STRETCH,
                 sizes={n: _footprint(s) for n, s in size.items()})

    observations: dict[str, int] = {}
    obs_rows: list[dict[str, Any]] = []
    node_rows, info_rows = [], []
    for n in nodes:
        d = G.nodes[n]
        x, y = pos[n]
        node_rows.append([x, y, type_index[d["type"]], round(size[n], 1), short_label(d["label"])])
        obs_ids = []
        for obs in d["observations"]:
            if obs["iri"] not in observations:
                observations[obs["iri"]] = len(obs_rows)
                row = {k: v for k, v in obs.items() if k not in ("iri", "sentence")}
                row["sentence"] = _sentence_id(sentences, {"text": obs["sentence"], "section": "", "report": ""},
                                               index) if obs["sentence"] else -1
                obs_rows.append(row)
            obs_ids.append(observations[obs["iri"]])
        info_rows.append({
            "iri": n, "label": d["label"], "labels": d["labels"], "mentions": d["mentions"],
            "reports": [index[r] for r in d["reports"] if r in index],
            "reportTitles": [r for r in d["reports"] if r not in index],
            "obs": obs_ids, "sent": [_sentence_id(sentences, x, index) for x in d["sentences"]],
            "desc": d["description"], "props": [list(p) for p in d["props"]],
            **{k: d[k] for k in ("fold", "page") if d.get(k)},   # kg serve: what a node folds, its page
        })
    return {
        "title": title,
        "types": [{"key": t.key, "label": type_label(t.key), "kind": t.kind, "color": t.color,
                   "shape": t.shape} for t in present],
        "relations": rel_rows, "nodes": node_rows, "info": info_rows, "edges": edges,
        "observations": obs_rows,
        "sentences": [[text, section, index.get(rep, -1)] for (text, section, rep) in sentences],
        "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT, "big": len(nodes) > BIG_GRAPH,
        "labels": {"mentionedIn": term_label(GOV_NS + "mentionedIn")},
    }


def _size(kind: str, weight: float) -> float:
    """A node's radius in pixels, as vis-network draws it."""
    return {"report": 30.0, "place": 16.0}.get(kind, min(30.0, 8.0 + 3.5 * math.sqrt(weight)))


def _footprint(size: float) -> float:
    """How many lattice rows a node of ``size`` takes, with its label under it (view.js's font size)."""
    font = BASE_FONT + (size - 8) * 0.3
    return (2 * size + font + 10) / SPACING


def _sentence_id(table: dict[tuple[str, str, str], int], x: dict[str, str], index: dict[str, int]) -> int:
    key = (x["text"], x.get("section", ""), x.get("report", ""))
    if key not in table:
        table[key] = len(table)
    return table[key]


__all__ = ["SPACING", "STRETCH", "TYPE_BY_KEY", "ViewStats", "query_network", "render_view", "script_json",
           "short_label", "view_html"]
