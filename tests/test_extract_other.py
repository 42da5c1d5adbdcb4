"""Programmes, documents, responsible-unit links, problems and plans."""
from __future__ import annotations

import pytest

from kg.extract.documents import find_documents
from kg.extract.programmes import find_known, find_quoted
from kg.pipeline import extract_text
from kg.records import Extraction


def labels(ex: Extraction, kind: str) -> set[str]:
    return {e.label for e in ex.of_kind(kind)}


def link_rows(ex: Extraction) -> set[tuple[str, str, str]]:
    """(subject label, unit label, role) of each link."""
    return {(ex.entities[l.subject].label, ex.entities[l.unit].label, l.role) for l in ex.links}


# ---------------------------------------------------------------- programmes

def test_quoted_programme_with_the_word_after_it_as_an_alias():
    found = find_quoted("全县组织开展“法律进乡村”活动。")
    assert [(label, aliases, kind) for _, _, label, aliases, kind in found] == [
        ("法律进乡村", ("法律进乡村活动",), "programme")]


@pytest.mark.parametrize("text, label, alias", [
    ("深入推进“八五”普法。", "八五普法", "八五"),
    ("实施“2+X”行动。", "2+X行动", "2+X"),
])
def test_short_or_symbolic_quotes_join_the_word_after_them(text, label, alias):
    found = find_quoted(text)
    assert [(lb, al) for _, _, lb, al, _ in found] == [(label, (alias,))]
    start, end = found[0][:2]
    assert text[start:end].replace("“", "").replace("”", "") == label


@pytest.mark.parametrize("text", [
    "着力打通服务群众的“堵点”。",
    "解决群众办事“最后一公里”问题。",
    "守住安全“底线”。",
])
def test_figures_of_speech_are_not_programmes(text):
    assert find_quoted(text) == []
    assert labels(extract_text(text), "programme") == set()


def test_national_programmes_without_quotes():
    text = "深入推进一村(社区)一法律顾问和谁执法谁普法工作。"
    assert [label for _, _, label in find_known(text)] == ["一村(社区)一法律顾问", "谁执法谁普法"]
    assert labels(extract_text(text), "programme") == {"一村(社区)一法律顾问", "谁执法谁普法"}


def test_programmes_in_a_sentence_through_the_pipeline():
    ex = extract_text("全县组织开展“法律进乡村”活动,推进“八五”普法,着力打通服务“堵点”。")
    assert labels(ex, "programme") == {"法律进乡村", "八五普法"}
    aliases = {e.label: e.aliases for e in ex.of_kind("programme")}
    assert aliases["法律进乡村"] == {"法律进乡村活动"}


# ---------------------------------------------------------------- documents

def test_bracketed_titles_with_their_actions():
    text = "县政府印发《柳溪县行政执法监督办法》,制定《柳溪县重大行政决策听证办法》,废止《城区摊点管理暂行规定》。"
    assert [(title, action) for _, _, title, action in find_documents(text)] == [
        ("柳溪县行政执法监督办法", "印发"), ("柳溪县重大行政决策听证办法", "制定"), ("城区摊点管理暂行规定", "废止")]
    ex = extract_text(text)
    assert labels(ex, "document") == {"柳溪县行政执法监督办法", "柳溪县重大行政决策听证办法", "城区摊点管理暂行规定"}
    assert {(ex.entities[c.document].label, c.action) for c in ex.citations} == {
        ("柳溪县行政执法监督办法", "印发"), ("柳溪县重大行政决策听证办法", "制定"), ("城区摊点管理暂行规定", "废止")}


def test_action_right_after_the_title():
    assert [(t, a) for _, _, t, a in find_documents("完成《城区摊点管理暂行规定》废止工作。")] == [
        ("城区摊点管理暂行规定", "废止")]


def test_action_after_yuyi():
    assert [(t, a) for _, _, t, a in find_documents("对《城区摊点管理暂行规定》予以废止。")] == [
        ("城区摊点管理暂行规定", "废止")]


def test_laws_named_without_brackets():
    assert [t for _, _, t, _ in find_documents("严格执行行政处罚法。")] == ["行政处罚法"]
    assert [t for _, _, t, _ in find_documents("组织学习民法典。")] == ["民法典"]


def test_a_law_inside_a_bracketed_title_is_not_named_twice():
    assert [t for _, _, t, _ in find_documents("认真学习《中华人民共和国宪法》。")] == ["中华人民共和国宪法"]


