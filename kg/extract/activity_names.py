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
>>> as_measure("治理水土流失面积", "万亩") is None, as_measure("新增上市企业", "家") is None
(True, True)
"""
from __future__ import annotations

from functools import lru_cache

from kg import lexicon, segment

JOINS = ("和", "、", "与", "及")
SCALES = ("万亿", "万", "亿")
NEW_LEADS = ("新增", "新建", "新设")   # 新增上市企业: "newly added" qualifies what is counted


@lru_cache(maxsize=1)
def _measure_ends() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("measure_words.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(lexicon.words("measure_heads.txt"))


def measure_word(unit: str) -> str | None:
    """What a unit measures (万亩 → 面积, 亿元 → 金额, 个 → 数); None for %, 倍 and the like."""
    table = lexicon.mapping("unit_measures.tsv")
    if unit in table:
        return table[unit]
    for scale in SCALES:
        if unit.startswith(scale) and unit[len(scale):] in table:
            return table[unit[len(scale):]]
    return None


def _is_verb(word: str) -> bool:
    """A verb of works, services or rules (indicator_activity_verbs.txt). jieba's verb tag alone is
    not enough: it also tags manner words (自主, 加快) and attributes (节能, 废弃) as verbs."""
    return word in lexicon.words("indicator_activity_verbs.txt") or word in lexicon.words("indicator_light_verbs.txt")


def _verb_group(words: list[str]) -> int:
    """How many leading words are verbs: 部署实施, 新建和改造, 淘汰、停建."""
    if len(words) > 2 and (segment.tag(words[0]) or "") == "vn" and (segment.tag(words[1]) or "") in ("b", "r"):
        return 1   # 盘活省级…, 供应国有…: a verbal noun before an attribute acts as the verb
    i, bare = 0, 0
    while i < len(words) and _is_verb(words[i]) and bare < 2:   # 开挖疏浚|排水沟渠: a third verb opens the object
        i, bare = i + 1, bare + 1
        if i + 1 < len(words) and words[i] in JOINS and _is_verb(words[i + 1]):
            i, bare = i + 1, 0
    if i == 1 and words[0] in NEW_LEADS:
        return 0   # 新建城市公园: a new thing counted, not the act of building it
    return i


def _noun(word: str) -> bool:
    tag = segment.tag(word) or ""
    return tag.startswith("n") or tag in ("j", "l", "vn")


def as_measure(name: str, unit: str) -> str | None:
    """The measure name of a verb–object activity counted in ``unit``, or None when the name is
    no such activity (it opens with no verb, ends in a measure word, or the unit says nothing)."""
    word = measure_word(unit)
    if not word or not name or name.endswith(_measure_ends()):
        return None
    words = segment.words(name)
    k = _verb_group(words)
    if k == 0 or k >= len(words):
        return None
    obj = words[k:]
    if len(obj[0]) < 2 or not _noun(obj[-1]) or not any((segment.tag(w) or "").startswith("n") for w in obj):
        return None
    if "的" in obj or len(obj) == 1 and obj[0] in _heads():
        return None   # 用于…的资金, 建设资金: a noun phrase whose head is the thing measured
    verbs = "".join(words[:k]).replace("、", "和")
    return "".join(obj) + verbs + word
