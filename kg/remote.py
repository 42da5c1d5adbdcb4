"""Beyond one machine: push report graphs to any SPARQL 1.1 server.

Only standard protocols, only the standard library. Each report's named graph
goes up with one SPARQL 1.1 Graph Store HTTP Protocol request,
``PUT {graph store}?graph=<report IRI>`` with an N-Triples body; PUT replaces
the graph, so pushing the same reports twice changes nothing.

>>> from kg.remote import push, graph_store_url
>>> graph_store_url("http://localhost:7878")
'http://localhost:7878/store'
>>> graph_store_url("http://localhost:3030/govkg/sparql")
'http://localhost:3030/govkg/data'
>>> graph_store_url("http://localhost:7200/repositories/govkg")
'http://localhost:7200/repositories/govkg/rdf-graphs/service'
>>> stats = push("out/store", "http://localhost:7878")          # doctest: +SKIP

Credentials come from :mod:`kg.auth` (options, or GOVKG_USER / GOVKG_PASSWORD
or GOVKG_TOKEN) and travel only in the Authorization header; no message shows them.
"""
from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.auth import Credentials
from kg.errors import StoreError, UsageError
from kg.store import BUILD_DIGEST, ntriples, oxigraph_quads, report_graphs, using_store

NTRIPLES = "application/n-triples"
AUTH_HINT = "set GOVKG_USER and GOVKG_PASSWORD, or GOVKG_TOKEN (or pass --user/--password or --token)"


@dataclass(frozen=True)
class PushedGraph:
    iri: str
    triples: int
    status: int          # the HTTP status: 201 created, 204 or 200 replaced


@dataclass
class PushStats:
    endpoint: str
    graph_store: str
    graphs: list[PushedGraph] = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)


# ---------------------------------------------------------------- URLs

def redact(url: str) -> str:
    """``url`` without any user:password part, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _check_url(url: str, what: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{redact(url)}: the {what} must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{redact(url)}: put no credentials in the URL; {AUTH_HINT}")
    return parts


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL of a server, from its SPARQL endpoint URL.

    Known forms: Oxigraph server ``http://host:7878`` (or its ``/query``,
    ``/update``, ``/store``) → ``/store``; Apache Jena Fuseki
    ``http://host:3030/DS/sparql`` (``/query``, ``/update``, ``/data``, ``/get``,
    or the dataset URL) → ``/DS/data``; GraphDB or RDF4J
    ``…/repositories/REPO`` → ``…/repositories/REPO/rdf-graphs/service``;
    Virtuoso ``http://host:8890/sparql`` → ``/sparql-graph-crud``. Anything else:
    give the URL explicitly (``--graph-store``).
    """
    parts = _check_url(endpoint, "endpoint")
    path = parts.path.rstrip("/")
    segments = [s for s in path.split("/") if s]
    base = parts._replace(query="", fragment="")

    def at(new_path: str) -> str:
        return urllib.parse.urlunsplit(base._replace(path=new_path))

    if "repositories" in segments[:-1]:                       # GraphDB, RDF4J
        i = segments.index("repositories")
        return at("/" + "/".join(segments[: i + 2]) + "/rdf-graphs/service")
    if not segments or (len(segments) == 1 and segments[0] in ("query", "update", "store")):   # Oxigraph
        return at("/store")
    if segments == ["sparql"]:                                 # Virtuoso
        return at("/sparql-graph-crud")
    if len(segments) >= 2 and segments[-1] in ("sparql", "query", "update", "data", "get"):    # Fuseki
        return at("/" + "/".join(segments[:-1]) + "/data")
    if len(segments) == 1:                                     # a Fuseki dataset URL
        return at(f"/{segments[0]}/data")
    raise UsageError(
        f"{endpoint}: cannot tell this server's Graph Store Protocol URL; give it with --graph-store URL "
        "(Oxigraph: http://host:7878/store, Fuseki: http://host:3030/DS/data, "
        "GraphDB: http://host:7200/repositories/REPO/rdf-graphs/service)"
    )


_derive_graph_store_url = graph_store_url      # push() has a parameter of the same name


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str) -> urllib.request.OpenerDirector:
    """Proxies from the environment apply, except to this machine (loopback never goes through a proxy)."""
    if _is_loopback(urllib.parse.urlsplit(url).hostname):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


# ---------------------------------------------------------------- HTTP

def _hide(text: str, credentials: Credentials) -> str:
    """``text`` (a server's words) with any secret of ours blanked out, should the server echo one."""
    header = credentials.headers().get("Authorization", "")
    for secret in (header, header.partition(" ")[2], credentials.password, credentials.token):
        if secret:
            text = text.replace(secret, "***")
    return text


def http_request(method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None,
                 credentials: Credentials | None = None, timeout: float = 60.0,
                 label: str | None = None) -> tuple[int, bytes]:
    """One HTTP request; every failure becomes a :class:`StoreError` naming the URL (or ``label``), never a secret.

    ``timeout`` is a deadline for the whole request (a server that sends a
    byte at a time does not stretch it); the answer is read up to 16 MB.
    """
    box: dict[str, Any] = {}

    def attempt() -> None:
        try:
            box["answer"] = _request(method, url, body, headers, credentials, timeout, label)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    worker = threading.Thread(target=attempt, daemon=True, name="kg-http")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():  # abandoned: it ends with the process, or when the server gives up
        raise StoreError(f"{label or redact(url)}: no answer within {timeout:g} s; is the server busy? "
                         "raise --timeout or try again")
    if "error" in box:
        raise box["error"]
    return box["answer"]


