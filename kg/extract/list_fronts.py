"""The front of a measure phrase that is a list: which of its words the measure keeps.

A value after a list (甲、乙、丙增长5%) is named by the last item, with the verbs or the 新增
that open the list (新增甲、乙 → 新增乙); one value after a list closed by 等 is of all its items
(农业、林业、水利等方面支出 → 农业林业水利等方面支出), and the examples before 等 are dropped when
the class after it names the measure (甲乙等重点产业增加值 → 重点产业增加值).

>>> peel("新增甲企业、乙企业")
'新增乙企业'
>>> peel("在农业、林业、水利等方面支出")
'农业林业水利等方面支出'
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.extract import activity_names, measure_shape

LIST_SEP = "、"
SYNTAX_TAGS = ("d", "r", "t", "x", "uj")   # adverbs, pronouns, periods, symbols, 的: of two characters or more
ETC_VAGUE = ("方面", "领域", "事业", "产业增加值")   # …等方面的支出: a class too vague to name the value


def peel(name: str) -> str:
    """``name`` without the list words its measure does not keep (see the module's docstring)."""
    if LIST_SEP in name and _verbs_only(name.split(LIST_SEP)[:-1]):
        # 新建、改扩建甲面积: a measure word ends it, no activity is renamed; the verbs run together
        return name.replace(LIST_SEP, "") if measure_shape.has_head(name) else name
    if LIST_SEP in name:
        last = name.rsplit(LIST_SEP, 1)[1]
        name = _list_lead(name, last) + (_etc_items(name) or last)   # 新增甲、乙, 新建改造甲、乙管网: 乙 is new too
    return _after_etc(name)


@lru_cache(maxsize=1)
def _item_breakers() -> frozenset[str]:
    return lexicon.word_set("indicator_activity_verbs.txt", "indicator_light_verbs.txt", "indicator_clause_verbs.txt",
                            "indicator_outcome_verbs.txt", "indicator_selection_verbs.txt", "indicator_driving_verbs.txt",
                            "indicator_reporting_verbs.txt")


def list_item(phrase: str) -> bool:
    """True for a short list item with no clause in it: 演艺, 复堤, 自贡, 致富能人. jieba tags some
    place names and nouns as verbs, so the test is by words, not tags: no verb of the lexicons, no
    preposition, conjunction or numeral, no adverb, pronoun or period of two characters or more.
    实现集中管理 and 近五年 are no items, nor is a measure of its own (化学需氧量)."""
    if not 0 < len(phrase) <= 8 or re.search(r"[\d()（）]", phrase) or "的" in phrase or measure_shape.has_head(phrase):
        return False   # 县(市、区): one item; 化学需氧量、氨氮排放量: measures of their own
    breakers = _item_breakers()
    return not any(w in breakers or (segment.tag(w) or "x") in ("p", "c", "m") or len(w) > 1 and (segment.tag(w) or "x") in SYNTAX_TAGS
                   for w in segment.words(phrase))   # 在甲地区, 央企二(、三级): a preposition or numeral even alone


def _verbs_only(items: list[str]) -> bool:
    """新建、改建、扩建甲: a list of verbs of works before one object is no list of things; the
    activity is named whole (activity_names)."""
    removal = lexicon.words("indicator_removal_verbs.txt")   # 淘汰、停建、缓建甲产能
    return all(activity_names.verb_prefix(i) == i or i in measure_shape.NEW_LEADS or i in removal for i in items)


def _list_lead(name: str, last: str) -> str:
    """The verbs (or the 新增 word) that open a list and select what its last item counts; none
    when the last item has verbs of its own (新建、改造甲: the list is of verbs)."""
    first = segment.words(last)[0] if last else ""
    if activity_names.verb_prefix(last) or measure_shape.NEW_LEAD.match(last) or (segment.tag(first) or "") in ("v", "vn", "m"):
        return ""   # …、精准帮扶农户, 二、三级…: an activity of its own, an ordinal
    new = measure_shape.NEW_LEAD.match(name)
    # before …、乙等类 only 新增 goes on (发放甲、乙等资金 stays a phrase, it names no measure)
    lead = ("" if "等" in last else activity_names.verb_prefix(name)) or (new.group() if new else "")
    return lead.replace(LIST_SEP, "") if len(lead) < len(name) - len(last) else ""


def _etc_items(name: str) -> str:
    """甲、乙、丙等方面支出 → 甲乙丙等方面支出: one value for a list closed by 等 is of all its items
    (short names, the verbs or preposition before the first left out); empty for other lists."""
    items, first = name.split(LIST_SEP), segment.words(name.split(LIST_SEP)[0])
    k = len(first)
    verbs = {*lexicon.words("indicator_activity_verbs.txt"), *lexicon.words("indicator_light_verbs.txt"), "用于"}
    while k and (segment.tag(first[k - 1]) or "x") not in ("v", "p", "c", "uj", "ul", "m", "r", "x") and first[k - 1] not in verbs:
        k -= 1   # 1955年国家决算在甲, 改造甲: the first item is the words after a preposition or a verb of works
    if k and segment.tag(first[k - 1]) != "p" and first[k - 1] not in verbs:
        return ""   # 重点节能|工程, 超|长期…: a verb inside the first item's name, where it starts is unclear
    items[0] = "".join(first[k:])
    if "等" not in segment.words(items[-1]) or not all(0 < len(i) <= 8 and not re.search(r"\d", i) for i in items[:-1]):
        return ""
    return "".join(items)


def _after_etc(name: str) -> str:
    """甲乙等重点产业增加值 → 重点产业增加值: after 等 comes the class the value is about; the
    examples before it are no measure. Kept when the class is a bare word (…等资金, …等方面的支出)."""
    if "等" not in name[1:-1]:
        return name
    words = segment.words(name)
    if "等" not in words[1:-1]:
        return name
    rest = "".join(words[words.index("等") + 1:])
    if len(rest) < 5 or rest.startswith(ETC_VAGUE) or re.search(r"\d", rest):
        return name
    new = measure_shape.NEW_LEAD.match(name)   # 新增甲等前沿学科, 新建改造甲等管网: what was done to the class
    lead = activity_names.verb_prefix(name) or (new.group() if new else "")
    if not lead and (segment.tag(words[0]) or "") in ("v", "vn", "p"):
        return name   # 形成甲等…, 为某某适配甲等…: a clause's verb would be lost with the examples
    return lead + rest