def test_a_law_inside_a_quoted_programme_is_not_a_document():
    ex = extract_text("开展“宪法进万家”活动。")
    assert labels(ex, "document") == set()
    assert labels(ex, "programme") == {"宪法进万家"}


def test_a_quoted_number_with_a_word_that_makes_it_a_programme():
    ex = extract_text("全面融入党建统领“885”工作体系,完成率达“100”。")
    assert labels(ex, "programme") == {"885工作体系"}


def test_the_verb_before_a_list_of_systems_is_not_part_of_the_first():
    ex = extract_text("全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。")
    assert {"行政执法公示制度", "执法全过程记录制度", "重大执法决定法制审核制度"} <= labels(ex, "programme")
    assert not any(label.startswith("全面") for label in labels(ex, "programme"))


def test_a_quoted_campaign_plan_is_the_campaign_and_a_quoted_development_plan_a_document():
    ex = extract_text("深入实施“八五”普法规划,编制“十四五”发展规划。")
    assert labels(ex, "document") == {"十四五发展规划"}
    assert "八五普法" in labels(ex, "programme")


@pytest.mark.parametrize("text", ["深入宣传宪法、民法典等法律法规。", "深入学习宣传宪法和民法典。"])
def test_laws_in_a_list(text):
    assert [t for _, _, t, _ in find_documents(text)] == ["宪法", "民法典"]


# ---------------------------------------------------------------- responsible units

def test_pilot_unit_from_yi_x_wei_shidian():
    ex = extract_text("创新开展“阳光诊疗”建设,以县中医院为试点。")
    assert link_rows(ex) == {("阳光诊疗", "县中医院", "pilot")}


def test_pilot_unit_before_the_programme():
    ex = extract_text("以县中医院为试点,推行“阳光诊疗”建设。")
    assert link_rows(ex) == {("阳光诊疗", "县中医院", "pilot")}


def test_pilot_unit_whose_name_jieba_joins_to_yi():
    ex = extract_text("开展“护苗”行动,以桐湾中学为试点。")
    assert link_rows(ex) == {("护苗行动", "桐湾中学", "pilot")}


def test_founders_pair_with_founded_bodies_in_order():
    ex = extract_text("县司法局、县公安局在桐湾镇分别挂牌成立矛盾纠纷调解中心、法律服务工作站。")
    assert link_rows(ex) == {("矛盾纠纷调解中心", "县司法局", "founder"),
                             ("法律服务工作站", "县公安局", "founder")}


def test_one_founder_of_one_body():
    ex = extract_text("区总工会挂牌成立职工法律服务站。")
    assert link_rows(ex) == {("职工法律服务站", "区总工会", "founder")}


@pytest.mark.parametrize("text", ["由区司法局牵头,建立“调解联动”机制。", "区司法局牵头建立“调解联动”机制。"])
def test_lead_unit(text):
    assert link_rows(extract_text(text)) == {("调解联动机制", "区司法局", "lead")}


def test_every_unit_named_at_the_place_of_a_programme():
    ex = extract_text("在区人民法院和区人民检察院实施“阳光司法”工程。")
    assert link_rows(ex) == {("阳光司法工程", "区人民法院", "pilot"), ("阳光司法工程", "区人民检察院", "pilot")}


def test_organiser():
    ex = extract_text("区妇联组织开展“巾帼普法”活动。")
    assert link_rows(ex) == {("巾帼普法", "区妇联", "organiser")}


@pytest.mark.parametrize("text", [
    "县司法局积极推进“法治体检”行动。",
    "在县委、县政府的正确领导下,“法治体检”行动有序推进。",
])
def test_no_link_without_words_that_state_one(text):
    ex = extract_text(text)
    assert labels(ex, "programme") == {"法治体检行动"}
    assert ex.links == []


# ---------------------------------------------------------------- problems and plans

SECTIONED = """柳溪县2024年法治政府建设情况报告
一、主要举措和成效
全年办理行政复议案件30件。
二、存在的不足
(一)基层执法人员专业能力不足。部分执法人员法律素养有待提升。
(二)行政规范性文件合法性审查还不够规范。个别文件审查流于形式。
三、2025年工作安排
(一)加强合法性审查规范化建设。健全规范性文件审查机制,严格审查程序。
(二)提升基层执法人员专业能力。分批开展执法人员轮训,提高法律素养。
"""


