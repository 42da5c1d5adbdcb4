"""Indicator names whose words the sentence gives but in the wrong place (kg/extract/indicator_repairs.py,
list_shares.py, metrics.py). The sentences are invented, in the style of the reports."""
from __future__ import annotations

import pytest

from kg.extract.metrics import find_metrics


def labels(sentence: str) -> list[str]:
    return [q.indicator for q in find_metrics(sentence)]


def test_a_modal_before_the_verb_of_a_spender_is_the_target_cue_not_the_name():
    assert labels("某市财政拟安排就业补助资金12亿元。") == ["某市财政安排就业补助资金"]
    assert labels("某省财政将安排科技支出30亿元。") == ["某省财政安排科技支出"]
    assert "某银行增加农业贷款" not in labels("某银行将增加农业贷款20亿元。")   # a change verb: a clause


def test_a_year_that_opens_the_name_dates_the_value():
    assert labels("力争2030年棉花产量达到60万吨。") == ["棉花产量"]
    assert labels("当年甲类工业产值增长12%。") == ["甲类工业产值"]           # the current year
    assert labels("1—3月份甲类企业营业收入增长9%。") == ["甲类企业营业收入"]   # a run of months


def test_a_removal_verb_before_a_capacity_names_the_amount_removed():
    assert labels("淘汰落后的玻璃产能80万吨、铁合金产能40万吨。") == ["落后玻璃产能淘汰量", "落后铁合金产能淘汰量"]
    assert labels("全年退出煤炭产能900万吨。") == ["煤炭产能退出量"]
    assert labels("退出焦化产能600万吨、电解铝产能40万吨。") == ["焦化产能退出量", "电解铝产能退出量"]   # the list shares 退出
    # a run of removal or halting verbs, and a capacity of power plants in 千瓦
    assert labels("淘汰、停建、缓建火电产能800万千瓦。") == ["火电产能淘汰停建缓建量"]


def test_a_list_header_before_a_colon_gives_bare_items_its_measure():
    assert labels("1962年主要产品产量增长的情况是:煤增长5%,纸增长8%。") == ["煤产量", "纸产量"]
    assert labels("各种作物都有增长:烟叶增长6%。") == ["烟叶"]   # the header names no measure


def test_the_standard_a_value_is_counted_in_belongs_to_its_unit():
    qs = find_metrics("对年综合能耗20万吨标准煤以上的企业加强管理。")
    assert [q.unit for q in qs] == ["万吨标准煤"] and not any("标准煤" in q.indicator for q in qs)
    assert "人民币" not in labels("引进外资12亿美元、折合80亿元人民币。")


def test_an_increment_or_a_price_cut_is_a_change_not_a_measure():
    assert labels("地区生产总值五年增量超过2000亿元。") == ["地区生产总值"]
    assert not any(label.endswith("降价") for label in labels("集中采购的药品耗材平均降价40%。"))


def test_new_before_any_works_verb_is_shared_by_the_list():
    assert labels("新打造特色街区6条、夜间集市8个。") == ["新打造特色街区", "新打造夜间集市"]


def test_an_item_opened_by_an_attributive_verb_takes_the_list_verb():
    assert labels("建成运输机场2座、通用机场5座。") == ["运输机场建成数", "通用机场建成数"]


def test_a_lead_verb_after_a_subject_selects_what_is_counted():
    assert labels("省财政新增8亿元专项奖补资金。") == ["省财政新增专项奖补资金"]   # 新增 before an amount selects it
    assert labels("全市新增9个省级园区。") == ["新增省级园区"]   # the report's own area is no qualifier
    assert "新建乡镇卫生院" not in labels("改造和新建120所乡镇卫生院。")   # a run of verbs, not 新建 alone


def test_an_adverb_tagged_word_before_the_last_noun_qualifies_it():
    assert labels("推进12个片区更新项目。") == ["片区更新项目"]


def test_a_works_verb_before_the_number_selects_what_the_noun_counts():
    assert labels("建成15个乡镇文化站。") == ["乡镇文化站建成数"] == labels("建成乡镇文化站15个。")
    assert labels("实施20个技改项目。") == ["技改项目"]                 # a light verb selects nothing
    assert labels("设立50亿元产业引导基金。") == ["产业引导基金"]       # money: the fund's size
    assert not any("修复数" in x for x in labels("共建草原生态修复3家联合实验室。"))   # the verb ends a name


def test_a_place_or_body_before_the_works_verb_says_whose_count_it_is():
    assert labels("甲科创公园新引入8家跨国药企。") == ["甲科创公园新引入跨国药企数"]
    assert labels("甲创新基地促成138个合作项目。") == ["甲创新基地促成合作项目数"]
    assert labels("甲乙两县促成12个合作项目。") == ["合作项目"]   # a subject that names no place or body of the list


def test_a_place_or_body_that_opens_a_list_is_the_subject_of_its_later_items():
    names = labels("甲实验室集聚科研人员1110人、实施自主科研项目88项、转化科研成果328项。")
    assert names == ["甲实验室集聚科研人员人数", "甲实验室实施自主科研项目数", "甲实验室转化科研成果数"]
    # a list opened by no place or body: the later items keep their own words
    assert labels("全省培育科研人员1110人、实施自主科研项目88项。")[1] == "自主科研项目"


