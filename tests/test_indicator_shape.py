"""Indicator labels are measure names: what a shape rule drops keeps its observation and label.

Issue 11: an analyst listing a hundred reports' indicators sees every distinct label, so a label
that is an activity (开挖疏浚…), a clause (…获奖, …加快推进), a fragment of a list or a phrase
opening inside a clause must name no indicator, while the value and its written label stay.
"""
from __future__ import annotations

import doctest

import pytest

from kg.extract import measure_shape
from kg.extract.indicator_names import clean_name
from kg.extract.metrics import find_metrics


def pairs(text: str) -> list[tuple[str, str]]:
    return [(f"{q.value}{q.unit}", q.indicator) for q in find_metrics(text)]


def test_measure_shape_doctests():
    assert doctest.testmod(measure_shape).failed == 0


@pytest.mark.parametrize("text, label_part", [
    ("某某县示范区承接外地转移项目16个。", "承接外地转移项目"),     # a clause with its subject
    ("为小微企业减轻负担120亿元。", "减轻负担"),
    ("坚守耕地不少于20亿亩这条底线。", "这条底线"),
])
def test_a_label_that_is_no_measure_keeps_its_observation(text, label_part):
    found = find_metrics(text)
    assert len(found) == 1
    assert found[0].indicator == ""
    assert label_part in found[0].label


@pytest.mark.parametrize("text, expected", [
    ("累计治理沙化土地面积300万亩。", [("300万亩", "治理沙化土地面积")]),       # an activity ending in a measure word
    ("8部剧目获国家级奖项。", [("8部", "获国家级奖项的剧目数")]),                # the predicate selects what is counted
    ("12个改革试点加快推进。", [("12个", "改革试点")]),
    ("新增5名“两院”院士。", [("5名", "新增两院院士")]),                        # a quoted name inside; 新增 selects what is counted
    ("培育20家专精特新“小巨人”企业。", [("20家", "专精特新小巨人企业培育数")]),   # the verb before the number selects what is counted
    ("建成6个国家级工程技术创新中心。", [("6个", "国家级工程技术创新中心建成数")]),     # a verb inside a name
    ("组建9个行业性的调解组织。", [("9个", "")]),                                 # after 的 comes the noun, never cut
])
def test_the_phrase_after_a_classifier_ends_at_its_predicate(text, expected):
    assert pairs(text) == expected


def test_a_list_shares_the_measure_word_of_its_last_item():
    assert pairs("钢材、水泥产量分别增长3%、5%。") == [("3%", "钢材产量"), ("5%", "水泥产量")]
    assert pairs("快递、电信业务量分别增长6%、8%。") == [("6%", "快递业务量"), ("8%", "电信业务量")]


def test_a_list_item_that_writes_its_own_measure_keeps_it():
    assert pairs("毛入园率、巩固率分别达到91%、97%。") == [("91%", "毛入园率"), ("97%", "巩固率")]


def test_adverbs_after_the_measure_are_cut():
    assert [i for _, i in pairs("化学需氧量、氨氮排放都要减少2%左右。")] == ["化学需氧量", "氨氮排放"]
    assert clean_name("粮食产能每年稳定在").name == "粮食产能"


def test_a_unit_that_opens_a_longer_word_is_no_quantity():
    assert [v for v, _ in pairs("每10万人口在校大学生增长5%。")] == ["5%"]


def test_a_phrase_stopping_inside_a_list_names_nothing():
    assert pairs("制定6000多项食品、药品和农产品安全标准。") == [("6000项", "")]


