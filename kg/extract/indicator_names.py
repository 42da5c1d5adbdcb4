"""Indicator names: a clean measure name from the words a report writes before a number.

The phrase before a quantity often carries words that say how the value relates to the
measure (增长, 提高到, 控制在, 比上年, 力争, 五年累计). They are peeled off here and returned
as facts about the observation, so that the indicator is the measure alone:

>>> n = clean_name("城镇登记失业率控制在")
>>> n.name, n.roles
('城镇登记失业率', ('high',))
>>> n = clean_name("民用航空总周转量将比上年增长")
>>> n.name, n.direction, n.base
('民用航空总周转量', 'increase', '比上年')

``canonical`` maps the wordings of one measure to one name (经济增长 → 国内生产总值).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg import lexicon, segment
from kg.extract import indicator_repairs, list_fronts, measure_shape
from kg.identity import norm_name

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# 五年, 前三年, 过去五年, 近10年, 五年来, 这五年, 今后五年, 多年 — a period written with the name
PERIOD = re.compile(r"(?<![\d.])(?P<lead>前|近|过去|这|今后|未来|最近)?(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,2}|多)年(?P<tail>来|间|中|里|内)?")
_LOOSE_LEADS = set("的及和与、，, ")   # joining words and marks a name never opens with
FOOTNOTE = re.compile(r"\[\d{1,2}\]")   # 甲产业[2]占比: a web page's footnote mark, no part of the name
PER_BASIS = re.compile(r"(?:平均)?每(?:\d+(?:\.\d+)?)?(?:公斤|斤|吨|千克)$")   # 甲收购价平均每50公斤: the quantity a price is per
AHEAD = re.compile(r"提前(?:[一二两三四五六七八九十]{1,3}|\d{1,2}|多)个?(?:年|月|季度|天)")   # how early a target was met, no period
DURATION = re.compile(r"连续(?:[一二两三四五六七八九十]{1,3}|\d{1,3}|多)(?:年|个月|个季度|天|周)")
BASE = re.compile(r"(?:(?:比|较|同)(?:上年同期|上年|去年|(?P<year>(?:19|20)\d\d)年(?:同期)?|原[^\d，,、]{0,6})(?:预算|水平)?"
                  r"|(?<!不)(?:快于|高于|低于|慢于|高出|超出|低出)(?:全国|全省|全市|全区|经济增速|经济增长|经济)?(?:平均水平)?)$")
ENUMERATION = re.compile(r"^(?:例如|比如|(?:再)?加上|另外|为此|因此|对此|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]|特别是|尤其是|其中|包括|但是?|而且)")
PLAN_PERIOD = re.compile(r"^[一二三四五六七八九十]{1,3}五(?:时期|期间|以来|末)(?=.{2})")
# 第一个五年计划期间…, 在第二个五年内…: an older report's plan period, whole (its 五年 is no period word of the name)
NTH_PLAN_PERIOD = re.compile(r"^[在于]?第[一二三四五六七八九十]{1,3}个五年(?:计划|规划)?(?:的?(?:期间|时期|内|中|里))?的?(?=.{2})")
REPORT_TIME = re.compile(r"^(?:今年|去年|上年|明年|前年|上半年|下半年|(?:第?[一二三四]|前[二三])季度)(?=.{2})")
CLAUSE_TAGS = ("d", "ad")          # an adverb inside a label starts a clause: …将增加, …顺利投产
BASE_DIRECTION = re.compile(r"(?<=.{3})(?:多|少|高|低|快|慢)了?$")   # 比年初计划少: the direction, not the base
COMPARISON_WORDS = ("比", "较")    # …比年初计划, …较“十三五”时期: the rest is a base
FROM_WORDS = ("从", "由")          # …从2007年的…, …由每人每年…: the rest is a starting value
NUMBER_INSIDE = re.compile(r"\d(?:[万亿千])?(?:[%‰、，,的]|$)|\d[万亿千][A-Za-z]")   # …1.3万PF: a value inside
WHOLE_PLACE = re.compile(r"^全(?:省|市|区|县|州|盟|国)(?=.{3})")
EXCESS_WORDS = ("超收", "超支", "短收")   # …比预算超收: an amount beyond the base, a measure of its own
SINGLE_NOT_MEASURE = ("t", "m", "c", "r", "d", "p")   # jieba tags of a one-word label that names no measure


@dataclass
class NameParts:
    """A cleaned indicator name and what the peeled words said about the value."""

    name: str
    roles: tuple[str, ...] = ()          # level / low / high / target / average / cumulative, in text order
    direction: str | None = None         # increase / decrease, when a change word was peeled
    base: str | None = None              # the comparison as written: 比上年, 较2020年
    base_year: int | None = None         # the year of an explicit base (较2020年 → 2020)
    period_years: int | None = None      # N of a period word (五年 → 5); 0 for 多年
    period_word: str | None = None       # the period word as written (前三年, 五年来)
    duration: str | None = None          # 连续5年: how long the value has held, a qualifier of it
    leftover: bool = False               # words were left that make no measure (a fragment)
    light_verb: bool = False             # a light verb was peeled: what follows is its object
    candidate: str = ""                  # the peeled phrase before the measure test (an activity may be renamed)
    peeled: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _roles() -> list[tuple[str, str]]:
    rows = [(r[0], r[1]) for r in lexicon.table("indicator_words.tsv") if len(r) >= 2]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


@lru_cache(maxsize=1)
def _front_roles() -> tuple[tuple[str, str], ...]:
    """The role words a label may open with and lose (将, 累计, 平均 …), longest first."""
    return tuple(row for row in _roles() if row[1] in ("drop", "target", "cumulative", "average"))


@lru_cache(maxsize=1)
def _front_words() -> tuple[str, ...]:
    return tuple(w for w, _ in _front_roles())


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return frozenset(w for w, _ in _roles())


@lru_cache(maxsize=1)
def _change_words() -> frozenset[str]:
    return frozenset(w for w, role in _roles() if role in ("increase", "decrease", "level", "low", "high"))


@lru_cache(maxsize=4096)
def _roles_ending(last: str) -> tuple[tuple[str, str], ...]:
    """The role words that end in ``last``, longest first (a name can only end in one of these)."""
    return tuple(row for row in _roles() if row[0].endswith(last))


@lru_cache(maxsize=1)
def fragments() -> dict[str, tuple[str, ...]]:
    """indicator_fragments.tsv by kind: exact, start, end, ratio, and the marked rows noun and after."""
    out: dict[str, list[str]] = {"exact": [], "start": [], "end": [], "ratio": [], "noun": [], "after": []}
    for row in lexicon.table("indicator_fragments.tsv"):
        if len(row) >= 2 and row[1] in out:
            out[row[1]].append(row[0])
        if len(row) >= 3 and row[2] in ("noun", "after"):
            out[row[2]].append(row[0])   # a start that may open a noun of jieba's; no counted noun after a number
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _canon() -> dict[str, tuple[str, str]]:
    """norm(variant) → (canonical name, better side)."""
    out: dict[str, tuple[str, str]] = {}
    for row in lexicon.table("indicators.tsv"):
        if len(row) < 3:
            continue
        canonical, better = row[0], row[1]
        for variant in [canonical, *row[2].split("|")]:
            out[norm_name(variant)] = (canonical, better)
    return out


@lru_cache(maxsize=8192)
def is_change_word(word: str) -> bool:
    """增加, 提高到, 达到 …: a word that relates a value to its measure (never part of a name)."""
    return any(word == w for w, role in _roles() if role not in ("drop", "tail", "target", "name"))


def opens_clause(word: str) -> bool:
    """并, 而, 且 …: a word a measure name never starts with (indicator_fragments.tsv, start)."""
    return word in fragments()["start"]


def period_count(word: str) -> int:
    """五 → 5, 十二 → 12, 10 → 10, 多 → 0."""
    if word.isdigit():
        return int(word)
    if word == "多":
        return 0
    if len(word) == 1:
        return CN_DIGITS.get(word, 0)
    tens, _, ones = word.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def at_word_end(text: str, cut: int) -> bool:
    """True unless ``cut`` splits a jieba word of ``text`` (签约 is not 签 + 约); a word jieba
    takes for a transliterated name (占比达 → 比达) does not count."""
    pos = 0
    for word in segment.words(text):
        if pos == cut:
            return True
        pos += len(word)
        if pos > cut:
            return (segment.tag(word) or "").startswith("nr")
    return pos == cut


def clean_name(raw: str) -> NameParts:
    """Peel change, comparison, target and period words off a written indicator phrase."""
    parts = _cleaned(raw)   # a copy: callers may change what they are given
    return replace(parts, peeled=list(parts.peeled))


@lru_cache(maxsize=8192)
def _cleaned(raw: str) -> NameParts:
    """clean_name's work, remembered: a phrase is cleaned about three times on its way to a
    label (its own name, a list's item, a renamed activity), a fifth of the extraction time."""
    parts = NameParts(name="")
    name = PER_BASIS.sub("", FOOTNOTE.sub("", AHEAD.sub("", raw.strip().strip("“”\"'、，, "))))
    name = NTH_PLAN_PERIOD.sub("", name)
    duration = DURATION.search(name)
    if duration:
        parts.duration = duration.group(0)
        name = name[: duration.start()] + name[duration.end():]
    roles: list[str] = []
    for _ in range(12):
        before = name
        base = BASE.search(name)
        if base:
            parts.base = parts.base or base.group(0)
            if base.group("year") and parts.base_year is None:
                parts.base_year = int(base.group("year"))
            name = name[: base.start()]
            continue
        period = _last_period(name)
        if period:
            end = period.end() if not period.group("tail") or at_word_end(name, period.end()) else period.end("n") + 1
            name = name[: period.start()] + name[end:]   # 五年中央财政…: 中 opens 中央, it ends no period
            parts.period_word = parts.period_word or period.group(0)[: end - period.start()]
            parts.period_years = period_count(period.group("n"))
            continue
        for word, role in _roles_ending(name[-1:]):
            cut = len(name) - len(word)
            if cut >= 0 and name.endswith(word) and (len(word) > 1 or at_word_end(name, cut)):
                if role == "name":
                    break   # longest first: 自然增长率 is matched before 增长率 and ends the measure
                name = name[:cut]
                parts.peeled.insert(0, word)
                if role in ("increase", "decrease"):
                    parts.direction = parts.direction or role
                elif role not in ("drop", "tail"):
                    roles.insert(0, role)
                break
        if name == before:
            name = measure_shape.cut_tail(name)   # …能力每年 (稳定在), …排放都: then peel again
        if name == before:
            break
    name = _cut_inside(indicator_repairs.drop_modal(name), parts)
    name = _peel_front(name, roles, parts)
    parts.roles = tuple(roles)
    parts.candidate = name
    parts.name = name if norm_name(name) in _canon() or _is_measure(name) and (_noun_shaped(name, parts.light_verb) or _having(name)) else ""
    parts.leftover = bool(name) and not parts.name
    return parts


def _cut_inside(name: str, parts: NameParts) -> str:
    """Cut the label where a clause starts inside it: an adverb, a comparison or a 从/由 phrase."""
    words = segment.words(name)
    pos = len(words[0]) if words else 0
    for i, word in enumerate(words[1:], start=1):
        tag = segment.tag(word) or ""
        compares = word in COMPARISON_WORDS and words[i - 1] not in ("之", "占") and i + 1 < len(words)
        # …标准提高到每人每年, …增速高于经济: a change word with its complement (到, 至, 于, 了) is never inside a name
        complement = word[-1] in "到至于了" or words[i + 1:i + 2] in (["到"], ["至"], ["于"], ["了"])
        changes = len(word) > 1 and complement and is_change_word(word) and not _attributive(words[i:])
        if compares or changes or word in FROM_WORDS and tag == "p" \
                or tag in CLAUSE_TAGS and (len(word) > 1 and not _attributive(words[i:]) and not _names_next(words, i) or _is_clause_char(word)):
            after = name[pos + len(word):]   # 分别比“十三五”时期: the adverb before a comparison is no base
            compared = tag in CLAUSE_TAGS and after[:1] in COMPARISON_WORDS and len(after) > 2   # (比上: cut short)
            if parts.base is None and (word in COMPARISON_WORDS or compared):
                parts.base = name[pos:] if word in COMPARISON_WORDS else BASE_DIRECTION.sub("", after)
            excess = next((w for w in EXCESS_WORDS if word in COMPARISON_WORDS and name.endswith(w)), "")
            return name[:pos] + excess   # 财政比预算超收: the excess is what was counted, not the whole
        pos += len(word)
    return name


def _attributive(rest: list[str]) -> bool:
    """人口自然增长率, 高校毕业生初次就业率: an adverb-tagged word inside a noun phrase that ends in a measure word.

    The phrase ends where a 从/由 phrase or a comparison starts (人口自然增长率由上年的…).
    """
    end = next((i for i, w in enumerate(rest) if i and (w in FROM_WORDS or w in COMPARISON_WORDS)), len(rest))
    return measure_shape.has_head("".join(rest[:end]))


def _names_next(words: list[str], i: int) -> bool:
    """甲区更新项目: an adverb-tagged word right before the last noun qualifies it, it opens no clause."""
    return i + 2 == len(words) and measure_shape.attribute_adverb(words, i) and not is_change_word(words[-1])


def _is_clause_char(word: str) -> bool:
    """将, 还, 均 …: a one-character adverb the word tables know (特 of 专精特新 is none)."""
    return word in fragments()["start"] or word in _role_words()


def _last_period(name: str) -> re.Match[str] | None:
    """The last period word in the name (五年累计…, …投入五年): a period is never part of a measure."""
    found = list(PERIOD.finditer(name))
    if found and found[-1].group("lead") and not at_word_end(name, found[-1].start()):
        return PERIOD.match(name, found[-1].start("n"))   # 目前三年: 前 ends 目前, the period is 三年
    return found[-1] if found else None


def _peel_front(name: str, roles: list[str], parts: NameParts) -> str:
    """Drop what opens a clause rather than a measure: a list's earlier items, light verbs, 将/还/提出."""
    name = list_fronts.peel(name)   # a list's earlier items, examples before 等
    name = ENUMERATION.sub("", name)   # 三是…: the enumeration of a passage
    name = PLAN_PERIOD.sub("", name)   # 十一五期间…: the plan period goes on the observation
    name = REPORT_TIME.sub("", name)   # 上半年产值, 去年粮食产量: the time goes on the observation (夜间, 当年 qualify)
    # 全市整治…: the report's own area before an activity says where, not what (全省生产总值 keeps it)
    rest = WHOLE_PLACE.sub("", name) if name.startswith("全") else name
    if rest != name and segment.words(rest)[0] in (*lexicon.words("indicator_activity_verbs.txt"), *lexicon.words("indicator_light_verbs.txt")) \
            and not rest.endswith(lexicon.words("measure_words.txt")):
        name = rest
    manner = measure_shape.MANNER.match(name)   # 高质量办理…, 扎实推进…: how it was done, not what was counted
    after = segment.words(name[manner.end():])[0] if manner else ""
    if manner and ((segment.tag(after) or "") in ("v", "vn") or after in lexicon.words("indicator_light_verbs.txt")):
        name = name[manner.end():]
    name = indicator_repairs.peel_manner(name)   # 成功创建…, 顺利完成…: how it went, not what was counted
    for word in lexicon.words("indicator_reporting_verbs.txt"):
        if word in name[:-1]:   # 中央提出今年经济增长…: what was said, not who said it
            name = name.split(word, 1)[1]
    for _ in range(4):
        # 争取某年甲产量, 力争十五五时期甲: the year or plan period dates the value
        before = name = PLAN_PERIOD.sub("", indicator_repairs.peel_year(name))
        lights = lexicon.words("indicator_light_verbs.txt")
        for word in lights if name.startswith(lights) else ():   # one C call when none opens it
            if name.startswith(word) and len(name) > len(word) + 1:
                name = name[len(word):]
                parts.light_verb = True
        if name.startswith(fragments()["start"]):
            break   # 在…中占比, 还向…: the label starts inside a clause; _is_measure rejects it
        for word, role in _front_roles() if name.startswith(_front_words()) else ():
            if name.startswith(word) and len(name) > len(word) + 1 and at_word_end(name, len(word)):
                name = name[len(word):]
                parts.peeled.append(word)
                if role != "drop":
                    roles.append(role)
                break
        while name[:1] in _LOOSE_LEADS and (name[0] in "、，, " or segment.words(name)[0] == name[0]):
            name = name[1:]   # a joining word left over, not the first character of a word (和美乡村)
        if name == before:
            break
    return name



def _balanced(name: str) -> bool:
    depth = 0
    for ch in name:
        depth += ch in "(（"
        depth -= ch in ")）"
        if depth < 0:
            return False
    return depth == 0


def _is_measure(name: str) -> bool:
    """A measure name has at least two characters (or is a one-character noun), a Chinese or Latin noun, and sits inside one clause."""
    frag = fragments()
    if not re.sub(r"[(（][^()（）]*[)）]", "", name):
        return False   # (户), (套): a bracketed unit of a list, no measure
    if len(name) == 1 and "\u4e00" <= name <= "\u9fff" and segment.tag(name) not in (*segment.BREAK_TAGS, "a"):
        return True   # 86个村: one character can be the thing counted
    if len(name) < 2 or name in frag["exact"] or NUMBER_INSIDE.search(name) or not re.match(r"[\u4e00-\u9fffA-Za-z0-9“(（]", name):
        return False
    if name in _role_words():
        return False   # 力争, 增长: a word about the value, left alone when the measure is elsewhere
    if name.startswith(frag["start"]) and not _opens_noun(name) or name.endswith(frag["end"]) or not _balanced(name):
        return False   # 和美乡村 opens with a word of its own, not with the fragment 和
    if "我们" in name or name.startswith("用于") and "的" not in name:
        return False   # 让我们来看…: the speaker's words; 用于促进就业: what money is for (用于甲的资金 names it)
    words = segment.words(name)
    if len(words) == 1 and segment.tag(name) in ("b", *SINGLE_NOT_MEASURE):
        return False   # 国家级: an attribute alone, its noun is elsewhere; 上年, 双双, 只有: a time, a count, a link word
    if len(words) <= 2 and len(name) <= 4 and all((segment.tag(w) or "v") in ("v", "vd", "d", "ad") for w in words) \
            or len(words) == 1 and segment.tag(name) in ("v", "vn") and not measure_shape.has_head(name):
        return False   # 优化整合, 居住, 启动, 投产: a verb alone says what was done, not what was counted (出口 is a measure)
    if measure_shape.newly_and_verb(name):
        return False   # 新开办, 新投运: "newly" and a verb, the thing counted is elsewhere
    if name.endswith(frag["ratio"]) and not re.search(r"[与和同]", name):
        return False   # 两项支出之比: a ratio of what to what
    return re.search(r"[\u4e00-\u9fffA-Za-z]", name) is not None


def _starts_with_change(name: str) -> bool:
    """突破重点产业链技术难题, 超年度: a change or bound word opens a clause, not a measure."""
    first = segment.words(name)[0]
    return len(first) < len(name) and first in _change_words()


def _opens_noun(name: str) -> bool:
    """True when ``name`` opens with a fragment that may open a noun (the "noun" rows of
    indicator_fragments.tsv: 和, 在 …) and jieba reads it as the start of one (和美乡村, 在校学生);
    other fragments stay fragments however jieba glues them (同口径, 占全疆…)."""
    first = segment.words(name)[0]
    frag = fragments()
    return (segment.tag(first) == "n" or segment.tag(first) == "l" and len(first) >= 4) and name.startswith(frag["noun"]) \
        and all(len(first) > len(f) for f in frag["start"] if name.startswith(f))


def _noun_shaped(name: str, object_of_light_verb: bool = False) -> bool:
    """Not an activity (开挖疏浚沟渠), a clause (…基金整合) or a label opening inside a clause (为企业…).

    After a peeled light verb (办理信访事项) a verb and a noun are that verb's object, a compound
    noun (信访事项), not a second activity."""
    words = segment.words(name)
    compound = object_of_light_verb and len(words) == 2 and (segment.tag(words[1]) or "").startswith("n")
    return not (_starts_with_change(name) or measure_shape.activity(name, by_tags=not compound) or measure_shape.predicate_end(name) or measure_shape.opens_clause(name)
                or measure_shape.ranks(name) or measure_shape.governs_object(name) or measure_shape.subject_clause(name)
                or measure_shape.predicate_inside(name))


def _having(name: str) -> bool:
    """有进出口实绩(的)企业, 新增有研发活动企业: 有 and nouns before a noun name the things that have
    them (an attribute of the things counted), not a clause that says there are some."""
    words = segment.words(re.sub(r"^(?:新增|净增)", "", name))
    rest = [w for w in words[1:] if w != "的"]
    tags = [segment.tag(w) or "" for w in rest]
    return len(rest) >= 2 and words[0] == "有" and tags[-1][:1] == "n" and all(t[:1] in ("n", "j") or t == "vn" for t in tags)


def known(name: str) -> bool:
    """True when indicators.tsv lists the name as a measure or a variant of one (经济 is 国内生产总值)."""
    return norm_name(name) in _canon()


def canonical(name: str) -> tuple[str, str | None]:
    """The canonical indicator of a written name and which side of a target is better."""
    hit = _canon().get(norm_name(name))
    if hit is None:
        return name, None
    return hit[0], (hit[1] if hit[1] in ("higher", "lower") else None)
