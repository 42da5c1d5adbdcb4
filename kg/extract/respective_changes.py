"""Changes given respectively for the values before them: 甲N亿元、乙M万人,分别增长a%、b%.

A report often writes two or more levels, each with its name, and then their changes in one run,
mostly after 分别 (城镇…N元,农村…M元,实际增长a%和b% leaves it out): the first change is the first
level's, the second the second's. The run names no measure of its own, so without this each
change would take the name of the value just before it, the last level's, and the first level's
growth would read as the last one's.

The pairs are found before the values are named and applied after (:func:`name_pairs`), so that
each change takes its level's final name.

>>> from types import SimpleNamespace as Q
>>> qs = [Q(indicator="甲收入", is_change=False, written="甲收入", label="甲收入5万元", better=None),
...       Q(indicator="乙收入", is_change=False, written="乙收入", label="乙收入3万元", better=None),
...       Q(indicator="乙收入", is_change=True, written="", label="分别增长5%", better=None),
...       Q(indicator="乙收入", is_change=True, written="", label="6%", better=None)]
>>> pairs = respective_pairs(qs, [2, 3])
>>> name_pairs(pairs, qs)
>>> [q.indicator for q in qs]
['甲收入', '乙收入', '甲收入', '乙收入']
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kg.extract import indicator_names


def respective_pairs(out: Sequence[Any], group: list[int]) -> list[tuple[Any, Any]]:
    """(change, level) for each change of ``group`` (indices into ``out`` of adjacent values, none
    naming a measure of its own) and as many levels right before them, in order; none when the run
    names a measure or the values before it are not as many levels, each named."""
    first = out[group[0]] if group else None
    if first is None or len(group) < 2 or not first.is_change:
        return []
    start = group[0] - len(group)
    levels = list(out[start:group[0]]) if start >= 0 else []
    if not levels or any(q.is_change or not q.indicator for q in levels) \
            or len({q.indicator for q in levels}) != len(levels):
        return []   # not one named level for each change
    before = first.label[:first.label.index("分别")] if "分别" in first.label else first.written
    if "、" in before or indicator_names.clean_name(first.written).name:
        return []   # 甲、乙年均分别增长…: the run names its own measures
    return [(out[idx], level) for idx, level in zip(group, levels)]


def name_pairs(pairs: list[tuple[Any, Any]], named: Sequence[Any]) -> None:
    """Give each change its level's name and side, once both are named (both still in ``named``)."""
    kept = {id(q) for q in named}
    for change, level in pairs:
        if id(change) in kept and id(level) in kept and level.indicator:
            change.indicator, change.better = level.indicator, level.better
