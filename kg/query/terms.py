"""Converting RDF terms of each engine (Oxigraph, rdflib, SPARQL JSON) to and from :class:`~kg.query.text.Term`.

Numbers come out in canonical form and plain strings without their datatype,
so every engine gives equal rows for equal answers.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from kg.query.text import XSD, Term

XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                              "positiveInteger", "nonPositiveInteger", "negativeInteger",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}

def canonical_number(lexical: str, datatype: str | None) -> str:
    """Integers and decimals in canonical form (43.0 → 43), as Oxigraph writes them."""
    try:
        if datatype in _INTEGERS:
            return str(int(lexical))
        if datatype == XSD + "decimal":
            value = Decimal(lexical)
            if value == value.to_integral_value():
                return str(int(value))
            return format(value.normalize(), "f")
    except (ValueError, InvalidOperation):
        pass
    return lexical


def _literal(value: str, datatype: str | None, lang: str | None) -> Term:
    if lang:
        return Term("literal", value, None, lang)
    if datatype in (None, XSD_STRING, RDF_LANGSTRING):
        return Term("literal", value)
    return Term("literal", canonical_number(value, datatype), datatype)


def from_oxigraph(term: Any) -> Term | None:
    return oxigraph_converter()(term)


def oxigraph_converter() -> Callable[[Any], Term | None]:
    """A converter with its own cache: the same labels and IRIs recur across many rows."""
    import pyoxigraph as ox

    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    cache: dict[Any, Term] = {}

    def convert(term: Any) -> Term | None:
        if term is None:
            return None
        hit = cache.get(term)
        if hit is not None:
            return hit
        kind = type(term)
        if kind is named:
            out = Term("uri", term.value)
        elif kind is literal:
            out = _literal(term.value, term.datatype.value, term.language)
        elif kind is blank:
            out = Term("bnode", term.value)
        else:
            out = Term("triple", str(term))
        cache[term] = out
        return out

    return convert


def to_oxigraph(term: Term) -> Any:
    import pyoxigraph as ox

    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def from_rdflib(term: Any) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term("uri", str(term))
    if isinstance(term, Literal):
        return _literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, BNode):
        return Term("bnode", str(term))
    return Term("triple", str(term))


def to_rdflib(term: Term) -> Any:
    from rdflib import Literal, URIRef

    if term.kind == "uri":
        return URIRef(term.value)
    return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)


def from_json(cell: dict[str, Any] | None) -> Term | None:
    if cell is None:
        return None
    kind = cell.get("type")
    if kind in ("literal", "typed-literal"):
        return _literal(cell.get("value", ""), cell.get("datatype"), cell.get("xml:lang"))
    if kind == "triple":
        return Term("triple", json.dumps(cell.get("value")))
    return Term("uri" if kind == "uri" else "bnode", cell.get("value", ""))
