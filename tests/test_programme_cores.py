"""Bare quoted cores that name no programme (kg/extract/quote_cores.py), and the names that stay.

Sentences are written for these tests in the style of the reports; none is taken from the corpus.
"""
from __future__ import annotations

import pytest

from kg.extract.programmes import find_named_activities, find_quoted


def programme_labels(text: str) -> list[str]:
    return [label for _, _, label, _, kind in find_quoted(text) if kind == "programme"]


@pytest.mark.parametrize("text", [
    "推动种植养殖、冷链物流、电商销售“三环同步”。",                  # counts the three items before it
    "健全监测预警、应急处置和恢复重建“三项机制”,提升韧性。",         # A、B和C: three items
    "统筹抓好研发、转化、孵化、应用“四端联动”。",
])
def test_a_quote_that_sums_up_the_list_before_it_is_no_name(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("弘扬爱家乡、爱劳动的“两爱”活动,培育新风。", "两爱"),             # introduced by 的: its own name
    ("建设水利、交通、能源“两网一体”平台。", "两网一体"),             # the count does not match the list
    ("为学生、老人推行“一碗汤”。", "一碗汤"),                           # one is no count of a list
])
def test_numbered_names_after_a_list_stay(text, label):
    assert label in programme_labels(text)


@pytest.mark.parametrize("text", [
    "促进“工商文旅”融合发展。",                                      # fields abbreviated, then how they relate
    "深入实施“储运销用”全产业链提升。",
    "实施“水风光”等多能互补工程。",                                  # an example of a many-part kind
    "推进“路港航空”四类网络互联互通。",
])
def test_abbreviated_fields_are_no_name(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text", [
    "加快“两港一中心”建设。",                                        # a numbered set of facilities
    "推进“一园三基地”规划建设。",
    "划定“两区一线”。",
])
def test_numbered_sets_of_places_are_no_programme(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text", [
    "深化“大水务”统筹管理。",                                        # the core of a longer name
    "健全“大监管”体系。",
    "深化“大平安大治理”。",
])
def test_a_big_x_idea_alone_is_no_programme(text):
    assert programme_labels(text) == []


def test_a_big_x_idea_with_its_head_keeps_the_full_name():
    assert programme_labels("深化“大综合一体化”行政执法改革。") == ["大综合一体化行政执法改革"]


@pytest.mark.parametrize("text", [
    "按照“两岸一家亲”的构想推进交流。",                              # qualifies another noun
    "参与“某某集团”篡党夺权阴谋活动。",                              # a faction named by its misdeed
    "话剧“山路弯弯”荣获文华大奖。",                                  # a work of art
    "“清肺宁胶囊”获批上市。",                                        # a drug
])
def test_modifiers_factions_and_titles_of_works_are_no_programme(text):
    assert programme_labels(text) == []


def test_a_quote_before_another_quoted_name_keeps_its_structure():
    # “一中心、两平台”的“…”体系: the quote gives the structure of a named system
    assert "一网两端" in programme_labels("建成“一网两端”的“智慧+监管”服务体系。")


@pytest.mark.parametrize("text", [
    "培育“科研机构+龙头企业”创新联合体。",                          # fields joined with +, qualifying a noun
    "推广“收购+再生”等模式。",
])
def test_a_mix_of_fields_qualifying_a_noun_is_no_name(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("全面推行“互联网+信用”。", "互联网+信用"),                      # what is pushed, standing alone
    ("促进“人工智能+养老”规范发展。", "人工智能+养老"),              # an X+ initiative that is developed
    ("争取“康养+旅游”试点。", "康养+旅游"),                          # a head word makes it a name
])
def test_plus_initiatives_stay(text, label):
    assert label in programme_labels(text)


