"""The named query library: headers, parsing, expected rows on a hand-written fixture, engines agree."""
from __future__ import annotations

import doctest
import gc
import importlib.resources
import multiprocessing
import re
import time
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from query_params import REQUIRED
from rdflib.plugins.sparql import prepareQuery

import kg.query
import kg.query.endpoint
import kg.query.engines
import kg.query.results
import kg.query.syntax
import kg.query.terms
import kg.query.text
import kg.query.timeout
from kg.errors import QueryError, StoreError, UsageError
from kg.query import GraphFiles, OxigraphStore, bind, list_queries, load_query, run
from kg.rdf import ORG_CLASSES

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
A = "东城区2023年度法治政府建设工作报告"
B = "西城区2024年度法治政府建设情况报告"
GOV = "https://w3id.org/govkg/ont#"
ID = "https://w3id.org/govkg/id/"

NAMES = [q.name for q in list_queries()]


def values(result, *columns):
    """The chosen columns of each row as plain strings ('' for unbound), in result order."""
    index = [result.variables.index(c) for c in columns]
    return [tuple(row[i].value if row[i] is not None else "" for i in index) for row in result.rows]


def bag(result):
    return sorted(repr(row) for row in result.rows)


@pytest.fixture(scope="module")
def oxigraph_files():
    return GraphFiles([FIXTURE])


@pytest.fixture(scope="module")
def rdflib_files():
    return GraphFiles([FIXTURE], engine="rdflib")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "oxigraph"
    store = pyoxigraph.Store(str(path))
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return path


# ---------------------------------------------------------------- the library itself

def test_doctests():
    for module in (kg.query, kg.query.text, kg.query.syntax, kg.query.engines, kg.query.endpoint,
                   kg.query.timeout, kg.query.results):
        failed, _ = doctest.testmod(module)
        assert failed == 0, module.__name__


def test_library_has_the_queries_analysts_ask_with_headers():
    queries = list_queries()
    assert len(queries) >= 12
    for name in ("programme-units", "unit-programmes", "programme-reports", "report-metrics",
                 "indicator-series", "plans-problems", "shortcomings", "documents-cited", "provenance",
                 "top-units", "shared-programmes", "organisations-by-kind", "label-search", "indicators",
                 "report-summary"):
        assert name in NAMES
    for q in queries:
        assert q.title and q.description and q.declared, q.name
        for p in q.params:
            assert p.meaning, (q.name, p.name)
            assert re.search(rf"[?]{p.name}\b", q.text.split("WHERE", 1)[0]), \
                f"{q.name}: Oxigraph substitutes only selected variables; select ?{p.name}"
    runs_bare = [q.name for q in queries if not any(p.required for p in q.params)]
    assert len(runs_bare) >= 10
    for q in queries:
        for p in q.params:
            if p.required:
                assert p.example, f"{q.name}: a required parameter needs an example for the error message"


