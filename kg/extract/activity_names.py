"""Activity values named as measures: what was done to a thing, and how much of it.

A report often counts an activity by its object and a unit: 建设改造农村公路120公里,
发放助学资金3亿元, 服务企业5万次. The phrase before the number is a verb–object activity, not
a measure name. The measure is the object, the verbs and what the unit measures:

>>> as_measure("建设改造农村公路", "公里")
'农村公路建设改造里程'
>>> as_measure("新建和改造高标准农田", "万亩")
'高标准农田新建和改造面积'
>>> as_measure("发放助学资金", "亿元")
'助学资金发放金额'
>>> as_measure("农村危房改造", "万户")
'农村危房改造户数'
>>> as_measure("治理水土流失面积", "万亩") is None, as_measure("新增上市企业", "家") is None
(True, True)
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.extract import measure_shape

JOINS = ("和", "、", "与", "及")
SCALES = ("万亿", "万", "亿")
NEW_LEADS = measure_shape.NEW_LEADS   # 新增上市企业: "newly added" qualifies what is counted


@lru_cache(maxsize=1)
def _measure_ends() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("measure_words.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(lexicon.words("measure_heads.txt"))


COUNT_WORDS = ("数", "人数", "户数")   # what a unit of counted things measures: things, people, households


def measure_word(unit: str) -> str | None:
    """What a unit measures (万亩 → 面积, 亿元 → 金额, 个 → 数); None for %, 倍 and the like."""
    table = lexicon.mapping("unit_measures.tsv")
    if unit in table:
        return table[unit]
    for scale in SCALES:
        if unit.startswith(scale) and unit[len(scale):] in table:
            return table[unit[len(scale):]]
    return None


@lru_cache(maxsize=1)
def _verbs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Verbs of works, services and rules (activity and light verb lexicons), and attributive
    verbs (投产, 竣工), longest first. jieba's verb tag alone is not enough: it also tags manner
    words (自主, 加快) and attributes (节能, 废弃) as verbs."""
    acts = {*lexicon.words("indicator_activity_verbs.txt"), *lexicon.words("indicator_light_verbs.txt")}
    attrs = set(lexicon.words("indicator_attributive_verbs.txt")) - acts
    return tuple(sorted(acts, key=len, reverse=True)), tuple(sorted(attrs, key=len, reverse=True))


@lru_cache(maxsize=1)
def _verb_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """_verbs() as patterns: a match at a position is the longest verb there, the first of the longest-first lists."""
    return re.compile(lexicon.trie_pattern(_verbs()[0])), re.compile(lexicon.trie_pattern(_verbs()[1]))


def verb_prefix(name: str) -> str:
    """The verbs that open ``name``: 部署实施, 新建和改造, 建成投产, 竣工 (before 各类)."""
    attrs = _verbs()[1]
    acts_re, attrs_re = _verb_res()
    pos, bare, ends = 0, 0, segment.boundaries(name)
    while bare < 3:   # 制定修改废止: up to three verbs run together (开挖疏浚|排水沟渠: 排水 is no verb of works)
        m = acts_re.match(name, pos)
        if m is None and pos > 0 and pos not in ends:   # 建成投产 is one word; 发放|就业补助资金 opens the object
            m = attrs_re.match(name, pos)
        if m is None:
            break
        pos, bare = m.end(), bare + 1
        if name[pos:pos + 1] in JOINS and acts_re.match(name, pos + 1):
            pos, bare = pos + 1, 0
    if pos == 0:
        words = segment.words(name)
        if len(words) > 2 and (segment.tag(words[1]) or "") in ("b", "r") and \
                ((segment.tag(words[0]) or "") == "vn" or words[0] in attrs):
            return words[0]   # 盘活省级…, 竣工各类…: a verb before a determiner acts as the verb
    verbs = name[:pos]
    if verbs in NEW_LEADS:
        return ""   # 新建城市公园: a new thing counted, not the act of building it
    return verbs


