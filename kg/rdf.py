"""The RDF mapping: records → triples in a report's named graph. All IRIs are minted here.

IRIs come from content, never from run order, so the same input gives the same
graph. What each term means: ontology/gov.ttl; the shape: docs/graph-shape.md.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.document_kinds import document_kind, is_own_plan
from kg.identity import canonical_org, is_national, norm_name, variant_key
from kg.namespaces import GOV, ID, PREFIXES
from kg.records import Citation, Entity, Extraction, Link, Mention, Observation

ORG_CLASSES = {
    "party": GOV.PartyOrgan, "government": GOV.Government, "department": GOV.Department,
    "judicial": GOV.JudicialOrgan, "legislative": GOV.LegislativeBody, "institution": GOV.PublicInstitution,
    "grassroots": GOV.GrassrootsUnit, "committee": GOV.Committee, "social": GOV.SocialOrganisation,
}
DOCUMENT_CLASSES = {
    "law": GOV.Law, "regulation": GOV.Regulation, "plan": GOV.PlanDocument, "policy": GOV.PolicyDocument,
    "treaty": GOV.Treaty,
}
# What the report node counts of each kind read from it (report-summary reads these, not the whole
# store); kg build's summary counts the same kinds, and the links.
COUNT_PROPERTIES = {"organisation": "organisationCount", "programme": "programmeCount", "document": "documentCount",
                    "observation": "observationCount", "problem": "problemCount", "plan": "planCount"}
KIND_CLASSES = {"programme": GOV.Programme, "document": GOV.Document, "problem": GOV.Problem, "plan": GOV.Plan,
                "place": GOV.Place}

_ID = str(ID)
SAFE_IN_IRI = ":/?#@!$&'()*+,;=%~"   # left as they are in a url; brackets are not (…?a[]=1)


def web_iri(url: str) -> str | None:
    """A corpus line's url as an IRI: what an IRI cannot hold percent-encoded (a stray %, a second #,
    brackets, spaces); None when it is still no IRI. Nothing parses the written text before it is
    stored, so a bad one would stop a build, or enter a store unchecked."""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    head, hash_, fragment = url.partition("#")
    iri = quote(head, safe=SAFE_IN_IRI) + hash_ + quote(fragment, safe=SAFE_IN_IRI.replace("#", ""))
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


def _mint(kind: str, *parts: object) -> str:
    """The bare IRI ``id:<kind>/<16 hex digits of SHA-256 over the parts>``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return f"{_ID}{kind}/{digest}"


def mint(kind: str, *parts: object) -> URIRef:
    """``id:<kind>/<16 hex digits of SHA-256 over the parts>``."""
    return URIRef(_mint(kind, *parts))


def report_iri(text: str) -> URIRef:
    return mint("report", text)


def org_iri(name: str, place: str | None, report: URIRef | None = None) -> URIRef:
    """Organisations are qualified by jurisdiction, except national bodies.

    Where a report's place is unknown, its bodies stay its own: two reports'
    区委 are never merged on a guess.
    """
    canon = canonical_org(name)
    if is_national(canon):
        return mint("org", "", canon)
    return mint("org", norm_name(place) if place else f"report:{report}", canon)


def entity_iri(ent: Entity, report: URIRef, place: str | None) -> URIRef:
    if ent.kind == "organisation":
        return org_iri(ent.label, place, report)
    if ent.kind == "document" and is_own_plan(ent.label):   # each jurisdiction's own plan, like its 区委
        return mint(ent.kind, norm_name(place) if place else f"report:{report}", variant_key(ent.label))
    if ent.kind in ("programme", "document"):
        return mint(ent.kind, variant_key(ent.label))
    if ent.kind == "place":   # a place named as a pilot is the node of that place in every report
        return mint("place", norm_name(ent.label))
    return mint(ent.kind, report, norm_name(ent.label))


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns if not isinstance(ns, type) else ns._NS)
    return ds