def test_the_body_that_pays_before_the_amount_qualifies_the_fund():
    assert labels("省财政下达12亿元专项奖补资金。") == ["省财政下达专项奖补资金"]
    assert labels("全省投入8亿元资金。") == ["资金"]   # the report's own area is no payer


def test_things_that_reached_an_outcome_are_counted_with_the_unit_measure():
    assert labels("城际铁路建成通车320公里。") == ["城际铁路建成通车里程"]
    assert labels("沿江绿道12公里全线贯通。") == [""]            # a manner word before the outcome: a clause
    assert labels("5个文旅项目加快落地。") == [""]                # an adverb: still a clause
    assert labels("12个省级示范园区投入使用。") == ["省级示范园区投入使用数"]   # a level (省级) opens the noun
    assert labels("8个县级文化中心建成运营。") == ["县级文化中心建成运营数"]
    assert labels("30个重点项目建成投产。") == ["重点项目建成投产数"]


def test_the_verb_before_a_number_reaches_the_list_items_after_it():
    assert labels("建成8个文化广场和12个体育公园。") == ["文化广场建成数", "体育公园建成数"]


def test_a_predicate_adverb_that_opens_the_label_is_no_part_of_it():
    assert labels("成功创建5个国家级中试平台。") == ["国家级中试平台创建数"]
    assert labels("首次就业率达到90%。") == ["首次就业率"]   # a measure name keeps it
    # an idiom or adverb of manner before a works verb (jieba's i, d): 因地制宜, 直接
    assert labels("因地制宜新建标准塑胶跑道200公里。") == ["新建标准塑胶跑道里程"]
    assert labels("直接扶持创业26万人。") == ["创业扶持人数"]
    assert labels("更新加装电梯1.1万台。") == ["电梯更新加装数"]   # 更新, tagged d, is a works verb here


def test_a_closure_verb_names_what_was_closed_not_the_stock():
    assert labels("全年关停小水电120万千瓦、小砖窑340处。") == ["小水电关停容量", "小砖窑关停数"]
    assert labels("取缔无证小作坊56家、黑网吧18个。") == ["无证小作坊取缔数", "黑网吧取缔数"]
    assert labels("关闭小化工厂260处。") == ["小化工厂关闭数"]


def test_an_opening_or_setting_up_verb_before_the_number_selects_what_is_counted():
    assert labels("升格设置3所职业本科学校。") == ["职业本科学校升格设置数"]
    assert labels("新开放了4个内陆口岸、7个边境口岸。") == ["内陆口岸新开放数", "边境口岸新开放数"]


def test_a_removal_verb_before_a_list_reaches_the_bare_items():
    assert labels("今年要淘汰玻璃800万吨、铁合金300万吨。") == ["玻璃淘汰量", "铁合金淘汰量"]



def test_a_verb_of_reach_before_the_number_keeps_its_place_in_the_measure():
    assert labels("惠及36万户农户。") == ["惠及农户户数"]
    assert labels("推行免费午餐、惠及21万名学生。") == ["惠及学生人数"]
    assert labels("健康服务已覆盖900个行政村。") == ["覆盖行政村数"]
    assert labels("实现全覆盖120个村。") == ["村"]   # 全覆盖 is no verb of reach
    assert labels("惠及3万户困难群众的住房保障。") == [""]   # no plain noun after the unit


def test_abolition_and_upgrading_verbs_select_what_is_counted():
    assert labels("又撤销了6个地区专员公署。") == ["地区专员公署撤销数"]
    assert labels("升级改造乡镇文化中心80个、村级活动室900个。") == ["乡镇文化中心升级改造数", "村级活动室升级改造数"]
    assert labels("推动12个特色小镇提质升级。") == ["特色小镇提质升级数"]


def test_a_verb_after_a_join_belongs_to_a_run_the_lexicons_miss():
    assert labels("洽谈和建成9个合作园区。") == ["合作园区"]   # 9 counts both: 建成 alone would misname it
    assert labels("新签和建成9个合作园区。") == ["合作园区新签和建成数"]   # a run the lexicon knows is kept whole


def test_a_list_verb_reaches_a_plain_item_measured_in_another_unit():
    assert labels("改造背街小巷120条、老旧供水管网300公里。") == ["背街小巷改造数", "老旧供水管网改造里程"]
    assert labels("新建产业项目40个、总投资90亿元。")[1] != "总投资新建金额"   # money of the first item, no item


def test_a_manner_word_before_the_verb_is_no_subject():
    assert labels("高质量建成30个美丽乡村。") == ["美丽乡村建成数"]
    assert labels("整体提升45所学校。") == ["学校提升数"]
    assert labels("某某区建成3个公园。") == ["公园"]   # a subject still stops the rename


