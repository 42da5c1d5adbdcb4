"""Organisations: names pinned in small tables, the way spaCy pins its tokenizer.

Each row is a sentence in the genre and the exact bodies a careful reader names
in it (GUIDELINE.md: named bodies and units; not vague groups, people or posts).
"""
from __future__ import annotations

import pytest

from kg.extract.organisations import find_in_text, kind_of


def names(text: str) -> list[str]:
    return [name for _, _, name, _ in find_in_text(text)]


JURISDICTION_AND_SUFFIX = [
    ("区司法局组织开展法律服务进企业活动。", ["区司法局"]),
    ("县人民法院审结行政诉讼案件。", ["县人民法院"]),
    ("县人民检察院提起行政公益诉讼。", ["县人民检察院"]),
    ("镇综合行政执法大队开展联合检查。", ["镇综合行政执法大队"]),
    ("市委依法治市办公室印发年度工作要点。", ["市委依法治市办公室"]),
    ("县委全面依法治县委员会召开第一次会议。", ["县委全面依法治县委员会"]),
    ("依法治县委员会办公室开展专项督察。", ["依法治县委员会办公室"]),
    ("区纪委监委严肃查处违纪违法问题。", ["区纪委监委"]),
    ("县人大常委会听取专项工作报告。", ["县人大常委会"]),
    ("区妇联开展妇女儿童维权活动。", ["区妇联"]),
    ("镇司法所调解邻里纠纷。", ["镇司法所"]),
    ("中共云岭县委印发实施方案。", ["中共云岭县委"]),
    ("县委编办核定执法编制。", ["县委编办"]),
    ("桐湾镇人民政府完善重大决策程序。", ["桐湾镇人民政府"]),
    ("桐湾街道办事处开展法治宣传。", ["桐湾街道办事处"]),
    ("县政府办公室牵头推进政务公开。", ["县政府办公室"]),
    ("县市场监管局加大执法力度。", ["县市场监管局"]),
    ("县公安局交警大队开展道路交通整治。", ["县公安局交警大队"]),
    ("县律师协会组织律师参与信访接待。", ["县律师协会"]),
]

BOUNDARIES = [
    # A preposition frame: 在…和…支持下.
    ("在市委依法治市办公室和市司法局指导支持下,我区法治建设扎实推进。", ["市委依法治市办公室", "市司法局"]),
    ("在县委、县政府的正确领导下,各项重点任务稳步落实。", ["县委", "县政府"]),
    ("在县委和县政府的领导下,工作有序推进。", ["县委", "县政府"]),
    # 以X为试点: the name stops before 为.
    ("以县中医院为试点,推进依法治院。", ["县中医院"]),
    # 挂牌成立: the founder ends before it, the founded body starts after it.
    ("区总工会挂牌成立职工法律服务站。", ["区总工会", "职工法律服务站"]),
    ("县人民法院挂牌成立诉讼服务中心。", ["县人民法院", "诉讼服务中心"]),
    ("县司法局、县公安局在桐湾镇分别挂牌成立矛盾纠纷调解中心、法律服务工作站。",
     ["县司法局", "县公安局", "矛盾纠纷调解中心", "法律服务工作站"]),
    ("推动县人民法院与县司法局建立诉调对接机制。", ["县人民法院", "县司法局"]),
    ("县人民医院组建医疗纠纷调解委员会。", ["县人民医院", "医疗纠纷调解委员会"]),
]

NOT_BODIES = [
    ("始终服务发展大局,形成共建共治格局。", []),  # 局 of 大局 and 格局
    ("组织领导干部旁听庭审。", []),  # 干部 are people
    ("部门之间加强协调联动。", []),  # 部门 alone
    ("各部门要加强协作配合。", []),
    ("组织18家律所参与志愿服务。", []),  # a number of firms is a group
    ("全县各级行政机关负责人带头出庭。", []),
    ("局面持续向好。", []),
    ("司法部门加强业务指导。", []),  # no 司法部 inside 司法部门
    ("深化“平安法院”创建。", []),  # a quoted programme is no body
    ("开展“枫桥式派出所”创建活动。", []),
]


@pytest.mark.parametrize("text, expected", JURISDICTION_AND_SUFFIX + BOUNDARIES + NOT_BODIES)
def test_names(text, expected):
    assert names(text) == expected


