"""Words that select what a value counts stay on its indicator (issue 11, fourth round).

Invented sentences: a list's shared lead verb (新增, 淘汰落后) and qualifier (新增, 平均), a
process counted in batches (…抽检 N批次), an excess over a base (…比预算超收), and clauses that
end in an outcome verb (…加快落地), which name no indicator.
"""
from __future__ import annotations

import pytest

from kg.extract.list_shares import complete_items
from kg.extract.metrics import find_metrics


def labels(sentence: str) -> list[str]:
    return [q.indicator for q in find_metrics(sentence)]


def test_a_lead_verb_is_shared_by_the_list():
    # …and so is a national level the list opens with (list_shares.shared_level); a province's
    # own level stays with its item
    assert labels("新增国家级森林乡村30个、湿地公园12个。") == ["新增国家级森林乡村", "新增国家级湿地公园"]
    assert labels("新增省级森林乡村30个、湿地公园12个。") == ["新增省级森林乡村", "新增湿地公园"]
    # the amount removed is named by what it was taken from (indicator_repairs.removal_measure)
    assert labels("淘汰落后的造纸产能50万吨、印染产能30万吨。")[1] == "落后印染产能淘汰量"


def test_a_part_or_a_total_does_not_take_the_lead():
    assert "新增其中湿地公园" not in labels("新增公园绿地120公顷、其中湿地公园40公顷。")
    assert "新增总数" not in labels("新增科技型企业300家、总数达到2000家。")


def test_a_qualifier_is_shared_by_the_list():
    assert labels("农民工、退役士兵新增就业均超3万人。")[0] == "农民工新增就业"
    assert labels("家庭宽带和移动流量平均资费均下降12%。") == ["家庭宽带平均资费", "移动流量平均资费"]
    # the 均 of 平均 or 年均 says no "each": one value of both
    assert labels("家庭宽带和移动流量平均资费下降12%。") == ["家庭宽带和移动流量平均资费"]
    assert labels("货物和服务进出口年均增长8%。") == ["货物和服务进出口"]
    # 限上 (firms above the size threshold) says which sales were counted, for every item
    assert labels("家电、手机限上零售额分别增长9%、30%。") == ["家电限上零售额", "手机限上零售额"]


def test_a_process_counted_in_batches_takes_the_measure_word():
    assert labels("完成饲料质量抽检3000批次。") == ["饲料质量抽检批次"]
    assert labels("开展兽药监督抽检超2000批次。") == ["兽药监督抽检批次"]


def test_an_excess_over_a_base_is_what_was_counted():
    assert labels("全省财政比预算超收30亿元。") == ["全省财政超收"]


def test_a_clause_ending_in_an_outcome_verb_names_no_indicator():
    assert labels("12个招商项目加快落地。") == [""]
    assert labels("20个县债务风险提前清零。") == [""]


def test_a_new_word_before_the_number_selects_the_noun_after_it():
    assert labels("新建8家科技孵化器和3家众创空间。") == ["新建科技孵化器", "新建众创空间"]


def test_a_works_verb_is_shared_when_the_item_then_names_a_measure():
    assert labels("改造雨水管网120公里、污水管网80公里。") == ["雨水管网改造里程", "污水管网改造里程"]
    # a different kind of value (people, then money) does not take the verb
    assert labels("接待游客300万人次、旅游花费20亿元。")[1] == "旅游花费"


def test_a_rate_or_a_flow_does_not_take_the_lead():
    assert labels("新增示范园区4个、园区覆盖率达60%。")[1] == "园区覆盖率"
    assert labels("新增智能工厂12家、机器人产量突破5万台。")[1] == "机器人产量"


def test_many_after_a_unit_that_opens_a_word_stays_in_the_name():
    assert labels("建成12个多功能活动室。") == ["多功能活动室建成数"]


