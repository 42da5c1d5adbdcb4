"""Does a quoted phrase name a programme, or is it a concept, slogan or figure of speech?

Reports quote two kinds of words: the names of initiatives (“百企行”活动, 实施“登峰计划”)
and words held up as a creed, goal, slogan or image (践行“三严三实”, “跟我上”的作风,
过上“好日子”, 由“治湖泊”向“治流域”转变). The words around the quote tell them apart
(kg/lexicon/quote_context.tsv), and so does the shape of what is quoted: a creed of the
party line (kg/lexicon/not_programmes.txt), a list of long clauses (a slogan), a record
(18连增). A quote followed by a programme's head word (kg/lexicon/programme_heads.txt)
names that programme in full: “1+3”结对帮扶机制 is one name, not “1+3”.

>>> name_tail("“1+3”结对帮扶机制全面推行", 5)
'结对帮扶机制'
>>> is_concept("坚持“两条腿走路”的方针", 2, 9, "两条腿走路")
True
>>> is_concept("实施“登峰计划”", 2, 8, "登峰计划")
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.extract.common import UNIT_NOTE, word_goes_on

MAX_TAIL = 8  # characters between a quote and its head word (“四大慢病”国家科技重大专项)
MAX_MODIFIER = 4  # characters between a quote (or its 的) and a concept word (“…”发展格局)
_LIST_SPLIT = re.compile(r"[、,，]")
# records of a run of years (9连增, 十连丰, 五连优): a boast, not an initiative
_RECORD = re.compile(r"[\d一二三四五六七八九十百]+连[增涨升冠丰优胜稳]")
# periods of the five-year plans (“十X五”, “X五”) name a time span; with a head (“X五”普法) the name is kept
_PERIOD = re.compile(r"^(?:十[一二三四五六七八九]?|[六七八九])五$")
# a quantity or a span of time in quotes (“7×24小时”, “365天”): how a service runs, not its name
_QUANTITY = re.compile(r"^[\d×xX*/.·]+(?:小时|天|日|分钟|周|个月|年)?$")
# a motto of single characters (“稳、进、好”): a work line, not a name
_MOTTO = re.compile(r"^[\u4e00-\u9fff](?:[、,，·][\u4e00-\u9fff]){2,}$")
# a paired call (“既放心又舒心”, “能办又好办”): a slogan, not a name
_PAIRED = re.compile(r"^既?[\u4e00-\u9fff]{1,4}又[\u4e00-\u9fff]{1,4}$")
_CREED_END = re.compile(r"(?:论|主义|独立|文章|纲领|路线)$")  # 做好“…篇文章”: tasks as a figure of speech
# “三个高地”, “八个振兴”: counted tenets and goals of the line (两个维护, 四个意识 …), not initiatives
# (十二个… too; not 一个…: “一个鸡蛋” counts what a task gives)
_COUNTED_TENETS = re.compile(r"^(?:[两三四五六七八九]|十[一二三四五六七八九]?)个")
# numbered layouts of space (“一圈两带”, “七地一屏一通道”) are designations, not initiatives
_LAYOUT = re.compile(r"[圈带核翼极廊屏轴]")
# a layout counted in features of the land (“一湖两河三山”, “两湾一岛”): a spatial plan, not an initiative
_LAND_LAYOUT = re.compile(r"^(?:[一二三四五六七八九十两双多][江河湖海山园带圈核翼廊轴屏区岛湾城港]){2,}$")


@lru_cache(maxsize=1)
def _heads() -> re.Pattern[str]:
    heads = lexicon.alternation("programme_heads.txt")
    return re.compile(rf"[\u4e00-\u9fff0-9A-Za-z]{{0,{MAX_TAIL}}}?(?:{heads})(?![化性])")  # 制度化 is no 制度


@lru_cache(maxsize=1)
def _context() -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for row in lexicon.table("quote_context.tsv"):
        if len(row) >= 3:
            found.setdefault((row[1], row[2]), set()).add(row[0])
    return {key: frozenset(words) for key, words in found.items()}


@lru_cache(maxsize=1)
def _after_concept() -> re.Pattern[str]:
    alternatives = lexicon.trie_pattern(sorted(_context().get(("after", "concept"), ())))
    return re.compile(rf"(?:(?:{alternatives})|的?[\u4e00-\u9fff]{{0,{MAX_MODIFIER}}}?(?:{alternatives}))")


# function words (和美 “harmonious” is no 和), and verbs that start a predicate (“…”实现工程建设全覆盖) or a misdeed
# (“…”分裂活动): a tail through them is not part of the name
_NOT_IN_NAME = re.compile(r"[等及与的了在为是将并或]|和(?!美)|^上|实现|带动|实施|支持|加强|纳入|助力|推动|促进|开展|推进|^深化"
                          r"|取得|完成|达到|成为|用于|分裂|阴谋|犯罪|违法|破坏|篡|各项")


# a verb that qualifies the head right after it (“…”促进机制, “…”培育推进机制): the verb is part
# of the name, not a predicate, when nothing but the head follows it in the clause
_VERB_OF_HEAD = re.compile(r"^(?:[\u4e00-\u9fff]{2})?(?:促进|推进|推动|带动|支持|助力)(?:机制|计划|工程|行动)$")


def name_tail(text: str, end: int) -> str:
    """The words after a quote that end in a programme's head word ('' when none).

    A tail that runs through a function word (“…”等活动, “…”和…计划) is not part of the name.
    """
    m = _heads().match(text, end)
    if not m:
        return ""
    clause_ends = not word_goes_on(text, m.end())
    named_by_verb = clause_ends and _VERB_OF_HEAD.match(m.group()) is not None \
        and not re.search(r"[等和及与的了在为是将并或]", m.group())
    if _NOT_IN_NAME.search(m.group()) and not named_by_verb or not clause_ends and m.group().endswith("项目"):
        return ""  # 项目 inside 项目标 is no head
    more = _SYSTEM_AFTER.match(text, m.end())
    return m.group() + (more.group() if more else "")  # “2+N”标志性工程体系: the name runs on to its system word


# a system word right after a head (…工程体系, …制度体系): the name ends there, not at the head
# (a “matrix” of funds, …基金矩阵, describes a set, so the fund's name stays)
_SYSTEM_AFTER = re.compile(r"体系")


def _word_before(text: str, start: int, kind: str) -> bool:
    """Whether the word right before ``start`` is a ``before`` cue of ``kind`` (by jieba's word bounds)."""
    window = text[max(0, start - 8):start]
    cues = _context().get(("before", kind), frozenset())
    if not window or not any(window.endswith(c) for c in cues):
        return False
    words = segment.words(window)
    last = words[-1] if words else ""
    # 通过 is not 过, 面向 is not 向: the cue must be the whole last word, or end a verb compound
    return last in cues or any(last.endswith(c) and len(c) >= 2 for c in cues)


def _initiative_near(text: str, start: int) -> bool:
    """An initiative verb in the same clause, a few characters before the quote (深入实施“…”, 创设“…”)."""
    window = re.split(r"[,，;；。、:：]", text[max(0, start - 6):start])[-1]
    return any(c in window for c in _context().get(("before", "initiative"), ()))


# a quote that is counted (“小升规”20户, “…”覆盖率), distinguished (“…”获评…), or names a kind
# of matter, policy or firm (“免办证”事项, “小巨人”企业)
_COUNTED_OR_KIND = re.compile(r"\d|获评|入选|荣获|获批|获得|被评为|被列为|成果|开启|启动|上线|开通|落地|投运|事项|政策|措施|服务|产品|项目|改革|试点|模式|品牌|平台|活动|行动|工程|计划|覆盖|企业")
_LISTED_KIND = re.compile(r"[\u4e00-\u9fff]{0,4}(?:[、,，]?[“「][^“”「」\n]{1,30}[”」][\u4e00-\u9fff]{0,4})*[、,，]?等(?:[\u4e00-\u9fff]{0,4})"
                          r"(?:平台|活动|行动|品牌|服务|产品|政策|赛事|项目|工程|计划|模式|举措|措施)")


# a task line that names the unit in charge of it ((牵头单位：某局)): a quote in it names the task
_UNIT_NOTE = re.compile(UNIT_NOTE)


def _unit_noted(text: str, end: int) -> bool:
    """A note of the unit in charge after the quote, in the same sentence (“…”（牵头单位：某局）)."""
    return _UNIT_NOTE.search(text, end) is not None


# numbered names: 一镇一品, 三证同办, 四网融合, 六大出海通道 (a bare 1+X is the core of a name
# that follows it, “1+X”政策体系, or names nothing by itself)
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十两百千万]+[\u4e00-\u9fff]{1,2}[一二三四五六七八九十两百千万同联合][\u4e00-\u9fff]{1,3}"
                       r"|[二三四五六七八九十两百千万]+大[\u4e00-\u9fff]{4,})$")


