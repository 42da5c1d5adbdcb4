"""Indicator labels completed from the words of their own sentence.

A label can be right as far as it goes and still lose what the sentence says about it:

- a designation the counted things received names them better than their bare noun
  ("43个社区获评甲型社区" counts those that took the title 甲型社区, not any 社区);
- a value that is a share of a whole ("甲占乙87%") measures the share, so the label says so
  (甲占乙比重), as "甲占乙比重达87%" does;
- a back-reference (为此, 对此) points at an earlier sentence and names nothing of the measure;
- money raised to carry out a programme ("筹措N亿元实施甲工程") is the programme's funds (甲工程资金),
  not the programme;
- a bare flow after a count ("实施甲项目N个,完成投资M亿元") is that of the things counted (甲项目完成投资),
  and so is a bare total ("新增甲公司62家,总数186家") is the total of what was counted (甲公司总数),
  and one after an addition of the same measure ("新增甲里程N公里,总里程M公里") that of the same
  things (甲总里程);
- an amount only bodies with accounts have, written alone after a count of such bodies
  ("规模以上工业企业达N家、增加值增长M%") is theirs (规模以上工业企业增加值);
- an activity counted by its object ("建设改造农村公路N公里") is named by the object, the verbs and
  what the unit measures (农村公路建设改造里程), as activity_names.as_measure gives it;
- a subject and a verb that drives a measure ("甲机制推动乙解决率提高到93%") name what drove it,
  not what is measured: the measure is what follows the verb (乙解决率);
- a thing or process counted in a unit of area, length or capacity (造林N万亩, 甲公路N公里) is
  measured by what the unit measures (造林面积, 甲公路里程).

>>> designation("43个社区获评“全国甲型社区”。", 5, "社区")
'获评全国甲型社区'
>>> share_name("民生支出占一般公共预算支出", "%")
'民生支出占一般公共预算支出比重'
>>> drop_anaphor("中央财政为此新增支出")
'中央财政新增支出'
>>> complete("甲工程", "实施甲工程", "亿元")
'甲工程资金'
>>> owned_flow("投资", "年度完成投资", ("实施甲项目", "个")), owned_flow("投资", "完成投资", ("甲项目", "亿元"))
('甲项目完成投资', '')
>>> complete("总市值", "总市值", "亿元", ("上市公司", "家"))
'上市公司总市值'
>>> complete("总里程", "总里程", "公里", ("新增甲公路里程", "公里"))
'甲公路总里程'
>>> after_driver("甲机制推动企业诉求解决率"), after_driver("用于促进就业")
('企业诉求解决率', '')
>>> dimension("营造林", "万亩"), dimension("乙类公路", "公里"), dimension("乙类公路", "个")
('营造林面积', '乙类公路里程', '乙类公路')
>>> dimension("商品房销售", "万平方米"), dimension("甲投产", "万千瓦"), dimension("绿电交易", "亿千瓦时")
('商品房销售面积', '甲投产', '绿电交易量')
"""
from __future__ import annotations

import re

from kg import lexicon, segment
from kg.extract import activity_names, indicator_names, list_scope, list_shares, measure_shape
from kg.extract.common import QUOTES

