"""Who issued a report and for which place: org lines above the title, the title's
own prefix, the signature at the end, or the subject of the opening sentence."""
from __future__ import annotations

import re

from kg.extract.jurisdiction import is_place, province_in, province_of
from kg.extract.organisations import LEVEL_BODY, find_in_text, kind_of
from kg.identity import national_bodies
from kg.records import Report

PLACE = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|新区|省|市|州|盟|县|旗|区|镇|乡|街道))")
TITLE_PLACE = re.compile(r"^(?:(?:19|20)\d\d年度?)?(?P<place>[\u4e00-\u9fff]{2,10}?(?:省|市|县|区|自治区|州|旗|镇|乡|街道))(?:人民政府)?(?:关于)?(?:(?:19|20)\d\d|法治|(?:人民)?政府工作)")


def _org_line(line: str) -> list[str]:
    """The bodies on a line that holds nothing else (a letterhead or a signature)."""
    line = line.strip()
    if not line or len(line) > 60 or re.search(r"[。,，;；:：]", line):
        return []
    found = find_in_text(line)
    rest = line
    for _, _, name, _ in found:
        rest = rest.replace(name, "", 1)
    if re.sub(r"[\s、和及(（)）]", "", rest):
        return []
    return [name for _, _, name, _ in found]


def find_publishers(report: Report, title_line: int = -1) -> list[str]:
    """Who issued the report, from the first evidence found, in this order:
    the lines above the title, the speaker (我代表…向大会报告), the title's place,
    the closing lines, the opening sentence (2023年,某某局…)."""
    lines = [ln for ln in report.text.split("\n") if ln.strip()]
    for finder in (lambda: _above_title(lines[:8], report.title), lambda: _speaker(report.text),
                   lambda: _title_place(report.title), lambda: [n for ln in lines[-6:] for n in _org_line(ln)],
                   lambda: _opening_subject(report)):
        pubs = finder()
        if pubs:
            return list(dict.fromkeys(pubs))
    return []


def _above_title(head: list[str], title: str | None) -> list[str]:
    pubs: list[str] = []
    for ln in head:
        if title and ln.strip() in title:
            break
        pubs += _org_line(ln)
    return pubs


def _speaker(text: str) -> list[str]:
    """A report read to a congress: "现在,我代表国务院,向大会报告政府工作"."""
    speaker = re.search(r"我代表([^,，。、]{2,20}?)[,，]?向", text[:1500])
    return [n for _, _, n, _ in find_in_text(speaker.group(1))][:1] if speaker else []


def _title_place(title: str | None) -> list[str]:
    m = (re.match(r"^(?P<place>.{2,20}?)(?:关于)?(?:19|20)\d\d年", title) or TITLE_PLACE.match(title)) if title else None
    if not m:
        return []
    cand = m.group("place")
    orgs = [n for _, _, n, _ in find_in_text(cand)]
    if not (orgs and orgs[-1] == cand or PLACE.fullmatch(cand)):
        return []
    # "某省政府工作报告": the title names the government, not only its place; a place is no publisher
    gov = re.match(r"(?:人民)?政府", title[m.end("place"):]) if title else None
    return [cand + gov.group(0)] if gov and not orgs else [cand]


def _opening_subject(report: Report) -> list[str]:
    """The bodies an opening sentence names first: "2023年,县司法局和县法院…" or a bare 街道/镇."""
    first = next((s.text for s in report.sentences[:6] if re.match(r"^\s*(?:(?:19|20)\d\d年度?[,，]|本年度)", s.text)), "")
    m = re.match(r"^\s*(?:(?:19|20)\d\d年度?[,，]|本年度)\s*(?:本年度)?", first)
    if not m:
        return []
    rest = first[m.end():]
    pubs: list[str] = []
    for s, _e, name, _ in find_in_text(rest[:40]):
        if s > 0 and not re.fullmatch(r"[、和及与]", rest[s - 1]) or s > 20:
            break
        pubs.append(name)
    if not pubs:
        p = re.match(r"([\u4e00-\u9fff]{2,8}(?:街道|镇|乡))(?=[\u4e00-\u9fff]{2})", rest)
        if p and kind_of(p.group(1)) == "other":
            pubs.append(p.group(1))
    return pubs


def find_place(report: Report, publishers: list[str]) -> str | None:
    """The jurisdiction: a publisher's name, the title, the corpus metadata, or the
    province-level unit the opening names; never a bare level word (自治区, 省).
    A province-level unit is given by its full name (广西 → 广西壮族自治区)."""
    if any(p in national_bodies() for p in publishers) or "国务院政府工作报告" in report.title:
        return "中国"
    found = _stated_place(report, publishers)
    if found is None and any(p.startswith(("自治区", "省")) for p in publishers):
        # a province-level government speaking of itself (自治区人民政府): its name is in the opening
        found = province_in((report.title or "") + "\n" + report.text[:300])
    return province_of(found) or found if found else None


def _stated_place(report: Report, publishers: list[str]) -> str | None:
    for pub in publishers:
        bare = LEVEL_BODY.fullmatch(pub)
        if bare:
            continue
        m = PLACE.match(pub)
        if m and len(m.group("place")) >= 2 and is_place(m.group("place")):
            return m.group("place")
    m = TITLE_PLACE.match(report.title or "")
    if m and is_place(m.group("place")):
        return m.group("place")
    prov = report.source.meta.get("province")
    return prov if is_place(prov) else None