@pytest.mark.parametrize("text", [
    "实施一批“暖心小”民生项目。",                                    # a kind of project
    "完成“数智升级”重点项目120个。",
    "推出一批对接“三个高地”建设重点平台。",
])
def test_a_quote_before_a_kind_of_project_names_a_category(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("建立健全“大服务”促进机制,扩大消费。", "大服务促进机制"),       # a verb that qualifies the head
    ("建立“三个一”推进机制,加快项目落地。", "三个一推进机制"),
])
def test_a_verb_right_before_the_head_is_part_of_the_name(text, label):
    assert programme_labels(text) == [label]


def test_a_verb_with_an_object_is_still_a_predicate():
    assert programme_labels("“智慧工地”推进工程建设提速。") != ["智慧工地推进工程"]


@pytest.mark.parametrize("text", [
    "落实“十一个着力”重点任务。",                                    # counted tenets past ten
])
def test_counted_tenets_are_no_programme(text):
    assert programme_labels(text) == []


def test_a_policy_joined_to_a_campaign_is_not_part_of_its_name():
    found = [label for _, _, label in find_named_activities("实施稳就业政策和就业服务质量提升专项行动,稳定岗位。")]
    assert found == ["就业服务质量提升专项行动"]


@pytest.mark.parametrize("text", [
    "坚决遏制“三高”项目盲目上马。",                                  # a category curbed
    "严控新增“三高一低”项目。",
    "不能搞“烂尾楼”工程。",                                          # a pejorative with its head, banned
    "化解“一房多卖”1.2万件。",                                       # a problem resolved
    "取消不切实际的“评优”、“晋档”活动。",                            # the verb governs every quote of its list
    "严防“钓鱼”项目和“拖尾”工程。",                                  # … with the first quote's head word between
])
def test_what_a_sentence_curbs_is_no_programme(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, labels", [
    ("实施“宽带提速”和“信号升格”专项行动。", ["宽带提速专项行动", "信号升格专项行动"]),
    ("深入开展“走访”“送解优”“链长到一线”行动。", ["走访行动", "送解优行动", "链长到一线行动"]),
    ("实施“百人计划”、“人才兴链”行动。", ["百人计划", "人才兴链行动"]),   # a core with a head of its own keeps it
    ("开展“护企行”、“暖企行”等活动。", ["护企行", "暖企行"]),             # 等: a kind of activity, no shared name
])
def test_a_run_of_quotes_shares_the_head_after_its_last(text, labels):
    assert programme_labels(text) == labels


def test_one_character_quotes_are_halves_of_a_word_and_share_nothing():
    assert "园融合发展机制" not in programme_labels("建立国家公园“园”“地”融合发展机制。")


def test_a_shared_head_that_only_names_an_alias_gives_each_quote_the_same_shape():
    found = [(label, aliases) for _, _, label, aliases, _ in find_quoted("开展“护企行”、“暖企行”活动。")]
    assert found == [("护企行", ("护企行活动",)), ("暖企行", ("暖企行活动",))]


def test_straight_quotes_share_a_head_as_curly_ones_do():
    assert programme_labels('实施"宽带提速"和"信号升格"专项行动。') == ["宽带提速专项行动", "信号升格专项行动"]


@pytest.mark.parametrize("text", [
    "扩大“短途游”产品供给。",                                         # a kind of product
    "做大做强“两优一特”产业。",                                       # a kind of industry
    "加快“三稀一贵”金属产业发展。",
])
def test_a_quote_that_says_which_goods_or_industry_is_no_programme(text):
    assert programme_labels(text) == []


def test_a_park_of_an_industry_is_not_a_kind_of_goods():
    assert programme_labels("建设“数字丝路”产业园。") == ["数字丝路"]
    assert programme_labels("推进“一村一品”产业化。") == ["一村一品"]       # 产业化: a process, no industry


def test_a_short_programme_built_stays():
    assert programme_labels("加快内蒙古大学“双一流”建设。") == ["双一流"]


def test_putting_a_bare_quote_into_effect_does_not_make_it_a_programme():
    # 落实 puts requirements and principles into effect as often as schemes: it is no evidence
    assert programme_labels("加快政策落实“直通快办”。") == []
    assert programme_labels("全面落实“河湖长制”工作机制。") == ["河湖长制工作机制"]


