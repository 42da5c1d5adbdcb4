"""Structure of a report: title, issuing bodies, year, numbered sections with roles, sentences.

Headings follow the genre's numbering (一、 / (一) / 1. / (1)); a section's role
comes from cue words in its heading (kg/lexicon/section_cues.tsv), and a
paragraph can take a role of its own from its opening words
(kg/lexicon/paragraph_cues.tsv), since full-length reports admit shortcomings
and set tasks in running text as often as under a heading.

>>> from kg.records import SourceText
>>> text = "2024年工作报告\\n一、主要成效\\n满意率98%。\\n二、存在的不足\\n(一)协同不够紧密。原因是……"
>>> r = structure(SourceText("x", text, text, list(range(len(text)))))
>>> [(s.level, s.heading, s.role) for s in r.sections]
[(1, '主要成效', 'measures'), (1, '存在的不足', 'shortcomings'), (2, '协同不够紧密', 'other')]
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg import lexicon
from kg.ingest.limits import DEFAULT as DEFAULT_LIMITS
from kg.records import Report, Section, SectionRole, Sentence, SourceText

CN_NUM = "一二三四五六七八九十"
# (level, pattern): the number is group 1, the rest of the line follows the match.
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*([{CN_NUM}]{{1,3}})\s*[、.．]\s*")),
    (2, re.compile(rf"^\s*[(（]([{CN_NUM}]{{1,3}})[)）]\s*[、.．]?\s*")),
    (3, re.compile(r"^\s*(\d{1,2})\s*[、.．](?!\d)\s*")),
    (4, re.compile(r"^\s*[(（](\d{1,2})[)）]\s*")),
    (4, re.compile(r"^\s*([①-⑳])\s*")),
)
HEADING_MAX = 60
APPENDIX = re.compile(r"\s*(?:附件\s*\d*|附录\s*\d*|名词解释|注释|注)\s*[:：]?\s*")  # a line of its own
BARE_HEADING_MAX = 20
REVIEW = "回顾"  # 工作回顾, ……的回顾: the report looks back, and what follows looks ahead
MAX_SENTENCE = DEFAULT_LIMITS.sentence_chars  # longer runs are cut (the corpora's longest sentence is 639)
_CLAUSE_BREAKS = "；;，,、：: "
MID_CUE_SPAN = 12  # a shortcomings cue this close to a sentence's start turns the rest of its paragraph
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)]?|\n")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
TITLE_CUES = ("报告", "情况", "工作总结", "年报")
ADDRESS_LINE = re.compile(r"[:：]\s*$")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without the newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


@cache   # read for every paragraph: built once from the (cached, immutable) table
def _role_cues(name: str) -> tuple[tuple[SectionRole, str], ...]:
    return tuple((row[0], row[1]) for row in lexicon.table(name) if len(row) == 2)  # type: ignore[misc]


def _cue_role(heading: str) -> SectionRole | None:
    """The role of the first cue in the heading (an explicit "other" included); None without a cue."""
    return next((role for role, cue in _role_cues("section_cues.tsv") if cue in heading), None)


def _names_year(heading: str, year: int | None) -> bool:
    return bool(year) and f"{year}年" in heading


def role_of_heading(heading: str, next_year: int | None = None) -> SectionRole:
    """The role a heading announces, from the cue table; "other" when none fits.

    A review comes first in its section, so 1998年工作回顾和1999年工作的总体要求 is a review;
    otherwise a heading about the coming year is a plan (2026年主要工作), whatever its words.
    """
    if REVIEW in heading:
        return "measures"
    cued = _cue_role(heading) or "other"
    if cued in ("measures", "other") and _names_year(heading, next_year):
        return "plans"
    return cued


def _plans_follow(found: list[Section], next_year: int | None) -> None:
    """Top-level sections with no cue of their own that follow a review or a plan section are plans.

    A government work report reviews the past year (一、2014年工作回顾), announces
    the coming one (二、2015年工作总体部署) and then sets out its tasks under
    headings that name no role (三、把改革开放扎实推向纵深). A cued heading (不足,
    其他需要报告的情况 …) ends the run.
    """
    following = False
    for sec in found:
        if sec.parent is not None:
            continue
        if _cue_role(sec.heading) is not None or _names_year(sec.heading, next_year):
            following = sec.role == "plans" or REVIEW in sec.heading
        elif following:
            sec.role, sec.follows = "plans", True


def role_of_paragraph(opening: str) -> SectionRole | None:
    """A role for a paragraph whose opening words announce one, else None."""
    for role, cue in _role_cues("paragraph_cues.tsv"):
        if role != "end" and cue in opening:  # type: ignore[comparison-overlap]
            return role
    return None


def paragraph_cue(sentence: str) -> tuple[int, int] | None:
    """Where the role cue stands in a paragraph's opening sentence."""
    for role, cue in _role_cues("paragraph_cues.tsv"):
        i = sentence.find(cue)
        if role != "end" and i >= 0:  # type: ignore[comparison-overlap]
            return i, i + len(cue)
    return None


