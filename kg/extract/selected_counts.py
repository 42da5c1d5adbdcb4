"""Counts selected by the predicate after them: N个甲入选乙 counts the 甲 that entered 乙.

A report often counts things by their bare noun and writes what selects them after it:
"8个甲品种入选乙目录", "300项甲事项实现跨省通办". The label before the predicate (甲品种) reads as
all such things; the value counts only those the predicate selects. The measure is named by
the predicate as a relative clause, the noun and what the unit counts: 入选乙目录的甲品种数.

The predicate must open with a verb of selection or outcome (indicator_selection_verbs.txt, or a
passive 被), or with any verb and its object after a whole noun (N项甲填补国内空白), after at
most adverbs, a place (在全省推广), an attribute of the things counted (甲质量进入前十) or an
adjective used as a manner word (稳定消除某风险), and run to the end of its clause without a
number (完成投资N亿元 reports a value of its own). A few verbs select alone (N所学校受益). A count that is the object of a verb or a preposition before
it (选派N名甲…, 将N类甲纳入…, 建成N个甲) is no subject of the predicate and is left as it is; but
after 为, 在, 对 or 使 right before the number, the act after the noun is what was done for, in or
to the things counted, and any verb with its object names them (为N名甲提供乙 → 提供乙的甲人数,
在N个县开展乙 → 开展乙的县数).

>>> selected_by("全省", "入选国家“甲类”推广目录。", "乙品种", "个")
'入选国家甲类推广目录的乙品种数'
>>> selected_by("", "全部实现跨省通办,", "甲事项", "项")
'全部实现跨省通办的甲事项数'
>>> selected_by("在全县", "开展甲行动", "行政村", "个"), selected_by("选派", "开展服务", "专家", "名")
('', '')
>>> selected_by("", "完成投资500亿元", "重点项目", "个"), selected_by("选派", "提供服务", "老人", "名")
('', '')
>>> chosen_count("入选国家甲类工厂", "家"), chosen_count("获评甲奖", "人"), chosen_count("入选", "个")
('入选国家甲类工厂数', '获评甲奖人数', '')
>>> selected_by("为", "提供上门服务。", "困难老人", "名"), selected_by("在", "设置回收点,", "小区", "个")
('提供上门服务的困难老人人数', '设置回收点的小区数')
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from kg import lexicon, segment
from kg.extract import activity_names, measure_shape
from kg.extract.common import QUOTES

CLAUSE_END = ",，;；。:：!！?？、\n()（）"
NOTE_END = re.compile(r"[(（][^()（）]*[)）]$")   # 县(市), 省(区、市): a note on the noun before it
FIRM_ENDS = ("企业", "公司", "主体", "单位")
CHOSEN = re.compile(r"新?(?:" + measure_shape.DESIGNATION_VERBS + ")")   # 入选甲N家: the 甲 chosen, not every 甲
# 选派, 建设 …: verbs jieba's table may tag as nouns; a count after one is their object
LEAD_VERBS = ("indicator_clause_verbs.txt", "indicator_activity_verbs.txt", "indicator_light_verbs.txt")
LEAD_BLOCK = ("v", "vn", "p", "d", "c")   # 建成|为|在|先后 N个甲: the count is an object, not a subject
# 为|在|对|使|与|同|向 N个甲 V乙: the count is of the things the act after it was done for, in, to or
# with; the act names them (为N个小区引入物业服务 → 引入物业服务的小区数, 与N个国家开展合作 →
# 开展合作的国家数), as a verb of selection does
SERVED_BY = ("为", "在", "对", "使", "与", "同", "向")
# verbs of selection that select alone, with no object (N所学校受益, N家企业上榜)
ALONE = ("受益", "上榜", "入围", "亮相", "揭牌")
# digits that belong to a name, not a value: a quoted name (“甲500强”), 5G, a ranking (甲500强), a year (2025甲名单)
NAME_DIGITS = re.compile(r"[“「][^”」]*[”」]|\d+[A-Za-z]+|\d+强|(?<!\d)(?:19|20)\d\d(?!\d)(?=年?[\u4e00-\u9fff])")


class Counted(Protocol):
    indicator: str
    written: str
    unit: str
    start: int
    end: int
    better: str | None
    post: str


def selected_by(lead: str, after: str, noun: str, unit: str, whole: bool = True) -> str:
    """The measure of ``noun`` counted in ``unit`` and selected by the predicate that opens
    ``after``; ``lead`` is the clause before the number. Empty when the shape does not hold.
    ``whole``: the noun ends where one of jieba's words of the text ends (not 历史遗|留问题)."""
    word = activity_names.measure_word(unit)
    if word not in activity_names.COUNT_WORDS or not noun or measure_shape.has_head(noun):
        return ""
    lead_words = segment.words(lead)
    served = bool(lead_words) and lead_words[-1] in SERVED_BY \
        and not any(segment.tag(w) == "v" for w in segment.words(noun))   # 甲形成…: the noun took a verb in
    if not served and (lead_words and ((segment.tag(lead_words[-1]) or "") in LEAD_BLOCK or lead_words[-1] in lexicon.word_set(*LEAD_VERBS))
                       or any(segment.tag(w) == "p" or w in ("将", "把") for w in lead_words)):
        return ""   # 在全县N个村开展…, 将N类甲纳入…: the count sits in a phrase of the verb after it
    clause = re.match(r"[^" + re.escape(CLAUSE_END) + r"]{2,24}(?=[" + re.escape(CLAUSE_END) + r"]|$)", after)
    if not clause or re.search(r"\d", NAME_DIGITS.sub("", clause.group())):
        return ""   # a number of its own: the predicate reports a value (完成投资N亿元)
    predicate = QUOTES.sub("", clause.group())
    words = [w for w in segment.words(predicate) if w not in ("了", "着")]   # 配备了设备: the aspect says nothing of what
    predicate = "".join(words)
    i = 0
    selecting = lexicon.word_set("indicator_selection_verbs.txt")
    while i < len(words) - 1 and (measure_shape.opens_predicate(words[i]) or segment.tag(words[i]) == "d"
                                  or words[i] == "新" and words[i + 1] in selecting):
        i += 1   # 全部, 首次, 均, 新(获评): adverbs before the verb
    i = _fronted(words, i, selecting)   # 在全省|推广, 甲质量|进入前十, 稳定|消除: before the verb
    verb = words[i] if i < len(words) else ""
    if word == "户数" and noun.endswith(FIRM_ENDS):
        word = "数"   # 5户企业: 户 counts firms here, not households
    if i == len(words) - 1 and (verb in ALONE or words[0] in ("在", "于") and i > 1):
        # N所学校受益, N家企业上榜: the verb alone selects; so does any verb after a place (在全国推广)
        return f"{predicate}的{noun}{word}" if i else f"{verb}{noun}{word}"
    # N所甲陆续开工: adverbs, then a verb of works alone, name what N所甲开工 names (甲开工数) when
    # the adverbs say the work was done (activity_names: not 未, 不, 即将, 加快)
    if 0 < i == len(words) - 1 and (done := activity_names.as_measure(noun + predicate, unit)):
        return done
    # any verb with its object or complement selects as well (填补国内空白, 通高等级公路), but
    # only after a whole noun: a noun cut inside a phrase (燃煤锅炉超低|排放改造) is no subject
    acting = (served or whole and segment.tag(verb) == "v" and _ends_in_noun(noun)) and _acts_on(words[i:])
    if not (verb in selecting or verb.startswith("被") or acting) or i == len(words) - 1:
        return ""   # no verb of selection, or the verb alone with nothing selected
    return f"{predicate}的{noun}{word}"


