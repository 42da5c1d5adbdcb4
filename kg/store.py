"""The embedded store: an Oxigraph database on disk, one named graph per report.

The graph name of each report is the report's IRI (see docs/graph-shape.md), so
storing a report again replaces exactly its graph and removing a report drops
exactly its graph; triples about shared programmes or documents that other
reports state stay in those reports' graphs.

>>> from kg.store import replace_reports, list_reports, export_store
>>> stats = replace_reports("out/store", dataset)          # doctest: +SKIP
>>> [(r.iri, r.source, r.quads) for r in list_reports("out/store")]   # doctest: +SKIP
>>> export_store("out/store", "out/all.trig")              # doctest: +SKIP

Oxigraph stores numeric literals in canonical form (``"43.0"^^xsd:decimal``
comes back as ``"43"^^xsd:decimal``, language tags in lower case): the same
values, not always the same lexical forms.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import ConjunctiveGraph, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import IdentifiedNode

from kg.errors import StoreError, UsageError
from kg.namespaces import DCTERMS, GOV, PREFIX_IRIS, RDF
from kg.rdf_io import ToOxigraph, ToRdflib, ntriples, oxigraph_quads, rdf_format, write_quads
from kg.store_open import (  # re-exported: stores open through kg.store
    check_store_dir,
    open_store,
    using_store,
)

PathLike = str | os.PathLike[str]

# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class ReportInfo:
    """One report graph in a store."""

    iri: str
    title: str | None
    source: str | None
    year: str | None
    quads: int


@dataclass(frozen=True)
class ReportChange:
    """What :func:`replace_reports` did to one report graph."""

    iri: str
    status: str          # "added", "replaced" or "unchanged"
    quads: int           # quads in the graph now
    added: int
    removed: int


@dataclass
class StoreStats:
    store: str
    reports: list[ReportChange] = field(default_factory=list)
    total_quads: int = 0
    seconds: float = 0.0
    #: (IRI, source) of other graphs in the store built from the same source as a
    #: report just stored (an earlier version of its text); removed only when asked.
    same_source: list[tuple[str, str]] = field(default_factory=list)
    removed_same_source: list[str] = field(default_factory=list)


def report_graphs(dataset: Dataset | Graph, label: str = "the data") -> list[tuple[IdentifiedNode, Graph]]:
    """The non-empty named graphs of ``dataset``, each one report, as (graph name, graph).

    Triples outside any named graph are accepted only when there is exactly one
    ``gov:Report`` among them and no named graph (a Turtle file of one report):
    they become that report's graph. Otherwise they cannot be assigned to a
    report and :class:`StoreError` says so.
    """
    default_id: IdentifiedNode
    if isinstance(dataset, Dataset):
        graphs, default_id = list(dataset.graphs()), DATASET_DEFAULT_GRAPH_ID
    elif isinstance(dataset, ConjunctiveGraph):
        graphs, default_id = list(dataset.contexts()), dataset.default_context.identifier
    else:
        graphs, default_id = [dataset], dataset.identifier
    named = [(g.identifier, g) for g in graphs if g.identifier != default_id and len(g)]
    default = [g for g in graphs if g.identifier == default_id]
    loose = sum(len(g) for g in default)
    if not loose:
        return sorted(named, key=lambda pair: str(pair[0]))
    reports = set(default[0].subjects(RDF.type, GOV.Report)) if len(default) == 1 else set()
    if not named and len(reports) == 1:
        report = next(iter(reports))
        if isinstance(report, URIRef):
            return [(report, default[0])]
    raise StoreError(
        f"{label}: {loose} triples are outside any named graph and cannot be assigned to one report "
        f"({len(reports)} gov:Report found there); store a TriG or N-Quads file written by 'kg build', "
        "where each report has its own graph"
    )


# ---------------------------------------------------------------- writing

def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _ntriples(quads: Iterable[ox.Quad]) -> str:
    return ntriples(q.triple for q in quads).decode("utf-8")


def _has_blank(quads: Iterable[ox.Quad]) -> bool:
    return any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)


def _replace_graph(store: ox.Store, name: Any, quads: list[ox.Quad]) -> ReportChange:
    """Make graph ``name`` hold exactly ``quads``, in one transaction, writing only what changed."""
    old = set(store.quads_for_pattern(None, None, None, name))
    iri = name.value
    if not old:
        store.extend(quads)
        return ReportChange(iri, "added", len(quads), len(quads), 0)
    memory = ox.Store()             # in memory: the canonical literals the disk store holds
    memory.extend(quads)
    new = set(memory)
    if old == new:
        return ReportChange(iri, "unchanged", len(new), 0, 0)
    if _has_blank(old) or _has_blank(new):   # blank nodes cannot be matched across builds: replace all
        store.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{_ntriples(quads)}}} }}")
        return ReportChange(iri, "replaced", len(new), len(new), len(old))
    gone, fresh = old - new, new - old
    parts = []
    if gone:
        parts.append(f"DELETE DATA {{ GRAPH {name} {{\n{_ntriples(gone)}}} }}")
    if fresh:
        parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{_ntriples(fresh)}}} }}")
    store.update(" ;\n".join(parts))
    return ReportChange(iri, "replaced", len(new), len(fresh), len(gone))


_SOURCES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?source WHERE { GRAPH ?g { ?g dcterms:source ?source } }
"""


