"""Short titles that stand for a document named in full elsewhere in the report.

Reports name a document once in full and then cite it by its kind word alone:
《建议》, 《纲要(草案)》, 《实施办法》, often after “(以下简称《纲要草案》)”. Such a
title names no document of its own; read alone it would be one node shared by every
report's proposals. It is resolved to the full title the report defines for it, else to
the nearest full title before it that ends with the same kind word; a text that names
none (a passage, a report citing its province's 《实施办法》 only) keeps it as written.

>>> text = "根据《某省发展规划的建议》(以下简称《建议》),编制了《某省规划纲要(草案)》。《建议》提出……"
>>> amap = alias_map(text)
>>> [amap[p] for p in sorted(amap)]
['某省发展规划的建议', '某省发展规划的建议']
>>> is_bare("纲要(草案)"), is_bare("实施办法"), is_bare("公务员法"), is_bare("十四五规划")
(True, True, False, False)
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.document_kinds import document_kind, title_core

# A full title may be broken over lines inside its brackets (《\n…的建议\n》): read across them.
TITLE = re.compile(r"《\s*([^《》]{2,80}?)\s*》")
# “(以下简称《X》)” right after a full title defines X as its short form.
DEFINED = re.compile(r"《([^《》\n]{2,80})》\s*[(（]\s*(?:以下|下文)?简称\s*《([^《》\n]{1,20})》")
# Words that may stand before a kind word without naming anything (实施办法, 规划纲要, 工作方案).
GENERIC = ("实施", "规划", "工作", "总体", "行动", "专项", "若干", "配套", "有关", "相关", "该", "本", "")
# Kind words a bare title may end with, longest first; read from the kind of the title.
KIND_WORD = re.compile(r"(?:法|条例|规定|办法|细则|规则|准则|规划|纲要|计划|方案|要点|意见|通知|决定|决议|措施|建议|报告|纲领)$")


def is_bare(title: str) -> bool:
    """A title that is nothing but a kind word, perhaps after a generic word (建议, 实施办法, 纲要草案)."""
    core = title_core(title)
    if document_kind(title) is None:
        return False
    m = KIND_WORD.search(core)
    if not m:
        return False
    head = core[: m.start()]
    # 规划纲要 and 行动计划: the head may itself be a generic word or a second kind word
    return head in GENERIC or bool(KIND_WORD.fullmatch(head))


def _kind_word(title: str) -> str:
    m = KIND_WORD.search(title_core(title))
    return m.group() if m else ""


@lru_cache(maxsize=4)
def alias_map(text: str) -> dict[int, str | None]:
    """Position of each bare 《…》 in ``text`` → the full title it stands for (None: unresolved)."""
    defined: dict[str, str] = {}
    for m in DEFINED.finditer(text):
        if not is_bare(m.group(1)):
            defined[m.group(2).strip()] = m.group(1).strip()
    titles = [(m.start(), re.sub(r"\s+", "", m.group(1))) for m in TITLE.finditer(text)]
    full = [(at, t) for at, t in titles if not is_bare(t) and document_kind(t) is not None]
    out: dict[int, str | None] = {}
    for at, title in titles:
        if not is_bare(title):
            continue
        if title in defined:
            out[at] = defined[title]
            continue
        # the nearest full title of the same kind before it, else the first one after it
        word = _kind_word(title)
        same = [(a, t) for a, t in full if _kind_word(t) == word]
        before = [t for a, t in same if a < at]
        out[at] = before[-1] if before else next((t for a, t in same if a > at), None)
    return out
