"""The named-body test: is an organisation candidate one body, or a kind of institution,
a place, a hub designation or a fragment of a clause?

A body's name has a proper part before its unit suffix: a place or jurisdiction
(云南大学, 县中医医院), a distinctive name (梧桐初中, 耐盐碱水稻技术创新中心) or a
known organ (中国科学院赣江创新研究院). Institutions whose name is only kind words
(公立医院, 县级医院, 中等学校, 乡镇卫生院) are kinds, not bodies; 金融中心 and 重庆站
name a city's role or a station; 提高高等学校 has a verb glued on.

>>> [is_named_body(n, "institution", k) for n, k in (("云南大学", 2), ("县中医医院", 2), ("公立医院", 2),
...                                                   ("重庆站", 1), ("国际金融中心", 2))]
[True, True, False, False, False]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from kg import lexicon, segment

# Kinds whose suffix (医院, 学校, 中心, 站, 所, 协会 …) also names a category of units.
CATEGORY_PRONE = frozenset({"institution", "grassroots", "social"})
LEVEL_START = re.compile(r"^(?:自治[区州县](?:党委|人民政府|政府|人大|政协)|[省市区县州旗盟镇乡村](?:委|政府|人大|政协|党委)|党委|人大|政协)"
                         r"(?:常委会|人大常委会)?$")
LEVEL_CHAR = re.compile(r"^[省市区县州旗盟镇乡村]$")
LEVEL_GRADE = re.compile(r"^[省市区县乡镇村]+级$|^[一二三四五六七八九十]+[级类星甲]$")
HUB_HEADS = ("中心", "站")
# Institutions under a body (某部直属高校, 所属医院) are a class of units, not one.
UNDER_BODY = re.compile(r"(?:直属|所属|下属)")
# People and posts inside a name: 人大代表和政协 is a clause about people, not a body.
PEOPLE = re.compile(r"(?:代表|委员|人员|干部|群众|职工|子弟|学生|工匠|专家)[和与及、]")
PEOPLE_WORDS = frozenset({"孩子", "学生", "子弟"})  # not 儿童, 青少年: 市青少年科技中心 is a body
# Words of family life that never sit in a body's name (为留守孩子护航学校: a clause about people).
FAMILY_WORDS = frozenset({"孩子", "子女", "家长"})
# Single characters that join a clause, never a name (是, 到, 把 …).
CLAUSE_CHARS = frozenset("是到在有要把被将从向给让使对为也都还又再就才指")  # 指: a note's "means"
NOUN_TAGS = frozenset({"n", "nr", "nrt", "ns", "nt", "nz", "j", "vn", "zg", "b", "l"})
NAME_TAGS = frozenset({"ns", "nt", "nr", "nrt", "nz", "j"})


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    return frozenset(lexicon.words("org_kind_words.txt"))


@lru_cache(maxsize=1)
def _hub_words() -> frozenset[str]:
    return frozenset(lexicon.words("org_hub_words.txt"))


@lru_cache(maxsize=1)
def _left_verbs() -> frozenset[str]:
    return frozenset(lexicon.words("org_left_verbs.txt"))


@lru_cache(maxsize=1)
def _glued_verbs() -> frozenset[str]:
    return frozenset(lexicon.words("org_left_verbs.txt")) | frozenset(lexicon.words("org_clause_verbs.txt"))


def _is_kind_word(word: str) -> bool:
    """A word that says what kind of unit, not which one (县级, 综合, 一级; numbers and adjectives too)."""
    if word in _kind_words() or LEVEL_GRADE.match(word):
        return True
    tag = segment.tag(word)
    if tag in ("b", "a", "m", "q", "f", "d", "r", "t"):
        return True
    # a compound jieba keeps whole (普通高中, 公立医院) is a kind when its parts are kind words
    parts = [p for p in (word[:i] for i in range(len(word) - 1, 0, -1)) if p in _kind_words()]
    return bool(parts) and (word[len(parts[0]):] in _kind_words() or _is_kind_word(word[len(parts[0]):]))


@lru_cache(maxsize=1)
def _designations() -> re.Pattern[str]:
    heads = lexicon.alternation("org_designations.txt")
    return re.compile(rf"(?:[省市区县]|自治[区州]|国家|中央)?(?:级|一级)?(?:重点)?(?:{heads})")


def is_designation(name: str) -> bool:
    """True for 省技术创新中心, 国家重点实验室: an awarded title with only a level before it."""
    return bool(_designations().fullmatch(name))


@lru_cache(maxsize=1)
def _committee_kinds() -> frozenset[str]:
    return frozenset(lexicon.words("org_committee_kinds.txt"))


def _kind_of_committee(name: str) -> bool:
    """True for 人民委员会, 专家委员会, 常务委员会: a committee named by kind words only."""
    if not name.endswith("委员会"):
        return False
    words = _prefix_words(name[:-3])
    if name[:-3] and _made_of_kind_words(name[:-3], _kind_words() | _committee_kinds()):
        return True  # 城市居民委员会 (jieba keeps 城市居民 whole)
    return bool(words) and all(w in _committee_kinds() or _is_kind_word(w) for w in words)


def _made_of_kind_words(prefix: str, kinds: frozenset[str] | None = None) -> bool:
    """True when ``prefix`` splits wholly into kind words (checked character by character)."""
    kinds = kinds or _kind_words()
    longest = max(map(len, kinds))
    reach = [True] + [False] * len(prefix)
    for i in range(len(prefix)):
        if reach[i]:
            for n in range(1, min(longest, len(prefix) - i) + 1):
                if prefix[i:i + n] in kinds:
                    reach[i + n] = True
    return reach[-1]


def _prefix_words(prefix: str) -> list[str]:
    return [w for w in segment.words(prefix) if w.strip("()（）、")]


def is_named_body(name: str, kind: str, suffix_len: int = 0) -> bool:
    """False for a kind of institution, a place or hub, or a clause fragment named by ``name``.

    ``suffix_len`` is the length of the unit suffix (医院, 中心 …) ending ``name``; when
    0 the longest suffix that leaves a prefix is guessed by the caller's lexicon.
    """
    prefix, head = name[: len(name) - suffix_len], name[len(name) - suffix_len:]
    if PEOPLE.search(name) or is_designation(name) or _section_of_a_kind(prefix, head):
        return False  # 人大代表和政协; 省工程研究中心 (the class of awarded units); 学校办公室
    if kind == "committee":
        first = segment.words(name)[0]
        if len(first) == 1 and segment.tag(first) == "v":
            return False  # 不设管理委员会: a verb glued on
        return not _kind_of_committee(name)
    if kind not in CATEGORY_PRONE:
        return True
    words = _prefix_words(prefix)
    if not words:
        return False  # the suffix alone (医院, 中心)
    verbs = _glued_verbs()
    if any(w in verbs or w in FAMILY_WORDS for w in words):
        return False  # 新建老年大学: a verb glued on; 为孩子护航学校: people in a clause
    if _units_of_a_class(name, words):
        return False
    if _has_clause_word(words):
        return False  # 子弟送进学校, 程度到高中, 是办好重点大学: a clause, not a name
    if LEVEL_GRADE.match(prefix[:4]) or re.match(r"^[省市区县乡镇村]{1,3}级", prefix):
        return False  # 市县级医院, 省级卓越工程师学院: a grade of institution
    own_level = LEVEL_CHAR.match(prefix[:1]) and not any(
        prefix.startswith(k) for k in _kind_words() if len(k) > 1 and k[0] == prefix[0])
    if _made_of_kind_words(prefix) and not own_level:
        return False  # 托育综合服务中心: kind words however jieba cuts them (省博物馆 is the province's)
    proper = [w for w in words if LEVEL_CHAR.match(w) or not _is_kind_word(w)]
    if not proper or proper == [words[0]] and segment.tag(words[0]) in ("v", "vn") and (
            len(words) == 1 or segment.tag(words[0]) == "v"):
        return False  # 公立医院, 县级医院; 提高高等学校, 管理学校: a kind, or a verb and a kind
    named = any(segment.tag(w) == "nt" and w not in _hub_words() and not _is_kind_word(w) for w in words)
    if head.endswith(HUB_HEADS) and not named:
        if words[-1] in _hub_words() or prefix.endswith(tuple(_hub_words())):
            return False  # 国际金融中心, 长江上游航运中心, 会展中心: a city's role or a venue
        if head == "站" and segment.tag(words[-1]) in ("ns", "nr", "nrt", "v", "d", None):
            return False  # 重庆站: a railway station; 继续站: the verb 站
    return True


def field_word(word: str) -> bool:
    """A plain noun of two characters or more that names no body or level (茶叶; not 省, 省政府)."""
    return len(word) >= 2 and segment.tag(word) == "n" and not re.search(r"政府|党委|人大|政协|[省市县]委", word)


def _section_of_a_kind(prefix: str, head: str) -> bool:
    """True for 学校办公室 (the offices of a kind of unit) and 代销部 (a verb and 部: a section of a shop)."""
    if head == "办公室":
        return bool(prefix) and _made_of_kind_words(prefix)
    words = _prefix_words(prefix) if head == "部" else []
    return len(words) == 1 and segment.tag(words[0]) == "v"


def _has_clause_word(words: list[str]) -> bool:
    """True when a word of a name's prefix joins a clause (a particle, 是, 到; not the 与 of two fields)."""
    return any((segment.tag(w) in ("p", "c", "u", "uj") or w in CLAUSE_CHARS
                or len(w) == 1 and segment.tag(w) in ("v", "d", "r", "p")) and not _joins_fields(words, i)
               for i, w in enumerate(words))


