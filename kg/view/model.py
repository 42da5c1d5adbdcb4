"""The node-link graph that ``kg view`` and ``kg serve`` draw, read from RDF.

::

    from kg.view.model import to_networkx
    G = to_networkx(dataset)                                  # networkx.MultiDiGraph
    G = kg.view.filters.select(G, types=["Programme", "Organisation"])
    kg.view.export.write_network(G, "out/graph.graphml")      # or .gexf

What becomes a node: reports, organisations (every subclass), programmes,
documents, indicators, problems, plans and places. Mentions never do: their
sentences become the ``sentences`` of the entity (or the responsibility or
citation link) they support. Observations become attributes (``observations``)
of their indicator and of the entities they are about or charged to, plus a
``指标`` edge from each such entity to the indicator; with
``observation_nodes=True`` they are small nodes of their own with ``指标`` and
``关于`` edges instead.

Node attributes: ``label`` (preferred name), ``type`` (class local name, e.g.
``Department``), ``type_label`` (its ``@zh`` label), ``kind`` (``organisation``,
``programme``, ``document``, ``indicator``, ``observation``, ``problem``,
``plan``, ``report``, ``place`` or ``other``), ``labels`` (every name),
``mentions`` (number of mentions), ``sentences`` (dicts: text, section, report,
surface), ``reports`` (IRIs of the reports it appears in), ``observations``
(dicts: label, value, unit, indicator, year, qualifier, change, sentence),
``description`` and ``props`` (other literal properties as (zh label, value)).
Edge keys are relation IRIs; edge attributes: ``relation``, ``label`` (``@zh``),
``faint`` (background relations: 提及于, 所属行政区域), ``detail`` and
``sentences``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import DCTERMS, GOV, PROV, RDF, RDFS, SKOS
from kg.view.legend import (
    GOV_NS,
    NODE_TYPES,
    ORG_KIND_CLASS,
    ROLE_RELATIONS,
    ROLES,
    TYPE_BY_KEY,
    local_name,
    term_label,
    type_label,
)

AUXILIARY = {GOV.Mention, GOV.Responsibility, GOV.Citation}
RESPONSIBLE = {GOV.responsibleUnit, GOV.leadUnit, GOV.pilotUnit, GOV.founder, GOV.organiser}
FAINT = {GOV.mentionedIn, GOV.jurisdiction}   # background relations: drawn thin, no label
SKIPPED = {GOV.inReport, GOV.unitOf, GOV.document, PROV.wasDerivedFrom, RDF.type,
           GOV.qualifiedResponsibility, GOV.qualifiedCitation}
LABEL_PROPS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel)


def _quads(source: Any) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    """(s, p, o, graph name) of a Graph, Dataset or ConjunctiveGraph (graph name None for a Graph).
    Graph by graph: several times faster than ``Dataset.quads`` with rdflib's memory store."""
    if isinstance(source, ox.Store):  # Oxigraph parses far faster than rdflib: read its quads, convert terms
        from kg.rdf_io import rdf_term

        for q in source:
            g = q.graph_name
            yield (rdf_term(q.subject), rdf_term(q.predicate), rdf_term(q.object),
                   None if isinstance(g, ox.DefaultGraph) else rdf_term(g))
        return
    graphs = getattr(source, "graphs", None) if hasattr(source, "default_union") else None
    if graphs is None and hasattr(source, "contexts") and hasattr(source, "quads"):
        graphs = source.contexts
    if graphs is None:
        for s, p, o in source:
            yield s, p, o, None
        return
    for graph in graphs():
        name = graph.identifier
        for s, p, o in graph:
            yield s, p, o, name


def _text(lit: Literal) -> str:
    return str(lit)


def _int(lit: Literal) -> int:
    try:
        return int(lit.toPython())
    except (TypeError, ValueError):
        return 0


def _number(lit: Literal) -> str:
    try:
        value = float(lit.toPython())
    except (TypeError, ValueError):
        return str(lit)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


