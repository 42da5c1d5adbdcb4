"""Queries over the SPARQL 1.1 Protocol: a real `oxigraph serve`, and a loopback stub for HTTP cases."""
from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import ClassVar

import pytest
from query_params import REQUIRED

from kg.auth import Credentials
from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.query import GraphFiles, SparqlEndpoint, from_text, list_queries, run

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def start_oxigraph(location: Path, *options: str):  # type: ignore[no-untyped-def]
    """`oxigraph serve` on a free loopback port; yields its bare URL once it answers."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(FIXTURE)],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--timeout-s", "5", *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{root}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.2)
        yield root
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    for root in start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"), "--union-default-graph"):
        yield root + "/query"


@pytest.fixture(scope="module")
def plain_default_graph_server(tmp_path_factory):
    """A server started without --union-default-graph: its default graph is empty."""
    yield from start_oxigraph(tmp_path_factory.mktemp("oxigraph-plain"))


def bag(result):
    return sorted(repr(row) for row in result.rows)


@pytest.mark.server
@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_query_gives_the_same_rows_on_the_server(server, name):
    local = run(name, GraphFiles([FIXTURE]), REQUIRED.get(name, {}))
    remote = run(name, SparqlEndpoint(server), REQUIRED.get(name, {}))
    assert remote.variables == local.variables
    assert bag(remote) == bag(local) and remote.rows


WITH_PARAMS = [
    ("programme-units", {"unit": "区司法局"}), ("programme-units", {"programme": "法治"}),
    ("programme-reports", {"programme": "id:programme/c000000000000001"}), ("report-metrics", {"report": "西城区"}),
    ("plans-problems", {"report": "东城区"}), ("shortcomings", {"report": "西城区"}),
    ("documents-cited", {"document": "纲要", "action": "根据"}), ("provenance", {"target": "区司法局"}),
    ("provenance", {"target": "id:resp/4a00000000000002"}),
    ("top-units", {"kind": "department"}), ("shared-programmes", {"minReports": "1"}),
    ("organisations-by-kind", {"kind": "department"}), ("reports", {"year": "2023", "place": "东城"}),
    ("indicator-series", {"indicator": "应诉"}), ("label-search", {"text": "医院"}),
]


@pytest.mark.server
@pytest.mark.parametrize("name,params", WITH_PARAMS)
def test_parameters_give_the_same_rows_on_the_server(server, name, params):
    local = run(name, GraphFiles([FIXTURE]), params)
    assert local.rows, (name, params)
    assert bag(run(name, SparqlEndpoint(server), params)) == bag(local)


@pytest.mark.server
@pytest.mark.parametrize("method", ["post", "get"])
def test_parameters_reach_the_server_as_values(server, method):
    endpoint = SparqlEndpoint(server, method=method)
    r = run("programme-units", endpoint, {"unit": "区司法局"})
    assert len(r.rows) == 2
    r = run("programme-units", endpoint, {"unit": "id:org/0b00000000000003"})
    assert [row[1].value for row in r.rows] == ["西城区卫生健康委员会"]
    assert len(run("shared-programmes", endpoint, {"minReports": "1"}).rows) == 5
    assert [row[0].value for row in run("reports", endpoint, {"year": "2024"}).rows] == ["西城区2024年度法治政府建设情况报告"]


@pytest.mark.server
def test_injection_attempts_stay_values_on_the_server(server):
    endpoint = SparqlEndpoint(server)
    count = from_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    before = run(count, endpoint).rows
    echo = from_text("SELECT ?x WHERE { }")
    for value in ['x" } } ; DROP ALL #', "} UNION { ?s ?p ?o }", 'a"b\'c\\d\ne\tf', '"""', "# x", "{ }"]:
        assert [row[0].value for row in run(echo, endpoint, {"x": value}).rows] == [value]
        assert run("label-search", endpoint, {"text": value}).rows == []
        assert run("programme-units", endpoint, {"unit": value}).rows == []
    assert run(count, endpoint).rows == before


