"""Measures whose owner the report names just before them, in the same clause or sentence.

Two shapes leave a bare measure or a bare item as the label although the sentence names what
it belongs to:

- a count and then a verb and a measure word (N个甲项目完成投资M亿元): the M is the investment
  of the 甲项目 just counted, not of the whole economy, so it reads 甲项目完成投资, as the same
  clause without the count does (甲项目完成投资M亿元);
- an item of an output list (…产量…, 甲M万吨, 乙N万辆): a bare product noun counted in tonnes,
  volumes or vehicles after the sentence has spoken of output measures what was produced,
  甲产量; a change of it (乙增长5%) too.

>>> owned_measure("甲项目", "个", "完成投资")
'甲项目完成投资'
>>> owned_measure("甲项目", "亿元", "完成投资"), owned_measure("甲项目", "个", "投资")
('', '')
>>> output_measure("主要产品产量继续增加,甲达到10万吨", 17, "万吨", None)
'产量'
>>> output_measure("甲达到10万吨", 5, "万吨", None), output_measure("甲产量增加,乙10个", 8, "个", None)
('', '')
"""
from __future__ import annotations

import re

from kg import segment
from kg.extract import activity_names, indicator_names, measure_shape

COUNT_WORDS = ("数", "人数", "户数")   # the owner is a counted thing (N个甲), not an amount
OUTPUT_CUES = ("产量", "产品")           # the sentence speaks of what was produced before the item
GOODS_UNITS = ("辆", "台", "架", "只", "艘", "匹")   # classifiers of produced goods (万辆 of cars made)
CHANGE_UNITS = ("%", "倍")


def owned_measure(owner: str, owner_unit: str, lead: str) -> str:
    """甲 counted just before (N个甲) and a verb and a measure word after it (完成投资): the measure
    of the 甲, 甲完成投资. Empty unless the lead is one or two verbs and a measure word only."""
    if activity_names.measure_word(owner_unit) not in COUNT_WORDS or not owner or measure_shape.has_head(owner):
        return ""
    words = segment.words(lead)
    if not 2 <= len(words) <= 3 or len(lead) > 6 or not measure_shape.has_head(words[-1]) \
            or not all(segment.tag(w) == "v" for w in words[:-1]):
        return ""   # 完成投资: a verb and the measure; anything else (a clause, a list) is left alone
    if not all((segment.tag(w) or "")[:1] in ("n", "j") for w in segment.words(owner)[-1:]):
        return ""   # the owner must end in a noun (甲项目), not a verb of its own
    name = owner + lead
    return name if indicator_names.clean_name(name).name == name else ""   # a name the cleaner keeps whole


def output_measure(text: str, start: int, unit: str, direction: str | None) -> str:
    """产量, when the value at ``start`` is in a sentence that spoke of output before it and its unit
    measures produced goods (tonnes, volumes, vehicles) or a change of them; empty otherwise.
    The caller gives it only to a bare item (甲, a noun with no measure word)."""
    before = re.split(r"[。!！?？]", text[:start])[-1]
    if not any(cue in before for cue in OUTPUT_CUES):
        return ""
    word = activity_names.measure_word(unit)
    bare_unit = unit.lstrip("万亿千")
    if word == "量" or bare_unit in GOODS_UNITS or unit in CHANGE_UNITS and direction is not None \
            and "年均" not in before[-8:]:
        return "产量"
    return ""
