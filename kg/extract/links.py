"""Responsible units, from what a sentence says: 以X为试点, X牵头, 由X负责/组织,
X(在…)(分别)挂牌成立Y, X组织开展Y. Never a blanket default.

Spans are sentence-relative (start, end, entity key); the caller supplies the
organisations and programmes found in the sentence.
"""
from __future__ import annotations

import re

Span = tuple[int, int, str]

PILOT = re.compile(r"以(?P<org>[^,，。;；]{2,30}?)为(?:试点|示范点|试点单位)")
LEAD_BY = re.compile(r"由(?P<org>[^,，。;；]{2,30}?)(?:牵头|负责|组织|承办|主办|具体实施)")
LOCUS = re.compile(r"在(?P<orgs>[^,，。;；在]{2,40}?)(?:率先|试点|先行)?(?:实施|开展|推行|试行|探索|试点)")
FOUNDED = re.compile(r"(?:分别)?(?:挂牌)?(?:成立|设立|组建)")


def _org_at(orgs: list[Span], start: int, end: int) -> list[Span]:
    return [o for o in orgs if start <= o[0] and o[1] <= end]


def _nearest(targets: list[Span], pos: int, before_only: bool = False) -> Span | None:
    cands = [t for t in targets if (t[1] <= pos if before_only else True)]
    if not cands:
        return None
    return min(cands, key=lambda t: abs((t[0] + t[1]) / 2 - pos))


def find_links(text: str, orgs: list[Span], subjects: list[Span]) -> list[tuple[str, str, str]]:
    """(subject key, unit key, role) pairs stated in one sentence."""
    out: list[tuple[str, str, str]] = []
    for m in PILOT.finditer(text):
        units = _org_at(orgs, m.start("org"), m.end("org"))
        outside = [s for s in subjects if s[1] <= m.start() or s[0] >= m.end()]
        subj = _nearest(outside, m.start(), before_only=True) or _nearest(
            [s for s in outside if s[0] >= m.end() and s not in orgs], m.end())
        for u in units:
            if subj:
                out.append((subj[2], u[2], "pilot"))
    for m in LEAD_BY.finditer(text):
        units = _org_at(orgs, m.start("org"), m.end("org"))
        clause_end = min([i for i in (text.find(c, m.end()) for c in "。;；") if i >= 0] or [len(text)])
        clause_start = max(text.rfind(c, 0, m.start()) for c in "。;；,，") + 1
        in_clause = [s for s in subjects if clause_start <= s[0] < clause_end]
        for u in units:
            for s in in_clause[:1]:
                role = "organiser" if "组织" in m.group() else "lead"
                out.append((s[2], u[2], role))
    for m in re.finditer(r"牵头", text):
        before = [o for o in orgs if o[1] == m.start()]
        clause_end = min([i for i in (text.find(c, m.end()) for c in "。;；") if i >= 0] or [len(text)])
        after = [s for s in subjects if m.end() <= s[0] < clause_end]
        for u in before:
            for s in after[:1]:
                out.append((s[2], u[2], "lead"))
    for m in FOUNDED.finditer(text):
        if not m.group().endswith(("成立", "设立", "组建")):
            continue
        clause_start = max(text.rfind(c, 0, m.start()) for c in "。;；,，") + 1
        clause_end = min([i for i in (text.find(c, m.end()) for c in "。;；,，") if i >= 0] or [len(text)])
        founders = _leading_list(text, [o for o in orgs if clause_start <= o[0] and o[1] <= m.start()], clause_start)
        created = sorted({o for o in orgs + subjects if m.end() <= o[0] < clause_end})
        created = _leading_list(text, created, m.end())
        if not founders or not created:
            continue
        if "分别" in m.group() and len(founders) == len(created):
            out.extend((c[2], f[2], "founder") for f, c in zip(founders, created))
        elif len(founders) == 1:
            out.extend((c[2], founders[0][2], "founder") for c in created)
    for m in LOCUS.finditer(text):
        units = _leading_list(text, [o for o in orgs if m.start("orgs") <= o[0] and o[1] <= m.end("orgs")], m.start("orgs"))
        clause_end = min([i for i in (text.find(c, m.end()) for c in "。;；,，") if i >= 0] or [len(text)])
        targets = [p for p in subjects if m.end() <= p[0] < clause_end and p not in orgs]
        for u in units:
            for p in targets[:1]:
                out.append((p[2], u[2], "pilot"))
    for m in re.finditer(r"组织开展", text):
        before = [o for o in orgs if o[1] == m.start()]
        after = [s for s in subjects if m.end() <= s[0] <= m.end() + 1]
        for u in before:
            for s in after:
                out.append((s[2], u[2], "organiser"))
    return list(dict.fromkeys(out))


def _leading_list(text: str, spans: list[Span], start: int) -> list[Span]:
    """Spans that form a list ("A、B和C") from ``start``: the first at the clause start, the rest joined by 、/和/及."""
    spans = sorted(spans)
    out: list[Span] = []
    pos = start
    for s in spans:
        gap = text[pos:s[0]]
        if out and not re.fullmatch(r"[、和及与]", gap):
            break
        if not out and len(gap) > 0 and not re.fullmatch(r"[、和及与]?", gap):
            break
        out.append(s)
        pos = s[1]
    return out