def test_a_figure_of_speech_with_its_head_word_is_no_programme():
    assert programme_labels("一些地方出现“面子”工程。") == []


def test_a_word_ending_in_a_joining_character_joins_no_list():
    # 参与 ends in 与: the curb on the first quote does not reach the second
    assert programme_labels("限制“僵尸企业”参与“双招双引”项目。") == ["双招双引"]


def test_a_curb_does_not_reach_a_quote_past_its_list():
    assert programme_labels("取消“评优”活动,开展“晋档”行动。") == ["晋档行动"]


@pytest.mark.parametrize("text", [
    "推进“物防、技防、人防”。",                                      # items sharing their last character
    "实施“稳产、稳价、稳供”。",                                      # … or their first
])
def test_parallel_lists_are_no_name(text):
    assert programme_labels(text) == []


def test_numbered_and_distinct_items_stay_a_name():
    assert "双随机、一公开" in programme_labels("全面推行“双随机、一公开”监管。")
    assert "一网、一窗" in programme_labels("推行“一网、一窗”。")


@pytest.mark.parametrize("text", [
    "打造“康养湾”。",                                                # a place made into a goal
    "建设“科创岛”。",
    "推进“零碳产业园区”建设。",
])
def test_places_made_into_goals_are_no_programme(text):
    assert programme_labels(text) == []


def test_a_place_word_with_a_head_keeps_its_name():
    assert programme_labels("擦亮“海上花园”品牌。") == ["海上花园"]


def test_a_mix_that_says_how_a_task_is_run_stays():
    assert "园区+基金+场景" in programme_labels("深化“园区+基金+场景”招商。")


def test_items_that_say_what_is_done_take_the_head_of_their_list():
    found = [label for _, _, label in find_named_activities("实施耕地土壤酸化治理、乡村学校提质等行动,办好民生实事。")]
    assert found == ["耕地土壤酸化治理行动", "乡村学校提质行动"]
    found = [label for _, _, label in find_named_activities("开展黑臭水体整治、河湖岸线保护等专项行动。")]
    assert found == ["黑臭水体整治专项行动", "河湖岸线保护专项行动"]


def test_items_named_by_a_noun_stay_whole():
    found = [label for _, _, label in find_named_activities("举办山海音乐节、乡村美食季等活动,带动消费。")]
    assert found == ["山海音乐节", "乡村美食季"]


def test_a_vague_series_is_no_name():
    assert programme_labels("统筹推进“绿色系列”建设。") == []


def test_a_creed_someone_spreads_is_no_programme():
    assert programme_labels("他们到处宣扬“两少一多”。") == []


def test_an_item_named_by_its_list_head_keeps_its_written_form_as_an_alias():
    from kg.pipeline import extract_text

    ex = extract_text("实施耕地土壤酸化治理、乡村学校提质等行动。")
    names = {e.label: e.aliases for e in ex.of_kind("programme")}
    assert set(names["耕地土壤酸化治理行动"]) == {"耕地土壤酸化治理"}


@pytest.mark.parametrize("text", [
    "着力打造“创新动能”。",                                          # an image of growth
    "持续擦亮“三张名片”。",
    "全面落实“零费用”开办政策。",                                    # a zero-state
    "政务服务能力获评“领先级”。",                                    # a grade
    "实施“一揽子”增量政策。",                                        # a quantity word
    "提高“齐鲁粮仓”建设成效。",                                      # a figure of a place's role
    "推进三江源“中华水塔”生态保护。",
])
def test_descriptive_words_are_no_name(text):
    assert programme_labels(text) == []


def test_a_verb_ending_in_ji_is_no_grade():
    assert programme_labels("实施“网络升级”专项行动。") == ["网络升级专项行动"]
    assert "网络升级专项行动" in programme_labels("实施“网络升级”和“信号提速”专项行动。")