def test_after_etc_comes_the_class_the_value_is_about():
    assert labels("钢铁、建材等传统产业税收增长8%。") == ["传统产业税收"]
    assert labels("新增机器人、集成电路等新兴学科专业9个。") == ["新增新兴学科专业"]
    assert labels("教育等方面的支出120亿元。") == ["教育等方面的支出"]   # too vague a class: left as written


def test_the_areas_own_name_before_an_activity_says_where():
    assert labels("全市盘活低效工业用地1.5万亩。") == ["低效工业用地盘活面积"]
    assert labels("全省生产安全事故起数下降10%。") == ["全省生产安全事故起数"]


def test_the_verbs_that_open_a_list_go_to_its_last_item():
    assert labels("新建改造雨水、污水管网300公里。") == ["雨水污水管网新建改造里程"]   # one value of both


def test_an_item_that_is_new_already_takes_no_second_lead():
    assert labels("新增示范园区2个、新登记科技企业30家。")[1] == "新登记科技企业"
    # an outcome ends the clause, never a name: the things that reached it are counted (…投入使用数)
    assert labels("12座中型水库投入使用。") == ["中型水库投入使用数"]


def test_a_works_verb_is_shared_between_counts_of_different_units():
    assert labels("改造城中村住房1.2万户、城镇老旧小区300个。")[1] == "城镇老旧小区改造数"


@pytest.mark.parametrize("items, expected", [
    (["炼铁", "炼钢先进产能占比"], ["炼铁先进产能占比", "炼钢先进产能占比"]),   # the item stands for 炼钢: all after it is shared
    (["食品", "药品抽检合格率"], ["食品抽检合格率", "药品抽检合格率"]),
    (["工业", "工业技改投资"], ["工业投资", "工业技改投资"]),                    # the same word again: a part, the measure word only
])
def test_a_parallel_item_shares_every_word_after_its_counterpart(items, expected):
    assert complete_items(items) == expected


@pytest.mark.parametrize("sentence, names", [
    ("单位地区生产总值能耗、用水量分别下降10%、12%。", ["单位地区生产总值能耗", "单位地区生产总值用水量"]),
    ("单位GDP能耗和碳排放分别降低3%和4%。", ["单位国内生产总值能耗", "单位GDP碳排放"]),   # the first has a canonical name
    ("单位产值能耗、人均用水量分别下降3%、2%。", ["单位产值能耗", "人均用水量"]),   # a base of its own
])
def test_an_intensity_base_is_shared_by_the_list(sentence, names):
    assert [q.indicator for q in find_metrics(sentence)] == names


@pytest.mark.parametrize("sentence, names", [
    ("甲事故起数、死亡人数、受伤人数分别下降5%、6%、7%。", ["甲事故起数", "甲事故死亡人数", "甲事故受伤人数"]),
    ("甲事故起数和死亡人数分别下降4.3%、5.6%。", ["甲事故起数", "甲事故死亡人数"]),
    ("甲案件起数、乙案件数分别下降5%、6%。", ["甲案件起数", "乙案件数"]),   # a subject of its own
    # a base written after the list (分别比…) is no part of the last item
    ("甲事故起数、死亡人数分别比上年下降4.3%、5.6%。", ["甲事故起数", "甲事故死亡人数"]),
    ("甲事故起数、死亡人数分别比“十三五”时期下降44%、29%。", ["甲事故起数", "甲事故死亡人数"]),
])
def test_measures_after_a_count_of_events_are_those_events_consequences(sentence, names):
    assert labels(sentence) == names


def test_a_count_of_a_level_alone_counts_the_noun_the_list_writes_later():
    from kg.extract.metrics import find_metrics
    names = [q.indicator for q in find_metrics("共有3个国家级、12个省级示范基地。")]
    assert names == ["国家级示范基地", "省级示范基地"]
    # the verbs before the first count select every item, the levels alone included
    assert [q.indicator for q in find_metrics("建成3个国家级、12个省级示范基地。")] == ["国家级示范基地建成数", "省级示范基地建成数"]
    names = [q.indicator for q in find_metrics("着力培育2个世界级、5个区域级产业集群。")]
    assert names == ["世界级产业集群培育数", "区域级产业集群培育数"]
    assert [q.indicator for q in find_metrics("新建4个国家级、9个省级重点专科。")] == ["新建国家级重点专科", "新建省级重点专科"]


