"""How each class of node is drawn and named: kind, colour, shape, Chinese labels of classes and relations."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal

from kg.namespaces import DCTERMS, GOV, RDFS, SKOS
from kg.resources import ontology_text

GOV_NS = "https://w3id.org/govkg/ont#"


@dataclass(frozen=True)
class NodeType:
    """How one class is drawn: its kind, colour and vis-network shape."""

    key: str      # class local name
    kind: str
    color: str
    shape: str


# Legend order. Organisation kinds share a family of blues; every other kind has its own hue.
NODE_TYPES: tuple[NodeType, ...] = (
    NodeType("Report", "report", "#37474f", "star"),
    NodeType("PartyOrgan", "organisation", "#0d3b8c", "dot"),
    NodeType("Government", "organisation", "#1565c0", "dot"),
    NodeType("Department", "organisation", "#1e88e5", "dot"),
    NodeType("JudicialOrgan", "organisation", "#3949ab", "dot"),
    NodeType("LegislativeBody", "organisation", "#5c6bc0", "dot"),
    NodeType("PublicInstitution", "organisation", "#0097a7", "dot"),
    NodeType("GrassrootsUnit", "organisation", "#4fc3f7", "dot"),
    NodeType("Committee", "organisation", "#0277bd", "dot"),
    NodeType("SocialOrganisation", "organisation", "#80a8d8", "dot"),
    NodeType("Organisation", "organisation", "#607d9b", "dot"),
    NodeType("Programme", "programme", "#f57c00", "diamond"),
    NodeType("Document", "document", "#8e24aa", "square"),
    NodeType("Indicator", "indicator", "#2e7d32", "triangle"),
    NodeType("Observation", "observation", "#81c784", "dot"),
    NodeType("Problem", "problem", "#d32f2f", "triangleDown"),
    NodeType("Plan", "plan", "#d81b60", "hexagon"),
    NodeType("Place", "place", "#8d6e63", "dot"),
    NodeType("Group", "group", "#546e7a", "box"),      # kg serve's overview: reports of one place and time
    NodeType("Other", "other", "#9e9e9e", "dot"),
)
TYPE_BY_KEY = {t.key: t for t in NODE_TYPES}
ORG_KIND_CLASS = {
    "party": "PartyOrgan", "government": "Government", "department": "Department",
    "judicial": "JudicialOrgan", "legislative": "LegislativeBody", "institution": "PublicInstitution",
    "grassroots": "GrassrootsUnit", "committee": "Committee", "social": "SocialOrganisation",
}
ROLES = {"lead": "牵头", "pilot": "试点", "founder": "设立", "organiser": "组织", "partner": "合作", "issuer": "制发"}
# A gov:responsibleUnit edge whose qualified node names a role is drawn as that role's relation,
# so the legend lists the roles; issuer and partner have no sub-property, so they get their own key.
ROLE_RELATIONS = {"lead": str(GOV.leadUnit), "pilot": str(GOV.pilotUnit), "founder": str(GOV.founder),
                  "organiser": str(GOV.organiser), "partner": GOV_NS + "responsibleUnit#partner",
                  "issuer": GOV_NS + "responsibleUnit#issuer"}
EXTRA_LABELS = {  # relations and properties the ontology does not label
    str(DCTERMS.publisher): "发布单位", str(DCTERMS.title): "标题", str(DCTERMS.issued): "发布日期",
    str(DCTERMS.source): "来源", str(DCTERMS.created): "创建日期", str(SKOS.note): "注释",
    str(RDFS.seeAlso): "网页",
    ROLE_RELATIONS["partner"]: "合作单位", ROLE_RELATIONS["issuer"]: "制发单位",
}


@lru_cache(maxsize=1)
def ontology_labels() -> dict[str, tuple[str, str]]:
    """IRI → (``@zh`` label, ``@en`` label) of every term in the shipped ontology."""
    graph = Graph()
    graph.parse(data=ontology_text(), format="turtle")
    out: dict[str, tuple[str, str]] = {}
    for term in set(graph.subjects(RDFS.label, None)):
        zh = en = ""
        for lab in graph.objects(term, RDFS.label):
            if isinstance(lab, Literal) and lab.language == "zh":
                zh = str(lab)
            elif isinstance(lab, Literal) and lab.language == "en":
                en = str(lab)
        out[str(term)] = (zh or en, en or zh)
    return out


def term_label(iri: str) -> str:
    """The Chinese label of a class or property (ontology first), else its local name."""
    if iri in EXTRA_LABELS:
        return EXTRA_LABELS[iri]
    found = ontology_labels().get(iri)
    return found[0] if found else local_name(iri)


def type_label(key: str) -> str:
    return {"Other": "其他", "Group": "报告分组"}.get(key) or term_label(GOV_NS + key)


def local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


