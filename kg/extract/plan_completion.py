"""A share of a plan or budget reached: 甲完成原定计划的101% → 甲计划完成率.

Reports, the early ones most, give how far a plan or budget was fulfilled as a share of it
(1955年全国工业总产值完成了原定计划的101%; 各项税收共收到N元,完成预算数的92.49%). The value is
the plan's completion rate: not the plan itself (预算数, which every such sentence would share),
nor the thing planned. Whose plan it is comes from the words before 完成, from the item a list
gives the value, or, when 完成 opens the phrase, from the value just before it; with none of
these the value keeps its words but names no measure.

>>> from types import SimpleNamespace as Q
>>> completion_name(Q(indicator="", label="完成预算数的92.49%", unit="%"), Q(indicator="各项税收", label="各项税收共收到N元"))
'各项税收预算完成率'
>>> completion_name(Q(indicator="全国工业总产值", label="全国工业总产值完成了原定计划的101%", unit="%"), None)
'全国工业总产值计划完成率'
"""
from __future__ import annotations

import re
from typing import Any

from kg.extract import indicator_names

COMPLETED = re.compile(r"完成了?(?:全年|年|原定|本年)?(预算数?|计划)的?$")
VALUE_END = re.compile(r"[、和及与]?\d[\d.,]*(?:万亿|万|亿|千)?[^\d]{0,6}$")   # the number, unit and qualifier ending a label


def completion_name(q: Any, prior: Any | None) -> str:
    """The name of value ``q`` (``prior``: the value before it in the sentence, or None): its plan's
    or budget's completion rate when its phrase ends in 完成…计划的 or 完成预算数的, else its own."""
    before = VALUE_END.sub("", q.label)
    if not before and prior is not None:
        before = VALUE_END.sub("", prior.label)   # …的118.2%、248.57%: the phrase of the value before
    m = COMPLETED.search(before)
    if q.unit != "%" or m is None:
        return str(q.indicator)
    name = q.indicator
    if name and "完成" not in name and not name.startswith(("预算", "计划")):
        owner = name   # 甲、乙分别完成年计划的…: the item's name
    elif m.start():
        owner = indicator_names.clean_name(before[:m.start()]).name
    else:
        owner = prior.indicator if prior is not None else ""
    return owner + ("预算" if m.group(1).startswith("预算") else "计划") + "完成率" if owner else ""
