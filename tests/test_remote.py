"""Pushing report graphs to SPARQL servers: URLs, errors, credentials, and a real Oxigraph server."""
from __future__ import annotations

import base64
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.auth import Credentials
from kg.cli import main
from kg.errors import StoreError, UsageError
from kg.rdf_io import read_files
from kg.remote import graph_store_url, push, redact
from kg.store import replace_reports

try:
    import oxigraph_server as _server
except ImportError:  # pytest run with --import-mode=importlib
    from tests import oxigraph_server as _server

OxigraphServer = _server.OxigraphServer
oxigraph_server_process = _server.oxigraph_server_process      # fixtures, used by name
oxigraph_server = _server.oxigraph_server

FIXTURES = Path(__file__).parent / "fixtures" / "store"
TWO = FIXTURES / "two-reports.trig"
A_V2 = FIXTURES / "report-a-v2.trig"
A = "https://w3id.org/govkg/id/report/aaaa"
B = "https://w3id.org/govkg/id/report/bbbb"
SECRET = "s3cret-Pa55"
TOKEN = "tok-0123456789abcdef"


# ---------------------------------------------------------------- URLs

@pytest.mark.parametrize("endpoint, expected", [
    ("http://localhost:7878", "http://localhost:7878/store"),
    ("http://localhost:7878/", "http://localhost:7878/store"),
    ("http://localhost:7878/query", "http://localhost:7878/store"),
    ("https://kg.example.org/update", "https://kg.example.org/store"),
    ("http://localhost:3030/govkg/sparql", "http://localhost:3030/govkg/data"),
    ("http://localhost:3030/govkg/query", "http://localhost:3030/govkg/data"),
    ("http://localhost:3030/govkg", "http://localhost:3030/govkg/data"),
    ("http://localhost:7200/repositories/govkg", "http://localhost:7200/repositories/govkg/rdf-graphs/service"),
    ("http://h:8080/rdf4j-server/repositories/r1/statements",
     "http://h:8080/rdf4j-server/repositories/r1/rdf-graphs/service"),
    ("http://localhost:8890/sparql", "http://localhost:8890/sparql-graph-crud"),
])
def test_graph_store_url_of_known_servers(endpoint: str, expected: str) -> None:
    assert graph_store_url(endpoint) == expected


@pytest.mark.parametrize("endpoint, message", [
    ("http://h/a/b/c", "--graph-store URL"),
    ("ftp://h/sparql", "http:// or https://"),
    ("localhost:7878", "http:// or https://"),
    (f"http://admin:{SECRET}@h:7878/", "no credentials in the URL"),
])
def test_graph_store_url_refuses(endpoint: str, message: str) -> None:
    with pytest.raises(UsageError, match=message) as err:
        graph_store_url(endpoint)
    assert SECRET not in str(err.value)


def test_redact() -> None:
    assert redact(f"http://admin:{SECRET}@h:7878/x?y=1") == "http://h:7878/x?y=1"
    assert redact("http://h/x") == "http://h/x"


# ---------------------------------------------------------------- a stub server that records requests

