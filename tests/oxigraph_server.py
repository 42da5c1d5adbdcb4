"""A real Oxigraph server on 127.0.0.1 for tests, and a tiny SPARQL client that only talks to it.

Import the fixture into a test module (``from oxigraph_server import oxigraph_server``)
and mark the tests ``@pytest.mark.server``. The server runs on a free loopback
port with ``--union-default-graph``, its data in a temporary folder; it is
stopped when the module's tests are done, even when they fail. Tests are
skipped when the ``oxigraph`` binary (PyPI package ``oxigraph``) is missing.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 30.0
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # loopback only, never a proxy


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OxigraphServer:
    url: str                  # http://127.0.0.1:PORT
    process: subprocess.Popen

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT query; rows as {variable: value}."""
        request = urllib.request.Request(
            self.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json",
                     "Content-Type": "application/x-www-form-urlencoded"})
        with _DIRECT.open(request, timeout=10) as response:
            data = json.load(response)
        return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]

    def update(self, update: str) -> None:
        request = urllib.request.Request(self.update_url, data=update.encode(),
                                         headers={"Content-Type": "application/sparql-update"})
        with _DIRECT.open(request, timeout=10):
            pass

    def graph_counts(self) -> dict[str, int]:
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"]) for row in rows}


def _wait_until_up(server: OxigraphServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            err = server.process.stderr.read().decode(errors="replace") if server.process.stderr else ""
            raise RuntimeError(f"oxigraph serve exited with {server.process.returncode}: {err.strip()[:500]}")
        try:
            server.select("SELECT * WHERE { } LIMIT 1")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not answer on {server.url} within {START_TIMEOUT:g} s")


def start_server(location: Path) -> OxigraphServer:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}", process)
    try:
        _wait_until_up(server)
    except BaseException:
        stop_server(server)
        raise
    return server


def stop_server(server: OxigraphServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)
    if server.process.stderr:
        server.process.stderr.close()


@pytest.fixture(scope="module")
def oxigraph_server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = start_server(tmp_path_factory.mktemp("oxigraph-server"))
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def oxigraph_server(oxigraph_server_process: OxigraphServer) -> OxigraphServer:
    """A running Oxigraph server, emptied before each test."""
    oxigraph_server_process.update("DROP SILENT ALL")
    return oxigraph_server_process
