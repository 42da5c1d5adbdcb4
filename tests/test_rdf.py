"""The RDF mapping: provenance on every node, one named graph per report, stable IRIs, known vocabulary."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.ingest import load_source
from kg.namespaces import GOV
from kg.pipeline import build_dataset

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "gov.ttl"

REPORT_A = """柳溪县2024年法治政府建设工作报告
2024年,在县委、县政府的坚强领导下,县司法局深入推进依法行政。
一、主要举措和成效
(一)完善制度体系。县政府印发《柳溪县行政执法监督办法》,全年审查规范性文件26件,备案率达100%。
(二)深化法治宣传。创新开展“阳光诊疗”建设,以县中医院为试点。县司法局组织开展“法律进乡村”活动120余场。
行政诉讼案件同比下降12.5%。
二、存在的不足
(一)基层执法人员专业能力不足。部分执法人员法律素养有待提升。
(二)普法宣传形式较为单一。宣传覆盖面不广。
三、2025年工作安排
(一)提升基层执法人员专业能力。分批开展执法人员轮训。
(二)丰富普法宣传形式。拓展线上宣传渠道。
"""

REPORT_B = """云岭县2024年法治政府建设工作报告
2024年,县司法局组织开展“法律进乡村”活动80场,聘请9名法学教授为政府法律顾问。
"""

ENTITY_CLASSES = [GOV.Organisation, GOV.Programme, GOV.Document, GOV.Observation, GOV.Problem, GOV.Plan]


def _build(paths):
    result = build_dataset(paths)
    assert not result.errors
    return result


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("rdf")
    a, b = d / "a.txt", d / "b.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_B, encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def built(files):
    return _build([files[0]])


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    (report,) = built.reports
    return built.dataset.graph(report)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def instances(g: Graph, cls: URIRef, ontology: Graph) -> set:
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes | {cls} for s in g.subjects(RDF.type, c)}


def test_one_report_node_with_title_and_year(graph, built):
    reports = set(graph.subjects(RDF.type, GOV.Report))
    assert reports == set(built.reports)
    (r,) = reports
    assert set(graph.objects(r, DCTERMS.title)) == {Literal("柳溪县2024年法治政府建设工作报告", lang="zh")}
    assert set(graph.objects(r, GOV.year)) == {Literal("2024", datatype=XSD.gYear)}


def test_the_report_graph_holds_every_kind(graph, ontology):
    for cls in ENTITY_CLASSES:
        assert instances(graph, cls, ontology), f"no {cls} in the graph"


@pytest.mark.parametrize("cls", [
    GOV.Organisation, GOV.Programme, GOV.Document, GOV.Observation,
    GOV.Problem, GOV.Plan,
])
def test_every_node_is_derived_from_a_mention_of_its_text(cls, graph, built, files, ontology):
    (report,) = built.reports
    text = load_source(files[0]).text
    nodes = instances(graph, cls, ontology)
    assert nodes
    for node in nodes:
        assert (node, GOV.mentionedIn, report) in graph
        mentions = set(graph.objects(node, PROV.wasDerivedFrom))
        assert mentions, f"{node} has no prov:wasDerivedFrom"
        for m in mentions:
            assert (m, RDF.type, GOV.Mention) in graph
            assert set(graph.objects(m, GOV.inReport)) == {report}
            (start,), (end,) = set(graph.objects(m, GOV.start)), set(graph.objects(m, GOV.end))
            (surface,), (sentence,) = set(graph.objects(m, GOV.surface)), set(graph.objects(m, GOV.sentence))
            start, end = int(start), int(end)
            assert 0 <= start < end <= len(text)
            assert text[start:end] == str(surface)
            assert str(surface) in str(sentence) and str(sentence) in text


def test_responsibility_and_citation_are_qualified_with_their_mention(graph):
    pilots = [(s, u) for s, u in graph.subject_objects(GOV.responsibleUnit)
              for q in graph.objects(s, GOV.qualifiedResponsibility)
              if (q, GOV.unitOf, u) in graph and (q, GOV.role, Literal("pilot")) in graph]
    assert pilots
    for subj, unit in pilots:
        quals = [q for q in graph.objects(subj, GOV.qualifiedResponsibility) if (q, GOV.unitOf, unit) in graph]
        assert all(set(graph.objects(q, PROV.wasDerivedFrom)) for q in quals)
    # each link is one edge: no sub-property states it a second time
    for p in (GOV.leadUnit, GOV.pilotUnit, GOV.founder, GOV.organiser):
        assert not list(graph.subject_objects(p))
    citations = list(graph.subjects(RDF.type, GOV.Citation))
    assert {str(a) for c in citations for a in graph.objects(c, GOV.action)} == {"印发"}


def test_observations_carry_value_unit_indicator_and_change(graph):
    rows = set()
    for obs in graph.subjects(RDF.type, GOV.Observation):
        (value,), (unit,) = set(graph.objects(obs, GOV.value)), set(graph.objects(obs, GOV.unit))
        (ind,) = set(graph.objects(obs, GOV.indicator))
        assert (ind, RDF.type, GOV.Indicator) in graph
        assert set(graph.objects(ind, RDFS.label))
        assert value.datatype == XSD.decimal
        rows.add((value.toPython(), str(unit), (obs, GOV.isChange, Literal(True)) in graph))
    assert {(Decimal(26), "件", False), (Decimal(100), "%", False), (Decimal("12.5"), "%", True),
            (Decimal(120), "场", False)} <= rows


def test_an_observation_about_a_named_programme(graph):
    about = {(graph.value(obs, GOV.value).toPython(), str(graph.value(target, RDFS.label)))
             for obs, target in graph.subject_objects(GOV.about)}
    assert (Decimal(120), "法律进乡村") in about
    assert all((t, RDF.type, GOV.Programme) in graph for _, t in graph.subject_objects(GOV.about))


def test_plans_address_problems_and_carry_next_year(graph):
    pairs = {(str(graph.value(plan, RDFS.label)), str(graph.value(problem, RDFS.label)))
             for plan, problem in graph.subject_objects(GOV.addresses)}
    assert pairs == {("提升基层执法人员专业能力", "基层执法人员专业能力不足"), ("丰富普法宣传形式", "普法宣传形式较为单一")}
    for plan in graph.subjects(RDF.type, GOV.Plan):
        assert set(graph.objects(plan, GOV.year)) == {Literal("2025", datatype=XSD.gYear)}
        assert graph.value(plan, GOV.description) is not None


def test_one_named_graph_per_report_in_trig(files, tmp_path):
    result = _build(list(files))
    out = tmp_path / "two.trig"
    result.dataset.serialize(destination=str(out), format="trig")
    back = Dataset()
    back.parse(out, format="trig")
    named = {g.identifier: g for g in back.graphs() if len(g)}
    assert set(named) == set(result.reports) and len(named) == 2
    for iri, g in named.items():
        assert set(g.subjects(RDF.type, GOV.Report)) == {iri}
    # The shared programme sits in both report graphs under one IRI.
    progs = [{s for s in g.subjects(RDF.type, GOV.Programme)
              if any(str(lb) == "法律进乡村" for lb in g.objects(s, RDFS.label))}
             for g in named.values()]
    assert progs[0] and progs[0] == progs[1]


def _union(result) -> Graph:
    g = Graph()
    for s, p, o, _ in result.dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_building_twice_gives_the_same_graph_and_iris(files):
    first, second = _union(_build(list(files))), _union(_build(list(files)))
    assert isomorphic(first, second)
    assert set(first.subjects()) == set(second.subjects())
    assert not any(isinstance(s, BNode) for s in first.subjects()), "blank nodes would make IRIs unstable"


def test_input_order_does_not_change_iris(files):
    ab, ba = _build(list(files)), _build(list(reversed(files)))
    assert set(ab.reports) == set(ba.reports)
    assert set(_union(ab)) == set(_union(ba))


def test_every_gov_term_used_is_defined_in_the_ontology(files, ontology):
    defined = {s for s, _, o in ontology.triples((None, RDF.type, None))
               if o in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)}
    g = _union(_build(list(files)))
    used = {p for p in g.predicates() if str(p).startswith(str(GOV))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(GOV))}
    assert used, "the graph uses no gov: terms"
    assert used - defined == set()
    # Classes are used as classes and properties as properties.
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert {o for o in g.objects(None, RDF.type) if str(o).startswith(str(GOV))} <= classes
    assert {p for p in g.predicates() if str(p).startswith(str(GOV))}.isdisjoint(classes)


def test_literals_with_quotes_and_backslashes_survive_both_parsers(tmp_path):
    import pyoxigraph as ox

    from kg.pipeline import extract_text
    from kg.rdf import add_extraction

    text = '2024年,区司法局办理案件4.50万件,标语写着"依法\\行政"。'
    result = build_dataset([_write(tmp_path, text)])
    ex = extract_text(text)
    ds = Dataset()
    add_extraction(ds, ex)  # the rdflib route reads the same N-Quads text
    store_sentences = {q.object.value for q in result.store.quads_for_pattern(None, ox.NamedNode(str(GOV.sentence)), None)}
    rdflib_sentences = {str(o) for _, _, o, _ in ds.quads((None, GOV.sentence, None, None))}
    assert store_sentences == rdflib_sentences == {text}
    values = {o for _, _, o, _ in ds.quads((None, GOV.value, None, None))}
    assert [(o.datatype, o.toPython()) for o in values] == [(XSD.decimal, Decimal("4.5"))]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plan_named_without_its_place_is_each_jurisdictions_own_and_a_law_is_shared(tmp_path):
    cites = "县政府印发《十六五规划》和《关于制定国民经济和社会发展第十六个五年规划的建议》,贯彻《行政许可法》。\n"
    for name, county in (("a.txt", "柳溪县"), ("b.txt", "云岭县"), ("c.txt", "柳溪县")):
        (tmp_path / name).write_text(f"{county}2030年法治政府建设工作报告\n{cites}", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"柳溪县2031年法治政府建设工作报告\n{cites}", encoding="utf-8")
    ds = _build(sorted(tmp_path.glob("*.txt"))).dataset
    typed = {s for s, _, _, _ in ds.quads((None, RDF.type, GOV.Document, None))}
    docs: dict[str, set] = {}
    for doc, _, label, _ in ds.quads((None, RDFS.label, None, None)):
        if doc in typed:
            docs.setdefault(str(label), set()).add(doc)
    assert len(docs["十六五规划"]) == 2, docs                       # 柳溪县's (two reports) and 云岭县's
    assert len(docs["关于制定国民经济和社会发展第十六个五年规划的建议"]) == 2
    assert len(docs["行政许可法"]) == 1                       # one law, whoever cites it


def _extraction(path: Path):
    from kg.pipeline import extract_source
    return extract_source(load_source(path))


def test_the_written_graph_is_the_text_a_store_gives_back(files):
    """kg build writes each report's text as the writer spells it, with no store in between:
    every statement must already be in the form a store gives back (decimals canonical)."""
    import pyoxigraph as ox

    from kg.rdf import report_graph
    ex = _extraction(files[0])
    ex.observations[0].value, ex.observations[0].low = Decimal("43.0"), Decimal("-0.50")
    ex.observations[1].value = Decimal("0.00")
    ex.observations[1].label = "甲\t乙\x0b丙\x1c丁\u2028戊\x7f"   # control characters a corpus field may carry
    _iri, text, _things = report_graph(ex)
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    back = (store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
    assert sorted(text.splitlines()) == sorted(back.splitlines())
    assert f'"43"^^<{XSD.decimal}>' in text and f'"-0.5"^^<{XSD.decimal}>' in text and f'"0"^^<{XSD.decimal}>' in text


# Distinct things of each kind in a graph (links: distinct subject–unit pairs): the definition that
# the things the writer records, and so kg build's summary, follow.
DISTINCT = """
PREFIX gov: <https://w3id.org/govkg/ont#>
SELECT ?kind (COUNT(DISTINCT ?thing) AS ?n) WHERE {
  { GRAPH ?g { ?thing a ?class } VALUES (?class ?kind) {
      (gov:Organisation "organisation") (gov:Programme "programme") (gov:Document "document")
      (gov:Observation "observation") (gov:Problem "problem") (gov:Plan "plan") } }
  UNION
  { SELECT DISTINCT ?thing ("link" AS ?kind) WHERE {
      GRAPH ?g { ?s gov:qualifiedResponsibility ?r . ?r gov:unitOf ?u } BIND(CONCAT(STR(?s), " ", STR(?u)) AS ?thing) } }
} GROUP BY ?kind
"""


def test_the_things_a_report_graph_names_are_those_a_store_counts(files):
    """The build's summary counts the things the writer typed; a query over the graph agrees."""
    from collections import Counter

    import pyoxigraph as ox

    from kg.rdf import report_graph
    _iri, text, things = report_graph(_extraction(files[0]))
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    counted = {row["kind"].value: int(row["n"].value) for row in store.query(DISTINCT)}  # type: ignore[index,union-attr]
    assert {"organisation", "programme", "document", "observation", "problem", "plan", "link"} <= set(counted)
    assert Counter(things.values()) == counted
