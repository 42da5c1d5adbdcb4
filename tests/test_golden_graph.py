"""The whole graph of one small report, kept as Turtle and compared by meaning (graph isomorphism).

Any change to what the pipeline writes shows here as a diff to review: the
triples only in the expected graph and those only in the new one. When the
change is meant, write the new expected file and review it with `git diff`:

    GOVKG_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_graph.py
"""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.pipeline import build_dataset

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "golden"
REPORT = HERE / "small-report.txt"
EXPECTED = HERE / "small-report.ttl"


def built_graph() -> Graph:
    """The report's graph as the pipeline writes it (one report: the union of named graphs is its graph)."""
    result = build_dataset([str(REPORT.relative_to(ROOT))])
    graph = Graph()
    for prefix, ns in result.dataset.namespaces():
        graph.bind(prefix, ns)
    for s, p, o, _ in result.dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _lines(graph: Graph) -> list[str]:
    return sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)


def test_the_small_reports_graph_is_the_expected_one(monkeypatch):
    monkeypatch.chdir(ROOT)  # dcterms:source is the path as given: tests/golden/small-report.txt
    turtle = built_graph().serialize(format="turtle")
    if os.environ.get("GOVKG_UPDATE_GOLDEN"):
        EXPECTED.write_text(turtle, encoding="utf-8")
    got = Graph().parse(data=turtle, format="turtle")  # Turtle writes 18 as 18.0: compare like with like
    expected = Graph().parse(EXPECTED, format="turtle")
    if to_isomorphic(got) == to_isomorphic(expected):
        return
    _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    lost, gained = _lines(only_expected), _lines(only_got)
    raise AssertionError(
        f"the graph of {REPORT.name} changed: {len(lost)} triples lost, {len(gained)} gained "
        "(if this is meant, rerun with GOVKG_UPDATE_GOLDEN=1 and review the diff)\n"
        + "\n".join(["lost:"] + lost[:40] + ["gained:"] + gained[:40]))