def closes_paragraph(sentence: str) -> bool:
    """A sentence that turns from the list of shortcomings or tasks back to resolve ("我们一定……")."""
    return any(role == "end" and cue in sentence for role, cue in _role_cues("paragraph_cues.tsv"))  # type: ignore[comparison-overlap]


def _heading_at(text: str, start: int, end: int) -> tuple[int, str, int, int] | None:
    """(level, number, heading start, heading end) when the line opens with a number."""
    line = text[start:end]
    for level, pat in HEADING_PATTERNS:
        m = pat.match(line)
        if not m:
            continue
        body_start = start + m.end()
        rest = text[body_start:end]
        if not rest.strip():
            return None
        # The heading is the first sentence when the line goes on with a body.
        stop = re.search(r"[。！？;；:：]", rest)
        h_end = body_start + (stop.start() if stop else len(rest))
        if h_end - body_start > HEADING_MAX:
            comma = re.search(r"[,，]", rest)
            if not comma or comma.start() > HEADING_MAX:
                return None if level >= 3 else (level, m.group(1), body_start, body_start + HEADING_MAX)
            h_end = body_start + comma.start()
        return level, m.group(1), body_start, h_end
    return None


def _bare_heading(text: str, start: int, end: int) -> bool:
    """An unnumbered line that reads as a role heading: short, no punctuation, a cue word, not the title."""
    line = text[start:end].strip()
    if not 4 <= len(line) <= BARE_HEADING_MAX or re.search(r"[。，,；;：:！？!?、]", line) or "报告" in line:
        return False
    if len([ln for ln in text[:start].split("\n") if ln.strip()]) < 2:
        return False  # the title and the line under it
    return _cue_role(line) not in (None, "other")


def _ancestors(sections: list[Section], idx: int | None) -> Iterator[int]:
    while idx is not None:
        yield idx
        idx = sections[idx].parent


def find_sections(text: str, report_year: int | None) -> list[Section]:
    """Numbered sections with levels, parents and roles; a section runs to the next of its level or above."""
    found: list[Section] = []
    bare: list[Section] = []
    next_year = report_year + 1 if report_year else None
    for start, end in _lines(text):
        if found and APPENDIX.fullmatch(text, start, end):
            # 附件2 / 名词解释: what follows is an appendix, under none of the report's sections
            found.append(Section(index=len(found), level=0, number="", heading=text[start:end].strip(),
                                 start=start, end=len(text)))
            continue
        h = _heading_at(text, start, end)
        if not h:
            if _bare_heading(text, start, end):
                heading = text[start:end].strip()
                bare.append(Section(index=0, level=1, number="", heading=heading, start=start, end=len(text),
                                    role=role_of_heading(heading, next_year)))
            continue
        level, number, hs, he = h
        heading = text[hs:he].strip()
        found.append(Section(index=len(found), level=level, number=number, heading=heading,
                             start=start, end=len(text), role=role_of_heading(heading, next_year)))
    if bare and not any(sec.level == 1 for sec in found):
        # 2026年重点工作 on a line of its own above (一)(二)…: the report's top level has no numbers
        found = sorted(found + bare, key=lambda sec: sec.start)
        for i, sec in enumerate(found):
            sec.index = i
    stack: list[Section] = []
    for sec in found:
        while stack and stack[-1].level >= sec.level:
            stack.pop().end = sec.start
        sec.parent = stack[-1].index if stack else None
        stack.append(sec)
    _plans_follow(found, next_year)
    for sec in found:  # in order, so an ancestor's role is final before its subsections are seen
        if any(found[p].role != "other" for p in _ancestors(found, sec.parent)):
            sec.role = "other"  # a subsection's cue words do not override its section's role
    return found