def test_period_basis_and_footnote_words_are_no_part_of_a_name():
    assert labels("每年城镇新增就业8万人以上。") == ["城镇新增就业"]         # 每年: how the value is counted
    assert labels("一般公共预算收入同口径增长4.5%。") == ["一般公共预算收入"]   # 同口径: the basis of the change
    assert labels("四大主导产业[3]占GDP比重提高2个百分点。") == ["四大主导产业占GDP比重"]   # a web footnote mark


def test_relief_and_extra_output_are_named_as_measures():
    assert labels("每年减轻农民负担12亿元。") == ["农民负担减轻金额"]
    assert labels("争取增产原油50万吨。") == ["原油增产量"]


def test_names_listed_before_a_count_are_examples_of_what_is_counted():
    assert labels("挂牌建设东湖、西山、南江3个省实验室。") == ["省实验室建设数"]
    assert labels("实施免费教育政策、惠及30万名儿童。") == ["惠及儿童人数"]   # a list of acts, not of names


def test_works_named_after_the_count_say_what_the_count_is_of():
    assert labels("完成3.2万间中小学教室照明改造。") == ["中小学教室照明改造数"]
    assert labels("完成12万平方米老旧住房成套改造,新建公园5个。")[0] == "老旧住房成套改造面积"
    assert labels("完成15个村卫生室。") == ["村卫生室"]                       # no works after the noun
    assert "居住的棚户区改造人数" not in labels("完成约2千万人居住的棚户区改造。")   # the count describes the noun


def test_laying_out_and_supporting_select_what_is_counted():
    assert labels("布局打造8个概念验证中心。") == ["概念验证中心布局打造数"]
    assert labels("重点扶持30个粮食大县。") == ["粮食大县扶持数"]        # 县, a one-character noun, ends the object
    assert labels("某市重点扶持30个粮食大县。") == ["粮食大县"]          # a subject: the verb is its predicate


def test_a_bare_item_after_a_supply_takes_the_supply_measure():
    assert labels("面粉供应增加了20%,食油增加了1.5倍,火柴增加了30%。")[1:] == ["食油供应量", "火柴供应量"]


def test_an_item_with_a_numeral_word_or_a_classifier_takes_the_output_measure_of_its_sentence():
    assert labels("主要产品产量稳步增长,钢产量900万吨,三种有色金属80万吨。") == ["钢产量", "三种有色金属产量"]
    assert labels("电子产品产量大幅增长,半导体圆片增长12%。") == ["半导体圆片产量"]


def test_a_count_whose_noun_runs_on_into_an_amount_counts_the_noun_alone():
    assert labels("9个重点园区营业收入突破1.2万亿元。") == ["重点园区", "重点园区营业收入"]
    assert labels("6个重点行业增加值增长4.1%。") == ["重点行业", "重点行业增加值"]
    # a rate: which nouns qualify it is not written, so the count names nothing
    assert labels("15条城市河道整治率达100%。") == ["城市河道整治率"]
    assert labels("5支市级产业基金带动社会投资超百亿元。")[0] == "市级产业基金"   # a fund is a thing counted


def test_a_driving_verb_after_an_amount_opens_its_predicate():
    assert labels("12亿元家电消费补贴拉动消费80亿元。")[0] == "家电消费补贴"


def test_any_verb_right_before_the_number_selects_what_is_counted():
    # a verb outside the works lexicons, when the count's noun ends its clause
    assert labels("筛选80家成长型企业。") == ["成长型企业筛选数"]
    assert labels("精准帮扶60家困难企业,成效明显。") == ["困难企业帮扶数"]   # a manner word is no subject
    # a verb of having or containing, a light verb, or a verb with a subject selects nothing
    assert labels("拥有12家上市公司。") == ["上市公司"]
    assert labels("组织200名专家。") == ["专家"]
    assert labels("年内办好12件惠民实事。") == ["惠民实事"]   # 办好, 抓好: light verbs
    assert labels("某某县筛选80家成长型企业。") == ["成长型企业"]
    # a pivot: the act after the noun says what the count is of, not the first verb
    assert labels("支持10所高中补短板。") != ["高中补短板支持数"]
    # a verbal noun of jieba's is a verb there; an adjective before it says how; 了 says nothing
    assert labels("优化35条公交线路。") == ["公交线路优化数"]
    assert labels("稳妥运行8个服务站,成效明显。") == ["服务站运行数"]
    assert labels("制定和颁布了30项规章。") == ["规章制定和颁布数"]
    assert labels("守住2亿亩耕地。") == ["耕地面积"]   # to hold a stock selects none of it


def test_a_works_verb_names_an_object_jieba_splits_into_odd_pieces():
    assert labels("引进培育40家首店。") == ["首店引进培育数"]
    assert labels("重点建设12个绿美点。") == ["绿美点建设数"]


@pytest.mark.parametrize("sentence, name", [
    ("改造校舍、建设300所寄宿制学校。", "寄宿制学校建设数"),            # an earlier act of the list
    ("省里准备重点扶持50个产粮大县。", "产粮大县扶持数"),               # a subject and its modal verb
])
def test_a_works_verb_after_an_act_of_its_own_names_what_it_counts(sentence, name):
    assert labels(sentence) == [name]
