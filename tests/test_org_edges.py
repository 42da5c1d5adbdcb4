"""Organisations read at their edges (issue 11, fourth round): names cut short on the left or
right, clusters, a company's units, centres listed among a city's titles, ranks of officials,
parts of a model and offices of a kind. Sentences written for these tests in the genre's style."""
from __future__ import annotations

import pytest

from kg.extract.programmes import find_quoted
from tests.test_org_bodies import names


@pytest.mark.parametrize("text, dropped", [
    ("推进北轴大石桥博物馆群建设。", "北轴大石桥博物馆"),  # a cluster of museums, not one
    ("大力吸引企业设立全球结算管理中心。", "全球结算管理中心"),  # a company's unit: a kind
    ("支持企业设立东方数据管理中心。", "东方数据管理中心"),
    ("世界美食之都、国际会展名城、国际商事调解中心等品牌影响力提升。", "国际商事调解中心"),
    ("国际商事调解中心、国际会展名城建设加快。", "国际商事调解中心"),
    ("改进厅局长考核机制。", "改进厅"),  # a rank of officials, no 厅
    ("推广“指挥部+平台”模式。", "指挥部"),  # a part of a model
    ("不少单位把学校办公室建成楼堂馆所。", "学校办公室"),  # the offices of a kind of unit
    ("为云岭孩子梦想大学。", "云岭孩子梦想大学"),  # people in a clause
    ("为云岭子女求学中学。", "云岭子女求学中学"),  # people in a clause
    ("办好零售门市部和代销部等。", "代销部"),  # a verb and 部: a section of a shop
    ("深化县、乡调解中心规范化建设。", "乡调解中心"),  # the centres of two levels
    ("率先建立省市县三级政府负责人牵头的仲裁委员会。", "仲裁委员会"),  # one at each level: a kind
    ("在渔业合作社里建立了渔民代表大会和社务委员会。", "渔民代表大会和社务委员会"),  # a list of kinds
])
def test_kinds_and_cut_names_in_context_are_dropped(text, dropped):
    assert dropped not in names(text)


@pytest.mark.parametrize("text, kept", [
    ("唐宋临江故城遗址博物馆建成开放。", "唐宋临江故城遗址博物馆"),  # an era opens the name
    ("国家青下光伏技术创新中心在滇落地。", "国家青下光伏技术创新中心"),  # a lone place and 下 inside the name
    ("世界卫生组织青州项目合作办公室挂牌运行。", "世界卫生组织青州项目合作办公室"),  # an organisation's office
    ("二是国际茶叶与茶具河东交流合作中心正式运行。", "国际茶叶与茶具河东交流合作中心"),  # 与 inside one name
    ("两家运营商青州国际数据交换局建成。", "青州国际数据交换局"),  # the operators are no part of it
    ("持续完善市政府与市总工会协商机制。", "市总工会"),  # two bodies, not one name
    ("办好东湖联合研究生院和教育部青州高等研究院。", "教育部青州高等研究院"),
    ("省文化和旅游厅牵头。", "省文化和旅游厅"),
    ("中国科学院青州海洋科学与工程研究所挂牌成立。", "中国科学院青州海洋科学与工程研究所"),
    ("青山区、市中心医院联合义诊。", "市中心医院"),  # a place ending in 区, then the city's hospital
    ("由财政部、教育部负责。", "教育部"),
    ("推进省市县三级联动，市人民医院牵头。", "市人民医院"),  # the levels belong to another clause
    ("去年省政府出台新规。", "省政府"),
    ("支持青州国际商事调解中心建设。", "青州国际商事调解中心"),  # no city title beside it
])
def test_whole_names_are_kept(text, kept):
    assert kept in names(text)


def test_a_quoted_core_before_a_central_area_names_no_centre():
    # “…”中心城区: 中心 opens 中心城区 (the central districts), no centre is named
    found = find_quoted("“10分钟健身圈”中心城区覆盖率达到60%。")
    assert all(kind != "organisation" for *_, kind in found)
