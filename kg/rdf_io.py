"""Reading and writing RDF: the file formats, rdflib ↔ Oxigraph terms, RDF files in and out.

Every RDF file govkg reads (``kg query --graph``, ``kg view``, ``kg validate``,
``kg load``) or writes (``kg build -o``, ``kg export``) goes through here, so
one table of extensions decides the format and one set of error texts names
the file. Oxigraph parses and serialises (far faster than rdflib); rdflib
reads what Oxigraph cannot (TriX) and gives Datasets to code that wants them.

>>> rdf_format("graph.trig").name
'TriG'
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.atomic import atomic_path
from kg.errors import StoreError, UsageError
from kg.namespaces import PREFIX_IRIS

PathLike = str | os.PathLike[str]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: Formats whose files carry prefix declarations.
PREFIXED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML)

#: File extensions of the RDF formats read and written here.
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat | None]] = {  # extension → (rdflib parser, Oxigraph format)
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".trig": ("trig", ox.RdfFormat.TRIG),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    ".rdf": ("xml", ox.RdfFormat.RDF_XML),
    ".owl": ("xml", ox.RdfFormat.RDF_XML),
    ".n3": ("n3", ox.RdfFormat.N3),
    ".xml": ("xml", ox.RdfFormat.RDF_XML),
    ".json": ("json-ld", ox.RdfFormat.JSON_LD),
    ".trix": ("trix", None),      # read through rdflib; Oxigraph has no TriX
}


def formats_hint() -> str:
    return ", ".join(RDF_FORMATS)


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


class ToOxigraph(_Cached):
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


class ToRdflib(_Cached):
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


def oxigraph_quads(graph: Graph, name: Any, to_ox: Callable[[Any], Any] | None = None) -> Iterator[ox.Quad]:
    """The triples of an rdflib ``graph`` as pyoxigraph quads in graph ``name``."""
    conv = to_ox or ToOxigraph()
    graph_name = conv(name) if not isinstance(name, (ox.NamedNode, ox.BlankNode, ox.DefaultGraph)) else name
    for s, p, o in graph:
        yield ox.Quad(conv(s), conv(p), conv(o), graph_name)



_TO_RDF: ToRdflib | None = None


def rdf_term(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (cached for the process)."""
    global _TO_RDF
    if _TO_RDF is None:
        _TO_RDF = ToRdflib()
    return _TO_RDF(term)


def readable_rdf_file(item: PathLike) -> Path:
    """The path, once its extension names an RDF format and it is a file; errors say what to do."""
    path = Path(item)
    if path.is_dir():
        raise StoreError(f"{path}: a folder, not an RDF file (for a store, use --store {path})")
    if path.suffix.lower() not in RDF_FORMATS:
        raise UsageError(f"{path}: unknown RDF file extension; use one of {formats_hint()}")
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    if not os.access(path, os.R_OK):
        raise StoreError(f"{path}: cannot read the file (permission denied)")
    return path


# ---------------------------------------------------------------- reading

def load_files(paths: Iterable[PathLike]) -> ox.Store:
    """Read RDF files (format by extension) into an in-memory Oxigraph store; errors name the file.

    Several times faster than :func:`read_files` for large files; triples of
    Turtle, N-Triples and RDF/XML files go to the default graph.
    """
    store = ox.Store()
    for item in paths:
        path = readable_rdf_file(item)
        fmt = RDF_FORMATS[path.suffix.lower()][1]
        if fmt is None:      # a format only rdflib reads: parsed there, stored here
            store.load(read_files([path]).serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
            continue
        try:
            store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
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
        path = readable_rdf_file(item)
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


# ---------------------------------------------------------------- writing

def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as N-Triples bytes."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None     # no output given: the bytes are returned
    return data


def rdf_format(path: PathLike) -> ox.RdfFormat:
    """The Oxigraph format to write a file name in, by extension; UsageError for others."""
    suffix = Path(path).suffix.lower()
    fmt = RDF_FORMATS.get(suffix, ("", None))[1]
    if fmt is None:
        writable = ", ".join(s for s, (_, f) in RDF_FORMATS.items() if f is not None)
        raise UsageError(f"{path}: cannot write this RDF file extension; use one of {writable}")
    return fmt


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
    prefixes = PREFIX_IRIS if fmt in PREFIXED else None
    with atomic_path(path) as tmp:
        try:
            ox.serialize(items, str(tmp), format=fmt, prefixes=prefixes)
        except OSError as exc:
            raise StoreError(f"{path}: cannot write the file ({exc})") from None
    return len(items)


def export_dataset(dataset: Dataset | Graph, path: PathLike) -> int:
    """Write an rdflib Dataset (or Graph) as :func:`write_quads` writes quads: same formats, same order."""
    rdf_format(path)
    conv = ToOxigraph()
    quads: list[ox.Quad] = []
    graphs = list(dataset.graphs()) if isinstance(dataset, Dataset) else [dataset]
    for graph in graphs:
        name = graph.identifier
        target = ox.DefaultGraph() if (name == DATASET_DEFAULT_GRAPH_ID or not isinstance(dataset, Dataset)) else name
        quads.extend(oxigraph_quads(graph, target, conv))
    return write_quads(quads, path)


def dump_store(store: ox.Store, path: PathLike, fmt: ox.RdfFormat | None = None) -> int:
    """Write a whole in-memory store (Oxigraph writes the file itself, fast) in ``fmt``, by default the
    format of the extension; triple formats get the union, each triple once. Returns the statements written."""
    fmt = fmt or rdf_format(path)
    source, graph = store, None
    if not fmt.supports_datasets:
        source = ox.Store()
        source.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
        graph = ox.DefaultGraph()
    with atomic_path(path) as tmp:
        source.dump(str(tmp), format=fmt, from_graph=graph, prefixes=PREFIX_IRIS if fmt in PREFIXED else None)
    return len(source)


def write_dataset(data: ox.Store | Dataset | Graph, path: PathLike) -> int:
    """Write an Oxigraph store or an rdflib Dataset atomically in the format of the extension.

    >>> write_dataset(kg.build_dataset(["report.txt"]).store, "out/graph.trig")   # doctest: +SKIP
    """
    rdf_format(path)
    try:
        if isinstance(data, ox.Store):
            return dump_store(data, path)
        return export_dataset(data, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from exc
