"""Programme names by shape and context: full names for quoted cores, concepts and slogans left out."""
from __future__ import annotations

import pytest

from kg.extract.programmes import find_named_activities, find_quoted


def programme_labels(text: str) -> list[str]:
    return [label for _, _, label, _, kind in find_quoted(text) if kind == "programme"]


@pytest.mark.parametrize("text, label, alias", [
    ("全面推行“2+5”联审联办机制,办理时限压缩一半。", "2+5联审联办机制", "2+5"),
    ("“三减”惠农服务平台上线运行。", "三减惠农服务平台", "三减"),
    ("深化“文旅+”改革。", "文旅+改革", "文旅+"),                  # an open “X+” takes its word
    ("深化“山货进城”农产品直销行动,带动农户增收。", "山货进城农产品直销行动", "山货进城"),
])
def test_quoted_core_gets_the_full_name(text, label, alias):
    found = [(lb, al) for _, _, lb, al, kind in find_quoted(text) if kind == "programme"]
    assert found == [(label, (alias,))]


@pytest.mark.parametrize("text", [
    "各级干部要发扬“钉钉子”的精神,抓好落实。",           # an image qualifying a virtue
    "城市“年味儿”越来越浓。",                              # a descriptive word
    "粮食产量实现“21连增”。",                              # a record
    "水利建设由“重建设”向“重管护”转变。",                  # a change of emphasis
    "坚持“开门红、全年红”的工作要求。",                    # a slogan qualifying a demand
    "坚决贯彻“一国两制”方针。",                            # a term of state doctrine
    "我们要树立“发展为要、民生为本、安全为基”的理念。",    # a slogan list
    "反对所谓“两国论”。",                                  # someone else's creed
    "全年经济运行呈现“稳中有进、进中提质”态势。",          # a description, nothing launched by that name
    "建成“一中心两走廊”发展布局。",                        # a spatial layout
    "加快构建“一核两翼”。",                                # a numbered layout of space
    "致力建设“五地一屏一通道”。",                          # numbered roles of the land
    "统筹实施“三大板块”协同发展。",
    "全力打造“四个示范”。",                                # a counted tenet of the line
    "深入推进制造业“增品种、提品质、创品牌”工作。",        # a call to action: verbs before short objects
])
def test_concepts_slogans_and_images_are_not_programmes(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("创设“苗乡贷”普惠金融产品,惠及农户。", "苗乡贷"),               # short, but launched by a verb
    ("完成“个转企”35户。", "个转企"),                                  # short, but counted
    ("优化“黔务通”“黔办事”等平台,提升服务效能。", "黔务通"),          # listed among named platforms
    ("“青山绿廊”建设扎实推进。", "青山绿廊"),                          # its own alias-word after it
    ("“一乡一品”成效明显。", "一乡一品"),                          # a numbered name
    ("“湖湘数智”获评全国优秀案例。", "湖湘数智"),                      # distinguished by an award
    ("多部作品获“三个一工程”奖。", "三个一工程"),                      # a whole name with its head
])
def test_short_names_with_evidence_stay(text, label):
    assert label in programme_labels(text)


def test_a_tail_through_a_verb_or_a_list_is_not_part_of_the_name():
    assert programme_labels("组织“送法下乡”等活动20场。") == ["送法下乡"]
    assert programme_labels("推进“三会一课”学习常态化制度化。") == ["三会一课"]
    assert "机器管招投标实现工程" not in programme_labels("“机器管招投标”实现工程建设领域全覆盖。")


@pytest.mark.parametrize("text, names", [
    ("实行严格的水资源管理制度,保障供水。", []),                          # a clause, not a name
    ("坚持和完善基层群众自治制度,发展民主。", []),                        # a system of the state, upheld
    ("实施城乡供水提质工程和农村厕所革命提升行动,改善人居环境。",
     ["城乡供水提质工程", "农村厕所革命提升行动"]),                        # two names joined by 和
])
def test_unquoted_systems_and_campaigns(text, names):
    assert [label for _, _, label in find_named_activities(text)] == names


def test_listed_systems_only_where_a_sentence_puts_them_in_force():
    from kg.extract.programmes import find_listed_systems

    put_in_force = "严格执行项目公示制度、资金专户管理制度和竣工验收备案制度。"
    assert [label for _, _, label in find_listed_systems(put_in_force)][1:] == ["资金专户管理制度", "竣工验收备案制度"]
    assert find_listed_systems("健全议事协商制度、信息公开制度和考核评价制度,提升治理水平。") == []
    # an item that opens with a verb of improving is a rule being changed, not a rule's name
    improving = "执行项目公示制度、改进项目核准和备案制度、资金专户管理制度。"
    assert [label for _, _, label in find_listed_systems(improving)][1:] == ["资金专户管理制度"]


