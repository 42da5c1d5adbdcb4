"""SPARQL query text: the ``.rq`` header, a tokenizer, refusals, syntax checks, parameter values.

Nothing here runs a query. The header of a named query looks like::

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
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH")
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


# ---------------------------------------------------------------- tokenizer

class Token(NamedTuple):
    kind: str  # iri string var pname bnode lang number word punct
    text: str
    pos: int


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[?$]\w+)
  | (?P<bnode>_:[\w.-]*\w)
  | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>\^\^|&&|\|\||<=|>=|!=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(text: str) -> list[Token]:
    """SPARQL tokens without whitespace and comments; strings and IRIs are single tokens.

    >>> [t.text for t in tokenize('SELECT * { ?s <x:p> "a # b" } # LOAD')]
    ['SELECT', '*', '{', '?s', '<x:p>', '"a # b"', '}']
    """
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, match.group(), match.start()))
    return tokens


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _where(query: QueryText, pos: int) -> str:
    line, col = line_col(query.text, pos)
    return f"line {line}, column {col}"


# ---------------------------------------------------------------- refusals and syntax

def refuse_unsafe(query: QueryText, tokens: list[Token] | None = None) -> None:
    """Refuse SERVICE, LOAD and every update form, found as keywords (not in strings, IRIs or comments)."""
    for tok in tokens if tokens is not None else tokenize(query.text):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word == "SERVICE":
            raise QueryError(f"{query.name}: SERVICE at {_where(query, tok.pos)} is refused: "
                             "kg query reads only the chosen graph, store or endpoint")
        if word in UPDATE_WORDS:
            raise QueryError(f"{query.name}: {word} at {_where(query, tok.pos)} is refused: "
                             "kg query only reads (SELECT, ASK, CONSTRUCT, DESCRIBE); "
                             "change stores with 'kg store'")


def query_form(query: QueryText, tokens: list[Token] | None = None) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
    for tok in tokens if tokens is not None else tokenize(query.text):
        if tok.kind == "word" and tok.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok.text.upper()
    return "SELECT"


def check_syntax(query: QueryText, tokens: list[Token] | None = None) -> None:
    """Parse with Oxigraph (the engine that runs it); on error name the query, line and column.

    rdflib's parser, where it fails too, gives the position of the construct that
    failed, which reads better than the furthest point Oxigraph reached.
    """
    import pyoxigraph

    try:
        pyoxigraph.Store().query(query.text)
        return
    except SyntaxError as exc:
        ox_message = str(exc)
    tokens = tokens if tokens is not None else tokenize(query.text)
    prefix = re.search(r"Prefix not found", ox_message)
    if prefix:
        declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", query.text, re.IGNORECASE)}
        for tok in tokens:
            if tok.kind == "pname" and tok.text.split(":", 1)[0] not in declared:
                raise QueryError(f"{query.name}: syntax error at {_where(query, tok.pos)}: "
                                 f"prefix '{tok.text.split(':', 1)[0]}:' is not declared (add a PREFIX line)")
    line, col, detail = _rdflib_position(query.text)
    if line is None:
        match = re.match(r"error at (\d+):(\d+): (.*)", ox_message, re.DOTALL)
        if match:
            line, col, detail = int(match.group(1)), int(match.group(2)), _clean_expected(match.group(3))
        else:
            raise QueryError(f"{query.name}: syntax error: {_clean_expected(ox_message)}")
    near = _near(query.text, line, col)
    raise QueryError(f"{query.name}: syntax error at line {line}, column {col}{near}" + (f": {detail}" if detail else ""))


def _rdflib_position(text: str) -> tuple[int | None, int, str]:
    try:
        from pyparsing import ParseException
        from rdflib.plugins.sparql.parser import parseQuery
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return None, 0, ""
    try:
        parseQuery(text)
    except ParseException as exc:
        return exc.lineno, exc.col, ""
    except Exception:  # noqa: BLE001 - rdflib raises plain Exception for some errors
        return None, 0, ""
    return None, 0, ""


def _clean_expected(message: str) -> str:
    """Keep the words of an Oxigraph 'expected one of …' list, drop character classes."""
    message = message.strip()
    phrases = re.findall(r"\b[A-Z][a-z]+(?: [A-Za-z]+){2,}", message)
    if phrases:
        return "; ".join(dict.fromkeys(phrases))
    items = message.partition("expected one of ")[2]
    if not items:
        return message.splitlines()[0][:200]
    words = [w for w in re.findall(r'"[^"]+"|\b[A-Za-z]\w*\b', re.sub(r"\[[^\]]*\]", "", items))]
    return "expected one of " + ", ".join(dict.fromkeys(words[:12]))


def _near(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return " (end of the query)"
    snippet = lines[line - 1][max(col - 1, 0):].strip()
    if not snippet:
        return " (end of the line)"
    return f', near "{snippet[:30]}"'


def check(query: QueryText) -> str:
    """Refusals, then syntax; returns the query form."""
    tokens = tokenize(query.text)
    refuse_unsafe(query, tokens)
    check_syntax(query, tokens)
    return query_form(query, tokens)


def variables(query: QueryText) -> set[str]:
    return {tok.text[1:] for tok in tokenize(query.text) if tok.kind == "var"}


# ---------------------------------------------------------------- parameter values

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _as_iri(raw: str) -> str | None:
    """The IRI a value names: <…>, http(s)://…, urn:…, or gov:/id:/… with a known prefix."""
    from kg.namespaces import PREFIXES

    value = raw.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif re.match(r"(?i)(https?://|urn:)", value):
        pass
    else:
        prefix, sep, local = value.partition(":")
        if not sep or prefix not in PREFIXES or not local or _IRI_FORBIDDEN.search(local):
            return None
        value = str(PREFIXES[prefix]) + local
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


