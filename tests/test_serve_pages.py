"""The pages of kg serve: home, search, entity and report pages, dereferencing IRIs, markup kept inert."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.cli import main
from kg.query import GraphFiles
from kg.serve import pages
from kg.serve.app import create_app

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
ID = "https://w3id.org/govkg/id/"
PROGRAMME = "/id/programme/c000000000000001"      # 法治医院, in both reports
INDICATOR = "/id/indicator/f000000000000001"      # 100 % in 2023, 98.5 % in 2024
HOSPITAL = "/id/org/0a00000000000003"              # pilot unit of 法治医院
REPORT_A = "/id/report/a0a0a0a0a0a0a0a0"
# A report written for this test, with markup in its text that must stay text.
REPORT_TEXT = """\
青禾县2024年度法治政府建设工作报告

2024年,青禾县坚持依法行政,各项工作取得新进展。

一、主要工作和成效

(一)推进“法治<img src=x onerror=alert(1)>乡村”建设。县司法局牵头开展“法治乡村”建设,在12个乡镇开展试点,全年办理行政复议案件35件。

(二)加强执法监督。县委依法治县办印发《关于加强行政执法监督的通知》,组织<script>window.__pwned=1</script>执法人员培训3次。

二、存在的不足

基层法治力量仍然薄弱,个别部门依法决策意识不强。
"""


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(GraphFiles([FIXTURE]))) as c:
        yield c


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A graph built by kg build from REPORT_TEXT, and a client serving it."""
    folder = tmp_path_factory.mktemp("serve")
    source = folder / "qinghe.txt"
    source.write_text(REPORT_TEXT, encoding="utf-8")
    graph = folder / "qinghe.trig"
    assert main(["build", str(source), "-o", str(graph)]) == 0
    with TestClient(create_app(GraphFiles([graph]))) as c:
        yield c, source


def report_path(client) -> str:
    return re.search(r'href="(/id/report/[0-9a-f]+)"', client.get("/").text).group(1)


def test_home_lists_reports_by_year_and_shared_programmes(client):
    html = client.get("/").text
    assert html.index("2024 年度") < html.index("2023 年度")
    assert "东城区2023年度法治政府建设工作报告" in html and "西城区2024年度法治政府建设情况报告" in html
    shared = html[html.index("多份报告提到的工作项目"):html.index("最常被提及的单位")]
    assert "法治医院" in shared and "八五普法" in shared
    assert "一村(社区)一法律顾问" not in shared  # named in one report only


def test_search_finds_aliases_by_substring_typed(client):
    html = client.get("/search", params={"q": "区司法"}).text
    assert "东城区司法局" in html  # its alias 区司法局 matches
    assert "东城区司法局" not in client.get("/search", params={"q": "区司法", "type": "programme"}).text
    html = client.get("/search", params={"q": "法治", "type": "programme"}).text
    assert "法治医院" in html and 'k-organisation' not in html


def test_search_reads_traditional_as_simplified(client):
    html = client.get("/search", params={"q": "東城區司法局"}).text  # traditional spelling of the label
    assert 'href="/id/org/0a00000000000002"' in html


def test_search_pages(client, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 1)
    first = client.get("/search", params={"q": "法治"}).text
    second = client.get("/search", params={"q": "法治", "page": 2}).text
    assert 'rel="next"' in first and 'rel="prev"' in second
    hit = re.compile(r'<li><span class="badge[^>]*>[^<]*</span> <a href="([^"]+)"')
    assert hit.findall(first) != hit.findall(second) and len(hit.findall(first)) == 1


def test_programme_page_units_roles_reports_sentences(client):
    html = client.get(PROGRAMME).text
    assert "<h1>法治医院" in html
    units = html[html.index("责任单位"):html.index("提到它的报告")]
    assert f'href="{HOSPITAL}"' in units and "试点" in units
    assert html.count('href="/id/report/') >= 2
    # the span is highlighted inside its sentence and links to the report page at its offset
    assert re.search(r'创新开展“<mark class="k-programme"><a href="/id/report/a0a0a0a0a0a0a0a0#at-\d+">法治医院</a></mark>”建设',
                     html)


def test_unit_page_says_what_it_is_responsible_for(client):
    html = client.get(HOSPITAL).text
    part = html[html.index("负责的工作"):]
    assert f'href="{PROGRAMME}"' in part and "试点" in part


def test_indicator_page_plots_its_series(client):
    html = client.get(INDICATOR).text
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<circle") == 2 and "2023" in svg and "2024" in svg
    assert "<script" not in svg


@pytest.mark.parametrize("accept, fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                         ("application/ld+json", ox.RdfFormat.JSON_LD),
                                         ("application/n-triples", ox.RdfFormat.N_TRIPLES)])
