"""Clauses of one sentence and who acts in each: the agent a link rule starts from.

A clause runs between commas, semicolons and colons that are not inside quotes,
《》 or brackets. Its agent is the list of organisations that opens it (after
time words such as 2025年6月 or 今年); a clause that opens with a verb,
an adverb or a preposition has no subject of its own and keeps the agent of
the clause before it; a clause that opens with the report's own voice (我区,
我们, 全省) or with any other noun has no unit as agent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg import lexicon, segment

Span = tuple[int, int, str]

OPENERS = "“「《（(〈【"
CLOSERS = "”」》）)〉】"
BREAKS = "，,；;。：:！？!?"
_MARKS = re.compile("[" + re.escape(OPENERS + CLOSERS + BREAKS) + "]")
NUM = r"[\d０-９一二三四五六七八九十〇○零]"
# Time words and sentence adverbs that may stand before a subject.
LEADING = re.compile(
    rf"(?:\s|(?:早在|在|于)?{NUM}{{2,4}}年(?:{NUM}{{1,2}}月(?:{NUM}{{1,2}}日)?)?(?:初|底|末|以来|上半年|下半年)?"
    rf"|{NUM}{{1,2}}月(?:{NUM}{{1,2}}日)?|今年|去年|明年|当年|前年|当前|目前|同时|随后|此外|另外|近年来|年内|年初|年底)*")
# First-word tags that say the clause has no subject of its own (a verb, adverb, preposition …).
NO_SUBJECT_TAGS = {"v", "vd", "vn", "d", "ad", "p", "c", "u", "uj", "f", "t"}
JOINERS = {"、", "和", "及", "以及", "与", "同", ""}


@dataclass
class Clause:
    start: int
    end: int
    agents: list[Span]          # the units that act in this clause, own or carried over
    own: bool = False           # the agents open this clause (not carried from the one before)
    after_agents: int = 0       # where the text after the agents begins


@lru_cache(maxsize=1)
def not_agents() -> frozenset[str]:
    return frozenset(lexicon.words("link_not_agents.txt"))


@lru_cache(maxsize=1)
def _not_agent_starts() -> tuple[str, ...]:  # str.startswith takes a tuple: one call, not a loop
    return tuple(not_agents())


@lru_cache(maxsize=1)
def blockers() -> tuple[str, ...]:
    return lexicon.words("link_blockers.txt")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause; punctuation inside quotes, titles and brackets does not split."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for m in _MARKS.finditer(text):   # only the marks: other characters change nothing
        i, ch = m.start(), m.group()
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch in BREAKS and depth == 0:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def unit_list(text: str, orgs: list[Span], pos: int, joiners: set[str] = JOINERS) -> tuple[list[Span], int]:
    """The organisations listed from ``pos`` on (A、B和C), and where the list ends."""
    found: list[Span] = []
    for o in sorted(orgs):
        if o[0] < pos:
            continue
        if text[pos:o[0]] not in (joiners if found else {""}):
            break
        if o[2].split(":", 1)[-1] in not_agents() or vague(text, o):
            break
        found.append(o)
        pos = o[1]
    return found, pos


@lru_cache(maxsize=1)
def _vague_marks() -> tuple[str, ...]:
    return lexicon.words("link_vague_marks.txt")


def vague(text: str, org: Span) -> bool:
    """各个高等学校, 有关部门: a group, not a unit; a name that opens with a verb (办好…学校) is no unit either."""
    if text[max(0, org[0] - 2):org[0]].endswith(_vague_marks()):
        return True
    first = segment.words(text[org[0]:org[1]])[0]
    return len(first) > 1 and segment.tag(first) == "v"


@lru_cache(maxsize=1)
def _said_that() -> re.Pattern[str]:
    """A clause ending in a verb of speech (明确提出，要实施Y): what follows is said, not done."""
    return re.compile(r"(?:" + "|".join(map(re.escape, lexicon.words("link_speech_verbs.txt"))) + r")了?$")


def opening(text: str, start: int, end: int) -> int:
    """Where the clause's subject would start: after time words and sentence adverbs."""
    m = LEADING.match(text, start, end)
    return m.end() if m else start


def has_no_subject(text: str, pos: int, end: int) -> bool:
    """The clause opens with a verb, adverb or preposition: its subject is the one before."""
    rest = text[pos:end]
    if not rest or rest[0] in OPENERS:
        return False
    if rest.startswith(_not_agent_starts()):
        return False
    first = segment.words(rest[:8])[0]
    tags = {segment.tag(first)}
    if len(first) == 4:  # jieba keeps 全面落实 whole: an adverb and a verb
        tags |= {segment.tag(first[:2]), segment.tag(first[2:])}
    return bool(tags & NO_SUBJECT_TAGS) or rest.startswith(openers())


@lru_cache(maxsize=1)
def openers() -> tuple[str, ...]:
    return lexicon.words("link_clause_openers.txt") + lexicon.words("link_verbs.tsv")


def agents_by_clause(text: str, orgs: list[Span]) -> list[Clause]:
    """Each clause with its agents: the units opening it, or those carried from the clause before."""
    out: list[Clause] = []
    carried: list[Span] = []
    for start, end in split(text):
        pos = opening(text, start, end)
        own, after = unit_list(text, orgs, pos)
        if own and after < end and (not has_no_subject(text, after, end) or text.startswith("关于", after)):
            own = []  # 某局科技园…, 某院干警…, 中共中央关于制定…的建议: the unit only qualifies a noun
        if own:
            clause = Clause(start, end, own, True, after)
        elif has_no_subject(text, pos, end):
            clause = Clause(start, end, list(carried), False, pos)
        else:
            clause = Clause(start, end, [], False, pos)
        out.append(clause)
        # an agent that approves, is honoured or takes part passes nothing on
        said = text[clause.after_agents:end]
        said_that = _said_that().search(said)
        carried = [] if said_that or any(b in said for b in blockers()) else clause.agents
    return out
