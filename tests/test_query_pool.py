"""kg serve's query processes: a deadline kills the worker, a dead worker is replaced, a changed store is reopened."""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import QueryError, StoreError
from kg.query import GraphFiles, OxigraphStore, QueryPool, from_text, run
from kg.query.engines import store_stamp
from kg.rdf_io import read_files
from kg.store import list_reports, remove_reports, replace_reports

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 3,000³ rows to count
REPORTS = "PREFIX gov: <https://w3id.org/govkg/ont#> SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a gov:Report }"


def count(pool: QueryPool) -> int:
    return int(run(from_text(REPORTS), pool).rows[0][0].value)


def gone(pid: int, wait: float = 10.0) -> bool:
    """True once ``pid`` has ended (a zombie counts as ended)."""
    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except OSError:  # no such file, or no such process (reaped while read)
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("pool") / "store"
    replace_reports(path, read_files([FIXTURE]))
    return path


@pytest.fixture(scope="module")
def slow_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("slow") / "store"
    data = "".join(f"<urn:s:{i}> <urn:p:{i % 7}> <urn:o:{i % 13}> .\n" for i in range(3000))
    st = pyoxigraph.Store(str(path))
    st.load(data.encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    st.flush()
    del st
    gc.collect()
    return path


def test_answers_as_the_store_does(store):
    with QueryPool(OxigraphStore(store), size=2) as pool:
        assert run("reports", pool).rows == run("reports", OxigraphStore(store)).rows
        assert count(pool) == 2


def test_a_query_past_its_deadline_is_killed_and_the_next_one_works(slow_store):
    with QueryPool(OxigraphStore(slow_store), size=1) as pool:
        run(from_text("ASK { ?s ?p ?o }"), pool)
        [before] = pool.pids()
        with pytest.raises(QueryError, match=r"--sparql: stopped after 0.5 s \(--timeout\)"):
            run(from_text(SLOW), pool, timeout=0.5)
        assert gone(before)                                     # the query really stopped
        assert run(from_text("ASK { ?s ?p ?o }"), pool).boolean is True   # on a fresh worker
        assert pool.pids() != [before]


def test_the_pools_own_deadline_applies_to_page_queries(slow_store):
    with QueryPool(OxigraphStore(slow_store), size=1, timeout=0.5) as pool, \
            pytest.raises(QueryError, match="stopped after 0.5 s"):
            pool.execute(from_text(SLOW), "SELECT", {}, None)


def test_a_killed_worker_is_replaced(store):
    with QueryPool(OxigraphStore(store), size=2) as pool:
        pool.start()
        first = pool.pids()
        assert len(first) == 2
        for pid in first:
            os.kill(pid, signal.SIGKILL)
            assert gone(pid)
        assert count(pool) == 2
        assert not set(pool.pids()) & set(first)


def test_a_worker_that_dies_mid_query_is_one_error_then_replaced(slow_store):
    with QueryPool(OxigraphStore(slow_store), size=1) as pool:
        pool.start()
        [pid] = pool.pids()
        killer = subprocess.Popen([sys.executable, "-c", f"import os, time; time.sleep(0.5); os.kill({pid}, 9)"])
        with pytest.raises(QueryError, match="ended without an answer"):
            run(from_text(SLOW), pool, timeout=60)
        killer.wait()
        assert run(from_text("ASK { ?s ?p ?o }"), pool).boolean is True


def test_a_store_written_meanwhile_is_opened_again(tmp_path):
    path = tmp_path / "store"
    replace_reports(path, read_files([FIXTURE]))
    with QueryPool(OxigraphStore(path), size=1) as pool:
        assert count(pool) == 2
        stamp = store_stamp(path)
        remove_reports(path, [list_reports(path)[0].iri])   # another writer changes the store the worker holds open
        assert store_stamp(path) != stamp
        assert count(pool) == 1
        replace_reports(path, read_files([FIXTURE]))
        assert count(pool) == 2


def test_reading_does_not_change_the_stamp(store):
    stamp = store_stamp(store)
    with QueryPool(OxigraphStore(store), size=2) as pool:
        count(pool)
        count(pool)
    assert store_stamp(store) == stamp


def test_errors_cross_over_and_a_missing_store_is_one_line(store, tmp_path):
    with QueryPool(OxigraphStore(store), size=1) as pool:
        with pytest.raises(QueryError, match="line 1"):
            run(from_text("SELECT ?s WHERE { ?s ?p }"), pool)
        assert count(pool) == 2                                  # the worker lives on
    with QueryPool(OxigraphStore(tmp_path / "none"), size=1) as pool, \
            pytest.raises(StoreError, match="no store here yet; create one with .kg build REPORT... --store"):
            count(pool)


def test_files_are_served_too(store):
    files = GraphFiles([FIXTURE])
    files.load()
    with QueryPool(files, size=1) as pool:
        assert count(pool) == 2


def test_a_closed_pool_leaves_no_process_and_takes_no_query(store):
    pool = QueryPool(OxigraphStore(store), size=2).start()
    pids = pool.pids()
    pool.close()
    assert all(gone(pid) for pid in pids) and pool.pids() == []
    with pytest.raises(QueryError, match="stopping"):
        count(pool)


def test_size_must_be_positive(store):
    with pytest.raises(QueryError, match="at least one worker"):
        QueryPool(OxigraphStore(store), size=0)
