"""Named SPARQL queries with parameters, run on RDF files, an Oxigraph store or a SPARQL endpoint.

The library behind ``kg query``; no argv here. ::

    from kg.query import GraphFiles, load_query, run
    source = GraphFiles(["out/graph.trig"])            # in-memory Oxigraph
    result = run("programme-units", source, {"unit": "区司法局"}, timeout=30)
    for row in result.records(): print(row)

Queries are the ``*.rq`` files of the ``kg.queries`` package (``queries/`` in
the repository), each with a header naming its title, description and
parameters (see :mod:`kg.query.text`). Parameters are bound as RDF terms —
Oxigraph ``substitutions``, rdflib ``initBindings``, for endpoints an escaped
``VALUES`` clause in every SELECT group — never formatted into the query text;
on every engine a parameter is bound throughout the query. Because Oxigraph
only substitutes variables a SELECT projects, named queries select their
parameters, and :func:`run` drops those columns again. docs/queries.md says
how to write queries that stay fast on a union of report graphs.

>>> [q.name for q in list_queries()][:2]
['documents-cited', 'indicator-series']
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from kg.errors import QueryError, UsageError
from kg.query.endpoint import SparqlEndpoint
from kg.query.engines import GraphFiles, OxigraphStore, Result
from kg.query.pool import QueryPool
from kg.query.syntax import check, variables
from kg.query.text import Param, QueryText, Term, parse_header, parse_value
from kg.query.timeout import DEFAULT_TIMEOUT, call_with_timeout, check_timeout
from kg.resources import shipped_folder

Source = GraphFiles | OxigraphStore | SparqlEndpoint | QueryPool

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


def _library() -> dict[str, QueryText]:
    root = shipped_folder("queries")
    found = {}
    for entry in root.iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_header(entry.read_text(encoding="utf-8"), name=name)
    return dict(sorted(found.items()))


def list_queries() -> list[QueryText]:
    """The named queries shipped with govkg, by name."""
    return list(_library().values())


def load_query(ref: str | Path) -> QueryText:
    """A named query (``programme-units``) or a ``.rq`` file (``my/query.rq``)."""
    text = str(ref)
    looks_like_file = isinstance(ref, Path) or text.endswith((".rq", ".sparql")) or "/" in text or "\\" in text
    library = _library()
    if looks_like_file:
        path = Path(text)
        if not path.exists() and path.stem in library and path.suffix == ".rq" and len(path.parts) == 1:
            return library[path.stem]
        try:
            content = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"{path}: no such query file") from None
        except IsADirectoryError:
            raise QueryError(f"{path}: is a directory, not a query file") from None
        except UnicodeDecodeError:
            raise QueryError(f"{path}: not UTF-8 text; save the query as UTF-8") from None
        except OSError as exc:
            raise QueryError(f"{path}: cannot read the query file ({exc.strerror})") from None
        return parse_header(content, name=str(path))
    if text in library:
        return library[text]
    close = difflib.get_close_matches(text, list(library), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise QueryError(f"unknown query {text!r}{hint} ('kg query --list' shows them all)")


def from_text(text: str, name: str = "--sparql") -> QueryText:
    """A query given as text (its header, if any, is read too)."""
    return parse_header(text, name=name)


_NAME = re.compile(r"\w+")


def bind(query: QueryText, params: Mapping[str, str] | None = None) -> dict[str, Term]:
    """RDF terms for the given parameter values plus declared defaults; checks names and types.

    >>> q = load_query("shared-programmes")
    >>> bind(q, {})["minReports"].value
    '2'
    """
    given = {}
    for raw_name, value in (params or {}).items():
        name = raw_name.lstrip("?$")
        if not _NAME.fullmatch(name):
            raise UsageError(f"{query.name}: {raw_name!r} is not a parameter name (write --param name=value)")
        given[name] = value
    bindings: dict[str, Term] = {}
    if query.declared:
        for name in given:
            if query.param(name) is None:
                takes = ", ".join(f"?{p.name}" for p in query.params)
                raise UsageError(f"{query.name}: unknown parameter ?{name}; it takes {takes or 'none'}")
        for param in query.params:
            if param.name in given:
                bindings[param.name] = parse_value(param, given[param.name], query.name)
            elif param.required:
                example = param.example or "VALUE"
                raise QueryError(f"{query.name}: parameter ?{param.name} is required ({param.meaning}); "
                                 f"pass it as --param {param.name}={example}")
            elif param.default is not None:
                bindings[param.name] = parse_value(param, param.default, query.name)
        return bindings
    present = variables(query) if given else set()
    for name, value in given.items():
        if name not in present:
            raise QueryError(f"{query.name}: the query has no variable ?{name} to bind --param {name}= to")
        bindings[name] = parse_value(Param(name), value, query.name)
    return bindings


def _prepared(query: str | Path | QueryText, source: Source, params: Mapping[str, str] | None,
              limit: int | None, timeout: float | None, keep_params: bool) -> tuple[QueryText, Callable[[], Result],
                                                                                   float | None]:
    """Checks done here, before any work; returns the query, the work (rows lazy) and the deadline."""
    if not isinstance(query, QueryText):
        query = load_query(query)
    if limit is not None and limit < 0:
        raise QueryError(f"{query.name}: --limit must be zero or more, got {limit}")
    deadline = check_timeout(DEFAULT_TIMEOUT if timeout is None else timeout, query.name)
    form = check(query)
    bindings = bind(query, params)
    if isinstance(source, GraphFiles):
        source.load()  # loading is not part of the query's time
    checked = query

    def work() -> Result:
        if isinstance(source, (SparqlEndpoint, QueryPool)):  # they keep the deadline themselves
            result = source.execute(checked, form, bindings, limit, deadline)
        else:
            result = source.execute(checked, form, bindings, limit)
        if checked.declared and not keep_params:
            result = result.without(p.name for p in checked.params)
        return result

    return query, work, deadline


def run(query: str | Path | QueryText, source: Source, params: Mapping[str, str] | None = None, *,
        limit: int | None = None, timeout: float | None = None, keep_params: bool = False) -> Result:
    """Run a named query, a ``.rq`` file or a :class:`QueryText` on ``source``; the rows come as a list.

    ``limit`` keeps the first rows (``Result.truncated`` says whether more were
    found); ``timeout`` (seconds) stops the whole query, local or remote, and
    raises :class:`QueryError`: by default after ``DEFAULT_TIMEOUT`` seconds, never with 0.
    SERVICE, LOAD and updates are refused; syntax errors name line and column;
    FROM and FROM NAMED name graphs of ``source`` and never fetch anything.
    """
    query, work, deadline = _prepared(query, source, params, limit, timeout, keep_params)
    if isinstance(source, QueryPool):  # its workers are killed at the deadline
        return work().materialise()
    return call_with_timeout(lambda: work().materialise(), deadline, query.name)


class Written(NamedTuple):
    """What :func:`write_results` wrote: rows, and whether the limit cut more off."""

    rows: int
    truncated: bool


def write_results(query: str | Path | QueryText, source: Source, out: TextIO, fmt: str = "table",
                  params: Mapping[str, str] | None = None, *, limit: int | None = None,
                  timeout: float | None = None, **options: Any) -> Written:
    """Run the query and write its results to ``out`` as they are found (``options`` go to the writer).

    Memory stays small whatever the size of the answer (a table keeps its
    first rows to size its columns); the deadline covers the writing too.
    """
    from kg.query.results import write

    query, work, deadline = _prepared(query, source, params, limit, timeout, False)
    if isinstance(source, QueryPool) or (deadline and not _has_descriptor(out)):
        # the rows come back from the query process, then are written here (a StringIO is no file to hand over)
        result = work().materialise() if isinstance(source, QueryPool) else \
            call_with_timeout(lambda: work().materialise(), deadline, query.name)
        return Written(write(result, fmt, out, **options), result.truncated)

    def run_and_write() -> Written:
        result = work()
        rows = write(result, fmt, out, **options)
        out.flush()
        return Written(rows, result.truncated)

    return call_with_timeout(run_and_write, deadline, query.name)


def _has_descriptor(out: TextIO) -> bool:
    try:
        out.fileno()
    except (OSError, AttributeError, ValueError):  # io.UnsupportedOperation is an OSError
        return False
    return True
