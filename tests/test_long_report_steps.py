"""Steps whose cost once grew with the square of a report: they give what the plain reading gives.

A long report (a county's collected reports, a 50 MB text) made three per-report steps cost the
square of its size: finding the sentence at an offset by a scan, scoring every problem against
every plan with norms computed anew, and checking an entity's mentions one by one. Each now uses
an index; these tests hold each to the plain reading it replaced.
"""
from __future__ import annotations

import math
import random
from collections import Counter

from kg.extract.sections import Item, _grams, match_addresses
from kg.records import Entity, Mention, Report, Sentence, SourceText


def _report(sentences: list[tuple[int, int]]) -> Report:
    text = "句" * (sentences[-1][1] + 5 if sentences else 5)
    report = Report(source=SourceText(source="long.txt", text=text, original=text, offsets=list(range(len(text)))))
    report.sentences = [Sentence(i, a, b, text[a:b]) for i, (a, b) in enumerate(sentences)]
    return report


def _scan(report: Report, pos: int) -> Sentence | None:
    return next((s for s in report.sentences if s.start <= pos < s.end or s.start >= pos), None)


def test_the_sentence_at_an_offset_is_the_one_holding_it_else_the_next():
    report = _report([(0, 4), (4, 9), (12, 20), (20, 21)])   # a gap 9–12 between two sentences
    for pos in range(-1, 25):
        assert report.sentence_at(pos) == _scan(report, pos), pos
    assert report.sentence_at(10).start == 12 and report.sentence_at(21) is None


def test_the_sentence_lookup_follows_sentences_added_later():
    report = _report([(0, 4)])
    assert report.sentence_at(6) is None
    report.sentences.append(Sentence(1, 5, 9, "句句句句"))
    assert report.sentence_at(6).index == 1


def test_a_mention_is_added_once_however_often_it_is_read():
    ent = Entity(kind="organisation", label="县司法局")
    a, b = Mention(0, 4, "县司法局", 0), Mention(10, 14, "县司法局", 2)
    for m in (a, b, a, Mention(0, 4, "县司法局", 0), b):
        ent.add_mention(m)
    assert ent.mentions == [a, b]


def _plain_pairs(problems: list[Item], plans: list[Item]) -> list[tuple[int, int]]:
    """The scoring as first written: every plan against every problem, norms each time."""
    docs = [_grams(i.label + i.description) for i in problems + plans]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    vec = [{g: c * math.log(1 + len(docs) / df[g]) for g, c in d.items()} for d in docs]
    pv, lv = vec[:len(problems)], vec[len(problems):]

    def cos(a: dict[str, float], b: dict[str, float]) -> float:
        num = sum(w * b.get(g, 0.0) for g, w in a.items())
        den = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
        return num / den if den else 0.0

    sim = [[cos(lp, p) for p in pv] for lp in lv]
    pairs = []
    for li, row in enumerate(sim):
        pi = max(range(len(row)), key=row.__getitem__)
        if max(range(len(lv)), key=lambda j: sim[j][pi]) == li and row[pi] >= 0.12:
            pairs.append((li, pi))
    return pairs


def test_problems_and_plans_are_paired_as_the_plain_scoring_pairs_them():
    words = ["基层", "执法", "队伍", "能力", "不足", "加强", "培训", "监督", "机制", "健全", "法治", "宣传",
             "覆盖", "农村", "数字", "平台", "建设", "滞后", "推进", "考核", "工作", "问题", "短板", "补齐"]
    rng = random.Random(7)
    sentence = Sentence(0, 0, 1, "句")

    def items(role: str, n: int) -> list[Item]:
        return [Item(role, "".join(rng.choices(words, k=rng.randint(2, 6))), "".join(rng.choices(words, k=4)),
                     0, 1, sentence) for _ in range(n)]

    for n_problems, n_plans in ((1, 1), (3, 8), (12, 5), (40, 60)):
        problems, plans = items("shortcomings", n_problems), items("plans", n_plans)
        pairs = match_addresses(problems, plans)
        assert pairs == _plain_pairs(problems, plans)
    assert pairs, "the random items share words, so some must pair"
    assert match_addresses([], plans) == [] and match_addresses(problems, []) == []
