"""Entity resolution: short forms merged within a report; identity across reports by IRI."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.identity import canonical_org, variant_key
from kg.namespaces import GOV, RDF, RDFS, SKOS
from kg.pipeline import build_dataset, extract_text
from kg.records import Entity, Extraction


def orgs(ex: Extraction) -> list[Entity]:
    return ex.of_kind("organisation")


def org_with(ex: Extraction, label: str) -> Entity:
    hits = [e for e in orgs(ex) if label in e.labels]
    assert len(hits) == 1, [(e.label, e.aliases) for e in orgs(ex)]
    return hits[0]


def test_people_s_government_and_its_short_form_are_one_body():
    ex = extract_text("柳溪县2024年法治政府建设工作报告\n县政府印发实施方案。县人民政府审议通过规范性文件6件。\n")
    body = org_with(ex, "县政府")
    assert body.labels == {"县政府", "县人民政府"}
    assert len(body.mentions) == 2
    assert len([e for e in orgs(ex) if e.labels & {"县政府", "县人民政府"}]) == 1


def test_an_office_and_its_abbreviation_are_one_body():
    ex = extract_text("市委依法治市办公室印发工作要点。市委依法治市办牵头开展督察。")
    body = org_with(ex, "市委依法治市办公室")
    assert body.labels == {"市委依法治市办公室", "市委依法治市办"}
    assert len(orgs(ex)) == 1


def test_the_merged_body_is_labelled_by_its_full_name():
    ex = extract_text("市委依法治市办公室印发工作要点。市委依法治市办牵头开展督察。")
    assert org_with(ex, "市委依法治市办").label == "市委依法治市办公室"


def test_a_bare_short_form_merges_into_the_publisher():
    ex = extract_text("石门镇人民政府\n2024年度法治政府建设工作报告\n2024年,镇政府扎实推进依法行政,镇党委统筹部署。\n")
    assert ex.report.publishers == ["石门镇人民政府"]
    pub = org_with(ex, "石门镇人民政府")
    assert pub.label == "石门镇人民政府"
    assert "镇政府" in pub.aliases
    # 镇党委 is another body: it must not be folded into the government.
    assert org_with(ex, "镇党委") is not pub


def test_bare_forms_of_two_publishers_go_to_the_right_one():
    ex = extract_text("白沙新区党工委\n白沙新区管委会\n2024年度法治政府建设工作报告\n"
                      "2024年,新区党工委高度重视法治建设,新区管委会主要负责人认真履职。\n")
    assert org_with(ex, "白沙新区党工委").labels == {"白沙新区党工委", "新区党工委"}
    assert org_with(ex, "白沙新区管委会").labels == {"白沙新区管委会", "新区管委会"}


def test_different_bodies_sharing_a_suffix_are_not_merged():
    ex = extract_text("县司法局、县公安局联合开展执法检查。")
    assert sorted(e.label for e in orgs(ex)) == ["县公安局", "县司法局"]


@pytest.mark.parametrize("name, canon", [
    ("县人民政府", "县政府"), ("市委依法治市办公室", "市委依法治市办"), ("县司法局", "县司法局")])
def test_canonical_org(name, canon):
    assert canonical_org(name) == canon


def test_variant_key_folds_grassroots_alternatives():
    keys = {variant_key(n) for n in ("一村(社区)一法律顾问", "一村（居）一法律顾问", "一村一法律顾问", "“一村(社区)一法律顾问”")}
    assert len(keys) == 1


def test_a_national_law_is_one_document_with_or_without_the_state_name():
    assert variant_key("中华人民共和国宪法") == variant_key("宪法")
    assert variant_key("中华人民共和国行政处罚法") == variant_key("行政处罚法")
    assert variant_key("中华人民共和国成立75周年") != variant_key("成立75周年")  # not a law: kept whole


def test_variant_key_keeps_different_programmes_apart():
    assert variant_key("一村一法律顾问") != variant_key("一村一辅警")
    assert variant_key("八五普法") != variant_key("七五普法")


# ---------------------------------------------------------------- across reports

A = "柳溪县2024年法治政府建设工作报告\n2024年,县司法局深入推进一村(社区)一法律顾问工作,落实国务院部署。县司法局组织开展“法律进乡村”活动12场。\n"
B = "云岭县2024年法治政府建设工作报告\n2024年,县司法局深入推进一村(居)一法律顾问工作,落实国务院部署。县司法局组织开展“法律进乡村”活动8场。\n"


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    (d / "a.txt").write_text(A, encoding="utf-8")
    (d / "b.txt").write_text(B, encoding="utf-8")
    result = build_dataset([d / "a.txt", d / "b.txt"])
    assert not result.errors and len(result.reports) == 2
    return result


def subjects_labelled(result, label: str) -> dict[URIRef, set[URIRef]]:
    """IRI → the named graphs in which it carries ``label`` (as rdfs:label or skos:altLabel)."""
    out: dict[URIRef, set[URIRef]] = {}
    for prop in (RDFS.label, SKOS.altLabel):
        for s, _, o, g in result.dataset.quads((None, prop, None, None)):
            if str(o) == label:
                out.setdefault(s, set()).add(g)
    return out


def test_the_same_unit_name_in_two_places_is_two_bodies(two_reports):
    found = subjects_labelled(two_reports, "县司法局")
    assert len(found) == 2
    assert all(len(graphs) == 1 for graphs in found.values())
    for iri in found:
        assert any(True for _ in two_reports.dataset.quads((iri, RDF.type, GOV.Organisation, None)))


def test_a_national_body_is_one_node_across_reports(two_reports):
    found = subjects_labelled(two_reports, "国务院")
    assert len(found) == 1
    assert len(next(iter(found.values()))) == 2


def test_the_same_programme_in_two_reports_is_one_node(two_reports):
    found = subjects_labelled(two_reports, "法律进乡村")
    assert len(found) == 1
    ((_, graphs),) = found.items()
    assert graphs == set(two_reports.reports)


def test_programme_variants_in_two_reports_are_one_node(two_reports):
    a = subjects_labelled(two_reports, "一村(社区)一法律顾问")
    b = subjects_labelled(two_reports, "一村(居)一法律顾问")
    assert len(a) == 1 and a.keys() == b.keys()


def _nodes_named(tmp_path, texts: tuple[str, str], label: str):
    from kg.namespaces import RDFS

    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"r{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    result = build_dataset(paths)
    return result, {s for s, _, o, _ in result.dataset.quads((None, RDFS.label, None, None)) if str(o) == label}


def test_bodies_of_reports_whose_place_is_unknown_are_not_merged(tmp_path):
    _, nodes = _nodes_named(tmp_path, ("我区坚持依法行政。区委召开常委会会议3次。",
                                       "我区深入推进法治建设。区委召开常委会会议5次。"), "区委")
    assert len(nodes) == 2


def test_the_same_body_in_two_years_of_one_place_is_one_node_mentioned_in_both(tmp_path):
    from kg.namespaces import GOV

    result, nodes = _nodes_named(tmp_path, ("某丙县2023年法治政府建设年度报告\n2023年,县司法局组织培训3次。",
                                            "某丙县2024年法治政府建设年度报告\n2024年,县司法局组织培训5次。"), "县司法局")
    assert len(nodes) == 1
    (node,) = nodes
    assert len({o for _, _, o, _ in result.dataset.quads((node, GOV.mentionedIn, None, None))}) == 2


def test_a_title_that_names_the_government_gives_the_government_as_publisher():
    from kg.extract.report_meta import _title_place
    assert _title_place("2026年河东省政府工作报告") == ["河东省政府"]
    assert _title_place("2025年清河市人民政府工作报告") == ["清河市人民政府"]
    assert _title_place("某县2023年法治政府建设年度报告") == ["某县"]