def _joins_fields(words: list[str], i: int) -> bool:
    """True for the 与 of 茶与茶叶…中心: two fields joined inside one name that has a place or body."""
    return words[i] == "与" and 0 < i < len(words) - 1 and segment.tag(words[i - 1]) == segment.tag(words[i + 1]) == "n" \
        and any(segment.tag(w) in NAME_TAGS for w in words)


def _units_of_a_class(name: str, words: list[str]) -> bool:
    """True for 某部直属师范大学 (the universities under a ministry) and 山区留守学生普通高中
    (people and the kind of school they attend): a class of units, not one."""
    return bool(UNDER_BODY.search(name)) or any(
        w in PEOPLE_WORDS and (segment.tag(nxt) == "v" or _is_kind_word(nxt)) for w, nxt in pairwise(words))


def clause_cut(name: str, is_body: Callable[[str], bool]) -> int:
    """Where a body's name starts after a clause glued on its left (是自治区党委,
    严格执行市人大, 案例得到自然资源部): just after the last verb or particle, when what
    follows is still a body by ``is_body``; 0 when there is none. A name may open with a
    verb (防治非典指挥部, 推选委员会): a first word is cut only before a bare body or a place.
    A conjunction may be inside a name (文化和旅游局)."""
    verbs = _left_verbs()
    cut = pos = 0
    for w in segment.words(name)[:-1]:
        pos += len(w)
        rest = name[pos:]
        # 继续执行; but a named organisation ending in a verb's characters (某某合作组织) is no clause
        listed = w in verbs or w in CLAUSE_CHARS or len(w) > 2 and w[-2:] in verbs and segment.tag(w) != "nt"
        if listed and (is_body(rest) or LEVEL_START.match(rest)) or segment.tag(w) not in NOUN_TAGS and LEVEL_START.match(rest):
            cut = pos  # 严格执行市人大; 实行党委, 贯彻落实自治区党委 (any verb before a bare body)
    return cut


