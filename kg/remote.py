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

import os
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
from kg.http_client import AUTH_HINT, http_request, is_loopback, redact
from kg.rdf_io import ntriples, oxigraph_quads
from kg.store import BUILD_DIGEST, report_graphs, using_store

NTRIPLES = "application/n-triples"


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

    >>> push(kg.rdf_io.read_files(["out/graph.trig"]), "http://localhost:3030/govkg/sparql")   # doctest: +SKIP
    """
    started = time.perf_counter()
    credentials = credentials or Credentials()
    _check_url(endpoint, "endpoint")
    gsp = graph_store_url or _derive_graph_store_url(endpoint)
    gsp_parts = _check_url(gsp, "Graph Store Protocol URL")
    if progress and credentials.headers() and gsp_parts.scheme == "http" and not is_loopback(gsp_parts.hostname):
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
