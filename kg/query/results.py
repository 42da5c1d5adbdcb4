"""Query results as text: an aligned table for people, CSV/TSV for pipes, SPARQL JSON for programs.

The table counts East Asian wide characters as two columns, so Chinese text
lines up in a terminal, and cuts very long cells (table only); CSV, TSV and
JSON always carry the full values. Every format is written row by row as the
rows come (the table sizes its columns on its first ``TABLE_SAMPLE`` rows).

>>> from kg.query.engines import Result
>>> from kg.query.text import Term
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
import itertools
import json
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from kg.query.engines import Result
from kg.query.text import XSD, Term

FORMATS = ("table", "csv", "tsv", "json")
TABLE_SAMPLE = 1000  # rows a table reads before it fixes its column widths
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
    from kg.namespaces import PREFIX_IRIS

    pairs = [(iri, name) for name, iri in PREFIX_IRIS.items()]
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

def write(result: Result, fmt: str, out: TextIO, *, max_width: int = 40, excel: bool = False) -> int:
    """Write ``result`` in ``fmt`` as its rows come; returns the rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    counted = _Counted(result.rows)
    {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](result, counted, out, max_width, excel)
    return counted.count


class _Counted:
    """The rows, counted as they pass."""

    def __init__(self, rows: Iterable[tuple]) -> None:
        self.rows, self.count = iter(rows), 0

    def __iter__(self) -> Iterator[tuple]:
        for row in self.rows:
            self.count += 1
            yield row


def render(result: Result, fmt: str, **options: Any) -> str:
    buffer = io.StringIO()
    write(result, fmt, buffer, **options)
    return buffer.getvalue()


def _is_number(term: Term | None) -> bool:
    return term is None or (term.kind == "literal" and (term.datatype or "") in _NUMERIC)


def _table(result: Result, rows: _Counted, out: TextIO, max_width: int, excel: bool) -> None:
    if result.form == "ASK":
        out.write(("true" if result.boolean else "false") + "\n")
        return
    names = result.variables
    stream = iter(rows)
    sample = list(itertools.islice(stream, TABLE_SAMPLE))
    cells = [[truncate(cell(t), max_width) for t in row] for row in sample]
    widths = [max([width(n)] + [width(r[i]) for r in cells]) for i, n in enumerate(names)]
    numeric = [bool(sample) and all(_is_number(r[i]) for r in sample) for i in range(len(names))]
    out.write("  ".join(pad(n, w, num) for n, w, num in zip(names, widths, numeric)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    later = ([truncate(cell(t), max_width) for t in row] for row in stream)
    out.writelines("  ".join(pad(c, w, num) for c, w, num in zip(row_cells, widths, numeric)).rstrip() + "\n" for row_cells in itertools.chain(cells, later))
    count = rows.count
    if result.truncated:
        out.write(f"(first {count} rows; there are more: raise --limit)\n")
    else:
        out.write(f"({count} row{'' if count == 1 else 's'})\n")


def _csv(result: Result, rows: _Counted, out: TextIO, max_width: int, excel: bool) -> None:
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    if result.form == "ASK":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return
    writer.writerow(result.variables)
    for row in rows:
        writer.writerow([plain(t) for t in row])


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(result: Result, rows: _Counted, out: TextIO, max_width: int, excel: bool) -> None:
    if result.form == "ASK":
        out.write("boolean\n" + ("true" if result.boolean else "false") + "\n")
        return
    out.write("\t".join(result.variables) + "\n")
    out.writelines("\t".join(plain(t).translate(_TSV_ESCAPES) for t in row) + "\n" for row in rows)


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


def _json(result: Result, rows: _Counted, out: TextIO, max_width: int, excel: bool) -> None:
    """The same bytes ``json.dump(to_json(result))`` gives, written a binding at a time."""
    if result.form == "ASK":
        json.dump(to_json(result), out, ensure_ascii=False)
        out.write("\n")
        return
    out.write('{"head": ' + json.dumps({"vars": list(result.variables)}, ensure_ascii=False)
              + ', "results": {"bindings": [')
    for i, row in enumerate(rows):
        binding = {name: _json_term(t) for name, t in zip(result.variables, row) if t is not None}
        out.write((", " if i else "") + json.dumps(binding, ensure_ascii=False))
    out.write("]}}\n")
