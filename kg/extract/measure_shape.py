"""The shape of a measure name: a noun phrase that ends in what was counted.

A label written before a number is a clean measure only when it reads as a noun phrase.
Some do not: a verb–object activity (建设改造农村公路, 开挖疏浚沟渠), a clause with its
predicate (…基金整合, …试点加快推进), or words opening or closing inside a clause (为企业…,
…排放都). Such a value keeps its observation and label; it names no indicator.

>>> activity("开挖疏浚沟渠"), activity("治理水土流失面积"), activity("新增上市企业")
(True, False, False)
>>> cut_tail("氨氮排放都")
'氨氮排放'
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment

VERB_TAGS = ("v", "vd")                    # a verb proper (vn is a verbal noun: 供热管网, 进出口)
OPEN_TAGS = ("p", "c", "d", "u", "uj", "y")   # 为企业…, 虽然…, 仅…: a clause, not a name
ONE_CHAR_OPENERS = "为对向把被在从由给就仅只则又也还再才都且而但若竟略或仍"   # 自 of 自贸试验区 is no preposition
TAIL_TAGS = ("d", "ad", "c")               # …都, …只要: an adverb or conjunction ends no name
TAIL_WORDS = ("首次", "每年", "每月", "每天", "基本", "中", "以来", "各", "人均", "户均", "每人", "为此",
              "全国", "全省", "全市", "全区", "全县")   # …经验全省(推广): the scope of the next clause
RANK_WORDS = ("居", "位居", "位列", "进入", "跻身", "排名", "排在", "列")   # …增速居全国: a ranking clause
# 新增上市企业, 新建城市公园: "newly added X" counts X; what follows must itself be a noun phrase
NEW_LEADS = ("新增", "新建", "新设", "净增")
WORKS_HEADS = ("任务", "实事", "专项")   # works a report counts as programmes are counted (N项甲任务)
NEW_LEAD = re.compile("^(?:" + "|".join(NEW_LEADS) + ")")
# 高质量办理…, 扎实推进…: how a thing was done, before its verb; no part of a name, no subject
# 重点 only before a verb of works (重点建设N个甲); before a noun it is part of it (重点项目, 重点改革)
MANNER = re.compile(r"^(?:重点(?=" + lexicon.alternation("indicator_activity_verbs.txt") + r")|高质量|高水平|高标准|认真|积极|全力|大力|扎实|深入|稳步|有序|整体|分类|规范|精准|尽快|统筹|全面|持续|加快|着力|切实)(?=.{2})")
# 获评, 认定为: verbs that give the things counted a title or status (N个甲获评乙甲, 入选甲N家)
DESIGNATION_VERBS = "获评|获得|荣获|评为|认定为|命名为|确定为|列为|入选|入围|成为|获批"
PLACE_ENDS = ("站", "带")
# 某某区, 某某中心, 高校, 企业: nouns that act as a clause's subject (a compound noun with a verb inside has none)
AGENT_ENDS = ("区", "县", "市", "省", "校", "院", "馆", "中心", "企业", "机构", "部门", "单位", "平台", "群众", "农户", "居民")
POINTERS = ("这项", "这些", "这个", "该项", "此项", "上述")
PRONOUNS = ("我们", "他们", "它们", "有人", "大家", "我们国家")
YEAR_TAIL = re.compile(r"(?:(?:19|20)\d\d年(?:度|底|末)?|上半年|下半年|第[一二三四]季度)$")


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("measure_heads.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _head_set() -> frozenset[str]:
    return frozenset(_heads())


@lru_cache(maxsize=1)
def _outcome_verbs() -> tuple[str, ...]:
    return lexicon.words("indicator_outcome_verbs.txt")


def has_head(name: str) -> bool:
    """True when the name ends in a word for an amount, rate or share (…面积, …收入, …覆盖率)."""
    return name.endswith(_heads())


def newly_and_verb(phrase: str) -> bool:
    """新开办, 新投运, 新开工: "newly" and one verb (jieba tags some of these nouns as a whole); the
    thing counted or processed is named elsewhere."""
    return phrase[:1] == "新" and len(segment.words(phrase[1:])) == 1 and (segment.tag(phrase[1:]) or "") in ("v", "vd", "vn")


@lru_cache(maxsize=1)
def _works_heads() -> tuple[str, ...]:
    """Heads of programmes and of works to be done (…项目, …工程, …试点, …任务, …实事)."""
    return (*lexicon.words("programme_heads.txt"), *WORKS_HEADS)


def too_bare(name: str, counted_after: bool = False) -> bool:
    """True for a name too short to say what was measured of which things: one or two characters
    (投资, 学校, 出口), or three that end in no word for an amount (研究生, 产业链) or are a total
    of a measure of two (总产量, see _owner_lost). Such a name is
    a kind of thing whose owner, activity or measure the report wrote elsewhere; on the corpora
    readers judged nearly all of them partial or wrong. 发电量 and 出生率 are measures, and so are
    Latin abbreviations (M2, CPI): they name one measure however short.

    ``counted_after``: the name is the noun written right after its count (N个甲), unchanged. With
    no word for an amount and no word of selection (N个骨干企业, not N个新增园区) such a noun is a
    kind of thing too, however long: the act or predicate that says which of them were counted
    (建成, 支持, …入选, …通公交) is elsewhere in the clause, and readers judged about two in three
    of them partial or wrong. Programmes and works to be done (N个甲项目, N项甲任务) are what a
    report counts as such, and stay; so does a noun before its count (骨干企业N家), the subject."""
    if re.search(r"[A-Za-z]", name):
        return False
    if counted_after and not has_head(name) and not name.startswith(NEW_LEADS) \
            and not (name.endswith(_works_heads()) and "的" not in name):   # N个领域的重点任务 counts 领域
        return True
    return len(name) <= 2 or len(name) == 3 and (not has_head(name) or _owner_lost(name))


def _owner_lost(name: str) -> bool:
    """总产量, 总投资: a total (总) of a measure named in two characters; whose total it is was written
    elsewhere. A thing and its measure (钢产量, 税占比) and a rate of a report's genre (办结率) name
    one measure."""
    return name[0] == "总" and name[1:] in _head_set()


def activity(name: str, by_tags: bool = True) -> bool:
    """A verb–object phrase: it opens with a verb (or a verbal noun and a verb) and ends in no measure word."""
    if has_head(name):
        return False
    rest = NEW_LEAD.sub("", name)
    if rest != name and len(rest) < 2 or rest.startswith("新"):
        return False   # 新入规工业企业, 新投产项目: 新 with a verb is an attribute of the noun
    words = segment.words(rest)
    if not words or words[0] in lexicon.words("indicator_attributive_verbs.txt"):
        return False   # 受益群众, 在建项目: the verb qualifies what is counted
    if words[0] in lexicon.words("indicator_activity_verbs.txt"):
        return True   # 建设公办幼儿园, 改造农村危房: jieba's verbal nouns that open works
    if not by_tags:
        return False   # the object of a peeled light verb: jieba's tags alone do not make it an activity
    tags = [segment.tag(w) or "" for w in words]
    if tags[0] in VERB_TAGS:
        return True
    return len(tags) > 1 and tags[0] == "vn" and tags[1] in VERB_TAGS


def predicate_end(name: str) -> bool:
    """A clause or a process: the name ends in a verb, a verbal noun or an adjective that is no
    measure word (…基金整合, …加快推进, 物流园区建设, 农村公路提档升级, 民生实事圆满)."""
    if has_head(name):
        return False
    outcome = _outcome_verbs()
    if name.endswith(outcome) and name not in outcome:
        return True   # …加快落地, …如期清零: an outcome verb jieba's table may call a noun
    words = segment.words(name)
    # 站 and 带 end place names (创新站, 绿美带) though jieba's table calls them verbs
    return len(words) > 1 and words[-1] not in PLACE_ENDS and (segment.tag(words[-1]) or "") in (*VERB_TAGS, "vn", "a")


def _tail_adverb(word: str) -> bool:
    """都, 只要, 持续: an adverb or conjunction; one character only when it is a known clause word (边 of 金角银边 is none)."""
    if word in _head_set():
        return False   # 批次: a measure word jieba's table calls an adverb
    return (segment.tag(word) or "") in TAIL_TAGS and (len(word) > 1 or word in ONE_CHAR_OPENERS)


def ranks(name: str) -> bool:
    """…增速居全国, 人均GDP进入全国: a ranking clause, not a measure."""
    return any(w in RANK_WORDS for w in segment.words(name)[1:])


def governs_object(name: str) -> bool:
    """…基金带动社会投资, …工程惠及群众: a verb of the clause lists (indicator_clause_verbs.txt)
    inside the label, a light verb or a word of the value aside, makes it a clause."""
    clause = set(lexicon.words("indicator_clause_verbs.txt")) - {"达到", "实现", "完成"}
    words = segment.words(name)
    for i, word in enumerate(words[1:-1], start=1):
        if word not in clause or words[i - 1] in ("新", "新增"):
            continue   # 新入选…, 新增受益学生: "newly" makes the verb an attribute of the noun
        if has_head(words[-1]) and all(w in clause for w in words[i:-1]):
            continue   # 待遇享受人数, …升格设置数: the verbs qualify the measure word after them
        return True
    return False


def subject_clause(name: str) -> bool:
    """某某区引进外资项目, 某某中心服务群众: an agent noun, then a verb and its object — a clause
    with its subject, not a measure (unless it ends in a measure word: 重点项目完成投资)."""
    if has_head(name):
        return False
    words = segment.words(name)
    attributive = lexicon.words("indicator_attributive_verbs.txt")
    for i in range(1, len(words) - 1):
        word, before, rest = words[i], words[i - 1], words[i + 1:]
        if len(word) != 2 or segment.tag(word) not in VERB_TAGS or word in attributive or NEW_LEAD.match(word):
            continue
        if "的" in rest or len(rest) == 1 and len(rest[0]) <= 2 or len(before) < 2:
            continue   # …制定的行政法规, 棚户区改造住房, 省创新…: a noun phrase with a verb inside it
        if before.endswith(AGENT_ENDS) and (segment.tag(rest[-1]) or "")[:1] in ("n", "j", "l"):
            return True
    return False


def opens_predicate(word: str) -> bool:
    """全面, 如期, 全面完成 (one jieba word): an adverb of indicator_predicate_adverbs.txt, alone or
    written together with the verb it qualifies."""
    adverbs = lexicon.words("indicator_predicate_adverbs.txt")
    if word in adverbs:
        return True
    firsts = lexicon.words_by_first("indicator_predicate_adverbs.txt").get(word[:1], ())   # in file order
    lead = next((a for a in firsts if len(a) > 1 and word.startswith(a) and len(word) > len(a)), "")
    return bool(lead) and (segment.tag(word[len(lead):]) or "") in (*VERB_TAGS, "vn")


# Predicate adverbs that say the work goes on (加快落地: being sped up), not that it is done.
GOING_ON = ("加快", "正在", "稳步", "有序")


def says_done(word: str) -> bool:
    """陆续, 全部, 如期 …: a predicate adverb after which a verb of works reports work done, so
    that N个甲陆续开工 counts 甲 started as N个甲开工 does; not 加快, 正在 (still a clause)."""
    return opens_predicate(word) and not word.startswith(GOING_ON)


def attribute_adverb(words: list[str], i: int) -> bool:
    """高速|服务区 (N个高速服务区): a word jieba's table calls an adverb, right before a noun, qualifies it."""
    word, nxt = words[i], words[i + 1] if i + 1 < len(words) else ""
    return segment.tag(word) == "d" and len(word) > 1 and (segment.tag(nxt) or "").startswith("n") \
        and not opens_predicate(word) and word not in ONE_CHAR_OPENERS


