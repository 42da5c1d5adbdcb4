"""Organisations: a unit suffix (局, 委员会, 司法所 …) found in the text, its name's left edge found by
walking jieba words back to a boundary (a preposition, conjunction, number, a verb that opens a name, or punctuation).

>>> from kg.extract.organisations import find_in_text
>>> [n for _, _, n, _ in find_in_text("在县委政法委员会和县交通局协调配合下")]
['县委政法委员会', '县交通局']
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.extract.common import CJK
from kg.extract.org_bodies import (
    CATEGORY_PRONE,
    clause_cut,
    cut_at_start,
    field_word,
    grade_prefix,
    group_before,
    is_named_body,
    kind_in_context,
    not_a_body_here,
    opens_with_clause,
    place_and_plural_head,
    place_centre_after_verb,
    several_levels,
    split_name_before,
)
from kg.script import fold_same_length

BARE_TAILS = frozenset({"人大", "政协", "人大常委会", "党委", "政府", "人民政协"})  # 人大监督和政协: the body is 政协
LEVELS = r"(?:[省市区县州旗盟镇乡村]|街道)"
LEVEL_BODY = re.compile(LEVELS + r"(?:委常委会|人大常委会|纪委监委|党工委|党委|纪委|政府|人大|政协|委)(?!员)")
# A body named by its level alone (乡政府, 县人民委员会); in a national report no one body is meant.
BARE_LEVEL_BODY = re.compile(LEVELS + r"(?:人民)?(?:政府|委员会|委|党委|人大|政协|人大常委会|代表大会)")
WINDOW = 24
MAX_NAME = 26
CUT = re.compile(rf"[^{CJK}()（）A-Za-z0-9]")
JURISDICTION_START = re.compile(r"^(?:中共|中国|" + LEVELS + r"|[^\s]{1,6}?(?:省|市|自治区|区|县|自治州|州|旗|镇|乡|街道))")
NAME_BREAK_TAGS = segment.BREAK_TAGS | {"a"}
POSTS = ("书记", "副书记", "主任", "副主任", "局长", "副局长", "部长", "主席", "院长", "所长", "站长", "组长", "班子",
         "负责人", "成员", "委员")
PREPOSITION_HEAD = "以在由对向为和与及经被把将"
REGIONS = frozenset({"东部", "西部", "中部", "北部", "南部", "东北", "西北", "西南", "东南"})
LEVEL_CHARS = "省市区县州旗盟镇乡村"
VAGUE_START = re.compile(r"^(?:各|所有|全部|全[省市区县镇国]|相关|有关|其他|其它|部分|多个|所属|下属|基层|广大|上级|同级|本级|下级|我|本)")
# A count before an institution's name makes it a kind of unit (建成101所芙蓉学校, 5个…中心);
# 首个 (the first one) does not.
# A share of them (八成的镇卫生院, 75%的…) counts units of a kind too.
COUNTED = re.compile(r"(?<!首)(?:(?:\d+|[一二三四五六七八九十百千万两几多数]+)(?:余|多)?[个所家座批类种处条级](?:左右|以上)?"
                     r"|\d+(?:\.\d+)?[%％]的|[一二三四五六七八九]成的)$")
# The units of every township or village acting as one party (乡(镇)综合文化站) may be counted.
LEVEL_UNITS = re.compile(r"^[乡镇村街][(（][^)）]{1,4}[)）]")
# Bodies of several levels at once (市县人民政府, 省市县乡综治中心, 乡镇党委) are kinds of bodies.
MANY_LEVELS = re.compile(r"^(?:省市县乡|省市县|省市|市县|县乡|县市|乡镇|镇街|县区|市州)(?:[(（][^)）]{1,4}[)）])?")
# A name that goes on into a law's title is part of the title (…村民委员会组织法).
ERA = re.compile(r"[夏商周秦汉魏晋隋唐宋元明清东西南北]{2,3}")  # 隋唐, 北魏: an era opens a site's name
INTO_TITLE = re.compile(r"^(?:组织)?法(?![院庭官人律规治])|^(?:组织)?条例|^章程")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = lexicon.mapping("org_suffixes.tsv")
    return re.compile(lexicon.trie_pattern(kinds)), kinds   # the longest suffix at a start, scanned by lexicon.starts


@lru_cache(maxsize=1)
def _named() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = lexicon.mapping("org_names.txt")
    return re.compile(lexicon.trie_pattern(kinds)), kinds   # the longest name at a start, as longest-first alternation


def kind_of(name: str) -> str:
    """The organisation kind from the longest matching suffix (or a named body)."""
    named = _named()[1]
    if name in named:
        return named[name]
    m = LEVEL_BODY.search(name)
    if m and m.end() == len(name):
        body = m.group()[1:] if m.group()[0] in "省市区县州旗盟镇乡村" else m.group()[2:]
        return {"政府": "government", "人大": "legislative", "政协": "legislative",
                "人大常委会": "legislative"}.get(body, "party")
    kinds = _suffixes()[1]
    for n in range(min(len(name), 12), 0, -1):
        if name[-n:] in kinds:
            return kinds[name[-n:]]
    return "other"


class _Words:
    """The word lists _left_edge consults for every candidate, as sets made once."""

    def __init__(self) -> None:
        suffixes = _suffixes()[1]
        self.stops = frozenset(lexicon.words("org_stop_words.txt"))
        self.verbs = frozenset(lexicon.words("org_left_verbs.txt"))
        self.not_names = frozenset(lexicon.words("org_not_names.txt"))
        self.suffixes = frozenset(suffixes)
        self.long_suffixes = frozenset(x for x in suffixes if len(x) >= 2)
        self.foreign = frozenset(x for x in self.not_names if len(x) >= 2 and x not in suffixes)


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words()


def _ends_with_any(word: str, endings: frozenset[str], shortest: int = 1) -> bool:
    """True when ``word`` ends with one of ``endings``."""
    longest = min(len(word), _longest(endings))
    return any(word[-n:] in endings for n in range(shortest, longest + 1))


@lru_cache(maxsize=8)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


def _tokens_before(text: str, suffix_start: int, end: int) -> tuple[int, list[str]] | None:
    """The words of the clause up to ``end`` and where they start; None when ``end`` is no word boundary."""
    lo = max(0, end - WINDOW)
    window = text[lo:end]
    cut = [m.end() for m in CUT.finditer(window, 0, suffix_start - lo)]
    base = lo + (cut[-1] if cut else 0)
    ahead = text[end:end + 4]
    ahead = ahead[: next((i for i, ch in enumerate(ahead) if CUT.match(ch)), len(ahead))]
    if ahead.startswith(POSTS):
        ahead = ""  # 县司法局局长: a post after the name does not hide it
    tokens = segment.words(text[base:end] + ahead)
    if not ahead:
        return base, tokens
    total = 0    # the name must end on a word boundary: no 局 of 局面, no 部 of 部门
    for tok in tokens:
        total += len(tok)
        if total >= end - base:
            break
    if total != end - base:
        return None
    pair = text[end - 1:end + 1]
    if end - suffix_start == 1 and segment.tag(pair) is not None and pair not in _suffixes()[1]:
        return None  # 技术服务所需, 工作站点: the suffix character opens a word with what follows
    return base, segment.words(text[base:end])


def _left_edge(text: str, suffix_start: int, end: int) -> int | None:
    """Start of the name ending at ``end`` whose unit suffix starts at ``suffix_start``."""
    before = _tokens_before(text, suffix_start, end)
    if before is None:
        return None
    tokens = before[1]
    w = _words()
    stops, verbs, not_names = w.stops, w.verbs, w.not_names
    pos = end
    start = end
    complete = False
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        tok_start = pos - len(tok)
        if tok_start >= suffix_start:  # still inside the suffix
            if len(tok) == 1 and pos == end and segment.tag(tok) in ("c", "u", "p", "d"):
                return None  # the 所 of "为人民所…" is a particle, not a unit
            pos, start = tok_start, tok_start
            complete = complete or segment.tag(tok) == "nt"
            continue
        if pos > suffix_start:  # the suffix starts inside this word: "大局" is no 局
            tag = segment.tag(tok)
            whole_suffix = _ends_with_any(tok, w.long_suffixes, 2)
            foreign = _ends_with_any(tok, w.foreign, 2)
            if tok in not_names or foreign or not (tag in ("nt", None) or whole_suffix or tag == "n" and len(tok) >= 3):
                return None
            pos, start = tok_start, tok_start
            complete = tag in ("nt", "ns", "j") or bool(re.match(LEVELS, tok))
            continue
        tag = segment.tag(tok)
        if len(tok) == 2 and tok[0] in PREPOSITION_HEAD and (
                tok[1] in LEVEL_CHARS or tag in (None, "nr", "nrt") or tag == "ns" and tok[0] in "以在由对向为"):
            start = tok_start + 1  # jieba joined a preposition to the name: 和县…, 以桐…
            break
        if tok in ("和", "与") and (not complete or tok == "与" and field_word(tokens[i + 1])) and i > 0 \
                and segment.tag(tokens[i - 1]) in ("n", "vn", "nz", "l", "i") and not _ends_with_any(tokens[i - 1], w.suffixes):
            pos, start = tok_start, tok_start  # 文化和旅游局, 茶与茶叶某省…中心: a conjunction inside one name
            continue
        if tag == "m" and re.fullmatch(r"第[一二三四五六七八九十百]+届?", tok) or tag == "t" and ERA.fullmatch(tok) \
                or tag == "f" and split_name_before(text, pos):  # 国家某下…中心: a lone place and 下 (tag f)
            tag = "nz"  # 第十四届人民代表大会, 第一机械工业部; 唐宋某城遗址博物馆: an ordinal or an era opens the name
        if tok in REGIONS and not complete:
            pos, start = tok_start, tok_start  # 西部人才交流服务中心: a region opens the name
            continue
        if tok in stops or tok in verbs or (tag in NAME_BREAK_TAGS and tag not in ("v", "vn")) \
                or end - tok_start > MAX_NAME:
            break
        if tag in ("v", "vn") and complete:
            break
        if tok in ("(", ")", "（", "）") and i == 0:
            break
        pos, start = tok_start, tok_start
        complete = complete or tag in ("nt", "ns") or bool(re.match(LEVELS, tok))
    return start if start < suffix_start or text[start:end] in not_names else None


def _place_prefix(text: str, start: int) -> int:
    """Extend a bare body (市委, 人民政府) left over a place name or 中共 right before it."""
    lo = start - 12 if start >= 12 else 0
    head = CUT.split(text[lo:start])[-1]
    if not head:
        return start
    tokens = segment.words(head)
    pos = start
    for tok in reversed(tokens):
        if tok == "中共" or segment.tag(tok) == "ns" or re.fullmatch(rf"[{CJK}]{{1,6}}(?:省|市|自治区|区|县|自治州|州|旗|镇|乡|街道)", tok):
            pos -= len(tok)
        else:
            break
    return pos


def _ends_word(text: str, start: int, end: int) -> bool:
    """True when jieba puts a word boundary at ``end`` (司法部 is no body inside 司法部门)."""
    ahead = text[end:end + 3]
    if ahead.startswith(POSTS):
        return True  # 镇党委书记 names the body 镇党委
    if re.match(r"人大(?=代表)|政协(?=委员)", text[end - 2:end + 2]):
        return True  # 县人大代表建议, 县政协委员提案 name the bodies
    if not ahead or CUT.match(ahead[0]):
        return True
    total = 0
    for tok in segment.words(text[start:end] + ahead):
        total += len(tok)
        if total >= end - start:
            return total == end - start
    return True


def _quoted(text: str, s: int, e: int) -> bool:
    return s > 0 and e < len(text) and text[s - 1] in "“\"‘「" and text[e] in "”\"’」"


def find_in_text(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) of the organisations named in ``text``, longest spans first-come.

    Traditional script is read folded to simplified (技術幹部 is 技术干部, no 部), and
    each name is given as written.
    """
    folded = fold_same_length(text)
    found = _find(folded)
    if folded is text:
        return found
    return [(s, e, text[s:e].strip("()（）"), kind) for s, e, _, kind in found]


