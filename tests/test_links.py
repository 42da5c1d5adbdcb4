"""Responsible-unit links: each role and form of kg/extract/links.py, with sentences written for the test."""
from __future__ import annotations

import pytest

from kg.pipeline import extract_text
from kg.records import Extraction


def rows(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(ex.entities[l.subject].label, ex.entities[l.unit].label, l.role) for l in ex.links}


def pairs(text: str) -> set[tuple[str, str]]:
    return {(s, u) for s, u, _ in rows(extract_text(text))}


# ---------------------------------------------------------------- roles
@pytest.mark.parametrize("text, expected", [
    # lead: X牵头Y, bracketed lead, passive 由X负责
    ("市农业局牵头开展“田间课堂”活动。", {("田间课堂", "市农业局", "lead")}),
    ("推行“一窗通办”改革（牵头单位：县行政审批局）。", {("一窗通办改革", "县行政审批局", "lead")}),
    ("“护苗行动”由区教育局负责。", {("护苗行动", "区教育局", "lead")}),
    # organiser: the agent of 开展/实施/推行
    ("县民政局组织开展“银龄关爱”活动。", {("银龄关爱", "县民政局", "organiser")}),
    # founder: a body the unit sets up, named only by this sentence
    ("市人民政府成立了市数字经济领导小组。", {("市数字经济领导小组", "市人民政府", "founder")}),
    # issuer: a 《》 document and a plan written out without brackets
    ("市政府办公室印发《关于优化营商环境的若干措施》。", {("关于优化营商环境的若干措施", "市政府办公室", "issuer")}),
    ("省财政厅编制了2027年全省重点项目计划。", {("2027年全省重点项目计划", "省财政厅", "issuer")}),
])
def test_each_role(text, expected):
    assert rows(extract_text(text)) == expected


def test_partner_each_coordinated_unit():
    got = rows(extract_text("区文化馆、区图书馆和区档案馆联合开展“书香满城”活动。"))
    assert got == {("书香满城", u, "partner") for u in ("区文化馆", "区图书馆", "区档案馆")}


def test_partner_who_works_with_the_agent():
    got = rows(extract_text("市司法局会同市总工会印发《职工法律援助办法》。"))
    assert got == {("职工法律援助办法", "市司法局", "issuer"), ("职工法律援助办法", "市总工会", "partner")}


def test_passive_joint_implementation_links_every_unit_to_the_topic():
    got = pairs("“乡村e站”工程由省商务厅和省邮政管理局联合实施。")
    assert got == {("乡村e站工程", "省商务厅"), ("乡村e站工程", "省邮政管理局")}


@pytest.mark.parametrize("text, unit", [
    ("创新推行“信用修复”机制，以县市场监管局为试点。", "县市场监管局"),
    ("生态环境部将云南确定为开展“无废城市”试点的省份之一。", "云南"),
    ("玉溪市入选全国县域商业体系建设试点。", "玉溪市"),
])
def test_pilots_units_and_places(text, unit):
    assert {u for _, u, r in rows(extract_text(text)) if r == "pilot"} == {unit}


def test_paired_founders_with_respectively():
    got = pairs("区妇联、区民政局在区服务中心分别挂牌成立区家庭教育服务站、区助残服务站。")
    assert got == {("区家庭教育服务站", "区妇联"), ("区助残服务站", "区民政局")}


# ---------------------------------------------------------------- the agent over a clause boundary
def test_agent_carried_into_a_clause_without_subject():
    assert pairs("县人民政府年初作出部署，全面推行“河长巡河”制度。") == set()  # 部署 only orders it
    assert pairs("县卫健委今年调整了考核办法，全面推行“家庭医生签约”制度。") == {("家庭医生签约制度", "县卫健委")}


def test_speech_does_not_carry_its_speaker_into_what_was_said():
    assert pairs("省委全会明确提出，要实施“强链补链”行动。") == set()


# ---------------------------------------------------------------- no link
@pytest.mark.parametrize("text", [
    "我区组织开展“法律进乡村”活动。",                         # implicit issuer
    "我们深入开展“清风行动”。",
    "全市各级部门开展“文明交通”行动。",                       # vague group
    "区人民医院荣获“全国文明单位”称号。",                     # award
    "县司法局获评“全省法治宣传先进单位”。",
    "在市委领导下，开展“平安村居”创建活动。",                 # mere mention
    "根据省政府部署，启动“暖冬行动”。",
    "支持市第一中学建设“智慧校园”平台。",                     # beneficiary
    "为县中小企业服务中心提供“一对一”帮扶。",
    "认真贯彻国务院《关于加强安全生产的决定》。",             # following a document, not writing it
    "省委关于制定全省交通发展第三个十年规划的建议。",          # authorship only in a title
    "市人民政府批准，启动“绿色出行”行动。",                   # approving is not running it
    "市委、市政府对制定“十六五”规划工作高度重视。",           # a task named inside a phrase
])
def test_no_link(text):
    assert rows(extract_text(text)) == set()


def test_a_title_in_brackets_stays_the_document_name():
    got = rows(extract_text("市人民政府编制了《某市城市更新五年规划（草案）》（以下简称《规划》），提请审议。"))
    assert got == {("某市城市更新五年规划(草案)", "市人民政府", "issuer")}


def test_the_unit_that_works_with_others_keeps_its_role_even_when_they_issue_jointly():
    got = rows(extract_text("省财政厅会同省税务局、省人社厅联合印发《稳岗返还实施细则》。"))
    assert got == {("稳岗返还实施细则", "省财政厅", "issuer"), ("稳岗返还实施细则", "省税务局", "partner"),
                   ("稳岗返还实施细则", "省人社厅", "partner")}


def test_each_listed_place_is_its_own_pilot_unit():
    got = rows(extract_text("荆州、宜昌成为全国智慧城市建设试点城市。"))
    assert got == {("全国智慧城市建设试点", "荆州", "pilot"), ("全国智慧城市建设试点", "宜昌", "pilot")}


def test_no_place_when_the_list_holds_something_else():
    assert rows(extract_text("3家企业、襄阳市入选国家数字化转型试点。")) == set()
