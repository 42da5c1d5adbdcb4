"""Push and query against a second real server: Virtuoso (Debian's virtuoso-opensource).

Report graphs go up with ``kg push`` (Graph Store Protocol, ``/sparql-graph-crud``);
every named query must then give the same rows through ``kg query --endpoint``
as on the embedded store, first on the small fixture, then on both shared corpora.
The one difference left is Virtuoso's: it has no boolean type, so a boolean
result comes back as the integer 1 or 0 (see :func:`comparable`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.query import GraphFiles, OxigraphStore, SparqlEndpoint, from_text, list_queries, run
from kg.query.text import XSD, Term

try:
    import virtuoso_server as _server
    from query_params import REQUIRED
except ImportError:  # pytest run with --import-mode=importlib
    from tests import virtuoso_server as _server
    from tests.query_params import REQUIRED

VirtuosoServer = _server.VirtuosoServer
virtuoso_server = _server.virtuoso_server       # the fixture, used by name

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
NAMES = [q.name for q in list_queries()]

# The parameters the Oxigraph-server tests use too (tests/test_query_endpoint.py), in Chinese and as IRIs.
WITH_PARAMS = [
    ("programme-units", {"unit": "区司法局"}), ("programme-units", {"programme": "法治"}),
    ("programme-reports", {"programme": "id:programme/c000000000000001"}), ("report-metrics", {"report": "西城区"}),
    ("plans-problems", {"report": "东城区"}), ("shortcomings", {"report": "西城区"}),
    ("documents-cited", {"document": "纲要", "action": "根据"}), ("provenance", {"target": "区司法局"}),
    ("top-units", {"kind": "department"}), ("organisations-by-kind", {"kind": "department"}),
    ("reports", {"year": "2023", "place": "东城"}), ("indicator-series", {"indicator": "应诉"}),
    ("label-search", {"text": "医院"}), ("provenance", {"target": "id:resp/4a00000000000001"}),
    ("provenance", {"target": "id:programme/c000000000000001"}), ("indicators", {"minReports": "2"}),
]


# Virtuoso 7.2 reads a GROUP_CONCAT separator as narrow text: a non-ASCII one ("、") comes back
# as "?". These columns are joined with "、"; everything else in them must match.
NARROW_SEPARATOR = {"indicators": "units", "reports": "publishers"}
# GROUP_CONCAT joins in no order the standard fixes (SPARQL 1.1, 18.5.1.7): these ", "-joined
# lists are compared as sets of their parts.
UNORDERED_LISTS = {"top-units": "roles"}


def comparable(term: Term | None, narrow: bool = False, unordered: bool = False) -> str:
    """A result term as text to compare; a boolean as Virtuoso writes it (1 or 0, an integer)."""
    if term is None:
        return "-"
    if unordered:
        term = term._replace(value=", ".join(sorted(term.value.split(", "))))
    if term.kind == "literal" and term.datatype == XSD + "boolean":
        term = Term("literal", "1" if term.value in ("true", "1") else "0", XSD + "integer")
    if narrow:
        term = term._replace(value=term.value.replace("、", "?"))
    return repr(term)


def rows(result, narrow: str | None = None, unordered: str | None = None) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    at = result.variables.index(narrow) if narrow in result.variables else -1
    listed = result.variables.index(unordered) if unordered in result.variables else -1
    return sorted(tuple(comparable(t, i == at, i == listed) for i, t in enumerate(row)) for row in result.rows)


def assert_same(local, remote, what: str) -> None:  # type: ignore[no-untyped-def]
    assert remote.variables == local.variables, what
    narrow, unordered = NARROW_SEPARATOR.get(what.split()[0]), UNORDERED_LISTS.get(what.split()[0])
    mine, theirs = rows(local, narrow, unordered), rows(remote, narrow, unordered)
    missing, extra = [r for r in mine if r not in theirs], [r for r in theirs if r not in mine]
    assert mine == theirs, f"{what}: {len(mine)} rows here, {len(theirs)} on Virtuoso; " \
                           f"only here: {missing[:2]}; only there: {extra[:2]}"


def report_graphs(server: VirtuosoServer) -> dict[str, int]:
    return server.graph_counts("https://w3id.org/govkg/id/report/")


def graph_sizes(source) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Triples per named graph of a local source, without the embedded store's build digest (not pushed)."""
    result = run(from_text("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o "
                           "FILTER(?p != <https://w3id.org/govkg/ont#buildDigest>) } } GROUP BY ?g"), source)
    return {row[0].value: int(row[1].value) for row in result.rows}


