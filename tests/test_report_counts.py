"""The counts kg build writes on each report node (gov:organisationCount … gov:planCount) are those a
DISTINCT count over the report's things gives, and report-summary reads them."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from test_rdf import REPORT_A, REPORT_B

from kg.cli import main
from kg.pipeline import build_dataset
from kg.query import OxigraphStore, run

FIXTURES = Path(__file__).parent / "fixtures" / "query"
KINDS = ("organisation", "programme", "document", "observation", "problem", "plan")
PREFIX = "PREFIX gov: <https://w3id.org/govkg/ont#>\n"

# The definition report-summary counted by before the counts were written: the distinct things
# gov:mentionedIn a report, typed anywhere in the store; organisations are the things with a gov:orgKind.
COUNTED = PREFIX + """
SELECT ?report ?kind (COUNT(DISTINCT ?thing) AS ?n) WHERE {
  ?thing gov:mentionedIn ?report .
  { VALUES (?class ?kind) { (gov:Programme "programme") (gov:Document "document")
      (gov:Observation "observation") (gov:Problem "problem") (gov:Plan "plan") }
    ?thing a ?class }
  UNION { ?thing gov:orgKind ?orgKind BIND("organisation" AS ?kind) }
} GROUP BY ?report ?kind
"""
WRITTEN = PREFIX + """
SELECT ?report ?kind ?n WHERE {
  VALUES (?property ?kind) { (gov:organisationCount "organisation") (gov:programmeCount "programme")
      (gov:documentCount "document") (gov:observationCount "observation") (gov:problemCount "problem")
      (gov:planCount "plan") }
  GRAPH ?report { ?report ?property ?n }
}
"""
REPORTS = PREFIX + "SELECT DISTINCT ?report WHERE { ?report a gov:Report }"


def counts(store: ox.Store, query: str) -> dict[tuple[str, str], int]:
    """(report IRI, kind) → count, every kind of every report (0 where a query gives none)."""
    found = {(row["report"].value, row["kind"].value): int(row["n"].value)  # type: ignore[index]
             for row in store.query(query, use_default_graph_as_union=True)}  # type: ignore[union-attr]
    reports = [row["report"].value for row in store.query(REPORTS, use_default_graph_as_union=True)]  # type: ignore
    return {(r, k): found.get((r, k), 0) for r in reports for k in KINDS}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    d = tmp_path_factory.mktemp("counts")
    a, b = d / "a.txt", d / "b.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_B, encoding="utf-8")   # shares the programme 法律进乡村 with A
    return [a, b]


def test_the_written_counts_are_a_distinct_count_of_the_reports_things(files: list[Path]) -> None:
    store = build_dataset(files).store
    written = counts(store, WRITTEN)
    assert written == counts(store, COUNTED)
    assert len(list(store.query(WRITTEN))) == 2 * len(KINDS)     # all six on each report, zeros too
    a = {k: n for (r, k), n in written.items() if n and k in ("problem", "plan")}
    assert a == {"problem": 2, "plan": 2}                         # only report A has problems and plans
    (shared,) = store.query(PREFIX + 'SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?p a gov:Programme ; '
                            'gov:mentionedIn ?r ; <http://www.w3.org/2000/01/rdf-schema#label> "法律进乡村"@zh }',
                            use_default_graph_as_union=True)  # type: ignore[misc]
    assert int(shared["n"].value) == 2                            # counted once in each report that names it


@pytest.mark.parametrize("fixture", ["two-reports.trig", "target-result.trig"])
def test_the_hand_written_fixtures_count_as_a_build_would(fixture: str) -> None:
    store = ox.Store()
    store.load(path=str(FIXTURES / fixture), format=ox.RdfFormat.TRIG)
    assert counts(store, WRITTEN) == counts(store, COUNTED)


def test_report_summary_gives_a_built_stores_counts(files: list[Path], tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert main(["build", *map(str, files), "--store", str(path), "-q"]) == 0
    source = OxigraphStore(path)
    expected = counts(source.open(), COUNTED)
    result = run("report-summary", source)
    columns = [result.variables.index(c) for c in ("organisations", "programmes", "documents", "observations",
                                                   "problems", "plans")]
    iri = result.variables.index("reportIri")
    got = {(row[iri].value, kind): int(row[i].value) for row in result.rows for kind, i in zip(KINDS, columns)}
    assert got == expected and len(result.rows) == 2
    assert sum(n for (_, kind), n in got.items() if kind == "observation") > 0
    (one,) = run("report-summary", source, {"report": "云岭县"}).rows
    assert [int(one[i].value) for i in columns] == [expected[(one[iri].value, kind)] for kind in KINDS]
    assert expected[(one[iri].value, "programme")] == 1 and expected[(one[iri].value, "plan")] == 0
