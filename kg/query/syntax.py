"""SPARQL syntax for ``kg query``: a tokenizer, refusals, syntax checks and VALUES for endpoints.

The tokenizer knows strings, IRIs, prefixed names, variables and comments, so
that a keyword is only a keyword where SPARQL would read one.

>>> from kg.query.text import parse_header
>>> check(parse_header("SELECT * WHERE { ?s ?p 'DROP ALL' }"))
'SELECT'
"""
from __future__ import annotations

import re
from typing import NamedTuple

from kg.errors import QueryError
from kg.query.text import QueryText, Term, ntriples

UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH")


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
                             "change a store with 'kg build --store', 'kg remove' or 'kg push'")


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


# ---------------------------------------------------------------- VALUES for endpoints

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
    values = " ".join(_endpoint_term(term) for term in bindings.values())
    clause = f" VALUES ({names}) {{ ({values}) }} "
    text = query.text
    for brace in sorted(_where_braces(query, tokens), reverse=True):
        text = text[: brace + 1] + clause + text[brace + 1:]
    return text


def _endpoint_term(term: Term) -> str:
    """A plain string is sent as ``"…"^^xsd:string``: the same RDF 1.1 term, but Virtuoso 7 otherwise
    keeps a non-ASCII string from VALUES as narrow text that STR() turns into question marks."""
    text = ntriples(term)
    if term.kind == "literal" and not term.lang and term.datatype in (None, _XSD_STRING):
        return text + f"^^<{_XSD_STRING}>"
    return text


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
                    i = matching_brace(tokens, i + 1)
        elif tok.text == "(":
            depth_paren += 1
        elif tok.text == ")":
            depth_paren -= 1
        elif tok.text == "{" and depth_paren == 0 and form_seen:
            return tok.pos
        i += 1
    raise QueryError(f"{query.name}: cannot find the WHERE {{ … }} group to bind the parameters in")


def matching_brace(tokens: list[Token], start: int) -> int:
    """The index of the ``}`` that closes the group opened at or after ``start`` (the last token if none)."""
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].text == "{":
            depth += 1
        elif tokens[j].text == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1
