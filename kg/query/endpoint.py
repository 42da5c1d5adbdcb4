"""A SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso …), urllib only.

The protocol has no bindings: parameters go as an escaped ``VALUES`` clause in
every SELECT group (:func:`kg.query.syntax.inject_values`). Credentials come
from :mod:`kg.auth` and never appear in a message. The answer is read as it
arrives, up to ``max_bytes`` (:mod:`kg.query.endpoint_reader`); the whole request's
deadline is kept by :mod:`kg.query.timeout`.
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from kg.auth import Credentials
from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.http_client import opener, redact
from kg.query.endpoint_reader import ChunkFile, capped_chunks, json_results
from kg.query.engines import Result, lazy_rows
from kg.query.syntax import inject_values
from kg.query.terms import from_json, oxigraph_converter
from kg.query.text import QueryText, Term

MAX_RESPONSE_MB = 256.0  # an endpoint's answer beyond this is refused (--max-response-mb)


def query_url(url: str) -> str:
    """The URL queries go to: a server's bare address means Oxigraph's ``/query``, as ``kg push`` reads it.

    ``http://host:7878`` is what ``oxigraph serve`` prints and what ``kg push``
    takes; its root answers no queries, so both commands read it the same way.
    Any URL with a path is used as given.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.path in ("", "/") and not parts.query:
        return urllib.parse.urlunsplit(parts._replace(path="/query"))
    return url


class SparqlEndpoint:
    """A SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso …), urllib only."""

    local = False

    def __init__(self, url: str, credentials: Credentials | None = None, method: str = "post",
                 max_bytes: int = int(MAX_RESPONSE_MB * 2**20)) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"--endpoint needs an http:// or https:// URL, got {redact(url, query=False) or url!r}")
        if parts.username or parts.password:
            raise UsageError("do not put credentials in the endpoint URL; use --user/--password, --token "
                             "or GOVKG_USER/GOVKG_PASSWORD/GOVKG_TOKEN")
        if method not in ("post", "get"):
            raise UsageError(f"unknown method {method!r}; use post or get")
        self.url = query_url(url)
        self.credentials = credentials or Credentials()
        self.method = method
        self.max_bytes = max_bytes

    def __repr__(self) -> str:
        return f"SparqlEndpoint({redact(self.url, query=False)!r})"

    def default_graph_hint(self, timeout: float | None = 30) -> str | None:
        """Why a query found nothing, when the reason is the server's default graph; else None.

        Report triples live in named graphs; a server whose default graph is not
        their union answers plain queries with no rows. Two ASKs tell this apart
        from a query that simply matched nothing.
        """
        def ask(text: str) -> bool:
            try:
                return bool(self.execute(QueryText(text, name="default graph check"), "ASK", {}, None,
                                         timeout=timeout).boolean)
            except KGError:
                return False

        report = "<https://w3id.org/govkg/ont#Report>"
        if ask(f"ASK {{ ?r a {report} }}") or not ask(f"ASK {{ GRAPH ?g {{ ?r a {report} }} }}"):
            return None
        return (f"{redact(self.url, query=False)}: its default graph holds no report, though its named graphs do, so queries "
                "without GRAPH find nothing; make the default graph the union of the named graphs "
                "(oxigraph serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true; see docs/store.md)")

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
        where = redact(self.url, query=False)
        try:
            response = opener(self.url).open(request, timeout=timeout)
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
        chunks = capped_chunks(response, self.max_bytes, where)
        if graph:
            return self._graph_result(form, chunks, ctype, limit, where)
        return self._json_result(chunks, ctype, limit, where)

    def _http_error(self, query: QueryText, exc: urllib.error.HTTPError) -> KGError:
        where = redact(self.url, query=False)
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
        if exc.code in (301, 302, 303, 307, 308):
            target = exc.headers.get("Location")
            where_to = f" to {redact(target, query=False)}" if target else ""
            return StoreError(f"{where}: the server redirects{where_to} (HTTP {exc.code}); query that URL instead")
        if exc.code == 400:
            return QueryError(f"{query.name}: {where} rejected the query (HTTP 400): {first}")
        return StoreError(f"{where} failed (HTTP {exc.code}): {first}")

    @staticmethod
    def _json_result(chunks: Iterator[bytes], ctype: str, limit: int | None, where: str) -> Result:
        names, boolean, bindings = json_results(chunks, where, ctype)
        if boolean is not None:
            return Result("ASK", boolean=boolean)
        assert names is not None
        return lazy_rows(Result("SELECT", names), bindings, limit, lambda b: tuple(from_json(b.get(v)) for v in names),
                     lambda exc: StoreError(f"{where} answered with {ctype}, not SPARQL results JSON ({exc})"))

    @staticmethod
    def _graph_result(form: str, chunks: Iterator[bytes], ctype: str, limit: int | None, where: str) -> Result:
        import pyoxigraph as ox

        fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
        triples = ox.parse(ChunkFile(chunks), format=fmt)  # type: ignore[arg-type]
        convert = oxigraph_converter()
        return lazy_rows(Result(form, ["subject", "predicate", "object"]), triples, limit,
                     lambda t: (convert(t.subject), convert(t.predicate), convert(t.object)),
                     lambda exc: StoreError(f"{where} answered with {ctype} that cannot be read: {exc}"))
