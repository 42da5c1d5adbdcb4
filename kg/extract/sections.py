"""Problems and plans: the items of the sections (or paragraphs) that admit
shortcomings and that set next year's arrangements, and which plan answers
which problem.

An item is a subsection of such a section, else a line or a "一是/二是" item
of its body, else a sentence of a paragraph whose opening announces the role.
An item's label is its heading clause; its description is the whole item.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from kg.extract.item_sense import admits_shortcoming, is_plan
from kg.records import Report, Section, Sentence
from kg.structure import paragraph_cue, paragraph_roles

ENUM = re.compile(r"(?:^|[。;；:：,，])\s*([一二三四五六七八九十]是|第[一二三四五六七八九十][,，、]|其[一二三四五六七八九十][,，、])")
LABEL_MAX = 56
DESCRIPTION_MAX = 400
LEAD_IN = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][,，、]?|其[一二三四五六七八九十][,，、]?)")


@dataclass
class Item:
    role: str
    label: str
    description: str
    start: int
    end: int
    sentence: Sentence


def _label(text: str) -> str:
    """The heading clause of an item: up to the first full stop, else the first comma."""
    text = LEAD_IN.sub("", text.strip()).strip()
    intro = re.match(r"^[^,，。;；]{0,12}(?:的是|在于|表现在|主要是|看到|其中)[,，:：]", text)
    if intro and len(text) - intro.end() >= 6:
        text = text[intro.end():]
    # "主要是A过大": the lead-in runs straight into the first item
    intro = re.match(r"^(?:主要是|主要表现在)(?=[^,，。;；]{4})", text)
    text = text[intro.end():] if intro else text
    for stops in ("。;；:：!！?？", ",，"):
        m = re.search(f"[{stops}]", text)
        if m and 4 <= m.start() <= LABEL_MAX:
            return _no_etc(text[: m.start()])
    return _no_etc(text[:LABEL_MAX].rstrip("。,，;；"))


def _no_etc(label: str) -> str:
    """"……,等等" closes a list: it is no part of the last item."""
    return re.sub(r"[,，、]\s*等等$", "", label)


def _children(report: Report, sec: Section) -> list[Section]:
    return [s for s in report.sections if s.parent == sec.index]


def _role_sections(report: Report, role: str) -> list[Section]:
    """Topmost sections with the role (their subsections inherit it)."""
    out = []
    for sec in report.sections:
        if sec.role != role:
            continue
        p = sec.parent
        if any(report.sections[a].role == role for a in _ancestry(report, p)):
            continue
        out.append(sec)
    return out


def _ancestry(report: Report, idx: int | None) -> list[int]:
    out = []
    while idx is not None:
        out.append(idx)
        idx = report.sections[idx].parent
    return out


def _body_items(report: Report, start: int, end: int, role: str) -> list[Item]:
    """Items of a section body without subsections: 一是/二是 items, else lines."""
    text = report.text
    body = text[start:end]
    marks = list(ENUM.finditer(body))
    spans: list[tuple[int, int]] = []
    if len(marks) >= 2:
        no_tasks = False
        for i, m in enumerate(marks):
            if m.group(1)[:2] in ("一是", "第一", "其一"):
                # a new run: its lead-in says whether the items are principles or achievements
                lead = _lead_in(body, m.start(1))
                no_tasks = role == "plans" and bool(PRINCIPLES.search(lead) or ACHIEVED.search(lead))
            if no_tasks:
                continue
            a = start + m.start(1)
            b = start + (marks[i + 1].start(1) if i + 1 < len(marks) else len(body))
            spans.append((a, b))
    else:
        pos = start
        for line in body.split("\n"):
            colon = re.search(r"[:：]", line[:80])
            if colon and len(line) - colon.end() >= 8:  # "……仍存在一些短板:A;B。" — the items follow the colon
                at = pos + colon.end()
                for part in re.split(r"(?<=[;；。])", line[colon.end():]):
                    if len(part.strip()) >= 6:
                        spans.append((at, at + len(part)))
                    at += len(part)
            elif len(line.strip()) >= 8:
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    items = []
    for a, b in spans:
        chunk = text[a:b].strip()
        s = report.sentence_at(a)
        if s is None or not chunk or _summary(chunk, role):
            continue
        items.append(Item(role, _label(chunk), chunk[:DESCRIPTION_MAX], a, b, s))
    return items


# A lead-in or heading that announces principles, orientations or relations to keep in mind:
# the items after it explain how to work, they are not the year's tasks.
PRINCIPLES = re.compile(r"(?:原则|政策取向|把握好?以下|注意(?:以下|的)?几个问题|几个关系|以下关系)[^,，。;；]{0,6}[。:：]?$")
# A heading that also names targets or tasks ("总体要求和政策取向") holds plans besides its principles.
TASKS = re.compile(r"要求|目标|任务|部署|安排")
# A lead-in that sums up achievements: a mixed section ("成就和今后的任务") lists them before its tasks.
ACHIEVED = re.compile(r"(?:成就|成绩|取得了)[^,，。;；]{0,6}[。:：]?$")


def _lead_in(body: str, pos: int) -> str:
    """The sentence right before ``pos`` (where a run of 第一/一是 items opens)."""
    before = body[max(0, pos - 120):pos].rstrip()
    cut = max(before.rfind(c, 0, len(before) - 1) for c in "。\n;；")
    return before[cut + 1:]


def find_items(report: Report) -> list[Item]:
    """Problem and plan items of a report."""
    items: list[Item] = []
    covered: list[tuple[int, int]] = []
    for role in ("shortcomings", "plans"):
        for sec in _role_sections(report, role):
            covered.append((sec.start, sec.end))
            kids = _children(report, sec)
            at = report.sentence_at(sec.start)
            if role == "plans" and PRINCIPLES.search(sec.heading.rstrip("。 ")) and not TASKS.search(sec.heading):
                continue  # "今后工作中应当注意的几个问题": principles, not tasks
            if sec.follows and not kids and len(sec.heading) >= 4 and at is not None:
                # a task section after the review, in paragraphs: its heading is the plan
                desc = report.text[sec.start:sec.end].strip()
                items.append(Item(role, sec.heading.rstrip("。,，;；"), desc[:DESCRIPTION_MAX], sec.start, sec.end, at))
                continue
            if kids:
                for k in kids:
                    s = report.sentence_at(k.start)
                    if s is None or _summary(k.heading, role):
                        continue
                    desc = report.text[k.start:k.end].strip()
                    items.append(Item(role, k.heading.rstrip("。,，;；"), desc[:DESCRIPTION_MAX], k.start, k.end, s))
            else:
                head_end = report.text.find("\n", sec.start)
                head_end = sec.end if head_end < 0 else head_end
                items.extend(_body_items(report, head_end, sec.end, role))
    items.extend(_paragraph_items(report, covered))
    return [fit for fit in map(_one_line, items) if _fits_role(fit)]


def _one_line(item: Item) -> Item:
    """A heading never runs into the next line (继续加强宏观调控\n今年的主要目标是)."""
    label = item.label.strip().split("\n")[0].strip()
    return item if label == item.label else Item(item.role, label, item.description, item.start, item.end,
                                                  item.sentence)


def _fits_role(item: Item) -> bool:
    """Problems admit a shortcoming (not an achievement or an umbrella); plans are tasks."""
    if item.role == "shortcomings":
        return admits_shortcoming(item.label)
    return is_plan(item.label)


def _paragraph_items(report: Report, covered: list[tuple[int, int]]) -> list[Item]:
    """Items of paragraphs whose opening words announce shortcomings or plans.

    The cue's own clause is a lead-in ("我们也清醒认识到,……主要是:"); the items
    follow it, one per sentence or semicolon.
    """
    out = []
    roles = paragraph_roles(report)
    for idx, role in roles.items():
        s = report.sentences[idx]
        if any(a <= s.start < b for a, b in covered):
            continue
        offset = 0
        if idx == 0 or roles.get(idx - 1) != role:
            cue = paragraph_cue(s.text)
            if cue is None:
                continue
            rest = s.text[cue[1]:]
            colon = re.search(r"[:：]", rest)
            comma = re.search(r"[,，]", rest)
            if colon:
                offset = cue[1] + colon.end()
            elif comma and len(rest) - comma.end() >= 8:
                offset = cue[1] + comma.end()
            else:
                continue
        role_name = "shortcomings" if role == "shortcomings" else "plans"
        lead = re.match(r"^\s*(?:主要是|主要表现在|具体是|表现在)[:：]", s.text[offset:])
        if lead:
            offset += lead.end()
        pos = s.start + offset
        for part in re.split(r"(?<=[;；])", s.text[offset:]):
            chunk = part.strip()
            if len(chunk) >= 6 and not _summary(chunk, role_name):
                out.append(Item(role_name, _label(chunk), chunk[:DESCRIPTION_MAX], pos, pos + len(part), s))
            pos += len(part)
    return out


SUMMARY = re.compile(r"(?:存在|面临|还有|仍有)(?:不少|一些|若干|诸多|许多|较多)[^,，。;；]{0,6}(?:困难|问题|挑战|不足|短板|矛盾)[。;；]?$"
                     r"|^(?:政府工作|工作中|发展中|我们的工作)[^,，。;；]{0,4}(?:存在|还有|仍有)[^,，。;；]{0,6}(?:不足|问题)[。;；]?$|^(?:今年是|明年是|今年发展|提出上述|综合分析|综合考虑|当前|目前|这是|这些)")


def _summary(text: str, role: str) -> bool:
    """A lead-in or context sentence ("发展中还存在不少问题", "今年是……之年"), not an item."""
    return bool(SUMMARY.search(_label(text)))


def _grams(text: str) -> Counter[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def match_addresses(problems: list[Item], plans: list[Item]) -> list[tuple[int, int]]:
    """(plan index, problem index) pairs: mutual best matches by shared word pairs, weighted by rarity."""
    if not problems or not plans:
        return []
    docs = [_grams(i.label + i.description) for i in problems + plans]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)

    def vec(d: Counter[str]) -> dict[str, float]:
        return {g: c * math.log(1 + n / df[g]) for g, c in d.items()}

    pv = [vec(d) for d in docs[: len(problems)]]
    lv = [vec(d) for d in docs[len(problems):]]
    # norms once, and a posting list per word pair so that a plan meets only the problems it
    # shares a pair with: scoring every pair anew made a long report cost the square of its items
    pnorm = [math.sqrt(sum(w * w for w in p.values())) for p in pv]
    postings: dict[str, list[tuple[int, float]]] = {}
    for pi, p in enumerate(pv):
        for g, w in p.items():
            postings.setdefault(g, []).append((pi, w))
    sim = []
    for plan in lv:
        lnorm = math.sqrt(sum(w * w for w in plan.values()))
        num = [0.0] * len(pv)
        for g, w in plan.items():
            for pi, pw in postings.get(g, ()):
                num[pi] += w * pw
        sim.append([num[pi] / (lnorm * pnorm[pi]) if lnorm * pnorm[pi] else 0.0 for pi in range(len(pv))])
    best_plan_of: dict[int, int] = {}
    pairs = []
    for li, row in enumerate(sim):
        pi = max(range(len(row)), key=row.__getitem__)
        if pi not in best_plan_of:
            best_plan_of[pi] = max(range(len(lv)), key=lambda j: sim[j][pi])
        if best_plan_of[pi] == li and row[pi] >= 0.12:
            pairs.append((li, pi))
    return pairs