def _noun(word: str) -> bool:
    tag = segment.tag(word) or ""
    # 口岸 is a place word to jieba; 县 of 商品粮大县, a one-character noun of level, is a morpheme
    return tag.startswith("n") or tag in ("j", "l", "vn", "s") or len(word) == 1 and tag == "zg"


def as_measure(name: str, unit: str) -> str | None:
    """The measure name of a verb–object activity counted in ``unit``, or None when the name is
    no such activity (it opens with no verb, ends in a measure word, or the unit says nothing)."""
    word = measure_word(unit)
    if not word or not name or name.endswith(_measure_ends()):
        return None
    verbs = verb_prefix(name)
    if not verbs:
        return _process_measure(name, word)
    if len(verbs) >= len(name) or len(verbs) not in segment.boundaries(name) and not _place_across(name, len(verbs)):
        return None
    obj = _after_examples(segment.words(name[len(verbs):]))
    # 小|煤矿, 老|旧|小区: a one-character adjective may open the object, when no verb follows (稳|增长…);
    # so may a one-character noun of level or place before a noun (县|医院)
    short = len(obj[0]) < 2 and not (len(obj) > 1 and all(segment.tag(w) not in ("v", "vd") for w in obj)
                                     and (segment.tag(obj[0]) in ("a", "m") or segment.tag(obj[0]) in ("n", "ns", "zg") and len(obj[1]) > 1))
    if short or not _noun(obj[-1]) or not any((segment.tag(w) or "").startswith("n") for w in obj):
        return None
    if "的" in obj or len(obj) == 1 and obj[0] in _heads():
        return None   # 用于…的资金, 建设资金: a noun phrase whose head is the thing measured
    return "".join(obj) + verbs.replace("、", "") + word


def _after_examples(obj: list[str]) -> list[str]:
    """复康路等道路 → 道路: named examples before 等 are not part of what is counted (the words of an
    activity's object; indicator_repairs._verbs_before_examples cuts them from before a count)."""
    if "等" in obj[:-1]:
        cut = len(obj) - 1 - obj[::-1].index("等")
        return obj[cut + 1:]
    return obj


def _process_measure(name: str, word: str) -> str | None:
    """农村危房改造 (户) → 农村危房改造户数: a process noun counted in a unit is named with what the unit measures."""
    if word == "金额":
        return None   # 项目建设 (亿元): money spent on a process is no count of it
    light = lexicon.words("indicator_light_verbs.txt")
    verb = next((v for v in _verbs()[0] if name.endswith(v) and v not in light), "")   # …投入, …实现: the value itself
    rest = name[: -len(verb)] if verb else ""
    words = segment.words(rest) if rest else []
    while len(words) > 1 and measure_shape.says_done(words[-1]):
        rest = rest[: -len(words.pop())]   # 甲陆续开工, 甲全部如期建成: how it went; what is counted is 甲 all the same
    name = rest + verb
    head = segment.words(rest) if len(rest) > 1 and measure_shape.cut_tail(rest) == rest else []
    # 兽药质量抽检 (批次): a verbal noun qualifies too, unless the unit is a bare count (N座…维修加固 counts bridges)
    noun = (segment.tag(head[-1]) or "").startswith(("n", "j", "l", "vn" if word != "数" else "n")) if head else False
    # 临时救助 (N万人次): a kind of service (临时, a distinguishing word) counted in its events
    noun = noun or word in ("人次", "户次") and len(head) == 1 and segment.tag(head[0]) == "b"
    if not head or head[-1] in measure_shape.TAIL_WORDS or not (noun or len(rest) not in segment.boundaries(name)):
        return None   # 基本建成, 全面实施: a manner word is no thing processed
    if measure_shape.newly_and_verb(rest):
        return None   # 新开工建设: "newly" and a verb (jieba tags 新开工 a noun); what was built is elsewhere
    return name + word


def _place_across(name: str, cut: int) -> bool:
    """True when the word of jieba's that crosses ``cut`` is a place name (新建|县医院 read as 新建县|医院)."""
    pos = 0
    for w in segment.words(name):
        if pos < cut < pos + len(w):
            return segment.tag(w) == "ns"
        pos += len(w)
    return False
