"""Running SPARQL: named queries, their text and syntax, the engines, endpoints, timeouts and result formats.

The public API is :mod:`kg.query.named` (``from kg.query import run, GraphFiles …``);
docs/architecture.md says what each module of this package does.
"""
from kg.query.named import (
    GraphFiles,
    OxigraphStore,
    Param,
    QueryPool,
    QueryText,
    Result,
    Source,
    SparqlEndpoint,
    Term,
    bind,
    from_text,
    list_queries,
    load_query,
    run,
    write_results,
)

__all__ = [
    "GraphFiles",
    "OxigraphStore",
    "Param",
    "QueryPool",
    "QueryText",
    "Result",
    "Source",
    "SparqlEndpoint",
    "Term",
    "bind",
    "from_text",
    "list_queries",
    "load_query",
    "run",
    "write_results",
]