def test_queries_are_shipped_as_package_data():
    root = importlib.resources.files("kg.queries")
    assert sorted(e.name[:-3] for e in root.iterdir() if e.name.endswith(".rq")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_query_parses_with_rdflib_and_oxigraph(name):
    q = load_query(name)
    prepareQuery(q.text)
    pyoxigraph.Store().query(q.text)
    assert kg.query.syntax.check(q) == "SELECT"


def test_header_syntax():
    q = kg.query.text.parse_header(
        "# title: T\n# description: first\n#   second line\n"
        "# param: ?a — text a; default: any\n# param: ?n (integer) — count; default: 3\n"
        "# param: ?y (year) — year; required; example: 2024\nSELECT ?a ?n ?y WHERE {}\n")
    assert q.title == "T" and q.description == "first second line"
    assert [(p.name, p.kind, p.default, p.required, p.example) for p in q.params] == [
        ("a", "string", None, False, None), ("n", "integer", "3", False, None), ("y", "year", None, True, "2024")]
    with pytest.raises(QueryError, match=r"unknown type \(number\)"):
        kg.query.text.parse_header("# param: ?x (number) — x\nSELECT * {}", "q.rq")


def test_subclass_and_subproperty_lists_follow_the_ontology():
    """The queries name the sub-classes and sub-properties instead of needing the ontology in the store."""
    onto = rdflib.Graph().parse(data=(importlib.resources.files("kg.ontology") / "gov.ttl").read_bytes(),
                                format="turtle")
    sub = rdflib.RDFS.subClassOf
    classes = {c for c in onto.transitive_subjects(sub, rdflib.URIRef(GOV + "Organisation"))}
    properties = {p for p in onto.transitive_subjects(rdflib.RDFS.subPropertyOf, rdflib.URIRef(GOV + "responsibleUnit"))}
    by_kind = load_query("organisations-by-kind").text
    for cls in classes:
        local = "gov:" + cls.removeprefix(GOV)
        assert local in by_kind
        label = next(str(label) for label in onto.objects(cls, rdflib.RDFS.label) if label.language == "zh")
        kind = next((k for k, c in ORG_CLASSES.items() if c == cls), "other")
        assert re.search(rf'\("{kind}" {local} "{label}"\)', by_kind), (kind, local, label)
    for name in ("programme-units", "unit-programmes", "top-units"):
        text = load_query(name).text
        for prop in properties:
            assert "gov:" + prop.removeprefix(GOV) in text, (name, prop)


# ---------------------------------------------------------------- expected rows on the fixture

def test_programme_units(oxigraph_files):
    r = run("programme-units", oxigraph_files)
    assert sorted(values(r, "programmeLabel", "unitLabel", "role", "reportTitle")) == [
        ("一村(社区)一法律顾问", "东城区司法局", "lead", A),
        ("法治医院", "区人民医院", "pilot", A),
        ("法治医院", "西城区卫生健康委员会", "", B),         # bare gov:responsibleUnit, report from its graph
        ("法治观察员制度", "区委依法治区办", "founder", A),
        ("百师讲百课", "西城区司法局", "organiser", B),       # gov:organiser without a Responsibility node
    ]
    sentences = {(p, u): s for p, u, s in values(r, "programmeLabel", "unitLabel", "sentence")}
    assert sentences[("法治医院", "区人民医院")] == "创新开展“法治医院”建设,以区人民医院为试点,建成试点医院3家。"
    assert sentences[("百师讲百课", "西城区司法局")] == ""
    assert "unit" not in r.variables and "programme" not in r.variables  # parameters are inputs, not columns


def test_programme_units_parameters(oxigraph_files):
    by_unit = run("programme-units", oxigraph_files, {"unit": "区司法局"})  # altLabel of one, label of the other
    assert sorted(values(by_unit, "unitLabel")) == [("东城区司法局",), ("西城区司法局",)]
    assert values(run("programme-units", oxigraph_files, {"unit": "东城区司法局"}), "unitLabel") == [("东城区司法局",)]
    by_programme = run("programme-units", oxigraph_files, {"programme": "法治医院"})
    assert sorted(values(by_programme, "unitLabel")) == [("区人民医院",), ("西城区卫生健康委员会",)]
    for iri in (f"<{ID}org/0b00000000000003>", f"{ID}org/0b00000000000003", "id:org/0b00000000000003"):
        r = run("programme-units", oxigraph_files, {"unit": iri})
        assert values(r, "programmeLabel", "unitLabel") == [("法治医院", "西城区卫生健康委员会")], iri


def test_unit_programmes(oxigraph_files):
    r = run("unit-programmes", oxigraph_files, {"unit": "区司法局"})
    assert values(r, "unitLabel", "programmeLabel", "role", "year") == [
        ("东城区司法局", "一村(社区)一法律顾问", "lead", "2023"), ("西城区司法局", "百师讲百课", "organiser", "2024")]


def test_programme_reports(oxigraph_files):
    r = run("programme-reports", oxigraph_files, {"programme": ""})  # empty: every programme
    assert sorted(values(r, "programmeLabel", "year", "place", "province", "mentions")) == [
        ("一村(社区)一法律顾问", "2023", "东城区", "山东", "1"),
        ("八五普法", "2023", "东城区", "山东", "1"), ("八五普法", "2024", "西城区", "江苏", "1"),
        ("法治医院", "2023", "东城区", "山东", "1"), ("法治医院", "2024", "西城区", "江苏", "1"),
        ("法治观察员制度", "2023", "东城区", "山东", "1"), ("百师讲百课", "2024", "西城区", "江苏", "1")]
    r = run("programme-reports", oxigraph_files, {"programme": "法治医院"})
    assert values(r, "year", "place") == [("2023", "东城区"), ("2024", "西城区")]


def test_report_metrics_in_text_order(oxigraph_files):
    r = run("report-metrics", oxigraph_files, {"report": ""})  # empty: every report
    assert values(r, "reportTitle", "indicatorLabel", "value", "unit", "qualifiers", "year", "change",
                  "aboutLabel") == [
        (A, "试点医院", "3", "家", "", "2023", "", "法治医院"),
        (A, "应诉案件", "43", "件", "余", "2023", "", ""),
        (A, "行政机关负责人出庭应诉率", "100", "%", "达", "2023", "", ""),
        (B, "行政复议案件", "12.5", "%", "", "2024", "decrease", ""),
        (B, "行政机关负责人出庭应诉率", "98.5", "%", "", "2024", "", "")]
    only_b = run("report-metrics", oxigraph_files, {"report": "西城区"})
    assert {t for (t,) in values(only_b, "reportTitle")} == {B}
    by_iri = run("report-metrics", oxigraph_files, {"report": f"{ID}report/a0a0a0a0a0a0a0a0"})
    assert len(by_iri.rows) == 3


def test_indicator_series(oxigraph_files):
    r = run("indicator-series", oxigraph_files, {"indicator": "出庭应诉率"})
    assert values(r, "indicatorLabel", "year", "value", "unit", "place", "reportTitle") == [
        ("行政机关负责人出庭应诉率", "2023", "100", "%", "东城区", A),
        ("行政机关负责人出庭应诉率", "2024", "98.5", "%", "西城区", B)]


def test_plans_and_problems(oxigraph_files):
    r = run("plans-problems", oxigraph_files)
    assert values(r, "planLabel", "planYear", "problemLabel") == [
        ("进一步构建均等公共法律服务体系", "2024", "村(社区)法律顾问作用发挥不到位"),
        ("持续深化“法治医院”建设", "2024", ""),
        ("全面推进严格规范公正文明执法", "2025", "行政执法规范化水平有待提高")]


def test_shortcomings(oxigraph_files):
    r = run("shortcomings", oxigraph_files)
    assert values(r, "reportTitle", "problemLabel", "answered", "section") == [
        (A, "村(社区)法律顾问作用发挥不到位", "true", "二、存在的不足"),
        (B, "行政执法规范化水平有待提高", "true", "二、存在的问题和不足"),
        (B, "法治宣传教育针对性不强", "false", "二、存在的问题和不足")]
    assert len(run("shortcomings", oxigraph_files, {"report": "东城区"}).rows) == 1


def test_documents_cited(oxigraph_files):
    r = run("documents-cited", oxigraph_files)
    assert values(r, "documentLabel", "citationAction", "year") == [
        ("东城区重大行政决策程序规定", "印发", "2023"),
        ("法治政府建设实施纲要(2021—2025年)", "落实", "2023"),
        ("法治政府建设实施纲要(2021—2025年)", "根据", "2024"),
        ("行政复议法", "", "2024")]  # a bare gov:cites
    assert values(run("documents-cited", oxigraph_files, {"action": "根据"}), "reportTitle") == [(B,)]
    assert len(run("documents-cited", oxigraph_files, {"document": "纲要"}).rows) == 2


def test_provenance(oxigraph_files):
    with pytest.raises(QueryError, match=r"\?target is required .* --param target="):
        run("provenance", oxigraph_files)
    everything = run("provenance", oxigraph_files, {"target": ""})
    # one row per named thing and mention, whatever graph repeats it; facts without a label
    # (6 responsibilities and citations) are found by IRI only
    assert len(everything.rows) == 30
    assert all(row[everything.variables.index("label")] for row in everything.rows)
    by_name = run("provenance", oxigraph_files, {"target": "区司法局"})
    assert sorted(values(by_name, "label", "surface")) == [("东城区司法局", "区司法局"), ("西城区司法局", "西城区司法局")]
    fact = run("provenance", oxigraph_files, {"target": "id:resp/4a00000000000002"})
    assert values(fact, "type", "surface", "start", "end", "section", "sentence") == [
        (GOV + "Responsibility", "区司法局", "199", "203", "(二)提升公共法律服务水平",
         "由区司法局牵头,全面落实一村(社区)一法律顾问制度,实现村(社区)法律顾问全覆盖。")]


def test_indicators(oxigraph_files):
    r = run("indicators", oxigraph_files)
    assert values(r, "indicatorLabel", "observations", "reports", "places", "firstYear", "lastYear", "units") == [
        ("行政机关负责人出庭应诉率", "2", "2", "2", "2023", "2024", "%"),
        ("应诉案件", "1", "1", "1", "2023", "2023", "件"), ("行政复议案件", "1", "1", "1", "2024", "2024", "%"),
        ("试点医院", "1", "1", "1", "2023", "2023", "家")]
    followed = run("indicators", oxigraph_files, {"minReports": "2"})
    assert values(followed, "indicatorLabel") == [("行政机关负责人出庭应诉率",)]


def test_report_summary(oxigraph_files):
    r = run("report-summary", oxigraph_files)
    assert values(r, "reportTitle", "reportYear", "jurisdiction", "organisations", "programmes", "documents",
                  "observations", "problems", "plans") == [
        (A, "2023", "东城区", "4", "4", "2", "3", "1", "2"), (B, "2024", "西城区", "4", "3", "2", "2", "2", "1")]
    assert values(run("report-summary", oxigraph_files, {"report": "西城区"}), "reportTitle") == [(B,)]


def test_report_summary_counts_zero_for_a_report_that_gave_nothing(tmp_path):
    bare = tmp_path / "bare.ttl"
    bare.write_text('@prefix gov: <https://w3id.org/govkg/ont#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n'
                    '<https://w3id.org/govkg/id/report/0> a gov:Report ; dcterms:title "空白报告" .\n', encoding="utf-8")
    for engine in ("oxigraph", "rdflib"):
        r = run("report-summary", GraphFiles([bare], engine=engine))
        assert values(r, "reportTitle", "organisations", "programmes", "documents", "observations", "problems",
                      "plans") == [("空白报告", "0", "0", "0", "0", "0", "0")]


def test_top_units(oxigraph_files):
    r = run("top-units", oxigraph_files)
    assert sorted(values(r, "unitLabel", "unitKind", "responsibilities", "reports")) == [
        ("东城区司法局", "department", "1", "1"), ("区人民医院", "institution", "1", "1"),
        ("区委依法治区办", "committee", "1", "1"), ("西城区卫生健康委员会", "department", "1", "1"),
        ("西城区司法局", "department", "1", "1")]
    assert len(run("top-units", oxigraph_files, {"kind": "department"}).rows) == 3


def test_shared_programmes(oxigraph_files):
    r = run("shared-programmes", oxigraph_files)
    assert values(r, "programmeLabel", "reports", "places", "firstYear", "lastYear") == [
        ("八五普法", "2", "2", "2023", "2024"), ("法治医院", "2", "2", "2023", "2024")]
    assert len(run("shared-programmes", oxigraph_files, {"minReports": "1"}).rows) == 5
    assert run("shared-programmes", oxigraph_files, {"minReports": "3"}).rows == []


def test_organisations_by_kind(oxigraph_files):
    r = run("organisations-by-kind", oxigraph_files)
    assert values(r, "orgKind", "classLabel", "organisationLabel", "place") == [
        ("committee", "委员会与领导小组", "区委依法治区办", "东城区"),
        ("department", "政府部门", "东城区司法局", "东城区"),
        ("department", "政府部门", "西城区卫生健康委员会", "西城区"),
        ("department", "政府部门", "西城区司法局", "西城区"),
        ("government", "人民政府", "东城区人民政府", "东城区"),
        ("government", "人民政府", "西城区人民政府", "西城区"),
        ("institution", "事业单位", "区人民医院", "东城区"),
        ("judicial", "司法机关", "西城区人民法院", "西城区")]
    assert values(run("organisations-by-kind", oxigraph_files, {"kind": "judicial"}), "organisationLabel") == [
        ("西城区人民法院",)]


def test_label_search(oxigraph_files):
    r = run("label-search", oxigraph_files, {"text": "法治"})
    assert sorted(values(r, "label")) == sorted([
        ("区委依法治区办",), ("法治政府建设实施纲要(2021—2025年)",), ("持续深化“法治医院”建设",),
        ("法治宣传教育针对性不强",), ("法治医院",), ("法治观察员制度",)])
    by_alt = run("label-search", oxigraph_files, {"text": "卫健委"})
    assert values(by_alt, "label", "matched") == [("西城区卫生健康委员会", "区卫健委")]
    quoted = run("label-search", oxigraph_files, {"text": "“法治医院”"})  # quotes in a value are just characters
    assert values(quoted, "label") == [("持续深化“法治医院”建设",)]


def test_reports(oxigraph_files):
    r = run("reports", oxigraph_files)
    assert values(r, "reportTitle", "reportYear", "jurisdiction", "province", "publishers", "characters") == [
        (A, "2023", "东城区", "山东", "东城区人民政府", "604"), (B, "2024", "西城区", "江苏", "西城区人民政府", "508")]
    assert values(r, "source", "url") == [("reports/dongcheng-2023.txt", "https://www.example.org/dongcheng/2023.html"),
                                         ("reports/xicheng-2024.txt", "")]
    assert values(run("reports", oxigraph_files, {"year": "2024"}), "reportTitle") == [(B,)]
    assert values(run("reports", oxigraph_files, {"place": "山东"}), "reportTitle") == [(A,)]


# ---------------------------------------------------------------- the engines agree

@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_rdflib_oxigraph_and_store(name, oxigraph_files, rdflib_files, store_dir):
    params = REQUIRED.get(name, {})
    ox = run(name, oxigraph_files, params, keep_params=True)
    rd = run(name, rdflib_files, params, keep_params=True)
    st = run(name, OxigraphStore(store_dir), params, keep_params=True)
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
def test_same_rows_with_parameters(name, params, oxigraph_files, rdflib_files):
    ox, rd = run(name, oxigraph_files, params), run(name, rdflib_files, params)
    assert ox.rows and bag(ox) == bag(rd)


def test_numbers_read_the_same_on_both_engines(oxigraph_files, rdflib_files):
    """rdflib keeps 43.0 as written, Oxigraph writes 43: results use the canonical form on both."""
    for source in (oxigraph_files, rdflib_files):
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


def test_limit_keeps_the_first_rows(oxigraph_files, rdflib_files):
    for source in (oxigraph_files, rdflib_files):
        r = run("provenance", source, {"target": ""}, limit=3)
        assert len(r.rows) == 3 and r.truncated
        r = run("reports", source, limit=2)
        assert len(r.rows) == 2 and not r.truncated


def test_ask_and_construct(oxigraph_files, rdflib_files):
    ask = kg.query.from_text("ASK { ?r a <https://w3id.org/govkg/ont#Report> }")
    construct = kg.query.from_text("CONSTRUCT { ?r a ?t } WHERE { ?r a <https://w3id.org/govkg/ont#Report> ; a ?t }")
    for source in (oxigraph_files, rdflib_files):
        assert run(ask, source).boolean is True
        result = run(construct, source)
        assert result.variables == ["subject", "predicate", "object"] and len(result.rows) == 2


# ---------------------------------------------------------------- parameters

def test_required_parameter_is_named_with_how_to_pass_it(oxigraph_files):
    with pytest.raises(QueryError, match=r"unit-programmes: parameter \?unit is required .*--param unit=区司法局"):
        run("unit-programmes", oxigraph_files)


def test_unknown_or_badly_typed_parameters():
    q = load_query("shared-programmes")
    with pytest.raises(UsageError, match=r"unknown parameter \?min; it takes \?minReports"):
        bind(q, {"min": "2"})
    with pytest.raises(QueryError, match=r"\?minReports expects a whole number, got 'two'"):
        bind(q, {"minReports": "two"})
    with pytest.raises(QueryError, match=r"\?year expects a four-digit year"):
        bind(load_query("reports"), {"year": "24"})
    with pytest.raises(QueryError, match=r"not a valid IRI"):
        bind(load_query("reports"), {"place": "<http://a b>"})
    assert bind(q, {"?minReports": "5"})["minReports"].value == "5"


def test_parameter_values_are_terms_never_text():
    string = kg.query.text.Param("x")
    assert kg.query.text.parse_value(string, "区司法局", "q") == kg.query.text.Term("literal", "区司法局")
    assert kg.query.text.parse_value(string, "<urn:x:1>", "q").kind == "uri"
    assert kg.query.text.parse_value(string, "https://example.org/a", "q").kind == "uri"
    assert kg.query.text.parse_value(string, "id:report/ab", "q").value == ID + "report/ab"
    assert kg.query.text.parse_value(string, "法治:医院", "q").kind == "literal"  # not a known prefix
    text = kg.query.text.Param("x", kind="text")
    assert kg.query.text.parse_value(text, "https://example.org/a", "q").kind == "literal"


INJECTIONS = ['a"b', "a'b", 'x" } } ; DROP ALL #', "} UNION { ?s ?p ?o }", "line\nbreak\ttab",
              "back\\slash \\u0022", '"""', "<http://evil/>", "?x", "# comment", "区司法局\"@zh"]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_injection_attempts_are_only_values(engine):
    """A parameter comes back exactly as given, and matches nothing it merely spells."""
    source = GraphFiles([FIXTURE], engine=engine)
    echo = kg.query.from_text("SELECT ?x ?n WHERE { BIND(1 AS ?n) }")
    for value in INJECTIONS:
        if value.startswith("<"):
            continue  # a bracketed IRI is an IRI by design
        r = run(echo, source, {"x": value})
        assert values(r, "x") == [(value,)]
        assert run("label-search", source, {"text": value}).rows == []


def test_values_clause_for_endpoints_escapes_terms():
    """The endpoint path writes VALUES; a local Oxigraph reads it back to exactly the given values."""
    echo = kg.query.from_text("SELECT ?x WHERE { }")
    store = pyoxigraph.Store()
    for value in INJECTIONS:
        text = kg.query.syntax.inject_values(echo, {"x": kg.query.text.Term("literal", value)})
        assert [s["x"].value for s in store.query(text)] == [value]
    iri = kg.query.syntax.inject_values(echo, {"x": kg.query.text.Term("uri", "https://e.org/a")})
    assert "VALUES (?x) { (<https://e.org/a>) }" in iri
    with pytest.raises(QueryError, match="not a valid IRI"):
        kg.query.text.ntriples(kg.query.text.Term("uri", "http://a> <b"))


def test_values_go_into_the_where_group_of_each_query_form():
    term = {"x": kg.query.text.Term("literal", "v")}
    cases = {
        "SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?p ?x } GROUP BY ?x": "WHERE { VALUES",
        "PREFIX a: <urn:a:> SELECT * { ?s a:p ?x }": "SELECT * { VALUES",
        "ASK { ?s ?p ?x }": "ASK { VALUES",
        "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }": "WHERE { VALUES",
        "CONSTRUCT { ?s ?p ?x } { ?s ?p ?x }": "} { VALUES",
        "SELECT ?x WHERE { ?s ?p ?x FILTER(EXISTS { ?s ?p ?x }) }": "WHERE { VALUES",
        '# WHERE { in a comment\nSELECT ?x WHERE { ?s <urn:x> "{ WHERE {", ?x }': "SELECT ?x WHERE { VALUES",
    }
    for text, expected in cases.items():
        out = kg.query.syntax.inject_values(kg.query.from_text(text), term)
        assert expected in out, text
        pyoxigraph.Store().query(out)  # still valid SPARQL
    with pytest.raises(QueryError, match="short form"):
        kg.query.syntax.inject_values(kg.query.from_text("CONSTRUCT WHERE { ?s ?p ?x }"), term)


def test_values_reach_every_sub_select():
    """Bottom-up, a sub-select cannot see the outer VALUES: each gets its own, as a substitution would."""
    q = kg.query.from_text("SELECT ?s ?x WHERE { { SELECT ?s ?x WHERE { ?s ?p ?o FILTER(STR(?o) = ?x) } } "
                           "OPTIONAL { SELECT (MAX(?y) AS ?m) WHERE { ?a ?b ?y } } }")
    out = kg.query.syntax.inject_values(q, {"x": kg.query.text.Term("literal", "区司法局")})
    assert out.count('VALUES (?x) { ("区司法局"^^<http://www.w3.org/2001/XMLSchema#string>) }') == 3
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    rows = list(store.query(out, use_default_graph_as_union=True))
    assert {r["s"].value for r in rows} == {ID + "org/0a00000000000002", ID + "mention/3a00000000000004"}


def test_adhoc_query_parameters(oxigraph_files, rdflib_files):
    q = kg.query.from_text("SELECT DISTINCT ?s ?x WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
                           "FILTER(CONTAINS(STR(?l), ?x)) }")
    for source in (oxigraph_files, rdflib_files):
        assert len(run(q, source, {"x": "司法局"}).rows) == 2
    with pytest.raises(QueryError, match=r"has no variable \?y"):
        run(q, oxigraph_files, {"y": "1"})
    hidden = kg.query.from_text("SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?x) }")
    with pytest.raises(QueryError, match=r"Oxigraph binds a parameter \(\?x\) only in a SELECT query that selects it"):
        run(hidden, oxigraph_files, {"x": "1"})
    assert run(hidden, rdflib_files, {"x": "区司法局"}).rows  # rdflib binds it anyway


# ---------------------------------------------------------------- errors

def test_unknown_query_suggests_near_names():
    with pytest.raises(QueryError, match=r"unknown query 'programe-units'; did you mean programme-units"):
        load_query("programe-units")
    with pytest.raises(QueryError, match=r"unknown query 'zzz' \('kg query --list'"):
        load_query("zzz")


def test_query_files(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert load_query(str(path)).title == "Mine"
    assert load_query("programme-units.rq").name == "programme-units"  # a named query, written as a file
    with pytest.raises(QueryError, match=r"nope\.rq: no such query file"):
        load_query(str(tmp_path / "nope.rq"))
    (tmp_path / "latin1.rq").write_bytes("SELECT * { ?s ?p \"é\" }".encode("latin-1"))
    with pytest.raises(QueryError, match="not UTF-8"):
        load_query(str(tmp_path / "latin1.rq"))


@pytest.mark.parametrize("text,where", [
    ("PREFIX ex: <http://ex/>\nSELECT ?s WHERE {\n  ?s ex:p ?o .\n  FILTER(?o = )\n}\n", "line 4, column 3"),
    ("PREFIX ex: <http://ex/>\nSELEC ?s WHERE { ?s ex:p ?o }\n", "line 2, column 1"),
    ("PREFIX ex: <http://ex/>\nSELECT ?s WHERE {\n  ?s ex:p ?o\n  ?s ex:q ?r .\n}\n", "line 4, column 3"),
    ("SELECT ?s WHERE {\n  ?s foo:p ?o .\n}\n", "line 2, column 6"),
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n", "line 3, column 1"),
])
def test_syntax_errors_name_the_query_line_and_column(tmp_path, text, where):
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        run(str(path), GraphFiles([FIXTURE]))
    message = str(caught.value)
    assert message.startswith(f"{path}: syntax error at {where}"), message
    assert "\n" not in message


def test_syntax_error_only_oxigraph_sees():
    q = kg.query.from_text("SELECT ?s ?o WHERE { ?s ?p ?o } GROUP BY ?s")
    with pytest.raises(QueryError, match=r"--sparql: syntax error at line 1, column \d+.*unbound"):
        kg.query.syntax.check(q)


@pytest.mark.parametrize("text,word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("PREFIX a: <urn:a:>\nWITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("CLEAR ALL", "CLEAR"), ("DROP GRAPH <urn:g>", "DROP"), ("CREATE GRAPH <urn:g>", "CREATE"),
    ("COPY <urn:a> TO <urn:b>", "COPY"), ("MOVE <urn:a> TO <urn:b>", "MOVE"), ("ADD <urn:a> TO <urn:b>", "ADD"),
    ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "DROP"),
])
def test_service_load_and_updates_are_refused(text, word, oxigraph_files):
    with pytest.raises(QueryError, match=rf"--sparql: {word} at line \d+, column \d+ is refused"):
        run(kg.query.from_text(text), oxigraph_files)


