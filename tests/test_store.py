"""The embedded Oxigraph store: replace, remove, list, read and export report graphs."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.cli import main
from kg.errors import StoreError, UsageError
from kg.namespaces import DCTERMS, GOV, ID, RDF, RDFS
from kg.rdf_io import export_dataset, read_files
from kg.store import export_store, list_reports, read_dataset, remove_reports, replace_reports, report_graphs

FIXTURES = Path(__file__).parent / "fixtures" / "store"
TWO = FIXTURES / "two-reports.trig"
A_V2 = FIXTURES / "report-a-v2.trig"
ONE_TTL = FIXTURES / "one-report.ttl"
A, B = ID["report/aaaa"], ID["report/bbbb"]
P1 = ID["programme/p1"]
HOLD_STORE = "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); time.sleep(60)"
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


@pytest.fixture
def two() -> Dataset:
    return read_files([TWO])


@pytest.fixture
def store(tmp_path: Path, two: Dataset) -> Path:
    path = tmp_path / "store"
    replace_reports(path, two)
    return path


def graphs_of(ds: Dataset) -> dict[str, Graph]:
    return {str(name): graph for name, graph in report_graphs(ds)}


def same_graphs(left: Dataset, right: Dataset) -> None:
    a, b = graphs_of(left), graphs_of(right)
    assert sorted(a) == sorted(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


def counts(path: Path) -> dict[str, int]:
    return {r.iri: r.quads for r in list_reports(path)}


# ---------------------------------------------------------------- replace

def test_stores_one_named_graph_per_report(store: Path, two: Dataset) -> None:
    assert counts(store) == {str(A): len(two.graph(A)), str(B): len(two.graph(B))}
    same_graphs(read_dataset(store), two)


def test_storing_the_same_reports_again_changes_nothing(store: Path, two: Dataset) -> None:
    before = read_dataset(store)
    stats = replace_reports(store, two)
    assert [c.status for c in stats.reports] == ["unchanged", "unchanged"]
    assert stats.total_quads == len(two.graph(A)) + len(two.graph(B))
    stats = replace_reports(store, read_files([TWO]))        # parsed afresh: same content, new objects
    assert stats.total_quads == sum(counts(store).values()) == 105
    same_graphs(read_dataset(store), before)


def test_replacing_one_report_leaves_the_other_untouched(store: Path, two: Dataset) -> None:
    v2 = read_files([A_V2])
    stats = replace_reports(store, v2)
    (change,) = stats.reports
    assert (change.iri, change.status) == (str(A), "replaced")
    assert change.quads == len(v2.graph(A)) and change.added and change.removed
    now = read_dataset(store)
    assert isomorphic(now.graph(B), two.graph(B))
    assert isomorphic(now.graph(A), v2.graph(A))
    # a literal with quotes, backslashes and a newline went through SPARQL Update unharmed
    (description,) = now.graph(A).objects(ID["plan/l1"], GOV.description)
    assert str(description) == '明年将深化"法治医院"建设,\\不断\\完善机制。\n(第二行)'
    # and back again: the first version replaces the second
    replace_reports(store, two)
    same_graphs(read_dataset(store), two)


def test_a_turtle_file_of_one_report_becomes_that_reports_graph(tmp_path: Path) -> None:
    stats = replace_reports(tmp_path / "s", read_files([ONE_TTL]))
    assert [c.iri for c in stats.reports] == [str(ID["report/cccc"])]
    assert counts(tmp_path / "s") == {str(ID["report/cccc"]): 7}


def test_triples_of_several_reports_outside_named_graphs_are_refused(tmp_path: Path, two: Dataset) -> None:
    union = Graph()
    for s, p, o, _ in two.quads((None, None, None, None)):
        union.add((s, p, o))
    with pytest.raises(StoreError, match="outside any named graph.*2 gov:Report"):
        replace_reports(tmp_path / "s", union)
    assert not (tmp_path / "s").exists()


def test_blank_nodes_are_replaced_whole(tmp_path: Path) -> None:
    text = """@prefix gov: <https://w3id.org/govkg/ont#> . @prefix id: <https://w3id.org/govkg/id/> .
    id:report\\/x { id:report\\/x a gov:Report ; gov:qualifiedCitation [ gov:action "印发" ] . }"""
    (tmp_path / "b.trig").write_text(text, encoding="utf-8")
    for _ in range(2):
        replace_reports(tmp_path / "s", read_files([tmp_path / "b.trig"]))
    assert counts(tmp_path / "s") == {str(ID["report/x"]): 3}


def test_same_source_reports_are_flagged_and_replaced_on_request(store: Path) -> None:
    newer = Dataset()
    g = newer.graph(ID["report/aaa2"])
    g.add((ID["report/aaa2"], RDF.type, GOV.Report))
    g.add((ID["report/aaa2"], DCTERMS.source, Literal("reports/2023.txt")))
    stats = replace_reports(store, newer)
    assert stats.same_source == [(str(A), "reports/2023.txt")] and stats.removed_same_source == []
    assert str(A) in counts(store)
    stats = replace_reports(store, newer, replace_same_source=True)
    assert stats.removed_same_source == [str(A)]
    assert sorted(counts(store)) == [str(ID["report/aaa2"]), str(B)]


def test_numeric_literals_come_back_canonical(tmp_path: Path) -> None:
    ds = Dataset()
    ds.graph(A).add((A, GOV.value, Literal("43.0", datatype=XSD_DECIMAL)))
    replace_reports(tmp_path / "s", ds)
    (value,) = read_dataset(tmp_path / "s").graph(A).objects(A, GOV.value)
    assert str(value) == "43" and value.value == Decimal("43.0")     # same value, canonical form


# ---------------------------------------------------------------- remove

def test_remove_by_source_path(store: Path) -> None:
    assert remove_reports(store, ["reports/2023.txt"]) == [str(A)]
    assert list(counts(store)) == [str(B)]


def test_remove_by_the_same_resolved_path(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert remove_reports(store, [str(tmp_path / "reports" / "x" / ".." / "2024.txt")]) == [str(B)]


@pytest.mark.parametrize("name", [str(A), f"<{A}>", "id:report/aaaa"])
def test_remove_by_iri(store: Path, name: str) -> None:
    assert remove_reports(store, [name]) == [str(A)]
    assert list(counts(store)) == [str(B)]


def test_shared_programme_keeps_the_other_reports_triples(store: Path, two: Dataset) -> None:
    remove_reports(store, ["reports/2024.txt"])
    now = read_dataset(store)
    assert set(now.graph(A).triples((P1, None, None))) == set(two.graph(A).triples((P1, None, None)))
    union = {(s, p, o) for s, p, o, _ in now.quads((P1, None, None, None))}
    assert (P1, RDFS.label, Literal("法治医院", lang="zh")) in union
    assert (P1, GOV.mentionedIn, A) in union and (P1, GOV.mentionedIn, B) not in union
    assert (P1, GOV.pilotUnit, ID["org/o2"]) not in union


def test_unknown_report_removes_nothing_and_says_how_to_look(store: Path) -> None:
    with pytest.raises(StoreError) as err:
        remove_reports(store, ["reports/2023.txt", "reports/nope.txt"])
    assert "reports/nope.txt" in str(err.value) and f"kg reports --store {store}" in str(err.value)
    assert "2023.txt" not in str(err.value)
    assert len(counts(store)) == 2


def test_list_reports(store: Path) -> None:
    (a, b) = list_reports(store)
    assert (a.iri, a.title, a.source, a.year, a.quads) == (str(A), "2023年度法治政府建设工作报告",
                                                          "reports/2023.txt", "2023", 45)
    assert (b.source, b.year) == ("reports/2024.txt", "2024")


# ---------------------------------------------------------------- export

@pytest.mark.parametrize("ext", [".trig", ".nq", ".jsonld"])
def test_export_with_named_graphs_round_trips(store: Path, two: Dataset, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"all{ext}"
    assert export_store(store, out) == 105
    same_graphs(read_files([out]), two)


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".rdf"])
def test_export_without_named_graphs_writes_the_union(store: Path, two: Dataset, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"all{ext}"
    union = Graph()
    for s, p, o, _ in two.quads((None, None, None, None)):
        union.add((s, p, o))
    assert export_store(store, out) == len(union) < 105          # shared triples once
    back = read_files([out])
    assert isomorphic(back.graph(DATASET_DEFAULT_GRAPH_ID), union)


def test_export_is_sorted_and_the_same_from_a_store_or_from_files(store: Path, two: Dataset, tmp_path: Path) -> None:
    export_store(store, tmp_path / "a.nq")
    export_store(store, tmp_path / "b.nq")
    export_dataset(two, tmp_path / "c.nq")
    first = (tmp_path / "a.nq").read_bytes()
    assert first == (tmp_path / "b.nq").read_bytes() == (tmp_path / "c.nq").read_bytes()
    lines = first.decode().splitlines()
    assert lines == sorted(lines, key=lambda line: line.rsplit(" ", 2)[-2])  # grouped by graph


def test_export_to_an_unknown_extension_is_a_usage_error(store: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.trig"):
        export_store(store, tmp_path / "all.xyz")
    assert not list(tmp_path.glob("all*"))


def test_failed_export_leaves_no_file(store: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError):
        export_store(store, tmp_path / "file" / "all.ttl")


# ---------------------------------------------------------------- errors

def test_a_folder_of_other_files_is_not_a_store(tmp_path: Path, two: Dataset) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    for call in (lambda: replace_reports(tmp_path, two), lambda: list_reports(tmp_path)):
        with pytest.raises(StoreError, match="not an Oxigraph store"):
            call()
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_reading_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build .*--store"):
        list_reports(tmp_path / "none")
    assert not (tmp_path / "none").exists()


def test_a_file_is_not_a_store(two: Dataset) -> None:
    with pytest.raises(StoreError, match="not a folder"):
        replace_reports(TWO, two)


def test_a_store_in_use_by_another_process(store: Path, two: Dataset) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(store)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process"):
            replace_reports(store, two)
        assert len(list_reports(store)) == 2           # reading needs no lock
    finally:
        holder.kill()
        holder.wait()
    replace_reports(store, two)


def test_the_store_is_released_after_an_error(store: Path, two: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store

    def fail(*_: object) -> None:
        raise OSError("disk failure")

    monkeypatch.setattr(kg.store, "_replace_graph", fail)
    with pytest.raises(StoreError, match="disk failure.*again is safe") as err:
        replace_reports(store, two)
    monkeypatch.undo()
    assert err.value is not None                  # the traceback is still alive here...
    assert remove_reports(store, [str(A)]) == [str(A)]   # ...and holds no open store


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder(tmp_path: Path, two: Dataset) -> None:
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="permission denied"):
        replace_reports(locked / "store", two)


def test_graph_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> {")
    with pytest.raises(StoreError, match="bad.trig: not valid trig"):
        read_files([bad])
    with pytest.raises(StoreError, match="missing.ttl: no such file"):
        read_files([tmp_path / "missing.ttl"])
    with pytest.raises(UsageError, match=r"graph\.txt: unknown RDF file extension"):
        read_files([tmp_path / "graph.txt"])
    with pytest.raises(StoreError, match="a folder"):
        (tmp_path / "dir.ttl").mkdir()
        read_files([tmp_path / "dir.ttl"])


# ---------------------------------------------------------------- CLI

def test_cli_reports_remove_export(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "reports/2023.txt" in out and "2024年度法治政府建设工作报告" in out
    assert main(["reports", "--store", str(store), "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split("\t")[:3] == [str(A), "2023", "45"]

    assert main(["remove", "reports/2023.txt", "--store", str(store)]) == 0
    assert capsys.readouterr().out == f"{A}\treports/2023.txt\n"
    assert main(["remove", "reports/2023.txt", "--store", str(store)]) == 1
    assert "kg reports --store" in capsys.readouterr().err

    assert main(["export", "--store", str(store), "-o", str(tmp_path / "b.trig")]) == 0
    assert "60 statements" in capsys.readouterr().err
    assert main(["export", str(TWO), str(A_V2), "-o", str(tmp_path / "files.nq"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert len(graphs_of(read_files([tmp_path / "files.nq"]))) == 2


def test_cli_export_network(store: Path, tmp_path: Path) -> None:
    assert main(["export", "--store", str(store), "-o", str(tmp_path / "n.gexf")]) == 0
    assert "<gexf" in (tmp_path / "n.gexf").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, message", [
    (["export", "-o", "x.ttl"], "give GRAPH... or --store DIR"),
    (["export", "a.ttl", "--store", "s", "-o", "x.ttl"], "not both"),
    (["export", "--store", "s", "-o", "x.png"], ".graphml"),
])
def test_cli_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command", ["push", "remove", "export", "reports"])
def test_every_command_has_help_with_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"kg {command}" in out


def test_only_a_large_build_compacts_the_store():
    from kg.store_build import COMPACT_QUADS, WriteStats, should_compact

    large = WriteStats(quads=COMPACT_QUADS)
    large.status["added"] = 400
    small = WriteStats(quads=COMPACT_QUADS - 1)
    small.status["replaced"] = 1
    unchanged = WriteStats(quads=COMPACT_QUADS)   # quads of graphs kept: nothing written, nothing to compact
    unchanged.status["skipped"] = 400
    assert should_compact(large) and not should_compact(small) and not should_compact(unchanged)