CLAUSE_END = ",，;；。:：!！?？、\n"
# 获评, 被认定为, 入选 …: the counted things were given the designation that follows
DESIGNATION = re.compile(r"被?(?P<verb>(?:" + measure_shape.DESIGNATION_VERBS + r")为?)")
ANAPHOR = re.compile(r"(?:为此|对此|就此|据此)")   # a back-reference: the sentence before says what for
SHARE_UNITS = ("%", "‰", "个百分点", "百分点")
SHARE_ENDS = ("比重", "比例", "占比", "份额", "率", "比")
# 实施, 开展 …: verbs that carry a programme out; money spent by them funds it (安排, 发行 move money itself)
CARRY_OUT = ("实施", "开展", "推进", "推动", "组织", "举办")
DIMENSIONS = ("面积", "里程", "容量")   # what a unit of area, road length or capacity measures
DIMENSION_ENDS = ("长", "长度", "规模", "总量", "量")   # 线路总长: a measure word jieba's heads miss
# with COUNTED_IN and SHARE_ENDS, names that say what a count of visits counts already (…吞吐量, …人员)
AMOUNT_ENDS = ("量", "规模", "人员", "人口")
TOTAL = re.compile(r"(?:投资)?总[^\W\d]{1,3}")   # 总数, 总规模, 总市值, 投资总规模: a total of something named before
GENERIC_TOTALS = ("额", "量", "值", "规模")   # 总额, 总量 …: the total of whatever flow was named just before
# the money of projects just counted (甲项目N个、年度投资M亿元); 投资 alone is too bare for a name
INVESTMENT = re.compile(r"(?:年度|计划|年度计划)?(?:总投资额?|投资(?:总额|额)?)")
PROJECT_ENDS = ("项目", "工程")
BODY_ENDS = ("企业", "公司", "集团", "园区", "开发区", "产业园", "集群", "商户")   # bodies that keep such accounts
# 甲推动乙率: 甲 set off the change of 乙率, and is dropped; the verbs of reach that stay in a name
# (带动消费金额) are indicator_driving_verbs.txt and indicator_coverage_verbs.txt
CAUSE_VERBS = ("推动", "助力", "促进", "促使")
TIME_WORDS = ("年度", "全年", "当年", "累计", "力争")   # before the verb: they date or aim the value, name nothing


def designation(text: str, end: int, post: str) -> str:
    """The designation after the counted noun, with its verb (N个社区获评甲社区 → 获评甲社区), when
    it ends in that same noun: the count is of the things that took the title, not of all 甲社区
    (selected_counts.chosen_count adds what the unit counts); empty otherwise."""
    m = DESIGNATION.match(text, end)
    if not post or not m:
        return ""
    tail = re.match(r"[^" + re.escape(CLAUSE_END) + r"]{2,30}", text[m.end():])
    if not tail:
        return ""
    obj = re.sub(r"[“”\"‘’「」]", "", tail.group())
    if not obj.endswith(post) or len(obj) <= len(post) or re.search(r"\d", obj):
        return ""
    # the object must be one noun phrase: no verb opens or splits it (成为…的…, 入选…并…)
    words = segment.words(obj)
    if "的" in words or any((segment.tag(w) or "").startswith(("v", "d", "p", "c")) and len(w) > 1 and i == 0
                            for i, w in enumerate(words)):
        return ""
    return m.group("verb") + obj


def share_name(name: str, unit: str) -> str:
    """甲占乙 with a share as value (87%) → 甲占乙比重; the name unchanged otherwise."""
    if unit not in SHARE_UNITS or name.endswith(SHARE_ENDS):
        return name
    words = segment.words(name)
    if "占" not in words[1:-1]:
        return name   # 占 must stand alone between a part and its whole (占地面积 is a noun)
    return name + "比重"


def drop_anaphor(pre: str) -> str:
    """中央财政为此新增支出 → 中央财政新增支出: a back-reference is no part of a measure's name."""
    return ANAPHOR.sub("", pre)


def complete(name: str, written: str, unit: str, prior: tuple[str, str] | None = None) -> str:
    """The measure name with what its sentence adds: a share's 比重, a programme's 资金, the owner of
    a bare flow or total (``prior``: the written phrase and unit of the value just before, in the
    same sentence)."""
    name = owned_flow(name, written, prior) or after_driver(name) or name
    name = owned_total(name, prior) or invested(name, prior) or name
    return share_name(dimension(visits(funded(name, written, unit), unit), unit), unit)


COUNTED_IN = ("数", "人数", "户数", "人次", "户次", "次数", "场次", "件次")   # what a count of things or visits measures
PEOPLE_HEADS = ("人员", "人才")   # heads of measure lexicons that are kinds of people, counted in 人


