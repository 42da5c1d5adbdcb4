"""Measures whose owner the sentence names just before them: the investment of the projects just
counted (N个甲项目完成投资M亿元) and the output of a bare item in a list about output."""
from __future__ import annotations

import doctest

import pytest

from kg.extract import owned_measures
from kg.extract.metrics import find_metrics


def _names(sentence: str) -> list[str]:
    return [q.indicator for q in find_metrics(sentence)]


def test_doctests():
    assert doctest.testmod(owned_measures).failed == 0


@pytest.mark.parametrize("sentence, names", [
    ("全年320个市级重点项目完成投资900亿元。", ["市级重点项目", "市级重点项目完成投资"]),
    ("86个乡村振兴项目完成投资42亿元、增长6%。", ["乡村振兴项目", "乡村振兴项目完成投资", "乡村振兴项目完成投资"]),
    ("86个乡村振兴项目带动就业1200人。", ["乡村振兴项目", "乡村振兴项目带动就业"]),
    ("实施市级重点项目210个,年度完成投资900亿元。", ["市级重点项目", "市级重点项目完成投资"]),
])
def test_a_measure_after_a_count_belongs_to_the_counted_things(sentence, names):
    assert _names(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    ("新建幼儿园12所,完成投资8亿元。", ["新建幼儿园", "投资"]),          # new things: their count names no owner
    ("新增经营主体3万户,落实资金8亿元。", ["新增经营主体", "资金"]),
])
def test_no_owner_without_a_count_just_before(sentence, names):
    assert _names(sentence)[: len(names)] == names


@pytest.mark.parametrize("sentence, names", [
    ("主要工业品产量稳步增加,生铁达到500万吨,汽车12万辆。", ["生铁产量", "汽车产量"]),
    ("高技术产品产量较快增长,锂电池增长30%。", ["锂电池产量"]),
    ("主要农作物都有增长:油菜籽增长12%,芝麻增长5%。", ["油菜籽产量", "芝麻产量"]),
    ("轻工业,缝纫机40万台,手表30万只。", ["缝纫机产量", "手表产量"]),
])
def test_a_bare_item_after_output_words_counts_output(sentence, names):
    assert [n for n in _names(sentence) if n] == names


@pytest.mark.parametrize("sentence, names", [
    ("全年新增汽车12万辆。", ["新增汽车"]),                   # no output words before it
    ("产品质量稳步提升,新建工厂12个。", ["新建工厂"]),      # a count of things, not tonnes or vehicles
])
def test_no_output_measure_without_output_words_or_goods_units(sentence, names):
    assert [n for n in _names(sentence) if n] == names


@pytest.mark.parametrize("sentence, names", [
    ("推动某某集团30万吨甲醇等项目建设。", ["甲醇产能"]),
    ("抓好某某公司年产20万吨饲料项目。", ["饲料产能"]),
])
def test_a_plant_named_by_its_output_gives_its_capacity(sentence, names):
    assert [n for n in _names(sentence) if n] == names


def test_an_amount_made_is_no_capacity():
    assert "甲醇产能" not in _names("去年生产甲醇30万吨,增长5%。")


@pytest.mark.parametrize("sentence, names", [
    ("举办促消费活动,带动消费120亿元。", ["带动消费金额"]),
    ("扶持创业项目,带动就地就业3万人。", ["带动就地就业人数"]),
    ("改造老旧小区500个,惠及居民6万户。", ["老旧小区改造数", "惠及居民户数"]),
    ("带动投资增长8%。", ["带动投资"]),          # a change: the measure keeps its name
])
def test_a_reach_is_counted_in_its_unit(sentence, names):
    assert [n for n in _names(sentence) if n] == names


@pytest.mark.parametrize("sentence, name", [
    ("全省规模以上工业企业达7.6万家、增加值增长3%。", "全省规模以上工业企业增加值"),
    ("13个重点园区2025年营业收入突破2.5万亿元。", "重点园区营业收入"),
    ("新增高新技术企业1200家、营业收入增长12%。", "高新技术企业营业收入"),
])
def test_an_amount_of_accounts_after_a_count_of_bodies_is_theirs(sentence, name):
    assert _names(sentence)[1] == name


@pytest.mark.parametrize("sentence, name", [
    ("建成乡村振兴示范村20个、增加值增长5%。", "增加值"),      # villages keep no such accounts
    ("全市新登记市场主体3万户,投资增长8%。", "投资"),            # investment is also the economy's
    ("签约入驻企业30家,营业收入增长10%。", "营业收入"),          # 签约入驻企业: a clause, not the bodies
    ("亏损企业减少12家、利润总额增长15%。", "利润总额"),          # a change of the count: no owner
    ("新引进企业200家,营业收入增长10%。", "营业收入"),            # 企业 of no kind said
])
def test_no_owner_for_an_amount_after_other_counts(sentence, name):
    assert _names(sentence)[1] == name