# A grade awarded to a named body (国家级河东省质量检验中心) is no part of its name.
GRADE_BEFORE_PLACE = re.compile(r"^(?:国家|省|市|县|自治区)级(?=[\u4e00-\u9fff]{1,6}?(?:省|市|自治区|县|区|州))")
# A count right after an institution (…服务中心30家以上, …、…孵化中心达到12家) makes it a kind.
COUNTED_AFTER = re.compile(r"^(?:、[^,，。;；:：、“”‘’《》和与及]{2,24}?)*(?:将|已)?(?:达到|超过|增至|增加到|共|总数|分别)?"
                           r"(?:\d+|[一二三四五六七八九十百千万两几]+)(?:\.\d+)?(?:余|多)?[家个所座处]")
# What follows a centre's name when it is a city's role (青州国家中心城市, …管理中心功能)
# or a measure of a kind (每万人博物馆拥有量).
# A 中心 before an area word means "central" (临江港中心作业区, 中心园区), before 枢纽 a hub role: no centre is named.
ROLE_AFTER = re.compile(r"^(?:城市|城区|功能|地位|枢纽|作业区|园区|片区|港区|商务区)")
# 打造 (to make oneself into) before an international or regional centre names the place's role.
ROLE_MAKER = re.compile(r"打造(?:成为?)?$")
ROLE_SCOPE = re.compile(r"国际|全球|区域|世界")
MEASURE_AFTER = re.compile(r"^(?:拥有量|数量|覆盖率|床位数)")
# 群 after an institution's name makes a cluster of them (某某艺术馆群): a project, not one body.
CLUSTER_AFTER = re.compile(r"^群(?![众体岛落组])")
# A unit that firms set up (吸引企业设立区域结算中心) is a kind of company unit, not one body.
UNIT_OF_FIRMS = re.compile(r"(?:企业|公司|外资)(?:来\S{1,3})?(?:设立|建立|组建|设置)$")
# A centre listed among a city's titles (世界美食之都、国际会展名城、…中心) is a title too.
CITY_TITLE = r"(?:城市|之都|之城|名城|之窗|之乡)"
TITLE_BEFORE = re.compile(CITY_TITLE + r"[、和及]$")
TITLE_AFTER = re.compile(r"^[、和及][^、，,。；;：:“”]{2,12}?" + CITY_TITLE + r"(?=[、，,。；;等和及]|建设|$)")
# A rank of officials (厅局长, 局处级) is no unit: 厅 before 局 names a grade.
RANK_PAIRS = frozenset({"厅局", "局处", "处科", "部委办"})
# A part of a model joined by + (“园区+平台”模式) is a kind of party in the model, not one body.
MODEL_JOIN = "[+＋]"


