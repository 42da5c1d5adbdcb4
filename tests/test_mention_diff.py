"""The mention diff: labels a change of extraction lost or gained, and mentions moved between them."""
from __future__ import annotations

from pathlib import Path

from script_module import load_script

from kg.pipeline import build_dataset
from kg.rdf_io import write_dataset

diff = load_script("benchmarks/mention_diff.py")


def _graph(tmp_path: Path, name: str, text: str) -> str:
    report = tmp_path / f"{name}.txt"
    report.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}.nq"
    write_dataset(build_dataset([report]).store, out)
    return str(out)


def test_mentions_are_counted_per_label(tmp_path):
    path = _graph(tmp_path, "a", "某市2025年工作报告\n深入实施“甲乙丙”行动。持续推进“甲乙丙”行动。开展“丁戊”专项行动。\n")
    counts = diff.mentions(path, "Programme")
    assert counts["甲乙丙行动"] == 2 and counts["丁戊专项行动"] == 1


def test_compare_sorts_lost_gained_and_moved_by_size():
    lost, gained, moved = diff.compare({"甲": 3, "乙": 1, "丙": 27}, {"乙": 1, "丙": 10, "丁": 2})
    assert lost == ["甲"] and gained == ["丁"] and moved == [("丙", 27, 10)]


def test_an_indicator_is_counted_by_the_observations_of_it(tmp_path):
    path = _graph(tmp_path, "b", "某市2025年工作报告\n地区生产总值增长5%。全年地区生产总值达到3000亿元。\n")
    assert diff.mentions(path, "Indicator")["地区生产总值"] == 2