def _pieces(text: str, a: int, stop: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """A run of more than ``max_chars`` cut into pieces, each at the last clause break (；，、：)
    in its second half, else at the limit, so that every later step works on bounded pieces."""
    while stop - a > max_chars:
        half = a + max_chars // 2
        cut = a + max_chars
        best = max(text.rfind(ch, half, cut) for ch in _CLAUSE_BREAKS)
        if best >= 0:
            cut = best + 1
        yield a, cut
        a = cut
        while a < stop and text[a].isspace():
            a += 1
    if a < stop:
        yield a, stop


# A glossary entry's term on a line of its own (2.“某某计划”：), its gloss on the next line
# (是…的简称，由某部实施): one sentence, so the gloss keeps its subject.
GLOSSARY_TERM = re.compile(r"(?:\d{1,2}[.．、]|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*[“「][^“”「」\n]{2,30}[”」]\s*[:：]")


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, stop) of each sentence, blanks trimmed; a glossary term line joins the line after it."""
    pos = 0
    term: tuple[int, int] | None = None   # a glossary term line waiting for its gloss
    for m in SENTENCE_END.finditer(text + "\n"):
        a, b = pos, min(m.end(), len(text))
        pos = m.end()
        while a < b and text[a].isspace():
            a += 1
        stop = b
        while stop > a and text[stop - 1].isspace():
            stop -= 1
        if stop <= a:
            continue
        if term is None and GLOSSARY_TERM.fullmatch(text, a, stop):
            term = (a, stop)
            continue
        if term is not None:
            a, term = term[0], None
        yield a, stop
    if term is not None:   # the text ends on the term: it stands alone
        yield term


def split_sentences(text: str, sections: list[Section], max_chars: int = MAX_SENTENCE) -> list[Sentence]:
    """Sentences end at 。！？ or a line break; each knows its innermost section.

    A run longer than ``max_chars`` without a sentence end is cut into pieces
    of at most that many characters (at a clause break where there is one).
    A glossary term alone on its line opens the sentence of the line after it.
    """
    out: list[Sentence] = []
    starts = [s.start for s in sections]
    sec_i = -1
    for a, stop in _sentence_spans(text):
        while sec_i + 1 < len(starts) and starts[sec_i + 1] <= a:
            sec_i += 1
        innermost = None
        j: int | None = sec_i if sec_i >= 0 else None
        while j is not None:
            if sections[j].start <= a < sections[j].end:
                innermost = j
                break
            j = sections[j].parent
        for start, end in _pieces(text, a, stop, max(max_chars, 1)):
            out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end], section=innermost))
    return out


def _first_lines(text: str, n: int) -> list[tuple[int, str]]:
    rows = []
    for start, end in _lines(text):
        line = text[start:end].strip()
        if line:
            rows.append((start, line))
        if len(rows) >= n:
            break
    return rows


def find_title(text: str) -> tuple[str, int]:
    """The title line (joined with an '关于…报告' continuation) and its index among the opening lines."""
    lines = _first_lines(text, 12)
    for i, (_, line) in enumerate(lines):
        if len(line) > 80 or line.endswith(("。", "，", ",")) or ADDRESS_LINE.search(line):
            continue
        if any(c in line for c in TITLE_CUES) and (YEAR.search(line) or "报告" in line):
            if line.startswith("关于") and i > 0 and len(lines[i - 1][1]) <= 30 and not YEAR.search(lines[i - 1][1]):
                return lines[i - 1][1] + line, i
            return line, i
    return "", -1


def find_year(title: str, text: str, meta_year: str | None) -> int | None:
    """The year reported on: the title's, else the corpus metadata's, else the opening's."""
    review = re.search(r"((?:19|20)\d\d)年工作回顾", text[:5000])
    if "政府工作报告" in title and review:
        return int(review.group(1))
    m = YEAR.search(title)
    if m and "政府工作报告" in title:  # delivered early in year Y, it reports on Y-1
        return int(m.group(1)) - 1
    if m:
        return int(m.group(1))
    if meta_year and meta_year[:4].isdigit():
        return int(meta_year[:4])
    m = re.search(r"(?:^|\n)\s*((?:19|20)\d\d)年度?[,，是以来]", text[:2000]) or YEAR.search(text[:600]) or re.search(r"(?<!\d)((?:19|20)\d\d)(?=[,，\s]|坚持)", text[:300])
    return int(m.group(1)) if m else None


def find_published(text: str, meta: dict[str, str]) -> str | None:
    if meta.get("published"):
        return meta["published"][:10]
    tail = text[-400:]
    dates = list(DATE.finditer(tail))
    if dates:
        y, mth, d = dates[-1].groups()
        return f"{y}-{int(mth):02d}-{int(d):02d}"
    return None


def structure(source: SourceText, max_sentence: int = MAX_SENTENCE) -> Report:
    """Structure a normalised source text into a Report (publishers are filled by extraction)."""
    text = source.text
    title = source.meta.get("title") or find_title(text)[0]  # a corpus's own title wins
    year = find_year(title, text, source.meta.get("year"))
    sections = find_sections(text, year)
    sentences = split_sentences(text, sections, max_sentence)
    return Report(source=source, title=title, year=year, published=find_published(text, source.meta),
                  sections=sections, sentences=sentences)


def paragraph_roles(report: Report) -> dict[int, SectionRole]:
    """Sentence index → role, where a paragraph's opening announces one (overrides the section's)."""
    text = report.text
    out: dict[int, SectionRole] = {}
    current: SectionRole | None = None
    prev_end = -1
    for s in report.sentences:
        new_par = prev_end < 0 or "\n" in text[prev_end:s.start]
        if new_par:
            current = role_of_paragraph(s.text[:60])
            sec = report.section_of(s)
            if sec is not None and sec.start <= s.start < sec.start + 2 + len(sec.number) + len(sec.heading):
                current = None  # a heading line keeps its section's role
        elif current and closes_paragraph(s.text):
            current = None
        elif current is None and role_of_paragraph(s.text[:MID_CUE_SPAN]) == "shortcomings":
            current = "shortcomings"  # "……未能如期完成。我们清醒认识到,……": the turn comes mid-paragraph
        if current:
            out[s.index] = current
        prev_end = s.end
    return out
