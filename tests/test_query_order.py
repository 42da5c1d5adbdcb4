"""ORDER BY done by the client on local Oxigraph: which queries qualify, and that the order is the engine's."""
from __future__ import annotations

import doctest
from pathlib import Path

import pyoxigraph
import pytest
from query_params import REQUIRED

import kg.query
import kg.query.order
from kg.query import GraphFiles, from_text, list_queries, run
from kg.query.order import sort_rows, sortable, split_order, term_key
from kg.query.syntax import tokenize
from kg.query.terms import oxigraph_converter
from kg.query.text import XSD, Term

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"


def test_doctests():
    failed, _ = doctest.testmod(kg.query.order)
    assert failed == 0


@pytest.mark.parametrize("text,keys", [
    ("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?b", [("b", False)]),
    ("SELECT ?a ?b { ?a ?p ?b } ORDER BY DESC(?b) asc(?a)", [("b", True), ("a", False)]),
    ("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a ORDER BY DESC(?n) ?a", [("n", True), ("a", False)]),
    ("PREFIX x: <urn:x#> SELECT DISTINCT ?a WHERE { ?a x:p 'ORDER BY ?zz' } # ORDER BY ?q\nORDER BY ?a", [("a", False)]),
])
def test_a_final_order_by_on_selected_variables_is_done_by_the_client(text, keys):
    plan = split_order(from_text(text))
    assert plan is not None and plan.keys == keys
    words = [t.text.upper() for t in tokenize(plan.text)]
    assert "ORDER" not in words[words.index("}"):]  # nothing of the clause is left …
    pyoxigraph.Store().query(plan.text)  # … and what is left is a query


@pytest.mark.parametrize("text", [
    "SELECT ?a WHERE { ?a ?p ?b }",  # nothing to sort
    "SELECT * WHERE { ?a ?p ?b } ORDER BY ?b",
    "SELECT ?a (STR(?a) AS ?s) WHERE { ?a ?p ?b } ORDER BY ?b",  # ?b not selected, and an expression is
    "SELECT ?a WHERE { ?a ?p ?b } GROUP BY ?a ORDER BY ?b",  # ?b not selected, and cannot be: grouped
    "SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY STR(?b)",  # an expression
    "SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 3",  # the engine must sort before it cuts
    "SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a OFFSET 3",
    "SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a ORDER BY ?b",  # ?b only inside COUNT
    "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 1 } }",  # inside a sub-select
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a VALUES ?a { <urn:x> }",  # a trailing VALUES
])
def test_anything_else_is_left_to_the_engine(text):
    assert split_order(from_text(text)) is None


def test_terms_sort_in_sparql_order():
    unbound, bnode = None, Term("bnode", "b1")
    iri = Term("uri", "https://example.org/a")
    two, ten = Term("literal", "2", XSD + "integer"), Term("literal", "10", XSD + "decimal")
    text_a, text_b = Term("literal", "10"), Term("literal", "中")
    assert sorted([ten, iri, unbound, two, bnode], key=term_key) == [unbound, bnode, iri, two, ten]  # 2 < 10
    assert sorted([text_b, text_a, iri], key=term_key) == [iri, text_a, text_b]  # "10" < "中" as text


@pytest.mark.parametrize("column,client", [
    (["2", "10", None], True),  # numbers (None: a string below)
    ([("甲", "zh"), ("乙", "zh"), None], True),
    ([("甲", "zh"), ("甲", None)], False),  # plain and language strings order differently in Oxigraph
    ([("a", "en"), ("a", "zh")], False),
    (["2", ("%", None)], False),  # numbers and strings
    ([("2020-01-01T00:00:00+08:00", XSD + "dateTime")], False),  # time zones: by instant in Oxigraph
    ([("2023", XSD + "gYear"), ("1999", XSD + "gYear")], True),
])
def test_only_columns_of_one_kind_are_sorted_by_the_client(column, client):
    def term(cell):
        if cell is None:
            return Term("uri", "https://example.org/x")
        if isinstance(cell, str):
            return Term("literal", cell, XSD + "integer")
        value, tag = cell
        if tag and tag.startswith("http"):
            return Term("literal", value, tag)
        return Term("literal", value, None, tag)
    assert sortable([(term(c),) for c in column], ["v"], [("v", False)]) is client


def test_descending_keys_keep_ties_in_order():
    def lit(v):
        return Term("literal", v)
    rows = [(lit("a"), lit("1")), (lit("b"), lit("2")), (lit("c"), lit("1"))]
    assert sort_rows(rows, ["x", "y"], [("y", True)]) == [rows[1], rows[0], rows[2]]
    assert sort_rows(rows, ["x", "y"], [("y", False), ("x", True)]) == [rows[2], rows[0], rows[1]]


def _engine_sorted(name: str, params: dict[str, str]) -> tuple[list[str], list[tuple]]:
    """The rows as Oxigraph's own ORDER BY gives them, the query text sent unchanged."""
    from kg.query import bind, load_query
    from kg.query.terms import to_oxigraph

    query = load_query(name)
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    subs = {pyoxigraph.Variable(k): to_oxigraph(t) for k, t in bind(query, params).items()} or None
    return _oxigraph_rows(store, query.text, subs)


SORTED_BY_CLIENT = [q.name for q in list_queries() if split_order(q)]


def test_most_named_queries_are_sorted_by_the_client():
    assert len(SORTED_BY_CLIENT) >= 10


