"""The named-body test, script folding, province-level jurisdictions and the identity of
national organs (issue 11): kinds, hubs and fragments are no organisations."""
from __future__ import annotations

import pytest

from kg.extract.jurisdiction import is_place, province_of
from kg.extract.organisations import find_in_text
from kg.namespaces import GOV, RDFS
from kg.pipeline import build_dataset


def names(text: str) -> list[str]:
    return [n for _, _, n, _ in find_in_text(text)]



def assert_kept_and_dropped(text: str, kept: list[str], dropped: list[str]) -> None:
    """Every name in ``kept`` is found in ``text`` and none in ``dropped``."""
    names = [n for _, _, n, _ in find_in_text(text)]
    for name in kept:
        assert name in names, names
    for name in dropped:
        assert name not in names, names

@pytest.mark.parametrize("text", [
    "推进公立医院综合改革。",
    "县级医院能力持续提升。",
    "改善乡镇卫生院条件。",
    "扩大中等学校招生。",
    "新建托育综合服务中心12个。",
    "打造国际金融中心和国际航运中心。",
    "高铁南站建成通车,列车停靠江口站。",
    "建成5个区域医疗中心。",
    "推动市县人民政府落实责任。",
    "提高高等学校入学率。",
    "支持杭州大学城、南湖科学城建设创新策源地。",   # a district of campuses is a place
])
def test_kinds_hubs_and_glued_verbs_are_no_bodies(text):
    assert names(text) == []


@pytest.mark.parametrize("text, expected", [
    ("青山大学与县人民医院签约。", ["青山大学", "县人民医院"]),
    ("国家高寒牧草技术创新中心落户。", ["国家高寒牧草技术创新中心"]),
    ("在青石初中开展普法。", ["青石初中"]),
    ("省博物馆新馆开放。", ["省博物馆"]),
    ("青山大学城市规划学院揭牌。", ["青山大学城市规划学院"]),
])
def test_named_institutions_are_kept(text, expected):
    assert names(text) == expected


def test_a_clause_glued_on_the_left_is_cut_off():
    assert names("这根本在于是自治区党委的坚强领导。") == ["自治区党委"]


def test_traditional_script_is_folded_for_matching_and_labels_stay_as_written():
    assert names("培養技術幹部。") == []
    assert names("財政部撥款。") == ["財政部"]


