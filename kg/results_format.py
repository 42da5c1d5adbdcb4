"""Query results as text: an aligned table for people, CSV/TSV for pipes, SPARQL JSON for programs.

The table counts East Asian wide characters as two columns, so Chinese text
lines up in a terminal, and cuts very long cells (table only); CSV, TSV and
JSON always carry the full values.

>>> from kg.query_engines import Result
>>> from kg.query_text import Term
>>> r = Result("SELECT", ["unit", "n"], [(Term("literal", "区司法局"), Term("literal", "3", XSD_INTEGER))])
>>> print(render(r, "table"), end="")
unit      n
--------  -
区司法局  3
(1 row)
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any, TextIO

from kg.query_engines import Result
from kg.query_text import XSD, Term

FORMATS = ("table", "csv", "tsv", "json")
XSD_INTEGER = XSD + "integer"
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


# ---------------------------------------------------------------- width

def width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` columns, ending with '…' when cut."""
    if limit <= 0 or width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, columns: int, right: bool = False) -> str:
    gap = " " * (columns - width(text))
    return gap + text if right else text + gap


# ---------------------------------------------------------------- cell text

def _prefixes() -> list[tuple[str, str]]:
    from kg.namespaces import PREFIXES

    pairs = [(str(ns), name) for name, ns in PREFIXES.items()]
    return sorted(pairs, key=lambda p: -len(p[0]))


_PREFIXES: list[tuple[str, str]] | None = None


def compact(iri: str) -> str:
    """gov:Programme, id:report/… for the project's namespaces; other IRIs as they are."""
    global _PREFIXES
    if _PREFIXES is None:
        _PREFIXES = _prefixes()
    for base, name in _PREFIXES:
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base):]}"
    return iri


def plain(term: Term | None) -> str:
    """The full value: IRI, lexical form or _:label (CSV, TSV)."""
    if term is None:
        return ""
    return "_:" + term.value if term.kind == "bnode" else term.value


def cell(term: Term | None) -> str:
    """The table's text for a term: compact IRIs, one line."""
    if term is None:
        return ""
    if term.kind == "uri":
        return compact(term.value)
    text = plain(term)
    if "\n" in text or "\t" in text or "\r" in text:
        text = " ".join(text.split())
    return text


# ---------------------------------------------------------------- writers

def write(result: Result, fmt: str, out: TextIO, *, max_width: int = 40, excel: bool = False) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](result, out, max_width, excel)


def render(result: Result, fmt: str, **options: Any) -> str:
    buffer = io.StringIO()
    write(result, fmt, buffer, **options)
    return buffer.getvalue()


def _is_number(term: Term | None) -> bool:
    return term is None or (term.kind == "literal" and (term.datatype or "") in _NUMERIC)


def _table(result: Result, out: TextIO, max_width: int, excel: bool) -> None:
    if result.form == "ASK":
        out.write(("true" if result.boolean else "false") + "\n")
        return
    names = result.variables
    cells = [[truncate(cell(t), max_width) for t in row] for row in result.rows]
    widths = [max([width(n)] + [width(r[i]) for r in cells]) for i, n in enumerate(names)]
    numeric = [bool(result.rows) and all(_is_number(r[i]) for r in result.rows) for i in range(len(names))]
    out.write("  ".join(pad(n, w, num) for n, w, num in zip(names, widths, numeric)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    out.writelines("  ".join(pad(c, w, num) for c, w, num in zip(row, widths, numeric)).rstrip() + "\n" for row in cells)
    count = len(result.rows)
    if result.truncated:
        out.write(f"(first {count} rows; there are more: raise --limit)\n")
    else:
        out.write(f"({count} row{'' if count == 1 else 's'})\n")


def _csv(result: Result, out: TextIO, max_width: int, excel: bool) -> None:
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    if result.form == "ASK":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return
    writer.writerow(result.variables)
    writer.writerows([plain(t) for t in row] for row in result.rows)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(result: Result, out: TextIO, max_width: int, excel: bool) -> None:
    if result.form == "ASK":
        out.write("boolean\n" + ("true" if result.boolean else "false") + "\n")
        return
    out.write("\t".join(result.variables) + "\n")
    out.writelines("\t".join(plain(t).translate(_TSV_ESCAPES) for t in row) + "\n" for row in result.rows)


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "literal":
        node = {"type": "literal", "value": term.value}
        if term.lang:
            node["xml:lang"] = term.lang
        elif term.datatype:
            node["datatype"] = term.datatype
        return node
    return {"type": term.kind, "value": term.value}


def to_json(result: Result) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON (CONSTRUCT/DESCRIBE as subject/predicate/object bindings)."""
    if result.form == "ASK":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [{name: _json_term(t) for name, t in zip(result.variables, row) if t is not None}
                for row in result.rows]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _json(result: Result, out: TextIO, max_width: int, excel: bool) -> None:
    json.dump(to_json(result), out, ensure_ascii=False)
    out.write("\n")
