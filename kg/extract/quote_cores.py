"""Bare quoted cores that do not name a programme by themselves.

When a quote stands alone as a programme's label (no head word joins it to a
longer name), the way the sentence uses it can show that it is no name at all:

- it sums up the list right before it (生产、加工、品牌“三链同构”; A、B、C“五大体系”): a count
  of the items just given, not an initiative;
- it abbreviates fields with one character each before how they relate (“农体文旅商养”多业态聚合,
  “A”等多能互补工程): the parts of a kind of effort, not its name;
- it is a numbered set of places or facilities (“三基地一枢纽”, “两专科一中心”): a layout or a goal;
- it is a “大X” idea of integrated management (“大财政”体系, “大资产”统筹管理): the core of a
  longer name the report does not give as one;
- it qualifies a noun with 的 (“…”的设想, “…”的定力) or names a faction by its misdeeds;
- it says which goods or industry (“…”产品供给, “…”金属产业);
- it is the title of a work of art (曲艺作品“…”) or of a drug (“…片”获批上市);
- the sentence goes on to cut or dispose of it (“…”持续压降, “…”项目处置): spending or assets to reduce;
- it is a title given to a kind of people (培育“八闽工匠”, “新农人”): who is trained or honoured;
- it chains three or more tiers, places or steps with dashes (“城—镇—村”, “省级—国家级—世界级”): the
  reach or the ladder of something, not its name;
- it is a ranking or selection that places or works enter (入选“全国十大考古新发现”, 获评“2025最具幸福感
  城市”): the title of a list, not a programme.

A verb that curbs, bans or resolves (遏制, 取消) rules out every quote of the list that follows it.

Separately, a tail that makes a quote a *kind* of project or platform (“…”重点项目, “…”民生项目)
names a category, not one programme; a system of plans or of indicators (“…”国土空间规划体系,
“…”指标体系) is a set of documents or measures.
"""
from __future__ import annotations

import re

from kg import segment
from kg.extract import quote_sense
from kg.extract.common import quoted_span, word_goes_on

_VALUE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2, "双": 2}
_CLAUSE_BREAK = re.compile(r"[,，;；。:：!！?？\n]")
_LIST_ITEM_SEP = "、"

# what several fields do together: the quote lists the parts of a kind of effort
_RELATION_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:融合|联动|协同|聚合|互补|一体化|全产业链|全链条|互联互通)"
                             r"|[一二三四五六七八九十]大?类")
# “A”等多能互补工程, “A”等多链协同工程: the quote is an example of a many-part kind
_MANY_KINDS_AFTER = re.compile(r"等多[元能链业式维源]")
_NUMERALS = re.compile(r"[\d一二三四五六七八九十两双百千万]")

# numbered places and facilities (三基地一枢纽, 一区三中心, 两专科一中心, 八站两场)
_PLACE = r"(?:目的地|区间|专科|园区|片区|基地|枢纽|中心|[区站场港城镇村岛湾河岸湖江山州线园廊带])"  # not 校, 院: bodies
_PLACE_SET = re.compile(rf"^(?:[一二三四五六七八九十两双多]+{_PLACE}[、,，]?){{2,}}$")

# “大财政”, “大资产”, “大安全大应急”: an idea of integrated management, the core of a longer name
_BIG_IDEA = re.compile(r"^大[\u4e00-\u9fff]{1,2}(?:大[\u4e00-\u9fff]{1,2})?$")

# “…”的设想, “…”的定力: the quote qualifies another noun; 的 before what is done with a named
# programme (的实施, 的经验), 的 as a nominaliser (…的有二十二个) or before another quoted name (“一中心、
# 两平台”的“…”体系: the structure of that name) keeps it
_MODIFIER_OF = re.compile(r"的(?![“「]|有|是|实施|建设|推进|经验|做法|成果|成效|落实|试点|工作|基础上)")
# a faction named by what it did (“…”篡党夺权阴谋活动)
_MISDEED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:篡|阴谋|反革命|反党|叛国|分裂)")