def counted_clause(name: str, unit: str) -> str:
    """甲区承接乙企业 (N家) → 甲区承接乙企业数: a clause, a subject with a verb of works or
    services and its object, counted in things, people or visits is named with what its unit
    counts; a noun phrase (新增上市企业, 甲改造项目) and a verb–object activity (activity_names)
    are left alone. jieba also tags verbs inside compound nouns (智能|制造|企业): such a name
    takes the count word too, which names the same measure. Run after selected_counts, which
    names the counts a predicate selects."""
    word = activity_names.measure_word(unit)
    if word not in COUNTED_IN or name.endswith(COUNTED_IN):
        return name
    words = segment.words(name)
    tags = [segment.tag(w) or "" for w in words]
    verbs = lexicon.word_set("indicator_activity_verbs.txt", "indicator_light_verbs.txt", "indicator_selection_verbs.txt")
    # a verb of the lexicons, or any verb of jieba's right after a noun (甲先导区集聚乙企业, 甲取得乙成果);
    # not 新增, 新建 …, which open a noun phrase of new things (甲园区新增企业 is counted as it is)
    verb = next((i for i in range(1, len(words) - 1) if len(words[i]) > 1 and (words[i] in verbs or tags[i] == "v"
                 and tags[i - 1][:1] in ("n", "j") and not list_shares.NEW_THINGS.match(words[i]))), 0)
    if not verb or tags[-1][:1] not in ("n", "j") or not any(t[:1] in ("n", "j", "s") for t in tags[:verb]):
        return name
    # 甲改造项目, 乙从业人员: a kind of programme or of people, its verb right before the head, is a noun
    # phrase counted as it is; after a subject and a verb with an object of its own (甲先导区承接乙转移项目,
    # 甲实验室集聚科研人员) the head is the object of a clause, which the count word names
    head = next((h for h in (*lexicon.words("programme_heads.txt"), *PEOPLE_HEADS) if name.endswith(h)), "")
    subject = tags[verb - 1][:1] in ("n", "j") and len("".join(words[verb + 1:])) > len(head)
    if not subject and (measure_shape.has_head(name) or name.endswith(lexicon.words("programme_heads.txt"))):
        return name
    if subject and measure_shape.has_head(name) and not name.endswith(PEOPLE_HEADS):
        return name   # 甲园区实现产值: the object is itself a measure
    return name + word


def after_driver(name: str) -> str:
    """The measure after a driving verb inside ``name`` (甲推动乙率 → 乙率), when what follows the
    verb is a measure name of two words or more; empty otherwise (促进就业 keeps its verb)."""
    if not any(d in name for d in CAUSE_VERBS):
        return ""   # most names: no driving verb at all
    pos = 0
    for word in segment.words(name):
        pos += len(word)
        rest = name[pos:]
        after = segment.words(rest)
        if word in CAUSE_VERBS and len(after) > 1 and not (segment.tag(after[0]) or "v").startswith("v") and measure_shape.has_head(rest) \
                and indicator_names.clean_name(rest).name == rest:
            return rest
    return ""


def driven(name: str) -> str:
    """带动甲投资 (增长N%) → 甲投资: the change of what a driving verb set off is a change of that
    measure; empty when no driving verb opens ``name`` or what follows names no measure."""
    verb = next((v for v in lexicon.words("indicator_driving_verbs.txt") if name.startswith(v)), "")
    rest = name[len(verb):]
    return rest if verb and len(rest) > 2 and indicator_names.clean_name(rest).name == rest else ""


def visits(name: str, unit: str) -> str:
    """某站旅客 (N万人次) → 某站旅客人次, 上门服务群众 (N万人次) → 上门服务群众人次: people, or a service
    done to them, counted in visits is measured in visits; a name that already says what it counts
    (…人数, …吞吐量, …规模, …人员) is left alone."""
    word = activity_names.measure_word(unit)
    if word not in ("人次", "户次") or measure_shape.too_bare(name) or name.endswith(COUNTED_IN + SHARE_ENDS + AMOUNT_ENDS):
        return name
    return name + word