def test_a_list_splits_only_at_joining_words_not_inside_a_word():
    from kg.extract.metrics import find_metrics
    # 及 of 普及率 and 和 of 和美乡村 join nothing
    found = [(q.indicator, str(q.value)) for q in find_metrics("农村自来水、卫生厕所普及率分别提高到90%、85%。")]
    assert found == [("农村自来水普及率", "90"), ("卫生厕所普及率", "85")]
    names = [q.indicator for q in find_metrics("示范村、和美乡村覆盖率分别达到50%、30%。")]
    assert names == ["示范村覆盖率", "和美乡村覆盖率"]


@pytest.mark.parametrize("sentence, names", [
    ("某市金融机构存贷款余额分别增长5.1%、4.2%。", ["某市金融机构存款余额", "某市金融机构贷款余额"]),
    ("全市一二三产增加值分别增长2%、5%、6%。", ["全市一产增加值", "全市二产增加值", "全市三产增加值"]),
    ("某省本外币存贷款余额分别达3万亿元、2万亿元。", ["某省本外币存款余额", "某省本外币贷款余额"]),   # the nearest
])
def test_a_contraction_before_values_given_one_each_stands_for_its_items(sentence, names):
    assert [q.indicator for q in find_metrics(sentence)] == names


def test_a_list_shares_the_measure_words_before_its_head():
    assert [q.indicator for q in find_metrics("工业、小微企业贷款余额分别增长9%、12%。")] == ["工业贷款余额", "小微企业贷款余额"]
    assert [q.indicator for q in find_metrics("教育、卫生支出比重分别为15%、8%。")] == ["教育支出比重", "卫生支出比重"]


def test_an_intensity_base_is_shared_by_the_next_item_with_a_value_of_its_own():
    names = [q.indicator for q in find_metrics("单位地区生产总值能耗下降6%、用水量下降9%。")]
    assert names == ["单位地区生产总值能耗", "单位地区生产总值用水量"]


@pytest.mark.parametrize("sentence, name", [
    ("在教育、卫生、体育等方面支出30亿元。", "教育卫生体育等方面支出"),
    ("改造城市供水、燃气等管网120公里。", "城市供水燃气等管网里程"),
    ("举办春季消费节、夏季购物季等活动300场。", "春季消费节夏季购物季等活动"),
])
def test_one_value_after_a_list_closed_by_etc_is_of_all_its_items(sentence, name):
    assert [q.indicator for q in find_metrics(sentence)] == [name]


def test_a_name_opening_with_a_joining_character_keeps_it():
    # 和美乡村 opens with 和 as the first character of a word, not as a join after the comma
    found = find_metrics("示范村占比达60%,和美乡村覆盖率达70%。")
    assert [q.indicator for q in found][-1] == "和美乡村覆盖率" and found[-1].label.startswith("和美乡村")


def test_a_price_per_quantity_keeps_its_name_and_the_list_shares_it():
    # 平均每50公斤: the quantity a price is per; 今年 dates the values
    names = [q.indicator for q in find_metrics("今年大豆、稻谷最低收购价平均每50公斤分别提高3元和5元。")]
    assert names == ["大豆最低收购价", "稻谷最低收购价"]


def test_a_purpose_after_an_amount_is_no_part_of_its_name():
    assert "用于" not in "".join(q.indicator for q in find_metrics("今年某省财政拿出50亿元用于转移支付。"))