def test_problems_and_plans_from_sections_with_addresses_by_topic():
    ex = extract_text(SECTIONED)
    assert labels(ex, "problem") == {"基层执法人员专业能力不足", "行政规范性文件合法性审查还不够规范"}
    assert labels(ex, "plan") == {"加强合法性审查规范化建设", "提升基层执法人员专业能力"}
    pairs = {(ex.entities[a].label, ex.entities[b].label) for a, b in ex.addresses}
    assert pairs == {("加强合法性审查规范化建设", "行政规范性文件合法性审查还不够规范"),
                     ("提升基层执法人员专业能力", "基层执法人员专业能力不足")}
    assert {e.year for e in ex.of_kind("plan")} == {2025}
    descriptions = {e.label: e.description for e in ex.of_kind("problem")}
    assert "个别文件审查流于形式" in descriptions["行政规范性文件合法性审查还不够规范"]


def test_a_single_plan_addresses_the_single_problem():
    ex = extract_text("二、存在的不足\n(一)基层执法人员专业能力不足。部分执法人员法律素养有待提升。\n"
                      "三、下一步工作打算\n(一)提升基层执法人员专业能力。分批开展执法人员轮训。\n")
    assert labels(ex, "problem") == {"基层执法人员专业能力不足"}
    assert labels(ex, "plan") == {"提升基层执法人员专业能力"}
    assert [(ex.entities[a].label, ex.entities[b].label) for a, b in ex.addresses] == [
        ("提升基层执法人员专业能力", "基层执法人员专业能力不足")]


def test_problem_and_plan_mentions_point_at_their_surface():
    ex = extract_text(SECTIONED)
    text = ex.report.text
    for e in ex.of_kind("problem") + ex.of_kind("plan"):
        for m in e.mentions:
            assert text[m.start:m.end] == m.surface


def test_problems_and_plans_from_yishi_items():
    ex = extract_text("二、存在问题\n一是法治宣传形式较为单一;二是行政执法监督机制不够健全。\n"
                      "三、下一步工作打算\n一是丰富法治宣传形式;二是健全行政执法监督机制。\n")
    assert labels(ex, "problem") == {"法治宣传形式较为单一", "行政执法监督机制不够健全"}
    assert labels(ex, "plan") == {"丰富法治宣传形式", "健全行政执法监督机制"}
    pairs = {(ex.entities[a].label, ex.entities[b].label) for a, b in ex.addresses}
    assert pairs == {("丰富法治宣传形式", "法治宣传形式较为单一"), ("健全行政执法监督机制", "行政执法监督机制不够健全")}


RUNNING = """云岭县2024年政府工作报告
一、2024年工作回顾
2024年,全县经济稳步增长,民生持续改善。
我们也清醒看到,发展中还存在一些困难和问题。主要是:产业结构不够优化;乡村道路养护不够到位;公共服务供给不够均衡。对此,我们一定高度重视,切实加以解决。
"""


def test_problems_from_running_text():
    ex = extract_text(RUNNING)
    assert labels(ex, "problem") == {"产业结构不够优化", "乡村道路养护不够到位", "公共服务供给不够均衡"}
    assert labels(ex, "plan") == set()


def test_problem_item_ending_with_a_shortcoming_word():
    ex = extract_text(RUNNING.replace("乡村道路养护不够到位", "农村基础设施仍有短板"))
    assert labels(ex, "problem") == {"产业结构不够优化", "农村基础设施仍有短板", "公共服务供给不够均衡"}


def test_no_problems_or_plans_in_a_report_of_measures_only():
    ex = extract_text("一、主要举措和成效\n(一)完善制度体系。全年修订规范性文件6件。\n(二)规范执法行为。开展执法检查20次。\n")
    assert labels(ex, "problem") == set() and labels(ex, "plan") == set()


def test_listed_activities_campaigns_and_systems_in_force_are_programmes():
    from kg.pipeline import extract_text

    ex = extract_text("2024年,开展宪法宣传周、百场法律讲座进乡村等活动,实施农民工权益保障专项行动,全面落实行政规范性文件备案审查制度。"
                      "巩固和发展灵活的用工制度。")
    names = {e.label for e in ex.entities.values() if e.kind == "programme"}
    assert {"宪法宣传周", "百场法律讲座进乡村", "农民工权益保障专项行动", "行政规范性文件备案审查制度"} <= names
    assert not any("的" in n or n.startswith("和") for n in names)
