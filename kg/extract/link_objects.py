"""What a responsibility verb governs: the named programme, document, plan or body
right after it, or a name read off the clause when no extractor has found one
(编制…第九个五年计划, 成立国家某某研究院, 入选…集聚区试点).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg import lexicon, segment
from kg.extract import organisations

Span = tuple[int, int, str]

# What may stand between a verb and its object: aspect particles and measure words.
VERB_TAIL = re.compile(r"(?:[和并][\u4e00-\u9fff]{2}(?=了))?(?:了|出|好|起|过|的|一批|一系列|一项|一个)*")
NUMBERED = re.compile(r"[\d０-９一二三四五六七八九十百〇○零]|[“「]")
GENERIC = re.compile(r"^(?:工作|管理|相关|有关|各项|各类|一系列|系列|多项|这|该|此|本|其|新的|有关的)")
LIST_JOIN = re.compile(r"[、和及与]|以及")
MAX_GAP = 12          # characters between a verb and the start of its object


@dataclass(frozen=True)
class NewName:
    """A subject or unit the link rules name themselves: no other extractor found it."""

    start: int
    end: int
    label: str
    kind: str                     # "programme", "document", "organisation" or "place"
    aliases: tuple[str, ...] = ()
    org_kind: str | None = None


@cache
def heads(name: str) -> tuple[str, ...]:
    """Head words from a lexicon file, longest first."""
    return tuple(sorted(lexicon.words(name), key=len, reverse=True))


@lru_cache(maxsize=1)
def provinces() -> frozenset[str]:
    return frozenset(lexicon.words("link_places.txt"))


def skip_tail(text: str, pos: int, end: int) -> int:
    m = VERB_TAIL.match(text, pos, end)
    return m.end() if m else pos


def listed(text: str, spans: list[Span], first: Span, end: int) -> list[Span]:
    """``first`` and the spans listed right after it (A、B和C, “A”“B”)."""
    out = [first]
    for s in sorted(spans):
        if s[0] < out[-1][1] or s[1] > end:
            continue
        gap = text[out[-1][1]:s[0]]
        if gap == "" or LIST_JOIN.fullmatch(gap):
            out.append(s)
        else:
            break
    return out


def first_after(text: str, spans: list[Span], pos: int, end: int, stop: int | None = None) -> list[Span]:
    """The spans that open the text from ``pos`` (after particles), with the ones listed with them."""
    begin = skip_tail(text, pos, end)
    cands = sorted(s for s in spans if begin <= s[0] < min(end, begin + MAX_GAP) and s[1] <= end)
    if not cands or (stop is not None and cands[0][0] >= stop):
        return []
    return listed(text, spans, cands[0], end)


def _tail_alias(label: str) -> tuple[str, tuple[str, ...]]:
    """A name after its last 的 stands alone when it is itself named (…的第九个五年计划)."""
    if "的" not in label:
        return label, ()
    tail = label.rsplit("的", 1)[1]
    if len(tail) >= 4 and NUMBERED.search(tail):
        return tail, (label,)
    return label, (tail,) if len(tail) >= 4 else ()


def named_plan(text: str, pos: int, end: int) -> list[NewName]:
    """Plans written out after an issuer verb: …五年计划, 十年规划纲要, “十五五”规划纲要（草案）."""
    begin = skip_tail(text, pos, end)
    region = re.split(r"[《》]|[（(]以下", text[begin:end])[0]  # a title in 《》 is a document already
    rx = "|".join(map(re.escape, heads("link_plan_heads.txt")))
    last = None
    for m in re.finditer(rf"(?:{rx})(?:[（(]草案[）)]|草案)?", region):
        last = m
    if last is None:
        return []
    out: list[NewName] = []
    pos = begin
    phrase = region[:last.end()]
    # a list of plans (十年规划、五年计划和年度计划) gives each one
    parts = LIST_JOIN.split(phrase)
    if len(parts) > 1 and all(re.search(rf"(?:{rx})(?:[（(]草案[）)]|草案)?$", p) for p in parts):
        pieces = parts
    else:
        pieces = [phrase]
    for piece in pieces:
        at = text.find(piece, pos, begin + last.end())
        pos = at + len(piece)
        label, aliases = _tail_alias(piece)
        if len(label) < 4 or not NUMBERED.search(label) or GENERIC.match(label):
            continue
        out.append(NewName(at + len(piece) - len(label), at + len(piece), label, "document", aliases))
    return out


def named_programme(text: str, pos: int, end: int) -> NewName | None:
    """A programme named without quotes after an organiser verb: 国有资本授权经营制度, …的试点."""
    begin = skip_tail(text, pos, end)
    rx = "|".join(map(re.escape, heads("link_programme_heads.txt")))
    m = re.compile(rf"(?:{rx})(?:的?(?:{rx}))*").search(text, begin, end)
    if m is None:
        return None
    label = text[begin:m.end()]
    before = text[begin:m.start()]
    bare = re.sub(r"[“「][^”」]*[”」]", "“”", before)
    quoted = bare != before
    if len(before) < 3 or len(label) > 50 or GENERIC.match(label) or re.search(r"[，,、\d]", bare):
        return None
    if "的" in bare and not quoted:
        return None
    tail = label.rsplit("的", 1)[1] if "的" in bare else ""
    if len(tail) >= 6:  # 以“…”为目标的新一轮…计划: the name is what follows the modifier
        return NewName(m.end() - len(tail), m.end(), tail, "programme", (label,))
    return NewName(begin, m.end(), label, "programme")


def named_body(text: str, pos: int, end: int) -> NewName | None:
    """A body written out after a founder verb (成立国家某某研究院): a name ending in a unit suffix."""
    begin = skip_tail(text, pos, end)
    m = re.match(r"[\u4e00-\u9fff]{2,16}", text[begin:end])
    if not m:
        return None
    word = m.group()
    for cut in range(len(word), 2, -1):
        name = word[:cut]
        kind = organisations.kind_of(name)
        if kind == "other" and name.endswith(heads("link_body_heads.txt")) and len(name) >= 4:
            kind = "institution"
        if kind != "other" and not GENERIC.match(name):
            return NewName(begin, begin + cut, name, "organisation", org_kind=kind)
    return None


def places(text: str, start: int, end: int) -> list[NewName]:
    """Named places standing as pilot units (某省, 甲市—乙市, 甲县、乙县), one per listed place: places,
    not bodies (a city is where a pilot runs, whoever runs it), so they are minted as places."""
    name = text[start:end].strip()
    at = text.find(name, start)
    items: list[NewName] = []
    for m in re.finditer(r"[^、和]+", name):
        one = _place(m.group())
        if one is None:
            return []  # a list with something that is not a place (3家企业、…) names no place
        items.append(NewName(at + m.start(), at + m.end(), one, "place"))
    return items


def _place(name: str) -> str | None:
    parts = re.split(r"[—\-–]", name)  # 甲市—乙市: two cities designated together
    if not all(re.fullmatch(r"[\u4e00-\u9fff]{2,8}", p) for p in parts):
        return None
    if any(re.search(r"项目|企业|学校|单位|部门|之一|等|个|家", p) for p in parts):
        return None
    # a province, a name with an area suffix (…市, …高新区, …产业园), or a word jieba knows as a place
    placey = all(p in provinces() or p[-1] in "省市县区州盟旗镇乡村园" or segment.tag(p) == "ns" for p in parts) \
        or (len(parts) > 1 and all(len(p) == 2 for p in parts))
    return name if placey else None