# a fusion of two fields (“文化+旅游”融合, “A+B”等新业态): a description of a trend, not a name
_COMBINATION = re.compile(r"^[^+＋]+(?:[+＋][^+＋]+)+$")
_FUSION_AFTER = re.compile(r"(?:[、,，]?[“「][^“”「」\n]{1,30}[”」])*(?:[、,，和与及]?等)?[\u4e00-\u9fff]{0,4}?"
                           r"(?:融合|一体化|协同|结合|业态|形态|生态)")
_NEXT_COMBINATION = re.compile(r"[、,，]?[“「][^“”「」+＋\n]+[+＋][^“”「」\n]+[”」]")
_PREV_COMBINATION = re.compile(r"[“「][^“”「」+＋\n]+[+＋][^“”「」\n]+[”」][、,，]?$")
# a numbered layout of space (“一核两翼多极”): its system or pattern is a spatial plan, not an initiative
_NUMBERED_LAYOUT = re.compile(r"[一二三四五六七八九十两双多](?:[圈带核翼极廊屏轴心横纵环地岛湾]|通道|板块)")  # 五地一通道: roles of land
# a spatial idea (“15分钟生活圈”, “产业飞地”, 经贸“朋友圈”): a place pattern, not an initiative
# a ring of a named service (…法律服务圈) is run; a bay, island, park or garden (“康养湾”, “科创岛”,
# “零碳园区”) is a place made into a goal (a “…金三角” of cities was judged a named designation)
_SPATIAL_END = re.compile(r"(?:(?<!服务)圈|飞地|高地|走廊|廊道|湾|岛|花环|园区|保税区|花园|经济带)$")
# a counted set of regions (“三大片区”): a division of the land, not an initiative
_REGIONS = re.compile(r"^[两三四五六七八九十]大(?:板块|片区|区域|组团)$")
# a short numbered policy area (“六稳”工作, 为“三农”服务): a political term; its work is not a programme
_AREA_TERM = re.compile(r"^[一二三四五六七八九十两双][\u4e00-\u9fff]$")