@pytest.mark.parametrize("sentence, name", [
    ("甲港、乙港、丙港完成吞吐量3亿吨。", "甲港乙港丙港完成吞吐量"),
    ("铁路、公路货运量12亿吨。", "铁路公路货运量"),
    ("新增学位、园位3万个。", "新增学位园位"),          # the list's lead stays in front
    ("培育科技型、外向型企业50家。", "科技型外向型企业培育数"),
    # items jieba tags as verbs, adjectives or place words (致富, 下) are items all the same
    ("实施住宅小区、道路、下立交积水改善工程52个。", "住宅小区道路下立交积水改善工程"),
    ("劳务带头人、致富能人、乡村匠人“三支队伍”人数超8600人。", "劳务带头人致富能人乡村匠人三支队伍人数"),
])
def test_one_value_after_a_list_of_plain_items_is_of_them_all(sentence, name):
    assert labels(sentence) == [name]


@pytest.mark.parametrize("sentence, names", [
    ("甲港、乙港吞吐量分别增长5%、6%。", ["甲港吞吐量", "乙港吞吐量"]),   # one value each
    ("实现集中管理、经费下降8%。", ["经费"]),                           # a clause, then an item
    ("今年化学需氧量、氨氮排放量下降2%。", ["氨氮排放量"]),               # an earlier item with a measure word of its own
    ("在甲地区、乙地区抽检1500批次。", ["乙地区抽检批次"]),             # a preposition opens the first item
])
def test_a_list_with_a_value_each_or_a_clause_in_it_is_not_joined(sentence, names):
    assert labels(sentence) == names


def test_an_average_that_opens_a_name_is_part_of_it_and_one_that_ends_it_is_not():
    assert labels("平均等待次数减少80%。") == ["平均等待次数"]
    assert labels("城镇调查失业率平均为5%。") == ["城镇调查失业率"]


@pytest.mark.parametrize("sentence, names", [
    # 农村 opens jieba's word 农村居民; 城镇 stands for it and shares every word after it
    ("城镇、农村居民人均消费支出分别增长4%、6%。", ["城镇居民人均消费支出", "农村居民人均消费支出"]),
    # 城镇 (ns) stands for 农村 (n), 城市 for 县城: places whatever jieba's tag; 高中阶段 (two words) for 高等教育
    ("城镇和农村常住居民医保参保率分别达到95%、97%。", ["城镇常住居民医保参保率", "农村常住居民医保参保率"]),
    ("城市和县城建成区绿地率分别达到40%、36%。", ["城市建成区绿地率", "县城建成区绿地率"]),
    ("高中阶段和高等教育毛入学率分别达到90%、55%。", ["高中阶段毛入学率", "高等教育毛入学率"]),
    # the three sectors are named with 第, written once or nowhere
    ("一、二、三产业投资分别增长3%、5%、6%。", ["第一产业投资", "第二产业投资", "第三产业投资"]),
    ("第一、二产业用电量分别增长3%、5%。", ["第一产业用电量", "第二产业用电量"]),
    # 食用 opens 食用菌, but 菌 alone is no word the item could share
    ("木耳、食用菌产值分别达到30亿元、20亿元。", ["木耳产值", "食用菌产值"]),
])
def test_a_parallel_or_ordinal_item_is_named_in_full(sentence, names):
    assert labels(sentence) == names


def test_a_part_after_qizhong_is_new_as_its_whole_is():
    assert labels("新增公路里程2万公里,其中山区公路3000公里。") == ["新增公路里程", "新增山区公路里程"]
    assert labels("公路总里程20万公里,其中山区公路3000公里。")[1] == "山区公路里程"   # a stock: no lead to share
    # a part that ends in the whole's measure word (装机, a verbal noun) is new as the whole is
    assert labels("新增电力装机1800万千瓦,其中非化石能源装机1000万千瓦。")[1] == "新增非化石能源装机容量"