def dimension(name: str, unit: str) -> str:
    """造林 (N万亩) → 造林面积, 高速公路 (N公里) → 高速公路里程: a thing or a process with no measure
    word, counted in a unit of area, length or capacity, is measured by what that unit measures."""
    word = activity_names.measure_word(unit)
    words = segment.words(name)
    # 商品房销售 (N亿平方米) → 商品房销售面积, 绿电交易 (N亿千瓦时) → 绿电交易量: the trade or supply of a
    # thing named before it has an extent, or an amount
    trade = len(words) > 1 and words[-1] in lexicon.words("indicator_trade_verbs.txt") \
        and any((segment.tag(w) or "")[:1] == "n" for w in words[:-1])
    if (word not in DIMENSIONS and not (trade and word == "量")) or measure_shape.has_head(name) and not trade \
            or name.endswith(DIMENSION_ENDS):
        return name
    if (segment.tag(words[-1]) or "")[:1] in ("v", "a", "d", "m", "q", "f", "u", "p") and not trade or len(name) == 1:
        return name   # 甲投产, 技术领先, …以上: no thing or process whose extent the unit gives
    return name + word


def owned_flow(name: str, written: str, prior: tuple[str, str] | None) -> str:
    """实施甲项目N个, 完成投资M亿元 → 甲项目完成投资: a clause that is only a light verb and a bare
    measure word (完成投资, 年度完成投资) right after a count of things in the sentence measures
    those things. ``prior``: the written phrase and unit of the value before; empty otherwise."""
    if prior is None or len(segment.words(name)) != 1 or not written.endswith(name):
        return ""
    words = segment.words(written[: -len(name)])
    light = lexicon.words("indicator_light_verbs.txt")
    verbs = [w for w in words if w not in TIME_WORDS]
    if len(verbs) != 1 or verbs[0] not in light:
        return ""
    owner = _owner(*prior)
    return owner + verbs[0] + name if owner else ""


def _owner(written: str, unit: str) -> str:
    """实施甲项目 (N个) → 甲项目: the things a count counts, without the light verb that carried them
    out; empty unless they are a noun phrase (新建甲, 开工甲: new things, whose count is the news)."""
    if activity_names.measure_word(unit) not in activity_names.COUNT_WORDS or measure_shape.has_head(written):
        return ""
    verb = next((v for v in lexicon.words("indicator_light_verbs.txt") if written.startswith(v)), "")
    owner = written[len(verb):]
    words = segment.words(owner)
    if len(owner) < 2 or activity_names.verb_prefix(owner) or list_shares.NEW_THINGS.match(owner) or (segment.tag(words[-1]) or "")[:1] not in ("n", "j") \
            or any((segment.tag(w) or "").startswith("v") for w in words):
        return ""   # 甲签约, 推动甲落地: a clause, not the things measured
    return owner


def owned_total(name: str, prior: tuple[str, str] | None) -> str:
    """总数 after 新增甲公司62家 → 甲公司总数: a bare total right after a count is the total of the
    things counted; empty when the value before is no count or names no plain noun phrase."""
    if prior is None or not TOTAL.fullmatch(name) or not measure_shape.has_head(name):
        return ""
    if activity_names.measure_word(prior[1]) != "数":
        return _added_to(name, prior) or _total_of_flow(name, prior)
    owner = _things_counted(prior[0])
    words = segment.words(owner)
    nouny = ("n", "j", "b", "a", "m", "q", "s")   # 5G基站, 境内上市公司: a noun phrase (a code is one too)
    if len(owner) < 2 or measure_shape.has_head(owner) or not all((segment.tag(w) or "")[:1] in nouny or w.isascii() and w.isalnum() for w in words):
        return ""   # 甲签约, 通了…: a clause, not the thing the total sums
    return owner + name


def _things_counted(written: str) -> str:
    """新增甲公司 (N家) → 甲公司: the things a count counts, without its verb or its 新增 (a short
    name keeps it: 新增 of 新增企业 is all there is to say which)."""
    owner = written[len(activity_names.verb_prefix(written)):]
    return list_shares.NEW_THINGS.sub("", owner) if len(owner) > 3 else owner