def predicate_inside(name: str) -> bool:
    """甲项工程全面完工, 乙县债务提前化解: an adverb that opens a predicate (indicator_predicate_adverbs.txt)
    after the first word makes a clause; 某类人员首次就业率 keeps it inside a measure."""
    words = segment.words(name)
    return any(opens_predicate(w) and not has_head("".join(words[i:])) for i, w in enumerate(words) if i > 0)


def opens_clause(name: str) -> bool:
    """为企业减负, 仅此一项, 虽然…: the label starts with a preposition, conjunction or adverb."""
    words = segment.words(name)
    if words and (words[0][0] in "这那此该" and segment.tag(words[0]) == "r" or words[0] in PRONOUNS):
        return True   # 这条红线: a demonstrative points back, it names nothing; 我们选送…: a clause
    if any(w in POINTERS for w in words):
        return True   # 用于这项工作的资金, 这些领域的投入: what is meant is in the sentences before
    if not words or len(words[0]) == len(name) or (segment.tag(words[0]) or "") not in OPEN_TAGS:
        return False
    if segment.tag(words[0]) == "d":   # 长期护理险参保人员: an adverb-tagged attribute; 仅…, 分别…: a clause
        return words[0] in ONE_CHAR_OPENERS or words[0] in ("分别", "只有", "仅仅", "已经", "正在", "先后")
    return len(words[0]) > 1 or words[0] in ONE_CHAR_OPENERS


def cut_tail(name: str) -> str:
    """Cut adverbs, period and place words off the end (…排放都, …能力每年, …产值2000年, 产品中)."""
    for _ in range(4):
        before = name
        name = YEAR_TAIL.sub("", name)
        words = segment.words(name)
        if len(words) > 1 and (_tail_adverb(words[-1]) or words[-1] in TAIL_WORDS):
            name = name[: -len(words[-1])]
        if name == before:
            break
    return name