# Known failures: each row names a body any reader of the genre would name.
KNOWN_BUGS = [
    pytest.param("县文化和旅游局开展执法检查。", ["县文化和旅游局"]),
    pytest.param("县自然资源和规划局开展执法检查。", ["县自然资源和规划局"]),
    pytest.param("县自然资源局开展执法检查。", ["县自然资源局"]),
    pytest.param("县生态环境局开展执法检查。", ["县生态环境局"]),
    pytest.param("县综合行政执法局开展执法检查。", ["县综合行政执法局"]),
    pytest.param("县税务局挂牌成立涉税纠纷调解中心。", ["县税务局", "涉税纠纷调解中心"]),
    pytest.param("区人民法院挂牌成立劳动争议调解中心。", ["区人民法院", "劳动争议调解中心"]),
    pytest.param("县人民法院和县检察院联合开展专项行动。", ["县人民法院", "县检察院"]),
]


@pytest.mark.parametrize("text, expected", KNOWN_BUGS)
def test_names_known_bugs(text, expected):
    assert names(text) == expected


def test_spans_point_at_the_names():
    text = "在市委依法治市办公室和市司法局指导支持下,县人民法院挂牌成立诉讼服务中心。"
    found = find_in_text(text)
    assert found
    for start, end, name, _ in found:
        assert text[start:end] == name
    assert [s for s, _, _, _ in found] == sorted(s for s, _, _, _ in found)


@pytest.mark.parametrize("text, name, kind", [
    ("县委研究部署法治工作。", "县委", "party"),
    ("区纪委监委开展监督。", "区纪委监委", "party"),
    ("县政府常务会议审议文件。", "县政府", "government"),
    ("桐湾镇人民政府完善决策程序。", "桐湾镇人民政府", "government"),
    ("区司法局开展普法。", "区司法局", "department"),
    ("县人民法院审结案件。", "县人民法院", "judicial"),
    ("县人民检察院提起公益诉讼。", "县人民检察院", "judicial"),
    ("县人大常委会开展执法检查。", "县人大常委会", "legislative"),
    ("县人民医院开展义诊。", "县人民医院", "institution"),
    ("镇司法所调解纠纷。", "镇司法所", "grassroots"),
    ("县委全面依法治县委员会召开会议。", "县委全面依法治县委员会", "committee"),
    ("县律师协会组织培训。", "县律师协会", "social"),
    ("区妇联开展维权。", "区妇联", "social"),
])
def test_kinds(text, name, kind):
    found = {n: k for _, _, n, k in find_in_text(text)}
    assert found == {name: kind}


@pytest.mark.parametrize("name, kind", [
    ("国务院", "government"), ("最高人民法院", "judicial"), ("司法部", "department"),
    ("全国人大常委会", "legislative"), ("党中央", "party"),
])
def test_kinds_of_national_bodies(name, kind):
    assert kind_of(name) == kind


@pytest.mark.parametrize("sentence", ["满足居民日常法律服务所需。", "建设村级综合服务站点。"])
def test_a_suffix_character_that_opens_the_next_word_is_no_body(sentence):
    assert [name for _, _, name, _ in find_in_text(sentence)] == []


@pytest.mark.parametrize("sentence, expected", [
    ("在省委高度重视和省人大及其常委会支持监督下", ["省委", "省人大"]),
    ("形成党工委领导、人大工委监督的格局", ["党工委", "人大工委"]),
    ("镇党委书记带头讲法治课", ["镇党委"]),
    ("本年度县教委深入开展普法", ["县教委"]),
    ("县司法局局长出庭应诉", ["县司法局"]),
])
def test_bodies_next_to_posts_time_words_and_idioms(sentence, expected):
    assert [name for _, _, name, _ in find_in_text(sentence)] == expected


@pytest.mark.parametrize("sentence", ["这一制度为广大人民所拥护。", "中西部地区发展加快。", "实现开好局。", "城乡接合部治理。", "应对百年变局。"])
def test_particles_and_place_words_ending_in_a_suffix_are_no_bodies(sentence):
    assert [name for _, _, name, _ in find_in_text(sentence)] == []


@pytest.mark.parametrize("sentence, expected", [
    ("法治工作与街道中心工作同谋划、同部署。", []),                      # 中心工作: the central task
    ("辖区各社区站所共同组成委员会。", []),                              # 站所: stations and offices in general
    ("区政务服务中心工作人员开展培训。", ["区政务服务中心"]),
    ("县矛盾纠纷调处化解中心工作机制不断完善。", ["县矛盾纠纷调处化解中心"]),
])
def test_generic_words_ending_in_a_suffix_are_no_bodies_but_named_centres_are(sentence, expected):
    assert [name for _, _, name, _ in find_in_text(sentence)] == expected