# a class of goods or industries (“…”产品供给, “…”金属产业, “…”特色产业): the quote says which kind;
# a park, base or cluster of them (…产业园, …产品基地) is a place or a body of its own
_GOODS_AFTER = re.compile(r"(?:特色|金属|农)?(?:产业|产品)"
                          r"(?!化|园|基地|集群|链|联盟|学院|大脑|基金|研究院|协会|工人|中心|平台|带|区|行动|工程|计划|体系)")

# a work of art (曲艺作品“…”, 二人转“…”, 纪录片“…”) or a drug (“…片”获批上市)
_WORK_BEFORE = re.compile(r"(?:作品|二人转|小品|舞蹈|舞剧|歌剧|话剧|戏曲|歌曲|电影|纪录片|电视剧|影片|小说|曲艺|专辑)$")
_DRUG = re.compile(r"(?:片|胶囊|注射液|颗粒|口服液)$")
_APPROVED_AFTER = re.compile(r"(?:[、,，]?[“「][^“”「」\n]{1,20}[”」])*获批上市")

# fields joined with + (no numbers): “科学家+企业家”, “换新+回收”
_MIX = re.compile(r"^[^+＋\d]+(?:[+＋][^+＋\d]+)+$")
# …”规范发展, …”应用发展, …”招商: an X+ initiative that is itself developed, or the way a task
# is run (“A+B+C”招商), not a mix qualifying a noun
_GROWN = re.compile(r"[\u4e00-\u9fff]{0,2}(?:发展|招商)(?![\u4e00-\u9fff])")

# verbs that curb, ban or resolve what follows (坚决遏制“…”, 严控新增“…”, 不能搞“…”, 化解“…”)
_CURB_BEFORE = re.compile(r"(?:遏制|严控|控制|限制|淘汰|防止|严防|杜绝|化解|取消|打击|严禁|禁止|不能搞|不搞)"
                          r"(?:新增|出现|不切实际的)?$")

# a cut or a disposal right after the quote (“…”持续压降, “…”［14］处置力度, “…”项目处置)
_CUT_AFTER = re.compile(r"(?:\s?[\[［]\d{1,3}[\]］])?(?:项目|资产)?(?:持续|逐步|大幅|进一步)?(?:压降|压减|处置|清退|出清)"
                        r"(?=力度|工作|任务|进度|$|[,，。;；、])")   # (依托“…”处置各类事件: a tool, the object follows)

# an earlier quote of the same list, right before this one, with its head word if it has one
# (“甲”、“乙”; “甲”项目和“乙”工程: the 、 or 和 joins them; not 参与 or 涉及, which end in 与 and 及)
_QUOTE_BEFORE = re.compile(quoted_span(20) + r"(?:项目|工程|行动|活动|计划|政策|问题|现象)?[、和及与]$")

# images of what a thing does for growth (注入“蓝色动能”, 擦亮“五张名片”), a zero-state (“零门槛”落户,
# “零关税”), a grade given (获评“卓越级”), a quantity word (“一揽子”政策)
_DESCRIPTIVE = re.compile(r"(?:动能|引擎|名片|底色|答卷|标杆|样板|压舱石|试验田|桥头堡|增长极|粮仓|水塔|菜篮子|米袋子)$"
                          r"|^零[\u4e00-\u9fff]{1,3}$|^一(?:揽子|系列|批|套)$")

# a tail that makes the quote a kind of project or platform (“…”重点项目, “…”建设重点平台)
_CATEGORY_TAIL = re.compile(r"(?:建设)?(?:重点|标志性|民生|示范性?|优质)(?:项目|平台)"  # …重大项目 can be a list's name
                            r"|[\u4e00-\u9fff]{0,6}(?:规划|指标)体系")   # a system of plans or of indicators: documents, measures


