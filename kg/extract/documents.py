"""Documents: titles in 《》 (the brackets dropped) that end like a document (法, 条例,
规划, 意见, 协定 …, see kg/document_kinds.py), and laws named without them,
with the action the sentence takes on them (印发, 制定, 废止 …). Works of culture in
《》 (电影《…》, a title with no document ending) are left out.

>>> from kg.extract.documents import find_documents
>>> [(t, a) for _, _, t, a in find_documents("印发《关于加强执法的通知》,学习宪法")]
[('关于加强执法的通知', '印发'), ('宪法', '学习')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon, segment
from kg.document_kinds import after_work_cue, document_kind
from kg.extract.doc_aliases import is_bare

TITLE = re.compile(r"《([^《》\n]{2,80})》")
# “十四五”规划 names a plan; “1+X”规划体系 a system of plans, no one document.
_QUOTED_NAME = r"[“「]([^“”「」\n]{2,12})[”」]"
PLAN_AFTER_QUOTE = re.compile(_QUOTED_NAME + r"((?:普法)?(?:发展)?规划)(?!体系)")
PLAN_BEFORE_TITLE = re.compile(_QUOTED_NAME + r"((?:发展)?(?:规划|计划))$")   # …“十五五”规划《建议》


@lru_cache(maxsize=1)
def _laws() -> re.Pattern[str]:
    alt = lexicon.alternation("law_names.txt")   # the longest name at a position
    # A law stands alone: not inside a longer word (宪法学习制度 names no law), but in lists and after verbs.
    return re.compile(r"(?:(?<![\u4e00-\u9fff《])|(?<=[学习宣传贯彻实施遵守践行和及与]))(?:" + alt + r")"
                      r"(?=[等和及与的、,，。;；:：\s]|$)")


@lru_cache(maxsize=1)
def _campaigns() -> frozenset[str]:
    """Programmes named without quotes (七五普法 …), from kg/lexicon/programmes.txt."""
    return frozenset(lexicon.words("programmes.txt"))


# 军队建设“十四五”规划, 交通运输“十四五”规划: nouns right before a quoted plan name say which plan
# it is, one of its own; a place, an organ or a scope (省委, 自治区, 全国) says whose, and the plan is
# that jurisdiction's own (kg/document_kinds.py)
QUALIFIER_TAGS = ("n", "nz", "nt", "nr", "vn", "j")
SCOPE_WORDS = ("国家", "全国", "中共", "中央", "党中央", "国务院", "我国")
NOT_QUALIFIERS = ("部分", "有关", "相关", "各项", "各类", "地方")   # 提前实施部分“十四五”规划…: which of its parts
SCOPE_ENDS = ("委", "省", "市", "区", "县", "州", "盟", "政府", "人大")


def plan_qualifier(text: str, start: int) -> str:
    """The nouns right before the quoted plan name at ``start`` that name another plan than the
    jurisdiction's own, or "".

    >>> plan_qualifier("抓好军队建设“十四五”规划执行", 6), plan_qualifier("根据省委“十五五”规划", 4)
    ('军队建设', '')
    """
    run = re.split(r"[^\u4e00-\u9fff]", text[max(0, start - 12):start])[-1]   # back to a mark or digit
    # 有序启动“十二五”规划…: a manner word and a verb that jieba tags as nouns are no qualifier
    cues = {*lexicon.words("doc_cues.txt"), *lexicon.words("indicator_predicate_adverbs.txt"), *NOT_QUALIFIERS}
    kept: list[str] = []
    for word in reversed(segment.words(run) if run else []):
        if (segment.tag(word) or "") not in QUALIFIER_TAGS or word in cues or word in SCOPE_WORDS \
                or word.endswith(SCOPE_ENDS) or segment.tag(word) == "ns":
            break
        kept.insert(0, word)
    if kept and segment.tag(kept[0]) == "vn":
        return ""   # 启动“十二五”规划: a verb jieba tags as a verbal noun; a qualifier opens with a noun (军队建设)
    return "".join(kept) if any(len(w) > 1 for w in kept) else ""


@lru_cache(maxsize=1)
def _actions() -> re.Pattern[str]:
    return re.compile(lexicon.alternation("doc_cues.txt"))


def action_before(text: str, start: int, end: int | None = None) -> str:
    """The nearest action verb in the clause before ``start`` (else right after ``end``); 引用 when none."""
    clause_start = max(text.rfind(c, 0, start) for c in ",，;；。:：") + 1
    found = list(_actions().finditer(text, clause_start, start))
    if found:
        return found[-1].group()
    pos = end if end is not None else start
    lead = re.match(r"(?:予以|进行|作出|做出|全面|正式)?", text[pos:])
    after = _actions().match(text, pos + (lead.end() if lead else 0))
    return after.group() if after else "引用"


def title_spans(text: str) -> list[tuple[int, int]]:
    """Every 《…》 span, document or not: names inside a title belong to the title."""
    return [(m.start(), m.end()) for m in TITLE.finditer(text)]


def find_documents(text: str, aliases: dict[int, str | None] | None = None,
                   offset: int = 0) -> list[tuple[int, int, str, str]]:
    """(start, end, title, action) for each document named in ``text``.

    ``aliases`` (from kg.extract.doc_aliases.alias_map over the whole report, ``text``
    starting at ``offset`` in it) turns a bare 《建议》 into the full title it stands for;
    without it, or when the report names no such title, the bare title is kept as written.
    """
    out = []
    taken: list[tuple[int, int]] = []
    for m in TITLE.finditer(text):
        title = m.group(1).strip()
        taken.append((m.start(), m.end()))
        if document_kind(title) is None or after_work_cue(text, m.start()):
            continue  # a film, song, book or paper: no document
        if is_bare(title):
            # 《建议》 stands for the full title the report gives; right after a quoted plan name it is
            # that plan's (“十五五”规划《建议》 → 十五五规划建议); otherwise it is kept as written
            plan = PLAN_BEFORE_TITLE.search(text, max(0, m.start() - 20), m.start())
            title = (aliases or {}).get(offset + m.start()) or (plan.group(1) + plan.group(2) + title if plan else title)
        out.append((m.start(), m.end(), title, action_before(text, m.start(), m.end())))
    for m in PLAN_AFTER_QUOTE.finditer(text):
        if m.group(2).startswith("普法") and m.group(1) + "普法" in _campaigns():
            continue  # “七五”普法规划 is the 七五普法 campaign (a programme), not a plan document
        qualifier = plan_qualifier(text, m.start())
        out.append((m.start() - len(qualifier), m.end(), qualifier + m.group(1) + m.group(2),
                    action_before(text, m.start() - len(qualifier), m.end())))
    quoted = [(m.start(), m.end()) for m in re.finditer(r"[“「][^”」]{0,40}[”」]", text)]
    for m in _laws().finditer(text):
        if any(s <= m.start() < e for s, e in taken + quoted):
            continue
        out.append((m.start(), m.end(), m.group(), action_before(text, m.start(), m.end())))
    return out
