"""Named queries given bad input: parameters (typed, never text), errors that name the query, timeouts."""
from __future__ import annotations

import gc
import multiprocessing
import re
import time

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_fixtures import FIXTURE, ID, bag, values

import kg.query
import kg.query.endpoint
import kg.query.engines
import kg.query.results
import kg.query.syntax
import kg.query.terms
import kg.query.text
import kg.query.timeout
from kg.errors import QueryError, StoreError, UsageError
from kg.query import GraphFiles, OxigraphStore, bind, load_query, run

# ---------------------------------------------------------------- parameters

def test_required_parameter_is_named_with_how_to_pass_it(query_oxigraph):
    with pytest.raises(QueryError, match=r"unit-programmes: parameter \?unit is required .*--param unit=区司法局"):
        run("unit-programmes", query_oxigraph)


def test_unknown_or_badly_typed_parameters():
    q = load_query("shared-programmes")
    with pytest.raises(UsageError, match=r"unknown parameter \?min; it takes \?minReports"):
        bind(q, {"min": "2"})
    with pytest.raises(QueryError, match=r"\?minReports expects a whole number, got 'two'"):
        bind(q, {"minReports": "two"})
    with pytest.raises(QueryError, match=r"\?year expects a four-digit year"):
        bind(load_query("reports"), {"year": "24"})
    with pytest.raises(QueryError, match=r"not a valid IRI"):
        bind(load_query("reports"), {"place": "<http://a b>"})
    assert bind(q, {"?minReports": "5"})["minReports"].value == "5"


def test_parameter_values_are_terms_never_text():
    string = kg.query.text.Param("x")
    assert kg.query.text.parse_value(string, "区司法局", "q") == kg.query.text.Term("literal", "区司法局")
    assert kg.query.text.parse_value(string, "<urn:x:1>", "q").kind == "uri"
    assert kg.query.text.parse_value(string, "https://example.org/a", "q").kind == "uri"
    assert kg.query.text.parse_value(string, "id:report/ab", "q").value == ID + "report/ab"
    assert kg.query.text.parse_value(string, "法治:医院", "q").kind == "literal"  # not a known prefix
    text = kg.query.text.Param("x", kind="text")
    assert kg.query.text.parse_value(text, "https://example.org/a", "q").kind == "literal"


INJECTIONS = ['a"b', "a'b", 'x" } } ; DROP ALL #', "} UNION { ?s ?p ?o }", "line\nbreak\ttab",
              "back\\slash \\u0022", '"""', "<http://evil/>", "?x", "# comment", "区司法局\"@zh"]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_injection_attempts_are_only_values(engine):
    """A parameter comes back exactly as given, and matches nothing it merely spells."""
    source = GraphFiles([FIXTURE], engine=engine)
    echo = kg.query.from_text("SELECT ?x ?n WHERE { BIND(1 AS ?n) }")
    for value in INJECTIONS:
        if value.startswith("<"):
            continue  # a bracketed IRI is an IRI by design
        r = run(echo, source, {"x": value})
        assert values(r, "x") == [(value,)]
        assert run("label-search", source, {"text": value}).rows == []


def test_values_clause_for_endpoints_escapes_terms():
    """The endpoint path writes VALUES; a local Oxigraph reads it back to exactly the given values."""
    echo = kg.query.from_text("SELECT ?x WHERE { }")
    store = pyoxigraph.Store()
    for value in INJECTIONS:
        text = kg.query.syntax.inject_values(echo, {"x": kg.query.text.Term("literal", value)})
        assert [s["x"].value for s in store.query(text)] == [value]
    iri = kg.query.syntax.inject_values(echo, {"x": kg.query.text.Term("uri", "https://e.org/a")})
    assert "VALUES (?x) { (<https://e.org/a>) }" in iri
    with pytest.raises(QueryError, match="not a valid IRI"):
        kg.query.text.ntriples(kg.query.text.Term("uri", "http://a> <b"))


def test_values_go_into_the_where_group_of_each_query_form():
    term = {"x": kg.query.text.Term("literal", "v")}
    cases = {
        "SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?p ?x } GROUP BY ?x": "WHERE { VALUES",
        "PREFIX a: <urn:a:> SELECT * { ?s a:p ?x }": "SELECT * { VALUES",
        "ASK { ?s ?p ?x }": "ASK { VALUES",
        "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }": "WHERE { VALUES",
        "CONSTRUCT { ?s ?p ?x } { ?s ?p ?x }": "} { VALUES",
        "SELECT ?x WHERE { ?s ?p ?x FILTER(EXISTS { ?s ?p ?x }) }": "WHERE { VALUES",
        '# WHERE { in a comment\nSELECT ?x WHERE { ?s <urn:x> "{ WHERE {", ?x }': "SELECT ?x WHERE { VALUES",
    }
    for text, expected in cases.items():
        out = kg.query.syntax.inject_values(kg.query.from_text(text), term)
        assert expected in out, text
        pyoxigraph.Store().query(out)  # still valid SPARQL
    with pytest.raises(QueryError, match="short form"):
        kg.query.syntax.inject_values(kg.query.from_text("CONSTRUCT WHERE { ?s ?p ?x }"), term)


