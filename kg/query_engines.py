"""Where a query runs: RDF files in memory, an Oxigraph store on disk, or a SPARQL 1.1 endpoint.

Every source answers with the same :class:`Result` of :class:`~kg.query_text.Term`
rows, whatever the engine. Parameters travel as bindings: Oxigraph
``substitutions``, rdflib ``initBindings``; only for an endpoint, whose protocol
has none, as an escaped ``VALUES`` clause (:func:`kg.query_text.inject_values`).

>>> from kg.query_text import parse_header
>>> src = GraphFiles([], engine="oxigraph")
>>> src.execute(parse_header("ASK { ?s ?p ?o }"), "ASK", {}, None).boolean
False
"""
from __future__ import annotations

import importlib.resources
import json
import multiprocessing
import os
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.auth import Credentials
from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.query_text import XSD, QueryText, Term, inject_values

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
    try:
        answer = store.query(query.text, use_default_graph_as_union=True, substitutions=subs)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", boolean=bool(answer))
        convert = _oxigraph_converter()
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            width = range(len(names))
            rows, more = _take(answer, limit, lambda s: tuple(convert(s[i]) for i in width))
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


# ---------------------------------------------------------------- SPARQL endpoint

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        raise StoreError(f"{_safe(req.full_url)}: the server redirects to {_safe(newurl)} (HTTP {code}); "
                         "query that URL instead")