class _Reader:
    """One pass over the quads, then plain dictionaries."""

    def __init__(self, source: Any) -> None:
        self.types: dict[Node, set[Node]] = defaultdict(set)
        self.lits: dict[Node, dict[Node, list[Literal]]] = defaultdict(lambda: defaultdict(list))
        self.links: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.graphs: dict[Node, set[Node]] = defaultdict(set)
        seen: set[tuple[Node, Node, Node]] = set()
        for s, p, o, g in _quads(source):
            if p == RDF.type:
                self.types[s].add(o)
                if g is not None:
                    self.graphs[s].add(g)
                continue
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
            if isinstance(o, Literal):
                self.lits[s][p].append(o)
            else:
                self.links[s][p].append(o)
        # rdflib's store iterates in hash order, which changes from one process to the next:
        # sort, so that the same input always gives the same page
        for table in (self.lits, self.links):
            for by_p in table.values():
                for values in by_p.values():
                    if len(values) > 1:
                        values.sort(key=str)

    def first(self, s: Node, p: Node) -> str:
        values = self.lits.get(s, {}).get(p)
        return _text(values[0]) if values else ""

    def objects(self, s: Node, p: Node) -> list[Node]:
        return self.links.get(s, {}).get(p, [])


def _classify(types: set[Node], reader: _Reader, s: Node) -> str | None:
    """The NODE_TYPES key of a subject, or None when it is not drawn."""
    locals_ = {local_name(str(t)) for t in types if str(t).startswith(GOV_NS)}
    for t in NODE_TYPES:
        if t.kind == "organisation" and t.key != "Organisation" and t.key in locals_:
            return t.key
    if "Organisation" in locals_:
        return ORG_KIND_CLASS.get(reader.first(s, GOV.orgKind), "Organisation")
    for key in ("Report", "Programme", "Document", "Indicator", "Observation", "Problem", "Plan", "Place"):
        if key in locals_:
            return key
    return None


def _labels(reader: _Reader, s: Node) -> list[str]:
    seen: dict[str, None] = {}
    for p in LABEL_PROPS:
        values = reader.lits.get(s, {}).get(p, [])
        for lit in sorted(values, key=lambda v: (v.language != "zh", str(v))):
            text = str(lit).strip()
            if text:
                seen.setdefault(text, None)
    return list(seen)


def _mention(reader: _Reader, m: Node, cache: dict[Node, dict[str, Any]]) -> dict[str, Any] | None:
    if m in cache:
        return cache[m]
    text = reader.first(m, GOV.sentence)
    if not text:
        cache[m] = None  # type: ignore[assignment]
        return None
    reports = reader.objects(m, GOV.inReport)
    start = reader.lits.get(m, {}).get(GOV.start)
    info = {"text": text, "section": reader.first(m, GOV.section), "surface": reader.first(m, GOV.surface),
            "report": str(reports[0]) if reports else "", "start": _int(start[0]) if start else 0}
    cache[m] = info
    return info


def _sentences(reader: _Reader, s: Node, cache: dict[Node, dict[str, Any]]) -> list[dict[str, Any]]:
    """The mentions of ``s`` with a sentence, in reading order (report, offset)."""
    out = []
    for m in reader.objects(s, PROV.wasDerivedFrom):
        info = _mention(reader, m, cache)
        if info is not None:
            out.append(info)
    out.sort(key=lambda x: (x["report"], x["start"], x["text"]))
    return out


def to_networkx(source: Any, *, observation_nodes: bool = False) -> nx.MultiDiGraph:
    """The node-link graph of an rdflib Graph or Dataset (see the module docstring)."""
    reader = _Reader(source)
    G = nx.MultiDiGraph()
    kinds: dict[Node, str] = {}
    for s, types in reader.types.items():
        key = _classify(types, reader, s)
        if key is not None and not (types & AUXILIARY and key == "Other"):
            kinds[s] = key
    mention_cache: dict[Node, dict[str, Any]] = {}
    observations = [s for s, k in kinds.items() if k == "Observation"]
    entities = sorted((s for s, k in kinds.items() if k != "Observation" or observation_nodes), key=str)
    report_iris = {s for s, k in kinds.items() if k == "Report"}
    for s in entities:
        _add_node(G, reader, s, kinds[s], mention_cache, report_iris)

    def ensure(o: Node, via: Node) -> bool:
        """Draw an untyped object of a known relation as an 'other' node."""
        if str(o) in G:
            return True
        if not isinstance(o, (URIRef, BNode)) or o in kinds:
            return False
        _add_node(G, reader, o, "Other", mention_cache, report_iris)
        return True

    for s in entities:
        for p, objs in sorted(reader.links.get(s, {}).items(), key=lambda kv: str(kv[0])):
            if p in SKIPPED:
                continue
            for o in objs:
                if kinds.get(o) == "Observation" and not observation_nodes:
                    continue
                known = p in RESPONSIBLE or p in FAINT or str(p).startswith(GOV_NS) or p == DCTERMS.publisher
                if not (str(o) in G or (known and ensure(o, s))):
                    continue
                _add_edge(G, s, o, p, faint=p in FAINT)
    _qualify(G, reader, mention_cache)
    _attach_observations(G, reader, observations, observation_nodes, mention_cache)
    _membership(G, reader, report_iris)
    return G


