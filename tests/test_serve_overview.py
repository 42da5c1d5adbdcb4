"""kg serve's corpus overview: groups of reports, shared entities as hubs, each report's own entities folded."""
from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.cli import main
from kg.query import GraphFiles
from kg.serve.app import create_app
from kg.serve.catalog import ReportInfo
from kg.serve.overview import groups

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
ID = "https://w3id.org/govkg/id/"
REPORT_A, REPORT_B = ID + "report/a0a0a0a0a0a0a0a0", ID + "report/b0b0b0b0b0b0b0b0"
# written for this test: names with markup in them, which must stay text on the overview
REPORT_TEXT = """\
柳溪县2024年度法治政府建设工作报告

一、主要工作和成效

(一)推进“法治<img src=x onerror=alert(1)>小区”建设。县司法局牵头开展“法治小区”建设,在5个社区开展试点。

二、存在的不足

个别部门<img src=x onerror=alert(2)>依法决策意识不强。
"""
PER_REPORT = """
PREFIX gov: <https://w3id.org/govkg/ont#>
SELECT ?e (COUNT(DISTINCT ?r) AS ?n) WHERE { ?e gov:mentionedIn ?r FILTER(!CONTAINS(STR(?e), "/id/obs/")) } GROUP BY ?e
"""


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(GraphFiles([FIXTURE]))) as c:
        yield c


def page_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL).group(1))


def reports_per_entity(client) -> dict[str, int]:
    body = client.get("/sparql", params={"query": PER_REPORT}, headers={"Accept": "application/json"}).json()
    return {b["e"]["value"]: int(b["n"]["value"]) for b in body["results"]["bindings"]}


def edges_of(data: dict, relation_label: str) -> list[tuple[str, str]]:
    rels = {k for k, r in enumerate(data["relations"]) if r["label"] == relation_label}
    return [(data["info"][e[0]]["iri"], data["info"][e[1]]["iri"]) for e in data["edges"] if e[2] in rels]


def report(iri: str, place: str, year: str) -> ReportInfo:
    return ReportInfo(iri, f"{place}{year}年政府工作报告", year, place, "")


def test_groups_by_place_then_decade_and_single_places_by_year():
    reports = [report(f"n{y}", "中国", str(y)) for y in range(1990, 2004)]        # 14: crowded, split by decade
    reports += [report("a1", "甲省", "2024"), report("a2", "甲省", "2025")]        # a place of two reports
    reports += [report("b", "乙省", "2025"), report("c", "丙市", "2025"), report("d", "", "2025")]
    got = {label: [r.iri for r in members] for label, members in groups(reports).items()}
    assert got["中国1990s"] == [f"n{y}" for y in range(1990, 2000)]
    assert got["中国2000s"] == ["n2000", "n2001", "n2002", "n2003"]
    assert got["甲省"] == ["a1", "a2"]
    assert sorted(got["2025年各地"]) == ["b", "c", "d"]      # places named once gather by year
    assert sum(len(v) for v in got.values()) == len(reports)


def test_overview_hubs_are_the_shared_entities_and_the_rest_is_folded(client):
    response = client.get("/overview")
    assert response.status_code == 200
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    data = page_data(response.text)
    counts = reports_per_entity(client)
    shared = {e for e, n in counts.items() if n >= 2}
    hubs = {h for h, _ in edges_of(data, "提及于")}
    assert hubs == shared and ID + "programme/c000000000000001" in hubs       # 法治医院, in both reports
    for hub in hubs:
        assert {r for h, r in edges_of(data, "提及于") if h == hub} == {REPORT_A, REPORT_B}
    drawn = {i["iri"] for i in data["info"]}
    assert not {e for e, n in counts.items() if n == 1} & drawn                # no report's own entity is drawn
    folds = [i["fold"] for i in data["info"] if i.get("fold")]
    assert sum(f["count"] for f in folds) == sum(1 for n in counts.values() if n == 1)
    assert len({(f["reportIri"], f["kind"]) for f in folds}) == len(folds)     # one count per report and kind
    labels = {i["iri"]: i["label"] for i in data["info"]}
    group_edges = edges_of(data, "同组")
    assert {r for _, r in group_edges} == {REPORT_A, REPORT_B}
    assert {labels[g] for g, _ in group_edges} == {"2023年各地", "2024年各地"}


def test_leaves_of_a_folded_node(client):
    data = page_data(client.get("/overview").text)
    counts = reports_per_entity(client)
    fold = next(i["fold"] for i in data["info"] if i.get("fold") and i["fold"]["kind"] == "programme"
                and i["fold"]["reportIri"] == REPORT_A)
    body = client.get("/overview/leaves", params={"report": fold["report"], "kind": "programme", "min": 2}).json()
    leaves = body["leaves"]
    assert len(leaves) == fold["count"]
    assert all(counts[leaf["iri"]] == 1 and leaf["iri"].startswith(ID + "programme/") for leaf in leaves)
    assert "一村(社区)一法律顾问" in {leaf["label"] for leaf in leaves}
    assert all(leaf["page"] == "/id/" + leaf["iri"][len(ID):] for leaf in leaves)
    assert len({(leaf["dx"], leaf["dy"]) for leaf in leaves}) == len(leaves)   # no two on one spot
    # with min=3 nothing in two reports is a hub: 法治医院 is folded into both reports
    wider = client.get("/overview/leaves", params={"report": fold["report"], "kind": "programme", "min": 3}).json()
    assert "法治医院" in {leaf["label"] for leaf in wider["leaves"]}
    assert not edges_of(page_data(client.get("/overview", params={"min": 3}).text), "提及于")


@pytest.mark.parametrize("params, status", [
    ({"report": "ffffffffffffffff", "kind": "programme"}, 404),
    ({"report": "a0a0a0a0a0a0a0a0", "kind": "<b>"}, 400),
    ({"report": "a0a0a0a0a0a0a0a0", "kind": "programme", "min": "1"}, 400),
    ({"report": "a0a0a0a0a0a0a0a0", "kind": "programme", "min": "x"}, 400),
])
def test_leaves_refuse_what_they_cannot_answer(client, params, status):
    response = client.get("/overview/leaves", params=params)
    assert response.status_code == status and "<b>" not in response.text


def test_home_links_the_overview(client):
    assert 'href="/overview"' in client.get("/").text
    assert client.get("/overview", params={"min": "0"}).status_code == 400


def test_overview_markup_stays_inert(tmp_path):
    source = tmp_path / "liuxi.txt"
    source.write_text(REPORT_TEXT, encoding="utf-8")
    graph = tmp_path / "liuxi.trig"
    assert main(["build", str(source), "-o", str(graph), "-q"]) == 0
    with TestClient(create_app(GraphFiles([graph]))) as c:
        html = c.get("/overview").text
        assert "<img" not in html and "onerror=alert" not in html.replace("\\u003cimg src=x onerror=alert", "")
        data = page_data(html)
        fold = next(i["fold"] for i in data["info"] if i.get("fold") and i["fold"]["kind"] == "problem")
        response = c.get("/overview/leaves", params={"report": fold["report"], "kind": "problem"})
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["x-content-type-options"] == "nosniff"
        # the name travels as JSON text; the page draws it on the canvas and with textContent
        assert any("<img src=x onerror=alert(2)>" in leaf["label"] for leaf in response.json()["leaves"])
