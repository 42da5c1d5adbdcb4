"""Where a query runs locally: RDF files in memory, or an Oxigraph store on disk.

Every source answers with the same :class:`Result` of :class:`~kg.query_text.Term`
rows, whatever the engine (the endpoint in :mod:`kg.query_endpoint` too).
Parameters travel as bindings: Oxigraph ``substitutions``, rdflib
``initBindings``.

>>> from kg.query_text import parse_header
>>> src = GraphFiles([], engine="oxigraph")
>>> src.execute(parse_header("ASK { ?s ?p ?o }"), "ASK", {}, None).boolean
False
"""
from __future__ import annotations

import importlib.resources
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.query_order import sort_rows, sortable, split_order
from kg.query_text import XSD, QueryText, Term


def has_dataset_clause(query: QueryText) -> bool:
    """Whether the query names its dataset (FROM or FROM NAMED, which appear nowhere else in SPARQL)."""
    from kg.query_syntax import tokenize

    return any(tok.kind == "word" and tok.text.upper() == "FROM" for tok in tokenize(query.text))

XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                              "positiveInteger", "nonPositiveInteger", "negativeInteger",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
ONTOLOGY_GRAPH = "https://w3id.org/govkg/ont"


@dataclass
class Result:
    """What a query returned: rows for SELECT (and s/p/o rows for CONSTRUCT/DESCRIBE), or a boolean."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False  # there were more rows than the limit

    def without(self, names: Iterable[str]) -> Result:
        drop = set(names) & set(self.variables)
        if not drop:
            return self
        keep = [i for i, v in enumerate(self.variables) if v not in drop]
        return Result(self.form, [self.variables[i] for i in keep],
                      [tuple(row[i] for i in keep) for row in self.rows], self.boolean, self.truncated)

    def records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: value}`` with unbound variables left out (handy in notebooks)."""
        return [{v: t.value for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


# ---------------------------------------------------------------- term conversion

def canonical_number(lexical: str, datatype: str | None) -> str:
    """Integers and decimals in canonical form (43.0 → 43), as Oxigraph writes them."""
    try:
        if datatype in _INTEGERS:
            return str(int(lexical))
        if datatype == XSD + "decimal":
            value = Decimal(lexical)
            if value == value.to_integral_value():
                return str(int(value))
            return format(value.normalize(), "f")
    except (ValueError, InvalidOperation):
        pass
    return lexical


def _literal(value: str, datatype: str | None, lang: str | None) -> Term:
    if lang:
        return Term("literal", value, None, lang)
    if datatype in (None, XSD_STRING, RDF_LANGSTRING):
        return Term("literal", value)
    return Term("literal", canonical_number(value, datatype), datatype)


def from_oxigraph(term: Any) -> Term | None:
    return _oxigraph_converter()(term)


def _oxigraph_converter() -> Callable[[Any], Term | None]:
    """A converter with its own cache: the same labels and IRIs recur across many rows."""
    import pyoxigraph as ox

    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    cache: dict[Any, Term] = {}

    def convert(term: Any) -> Term | None:
        if term is None:
            return None
        hit = cache.get(term)
        if hit is not None:
            return hit
        kind = type(term)
        if kind is named:
            out = Term("uri", term.value)
        elif kind is literal:
            out = _literal(term.value, term.datatype.value, term.language)
        elif kind is blank:
            out = Term("bnode", term.value)
        else:
            out = Term("triple", str(term))
        cache[term] = out
        return out

    return convert


def to_oxigraph(term: Term) -> Any:
    import pyoxigraph as ox

    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def from_rdflib(term: Any) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, Literal):
        return _literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    return Term("triple", str(term))


def to_rdflib(term: Term) -> Any:
    from rdflib import Literal, URIRef

    if term.kind == "uri":
        return URIRef(term.value)
    return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)


def from_json(cell: dict[str, Any] | None) -> Term | None:
    if cell is None:
        return None
    kind = cell.get("type")
    if kind in ("literal", "typed-literal"):
        return _literal(cell.get("value", ""), cell.get("datatype"), cell.get("xml:lang"))
    if kind == "triple":
        return Term("triple", json.dumps(cell.get("value")))
    return Term("uri" if kind == "uri" else "bnode", cell.get("value", ""))


def _take(rows: Iterable[Any], limit: int | None, convert: Callable[[Any], tuple]) -> tuple[list, bool]:
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
    # with --limit the engine sorts: converting every row to cut all but a few costs more
    plan = split_order(query) if form == "SELECT" and limit is None else None
    union = not has_dataset_clause(query)  # FROM / FROM NAMED replace the union default graph
    try:
        answer = store.query(plan.text if plan else query.text, use_default_graph_as_union=union,
                             substitutions=subs)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", boolean=bool(answer))
        convert = _oxigraph_converter()
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            # a QuerySolution iterates over its values in the order of answer.variables
            rows, more = _take(answer, limit, lambda s: tuple(map(convert, s)))
            if plan and sortable(rows, names, plan.keys):
                rows = sort_rows(rows, names, plan.keys)
            elif plan:  # literals Python would order differently: the engine sorts after all
                answer = store.query(query.text, use_default_graph_as_union=union, substitutions=subs)
                rows, more = _take(answer, limit, lambda s: tuple(map(convert, s)))
            return Result("SELECT", names, rows, truncated=more)
        rows, more = _take(answer, limit, lambda t: (convert(t.subject), convert(t.predicate), convert(t.object)))
        return Result(form, ["subject", "predicate", "object"], rows, truncated=more)
    except SyntaxError as exc:
        raise QueryError(f"{query.name}: {exc}") from None
    except (RuntimeError, ValueError) as exc:
        message = str(exc)
        if "projection" in message or "substitut" in message.lower():
            given = ", ".join(f"?{n}" for n in bindings)
            raise QueryError(f"{query.name}: Oxigraph binds a parameter ({given}) only in a SELECT query "
                             "that selects it; add it to the SELECT clause (or use --engine rdflib)") from None
        raise QueryError(f"{query.name}: the query failed: {message}") from None
    except OSError as exc:
        raise StoreError(f"{query.name}: cannot read the store: {exc}") from None


