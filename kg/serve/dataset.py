"""The protocol's ``default-graph-uri`` and ``named-graph-uri``: they replace the query's FROM clauses.

SPARQL 1.1 Protocol §2.1.4: a dataset given in the request overrides the one
given in the query. The query's own FROM / FROM NAMED clauses are cut out and
the request's are put where dataset clauses stand, before the WHERE group.

>>> with_dataset("SELECT * FROM <x:a> WHERE { ?s ?p ?o }", ["x:b"], [])
'SELECT *   FROM <x:b> WHERE { ?s ?p ?o }'
"""
from __future__ import annotations

from kg.query.syntax import Token, matching_brace, tokenize
from kg.query.text import Term, ntriples

_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_AFTER_DATASET = ("WHERE", "ORDER", "LIMIT", "OFFSET", "GROUP", "HAVING", "VALUES")


def _word(tok: Token) -> str:
    return tok.text.upper() if tok.kind == "word" else ""


def _from_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    spans = []
    for i, tok in enumerate(tokens):
        if _word(tok) != "FROM":
            continue
        j = i + 1
        if j < len(tokens) and _word(tokens[j]) == "NAMED":
            j += 1
        if j < len(tokens) and tokens[j].kind in ("iri", "pname"):
            spans.append((tok.pos, tokens[j].pos + len(tokens[j].text)))
    return spans


def _insert_at(text: str, tokens: list[Token]) -> int:
    """Where dataset clauses go: before WHERE (or the group, or the solution modifiers)."""
    i, depth = 0, 0
    form = ""
    while i < len(tokens):
        tok = tokens[i]
        word = _word(tok)
        if not form and word in _FORMS:
            form = word
            if word == "CONSTRUCT" and i + 1 < len(tokens) and tokens[i + 1].text == "{":
                i = matching_brace(tokens, i + 1)  # skip the template
        elif form:
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth -= 1
            elif depth == 0 and (tok.text == "{" or word in _AFTER_DATASET):
                return tok.pos
        i += 1
    return len(text)


def with_dataset(text: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """The query text with the request's dataset in place of its own (unchanged when none is given)."""
    if not default_graphs and not named_graphs:
        return text
    clauses = [f"FROM {ntriples(Term('uri', g))}" for g in default_graphs]
    clauses += [f"FROM NAMED {ntriples(Term('uri', g))}" for g in named_graphs]
    tokens = tokenize(text)
    at = _insert_at(text, tokens)
    spans = _from_spans(tokens)  # all of them stand before the insertion point
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    stripped = "".join(pieces)
    cut = at - sum(end - start for start, end in spans if end <= at)
    return stripped[:cut] + " " + " ".join(clauses) + " " + stripped[cut:]