def replace_reports(store_dir: PathLike, dataset: Dataset | Graph | ox.Store, *,
                    replace_same_source: bool = False) -> StoreStats:
    """Store each report graph of ``dataset`` in the store at ``store_dir``, replacing its old version.

    One transaction per report; a report stored again unchanged writes nothing.
    Graphs of other reports are not touched. Other graphs built from the same
    ``dcterms:source`` (an earlier text of the same file) are listed in
    ``same_source``, and dropped too when ``replace_same_source`` is true.

    >>> stats = replace_reports("out/store", kg.build_dataset(["a.txt"]))    # doctest: +SKIP
    >>> [(c.iri, c.status) for c in stats.reports]                          # doctest: +SKIP
    """
    started = time.perf_counter()
    converted: list[tuple[Any, list[ox.Quad]]] = []
    sources: dict[str, set[str]] = {}
    if isinstance(dataset, ox.Store):  # a build's in-memory store: its graphs are reports already
        source_p = ox.NamedNode(str(DCTERMS.source))
        for node in sorted(dataset.named_graphs(), key=str):
            quads = list(dataset.quads_for_pattern(None, None, None, node))
            converted.append((node, quads))
            sources[node.value] = {str(getattr(q.object, "value", q.object)) for q in quads
                                   if q.predicate == source_p and q.subject == node}
        reports: list[tuple[IdentifiedNode, Graph]] = []
    else:
        reports = report_graphs(dataset)
    conv = ToOxigraph()
    for name, graph in reports:
        if not isinstance(name, URIRef):
            raise StoreError(f"a graph named by a blank node ({name}): name each report's graph by its IRI")
        try:
            converted.append((conv(name), list(oxigraph_quads(graph, name, conv))))
        except ValueError as exc:
            raise StoreError(f"report graph <{name}>: {exc}; the graph holds a term Oxigraph rejects") from None
        sources[str(name)] = {str(s) for s in graph.objects(name, DCTERMS.source)}

    def work(store: ox.Store) -> StoreStats:
        stats = StoreStats(store=str(store_dir))
        for node, quads in converted:
            stats.reports.append(_replace_graph(store, node, quads))
        for row in _select(store, _SOURCES):
            iri, source = row["g"].value, row["source"].value
            if iri not in sources and any(source in s for s in sources.values()):
                stats.same_source.append((iri, source))
        if replace_same_source and stats.same_source:
            olds = sorted({iri for iri, _ in stats.same_source})
            store.update(" ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in olds))
            stats.removed_same_source = olds
        stats.total_quads = len(store)
        return stats

    stats = using_store(store_dir, work, write=True)
    stats.seconds = time.perf_counter() - started
    return stats


def remove_reports(store_dir: PathLike, which: list[str]) -> list[str]:
    """Remove the reports built from these source paths, or with these report IRIs; returns the IRIs removed.

    A source matches a report's ``dcterms:source`` exactly or as the same
    resolved path; ``id:report/…`` is read as a govkg IRI. If anything is not
    found, nothing is removed. All graphs are dropped in one transaction.

    >>> remove_reports("out/store", ["reports/2023.txt"])     # doctest: +SKIP
    ['https://w3id.org/govkg/id/report/…']
    """
    if not which:
        raise UsageError("name at least one report to remove (its source path or IRI)")
    infos = list_reports(store_dir)
    chosen: list[str] = []
    unknown: list[str] = []
    for wanted in which:
        hits = [r.iri for r in infos if _matches(r, wanted)]
        if not hits:
            unknown.append(wanted)
        chosen.extend(h for h in hits if h not in chosen)
    if unknown:
        names = ", ".join(unknown)
        raise StoreError(
            f"{names}: no report in {store_dir} has this source or IRI; nothing was removed; "
            f"run 'kg reports --store {store_dir}' to see what the store holds"
        )

    def work(store: ox.Store) -> None:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in chosen))

    using_store(store_dir, work, write=True)
    return chosen


