"""The query page (YASGUI, named queries as examples) and the named-query forms with CSV/JSON download."""
from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.query import GraphFiles, list_queries, run
from kg.serve.app import create_app, static_dir

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(GraphFiles([FIXTURE]))) as c:
        yield c


def test_query_page_ships_yasgui_and_offers_every_named_query(client):
    html = client.get("/query").text
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["/static/yasgui/yasgui.min.js", "/static/query.js"]
    for src in scripts + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        assert client.get(src).status_code == 200
    data = json.loads(re.search(r'<script type="application/json" id="kg-queries">(.*?)</script>', html, re.DOTALL).group(1))
    assert [q["name"] for q in data] == [q.name for q in list_queries()]
    assert (static_dir() / "yasgui" / "LICENSE").read_text().startswith("MIT License")


def test_examples_run_on_the_endpoint_with_their_example_values(client):
    """Each example text is a complete query: the endpoint answers it without parameters."""
    data = json.loads(re.search(r'id="kg-queries">(.*?)</script>', client.get("/query").text, re.DOTALL).group(1))
    series = next(q for q in data if q["name"] == "indicator-series")
    r = client.post("/sparql", content=series["text"].encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200, r.text
    values = {b["value"]["value"] for b in r.json()["results"]["bindings"] if "value" in b}
    assert values == {"100", "98.5"}


def test_named_query_form_lists_parameters(client):
    html = client.get("/queries/unit-programmes").text
    assert 'name="unit"' in html and "/queries/unit-programmes" in html


def test_named_query_runs_with_bound_parameters_like_kg_query(client):
    html = client.get("/queries/programme-units", params={"unit": "区人民医院", "run": "1"}).text
    expected = run("programme-units", GraphFiles([FIXTURE]), {"unit": "区人民医院"})
    assert f"{len(expected.rows)} 行" in html and len(expected.rows) >= 1
    assert "法治医院" in html


def test_named_query_downloads(client):
    r = client.get("/queries/shared-programmes", params={"run": "1", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="shared-programmes.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    expected = run("shared-programmes", GraphFiles([FIXTURE]))
    assert rows[0] == expected.variables
    assert {row[0] for row in rows[1:]} == {r["programmeLabel"] for r in expected.records()} == {"法治医院", "八五普法"}
    r = client.get("/queries/shared-programmes", params={"run": "1", "format": "json"})
    assert len(r.json()["results"]["bindings"]) == len(expected.rows)


def test_named_query_errors(client):
    r = client.get("/queries/indicator-series", params={"run": "1"})
    assert r.status_code == 400 and "required" in r.text
    assert client.get("/queries/no-such-query").status_code == 404
