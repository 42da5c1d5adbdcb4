"""Indicator labels completed from their sentence: a designation, a share, a back-reference.

The sentences are written for these tests; each label was partial before (a bare noun, a
share read as an amount, an anaphor glued on).
"""
from __future__ import annotations

import pytest

from kg.extract.label_context import designation, drop_anaphor, share_name
from kg.extract.metrics import find_metrics


def _labels(text: str) -> list[str]:
    return [q.indicator for q in find_metrics(text)]


@pytest.mark.parametrize("text, label", [
    # the count is of those that took the title (this year), not of every such place
    ("今年有27个村庄被评为省级美丽宜居村庄。", "评为省级美丽宜居村庄数"),
    ("9家医院获评“国家区域医疗中心依托医院”。", "获评国家区域医疗中心依托医院数"),
    ("全市共有6个园区入选国家级绿色低碳园区,带动就业明显增加。", "入选国家级绿色低碳园区数"),
    ("11个县被认定为国家级优质均衡发展县。", "认定为国家级优质均衡发展县数"),   # 县: a one-character noun
    ("80名教师获评省级优秀教师。", "获评省级优秀教师人数"),
])
def test_designation_names_what_was_counted(text: str, label: str) -> None:
    assert _labels(text)[0] == label


@pytest.mark.parametrize("text, label", [
    # the designation is a list, not the noun: the predicate selects the count (selected_counts)
    ("15所学校入选先进典型名单。", "入选先进典型名单的学校数"),
    ("8家企业获得省长质量奖。", "获得省长质量奖的企业数"),   # an award: it names no kind of 企业
])
def test_designation_left_alone(text: str, label: str) -> None:
    assert _labels(text)[0] == label


def test_share_of_a_whole_is_named_as_share() -> None:
    assert _labels("教育支出占财政总支出的18%。") == ["教育支出占财政总支出比重"]
    assert _labels("县域工业产值占全部工业产值62%左右。") == ["县域工业产值占全部工业产值比重"]


def test_share_name_keeps_names_that_say_share() -> None:
    assert share_name("服务业增加值占比", "%") == "服务业增加值占比"
    assert share_name("教育支出占财政总支出", "亿元") == "教育支出占财政总支出"
    assert share_name("占地面积", "%") == "占地面积"


def test_back_reference_is_no_part_of_the_name() -> None:
    assert _labels("省级财政对此追加投入资金35亿元。") == ["省级财政追加投入资金"]
    assert drop_anaphor("中央预算内投资据此安排") == "中央预算内投资安排"


def test_designation_direct() -> None:
    assert designation("12个乡镇被命名为全国重点镇。", 5, "乡镇") == ""   # 镇 is not 乡镇: left alone
    assert designation("12个乡镇被命名为“特色小乡镇”。", 5, "乡镇") == "命名为特色小乡镇"


def test_money_to_carry_out_a_programme_is_its_funds() -> None:
    assert _labels("全年筹集4.5亿元实施乡村振兴示范工程。") == ["乡村振兴示范工程资金"]
    assert _labels("筹集3亿元推进老旧街区微改造项目。") == ["老旧街区微改造项目资金"]


def test_money_that_names_its_own_amount_is_kept() -> None:
    assert _labels("发行特别国债3000亿元。") == ["特别国债"]          # 发行 moves the money itself
    assert _labels("实施甲级水库除险加固投资8亿元。")[0].endswith("投资")   # an amount word already


def test_plan_period_after_a_target_word_is_peeled() -> None:
    assert _labels("力争“十六五”时期城乡居民收入年均增长6%。") == ["城乡居民收入"]


def test_bare_total_after_a_count_names_what_was_counted() -> None:
    assert _labels("新增科技型中小企业80家,总数达到900家。")[1] == "科技型中小企业总数"
    assert _labels("开工建设重大文旅项目12个、投资总规模300亿元。")[1] == "重大文旅项目投资总规模"


@pytest.mark.parametrize("text, label", [
    ("建设“甲乙合一”产业项目3800个,总投资1万亿元以上。", "甲乙合一产业项目总投资"),   # an idiom-like quoted name
    ("安排首批“千项万亿”重大项目1678个、年度投资1.1万亿元。", "首批千项万亿重大项目年度投资"),
    ("新开工亿元以上项目300个、总投资3000亿元。", "新开工亿元以上项目总投资"),   # the new projects' money
])
def test_investment_after_a_count_of_projects_is_theirs(text: str, label: str) -> None:
    assert _labels(text)[1] == label


def test_investment_after_projects_of_a_preposition_is_left_alone() -> None:
    assert _labels("在甲县实施项目20个,总投资30亿元。")[-1] == "总投资"


def test_bare_total_after_a_list_of_examples_names_the_measure_before() -> None:
    # the first value's written words are a list (甲、乙等…), no owner; the measure they were named is
    assert _labels("新增东湖、西湖等省级森林公园8个,总数达到30个。")[1] == "省级森林公园总数"


def test_bare_total_left_alone_without_a_counted_noun() -> None:
    assert _labels("全市病床增加2万张,总数达到9万张,比上年增长5%。")[2] != "总数总数"
    assert _labels("全年粮食产量650亿斤,总产值增长3%。")[-1] == "总产值"   # no count before it


def test_ahead_of_schedule_is_no_period_and_no_part_of_the_name() -> None:
    assert _labels("提前两年实现农村学校人均公用经费80元。") == ["农村学校人均公用经费"]


def test_period_lead_inside_a_word_keeps_the_word() -> None:
    from kg.extract.indicator_names import clean_name
    assert clean_name("目前三年甲产量").name != "目甲产量"