def _expand(wanted: str) -> str:
    wanted = wanted.strip()
    if wanted.startswith("<") and wanted.endswith(">"):
        return wanted[1:-1]
    for prefix in ("id:",):
        if wanted.startswith(prefix):
            return PREFIX_IRIS[prefix[:-1]] + wanted[len(prefix):]
    return wanted


def _same_path(a: str, b: str) -> bool:
    if "://" in a or "://" in b:
        return False
    try:
        return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def _matches(report: ReportInfo, wanted: str) -> bool:
    if report.iri == _expand(wanted):
        return True
    return report.source is not None and (report.source == wanted or _same_path(report.source, wanted))


# ---------------------------------------------------------------- reading

_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_REPORTS = """
PREFIX gov: <https://w3id.org/govkg/ont#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?r ?title ?source ?year WHERE {
  GRAPH ?g { ?r a gov:Report .
    OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r dcterms:source ?source } OPTIONAL { ?r gov:year ?year } }
}
"""


def list_reports(store_dir: PathLike) -> list[ReportInfo]:
    """The report graphs in the store: IRI, title, source, year and number of quads, by source.

    >>> for r in list_reports("out/store"):                   # doctest: +SKIP
    ...     print(r.iri, r.source, r.quads)
    """
    def work(store: ox.Store) -> list[ReportInfo]:
        counts = {row["g"].value: int(row["n"].value) for row in _select(store, _COUNTS)}
        details: dict[str, tuple[str | None, str | None, str | None]] = {}
        for row in _select(store, _REPORTS):
            g, r = row["g"].value, row["r"].value
            if g in details and r != g:        # the report named like its graph wins
                continue
            details[g] = tuple(row[k].value if row[k] is not None else None   # type: ignore[assignment]
                               for k in ("title", "source", "year"))
        return [ReportInfo(g, *details.get(g, (None, None, None)), quads=n) for g, n in counts.items()]

    infos = using_store(store_dir, work)
    return sorted(infos, key=lambda r: (r.source or "", r.iri))


#: ``gov:buildDigest``: what a report graph in a store was built from (see kg.store_build); exports leave it out.
BUILD_DIGEST = ox.NamedNode(str(GOV.buildDigest))


def _all_quads(store_dir: PathLike) -> list[ox.Quad]:
    return using_store(store_dir, lambda store: [q for q in store if q.predicate != BUILD_DIGEST])


def read_dataset(store_dir: PathLike) -> Dataset:
    """The whole store as an rdflib Dataset, one named graph per report; its default graph is the union.

    >>> ds = read_dataset("out/store")                        # doctest: +SKIP
    """
    quads = _all_quads(store_dir)
    dataset = Dataset(default_union=True)
    conv = ToRdflib()
    graphs: dict[Any, Graph] = {}

    def rows() -> Iterator[tuple[Any, Any, Any, Graph]]:
        for q in quads:
            graph = graphs.get(q.graph_name)
            if graph is None:
                ident = DATASET_DEFAULT_GRAPH_ID if isinstance(q.graph_name, ox.DefaultGraph) else conv(q.graph_name)
                graph = graphs[q.graph_name] = dataset.graph(ident)
            yield conv(q.subject), conv(q.predicate), conv(q.object), graph

    dataset.addN(rows())
    return dataset


# ---------------------------------------------------------------- exporting

def export_store(store_dir: PathLike, path: PathLike) -> int:
    """Write the whole store to ``path`` in the RDF format of its extension; returns the statements written.

    >>> export_store("out/store", "out/all.trig")              # doctest: +SKIP
    """
    rdf_format(path)          # a wrong extension fails before the store is read
    return write_quads(_all_quads(store_dir), path)


__all__ = [
    "ReportChange",
    "ReportInfo",
    "StoreStats",
    "check_store_dir",
    "export_store",
    "list_reports",
    "open_store",
    "read_dataset",
    "remove_reports",
    "replace_reports",
    "report_graphs",
    "using_store",
]
