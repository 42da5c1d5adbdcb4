"""What kind of document a title names (law, regulation, plan, policy, treaty), read
from how the title ends; ``None`` for a title that names no document (a film, song,
book or paper, which reports cite in 《》 too).

>>> document_kind("中华人民共和国行政许可法"), document_kind("优化营商环境条例")
('law', 'regulation')
>>> document_kind("长空之王") is None, document_kind("中国制造2025")
(True, 'plan')
>>> is_own_plan("十六五规划"), is_own_plan("某某省国民经济和社会发展第十六个五年规划纲要(草案)")
(True, False)
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon

# Trailing status marks a title may carry after its kind word: 纲要(草案), 办法(试行).
STATUS = re.compile(r"(?:[(（](?:草案|试行|暂行|修订|修正|征求意见稿|送审稿|[\d\s—\-–－~～至年度]+)[)）]|草案|修正案)$")
# A dated programme name is a plan (中国制造2025); a numbered list of measures is a policy (稳增长二十条).
DATED_PLAN = re.compile(r"[\u4e00-\u9fff]{2,}(?:19|20)\d\d$")
NUMBERED_MEASURES = re.compile(r"[\u4e00-\u9fff]*[一二三四五六七八九十百零〇两\d]+条(?:措施|意见)?$")
OPEN_LETTER = re.compile(r"^告.{2,12}书$")
# Every government has a development plan, an annual plan, a party committee's proposal for the plan
# and a work report named the same way: a title that starts with the plan itself (no place, no
# issuer) is the citing jurisdiction's own document, not one shared with every other jurisdiction.
_CN_NUMBER = "[一二三四五六七八九十]"
OWN_PLAN = re.compile(
    rf"(?:关于制定)?(?:“?十{_CN_NUMBER}五”?|第{_CN_NUMBER}+个五年|(?:发展)?国民经济|(?:\d{{4}}|[一二三四五六七八九〇零]{{4}})年)"
    r".*(?:规划|计划|纲要|建议)"
    r"|建议|纲要|规划纲要|(?:政府)?工作报告")


@lru_cache(maxsize=1)
def _endings() -> tuple[dict[str, str], int]:
    kinds = lexicon.mapping("doc_kinds.tsv")
    return kinds, max(map(len, kinds))


@lru_cache(maxsize=1)
def work_cues() -> frozenset[str]:
    """Genre words (电影, 歌曲 …) that mark the next 《…》 as a work of culture."""
    return frozenset(lexicon.words("doc_work_cues.txt"))


def title_core(title: str) -> str:
    """``title`` without its trailing status marks: 纲要(2030—2035年)(草案) → 纲要."""
    core = title.strip()
    while STATUS.search(core):  # read past every trailing mark
        core = STATUS.sub("", core).rstrip()
    return core


def is_own_plan(title: str) -> bool:
    """True for a plan, proposal or work report whose title names no place or issuer (十X五规划,
    国民经济和社会发展第X个五年规划纲要, 建议): each jurisdiction that cites one means its own."""
    return OWN_PLAN.fullmatch(title_core(title)) is not None


def document_kind(title: str) -> str | None:
    """The kind of document ``title`` names, or None when it names none."""
    core = title_core(title)
    kinds, longest = _endings()
    for n in range(min(longest, len(core)), 0, -1):
        if core[-n:] in kinds:
            return kinds[core[-n:]]
    if NUMBERED_MEASURES.fullmatch(core):
        return "policy"
    if DATED_PLAN.fullmatch(core):
        return "plan"
    if OPEN_LETTER.match(core):
        return "policy"
    return None


def after_work_cue(text: str, start: int) -> bool:
    """True when a genre word (电影, 歌曲 …) stands right before position ``start``."""
    head = text[max(0, start - 6):start].rstrip("“”\"、 ")
    return any(head.endswith(cue) for cue in work_cues())
