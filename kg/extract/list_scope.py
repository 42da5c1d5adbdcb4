"""A scope written once, with the first item of a list of measures, holds for every item.

A report says where, or among which units, a list of measures holds once, before its first item:
农村甲、乙普及率 (both rural), 规上甲、乙制造业增加值 (both above the size threshold), 全省甲、乙收入
(both of the province). Without it a later item reads as a measure of anywhere (乙普及率). The
scopes are places and statistical thresholds that are words of their own; a later item that
names a scope or place of its own (全市生产总值、某某新区生产总值: the same measure of another
place), or is too short to name a measure (支出), is left as it is by the scope; an item that
opens with a measure parallel to one of the first item's takes the first item's owner
(:func:`shared_owner`: 甲收入、支出 → 甲支出); after a count of events (甲事故起数), the measures
that follow with no subject of their own are the events' (:func:`of_events`: 甲事故死亡人数).

>>> shared_scope(["农村饮水普及率", "卫生厕所普及率"])
['农村饮水普及率', '农村卫生厕所普及率']
>>> shared_scope(["全市生产总值", "江北新区生产总值"])
['全市生产总值', '江北新区生产总值']
>>> shared_scope(["城镇居民医保补助标准", "新农合补助标准"])
['城镇居民医保补助标准', '新农合补助标准']
>>> shared_scope(["全区地方财政收入", "支出"])
['全区地方财政收入', '支出']
"""
from __future__ import annotations

import re

from kg import segment
from kg.extract import indicator_names, measure_shape

# Scopes a list's first item may open with, longest first. 城镇 is left out: a list that opens
# with it often goes on with a rural item (城镇居民医保、新农合).
SCOPES = ("城市建成区", "规模以上", "限额以上", "农村", "城市", "城乡", "全省", "全市", "全区", "全县", "全州", "规上", "限上")
# the two sides of an account: one list item names one side, the next the other (收入、支出)
ACCOUNT_PAIRS = frozenset({("收入", "支出"), ("支出", "收入"), ("出口", "进口"), ("进口", "出口"),
                           ("存款", "贷款"), ("贷款", "存款")})
# amounts of a body's own accounts (not 投资 or 收入 alone: those are also flows of the whole economy)
ACCOUNT_AMOUNTS = frozenset({"增加值", "利润", "利润总额", "营业收入", "营收", "营业总收入", "产值", "总产值", "营业额", "销售收入"})
# a person's income is no account with two sides (人均可支配收入、消费支出: the second is no 可支配支出)
PERSONAL_INCOME = ("可支配", "人均", "纯", "工资性", "经营性", "财产性", "转移性")
PLACE_TAGS = ("ns", "nr", "nt")   # 滨海新区 (ns); jieba reads some districts as names (nr)
PLACE_ENDS = ("区", "县", "市", "州", "省", "镇", "乡", "村")
OWN_SCOPE = re.compile(r"^(?:城|农|乡|村|县|镇|市|省|区|州|全|国|规|限|各|地|中央)")


def shared_scope(items: list[str]) -> list[str]:
    """Each later item with the scope its list's first item opens with (see the module)."""
    if len(items) < 2:
        return items
    first = items[0]
    scope = next((s for s in SCOPES if first.startswith(s)), "")
    if not scope or len(first) - len(scope) < 2 or len(scope) not in segment.boundaries(first):
        return items   # 城市副中心: the scope word is part of a longer name
    rest = first[len(scope):]
    return [first, *(scope + item if _takes_scope(item, rest) else item for item in items[1:])]


def shared_owner(items: list[str]) -> list[str]:
    """A later item that opens with a measure word parallel to one inside the first item takes what
    the first writes before it (甲发电量占比、用电量占比 → 甲用电量占比: both of 甲).

    Parallel: a word that differs only in its first character (发电量, 用电量; 出口额, 进口额; not
    覆盖率, 绿地率: 园林绿化 is the first measure's own), the other side of a pair of accounts
    (收入, 支出), that the same words follow in both items, or, for a later item that is an amount of
    a body's accounts alone (利润), one that ends the first item (甲企业营业收入); the owner is what
    stands at least two characters before it and names something. A change word (增量, 增幅) is no
    measure of its own.

    >>> shared_owner(["非化石能源发电量占比", "用电量占比"])
    ['非化石能源发电量占比', '非化石能源用电量占比']
    >>> shared_owner(["全区地方财政收入", "支出"])
    ['全区地方财政收入', '全区地方财政支出']
    >>> shared_owner(["森林覆盖率", "林草覆盖率"])
    ['森林覆盖率', '林草覆盖率']
    """
    if len(items) < 2:
        return items
    first = items[0]
    out = [first]
    for item in items[1:]:
        parts = indicator_names.clean_name(item)
        name = parts.name or parts.candidate or item   # 用电量占比均, 支出首次超过: the words after the measure go
        opening = segment.words(name)[0] if name else ""
        measure = len(opening) >= 2 and not indicator_names.is_change_word(opening)   # 增量: how it changed
        owner = _owner_before(first, opening, name[len(opening):]) if measure else ""
        out.append(owner + item if owner and not OWN_SCOPE.match(item) else item)
    return out


