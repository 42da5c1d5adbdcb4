"""SPARQL query text: the ``.rq`` header, the terms and parameter values, N-Triples escaping.

Nothing here runs a query; :mod:`kg.query.syntax` reads the query itself. The header of a named query looks like::

    # title: Programmes and their responsible units
    # description: Every programme with …
    #   (lines indented after '#' continue the description)
    # param: ?unit — label (substring) of the unit, or its IRI; default: any
    # param: ?minReports (integer) — least number of reports; default: 2
    # param: ?text (text) — string to look for; required; example: 法治

>>> q = parse_header("# title: T\\n# param: ?n (integer) — a count; default: 2\\nSELECT ?n {}")
>>> q.title, q.params[0].name, q.params[0].kind, q.params[0].default
('T', 'n', 'integer', '2')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.errors import QueryError

PARAM_KINDS = ("string", "text", "iri", "integer", "decimal", "year")
XSD = "http://www.w3.org/2001/XMLSchema#"


class Term(NamedTuple):
    """An RDF term as in SPARQL 1.1 Query Results JSON (kind: uri, literal, bnode or triple).

    ``datatype`` is None for plain (xsd:string) and language-tagged literals.
    """

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "string"
    meaning: str = ""
    default: str | None = None  # None: unbound when not given
    required: bool = False
    example: str | None = None

    def describe(self) -> str:
        kind = "" if self.kind == "string" else f" ({self.kind})"
        tail = "required" if self.required else f"default: {self.default if self.default is not None else 'any'}"
        if self.example:
            tail += f"; example: {self.example}"
        return f"?{self.name}{kind} — {self.meaning}; {tail}"


@dataclass
class QueryText:
    text: str
    name: str = "--sparql"
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    declared: bool = False  # True when the text has a header declaring its parameters

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


# ---------------------------------------------------------------- header

_HEADER_KEY = re.compile(r"#\s?(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"[?$](\w+)\s*(?:\((\w+)\))?\s*(?:—|–|--|-|:)?\s*(.*)$")


def parse_header(text: str, name: str = "--sparql") -> QueryText:
    """Read the ``# title:`` / ``# description:`` / ``# param:`` lines at the top of ``text``."""
    query = QueryText(text=text, name=name)
    last = None
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER_KEY.match(stripped)
        if match:
            key, value = match.groups()
            last = key
            if key == "title":
                query.title = value.strip()
            elif key == "description":
                query.description = value.strip()
            else:
                query.params.append(_parse_param(value, name, lineno))
                query.declared = True
        elif last == "description" and re.match(r"#\s{2,}\S", stripped):
            query.description += " " + stripped.lstrip("#").strip()
        else:
            last = None
    return query


def _parse_param(spec: str, name: str, lineno: int) -> Param:
    match = _PARAM.match(spec.strip())
    if not match:
        raise QueryError(f"{name}: line {lineno}: cannot read the parameter line "
                         f"(write '# param: ?name (type) — meaning; default: value')")
    pname, kind, rest = match.groups()
    kind = (kind or "string").lower()
    if kind not in PARAM_KINDS:
        raise QueryError(f"{name}: line {lineno}: parameter ?{pname} has unknown type ({kind}); "
                         f"use one of {', '.join(PARAM_KINDS)}")
    parts = [p.strip() for p in rest.split(";")]
    meaning, default, required, example = parts[0], None, False, None
    for part in parts[1:]:
        low = part.lower()
        if low == "required":
            required = True
        elif low.startswith("default:"):
            value = part.split(":", 1)[1].strip()
            default = None if value.lower() == "any" else value
        elif low.startswith("example:"):
            example = part.split(":", 1)[1].strip()
        elif part:
            meaning += "; " + part
    return Param(pname, kind, meaning, default, required, example)


# ---------------------------------------------------------------- parameter values

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _as_iri(raw: str) -> str | None:
    """The IRI a value names: <…>, http(s)://…, urn:…, or gov:/id:/… with a known prefix."""
    from kg.namespaces import PREFIX_IRIS

    value = raw.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif re.match(r"(?i)(https?://|urn:)", value):
        pass
    else:
        prefix, sep, local = value.partition(":")
        if not sep or prefix not in PREFIX_IRIS or not local or _IRI_FORBIDDEN.search(local):
            return None
        value = PREFIX_IRIS[prefix] + local
    if not value or _IRI_FORBIDDEN.search(value) or not re.match(r"[A-Za-z][\w+.-]*:", value):
        raise ValueError(raw)
    return value


def parse_value(param: Param, raw: str, query_name: str) -> Term:
    """The RDF term for ``--param name=raw``: never query text, always a single term."""
    where = f"{query_name}: parameter ?{param.name}"
    if param.kind == "text":
        return Term("literal", raw)
    if param.kind in ("string", "iri"):
        try:
            iri = _as_iri(raw)
        except ValueError:
            raise QueryError(f"{where}: {raw!r} is not a valid IRI") from None
        if iri is not None:
            return Term("uri", iri)
        if param.kind == "iri":
            raise QueryError(f"{where} expects an IRI (<https://…> or id:kind/hash), got {raw!r}")
        return Term("literal", raw)
    value = raw.strip()
    if param.kind == "integer" and re.fullmatch(r"[+-]?\d+", value):
        return Term("literal", str(int(value)), XSD + "integer")
    if param.kind == "decimal" and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value):
        return Term("literal", value, XSD + "decimal")
    if param.kind == "year" and re.fullmatch(r"\d{4}", value):
        return Term("literal", value, XSD + "gYear")
    expected = {"integer": "a whole number", "decimal": "a number", "year": "a four-digit year"}[param.kind]
    raise QueryError(f"{where} expects {expected}, got {raw!r}")


def ntriples(term: Term) -> str:
    """The N-Triples/SPARQL spelling of a term, escaped so a value can only ever be a value.

    >>> ntriples(Term("literal", 'a"} ; DROP ALL #'))
    '"a\\\\"} ; DROP ALL #"'
    """
    if term.kind == "uri":
        if _IRI_FORBIDDEN.search(term.value):
            raise QueryError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    if term.kind != "literal":
        raise QueryError(f"cannot send a {term.kind} as a parameter")
    out = []
    for ch in term.value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    text = '"' + "".join(out) + '"'
    if term.lang:
        return text + "@" + term.lang
    if term.datatype:
        return text + f"^^<{term.datatype}>"
    return text
