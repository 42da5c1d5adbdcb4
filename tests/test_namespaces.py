"""kg.namespaces.GOV and ontology/gov.ttl name the same terms, and the ontology documents each of them."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import GOV, ONTOLOGY_IRI

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "gov.ttl"
NS = str(GOV._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

CONTRACT_CLASSES = ["Report", "Organisation", "Programme", "Document", "Observation", "Indicator",
                    "Problem", "Plan", "Mention"]
CONTRACT_PROPERTIES = ["responsibleUnit", "value", "unit", "indicator", "about", "addresses", "cites",
                       "mentionedIn", "year", "inReport", "sentence", "start", "end"]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def defined(onto: Graph) -> set[str]:
    return {str(s)[len(NS):] for k in KINDS for s in onto.subjects(RDF.type, k) if str(s).startswith(NS)}


def namespace_terms() -> set[str]:
    return {name for name in GOV.__annotations__ if not name.startswith("_")}


def test_the_ontology_parses_and_declares_itself(onto):
    assert len(onto) > 100
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto


def test_namespace_terms_are_defined_in_the_ontology(onto):
    assert len(namespace_terms()) > 40
    assert namespace_terms() - defined(onto) == set()


def test_ontology_terms_are_in_the_namespace(onto):
    assert defined(onto) - namespace_terms() == set()


def test_every_gov_subject_of_the_ontology_is_a_typed_term(onto):
    subjects = {str(s)[len(NS):] for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert subjects == defined(onto)


def test_the_namespace_rejects_misspelled_terms():
    with pytest.raises(AttributeError):
        GOV.Programm  # noqa: B018


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_term_has_a_label_in_each_language(onto, lang):
    missing = sorted(t for t in defined(onto)
                     if not any(isinstance(o, Literal) and o.language == lang
                                for o in onto.objects(URIRef(NS + t), RDFS.label)))
    assert missing == []


def test_every_term_has_a_definition(onto):
    missing = sorted(t for t in defined(onto) if not list(onto.objects(URIRef(NS + t), SKOS.definition)))
    assert missing == []


def test_organisation_kinds_are_subclasses_of_organisation(onto):
    org_classes = {GOV.PartyOrgan, GOV.Government, GOV.Department, GOV.JudicialOrgan, GOV.LegislativeBody,
                   GOV.PublicInstitution, GOV.GrassrootsUnit, GOV.Committee, GOV.SocialOrganisation}
    assert set(onto.subjects(RDFS.subClassOf, GOV.Organisation)) == org_classes
    assert (GOV.Organisation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in onto


def test_the_rdf_mapping_uses_each_organisation_class():
    from kg.rdf import ORG_CLASSES

    assert set(ORG_CLASSES.values()) == {GOV.PartyOrgan, GOV.Government, GOV.Department, GOV.JudicialOrgan,
                                         GOV.LegislativeBody, GOV.PublicInstitution, GOV.GrassrootsUnit,
                                         GOV.Committee, GOV.SocialOrganisation}


def test_role_properties_are_sub_properties_of_responsible_unit(onto):
    assert set(onto.subjects(RDFS.subPropertyOf, GOV.responsibleUnit)) == {
        GOV.leadUnit, GOV.pilotUnit, GOV.founder, GOV.organiser}


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_classes(onto, name):
    assert (URIRef(NS + name), RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_contract_properties(onto, name):
    term = URIRef(NS + name)
    assert (term, RDF.type, OWL.ObjectProperty) in onto or (term, RDF.type, OWL.DatatypeProperty) in onto