# N-Triples escapes as a store writes them back: the short forms, \uXXXX for the other control
# characters (raw ones are legal N-Quads, but a file with them differs from a store's dump).
_ESCAPES = str.maketrans({**{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
                          "\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"})


class _Spelled:
    """N-Triples spelling of a vocabulary's terms: ``_Spelled(GOV).Report`` is ``<https://…#Report>``.

    Terms go through the namespace first, so GOV still rejects a misspelled name.
    """

    def __init__(self, ns: object) -> None:
        self._ns = ns

    def __getattr__(self, name: str) -> str:
        spelled = f"<{self._ns[name]}>"  # type: ignore[index]
        setattr(self, name, spelled)
        return spelled


_GOV, _RDF, _RDFS, _SKOS, _DCT, _PROV = (_Spelled(ns) for ns in (GOV, RDF, RDFS, SKOS, DCTERMS, PROV))
_XSD_INTEGER, _XSD_DECIMAL, _XSD_GYEAR, _XSD_DATE = (f"<{XSD[n]}>" for n in ("integer", "decimal", "gYear", "date"))
_TRUE = f'"true"^^<{XSD.boolean}>'


def _text(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'


def _zh(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"@zh'


def _typed(lexical: str, datatype: str) -> str:
    return f'"{lexical.translate(_ESCAPES)}"^^{datatype}'


def _decimal(value: Decimal) -> str:
    """An xsd:decimal in the canonical form a store gives back (2.50 → 2.5, 43.0 → 43, -0 → 0), so
    that a graph written to a file and one read back from a store are the same text."""
    return _typed(f"{(Decimal(value) + 0).normalize():f}", _XSD_DECIMAL)


def _integer(n: int) -> str:
    return f'"{n}"^^{_XSD_INTEGER}'


def _year(year: int | str) -> str:
    return _typed(str(year), _XSD_GYEAR)


class _Writer:
    """Writes one extraction's statements as N-Quads lines of its report's named graph.

    Terms are spelled straight into N-Triples text: building an rdflib term per
    value cost more than the extraction itself on large corpora. Nodes are held
    as bare IRIs (they are also hashed into other IRIs); ``<…>`` is added on output.
    """

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.report = ex.report
        self.r = str(report_iri(self.report.text))
        self.lines: list[str] = []
        self.place = self.report.place
        self.keys: dict[str, str] = {}
        self.things: dict[str, str] = {}   # thing → its kind, for the build's counts of distinct things
        self.mentions: dict[tuple[int, int], str] = {}
        self.contexts: dict[int, list[tuple[str, str]]] = {}   # sentence index → its spelled context
        graph = f"<{self.r}>"
        append = self.lines.append

        def add(subject: str, predicate: str, obj: str) -> None:
            append(f"<{subject}> {predicate} {obj} {graph} .\n")

        self.add = add

    def nquads(self) -> str:
        self.write()
        return "".join(dict.fromkeys(self.lines))  # each statement once, in first-written order

    def mention(self, m: Mention) -> str:
        node = self.mentions.get((m.start, m.end))
        if node is not None:
            return node
        node = _mint("mention", self.r, m.start, m.end)
        self.mentions[(m.start, m.end)] = node
        add = self.add
        sent = self.report.sentences[m.sentence] if m.sentence < len(self.report.sentences) else None
        add(node, _RDF.type, _GOV.Mention)
        add(node, _GOV.inReport, f"<{self.r}>")
        add(node, _GOV.surface, _text(m.surface))
        add(node, _GOV.start, _integer(m.start))
        add(node, _GOV.end, _integer(m.end))
        if sent is not None:
            for predicate, obj in self._context(m.sentence):
                add(node, predicate, obj)
        return node

    def _context(self, index: int) -> list[tuple[str, str]]:
        """A sentence's text, section and role as written on each of its mentions, spelled once per
        sentence: a sentence has several mentions, and its text is the longest literal of the graph."""
        found = self.contexts.get(index)
        if found is None:
            sent = self.report.sentences[index]
            sec = self.report.section_of(sent)
            found = [(_GOV.sentence, _text(sent.text)), *([(_GOV.section, _text(sec.heading))] if sec is not None else []),
                     (_GOV.sectionRole, _text(self.report.role_of(sent)))]
            self.contexts[index] = found
        return found

    def write(self) -> str:
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
                self.add(self.keys[plan], _GOV.addresses, f"<{self.keys[problem]}>")
        self._counts()
        return self.r

    def _counts(self) -> None:
        """The distinct things of each kind gov:mentionedIn this report, on the report node, zeros too.

        The report's graph is always written whole, so counts kept in it stay right; counting
        gov:mentionedIn over a whole store at query time grew with the store."""
        counts = Counter(self.things.values())
        for kind, prop in COUNT_PROPERTIES.items():
            self.add(self.r, getattr(_GOV, prop), _integer(counts[kind]))

    def _report(self) -> None:
        rep, add, r = self.report, self.add, self.r
        add(r, _RDF.type, _GOV.Report)
        if rep.title:
            add(r, _DCT.title, _zh(rep.title))
            add(r, _RDFS.label, _zh(rep.title))
        if rep.year:
            add(r, _GOV.year, _year(rep.year))
        if rep.published:
            add(r, _DCT.issued, _typed(rep.published, _XSD_DATE))
        add(r, _DCT.source, _text(rep.source.source))
        url = rep.source.meta.get("url")
        if url and url.startswith(("http://", "https://")) and (iri := web_iri(url)):
            add(r, _RDFS.seeAlso, f"<{iri}>")
        if rep.source.meta.get("province"):
            add(r, _GOV.province, _text(rep.source.meta["province"]))
        add(r, _GOV.charCount, _integer(len(rep.text)))
        if self.place:
            place = _mint("place", norm_name(self.place))
            add(place, _RDF.type, _GOV.Place)
            add(place, _RDFS.label, _zh(self.place))
            add(r, _GOV.jurisdiction, f"<{place}>")
        for pub in rep.publishers:
            add(r, _DCT.publisher, f"<{org_iri(pub, self.place, URIRef(r))}>")

    def _entity(self, ent: Entity) -> None:
        add = self.add
        node = str(entity_iri(ent, URIRef(self.r), self.place))
        self.keys[ent.key] = node
        if ent.kind in COUNT_PROPERTIES:
            self.things[node] = ent.kind
        if ent.kind == "organisation":
            add(node, _RDF.type, _GOV.Organisation)
            cls = ORG_CLASSES.get(ent.org_kind or "")
            if cls is not None:
                add(node, _RDF.type, f"<{cls}>")
            add(node, _GOV.orgKind, _text(ent.org_kind or "other"))
            if self.place and not is_national(canonical_org(ent.label)):
                add(node, _GOV.jurisdiction, f"<{_mint('place', norm_name(self.place))}>")
        else:
            add(node, _RDF.type, f"<{KIND_CLASSES[ent.kind]}>")
            doc_kind = document_kind(ent.label) if ent.kind == "document" else None
            if doc_kind is not None:
                add(node, _RDF.type, f"<{DOCUMENT_CLASSES[doc_kind]}>")
                add(node, _GOV.documentKind, _text(doc_kind))
        add(node, _RDFS.label, _zh(ent.label))
        add(node, _SKOS.prefLabel, _zh(ent.label))
        for alias in sorted(ent.aliases):
            add(node, _SKOS.altLabel, _zh(alias))
        if ent.description:
            add(node, _GOV.description, _zh(ent.description))
        if ent.year:
            add(node, _GOV.year, _year(ent.year))
        add(node, _GOV.mentionedIn, f"<{self.r}>")
        for m in ent.mentions:
            add(node, _PROV.wasDerivedFrom, f"<{self.mention(m)}>")

    def _observation(self, obs: Observation) -> None:
        add = self.add
        m = self.mention(obs.mention)
        node = _mint("obs", self.r, obs.mention.start, obs.mention.end, obs.value, obs.unit, obs.indicator)
        add(node, _RDF.type, _GOV.Observation)
        self.things[node] = "observation"
        add(node, _RDFS.label, _zh(obs.label or f"{obs.indicator} {obs.value}{obs.unit}"))
        add(node, _GOV.value, _decimal(obs.value))
        add(node, _GOV.unit, _text(obs.unit))
        if obs.indicator:  # a value whose words name no measure (之比达到2%) keeps only its label
            ind = _mint("indicator", norm_name(obs.indicator))
            add(ind, _RDF.type, _GOV.Indicator)
            add(ind, _RDFS.label, _zh(obs.indicator))
            if obs.better:
                add(ind, _GOV.betterWhen, _text(obs.better))
            add(node, _GOV.indicator, f"<{ind}>")
        self._observation_kind(node, obs)
        if obs.year:
            add(node, _GOV.year, _year(obs.year))
        for q in obs.qualifiers:
            add(node, _GOV.qualifier, _text(q))
        if obs.is_change:
            add(node, _GOV.isChange, _TRUE)
            if obs.direction:
                add(node, _GOV.changeDirection, _text(obs.direction))
        if obs.about and obs.about in self.keys:
            add(node, _GOV.about, f"<{self.keys[obs.about]}>")
        add(node, _GOV.mentionedIn, f"<{self.r}>")
        add(node, _PROV.wasDerivedFrom, f"<{m}>")

    def _observation_kind(self, node: str, obs: Observation) -> None:
        """Result or target, the years the value is about, its base and bounds (ontology/gov.ttl)."""
        add = self.add
        add(node, _GOV.observationKind, _text(obs.kind))
        if obs.period_start:
            add(node, _GOV.periodStart, _year(obs.period_start))
        if obs.period_end:
            add(node, _GOV.periodEnd, _year(obs.period_end))
        if obs.base:
            add(node, _GOV.changeBase, _text(obs.base))
        if obs.base_year:
            add(node, _GOV.baseYear, _year(obs.base_year))
        if obs.aggregate:
            add(node, _GOV.aggregate, _text(obs.aggregate))
        for prop, bound in ((_GOV.low, obs.low), (_GOV.high, obs.high)):
            if bound is not None:
                add(node, prop, _decimal(bound))
        if obs.written and obs.written != obs.indicator:
            add(node, _GOV.writtenIndicator, _zh(obs.written))

    def _link(self, link: Link) -> None:
        subj, unit = self.keys.get(link.subject), self.keys.get(link.unit)
        if subj is None or unit is None:
            return
        add = self.add
        m = self.mention(link.mention)
        # one edge per link: the role lives on the qualified node, so counting
        # gov:responsibleUnit edges (with their sub-properties) counts each link once
        add(subj, _GOV.responsibleUnit, f"<{unit}>")
        q = _mint("resp", subj, unit, link.role, m)
        add(subj, _GOV.qualifiedResponsibility, f"<{q}>")
        add(q, _RDF.type, _GOV.Responsibility)
        add(q, _GOV.unitOf, f"<{unit}>")
        self.things[f"{subj} {unit}"] = "link"   # a link is a subject–unit pair, whatever its roles
        add(q, _GOV.role, _text(link.role))
        add(q, _PROV.wasDerivedFrom, f"<{m}>")

    def _citation(self, cite: Citation) -> None:
        doc = self.keys.get(cite.document)
        if doc is None:
            return
        add = self.add
        m = self.mention(cite.mention)
        add(self.r, _GOV.cites, f"<{doc}>")
        c = _mint("cite", self.r, doc, m)
        add(self.r, _GOV.qualifiedCitation, f"<{c}>")
        add(c, _RDF.type, _GOV.Citation)
        add(c, _GOV.document, f"<{doc}>")
        add(c, _GOV.action, _text(cite.action))
        add(c, _PROV.wasDerivedFrom, f"<{m}>")


def report_graph(ex: Extraction) -> tuple[str, str, dict[str, str]]:
    """The report IRI, its named graph as N-Quads text (each statement once), and the things it
    types (IRI, or "subject unit" for a link → organisation, programme, document, observation,
    problem, plan, link)."""
    w = _Writer(ex)
    return w.r, w.nquads(), w.things   # in this order: writing fills w.things


def add_extraction(ds: Dataset, ex: Extraction) -> URIRef:
    """Write ``ex`` into its report's named graph of ``ds``; returns the report IRI."""
    iri, text, _things = report_graph(ex)
    ds.parse(data=text, format="nquads")
    return URIRef(iri)


__all__ = ["add_extraction", "mint", "new_dataset", "org_iri", "report_graph", "report_iri"]
