"""ORDER BY done by the client, for queries on a local Oxigraph store.

Oxigraph 0.5 decodes every string it compares while sorting, which on a disk
store costs 0.1–3 s for results of 5k–100k rows; Python sorts the same rows,
already decoded, in a few milliseconds. So when a SELECT ends in an ORDER BY on
plain projected variables, the store runs the query without it and the rows are
sorted here, in SPARQL's order: unbound, blank nodes, IRIs, then literals.
A key the query does not select (plain variables selected, no grouping) is selected
for the sort and dropped after it; under DISTINCT, rows that then repeat are kept once,
the first, as the engine keeps the first of each after its ORDER BY. Only columns
whose literals compare the same way here as in Oxigraph are sorted here (all
numbers, or all strings with one language tag, or all four-digit years …); for
anything else, :func:`sortable` says no and the engine sorts.
Rows that tie on every key may come out in another order than Oxigraph's own
sort would give; SPARQL leaves that order open.

>>> from kg.query.text import parse_header
>>> plan = split_order(parse_header("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ?a"))
>>> plan.text.strip(), plan.keys
('SELECT ?a ?b WHERE { ?a ?p ?b }', [('b', True), ('a', False)])
>>> plan = split_order(parse_header("SELECT DISTINCT ?a WHERE { ?a ?p ?b } ORDER BY ?b ?a"))
>>> plan.text.strip(), plan.hidden, plan.distinct
('SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b }', ('b',), True)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any, NamedTuple

from kg.query.syntax import Token, tokenize
from kg.query.text import XSD, QueryText, Term

_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
                              "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                              "unsignedByte")}


# typed literals whose text sorts like their value, when it has this shape
_TEXT_SORTS = {XSD + "gYear": re.compile(r"\d{4}"), XSD + "date": re.compile(r"\d{4}-\d\d-\d\d"),
               XSD + "boolean": re.compile(r"true|false")}


class OrderPlan(NamedTuple):
    text: str  # the query without its final ORDER BY (and with its hidden keys selected)
    keys: list[tuple[str, bool]]  # (variable, descending)
    hidden: tuple[str, ...] = ()  # keys the query does not select: dropped after the sort
    distinct: bool = False  # SELECT DISTINCT: rows that repeat once the hidden keys are dropped are kept once


def split_order(query: QueryText) -> OrderPlan | None:
    """The query without its final ORDER BY, and the sort keys; None when the engine must sort.

    Call it for SELECT queries only. A query qualifies when its last clause is
    ``ORDER BY`` on variables (``?v``, ``ASC(?v)``, ``DESC(?v)``) that it selects
    by name, or that it could select: a query that selects plain variables only
    and groups nothing gets the others added to its selection (``hidden``). An
    expression, a LIMIT or OFFSET after the ORDER BY, or ``SELECT *`` leave the
    sorting to the engine.
    """
    tokens = tokenize(query.text)
    words = [t.text.upper() if t.kind == "word" else t.text for t in tokens]
    order_at = _final_order_by(words)
    if order_at is None:
        return None
    keys = _keys(tokens[order_at + 2:])
    projected = _projected(tokens, words)
    if not keys or not projected:
        return None
    text = query.text[: tokens[order_at].pos]
    hidden = tuple(dict.fromkeys(name for name, _ in keys if name not in projected))
    if not hidden:
        return OrderPlan(text, keys)
    start, end = _projection(words)
    if end is None or any(w in ("(", "*") for w in words[start:end]) or _groups(words, end, order_at):
        return None  # an expression or an aggregate selected, or a grouping: a key cannot be added
    at = tokens[end].pos
    text = text[:at] + " ".join(f"?{name}" for name in hidden) + " " + text[at:]
    return OrderPlan(text, keys, hidden, words[start] == "DISTINCT")


def _projection(words: list[str]) -> tuple[int, int | None]:
    """Where the outer SELECT's projection starts (after SELECT) and the index of the WHERE, ``{``
    or FROM that ends it, outside parentheses (None when nothing ends it)."""
    start = words.index("SELECT") + 1
    depth = 0
    for i in range(start, len(words)):
        if words[i] in ("{", "WHERE", "FROM") and depth == 0:
            return start, i
        depth += {"(": 1, ")": -1}.get(words[i], 0)
    return start, None


def _groups(words: list[str], start: int, stop: int) -> bool:
    """Whether the outer query (outside every brace, between start and stop) has GROUP BY or HAVING."""
    depth = 0
    for word in words[start:stop]:
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif depth == 0 and word in ("GROUP", "HAVING"):
            return True
    return False


def drop_hidden(rows: list[tuple[Term | None, ...]], variables: list[str],
                plan: OrderPlan) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    """The sorted rows without the hidden keys' columns; under DISTINCT each row once, where it first comes."""
    keep = [i for i, name in enumerate(variables) if name not in plan.hidden]
    out = list(map(columns(keep), rows))
    if plan.distinct:
        out = list(dict.fromkeys(out))
    return [variables[i] for i in keep], out