def test_values_reach_every_sub_select():
    """Bottom-up, a sub-select cannot see the outer VALUES: each gets its own, as a substitution would."""
    q = kg.query.from_text("SELECT ?s ?x WHERE { { SELECT ?s ?x WHERE { ?s ?p ?o FILTER(STR(?o) = ?x) } } "
                           "OPTIONAL { SELECT (MAX(?y) AS ?m) WHERE { ?a ?b ?y } } }")
    out = kg.query.syntax.inject_values(q, {"x": kg.query.text.Term("literal", "区司法局")})
    assert out.count('VALUES (?x) { ("区司法局"^^<http://www.w3.org/2001/XMLSchema#string>) }') == 3
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    rows = list(store.query(out, use_default_graph_as_union=True))
    assert {r["s"].value for r in rows} == {ID + "org/0a00000000000002", ID + "mention/3a00000000000004"}


def test_adhoc_query_parameters(query_oxigraph, query_rdflib):
    q = kg.query.from_text("SELECT DISTINCT ?s ?x WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
                           "FILTER(CONTAINS(STR(?l), ?x)) }")
    for source in (query_oxigraph, query_rdflib):
        assert len(run(q, source, {"x": "司法局"}).rows) == 2
    with pytest.raises(QueryError, match=r"has no variable \?y"):
        run(q, query_oxigraph, {"y": "1"})
    hidden = kg.query.from_text("SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?x) }")
    with pytest.raises(QueryError, match=r"Oxigraph binds a parameter \(\?x\) only in a SELECT query that selects it"):
        run(hidden, query_oxigraph, {"x": "1"})
    assert run(hidden, query_rdflib, {"x": "区司法局"}).rows  # rdflib binds it anyway


# ---------------------------------------------------------------- errors

def test_unknown_query_suggests_near_names():
    with pytest.raises(QueryError, match=r"unknown query 'programe-units'; did you mean programme-units"):
        load_query("programe-units")
    with pytest.raises(QueryError, match=r"unknown query 'zzz' \('kg query --list'"):
        load_query("zzz")


def test_query_files(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert load_query(str(path)).title == "Mine"
    assert load_query("programme-units.rq").name == "programme-units"  # a named query, written as a file
    with pytest.raises(QueryError, match=r"nope\.rq: no such query file"):
        load_query(str(tmp_path / "nope.rq"))
    (tmp_path / "latin1.rq").write_bytes("SELECT * { ?s ?p \"é\" }".encode("latin-1"))
    with pytest.raises(QueryError, match="not UTF-8"):
        load_query(str(tmp_path / "latin1.rq"))


@pytest.mark.parametrize("text,where", [
    ("PREFIX ex: <http://ex/>\nSELECT ?s WHERE {\n  ?s ex:p ?o .\n  FILTER(?o = )\n}\n", "line 4, column 3"),
    ("PREFIX ex: <http://ex/>\nSELEC ?s WHERE { ?s ex:p ?o }\n", "line 2, column 1"),
    ("PREFIX ex: <http://ex/>\nSELECT ?s WHERE {\n  ?s ex:p ?o\n  ?s ex:q ?r .\n}\n", "line 4, column 3"),
    ("SELECT ?s WHERE {\n  ?s foo:p ?o .\n}\n", "line 2, column 6"),
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n", "line 3, column 1"),
])
def test_syntax_errors_name_the_query_line_and_column(tmp_path, text, where):
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        run(str(path), GraphFiles([FIXTURE]))
    message = str(caught.value)
    assert message.startswith(f"{path}: syntax error at {where}"), message
    assert "\n" not in message


def test_syntax_error_only_oxigraph_sees():
    q = kg.query.from_text("SELECT ?s ?o WHERE { ?s ?p ?o } GROUP BY ?s")
    with pytest.raises(QueryError, match=r"--sparql: syntax error at line 1, column \d+.*unbound"):
        kg.query.syntax.check(q)


@pytest.mark.parametrize("text,word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("PREFIX a: <urn:a:>\nWITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("CLEAR ALL", "CLEAR"), ("DROP GRAPH <urn:g>", "DROP"), ("CREATE GRAPH <urn:g>", "CREATE"),
    ("COPY <urn:a> TO <urn:b>", "COPY"), ("MOVE <urn:a> TO <urn:b>", "MOVE"), ("ADD <urn:a> TO <urn:b>", "ADD"),
    ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "DROP"),
])
def test_service_load_and_updates_are_refused(text, word, query_oxigraph):
    with pytest.raises(QueryError, match=rf"--sparql: {word} at line \d+, column \d+ is refused"):
        run(kg.query.from_text(text), query_oxigraph)