@pytest.mark.parametrize("written, name", [
    ("五年中央财政投入", "中央财政投入"),            # 中 of 中央 ends no period word
    ("规模以上工业增加值增速居全国", ""),            # a ranking clause
    ("突破重点领域技术难题", ""),                    # a change word opens a clause
    ("城镇新增就业", "城镇新增就业"),                # a canonical measure whatever its words
    ("新增上市企业", "新增上市企业"),                # newly added X counts X
    ("新建扩建污水处理厂", ""),                      # two verbs: an activity
    ("住院费用跨省直接结算率", "住院费用跨省直接结算率"),   # an adverb inside a rate's name
    ("例如各厂可比产品成本降低额", "各厂可比产品成本降低额"),
    ("建设社区养老服务站", ""),                      # a verb of works opens an activity
    ("建设用地面积", "建设用地面积"),                # …unless a measure word ends it
    ("博士创新站", "博士创新站"),                    # 站 ends a place name, no predicate
    ("总产能突破2万PF", ""),                         # a value inside the label
    ("产业基金带动社会投资", ""),                    # a verb governing an object: a clause
    ("新入选国家级智能工厂", "新入选国家级智能工厂"),  # …unless "newly" makes it an attribute
    ("补助标准提高到人均", "补助标准"),              # per-capita words before the value
    ("试点城市之一", ""),
    ("风电装机规模占全国", ""),                      # a share without its word (比重)
    ("省级", ""),                                    # an attribute alone
    ("为此中央财政支出", "中央财政支出"),
    ("确保粮食播种面积", "粮食播种面积"),            # a target word opens no name
    ("高质量办理政协提案", "政协提案"),              # manner, then a light verb, then what was counted
    ("高质量数据集", "高质量数据集"),                # …but 高质量 before a noun is part of it
    ("办理应诉案件", "应诉案件"),                    # the object of a light verb is a noun phrase
    ("完成改造农村危房", ""),                        # …unless a verb of works opens it
    ("十一五期间单位产值能耗", "单位产值能耗"),      # a plan period opens no name
    ("新建", ""),
])
def test_shape_of_a_measure_name(written, name):
    assert clean_name(written).name == name


def test_permille_points_are_a_unit_like_percentage_points():
    assert pairs("死亡率下降3个千分点。") == [("3个千分点", "死亡率")]


def test_a_policy_set_phrase_may_open_a_name_with_a_fragment_character():
    # 以 opens a clause (以上, 以来), but 以旧换新 is a policy's name of four characters
    assert [q.indicator for q in find_metrics("发放以旧换新补贴30亿元。")] == ["以旧换新补贴发放金额"]
    assert clean_name("以上的企业").name == ""


def test_a_genre_word_jieba_splits_is_kept_whole():
    # 瞪羚 (fast-growing firms) beside 独角兽: jieba reads 瞪|羚, a verb and a noun
    assert [q.indicator for q in find_metrics("新增瞪羚企业40家。")] == ["新增瞪羚企业"]
    # 实际使用外资 (foreign capital actually used) is a measure's name: 实际 is no adverb to peel here
    assert [q.indicator for q in find_metrics("全年实际使用外资80亿美元。")] == ["实际使用外资"]
    # 自贸 (free trade) opens names jieba reads as a preposition and a verb
    assert [q.indicator for q in find_metrics("新设3个自贸试验区。")] == ["新设自贸试验区"]


def test_a_net_increase_selects_what_is_counted_as_a_new_one_does():
    assert [q.indicator for q in find_metrics("净增企业3万家、个体工商户5万户。")] == ["净增企业", "净增个体工商户"]


def test_a_verb_alone_names_no_indicator_but_a_measure_word_does():
    assert [q.indicator for q in find_metrics("启动了30项节能、节水重大项目。")] == [""]
    assert [q.indicator for q in find_metrics("出口增长5%。")] == ["出口"]   # 出口 is a measure


def test_and_above_joins_no_list_items():
    names = [q.indicator for q in find_metrics("地级及以上城市细颗粒物平均浓度下降3%。")]
    assert names == ["地级及以上城市细颗粒物平均浓度"]


def test_a_measure_then_安排_names_the_measure():
    assert [q.indicator for q in find_metrics("省级预算内投资安排300亿元。")] == ["省级预算内投资"]
    assert [q.indicator for q in find_metrics("新增限上商贸企业60家。")] == ["新增限上商贸企业"]   # 限上: one word