def test_calibrated_exceptions_stay_names():
    # aims plus 政策 name a policy package; a “…”重大项目 list can be named; a set of bodies
    # (schools, institutes) is no layout of places; a market brand is no place made into a goal
    assert "稳产扩销+政策" in programme_labels("及时出台“稳产扩销+政策”措施。")
    assert programme_labels("安排首批“千村百镇”重大项目500个。") == ["千村百镇重大项目"]
    assert "两校一院" in programme_labels("推进“两校一院”建设。")
    assert "山货市集" in programme_labels("打造“山货市集”。")


@pytest.mark.parametrize("text, kept", [
    ("合力推进“八闽工匠”培育。", []),                   # a title given to people: who is trained
    ("加快培育现代巴渝“新农人”。", []),
    ("实施“齐鲁英才”计划。", ["齐鲁英才计划"]),          # with a head word the quote names the plan
    ("实施“天府工匠”培养工程。", ["天府工匠培养工程"]),
    ("深入实施“鲲鹏英才”。", ["鲲鹏英才"]),               # launched by name: a scheme
])
def test_a_title_given_to_people_is_no_programme_by_itself(text, kept):
    assert programme_labels(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("推进“城—镇—村”供水管网延伸并网。", []),                        # the reach of the mains
    ("梯度培育“省级—国家级—世界级”先进制造业集群。", []),               # a ladder of tiers
    ("举办“内蒙古—深圳”产业合作大会。", ["内蒙古—深圳产业合作大会"]),   # two places: the pair names it
])
def test_a_chain_of_tiers_or_places_is_no_programme_by_itself(text, kept):
    assert programme_labels(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("“三公两费”持续压降。", []),                       # spending to reduce
    ("加力推进“两久”项目处置。", []),                   # projects to dispose of
    ("推进“一网通办”持续深化。", ["一网通办"]),           # deepened, not cut
    ("依托“一网统管”处置各类城市运行事件。", ["一网统管"]),  # the tool; what is disposed of follows
    ("实施“百千万工程”持续压降成本。", ["百千万工程"]),
])
def test_what_the_sentence_cuts_or_disposes_of_is_no_programme(text, kept):
    assert programme_labels(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("构建“四级三类”国土空间规划体系。", []),          # a system of plans: documents
    ("建立“一网统管”城市运行体征指标体系。", []),       # a system of indicators: measures
    ("构建“1+N”政策体系。", ["1+N政策体系"]),            # a system of policies is one
])
def test_a_system_of_plans_or_indicators_is_no_programme(text, kept):
    assert programme_labels(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("两处遗址入选“全国十大考古新发现”。", []),                 # a ranking a place enters
    ("某村入选世界“最佳旅游乡村”。", []),                        # with its scope between
    ("某市获评“2025最具幸福感城市”。", []),
    ("某景区入选“2025全国旅游景区创新发展案例”。", []),          # a selection of cases, with its year
    ("稳步实施“碳达峰十大行动”。", ["碳达峰十大行动"]),          # a campaign with a ranking word: launched
    ("某校入选“双一流”建设名单。", ["双一流"]),                  # entered, but nothing ranks: a programme
    ("某市获评“国家森林城市”。", ["国家森林城市"]),              # a designation conferred, not a ranking
    ("两个村荣获“中国最美休闲乡村”。", []),
    ("某市入选全省“十佳营商环境城市”。", []),
    ("某村入选首批“全国最美乡村”。", []),
    ("某县获评“全国县域经济十强县”。", []),
    ("该企业入选国家“揭榜挂帅”。", ["揭榜挂帅"]),                # 揭榜: tasks awarded, no ranking
    ("某县入选“2024年度国家乡村振兴示范县”。", ["2024年度国家乡村振兴示范县"]),   # a year alone ranks nothing
    ("某市荣获“中国节水奖”。", ["中国节水奖"]),                  # an award of its own name
])
def test_a_ranking_that_places_enter_is_no_programme(text, kept):
    assert programme_labels(text) == kept
