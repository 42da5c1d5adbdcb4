"""ORDER BY done by the client, for queries on a local Oxigraph store.

Oxigraph 0.5 decodes every string it compares while sorting, which on a disk
store costs 0.1–3 s for results of 5k–100k rows; Python sorts the same rows,
already decoded, in a few milliseconds. So when a SELECT ends in an ORDER BY on
plain projected variables, the store runs the query without it and the rows are
sorted here, in SPARQL's order: unbound, blank nodes, IRIs, then literals
(numbers by value, other literals by their text).

>>> from kg.query_text import parse_header
>>> plan = split_order(parse_header("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ?a"))
>>> plan.text.strip(), plan.keys
('SELECT ?a ?b WHERE { ?a ?p ?b }', [('b', True), ('a', False)])
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from kg.query_syntax import Token, tokenize
from kg.query_text import XSD, QueryText, Term

_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
                              "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                              "unsignedByte")}


class OrderPlan(NamedTuple):
    text: str  # the query without its final ORDER BY
    keys: list[tuple[str, bool]]  # (variable, descending)


def split_order(query: QueryText) -> OrderPlan | None:
    """The query without its final ORDER BY, and the sort keys; None when the engine must sort.

    Call it for SELECT queries only. A query qualifies when its last clause is
    ``ORDER BY`` on variables it selects by name (``?v``, ``ASC(?v)``,
    ``DESC(?v)``); an expression, a LIMIT or OFFSET after the ORDER BY, or
    ``SELECT *`` leave the sorting to the engine.
    """
    tokens = tokenize(query.text)
    words = [t.text.upper() if t.kind == "word" else t.text for t in tokens]
    order_at = _final_order_by(words)
    if order_at is None:
        return None
    keys = _keys(tokens[order_at + 2:])
    if not keys or not {name for name, _ in keys} <= _projected(tokens, words):
        return None
    return OrderPlan(query.text[: tokens[order_at].pos], keys)


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
    start = words.index("SELECT") + 1
    names: set[str] = set()
    depth = 0
    previous = ""
    for tok, word in zip(tokens[start:], words[start:]):
        if word in ("{", "WHERE", "FROM") and depth == 0:
            break
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


def sort_rows(rows: list[tuple[Term | None, ...]], variables: list[str],
              keys: list[tuple[str, bool]]) -> list[tuple[Term | None, ...]]:
    """Rows in the order of ``keys``; stable, so ties keep the engine's order."""
    ordered = list(rows)
    for name, descending in reversed(keys):  # least significant key first
        column = variables.index(name)
        ordered.sort(key=lambda row: term_key(row[column]), reverse=descending)
    return ordered


def term_key(term: Term | None) -> tuple[Any, ...]:
    """A total order close to SPARQL's: unbound < blank node < IRI < literal; numbers by value."""
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
