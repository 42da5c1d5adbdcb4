"""A target and a result of one indicator, built from a report written for the test, each keep
their kind, period and sentence in the graph and in the network view."""
from __future__ import annotations

import pytest

from kg.pipeline import build_dataset
from kg.query import GraphFiles, run
from kg.view.model import to_networkx

REPORT = """2031年临江市政府工作报告

一、2030年工作回顾

全市地区生产总值增长5.8%，城镇新增就业6.1万人。
五年累计新增城镇就业29万人。

二、2031年工作安排

今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业6万人以上。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("targets")
    text = folder / "report.txt"
    text.write_text(REPORT, encoding="utf-8")
    result = build_dataset([text])
    assert not result.errors
    path = folder / "graph.trig"
    result.dataset.serialize(destination=str(path), format="trig")
    return result.dataset, path


def test_kinds_and_periods_reach_the_view(built):
    dataset, _ = built
    G = to_networkx(dataset)
    rows = sorted({(o["indicator"], o["value"], o["kind"], o["period"])
                   for _, d in G.nodes(data=True) for o in d["observations"]})
    assert ("地区生产总值", "5.8", "实际", "2030") in rows
    assert ("地区生产总值", "6", "目标", "2031") in rows
    assert ("城镇新增就业", "29", "实际", "2026–2030") in rows


def test_targets_query_lists_what_the_report_sets(built):
    _, path = built
    res = run("targets", GraphFiles([path]))
    got = {(r[res.variables.index("indicatorLabel")].value, r[res.variables.index("year")].value) for r in res.rows}
    assert got == {("地区生产总值", "2031"), ("城镇新增就业", "2031")}
