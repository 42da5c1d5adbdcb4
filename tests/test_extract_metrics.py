"""Metrics: value, unit as written, indicator, qualifiers and changes, pinned on short sentences."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.metrics import find_metrics


def rows(text: str) -> list[tuple[str, str, str]]:
    """(value, unit, indicator) of each quantity, in order."""
    return [(str(q.value), q.unit, q.indicator) for q in find_metrics(text)]


def one(text: str):
    found = find_metrics(text)
    assert len(found) == 1, [(q.value, q.unit, q.indicator) for q in found]
    return found[0]


@pytest.mark.parametrize("text, value, unit, qualifiers", [
    ("全年共受理行政复议案件120余件。", "120", "件", ("余",)),
    ("培训执法人员近800人次。", "800", "人次", ("近",)),
    ("挽回经济损失约35万元。", "35", "万元", ("约",)),
    ("群众满意度达98%以上。", "98", "%", ("达", "以上")),
    ("发放宣传册子5000余册。", "5000", "册", ("余",)),
    ("发放宣传品2000多份。", "2000", "份", ("多",)),
    ("行政复议纠错率为12%左右。", "12", "%", ("左右",)),
    ("参与群众近3万余人次。", "3", "万人次", ("近", "余")),
])
def test_qualifiers_are_kept_out_of_the_unit(text, value, unit, qualifiers):
    q = one(text)
    assert (str(q.value), q.unit, q.qualifiers) == (value, unit, qualifiers)
    assert not any(w in q.unit for w in ("余", "多", "近", "约", "以上", "左右", "达"))


@pytest.mark.parametrize("text, value, unit", [
    ("办理法律援助案件4.5万件。", Decimal("4.5"), "万件"),
    ("发放宣传资料1.2亿份。", Decimal("1.2"), "亿份"),
    ("化解矛盾纠纷1,280件。", Decimal(1280), "件"),
    ("调解成功率96.5%。", Decimal("96.5"), "%"),
])
def test_scale_words_stay_in_the_unit_and_values_are_numbers(text, value, unit):
    q = one(text)
    assert q.value == value and q.unit == unit


def test_indicator_is_the_clause_before_the_number():
    q = one("全年办理行政应诉案件57件。")
    assert (q.value, q.unit) == (Decimal(57), "件")
    assert "应诉案件" in q.indicator and "全年" not in q.indicator


def test_percentage_with_indicator():
    q = one("部门负责人出庭应诉率96%。")
    assert (q.value, q.unit) == (Decimal(96), "%")
    assert q.indicator.endswith("出庭应诉率")
    assert not q.is_change


@pytest.mark.parametrize("text, unit, direction", [
    ("行政诉讼案件同比下降32.5%。", "%", "decrease"),
    ("收案数同比增长12.3%。", "%", "increase"),
    ("调解成功率同比提高5个百分点。", "个百分点", "increase"),
    ("行政复议案件数量同比减少15件。", "件", "decrease"),
    ("出庭应诉率同比上升了8.6%。", "%", "increase"),
])
def test_changes_are_marked_with_their_direction(text, unit, direction):
    q = one(text)
    assert q.is_change and q.direction == direction and q.unit == unit
    assert "同比" not in q.indicator and "下降" not in q.indicator and "增长" not in q.indicator


def test_a_level_is_not_a_change():
    q = one("全年办理行政复议案件30件。")
    assert not q.is_change and q.direction is None


def test_a_list_sharing_one_value_gives_one_observation_per_item():
    found = find_metrics("执法公示率、全过程记录率均达100%。")
    assert [(q.value, q.unit, q.indicator) for q in found] == [
        (Decimal(100), "%", "执法公示率"), (Decimal(100), "%", "全过程记录率")]
    assert all(q.label.startswith("执法公示率") for q in found)


def test_adjacent_values_pair_with_the_items_in_order():
    found = find_metrics("行政复议案件、行政诉讼案件同比下降18.2%、7.4%。")
    assert [(str(q.value), q.indicator, q.is_change, q.direction) for q in found] == [
        ("18.2", "行政复议案件", True, "decrease"), ("7.4", "行政诉讼案件", True, "decrease")]


def test_adjacent_values_share_the_change_of_the_first_when_they_share_one_name():
    # 城乡 names two places in one word: the values keep the one name, and each is a rise
    found = find_metrics("城乡居民人均可支配收入分别增长4%、6%。")
    assert [(str(q.value), q.is_change, q.direction) for q in found] == [("4", True, "increase"), ("6", True, "increase")]


@pytest.mark.parametrize("text, names", [
    # 和 inside an item: the items are what 、 divides, one for each value
    ("金融业、软件和信息服务业增加值分别增长9.7%、15.3%。", ["金融业增加值", "软件和信息服务业增加值"]),
    # a share written with its last item is every item's whole share
    ("文化产业、旅游产业增加值占地区生产总值比重分别达到4%、5%。",
     ["文化产业增加值占地区生产总值比重", "旅游产业增加值占地区生产总值比重"]),
])
def test_adjacent_values_pair_with_the_items_of_their_list(text, names):
    assert [q.indicator for q in find_metrics(text)] == names


@pytest.mark.parametrize("text, names", [
    ("接待游客1.2亿人次、旅游花费1270亿元,分别增长8%、9%。", ["游客接待人次", "旅游花费", "游客接待人次", "旅游花费"]),
    # a base before 分别 names no measure; the levels may sit in clauses of their own
    ("城镇居民人均可支配收入11759元,农村居民人均纯收入3587元,扣除价格因素,分别比上年实际增长10.4%和7.4%。",
     ["城镇居民人均可支配收入", "农村居民人均纯收入", "城镇居民人均可支配收入", "农村居民人均纯收入"]),
])
def test_changes_given_respectively_after_levels_are_theirs_in_order(text, names):
    found = find_metrics(text)
    assert [q.indicator for q in found] == names
    assert [q.is_change for q in found] == [False, False, True, True]


def test_a_contraction_of_places_stands_for_its_items_when_each_has_a_value():
    found = find_metrics("城乡居民人均可支配收入分别达6.9万元、3.4万元,增长4.2%、5.3%。")
    assert [q.indicator for q in found] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"] * 2
    assert [q.indicator for q in find_metrics("城乡居民基础养老金月最低标准提高到174元。")] == ["城乡居民基础养老金月最低标准"]


@pytest.mark.parametrize("text", ["新增饭店16家、民宿638家,游客人次、旅游总花费年均分别增长4.4%、10%。",
                                  "新增饭店16家、民宿638家,游客人次、旅游总花费年均增长4.4%、10%。"])
def test_a_run_of_changes_that_names_its_own_measures_keeps_them(text):
    assert [q.indicator for q in find_metrics(text)][2:] == ["游客人次", "旅游总花费"]


def test_changes_after_as_many_levels_are_theirs_without_fenbie_too():
    found = find_metrics("城镇居民人均可支配收入15781元,农村居民人均纯收入4761元,实际增长8.4%和8%。")
    assert [q.indicator for q in found][2:] == ["城镇居民人均可支配收入", "农村居民人均纯收入"]


def test_a_value_in_kilowatt_hours_is_read_and_its_change_is_its_own():
    found = find_metrics("钢产量达到5205万吨,比上年增长11.2%;发电量达到4455亿千瓦小时,比上年增长8.5%。")
    assert [(q.indicator, q.unit) for q in found][2:] == [("发电量", "亿千瓦小时"), ("发电量", "%")]


def test_adjacent_values_with_fenbie_pair_with_the_items_in_order():
    assert rows("行政复议案件、行政诉讼案件同比分别下降18.2%、7.4%。") == [
        ("18.2", "%", "行政复议案件"), ("7.4", "%", "行政诉讼案件")]


@pytest.mark.parametrize("text, value, unit, indicator", [
    ("聘请9名法学教授为政府法律顾问。", "9", "名", "法学教授"),
    ("组建12支志愿服务队伍。", "12", "支", "志愿服务队伍组建数"),   # as 组建志愿服务队伍12支
    ("培育120名“普法能手”。", "120", "名", "普法能手培育人数"),
])
def test_classifier_followed_by_a_noun(text, value, unit, indicator):
    assert rows(text) == [(value, unit, indicator)]


@pytest.mark.parametrize("text, value, unit, indicator", [
    pytest.param("建成3个公共法律服务工作站。", "3", "个", "公共法律服务工作站建成数"),
    pytest.param("全县86个村实现法律顾问全覆盖。", "86", "个", "实现法律顾问全覆盖的村数"),   # the 村 that reached it
])
def test_classifier_followed_by_a_noun_known_bugs(text, value, unit, indicator):
    assert rows(text) == [(value, unit, indicator)]


def test_two_clauses_two_observations():
    assert rows("举办培训班8期,培训执法人员1200人次。") == [
        ("8", "期", "培训班"), ("1200", "人次", "执法人员培训人次")]  # 举办 says nothing of what was counted; an activity is named by its object


def test_year_of_the_clause():
    found = find_metrics("2023年受理案件90件,2024年受理案件75件。")
    assert [(q.value, q.year) for q in found] == [(Decimal(90), 2023), (Decimal(75), 2024)]


@pytest.mark.parametrize("text", [
    "2024年,全县经济运行平稳。",  # a year
    "于2024年3月15日召开推进会。",  # a date
    "在12月4日国家宪法日开展集中宣传。",
    "召开第3次全体会议。",  # an ordinal
    "制定《三年行动计划(2023-2025年)》。",  # numbers inside 《》
    "出台《云岭县优化营商环境10条措施》。",
    "开展“十百千”工程和“1+3”行动。",  # numbers inside quotes
    "推行“12345”热线服务。",
    "开展“3个100”行动。",
    "3.完善执法程序。",  # a section number
    "(3)强化执法监督。",
])
def test_not_metrics(text):
    assert find_metrics(text) == []


def test_spans_cover_the_number_and_unit():
    text = "全年受理行政复议案件120余件,调解成功率96.5%。"
    for q in find_metrics(text):
        assert text[q.start:q.end].startswith(str(q.value)[0])
        assert q.unit.lstrip("万亿") in text[q.start:q.end]


def test_counts_inside_a_breakdown_in_brackets_are_metrics_but_an_explanation_is_not():
    qs = find_metrics("共立案查处300件(其中简易程序100件,普通程序200件),推行“1+N”模式(即1名律师+N名调解员)。")
    assert [(str(q.value), q.indicator) for q in qs] == [("300", "立案查处"), ("100", "简易程序"), ("200", "普通程序")]


def test_a_classifier_phrase_may_hold_a_short_bracketed_alternative():
    qs = find_metrics("建成12个乡(镇)公共法律服务站,88名新任领导干部参加任前考试。")
    assert [q.indicator for q in qs] == ["乡(镇)公共法律服务站建成数", "参加任前考试的新任领导干部人数"]


@pytest.mark.parametrize("text", ["连续8年行政机关负责人出庭应诉率达100%。", "行政机关负责人出庭应诉率连续8年达100%。"])
def test_a_duration_qualifies_the_value_and_is_not_one(text):
    found = [(q.indicator, q.value, q.unit, q.qualifiers) for q in find_metrics(text)]
    assert found == [("行政机关负责人出庭应诉率", Decimal(100), "%", ("达", "连续8年"))]


def test_a_level_reached_after_a_change_is_the_same_measure():
    # "、达到N": the words before the number are all peeled off, the measure before goes on
    found = [(q.indicator, str(q.value)) for q in find_metrics("地区生产总值增长5.5%、达到3.2万亿元。")]
    assert found == [("地区生产总值", "5.5"), ("地区生产总值", "3.2")]


def test_a_bracketed_unit_after_a_value_does_not_break_the_list():
    names = [q.indicator for q in find_metrics("改造老旧小区300个、危旧房2万套(户)、老旧管道800公里。")]
    assert names == ["老旧小区改造数", "危旧房改造数", "老旧管道改造里程"]


def test_a_number_of_players_in_a_name_is_no_value():
    # 3人制: "three-a-side" names the court, it counts no people
    assert [(q.indicator, q.unit) for q in find_metrics("建成社区健身路径或3人制篮球场250个。")] == \
        [("社区健身路径或3人制篮球场建成数", "个")]


def test_the_speakers_words_name_no_measure():
    assert [q.indicator for q in find_metrics("让我们来看占我们全县人口60%以上的农户。")] == [""]


def test_what_money_is_for_names_no_measure_unless_it_names_the_money():
    assert [q.indicator for q in find_metrics("中央财政拟投入50亿元用于促进创业。")] == [""]
    assert [q.indicator for q in find_metrics("用于乡村振兴的专项资金12亿元。")] == ["用于乡村振兴的专项资金"]


def test_a_number_after_mei_is_the_basis_of_a_rate_not_a_value():
    # 每10万人 says what the count is per: no value of 10万人, and the measure keeps its basis
    qs = find_metrics("每10万人刑事案件数下降36.9%。")
    assert [(str(q.value), q.unit, q.indicator) for q in qs] == [("36.9", "%", "每10万人刑事案件数")]


def test_duo_that_opens_a_term_after_the_unit_is_no_more_than():
    # 多式联运 is one term (lexicon/user_words.txt): its 多 is no "more than" cut off the name
    assert [q.indicator for q in find_metrics("打造5条多式联运示范线路。")] == ["多式联运示范线路打造数"]


def test_traditional_characters_are_read_folded_and_the_phrase_kept_as_written():
    from kg.pipeline import extract_text

    ex = extract_text("工業總產值較上年增長16%。")
    [obs] = ex.observations
    assert obs.label == "工業總產值較上年增長16%"    # the phrase as the report writes it
    # the change and its base are read, not glued on; the measure is named in simplified characters
    assert (obs.indicator, obs.direction, obs.base) == ("工业总产值", "increase", "较上年")


def test_working_days_are_a_unit_of_time_and_no_counted_noun():
    found = find_metrics("企业开办时间压缩到4个工作日以内。")
    assert [(q.value, q.unit, q.indicator) for q in found] == [(Decimal(4), "个工作日", "企业开办时间")]


@pytest.mark.parametrize("text, value, unit, indicator", [
    ("粮食产量1.4万亿斤。", "1.4", "万亿斤", "粮食产量"),       # 斤, 公斤, 担: units of weight
    ("棉花产量达到3,036万担。", "3036", "万担", "棉花产量"),
    ("新增粮食产能100亿斤。", "100", "亿斤", "新增粮食产能"),   # 新增 before the value selects the amount
    ("更新改造老旧渔船952艘。", "952", "艘", "老旧渔船更新改造数"),   # 艘, 列, 款: classifiers of ships, trains, products
    ("中欧班列年开行量保持在4800列以上。", "4800", "列", "中欧班列年开行量"),
    ("对新增2万亿元中央财政资金建立直达机制。", "2", "万亿元", "新增中央财政资金"),
])
def test_weights_in_jin_and_new_amounts_are_read(text, value, unit, indicator):
    assert next((str(q.value), q.unit, q.indicator) for q in find_metrics(text)) == (value, unit, indicator)


def test_a_total_of_another_measure_is_no_total_of_the_flow_before_it():
    found = find_metrics("财政收入6.13万亿元,增长19.5%;粮食连续五年增产,总产量10570亿斤。")
    assert found[-1].indicator == "总产量"
    assert find_metrics("进出口增长8.4%,总额达到5万亿元。")[-1].indicator == "进出口总额"


def test_an_amount_that_opens_a_name_is_a_value_not_part_of_a_measure():
    found = find_metrics("比五年计划原定1957年3,856亿斤的水平超过133亿斤。")
    assert all(not q.indicator.startswith(("856", "3,856")) for q in found)


@pytest.mark.parametrize("text", ["农村居民收入增长5.8%、快于经济增速1个百分点。", "居民收入增长6%,快于经济增长1个百分点。"])
def test_a_margin_over_the_economys_growth_is_the_measure_before_it(text):
    found = find_metrics(text)
    assert found[1].indicator == found[0].indicator and found[1].unit == "个百分点"


@pytest.mark.parametrize("text, names", [
    ("1955年全国工业总产值完成了原定计划的101%。", ["全国工业总产值计划完成率"]),
    ("本年甲类铁路货运量计划完成103%。", ["甲类铁路货运量计划完成率"]),   # 计划完成 before the share
    ("城镇新增就业、新增创业担保贷款分别完成年计划的118.2%、248.57%。", ["城镇新增就业计划完成率", "新增创业担保贷款计划完成率"]),
    # whose budget it is comes from the value before; with none named, no measure (not 预算数)
    ("关税收入5亿元,完成预算数的92.49%。", ["关税收入", "关税收入预算完成率"]),
    ("共收到12亿元,完成预算数的92.49%。", ["", ""]),
])
def test_a_share_of_a_plan_or_budget_reached_is_its_completion_rate(text, names):
    assert [q.indicator for q in find_metrics(text)] == names


def test_a_count_with_no_name_ends_the_run_of_change_words():
    # 突破… after an unnamed count is not the measure of the earlier clause
    names = [q.indicator for q in find_metrics("甲市游客超过1亿人次;甲市五年跨过3个万亿级关口、突破10万亿元。")]
    assert names[-1] == ""
    # a base or a share without a name does not end it
    assert [q.indicator for q in find_metrics("粮食总产量达到3000亿斤,较上年的2900亿斤增加100亿斤。")] == ["粮食总产量"] * 3


@pytest.mark.parametrize("sentence, base", [
    ("生产安全事故起数、死亡人数分别比“十三五”时期下降44.1%、29.7%。", "比十三五时期"),
    ("粮食产量比去年同期增长3%。", "比去年同期"),
    ("两项指标均比全国平均水平高2个百分点。", "比全国平均水平"),   # 高 is the direction, not the base
])
def test_a_comparison_after_an_adverb_is_the_changes_base(sentence, base):
    # 分别: the adverb ends the measure's name; the comparison after it is the base, not lost
    assert find_metrics(sentence)[0].base == base


@pytest.mark.parametrize("sentence, name", [
    ("第一个五年期间铁路共新建8,500公里。", "铁路里程"),
    ("第二个五年计划期间钢产量将达到1,200万吨。", "钢产量"),
    ("第六个五年计划的投资总额为3600亿元。", "投资总额"),
])
def test_an_older_reports_plan_period_is_no_part_of_the_name(sentence, name):
    # 第一个五年(计划)期间 is a period, whole: its 五年 must not be cut out of it (第一个期间…)
    assert find_metrics(sentence)[0].indicator == name
