"""Check a graph against the SHACL shapes of ontology/shapes.ttl, with pySHACL.

One call, like pySHACL's ``validate()``: it returns whether the data conforms
and the results grouped by shape.

>>> from kg.validate import validate
>>> result = validate(["out/graph.trig"])                 # doctest: +SKIP
>>> result = validate(store="out/store")                  # doctest: +SKIP
>>> result.conforms, [(g.name, g.severity, g.count) for g in result.groups]   # doctest: +SKIP
(True, [('report-year', 'Warning', 2)])

Each named graph (one report) is validated on its own, as the graph shape
promises that a report's graph holds everything read from it: memory stays
that of one report, and a result names the report it is in. Only the
triples the shapes can look at are copied out of Oxigraph into rdflib for
pySHACL (plus the labels, to name the nodes at fault). ``sh:class`` follows
the ``rdfs:subClassOf`` links of ontology/gov.ttl, which are added to each
graph, so a subclass declared there satisfies its core class.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.errors import KGError, StoreError, UsageError
from kg.namespaces import DCTERMS, RDF, RDFS, SKOS
from kg.rdf_io import load_files, rdf_term
from kg.resources import ontology_text
from kg.store import using_store

PathLike = str | os.PathLike[str]

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_NS = "https://w3id.org/govkg/shapes#"

# Predicates that point from a shape to a property of the data.
_DATA_PREDICATES = (SH.targetSubjectsOf, SH.targetObjectsOf, SH.lessThan, SH.lessThanOrEquals, SH.equals,
                    SH.disjoint)
# Always copied: types, subclass links, and the names shown with each result.
_ALWAYS = (RDF.type, RDFS.subClassOf, RDFS.label, SKOS.prefLabel, DCTERMS.title)


@dataclass(frozen=True)
class Finding:
    """One validation result: the node at fault, its name, and what is wrong."""

    focus: str
    label: str | None
    message: str
    value: str | None
    graph: str | None          # the named graph (report) it is in; None for the default graph
    severity: str


@dataclass
class ShapeGroup:
    """All results of one shape."""

    shape: str                 # the shape's IRI
    path: str | None           # the property it checks
    severity: str = "Violation"    # Violation or Warning (or Info), as the shape says
    findings: list[Finding] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The shape's short name (report-year), or its IRI for shapes from elsewhere."""
        return self.shape.removeprefix(SHAPES_NS)

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def message(self) -> str:
        return self.findings[0].message if self.findings else ""