@pytest.mark.parametrize("sentence, expected", [
    ("推动5个甲物流园区、3个乙冷链基地提质升级。", ["甲物流园区提质升级数", "乙冷链基地提质升级数"]),
    ("完成120个村庄生活污水和30个黑臭水体治理。", ["村庄生活污水治理数", "黑臭水体治理数"]),
    ("推进12个乡镇卫生院、20所县级医院和10所社区卫生服务中心建设。",
     ["乡镇卫生院建设数", "县级医院建设数", "社区卫生服务中心建设数"]),
    ("4个市级医疗中心、6个县级医疗中心开诊运营。", ["市级医疗中心开诊运营数", "县级医疗中心开诊运营数"]),   # an outcome
])
def test_works_that_close_a_list_of_counts_are_done_to_every_item(sentence, expected):
    assert labels(sentence) == expected


def test_works_are_not_shared_across_a_clause_or_over_an_item_with_its_own_verb():
    assert labels("建成5个公园,3个广场改造。")[0] == "公园建成数"            # a comma: another clause
    assert labels("5个公园建成开放、3个广场改造。")[0] == "建成开放的公园数"   # its own verb
    assert labels("改造5个老旧小区、3个口袋公园。") == ["老旧小区改造数", "口袋公园改造数"]   # a lead verb, as before


@pytest.mark.parametrize("sentence, expected", [
    ("建成自治区级以上绿色工厂510个、绿色园区32个。", ["自治区级以上绿色工厂建成数", "自治区级以上绿色园区建成数"]),
    ("国家级开发区5个、高新区3个。", ["国家级开发区", "国家级高新区"]),
    ("培育国家级甲类企业10家、省级乙类企业200家。", ["国家级甲类企业培育数", "省级乙类企业培育数"]),   # a level of its own
    ("新创建国家级甲类园区3家、自治区级以上乙类工厂54家、丙类园区2家。",
     ["新创建国家级甲类园区", "新创建自治区级以上乙类工厂", "新创建自治区级以上丙类园区"]),   # the nearest level before
    ("新创建国家级甲类园区3家、自治区级乙类工厂54家、丙类园区2家。",
     ["新创建国家级甲类园区", "新创建自治区级乙类工厂", "新创建丙类园区"]),   # a province's own level is its item's
    ("新增规上工业企业1494家、国家级甲类企业81家、上云企业2万家。",
     ["新增规上工业企业", "新增国家级甲类企业", "新增上云企业"]),   # the list opens with no level
    ("推进12个乡镇卫生院、20所县级医院和10所社区卫生服务中心建设。",
     ["乡镇卫生院建设数", "县级医院建设数", "社区卫生服务中心建设数"]),   # 县级医院 is a kind, not a level
])
def test_the_level_a_list_of_counts_opens_with_is_every_items(sentence, expected):
    assert labels(sentence) == expected


def test_a_level_is_not_shared_with_an_amount_after_a_count():
    assert labels("国家级开发区5个、总投资100亿元。")[1] == "国家级开发区总投资"   # the money of the 开发区, as before


def test_a_list_of_nouns_shares_the_last_items_measure_word_alone():
    # 命案数 is a noun and its measure word: the earlier items take 数, not 命案数
    assert labels("盗窃案件、诈骗案件、命案数分别下降5%、4%、3%。") == ["盗窃案件数", "诈骗案件数", "命案数"]
    assert labels("生猪、牛羊出栏量分别增长5%、6%。") == ["生猪出栏量", "牛羊出栏量"]
    assert labels("城市、农村用水量分别增长5%、6%。") == ["城市用水量", "农村用水量"]   # one word of jieba, shared whole