def owned_amount(name: str, prior: tuple[str, str] | None) -> str:
    """增加值 after 规模以上工业企业达N家 → 规模以上工业企业增加值: an amount that only bodies
    with accounts have (list_scope.ACCOUNT_AMOUNTS), written alone right after a count of such bodies (…企业,
    …园区: BODY_ENDS), is theirs; empty otherwise."""
    if prior is None or name not in list_scope.ACCOUNT_AMOUNTS or activity_names.measure_word(prior[1]) != "数":
        return ""
    owner = _things_counted(prior[0])
    words = segment.words(owner)
    body = next((b for b in BODY_ENDS if owner.endswith(b)), "")
    if not body or len(owner) == len(body) or any((segment.tag(w) or "").startswith(("v", "p")) for w in words):
        return ""   # 甲签约企业, 为甲服务的企业: a clause; 新引进企业: bodies of no kind said
    return owner + name


def invested(name: str, prior: tuple[str, str] | None) -> str:
    """总投资, 年度投资 after a count of projects (建设“甲”产业项目N个, 新开工亿元以上项目N个) →
    甲产业项目总投资: the money is the projects'. Unlike owned_total, a project's owner keeps
    its 新开工 (the new projects' money, not all projects'), may be an idiom or a numeral phrase
    (千项万亿) and may hold verbs (甲平台落地项目); empty after anything but a count of projects
    named without a preposition."""
    if prior is None or not INVESTMENT.fullmatch(name) or activity_names.measure_word(prior[1]) != "数":
        return ""
    owner = QUOTES.sub("", prior[0][len(activity_names.verb_prefix(prior[0])):])
    inner = segment.words(owner)[:-1]
    if len(owner) < 4 or not owner.endswith(PROJECT_ENDS) or any(segment.tag(w) == "p" for w in inner) \
            or inner and (segment.tag(inner[0]) or "").startswith("v"):
        return ""   # 为甲实施项目, 确保实施甲项目: a clause, not the projects' name
    return owner + name


def _total_of_flow(name: str, prior: tuple[str, str]) -> str:
    """总额 after 甲进出口增长8.4% → 甲进出口总额: a bare total right after the change of a flow (a
    measure with no total, rate or share word of its own) is that flow's total."""
    flow, unit = prior
    if unit not in ("%", "倍") or not measure_shape.has_head(flow) or TOTAL.search(flow) \
            or flow.endswith(("率", "比", "比重", "比例", "占比", "指数", "价格")):
        return ""
    word = name[name.index("总") + 1:]   # 总产量 after 财政收入增长…: a total of another measure is no sum of it
    if word not in GENERIC_TOTALS and not flow.endswith(word):
        return ""
    return flow + name


def _added_to(name: str, prior: tuple[str, str]) -> str:
    """总里程 after 新增甲里程N公里 → 甲总里程: a total of the same measure as the addition just
    before it sums the same things; empty when the measures differ or the addition is no 新增."""
    added, unit = prior
    word = name[1:]   # 总里程 → 里程
    lead = list_shares.NEW_THINGS.match(added)
    if not lead or not lead.group()[1:] or not added.endswith(word) or len(added) <= lead.end() + len(word) \
            or activity_names.measure_word(unit) is None:
        return ""
    return added[lead.end():-len(word)] + name


def funded(name: str, written: str, unit: str) -> str:
    """实施甲工程 (N亿元) → 甲工程资金: an amount of money written before a verb that carries out a
    programme is the programme's funds; a name that already ends in an amount word keeps it."""
    if activity_names.measure_word(unit) != "金额" or not written.startswith(CARRY_OUT) or measure_shape.has_head(name):
        return name
    return name + "资金"


def activity_measure(parts: indicator_names.NameParts, unit: str) -> str:
    """建设改造农村公路 (公里) → 农村公路建设改造里程: an activity counted by its object is named
    by the object, the verbs and what the unit measures; a known measure keeps its name."""
    if not parts.candidate or parts.name and indicator_names.canonical(parts.name)[1] is not None:
        return ""
    renamed = activity_names.as_measure(parts.candidate, unit)
    if renamed is None or measure_shape.predicate_inside(renamed) or indicator_names.clean_name(renamed).name != renamed:
        # a clause that stays one renamed (甲全面完成乙改造); 甲如期兑现 → 甲兑现数 has lost its adverb;
        # or the object itself is no noun phrase (a fragment)
        return ""
    return renamed
