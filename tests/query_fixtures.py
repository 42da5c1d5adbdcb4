"""What the query tests share: a hand-written two-report fixture and helpers to read rows.

The fixture opened three ways (``query_oxigraph``, ``query_rdflib``, ``query_store``) is in conftest.py.
"""
from __future__ import annotations

from pathlib import Path

from kg.query import list_queries

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
A = "东城区2023年度法治政府建设工作报告"
B = "西城区2024年度法治政府建设情况报告"
GOV = "https://w3id.org/govkg/ont#"
ID = "https://w3id.org/govkg/id/"

NAMES = [q.name for q in list_queries()]


def values(result, *columns):
    """The chosen columns of each row as plain strings ('' for unbound), in result order."""
    index = [result.variables.index(c) for c in columns]
    return [tuple(row[i].value if row[i] is not None else "" for i in index) for row in result.rows]


def bag(result):
    return sorted(repr(row) for row in result.rows)
