"""A count whose noun follows the number and whose predicate selects what was counted
(N个甲入选乙) names the selected things, not every 甲."""
from __future__ import annotations

import pytest

from kg.extract.metrics import find_metrics


def _names(sentence: str) -> list[str]:
    return [q.indicator for q in find_metrics(sentence)]


@pytest.mark.parametrize("sentence, name", [
    ("全市6个甲型园区入选国家乙类试点名单。", "入选国家乙类试点名单的甲型园区数"),
    ("120项政务事项实现“掌上办”,群众更加便利。", "实现掌上办的政务事项数"),
    ("9所职业学校全部达到省级示范标准。", "全部达到省级示范标准的职业学校数"),
    ("4家单位被评为省级先进集体。", "被评为省级先进集体的单位数"),
    ("3200名创业青年享受贴息贷款。", "享受贴息贷款的创业青年人数"),
    ("思源等7户企业入选省级优秀案例。", "入选省级优秀案例的企业数"),   # 户 counts firms here
    ("12家企业入选“甲类100强”。", "入选甲类100强的企业数"),           # digits of a quoted name
    ("5户企业入选省级5G工厂名录。", "入选省级5G工厂名录的企业数"),      # 5G is no value
    ("3部影片入选2030年度推荐片单。", "入选2030年度推荐片单的影片数"),  # nor is a year
    ("5家本地企业进入全国民营企业100强。", "进入全国民营企业100强的本地企业数"),   # nor a ranking
])
def test_a_selecting_predicate_names_the_count(sentence, name):
    assert _names(sentence) == [name]


@pytest.mark.parametrize("sentence, name", [
    ("甲乙等20项科技成果填补国内空白。", "填补国内空白的科技成果数"),
    ("78个民族自治县全部通高等级公路。", "全部通高等级公路的民族自治县数"),
    ("78个民族自治地方县(市)全部通高等级公路。", "全部通高等级公路的民族自治地方县(市)数"),   # a note in brackets ends the noun
    ("3个典型案例亮相联合国气候变化大会。", "亮相联合国气候变化大会的典型案例数"),   # 亮相: jieba tags it a noun
])
def test_any_verb_with_its_object_after_a_whole_noun_selects_too(sentence, name):
    assert _names(sentence) == [name]


def test_newly_before_a_verb_of_selection_and_counts_joined_by_he():
    # 地级市 alone is no name, yet it is the first count the predicate selects; 新 goes with 获评
    assert _names("5个地级市和5个县级城市新获评全国文明城市。") == ["新获评全国文明城市的地级市数", "新获评全国文明城市的县级城市数"]


def test_a_noun_cut_before_its_last_word_takes_no_predicate():
    # 超低 is no noun: the count's noun was cut inside 超低排放改造, which is no predicate of it
    names = _names("完成2812万吨钢铁产能、395台燃煤锅炉超低排放改造,优良天数比例保持在90%以上。")
    assert not any(name.startswith("排放改造的") for name in names)
    # a long noun cut at its length inside a word (历史遗|留问题): the rest is no predicate of it
    assert not _names("解决了500多万名甲类企业退休人员养老保障的历史遗留问题。")[0].startswith("留问题的")


@pytest.mark.parametrize("sentence, name", [
    ("210个重点项目完成投资900亿元。", "重点项目"),            # the predicate reports a value of its own
    ("将30类甲事项纳入清单管理。", "甲事项"),                    # the count is the object of 将
    ("新增甲类企业30家,带动就业2万人。", "新增甲类企业"),       # the noun comes before the number
])
def test_a_count_without_a_selecting_predicate_keeps_its_name(sentence, name):
    assert _names(sentence)[0] == name


@pytest.mark.parametrize("sentence, name", [
    ("为3000名困难老人提供上门服务。", "提供上门服务的困难老人人数"),
    ("在120个社区设置便民服务点,方便群众。", "设置便民服务点的社区数"),
    ("为80个老旧小区引入了物业服务。", "引入物业服务的老旧小区数"),
    ("对45件地方规章进行全面清理。", "进行全面清理的地方规章数"),
    ("与12个国家开展农业合作。", "开展农业合作的国家数"),       # done with them
    ("向30家企业派驻了指导员。", "派驻指导员的企业数"),
])
def test_an_act_done_for_the_counted_things_names_them(sentence, name):
    assert _names(sentence) == [name]