def not_a_body_here(text: str, start: int, end: int) -> bool:
    """True when what is right around a name of any kind makes it no body: a rank of
    officials (某某厅局长), one part of a model joined by + (“委员会+平台”), or a school whose name
    opens a place's (某某大学城: a district of campuses)."""
    if text[end - 1:end + 1] in RANK_PAIRS or text[end:end + 1] == "城" and text[:end].endswith(("大学", "学院")):
        return True
    return bool(re.match(MODEL_JOIN, text[end:end + 1]) or start > 0 and re.match(MODEL_JOIN, text[start - 1]))
# The group before a name makes it every unit of a kind (全市各级应急管理委员会, 所有山区中心小学).
# 古窑等遗址博物馆: museums of such sites; with 的 too (其他的农业厅, 有关的研究所).
GROUP_BEFORE = re.compile(r"(?:(?:各级|各类|所有|全部|部分|有关|相关|其他|其它)的?|各|等)$")
# A set of kinds named by their number (三大…防治中心) and bodies named by a grade only
# (市级人民政府负总责: the governments of every city) are kinds.
NUMBERED_KINDS = re.compile(r"^[一二三四五六七八九十两]+[大类]")
GRADED_BODY = re.compile(r"^[省市区县乡镇]级(?:人民)?(?:政府|党委|人大|政协)")


def group_before(text: str, start: int) -> bool:
    """True when a group word right before a name makes it every unit of a kind (各级…委员会),
    or the name is a numbered set of kinds or a grade of body (三大…中心, 市级人民政府)."""
    name = text[start:start + 8]
    return bool(GROUP_BEFORE.search(text[max(0, start - 3):start]) or NUMBERED_KINDS.match(name) or GRADED_BODY.match(name))


def grade_prefix(name: str) -> int:
    """Length of a grade word opening ``name`` before a place (国家级 in 国家级河东省…中心), else 0."""
    m = GRADE_BEFORE_PLACE.match(name)
    return m.end() if m else 0


@lru_cache(maxsize=1)
def _bound_starts() -> frozenset[str]:
    return frozenset(lexicon.words("org_bound_starts.txt"))


def kind_in_context(text: str, start: int, end: int) -> bool:
    """True when the words around ``text[start:end]`` make it a kind of unit, a city's role
    or a name cut short: a count after it, a group word before it, 城市 after 中心, 群 after it
    (a cluster of museums), a company setting one up, or city titles listed with it."""
    if COUNTED_AFTER.match(text[end:end + 40]) or MEASURE_AFTER.match(text[end:end + 3]) or group_before(text, start):
        return True
    if CLUSTER_AFTER.match(text[end:end + 2]) or UNIT_OF_FIRMS.search(text[max(0, start - 10):start]) \
            or _levels_listed(text, start):
        return True
    if text[end - 2:end] == "中心" and (TITLE_BEFORE.search(text[max(0, start - 5):start])
                                      or TITLE_AFTER.match(text[end:end + 16])):
        return True
    if text[end - 2:end] == "中心" and ROLE_MAKER.search(text[max(0, start - 4):start]):
        return bool(ROLE_SCOPE.search(text[start:end]))  # 打造河东国际商事仲裁中心: a role the place takes on
    return text[end - 2:end] == "中心" and bool(ROLE_AFTER.match(text[end:end + 3]))