def _add_node(G: nx.MultiDiGraph, reader: _Reader, s: Node, key: str,
              cache: dict[Node, dict[str, Any]], report_iris: set[Node]) -> None:
    labels = _labels(reader, s)
    sentences = _sentences(reader, s, cache)
    props = []
    for p, values in sorted(reader.lits.get(s, {}).items(), key=lambda kv: str(kv[0])):
        if p in LABEL_PROPS or p in (GOV.description, GOV.orgKind):
            continue
        text = "、".join(sorted({_number(v) if p == GOV.value else str(v) for v in values}))
        props.append((term_label(str(p)), text))
    props.extend((term_label(str(RDFS.seeAlso)), str(url)) for url in reader.objects(s, RDFS.seeAlso))
    G.add_node(
        str(s), label=labels[0] if labels else local_name(str(s)), type=key, type_label=type_label(key),
        kind=TYPE_BY_KEY[key].kind, labels=labels, mentions=len(reader.objects(s, PROV.wasDerivedFrom)),
        sentences=sentences, reports=[], observations=[], description=reader.first(s, GOV.description),
        props=props,
    )


def _add_edge(G: nx.MultiDiGraph, s: Node | str, o: Node | str, p: Node | str, *, faint: bool = False,
              label: str | None = None, detail: str = "", sentences: list | None = None) -> None:
    u, v, rel = str(s), str(o), str(p)
    if G.has_edge(u, v, key=rel):
        data = G.edges[u, v, rel]
        if detail and detail not in data["detail"].split("；"):
            data["detail"] = "；".join(filter(None, [data["detail"], detail]))
        data["sentences"].extend(x for x in sentences or [] if x not in data["sentences"])
        return
    G.add_edge(u, v, key=rel, relation=rel, label=label or term_label(rel), faint=faint,
               detail=detail, sentences=list(sentences or []))


def _qualify(G: nx.MultiDiGraph, reader: _Reader, cache: dict[Node, dict[str, Any]]) -> None:
    """Fold gov:Responsibility and gov:Citation nodes into the edges they qualify."""
    specific = {str(p) for p in RESPONSIBLE if p != GOV.responsibleUnit}
    generic = str(GOV.responsibleUnit)
    for u, v in {(u, v) for u, v, k in G.edges(keys=True) if k == generic}:
        if any(G.has_edge(u, v, key=k) for k in specific):
            G.remove_edge(u, v, key=generic)
    plain: set[tuple[str, str]] = set()  # pairs whose plain edge a role relation has replaced
    for subject_iri in list(G.nodes):
        s = URIRef(subject_iri) if not subject_iri.startswith("_:") else BNode(subject_iri[2:])
        for r in reader.objects(s, GOV.qualifiedResponsibility):
            sentences = _sentences(reader, r, cache)
            raw = reader.first(r, GOV.role)
            role = ROLES.get(raw, raw)
            for unit in reader.objects(r, GOV.unitOf):
                keys = [k for k in G.get_edge_data(subject_iri, str(unit), default={}) if k == generic or k in specific]
                if raw in ROLE_RELATIONS and (generic in keys or (subject_iri, str(unit)) in plain):
                    plain.add((subject_iri, str(unit)))
                    if generic in keys:
                        G.remove_edge(subject_iri, str(unit), key=generic)
                    keys = [k for k in keys if k != generic] + [ROLE_RELATIONS[raw]]
                for key in dict.fromkeys(keys):
                    _add_edge(G, subject_iri, str(unit), key, detail=role, sentences=sentences)
        for c in reader.objects(s, GOV.qualifiedCitation):
            sentences = _sentences(reader, c, cache)
            action = reader.first(c, GOV.action)
            for doc in reader.objects(c, GOV.document):
                if str(doc) in G:
                    _add_edge(G, subject_iri, str(doc), GOV.cites, detail=action, sentences=sentences)