# a named craft (a ship, platform or satellite: “远航二号”), not an initiative; a brand's line
# numbered in digits (“某某1号”旅游专列) is a product name and stays
_OBJECT_NAME = re.compile(r"[一二三四五六七八九十]+号$")
# an honorary title of people or a group (“护林先锋”, “守边英雄群体”): given to persons, not an
# initiative (awards and rankings of works or places, “…奖”, “十大…”, stay: designations)
_HONOUR = re.compile(r"(?:楷模|英雄|群体|标兵|模范|劳模|先锋|好人)$")
# a kind of facility or place counted right after the quote (“便民驿站”300个, “滨水绿道”河段50公里)
_COUNTED_THING = re.compile(r"(?:[^\W\d等和及与]{0,2}?)[\d.]+万?(?:个|家|座|处|条|公里|千米|段|所|米)")
_COUNTED_BY_NAME = re.compile(r"项目|工程|行动|活动|计划|企业|政策|措施|品牌|产品|事项|服务")  # “…”项目20个: a name's items
# roles in a run of quotes (…“压舱石”“试验田”功能): functions held, not initiatives
_ROLE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:功能|作用|角色|地位)")
# fields chained (“院校+基地+企业”, “科研-生产-市场”) before how they relate (…结对合作, …良性循环):
# a description of ties, not a name
DASHES = "—–－-"
_JOINS = "+＋" + DASHES
_J = re.escape(_JOINS)
_CHAIN = re.compile(rf"^[^{_J}\d]+(?:[{_J}][^{_J}\d]+)+$")
_RELATION_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:联动|循环|合作|互动|对接)")
# a course of study (“机电一体化”专业群, …学科): a discipline, not an initiative
_DISCIPLINE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:专业|学科)")
# a body named in quotes (“某某合作组织”): an organisation, not an initiative
_BODY_END = re.compile(r"(?:组织|联盟|协会|学会|委员会)$")
# what characterises something else (以“A、B”为特征的…工程): features, not the programme's name
_FEATURE_AFTER = re.compile(r"为(?:主要)?(?:特征|标志|主题|核心|重点|主体|主线)")


