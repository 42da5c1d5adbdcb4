"""The words a list shares among its items, so that each item names what its value counts.

A report writes the words that select what is counted once, for the whole list: a lead verb
(新增甲3个、乙5个; 改造甲管网10公里、乙管网8公里), a qualifier or measure word written with the last
item only (甲、乙新增就业; 甲和乙平均费率; 甲、乙出口). Without them an item reads as a stock or as
a bare thing (乙 for 新增乙).

>>> complete_items(["甲类企业", "乙类企业新增就业"])
['甲类企业新增就业', '乙类企业新增就业']
>>> shared_lead("新增甲类园区", "个", "乙类园区", "个")
'新增乙类园区'
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Any

from kg import lexicon, segment
from kg.extract import activity_names, indicator_names, list_fronts, list_scope, measure_shape
from kg.extract.selected_counts import CHOSEN, chosen_count

ORDINAL = re.compile(r"第?[一二三四五六七八九十]{1,3}")
SHARE_WORDS = ("占比", "比重")
SHARED_QUALIFIERS = ("新增", "平均", "人均", "户均", "年均", "累计", "限上")   # they select what a list's measure word counts (限上: among firms above the threshold)
# 新增, 新建, 淘汰落后 …: a lead verb that selects new (or removed) things, shared by the list
# 新 before any verb of works (新打造, 新组建) selects new things just as 新增 does
# 淘汰落后…, 关停…: a removal verb (kg/lexicon/indicator_removal_verbs.txt) is shared as well, and
# so is a verb of selection (入选, 获评)
_NEW_VERBS = lexicon.alternation("indicator_activity_verbs.txt")
_REMOVAL = lexicon.trie_pattern(("淘汰落后", *lexicon.words("indicator_removal_verbs.txt")))
_NEW = r"(?:净增|新(?:增|建|创建|认定|培育|引进|设立?|开工|开通|" + _NEW_VERBS + r"))"
NEW_THINGS = re.compile("^" + _NEW)   # 新增, 新建, 新打造 …: what follows is new things
# 入选甲N家、乙M家: each item counts things chosen as such (selected_counts.CHOSEN)
SHARED_LEAD = re.compile(r"^(?:" + _NEW + "|" + _REMOVAL + "|" + CHOSEN.pattern + ")")


def shared_lead(lead_of: str, lead_unit: str | None, written: str, unit: str) -> str:
    """新增甲100家、乙20家, 改造甲管网10公里、乙管网8公里: the verb that selects what the first
    item counts (新增, 淘汰落后, 改造) selects the next items of the list too (and 新增 before a
    number selects the noun after it); without it 乙 would read as a stock. Only for counts and
    amounts, and only when both the item and the item with the verb name a measure."""
    words = segment.words(written) if written else [""]
    first = words[0]
    new = first == "新" and len(words) > 1 and (segment.tag(words[1]) or "").startswith("v")   # 新登记…, not 新三板…
    measure, name = activity_names.measure_word(unit), indicator_names.clean_name(written).name
    if not measure or not name or new or SHARED_LEAD.match(written) or written.startswith("累计") or measure_shape.activity(written) \
            or indicator_names.ENUMERATION.match(written) or "总" in written \
            or segment.tag(first) == "v" and first not in lexicon.words("indicator_attributive_verbs.txt"):   # 在营甲: an attribute
        return written   # …、新登记乙, …、其中乙, …、总数, …、带动投资, …比重: new already, a part, a total, an activity, a rate
    head = indicator_names.clean_name(lead_of).candidate or lead_of   # 有序改造…, 今年新增…
    acts = lexicon.words("indicator_activity_verbs.txt")
    lead = SHARED_LEAD.match(head)
    # 新增…、乙产量: a flow already, not a count of new things (新增…、乙就业 is one); but 新增 right before
    # the number selects the amount after it (新增N亿元中央财政资金)
    if lead and not (lead.group().startswith("新") and measure_shape.has_head(name) and measure != "人数" and lead_unit is not None):
        text = next(lead.group()[:k] for k in range(len(lead.group()) + 1) if written.startswith(lead.group()[k:]))
        shared = text + next((v for v in acts if head.startswith(v, lead.end())), "") + written   # 新开工改造甲、乙
        if indicator_names.clean_name(shared).name:
            return shared
        # 关停甲N万千瓦、乙N处: a verb of works opens no measure name; the item is named as its activity
        return activity_names.as_measure(shared, unit) or chosen_count(shared, unit) or written
    if lead_unit is None or not head:
        return written
    verb = activity_names.verb_prefix(head).replace("、", "")   # 开工改造甲、乙: the whole run of verbs
    # 改造甲2万户、乙300个: a count after a count; 改造甲N个、乙管网M公里: any measure but money after
    # one, when the item is a plain noun phrase (…、总投资M亿元 is the money of the first, not an item)
    kind = _same_kind(measure, activity_names.measure_word(lead_unit)) or measure != "金额" and _plain(written)
    if verb and kind and activity_names.as_measure(verb + written, unit):
        return verb + written
    return written


def works_of_last(items: list[str]) -> list[str]:
    """N个甲、M个乙提质升级: the verbs of works that close a list of counted nouns are done to every
    item (甲提质升级, 乙提质升级), not to the last one only; an item with a verb, an adverb or a
    measure word of its own is left as it is.

    >>> works_of_last(["国家物流枢纽", "骨干冷链物流基地提质升级"])
    ['国家物流枢纽提质升级', '骨干冷链物流基地提质升级']
    """
    verbs = _closing_works(items[-1]) if len(items) > 1 else ""
    if not verbs:
        return items
    return [item + verbs if _verbless(item) else item for item in items[:-1]] + items[-1:]


def _verbless(phrase: str) -> bool:
    """A noun phrase with no verb, adverb, preposition or measure word in it (县级医院, 国家物流枢纽)."""
    tags = [segment.tag(w) or "" for w in segment.words(phrase)]
    return bool(tags) and not measure_shape.has_head(phrase) and tags[-1][:1] in ("n", "j") \
        and not any(t[:1] in ("v", "d", "p", "c", "u") and t != "vn" for t in tags)


def _closing_works(phrase: str) -> str:
    """The run of verbs of works, or the outcome, that ends ``phrase`` after a noun (…基地提质升级 →
    提质升级, …中心开诊运营 → 开诊运营), or empty."""
    outcomes = lexicon.words("indicator_outcome_verbs.txt")   # …开诊运营, …建成投产: an outcome reached
    for k in sorted(segment.boundaries(phrase))[1:-1]:
        tail = phrase[k:]
        if activity_names.verb_prefix(tail) == tail or tail in outcomes:
            return tail
    return ""


def part_of(whole: str, written: str) -> str:
    """新增甲里程N公里,其中乙M公里 → 新增乙: the part after 其中 is new as its whole is, when the whole
    opens with a lead of new things and the part is a plain noun phrase (or ends in the whole's
    measure word); ``written`` otherwise."""
    lead = NEW_THINGS.match(whole)
    # 新增甲装机N千瓦,其中乙装机M千瓦: a part that ends in the whole's own measure word is a part too
    same = bool(written and whole) and segment.words(written)[-1] == segment.words(whole)[-1]
    if not lead or NEW_THINGS.match(written) or not (_plain(written) or same):
        return written
    return lead.group() + written


def lead_after_subject(pre: str) -> tuple[str, str] | None:
    """某某财政新增 (N亿元甲资金), 全省新增 (N个甲): a lead verb written after the clause's subject.
    Returns the subject, when it is a short noun phrase that qualifies what is counted (not the
    report's own area, not a clause), and the lead; None when ``pre`` ends in no lead word."""
    for k in range(1, len(pre) - 1):
        if SHARED_LEAD.fullmatch(pre[k:]) and indicator_names.at_word_end(pre, k):
            if pre[k - 1] in "和、及与":
                return None   # 改造和新建: the lead is a run of verbs, not 新建 alone
            subject, words = pre[:k], segment.words(pre[:k])
            nouns = all((segment.tag(w) or "")[:1] in ("n", "j") for w in words)
            keep = nouns and len(subject) <= 8 and subject not in measure_shape.TAIL_WORDS
            return (subject if keep else ""), pre[k:]
    return None


def _plain(phrase: str) -> bool:
    """A noun phrase of nouns (and one-character adjectives: 老|旧|管网; verbal nouns before its
    head: 供热|设施), with no measure word (not 总投资 or 覆盖率)."""
    tags = [(segment.tag(w) or "") if len(w) > 1 else (segment.tag(w) or "").replace("a", "n") for w in segment.words(phrase)]
    return not measure_shape.has_head(phrase) and all(t[:1] in ("n", "j") or t in ("b", "l") or t == "vn" and i < len(tags) - 1
                                                      for i, t in enumerate(tags))


def joined(phrase: str) -> str:
    """交通、能源、水利完成投资 → 交通能源水利完成投资: one value after a list whose earlier items are
    plain nouns sharing the last item's measure is of them all (the caller knows there is one value,
    and no 分别 or 各); the verbs that open the list stay in front. Empty for other phrases."""
    if "、" not in phrase:
        return ""
    items = phrase.split("、")
    if "等" in segment.words(items[-1]):
        return ""   # a list closed by 等: list_fronts names it
    lead = activity_names.verb_prefix(items[0]) or (m.group() if (m := NEW_THINGS.match(items[0])) else "")
    earlier = [items[0][len(lead):], *items[1:-1]]
    last = segment.words(items[-1])[0] if items[-1] else ""
    if not all(list_fronts.list_item(i) for i in earlier) \
            or not ((segment.tag(last) or "")[:1] in ("n", "j", "b", "f") or segment.tag(last) == "zg"):
        return ""   # 实现集中管理、经费…, …、近五年投入资金: clauses or a period, not items of one measure
    return lead + "".join(earlier) + items[-1]


def _same_kind(one: str, other: str | None) -> bool:
    """Two values of one kind: the same measure word, or counts both (改造甲2万户、乙300个)."""
    return one == other or other is not None and one.endswith(("数", "次")) and other.endswith(("数", "次"))


def split_items(phrase: str) -> tuple[list[str], int]:
    """The items of a list phrase and how many before the last are joined to it by 和/及/与 alone
    (甲、乙和丙毛入学率: 1); 和, 及, 与 inside a word (和美乡村) join nothing."""
    if not any(c in phrase for c in "、和及与"):
        return ([phrase] if phrase else []), 0   # most phrases are no list
    items: list[str] = []
    seps, item = "", ""
    words = segment.words(phrase)
    for i, word in enumerate(words):
        if word in ("、", "和", "及", "与") and words[i + 1:i + 2] not in (["以上"], ["以下"]):   # 地级及以上城市: one level
            items, seps, item = items + [item], seps + word, ""
        else:
            item += word
    return [i for i in [*items, item] if i], len(seps) - len(seps.rstrip("和及与"))


def contracted_items(phrase: str, count: int) -> list[str]:
    """金融机构存贷款余额 (两个值) → 金融机构存款余额, 金融机构贷款余额; 一二三产增加值 (三个值) → 一产…, 二产…,
    三产…: ``count`` characters opening a word, then one they share that ends it, each making a
    word with it (存款, 贷款) or counting (一产), stand for as many items; [] when there is none."""
    for word, items in lexicon.mapping("list_contractions.tsv").items():   # 城乡居民… → 城镇居民…, 农村居民…
        if phrase.startswith(word) and len(items.split("、")) == count:
            return [item + phrase[len(word):] for item in items.split("、")]
    starts = sorted(segment.boundaries(phrase))
    for at in reversed(starts[:-1]):   # 本外币存贷款余额: the contraction nearest the measure word
        run, shared, end = phrase[at:at + count], phrase[at + count:at + count + 1], at + count + 1
        inside = {b for b in starts if at < b < end} - {at + count}   # 存贷款, 一二三|产: one word, or the run and the shared one
        if len(set(run)) == count == len(run) and re.fullmatch(r"[\u4e00-\u9fff]+", run + shared) and not inside \
                and (end in starts or end == len(phrase)) \
                and (all(c in "一二三四五六七八九十" for c in run) or all(segment.words(c + shared) == [c + shared] for c in run)):
            return [phrase[:at] + c + phrase[at + count:] for c in run]
    return []


def complete_items(items: list[str], tight: int | None = None) -> list[str]:
    """集成电路、锂电池出口 → 集成电路出口; 国家级、部级创新平台 → 国家级创新平台: the list shares
    the measure word (or the noun after an attribute) that only its last item writes.

    An earlier item with a measure word of its own (甲产值、乙、丙销售额分别…) makes a list of different
    measures: the last measure word then goes only to the ``tight`` items joined to the last by 和."""
    if len(items) < 2:
        return items
    items = list_scope.of_events(per_unit(items))
    words = segment.words(indicator_names.clean_name(items[-1]).name or items[-1])   # …增加值年均: the name, not the change words
    if len(words) < 2:
        return list_scope.shared_owner(list_scope.shared_scope(items))   # 甲出口额、进口额: no words to share but scope and owner
    size = 1 if len(words[-1]) > 1 or len(words) == 2 and (segment.tag(words[0]) or "") == "n" else 2   # 出栏量; 甲案件、命案|数
    head = "".join(words[-size:]) if measure_shape.has_head("".join(words[-size:])) else ""
    while head and size < len(words) - 1 and words[-size - 1] in lexicon.words("measure_heads.txt"):
        size += 1   # 制造业、普惠小微贷款余额: the list shares 贷款余额, not 余额
        head = words[-size] + head
    while head and size < len(words) - 1 and words[-size - 1] in SHARED_QUALIFIERS:
        size += 1   # 甲、乙新增就业, 甲和乙平均费率: the list shares the qualifier with the measure word
        head = words[-size] + head
    if head and "占" in words[2:-1] and measure_shape.has_head(words[words.index("占") - 1]):
        head = "".join(words[words.index("占") - 1:])   # 甲、乙产业增加值占GDP比重: the list shares the whole share
    shared_from = 0 if tight is None or not any(measure_shape.has_head(i) for i in items[:-1]) \
        else len(items) - 1 - tight
    rest = "".join(words[1:]) if (segment.tag(words[0]) or "") in ("b", "a") else ""
    out: list[str] = []
    ordinal = ORDINAL.match(items[-1])
    for item in items[:-1]:
        if ordinal and ORDINAL.fullmatch(item):
            item += items[-1][ordinal.end():]   # 第一、第三产业增加值 → 第一产业增加值
        elif head and (_parallel(item, words) or words[1] == "等" and len(segment.words(item)) == 1):
            # 炼铁、炼钢先进产能占比 → 炼铁先进产能占比, not 炼铁占比; 城镇、农村居民… → 城镇居民…
            item += "".join(words)[len(item) if words[1] != "等" else len(words[0]):].removeprefix("等")
        elif head and not measure_shape.has_head(item) and len(out) >= shared_from:
            item += head
        elif head in SHARE_WORDS and measure_shape.has_head(item) and not item.endswith(SHARE_WORDS):
            item += head   # 甲发电量、乙用电量占比均…: the share is of each quantity in the list
        elif rest and len(segment.words(item)) == 1 and (segment.tag(item) or "") in ("b", "a"):
            item += rest
        out.append(item)
    last = segment.words(items[-1])   # 甲、乙、丙等产业增加值: 等 closes the list, it is no part of 丙's name
    out.append(last[0] + "".join(last[2:]) if len(last) > 2 and last[1] == "等" else items[-1])
    return list_scope.shared_owner(list_scope.shared_scope(_ordinals(out) if ordinal else out))   # 农村乙, 甲用电量占比


def _ordinals(items: list[str]) -> list[str]:
    """第一、二、三产业 → 第一产业, 第二产业, 第三产业: a list of ordinals that writes 第 once, or one of the
    three sectors (产业) that writes it nowhere, names each with its 第."""
    bare = [i for i in items if not i.startswith("第")]
    sectors = all((m := ORDINAL.match(i)) is not None and i[m.end():].startswith("产业") for i in items)
    if bare and (len(bare) < len(items) or sectors):
        return [i if i.startswith("第") else "第" + i for i in items]
    return items


def per_unit(items: list[str]) -> list[str]:
    """单位甲总值乙、丙、丁 → 单位甲总值丙 …: an intensity's base (单位 and the output it is per),
    written with the first item only, is shared by the measures after it; an item with a base
    of its own (单位…, 人均…) or no measure word keeps its words.

    >>> per_unit(["单位甲产值能耗", "用水量", "人均用水量"])
    ['单位甲产值能耗', '单位甲产值用水量', '人均用水量']
    """
    words = segment.words(items[0]) if items[0] else []
    if len(words) < 3 or words[0] != "单位":
        return items
    k = next((k for k in range(2, len(words)) if measure_shape.has_head("".join(words[:k])) or words[k - 1] == "GDP"), 0)
    base = "".join(words[:k])
    if not k or not measure_shape.has_head(items[0][len(base):]):
        return items   # 单位甲: no measure after the base, so nothing to share
    return [items[0], *(i if i.startswith(("单位", "人均", "每")) or not measure_shape.has_head(i) else base + i
                        for i in items[1:])]


PLACE_TAGS = ("n", "ns", "s", "nz", "b")   # 城镇 (ns) and 农村 (n) stand for each other
NOUN_TAGS = (*PLACE_TAGS, "l", "j")          # 高等教育 is an expression (l) of jieba's


def _parallel(item: str, last: list[str]) -> bool:
    """炼铁、炼钢先进产能占比: an item that stands for the first word of the last item (same length, same
    part of speech, or places both: 城镇 and 农村), so that it shares all the words after it, not the
    measure word only; not the same word again (工业、工业技改投资: the second is a part of the first).
    An item of nouns that jieba reads as two words stands for a term of one (高中阶段 for 高等教育). The
    counterpart may open a longer word of jieba's (城镇、农村居民…: 农村 of 农村居民), when both are nouns."""
    words = segment.words(item)
    if len(last) <= 2 or len(item) < 2 or measure_shape.has_head(item):
        return False
    if len(words) > 1:   # 高中阶段、高等教育毛入学率: nouns of the length of the counterpart, a term of jieba's
        return len(item) == len(last[0]) and item != last[0] and segment.tag(last[0]) in NOUN_TAGS \
            and all(segment.tag(w) in NOUN_TAGS for w in words)
    if len(item) == len(last[0]):
        return item != last[0] and (segment.tag(item) == segment.tag(last[0])
                                     or segment.tag(item) in PLACE_TAGS and segment.tag(last[0]) in PLACE_TAGS)
    head, rest = last[0][:len(item)], last[0][len(item):]   # 农村|居民, not 食用|菌
    return len(rest) > 1 and head != item and segment.words(head) == [head] and segment.words(rest) == [rest] \
        and segment.tag(item) in PLACE_TAGS and segment.tag(head) in PLACE_TAGS


_LEVEL = re.compile(r"[^\d、,，]{1,4}级")   # 国家级, 世界级, 千亿级: a level, an attribute of a noun


# 国家级, 省级以上: the level of a jurisdiction that opens the first noun of a list of counts is the
# level of each item after it that writes no level or scope of its own
# (县级医院, 市级医院 are kinds of their own: a county or city level is shared only with 以上)
JURISDICTION_LEVEL = re.compile(r"(?:国家|省|自治区)级(?:及?以上)?|(?:市|州|县|区)级及?以上")
PROVINCE_LEVEL = re.compile(r"(?:省|自治区)级")
_OWN_SCOPE = re.compile(r"^(?:国家|全国|省|自治区|市|州|县|区|世界|国际)|级")


def shared_level(first: str, prior: str, item: str, counts: tuple[str, str]) -> str:
    """建成省级以上甲N个、乙M个 → 建成省级以上乙: in a list of counts (``counts``, the units of the
    item before and of this one) opening with a national level or a scope (国家级, 省级以上), an item
    with no level or scope of its own takes the nearest one before it; otherwise, and after an amount,
    it is left as written. A province's own level (省级甲、乙) stays with its item (readers' verdicts).

    >>> shared_level("建成省级以上绿色工厂", "建成省级以上绿色工厂", "建成绿色园区", ("个", "个"))
    '建成省级以上绿色园区'
    >>> shared_level("国家级甲类园区", "国家级甲类园区", "省级乙类园区", ("个", "家"))
    '省级乙类园区'
    >>> shared_level("新增甲类企业", "国家级乙类企业", "丙类企业", ("家", "家"))
    '丙类企业'
    >>> shared_level("国家级开发区", "国家级开发区", "总投资", ("个", "亿元"))
    '总投资'
    >>> shared_level("新建省级甲类中心", "新建省级甲类中心", "新建乙类平台", ("个", "个"))
    '新建乙类平台'
    """
    opening = JURISDICTION_LEVEL.search(first)
    if any(activity_names.measure_word(unit) != "数" for unit in counts) or opening is None or not _opens(first, opening):
        return item
    level = JURISDICTION_LEVEL.search(prior)
    m = level if level is not None and _opens(prior, level) else opening
    source = prior if m is level else first
    if PROVINCE_LEVEL.fullmatch(m.group()):
        return item   # 新建省级甲N个、乙M个: a province's own level is the first item's; 国家级 and …以上 are the list's
    lead = source[:m.start()]   # the list's verbs, shared already (建成, 新增), or nothing
    if not item.startswith(lead):
        return item
    rest = item[len(lead):]
    if len(rest) < 2 or _OWN_SCOPE.search(rest):
        return item
    return lead + m.group() + rest


def _opens(phrase: str, level: re.Match[str]) -> bool:
    """True when the level opens the noun of ``phrase``: only verbs (建成, 新增) come before it."""
    lead = phrase[:level.start()]
    return not lead or activity_names.verb_prefix(lead) == lead or SHARED_LEAD.fullmatch(lead) is not None


def attribute_items(qs: list[Any]) -> list[Any]:
    """6个国家级、9个省级甲 → 国家级甲, 省级甲: a count of a level alone, before counts of the same list
    that write the noun, counts that noun at its level (``indicator`` is the written phrase here)."""
    for q, after in reversed(list(pairwise(qs))):
        if not (level_alone(q.indicator) and after.label.startswith(q.indicator + "、")):
            continue
        span = _level_span(after.indicator)   # 新建省级甲, 区域级甲培育数: the level may follow the verbs
        if span and len(after.indicator) > span[1] + 1:
            q.indicator = q.written = after.indicator[:span[0]] + q.indicator + after.indicator[span[1]:]
    return qs


def _level_span(name: str) -> tuple[int, int] | None:
    """Where the first level (省级, 区域级) stands in ``name``: from the start of jieba's word it
    begins in (jieba may write 级 apart, or join it to the next word: 省级重点) to its 级."""
    at = name.find("级")
    if at < 1:
        return None
    pos, start = 0, 0
    for word in segment.words(name):
        if pos >= at:
            break
        start, pos = pos, pos + len(word)
    return (start, at + 1) if level_alone(name[start:at + 1]) else None


def level_alone(phrase: str) -> bool:
    """True for a level written alone (国家级, 世界级, 千亿级): the attribute of a noun written later."""
    return _LEVEL.fullmatch(phrase) is not None


def expand_items(qs: list[Any]) -> list[Any]:
    """A value shared by a list (甲、乙均达98%) gives one quantity (a dataclass with ``items`` and
    ``indicator``) per item, each named by its item."""
    res: list[Any] = []
    for q in qs:
        res += [replace(q, indicator=item, items=[]) for item in q.items] if q.items else [q]
    return res
