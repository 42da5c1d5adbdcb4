"""Indicator labels are measure names, not clauses (issue 11, fourth round).

Invented sentences, one per rule: a verb of the predicate after the counted noun ends it
(…落户某地); an adverb that opens a predicate (…全面完成) makes the label a clause; a second
classifier in brackets; a time before the noun it describes; an agent alone (某财政); a month
or an older decimal point; a pointer back to earlier sentences.
"""
from __future__ import annotations

import pytest

from kg.extract.metrics import find_metrics


def pairs(text: str) -> list[tuple[str, str]]:
    return [(f"{q.value}{q.unit}", q.indicator) for q in find_metrics(text)]


@pytest.mark.parametrize("text, expected", [
    # a predicate verb ends the noun; 亮相 and 晋级, verbs of selection, name the things they select
    ("6家研究中心亮相某博览会。", [("6家", "亮相某博览会的研究中心数")]),
    ("9座展馆晋级国家一级展馆。", [("9座", "晋级国家一级展馆的展馆数")]),
    ("7座展馆于某节开馆。", [("7座", "展馆")]),   # a verb after 于 and a time is no place the things were chosen in
    ("新建河湖廊道15条(段)。", [("15条", "新建河湖廊道")]),               # a second classifier in brackets
    ("其中检测仪器200台(套)以上。", [("200台", "检测仪器")]),
    ("甲、乙、丙出口分别增长5%、6%、7%。", [("5%", "甲出口"), ("6%", "乙出口"), ("7%", "丙出口")]),
    ("新开通12个公路服务区出入口。", [("12个", "新开通公路服务区出入口")]),   # 公路 after the classifier: a noun
    ("新造和修复湿地林带3万亩。", [("3万亩", "湿地林带新造和修复面积")]),
    ("产品远销46个国家和地区。", [("46个", "国家和地区")]),                # a one-word attribute joined to the next
    ("开通20条国内及国际航线。", [("20条", "国内及国际航线开通数")]),
    ("新建5个县和3个市。", [("5个", "新建县"), ("3个", "新建市")]),           # a join before the next count
    ("某市经营主体从40万户增至52万户。", [("40万户", "某市经营主体"), ("52万户", "某市经营主体")]),   # a change to the next value
    ("研究机构将由12个发展到20个。", [("12个", "研究机构"), ("20个", "研究机构")]),
    ("全市上市公司增至45家。", [("45家", "全市上市公司")]),                  # 增至: the level reached
    ("某县生产总值突破800亿元大关。", [("800亿元", "某县生产总值")]),         # 大关 counts nothing
    ("某市生产总值迈上2万亿元台阶。", [("2万亿元", "某市生产总值")]),
    ("某市生产总值跨过3万亿元。", [("3万亿元", "某市生产总值")]),             # a bound crossed
    ("某鸟类种群数量恢复至420只。", [("420只", "某鸟类种群数量")]),           # a level recovered to
    ("城镇居民参保率保持98%以上。", [("98%", "城镇居民参保率")]),             # 保持: the level kept
    ("选派300名以上农技人员到乡村服务。", [("300名", "农技人员选派人数")]),   # 到 leads out of the counted noun
])
def test_the_counted_noun(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text", [
    "12项民生实事全面完成。",                  # a predicate opened by an adverb: a clause, as …加快落地
    "30个协作事项如期完工。",
    "18个县区地下水超采全面治理。",            # (and the places are counted, not their water)
    "用于支持这项改革的资金50亿元。",          # what is meant is in the sentences before
    "我们派出技术人员600人。",                 # a clause with a pronoun subject
    "今年新开工80万套。",                      # "newly" and a verb: the thing counted is elsewhere
])
def test_no_indicator(text):
    assert all(indicator == "" for _, indicator in pairs(text)), pairs(text)


@pytest.mark.parametrize("text", ["打造20分钟就医服务圈。", "实施96小时过境便利政策。", "有效处置某县5.8级地震。"])
def test_a_time_or_a_grade_that_describes_a_noun_is_no_value(text):
    assert pairs(text) == []                    # no observation at all, not one without an indicator


def test_a_time_that_is_the_value_stays():
    assert [v for v, _ in pairs("企业开办时间压缩至30分钟。")] == ["30分钟"]
    assert [v for v, _ in pairs("信用等级提升至3级。")] == ["3级"]   # a grade that is the value


def test_month_and_older_decimal_point():
    assert pairs("3月份增长了7.5%。") == []   # no measure is named: the month is a time
    assert pairs("社会消费品零售总额增长14·1%。") == [("14.1%", "社会消费品零售总额")]


def test_a_list_of_different_measures_shares_no_measure_word():
    found = pairs("进口货值、入境旅客、船舶进出、离岛免税销售额分别增长8%、6%、5%、4%。")
    assert ("4%", "离岛免税销售额") in found
    assert all("销售额" not in name for value, name in found if value != "4%")
