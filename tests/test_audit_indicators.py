"""The shared precision audit as a regression test for indicators.

../shared/audit holds a judged random sample of Indicator nodes of the corpus graph, each with the
sentence it was read from. Read again from that sentence, a node judged wrong (change words glued
on, a fragment) must no longer come out as an indicator label, and one judged correct must still
come out. Skips when the shared folder or the audit files are absent.
"""
from __future__ import annotations

import json

import pytest

from kg import lexicon
from kg.extract.list_shares import JURISDICTION_LEVEL, SHARED_LEAD
from kg.extract.metrics import find_metrics
from kg.extract.observation_kind import Context

SAMPLE, JUDGED = "sample-2026-12-05.json", "judged-2026-12-05.json"


@pytest.fixture(scope="module")
def judged_indicators(shared_dir) -> list[dict]:
    audit = shared_dir / "audit"
    if not (audit / SAMPLE).is_file() or not (audit / JUDGED).is_file():
        pytest.skip(f"the judged audit sample is not in {audit}")
    sentences = {x["iri"]: x["sentence"] for x in json.loads((audit / SAMPLE).read_text(encoding="utf-8"))["Indicator"]}
    judged = json.loads((audit / JUDGED).read_text(encoding="utf-8"))["Indicator"]
    return [dict(item, sentence=sentences[item["iri"]]) for item in judged if item["iri"] in sentences]


def indicator_labels(sentence: str) -> set[str]:
    return {q.indicator for q in find_metrics(sentence, Context(report_year=None))}


def test_the_sample_has_both_verdicts(judged_indicators):
    verdicts = {item["verdict"] for item in judged_indicators}
    assert {"correct", "wrong"} <= verdicts


def test_indicators_judged_wrong_are_gone(judged_indicators):
    still = [(item["label"], item["reason"]) for item in judged_indicators
             if item["verdict"] == "wrong" and item["label"] in indicator_labels(item["sentence"])]
    assert still == []


def _shared_words(prefix: str) -> bool:
    """A list's lead verb, the level the list opens with (国家级甲、乙 → 国家级乙), or both."""
    level = JURISDICTION_LEVEL.search(prefix)
    if level and level.end() == len(prefix):
        prefix = prefix[:level.start()]
        return not prefix or SHARED_LEAD.fullmatch(prefix) is not None
    return SHARED_LEAD.fullmatch(prefix or "-") is not None


def _kept(label: str, labels: set[str]) -> bool:
    """The label, or the label with the verb its list shares (新建甲5个、乙8个 → 新建乙; 改造甲10公里、
    乙8公里 → 乙改造里程; 甲 → 甲产量): the later audit rules count a lost verb that selects what is counted
    (新增, 改造) or a level shared by the list (国家级) as a lost qualifier, so the longer label is the fix."""
    acts = lexicon.words("indicator_activity_verbs.txt")
    measures = set(lexicon.mapping("unit_measures.tsv").values())
    heads = set(lexicon.words("measure_heads.txt"))   # 甲 → 甲产量: the measure word a later rule adds
    renamed = [x[len(label):] for x in labels if x.startswith(label)]
    return label in labels or any(_shared_words(x[: -len(label)]) for x in labels if x.endswith(label)) \
        or any(rest.startswith(acts) and rest.endswith(tuple(measures)) or rest in heads for rest in renamed)


def test_indicators_judged_correct_are_kept(judged_indicators):
    lost = [item["label"] for item in judged_indicators
            if item["verdict"] == "correct" and not _kept(item["label"], indicator_labels(item["sentence"]))]
    assert lost == []
