"""Measures whose owner the report names just before them, in the same clause or sentence.

These shapes leave a bare measure or a bare item as the label although the sentence names what
it belongs to:

- a count and then a verb and a measure word (N个甲项目完成投资M亿元): the M is the investment
  of the 甲项目 just counted, not of the whole economy, so it reads 甲项目完成投资, as the same
  clause without the count does (甲项目完成投资M亿元); the same measure in a clause of its own
  after the count (实施甲项目N个,完成投资M亿元) is label_context.owned_flow's;
- a plant named by its yearly output (年产N万吨甲, N万吨甲等项目): the value is the plant's capacity,
  甲产能, not an amount of 甲 made;
- a value reached or set off by a verb of reach (带动消费N亿元, 惠及居民N万户): the label takes the
  word its unit measures, 带动消费金额, 惠及居民户数;
- a count whose noun runs on into an amount (N个甲产值M亿元): the count counts 甲 alone, and
  the amount is 甲产值's (counted_part);
- an item of an output list (…产量…, 甲M万吨, 乙N万辆): a bare product noun counted in tonnes,
  volumes or vehicles after the sentence has spoken of output measures what was produced,
  甲产量; a change of it (乙增长5%) too.

>>> owned_measure("甲项目", "个", "完成投资")
'甲项目完成投资'
>>> owned_measure("甲项目", "亿元", "完成投资"), owned_measure("甲项目", "个", "投资")
('', '')
>>> capacity("推动某集团10万吨甲材料等项目建设", 5, 12, "万吨"), capacity("甲材料10万吨", 0, 3, "万吨")
('甲材料产能', '')
>>> reach_measure("带动消费", "亿元"), reach_measure("惠及居民", "万户"), reach_measure("带动投资", "%")
('带动消费金额', '惠及居民户数', '')
>>> output_measure("主要产品产量继续增加,甲达到10万吨", 17, "万吨", None)
'产量'
>>> output_measure("甲达到10万吨", 5, "万吨", None), output_measure("甲产量增加,乙10个", 8, "个", None)
('', '')
"""
from __future__ import annotations

import re

from kg import lexicon, segment
from kg.extract import activity_names, indicator_names, label_context, measure_shape

OUTPUT_CUES = ("产量", "产品", "农作物")   # the sentence speaks of what was produced before the item
SUPPLY_CUES = ("供应",)   # …or of what was supplied (棉布供应增加两倍,胶鞋增加1.9倍: 胶鞋供应量)
SECTOR_HEAD = re.compile(r"^[\u4e00-\u9fff]{0,6}工业[,，]")   # 机械工业,甲N台,乙M辆: a plan's list of a sector's output
GOODS_UNITS = ("辆", "台", "架", "只", "艘", "匹")   # classifiers of produced goods (万辆 of cars made)
CHANGE_UNITS = ("%", "倍")
# amounts and rates, never things a count could count (基金, 标准 are: 8支甲基金, 5项甲标准)
AMOUNTS = ("率", "产值", "总值", "增加值", "能耗", "质量", "空气质量", "水环境质量", "投资", "资金", "补贴", "收入", "营业收入",
           "利润", "总量")


def owned_measure(owner: str, owner_unit: str, lead: str) -> str:
    """甲 counted just before (N个甲) and a verb and a measure word after it (完成投资): the measure
    of the 甲, 甲完成投资. Empty unless the lead is one or two verbs and a measure word only."""
    if activity_names.measure_word(owner_unit) not in activity_names.COUNT_WORDS or not owner or measure_shape.has_head(owner):
        return ""
    words = segment.words(lead)
    if not 2 <= len(words) <= 3 or len(lead) > 6 or not measure_shape.has_head(words[-1]) \
            or not all(segment.tag(w) == "v" for w in words[:-1]):
        return ""   # 完成投资: a verb and the measure; anything else (a clause, a list) is left alone
    if not all((segment.tag(w) or "")[:1] in ("n", "j") for w in segment.words(owner)[-1:]):
        return ""   # the owner must end in a noun (甲项目), not a verb of its own
    name = owner + lead
    return name if indicator_names.clean_name(name).name == name else ""   # a name the cleaner keeps whole


