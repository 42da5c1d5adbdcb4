"""RDF namespaces. ``GOV`` rejects misspelled terms, so a typo fails loudly.

>>> from kg.namespaces import GOV
>>> str(GOV.Programme)
'https://w3id.org/govkg/ont#Programme'
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace("https://w3id.org/govkg/id/")
ONTOLOGY_IRI = URIRef("https://w3id.org/govkg/ont")


class GOV(DefinedNamespace):
    """Terms of ontology/gov.ttl; tests/test_namespaces.py keeps both in agreement."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ont#")

    # classes
    Report: URIRef
    Organisation: URIRef
    PartyOrgan: URIRef
    Government: URIRef
    Department: URIRef
    JudicialOrgan: URIRef
    LegislativeBody: URIRef
    PublicInstitution: URIRef
    GrassrootsUnit: URIRef
    Committee: URIRef
    SocialOrganisation: URIRef
    Programme: URIRef
    Document: URIRef
    Law: URIRef
    Regulation: URIRef
    PlanDocument: URIRef
    PolicyDocument: URIRef
    Treaty: URIRef
    Observation: URIRef
    Indicator: URIRef
    Problem: URIRef
    Plan: URIRef
    Mention: URIRef
    Place: URIRef
    Responsibility: URIRef
    Citation: URIRef
    # object properties
    responsibleUnit: URIRef
    leadUnit: URIRef
    pilotUnit: URIRef
    founder: URIRef
    organiser: URIRef
    qualifiedResponsibility: URIRef
    indicator: URIRef
    about: URIRef
    addresses: URIRef
    cites: URIRef
    qualifiedCitation: URIRef
    document: URIRef
    unitOf: URIRef
    mentionedIn: URIRef
    inReport: URIRef
    jurisdiction: URIRef
    # data properties
    value: URIRef
    unit: URIRef
    qualifier: URIRef
    isChange: URIRef
    changeDirection: URIRef
    observationKind: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    changeBase: URIRef
    baseYear: URIRef
    aggregate: URIRef
    low: URIRef
    high: URIRef
    writtenIndicator: URIRef
    betterWhen: URIRef
    year: URIRef
    sentence: URIRef
    start: URIRef
    end: URIRef
    surface: URIRef
    section: URIRef
    sectionRole: URIRef
    description: URIRef
    action: URIRef
    role: URIRef
    orgKind: URIRef
    documentKind: URIRef
    level: URIRef
    province: URIRef
    charCount: URIRef
    organisationCount: URIRef
    programmeCount: URIRef
    documentCount: URIRef
    observationCount: URIRef
    problemCount: URIRef
    planCount: URIRef
    buildDigest: URIRef


PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "gov": GOV, "id": ID, "org": ORG, "prov": PROV, "skos": SKOS,
    "dcterms": DCTERMS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
}

#: The same prefixes as plain strings (prefix → namespace IRI), as serialisers and query texts want them.
PREFIX_IRIS: dict[str, str] = {name: str(ns._NS if isinstance(ns, type) else ns) for name, ns in PREFIXES.items()}

__all__ = ["DCTERMS", "GOV", "ID", "ONTOLOGY_IRI", "ORG", "OWL", "PREFIXES", "PREFIX_IRIS", "PROV", "RDF", "RDFS",
           "SKOS", "XSD"]