def is_object_name(content: str) -> bool:
    """A numbered name of a ship, platform or satellite (“远航二号”), not an initiative."""
    return _OBJECT_NAME.search(content) is not None


def is_descriptive(text: str, start: int, end: int, content: str) -> bool:
    """Quoted words that describe rather than name: a fusion of fields, a spatial idea, a policy
    area's work, a title of a speech (「关于…」), something served (为“…”服务), a named object,
    an honorary title, a kind of facility counted, a role in a run of quotes, features, fields
    chained before how they relate, a course of study, or a body."""
    if content.startswith("关于") or is_object_name(content) or _HONOUR.search(content):
        return True
    counted = _COUNTED_THING.match(text, end)
    if counted and not _COUNTED_BY_NAME.search(counted.group()):
        return True
    if text.endswith(("”", "」"), 0, start) and _ROLE_AFTER.match(text, end):
        return True
    if text.endswith("以", 0, start) and _FEATURE_AFTER.match(text, end):
        return True
    if _CHAIN.match(content) and _RELATION_AFTER.match(text, end) or _DISCIPLINE_AFTER.match(text, end) \
            or _BODY_END.search(content):
        return True
    if _COMBINATION.match(content) and (_FUSION_AFTER.match(text, end) or _NEXT_COMBINATION.match(text, end)
                                        or _PREV_COMBINATION.search(text, 0, start)):
        return True  # fields fused, or listed as fusions (“文化+体育”“文化+康养”)
    if _SPATIAL_END.search(content) or len(_NUMBERED_LAYOUT.findall(content)) >= 2 or _REGIONS.match(content):
        return True  # a spatial idea or a numbered layout (“五纵三横”)
    if _AREA_TERM.match(content) and text.startswith("工作", end):
        return True
    return text.endswith("为", 0, start) and text.startswith("服务", end)


def is_period_class(content: str, tail: str) -> bool:
    """A five-year period before a class of works or a time (“十X五”规划重大项目, “X五”时期…): no one programme.
    The period's own plan or campaign (“X五”计划, “X五”普法) keeps its name."""
    return _PERIOD.match(content) is not None and re.search(r"重大|重点|时期|后三年|期间", tail) is not None


def is_combined_model(content: str, head: str) -> bool:
    """A model named by fields joined with + (“A+B”…模式) describes how work is combined, not a programme;
    a numbered one (“7+1”…模式) is a name."""
    return _COMBINATION.match(content) is not None and not re.search(r"\d", content) and head.endswith("模式")