def _fronted(words: list[str], i: int, selecting: frozenset[str]) -> int:
    """Where the verb of a predicate is when words come before it: a place it was done in (在全省
    推广, 在某项评价中获评), an attribute of the things counted before a verb of selection (甲质量
    进入前十, 办理时限全部实现…), or an adjective used as a manner word before a verb with its
    object (稳定消除某风险); ``i`` when none of these."""
    tags = [segment.tag(w) or "" for w in words]
    if i < len(words) - 2 and tags[i] == "a" and tags[i + 1] == "v" and words[i + 2] != "的" and _acts_on(words[i + 1:]):
        return i + 1
    place = words[i:i + 1] in (["在"], ["于"])
    for j in range(i + 1, min(i + 6, len(words))):
        k = j
        while k < len(words) - 1 and (measure_shape.opens_predicate(words[k]) or tags[k] == "d"):
            k += 1   # 办理时间|全部|实现
        # after a place, any verb of two characters that ends the predicate (在全省推广, 在某地布局)
        if words[k] in selecting or place and k == len(words) - 1 and tags[k] == "v" and len(words[k]) > 1:
            between = tags[i + place:j]
            nouns = all(t[:1] in ("n", "s", "f", "j", "b") or t == "vn" for t in between)
            return k if between and nouns and (place or len(between) <= 3) else i
    return i


