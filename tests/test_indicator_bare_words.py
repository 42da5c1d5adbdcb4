"""A label of one word that says where, when or how the value moved names no indicator."""
from __future__ import annotations

import pytest

from kg.extract.indicator_names import clean_name
from kg.extract.metrics import find_metrics


@pytest.mark.parametrize("label", ["农村", "地级市", "方面", "新台阶", "上年", "双双", "力争"])
def test_a_bare_scope_time_or_abstract_word_is_no_measure(label):
    assert clean_name(label).name == ""


def test_an_elliptic_second_clause_keeps_its_value_without_an_indicator():
    found = find_metrics("全县城镇人均居住面积增加到32平方米,农村增加到41平方米。")
    assert [(str(q.value), q.indicator) for q in found] == [("32", "全县城镇人均居住面积"), ("41", "")]


@pytest.mark.parametrize("written, name", [
    ("上半年职工住宅施工面积", "职工住宅施工面积"),     # the report's time goes on the observation
    ("去年粮食产量", "粮食产量"),
    ("十五期间年均经济增长速度", "经济增长速度"),        # a plan period of one numeral
    ("夜间文旅消费集聚区", "夜间文旅消费集聚区"),        # a time word that qualifies the thing stays
    ("当年信贷投放", "信贷投放"),                        # the current year, as 去年
])
def test_time_words_are_peeled_off_the_front(written, name):
    assert clean_name(written).name == name


@pytest.mark.parametrize("written, name", [
    ("某某县居民医保补助标准提高到每人每年", "某某县居民医保补助标准"),   # a change word with its complement ends the name
    ("养老服务试点范围扩大到全省", "养老服务试点范围"),
    ("农村公路路网提升工程", "农村公路路网提升工程"),               # 提升 inside a project's name stays
])
def test_a_change_word_with_its_complement_cuts_the_name(written, name):
    assert clean_name(written).name == name


def test_an_ordinal_list_item_takes_the_rest_of_the_last_item():
    found = find_metrics("第一、第二产业增加值分别增长2.1%、6.3%。")
    assert [q.indicator for q in found] == ["第一产业增加值", "第二产业增加值"]


@pytest.mark.parametrize("text", [
    "全县人口自然增长率降到5.2‰。",
    "全县人口自然增长率由上年的6.1‰下降到5.2‰。",   # a 由 phrase after the rate
])
def test_a_natural_growth_rate_is_a_measure_of_its_own(text):
    # 自然增长率 ends like a change word (增长率), but it is a rate, not the growth of 人口
    found = find_metrics(text)
    assert {q.indicator for q in found} == {"全县人口自然增长率"}
    assert not any(q.is_change for q in found)


def test_a_plain_growth_rate_is_still_the_growth_of_its_measure():
    found = find_metrics("全县粮食产量增长率达到5%。")
    assert [(q.indicator, q.is_change) for q in found] == [("全县粮食产量", True)]


@pytest.mark.parametrize("text, label", [
    ("新增有研发活动企业120家。", "新增有研发活动企业"),   # 有 and nouns: the firms that have them
    ("有研发活动的企业达300家。", "有研发活动的企业"),
])
def test_things_named_by_what_they_have_are_counted(text, label):
    assert [q.indicator for q in find_metrics(text)] == [label]


def test_there_are_is_still_no_part_of_a_name():
    assert "有" not in "".join(q.indicator for q in find_metrics("全县有3个乡镇完成改造。"))
