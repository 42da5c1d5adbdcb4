"""Is an item of a shortcomings or plans section really a problem, or a plan?

Sections and paragraphs give items a role by position; some items do not fit it:
a review paragraph opened by a neutral cue lists achievements, a difficulties paragraph
opens with an umbrella sentence (“困难和问题还不少”), a tasks section explains its targets or
reads the situation. The cues are kg/lexicon/item_cues.tsv.

>>> admits_shortcoming("经济规模稳步扩大")
False
>>> admits_shortcoming("有效需求不足,部分企业生产经营困难")
True
>>> admits_shortcoming("经济社会发展中还存在不少困难和问题")
False
>>> is_plan("经济增速预期目标的设定,主要考虑稳就业的需要")
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon

MIN_SPECIFIC = 4  # characters an umbrella sentence leaves once its generic words are gone


@lru_cache(maxsize=1)
def _cues() -> dict[tuple[str, str], re.Pattern[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for row in lexicon.table("item_cues.tsv"):
        if len(row) >= 3:
            found.setdefault((row[0], row[1]), []).append(f"(?:{row[2]})")
    return {key: re.compile("|".join(parts)) for key, parts in found.items()}


def _cue(role: str, kind: str) -> re.Pattern[str]:
    return _cues().get((role, kind), re.compile(r"(?!)"))


def admits_shortcoming(label: str) -> bool:
    """A problem item names a shortcoming, difficulty or risk, and more than an umbrella of them."""
    if not _cue("shortcomings", "admits").search(label) or _cue("shortcomings", "not").search(label):
        return False
    if _cue("shortcomings", "resolved").search(label) and not _cue("shortcomings", "remains").search(label):
        return False
    return len(_cue("shortcomings", "generic").sub("", label)) >= MIN_SPECIFIC


def is_plan(label: str) -> bool:
    """A plan item is a task or target, not situation analysis, an explanation or rhetoric."""
    return not _cue("plans", "not").search(label)
