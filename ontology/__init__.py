"""The governance ontology (gov.ttl) and SHACL shapes, shipped as package data."""