def _rdflib_execute(dataset: Any, prepared: Any, query: QueryText, form: str,
                    bindings: dict[str, Term], limit: int | None) -> Result:
    init = {k: to_rdflib(t) for k, t in bindings.items()}
    try:
        answer = dataset.query(prepared, initBindings=init)
        if answer.type == "ASK":
            return Result("ASK", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            names = [str(v) for v in answer.vars or []]
            rows, more = _take(answer, limit, lambda r: tuple(from_rdflib(t) for t in r))
            return Result("SELECT", names, rows, truncated=more)
        rows, more = _take(answer.graph, limit, lambda t: tuple(from_rdflib(x) for x in t))
        return Result(form, ["subject", "predicate", "object"], rows, truncated=more)
    except KGError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds
        raise QueryError(f"{query.name}: rdflib could not run the query: {type(exc).__name__}: {exc}") from None


def _rdf_format(path: Path) -> str | None:
    from rdflib.util import guess_format

    return guess_format(path.name) or {".jsonld": "json-ld", ".json": "json-ld"}.get(path.suffix)


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise StoreError(f"{path}: no such graph file")
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; for an Oxigraph store use --store {path}")
    if not os.access(path, os.R_OK):
        raise StoreError(f"{path}: cannot read the graph file (permission denied)")


class GraphFiles:
    """RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD, N3, TriX…) queried in memory.

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

    def __repr__(self) -> str:
        return f"GraphFiles({[str(p) for p in self.paths]!r}, engine={self.engine!r})"

    def load(self) -> Any:
        if self._data is None:
            self._data = self._load_oxigraph() if self.engine == "oxigraph" else self._load_rdflib()
        return self._data

    def _load_oxigraph(self) -> Any:
        import pyoxigraph as ox

        store = ox.Store()
        for path in self.paths:
            _check_readable(path)
            fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
            if fmt is None:  # TriX, HexTuples, .owl …: rdflib reads, Oxigraph stores
                dataset = self._parse_rdflib(path)
                store.load(dataset.serialize(format="nquads"), format=ox.RdfFormat.N_QUADS)
                continue
            try:
                store.load(path=str(path), format=fmt)
            except SyntaxError as exc:
                raise StoreError(f"{path}: not valid {fmt.name}: {exc}") from None
            except (OSError, ValueError) as exc:
                raise StoreError(f"{path}: cannot read the graph file: {exc}") from None
        if self.ontology:
            store.load(_ontology_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
        return store

    def _load_rdflib(self) -> Any:
        from rdflib import Dataset, URIRef

        dataset = Dataset(default_union=True)
        for path in self.paths:
            _check_readable(path)
            self._parse_rdflib(path, dataset)
        if self.ontology:
            dataset.graph(URIRef(ONTOLOGY_GRAPH)).parse(data=_ontology_bytes(), format="turtle")
        return dataset

    @staticmethod
    def _parse_rdflib(path: Path, dataset: Any = None) -> Any:
        from rdflib import Dataset

        dataset = dataset if dataset is not None else Dataset(default_union=True)
        fmt = _rdf_format(path)
        if fmt is None:
            raise StoreError(f"{path}: cannot tell the RDF format from the file name; "
                             "use .ttl .trig .nt .nq .rdf .jsonld .n3 or .trix")
        try:
            dataset.parse(str(path), format=fmt)
        except Exception as exc:  # noqa: BLE001 - rdflib parsers raise many kinds
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{path}: not valid {fmt}: {first}") from None
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
        return _rdflib_execute(data, prepared, query, form, bindings, limit)


def _ontology_bytes() -> bytes:
    return (importlib.resources.files("kg.ontology") / "gov.ttl").read_bytes()


class OxigraphStore:
    """An Oxigraph store directory (one named graph per report), opened read-only."""

    local = True

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._store: Any = None
        self._pid = 0

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path)!r})"

    def open(self) -> Any:
        if self._store is None or self._pid != os.getpid():  # a forked child opens its own
            import pyoxigraph as ox

            if not self.path.exists():
                raise StoreError(f"{self.path}: no such store directory")
            if not self.path.is_dir():
                raise StoreError(f"{self.path}: is a file, not an Oxigraph store directory; "
                                 f"for RDF files use --graph {self.path}")
            try:
                self._store = ox.Store.read_only(str(self.path))
            except OSError as exc:
                detail = "no Oxigraph data in it" if "CURRENT" in str(exc) else str(exc)
                raise StoreError(f"{self.path}: cannot open the Oxigraph store ({detail})") from None
            self._pid = os.getpid()
        return self._store

    def execute(self, query: QueryText, form: str, bindings: dict[str, Term], limit: int | None) -> Result:
        return _oxigraph_execute(self.open(), query, form, bindings, limit)