def inject_values(query: QueryText, bindings: dict[str, Term]) -> str:
    """The query text with ``VALUES (?a ?b) { (… …) }`` at the start of every SELECT's WHERE group.

    For SPARQL endpoints, whose protocol has no bindings. The terms are escaped
    by :func:`ntriples`. Placed in the outer WHERE group and in each sub-select,
    a parameter is bound everywhere in the query, as an Oxigraph substitution
    or an rdflib initBinding is; a one-row VALUES joins as a no-op where the
    variable is not used.
    """
    if not bindings:
        return query.text
    tokens = tokenize(query.text)
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(ntriples(term) for term in bindings.values())
    clause = f" VALUES ({names}) {{ ({values}) }} "
    text = query.text
    for brace in sorted(_where_braces(query, tokens), reverse=True):
        text = text[: brace + 1] + clause + text[brace + 1:]
    return text


def _where_braces(query: QueryText, tokens: list[Token]) -> set[int]:
    """Offsets of the '{' opening the outer WHERE group and the group of every sub-select."""
    braces = {_outer_brace(query, tokens)}
    for i, tok in enumerate(tokens):
        if tok.kind == "word" and tok.text.upper() == "SELECT":
            depth = 0
            for later in tokens[i + 1:]:
                if later.text == "(":
                    depth += 1
                elif later.text == ")":
                    depth -= 1
                elif later.text == "{" and depth == 0:
                    braces.add(later.pos)
                    break
    return braces


def _outer_brace(query: QueryText, tokens: list[Token]) -> int:
    form_seen = False
    depth_paren = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.text.upper() if tok.kind == "word" else ""
        if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form_seen = True
            if word == "CONSTRUCT" and i + 1 < len(tokens):
                nxt = tokens[i + 1]
                if nxt.kind == "word" and nxt.text.upper() == "WHERE":
                    raise QueryError(f"{query.name}: parameters cannot be sent with the short form "
                                     "CONSTRUCT WHERE { … }; write CONSTRUCT { … } WHERE { … }")
                if nxt.text == "{":
                    i = _matching(tokens, i + 1)
        elif tok.text == "(":
            depth_paren += 1
        elif tok.text == ")":
            depth_paren -= 1
        elif tok.text == "{" and depth_paren == 0 and form_seen:
            return tok.pos
        i += 1
    raise QueryError(f"{query.name}: cannot find the WHERE {{ … }} group to bind the parameters in")


def _matching(tokens: list[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].text == "{":
            depth += 1
        elif tokens[j].text == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1