def test_keywords_in_strings_comments_iris_and_names_are_not_refused(query_oxigraph):
    text = ('PREFIX load: <urn:load:>\n# DROP ALL; SERVICE <x>\n'
            'SELECT ?insert ?delete WHERE { BIND("DROP ALL" AS ?insert) BIND(<urn:service:clear> AS ?delete) '
            'OPTIONAL { ?insert load:copy """INSERT DATA { }""" } }')
    result = run(kg.query.from_text(text), query_oxigraph)
    assert values(result, "insert") == [("DROP ALL",)]


def test_unreadable_graph_files_are_named(tmp_path):
    missing = tmp_path / "missing.ttl"
    with pytest.raises(StoreError, match=rf"{re.escape(str(missing))}: no such file"):
        run("reports", GraphFiles([missing]))
    with pytest.raises(StoreError, match=r"a folder, not an RDF file \(for a store, use --store"):
        run("reports", GraphFiles([tmp_path]))
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(StoreError, match=rf"{re.escape(str(bad))}: not valid (Turtle|turtle)"):
            run("reports", GraphFiles([bad], engine=engine))
    odd = tmp_path / "graph.data"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match=r"graph\.data: unknown RDF file extension; use one of \.ttl"):
        run("reports", GraphFiles([odd]))


def test_unreadable_stores_are_named(tmp_path):
    with pytest.raises(StoreError, match="no store here yet; create one with .kg build REPORT... --store"):
        run("reports", OxigraphStore(tmp_path / "none"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match=r"is a file, not an Oxigraph store directory; for RDF files use --graph"):
        run("reports", OxigraphStore(tmp_path / "file"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match=r"empty: no store here yet; create one with"):
        run("reports", OxigraphStore(tmp_path / "empty"))


def test_store_is_opened_read_only(query_store):
    before = sorted(p.name for p in query_store.iterdir())
    run("reports", OxigraphStore(query_store))
    assert sorted(p.name for p in query_store.iterdir()) == before


# ---------------------------------------------------------------- timeouts

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 3,000³ rows to count


@pytest.fixture(scope="module")
def slow_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("slow") / "slow.nt"
    path.write_text("".join(f"<urn:s:{i}> <urn:p:{i % 7}> <urn:o:{i % 13}> .\n" for i in range(3000)),
                    encoding="utf-8")
    return path


def _assert_stops(source, seconds=1.0):
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"--sparql: stopped after 1 s \(--timeout\)"):
        run(kg.query.from_text(SLOW), source, timeout=seconds)
    assert time.monotonic() - start < seconds + 3
    assert multiprocessing.active_children() == []  # the worker was killed, not left running


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_timeout_stops_a_slow_query_on_files(slow_graph, engine):
    source = GraphFiles([slow_graph], engine=engine)
    source.load()
    _assert_stops(source)


def test_timeout_stops_a_slow_query_on_a_store(slow_graph, tmp_path):
    store = pyoxigraph.Store(str(tmp_path / "st"))
    store.load(path=str(slow_graph), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    gc.collect()
    _assert_stops(OxigraphStore(tmp_path / "st"))


def test_results_and_errors_cross_the_timeout_boundary(query_oxigraph, query_store, tmp_path):
    assert bag(run("programme-units", query_oxigraph, timeout=30)) == bag(run("programme-units", query_oxigraph))
    assert len(run("reports", OxigraphStore(query_store), timeout=30).rows) == 2
    with pytest.raises(StoreError, match="no store here yet; create one with .kg build REPORT... --store"):
        run("reports", OxigraphStore(tmp_path / "none"), timeout=30)


def test_thread_fallback_where_fork_is_unsafe(monkeypatch):
    monkeypatch.setattr(kg.query.timeout.sys, "platform", "win32")
    result = kg.query.engines.Result("ASK", boolean=True)
    assert kg.query.timeout.call_with_timeout(lambda: result, 5, "q") is result
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"q: stopped after 0.2 s .*abandoned"):
        kg.query.timeout.call_with_timeout(lambda: time.sleep(2) or result, 0.2, "q")
    assert time.monotonic() - start < 1.5


# ---------------------------------------------------------------- properties

ECHO = GraphFiles([], engine="oxigraph")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_text_parameter_round_trips(value):
    echo = kg.query.from_text("SELECT ?x WHERE { }")
    try:
        term = kg.query.text.parse_value(kg.query.text.Param("x"), value, "q")
    except QueryError:  # e.g. '<a b>': written as an IRI, but not a valid one
        term = None
    if term is not None:
        assert values(run(echo, ECHO, {"x": value}), "x") == [(term.value,)]
    text = kg.query.syntax.inject_values(echo, {"x": kg.query.text.Term("literal", value)})
    assert [s["x"].value for s in pyoxigraph.Store().query(text)] == [value]
