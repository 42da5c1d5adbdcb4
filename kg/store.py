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
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import IdentifiedNode

from kg.atomic import atomic_path
from kg.errors import StoreError, UsageError
from kg.namespaces import DCTERMS, GOV, PREFIXES, RDF
from kg.store_open import (  # re-exported: stores open through kg.store
    check_store_dir,
    open_store,
    using_store,
)

PathLike = str | os.PathLike[str]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: File extensions of the RDF formats read and written here.
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {   # extension → (rdflib parser name, Oxigraph format)
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".trig": ("trig", ox.RdfFormat.TRIG),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    ".rdf": ("xml", ox.RdfFormat.RDF_XML),
    ".owl": ("xml", ox.RdfFormat.RDF_XML),
    ".n3": ("n3", ox.RdfFormat.N3),
}


def _formats_hint() -> str:
    return ", ".join(RDF_FORMATS)


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


# ---------------------------------------------------------------- terms

class _Cached:
    """A term converter that remembers its answers (the same IRIs recur thousands of times)."""

    def __init__(self) -> None:
        self.cache: dict[Any, Any] = {}

    def __call__(self, term: Any) -> Any:
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = self.convert(term)
        return found

    def convert(self, term: Any) -> Any:
        raise NotImplementedError


class _ToOx(_Cached):
    """rdflib term → pyoxigraph term."""

    def convert(self, term: Any) -> Any:
        if isinstance(term, URIRef):
            value: Any = ox.NamedNode(str(term))
        elif isinstance(term, Literal):
            if term.language:
                value = ox.Literal(str(term), language=term.language)
            elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
                value = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                value = ox.Literal(str(term))
        elif isinstance(term, BNode):
            try:
                value = ox.BlankNode(str(term))
            except ValueError:          # an id Oxigraph does not accept: a fresh node, kept consistent by the cache
                value = ox.BlankNode()
        else:
            raise StoreError(f"{term!r}: not an RDF term that can be stored (IRI, literal or blank node)")
        return value


