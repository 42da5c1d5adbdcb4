"""The RDF mapping: records → triples in a report's named graph. All IRIs are minted here.

IRIs come from content, never from run order, so the same input gives the same
graph. What each term means: ontology/gov.ttl; the shape: docs/graph-shape.md.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.extract.common import norm_name
from kg.namespaces import GOV, ID, PREFIXES
from kg.records import Entity, Extraction, Mention
from kg.resolve import canonical_org, variant_key

ORG_CLASSES = {
    "party": GOV.PartyOrgan, "government": GOV.Government, "department": GOV.Department,
    "judicial": GOV.JudicialOrgan, "legislative": GOV.LegislativeBody, "institution": GOV.PublicInstitution,
    "grassroots": GOV.GrassrootsUnit, "committee": GOV.Committee, "social": GOV.SocialOrganisation,
}
ROLE_PROPERTIES = {"lead": GOV.leadUnit, "pilot": GOV.pilotUnit, "founder": GOV.founder, "organiser": GOV.organiser}
KIND_CLASSES = {"programme": GOV.Programme, "document": GOV.Document, "problem": GOV.Problem, "plan": GOV.Plan}
NATIONAL_BODIES = {"党中央", "中共中央", "国务院", "全国人大", "全国人大常委会", "全国政协", "中央军委", "中央纪委",
                   "最高人民法院", "最高人民检察院", "司法部", "中共中央办公厅", "国务院办公厅"}


def mint(kind: str, *parts: object) -> URIRef:
    """``id:<kind>/<16 hex digits of SHA-256 over the parts>``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return ID[f"{kind}/{digest}"]


def report_iri(text: str) -> URIRef:
    return mint("report", text)


def org_iri(name: str, place: str | None, report: URIRef | None = None) -> URIRef:
    """Organisations are qualified by jurisdiction, except national bodies.

    Where a report's place is unknown, its bodies stay its own: two reports'
    区委 are never merged on a guess.
    """
    canon = canonical_org(name)
    if canon in NATIONAL_BODIES:
        return mint("org", "", canon)
    return mint("org", norm_name(place) if place else f"report:{report}", canon)


def entity_iri(ent: Entity, report: URIRef, place: str | None) -> URIRef:
    if ent.kind == "organisation":
        return org_iri(ent.label, place, report)
    if ent.kind in ("programme", "document"):
        return mint(ent.kind, variant_key(ent.label))
    return mint(ent.kind, report, norm_name(ent.label))


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns if not isinstance(ns, type) else ns._NS)
    return ds


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _decimal(value: Decimal) -> Literal:
    return Literal(value, datatype=XSD.decimal)