def sums_up_list(text: str, start: int, content: str) -> bool:
    """A quote that counts the items listed right before it (A、B、C“三链同构”): its number is
    the number of items. A numbered name of its own (“三医一张网”) or one introduced by 的
    (…、热爱党的“三热爱”活动) stays."""
    count = _VALUE.get(content[:1], 0)
    if not count or _NUMERALS.search(content[1:].removesuffix("合一")) or start == 0 \
            or not re.match(r"[\u4e00-\u9fff]", text[start - 1]) or text[start - 1] == "的":
        return False
    items = _CLAUSE_BREAK.split(text[:start])[-1].split(_LIST_ITEM_SEP)
    listed = len(items) + (1 if re.search(r"[和及]", items[-1]) else 0)
    return len(items) > 1 and listed == count


def abbreviates_fields(text: str, end: int, content: str) -> bool:
    """Fields abbreviated one character each (“科产城人”融合发展), or a quote standing for a
    many-part kind (“A”等多能互补工程)."""
    if _MANY_KINDS_AFTER.match(text, end):
        return True
    if len(content) < 4 or _NUMERALS.search(content) or not _RELATION_AFTER.match(text, end):
        return False
    words = segment.words(content)
    return sum(len(w) == 1 for w in words) >= len(words) - 1 and len(words) >= 3


def is_place_set(content: str) -> bool:
    """A numbered set of places or facilities (“一区三中心”, “三站一场”)."""
    return _PLACE_SET.match(content) is not None


def is_big_idea(content: str) -> bool:
    """A “大X” idea of integrated management (“大交通”, “大安全大应急”)."""
    return _BIG_IDEA.match(content) is not None


def qualifies_or_misdeed(text: str, end: int) -> bool:
    """The quote qualifies the noun after 的, or names a faction by its misdeeds."""
    return _MODIFIER_OF.match(text, end) is not None or _MISDEED_AFTER.match(text, end) is not None


def names_goods(text: str, end: int) -> bool:
    """The quote says which goods or industry (“新三样”产品, “一主一特”产业), not a scheme."""
    return _GOODS_AFTER.match(text, end) is not None


def is_work_title(text: str, start: int, end: int, content: str) -> bool:
    """The title of a work of art (曲艺作品“…”) or of a drug approved for sale (“…片”获批上市)."""
    if _WORK_BEFORE.search(text, 0, start):
        return True
    return _DRUG.search(content) is not None and _APPROVED_AFTER.match(text, end) is not None


def describes_mix(text: str, end: int, content: str) -> bool:
    """Fields joined with + that qualify the noun after them (“A+B”创新联合体, “A+B”等模式,
    “A+B”服务): a description of a mix. A pairing that stands on its own as what is pushed
    (推行“互联网+监管”), is itself developed (“A+B”规范发展) or is how a task is run (“A+B”招商)
    is a name; so is a numbered one (“1+N”)."""
    return _MIX.match(content) is not None and word_goes_on(text, end) \
        and not _GROWN.match(text, end) and not content.endswith(("+政策", "＋政策"))  # aims + 政策: a package


def is_curbed(text: str, start: int) -> bool:
    """Something a sentence curbs, bans or resolves (遏制“…”项目, 严防“…”工程, 化解“…”): a category
    of bad practice or a problem, not a programme launched. The verb governs each quote of a list
    that follows it (取消“甲”、“乙”活动), not only the first."""
    while (m := _QUOTE_BEFORE.search(text, 0, start)) is not None:
        start = m.start()
    return _CURB_BEFORE.search(text, 0, start) is not None


def is_cut_after(text: str, end: int) -> bool:
    """Something the sentence goes on to cut or dispose of (“…”持续压降, “…”项目处置): a category of
    spending, assets or projects to reduce, not a programme launched."""
    return _CUT_AFTER.match(text, end) is not None


def is_parallel_list(content: str) -> bool:
    """Short items that share their first or last character (“甲防、乙防、丙防”, “稳A、稳B”): a
    parallel of kinds or a slogan, not one name. Numbered items (“一县一馆、一村一室”) are names."""
    items = [i for i in re.split(r"[、,，]", content) if i]
    if len(items) < 2 or any(len(i) > 4 for i in items) or any(_VALUE.get(i[0]) for i in items):
        return False
    return len({i[0] for i in items}) == 1 or len({i[-1] for i in items}) == 1


