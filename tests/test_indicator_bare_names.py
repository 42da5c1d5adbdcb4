"""A name too bare to say what was measured of which things (投资, 学校, 研究生) makes no indicator
node; the value keeps its label and the written words (gov:writtenIndicator)."""
from __future__ import annotations

import pytest
from rdflib import Dataset

from kg.extract.measure_shape import too_bare
from kg.namespaces import GOV
from kg.pipeline import extract_text
from kg.rdf import add_extraction


def _values(text: str) -> list[tuple[str, str, str]]:
    """(value and unit, indicator, written words) of each observation of a one-sentence report."""
    return [(f"{o.value}{o.unit}", o.indicator, o.written) for o in extract_text(text).observations]


@pytest.mark.parametrize("name, bare", [
    ("学校", True), ("投资", True), ("村", True),        # one or two characters: a kind of thing
    ("研究生", True), ("产业链", True),                  # three, and no word for an amount
    ("钢产量", False), ("税占比", False),                # three: a thing and its measure word
    ("办结率", False), ("总产量", True), ("总投资", True),   # a rate of its own; a total: of whose?
    ("在校学生", False), ("入境游客", False),             # four: what is counted is named
    ("M2", False), ("CPI", False),                       # a Latin abbreviation names one measure
])
def test_too_bare(name, bare):
    assert too_bare(name) is bare


@pytest.mark.parametrize("name, bare", [
    ("骨干企业", True), ("国家级示范园区", True),         # after its count, no word for an amount
    ("原煤产量", False), ("新增园区", False),             # a measure word, a word of selection
    ("重点技改项目", False), ("年度改革任务", False),     # programmes and works to be done
    ("片区的重点任务", True),                              # N个片区的…: the count is of 片区
    ("财政赤字", False), ("长期国债", False), ("年终结余", False), ("广义货币", False),   # amounts
])
def test_too_bare_after_a_count(name, bare):
    assert too_bare(name, counted_after=True) is bare


def test_a_kind_of_thing_after_a_count_names_no_indicator_but_before_it_it_does():
    assert _values("全市培育12家骨干企业。") == [("12家", "", "骨干企业")]
    assert _values("全市培育12家国家级骨干企业。") == [("12家", "", "国家级骨干企业")]
    assert _values("实施30个重点技改项目。")[0][1] == "重点技改项目"
    assert _values("全市骨干企业达到12家。")[0][1] == "全市骨干企业"
    assert _values("骨干企业达到12家。")[0][1] == "骨干企业"


def test_a_bare_name_keeps_its_value_and_words_but_names_no_indicator():
    assert _values("全年出口2662亿美元。") == [("2662亿美元", "", "出口")]
    assert _values("基础教育对口帮扶217所学校。")[0][1] == ""


def test_a_measure_of_three_characters_and_a_longer_name_are_indicators():
    assert _values("全年发电量增长5%。")[0][1] == "发电量"
    assert _values("全年外贸出口额2662亿美元。")[0][1] == "外贸出口额"


def test_a_total_of_three_characters_names_no_indicator_but_whose_total_does():
    assert _values("总产值达到120亿元。")[0][1] == ""
    assert _values("工业总产值达到120亿元。")[0][1] == "工业总产值"


def test_a_short_variant_of_a_known_measure_is_named_by_it():
    assert _values("经济增长5.2%。")[0][1] == "国内生产总值"   # indicators.tsv: 经济 is a variant


def test_a_change_that_goes_on_with_a_bare_name_names_nothing_either():
    # 增长6.8% goes on with 出口; it must not fall back to the measure before it
    names = [ind for _v, ind, _w in _values("财政收入5000亿元,出口2662亿美元,增长6.8%。")]
    assert names == ["财政收入", "", ""]


def test_the_graph_has_the_written_words_and_no_indicator_node():
    ds = Dataset()
    add_extraction(ds, extract_text("柳溪县2024年工作报告\n全年出口2662亿美元。"))
    written = {str(o) for _s, _p, o, _g in ds.quads((None, GOV.writtenIndicator, None, None))}
    assert "出口" in written
    assert not list(ds.quads((None, GOV.indicator, None, None)))