def test_a_bare_numbered_core_needs_its_name():
    assert programme_labels("“3+2”格局持续巩固。") == []
    assert programme_labels("构建“3+2”现代农业产业体系。") == ["3+2现代农业产业体系"]


@pytest.mark.parametrize("text", [
    "全市粮食生产喜获“十连丰”。",                          # a record in Chinese numerals
    "空气质量考核实现“三连优”。",                          # a record of rankings
    "扎实推进“十三五”各项任务。",                  # a period of the five-year plans
    "深化“十六五”前期研究。",                              # a period, even before a plan's word
    "打造“快、实、新、强”。",        # a motto of single characters
    "凝聚“同舟共济”工作合力。",              # an idiom quoted whole
    "坚决杜绝“形象工程”,不搞华而不实。",                  # a pejorative figure of speech
    "打造“稳投资、促消费”。",                      # verb–object pairs: a call to action
    "坚持“快、实、新、强”工作思路,抓好各项任务。",        # a work line (…思路) is a concept
])
def test_records_periods_mottos_and_idioms_are_not_programmes(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("持续开展“扫黄打非”专项斗争。", "扫黄打非"),            # an idiom-like name that a campaign runs by
    ("深入实施“八五”普法规划。", "八五普法"),                # a period with a head keeps its name
    ("启动“双随机、一公开”监管。", "双随机、一公开"),        # a numbered list is no verb–object slogan
])
def test_names_that_look_like_figures_of_speech_stay(text, label):
    assert label in programme_labels(text)


@pytest.mark.parametrize("text, label, alias", [
    ("出台“30条”稳岗扶企政策,惠及企业2万户。", "30条稳岗扶企政策", "30条"),   # a count of articles takes its policy
    ("落实“1+6”政策措施,支持民营经济发展。", "1+6政策措施", "1+6"),
    ("“光伏发电+生态修复”工程并网发电。", "光伏发电+生态修复工程", "光伏发电+生态修复"),  # a combined core takes its word
    ("推进“海岛花园”试验区建设。", "海岛花园试验区", "海岛花园"),             # 试验区 is a head
])
def test_cores_of_numbers_and_combinations_take_their_name(text, label, alias):
    found = [(lb, al) for _, _, lb, al, kind in find_quoted(text) if kind == "programme"]
    assert found == [(label, (alias,))]


@pytest.mark.parametrize("text", [
    "扎实推进“1+12”深化乡村治理改革试点。",                 # a bare numbered core without its name
    "加快构建“一湖两河三山”生态保护格局,持续打造“两湾一岛”。",  # layouts counted in features of the land
    "做好科技金融“三篇文章”。",                              # tasks as a figure of speech
])
def test_bare_cores_layouts_and_figures_are_not_programmes(text):
    assert programme_labels(text) == []


def test_a_designation_kept_by_its_results_stays():
    # “…”成果 after a quoted designation: its results are held on to, the designation stays a programme
    assert programme_labels("全县“省级生态文明示范县”成果不断巩固。") == ["省级生态文明示范县"]


@pytest.mark.parametrize("text", [
    "推动“茶叶+康养”深度融合,培育“山地+露营”等新业态。",     # fusions of fields describe a trend
    "打造“十分钟健身圈”,新建口袋公园30个。",                # a spatial idea
    "积极对接沿海地区,共建“园区飞地”。",                     # a spatial idea
    "扎实做好“五稳”工作,经济运行总体平稳。",                 # a numbered policy area's work
    "进一步增强农村信用社为“三牧”服务的能力。",               # something served, not an initiative
    "按照「关于加快农田水利建设的意见」的要求,抓紧部署。",   # the title of a text
])
def test_descriptive_quotes_are_not_programmes(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("深入实施“茶叶+康养”行动,带动农户增收。", "茶叶+康养行动"),         # the fusion's own action
    ("打造“十分钟健身圈”建设工程,新建口袋公园30个。", "十分钟健身圈建设工程"),
    ("深化“五稳”行动,稳住经济大盘。", "五稳行动"),                     # a numbered action, not the area's work
])
def test_descriptive_cores_with_a_head_word_stay(text, label):
    assert programme_labels(text) == [label]


def test_rules_in_general_are_no_named_system():
    assert find_named_activities("严格执行单位内部各项规章制度,加强日常管理。") == []


