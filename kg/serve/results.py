"""Query results in the SPARQL 1.1 formats the endpoint offers.

SELECT/ASK: JSON and CSV come from :mod:`kg.query.results`; XML and TSV are
written here because the SPARQL TSV format spells terms (``<iri>``,
``"text"@zh``), unlike the plain TSV of ``kg query``. CONSTRUCT/DESCRIBE rows
become triples: Turtle and N-Triples by Oxigraph, JSON-LD by rdflib.
"""
from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kg.namespaces import PREFIX_IRIS
from kg.query.engines import Result
from kg.query.results import render, to_json
from kg.query.terms import to_oxigraph
from kg.query.text import Term

SELECT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "application/json"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "text/plain"]
SPARQL_NS = "http://www.w3.org/2005/sparql-results#"


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = ""
    if term.lang:
        attrs = f" xml:lang={quoteattr(term.lang)}"
    elif term.datatype:
        attrs = f" datatype={quoteattr(term.datatype)}"
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def to_xml(result: Result) -> str:
    """SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{SPARQL_NS}">', "<head>"]
    if result.form == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                        for v, t in zip(result.variables, row) if t is not None)
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


_TSV_LITERAL = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = f'"{term.value.translate(_TSV_LITERAL)}"'
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype:
        return f"{text}^^<{term.datatype}>"
    return text


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in SPARQL syntax."""
    if result.form == "ASK":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def select_body(result: Result, media: str) -> str:
    if media in ("application/sparql-results+json", "application/json"):
        return json.dumps(to_json(result), ensure_ascii=False)
    if media == "application/sparql-results+xml":
        return to_xml(result)
    if media == "text/csv":
        return render(result, "csv").replace("\n", "\r\n")  # RFC 4180 lines, as SPARQL CSV asks
    return to_tsv(result)


def graph_body(result: Result, media: str) -> bytes:
    """The triples of a CONSTRUCT/DESCRIBE result in Turtle, N-Triples or JSON-LD."""
    import pyoxigraph as ox

    triples = [ox.Triple(*(to_oxigraph(t) for t in row)) for row in result.rows if None not in row]
    if media == "application/ld+json":
        return _jsonld(triples)
    fmt = ox.RdfFormat.TURTLE if media == "text/turtle" else ox.RdfFormat.N_TRIPLES
    prefixes = PREFIX_IRIS if fmt == ox.RdfFormat.TURTLE else None
    try:
        return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    except TypeError:  # an Oxigraph without prefixes=
        return ox.serialize(triples, format=fmt) or b""


def _jsonld(triples: list[Any]) -> bytes:
    import pyoxigraph as ox
    from rdflib import Graph

    graph = Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph.serialize(format="json-ld").encode("utf-8")
