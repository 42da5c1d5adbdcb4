"""Issue 11 (documents, problems, plans): bare short titles stand for the report's full title;
cause explanations, advice and umbrella openings are no problems; lead-ins, principles,
past events and achievements are no plans. Sentences are invented in the genre's style."""
from __future__ import annotations

import pytest

from kg.document_kinds import is_own_plan
from kg.extract.doc_aliases import alias_map, is_bare
from kg.extract.documents import find_documents
from kg.extract.item_sense import admits_shortcoming, is_plan
from kg.extract.sections import _label
from kg.pipeline import extract_text


def labels(ex, kind):
    return sorted(e.label for e in ex.entities.values() if e.kind == kind)


@pytest.mark.parametrize("title, bare", [
    ("建议", True), ("纲要(草案)", True), ("纲要草案", True), ("实施办法", True), ("规划纲要", True),
    ("中共某省委关于制定某省国民经济和社会发展第十五个五年规划的建议", False),
    ("某市城市道路养护条例", False), ("宪法", False), ("十五五规划", False), ("政府工作报告", False),
])
def test_a_bare_title_is_a_kind_word_alone(title, bare):
    assert is_bare(title) is bare


REPORT = """某省2026年政府工作报告
根据《中共某省委关于制定某省国民经济和社会发展第十五个五年规划的建议》(以下简称《建议》),省政府编制了《某省国民经济和社会发展第十五个五年规划纲要(草案)》。
《纲要(草案)》提出了今后五年的主要目标。
《建议》明确的目标任务,要在实施中细化落实。
"""


def test_short_titles_resolve_to_the_full_titles_of_the_report():
    docs = labels(extract_text(REPORT), "document")
    assert docs == ["中共某省委关于制定某省国民经济和社会发展第十五个五年规划的建议",
                    "某省国民经济和社会发展第十五个五年规划纲要(草案)"]


def test_a_full_title_broken_over_lines_still_resolves_its_short_form():
    text = "国务院编制了《\n某某发展第九个五年计划纲要(草案)\n》。《纲要草案》提交大会审查。"
    assert list(alias_map(text).values()) == ["某某发展第九个五年计划纲要(草案)"]


def test_a_short_title_without_its_full_title_is_kept_as_written():
    assert [t for _, _, t, _ in find_documents("《实施方案》经审议通过后,市政府将组织实施。")] == ["实施方案"]


def test_a_system_of_plans_is_no_document():
    assert find_documents("构建市属企业“1+M”规划体系。") == []
    assert [t for _, _, t, _ in find_documents("编制“十五五”规划。")] == ["十五五规划"]


@pytest.mark.parametrize("label", [
    "出现这些问题,根源在于监督机制不健全",              # a cause of the problems above
    "继续解决上述矛盾,仍是今后一个时期的重要任务",      # a response to them
    "价格涨幅偏高,既有国际原因,也有我们工作上的不足",  # an explanation of causes
    "各县情况不同,不要互相攀比增速",                    # advice
    "如果对此认识不足,就可能贻误发展时机",              # a condition
    "政府工作中还存在一些不足,外部形势变化带来新的挑战",  # an umbrella opening
])
def test_causes_advice_and_umbrellas_are_not_problems(label):
    assert not admits_shortcoming(label)


@pytest.mark.parametrize("label", [
    "今年全省发展的主要预期目标是",            # a lead-in
    "做好今年工作,要把握好以下几点",          # a lead-in
    "这里需要着重说明",                        # a lead-in
    "上述目标,体现了高质量发展的要求",        # an explanation of targets
    "去年以来能源价格大幅波动",                # the situation
    "粮食连年丰收,今年又取得了好收成",        # an achievement
    "本市经济发展的前景",                      # the situation
    "我们要坚持稳中求进、守正创新",            # a principle
    "以新时代党的创新理论为指导",              # a guiding principle
    "各县要按照省委关于明年工作的总要求",      # a lead-in
])
def test_lead_ins_principles_and_achievements_are_not_plans(label):
    assert not is_plan(label)


@pytest.mark.parametrize("label", ["着力扩大有效需求", "粮食产量稳定在300亿斤以上", "深化国资国企改革",
                                   "以科技创新为引领,加快建设现代化产业体系"])
def test_tasks_and_targets_stay_plans(label):
    assert is_plan(label)


PRINCIPLES = """某省2026年政府工作报告
一、2025年工作回顾
全年地区生产总值增长5.1%。
二、2026年工作总体部署
做好今年工作,要把握好以下原则。第一,坚持稳中求进。稳是大局。第二,坚持改革创新。改革是动力。
三、着力扩大有效需求
深入实施提振消费专项行动。
"""


def test_items_after_a_lead_in_of_principles_are_not_plans():
    plans = labels(extract_text(PRINCIPLES), "plan")
    assert "着力扩大有效需求" in plans
    assert not any("稳中求进" in p or "改革创新" in p for p in plans)


def test_a_lead_in_glued_to_the_first_item_and_a_closing_etc_are_cut():
    assert _label("主要是投资增长乏力,消费需求不旺。") == "投资增长乏力,消费需求不旺"
    assert _label("基层治理能力有待提升,等等。") == "基层治理能力有待提升"


@pytest.mark.parametrize("item", ["为了稳住外贸基本盘,实施某某市场开拓行动", "除了稳就业,还要稳物价"])
def test_in_order_to_and_besides_do_not_make_a_plan_past(item):
    assert is_plan(item)


@pytest.mark.parametrize("text, title", [
    ("抓好军队建设“十四五”规划执行。", "军队建设十四五规划"),      # a sector's plan is a plan of its own
    ("实施交通运输“十四五”规划。", "交通运输十四五规划"),
    ("根据中共某某省委“十五五”规划《建议》。", "十五五规划"),     # an organ says whose: the jurisdiction's own
    ("今年是自治区“十五五”规划开局之年。", "十五五规划"),
    ("围绕重大战略部署和“十四五”规划。", "十四五规划"),           # a list before it is no qualifier
    ("有序启动“十二五”规划重大项目。", "十二五规划"),             # a manner word and a verb are none either
    ("提前实施部分“十四五”规划重大工程。", "十四五规划"),         # nor a word for which of its parts
])
def test_nouns_before_a_quoted_plan_name_name_another_plan(text, title):
    assert title in [t for _, _, t, _ in find_documents(text)]


def test_a_qualified_plan_is_not_the_jurisdictions_own():
    assert not is_own_plan("军队建设十四五规划") and is_own_plan("十四五规划")


def test_a_short_title_right_after_a_quoted_plan_name_is_that_plans():
    titles = [t for _, _, t, _ in find_documents("根据中共某某省委“十五五”规划《建议》,编制了纲要。")]
    assert titles == ["十五五规划建议", "十五五规划"]
    assert is_own_plan("十五五规划建议")   # the citing jurisdiction's own proposal, not the nation's
    assert [t for _, _, t, _ in find_documents("根据《建议》的精神。")] == ["建议"]   # no plan before it: as written


def test_the_full_title_a_report_gives_wins_over_the_plan_before_a_short_title():
    text = "审议《中共某某省委关于制定某某省国民经济和社会发展第十五个五年规划的建议》。根据省委“十五五”规划《建议》,编制。"
    ex = extract_text(text)
    labels = {e.label for e in ex.entities.values() if e.kind == "document"}
    assert "十五五规划建议" not in labels and any(label.startswith("中共某某省委关于制定") for label in labels)