def _acts_on(words: list[str]) -> bool:
    """提供上门服务, 开展甲试点: a verb and its object, the things (为|在|对 N个甲) it was done for,
    in or to; a verb alone, or one that opens a clause of its own (…达到), selects nothing."""
    tags = [segment.tag(w) or "" for w in words]
    return len(words) >= 2 and tags[0] in ("v", "vn") and any(t[:1] in ("n", "v", "j", "l") for t in tags[1:])


def name_selected(text: str, qs: Sequence[Counted]) -> None:
    """Rename each count whose noun follows its number (N个甲) and is still its whole indicator
    when a predicate after the noun selects what was counted."""
    shared: tuple[int, str] = (-1, "")   # where the next count starts and the predicate that selected it
    for q in reversed(qs):   # N个甲、M个乙入选丙: the predicate after the last item selects every item
        # 4个可信数据空间纳入…: a noun refused as a name alone (可信 opens it as a verb would) is what
        # the predicate selects all the same
        noun = q.written if q.indicator else "" if q.written else _refused_noun(q.post)
        if not noun or q.indicator and q.indicator != q.written:
            shared = (-1, "")
            continue   # renamed already (a designation, a verb before the number, a canonical name)
        noun_end = _written_after(text, q.end, noun)
        if noun_end < 0:
            shared = (-1, "")
            continue   # the noun came before the number: 甲品种8个
        lead = re.split(r"[" + re.escape(CLAUSE_END) + r"]", text[:q.start])[-1]
        if lead[-1:] in ("和", "及", "与") and any(text[p.end:q.start - 1] in (p.written, p.indicator, p.post) for p in qs if p.end < q.start):
            lead = ""   # N名甲和M个乙入选…: 和 joins two counts, the second no object of a verb
        after = text[noun_end:]
        if shared[1] and re.fullmatch(r"[、和及与]", text[noun_end:shared[0]]):
            after = shared[1]   # 甲, then 、M个乙: the predicate after 乙
        window = text[max(q.start, noun_end - 6):noun_end + 6]   # the noun's end among the words around it
        whole = noun_end - max(q.start, noun_end - 6) in segment.boundaries(window)
        name = selected_by(lead, after, noun, q.unit, whole)
        if name:
            q.indicator, q.better = name, None
        shared = (q.start, after if name else "")


def _written_after(text: str, at: int, noun: str) -> int:
    """Where noun, written at `at` (quoted or not: “甲”), ends in text; -1 when it is not there.
    A plain comparison: a pattern built from each noun would be compiled anew for most of them."""
    start = at + 1 if text[at:at + 1] in ("“", "「") and not text.startswith(noun, at) else at
    if not text.startswith(noun, start):
        return -1
    end = start + len(noun)
    return end + 1 if text[end:end + 1] in ("”", "」") else end


def _refused_noun(noun: str) -> str:
    """The noun written after a count when it ends in a noun (县, 省(区、市)); empty for a phrase
    that runs into a verbal noun (N个县区义务教育优质均衡发展…: the noun is lost in it)."""
    return noun if _ends_in_noun(noun) else ""


def _ends_in_noun(phrase: str) -> bool:
    """True when jieba's last word of ``phrase`` is a noun, or a one-character noun of level (…发展县);
    a note in brackets at the end (县(市)) is left out."""
    phrase = NOTE_END.sub("", phrase)
    last = segment.words(phrase)[-1] if phrase else ""
    tag = segment.tag(last) or ""
    return tag.startswith("n") or len(last) == 1 and tag == "zg"


def chosen_count(name: str, unit: str) -> str:
    """入选甲N家 → 入选甲数, 获评甲奖N人 → 获评甲奖人数: a verb of selection before a count and the
    designation it names; empty unless the designation is a noun phrase and the unit counts things."""
    m = CHOSEN.match(name)
    word = activity_names.measure_word(unit)
    rest = name[m.end():] if m else ""
    if not rest or word not in activity_names.COUNT_WORDS or measure_shape.has_head(rest) or not _ends_in_noun(rest):
        return ""
    return name + word
