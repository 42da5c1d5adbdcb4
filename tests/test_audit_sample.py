"""The audit tool: a seeded draw of distinct nodes per type, and the score of a judged sheet."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_module import load_script

from kg.query import GraphFiles

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"


audit = load_script("benchmarks/audit_sample.py")


def test_draw_is_seeded_distinct_and_traced():
    source = GraphFiles([FIXTURE])
    first = audit.draw(source, 3, seed=5)
    assert first == audit.draw(source, 3, seed=5)
    drawn_any = False
    for kind, rows in first.items():
        iris = [row["iri"] for row in rows]
        assert len(iris) == len(set(iris)) <= 3
        for row in rows:
            drawn_any = True
            assert row["type"] == kind and row["label"] and row["sentence"] and row["report"]
    assert drawn_any
    assert first["Indicator"], "indicators are found through the observations that measure them"


def test_sheet_round_trip_and_score(tmp_path):
    sheet = audit.draw(GraphFiles([FIXTURE]), 2, seed=1)
    for rows in sheet.values():
        for i, row in enumerate(rows):
            row["verdict"] = "correct" if i == 0 else "wrong"
    out = tmp_path / "sheet.tsv"
    audit.write_sheet(sheet, str(out))
    verdicts = audit.read_judged(str(out))
    assert {k: v for k, v in verdicts.items()} == {
        k: [r["verdict"] for r in rows] for k, rows in sheet.items() if rows}
    table = audit.score_table({"Programme": ["correct", "partial", "wrong", "correct"]})
    assert "| Programme | 4 | 2 | 1 | 1 | 0.500" in table and "0.750" in table


def test_unjudged_row_is_an_error(tmp_path):
    judged = tmp_path / "j.json"
    judged.write_text(json.dumps({"Plan": [{"label": "x", "verdict": ""}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="Plan row 2"):
        audit.read_judged(str(judged))
    assert audit.main(["--score", str(judged)]) == 1


def test_wilson_interval():
    lo, hi = audit.wilson(27, 60)
    assert (round(lo, 2), round(hi, 2)) == (0.33, 0.58)  # the interval the audit README gives for 27/60
    assert audit.wilson(0, 10)[0] == 0.0 and audit.wilson(10, 10)[1] == 1.0