def _levels_listed(text: str, start: int) -> bool:
    """True for 乡调解中心 of 县、乡调解中心: a unit of two levels listed, a kind (青山区、市医院 is not)."""
    if not LEVEL_CHAR.match(text[start:start + 1]) or text[start - 1:start] not in ("、", "和"):
        return False
    head = re.split(r"[^\u4e00-\u9fff]", text[max(0, start - 7):start - 1])[-1]
    return bool(head) and bool(LEVEL_CHAR.match(segment.words(head)[-1]))


def cut_at_start(text: str, start: int, name: str) -> bool:
    """True when a name opens with a lone character that belongs to the word before it:
    after a numeral or preposition (多式联运枢纽中心 read as 式联运枢纽中心, 为农服务站 as 农服务站,
    三元湖体育馆 as 元湖体育馆), or a bound morpheme that never opens a name (权交易所 of 排污权交易所)."""
    first = segment.words(name)[0]
    if first in _bound_starts():
        return True
    if len(first) != 1 or LEVEL_CHAR.match(first) or segment.tag(first) in ("ns", "j"):
        return False
    head = re.split(r"[^\u4e00-\u9fff]", text[max(0, start - 6):start])[-1]
    return bool(head) and segment.tag(segment.words(head)[-1]) in ("m", "p")


def split_name_before(text: str, start: int) -> bool:
    """True when two lone characters right before a name are the end of it: a proper one and
    a locality jieba split off (国家某下水电…中心 read as 水电…中心): the name was cut short."""
    head = re.split(r"[^\u4e00-\u9fff]", text[max(0, start - 6):start])[-1]
    words = segment.words(head) if head else []
    return len(words) >= 2 and len(words[-1]) == len(words[-2]) == 1 and segment.tag(words[-1]) == "f" \
        and segment.tag(words[-2]) in ("ns", "nr", "nz", "j")


def place_centre_after_verb(text: str, start: int, name: str) -> bool:
    """True for a bare place and 中心 right after a verb of the same phrase (技术转移河东中心):
    the centre's name begins before the verb; a verb that opens names (建设, 推动) is listed."""
    words = segment.words(name)
    if len(words) != 2 or words[1] != "中心" or segment.tag(words[0]) != "ns":
        return False
    head = re.split(r"[^\u4e00-\u9fff]", text[max(0, start - 8):start])[-1]
    prev = segment.words(head)[-1] if head else ""
    return len(prev) >= 2 and segment.tag(prev) == "v" and prev not in _left_verbs()


def opens_with_clause(name: str) -> bool:
    """True when a name opens with an adverb and a verb that jieba keeps as one word
    (切实加强人民代表大会制度建设, 积极推进学校…改革): a clause, not a name, when no body is left to cut."""
    first = segment.words(name)[0]
    if len(first) <= 2 or first[-2:] not in _left_verbs():
        return False
    head = first[:-2]
    return head in _glued_verbs() or segment.tag(head) in ("d", "ad")


# A bare level body right after another level (市县政府 read as 县政府, 县和乡政府 read as 乡政府)
# stands for the bodies of several levels: a kind.
LEVELS_TOGETHER = re.compile(r"[省市区县乡镇村旗盟]{2,}[两二三四五]级")
LEVEL_BEFORE = re.compile(r"[省市区县乡镇村](?:和|与|、)?$")


def several_levels(text: str, start: int, name: str) -> bool:
    """True for 县政府 of 市县政府 and 乡政府 of 县和乡政府, and for a unit that levels of
    government set up together (建立省市县三级…的仲裁委员会: one at each level, a kind)."""
    if LEVELS_TOGETHER.search(re.split(r"[，,。；;：:、（(]", text[max(0, start - 30):start])[-1]):
        return True
    return bool(LEVEL_CHAR.match(name[:1]) and LEVEL_START.match(name) and LEVEL_BEFORE.search(text[max(0, start - 2):start]))


@lru_cache(maxsize=1)
def _plural_heads() -> frozenset[str]:
    return frozenset(lexicon.words("org_plural_heads.txt"))


def place_and_plural_head(name: str) -> bool:
    """True for 上海市学校 (与上海市学校结对): a place and a head that names many units (学校, 高校), not one."""
    head = next((h for h in _plural_heads() if name.endswith(h)), "")
    return bool(head) and bool(re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:省|市|自治区|县|区)", name[: -len(head)]))
