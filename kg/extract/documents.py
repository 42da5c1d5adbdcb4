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

from kg import lexicon
from kg.document_kinds import after_work_cue, document_kind
from kg.extract.doc_aliases import is_bare

TITLE = re.compile(r"《([^《》\n]{2,80})》")
# “十四五”规划 names a plan; “1+X”规划体系 a system of plans, no one document.
PLAN_AFTER_QUOTE = re.compile(r"[“「]([^“”「」\n]{2,12})[”」]((?:普法)?(?:发展)?规划)(?!体系)")


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
            # 《建议》 stands for the full title the report gives; a passage without one keeps it as written
            title = (aliases or {}).get(offset + m.start()) or title
        out.append((m.start(), m.end(), title, action_before(text, m.start(), m.end())))
    for m in PLAN_AFTER_QUOTE.finditer(text):
        if m.group(2).startswith("普法") and m.group(1) + "普法" in _campaigns():
            continue  # “七五”普法规划 is the 七五普法 campaign (a programme), not a plan document
        out.append((m.start(), m.end(), m.group(1) + m.group(2), action_before(text, m.start(), m.end())))
    quoted = [(m.start(), m.end()) for m in re.finditer(r"[“「][^”」]{0,40}[”」]", text)]
    for m in _laws().finditer(text):
        if any(s <= m.start() < e for s, e in taken + quoted):
            continue
        out.append((m.start(), m.end(), m.group(), action_before(text, m.start(), m.end())))
    return out