MAX_ANSWER = 16 * 1024 * 1024  # a Graph Store Protocol answer is a status line and a few words


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str] | None,
             credentials: Credentials | None, timeout: float, label: str | None) -> tuple[int, bytes]:
    credentials = credentials or Credentials()
    shown = label or redact(url)
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={**(headers or {}), **credentials.headers()})
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            return response.status, response.read(MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        detail = _hide(_first_line(exc), credentials)
        raise StoreError(_http_message(method, shown, exc.code, detail, bool(credentials.headers()),
                                       exc.headers.get("Location"))) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise StoreError(f"{shown}: no answer within {timeout:g} s; is the server busy? "
                             "raise --timeout or try again") from None
        if isinstance(reason, ConnectionRefusedError):
            raise StoreError(f"{shown}: connection refused; is the server running, "
                             "and is the host and port right?") from None
        if isinstance(reason, socket.gaierror):
            raise StoreError(f"{shown}: unknown host; check the URL") from None
        raise StoreError(f"{shown}: cannot connect ({_hide(str(reason), credentials)})") from None
    except TimeoutError:
        raise StoreError(f"{shown}: no answer within {timeout:g} s; raise --timeout or try again") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise StoreError(f"{shown}: the connection failed ({type(exc).__name__}); try again") from None


def _first_line(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read(2000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - a body that cannot be read adds nothing
        text = ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else (exc.reason or ""))[:200]


def _http_message(method: str, url: str, code: int, detail: str, had_credentials: bool,
                  location: str | None) -> str:
    said = f" ({detail})" if detail else ""
    if code in (401, 403):
        if had_credentials:
            return (f"{url}: the server refused the credentials given (HTTP {code}){said}; "
                    f"check them and the user's rights ({AUTH_HINT})")
        return f"{url}: the server asks for credentials (HTTP {code}); {AUTH_HINT}"
    if code == 404:
        return (f"{url}: not found (HTTP 404); check the URL: the dataset or repository may not exist, "
                "or the server may have its Graph Store Protocol elsewhere (--graph-store URL)")
    if code == 405:
        return (f"{url}: the server does not allow {method} here (HTTP 405); this URL is not a writable "
                "Graph Store Protocol endpoint: give the right one with --graph-store URL")
    if code in (301, 302, 303, 307, 308):
        where = f" to {redact(location)}" if location else ""
        return f"{url}: the server redirects{where} (HTTP {code}); use that URL instead"
    if code == 413:
        return f"{url}: the server refused a graph this large (HTTP 413); raise its request size limit"
    return f"{url}: the server answered HTTP {code}{said}"


# ---------------------------------------------------------------- push

def _payloads(source: Any) -> Iterator[tuple[str, bytes, int]]:
    """(report IRI, N-Triples body, triples) for each report graph of a Dataset, Graph or store folder."""
    if isinstance(source, Graph):
        for name, graph in report_graphs(source):
            if not isinstance(name, URIRef):
                raise StoreError(f"a graph named by a blank node ({name}) cannot be pushed; name it by its report IRI")
            triples = [q.triple for q in oxigraph_quads(graph, name)]
            yield str(name), ntriples(triples), len(triples)
        return
    if isinstance(source, (str, os.PathLike)):
        def read(store: ox.Store) -> list[tuple[str, bytes, int]]:
            out = []
            for name in sorted(store.named_graphs(), key=str):
                if not isinstance(name, ox.NamedNode):
                    continue
                quads = [q for q in store.quads_for_pattern(None, None, None, name)
                         if q.predicate != BUILD_DIGEST]   # bookkeeping of the embedded store, not the report's
                if quads:
                    out.append((name.value, ntriples(q.triple for q in quads), len(quads)))
            return out
        yield from using_store(Path(source), read)
        return
    raise UsageError(f"push takes an rdflib Dataset or a store folder, not {type(source).__name__}")


def push(source: Any, endpoint: str, *, graph_store_url: str | None = None,
         credentials: Credentials | None = None, timeout: float = 60.0,
         progress: Callable[[str], None] | None = None) -> PushStats:
    """PUT each report graph of ``source`` (rdflib Dataset or store folder) to the server at ``endpoint``.

    ``graph_store_url`` overrides the Graph Store Protocol URL derived from
    ``endpoint`` (see :func:`graph_store_url`). ``progress`` gets one line per graph.

    >>> push(kg.store.read_files(["out/graph.trig"]), "http://localhost:3030/govkg/sparql")   # doctest: +SKIP
    """
    started = time.perf_counter()
    credentials = credentials or Credentials()
    _check_url(endpoint, "endpoint")
    gsp = graph_store_url or _derive_graph_store_url(endpoint)
    gsp_parts = _check_url(gsp, "Graph Store Protocol URL")
    if progress and credentials.headers() and gsp_parts.scheme == "http" and not _is_loopback(gsp_parts.hostname):
        progress(f"warning: sending credentials over plain http to {gsp_parts.hostname}; prefer https")
    stats = PushStats(endpoint=redact(endpoint), graph_store=redact(gsp))
    payloads = list(_payloads(source))
    if not payloads:
        raise StoreError("nothing to push: the data holds no report graph")
    for i, (iri, body, count) in enumerate(payloads, 1):
        sep = "&" if gsp_parts.query else "?"
        url = f"{gsp}{sep}{urllib.parse.urlencode({'graph': iri})}"
        status, _ = http_request("PUT", url, body=body, headers={"Content-Type": NTRIPLES},
                                 credentials=credentials, timeout=timeout, label=f"{stats.graph_store} (graph <{iri}>)")
        stats.graphs.append(PushedGraph(iri, count, status))
        stats.bytes += len(body)
        if progress:
            progress(f"[{i}/{len(payloads)}] {iri}: {count} triples, HTTP {status}")
    stats.seconds = time.perf_counter() - started
    return stats


__all__ = ["NTRIPLES", "PushStats", "PushedGraph", "graph_store_url", "http_request", "push", "redact"]
