"""Structure: headings and their levels, section roles, sentences with exact offsets, title and year."""
from __future__ import annotations

import pytest

from kg.ingest import from_text
from kg.records import Report
from kg.structure import role_of_heading, structure


def build(text: str) -> Report:
    return structure(from_text(text, "test.txt"))


def sentence_with(report: Report, fragment: str):
    hits = [s for s in report.sentences if fragment in s.text]
    assert len(hits) == 1, f"{fragment!r} should be in exactly one sentence: {[s.text for s in report.sentences]}"
    return hits[0]


REPORT = """云岭县2024年法治政府建设工作报告
2024年,我县坚持依法行政,各项工作稳步推进。
一、主要举措和成效
(一)完善制度体系。全年修订规范性文件6件。
1.强化合法性审查:审查行政合同58份。
(1)开展专题培训。培训执法人员320人次。
(二)规范执法行为
二、存在的不足
(一)基层执法力量薄弱。部分乡镇执法人员不足。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县委常委会会议专题研究法治工作4次。
四、2025年工作安排
(一)补齐基层执法短板。分批开展执法轮训。
"""


@pytest.fixture(scope="module")
def report() -> Report:
    return build(REPORT)


def test_heading_levels_follow_the_numbering(report):
    got = [(s.level, s.number, s.heading) for s in report.sections]
    assert got == [
        (1, "一", "主要举措和成效"),
        (2, "一", "完善制度体系"),
        (3, "1", "强化合法性审查"),
        (4, "1", "开展专题培训"),
        (2, "二", "规范执法行为"),
        (1, "二", "存在的不足"),
        (2, "一", "基层执法力量薄弱"),
        (1, "三", "党政主要负责人履行推进法治建设第一责任人职责情况"),
        (1, "四", "2025年工作安排"),
        (2, "一", "补齐基层执法短板"),
    ]


def test_sections_nest_under_the_nearest_higher_level(report):
    secs = report.sections
    heading = {i: s.heading for i, s in enumerate(secs)}
    parents = [(s.heading, heading.get(s.parent)) for s in secs]
    assert parents == [
        ("主要举措和成效", None),
        ("完善制度体系", "主要举措和成效"),
        ("强化合法性审查", "完善制度体系"),
        ("开展专题培训", "强化合法性审查"),
        ("规范执法行为", "主要举措和成效"),
        ("存在的不足", None),
        ("基层执法力量薄弱", "存在的不足"),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", None),
        ("2025年工作安排", None),
        ("补齐基层执法短板", "2025年工作安排"),
    ]
    # A section runs to the next heading of its level or above.
    first, second = secs[0], secs[5]
    assert first.end == second.start
    assert REPORT.index("二、存在的不足") == second.start


def test_heading_clause_is_cut_from_the_body_on_the_same_line(report):
    s = sentence_with(report, "全年修订规范性文件6件")
    assert s.text == "全年修订规范性文件6件。"
    assert report.section_of(s).heading == "完善制度体系"
    contract = sentence_with(report, "审查行政合同58份")
    assert report.section_of(contract).heading == "强化合法性审查"


def test_top_level_roles_come_from_heading_cues(report):
    roles = {s.heading: s.role for s in report.sections if s.level == 1}
    assert roles == {
        "主要举措和成效": "measures",
        "存在的不足": "shortcomings",
        "党政主要负责人履行推进法治建设第一责任人职责情况": "leadership",
        "2025年工作安排": "plans",
    }


def test_subsections_inherit_their_section_role(report):
    assert report.role_of(sentence_with(report, "培训执法人员320人次")) == "measures"
    assert report.role_of(sentence_with(report, "部分乡镇执法人员不足")) == "shortcomings"
    assert report.role_of(sentence_with(report, "专题研究法治工作4次")) == "leadership"
    # "短板" is a shortcomings cue, but under the plans section the subsection stays a plan.
    assert report.role_of(sentence_with(report, "补齐基层执法短板")) == "plans"
    assert report.role_of(sentence_with(report, "我县坚持依法行政")) == "other"


@pytest.mark.parametrize("heading, role", [
    ("存在的问题和不足", "shortcomings"),
    ("工作中的差距和短板", "shortcomings"),
    ("下一步工作打算", "plans"),
    ("明年工作思路", "plans"),
    ("主要做法", "measures"),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
    ("依法全面履行政府职能", "other"),
    ("2025年主要工作", "plans"),                       # the coming year's work, though 主要工作 cues a review
    ("2024年主要工作", "measures"),
    ("2024年工作回顾和2025年工作的总体要求", "measures"),
])
def test_role_of_heading(heading, role):
    assert role_of_heading(heading, next_year=2025) == role


def test_a_heading_naming_next_year_is_plans_and_this_year_is_not():
    r = build("云岭县2023年法治政府建设工作报告\n一、2023年法治政府建设情况\n全年办理复议案件9件。\n"
              "二、2024年法治建设思路\n(一)加强执法监督\n")
    roles = {s.heading: s.role for s in r.sections}
    assert roles["2024年法治建设思路"] == "plans"
    assert roles["2023年法治政府建设情况"] != "plans"
    assert r.role_of(sentence_with(r, "加强执法监督")) == "plans"


def test_full_width_numbering_and_decimal_lines():
    r = build("一、主要做法\n3.5万人次参加线上学法考试。\n（一）健全依法决策机制：全年审查决策事项9件。\n1．规范合同管理。\n")
    assert [(s.level, s.heading) for s in r.sections] == [
        (1, "主要做法"), (2, "健全依法决策机制"), (3, "规范合同管理")]


def test_sentences_carry_exact_offsets(report):
    text = report.text
    assert report.sentences
    for s in report.sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    starts = [s.start for s in report.sentences]
    assert starts == sorted(starts)
    assert [s.index for s in report.sentences] == list(range(len(report.sentences)))
    # Sentences end at 。 even inside a line.
    assert "(一)完善制度体系。" in [s.text for s in report.sentences]


def test_sentence_offsets_hold_after_normalisation():
    raw = "一、主要成效\n全年办理案件 12 件。  调解成功率 98% 。\n\n二、存在的不足\n"
    r = build(raw)
    for s in r.sentences:
        assert r.text[s.start:s.end] == s.text
    assert any("办理案件12件" in s.text for s in r.sentences)


def test_title_line_with_year():
    r = build("云岭县2024年法治政府建设工作报告\n2024年,我县坚持依法行政。\n一、主要举措\n")
    assert r.title == "云岭县2024年法治政府建设工作报告"
    assert r.year == 2024


def test_title_split_over_two_lines_is_joined():
    r = build("桐湾镇人民政府\n关于2024年度法治政府建设情况的报告\n一、主要做法\n全年调解纠纷20件。\n")
    assert r.title == "桐湾镇人民政府关于2024年度法治政府建设情况的报告"
    assert r.year == 2024


def test_year_from_the_opening_sentence_when_there_is_no_title():
    r = build("2025年,石门镇持续推进依法行政。全年调解纠纷20件。\n一、下一步工作打算\n加强学习。\n")
    assert r.title == ""
    assert r.year == 2025


def test_title_year_wins_over_years_in_the_body():
    r = build("云岭县2023年法治政府建设工作报告\n2024年1月,县政府召开会议。\n一、2024年工作安排\n")
    assert r.year == 2023


def test_publication_date_from_the_closing_line():
    r = build("云岭县人民政府关于2023年法治政府建设情况的报告\n全年办理案件10件。\n云岭县人民政府\n2024年1月15日\n")
    assert r.published == "2024-01-15"