class Stub:
    def __init__(self, status: int, body: bytes = b"", delay: float = 0.0) -> None:
        self.status, self.body, self.delay = status, body, delay
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                stub.requests.append(("PUT", self.path, dict(self.headers)))
                time.sleep(stub.delay)
                body = stub.body.replace(b"{auth}", (self.headers.get("Authorization") or "").encode())
                self.send_response(stub.status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def two():  # type: ignore[no-untyped-def]
    return read_files([TWO])


@pytest.fixture(autouse=True)
def no_env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GOVKG_USER", "GOVKG_PASSWORD", "GOVKG_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def test_puts_each_report_graph_as_ntriples(two) -> None:  # type: ignore[no-untyped-def]
    with Stub(201) as stub:
        stats = push(two, stub.url)
    assert [(m, p) for m, p, _ in stub.requests] == [
        ("PUT", "/store?graph=https%3A%2F%2Fw3id.org%2Fgovkg%2Fid%2Freport%2Faaaa"),
        ("PUT", "/store?graph=https%3A%2F%2Fw3id.org%2Fgovkg%2Fid%2Freport%2Fbbbb"),
    ]
    assert all(h["Content-Type"] == "application/n-triples" for _, _, h in stub.requests)
    assert all("Authorization" not in h for _, _, h in stub.requests)
    assert (stats.triples, [g.status for g in stats.graphs]) == (105, [201, 201])


def test_credentials_go_in_the_header_only(two, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    with Stub(204) as stub:
        push(two, stub.url, credentials=Credentials("admin", SECRET))
        push(two, stub.url, credentials=Credentials(token=TOKEN))
    basic = "Basic " + base64.b64encode(f"admin:{SECRET}".encode()).decode()
    assert [h["Authorization"] for _, _, h in stub.requests] == [basic, basic, f"Bearer {TOKEN}", f"Bearer {TOKEN}"]
    assert all(SECRET not in p and TOKEN not in p for _, p, _ in stub.requests)


def test_401_names_the_url_and_says_what_to_set(two) -> None:  # type: ignore[no-untyped-def]
    with Stub(401, b"Unauthorized") as stub, pytest.raises(StoreError) as err:
        push(two, stub.url)
    message = str(err.value)
    assert f"{stub.url}/store" in message and "HTTP 401" in message
    assert "GOVKG_USER" in message and "GOVKG_TOKEN" in message


def test_refused_credentials_never_appear_even_when_the_server_echoes_them(
        two, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVKG_USER", "admin")
    monkeypatch.setenv("GOVKG_PASSWORD", SECRET)
    with Stub(403, b"denied for {auth} (password " + SECRET.encode() + b")") as stub:
        code = main(["push", str(TWO), "--endpoint", stub.url])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{stub.url}/store" in err and "refused the credentials" in err and "HTTP 403" in err
    encoded = base64.b64encode(f"admin:{SECRET}".encode()).decode()
    assert SECRET not in out + err and encoded not in out + err
    assert stub.requests and stub.requests[0][2]["Authorization"] == f"Basic {encoded}"


def test_token_from_the_environment(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GOVKG_TOKEN", TOKEN)
    with Stub(401, b"bad token {auth}") as stub:
        assert main(["push", str(TWO), "--endpoint", stub.url, "-q"]) == 1
    out, err = capsys.readouterr()
    assert stub.requests[0][2]["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in out + err and "refused the credentials" in err


def test_404_says_the_dataset_may_not_exist(two) -> None:  # type: ignore[no-untyped-def]
    with Stub(404) as stub, pytest.raises(StoreError, match="HTTP 404.*repository may not exist") as err:
        push(two, stub.url + "/missing/sparql")
    assert f"{stub.url}/missing/data" in str(err.value)


def test_timeout_names_the_url(two) -> None:  # type: ignore[no-untyped-def]
    with Stub(204, delay=1.5) as stub, pytest.raises(StoreError, match="no answer within 0.3 s") as err:
        push(two, stub.url, timeout=0.3)
    assert stub.url in str(err.value)


def test_connection_refused_names_the_url(two) -> None:  # type: ignore[no-untyped-def]
    with Stub(204) as stub:
        url = stub.url
    with pytest.raises(StoreError, match="connection refused") as err:
        push(two, url)
    assert url in str(err.value)


def test_loopback_never_goes_through_a_proxy(two, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")       # would refuse, were it used
    monkeypatch.setenv("no_proxy", "")
    with Stub(201) as stub:
        assert push(two, stub.url).triples == 105


def test_push_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", "--endpoint", "http://localhost:7878"]) == 2
    assert "give FILE... or --store DIR" in capsys.readouterr().err
    assert main(["push", str(TWO), "--endpoint", "http://localhost:7878", "--timeout", "0"]) == 2


# ---------------------------------------------------------------- a real Oxigraph server

@pytest.mark.server
def test_push_twice_changes_nothing(oxigraph_server: OxigraphServer, two) -> None:  # type: ignore[no-untyped-def]
    first = push(two, oxigraph_server.url)
    counts = oxigraph_server.graph_counts()
    assert counts == {A: 45, B: 60}
    second = push(two, oxigraph_server.url + "/query")
    assert oxigraph_server.graph_counts() == counts
    assert [g.status for g in first.graphs] == [201, 201] and {g.status for g in second.graphs} <= {200, 204}


@pytest.mark.server
def test_push_replaces_one_report_and_leaves_the_other(oxigraph_server: OxigraphServer, two) -> None:  # type: ignore[no-untyped-def]
    push(two, oxigraph_server.url)
    push(read_files([A_V2]), oxigraph_server.url)
    assert oxigraph_server.graph_counts() == {A: 42, B: 60}
    rows = oxigraph_server.select(
        f"SELECT ?d WHERE {{ GRAPH <{A}> {{ <https://w3id.org/govkg/id/plan/l1> "
        "<https://w3id.org/govkg/ont#description> ?d } }")
    assert rows == [{"d": '明年将深化"法治医院"建设,\\不断\\完善机制。\n(第二行)'}]


@pytest.mark.server
def test_push_a_store_from_the_command_line(oxigraph_server: OxigraphServer, two, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            capsys: pytest.CaptureFixture[str]) -> None:
    replace_reports(tmp_path / "store", two)
    assert main(["push", "--store", str(tmp_path / "store"), "--endpoint", oxigraph_server.url]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("pushed 2 report graph(s), 105 triples, to " + oxigraph_server.url + "/store")
    assert f"[1/2] {A}: 45 triples, HTTP 201" in err
    assert oxigraph_server.graph_counts() == {A: 45, B: 60}
    # the union default graph answers plain queries over every report
    rows = oxigraph_server.select("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://w3id.org/govkg/ont#Report> }")
    assert rows == [{"n": "2"}]


@pytest.mark.server
def test_a_wrong_graph_store_url_on_a_real_server(oxigraph_server: OxigraphServer, two) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="HTTP 404") as err:
        push(two, oxigraph_server.url, graph_store_url=oxigraph_server.url + "/nowhere")
    assert oxigraph_server.url + "/nowhere" in str(err.value)
    assert oxigraph_server.graph_counts() == {}


def test_redact_without_query_drops_what_may_hold_a_token() -> None:
    assert redact(f"http://admin:{SECRET}@h:7878/x?key={SECRET}#f", query=False) == "http://h:7878/x"
    assert redact(f"https://h/sparql?key={SECRET}", query=False) == "https://h/sparql"
