"""Hostile queries, servers and arguments for 'kg query' (issue 16): one line, a deadline, nothing fetched.

The slow, silent and endless servers are small stubs started here on
127.0.0.1; every command that once ran away runs in a subprocess with a
time limit, so the test fails instead of hanging.
"""
from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

import kg.query.timeout
from kg.cli import main

KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"  # 30^5 rows


def one_line(err: str) -> str:
    assert "Traceback" not in err, err
    found = [line for line in err.splitlines() if line.strip()]
    assert len(found) == 1, err
    return found[0]


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    """A small graph of two named graphs, written by hand."""
    path = tmp_path_factory.mktemp("graph") / "g.trig"
    rows = [f'<http://ex.org/s{i}> <http://ex.org/p> "值{i}" <http://ex.org/g{i % 2}> .' for i in range(30)]
    path.with_suffix(".nq").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path.with_suffix(".nq")


# ---------------------------------------------------------------- FROM never fetches

class Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Recorder.requests.append(self.path)
        body = b'<http://ex.org/leak> <http://ex.org/p> "FETCHED" .\n'
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_from_and_from_named_never_read_outside_the_graph(graph, tmp_path, recorder, capsys, engine):
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://ex.org/x> <http://ex.org/p> "SECRET" .\n', encoding="utf-8")
    for clause in (f"FROM <{secret.as_uri()}>", f"FROM NAMED <{secret.as_uri()}>",
                   f"FROM <{recorder}/data.ttl>", f"FROM NAMED <{recorder}/data.ttl>"):
        text = f"SELECT ?o {clause} WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        assert main(["query", "--sparql", text, "--graph", str(graph), "--engine", engine, "-f", "csv"]) == 0
        out = capsys.readouterr().out
        assert "SECRET" not in out and "FETCHED" not in out and out.splitlines() == ["o"]
    assert Recorder.requests == []


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_from_names_a_graph_of_the_data_the_same_way_on_every_engine(graph, capsys, engine):
    def count(text: str) -> str:
        assert main(["query", "--sparql", text, "--graph", str(graph), "--engine", engine, "-f", "csv"]) == 0
        return capsys.readouterr().out.splitlines()[1]

    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == "30"
    assert count("SELECT (COUNT(*) AS ?n) FROM <http://ex.org/g1> WHERE { ?s ?p ?o }") == "15"
    assert count("SELECT (COUNT(*) AS ?n) FROM NAMED <http://ex.org/g0> WHERE { GRAPH ?g { ?s ?p ?o } }") == "15"
    assert count("SELECT (COUNT(*) AS ?n) FROM NAMED <http://ex.org/g0> WHERE { ?s ?p ?o }") == "0"


# ---------------------------------------------------------------- deadlines and streaming