def _conjoined_start(text: str, s: int, e: int) -> int:
    """Start of the last whole body in a span that joins a clause to it (国务院决策部署和自治区党委)."""
    for m in re.finditer(r"[和与及]", text[s:e]):
        right = s + m.end()
        tail = text[right:e]
        if _suffix_len(text[s:s + m.start()]) >= 2 or text[s:s + m.start()].endswith("代表大会"):
            return right  # 社员代表大会和社务委员会: two bodies listed, the last one kept
        if LEVEL_BODY.fullmatch(re.sub(r"^自治[区州县]", "区", tail)) or tail in _named()[1] or tail in BARE_TAILS:
            return right
    return s


def _find(text: str) -> list[tuple[int, int, str, str]]:
    cands: list[tuple[int, int]] = []
    suffix_re, _ = _suffixes()
    not_names = _words().not_names
    for s, e in lexicon.starts(suffix_re, text):
        left = _left_edge(text, s, e)
        if left is not None:
            cands.append((left, e))
    for rx in (LEVEL_BODY, _named()[0]):   # not 全省政府(债务): the governments of all a province's levels
        for m in rx.finditer(text):
            if _ends_word(text, m.start(), m.end()) and not (rx is LEVEL_BODY and text[m.start() - 1:m.start()] == "全"):
                begin = m.start() - 2 if text[max(0, m.start() - 2):m.start()] == "自治" else m.start()
                cands.append((_place_prefix(text, begin), m.end()))  # 自治区人大, not 区人大
    # Keep the longest of overlapping spans (县委 inside 县委政法委员会).
    cands.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        s = _dash_joined_start(text, _conjoined_start(text, s, e))
        s += clause_cut(text[s:e], lambda rest: _plausible(rest, not_names))
        graded = grade_prefix(text[s:e])  # 国家级河东省…中心: the grade is no part of the name
        s += graded
        name = text[s:e].strip("()（）")
        if not _plausible(name, not_names) or _quoted(text, s, e) or group_before(text, s) or opens_with_clause(name) \
                or not_a_body_here(text, s, e):
            continue
        if several_levels(text, s, name) or place_and_plural_head(name):
            continue  # 市县政府, 县和乡政府; 上海市学校: bodies of a kind, not one
        kind = kind_of(name)
        if not is_named_body(name, kind, _suffix_len(name)) or INTO_TITLE.match(text[e:e + 4]):
            continue
        if not graded and _lone_start(text, s, name):
            continue  # 惠养老服务部 of 普惠养老服务部: cut inside a word, whatever the kind
        if COUNTED.search(text[max(0, s - 8):s]) and not LEVEL_UNITS.match(name):
            continue  # 撤销了5个行业管理局, 建成5个…中心: several units of a kind
        if kind in CATEGORY_PRONE and (not graded and (_starts_inside_word(text, s, e) or _runs_on_from_left(text, s)
                                                       or place_centre_after_verb(text, s, name))
                                       or kind_in_context(text, s, e) or cut_at_start(text, s, name)
                                       or split_name_before(text, s)):
            continue
        many = MANY_LEVELS.match(name)
        first = segment.words(name)[0] if many else ""
        if many and len(first) >= 2 and (first.startswith(many.group()[:2]) or many.group().startswith(first)):
            continue  # 市县人民政府, 乡镇党委, but not 县市场监管局 (县 | 市场)
        taken.append((s, e))
        out.append((s, e, name, kind))
    out.sort()
    return out


