"""The shared judged audit sample as a regression test for programmes, problems and plans.

Its nodes judged wrong are gone (or no longer of their type); those judged correct are kept.
Programmes are read sentence by sentence, so each is re-extracted from its own sentence;
problems and plans depend on the report's sections, so their reports are rebuilt.
Partial verdicts are not tested: either outcome is defensible.
"""
from __future__ import annotations

import json

import pytest

from kg.identity import norm_name
from kg.ingest import iter_jsonl
from kg.pipeline import extract_source, extract_text

KINDS = {"Programme": "programme", "Problem": "problem", "Plan": "plan"}


@pytest.fixture(scope="module")
def audit(shared_dir):
    judged_path = shared_dir / "audit" / "judged-2026-12-05.json"
    sample_path = shared_dir / "audit" / "sample-2026-12-05.json"
    if not judged_path.is_file() or not sample_path.is_file():
        pytest.skip("the judged audit sample is not in the shared folder")
    judged = json.loads(judged_path.read_text(encoding="utf-8"))
    sample = json.loads(sample_path.read_text(encoding="utf-8"))
    rows = []
    for kind in KINDS:
        drawn = {row["iri"]: row for row in sample.get(kind, [])}
        for row in judged.get(kind, []):
            if row["verdict"] in ("correct", "wrong") and row["iri"] in drawn:
                rows.append((kind, row["label"], row["verdict"], drawn[row["iri"]]))
    return rows, sorted((shared_dir / "corpus").glob("*.jsonl"))


def _names(ex, kind: str) -> set[str]:
    return {norm_name(n) for e in ex.of_kind(kind) for n in (e.label, *e.aliases)}


@pytest.fixture(scope="module")
def report_names(audit) -> dict[tuple[str, str], set[str]]:
    """Problem and plan names of each report the sample draws them from."""
    rows, corpora = audit
    wanted = {drawn["report"] for kind, _, _, drawn in rows if kind != "Programme"}
    found = {}
    for corpus in corpora:
        for source in iter_jsonl(corpus):
            title = getattr(source, "meta", {}).get("title")
            if title in wanted:
                ex = extract_source(source)
                for kind in ("Problem", "Plan"):
                    found[(title, kind)] = _names(ex, KINDS[kind])
    return found


def test_programmes_judged_wrong_are_gone_and_correct_ones_kept(audit):
    rows, _ = audit
    bad = []
    for kind, label, verdict, drawn in rows:
        if kind != "Programme":
            continue
        present = norm_name(label) in _names(extract_text(drawn["sentence"]), "programme")
        if present != (verdict == "correct"):
            bad.append((verdict, label))
    assert not bad, bad


@pytest.mark.parametrize("kind", ["Problem", "Plan"])
def test_problems_and_plans_judged_wrong_are_gone_and_correct_ones_kept(audit, report_names, kind):
    rows, _ = audit
    bad = []
    for k, label, verdict, drawn in rows:
        if k != kind:
            continue
        present = norm_name(label) in report_names.get((drawn["report"], kind), set())
        if present != (verdict == "correct"):
            bad.append((verdict, label))
    assert not bad, bad