@pytest.mark.parametrize("sentence, expected", [
    ("农村自来水、卫生厕所普及率分别达到90%、80%。", ["农村自来水普及率", "农村卫生厕所普及率"]),
    ("规上电子制造业、汽车制造业增加值分别增长8%、9%。", ["规上电子制造业增加值", "规上汽车制造业增加值"]),
    ("城镇居民医保、新农合补助标准分别提高到每人300元、280元。", ["城镇居民医保补助标准", "新农合补助标准"]),   # no 城镇 for 新农合
    ("全市生产总值、江北新区生产总值分别增长5%、6%。", ["全市生产总值", "江北新区生产总值"]),   # a place of its own
    ("全市规上工业增加值、高新区规上工业增加值分别增长5%、6%。", ["全市规上工业增加值", "高新区规上工业增加值"]),
])
def test_a_scope_written_with_the_first_item_is_every_items(sentence, expected):
    assert labels(sentence) == expected


@pytest.mark.parametrize("sentence, names", [
    ("非化石能源发电量、用电量占比均超过30%。", ["非化石能源发电量占比", "非化石能源用电量占比"]),
    ("全省出口额、进口额分别增长5%、6%。", ["全省出口额", "全省进口额"]),
    # 园林绿化 is the first measure's own (覆盖率 and 绿地率 are no pair), but the scope 城市建成区 is
    # the list's; 森林 is no owner
    ("城市建成区园林绿化覆盖率、绿地率分别达46%、43%。", ["城市建成区园林绿化覆盖率", "城市建成区绿地率"]),
    ("森林覆盖率、林草覆盖率分别达到20%、40%。", ["森林覆盖率", "林草覆盖率"]),
    # the other side of an account (收入, 支出) is of the same owner, even inside one word (财政收入)
    ("全省地方财政收入、支出分别增长5%、6%。", ["全省地方财政收入", "全省地方财政支出"]),
    # a change (增量) is no measure parallel to 数量: it is the first item's measure that changed
    ("高新技术企业数量、增量分别达到5000家、800家。", ["高新技术企业数量", "高新技术企业数量"]),
])
def test_a_later_item_parallel_to_the_firsts_measure_takes_its_owner(sentence, names):
    assert labels(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # two amounts of one body's accounts: the second is the same body's
    ("省属企业营业收入、利润分别增长6%、60.7%。", ["省属企业营业收入", "省属企业利润"]),
    # the same in a list of values, each with its own change
    ("自治区国资委监管企业营收增长5.9%、利润增长5.5%。", ["自治区国资委监管企业营收", "自治区国资委监管企业利润"]),
    ("地方一般公共预算收入增长2.3%、支出首次超过7000亿元。", ["一般公共预算收入", "一般公共预算支出"]),
    ("全省发电量增长5%、用电量增长6%。", ["全省发电量", "全省用电量"]),
])
def test_a_later_value_of_the_same_accounts_takes_the_firsts_owner(sentence, names):
    assert labels(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # a later item with a place of its own, or a measure of another kind, keeps its own name
    ("全市生产总值增长6%、农村居民人均可支配收入增长7%。", ["全市生产总值", "农村居民人均可支配收入"]),
    ("规模以上工业企业营业收入增长5%、从业人员增长2%。", ["规模以上工业企业营业收入", "从业人员"]),
    # a person's income has no other side (no 人均可支配支出); 税收 is the economy's, not industry's
    ("城镇居民人均可支配收入增长6%、支出增长5%。", ["城镇居民人均可支配收入", ""]),
    ("全市工业增加值增长8%、税收增长12%。", ["全市工业增加值", "税收"]),
    # the words before a parallel item must name something (录取到 is a verb)
    ("录取到本科院校的一次性补助1万元、专科院校的一次性补助8000元。", ["录取到本科院校的一次性补助", "专科院校的一次性补助"]),
])
def test_a_later_value_with_no_shared_owner_is_left_alone(sentence, names):
    assert labels(sentence) == names


def test_a_lists_verb_and_place_are_no_owner():
    # 增加铁路 is the list's verb and place: 复线 gets no 增加铁路复线 (what it should read, 铁路复线
    # 新增里程, is not reached yet)
    assert labels("增加铁路新线1423公里、复线643公里。")[1] == "复线里程"
