"""A share of a plan or budget reached: 甲完成原定计划的101% → 甲计划完成率.

Reports, the early ones most, give how far a plan or budget was fulfilled as a share of it
(1955年全国工业总产值完成了原定计划的101%; 各项税收共收到N元,完成预算数的92.49%; 甲计划完成105%). The value is
the plan's completion rate: not the plan itself (预算数, which every such sentence would share),
nor the thing planned. Whose plan it is comes from the words before 完成, from the item a list
gives the value, or, when 完成 opens the phrase, from the value just before it; with none of
these the value keeps its words but names no measure.

>>> completion_rate("", "%", "完成预算数的", ("各项税收", "各项税收共收到"))
'各项税收预算完成率'
>>> completion_rate("全国工业总产值", "%", "全国工业总产值完成了原定计划的", None)
'全国工业总产值计划完成率'
>>> completion_rate("甲货运量", "%", "本年甲货运量计划完成", None)
'甲货运量计划完成率'
"""
from __future__ import annotations

import re
from typing import Any

from kg.extract import indicator_names
from kg.extract.common import QUOTES

# 完成原定计划的N%, 完成预算数的N%, 计划完成N%: the share of a plan or budget fulfilled
COMPLETED = re.compile(r"(?:完成了?(?:全年|年|原定|本年)?(?P<of>预算数?|计划)的?|(?P<plan>预算|计划)完成了?)$")


def completion_name(q: Any, prior: Any | None, text: str) -> str:
    """The name of quantity ``q`` of sentence ``text`` (``prior``: the quantity before it, or None),
    given the words before each number (from its phrase's start, ``label_start``, to ``start``)."""
    def before(x: Any) -> str:
        return QUOTES.sub("", text[x.label_start:x.start]).strip("、和及与 ")
    return completion_rate(q.indicator, q.unit, before(q), (prior.indicator, before(prior)) if prior is not None else None)


def completion_rate(name: str, unit: str, before: str, prior: tuple[str, str] | None) -> str:
    """The name of a value now named ``name``, in ``unit``, whose phrase reads ``before`` ahead of its
    number (``prior``: the name and phrase of the value before it in the sentence, or None): its
    plan's or budget's completion rate when the phrase ends in 完成…计划的 or 完成预算数的, else ``name``."""
    if not before and prior is not None:
        before = prior[1]   # …的118.2%、248.57%: a value written alone has the phrase of the value before
    m = COMPLETED.search(before)
    if unit != "%" or m is None:
        return name
    if name and "完成" not in name and not name.startswith(("预算", "计划")):
        owner = name   # 甲、乙分别完成年计划的…: the item's name
    elif m.start():
        owner = indicator_names.clean_name(before[:m.start()]).name
    else:
        owner = prior[0] if prior is not None else ""
    return owner + ("预算" if (m.group("of") or m.group("plan")).startswith("预算") else "计划") + "完成率" if owner else ""
