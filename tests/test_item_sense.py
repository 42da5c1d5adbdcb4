"""Problems admit a shortcoming; plans are tasks, not readings of the situation."""
from __future__ import annotations

import pytest

from kg.extract.item_sense import admits_shortcoming, is_plan
from kg.pipeline import extract_text


@pytest.mark.parametrize("label", [
    "县域经济整体实力偏弱",
    "部分中小企业融资难问题依然存在",
    "基层医疗服务能力有待提高",
    "极端天气引发的灾害风险加大",
    "部门之间工作衔接不顺畅",
])
def test_shortcomings_are_admitted(label):
    assert admits_shortcoming(label)


@pytest.mark.parametrize("label", [
    "全市粮食产量创历史新高",                 # an achievement
    "污染防治攻坚战取得新成效",               # an achievement
    "群众反映的停车难问题得到有效缓解",       # a difficulty overcome
    "发展中还存在不少困难和问题",             # an umbrella sentence
    "我们面临的矛盾和挑战依然不少",           # an umbrella sentence
    "要下大力气解决群众反映强烈的突出问题",   # a task
    "对上述问题我们高度重视,正在认真研究解决", # a response
])
def test_achievements_and_umbrellas_are_not_problems(label):
    assert not admits_shortcoming(label)


@pytest.mark.parametrize("label, plan", [
    ("加快建设现代化产业体系", True),
    ("关于深化财税体制改革", True),
    ("就业目标的设定,主要考虑稳定民生的需要", False),   # explaining a target
    ("区域竞争格局正在发生深刻变化", False),             # reading the situation
    ("让我们紧密团结起来,为实现目标而奋斗", False),     # rhetoric
    ("和居民收入增长同步", False),                       # a fragment
    ("关于未来五年发展的时代背景", False),               # the situation, as a heading
    ("明年将举办全运会,是全省发展十分重要的一年", False),  # the situation of the year
    ("完成这些任务,需要付出更加艰苦的努力", False),      # rhetoric
])
def test_plans_are_tasks(label, plan):
    assert is_plan(label) is plan


def test_a_review_paragraph_with_a_neutral_opening_gives_no_problems():
    text = ("一、过去一年工作回顾\n"
            "过去一年成绩来之不易。主要表现在,地区生产总值增长6%;新增城镇就业12万人;"
            "空气质量优良天数比例提高到90%。\n"
            "我们也清醒看到,发展中还存在一些困难和问题:产业结构偏重;科技创新能力不强。\n")
    problems = {e.label for e in extract_text(text).of_kind("problem")}
    assert problems == {"产业结构偏重", "科技创新能力不强"}