@pytest.mark.parametrize("sentence, name", [
    ("为2000名农民工追回欠薪3亿元。", "农民工"),                 # the act reports a value of its own
])
def test_an_act_with_a_value_or_inside_the_noun_is_left_alone(sentence, name):
    assert _names(sentence)[0] == name


def test_the_predicate_after_a_list_of_counts_selects_every_item():
    names = _names("5所中学、12个社团入选省级示范名单。")
    assert names == ["入选省级示范名单的中学数", "入选省级示范名单的社团数"]


def test_two_counts_joined_by_he_share_the_predicate():
    names = _names("30名教师和4个教研组获评省级先进。")
    assert names == ["获评省级先进的教师人数", "获评省级先进的教研组数"]


@pytest.mark.parametrize("text, indicators", [
    ("入选国家甲级示范工厂3家、乙级示范工厂12家。", ["入选国家甲级示范工厂数", "入选乙级示范工厂数"]),
    ("获评某某奖5人、某某能手9人。", ["获评某某奖人数", "获评某某能手人数"]),
])
def test_a_list_chosen_for_designations_counts_what_was_chosen(text, indicators):
    assert [q.indicator for q in find_metrics(text)] == indicators


@pytest.mark.parametrize("text, indicators", [
    ("维修改造甲街、乙路等12条主干道路。", ["主干道路维修改造数"]),   # examples before the count
    ("新签和升级3个自由贸易协定。", ["自由贸易协定新签和升级数"]),
    ("食品、石化、化工等产业增加值分别增长5%、6%、7%。", ["食品产业增加值", "石化产业增加值", "化工产业增加值"]),
])
def test_counted_things_keep_their_selecting_verb_and_a_list_drops_its_etc(text, indicators):
    assert [q.indicator for q in find_metrics(text)] == indicators


def test_a_noun_refused_as_a_name_alone_is_still_what_the_predicate_selects():
    # 可信 opens 可信数据空间 as a verb would, so the bare noun names nothing; 入选 says what is counted
    assert _names("6个可信数据空间入选国家试点。") == ["入选国家试点的可信数据空间数"]
    assert _names("12个项目获评国家优质工程奖。") == ["获评国家优质工程奖的项目数"]
    # a noun lost in a verbal noun (县区…发展) names nothing, selected or not
    assert _names("20个县区义务教育优质均衡发展完成评估验收。") == [""]


@pytest.mark.parametrize("sentence, name", [
    ("全年18所乡镇卫生院陆续开工。", "乡镇卫生院开工数"),
    ("承诺的9件惠民实事全部兑现。", "惠民实事兑现数"),
    ("8件惠民实事如期兑现。", "惠民实事兑现数"),   # jieba reads 如期 into the noun run: the same
    ("全年6个化工园区全面整治。", "化工园区整治数"),
])
def test_adverbs_before_a_verb_of_works_alone_leave_the_works_measure(sentence, name):
    # as N所甲开工 is 甲开工数: how it went (陆续, 全部) does not make the verb select other things
    assert _names(sentence) == [name]


@pytest.mark.parametrize("sentence", ["仍有5个项目未开工。", "3件实事尚未兑现。", "6所学校即将开工。"])
def test_a_negated_or_coming_verb_of_works_makes_no_works_measure(sentence):
    # 未开工 counts what was not started; 即将 what is still to come: neither is 甲开工数
    assert not any(name.endswith(("开工数", "兑现数")) for name in _names(sentence))


@pytest.mark.parametrize("sentence, name", [
    ("8项改革经验在全国推广。", "在全国推广的改革经验数"),                    # any verb after a place
    ("5个河段水环境质量进入全省前三。", "水环境质量进入全省前三的河段数"),    # an attribute before the verb
    ("320项事项办理时间全部实现全省最短。", "办理时间全部实现全省最短的事项数"),
    ("2.3万名帮扶对象稳定消除返贫风险。", "稳定消除返贫风险的帮扶对象人数"),   # an adjective as a manner word
    ("1200所学校受益。", "受益学校数"),                                         # a verb that selects alone
    ("使300万户企业受益。", "受益企业数"),                                     # 户 counts firms
])
def test_words_before_the_selecting_verb_leave_it_selecting(sentence, name):
    assert _names(sentence) == [name]


def test_a_relative_clause_after_the_count_is_no_predicate():
    # 全覆盖的完整产业链 describes the chain; the count's noun is left as written
    assert _names("形成50个零部件全覆盖的完整产业链。") == ["零部件"]
