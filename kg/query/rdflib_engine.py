"""The rdflib engine (``kg query --engine rdflib``): the same rules as Oxigraph, in pure Python.

rdflib would fetch the graphs a ``FROM`` or ``FROM NAMED`` clause names
(from the web, or ``file:`` IRIs from disk); here those clauses name graphs
of the data given, as on Oxigraph, and graph loading is switched off.
"""
from __future__ import annotations

from typing import Any

from kg.errors import KGError, QueryError
from kg.query.engines import Result, take_rows
from kg.query.terms import from_rdflib, to_rdflib
from kg.query.text import QueryText, Term


def rdflib_execute(dataset: Any, prepared: Any, query: QueryText, form: str,
                    bindings: dict[str, Term], limit: int | None) -> Result:
    import rdflib.plugins.sparql

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # a second lock on the door: never fetch a graph
    init = {k: to_rdflib(t) for k, t in bindings.items()}
    try:
        clause = prepared.algebra.get("datasetClause")
        if clause:  # the graphs it names, from this dataset; rdflib would fetch them from the web
            dataset, prepared = _named_dataset(dataset, clause), _without_clause(prepared)
        answer = dataset.query(prepared, initBindings=init)
        if answer.type == "ASK":
            return Result("ASK", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            names = [str(v) for v in answer.vars or []]
            rows, more = take_rows(answer, limit, lambda r: tuple(from_rdflib(t) for t in r))
            return Result("SELECT", names, rows, truncated=more)
        rows, more = take_rows(answer.graph, limit, lambda t: tuple(from_rdflib(x) for x in t))
        return Result(form, ["subject", "predicate", "object"], rows, truncated=more)
    except KGError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds
        raise QueryError(f"{query.name}: rdflib could not run the query: {type(exc).__name__}: {exc}") from None


def _named_dataset(dataset: Any, clause: list[Any]) -> Any:
    """A dataset of the graphs a FROM / FROM NAMED clause names, copied from ``dataset`` (never fetched).

    As in SPARQL (and Oxigraph): the FROM graphs merged are the default graph,
    the FROM NAMED graphs the named ones; a graph the data lacks is empty.
    """
    from rdflib import Dataset

    view = Dataset(default_union=False)
    present = {g.identifier: g for g in dataset.contexts()}
    for item in clause:
        source = present.get(item.default if item.default is not None else item.named)
        if source is None:
            continue
        target = view.default_graph if item.default is not None else view.graph(item.named)
        target.addN((s, p, o, target) for s, p, o in source)
    return view


def _without_clause(prepared: Any) -> Any:
    from rdflib.plugins.sparql.sparql import Query

    algebra = prepared.algebra.clone() if hasattr(prepared.algebra, "clone") else type(prepared.algebra)(
        prepared.algebra.name, **prepared.algebra)
    algebra["datasetClause"] = None
    return Query(prepared.prologue, algebra)