def _final_order_by(words: list[str]) -> int | None:
    """Index of the ORDER of an ORDER BY outside every brace, when it is the query's last clause."""
    depth = 0
    found = None
    for i, word in enumerate(words):
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif depth == 0 and word == "ORDER" and i + 1 < len(words) and words[i + 1] == "BY":
            found = i
        elif depth == 0 and word in ("LIMIT", "OFFSET", "VALUES"):
            return None
    return found


def _keys(tokens: Sequence[Token]) -> list[tuple[str, bool]] | None:
    keys = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "var":
            keys.append((tok.text[1:], False))
            i += 1
            continue
        direction = tok.text.upper() if tok.kind == "word" else ""
        if (direction in ("ASC", "DESC") and i + 3 < len(tokens) and tokens[i + 1].text == "("
                and tokens[i + 2].kind == "var" and tokens[i + 3].text == ")"):
            keys.append((tokens[i + 2].text[1:], direction == "DESC"))
            i += 4
            continue
        return None  # an expression: the engine sorts
    return keys


def _projected(tokens: list[Token], words: list[str]) -> set[str]:
    """Variables the outer SELECT names, plain or as ``(… AS ?v)``; empty for ``SELECT *``."""
    if "SELECT" not in words:
        return set()
    start, end = _projection(words)
    names: set[str] = set()
    depth = 0
    previous = ""
    for tok, word in zip(tokens[start:end], words[start:end]):
        if word == "*" and depth == 0:
            return set()
        if word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
        elif tok.kind == "var" and (depth == 0 or previous == "AS"):
            names.add(tok.text[1:])
        previous = word
    return names


def sortable(rows: list[tuple[Term | None, ...]], variables: list[str], keys: list[tuple[str, bool]]) -> bool:
    """Whether :func:`term_key` orders every key column as Oxigraph would.

    It does when each column's literals are of one kind: numbers, plain strings,
    strings in one language, or one of a few types whose text sorts like their
    value. Mixed kinds (numbers and strings, ``'a'`` and ``'a'@en``, dates with
    time zones) compare differently, or not at all, in Oxigraph.
    """
    for name, _ in keys:
        column = variables.index(name)
        kinds = set(map(_kind, set(map(itemgetter(column), rows)))) - {"not a literal"}
        if len(kinds) > 1 or "other" in kinds:
            return False
    return True


def _kind(term: Term | None) -> Any:
    if term is None or term.kind != "literal":
        return "not a literal"  # ranked apart from literals, as in SPARQL
    if term.datatype in _NUMERIC:
        return "number"
    if term.datatype is None:  # plain or language strings (Term keeps no xsd:string datatype)
        return ("string", term.lang)
    pattern = _TEXT_SORTS.get(term.datatype)
    return term.datatype if pattern is not None and pattern.fullmatch(term.value) else "other"


def sort_rows(rows: list[tuple[Term | None, ...]], variables: list[str],
              keys: list[tuple[str, bool]]) -> list[tuple[Term | None, ...]]:
    """Rows in the order of ``keys`` (stable: ties keep the order the rows came in).

    One sort per key, least significant first: faster here than one sort on a tuple of keys.
    """
    ordered = list(rows)
    for name, descending in reversed(keys):  # least significant key first
        column = variables.index(name)
        ordered.sort(key=lambda row: term_key(row[column]), reverse=descending)
    return ordered


def columns(keep: list[int]) -> Callable[[tuple], tuple]:
    """A function that gives a row's values at the positions ``keep``, as a tuple (itemgetter, always a tuple)."""
    if len(keep) == 1:
        only = keep[0]
        return lambda row: (row[only],)
    if not keep:
        return lambda row: ()
    return itemgetter(*keep)


def term_key(term: Term | None) -> tuple[Any, ...]:
    """SPARQL's order: unbound < blank node < IRI < literal; numbers by value, other literals by text."""
    if term is None:
        return (0,)
    if term.kind == "bnode":
        return (1, term.value)
    if term.kind == "uri":
        return (2, term.value)
    if term.datatype in _NUMERIC:
        try:
            number = Decimal(term.value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_nan():
            return (3, 0, number, "")
        return (3, 1, term.value, "")  # NaN or a malformed number: after the numbers
    return (3, 2, term.value, term.datatype or "", term.lang or "")
