"""Metrics: a number, its unit as written, what was counted, and how the text qualifies it.

The indicator is the noun phrase the quantity counts: the words after a
classifier ("聘请12名技术顾问为…" → 技术顾问) or else the clause before the
number ("全年共受理复议案件57件" → 复议案件). Values shared by a list
("A、B均达98%") give one observation per item; adjacent values pair up with
the items in order ("A、B同比下降21.5%、14.3%", "分别为").

>>> from kg.extract.metrics import find_metrics
>>> [(str(q.value), q.unit, q.indicator, q.qualifiers) for q in find_metrics("好评率97%以上,服务群众近3万余人次")]
[('97', '%', '好评率', ('以上',)), ('3', '万人次', '服务群众人次', ('近', '余'))]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg import lexicon, segment
from kg.extract import (
    activity_names,
    counted_noun,
    indicator_names,
    indicator_repairs,
    label_context,
    list_scope,
    list_shares,
    plan_completion,
    respective_changes,
)
from kg.extract import owned_measures as owned
from kg.extract.common import QUOTES
from kg.extract.counted_noun import DELIMS, UNIT_NOTE
from kg.extract.observation_kind import Context, Kind, classify, value_year
from kg.extract.selected_counts import chosen_count, name_selected

TIME_LEAD = re.compile(r"^(?:(?:19|20)\d\d年(?:度|期间|以来|全年|底|末)?|\d{1,2}(?:[—\-－至~]\d{1,2})?月(?:份|底|末)?(?:以来)?|全年|今年以来|今年(?=.{2})|一年来|年内|截至(?:目前|年底)?|目前|其中|此外|同时|期间|以来"
                       r"|共计|累计|合计|总计|共(?!青)|(?:去|上|本|今)?年(?:底|末|内|度)|本年|到(?:19|20)\d\d年(?:底|末)?"
                       r"|“?[一二三四五六七八九十]{2,3}五”?(?:时期|期间|以来)?)+")
SHARE_UNITS = ("%", "‰", "个百分点", "百分点", "个千分点", "千分点")
# 10分钟服务圈, 72小时便利政策, 6.4级地震: a time or a grade before a noun describes it, counts nothing
DESCRIBING_UNITS = ("分钟", "小时", "秒", "级")


@dataclass
class Quantity:
    value: Decimal
    unit: str
    indicator: str
    start: int
    end: int
    label: str
    qualifiers: tuple[str, ...] = ()
    is_change: bool = False
    direction: str | None = None
    year: int | None = None
    items: list[str] = field(default_factory=list)
    written: str = ""                 # the indicator as the text words it, before cleaning
    kind: Kind | None = None          # result or target, period, bounds (None without a context)
    better: str | None = None         # higher / lower: which side of a target meets it
    base: str | None = None           # the comparison as written (比上年, 较2020年)
    describes: bool = False           # the value describes the noun after it (10分钟服务圈): no indicator
    header: str = ""                  # the measure a list's header names before a colon (…产量增长的情况是:)
    post: str = ""                    # the noun written right after the count (N个甲: 甲), if any
    list_first: str = ""              # for an item after the first of a list, the first item's phrase
    label_start: int = 0              # where ``label`` starts in the sentence (it ends at ``end`` and ``post``)


@lru_cache(maxsize=2)
def _number_re(bare: bool = False) -> re.Pattern[str]:
    """A number and its unit; ``bare``: without a trailing 余/多 (see _own_word)."""
    unit_alt = lexicon.trie_pattern(lexicon.words("units.txt"))
    return re.compile(
        r"(?<![\d./+\-·])(?<!\d,)(?:(?P<lo>\d+(?:[.·]\d+)?)(?:%|‰)?[-－—~～至])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.·]\d+)?)"
        r"(?P<q1>余|多)?(?P<scale>万亿|万|亿|千)?(?P<q2>余|多)?(?P<unit>" + unit_alt + r")"
        r"(?P<q3>以上|以内|以下|左右" + ("" if bare else "|余|多") + r")?"
    )


def _own_word(text: str, m: re.Match[str]) -> re.Match[str]:
    """3个多功能厅, 2条多用途通道: a 多 or 余 after the unit that opens a word is no "more than"."""
    q3 = m.group("q3")
    if q3 not in ("多", "余") or len(segment.words(text[m.start("q3"):m.start("q3") + 4])[0]) == 1:
        return m
    return _number_re(bare=True).match(text, m.start()) or m


@lru_cache(maxsize=1)
def _lead_words() -> list[tuple[str, str]]:
    rows = [(r[0], r[1]) for r in lexicon.table("metric_words.tsv") if len(r) == 2]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


def _decimal(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.replace(",", "").replace("·", "."))   # 12·3%: an older report's decimal point
    except InvalidOperation:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _excluded(text: str, m: re.Match[str], quoted: list[tuple[int, int]]) -> bool:
    s, e = m.start(), m.end()
    unit = m.group("unit")
    if any(a <= s < b for a, b in quoted):
        return True
    before = text[max(0, s - 1):s]
    after = text[e:e + 1]
    # 第3, 每10万人 (a ranking, the basis of a rate: 每10万人刑事案件数 is one measure), 3-5
    if before in ("第", "每") or after in ("-", "—", "~", "至", "到") and unit != "%":
        return True
    if unit == "年":  # a date or a duration (连续5年): it qualifies another value, it is not one
        return True
    if after == "的" and not m.group("q3"):  # 16%的税率, 60%的县: the number describes the noun after it
        return True
    if unit in ("个月", "个工作日", "工作日", "天", "小时", "分钟", "米", "公里", "千米") and re.search(r"^(内|以内)", text[e:e + 2]):
        return True
    if unit in ("个月", "天", "周") and text[max(0, s - 2):s] == "连续":  # a duration qualifies a value
        return True
    if unit in ("名", "位") and after in ("第", "前"):
        return True
    return not _unit_is_word(text, m)   # 10万人口: 人 opens 人口, the number counts no 人


def _unit_is_word(text: str, m: re.Match[str]) -> bool:
    """False when the unit is the first character of a longer word (14亿多人口大国: 人 of 人口)."""
    unit = m.group("unit")
    first = segment.words(text[m.start("unit"):m.end() + 2])[0]
    return len(first) <= len(unit)


def _strip_lead(pre: str) -> tuple[str, list[str], str | None]:
    """Peel qualifier and change words off the end of ``pre``."""
    quals: list[str] = []
    direction = None
    changed = True
    while changed and pre:
        changed = False
        for word, meaning in _lead_words():
            if pre.endswith(word) and indicator_names.at_word_end(pre, len(pre) - len(word)):
                pre = pre[: -len(word)]
                if meaning == "qualifier":
                    quals.insert(0, word)
                elif meaning in ("increase", "decrease") and direction is None:
                    direction = meaning
                changed = True
                break
        if pre.endswith("了"):
            pre, changed = pre[:-1], True
    return pre, quals, direction


def _clean_pre(pre: str) -> str:
    pre = TIME_LEAD.sub("", label_context.drop_anaphor(pre.strip().lstrip("(（")))
    return pre[_joins_before(pre):].strip("“”\"'、 ")


def _joins_before(phrase: str) -> int:
    """How many marks and joining words open ``phrase`` (、和…), 和 only as a word of its own (和美乡村)."""
    k = len(phrase) - len(phrase.lstrip("、,， "))
    while phrase[k:k + 1] in counted_noun.JOINS and segment.words(phrase[k:k + 6])[0] == phrase[k]:
        k += 1 + len(phrase[k + 1:]) - len(phrase[k + 1:].lstrip("、,， "))
    return k


def written_label(q: Quantity, text: str) -> str:
    """The phrase of ``q`` as ``text`` writes it: the sentence as written, when ``q`` was read from
    its traditional characters folded to simplified ones at the same offsets."""
    return QUOTES.sub("", text[q.label_start:q.end + len(q.post)]).strip()


def find_metrics(text: str, context: Context | None = None) -> list[Quantity]:
    """Quantities in one sentence, with value, unit, indicator, qualifiers and changes.

    With a ``context`` (the report's year, whether the sentence is in a plans passage) each
    quantity also gets its kind (result or target), period and bounds.
    """
    quoted = [(m.start(), m.end()) for m in re.finditer(r"[“《「][^”》」]{0,40}[”》」]|[(（]即[^()（）]{0,60}[)）]", text)]
    matches = [_own_word(text, m) for m in _number_re().finditer(text)] if re.search(r"\d", text) else []  # most have none
    matches = [m for m in matches if not _excluded(text, m, quoted)]
    out: list[Quantity] = []
    prev_end = 0
    groups: list[list[int]] = []
    verb_pre = (-1, "")   # the clause and the verbs of the last 建成N个甲, for the list items after it
    for k, m in enumerate(matches):
        s = m.start()
        low = _decimal(m.group("lo")) if m.group("lo") else None   # 6%－6.5%: a range, from its low end
        s_text = s
        clause_start = max(text.rfind(c, 0, s_text) for c in DELIMS) + 1
        adjacent = bool(out) and prev_end > clause_start and re.fullmatch(r"[、和及与]?", text[prev_end:s_text]) is not None
        start = max(clause_start, prev_end)
        raw_pre = text[start:s_text]
        pre, quals, direction = _strip_lead(raw_pre)
        quals += [q for q in (m.group("q1"), m.group("q2"), m.group("q3")) if q]
        unit = (m.group("scale") or "") + m.group("unit")
        post = counted_noun.after_count(text, m.end()) if m.group("unit") not in SHARE_UNITS else ""
        counted = owned.counted_part(post, unit)   # 14个甲产值…: 甲; the amount is the next value's
        if post and not counted:   # 22条甲整治率达…: the count names nothing; the next value reads the phrase
            prev_end = m.end()
            continue
        runs_on, post = counted != post, counted
        describes = bool(post) and m.group("unit") in DESCRIBING_UNITS   # 10分钟服务圈: the time describes the noun
        prior = out[-1] if out and prev_end > clause_start else None
        listed = prior is not None and _continues(raw_pre, post)   # an item after the first of a list
        written, verbs = _written(pre, listed, post, unit, prior, verb_pre[1] if verb_pre[0] == clause_start else "",
                                  text[m.end() + len(post):m.end() + len(post) + 1] in DELIMS + "、")
        verb_pre = (clause_start, verbs) if verbs else verb_pre
        if out and prior is None and raw_pre.lstrip().startswith("其中"):   # 新增甲N公里,其中乙M公里: 乙 is new too
            written = list_shares.part_of(out[-1].written, written)
        if post and written == post:   # N个甲入选乙 names a designation; 完成N个甲改造, the works done
            written = owned.designated(text, s_text, m.end() + len(post), post, unit) \
                or indicator_repairs.works_after(_clean_pre(pre), post, text[m.end() + len(post):], unit) or written
        parts = indicator_names.clean_name(written)
        high = _decimal(m.group("num"))
        value = low if low is not None else high
        if value is None or describes or not (written or adjacent or out and (direction or pre == "、")):
            continue   # 10分钟服务圈 describes a noun; "、增长5%", "、累计达到N": the measure before goes on
        label_start = start + _joins_before(raw_pre)
        if adjacent:
            groups[-1].append(len(out))
        else:
            groups.append([len(out)])
        direction = direction or parts.direction
        if parts.duration:
            quals.append(parts.duration)
        q = Quantity(
            value=value, unit=unit, indicator=written, start=s_text, end=m.end(),
            label=QUOTES.sub("", text[label_start:m.end()] + post).strip(), qualifiers=tuple(quals),
            is_change=direction is not None, direction=direction, year=value_year(text, clause_start, s),
            written=written, base=parts.base, describes=describes, post=post,
            header=indicator_repairs.header_measure(text, s_text) or owned.output_measure(text, s_text, unit, direction),
            list_first=(prior.list_first or prior.written) if listed and prior is not None else "",
            label_start=label_start,
        )
        if context is not None:
            kind = q.kind = classify(text[:s_text], q.qualifiers, parts, context, value)
            first = out[groups[-1][0]].kind if adjacent and not written else None
            if first is not None:  # 由前三年分别上升4.9%、5.5%: the period goes on
                kind.period_start, kind.period_end, kind.aggregate = first.period_start, first.period_end, first.aggregate
            if low is not None:
                kind.low, kind.high = low, high
        out.append(q)
        note = UNIT_NOTE.match(text, m.end())   # 3.1万套(户)、甲N公里: the next item starts after the note
        prev_end = m.end() + (len(post) if post else len(note.group()) if note else 0)
        if post and k + 1 < len(matches) and (runs_on or _leads_to(text, prev_end, matches[k + 1].start())):
            prev_end = m.end()  # 连续5年[复议纠错率]达100%: the phrase is also what the next number counts
    _share_closing_works(text, out)
    pairs = []   # 甲N元、乙M元,分别增长a%、b%: a% is 甲's
    for g in groups:
        _share_values(out, g)
        pairs += respective_changes.respective_pairs(out, g)
    res = list_shares.attribute_items(list_shares.expand_items(out))
    _name_measures(res)
    name_selected(text, res)   # N个甲入选乙: the 甲 that entered 乙
    for i, q in enumerate(res):
        _last_checks(q, res[i - 1] if i else None, text)
    respective_changes.name_pairs(pairs, res)
    return res


def _last_checks(q: Quantity, prior: Quantity | None, text: str) -> None:
    """甲区承接乙企业N家: …数 (not after its count: N个甲县建设乙 counts 甲县); 完成预算数的N%: a completion
    rate (plan_completion, given the words before each number); 3,856亿斤的水平 names no measure."""
    if not q.post:
        q.indicator = label_context.counted_clause(q.indicator, q.unit)
    q.indicator = plan_completion.completion_name(q, prior, text)
    value = _number_re().match(q.indicator) if q.indicator[:1].isdigit() else None
    if value and activity_names.measure_word(value.group("unit")) in ("量", "金额"):
        q.indicator = ""


def _continues(raw_pre: str, post: str) -> bool:
    """True for an item after the first of a list (…、乙N个, …、N个乙, …和N个乙), given a value before it in its clause."""
    return raw_pre.startswith("、") and not post or bool(post) and raw_pre[-1:] in ("、", "和", "及", "与")


def _written(pre: str, listed: bool, post: str, unit: str, prior: Quantity | None, verbs: str,
             ends_clause: bool = False) -> tuple[str, str]:
    """The phrase a value counts, with the words before the number that select it (新建N家甲, a list's
    verb, a subject's 新增, a paying body, a works verb); also the verbs of a 建成N个甲, for the list
    items that follow it in the clause (``verbs``: those of an earlier item, or empty). ``listed``:
    the value is an item after the first of a list, and ``prior`` the item before it."""
    written, lead = QUOTES.sub("", post or _clean_pre(pre)), _clean_pre(pre)
    level = lead if list_shares.level_alone(written) else ""   # 新建N个国家级、M个省级甲: 甲 is new too
    if post and list_shares.SHARED_LEAD.fullmatch(lead):
        return list_shares.shared_lead(lead, None, written, unit), level   # 新建7家甲: the number counts new 甲
    if listed and prior is not None:
        shared = list_shares.shared_lead(prior.written, prior.unit, written, unit)
        if shared == written and post and verbs:   # 建成N个甲和M个乙: 乙 is built too
            shared = (list_shares.shared_lead(verbs, None, written, unit) if list_shares.SHARED_LEAD.fullmatch(verbs)
                      else indicator_repairs.verb_before(verbs, written, unit)) or written
        shared = list_shares.shared_level(prior.list_first or prior.written, prior.written, shared, (prior.unit, unit))
        shared = indicator_repairs.actor_shared(prior.list_first or prior.written, shared)   # 甲实验室…、实施…
        if shared == written and not post:   # 甲营收增长a%、利润增长b%: the 甲's too
            shared = list_scope.owned_item(prior.list_first or prior.written, written)
        return list_shares.per_unit([prior.written, shared])[1], ""   # 单位甲能耗下降a%、乙排放下降b%: per 甲 too
    if not post:   # N个甲完成投资M亿元: the investment of the 甲 just counted
        return (owned.owned_measure(prior.written, prior.unit, lead) if prior else "") or written, ""
    if split := list_shares.lead_after_subject(lead):
        # 某某财政新增N亿元甲资金: new 甲 of 某某财政; the subject qualifies it even where 新增 is no count (…资金)
        return split[0] + list_shares.shared_lead(split[1], None, written, unit), ""
    if payer := indicator_repairs.spender(lead, unit):
        return payer + written, ""   # 某某财政安排N亿元甲资金: the body that pays qualifies the fund
    # 建成N个甲: the same measure as 建成甲N个, when 甲 names a measure alone (世界级 of 培育N个世界级、… does not)
    if indicator_names.clean_name(written).name and (renamed := indicator_repairs.verb_before(lead, written, unit, ends_clause)):
        return renamed, lead
    return written, level


def _name_measures(qs: list[Quantity]) -> None:
    """Clean each written indicator into a measure name and map it to its canonical name; change words
    alone ("、增长5%") go on with the measure before, unless a count with no name came between."""
    prev = ""
    for i, q in enumerate(qs):
        if q.describes:
            q.indicator, q.written = "", ""
            continue
        parts = indicator_names.clean_name(q.indicator)
        renamed = indicator_repairs.removal_measure(parts.name, q.unit) or chosen_count(parts.candidate, q.unit) \
            or label_context.activity_measure(parts, q.unit) or (indicator_repairs.outcome_measure(parts.candidate, q.unit)
                                                    if not parts.name else "")
        q.written = q.indicator if parts.name or renamed else ""
        name = renamed or parts.name or ("" if parts.leftover else prev)
        if q.header and name == parts.name and indicator_repairs.bare_item(name) and indicator_names.canonical(name)[1] is None:
            name += q.header   # 主要产品产量增长的情况是:甲增长5%: the header names what 甲 counts
        prior = (qs[i - 1].written, qs[i - 1].unit) if i and parts.name else None   # 总数 after 新增甲62家
        if prior and qs[i - 1].indicator and not label_context.owned_total(name, prior):
            # a list's words (甲、乙等丙N个,总数…) are no owner; the measure they were named is
            name = label_context.owned_total(name, (qs[i - 1].indicator, qs[i - 1].unit)) or name
        if prior and not qs[i - 1].is_change:   # 甲企业N家、增加值…, not 亏损企业减少N家、利润总额…
            name = label_context.owned_amount(name, prior) or name
        # 带动消费 (N亿元) → 带动消费金额; 带动甲投资 (增长N%) → 甲投资
        name = (owned.reach_measure(name, q.unit) if not q.is_change else label_context.driven(name)) or name
        q.indicator, q.better = indicator_names.canonical(label_context.complete(name, q.indicator, q.unit, prior)) if name else ("", None)
        q.base = q.base or parts.base
        prev = q.indicator or ("" if activity_names.measure_word(q.unit) in activity_names.COUNT_WORDS else prev)   # 跨过N个关口、突破…


def _share_closing_works(text: str, out: list[Quantity]) -> None:
    """N个甲、M个乙提质升级: each run of counts whose nouns are joined by 、 or 和 alone gives the verbs
    of works that close its last noun to the nouns before it that are named as written."""
    run: list[Quantity] = []
    for q in [*out, None]:
        if q is not None and run and q.post and text[run[-1].end + len(run[-1].post):q.start] in ("、", "和", "及", "与"):
            run.append(q)
            continue
        if len(run) > 1:
            for item, shared in zip(run, list_shares.works_of_last([QUOTES.sub("", r.post) for r in run])):
                parts = indicator_names.clean_name(shared)
                named = parts.name or label_context.activity_measure(parts, item.unit) or indicator_repairs.outcome_measure(parts.candidate, item.unit)
                if item.indicator == QUOTES.sub("", item.post) != shared and named:
                    item.indicator = item.written = shared   # never an item that would then name nothing
        run = [q] if q is not None and q.post else []


def _leads_to(text: str, end: int, next_start: int) -> bool:
    """True when at most a linking verb (达, 为, 保持 …) stands between a phrase and the next number."""
    between = text[end:next_start]
    return len(between) <= 3 and not any(c in DELIMS for c in between)


def _share_values(out: list[Quantity], group: list[int]) -> None:
    """A list before one value (均达) or before as many values (分别, adjacent) spreads over its items."""
    if not group:
        return
    first = out[group[0]]
    for idx in group[1:]:   # 分别增长4%、6%: the values after the first share its change
        if first.is_change and not out[idx].is_change:
            out[idx].is_change, out[idx].direction = True, first.direction
    items = list_shares.complete_items(*list_shares.split_items(first.indicator))
    commas = first.indicator.split("、")
    if len(group) > 1 and len(items) != len(group) == len(commas):   # 金融业、软件和信息服务业增加值: 和 inside an item
        items = list_shares.complete_items(commas)
    if len(items) < 2 and len(group) > 1:   # 存贷款余额分别…: a contraction stands for the items
        items = list_shares.contracted_items(first.indicator, len(group)) or items
    if len(items) < 2 or len(group) > 1 and len(group) != len(items):   # no list, or not one value an item
        for idx in group[1:]:
            out[idx].indicator = out[idx].indicator or first.indicator
        return
    if len(group) == 1 and re.search(r"(?<![年人户平日月季])均|都|全部", first.label):   # 年均, 人均 say no "each"
        first.items = items
    elif len(group) == 1 and not re.search(r"分别|各|依次", first.label):
        first.indicator = list_shares.joined(first.indicator) or first.indicator   # one value of them all
    elif len(group) == len(items):
        direction, is_change = first.direction, first.is_change
        for idx, item in zip(group, items):
            out[idx].indicator = item
            out[idx].direction, out[idx].is_change = direction, is_change