def is_descriptive_word(content: str) -> bool:
    """A figure of speech (“…动能”, “…名片”, a place's role: “…粮仓”, “中华水塔”), a zero-state
    (“零门槛”), a grade (“卓越级”) or a quantity word (“一揽子”): it describes, it does not name."""
    if content.endswith("级"):  # a grade is a word plus 级 (卓越|级); 升级 is a verb
        return segment.words(content)[-1:] == ["级"] and len(content) <= 4
    return _DESCRIPTIVE.search(content) is not None


# a title given to people (“八闽工匠”, 培育现代“新农人”, “齐鲁英才”): the people trained or honoured
_LAUNCHED_BEFORE = re.compile(r"(?:实施|举办|开展|启动|创设|设立|推出)$")
_PEOPLE_END = re.compile(r"(?<=[\u4e00-\u9fff])(?:工匠|农人|人才|英才|俊才|名师|名医|名匠|能手|乡贤|达人|工程师|技师)$")


def is_dash_chain(content: str) -> bool:
    """Three or more tiers, places or steps chained with dashes (“城—镇—村”, “县城—中心镇—重点村”): a
    reach or a ladder, not a name."""
    return quote_sense.chain_parts(content, quote_sense.DASHES) >= 3


def is_kind_of_people(text: str, start: int, content: str) -> bool:
    """A title given to a kind of people (“八闽工匠”): who is trained or honoured, not a programme;
    unless a verb right before the quote launches it (实施“鲲鹏英才”, 举办“海聚英才”…: a scheme's name)."""
    return _PEOPLE_END.search(content) is not None and _LAUNCHED_BEFORE.search(text, 0, start) is None


# a ranking or a selection entered (入选世界“最佳旅游乡村”, 获评“2025最具幸福感城市”): its verb, a scope
# between, and a title that ranks (十大, 最佳, …案例, …榜单; not 揭榜, which is a way of awarding tasks)
_SELECTED_BEFORE = re.compile(r"(?:入选|入围|获评|评为|荣获|荣膺)了?"
                              r"(?:全国|全球|世界|亚洲|中国|全省|全市|首批|第[一二三四五六七八九十\d]+批|国家级?|省级?)?$")
_RANKING = re.compile(r"[十百]大|[十百]强|[十百]佳|最具|最佳|最美|案例|(?<!揭)榜")


def is_ranking_title(text: str, start: int, end: int, content: str) -> bool:
    """The title of a ranking or selection that places or works enter (入选“全国十大考古新发现”): a
    list, not a programme. A campaign with a ranking word (实施“十大民生工程”) is not entered, and
    a title with a head word after it (入选“…”试点) names the pilot."""
    return _RANKING.search(content) is not None and _SELECTED_BEFORE.search(text, 0, start) is not None \
        and not word_goes_on(text, end)


def not_a_name(text: str, start: int, end: int, content: str, tail: str = "") -> bool:
    """A quoted core that stands as a label but, by the sentence, names no programme. ``tail``:
    a head word after the quote (“…”试点), which makes the quote the name of what it heads."""
    return sums_up_list(text, start, content) or abbreviates_fields(text, end, content) \
        or is_place_set(content) or is_big_idea(content) or qualifies_or_misdeed(text, end) \
        or is_work_title(text, start, end, content) or not tail and describes_mix(text, end, content) \
        or is_parallel_list(content) or content.endswith("系列") or is_descriptive_word(content) \
        or names_goods(text, end) or is_kind_of_people(text, start, content) or is_dash_chain(content) \
        or is_ranking_title(text, start, end, content)   # (…系列: no name)


def is_category_tail(tail: str) -> bool:
    """A tail that makes the quote a kind of project or platform (“…”民生项目, “…”重点项目)."""
    return _CATEGORY_TAIL.fullmatch(tail) is not None
