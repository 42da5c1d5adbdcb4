"""Where a query runs locally: RDF files in memory, or an Oxigraph store on disk.

Every source answers with the same :class:`Result` of :class:`~kg.query.text.Term`
rows, whatever the engine (the endpoint in :mod:`kg.query.endpoint` too).
Parameters travel as bindings: Oxigraph ``substitutions``, rdflib
``initBindings``.

>>> from kg.query.text import parse_header
>>> src = GraphFiles([], engine="oxigraph")
>>> src.execute(parse_header("ASK { ?s ?p ?o }"), "ASK", {}, None).boolean
False
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.query.order import columns, drop_hidden, sort_rows, sortable, split_order
from kg.query.syntax import tokenize
from kg.query.terms import oxigraph_converter, to_oxigraph
from kg.query.text import QueryText, Term
from kg.resources import ontology_text

ONTOLOGY_GRAPH = "https://w3id.org/govkg/ont"


@dataclass
class Result:
    """What a query returned: rows for SELECT (and s/p/o rows for CONSTRUCT/DESCRIBE), or a boolean.

    Engines hand ``rows`` over as a lazy iterator, so that results can be
    written while they are found; ``truncated`` (more rows than the limit)
    is known once they have all been read. :meth:`materialise` makes a list.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: Any = field(default_factory=list)  # list, or an iterator of tuples of Term | None
    boolean: bool | None = None
    truncated: bool = False  # there were more rows than the limit

    def without(self, names: Iterable[str]) -> Result:
        """The same result without some columns (the rows stay lazy if they were)."""
        drop = set(names) & set(self.variables)
        if not drop:
            return self
        keep = [i for i, v in enumerate(self.variables) if v not in drop]
        rows = self.rows
        self.variables = [self.variables[i] for i in keep]
        pick = columns(keep)
        self.rows = list(map(pick, rows)) if isinstance(rows, list) else map(pick, rows)
        return self

    def materialise(self) -> Result:
        if not isinstance(self.rows, list):
            self.rows = list(self.rows)
        return self

    def records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: value}`` with unbound variables left out (handy in notebooks)."""
        return [{v: t.value for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


def lazy_rows(result: Result, rows: Iterable[Any], limit: int | None, convert: Callable[[Any], tuple],
          failed: Callable[[Exception], KGError] | None = None) -> Result:
    """``result`` with ``rows`` converted one at a time, at most ``limit``; sets ``truncated`` when there are more.

    ``failed`` turns an engine's error met while reading rows into a :class:`KGError`.
    """
    def produce() -> Iterator[tuple]:
        count = 0
        try:
            for row in rows:
                if limit is not None and count >= limit:
                    result.truncated = True
                    return
                count += 1
                yield convert(row)
        except KGError:
            raise
        except Exception as exc:
            if failed is None:
                raise
            raise failed(exc) from None

    result.rows = produce()
    return result


def names_graphs(query: QueryText) -> bool:
    """True when the query has FROM or FROM NAMED: then it reads exactly the graphs it names.

    Those graphs are taken from the data given (files, store); nothing is ever
    fetched. Without them the default graph is the union of all graphs.
    """
    return any(tok.kind == "word" and tok.text.upper() == "FROM" for tok in tokenize(query.text))


def take_rows(rows: Iterable[Any], limit: int | None, convert: Callable[[Any], tuple]) -> tuple[list, bool]:
    out: list[tuple] = []
    for row in rows:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(convert(row))
    return out, False


# ---------------------------------------------------------------- local engines

def _oxigraph_execute(store: Any, query: QueryText, form: str, bindings: dict[str, Term],
                      limit: int | None) -> Result:
    import pyoxigraph as ox

    subs = {ox.Variable(k): to_oxigraph(t) for k, t in bindings.items()} or None
    union = not names_graphs(query)
    failed = _oxigraph_failure(query, bindings)
    # with --limit the engine sorts: converting every row to cut all but a few costs more
    plan = split_order(query) if form == "SELECT" and limit is None else None
    try:
        answer = store.query(plan.text if plan else query.text, use_default_graph_as_union=union,
                             substitutions=subs)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", boolean=bool(answer))
        convert = oxigraph_converter()
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            # a QuerySolution iterates over its values in the order of answer.variables
            if not plan:
                return lazy_rows(Result("SELECT", names), answer, limit, lambda s: tuple(map(convert, s)), failed)
            rows, more = take_rows(answer, limit, lambda s: tuple(map(convert, s)))
            if sortable(rows, names, plan.keys):
                rows = sort_rows(rows, names, plan.keys)
                if plan.hidden:
                    names, rows = drop_hidden(rows, names, plan)
                return Result("SELECT", names, rows, truncated=more)
            # literals Python would order differently: the engine sorts after all (and selects
            # only what the query selects: no hidden key column)
            answer = store.query(query.text, use_default_graph_as_union=union, substitutions=subs)
            names = [v.value for v in answer.variables]
            return lazy_rows(Result("SELECT", names), answer, limit, lambda s: tuple(map(convert, s)), failed)
        return lazy_rows(Result(form, ["subject", "predicate", "object"]), answer, limit,
                     lambda t: (convert(t.subject), convert(t.predicate), convert(t.object)), failed)
    except (SyntaxError, RuntimeError, ValueError, OSError) as exc:
        raise failed(exc) from None


def _oxigraph_failure(query: QueryText, bindings: dict[str, Term]) -> Callable[[Exception], KGError]:
    """How an Oxigraph error, met when the query starts or while its rows are read, reads as one line."""
    def failed(exc: Exception) -> KGError:
        if isinstance(exc, SyntaxError):
            return QueryError(f"{query.name}: {exc}")
        if isinstance(exc, OSError):
            return StoreError(f"{query.name}: cannot read the store: {exc}")
        message = str(exc)
        if "projection" in message or "substitut" in message.lower():
            given = ", ".join(f"?{n}" for n in bindings)
            return QueryError(f"{query.name}: Oxigraph binds a parameter ({given}) only in a SELECT query "
                              "that selects it; add it to the SELECT clause (or use --engine rdflib)")
        return QueryError(f"{query.name}: the query failed: {message}")

    return failed


class GraphFiles:
    """RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD, N3, TriX; kg.rdf_io reads them) queried in memory.

    ``engine="oxigraph"`` (default) loads them into an in-memory pyoxigraph
    Store; ``engine="rdflib"`` into an ``rdflib.Dataset`` with a union default
    graph. ``ontology=True`` adds ontology/gov.ttl as the graph <https://w3id.org/govkg/ont>.
    """

    local = True

    def __init__(self, paths: Iterable[str | os.PathLike[str]], engine: str = "oxigraph",
                 ontology: bool = False) -> None:
        if engine not in ("oxigraph", "rdflib"):
            raise UsageError(f"unknown engine {engine!r}; use oxigraph or rdflib")
        self.paths = [Path(p) for p in paths]
        self.engine = engine
        self.ontology = ontology
        self._data: Any = None
        self._prepared: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:  # a process started afresh (spawn) loads the files itself
        return {**self.__dict__, "_data": None, "_prepared": {}}

    def __repr__(self) -> str:
        return f"GraphFiles({[str(p) for p in self.paths]!r}, engine={self.engine!r})"

    def load(self) -> Any:
        if self._data is None:
            self._data = self._load_oxigraph() if self.engine == "oxigraph" else self._load_rdflib()
        return self._data

    def _load_oxigraph(self) -> Any:
        import pyoxigraph as ox

        from kg.rdf_io import load_files

        store = load_files(self.paths)
        if self.ontology:
            store.load(_ontology_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
        return store

    def _load_rdflib(self) -> Any:
        from rdflib import URIRef

        from kg.rdf_io import read_files

        dataset = read_files(self.paths)
        if self.ontology:
            dataset.graph(URIRef(ONTOLOGY_GRAPH)).parse(data=_ontology_bytes(), format="turtle")
        return dataset

    def execute(self, query: QueryText, form: str, bindings: dict[str, Term], limit: int | None) -> Result:
        data = self.load()
        if self.engine == "oxigraph":
            return _oxigraph_execute(data, query, form, bindings, limit)
        prepared = self._prepared.get(query.text)
        if prepared is None:
            from rdflib.plugins.sparql import prepareQuery

            try:
                prepared = self._prepared[query.text] = prepareQuery(query.text)
            except Exception as exc:  # noqa: BLE001
                raise QueryError(f"{query.name}: rdflib cannot read the query: {exc}") from None
        from kg.query.rdflib_engine import rdflib_execute

        return rdflib_execute(data, prepared, query, form, bindings, limit)


def _ontology_bytes() -> bytes:
    return ontology_text().encode("utf-8")


class OxigraphStore:
    """An Oxigraph store directory (one named graph per report), opened read-only."""

    local = True

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._store: Any = None
        self._pid = 0
        self._stamp: tuple = ()

    def __getstate__(self) -> dict[str, Any]:  # a store handle does not cross processes: the other side opens its own
        return {"path": self.path, "_store": None, "_pid": 0, "_stamp": ()}

    def close(self) -> None:
        """Let go of the store (it is opened again when next needed)."""
        self._store = None

    def refresh(self) -> None:
        """Open the store again at the next query if a writer changed it since it was opened."""
        if self._store is not None and self._pid == os.getpid() and store_stamp(self.path) != self._stamp:
            self._store = None

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path)!r})"

    def open(self) -> Any:
        if self._store is None or self._pid != os.getpid():  # a forked child opens its own
            self._stamp = store_stamp(self.path)  # before opening: a write that lands meanwhile changes it again
            if self.path.is_file():
                raise StoreError(f"{self.path}: is a file, not an Oxigraph store directory; "
                                 f"for RDF files use --graph {self.path}")
            from kg.store_open import open_store

            self._store = open_store(self.path)  # read-only; a store whose creation was cut short: repaired, or one line
            self._pid = os.getpid()
        return self._store

    def execute(self, query: QueryText, form: str, bindings: dict[str, Term], limit: int | None) -> Result:
        return _oxigraph_execute(self.open(), query, form, bindings, limit)


# RocksDB records every change in these: the write-ahead logs (*.log) grow with each
# write, and a flush or compaction rewrites the MANIFEST that CURRENT names. Table
# files (*.sst) never change once written, and the info LOG grows when a reader opens.
def store_stamp(path: Path) -> tuple:
    """Names, sizes and modification times of a store's log, MANIFEST and CURRENT files: changes when a writer wrote."""
    try:
        with os.scandir(path) as entries:
            files = [(e.name, e.stat()) for e in entries
                     if e.name.endswith(".log") or e.name.startswith("MANIFEST-") or e.name == "CURRENT"]
    except OSError:
        return ()
    return tuple(sorted((name, st.st_size, st.st_mtime_ns) for name, st in files))