@dataclass
class Validation:
    """What :func:`validate` found: ``conforms`` and the results grouped by shape, violations first.

    Unless validated with ``strict``, warnings are reported but do not stop
    the data from conforming (pySHACL's ``allow_warnings``).
    """

    conforms: bool
    groups: list[ShapeGroup]
    graphs: int = 0            # graphs validated
    triples: int = 0           # triples given to pySHACL
    shapes: int = 0            # shapes checked
    seconds: float = 0.0

    @property
    def results(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def violations(self) -> int:
        return sum(g.count for g in self.groups if g.severity == "Violation")

    @property
    def warnings(self) -> int:
        return self.results - self.violations


# ---------------------------------------------------------------- shapes

def _package_file(name: str) -> bytes:
    return ontology_text(name).encode("utf-8")


def load_shapes(path: PathLike | None = None) -> Graph:
    """The shapes graph: ``path`` (Turtle), or the shapes shipped with govkg."""
    graph = Graph()
    source = str(path) if path is not None else "ontology/shapes.ttl"
    try:
        data = Path(path).read_bytes() if path is not None else _package_file("shapes.ttl")
    except OSError as exc:
        raise StoreError(f"{source}: cannot read the shapes file ({exc.strerror or exc})") from None
    try:
        graph.parse(data=data, format="turtle")
    except Exception as exc:  # noqa: BLE001 - rdflib's parser raises many kinds
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StoreError(f"{source}: not valid Turtle ({first[:300]})") from None
    if not any(graph.subjects(RDF.type, SH.PropertyShape)) and not any(graph.subjects(RDF.type, SH.NodeShape)):
        raise StoreError(f"{source}: no SHACL shapes in it (nothing typed sh:NodeShape or sh:PropertyShape)")
    return graph


def _subclass_links() -> list[tuple[Node, Node, Node]]:
    ontology = Graph().parse(data=_package_file("gov.ttl"), format="turtle")
    return list(ontology.triples((None, RDFS.subClassOf, None)))


def _predicates(shapes: Graph) -> set[ox.NamedNode] | None:
    """The data predicates the shapes can look at; None when a path is not a plain property (copy all)."""
    found: set[Node] = set(_ALWAYS)
    for path in shapes.objects(None, SH.path):
        if not isinstance(path, URIRef):
            return None
        found.add(path)
    for predicate in _DATA_PREDICATES:
        found.update(shapes.objects(None, predicate))
    return {ox.NamedNode(str(p)) for p in found if isinstance(p, URIRef)}


# ---------------------------------------------------------------- data

def _graph_names(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = sorted(store.named_graphs(), key=str)
    if any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        names.insert(0, ox.DefaultGraph())
    return names


def _copy(store: ox.Store, name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
          predicates: set[ox.NamedNode] | None) -> Graph:
    """One graph of the store as an rdflib Graph, only the triples of ``predicates`` (all when None)."""
    graph = Graph()
    patterns = [None] if predicates is None else sorted(predicates, key=str)
    for predicate in patterns:
        graph.addN((rdf_term(q.subject), rdf_term(q.predicate), rdf_term(q.object), graph)
                   for q in store.quads_for_pattern(None, predicate, None, name))
    return graph


def _label(data: Graph, node: Node) -> str | None:
    names = [o for p in (RDFS.label, SKOS.prefLabel, DCTERMS.title) for o in data.objects(node, p)]
    if not names:
        return None
    zh = [n for n in names if isinstance(n, Literal) and (n.language or "").lower().startswith("zh")]
    return min(str(n) for n in (zh or names))


def _text(term: Node | None) -> str | None:
    if term is None:
        return None
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _findings(report: Graph, data: Graph, graph: str | None) -> list[tuple[str, str | None, Finding]]:
    """(shape, path, finding) for every result of one pySHACL report graph."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        shape = report.value(result, SH.sourceShape)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        finding = Finding(
            focus=_text(focus) or "", label=_label(data, focus) if focus is not None else None,
            message=str(message) if message is not None else "", value=_text(report.value(result, SH.value)),
            graph=graph, severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        )
        out.append((_text(shape) or "", _text(path) if isinstance(path, URIRef) else None, finding))
    return out


def _validate_graph(data: Graph, shapes: Graph, strict: bool) -> tuple[bool, Graph]:
    import pyshacl
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    # inplace: the graph is ours, a copy would double the work; no inference: the subclass
    # links are in the data already and RDFS entailment would only add triples to check.
    try:
        conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inplace=True, inference="none",
                                               allow_warnings=not strict)
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as exc:
        first = (str(getattr(exc, "message", exc)).strip().splitlines() or [type(exc).__name__])[0]
        raise KGError(f"pySHACL cannot use the shapes: {first[:300]}; check the shapes file") from None
    return bool(conforms), report


def validate_oxigraph(store: ox.Store, shapes: Graph | None = None, *, strict: bool = False) -> Validation:
    """Validate every graph of an open Oxigraph store (on disk or in memory) against ``shapes``.

    With ``strict``, warnings count against conformance as violations do.
    """
    started = time.perf_counter()
    shapes = shapes if shapes is not None else load_shapes()
    predicates = _predicates(shapes)
    subclass = _subclass_links()
    groups: dict[str, ShapeGroup] = {}
    conforms, graphs, triples = True, 0, 0
    for name in _graph_names(store):
        data = _copy(store, name, predicates)
        graphs += 1
        triples += len(data)
        for link in subclass:
            data.add(link)
        ok, report = _validate_graph(data, shapes, strict)
        conforms = conforms and ok
        graph = None if isinstance(name, ox.DefaultGraph) else name.value
        for shape, path, finding in _findings(report, data, graph):
            groups.setdefault(shape, ShapeGroup(shape, path, finding.severity)).findings.append(finding)
    for group in groups.values():
        group.findings.sort(key=lambda f: (f.graph or "", f.focus, f.value or ""))
    ordered = sorted(groups.values(), key=lambda g: (g.severity != "Violation", -g.count, g.name))
    count = len(set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.subjects(RDF.type, SH.NodeShape)))
    return Validation(conforms, ordered, graphs, triples, count, time.perf_counter() - started)


def validate(graphs: Iterable[PathLike] = (), *, store: PathLike | None = None,
             shapes: PathLike | None = None, strict: bool = False) -> Validation:
    """Validate RDF files (format by extension) or an Oxigraph store folder against the shapes.

    ``shapes`` is a Turtle file of SHACL shapes; by default those shipped
    with govkg (ontology/shapes.ttl). With ``strict``, warnings (a report
    whose input names no title or year) count as violations. Errors (a missing or unparseable file,
    a store in use) are :class:`kg.errors.KGError` with one line that says what to do.

    >>> validate(["out/graph.trig"]).conforms                 # doctest: +SKIP
    True
    """
    paths = list(graphs)
    if bool(paths) == (store is not None):
        raise UsageError("give RDF files or a store folder (one of the two)")
    shape_graph = load_shapes(shapes)
    if store is not None:
        return using_store(store, lambda opened: validate_oxigraph(opened, shape_graph, strict=strict))
    return validate_oxigraph(load_files(paths), shape_graph, strict=strict)


__all__ = ["Finding", "ShapeGroup", "Validation", "load_shapes", "validate", "validate_oxigraph"]
