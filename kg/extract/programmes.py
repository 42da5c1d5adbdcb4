"""Programmes: quoted names (“…”) that are not figures of speech, the word that
follows a quote where it belongs to the name (“七五”普法), named mechanisms
(…制度) in lists, and recurring national programmes named without quotes (a designation
among them with the level and kind it is written with: 全国法治政府建设示范项目).

>>> from kg.extract.programmes import find_quoted
>>> [(label, aliases) for _, _, label, aliases, _ in find_quoted("组织开展“护企行”活动,推行“2+X”行动")]
[('护企行', ('护企行活动',)), ('2+X行动', ('2+X',))]
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.extract import quote_cores
from kg.extract.common import quoted_span
from kg.extract.org_bodies import ROLE_AFTER
from kg.extract.quote_sense import (
    is_chain_system,
    is_combined_model,
    is_concept,
    is_descriptive,
    is_layout,
    is_object_name,
    is_period_class,
    name_tail,
)

QUOTE = re.compile(r"[“「]([^“”「」\n]{1,40})[”」]|\"([^\"\n]{1,40})\"")
SYMBOLIC = re.compile(r"^[\dA-Za-z+＋·、\s一二三四五六七八九十百千万两]+$|[+＋]$")  # 2+X, 旅游+


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, str]]:
    cues = lexicon.mapping("programme_cues.tsv")
    return re.compile(lexicon.trie_pattern(cues)), cues   # the longest cue at a position, as longest-first alternation


@lru_cache(maxsize=1)
def _not_programmes() -> frozenset[str]:
    return frozenset(lexicon.words("not_programmes.txt"))


@lru_cache(maxsize=1)
def _known() -> re.Pattern[str]:
    return re.compile(lexicon.alternation("programmes.txt"))   # longest name first, one branch a character


FOOTNOTE = re.compile(r"(?<=[”」])\s?[\[［]\d{1,3}[\]］]")  # “…”［3］人才培养新模式: a note mark, not a word


def find_quoted(text: str) -> list[tuple[int, int, str, tuple[str, ...], str]]:
    """(start, end, label, aliases, kind) for each quoted name; kind is "programme" or "organisation".

    A footnote mark right after a quote is read past, so that the words after it still name,
    qualify or count the quote; offsets are those of ``text``.
    """
    notes = [m.span() for m in FOOTNOTE.finditer(text)]
    if not notes:
        return _find_quoted(text)
    kept = [i for i in range(len(text)) if not any(a <= i < b for a, b in notes)]
    clean = "".join(text[i] for i in kept)
    return [(kept[a], kept[b - 1] + 1, label, aliases, kind) for a, b, label, aliases, kind in _find_quoted(clean)]


def _find_quoted(text: str) -> list[tuple[int, int, str, tuple[str, ...], str]]:
    out: list[tuple[int, int, str, tuple[str, ...], str]] = []
    cue_re, cues = _cues()
    skip = _not_programmes()
    for m in QUOTE.finditer(text):
        content = (m.group(1) or m.group(2) or "").strip()
        after = cue_re.match(text, m.end())
        word = after.group() if after else ""
        how = cues[word] if after else None
        if how == "org" and after and ROLE_AFTER.match(text[after.end():after.end() + 3]):
            after, word, how = None, "", None  # “…”中心城区: 中心 opens an area word, no centre is named
        if not _programme_like(content, skip, named=how == "join"):
            continue
        end = after.end() if after else m.end()
        if how == "org":
            out.append((m.start(), end, content + word, (), "organisation"))
            out.append((m.start(), m.end(), content, (), "programme"))
            continue
        tail = name_tail(text, m.end()) or _articles_tail(text, m.end(), content)
        # (not for a core that has a head of its own, “百人计划”, nor for one character, “园”“地”: halves of a word)
        shared = "" if after or tail or _heads_end(content) or len(content) < 2 else _shared_tail(text, m.end())
        if shared:  # “甲”和“乙”专项行动: the head after the last quote names each quote of the run
            tail, word, how = shared, shared, cues.get(shared, "join")
        if _no_one_name(text, m.start(), m.end(), content, tail, word, how):
            continue
        known = _known().fullmatch(content) is not None
        if not known and not tail and not how and (PURE_SYMBOLS.match(content) or ARTICLES.match(content)):
            continue  # a bare “1+12” or “18条” names nothing without the words of its name
        if not known and not tail:
            if is_descriptive(text, m.start(), m.end(), content):
                continue
            if not how and (len(content) <= 2 or is_concept(text, m.start(), m.end(), content)):
                continue
            # a word of the name's kind may follow a creed too (“…”工作方针, “…”服务理念)
            if how == "alias" and is_concept(text, m.start(), m.end(), content, need_evidence=False):
                continue
        label, aliases, end = _named(content, tail, word, how, bool(shared), m.end(), end)
        if label in skip:
            continue  # a figure of speech with its head word (“胡子”工程)
        if label == content and not known and quote_cores.not_a_name(text, m.start(), m.end(), content, tail):
            continue  # the bare core sums up a list, abbreviates fields, is a place set … (quote_cores)
        out.append((m.start(), end, label, aliases, "programme"))
    return out


def _no_one_name(text: str, start: int, end: int, content: str, tail: str, word: str, how: str | None) -> bool:
    """Aims of a kind (“A、B、C”项目), a layout's system, a period's works, a named object (its 平台),
    a kind of project (“…”重点项目, “…”民生项目), something curbed (遏制“…”项目) or cut (“…”持续压降):
    no one name."""
    return LISTED.search(content) is not None and how != "join" and KIND_AFTER.match(text, end) is not None \
        and not RUN_HEAD.search(tail) \
        or bool(tail) and (is_layout(content, tail) or is_period_class(content, tail) or is_chain_system(content, tail)) \
        or is_combined_model(content, tail or word) or is_object_name(content) and not RUN_HEAD.search(tail) \
        or quote_cores.is_category_tail(tail) or quote_cores.is_curbed(text, start) \
        or quote_cores.is_cut_after(text, end)


def _named(content: str, tail: str, word: str, how: str | None, shared: bool, quote_end: int,
           end: int) -> tuple[str, tuple[str, ...], int]:
    """The label, aliases and end of a quoted name, by the words after its quote."""
    if len(tail) > len(word):  # a quoted core inside a longer name: “1+3”结对帮扶机制
        return content + tail, (content,), quote_end + len(tail)
    if shared:  # the head is another quote's: this name's span ends at its own quote
        return (content, (content + tail,), quote_end) if how == "alias" else (content + tail, (content,), quote_end)
    if how == "join" and not _heads_end(content):
        # the name runs on through its head word (“光伏+治沙”工程, “稳岗扩容”行动): the core alone
        # is often a description
        return content + word, (content,), end
    return content, ((content + word,) if how in ("join", "alias") else ()), quote_end


LISTED = re.compile(r"[、,，]")
KIND_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:项目|产品|目标|任务|要求|标准|理念|原则)")  # aims of a kind (…产品, …项目)
RUN_HEAD = re.compile(r"(?:行动|工程|计划|活动|改革|机制|制度|模式|专项治理|专项整治)$")  # heads of something run, not of a kind (项目, 品牌)
ARTICLES = re.compile(r"^新?[\d一二三四五六七八九十]+条$|^[\dA-Za-z]+(?:[+＋][\dA-Za-z]+)+$")  # “25条”, “1+7”: a policy's nickname
PURE_SYMBOLS = re.compile(r"^[\dA-Za-z+＋·\s]+$")
ARTICLES_TAIL = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:政策措施|政策举措|若干措施|政策|措施|举措)(?![\u4e00-\u9fff]*[的之])")


def _articles_tail(text: str, end: int, content: str) -> str:
    """The policy words after a bare count of articles or numbers (“25条”稳岗扶企政策 → 稳岗扶企政策)."""
    if not ARTICLES.match(content):
        return ""
    m = ARTICLES_TAIL.match(text, end)
    if not m or re.search(r"[的和及与等]", m.group()):
        return ""
    return m.group() + ("体系" if text.startswith("体系", m.end()) else "")  # …政策体系: the name ends at its system


QUOTE_RUN = re.compile(rf"(?:[、和及与]?{quoted_span(30)})+")  # further quotes of one list


def _shared_tail(text: str, end: int) -> str:
    """The head word after the last quote of a run that starts right after ``end`` (“甲”和“乙”专项行动:
    专项行动 for 甲 too); '' when the run ends in no head of something run (等活动, 品牌, nothing)."""
    run = QUOTE_RUN.match(text, end)
    tail = name_tail(text, run.end()) if run else ""
    return tail if RUN_HEAD.search(tail) and not re.search(r"[等的和及与]", tail) else ""


def _programme_like(content: str, skip: frozenset[str], named: bool = False) -> bool:
    """A quote that can name a programme; a bare number only with a word that makes it one (“885”工作体系)."""
    if not content or content in skip or len(content) > 30:
        return False
    if re.search(r"[。;；!?！？]", content) or content.count(",") + content.count("，") > 1:
        return False
    return named or not re.fullmatch(r"[\d.%\s]+", content)


def _heads_end(content: str) -> bool:
    """The core already ends in a head word (“…发展工程”行动): the word after it adds nothing."""
    return RUN_HEAD.search(content) is not None


# a designation (…示范) is awarded at a level and to a kind of place or project: 全国…示范市, 全省…示范县
DESIGNATION_SCOPE = re.compile(r"(?:全国|全省|全市|全区|全州|全县|国家级|省级|市级|县级)$")
DESIGNATION_KIND = re.compile(r"(?:[市县区]{1,3}|地区|项目|单位|乡镇|街道|社区|村)?(?:[(（][市县区、]{1,5}[)）])?(?:创建)?")


def find_known(text: str) -> list[tuple[int, int, str]]:
    """Recurring national programmes named without quotes (not inside a quote: that is the quote's to
    name); a designation with the level and the kind it is written with (全国法治政府建设示范项目)."""
    quoted = [(m.start(), m.end()) for m in QUOTE.finditer(text)]
    out = []
    for m in _known().finditer(text):
        if any(a < m.start() and m.end() < b for a, b in quoted):
            continue
        start, end = m.start(), m.end()
        if m.group().endswith("示范"):
            scope = DESIGNATION_SCOPE.search(text, max(0, start - 3), start)
            if scope and scope.start() - max(0, start - 6) in segment.boundaries(text[max(0, start - 6):start]):
                start = scope.start()   # (not 健全|市…: the scope is a word of its own)
            kind = DESIGNATION_KIND.match(text, end)   # (it matches the empty string too)
            if kind and kind.end() - m.start() in segment.boundaries(text[m.start():kind.end() + 2]):
                end = kind.end()   # (not 示范区|域: the kind ends a word)
        out.append((start, end, text[start:end]))
    return out


LISTED_SYSTEM = re.compile(r"[和及与]?([\u4e00-\u9fff]{2,14}(?:制度|机制))(?=[、和及,，。;；]|$)")


BUILDING = re.compile(r"建立|健全|完善|加强|改革|改进|深化|构建")  # 建立健全X机制: building in general, not a name
IN_FORCE = re.compile(r"(?:落实|推行|实行|执行)[^,，。;；]*$")  # the clause puts named rules in force


def find_listed_systems(text: str) -> list[tuple[int, int, str]]:
    """Named systems in a list of three or more that a sentence puts in force (推行A制度、B制度和C制度).

    A list that builds or improves systems in general (健全A制度、B制度…) names kinds of rule, not
    programmes.
    """
    items = list(LISTED_SYSTEM.finditer(text)) if "制度" in text or "机制" in text else []   # each item ends in one
    if len(items) < 3:
        return []
    out = []
    for m in items:
        joined = any(o is not m and (0 <= o.start() - m.end() <= 2 or 0 <= m.start() - o.end() <= 2) for o in items)
        first = min((o for o in items if o.end() <= m.end()), key=lambda o: o.start())
        if joined and not BROKEN_NAME.search(m.group(1)) and not BUILDING.match(m.group(1)) \
                and IN_FORCE.search(text, 0, first.end(1)):
            out.extend(_split_joined(m.start(1), m.group(1)))
    return out


ACTIVITY_LIST = re.compile(r"(?:开展|举办|组织|实施|推出|举行)(?P<items>[^,，。;；:：“”]{4,90}?)等(?:系列|主题)?(?P<head>(?:专项)?(?:活动|行动))")
# an item that says what is done (…源头防控, …扩优提质, …振兴) is named by the head it shares with the
# list (A防控、B提质等行动 → A防控行动, B提质行动); an item named by a noun (…论坛, …消费季) is whole
DOING_ITEM = re.compile(r"(?:防控|治理|整治|提升|提质|扩容|振兴|赋能|联动|改造|剿灭|保护|攻坚)$")
NAMED_CAMPAIGN = re.compile(r"(?:开展|实施|启动|部署|推进|深化)(?P<name>[\u4e00-\u9fff]{4,16}?(?:专项行动|专项整治|攻坚行动|提升行动|三年行动))")
NAMED_SYSTEM = re.compile(r"(?:落实|推行|实行|执行)好?(?P<name>[\u4e00-\u9fff]{3,14}制度)(?=[,，。;；、和]|$)")
GENERIC_HEAD = re.compile(r"^(?:工作|管理|相关|各项|有关|长效|制度|规章|内部|各类|一系列|系列|多项|各种|多种|和|及|与|并|超|近)|的|\d")


BROKEN_NAME = re.compile(r"的|特别是|等|各项|各类|\d|^[了着过和及与并]|以.{1,8}为")  # a clause, not a name (实行严格的土地用途管理制度; 各项规章制度: rules in general)
JOINED = re.compile(r"(?<=制度|机制|工程|行动|计划|政策|措施|举措)[和及与]")  # two names in one (A工程和B行动)
POLICY_PART = re.compile(r"(?:政策|措施|举措)$")  # A政策和B专项行动: a policy package is no campaign's name
TARGETED = re.compile(r"问题|违规|违法|乱象|非法|欠|假冒|滥")
CREED_VERB = re.compile(r"坚持")  # 坚持和完善…制度: a basic system of the state, upheld, not launched


def _split_joined(start: int, name: str) -> list[tuple[int, int, str]]:
    """A名和B名 → the two names, with their offsets."""
    out, pos = [], start
    for part in JOINED.split(name):
        if not GENERIC_HEAD.match(part) and not POLICY_PART.search(part):  # 内控机制与管理制度: 管理制度 names nothing
            out.append((pos, pos + len(part), part))
        pos += len(part) + 1
    return out


NUMBER_FORM = re.compile(r"[\dA-Za-z]|[一二三四五六七八九十两百千][级项类档条]")  # 三级联审, 两级复核
SPELLED_OUT = 10  # characters of a system's own words that say who does what (街道议事会每月集体学法)


@lru_cache(maxsize=1)
def _laws() -> re.Pattern[str]:
    return re.compile(lexicon.alternation("law_names.txt"))


def _distinctive_system(name: str) -> bool:
    """A system put in force on its own names a programme only with a part of its own: a number
    form, a law it applies, or a name long enough to say who does what. A policy noun plus 制度
    (休假补贴制度, 医疗救助制度) names a kind of institution, not one programme."""
    core = name[:-2]
    if NUMBER_FORM.search(core) or _laws().search(core):
        return True
    # two kinds joined (A管理和B节约制度) are each as generic as one: the longest part must spell it out
    return max(map(len, re.split(r"[和与及]", core))) >= SPELLED_OUT


def find_named_activities(text: str) -> list[tuple[int, int, str]]:
    """Activities listed before 等活动, campaigns named by 专项行动, systems a sentence puts in force."""
    out: list[tuple[int, int, str]] = []
    for m in ACTIVITY_LIST.finditer(text):
        items = m.group("items").split("、")
        if len(items) < 2:
            continue
        pos = m.start("items")
        for item in items:
            name = item.strip()
            if 4 <= len(name) <= 20 and not GENERIC_HEAD.match(name) and not BROKEN_NAME.search(name):
                out.append((pos, pos + len(item), name + m.group("head") if DOING_ITEM.search(name) else name))
            pos += len(item) + 1
    for rx in (NAMED_CAMPAIGN, NAMED_SYSTEM):
        for m in rx.finditer(text):
            name = m.group("name")
            if GENERIC_HEAD.match(name) or BROKEN_NAME.search(name):
                continue
            if name.endswith("专项整治") and not TARGETED.search(name):
                continue  # 食品安全专项整治: a domain's clean-up in general; a named campaign says its target
            if rx is NAMED_SYSTEM and (CREED_VERB.search(text, max(0, m.start() - 4), m.start("name"))
                                       or not _distinctive_system(name)):
                continue
            out.extend(_split_joined(m.start("name"), name))
    return out
