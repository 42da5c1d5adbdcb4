"""A real Virtuoso server (Debian's ``virtuoso-opensource``) on 127.0.0.1 for tests.

Import the fixture into a test module (``from virtuoso_server import virtuoso_server``)
and mark the tests ``@pytest.mark.server``. Each server gets free SQL and HTTP
ports, its own database folder and ``virtuoso.ini`` in a temporary folder, and
is stopped when the module's tests are done, even when they fail. Tests are
skipped with a reason when ``virtuoso-t`` or ``isql-vt`` is not installed
(``apt-get install virtuoso-opensource``; scripts/test.sh does that as root).

Loading goes through the Graph Store Protocol at ``/sparql-graph-crud``, which
Virtuoso serves as its unauthenticated ``SPARQL`` user; a fresh database lets
that user read only, so :func:`start_server` grants it ``SPARQL_UPDATE`` and
write permission on every graph over the SQL port (``isql-vt``). That is what
a private loopback test server can afford; a shared server would use
``/sparql-graph-crud-auth`` with a user of its own instead.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 60.0
DBA_PASSWORD = "dba"            # a new database's own default; the server listens on loopback only
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # loopback only, never a proxy

# Sizes for a test server: enough buffers for both corpora (~0.4 M quads), results
# not cut at Virtuoso's default of 10,000 rows, and no query cost estimate refusal. One
# thread per query made report-summary's wrong counts rarer when it still aggregated them
# (docs/store.md); it now reads counts written at build time.
INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 40000
MaxDirtyBuffers = 30000
CheckpointInterval = 0
ThreadsPerQuery = 1
DirsAllowed = {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""

GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")


def binaries() -> tuple[str, str] | None:
    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, client) if server and client else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class VirtuosoServer:
    url: str                  # http://127.0.0.1:PORT
    sql_port: int
    folder: Path
    process: subprocess.Popen

    @property
    def sparql_url(self) -> str:
        return self.url + "/sparql"

    def select(self, query: str, timeout: float = 60) -> list[dict[str, str]]:
        """Run a SELECT query; rows as {variable: value}."""
        request = urllib.request.Request(
            self.sparql_url, data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json",
                     "Content-Type": "application/x-www-form-urlencoded"})
        with _DIRECT.open(request, timeout=timeout) as response:
            data = json.load(response)
        return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]

    def graph_counts(self, prefix: str = "https://w3id.org/govkg/id/") -> dict[str, int]:
        """Triples per named graph whose IRI starts with ``prefix`` (Virtuoso keeps system graphs too)."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                           f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g')
        return {row["g"]: int(row["n"]) for row in rows}

    def sql(self, statements: str, timeout: float = 120) -> str:
        """Run SQL as dba over the SQL port; the output, or RuntimeError naming the failure."""
        client = shutil.which("isql-vt") or "isql-vt"
        done = subprocess.run([client, f"127.0.0.1:{self.sql_port}", "dba", DBA_PASSWORD, f"exec={statements}"],
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt failed: {(done.stdout + done.stderr).strip()[-500:]}")
        return done.stdout

    def clear(self) -> None:
        """Drop every report graph (those under https://w3id.org/govkg/)."""
        for graph in self.graph_counts("https://w3id.org/govkg/"):
            self.sql(f"SPARQL CLEAR GRAPH <{graph}>;")

    def load(self, path: Path) -> str:
        """Drop the report graphs, push the RDF file ``path`` with `kg push`; the SPARQL URL."""
        from kg.cli import main
        self.clear()
        assert main(["push", str(path), "--endpoint", self.sparql_url, "-q"]) == 0
        return self.sparql_url

    def log_tail(self) -> str:
        log = self.folder / "virtuoso.log"
        return log.read_text(errors="replace")[-800:] if log.exists() else ""


def _wait_until_up(server: VirtuosoServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {server.process.returncode}: {server.log_tail().strip()}")
        try:
            server.select("ASK { }", timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, OSError, ValueError):
            time.sleep(0.25)
    raise RuntimeError(f"virtuoso-t did not answer on {server.url} within {START_TIMEOUT:g} s: {server.log_tail()}")


def start_server(folder: Path) -> VirtuosoServer:
    found = binaries()
    if found is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; scripts/test.sh does it as root)")
    sql_port, http_port = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    # -f: stay in the foreground, so that the process we hold is the server itself
    process = subprocess.Popen([found[0], "-f", "-c", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    server = VirtuosoServer(f"http://127.0.0.1:{http_port}", sql_port, folder, process)
    try:
        _wait_until_up(server)
        server.sql(GRANTS)
    except BaseException:
        stop_server(server)
        raise
    return server


def stop_server(server: VirtuosoServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A running Virtuoso with an empty database of its own, for the tests of one module."""
    server = start_server(tmp_path_factory.mktemp("virtuoso-server"))
    try:
        yield server
    finally:
        stop_server(server)