class _ToRdf(_Cached):
    """pyoxigraph term → rdflib term."""

    def convert(self, term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            value: Any = URIRef(term.value)
        elif isinstance(term, ox.Literal):
            if term.language:
                value = Literal(term.value, lang=term.language)
            elif term.datatype.value == _XSD_STRING:
                value = Literal(term.value)
            else:
                value = Literal(term.value, datatype=URIRef(term.datatype.value))
        elif isinstance(term, ox.BlankNode):
            value = BNode(term.value)
        else:
            raise StoreError(f"{term}: an RDF-star term; govkg graphs do not use them")
        return value


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


def oxigraph_quads(graph: Graph, name: Any, to_ox: Callable[[Any], Any] | None = None) -> Iterator[ox.Quad]:
    """The triples of an rdflib ``graph`` as pyoxigraph quads in graph ``name``."""
    conv = to_ox or _ToOx()
    graph_name = conv(name) if not isinstance(name, (ox.NamedNode, ox.BlankNode, ox.DefaultGraph)) else name
    for s, p, o in graph:
        yield ox.Quad(conv(s), conv(p), conv(o), graph_name)


# ---------------------------------------------------------------- writing

def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as N-Triples bytes."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None     # no output given: the bytes are returned
    return data


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
    conv = _ToOx()
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
            return _prefixes()[prefix[:-1]] + wanted[len(prefix):]
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
    conv = _ToRdf()
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


_TO_RDF = None


def rdf_term(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (cached for the process)."""
    global _TO_RDF
    if _TO_RDF is None:
        _TO_RDF = _ToRdf()
    return _TO_RDF(term)


def _readable_rdf_file(item: PathLike) -> Path:
    """The path, once its extension names an RDF format and it is a file; errors say what to do."""
    path = Path(item)
    if path.suffix.lower() not in RDF_FORMATS:
        raise UsageError(f"{path}: unknown RDF file extension; use one of {_formats_hint()}")
    if path.is_dir():
        raise StoreError(f"{path}: a folder, not an RDF file (for a store, use --store {path})")
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    return path


def load_files(paths: Iterable[PathLike]) -> ox.Store:
    """Read RDF files (format by extension) into an in-memory Oxigraph store; errors name the file.

    Several times faster than :func:`read_files` for large files; triples of
    Turtle, N-Triples and RDF/XML files go to the default graph.
    """
    store = ox.Store()
    for item in paths:
        path = _readable_rdf_file(item)
        try:
            store.load(path=str(path), format=rdf_format(path), base_iri=path.resolve().as_uri())
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
        except SyntaxError as exc:
            first = (str(exc).strip().splitlines() or ["syntax error"])[0]
            raise StoreError(f"{path}: not valid {RDF_FORMATS[path.suffix.lower()][0]} ({first[:300]})") from None
    return store


def read_files(paths: Iterable[PathLike]) -> Dataset:
    """Read RDF files (format by extension) into one rdflib Dataset; errors name the file.

    Named graphs of TriG, N-Quads and JSON-LD files are kept; triples of Turtle,
    N-Triples and RDF/XML files go to the default graph.
    """
    dataset = Dataset(default_union=True)
    for item in paths:
        path = _readable_rdf_file(item)
        parser = RDF_FORMATS[path.suffix.lower()]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the file ({exc.strerror})") from None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)   # rdflib's own Dataset.default_context notice
                dataset.parse(data=data, format=parser[0], publicID=path.resolve().as_uri())
        except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many kinds
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise StoreError(f"{path}: not valid {parser[0]} ({first[:300]})") from None
    return dataset


# ---------------------------------------------------------------- exporting

def rdf_format(path: PathLike) -> ox.RdfFormat:
    """The Oxigraph format for a file name, by extension; UsageError for others."""
    suffix = Path(path).suffix.lower()
    if suffix not in RDF_FORMATS:
        raise UsageError(f"{path}: unknown RDF file extension; use one of {_formats_hint()}")
    return RDF_FORMATS[suffix][1]


def _prefixes() -> dict[str, str]:
    return {name: str(ns._NS if isinstance(ns, type) else ns) for name, ns in PREFIXES.items()}


def _term_key(term: Any) -> str:
    return "" if isinstance(term, ox.DefaultGraph) else str(term)


def write_quads(quads: Iterable[ox.Quad], path: PathLike) -> int:
    """Write quads to ``path`` (format by extension), sorted, atomically; returns the statements written.

    Formats without named graphs (Turtle, N-Triples, RDF/XML, N3) get the union
    of all graphs, each triple once.
    """
    fmt = rdf_format(path)
    items: list[Any]
    if fmt.supports_datasets:
        items = sorted(set(quads), key=lambda q: (_term_key(q.graph_name), str(q.subject), str(q.predicate),
                                                  str(q.object)))
    else:
        items = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = _prefixes() if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3,
                                      ox.RdfFormat.RDF_XML) else None
    with atomic_path(path) as tmp:
        try:
            ox.serialize(items, str(tmp), format=fmt, prefixes=prefixes)
        except OSError as exc:
            raise StoreError(f"{path}: cannot write the file ({exc})") from None
    return len(items)


def export_store(store_dir: PathLike, path: PathLike) -> int:
    """Write the whole store to ``path`` in the RDF format of its extension; returns the statements written.

    >>> export_store("out/store", "out/all.trig")              # doctest: +SKIP
    """
    rdf_format(path)          # a wrong extension fails before the store is read
    return write_quads(_all_quads(store_dir), path)


def export_dataset(dataset: Dataset | Graph, path: PathLike) -> int:
    """Write an rdflib Dataset (or Graph) like :func:`export_store` writes a store: same formats, same order."""
    rdf_format(path)
    conv = _ToOx()
    quads: list[ox.Quad] = []
    graphs = list(dataset.graphs()) if isinstance(dataset, Dataset) else [dataset]
    for graph in graphs:
        name = graph.identifier
        target = ox.DefaultGraph() if (name == DATASET_DEFAULT_GRAPH_ID or not isinstance(dataset, Dataset)) else name
        quads.extend(oxigraph_quads(graph, target, conv))
    return write_quads(quads, path)


__all__ = [
    "RDF_FORMATS",
    "ReportChange",
    "ReportInfo",
    "StoreStats",
    "check_store_dir",
    "export_dataset",
    "export_store",
    "list_reports",
    "ntriples",
    "open_store",
    "oxigraph_quads",
    "rdf_format",
    "read_dataset",
    "read_files",
    "remove_reports",
    "replace_reports",
    "report_graphs",
    "using_store",
    "write_quads",
]
