"""Responsible units, read from the shape of a clause: the agent of a responsibility
verb (kg/lexicon/link_verbs.tsv) and what the verb governs, units acting jointly
(A、B联合…, X会同Y…), passive and bracketed forms (由X牵头, （牵头单位：X）), pilots
(以X为试点, 将X确定为…试点, X入选…试点) and the agent a clause without a subject
keeps from the clause before (kg/extract/clauses.py). No unit when the subject is
the report's own voice (我区, 我们), a vague group, or a unit that only approves,
leads from above, is honoured or takes part (kg/lexicon/link_blockers.txt).

>>> orgs = [(0, 4, "organisation:县人社局"), (6, 10, "organisation:市总工会")]
>>> progs = [(12, 19, "programme:法律进企业")]
>>> sorted((f.subject, f.unit, f.role) for f in find_links("县人社局联合市总工会开展“法律进企业”活动", orgs, progs))
[('programme:法律进企业', 'organisation:县人社局', 'partner'), ('programme:法律进企业', 'organisation:市总工会', 'partner')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg import lexicon
from kg.extract import link_objects as obj
from kg.extract.clauses import (
    Clause,
    agents_by_clause,
    blockers,
    has_no_subject,
    opening,
    split,
    unit_list,
    vague,
)
from kg.extract.common import UNIT_NOTE
from kg.extract.link_objects import NewName, Span

Ref = str | NewName
JOINT = ("联合", "共同", "会同")
PARTNER_MARKS = ("会同", "联合", "配合", "与", "同", "和", "及", "、")
PLACE_MARKS = ("在", "于")
PILOT_AS = re.compile(r"以(?P<x>[^,，。;；以]{2,30}?)为(?:试点|示范点|试点单位|试点地区)")
PILOT_NAMED = re.compile(r"(?:将(?P<x>[^,，。;；]{2,24}?)(?:确定|列|选定|确立)为|(?P<y>被(?:确定|列|选定|确立)为|入选|列入|成为))"
                         r"(?P<what>[^,，。;；]{2,40}?试点)")
# 在X试点Y is a pilot; 在X实施Y names the venue that carries Y out, kept as a pilot unit too
LOCUS = re.compile(r"在(?P<orgs>[^,，。;；在]{2,40}?)(?:率先|试点|先行)?(?:实施|开展|推行|试行|探索|试点)")
BRACKET = re.compile(UNIT_NOTE + r"(?P<units>[^（）()]{2,80})[）)]")
FRONTED = re.compile(r"对(?P<what>[^，,；;。]{2,40}?)(?:作了|作出|做了|进行了?)")
OWN_PLAN = ("组织实施", "实施", "组织")


@dataclass(frozen=True)
class Found:
    """``subject`` is the responsibility of ``unit`` (entity keys, or names the rules read)."""

    subject: Ref
    unit: Ref
    role: str
    at: tuple[int, int]   # where the unit is named, sentence-relative


@lru_cache(maxsize=1)
def _verbs() -> tuple[re.Pattern[str], dict[str, str]]:
    table = lexicon.mapping("link_verbs.tsv")
    return re.compile(lexicon.trie_pattern(table)), table


@lru_cache(maxsize=1)
def _pivots() -> tuple[str, ...]:
    return lexicon.words("link_pivots.txt")


def _ref(span: Span | NewName) -> Ref:
    return span if isinstance(span, NewName) else span[2]


def _where(span: Span | NewName) -> tuple[int, int]:
    return (span.start, span.end) if isinstance(span, NewName) else (span[0], span[1])


def find_links(text: str, orgs: list[Span], programmes: list[Span],
               documents: list[Span] = ()) -> list[Found]:  # type: ignore[assignment]
    """Every (subject, unit, role) one sentence states."""
    ctx = _Context(text, sorted(orgs), sorted(programmes), sorted(documents))
    out: list[Found] = []
    out += ctx.bracketed()
    out += ctx.passive()
    out += ctx.pilots()
    for clause in agents_by_clause(text, ctx.orgs) if ctx.orgs else ():  # no unit, no agent: nothing to read
        out += ctx.agency(clause)
    seen: dict[tuple[object, object], Found] = {}
    for f in out:
        key = (_name(f.subject), _name(f.unit))
        if key[0] != key[1]:
            seen.setdefault(key, f)
    return list(seen.values())


def _name(ref: Ref) -> object:
    return (ref.kind, ref.label) if isinstance(ref, NewName) else ref


class _Context:
    """One sentence with the names found in it."""

    def __init__(self, text: str, orgs: list[Span], programmes: list[Span], documents: list[Span]) -> None:
        self.text, self.orgs, self.programmes, self.documents = text, orgs, programmes, documents
        self.named = sorted(programmes + documents)
        self.clauses = split(text)

    def clause_end(self, pos: int) -> int:
        return next((e for s, e in self.clauses if s <= pos < e), len(self.text))

    def clause_start(self, pos: int) -> int:
        return next((s for s, e in self.clauses if s <= pos < e), 0)

    def inside_name(self, a: int, b: int) -> bool:
        return any(s[0] <= a and b <= s[1] and (s[0], s[1]) != (a, b) for s in self.orgs + self.named)

    # ---------------------------------------------------------------- agent + verb
    def agency(self, clause: Clause) -> list[Found]:
        out: list[Found] = []
        for agents, pos, partners in self.candidates(clause):
            out += self.verbs_after(agents, partners, pos, clause)
        return out

    def candidates(self, clause: Clause) -> list[tuple[list[Span], int, list[Span]]]:
        """Agent lists of the clause: the opening (own or carried) one, and units met later that act."""
        text = self.text
        out: list[tuple[list[Span], int, list[Span]]] = []
        if clause.agents:
            out.append((clause.agents, clause.after_agents, []))
        verb_rx = _verbs()[0]
        pos = clause.after_agents
        for o in self.orgs:
            if not (pos <= o[0] < clause.end) or any(o in c[0] for c in out):
                continue
            units, after = unit_list(text, self.orgs, o[0])
            if not units or vague(text, units[0]):
                continue
            before = text[max(clause.start, o[0] - 4):o[0]]
            opener = text[clause.start:o[0]] in ("与", "同") and not clause.agents
            if not opener and (any(before.endswith(p) for p in _pivots()) or text[after:after + 1] == "的"
                               or text.startswith("关于", after)):
                continue
            m = re.compile(r"[\u4e00-\u9fff]{0,4}?(?=" + verb_rx.pattern + ")").match(text, after, clause.end)
            if m is None or any(b in m.group() for b in blockers()):
                continue
            if opener:  # 与X建立Y: X is a partner even though the other party is the report's issuer
                out.append(([], after, units))
            else:
                out.append((units, after, []))
        return out

    def verbs_after(self, agents: list[Span], partners: list[Span], pos: int, clause: Clause) -> list[Found]:
        text = self.text
        verb_rx, roles = _verbs()
        out: list[Found] = []
        start = pos
        targets_seen: list[tuple[int, int]] = []
        for m in verb_rx.finditer(text, pos, clause.end):
            if self.inside_name(m.start(), m.end()) or any(a <= m.start() < b for a, b in targets_seen):
                continue  # a verb inside a name or inside the object just read is not a new verb
            gap = text[start:m.start()]
            if any(b in gap for b in blockers()):
                break
            others = [o for o in self.orgs if start <= o[0] and o[1] <= m.start()
                      and not any(a <= o[0] < b for a, b in targets_seen)]
            co, stop = self.co_agents(others, start)
            if stop:
                break
            if gap.endswith(("对", "对于")):
                continue  # 对制定Y工作高度重视: the verb names a task inside a phrase, not the agent's act
            role = roles[m.group()]
            targets = self.objects(role, m, clause)
            if not targets and text[m.end():m.end() + 1] == "的":
                break  # X制定的关于建立…机制: what follows is the noun the relative clause describes
            if not targets:
                continue
            targets_seen += [_where(t) for t in targets]
            out += self.assign(agents, partners + co, targets, role, gap)
        return out

    def co_agents(self, others: list[Span], start: int) -> tuple[list[Span], bool]:
        """Units named between the agent and the verb: partners (会同X), places (在X), else someone else acts."""
        co: list[Span] = []
        for o in others:
            before = self.text[max(start, o[0] - 2):o[0]]
            if any(before.endswith(p) for p in PLACE_MARKS):
                continue
            if any(before.endswith(p) for p in PARTNER_MARKS) and (co or any(
                    j in self.text[start:o[0]] for j in ("会同", "联合", "配合", "与", "同"))):
                co.append(o)
                continue
            return [], True
        return co, False

    def assign(self, agents: list[Span], partners: list[Span], targets: list[Span | NewName],
               role: str, gap: str) -> list[Found]:
        out: list[Found] = []
        # A、B联合… and X联合Y…: every unit is a partner; X会同Y…: X keeps the verb's role
        joint = (any(j in gap for j in ("联合", "共同")) and "会同" not in gap) or ("会同" in gap and len(agents) > 1)
        if "分别" in gap and len(agents) == len(targets) > 1:
            return [Found(_ref(t), a[2], role, (a[0], a[1])) for a, t in zip(agents, targets)]
        for t in targets:
            for a in agents:
                r = "partner" if joint else role
                out.append(Found(_ref(t), a[2], r, (a[0], a[1])))
            for p in partners:
                out.append(Found(_ref(t), p[2], "partner", (p[0], p[1])))
        return out

    def objects(self, role: str, verb: re.Match[str], clause: Clause) -> list[Span | NewName]:
        """What ``verb`` governs, by the kind its role takes."""
        text, end = self.text, clause.end
        pos = verb.end()
        if role == "issuer":
            plans = [p for p in self.programmes if obj.heads("link_plan_heads.txt") and
                     p[2].endswith(obj.heads("link_plan_heads.txt"))]
            found: list[Span | NewName] = list(obj.first_after(text, self.documents + plans, pos, end))
            written = obj.named_plan(text, pos, end)
            if written and (not found or (written[0].start <= _where(found[0])[0] + 1
                                          and written[-1].end > _where(found[-1])[1])):
                return list(written)
            if found:
                return found
            back = text[clause.start:verb.start()]
            m = FRONTED.search(back)
            if m:  # 对Y作了修订
                return list(obj.named_plan(text, clause.start + m.start("what"), clause.start + m.end("what")))
            m = re.search(r"进行(?P<what>.{2,40})的$", back)
            if m:  # 进行Y的拟定工作
                return list(obj.named_plan(text, clause.start + m.start("what"), clause.start + m.end("what")))
            return []
        if role == "founder":
            bodies: list[Span | NewName] = list(obj.first_after(text, self.orgs + self.programmes, pos, end))
            body = obj.named_body(text, pos, end) if not bodies else None
            return bodies or ([body] if body else [])
        if role == "organiser":
            progs = obj.first_after(text, self.programmes, pos, end)
            prog = obj.named_programme(text, pos, end)
            if prog and (not progs or (obj.skip_tail(text, pos, end) <= progs[0][0] and prog.end > progs[-1][1]
                                       and text[progs[-1][1]:progs[-1][1] + 1] in ("的", "为"))):
                return [prog]  # “两稳一促”的方针, 以“…”为目标的…计划: the quote only modifies the name
            if progs:
                return list(progs)
            if verb.group() in OWN_PLAN and obj.skip_tail(text, pos, end) >= end:
                return self.topic()
            return []
        return list(obj.first_after(text, self.named, pos, end))

    def topic(self) -> list[Span | NewName]:
        """The programme or document a sentence opens with: what 组织实施 with no object refers to."""
        first: list[Span | NewName] = [s for s in self.named if s[0] <= 2]
        return first[:1]

    # ---------------------------------------------------------------- passive, bracket, pilot
    def passive(self) -> list[Found]:
        """由X(和Y)(联合)牵头/负责/组织实施…: Y由X负责, or 由X牵头开展Y."""
        text, out = self.text, []
        verb_rx, roles = _verbs()
        for m in re.finditer("由", text):
            units, after = unit_list(text, self.orgs, m.end())
            if not units:
                continue
            end = self.clause_end(m.start())
            v = re.compile(r"[\u4e00-\u9fff]{0,6}?(" + verb_rx.pattern + ")").match(text, after, end)
            if v is None or any(b in v.group() for b in blockers()):
                continue
            role = roles[v.group(1)]
            joint = len(units) > 1 or any(j in v.group() for j in JOINT)
            fake = Clause(self.clause_start(m.start()), end, units)
            verb = re.compile(re.escape(v.group(1))).search(text, v.start(1))
            targets = self.objects(role, verb, fake) if verb else []
            if not targets:
                targets = self.next_clause_objects(end)
            if not targets:
                before = [s for s in self.named if s[1] <= m.start()]
                targets = list(dict.fromkeys(before[-1:] + [s for s in before if s[0] <= 2]))
            for t in targets:
                for u in units:
                    out.append(Found(_ref(t), u[2], "partner" if joint else role, (u[0], u[1])))
        return out

    def next_clause_objects(self, end: int) -> list[Span | NewName]:
        """由X牵头，建立Y: the object of the verb that opens the next clause."""
        verb_rx, roles = _verbs()
        nxt = next(((s, e) for s, e in self.clauses if s > end), None)
        if nxt is None:
            return []
        v = verb_rx.match(self.text, obj.skip_tail(self.text, nxt[0], nxt[1]), nxt[1])
        if v:
            return self.objects(roles[v.group()], v, Clause(nxt[0], nxt[1], []))
        if not has_no_subject(self.text, opening(self.text, *nxt), nxt[1]):
            return []
        return list(obj.first_after(self.text, self.named, nxt[0], nxt[1]))  # 由X牵头，全面落实Y

    def bracketed(self) -> list[Found]:
        """（牵头单位：X、Y） names the lead of every programme in its item."""
        out, item_start = [], 0
        for m in BRACKET.finditer(self.text):
            units = [o for o in self.orgs if m.start("units") <= o[0] and o[1] <= m.end("units")]
            for s in self.named:
                if item_start <= s[0] and s[1] <= m.start():
                    out += [Found(s[2], u[2], "lead", (u[0], u[1])) for u in units]
            item_start = m.end()
        return out

    def pilots(self) -> list[Found]:
        text, out = self.text, []
        for m in PILOT_AS.finditer(text):
            units = self.units_or_place(m.start("x"), m.end("x"))
            outside = [s for s in self.programmes if s[1] <= m.start() or s[0] >= m.end()]
            before = [s for s in outside if s[1] <= m.start()]
            after = [s for s in outside if s[0] >= m.end() and s[0] < self.clause_end(m.end())]
            subj = before[-1:] or after[:1]
            out += [Found(s[2], _ref(u), "pilot", _where(u)) for s in subj for u in units]
        for m in PILOT_NAMED.finditer(text):
            if m.group("x"):
                a, b = m.start("x"), m.end("x")
            else:
                a = self.clause_start(m.start())
                a = max(a, next((o[0] for o in self.orgs if a <= o[0] < m.start()), a))
                b = m.start()
            units = self.units_or_place(a, b)
            inside = [s for s in self.programmes if m.start("what") <= s[0] and s[1] <= m.end("what")]
            what: list[Span | NewName] = list(inside[-1:])
            if not what:
                label = re.sub(r"^(?:开展|实施|推进)", "", m.group("what"))
                what = [NewName(m.end("what") - len(label), m.end("what"), label, "programme")]
            out += [Found(_ref(s), _ref(u), "pilot", _where(u)) for s in what for u in units]
        for m in LOCUS.finditer(text):
            venues, venues_end = unit_list(text, self.orgs, m.start("orgs"))
            if venues_end != m.end("orgs"):
                continue  # 在X的支持下开展, 在全市各单位开展: not a unit that carries it out
            targets = [p for p in self.programmes if m.end() <= p[0] < self.clause_end(m.end())]
            out += [Found(targets[0][2], u[2], "pilot", (u[0], u[1])) for u in venues if targets]
        return out

    def units_or_place(self, a: int, b: int) -> list[Span | NewName]:
        units: list[Span | NewName] = [o for o in self.orgs if a <= o[0] and o[1] <= b]
        if units:
            return units
        return list(obj.places(self.text, a, b))
