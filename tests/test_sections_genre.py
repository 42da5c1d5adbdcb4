"""Problems and plans in the shapes the genre writes them: 一是/二是 lists after a colon,
a lead-in with a colon before the items, numbered subsections."""
from kg.pipeline import extract_text

ENUMERATED = """某甲县2024年法治政府建设年度报告
二、存在的问题和不足
一是法治宣传教育的针对性还不强;二是基层执法队伍专业化水平有待提高;三是行政复议纠错机制还不够完善。
三、下一步工作打算
2025年,我县将重点做好以下工作:一是深化法治宣传教育,提升针对性和实效性;二是加强基层执法队伍建设,提高专业化水平;三是完善行政复议纠错机制。
"""

LEAD_IN = """某乙区2024年法治政府建设情况报告
二、存在的不足
虽然我区法治政府建设取得了一定成效,但仍存在一些短板:部分行政执法人员能力不足,基层法治力量薄弱;行政复议宣传不够深入。
三、2025年工作计划
(一)持续提升执法人员能力。
(二)充实基层法治力量。
"""


def labels(ex, kind):
    return [e.label for e in ex.entities.values() if e.kind == kind]


def test_enumerated_items_after_a_colon_are_each_a_plan_and_pair_with_their_problems():
    ex = extract_text(ENUMERATED)
    assert labels(ex, "problem") == ["法治宣传教育的针对性还不强", "基层执法队伍专业化水平有待提高", "行政复议纠错机制还不够完善"]
    plans = labels(ex, "plan")
    assert len(plans) == 3 and plans[0].startswith("深化法治宣传教育")
    pairs = {(p.split(":")[1][:4], q.split(":")[1][:4]) for p, q in ex.addresses}
    assert pairs == {("深化法治", "法治宣传"), ("加强基层", "基层执法"), ("完善行政", "行政复议")}


def test_items_follow_the_colon_of_a_lead_in_and_plans_come_from_subsections():
    ex = extract_text(LEAD_IN)
    problems = labels(ex, "problem")
    assert len(problems) == 2 and not any("成效" in p for p in problems)
    assert labels(ex, "plan") == ["持续提升执法人员能力", "充实基层法治力量"]
    for e in ex.entities.values():
        if e.kind in ("problem", "plan"):
            m = e.mentions[0]
            assert ex.report.text[m.start:m.end] == e.label


WORK_REPORT = """某省2026年政府工作报告
一、2025年工作回顾
全年地区生产总值增长5.2%。
二、2026年工作总体部署
今年发展的主要预期目标是:地区生产总值增长5%左右。
三、着力扩大有效需求
深入实施提振消费专项行动。
四、加快建设现代化产业体系
培育壮大新兴产业。
附件
名词解释
1.“四上”企业:规模以上工业等法人单位的习惯称谓。
2.“双一流”:世界一流大学和一流学科。
"""

RULE_OF_LAW_REPORT = """某县2024年法治政府建设年度报告
一、2024年工作回顾
县司法局组织开展“法律进乡村”活动12场。
二、存在的不足
基层法治力量薄弱。
三、2025年工作安排
(一)充实基层法治力量。
四、其他需要报告的情况
无。
五、加强组织领导
县政府常务会议专题研究法治工作4次。
"""


def test_task_sections_after_the_review_are_plans_and_an_appendix_is_not():
    # a government work report names its tasks without saying "plan"; its glossary is no task
    plans = labels(extract_text(WORK_REPORT), "plan")
    assert "着力扩大有效需求" in plans and "加快建设现代化产业体系" in plans
    assert not any("四上" in p or "双一流" in p for p in plans)


def test_a_cued_section_after_the_plans_ends_them():
    plans = labels(extract_text(RULE_OF_LAW_REPORT), "plan")
    assert plans == ["充实基层法治力量"]


def test_a_heading_that_reviews_and_announces_is_a_review():
    text = WORK_REPORT.replace("一、2025年工作回顾", "一、2025年工作回顾和2026年工作的总体要求")
    ex = extract_text(text)
    plans = labels(ex, "plan")
    assert "着力扩大有效需求" in plans and not any("5.2%" in p for p in plans)  # the review is no plan


def test_a_turn_to_shortcomings_in_the_middle_of_a_paragraph_and_its_end():
    text = ("某省2026年政府工作报告\n一、2025年工作回顾\n"
            "各位代表,5项指标未能如期完成。我们清醒认识到,发展面临的困难依然严峻。有效需求不足;新兴产业规模小。"
            "我们坚信,没有迈不过的坎。\n"
            "同时,我省发展还面临一些困难和挑战,主要是:创新能力不够强;民生保障还有短板。\n")
    problems = labels(extract_text(text), "problem")
    assert {"有效需求不足", "新兴产业规模小", "创新能力不够强", "民生保障还有短板"} <= set(problems)
    assert not any("坚信" in p or "指标" in p for p in problems)


def test_an_unnumbered_heading_above_numbered_tasks_is_a_section():
    # some pages number only the second level: 2026年重点工作 stands alone above (一)(二)
    text = ("某省2026年政府工作报告\n各位代表:\n过去一年,全省生产总值增长5%。\n"
            "2026年重点工作\n重点抓好两个方面工作:\n(一)放大促消费扩投资政策效应\n落实好政策。\n"
            "(二)加快建设现代化产业体系\n培育新兴产业。\n")
    assert labels(extract_text(text), "plan") == ["放大促消费扩投资政策效应", "加快建设现代化产业体系"]


def test_item_labels_do_not_start_with_a_line_break():
    text = "某县2024年工作报告\n二、存在的问题\n第一,\n基层执法力量不足,人员偏少。\n第二,\n普法形式单一,效果不佳。\n"
    assert all(p == p.strip() for p in labels(extract_text(text), "problem"))
