"""Province-level units by their full and short names (kg/lexicon/provinces.tsv), so a
report's jurisdiction is a real place: 自治区 alone names none of the five regions.

>>> province_of("广西"), province_of("内蒙古自治区"), province_of("自治区")
('广西壮族自治区', '内蒙古自治区', None)
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon

# Words that name a level of government, not a place: a jurisdiction is never one of these.
BARE_LEVEL = re.compile(r"^(?:全?[省市区县州旗盟镇乡村]|自治区|自治州|自治县|新区|特别行政区|街道|本[省市区县])$")


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in lexicon.table("provinces.tsv"):
        for name in row:
            names[name] = row[0]
    return names


def province_of(name: str) -> str | None:
    """The full name of the province-level unit ``name`` is, or None."""
    return _provinces().get(name)


def is_place(name: str | None) -> bool:
    """False for a bare level word (自治区, 省, 市) that names no particular place."""
    return bool(name) and not BARE_LEVEL.match(name or "")


def province_in(text: str) -> str | None:
    """The first province-level unit named in ``text`` (full name), or None."""
    names = _provinces()
    best = None
    for name in names:
        at = text.find(name)
        if at >= 0 and (best is None or (at, -len(name)) < (best[0], -len(best[1]))):
            best = (at, name)
    return names[best[1]] if best else None
