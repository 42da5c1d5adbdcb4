"""Named queries give the same rows on every engine: rdflib, Oxigraph on files and in a store, any RDF format, and a graph the pipeline built."""
from __future__ import annotations

import pytest
import rdflib
from query_fixtures import FIXTURE, NAMES, A, B, bag, values
from query_params import REQUIRED

import kg.query
import kg.query.endpoint
import kg.query.engines
import kg.query.results
import kg.query.syntax
import kg.query.terms
import kg.query.text
import kg.query.timeout
from kg.query import GraphFiles, OxigraphStore, run

# ---------------------------------------------------------------- the engines agree

@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_rdflib_oxigraph_and_store(name, query_oxigraph, query_rdflib, query_store):
    params = REQUIRED.get(name, {})
    ox = run(name, query_oxigraph, params, keep_params=True)
    rd = run(name, query_rdflib, params, keep_params=True)
    st = run(name, OxigraphStore(query_store), params, keep_params=True)
    assert ox.variables == rd.variables == st.variables
    assert bag(ox) == bag(rd) == bag(st)
    assert ox.rows, f"{name} returns nothing on the fixture"


@pytest.mark.parametrize("name,params", [
    ("programme-units", {"unit": "区司法局"}), ("programme-units", {"programme": "id:programme/c000000000000001"}),
    ("documents-cited", {"action": "落实"}), ("shared-programmes", {"minReports": "1"}),
    ("reports", {"year": "2023"}), ("top-units", {"kind": "department"}), ("provenance", {"target": "法治医院"}),
    ("provenance", {"target": "id:resp/4a00000000000001"}), ("provenance", {"target": "id:programme/c000000000000001"}),
    ("indicators", {"minReports": "2"}),
    ("report-metrics", {"report": "东城区"}), ("organisations-by-kind", {"kind": "department"}),
])
def test_same_rows_with_parameters(name, params, query_oxigraph, query_rdflib):
    ox, rd = run(name, query_oxigraph, params), run(name, query_rdflib, params)
    assert ox.rows and bag(ox) == bag(rd)


def test_numbers_read_the_same_on_both_engines(query_oxigraph, query_rdflib):
    """rdflib keeps 43.0 as written, Oxigraph writes 43: results use the canonical form on both."""
    for source in (query_oxigraph, query_rdflib):
        r = run("indicator-series", source, {"indicator": "应诉案件"})
        assert values(r, "value") == [("43",)]
    assert kg.query.terms.canonical_number("1.50", kg.query.text.XSD + "decimal") == "1.5"
    assert kg.query.terms.canonical_number("007", kg.query.text.XSD + "integer") == "7"


@pytest.mark.parametrize("suffix,fmt", [(".nq", "nquads"), (".jsonld", "json-ld"), (".trix", "trix"),
                                        (".ttl", "turtle"), (".nt", "nt"), (".rdf", "xml")])
def test_any_rdf_format(tmp_path, suffix, fmt):
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    path = tmp_path / f"graph{suffix}"
    if fmt in ("turtle", "nt", "xml"):  # triple formats hold the union
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads():
            union.add((s, p, o))
        union.serialize(path, format=fmt)
    else:
        dataset.serialize(path, format=fmt)
    for engine in ("oxigraph", "rdflib"):
        r = run("programme-units", GraphFiles([path], engine=engine))
        assert len(r.rows) == 5, (suffix, engine)
        # without named graphs the fall-back rows cannot tell their report
        titles = {v for (v,) in values(r, "reportTitle")}
        assert titles == ({A, B} if fmt in ("nquads", "json-ld", "trix") else {A, ""}), (suffix, engine)


def test_several_files_are_one_dataset(tmp_path):
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    for i, graph in enumerate(g for g in dataset.graphs() if len(g)):
        one = rdflib.Dataset()
        target = one.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
        one.serialize(tmp_path / f"part{i}.trig", format="trig")
    parts = sorted(tmp_path.glob("part*.trig"))
    assert len(parts) == 2
    assert len(run("shared-programmes", GraphFiles(parts)).rows) == 2


def test_ontology_can_be_added_for_subclass_queries():
    text = ("PREFIX gov: <https://w3id.org/govkg/ont#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT DISTINCT ?o WHERE { ?o a/rdfs:subClassOf* gov:Organisation }")
    q = kg.query.from_text(text)
    assert run(q, GraphFiles([FIXTURE])).rows == []
    for engine in ("oxigraph", "rdflib"):
        assert len(run(q, GraphFiles([FIXTURE], engine=engine, ontology=True)).rows) == 8


def test_limit_keeps_the_first_rows(query_oxigraph, query_rdflib):
    for source in (query_oxigraph, query_rdflib):
        r = run("provenance", source, {"target": ""}, limit=3)
        assert len(r.rows) == 3 and r.truncated
        r = run("reports", source, limit=2)
        assert len(r.rows) == 2 and not r.truncated


def test_ask_and_construct(query_oxigraph, query_rdflib):
    ask = kg.query.from_text("ASK { ?r a <https://w3id.org/govkg/ont#Report> }")
    construct = kg.query.from_text("CONSTRUCT { ?r a ?t } WHERE { ?r a <https://w3id.org/govkg/ont#Report> ; a ?t }")
    for source in (query_oxigraph, query_rdflib):
        assert run(ask, source).boolean is True
        result = run(construct, source)
        assert result.variables == ["subject", "predicate", "object"] and len(result.rows) == 2


# ---------------------------------------------------------------- on a graph the pipeline builds

REPORT = """某某区2024年度法治政府建设工作报告

一、主要工作

（一）提升公共法律服务水平

创新开展“法治医院”建设，以区人民医院为试点，建成试点医院3家。由区司法局牵头，全面落实一村（社区）一法律顾问制度。
"""


@pytest.fixture(scope="module")
def built_graph(tmp_path_factory):
    pipeline = pytest.importorskip("kg.pipeline")
    folder = tmp_path_factory.mktemp("built")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    built = pipeline.build_dataset([folder / "report.txt"])
    dataset = getattr(built, "dataset", built)
    path = folder / "graph.trig"
    dataset.serialize(path, format="trig")
    return path


def test_programme_units_on_a_report_built_by_the_pipeline(built_graph):
    for engine in ("oxigraph", "rdflib"):
        rows = values(run("programme-units", GraphFiles([built_graph], engine=engine)),
                      "programmeLabel", "unitLabel", "role", "sentence")
        assert ("法治医院", "区人民医院", "pilot", "创新开展“法治医院”建设,以区人民医院为试点,建成试点医院3家。") in rows
        assert ("一村(社区)一法律顾问", "区司法局", "lead") in [r[:3] for r in rows]


@pytest.mark.parametrize("name", NAMES)
def test_every_query_agrees_on_a_built_graph(name, built_graph):
    params = {"unit-programmes": {"unit": "区司法局"}, "indicator-series": {"indicator": "试点医院"}}.get(
        name, REQUIRED.get(name, {}))
    ox = run(name, GraphFiles([built_graph]), params)
    assert bag(ox) == bag(run(name, GraphFiles([built_graph], engine="rdflib"), params))