def is_chain_system(content: str, tail: str) -> bool:
    """Three or more fields or stages chained before a system word (“研发—中试—量产”服务体系): a
    description of how the parts fit, not a named programme. Two (“网络+巡查”执法体系) are a named
    pairing, and a mechanism (…联动机制) keeps its name."""
    return chain_parts(content) >= 3 and tail.endswith("体系")


def chain_parts(content: str, joins: str = _JOINS) -> int:
    """How many fields or stages ``content`` chains with ``joins`` (+ or dashes: “研发—中试—量产” 3),
    or 0 when it is no such chain (one part, or a number among them: “2030—重大项目”)."""
    if _CHAIN.match(content) is None or any(c in _JOINS and c not in joins for c in content):
        return 0
    return len(re.split(f"[{re.escape(joins)}]", content))


def is_layout(content: str, tail: str) -> bool:
    """A numbered layout of space with a system word after it (“一核两翼多极”发展体系), not an initiative."""
    return len(_NUMBERED_LAYOUT.findall(content)) >= 2 and re.search(r"(?:体系|格局|布局|框架)$", tail) is not None


def is_idiom(content: str) -> bool:
    """A set phrase (成语) quoted whole (“一穷二白”, “万众一心”): jieba's table tags it ``i``."""
    words = segment.words(content)
    return len(words) == 1 and len(content) >= 4 and segment.tag(content) == "i"


def is_slogan_list(content: str) -> bool:
    """A list of clauses (“重构创新政策、重塑创新平台…”): items of four or more characters on average,
    or of three or four opened by a verb."""
    items = [i for i in _LIST_SPLIT.split(content) if i.strip()]
    if len(items) >= 2 and all(3 <= len(i) <= 4 for i in items) and 2 * sum(map(_verb_led, items)) >= len(items):
        return True  # verb–object pairs (“攀高峰、强特色”, “反台独、促统一”: jieba joins 反台独), half or more verb-led: a call to action
    return len(items) >= 2 and sum(map(len, items)) / len(items) >= 4


def _verb_led(item: str) -> bool:
    """An item opened by a one-character verb or adjective used as one (攀…, 强…)."""
    words = segment.words(item)
    return bool(words) and len(words[0]) == 1 and segment.tag(words[0]) in ("v", "a")


def is_concept(text: str, start: int, end: int, content: str, need_evidence: bool = True) -> bool:
    """Whether the quote text[start:end] (content without quotes) is a concept, not a programme name.

    With ``need_evidence`` (no programme word follows the quote) a quote must also show it
    names something launched, distinguished, counted or numbered.
    """
    if _CREED_END.search(content) or _RECORD.search(content) or is_slogan_list(content) or _PAIRED.match(content) \
            or _PERIOD.match(content) or _MOTTO.match(content) or _LAND_LAYOUT.match(content):
        return True
    if _heads().fullmatch(content):  # the quote is a whole programme name (“五个一工程”)
        return False
    if _COUNTED_TENETS.match(content) or is_idiom(content) and not _initiative_near(text, start):
        return True  # an idiom is a figure of speech unless a campaign is run by it (开展“扫黄打非”)
    if _COUNTED_OR_KIND.match(text, end):  # “…”政策效应: the effect of a named policy
        return False
    if _after_concept().match(text, end) or _word_before(text, start, "concept"):
        return True
    if not need_evidence:
        return False
    if _QUANTITY.match(content):
        return True   # with no programme word after it, a quantity (“7×24小时”) names nothing
    # words in quotes are an image, a goal or a slogan (“先手棋”, “诗与远方”, “高开稳走后扬”) unless
    # something is launched by that name or it is listed among named platforms, brands, activities …
    return not _initiative_near(text, start) and not _LISTED_KIND.match(text, end) \
        and not _unit_noted(text, end) and not (_NUMBERED.match(content) and not _LAYOUT.search(content))
