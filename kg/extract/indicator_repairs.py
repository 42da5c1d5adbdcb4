"""Repairs of indicator names whose words the report gives but in the wrong place.

A report often writes what selects the measure away from the item counted, or writes words
of the value into the name. These rules move them, so that a label names the measure:

- a modal before the verb of a financing subject (某某财政拟安排甲资金) is the target cue of the
  value, not part of the name: 某某财政安排甲资金;
- a year that opens the name (争取某年甲产量达到…) dates the value: 甲产量;
- a removal verb before a capacity (淘汰落后的甲产能 N万吨) counts what was removed:
  落后甲产能淘汰量;
- a list after a colon whose header names the measure (主要产品产量增长的情况是:甲增长5%,乙…)
  gives each bare item that measure: 甲产量;
- a works verb before the number (建成N个甲) selects what the noun after the unit counts, as it
  does when the noun comes first (建成甲N个): 甲建成数; a verb of reach keeps its place (惠及N户甲:
  惠及甲户数); any other verb does the same when the noun ends its clause (筛选N家甲: 甲筛选数),
  unless it is one that selects nothing (实施, 达到, 拥有).

>>> drop_modal("某某财政拟安排甲类资金")
'某某财政安排甲类资金'
>>> peel_year("1988年甲产量")
'甲产量'
>>> removal_measure("淘汰落后的甲产能", "万吨")
'落后甲产能淘汰量'
>>> header_measure("主要产品产量增长的情况是:甲增长5%", 18)
'产量'
>>> verb_before("建成", "乡镇文化站", "个")
'乡镇文化站建成数'
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.extract import activity_names, measure_shape

# verbs before a count that say nothing of which things were counted (实施, 达到, 提出, 覆盖, 拥有)
NOT_SELECTING = ("indicator_light_verbs.txt", "indicator_clause_verbs.txt", "indicator_outcome_verbs.txt",
                 "indicator_reporting_verbs.txt", "indicator_driving_verbs.txt", "indicator_coverage_verbs.txt",
                 "indicator_holding_verbs.txt")
MANNER_TAGS = ("d", "ad", "a", "vd")   # 有效|应对, 持续|优化: how it was done, before the verb
MODALS = ("拟", "将", "要")             # 拟安排, 将投入: a target cue, never part of a measure name
# 1988年甲, 当年甲, 1——5月份甲: a year, the current year or a run of months opens the name; the period
# goes with the observation
YEAR_LEAD = re.compile(r"^(?:(?:19|20)\d\d年(?:度|底|末)?|当年|本年|\d{1,2}(?:—{1,2}|－|-|~|至)\d{1,2}月份?)(?=[\u4e00-\u9fff]{2})")
# 淘汰落后…产能, 压减…产量: a verb that removes what the object names; the value is the amount removed
_REMOVAL_VERB = lexicon.trie_pattern(lexicon.words("indicator_removal_verbs.txt"))
REMOVAL = re.compile(r"^(?P<verb>(?:" + _REMOVAL_VERB + r")(?:[、和]?(?:" + _REMOVAL_VERB + r"))*)(?P<obj>.{2,})$")   # 淘汰、停建…
COLONS = ":："
HEADER_MEASURES = ("产量", "产值", "销量", "收入", "出口", "进口")   # what a header says each item counts


@lru_cache(maxsize=1)
def _outcomes() -> tuple[str, ...]:
    """Outcome verbs, longest first, so that the longest one a name ends in is found first."""
    return tuple(sorted(lexicon.words("indicator_outcome_verbs.txt"), key=len, reverse=True))


def drop_modal(name: str) -> str:
    """某某财政拟安排甲资金 → 某某财政安排甲资金: a modal between a noun subject and its verb."""
    words = segment.words(name)
    for i in range(1, len(words) - 1):
        word = words[i]
        modal = next((m for m in MODALS if word.startswith(m)), "")
        if not modal or not (segment.tag(words[i - 1]) or "").startswith("n"):
            continue
        verb = word[len(modal):] or words[i + 1]
        if verb in lexicon.word_set("indicator_light_verbs.txt", "indicator_activity_verbs.txt"):   # 将增加甲贷款: a change verb makes a clause, the modal stays with it
            return "".join(words[:i]) + word[len(modal):] + "".join(words[i + 1:])
    return name


def peel_year(name: str) -> str:
    """1988年甲产量 → 甲产量: the year goes with the observation (its year), not the measure."""
    return YEAR_LEAD.sub("", name)


def removal_measure(name: str, unit: str) -> str:
    """淘汰落后的甲产能 (万吨) → 落后甲产能淘汰量: an amount removed, named by what it was taken
    from, the verb and 量; only for a measured object (…产能, …产量) and an amount unit."""
    m = REMOVAL.match(name)
    if not m or activity_names.measure_word(unit) not in ("量", "容量"):   # 万吨, or 万千瓦 of power plants
        return ""
    obj = m.group("obj").replace("的", "", 1) if m.group("obj").startswith("落后的") else m.group("obj")
    if not measure_shape.has_head(obj) or obj.endswith(("率", "比", "比重", "占比", "比例")):
        return ""
    return obj + m.group("verb").replace("、", "") + "量"


def header_measure(text: str, start: int) -> str:
    """The measure a list's header names before a colon in the same sentence (主要产品产量增长的
    情况是:…), for the items after it; empty without such a header."""
    colon = max(text.rfind(c, 0, start) for c in COLONS)
    if colon < 0:
        return ""
    header = text[max(text.rfind("。", 0, colon), 0):colon]
    found = [(header.rfind(h), h) for h in HEADER_MEASURES if h in header]
    return max(found)[1] if found else ""


def bare_item(name: str) -> bool:
    """甲, 甲乙: an item named by nouns alone, with no measure word of its own."""
    words = segment.words(name)
    tags = [segment.tag(w) or "" for w in words]
    # 十种有色金属, 集成电路圆片: a numeral word may open the item, a classifier close it
    inner = tags[1 if len(tags) > 1 and tags[0] == "m" else 0:len(tags) - 1 if len(tags) > 1 and tags[-1] == "q" else len(tags)]
    return 0 < len(name) <= 6 and not measure_shape.has_head(name) and bool(inner) and all(t.startswith("n") for t in inner)


def verb_before(pre: str, post: str, unit: str, ends_clause: bool = False) -> str:
    """建成N个甲 → 甲建成数, as 建成甲N个 is: a works verb right before the number selects what the
    noun after the unit counts. Empty for light verbs alone (实施, 完成: they select nothing), for
    money (设立N亿元甲基金 is the fund's size) and when the noun phrase opens with a verb of its own."""
    word = activity_names.measure_word(unit)
    if not pre or not post or word in (None, "金额") or (segment.tag(segment.words(post)[0]) or "") in ("v", "p"):
        return ""
    pre = _verbs_before_examples(pre.removesuffix("了"))   # 颁布了N件: the aspect says nothing of what
    if reach := _reach(pre, post):   # 惠及N户居民: those reached, verb first
        return reach + post + word
    light = lexicon.words("indicator_light_verbs.txt")
    bounds = segment.boundaries(pre)
    for k in range(len(pre) - 1):
        tail = pre[k:]
        if k in bounds and activity_names.verb_prefix(tail) == tail and not _only(tail, light):
            manner = measure_shape.MANNER.match(pre)   # 高质量建成N个甲: how it was done, no subject
            if (any((segment.tag(w) or "")[:1] in ("n", "j", "s") for w in segment.words(pre[:k])) and not (manner and manner.end() == k)
                    or pre[:k].endswith(activity_names.JOINS)):
                # 甲生态修复N家乙: the verb ends a name or has a subject; 新签和升级: a run of verbs it misses
                by_actor = _by_actor(pre[:k], tail, post, word)
                if by_actor or not _act_before(pre[:k]):
                    return by_actor
            # 引进培育N家首店: an object jieba splits into odd pieces (首|店) is named as written
            return activity_names.as_measure(tail + post, unit) or (post + tail.replace("、", "") + word if _counted(post) else "")
    return _plain_verb(pre, post, word) if ends_clause else ""


def _act_before(before: str) -> bool:
    """True when the words before a works verb hold an act of their own: a verb or preposition of
    two characters or more and its object of one to three nouns, right before the works verb
    (依托甲资源|改造, 根据甲条件|打造), or an earlier act of a list (改造甲房、|建设). The works verb then
    opens a predicate of its own; the nouns before it are an object or a means, no subject or name
    that qualifies what it counts. A verb right before the works verb, with no noun between
    (准备|扶持, 累计|推出), is not enough: jieba tags manner words (累计) as verbs."""
    words = segment.words(before.rstrip("、"))
    tags = [segment.tag(w) or "" for w in words]
    if before.endswith("、"):   # 改造甲房、建设: an earlier act of the list, a verb and its object
        return len(tags) > 1 and tags[-2] == "v" and tags[-1][:1] in ("n", "j")
    nouns = 0
    while nouns < min(3, len(words) - 1) and tags[-1 - nouns][:1] in ("n", "j"):
        nouns += 1   # the object or means: one to three nouns right before the works verb
    opener = words[-1 - nouns] if nouns else ""
    return len(opener) > 1 and tags[-1 - nouns] in ("v", "p")


def _by_actor(subject: str, verbs: str, post: str, word: str) -> str:
    """甲科创园新引入N家乙 → 甲科创园新引入乙数: a works verb after a subject that names a place or
    body (indicator_actor_heads.txt) counts the things that place or body worked on, and the
    measure keeps whose count it is; empty for any other subject (the verb may end a name)."""
    if subject.endswith("新") and not subject.endswith(("创新", "更新", "革新")):
        subject, verbs = subject[:-1], "新" + verbs   # 甲园新引入: newly brought in, by 甲园
    return subject + verbs.replace("、", "") + post + word if _is_actor(subject) and _counted(post) else ""


def _is_actor(subject: str) -> bool:
    """True for the name of a place or body (indicator_actor_heads.txt) that opens and ends with a
    noun; the words between may hold a verb (甲创新公园)."""
    words = segment.words(subject)
    return 2 < len(subject) <= 12 and subject.endswith(lexicon.words("indicator_actor_heads.txt")) \
        and all((segment.tag(w) or "")[:1] in ("n", "j") for w in (words[0], words[-1]))


def _actor(phrase: str) -> str:
    """甲实验室 of 甲实验室集聚乙: the place or body that opens a phrase as the subject of the verb
    after it; empty when the phrase opens otherwise."""
    words = segment.words(phrase)
    for i in range(1, min(len(words) - 1, 5)):
        if (segment.tag(words[i]) or "") == "v" and _is_actor("".join(words[:i])):
            return "".join(words[:i])
    return ""


def actor_shared(first: str, item: str) -> str:
    """甲实验室集聚N名乙、实施M项丙 → 甲实验室实施丙: a list's later item that opens with a verb of
    its own has the subject of the first item, when that subject is a place or body; ``item``
    otherwise."""
    words = segment.words(item) if item else []
    if len(words) < 2 or (segment.tag(words[0]) or "") != "v" or len(words[0]) < 2:
        return item
    actor = _actor(first)
    return actor + item if actor and not item.startswith(actor) else item


def _plain_verb(pre: str, post: str, word: str) -> str:
    """筛选N家甲 → 甲筛选数: a verb of jieba's outside the works lexicons, written right before the
    number with at most a manner word before it, selects what is counted as a works verb does."""
    words = segment.words(pre)
    verb, before = words[-1], "".join(words[:-1])
    manner = measure_shape.MANNER.match(pre)   # 精准筛选: how it was done
    if len(verb) < 2 or segment.tag(verb) not in ("v", "vn") or verb in lexicon.word_set(*NOT_SELECTING):
        return ""   # 甲拥有, 全省共有: a verb that selects nothing
    if before and not (manner and manner.end() == len(before) or all(segment.tag(w) in MANNER_TAGS for w in words[:-1])):
        return _by_actor(before, verb, post, word)   # a subject of its own: a place or body, or nothing
    acts = any(segment.tag(w) == "v" for w in segment.words(post))   # 支持N所甲补短板: a pivot, its act after
    return post + verb + word if _counted(post) and not acts else ""


def _counted(post: str) -> bool:
    """True when the noun after a count (counted_noun.after_count) names the things counted: a
    noun of jieba's in it (首|店, 绿|美|点: new words it splits), no measure word, no 的."""
    return len(post) > 1 and not measure_shape.has_head(post) and "的" not in post \
        and any((segment.tag(w) or "")[:1] in ("n", "j", "l") for w in segment.words(post))


def works_after(lead: str, post: str, after: str, unit: str) -> str:
    """完成N间甲照明改造 → 甲照明改造数: after a light verb alone, a count whose noun is followed, to
    the end of its clause, by words that end in a verb of works counts the things so worked on;
    empty otherwise (完成N个甲, 完成N个甲、M个乙改造: a list's items are left as they are)."""
    word = activity_names.measure_word(unit)
    works = re.match(r"[\u4e00-\u9fff]{2,8}(?=$|[,，;；。])", after)
    if not post or not works or word in (None, "金额") or lead not in lexicon.words("indicator_light_verbs.txt") \
            or not works.group().endswith(lexicon.words("indicator_activity_verbs.txt")):
        return ""
    return "" if measure_shape.has_head(post) or "的" in post else post + works.group() + word


def _verbs_before_examples(pre: str) -> str:
    """维修改造甲路、乙路等 → 维修改造, 挂牌建设甲、乙、丙 → 挂牌建设: names listed between the verbs and
    the count are examples of the things counted, not part of what selects them (the noun after
    the count says what they are; in an object before the count 等 does: activity_names)."""
    last = segment.words(pre.split("、")[-1].removesuffix("等") or "等")[-1]
    if not pre.endswith("等") and "、" not in pre or (segment.tag(last) or "").startswith("v") \
            or last in lexicon.words("indicator_coverage_verbs.txt"):
        return pre   # 实施甲政策、惠及: a list of acts, the last one before the count
    head = pre.split("、")[0]
    for k in sorted(segment.boundaries(head)):
        verbs = activity_names.verb_prefix(head[k:])
        if verbs and k + len(verbs) < len(head) and not activity_names.verb_prefix(pre[k + len(verbs):]):
            return pre[:k + len(verbs)]
    return pre


def _reach(pre: str, post: str) -> str:
    """The verb of reach that ends ``pre`` as a word of its own (育儿补贴惠及, …、惠及), when
    ``post`` is a plain noun phrase (居民, 农村中小学); empty otherwise (全覆盖 is no verb)."""
    words = segment.words(pre)
    if not words or words[-1] not in lexicon.words("indicator_coverage_verbs.txt") or measure_shape.has_head(post):
        return ""
    nouns = all((segment.tag(w) or "")[:1] in ("n", "j", "s") for w in segment.words(post))
    return words[-1] if nouns and len(post) <= 8 else ""


def _only(verbs: str, light: tuple[str, ...]) -> bool:
    """True when a run of verbs is made of light verbs alone (推进实施)."""
    rest = verbs
    while rest:
        head = next((v for v in light if rest.startswith(v)), "")
        if not head:
            return False
        rest = rest[len(head):].lstrip("和、及与")
    return True


def spender(pre: str, unit: str) -> str:
    """某某财政安排N亿元甲资金 → 某某财政安排甲资金, as 某某财政安排甲资金N亿元 reads: the body
    that allocates money qualifies the fund. Only for money, a short noun subject (not the report's
    own area) and a light verb; empty otherwise."""
    if activity_names.measure_word(unit) != "金额":
        return ""
    light = lexicon.words("indicator_light_verbs.txt")
    verb = next((v for v in light if pre.endswith(v) and len(pre) > len(v) + 1), "")
    subject = pre[: -len(verb)] if verb else ""
    words = segment.words(subject)
    if not subject or len(subject) > 8 or subject in measure_shape.TAIL_WORDS \
            or not all((segment.tag(w) or "")[:1] in ("n", "j") for w in words):
        return ""
    return subject + verb


def outcome_measure(name: str, unit: str) -> str:
    """甲公路建成通车 (N公里) → 甲公路建成通车里程: things that reached an outcome, counted in a
    unit, are named with what the unit measures. Only when what comes before the outcome verb is
    a noun phrase (…加快落地 stays a clause) and the unit is no amount of money."""
    word = activity_names.measure_word(unit)
    outcomes = _outcomes()
    verb = next((v for v in outcomes if name.endswith(v)), "")
    rest = name[: -len(verb)] if verb else ""
    words = segment.words(rest)
    if not rest or word in (None, "金额") or len(rest) < 2 or rest.endswith(tuple(outcomes)) \
            or any(measure_shape.opens_predicate(w) for w in words) or not all((segment.tag(w) or "")[:1] in ("n", "j", "b") for w in words):
        return ""   # 甲工程全线贯通, 甲工程落地见效: a manner word or a second outcome, a clause
    return name + word


def peel_manner(name: str) -> str:
    """成功创建甲, 顺利建成甲: a predicate adverb that opens the label says how the act went; the
    act, a verb of the works lexicons, is what the label is about (a measure name keeps it: 首次就业率)."""
    words = segment.words(name)
    # an adverb or an idiom of manner (jieba's d, ad, i: 再, 积极, 因地制宜) says how just as well
    works = lexicon.word_set("indicator_light_verbs.txt", "indicator_activity_verbs.txt")
    manner = bool(words) and (words[0] in lexicon.words("indicator_predicate_adverbs.txt")
                              or (segment.tag(words[0]) or "") in ("d", "ad", "i") and words[0] not in works)
    if len(words) < 2 or measure_shape.has_head(name) or not manner or words[1] not in works:
        return name   # 成功避险案例: a verb outside the works lexicons may be part of a noun phrase
    return name[len(words[0]):]