def test_iri_dereferences_to_rdf(client, accept, fmt):
    r = client.get(PROGRAMME, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    subjects = {t.subject for t in ox.parse(r.content, format=fmt)}
    assert subjects == {ox.NamedNode(ID + PROGRAMME[4:])}


def test_iri_dereferences_to_html_for_browsers(client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = client.get(PROGRAMME, headers={"Accept": browser})
    assert r.headers["content-type"].startswith("text/html") and "Accept" in r.headers["vary"]
    assert client.get(PROGRAMME + "?format=ttl").headers["content-type"].startswith("text/turtle")


def test_unknown_iri_is_404(client):
    assert client.get("/id/programme/ffffffffffffffff").status_code == 404
    assert client.get("/id/programme/ffffffffffffffff", headers={"Accept": "text/turtle"}).status_code == 404


def test_pages_forbid_network_requests(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp


def test_report_page_without_its_source_shows_sentences(client):
    html = client.get(REPORT_A).text
    assert "无法从来源重新读取" in html
    assert "创新开展“法治医院”建设" in html


def test_report_page_text_marks_and_inert_markup(built):
    client, _ = built
    html = client.get(report_path(client)).text
    text = html[html.index('<article class="text"'):html.index("</article>")]
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    marks = re.findall(r'<mark id="at-(\d+)" class="k-(\w+)"', text)
    assert {"organisation", "observation"} <= {kind for _, kind in marks}
    # the text between the tags is the report text itself
    plain = re.sub(r"<[^>]+>", "", text[text.index(">") + 1:])
    assert "县司法局牵头开展“法治乡村”建设" in plain.replace("&lt;", "<").replace("&gt;", ">")
    outline = html[html.index("提纲"):html.index("图例")]
    assert "存在的不足" in outline or "主要工作和成效" in outline


def test_entity_sentence_links_to_an_existing_mark(built):
    client, _ = built
    found = re.search(r'href="(/id/org/[0-9a-f]+)">县司法局', client.get("/search", params={"q": "司法局"}).text)
    entity = client.get(found.group(1)).text
    target = re.search(r'<mark class="k-organisation"><a href="(/id/report/[0-9a-f]+)#(at-\d+)">', entity)
    report = client.get(target.group(1)).text
    assert f'<mark id="{target.group(2)}" class="k-organisation"' in report


def test_report_source_moved_falls_back(built, tmp_path):
    client, source = built
    path = report_path(client)
    moved = source.with_suffix(".moved")
    source.rename(moved)
    try:
        pages_site = client.app.state.site
        pages_site._pages.clear()
        pages_site.texts._cache.clear()
        assert "无法从来源重新读取" in client.get(path).text
    finally:
        moved.rename(source)
        client.app.state.site._pages.clear()
        client.app.state.site.texts._cache.clear()


def test_a_report_that_states_no_year_is_listed_after_the_years(tmp_path):
    source = tmp_path / "undated.txt"
    source.write_text("青禾县法治政府建设工作报告\n\n一、主要工作\n\n县司法局牵头开展“法治乡村”建设。\n", encoding="utf-8")
    graph = tmp_path / "undated.trig"
    assert main(["build", str(source), "-o", str(graph)]) == 0
    with TestClient(create_app(GraphFiles([FIXTURE, graph]))) as c:
        html = c.get("/").text
    assert html.index("2024 年度") < html.index("2023 年度") < html.index("年份不明")
    assert "? 年度" not in html and " 年度 <small>" in html


def test_an_indicator_is_counted_in_the_reports_of_its_observations(client):
    # the fixture's indicator has observations in both reports and no gov:mentionedIn of its own
    site = client.app.state.site
    assert site.catalog.entries["https://w3id.org/govkg/id/indicator/f000000000000001"].reports == 2


def test_a_pilot_place_page_says_what_it_was_chosen_for(tmp_path):
    source = tmp_path / "hedong.txt"
    source.write_text("河东省2030年政府工作报告\n\n东川、西岭入选“智慧口岸”建设试点。\n", encoding="utf-8")
    graph = tmp_path / "hedong.trig"
    assert main(["build", str(source), "-o", str(graph), "-q"]) == 0
    with TestClient(create_app(GraphFiles([graph]))) as c:
        place = re.search(r'href="(/id/place/[0-9a-f]+)"[^>]*>东川<', c.get("/search?q=东川").text)
        assert place, c.get("/search?q=东川").text
        html = c.get(place.group(1)).text
    part = html[html.index("负责的工作"):]
    assert "智慧口岸" in part and "试点" in part
