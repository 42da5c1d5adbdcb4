"""What a reported value is: a result or a target, and the period it is about.

A work report delivered early in year Y+1 reviews year Y (its gov:year) and sets the targets
of Y+1. The period of a value is read from the text where it says one (2006年, 五年来,
前三年, “十一五”), else from the kind: a result is about the report's year, a target about
the year after it.

>>> c = Context(report_year=2024, in_plans=True)
>>> k = classify("今年发展主要预期目标是:国内生产总值增长", ("左右",), None, c)
>>> (k.kind, k.period_start, k.period_end)
('target', 2025, 2025)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kg import lexicon
from kg.extract.indicator_names import NameParts, period_count

YEAR = re.compile(r"((?:19|20)\d\d)年(?!\d)")
PLAN_PERIOD = re.compile(r"[“\"]?(十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:时期|期间|期|规划)")
PAST = re.compile(r"(?<![比较])去年|(?<![比较同])上年(?!同期|预算)|过去|已经|年来|以来|这[一二三四五六七八九十]+年|回顾|实现了|完成了|取得")


@dataclass
class Context:
    """What the sentence around a value says about time."""

    report_year: int | None
    in_plans: bool = False
    previous: str = ""     # the sentence before: "过去一年，…。" or "…预期目标是：" sets the tone of a bare list


@dataclass
class Kind:
    kind: str                      # "target" or "result"
    period_start: int | None
    period_end: int | None
    base_year: int | None = None
    aggregate: str | None = None   # "cumulative" or "average", for values over a period
    low: Decimal | None = None
    high: Decimal | None = None


@lru_cache(maxsize=1)
def _target_cues() -> tuple[str, ...]:
    return lexicon.words("target_cues.txt")


@lru_cache(maxsize=1)
def _bound_words() -> dict[str, str]:
    return {r[0]: r[1] for r in lexicon.table("indicator_words.tsv") if len(r) >= 2 and r[1] in ("low", "high")}


def value_year(text: str, clause_start: int, start: int) -> int | None:
    """The year a value at ``start`` is of: one written earlier in its clause, or one opening the
    sentence ("2024年期间,…")."""
    found = [int(y) for y in YEAR.findall(text[clause_start:start])]
    if found:
        return found[-1]
    lead = re.match(r"\s*((?:19|20)\d\d)年(?:度|期间|以来|全年|,|，)", text)
    return int(lead.group(1)) if lead else None


def plan_period(number: str) -> tuple[int, int] | None:
    """The years of a numbered five-year plan: 十一五 → 2006–2010 (from the third plan on, 1966–1970)."""
    n = period_count(number)
    if n < 3:
        return None
    start = 1966 + 5 * (n - 3)
    return start, start + 4


def classify(before: str, qualifiers: tuple[str, ...], parts: NameParts | None, ctx: Context,
             value: Decimal | None = None) -> Kind:
    """Kind, period and bounds of the value that ``before`` (its sentence up to it) leads to."""
    clause = re.split(r"[，,；;:：]", before)[-1]
    target = _is_target(before, clause, qualifiers, parts, ctx)
    kind = Kind(kind="target" if target else "result", period_start=None, period_end=None)
    if parts is not None:
        kind.base_year = parts.base_year
        if "cumulative" in parts.roles:
            kind.aggregate = "cumulative"
        if "average" in parts.roles:
            kind.aggregate = "average"
    _period(kind, before, clause, parts, ctx)
    if kind.base_year is None and parts is not None and parts.base and kind.period_end:
        kind.base_year = kind.period_end - 1   # 比上年 / 同比: the year before the value's year
    if value is not None:
        _bounds(kind, qualifiers, parts, value)
    return kind


def _is_target(before: str, clause: str, qualifiers: tuple[str, ...], parts: NameParts | None,
               ctx: Context) -> bool:
    if any(cue in before for cue in _target_cues()):
        return not PAST.search(clause)
    if parts is not None and "target" in parts.roles:
        return True
    if PAST.search(clause) or ctx.report_year and any(int(y) <= ctx.report_year for y in YEAR.findall(before)):
        return False   # 2005年与2000年相比…: a year already reported on
    if any(cue in ctx.previous for cue in _target_cues()):
        return True
    if PAST.search(ctx.previous):
        return False
    return ctx.in_plans


def _period(kind: Kind, before: str, clause: str, parts: NameParts | None, ctx: Context) -> None:
    """The years the value is about, from the text, else from its kind and the report's year."""
    default = (ctx.report_year + 1 if kind.kind == "target" else ctx.report_year) if ctx.report_year else None
    plan = PLAN_PERIOD.search(clause) or PLAN_PERIOD.search(before)
    years = [int(y) for y in YEAR.findall(clause)]
    lead = re.match(r"\s*((?:19|20)\d\d)年", before)
    if years:
        kind.period_start = kind.period_end = years[-1]
        if len(years) >= 2 and re.search(r"(从|由)(19|20)\d\d年", clause) and kind.aggregate:
            kind.period_start = years[-2]
    elif plan:
        span = plan_period(plan.group(1))
        if span:
            kind.period_start, kind.period_end = span
            kind.aggregate = kind.aggregate or "cumulative"
    elif "今年" in clause and ctx.report_year:
        kind.period_start = kind.period_end = ctx.report_year + 1
    elif lead and not (parts is not None and parts.period_word):
        kind.period_start = kind.period_end = int(lead.group(1))
    else:
        kind.period_start = kind.period_end = default
    if parts is not None and parts.period_word and parts.period_years and kind.period_end:
        n = parts.period_years
        if parts.period_word.startswith("前"):    # 2006年…由前三年 → 2003–2005
            kind.period_end = (int(lead.group(1)) if lead else kind.period_end) - 1
        elif parts.period_word.startswith(("今后", "未来")):
            kind.period_start = (ctx.report_year or kind.period_end) + 1
            kind.period_end = kind.period_start + n - 1
            return
        kind.period_start = kind.period_end - n + 1
        kind.aggregate = kind.aggregate or "cumulative"


def _bounds(kind: Kind, qualifiers: tuple[str, ...], parts: NameParts | None, value: Decimal) -> None:
    """A bound written with the value: 以上/不低于/超过 → a low value, 以内/以下/控制在 → a high one."""
    words = list(qualifiers) + (list(parts.peeled) if parts is not None else [])
    sides = {_bound_words().get(w) for w in words} | {
        "low" if q in ("以上", "多", "余") else "high" if q in ("以内", "以下") else None for q in qualifiers}
    if "low" in sides and kind.low is None:
        kind.low = value
    if "high" in sides and kind.high is None and "low" not in sides:
        kind.high = value