class _Writer:
    """Adds one extraction's triples to its report's named graph."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.report = ex.report
        self.r = report_iri(self.report.text)
        self.triples: list[tuple[Node, Node, Node]] = []
        self.g = _Sink(self.triples)
        self.place = self.report.place
        self.keys: dict[str, URIRef] = {}
        self.mentions: dict[tuple[int, int], URIRef] = {}

    def mention(self, m: Mention) -> URIRef:
        node = self.mentions.get((m.start, m.end))
        if node is not None:
            return node
        node = mint("mention", self.r, m.start, m.end)
        self.mentions[(m.start, m.end)] = node
        add = self.g.add
        sent = self.report.sentences[m.sentence] if m.sentence < len(self.report.sentences) else None
        add((node, RDF.type, GOV.Mention))
        add((node, GOV.inReport, self.r))
        add((node, GOV.surface, Literal(m.surface)))
        add((node, GOV.start, Literal(m.start)))
        add((node, GOV.end, Literal(m.end)))
        if sent is not None:
            add((node, GOV.sentence, Literal(sent.text)))
            sec = self.report.section_of(sent)
            if sec is not None:
                add((node, GOV.section, Literal(sec.heading)))
            add((node, GOV.sectionRole, Literal(self.report.role_of(sent))))
        return node

    def write(self) -> URIRef:
        self._report()
        for ent in self.ex.entities.values():
            self._entity(ent)
        for obs in self.ex.observations:
            self._observation(obs)
        for link in self.ex.links:
            self._link(link)
        for cite in self.ex.citations:
            self._citation(cite)
        for plan, problem in self.ex.addresses:
            if plan in self.keys and problem in self.keys:
                self.g.add((self.keys[plan], GOV.addresses, self.keys[problem]))
        return self.r

    def _report(self) -> None:
        rep, g, r = self.report, self.g, self.r
        g.add((r, RDF.type, GOV.Report))
        if rep.title:
            g.add((r, DCTERMS.title, _zh(rep.title)))
            g.add((r, RDFS.label, _zh(rep.title)))
        if rep.year:
            g.add((r, GOV.year, Literal(str(rep.year), datatype=XSD.gYear)))
        if rep.published:
            g.add((r, DCTERMS.issued, Literal(rep.published, datatype=XSD.date)))
        g.add((r, DCTERMS.source, Literal(rep.source.source)))
        url = rep.source.meta.get("url")
        if url and url.startswith(("http://", "https://")):  # percent-encode what an IRI cannot hold
            g.add((r, RDFS.seeAlso, URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))))
        if rep.source.meta.get("province"):
            g.add((r, GOV.province, Literal(rep.source.meta["province"])))
        g.add((r, GOV.charCount, Literal(len(rep.text))))
        if self.place:
            place = mint("place", norm_name(self.place))
            g.add((place, RDF.type, GOV.Place))
            g.add((place, RDFS.label, _zh(self.place)))
            g.add((r, GOV.jurisdiction, place))
        for pub in rep.publishers:
            g.add((r, DCTERMS.publisher, org_iri(pub, self.place, r)))

    def _entity(self, ent: Entity) -> None:
        g = self.g
        node = entity_iri(ent, self.r, self.place)
        self.keys[ent.key] = node
        if ent.kind == "organisation":
            g.add((node, RDF.type, GOV.Organisation))
            cls = ORG_CLASSES.get(ent.org_kind or "")
            if cls is not None:
                g.add((node, RDF.type, cls))
            g.add((node, GOV.orgKind, Literal(ent.org_kind or "other")))
            if self.place and canonical_org(ent.label) not in NATIONAL_BODIES:
                g.add((node, GOV.jurisdiction, mint("place", norm_name(self.place))))
        else:
            g.add((node, RDF.type, KIND_CLASSES[ent.kind]))
        g.add((node, RDFS.label, _zh(ent.label)))
        g.add((node, SKOS.prefLabel, _zh(ent.label)))
        for alias in sorted(ent.aliases):
            g.add((node, SKOS.altLabel, _zh(alias)))
        if ent.description:
            g.add((node, GOV.description, _zh(ent.description)))
        if ent.year:
            g.add((node, GOV.year, Literal(str(ent.year), datatype=XSD.gYear)))
        g.add((node, GOV.mentionedIn, self.r))
        for m in ent.mentions:
            g.add((node, PROV.wasDerivedFrom, self.mention(m)))

    def _observation(self, obs) -> None:  # type: ignore[no-untyped-def]
        g = self.g
        m = self.mention(obs.mention)
        node = mint("obs", self.r, obs.mention.start, obs.mention.end, obs.value, obs.unit, obs.indicator)
        ind = mint("indicator", norm_name(obs.indicator))
        g.add((ind, RDF.type, GOV.Indicator))
        g.add((ind, RDFS.label, _zh(obs.indicator)))
        g.add((node, RDF.type, GOV.Observation))
        g.add((node, RDFS.label, _zh(obs.label or f"{obs.indicator} {obs.value}{obs.unit}")))
        g.add((node, GOV.value, _decimal(obs.value)))
        g.add((node, GOV.unit, Literal(obs.unit)))
        g.add((node, GOV.indicator, ind))
        if obs.year:
            g.add((node, GOV.year, Literal(str(obs.year), datatype=XSD.gYear)))
        for q in obs.qualifiers:
            g.add((node, GOV.qualifier, Literal(q)))
        if obs.is_change:
            g.add((node, GOV.isChange, Literal(True)))
            if obs.direction:
                g.add((node, GOV.changeDirection, Literal(obs.direction)))
        if obs.about and obs.about in self.keys:
            g.add((node, GOV.about, self.keys[obs.about]))
        g.add((node, GOV.mentionedIn, self.r))
        g.add((node, PROV.wasDerivedFrom, m))

    def _link(self, link) -> None:  # type: ignore[no-untyped-def]
        subj, unit = self.keys.get(link.subject), self.keys.get(link.unit)
        if subj is None or unit is None:
            return
        g = self.g
        m = self.mention(link.mention)
        g.add((subj, GOV.responsibleUnit, unit))
        g.add((subj, ROLE_PROPERTIES[link.role], unit))
        q = mint("resp", subj, unit, link.role, m)
        g.add((subj, GOV.qualifiedResponsibility, q))
        g.add((q, RDF.type, GOV.Responsibility))
        g.add((q, GOV.unitOf, unit))
        g.add((q, GOV.role, Literal(link.role)))
        g.add((q, PROV.wasDerivedFrom, m))

    def _citation(self, cite) -> None:  # type: ignore[no-untyped-def]
        doc = self.keys.get(cite.document)
        if doc is None:
            return
        g = self.g
        m = self.mention(cite.mention)
        g.add((self.r, GOV.cites, doc))
        c = mint("cite", self.r, doc, m)
        g.add((self.r, GOV.qualifiedCitation, c))
        g.add((c, RDF.type, GOV.Citation))
        g.add((c, GOV.document, doc))
        g.add((c, GOV.action, Literal(cite.action)))
        g.add((c, PROV.wasDerivedFrom, m))


class _Sink:
    """Collects triples; the writer does not care whether they go to rdflib or to N-Quads text."""

    __slots__ = ("add",)

    def __init__(self, triples: list[tuple[Node, Node, Node]]) -> None:
        self.add = triples.append


def report_triples(ex: Extraction) -> tuple[URIRef, list[tuple[Node, Node, Node]]]:
    """The report IRI and the triples of its named graph."""
    w = _Writer(ex)
    iri = w.write()
    return iri, w.triples


def add_extraction(ds: Dataset, ex: Extraction) -> URIRef:
    """Write ``ex`` into its report's named graph of ``ds``; returns the report IRI."""
    iri, triples = report_triples(ex)
    g: Graph = ds.graph(iri)
    g.addN((s, p, o, g) for s, p, o in triples)
    return iri


def to_nquads(iri: URIRef, triples: list[tuple[Node, Node, Node]]) -> str:
    """N-Quads text of one report's graph (terms written as rdflib writes N-Triples)."""
    g = f"<{iri}>"
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} {g} .\n" for s, p, o in dict.fromkeys(triples))


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: Node) -> str:
    """One term in N-Triples syntax."""
    if isinstance(term, Literal):
        lex = str(term).translate(_ESCAPES)
        if term.language:
            return f'"{lex}"@{term.language}'
        if term.datatype:
            return f'"{lex}"^^<{term.datatype}>'
        return f'"{lex}"'
    return f"<{term}>"


__all__ = ["add_extraction", "mint", "new_dataset", "org_iri", "report_iri", "report_triples", "to_nquads"]