def owned_item(first: str, item: str) -> str:
    """A later value of a list of values (甲营收增长a%、利润增长b%) with the owner of the first, as
    :func:`shared_owner` gives it, when the result still reads as a measure name; ``item`` otherwise
    (增加铁路新线N公里、复线M公里: 增加铁路 is the list's verb and place, no owner).

    >>> owned_item("甲企业营收", "利润增长"), owned_item("增加铁路新线", "复线")
    ('甲企业利润增长', '复线')
    """
    owned = shared_owner([first, item])[1]
    return owned if owned != item and indicator_names.clean_name(owned).name else item


def of_events(items: list[str]) -> list[str]:
    """甲事故起数、死亡人数、直接经济损失 → 甲事故死亡人数 …: after a count of events (…起数, 起
    is the classifier of incidents) the list's measures with no subject of their own (they open
    with a verb or an adverb: 死亡, 受伤, 直接) are the consequences of those events.

    >>> of_events(["甲事故起数", "死亡人数", "乙案件数"])
    ['甲事故起数', '甲事故死亡人数', '乙案件数']
    """
    base = items[0].removesuffix("起数")
    if base == items[0] or len(base) < 2:
        return items
    names = [indicator_names.clean_name(i).name or i for i in items[1:]]   # 死亡人数分别比上年: the base goes
    return [items[0], *(base + i if len(n) <= 6 and (segment.tag(segment.words(n)[0]) or "")[:1] in ("v", "a", "d")
                        and indicator_names.clean_name(base + n).name == base + n else i for i, n in zip(items[1:], names))]


def _owner_before(first: str, opening: str, tail: str) -> str:
    """What ``first`` writes before its word parallel to ``opening`` and followed by ``tail``, or ''."""
    pos = 0
    for word in segment.words(first):
        end = pos + len(word)
        if first[end:] == tail:
            if word != opening and len(word) == len(opening) and word[1:] == opening[1:]:
                owner = first[:pos]
            elif not tail and opening in ACCOUNT_AMOUNTS and (amount := _account_end(first)):
                owner = first[:-len(amount)]   # 甲企业营业收入、利润: two amounts of one body's accounts
            else:   # 财政收入、支出: the other side of the account that closes the word
                side = next((a for a, b in ACCOUNT_PAIRS if b == opening and word.endswith(a)), "")
                owner = first[:end - len(side)] if side and not first[:end - len(side)].endswith(PERSONAL_INCOME) else ""
            # an owner names something (录取到本科院校…、专科院校…: 录取到 is a verb, no owner)
            if len(owner) >= 2 and not owner.endswith(("和", "及", "与", "、")) \
                    and any((segment.tag(w) or "")[:1] in ("n", "j") for w in segment.words(owner)):
                return owner
        pos = end
    return ""


def _account_end(name: str) -> str:
    """The amount of a body's accounts that ends ``name`` (the longest: 营业总收入, not 收入), or ''."""
    return max((a for a in ACCOUNT_AMOUNTS if name.endswith(a)), key=len, default="")


def _takes_scope(item: str, rest: str) -> bool:
    """True for a measure name (it ends in a measure word, and is not too bare: 支出) that opens
    with no scope or place of its own and is not the first item's measure again (``rest``, the
    first item after its scope: 全市甲、某区甲 is 甲 of two places)."""
    if measure_shape.too_bare(item) or not measure_shape.has_head(item) or OWN_SCOPE.match(item) or item.endswith(rest):
        return False
    opening = segment.words(item)[0]
    return (segment.tag(opening) or "") not in PLACE_TAGS and not opening.endswith(PLACE_ENDS)
