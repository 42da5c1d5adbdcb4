"""Responsible-unit links in the graph: one edge per link, its role on the qualified node, and the
role shown by the queries and the network view."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import PROV

from kg.namespaces import GOV
from kg.pipeline import extract_text
from kg.query import GraphFiles, run
from kg.rdf import add_extraction, new_dataset
from kg.view.model import to_networkx

REPORT = ("某县2030年度法治政府建设工作报告\n"
          "县人民政府办公室印发《关于规范涉企检查的通知》。"
          "县司法局联合县总工会开展“法援进工地”活动。\n")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds = new_dataset()
    add_extraction(ds, extract_text(REPORT, source="county.txt"))
    return ds


@pytest.fixture(scope="module")
def graph_file(dataset: Dataset, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("links") / "graph.trig"
    dataset.serialize(destination=str(path), format="trig")
    return path


def test_each_link_is_one_edge_with_its_role_on_the_qualified_node(dataset):
    g = Graph()
    for quad in dataset.quads((None, None, None, None)):
        g.add(quad[:3])
    edges = list(g.subject_objects(GOV.responsibleUnit))
    assert len(edges) == 3
    for p in (GOV.leadUnit, GOV.pilotUnit, GOV.founder, GOV.organiser):
        assert not list(g.subject_objects(p))
    roles = set()
    for s, unit in edges:
        (q,) = [q for q in g.objects(s, GOV.qualifiedResponsibility) if (q, GOV.unitOf, unit) in g]
        roles.update(str(r) for r in g.objects(q, GOV.role))
        assert set(g.objects(q, PROV.wasDerivedFrom))
    assert roles == {"issuer", "partner"}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_queries_show_the_role(graph_file, engine):
    files = GraphFiles([graph_file], engine=engine)
    rows = run("programme-units", files)
    got = {(r[0].value, r[1].value, r[2].value) for r in rows.rows}
    assert got == {("关于规范涉企检查的通知", "县人民政府办公室", "issuer"),
                   ("法援进工地", "县司法局", "partner"), ("法援进工地", "县总工会", "partner")}
    mine = run("unit-programmes", files, {"unit": "县人民政府办公室"})
    assert {(r[1].value, r[2].value) for r in mine.rows} == {("关于规范涉企检查的通知", "issuer")}
    top = run("top-units", files)
    i, j = top.variables.index("unitLabel"), top.variables.index("roles")
    assert {(r[i].value, r[j].value) for r in top.rows} == {
        ("县人民政府办公室", "issuer"), ("县司法局", "partner"), ("县总工会", "partner")}


def test_network_draws_each_role_as_its_relation(dataset):
    G = to_networkx(dataset)
    labels = {d["label"]: d["detail"] for _, _, d in G.edges(data=True) if d["detail"]}
    assert labels.get("制发单位") == "制发" and labels.get("合作单位") == "合作"
    assert "负责单位" not in {d["label"] for _, _, d in G.edges(data=True)}