def test_every_query_has_a_default_deadline(graph, capsys, monkeypatch):
    monkeypatch.setattr(kg.query.timeout, "DEFAULT_TIMEOUT", 1.0)
    started = time.monotonic()
    assert main(["query", "--sparql", CROSS_JOIN + " ORDER BY ?a", "--graph", str(graph), "-f", "csv"]) == 1
    assert time.monotonic() - started < 30
    assert "stopped after 1 s (--timeout)" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_results_stream_to_stdout_before_the_query_ends(graph, tmp_path, fmt):
    out = tmp_path / "out"
    with out.open("w") as stdout:
        done = subprocess.run(check=False, args=[*KG, "query", "--sparql", CROSS_JOIN, "--graph", str(graph), "-f", fmt,
                               "--timeout", "4"], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1 and "stopped after 4 s" in one_line(done.stderr)
    assert out.stat().st_size > 100_000          # rows were written while the query ran
    assert out.stat().st_size < 2_000_000_000


class Stub(http.server.BaseHTTPRequestHandler):
    """Serves what ``mode`` says: silence, a trickle, or a huge SPARQL JSON answer."""

    mode = "silent"
    sent = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if Stub.mode == "silent":
            time.sleep(60)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        try:
            if Stub.mode == "trickle":
                for byte in b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}' * 100:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            self._huge()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _huge(self) -> None:
        self.wfile.write(b'{"head": {"vars": ["x"]}, "results": {"bindings": [')
        row = json.dumps({"x": {"type": "literal", "value": "值" * 200}}).encode()
        batch = b",".join([row] * 200)
        Stub.sent = 0
        for i in range(20 * 1024 * 1024 // len(batch) + 1):    # about 20 MB in all
            self.wfile.write((b"," if i else b"") + batch)
            Stub.sent += len(batch)
        self.wfile.write(b"]}}")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


@pytest.mark.parametrize("mode", ["silent", "trickle"])
def test_an_endpoint_that_never_finishes_answering_is_stopped_at_the_deadline(stub, mode):
    Stub.mode = mode
    started = time.monotonic()
    done = subprocess.run(check=False, args=[*KG, "query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub,
                           "--timeout", "2"], capture_output=True, text=True, timeout=50)
    assert time.monotonic() - started < 20
    assert done.returncode == 1 and "stopped after 2 s (--timeout)" in one_line(done.stderr)


def test_an_endpoint_that_never_answers_is_stopped_by_the_default_deadline(stub, capsys, monkeypatch):
    monkeypatch.setattr(kg.query.timeout, "DEFAULT_TIMEOUT", 1.0)
    Stub.mode = "silent"
    started = time.monotonic()
    assert main(["query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub]) == 1
    assert time.monotonic() - started < 20
    assert "stopped after 1 s (--timeout)" in one_line(capsys.readouterr().err)


def test_limit_reads_a_few_rows_of_a_huge_answer_and_hangs_up(stub, capsys):
    Stub.mode = "huge"
    assert main(["query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub, "--limit", "5",
                 "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 6
    time.sleep(1)
    assert Stub.sent < 5 * 1024 * 1024          # the server was cut off long before its 20 MB


def test_an_answer_beyond_the_size_cap_is_refused(stub, capsys):
    Stub.mode = "huge"
    assert main(["query", "--sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", stub,
                 "--max-response-mb", "1", "-f", "csv"]) == 1
    assert "more than 1 MB" in one_line(capsys.readouterr().err)


# ---------------------------------------------------------------- odd arguments

@pytest.mark.parametrize("args", [
    ["label-search", "--param", "text=" + os.fsdecode(b"\xff\xfe")],
    ["--sparql", "SELECT * WHERE { ?s ?p \"" + os.fsdecode(b"\xff") + "\" }"],
    ["reports", "--timeout", "nan"],
    ["reports", "--timeout", "inf"],
    ["reports", "--timeout", "-1"],
])
def test_odd_arguments_give_one_line_and_exit_2(graph, capsys, args):
    assert main(["query", *args, "--graph", str(graph)]) == 2
    assert one_line(capsys.readouterr().err).startswith("kg query: ")


def test_the_raw_bytes_from_a_shell_give_one_line(graph):
    done = subprocess.run(check=False, args=[os.fsencode(a) for a in [*KG, "query", "label-search", "--graph", str(graph)]]
                          + [b"--param", b"text=\xff\xfe"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not valid UTF-8" in one_line(done.stderr)


def test_a_closed_stdout_gives_one_line(graph):
    done = subprocess.run(check=False, args=[*KG, "query", "reports", "--graph", str(graph)], capture_output=False,
                          stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2 and "standard output is closed" in one_line(done.stderr)


def test_a_reader_that_goes_away_ends_the_query_quietly(graph):
    command = [*KG, "query", "--sparql", CROSS_JOIN, "--graph", str(graph), "-f", "csv", "--timeout", "30"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stdout.read(1000)
        child.stdout.close()
        assert child.wait(timeout=60) == 0
        assert child.stderr is not None and b"Traceback" not in child.stderr.read()


def test_a_free_port_that_answers_nothing_is_one_line():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run(check=False, args=[*KG, "query", "--sparql", "ASK { ?s ?p ?o }", "--endpoint",
                           f"http://127.0.0.1:{port}/sparql"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "cannot reach" in one_line(done.stderr)


def test_push_stops_a_server_that_trickles_its_answer_at_the_deadline(tmp_path):
    from kg.errors import StoreError
    from kg.rdf_io import read_files
    from kg.remote import push

    graph = tmp_path / "r.trig"
    graph.write_text('<http://ex.org/r> { <http://ex.org/r> <http://ex.org/p> "值" . }\n', encoding="utf-8")
    listener = socket.create_server(("127.0.0.1", 0))

    def trickle() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            try:
                for byte in b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"x" * 200:
                    connection.sendall(bytes([byte]))
                    time.sleep(0.1)
            except OSError:
                pass

    threading.Thread(target=trickle, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(StoreError, match="no answer within 1 s"):
        push(read_files([graph]), f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=1)
    assert time.monotonic() - started < 5
    listener.close()
