"""Activities counted by their object are named as measures; clauses with a subject name none."""
from __future__ import annotations

import doctest

import pytest

from kg.extract import activity_names
from kg.extract.metrics import find_metrics


def test_doctests():
    assert doctest.testmod(activity_names).failed == 0


@pytest.mark.parametrize("text, indicator", [
    ("全年开挖疏浚排水沟渠1.2万公里。", "排水沟渠开挖疏浚里程"),         # a third verb opens the object
    ("新建和改造高标准农田36万亩。", "高标准农田新建和改造面积"),
    ("发放创业担保贷款贴息资金2.3亿元。", "创业担保贷款贴息资金发放金额"),
    ("培训新型职业农民4.5万人次。", "新型职业农民培训人次"),
    ("盘活市级闲置办公用房120处。", "市级闲置办公用房盘活数"),
    ("竣工各类安置住房3200套。", "各类安置住房竣工数"),            # a verb before a determiner acts as one
    ("计划建成投产重点项目45个。", "重点项目建成投产数"),           # two verbs written as one word
    ("完成8个产业园区建设。", "产业园区建设数"),                  # a process noun counted in a unit
    ("某某县农村危房改造1.2万户。", "某某县农村危房改造户数"),
    ("改造老旧厂房35个。", "老旧厂房改造数"),                      # a one-character adjective opens the object
    ("累计淘汰老旧农机1.2万台。", "老旧农机淘汰数"),
    ("建成边境口岸6个。", "边境口岸建成数"),                        # 口岸: a place word, a noun all the same
])
def test_an_activity_is_named_by_its_object_verb_and_unit(text, indicator):
    found = find_metrics(text)
    assert [q.indicator for q in found] == [indicator]
    assert found[0].written and found[0].written in text   # the phrase as written stays with the value


@pytest.mark.parametrize("text, indicator", [
    ("新增上市企业7家。", "新增上市企业"),                       # 新增 qualifies what is counted
    ("治理水土流失面积800平方公里。", "治理水土流失面积"),         # ends in a measure word already
    ("农村转移劳动力达到260万人。", "农村转移劳动力人数"),         # an attributive verb inside a noun: no activity
    ("某某区重点项目完成投资560亿元。", "某某区重点项目完成投资"),
])
def test_measures_and_counted_nouns_keep_their_names(text, indicator):
    assert [q.indicator for q in find_metrics(text)] == [indicator]


@pytest.mark.parametrize("text", [
    "某某市高校增设本科专业15个。",
    "某某县企业享受减税降费3.2亿元。",
])
def test_a_subject_verb_object_clause_names_no_indicator(text):
    found = find_metrics(text)
    assert found and all(q.indicator == "" for q in found)


def test_a_verb_after_a_one_character_adjective_makes_no_object():
    assert "稳就业惠民生制定实施数" not in [q.indicator for q in find_metrics("制定实施稳就业惠民生18条。")]


@pytest.mark.parametrize("text, indicators", [
    ("调查发现3种新物种。", ["新物种发现数"]),                          # a verb of finding selects what it found
    ("更新改造幸福路等道路12条、桥梁4座。", ["道路更新改造数", "桥梁更新改造数"]),  # examples before 等 dropped
    ("改造和新建300所乡镇卫生院、40所县医院。", ["乡镇卫生院改造和新建数", "县医院改造和新建数"]),  # 县|医院
    ("建成12个示范片区、200个和美乡村。", ["示范片区建成数", "和美乡村建成数"]),   # 和 opens a word after a classifier
    ("重点建设6个产业园区。", ["产业园区建设数"]),                        # 重点: how it was done, no subject
    # an object that opens with a numeral character (零|碳, 四|好) is an object all the same
    ("累计创建甲级工厂20个、零碳园区3个。", ["甲级工厂创建数", "零碳园区创建数"]),
    ("建设“四好农村路”800公里。", ["四好农村路建设里程"]),
    # a verbal noun before the head (供热|设施) leaves an item a plain noun phrase the list verb reaches
    ("改造老旧小区3万户、燃气管网500公里、供热设施900台。", ["老旧小区改造户数", "燃气管网改造里程", "供热设施改造数"]),
    ("更新住宅电梯600部,加装护栏30公里。", ["住宅电梯更新数", "护栏加装里程"]),   # renewal and fitting
    # a list of verbs before one object is one run of verbs, not a list of things
    ("新建、改建、扩建乡镇中学40所。", ["乡镇中学新建改建扩建数"]),
    ("制定、修改和废止部门规章12件。", ["部门规章制定修改和废止数"]),
    ("新建、改扩建校舍面积3万平方米。", ["新建改扩建校舍面积"]),
    ("修复12块污染地块。", ["污染地块修复数"]),   # 块 counts things as 个 does
    ("实施临时救助80万人次。", ["临时救助人次"]),    # a kind of service counted in its events
    ("制定修改废止部门规章9件。", ["部门规章制定修改废止数"]),   # three verbs run together
    ("新增床位300张,提质升级80所乡村学校食堂。", ["新增床位", "乡村学校食堂提质升级数"]),   # 提|质|升级: one verb
    ("提质升级乡村学位9万个。", ["乡村学位提质升级数"]),
])
def test_list_items_and_renewals_keep_the_verb_that_selects_them(text, indicators):
    assert [q.indicator for q in find_metrics(text)] == indicators


def test_a_noun_that_opens_with_a_joining_character_is_a_measure():
    # 在校学生 is one word to jieba; 在 alone would open a clause (在…中占比)
    assert [q.indicator for q in find_metrics("在校学生达到12.5万人,比上年增长8%。")] == ["在校学生"] * 2


def test_zhongdian_is_manner_only_before_a_verb_of_works():
    assert [q.indicator for q in find_metrics("年度12项重点改革任务扎实推进。")] == ["重点改革任务"]   # 重点: key tasks


def test_newly_and_a_verb_is_no_thing_processed():
    # jieba tags 新开工 a noun; 新开工建设N万套 counts homes named in another clause, not 新开工建设
    assert [q.indicator for q in find_metrics("全年新开工建设1043万套。")] == [""]
    assert [q.indicator for q in find_metrics("农村危房改造1.2万户。")] == ["农村危房改造户数"]