def _dash_joined_start(text: str, start: int) -> int:
    """Extend a name over a place joined to it by a dash (中国—东盟…中心): the part after
    the dash alone is the name cut short."""
    if start < 2 or text[start - 1] not in "—－-":
        return start
    head = CUT.split(text[max(0, start - 9):start - 1])[-1]
    prev = segment.words(head)[-1] if head else ""
    return start - 1 - len(prev) if prev and segment.tag(prev) in ("ns", "nt", "j") else start


def _plausible(name: str, not_names: frozenset[str]) -> bool:
    if "各级" in name or len(name) < 2 or name in not_names or VAGUE_START.match(name) and name not in _named()[1]:
        return False
    if name.count("(") != name.count(")"):
        return False
    if re.search(r"\d|第[一二三四五六七八九十百]+次", name):
        return False
    if re.search(r"[和与及][部局厅委办所站院馆]$", name) or re.search(r"(?:资产|无产|地主)阶级", name) \
            or name[-2:] in _words().foreign and name[-1] in "局部厅所站馆院":  # 靠创新破局
        return False  # 建设和部(省合建): a one-character suffix after 和 opens a word; class metaphors
    if re.fullmatch(LEVELS + "中心", name):
        return False  # 街道中心工作: the central task of the 街道, no centre
    named = _named()[1]
    if name in named or LEVEL_BODY.fullmatch(name):
        return True
    core = name[: len(name) - _suffix_len(name)]
    return len(core) >= 2 or bool(re.match(LEVELS, core))