def test_a_ministry_in_either_script_is_one_node(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("某甲省2030年政府工作报告\n財政部撥款支持。", encoding="utf-8")
    b.write_text("某乙省2031年政府工作报告\n财政部拨款支持。", encoding="utf-8")
    result = build_dataset([a, b])
    labelled = {s for s, _, o, _ in result.dataset.quads((None, RDFS.label, None, None))
                if str(o) in ("財政部", "财政部")}
    assert len(labelled) == 1


def test_two_autonomous_regions_governments_are_two_nodes(tmp_path):
    texts = {"n.txt": "2030年内蒙古自治区政府工作报告\n现在,我代表自治区人民政府向大会报告工作。",
             "g.txt": "2030年广西壮族自治区政府工作报告\n现在,我代表自治区人民政府向大会报告工作。"}
    paths = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    result = build_dataset(paths)
    nodes = {s for s, _, o, _ in result.dataset.quads((None, RDFS.label, None, None)) if str(o) == "自治区人民政府"}
    assert len(nodes) == 2


def test_a_bare_level_word_is_no_place():
    assert not is_place("自治区") and not is_place("省") and is_place("广西壮族自治区")
    assert province_of("宁夏") == "宁夏回族自治区"


def test_sessions_of_one_congress_are_one_body(tmp_path):
    paths = []
    for i, n in enumerate(("一", "三")):
        p = tmp_path / f"r{i}.txt"
        p.write_text(f"第九届全国人民代表大会第{n}次会议听取了政府工作报告。", encoding="utf-8")
        paths.append(p)
    result = build_dataset(paths)
    nodes = {s for s, _, o, _ in result.dataset.quads((None, RDFS.label, None, None))
             if str(o) == "第九届全国人民代表大会"}
    assert len(nodes) == 1
    assert any(True for _ in result.dataset.quads((next(iter(nodes)), None, GOV.LegislativeBody, None)))


@pytest.mark.parametrize("text, kept, dropped", [
    # an awarded title after a bare level is the class of awarded units, not one body
    ("今年新建市工程研究中心、市企业技术中心各15家。", [], ["市工程研究中心", "市企业技术中心"]),
    ("支持东湖国家技术创新中心和市博物馆建设。", ["东湖国家技术创新中心", "市博物馆"], []),
    # kind words and a verb only: an activity of a kind of unit, not a named body
    ("上级部门不再直接管理学校。", [], ["管理学校"]),
    ("县人民法院挂牌成立诉讼服务中心。", ["诉讼服务中心"], []),
    # a verb of intention on the left edge is not part of the name
    ("计划林业部直属林场造林三十万亩。", ["林业部"], ["计划林业部"]),
    ("政府已责成对外贸易委员会,会同各部门研究。", ["对外贸易委员会"], ["责成对外贸易委员会"]),
])
def test_designations_and_verb_edges_are_no_bodies(text, kept, dropped):
    assert_kept_and_dropped(text, kept, dropped)


def test_a_place_joined_by_a_dash_belongs_to_the_name():
    names = [n for _, _, n, _ in find_in_text("中国—北欧海洋科学合作中心去年投入运行。")]
    assert names == ["中国—北欧海洋科学合作中心"]


@pytest.mark.parametrize("text, kept, dropped", [
    # a region word opens the name: the centre is not cut after it
    ("推动西部人才交流服务中心建设。", ["西部人才交流服务中心"], ["人才交流服务中心"]),
    # 中心 before an area word means "central": no centre is named
    ("白沙港中心作业区完成扩建。", [], ["临河港中心"]),
    ("加快建设北湖中心片区。", [], ["北湖中心"]),
    # the same group words with 的 make a kind of unit
    ("这些问题在其他的工业部也存在。", [], ["工业部"]),
    # institutions under a ministry are a class of units; the ministry itself is named
    ("支持水利部直属高等学校开展试点。", ["水利部"], ["水利部直属高等学校"]),
    # buildings ending in 所 are no bodies
    ("严控党政机关楼堂馆所建设。", [], ["党政机关楼堂馆所", "楼堂馆所"]),
    # a comprehensive science centre is a designation of a city cluster
    ("加快建设河西综合性国家科学中心。", [], ["河西综合性国家科学中心"]),
    # a name that opens with a lone character after another lone one is cut inside a word
    ("各银行设立普惠养老事业部。", [], ["惠养老事业部"]),
])
def test_regions_area_words_groups_and_cut_starts(text, kept, dropped):
    assert_kept_and_dropped(text, kept, dropped)


@pytest.mark.parametrize("text, kept, dropped", [
    # a count with 左右/以上, or a share, before the name: units of a kind
    ("为300家左右乡村便民服务中心配备终端。", [], ["乡村便民服务中心"]),
    ("75%的镇卫生院达到服务能力标准。", [], ["镇卫生院"]),
    # a bare place and 中心 after a verb of the same phrase: the name was cut short
    ("筹建国家技术转移河东中心。", [], ["河东中心"]),
    # 打造 an international centre: the place's role, not a body
    ("加快打造河东国际商事仲裁中心。", [], ["河东国际商事仲裁中心"]),
    # 指 (means) opens a note, not a name
    ("指世界一流大学建设高校和特色学科。", [], ["指世界一流大学", "世界一流大学"]),
    # an awarded class of hospitals and a role given to kinds of schools
    ("支持省专科区域医疗中心建设。", [], ["省专科区域医疗中心"]),
    ("以一批示范园为领军引领幼儿园。", [], ["领军引领幼儿园"]),
    # bodies of the same shapes stay
    ("自治区妇幼保健中心建成投用。", ["自治区妇幼保健中心"], []),
    ("成立防汛抗旱指挥部。", ["防汛抗旱指挥部"], []),
])
def test_counted_shares_cut_centres_roles_and_notes(text, kept, dropped):
    assert_kept_and_dropped(text, kept, dropped)


@pytest.mark.parametrize("text, kept, dropped", [
    ("打造向西开放重要窗口和中亚地区合作中心枢纽。", [], ["中亚地区合作中心"]),   # a hub role
    ("各专区设立行政委员会。", [], ["行政委员会"]),                  # a kind of committee
    ("省行政复议委员会受理案件。", ["省行政复议委员会"], []),
])
def test_hub_roles_and_kinds_of_committee(text, kept, dropped):
    assert_kept_and_dropped(text, kept, dropped)


def test_people_and_the_kind_of_school_they_attend_are_no_body():
    assert find_in_text("减免山区留守学生普通高中住宿费。") == []
    assert [n for _, _, n, _ in find_in_text("市青少年科技中心建成投用。")] == ["市青少年科技中心"]
    assert [n for _, _, n, _ in find_in_text("市学生资助管理中心建成投用。")] == ["市学生资助管理中心"]


def test_a_national_report_names_no_one_body_by_its_level_alone(tmp_path):
    national = tmp_path / "n.txt"
    national.write_text("2030年国务院政府工作报告\n现在,我代表国务院,向大会报告政府工作。\n"
                        "乡人民委员会的干部编制将适当精简。城市排涝由市政府负责。\n", encoding="utf-8")
    local = tmp_path / "l.txt"
    local.write_text("2030年河东市政府工作报告\n城市排涝由市政府负责。\n", encoding="utf-8")
    result = build_dataset([national, local], keep_extractions=True)
    by_report = [{lab for e in ex.entities.values() if e.kind == "organisation" for lab in e.labels}
                 for ex in result.extractions]
    assert "国务院" in by_report[0] and not {"乡人民委员会", "市政府"} & by_report[0]
    assert "市政府" in by_report[1]