def test_a_distance_with_nei_bounds_the_measure_after_it() -> None:
    # 300米内: a reach that qualifies the rate, not a length the report gives
    assert [(q.indicator, q.unit) for q in find_metrics("居民300米内健身设施覆盖率达到85%。")] \
        == [("居民300米内健身设施覆盖率", "%")]


def test_a_share_word_after_a_list_of_quantities_goes_to_each() -> None:
    assert [q.indicator for q in find_metrics("清洁能源装机量、发电量占比均超过60%。")] == ["清洁能源装机量占比", "发电量占比"]
    assert _labels("清洁能源装机量、发电量占比分别为62%、65%。")[0] == "清洁能源装机量占比"


@pytest.mark.parametrize("text, label", [
    ("全年完成营造林120万亩。", "营造林面积"),                   # a process counted in a unit of area
    ("其中乙类公路850公里。", "乙类公路里程"),                  # a thing counted in a unit of road length
    ("新增甲类储能200万千瓦。", "新增甲类储能容量"),
    ("全市运营线路总长达到300公里。", "全市运营线路总长"),         # 总长 is a measure word already
    ("每年平均装机900万千瓦。", "装机容量"),
])
def test_a_unit_of_extent_names_the_measure(text: str, label: str) -> None:
    assert _labels(text)[0] == label


def test_a_predicate_has_no_extent() -> None:
    from kg.extract.label_context import dimension
    assert dimension("甲项目投产", "万千瓦") == "甲项目投产"


def test_a_total_after_the_change_of_a_flow_is_that_flows_total():
    assert _labels("全市进出口增长6%,总额达到900亿元。") == ["全市进出口", "全市进出口总额"]
    assert _labels("城镇化率提高1.5个百分点,总量达到3万人。")[-1] != "城镇化率总量"   # a rate has no total


def test_a_total_after_an_addition_of_the_same_measure_sums_the_same_things():
    from kg.extract.metrics import find_metrics
    names = [q.indicator for q in find_metrics("新增农村公路里程300公里,总里程达5000公里。")]
    assert names == ["新增农村公路里程", "农村公路总里程"]


def test_what_drove_a_measure_is_not_part_of_its_name():
    found = find_metrics("某某服务机制推动企业诉求办结率提高到95%。")
    assert [q.indicator for q in found] == ["企业诉求办结率"]
    # 用于促进就业: the verb and its one-word object are what the money is for, kept as written
    assert find_metrics("中央财政投入12亿元用于促进就业。")[0].indicator != "就业"


def test_a_count_of_aspects_names_no_indicator():
    # N个方面的任务 counts the headings a plan is divided into, not a measure
    assert [q.indicator for q in find_metrics("提出了9个方面的重点任务。")] == [""]


@pytest.mark.parametrize("text, label", [
    # a subject, a verb of works or services and its object, counted: the unit says what is counted
    ("甲区承接乙省转移企业131家。", "甲区承接乙省转移企业数"),
    ("旧楼加装电梯600台。", "旧楼加装电梯数"),
    ("博物馆接待观众900万人次。", "博物馆接待观众人次"),
    # any verb of jieba's right after the subject noun, outside the lexicons
    ("甲先导区集聚产业链核心企业超150家。", "甲先导区集聚产业链核心企业数"),
    ("“甲科创工程”取得创新成果130余项。", "甲科创工程取得创新成果数"),
    # the object of such a clause may end in a kind of programme or of people: it is still counted
    ("甲先导区承接京津冀转移项目131个。", "甲先导区承接京津冀转移项目数"),
    ("甲实验室集聚科研人员1110人。", "甲实验室集聚科研人员人数"),
])
def test_a_clause_counted_in_things_or_visits_is_named_with_what_the_unit_counts(text: str, label: str) -> None:
    assert _labels(text) == [label]


def test_a_noun_phrase_or_a_noun_after_its_count_is_not_a_counted_clause() -> None:
    assert _labels("实施城中村改造项目32个。") == ["城中村改造项目"]   # a kind of programme: a noun phrase
    assert _labels("全省从业人员620万人。") == ["全省从业人员"]   # a kind of people, no verb before it
    # the count is of 重点县, whatever the words after it name: no count word goes on them
    assert not _labels("12个重点县建设蔬菜基地3万亩。")[0].endswith("数")
    # 新增 after a subject opens a noun phrase of new things, counted as written
    assert _labels("航运服务集聚区新增企业476家。") == ["航运服务集聚区新增企业"]


def test_the_change_of_what_a_driving_verb_set_off_is_that_measures_change() -> None:
    assert _labels("带动民间投资增长6%。") == ["民间投资"]
    assert _labels("带动民间投资200亿元。") == ["民间投资带动金额"]   # an amount set off keeps its verb


def test_what_a_budget_stipulates_is_named_without_the_budget_and_its_verb() -> None:
    assert _labels("地方预算规定卫生事业支出为3,000,000元。") == ["卫生事业支出"]


@pytest.mark.parametrize("sentence, name", [
    ("某机场旅客超过500万人次。", "某机场旅客人次"),              # people counted in visits
    ("社区医生上门服务群众超过30万人次。", "社区医生上门服务群众人次"),
    ("开展妇女两癌免费筛查12万人次。", "妇女两癌免费筛查人次"),    # a service done to them
    ("全省机场旅客吞吐量达到3000万人次。", "全省机场旅客吞吐量"),  # a name that says what it counts
    ("全年培训40万人次。", "培训"),                                # too bare to name anything (measure_shape.too_bare)
])
def test_a_count_of_visits_is_named_in_visits(sentence, name):
    assert [q.indicator for q in find_metrics(sentence)] == [name]