@pytest.mark.parametrize("text, label, alias", [
    ("深入实施“稳岗扩容”行动,新增就业岗位2万个。", "稳岗扩容行动", "稳岗扩容"),    # a description, named by its head
    ("推进“农田清风”工程,完成整治面积5万亩。", "农田清风工程", "农田清风"),
    ("实施“育苗、强链、扩面”行动。", "育苗、强链、扩面行动", "育苗、强链、扩面"),  # a list named as an action
])
def test_a_core_takes_its_head_word(text, label, alias):
    found = [(lb, al) for _, _, lb, al, kind in find_quoted(text) if kind == "programme"]
    assert found == [(label, (alias,))]


@pytest.mark.parametrize("text", [
    "增加“一间屋、一张桌、一把椅”产品供给。",               # a list of kinds of goods
    "抓好“有特色、有税源、有就业”项目建设。",               # a list of aims for projects
    "完善“一核三翼两极”发展体系,壮大县域经济。",           # a spatial layout and its system
    "批判所谓“复古主义纲领”。",                              # a political term
    "牢牢把握“沿海大省挑大梁”历史机遇。",                    # a slogan of a moment
])
def test_lists_layouts_and_terms_are_not_programmes(text):
    assert programme_labels(text) == []


def test_a_clean_up_is_named_by_its_target():
    assert find_named_activities("开展饮用水安全专项整治。") == []
    assert [n for _, _, n in find_named_activities("开展涉企乱收费问题专项整治。")] == ["涉企乱收费问题专项整治"]


def test_a_trend_in_quotes_is_no_programme_and_a_meeting_takes_its_name():
    assert programme_labels("全年事故起数呈现“两降一稳”良好态势。") == []
    assert programme_labels("成功举办“环太湖”企业家国际会议。") == ["环太湖企业家国际会议"]


@pytest.mark.parametrize("text", [
    "出台稳就业“16条”“22条”等政策。",                        # a count of articles without its policy's words
    "今年要开工一批“十五五”规划重大项目。",                    # a period's class of works
    "为了完成“八五”时期农业发展的任务,必须统一认识。",        # a period's task
    "打造沿江“光伏走廊”,建设“科创走廊”。",                  # spatial ideas
])
def test_counts_periods_and_corridors_are_not_programmes(text):
    assert programme_labels(text) == []


def test_a_period_plan_keeps_its_name():
    assert programme_labels("全面完成“八五”计划规定的任务。") == ["八五计划"]


@pytest.mark.parametrize("text", [
    "推广“线上预约+线下配送”服务模式,方便群众就医。",        # a combined way of working
    "加快构建“五纵三横”综合交通网,打通断头路。",            # a numbered layout of roads
])
def test_combined_models_and_road_layouts_are_not_programmes(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("深化“5+2”联防模式。", "5+2联防模式"),                                  # a numbered model is a name
    ("坚持“菜园子”县长负责制。", "菜园子县长负责制"),                          # the name runs to its head
    ("出台文旅“新十条”政策措施。", "新十条政策措施"),                          # a new count of articles
])
def test_numbered_models_and_full_names_stay(text, label):
    assert programme_labels(text) == [label]


@pytest.mark.parametrize("text", [
    "“远航二号”钻井平台建成投产。",                          # a named object (a platform, ship or satellite)
    "该团队荣获“全国护林英雄群体”称号。",                    # an honorary title of a group
    "老校长被授予“教育楷模”称号。",                          # an honorary title of a person
    "打造“老街里巷”80条,改造闲置空间。",                    # a kind of street counted
    "建成“滨水绿道”河段120公里。",                          # river sections counted
    "新建“便民驿站”300个。",                                 # a kind of facility counted
    "全面落实“能办又好办”,优化审批。",                       # a paired call (…又…)
    "园区“压舱石”“试验田”“先行区”功能持续彰显。",          # roles in a run of quotes
    "实施以“智联、绿能、精造”为特征的新型技改工程。",        # features of another programme
    "深化“院校+基地+企业”结对合作。",                        # fields chained before how they relate
    "促进“科研-生产-市场”良性循环。",
    "学院“智能建造工程”专业群入选国家级名单。",              # a course of study
    "我国同邻国共同宣布建立“某某合作组织”。",                # a body
    "构建“研发—中试—量产”全流程服务体系。",                  # stages chained before a system word
])
def test_objects_titles_counted_kinds_roles_and_features_are_not_programmes(text):
    assert programme_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("迭代建设“办事只跑一次”等20个重大应用。", "办事只跑一次"),    # listed among counted items: still a name
    ("实施“百城千镇”项目30个。", "百城千镇"),                        # a programme's items counted
    ("健全“调解+仲裁”联动机制。", "调解+仲裁联动机制"),               # a chained mechanism keeps its name
    ("建成“网络+巡查”执法体系。", "网络+巡查执法体系"),               # a pairing before a system word
    ("该剧荣获“山河奖”。", "山河奖"),                                  # an award of works: a designation
    ("推出“湖光1号”旅游专列。", "湖光1号"),                            # a brand's numbered line
])
def test_named_items_counted_stay(text, label):
    assert label in programme_labels(text)


