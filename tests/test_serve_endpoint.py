"""The /sparql endpoint against the SPARQL 1.1 Protocol query test cases (W3C protocol test suite names).

Each test is named after the W3C case it follows (query_get, query_post_form,
bad_multiple_queries …) and runs on the hand-written two-report fixture.
"""
from __future__ import annotations

import csv
import io
import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.query import GraphFiles
from kg.serve.app import create_app

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
ID = "https://w3id.org/govkg/id/"
GRAPH_A = ID + "report/a0a0a0a0a0a0a0a0"
GRAPH_B = ID + "report/b0b0b0b0b0b0b0b0"
COUNT_REPORTS = "PREFIX gov: <https://w3id.org/govkg/ont#> SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a gov:Report }"
JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(GraphFiles([FIXTURE]))) as c:
        yield c


def count(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_get(client):
    r = client.get("/sparql", params={"query": COUNT_REPORTS})
    assert r.headers["content-type"].startswith(JSON)
    assert count(r) == 2  # the union of the two report graphs


def test_query_post_form(client):
    r = client.post("/sparql", content=f"query={COUNT_REPORTS}".replace("+", "%2B").encode(),
                    headers={"Content-Type": FORM})
    assert count(r) == 2


def test_query_post_direct(client):
    r = client.post("/sparql", content=COUNT_REPORTS.encode("utf-8"),
                    headers={"Content-Type": "application/sparql-query"})
    assert count(r) == 2


def test_query_dataset_default_graph_get(client):
    r = client.get("/sparql", params={"query": COUNT_REPORTS, "default-graph-uri": GRAPH_A})
    assert count(r) == 1


def test_query_dataset_default_graphs_post(client):
    r = client.post(f"/sparql?default-graph-uri={GRAPH_A}&default-graph-uri={GRAPH_B}",
                    content=COUNT_REPORTS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert count(r) == 2


def test_query_dataset_named_graphs(client):
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q, "named-graph-uri": GRAPH_B})
    assert count(r) == 1


def test_query_multiple_dataset_protocol_wins(client):
    """A dataset in the request replaces the query's FROM clauses."""
    q = COUNT_REPORTS.replace("WHERE", f"FROM <{GRAPH_A}> FROM <{GRAPH_B}> WHERE")
    assert count(client.get("/sparql", params={"query": q})) == 2
    assert count(client.get("/sparql", params={"query": q, "default-graph-uri": GRAPH_B})) == 1


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+json", JSON),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", JSON),
])
def test_query_content_type_select(client, accept, media):
    q = "PREFIX gov: <https://w3id.org/govkg/ont#> SELECT ?r ?t WHERE { ?r a gov:Report ; <http://purl.org/dc/terms/title> ?t }"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    text = r.content.decode("utf-8")
    if media == "application/sparql-results+xml":
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        results = ET.fromstring(text).findall(".//s:result", ns)
        assert len(results) == 2
        assert {e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in ET.fromstring(text).iter(
            "{http://www.w3.org/2005/sparql-results#}literal")} == {"zh"}
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["r", "t"] and {row[0] for row in rows[1:]} == {GRAPH_A, GRAPH_B}
    elif media == "text/tab-separated-values":
        lines = text.splitlines()
        assert lines[0] == "?r\t?t"
        assert {line.split("\t")[0] for line in lines[1:]} == {f"<{GRAPH_A}>", f"<{GRAPH_B}>"}
        assert all(line.split("\t")[1].endswith('"@zh') for line in lines[1:])
    else:
        assert len(json.loads(text)["results"]["bindings"]) == 2


def test_query_content_type_ask(client):
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 200
    root = ET.fromstring(r.content)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
    r = client.get("/sparql", params={"query": "ASK { ?s <x:none> ?o }"})
    assert r.json()["boolean"] is False


@pytest.mark.parametrize("accept, fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                         ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                         ("application/ld+json", ox.RdfFormat.JSON_LD)])
def test_query_content_type_construct(client, accept, fmt):
    q = f"CONSTRUCT {{ <{GRAPH_A}> ?p ?o }} WHERE {{ <{GRAPH_A}> ?p ?o }}"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    triples = list(ox.parse(r.content, format=fmt))
    expected = client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ <{GRAPH_A}> ?p ?o }}"})
    assert len(triples) == count(expected) > 3
    assert all(t.subject == ox.NamedNode(GRAPH_A) for t in triples)


def test_query_content_type_describe(client):
    r = client.get("/sparql", params={"query": f"DESCRIBE <{GRAPH_B}>"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert any(t.subject == ox.NamedNode(GRAPH_B) for t in ox.parse(r.content, format=ox.RdfFormat.TURTLE))


def test_unacceptable_type_is_406(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text


def test_bad_query_method(client):
    assert client.put("/sparql", params={"query": "ASK {}"}).status_code == 405


def test_bad_multiple_queries(client):
    r = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert r.status_code == 400 and "one 'query'" in r.text


def test_bad_query_missing(client):
    assert client.get("/sparql").status_code == 400


def test_bad_query_wrong_media_type(client):
    r = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_bad_query_missing_form_type(client):
    r = client.post("/sparql", content=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert r.status_code in (400, 415)


def test_bad_query_non_utf8(client):
    body = "ASK { ?s ?p \"法治\" }".encode("utf-16")
    r = client.post("/sparql", content=body, headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert r.status_code in (400, 415)


def test_bad_query_syntax(client):
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p "})
    assert r.status_code == 400
    assert "syntax error" in r.text and "line 1" in r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize("query, word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <x:a> <x:b> <x:c> }", "INSERT"),
])
def test_refused(client, query, word):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400 and f"{word} at line 1" in r.text and "refused" in r.text


def test_bad_update_get(client):
    r = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 400 and "CLEAR" in r.text


def test_update_post_refused_and_nothing_changed(client):
    r = client.post("/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 400 and "DROP" in r.text
    r = client.post("/sparql", content=b"update=DELETE%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
                    headers={"Content-Type": FORM})
    assert r.status_code == 400 and "DELETE" in r.text
    assert count(client.get("/sparql", params={"query": COUNT_REPORTS})) == 2


def test_row_cap_as_kg_query_limit():
    with TestClient(create_app(GraphFiles([FIXTURE]), limit=3)) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert len(r.json()["results"]["bindings"]) == 3 and "more" in r.headers["X-KG-Truncated"]
        r = c.get("/sparql", params={"query": COUNT_REPORTS})
        assert "X-KG-Truncated" not in r.headers


def test_timeout_as_kg_query_timeout():
    with TestClient(create_app(GraphFiles([FIXTURE]), timeout=0.5)) as c:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        r = c.get("/sparql", params={"query": slow})
        assert r.status_code == 503 and "stopped after 0.5 s" in r.text
        assert count(c.get("/sparql", params={"query": COUNT_REPORTS})) == 2  # the server still answers
