"""A SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso …), urllib only.

The protocol has no bindings: parameters go as an escaped ``VALUES`` clause in
every SELECT group (:func:`kg.query_syntax.inject_values`). Credentials come
from :mod:`kg.auth` and never appear in a message.
"""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request

from kg.auth import Credentials
from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.query_engines import Result, _oxigraph_converter, _take, from_json
from kg.query_syntax import inject_values
from kg.query_text import QueryText, Term


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
        convert = _oxigraph_converter()
        rows, more = _take(triples, limit, lambda t: (convert(t.subject), convert(t.predicate), convert(t.object)))
        return Result(form, ["subject", "predicate", "object"], rows, truncated=more)