@pytest.mark.server
def test_ask_construct_limit_and_cli(server, capsys):
    endpoint = SparqlEndpoint(server)
    assert run(from_text("ASK { ?r a <https://w3id.org/govkg/ont#Report> }"), endpoint).boolean is True
    construct = from_text("CONSTRUCT { ?r a ?t } WHERE { ?r a <https://w3id.org/govkg/ont#Report> ; a ?t }")
    assert len(run(construct, endpoint).rows) == 2
    limited = run("provenance", endpoint, {"target": ""}, limit=3)
    assert len(limited.rows) == 3 and limited.truncated
    assert main(["query", "unit-programmes", "--endpoint", server, "-p", "unit=区司法局", "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["query", "unit-programmes", "--endpoint", server, "-p", "unit=区司法局", "--show-query"]) == 0
    assert 'WHERE { VALUES (?unit) { ("区司法局"^^<http://www.w3.org/2001/XMLSchema#string>) }' in capsys.readouterr().out


@pytest.mark.server
def test_server_errors(server):
    with pytest.raises(StoreError, match=r"no SPARQL service here \(HTTP 404\)"):
        run("reports", SparqlEndpoint(server.replace("/query", "/nothing")))
    slow = from_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"stopped after 0.5 s \(--timeout\)"):
        run(slow, SparqlEndpoint(server), timeout=0.5)
    assert time.monotonic() - start < 3


@pytest.mark.server
def test_a_bare_server_address_is_its_query_endpoint(server, capsys):
    bare = server.removesuffix("/query")
    assert SparqlEndpoint(bare).url == server
    assert main(["query", "reports", "--endpoint", bare, "-f", "csv"]) == 0
    via_bare = capsys.readouterr().out
    assert main(["query", "reports", "--endpoint", server, "-f", "csv"]) == 0
    assert capsys.readouterr().out == via_bare and via_bare.count("\n") > 1


@pytest.mark.server
def test_a_default_graph_without_the_reports_gets_one_warning(plain_default_graph_server, server, capsys):
    assert main(["query", "reports", "--endpoint", plain_default_graph_server, "-f", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 1                       # the header, no rows
    assert captured.err.count("warning") == 1 and "--union-default-graph" in captured.err
    # a query that matches nothing on a union server is not warned about
    assert main(["query", "unit-programmes", "--endpoint", server, "-p", "unit=没有这个单位", "-f", "csv"]) == 0
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- a stub server for HTTP cases

class Stub(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list] = []
    reply: ClassVar[tuple] = (200, "application/sparql-results+json", b'{"head":{}, "boolean": true}', {})

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        Stub.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                              "body": body})
        status, ctype, payload, extra = Stub.reply
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def stub():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Stub.requests = []
    Stub.reply = (200, "application/sparql-results+json",
                  b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1"}}]}}', {})
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_queries_to_loopback_never_go_through_a_proxy(stub, monkeypatch):
    # the same client as kg push (kg.http_client): a proxy from the environment would refuse, were it used
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("no_proxy", "")
    result = run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub))
    assert [row[0].value for row in result.rows] == ["1"]
    assert Stub.requests, "the stub server was not reached"


def test_post_is_a_form_with_the_results_json_accept_header(stub):
    result = run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub), {"x": "值"})
    assert [row[0].value for row in result.rows] == ["1"]
    request = Stub.requests[0]
    assert request["method"] == "POST"
    assert request["headers"]["Accept"] == "application/sparql-results+json"
    assert request["headers"]["Content-Type"].startswith("application/x-www-form-urlencoded")
    query = urllib.parse.parse_qs(request["body"])["query"][0]
    assert 'VALUES (?x) { ("值"^^<http://www.w3.org/2001/XMLSchema#string>) }' in query
    assert "Authorization" not in request["headers"]


def test_get_puts_the_query_in_the_url(stub):
    run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub, method="get"))
    request = Stub.requests[0]
    assert request["method"] == "GET" and request["path"].startswith("/sparql?query=SELECT")


def test_credentials_are_sent_never_shown(stub, monkeypatch, capsys):
    monkeypatch.setenv("GOVKG_USER", "analyst")
    monkeypatch.setenv("GOVKG_PASSWORD", "s3cret-pw")
    assert main(["query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub]) == 0
    assert Stub.requests[-1]["headers"]["Authorization"].startswith("Basic ")
    assert main(["query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub, "--token", "tok-123"]) == 0
    assert Stub.requests[-1]["headers"]["Authorization"] == "Bearer tok-123"
    Stub.reply = (401, "text/plain", b"who are you", {})
    assert main(["query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub, "--token", "tok-123"]) == 1
    err = capsys.readouterr().err
    assert "refused access (HTTP 401)" in err and "GOVKG_TOKEN" in err
    assert "tok-123" not in err and "s3cret-pw" not in err and "analyst" not in err
    assert repr(Credentials("u", "pw", "tk")).count("pw") == 0


def test_server_messages_become_one_line(stub):
    Stub.reply = (400, "text/plain", b"error at 1:5: bad things\nmore detail", {})
    with pytest.raises(QueryError, match=r"--sparql: .* rejected the query \(HTTP 400\): error at 1:5: bad things$"):
        run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub))
    Stub.reply = (500, "text/plain", b"boom", {})
    with pytest.raises(StoreError, match=r"failed \(HTTP 500\): boom"):
        run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub))
    Stub.reply = (200, "text/html", b"<html>login</html>", {})
    with pytest.raises(StoreError, match=r"answered with text/html, not SPARQL results JSON"):
        run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub))
    Stub.reply = (302, "text/plain", b"", {"Location": "http://elsewhere.example/sparql?token=abc"})
    with pytest.raises(StoreError, match=r"redirects to http://elsewhere.example/sparql \(HTTP 302\)") as caught:
        run(from_text("SELECT ?x WHERE { ?x ?p ?o }"), SparqlEndpoint(stub))
    assert "abc" not in str(caught.value)


def test_json_results_keep_types(stub):
    data = {"head": {"vars": ["a", "b", "c"]}, "results": {"bindings": [
        {"a": {"type": "uri", "value": "urn:x"}, "b": {"type": "literal", "value": "区", "xml:lang": "zh"},
         "c": {"type": "literal", "value": "43.0", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}]}}
    Stub.reply = (200, "application/sparql-results+json", json.dumps(data).encode(), {})
    row = run(from_text("SELECT ?a ?b ?c WHERE { ?a ?b ?c }"), SparqlEndpoint(stub)).rows[0]
    assert row[0].kind == "uri" and row[1].lang == "zh" and row[2].value == "43"
