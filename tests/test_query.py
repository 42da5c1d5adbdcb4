"""The named query library: headers, parsing, and the rows each query gives on a hand-written fixture."""
from __future__ import annotations

import doctest
import importlib.resources
import re

import pyoxigraph
import pytest
import rdflib
from query_fixtures import GOV, ID, NAMES, A, B, values
from rdflib.plugins.sparql import prepareQuery

import kg.query
import kg.query.endpoint
import kg.query.engines
import kg.query.results
import kg.query.syntax
import kg.query.terms
import kg.query.text
import kg.query.timeout
from kg.errors import QueryError
from kg.query import GraphFiles, list_queries, load_query, run
from kg.rdf import ORG_CLASSES

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

def test_programme_units(query_oxigraph):
    r = run("programme-units", query_oxigraph)
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


def test_programme_units_parameters(query_oxigraph):
    by_unit = run("programme-units", query_oxigraph, {"unit": "区司法局"})  # altLabel of one, label of the other
    assert sorted(values(by_unit, "unitLabel")) == [("东城区司法局",), ("西城区司法局",)]
    assert values(run("programme-units", query_oxigraph, {"unit": "东城区司法局"}), "unitLabel") == [("东城区司法局",)]
    by_programme = run("programme-units", query_oxigraph, {"programme": "法治医院"})
    assert sorted(values(by_programme, "unitLabel")) == [("区人民医院",), ("西城区卫生健康委员会",)]
    for iri in (f"<{ID}org/0b00000000000003>", f"{ID}org/0b00000000000003", "id:org/0b00000000000003"):
        r = run("programme-units", query_oxigraph, {"unit": iri})
        assert values(r, "programmeLabel", "unitLabel") == [("法治医院", "西城区卫生健康委员会")], iri


def test_unit_programmes(query_oxigraph):
    r = run("unit-programmes", query_oxigraph, {"unit": "区司法局"})
    assert values(r, "unitLabel", "programmeLabel", "role", "year") == [
        ("东城区司法局", "一村(社区)一法律顾问", "lead", "2023"), ("西城区司法局", "百师讲百课", "organiser", "2024")]


def test_programme_reports(query_oxigraph):
    r = run("programme-reports", query_oxigraph, {"programme": ""})  # empty: every programme
    assert sorted(values(r, "programmeLabel", "year", "place", "province", "mentions")) == [
        ("一村(社区)一法律顾问", "2023", "东城区", "山东", "1"),
        ("八五普法", "2023", "东城区", "山东", "1"), ("八五普法", "2024", "西城区", "江苏", "1"),
        ("法治医院", "2023", "东城区", "山东", "1"), ("法治医院", "2024", "西城区", "江苏", "1"),
        ("法治观察员制度", "2023", "东城区", "山东", "1"), ("百师讲百课", "2024", "西城区", "江苏", "1")]
    r = run("programme-reports", query_oxigraph, {"programme": "法治医院"})
    assert values(r, "year", "place") == [("2023", "东城区"), ("2024", "西城区")]


def test_report_metrics_in_text_order(query_oxigraph):
    r = run("report-metrics", query_oxigraph, {"report": ""})  # empty: every report
    assert values(r, "reportTitle", "indicatorLabel", "value", "unit", "qualifiers", "year", "change",
                  "aboutLabel") == [
        (A, "试点医院", "3", "家", "", "2023", "", "法治医院"),
        (A, "应诉案件", "43", "件", "余", "2023", "", ""),
        (A, "行政机关负责人出庭应诉率", "100", "%", "达", "2023", "", ""),
        (B, "行政复议案件", "12.5", "%", "", "2024", "decrease", ""),
        (B, "行政机关负责人出庭应诉率", "98.5", "%", "", "2024", "", "")]
    only_b = run("report-metrics", query_oxigraph, {"report": "西城区"})
    assert {t for (t,) in values(only_b, "reportTitle")} == {B}
    by_iri = run("report-metrics", query_oxigraph, {"report": f"{ID}report/a0a0a0a0a0a0a0a0"})
    assert len(by_iri.rows) == 3