def system_labels(text: str) -> list[str]:
    return [label for _, _, label in find_named_activities(text)]


@pytest.mark.parametrize("text", [
    "落实休假补贴制度。",                 # a policy noun + 制度: a kind of institution
    "推行医疗救助制度,扩大覆盖面。",
    "严格执行值班报告制度。",
])
def test_generic_systems_in_force_are_not_programmes(text):
    assert system_labels(text) == []


@pytest.mark.parametrize("text, label", [
    ("全面落实贷款三级审核制度。", "贷款三级审核制度"),                     # a number form
    ("各部门全面落实民法典宣讲制度。", "民法典宣讲制度"),                       # a law it applies
    ("落实街道议事会每月集体学法制度。", "街道议事会每月集体学法制度"),     # spelled out: who does what
])
def test_distinctive_systems_in_force_stay(text, label):
    assert system_labels(text) == [label]


def test_two_generic_systems_joined_are_not_spelled_out():
    assert system_labels("落实能耗定额管理和循环利用制度。") == []


def test_a_name_runs_on_to_the_system_word_after_its_head():
    # the head word (工程, 制度) is followed by the system it names: the name ends at 体系
    assert programme_labels("构建“3+X”重点工程体系,夯实基础。") == ["3+X重点工程体系"]
    assert programme_labels("健全“1+5”制度体系建设。") == ["1+5制度体系"]  # 建设: what is done with it


def test_a_footnote_mark_after_a_quote_is_read_past():
    text = "建立“一网一端”［4］政务服务平台,提升效能。"
    found = [(text[a:b], label) for a, b, label, _, kind in find_quoted(text) if kind == "programme"]
    assert found == [("“一网一端”［4］政务服务平台", "一网一端政务服务平台")]
    assert programme_labels("投诉量呈现“一升两降”[2]良好态势。") == []  # the concept word after the mark counts


def test_he_mei_is_a_word_of_the_name_not_a_conjunction():
    assert programme_labels("“三美同创”和美乡村工程入选典型案例。") == ["三美同创和美乡村工程"]
    # before another quote 和 joins the two, and the head after the second names both
    assert programme_labels("“三美同创”和“四好”工程同步推进。") == ["三美同创工程", "四好工程"]


def test_a_count_of_articles_takes_its_policy_system():
    assert programme_labels("构建“1+2+8”高质量发展支持政策体系。") == ["1+2+8高质量发展支持政策体系"]


def test_a_matrix_after_a_fund_is_no_part_of_its_name():
    assert programme_labels("做优“金凤凰”基金矩阵。") == ["金凤凰基金"]


@pytest.mark.parametrize("text, name", [
    ("实施提升行政执法质量三年行动。", "提升行政执法质量三年行动"),      # 提升 is what the action does
    ("加力推进提升农村饮水质量专项行动。", "提升农村饮水质量专项行动"),
    ("全面实施减污降碳专项行动。", "减污降碳专项行动"),               # 全面实施 only puts it in force
    ("大力实施全面振兴新突破三年行动。", "全面振兴新突破三年行动"),      # after 实施, 全面 opens the name
    ("深入开展全面提升城市品质专项行动。", "全面提升城市品质专项行动"),
    ("持续深入开展减污降碳专项行动。", "减污降碳专项行动"),              # adverbs before the launch verb go
])
def test_a_campaigns_own_verb_stays_in_its_name(text, name):
    from kg.pipeline import extract_text

    found = [e.label for e in extract_text(text).entities.values() if e.kind == "programme"]
    assert found == [name]


@pytest.mark.parametrize("text, name", [
    ("“数字化转型”获评全国法治政府建设示范项目。", "全国法治政府建设示范项目"),   # the level and the kind awarded
    ("甲市获评全国法治政府建设示范市（县）。", "全国法治政府建设示范市(县)"),
    ("法治政府建设示范创建取得新成效。", "法治政府建设示范创建"),            # the activity of seeking it
    ("深化法治政府建设示范工作。", "法治政府建设示范"),                   # the designation alone
    ("甲市获评全国法治政府建设示范市（县、区）。", "全国法治政府建设示范市(县、区)"),
    ("推进法治政府建设示范区域协同。", "法治政府建设示范"),               # 区域 is a word: no kind
    ("健全市法治政府建设示范创建机制。", "法治政府建设示范创建"),          # 健全 ends in 全: no scope
])
def test_a_designation_keeps_its_level_and_kind(text, name):
    from kg.pipeline import extract_text

    found = [e.label for e in extract_text(text).entities.values() if e.kind == "programme"]
    assert found[-1:] == [name]