def test_keywords_in_strings_comments_iris_and_names_are_not_refused(oxigraph_files):
    text = ('PREFIX load: <urn:load:>\n# DROP ALL; SERVICE <x>\n'
            'SELECT ?insert ?delete WHERE { BIND("DROP ALL" AS ?insert) BIND(<urn:service:clear> AS ?delete) '
            'OPTIONAL { ?insert load:copy """INSERT DATA { }""" } }')
    result = run(kg.query.from_text(text), oxigraph_files)
    assert values(result, "insert") == [("DROP ALL",)]


def test_unreadable_graph_files_are_named(tmp_path):
    missing = tmp_path / "missing.ttl"
    with pytest.raises(StoreError, match=rf"{re.escape(str(missing))}: no such file"):
        run("reports", GraphFiles([missing]))
    with pytest.raises(StoreError, match=r"a folder, not an RDF file \(for a store, use --store"):
        run("reports", GraphFiles([tmp_path]))
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(StoreError, match=rf"{re.escape(str(bad))}: not valid (Turtle|turtle)"):
            run("reports", GraphFiles([bad], engine=engine))
    odd = tmp_path / "graph.data"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match=r"graph\.data: unknown RDF file extension; use one of \.ttl"):
        run("reports", GraphFiles([odd]))


def test_unreadable_stores_are_named(tmp_path):
    with pytest.raises(StoreError, match="no store here yet; create one with .kg build REPORT... --store"):
        run("reports", OxigraphStore(tmp_path / "none"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match=r"is a file, not an Oxigraph store directory; for RDF files use --graph"):
        run("reports", OxigraphStore(tmp_path / "file"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match=r"empty: no store here yet; create one with"):
        run("reports", OxigraphStore(tmp_path / "empty"))


def test_store_is_opened_read_only(store_dir):
    before = sorted(p.name for p in store_dir.iterdir())
    run("reports", OxigraphStore(store_dir))
    assert sorted(p.name for p in store_dir.iterdir()) == before


# ---------------------------------------------------------------- timeouts

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 3,000³ rows to count


@pytest.fixture(scope="module")
def slow_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("slow") / "slow.nt"
    path.write_text("".join(f"<urn:s:{i}> <urn:p:{i % 7}> <urn:o:{i % 13}> .\n" for i in range(3000)),
                    encoding="utf-8")
    return path


def _assert_stops(source, seconds=1.0):
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"--sparql: stopped after 1 s \(--timeout\)"):
        run(kg.query.from_text(SLOW), source, timeout=seconds)
    assert time.monotonic() - start < seconds + 3
    assert multiprocessing.active_children() == []  # the worker was killed, not left running


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_timeout_stops_a_slow_query_on_files(slow_graph, engine):
    source = GraphFiles([slow_graph], engine=engine)
    source.load()
    _assert_stops(source)


def test_timeout_stops_a_slow_query_on_a_store(slow_graph, tmp_path):
    store = pyoxigraph.Store(str(tmp_path / "st"))
    store.load(path=str(slow_graph), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    gc.collect()
    _assert_stops(OxigraphStore(tmp_path / "st"))


def test_results_and_errors_cross_the_timeout_boundary(oxigraph_files, store_dir, tmp_path):
    assert bag(run("programme-units", oxigraph_files, timeout=30)) == bag(run("programme-units", oxigraph_files))
    assert len(run("reports", OxigraphStore(store_dir), timeout=30).rows) == 2
    with pytest.raises(StoreError, match="no store here yet; create one with .kg build REPORT... --store"):
        run("reports", OxigraphStore(tmp_path / "none"), timeout=30)


def test_thread_fallback_where_fork_is_unsafe(monkeypatch):
    monkeypatch.setattr(kg.query.timeout.sys, "platform", "win32")
    result = kg.query.engines.Result("ASK", boolean=True)
    assert kg.query.timeout.call_with_timeout(lambda: result, 5, "q") is result
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"q: stopped after 0.2 s .*abandoned"):
        kg.query.timeout.call_with_timeout(lambda: time.sleep(2) or result, 0.2, "q")
    assert time.monotonic() - start < 1.5


# ---------------------------------------------------------------- properties

ECHO = GraphFiles([], engine="oxigraph")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_text_parameter_round_trips(value):
    echo = kg.query.from_text("SELECT ?x WHERE { }")
    try:
        term = kg.query.text.parse_value(kg.query.text.Param("x"), value, "q")
    except QueryError:  # e.g. '<a b>': written as an IRI, but not a valid one
        term = None
    if term is not None:
        assert values(run(echo, ECHO, {"x": value}), "x") == [(term.value,)]
    text = kg.query.syntax.inject_values(echo, {"x": kg.query.text.Term("literal", value)})
    assert [s["x"].value for s in pyoxigraph.Store().query(text)] == [value]


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