def _suffix_len(name: str) -> int:
    """Length of the longest unit suffix ending ``name`` (0 when none)."""
    suffixes = _suffixes()[1]
    return max((n for n in range(1, min(len(name), 12) + 1) if name[-n:] in suffixes), default=0)


def _starts_inside_word(text: str, start: int, end: int) -> bool:
    """True when the name's first characters end a dictionary word begun before it
    (惠性幼儿园 of 普惠性幼儿园, 式联运枢纽中心 of 多式联运枢纽中心): a name cut short."""
    if start == 0 or CUT.match(text[start - 1]) or text[start - 1] in PREPOSITION_HEAD:
        return False
    freq = segment.tokenizer().FREQ
    for back in (1, 2):
        for ahead in (1, 2, 3):
            if start - back < 0 or start + ahead > end:
                continue
            word = text[start - back:start + ahead]
            if freq.get(word) and segment.tag(word) not in ("p", "v", "c", "d", "r", "m"):
                return True
    return False


def _lone_start(text: str, start: int, name: str) -> bool:
    """True when a name opens with a lone character (no place, no level) right after another
    lone character of the same phrase: jieba found no word across them, so the name is cut."""
    first = segment.words(name)[0]
    if len(first) != 1 or first in LEVEL_CHARS or segment.tag(first) in ("ns", "j", "nt"):
        return False
    head = CUT.split(text[max(0, start - 6):start])[-1]
    prev = segment.words(head)[-1] if head else ""
    return len(prev) == 1 and prev not in PREPOSITION_HEAD and segment.tag(prev) not in LONE_FUNCTION_TAGS


LONE_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "v", "d", "r", "m", "q", "f", "t"})
FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "v", "d", "r", "m", "q", "f", "t", "vn", "ad"})


def _runs_on_from_left(text: str, start: int) -> bool:
    """True when the word right before an institution's name is a noun or an odd single
    character of the same phrase (技术转移郑州中心, 算力调度中心): the name was cut short."""
    lo = max(0, start - 8)
    head = CUT.split(text[lo:start])[-1]
    if not head:
        return False
    prev = segment.words(head)[-1]
    w = _words()
    if prev in w.stops or prev in w.verbs or prev in "的和与及是" or re.fullmatch(LEVELS, prev):
        return False
    tag = segment.tag(prev)
    if len(prev) == 1:
        return tag not in ("p", "c", "u", "uj", "d", "r", "m", "q", "f", "zg")
    return tag not in FUNCTION_TAGS