def test_indicator_series(query_oxigraph):
    r = run("indicator-series", query_oxigraph, {"indicator": "出庭应诉率"})
    assert values(r, "indicatorLabel", "year", "value", "unit", "place", "reportTitle") == [
        ("行政机关负责人出庭应诉率", "2023", "100", "%", "东城区", A),
        ("行政机关负责人出庭应诉率", "2024", "98.5", "%", "西城区", B)]


def test_plans_and_problems(query_oxigraph):
    r = run("plans-problems", query_oxigraph)
    assert values(r, "planLabel", "planYear", "problemLabel") == [
        ("进一步构建均等公共法律服务体系", "2024", "村(社区)法律顾问作用发挥不到位"),
        ("持续深化“法治医院”建设", "2024", ""),
        ("全面推进严格规范公正文明执法", "2025", "行政执法规范化水平有待提高")]


def test_shortcomings(query_oxigraph):
    r = run("shortcomings", query_oxigraph)
    assert values(r, "reportTitle", "problemLabel", "answered", "section") == [
        (A, "村(社区)法律顾问作用发挥不到位", "true", "二、存在的不足"),
        (B, "行政执法规范化水平有待提高", "true", "二、存在的问题和不足"),
        (B, "法治宣传教育针对性不强", "false", "二、存在的问题和不足")]
    assert len(run("shortcomings", query_oxigraph, {"report": "东城区"}).rows) == 1


def test_documents_cited(query_oxigraph):
    r = run("documents-cited", query_oxigraph)
    assert values(r, "documentLabel", "citationAction", "year") == [
        ("东城区重大行政决策程序规定", "印发", "2023"),
        ("法治政府建设实施纲要(2021—2025年)", "落实", "2023"),
        ("法治政府建设实施纲要(2021—2025年)", "根据", "2024"),
        ("行政复议法", "", "2024")]  # a bare gov:cites
    assert values(run("documents-cited", query_oxigraph, {"action": "根据"}), "reportTitle") == [(B,)]
    assert len(run("documents-cited", query_oxigraph, {"document": "纲要"}).rows) == 2


def test_provenance(query_oxigraph):
    with pytest.raises(QueryError, match=r"\?target is required .* --param target="):
        run("provenance", query_oxigraph)
    everything = run("provenance", query_oxigraph, {"target": ""})
    # one row per named thing and mention, whatever graph repeats it; facts without a label
    # (6 responsibilities and citations) are found by IRI only
    assert len(everything.rows) == 30
    assert all(row[everything.variables.index("label")] for row in everything.rows)
    by_name = run("provenance", query_oxigraph, {"target": "区司法局"})
    assert sorted(values(by_name, "label", "surface")) == [("东城区司法局", "区司法局"), ("西城区司法局", "西城区司法局")]
    fact = run("provenance", query_oxigraph, {"target": "id:resp/4a00000000000002"})
    assert values(fact, "type", "surface", "start", "end", "section", "sentence") == [
        (GOV + "Responsibility", "区司法局", "199", "203", "(二)提升公共法律服务水平",
         "由区司法局牵头,全面落实一村(社区)一法律顾问制度,实现村(社区)法律顾问全覆盖。")]


def test_indicators(query_oxigraph):
    r = run("indicators", query_oxigraph)
    assert values(r, "indicatorLabel", "observations", "reports", "places", "firstYear", "lastYear", "units") == [
        ("行政机关负责人出庭应诉率", "2", "2", "2", "2023", "2024", "%"),
        ("应诉案件", "1", "1", "1", "2023", "2023", "件"), ("行政复议案件", "1", "1", "1", "2024", "2024", "%"),
        ("试点医院", "1", "1", "1", "2023", "2023", "家")]
    followed = run("indicators", query_oxigraph, {"minReports": "2"})
    assert values(followed, "indicatorLabel") == [("行政机关负责人出庭应诉率",)]


def test_report_summary(query_oxigraph):
    r = run("report-summary", query_oxigraph)
    assert values(r, "reportTitle", "reportYear", "jurisdiction", "organisations", "programmes", "documents",
                  "observations", "problems", "plans") == [
        (A, "2023", "东城区", "4", "4", "2", "3", "1", "2"), (B, "2024", "西城区", "4", "3", "2", "2", "2", "1")]
    assert values(run("report-summary", query_oxigraph, {"report": "西城区"}), "reportTitle") == [(B,)]


