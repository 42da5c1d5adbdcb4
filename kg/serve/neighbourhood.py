"""The network view of one entity or report at depth 1–2, drawn on demand by kg.view.

Only the quads the view needs are read from the store: those of the nodes
within reach and of the responsibilities, citations, observations and
mentions attached to them. They go into a small in-memory Oxigraph store,
which :func:`kg.view.model.to_networkx` and :func:`kg.view.page.view_html` draw as
``kg view`` does; :func:`kg.view.filters.neighbourhood` then keeps what is within
``depth`` steps (reports and places are reached but not expanded).
"""
from __future__ import annotations

from typing import Any

from kg.query.terms import to_oxigraph
from kg.query.text import ntriples
from kg.serve.catalog import kind_of
from kg.serve.reader import Reader, iri, value
from kg.view.filters import neighbourhood
from kg.view.model import to_networkx
from kg.view.page import view_html

MAX_NODES = 400          # a neighbourhood bigger than this is cut (nearest first)
NOT_EXPANDED = ("report", "place")
# Neighbours through a responsibility, citation or observation node, spelled out path by path:
# a generic two-step pattern makes the engine walk every such node of the store.
_NEIGHBOURS = """
SELECT DISTINCT ?c ?n WHERE {
  #VALUES
  { ?c ?p ?n } UNION { ?n ?p ?c }
  UNION { ?c gov:qualifiedResponsibility/gov:unitOf ?n } UNION { ?n gov:qualifiedResponsibility/gov:unitOf ?c }
  UNION { ?c gov:qualifiedCitation/gov:document ?n } UNION { ?n gov:qualifiedCitation/gov:document ?c }
  UNION { ?o gov:about ?c ; gov:indicator ?n } UNION { ?o gov:indicator ?c ; gov:about ?n }
  FILTER(isIRI(?n))
}"""

_ATTACHED = """
SELECT DISTINCT ?x ?g WHERE {
  #VALUES
  GRAPH ?g { { ?c gov:qualifiedResponsibility ?x } UNION { ?x gov:unitOf ?c } UNION { ?c gov:qualifiedCitation ?x }
             UNION { ?x gov:indicator ?c } UNION { ?x gov:about ?c } }
  #ONLY
}"""

_MENTIONS = "SELECT DISTINCT ?m ?g WHERE { #VALUES\n GRAPH ?g { ?c prov:wasDerivedFrom ?m } #ONLY\n}"
_QUADS = "SELECT ?c ?p ?o ?g WHERE { #VALUES\n GRAPH ?g { ?c ?p ?o } #ONLY\n}"


def _only(text: str, graphs: set[str]) -> str:
    """``text`` keeping rows of these graphs only: a FILTER on each row found, not a VALUES block
    of graphs (which the engine would join with the subjects'), so what other reports say about
    shared entities is dropped in the query process instead of being sent to be dropped here."""
    if not graphs:
        return text
    return text.replace("#ONLY", "FILTER(?g IN (" + ", ".join(ntriples(iri(g)) for g in sorted(graphs)) + "))")


def _reach(reader: Reader, centre: str, depth: int) -> list[str]:
    order, seen, frontier = [centre], {centre}, [centre]
    for _ in range(depth):
        expand = [n for n in frontier if n == centre or kind_of(n) not in NOT_EXPANDED]
        found = []
        for row in reader.select_each(_NEIGHBOURS, "c", expand):
            n = value(row, "n")
            if n not in seen and kind_of(n) is not None:
                seen.add(n)
                found.append(n)
        order += found
        frontier = found
        if len(order) >= MAX_NODES:
            break
    return order[:MAX_NODES]


def neighbourhood_store(reader: Reader, centre: str, depth: int) -> Any:
    """An in-memory Oxigraph store with what the view of ``centre`` needs."""
    import pyoxigraph as ox

    nodes = _reach(reader, centre, depth)
    # the view tells what the reports within reach say: what only other reports say stays out
    # (filtered here: a VALUES block of graphs beside one of subjects makes the engine join them all)
    reports = {n for n in nodes if kind_of(n) == "report"}

    def within(row: dict) -> bool:
        return not reports or value(row, "g") in reports

    inner = [n for n in nodes if kind_of(n) not in NOT_EXPANDED]  # a report's own quads only
    attached = [value(r, "x") for r in reader.select_each(_only(_ATTACHED, reports), "c", inner) if within(r)]
    mentions = [value(r, "m") for r in reader.select_each(_only(_MENTIONS, reports), "c", inner + attached)
                if within(r)]
    store = ox.Store()
    quads = []
    for row in reader.select_each(_only(_QUADS, reports), "c", nodes + attached + mentions):
        if within(row):
            quads.append(ox.Quad(to_oxigraph(row["c"]), to_oxigraph(row["p"]), to_oxigraph(row["o"]), to_oxigraph(row["g"])))
    store.extend(quads)
    return store


def neighbourhood_page(reader: Reader, centre: str, depth: int, title: str) -> str:
    G = to_networkx(neighbourhood_store(reader, centre, depth))
    if centre not in G:
        return view_html(G.subgraph([]).copy(), title=title)
    drawn = {n for n, data in G.nodes(data=True) if data["kind"] != "other"}
    keep = neighbourhood(G, {centre}, depth, drawn)
    return view_html(G.subgraph(keep).copy(), title=title)