# ---------------------------------------------------------------- the small fixture

@pytest.fixture(scope="module")
def fixture_on_virtuoso(virtuoso_server: VirtuosoServer) -> str:
    return virtuoso_server.load(FIXTURE)


@pytest.mark.server
def test_push_creates_one_graph_per_report_and_pushing_again_changes_nothing(
        fixture_on_virtuoso: str, virtuoso_server: VirtuosoServer) -> None:
    counts = report_graphs(virtuoso_server)
    assert counts == graph_sizes(GraphFiles([FIXTURE])) and len(counts) == 2
    assert main(["push", str(FIXTURE), "--endpoint", fixture_on_virtuoso, "-q"]) == 0
    assert report_graphs(virtuoso_server) == counts


@pytest.mark.server
@pytest.mark.parametrize("name", NAMES)
def test_every_query_gives_the_same_rows_on_virtuoso(fixture_on_virtuoso: str, name: str) -> None:
    params = REQUIRED.get(name, {})
    local = run(name, GraphFiles([FIXTURE]), params)
    assert local.rows, f"{name} returns nothing on the fixture"
    assert_same(local, run(name, SparqlEndpoint(fixture_on_virtuoso), params), name)


@pytest.mark.server
@pytest.mark.parametrize("name,params", WITH_PARAMS)
def test_parameters_give_the_same_rows_on_virtuoso(fixture_on_virtuoso: str, name: str,
                                                   params: dict[str, str]) -> None:
    local = run(name, GraphFiles([FIXTURE]), params)
    assert local.rows, (name, params)
    assert_same(local, run(name, SparqlEndpoint(fixture_on_virtuoso), params), f"{name} {params}")


@pytest.mark.server
def test_kg_query_endpoint_prints_virtuoso_rows(fixture_on_virtuoso: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "unit-programmes", "--endpoint", fixture_on_virtuoso,
                 "-p", "unit=区司法局", "-f", "json"]) == 0
    remote = json.loads(capsys.readouterr().out)
    assert main(["query", "unit-programmes", "--graph", str(FIXTURE), "-p", "unit=区司法局", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == remote and remote


# ---------------------------------------------------------------- both shared corpora

@pytest.mark.server
def test_both_corpora_give_the_same_rows_on_virtuoso(shared_dir: Path, virtuoso_server: VirtuosoServer,
                                                     tmp_path: Path) -> None:
    corpora = sorted((shared_dir / "corpus").glob("*.jsonl"))
    store = tmp_path / "store"
    assert main(["build", *map(str, corpora), "--store", str(store), "--jobs", "2", "-q"]) in (0, 1)
    virtuoso_server.clear()
    assert main(["push", "--store", str(store), "--endpoint", virtuoso_server.sparql_url, "-q"]) == 0
    embedded = OxigraphStore(store)
    assert report_graphs(virtuoso_server) == graph_sizes(embedded)
    endpoint = SparqlEndpoint(virtuoso_server.sparql_url)
    differences = []
    for name, params in [(name, REQUIRED.get(name, {})) for name in NAMES] + WITH_PARAMS:
        local = run(name, embedded, params)
        try:
            assert_same(local, run(name, endpoint, params, timeout=300), f"{name} {params}")
        except AssertionError as err:
            differences.append(str(err).splitlines()[0][:600])
    assert not differences, "\n".join(differences)