def _observation(reader: _Reader, o: Node, cache: dict[Node, dict[str, Any]]) -> dict[str, Any]:
    indicators = reader.objects(o, GOV.indicator)
    value = reader.lits.get(o, {}).get(GOV.value)
    sentences = _sentences(reader, o, cache)
    change = reader.first(o, GOV.changeDirection)
    return {
        "iri": str(o), "label": reader.first(o, RDFS.label),
        "value": _number(value[0]) if value else "", "unit": reader.first(o, GOV.unit),
        "indicator": (_labels(reader, indicators[0]) or [local_name(str(indicators[0]))])[0] if indicators else "",
        "year": reader.first(o, GOV.year),
        "qualifier": "、".join(sorted(str(q) for q in reader.lits.get(o, {}).get(GOV.qualifier, []))),
        "change": {"increase": "增加", "decrease": "减少"}.get(change, change),
        "sentence": sentences[0]["text"] if sentences else "",
        "kind": {"target": "目标", "result": "实际"}.get(reader.first(o, GOV.observationKind), ""),
        "period": _period(reader.first(o, GOV.periodStart), reader.first(o, GOV.periodEnd)),
    }


def _period(start: str, end: str) -> str:
    """2013–2017 for a value over several years; one year, or nothing, otherwise."""
    return f"{start}–{end}" if start and end and start != end else end or start


def format_quantity(obs: dict[str, Any]) -> str:
    """``近``43``余``件``以上``: the value and unit with its qualifiers where Chinese puts them."""
    quals = set(obs["qualifier"].split("、")) if obs["qualifier"] else set()
    before = "".join(q for q in ("累计", "近", "约", "达", "超") if q in quals)
    middle = "".join(q for q in ("余", "多") if q in quals)
    after = "".join(q for q in ("以上", "左右") if q in quals)
    return f"{before}{obs['value']}{middle}{obs['unit']}{after}"


def _attach_observations(G: nx.MultiDiGraph, reader: _Reader, observations: list[Node], as_nodes: bool,
                         cache: dict[Node, dict[str, Any]]) -> None:
    """Observations become attributes of their indicator and subjects, plus subject -指标-> indicator."""
    indicator_rel = str(GOV.indicator)
    for o in sorted(observations, key=str):
        obs = _observation(reader, o, cache)
        indicators = [str(i) for i in reader.objects(o, GOV.indicator) if str(i) in G]
        subjects = [str(x) for p in (GOV.about, *RESPONSIBLE) for x in reader.objects(o, p) if str(x) in G]
        for target in dict.fromkeys(indicators + subjects):
            G.nodes[target]["observations"].append(obs)
        if as_nodes:
            continue   # the observation is a node: its 指标 and 关于 edges are drawn like any other
        summary = format_quantity(obs)
        if obs["year"]:
            summary += f"（{obs['year']}）"
        sentences = _sentences(reader, o, cache)
        for subject in dict.fromkeys(subjects):
            for ind in indicators:
                if subject != ind:
                    _add_edge(G, subject, ind, indicator_rel, detail=summary, sentences=sentences)


def _membership(G: nx.MultiDiGraph, reader: _Reader, report_iris: set[Node]) -> None:
    """``reports`` of every node: named graph, gov:mentionedIn, its mentions, its report's own links."""
    reports = {str(r) for r in report_iris}
    member: dict[str, set[str]] = defaultdict(set)
    for n, data in G.nodes(data=True):
        if n in reports:
            member[n].add(n)
        s: Node = URIRef(n)
        member[n].update(str(g) for g in reader.graphs.get(s, ()) if str(g) in reports)
        member[n].update(str(r) for r in reader.objects(s, GOV.mentionedIn) if str(r) in reports)
        member[n].update(x["report"] for x in data["sentences"] if x["report"] in reports)
        for obs in data["observations"]:
            member[n].update(str(r) for r in reader.objects(URIRef(obs["iri"]), GOV.mentionedIn)
                             if str(r) in reports)
    for r in reports:
        for _, v in G.out_edges(r):
            member[v].add(r)
    for n, data in G.nodes(data=True):
        if not member[n]:   # untyped endpoints: the reports of whoever points at them
            for u, _ in G.in_edges(n):
                member[n].update(member[u])
        data["reports"] = sorted(member[n])
    for n, data in G.nodes(data=True):   # indicators carry no gov:mentionedIn: link them to their reports
        if data["kind"] == "indicator":
            for r in data["reports"]:
                if r != n and not G.has_edge(n, r, key=str(GOV.mentionedIn)):
                    _add_edge(G, n, r, GOV.mentionedIn, faint=True)

