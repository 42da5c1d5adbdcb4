"""What a value is and the years it is about: results, targets, changes with a base, totals,
averages, ranges and bounds, durations; and clean, canonical indicator names.

Every sentence here is written for the test. The report is taken to report on 2030 (a work
report delivered early in 2031), so a result is about 2030 and a target about 2031.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.indicator_names import canonical, clean_name
from kg.extract.metrics import Quantity, find_metrics
from kg.extract.observation_kind import plan_period

REVIEW = {"report_year": 2030, "in_plans": False}
PLANS = {"report_year": 2030, "in_plans": True}


def read(text: str, in_plans: bool = False, previous: str = "") -> list[Quantity]:
    from kg.extract.observation_kind import Context
    return find_metrics(text, Context(report_year=2030, in_plans=in_plans, previous=previous))


def one(text: str, **kw) -> Quantity:
    found = read(text, **kw)
    assert len(found) == 1, [(q.indicator, q.value) for q in found]
    return found[0]


# ---------------------------------------------------------------- result or target

def test_a_target_list_after_its_cue_sets_targets_for_the_coming_year():
    qs = read("本年度发展的主要预期目标是:地区生产总值增长6.5%左右,城镇新增就业8.2万人以上,城镇登记失业率控制在3.8%以内。")
    assert [(q.indicator, q.kind.kind, q.kind.period_start, q.kind.period_end) for q in qs] == [
        ("地区生产总值", "target", 2031, 2031), ("城镇新增就业", "target", 2031, 2031),
        ("城镇登记失业率", "target", 2031, 2031)]


def test_a_value_in_a_plans_passage_is_a_target_and_a_past_one_is_not():
    assert one("粮食产量稳定在1250万吨左右。", in_plans=True).kind.kind == "target"
    past = one("去年全市地区生产总值增长5.4%。", in_plans=True)
    assert (past.kind.kind, past.kind.period_end) == ("result", 2030)
    dated = one("2029年与2025年相比,全市地区生产总值增长31%。", in_plans=True)
    assert dated.kind.kind == "result"


def test_the_sentence_before_sets_the_tone_of_a_bare_list():
    after_review = one("全年地区生产总值增长4.4%。", in_plans=True, previous="过去一年,我们克服了重重困难。")
    assert after_review.kind.kind == "result"
    after_cue = one("地区生产总值增长6%。", previous="明年经济社会发展的主要预期目标是:")
    assert after_cue.kind.kind == "target"


def test_a_review_value_is_a_result_of_the_report_year():
    q = one("全市城镇新增就业9.6万人。")
    assert (q.kind.kind, q.kind.period_start, q.kind.period_end) == ("result", 2030, 2030)


def test_a_target_word_glued_to_the_name_makes_a_target():
    q = one("力争高新技术企业数量突破900家。")
    assert (q.indicator, q.kind.kind, q.kind.low) == ("高新技术企业数量", "target", Decimal(900))


# ---------------------------------------------------------------- changes and bases

def test_a_change_against_last_year_has_its_base_year():
    q = one("规模以上工业增加值比上年增长7.3%。")
    assert (q.indicator, q.direction, q.base, q.kind.base_year) == ("规模以上工业增加值", "increase", "比上年", 2029)


def test_a_change_against_a_named_year():
    q = one("细颗粒物平均浓度较2025年下降17%。")
    assert (q.indicator, q.direction, q.kind.base_year) == ("细颗粒物平均浓度", "decrease", 2025)


def test_change_words_alone_go_on_with_the_measure_before_them():
    qs = read("全省一般公共预算收入达到512亿元、增长3.6%,年均增长4.1%。")
    assert [(q.indicator, q.direction, q.kind.aggregate) for q in qs] == [
        ("一般公共预算收入", None, None), ("一般公共预算收入", "increase", None),
        ("一般公共预算收入", "increase", "average")]


def test_from_one_level_to_another_is_two_levels_of_one_measure():
    qs = read("城市生活垃圾分类覆盖率从62%提高到91%。")
    assert [(q.indicator, q.value, q.is_change) for q in qs] == [
        ("城市生活垃圾分类覆盖率", Decimal(62), False), ("城市生活垃圾分类覆盖率", Decimal(91), False)]


# ---------------------------------------------------------------- periods: totals, averages, durations

def test_a_total_over_the_last_years():
    q = one("五年累计新增城镇就业41万人。")
    assert (q.indicator, q.kind.aggregate, q.kind.period_start, q.kind.period_end) == (
        "城镇新增就业", "cumulative", 2026, 2030)


def test_values_about_the_years_before_a_named_year():
    qs = read("2028年,单位地区生产总值能耗由前两年分别上升1.3%、0.4%,转为下降2.2%。")
    assert [(q.indicator, q.kind.period_start, q.kind.period_end) for q in qs] == [
        ("单位地区生产总值能耗", 2026, 2027), ("单位地区生产总值能耗", 2026, 2027),
        ("单位地区生产总值能耗", 2028, 2028)]


def test_a_numbered_five_year_plan_is_its_years():
    assert plan_period("十五") == (2026, 2030) and plan_period("十四") == (2021, 2025)
    q = one("“十六五”期间新增城镇就业45万人以上。", in_plans=True)
    assert (q.kind.period_start, q.kind.period_end, q.kind.kind) == (2031, 2035, "target")


def test_a_duration_in_months_qualifies_too():
    q = one("全市二手房成交量连续7个月增长2.5%。")
    assert (q.indicator, "连续7个月" in q.qualifiers) == ("全市二手房成交量", True)


def test_a_duration_qualifies_a_value_and_is_no_value_itself():
    q = one("群众安全感满意度连续6年保持在96%以上。")
    assert (q.indicator, q.value, q.unit, q.kind.low) == ("群众安全感满意度", Decimal(96), "%", Decimal(96))
    assert "连续6年" in q.qualifiers


# ---------------------------------------------------------------- ranges and bounds

@pytest.mark.parametrize("text, low, high", [
    ("地区生产总值增长5.5%-6%。", "5.5", "6"),
    ("新建5-7个产业园区。", "5", "7"),
    ("研发经费投入强度不低于2.9%。", "2.9", None),
    ("城镇调查失业率5.5%以内。", None, "5.5"),
    ("城市污水处理率控制在4%以下。", None, "4"),
    ("新增高标准农田超过40万亩。", "40", None),
])
def test_ranges_and_bounds_give_low_and_high(text, low, high):
    q = one(text, in_plans=True)
    assert (q.kind.low, q.kind.high) == (Decimal(low) if low else None, Decimal(high) if high else None)
    assert q.value == Decimal(low or high)


# ---------------------------------------------------------------- indicator names

@pytest.mark.parametrize("written, name", [
    ("工业机器人产量突破", "工业机器人产量"),
    ("政府债务率控制在", "政府债务率"),
    ("新能源汽车保有量突破", "新能源汽车保有量"),
    ("货物周转量将比上年增长", "货物周转量"),
    ("PM2.5平均浓度较2020年", "PM2.5平均浓度"),
    ("社会物流总费用与地区生产总值的比率下降至", "社会物流总费用与地区生产总值的比率"),
    ("完成老旧小区改造", ""),           # an activity (…改造) names no measure: the value keeps its label
    ("市财政五年投入乡村振兴资金", "市财政投入乡村振兴资金"),
    ("中央提出今年经济增长预期目标为", "经济"),
    ("网上零售额增速快于全国", "网上零售额"),
    ("居民收入增速高出全国平均水平", "居民收入"),   # 高出 a base is a comparison, as 高于 is
    ("产业园区用地比原规划", "产业园区用地"),
    ("二是培训新型职业农民", ""),        # an activity (培训…): no measure
    ("十二是改造农村户厕", ""),          # verb–object: no measure
    ("三年内县级医院新建病房", "县级医院新建病房"),
    ("种粮补贴资金从2015年", "种粮补贴资金"),
    ("居民医保财政补助标准由每人每年", "居民医保财政补助标准"),
    ("省农业银行将增加", "省农业银行"),
    ("当年信贷投放还比年初计划", "信贷投放"),
    ("光伏组件项目顺利投产", "光伏组件项目"),
    ("全省社会消费品零售总额累计完成", "全省社会消费品零售总额"),
    ("新认定专精特新中小企业", "新认定专精特新中小企业"),   # 特 is no adverb here
])
def test_change_target_and_period_words_leave_the_name(written, name):
    assert clean_name(written).name == name


@pytest.mark.parametrize("written", ["之比", "今年拟安排", "还向省里上缴", "并连通机场", "比重", "在地区生产总值中占比", "比2019年",
                                     "占全省发电装机", "街道)", "(套)", "整合提升", "行政管理支出占"])
def test_fragments_name_no_indicator(written):
    assert clean_name(written).name == ""


def test_a_fragment_keeps_its_value_but_names_nothing():
    q = one("两项支出之比达到1.6%。")
    assert q.indicator == "" and q.value == Decimal("1.6")


@pytest.mark.parametrize("written, canon", [
    ("经济增长", "国内生产总值"), ("GDP", "国内生产总值"), ("城镇新增就业人数", "城镇新增就业"),
    ("居民消费价格总水平", "居民消费价格"), ("调查失业率", "城镇调查失业率"), ("出庭应诉率", "行政机关负责人出庭应诉率"),
])
def test_wordings_of_one_measure_share_one_name(written, canon):
    assert canonical(written)[0] == canon


def test_the_written_words_stay_with_the_value():
    q = one("今年经济增长的预期目标为6%左右。")
    assert (q.indicator, q.better) == ("国内生产总值", "higher")
    assert "经济增长" in q.written and "经济增长" in q.label