def counted_part(phrase: str, unit: str) -> str:
    """14个甲产值…: after a count, a noun phrase that runs on into an amount or a rate (AMOUNTS)
    counts only the nouns before the amount (甲), and the amount is the next value's, if any;
    empty when jieba's words give no such noun (8600万名甲发放乙补贴: a predicate, not a name).
    ``phrase`` unchanged when it ends in no amount or the unit counts nothing."""
    if not any(a in phrase for a in AMOUNTS) or activity_names.measure_word(unit) not in activity_names.COUNT_WORDS:
        return phrase   # most counts: no amount after their noun
    words = segment.words(phrase)
    while words and indicator_names.is_change_word(words[-1]):
        words.pop()   # 甲产值突破: the change word goes with the next value
    core = "".join(words)
    amount = max((a for a in AMOUNTS if core.endswith(a)), key=len, default="")
    if not amount:
        return phrase
    owner = core[: -len(amount)]
    kept = segment.words(owner) if owner else []
    tags = [segment.tag(w) or "" for w in kept]
    # 甲断面水质优良率: which nouns qualify a rate is not written; 甲发放乙补贴: a verb, a predicate
    if amount == "率" or not kept or len(owner) not in segment.boundaries(core) or any(t in ("v", "vn") for t in tags) \
            or not (tags[-1][:1] in ("n", "j") and len(kept[-1]) > 1 or kept[-1] in ")）"):
        return ""
    return owner


def output_measure(text: str, start: int, unit: str, direction: str | None) -> str:
    """产量 (or 供应量), when the value at ``start`` is in a sentence that spoke of output (or supply)
    before it and its unit measures produced goods (tonnes, volumes, vehicles) or a change of them;
    empty otherwise.
    The caller gives it only to a bare item (甲, a noun with no measure word)."""
    before = re.split(r"[。!！?？]", text[:start])[-1]
    output = any(cue in before for cue in OUTPUT_CUES) or SECTOR_HEAD.match(before) is not None
    supply = not output and any(cue in before for cue in SUPPLY_CUES)
    if not (output or supply):
        return ""
    word = activity_names.measure_word(unit)
    bare_unit = unit.lstrip("万亿千")
    if word == "量" or bare_unit in GOODS_UNITS or unit in CHANGE_UNITS and direction is not None \
            and "年均" not in before[-8:]:
        return "供应量" if supply else "产量"
    return ""


def designated(text: str, start: int, end: int, post: str, unit: str) -> str:
    """The name a count's noun (``post``, ending at ``end``) takes from the words around it: the
    designation after it (label_context.designation) or a plant's capacity (capacity)."""
    return label_context.designation(text, end, post) or capacity(text, start, end, unit)


def capacity(text: str, start: int, end: int, unit: str) -> str:
    """年产N万吨甲, N万吨甲等项目: a yearly output that names a plant or a project is its capacity,
    甲产能; ``start`` and ``end`` bound the number and the noun after it. Empty otherwise."""
    if activity_names.measure_word(unit) != "量":
        return ""
    noun = re.search(r"[\u4e00-\u9fff]+$", text[:end])
    clause = re.match(r"[^,，;；。]*", text[end:])
    yearly = text[max(0, start - 2):start] == "年产"
    if not noun or not clause or not (yearly or re.match(r"(?:等|和[^,，;；。]{0,20})?项目", clause.group())):
        return ""
    name = text[text.rfind(unit, 0, end) + len(unit):end] if unit in text[start:end] else ""
    name = name.removesuffix("项目")   # 年产N万吨甲项目: the capacity is of 甲
    if not name or measure_shape.has_head(name) or not all((segment.tag(w) or "")[:1] in ("n", "j", "v", "b", "a")
                                                            for w in segment.words(name)):
        return ""
    return name + "产能"


REACH_WORDS = ("金额", "人数", "户数", "人次", "户次")   # what a reach is counted in: money, people, households


def reach_measure(name: str, unit: str) -> str:
    """带动消费 (N亿元) → 带动消费金额, 惠及居民 (N万户) → 惠及居民户数: a verb of reach and its object
    count what was reached in the unit's measure; empty for a change (``unit`` empty or %) or a
    name that ends in a count or amount already (带动销售金额)."""
    verbs = (*lexicon.words("indicator_driving_verbs.txt"), *lexicon.words("indicator_coverage_verbs.txt"))
    verb = next((v for v in verbs if name.startswith(v)), "")
    word = activity_names.measure_word(unit) if unit else None
    rest = name[len(verb):]
    if not verb or word not in REACH_WORDS or len(rest) < 2 or name.endswith(("数", "额", "量", "次")) or re.search(r"\d", rest):
        return ""
    if word == "金额" and rest.endswith(("投资", "销售")):
        word = "额"   # 带动总投资额, 带动商品销售额: the amount word these nouns take
    return name + word