def _safe(url: str) -> str:
    """The URL without user:password@ and without a query string (which may hold a token)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


class SparqlEndpoint:
    """A SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso …), urllib only."""

    local = False

    def __init__(self, url: str, credentials: Credentials | None = None, method: str = "post") -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"--endpoint needs an http:// or https:// URL, got {_safe(url) or url!r}")
        if parts.username or parts.password:
            raise UsageError("do not put credentials in the endpoint URL; use --user/--password, --token "
                             "or GOVKG_USER/GOVKG_PASSWORD/GOVKG_TOKEN")
        if method not in ("post", "get"):
            raise UsageError(f"unknown method {method!r}; use post or get")
        self.url = url
        self.credentials = credentials or Credentials()
        self.method = method

    def __repr__(self) -> str:
        return f"SparqlEndpoint({_safe(self.url)!r})"

    def request_text(self, query: QueryText, bindings: dict[str, Term]) -> str:
        return inject_values(query, bindings)

    def execute(self, query: QueryText, form: str, bindings: dict[str, Term], limit: int | None,
                timeout: float | None = None) -> Result:
        text = self.request_text(query, bindings)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        headers = {"Accept": accept, "User-Agent": "govkg", **self.credentials.headers()}
        form_data = urllib.parse.urlencode({"query": text})
        if self.method == "post":
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
            request = urllib.request.Request(self.url, data=form_data.encode(), headers=headers, method="POST")
        else:
            sep = "&" if urllib.parse.urlsplit(self.url).query else "?"
            request = urllib.request.Request(self.url + sep + form_data, headers=headers, method="GET")
        opener = urllib.request.build_opener(_NoRedirect)
        where = _safe(self.url)
        try:
            with opener.open(request, timeout=timeout) as response:
                body = response.read()
                ctype = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            raise self._http_error(query, exc) from None
        except TimeoutError:
            raise QueryError(f"{query.name}: stopped after {timeout:g} s (--timeout): {where} did not answer "
                             "in time; narrow the query with --param or raise --timeout") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise QueryError(f"{query.name}: stopped after {timeout:g} s (--timeout): {where} did not "
                                 "answer in time") from None
            raise StoreError(f"cannot reach the SPARQL endpoint {where}: {reason}") from None
        except OSError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {where}: {exc}") from None
        if graph:
            return self._graph_result(form, body, ctype, limit, where)
        return self._json_result(body, ctype, limit, where)

    def _http_error(self, query: QueryText, exc: urllib.error.HTTPError) -> KGError:
        where = _safe(self.url)
        try:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        except OSError:
            detail = []
        first = detail[0][:300] if detail else exc.reason
        if exc.code in (401, 403):
            return StoreError(f"{where} refused access (HTTP {exc.code}); give credentials with --user and "
                              "--password, --token, or GOVKG_USER/GOVKG_PASSWORD/GOVKG_TOKEN")
        if exc.code == 404:
            return StoreError(f"{where}: no SPARQL service here (HTTP 404); e.g. Oxigraph "
                              "http://host:7878/query, Fuseki http://host:3030/DATASET/sparql, GraphDB "
                              "http://host:7200/repositories/REPO")
        if exc.code == 400:
            return QueryError(f"{query.name}: {where} rejected the query (HTTP 400): {first}")
        return StoreError(f"{where} failed (HTTP {exc.code}): {first}")

    @staticmethod
    def _json_result(body: bytes, ctype: str, limit: int | None, where: str) -> Result:
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise StoreError(f"{where} answered with {ctype}, not SPARQL results JSON") from None
        if "boolean" in data:
            return Result("ASK", boolean=bool(data["boolean"]))
        names = list(data.get("head", {}).get("vars", []))
        bindings = data.get("results", {}).get("bindings", [])
        rows, more = _take(bindings, limit, lambda b: tuple(from_json(b.get(v)) for v in names))
        return Result("SELECT", names, rows, truncated=more)

    @staticmethod
    def _graph_result(form: str, body: bytes, ctype: str, limit: int | None, where: str) -> Result:
        import pyoxigraph as ox

        fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
        try:
            triples = list(ox.parse(body, format=fmt))
        except SyntaxError as exc:
            raise StoreError(f"{where} answered with {ctype} that cannot be read: {exc}") from None
        rows, more = _take(triples, limit, lambda t: (from_oxigraph(t.subject), from_oxigraph(t.predicate),
                                                      from_oxigraph(t.object)))
        return Result(form, ["subject", "predicate", "object"], rows, truncated=more)


# ---------------------------------------------------------------- timeouts

def call_with_timeout(work: Callable[[], Result], timeout: float | None, name: str) -> Result:
    """Run ``work`` and give up after ``timeout`` seconds.

    On Linux the work runs in a forked child (which shares the loaded graph
    copy-on-write) that is killed at the deadline, so the query really stops.
    Where fork is unsafe or missing (Windows, macOS) a daemon thread is
    abandoned instead: the message comes on time, the work ends with the process.
    """
    if not timeout:
        return work()
    stop_message = (f"{name}: stopped after {timeout:g} s (--timeout); narrow it with --param or --limit, "
                    "or raise --timeout")
    if sys.platform.startswith(("linux", "freebsd")) and "fork" in multiprocessing.get_all_start_methods():
        return _in_child(work, timeout, name, stop_message)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True, name="kg-query")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(stop_message + " (the query thread is abandoned and ends with this process)")
    if "error" in box:
        raise box["error"]
    return box["result"]


def _child_main(work: Callable[[], Result], conn: Any) -> None:
    try:
        message: tuple = ("ok", work())
    except KGError as exc:
        message = ("error", type(exc).__name__, str(exc))
    except BaseException as exc:  # noqa: BLE001
        message = ("error", "QueryError", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(message)
    except Exception as exc:  # noqa: BLE001 - e.g. a result too odd to pickle
        conn.send(("error", "QueryError", f"cannot hand back the results: {exc}"))
    conn.close()


def _in_child(work: Callable[[], Result], timeout: float, name: str, stop_message: str) -> Result:
    from kg import errors

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(work, send), daemon=True, name="kg-query")
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(stop_message)
        message = receive.recv()
    except EOFError:
        process.join(1)
        raise QueryError(f"{name}: the query process ended without an answer "
                         f"(exit code {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if message[0] == "ok":
        return message[1]
    error_class = getattr(errors, message[1], QueryError)
    if error_class not in (QueryError, StoreError, UsageError):
        error_class = QueryError
    raise error_class(message[2])