def test_report_summary_counts_zero_for_a_report_that_gave_nothing(tmp_path):
    bare = tmp_path / "bare.ttl"
    bare.write_text('@prefix gov: <https://w3id.org/govkg/ont#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n'
                    '<https://w3id.org/govkg/id/report/0> a gov:Report ; dcterms:title "空白报告" .\n', encoding="utf-8")
    for engine in ("oxigraph", "rdflib"):
        r = run("report-summary", GraphFiles([bare], engine=engine))
        assert values(r, "reportTitle", "organisations", "programmes", "documents", "observations", "problems",
                      "plans") == [("空白报告", "0", "0", "0", "0", "0", "0")]


def test_top_units(query_oxigraph):
    r = run("top-units", query_oxigraph)
    assert sorted(values(r, "unitLabel", "unitKind", "responsibilities", "reports")) == [
        ("东城区司法局", "department", "1", "1"), ("区人民医院", "institution", "1", "1"),
        ("区委依法治区办", "committee", "1", "1"), ("西城区卫生健康委员会", "department", "1", "1"),
        ("西城区司法局", "department", "1", "1")]
    assert len(run("top-units", query_oxigraph, {"kind": "department"}).rows) == 3


def test_shared_programmes(query_oxigraph):
    r = run("shared-programmes", query_oxigraph)
    assert values(r, "programmeLabel", "reports", "places", "firstYear", "lastYear") == [
        ("八五普法", "2", "2", "2023", "2024"), ("法治医院", "2", "2", "2023", "2024")]
    assert len(run("shared-programmes", query_oxigraph, {"minReports": "1"}).rows) == 5
    assert run("shared-programmes", query_oxigraph, {"minReports": "3"}).rows == []


def test_organisations_by_kind(query_oxigraph):
    r = run("organisations-by-kind", query_oxigraph)
    assert values(r, "orgKind", "classLabel", "organisationLabel", "place") == [
        ("committee", "委员会与领导小组", "区委依法治区办", "东城区"),
        ("department", "政府部门", "东城区司法局", "东城区"),
        ("department", "政府部门", "西城区卫生健康委员会", "西城区"),
        ("department", "政府部门", "西城区司法局", "西城区"),
        ("government", "人民政府", "东城区人民政府", "东城区"),
        ("government", "人民政府", "西城区人民政府", "西城区"),
        ("institution", "事业单位", "区人民医院", "东城区"),
        ("judicial", "司法机关", "西城区人民法院", "西城区")]
    assert values(run("organisations-by-kind", query_oxigraph, {"kind": "judicial"}), "organisationLabel") == [
        ("西城区人民法院",)]


def test_label_search(query_oxigraph):
    r = run("label-search", query_oxigraph, {"text": "法治"})
    assert sorted(values(r, "label")) == sorted([
        ("区委依法治区办",), ("法治政府建设实施纲要(2021—2025年)",), ("持续深化“法治医院”建设",),
        ("法治宣传教育针对性不强",), ("法治医院",), ("法治观察员制度",)])
    by_alt = run("label-search", query_oxigraph, {"text": "卫健委"})
    assert values(by_alt, "label", "matched") == [("西城区卫生健康委员会", "区卫健委")]
    quoted = run("label-search", query_oxigraph, {"text": "“法治医院”"})  # quotes in a value are just characters
    assert values(quoted, "label") == [("持续深化“法治医院”建设",)]


def test_reports(query_oxigraph):
    r = run("reports", query_oxigraph)
    assert values(r, "reportTitle", "reportYear", "jurisdiction", "province", "publishers", "characters") == [
        (A, "2023", "东城区", "山东", "东城区人民政府", "604"), (B, "2024", "西城区", "江苏", "西城区人民政府", "508")]
    assert values(r, "source", "url") == [("reports/dongcheng-2023.txt", "https://www.example.org/dongcheng/2023.html"),
                                         ("reports/xicheng-2024.txt", "")]
    assert values(run("reports", query_oxigraph, {"year": "2024"}), "reportTitle") == [(B,)]
    assert values(run("reports", query_oxigraph, {"place": "山东"}), "reportTitle") == [(A,)]