@pytest.mark.parametrize("name", SORTED_BY_CLIENT)
def test_client_order_is_the_engines_order(name):
    params = REQUIRED.get(name, {})
    plan = split_order(kg.query.load_query(name))
    keys = [k for k, _ in plan.keys if k not in plan.hidden]  # the keys the query selects
    names, engine_rows = _engine_sorted(name, params)
    for source in (GraphFiles([FIXTURE]), GraphFiles([FIXTURE], engine="rdflib")):
        ours = run(name, source, params, keep_params=True)
        assert ours.variables == names
        columns = [ours.variables.index(k) for k in keys]
        assert [tuple(row[i] for i in columns) for row in ours.rows] == \
               [tuple(row[i] for i in columns) for row in engine_rows]
        assert sorted(map(repr, ours.rows)) == sorted(map(repr, engine_rows))


MIXED = """@prefix ex: <urn:ex:> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:n 2 ; ex:label "乙"@zh ; ex:year "2023"^^xsd:gYear ; ex:mixed "%" .
ex:b ex:n 10 ; ex:label "甲"@zh ; ex:year "1999"^^xsd:gYear ; ex:mixed 3 .
ex:c ex:n 100.5 ; ex:label "丙"@zh ; ex:mixed "a"@en .
ex:d ex:n -1 ; ex:year "2023"^^xsd:gYear ; ex:mixed "2020-01-01T00:00:00+08:00"^^xsd:dateTime .
ex:e ex:n 2.0 ; ex:label "乙"@zh ; ex:mixed "a" .
ex:x ex:n 7 ; ex:mixed "2020-01-01T01:00:00+09:00"^^xsd:dateTime .
"""
SELECT_N = "PREFIX ex: <urn:ex:> SELECT ?s ?n ?label ?year WHERE { ?s ex:n ?n OPTIONAL { ?s ex:label ?label } " \
           "OPTIONAL { ?s ex:year ?year } } ORDER BY "


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("order") / "mixed.ttl"
    path.write_text(MIXED, encoding="utf-8")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return path, store


def _oxigraph_rows(store, text, subs=None):
    convert = oxigraph_converter()
    answer = store.query(text, use_default_graph_as_union=True, substitutions=subs)
    names = [v.value for v in answer.variables]
    return names, [tuple(map(convert, s)) for s in answer]


@pytest.mark.parametrize("order", ["?n", "DESC(?n)", "?label ?n", "DESC(?year) ?n", "?s", "?label DESC(?s)",
                                   "?year DESC(?label) ?n"])
def test_client_order_matches_oxigraph_where_text_and_value_orders_differ(mixed, order):
    path, store = mixed
    text = SELECT_N + order
    plan = split_order(from_text(text))
    assert plan is not None
    names, engine = _oxigraph_rows(store, text)
    ours = run(from_text(text), GraphFiles([path]))
    columns = [names.index(k) for k, _ in plan.keys]
    assert [tuple(r[i] for i in columns) for r in ours.rows] == [tuple(r[i] for i in columns) for r in engine]


def test_a_column_of_mixed_kinds_is_sorted_by_the_engine(mixed):
    path, store = mixed
    text = "PREFIX ex: <urn:ex:> SELECT ?m ?s WHERE { ?s ex:mixed ?m } ORDER BY ?m"
    names, engine = _oxigraph_rows(store, text)
    assert not sortable(engine, names, [("m", False)])
    assert [r[0] for r in run(from_text(text), GraphFiles([path])).rows] == [r[0] for r in engine]


def test_with_a_limit_the_engine_sorts_and_the_first_rows_are_its_own(mixed):
    path, store = mixed
    text = SELECT_N + "?label"  # ties on ?label: which rows come first is the engine's choice
    _, engine = _oxigraph_rows(store, text)
    first = run(from_text(text), GraphFiles([path]), limit=3)
    assert first.rows == engine[:3] and first.truncated
    assert not run(from_text(text), GraphFiles([path]), limit=len(engine)).truncated


@pytest.mark.parametrize("text", [
    "PREFIX ex: <urn:ex:> SELECT DISTINCT ?label WHERE { ?s ex:n ?n OPTIONAL { ?s ex:label ?label } } ORDER BY ?n",
    "PREFIX ex: <urn:ex:> SELECT DISTINCT ?year WHERE { ?s ex:n ?n OPTIONAL { ?s ex:year ?year } } ORDER BY DESC(?n)",
    ("PREFIX ex: <urn:ex:> SELECT ?label ?year WHERE { ?s ex:n ?n OPTIONAL { ?s ex:label ?label } "
     "OPTIONAL { ?s ex:year ?year } } ORDER BY ?label ?n"),
])
def test_a_key_the_query_does_not_select_is_selected_for_the_sort_and_dropped(mixed, text):
    """With DISTINCT, a row repeated once ?n is dropped comes once, where the engine puts it: first."""
    path, store = mixed
    plan = split_order(from_text(text))
    assert plan is not None and plan.hidden == ("n",) and plan.distinct == ("DISTINCT" in text)
    names, engine = _oxigraph_rows(store, text)
    ours = run(from_text(text), GraphFiles([path]))
    assert ours.variables == names and ours.rows == engine


def test_a_hidden_key_of_mixed_kinds_is_sorted_by_the_engine_and_never_shown(mixed):
    """The client cannot sort ?m (numbers and strings): the engine runs the query as written, so
    the columns are the selected ones only, not the key added for the client's sort."""
    path, store = mixed
    text = "PREFIX ex: <urn:ex:> SELECT ?s WHERE { ?s ex:mixed ?m } ORDER BY ?m"
    plan = split_order(from_text(text))
    assert plan is not None and plan.hidden == ("m",)
    names, engine = _oxigraph_rows(store, text)
    ours = run(from_text(text), GraphFiles([path]))
    assert ours.variables == names == ["s"] and ours.rows == engine
