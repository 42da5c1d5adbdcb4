"""The shared judged audit sample as a regression test for organisations and documents.

Its wrong Organisation and Document nodes must be gone from the corpus graph (or no
longer typed as such), its correct ones kept. Verdicts are read from
../shared/audit/judged-2026-12-05.json at test time; skipped where shared is absent.
No tolerance: every wrong node of the two types is gone and every correct one kept
(the partial ones, 综治中心 and abbreviated aliases such as 《建议》, are not asserted).
"""
from __future__ import annotations

import json

import pytest

from kg.pipeline import build_dataset

AUDIT = "audit/judged-2026-12-05.json"


@pytest.fixture(scope="module")
def verdicts(shared_dir) -> dict:
    path = shared_dir / AUDIT
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def typed_labels(shared_dir) -> dict[str, set[str]]:
    """Labels of the Organisation and Document nodes of the corpus graph."""
    files = sorted((shared_dir / "corpus").glob("*.jsonl"))
    if not files:
        pytest.skip("no corpus files")
    result = build_dataset(files, keep_extractions=True, jobs=1)
    out: dict[str, set[str]] = {"Organisation": set(), "Document": set()}
    for ex in result.extractions:
        for ent in ex.entities.values():
            if ent.kind == "organisation":
                out["Organisation"] |= ent.labels
            elif ent.kind == "document":
                out["Document"] |= ent.labels
    return out


def _labels(verdicts: dict, kind: str, verdict: str) -> set[str]:
    return {v["label"] for v in verdicts[kind] if v["verdict"] == verdict}


def test_wrong_organisations_of_the_judged_sample_are_gone(verdicts, typed_labels):
    assert sorted(_labels(verdicts, "Organisation", "wrong") & typed_labels["Organisation"]) == []


def test_correct_organisations_of_the_judged_sample_are_kept(verdicts, typed_labels):
    assert sorted(_labels(verdicts, "Organisation", "correct") - typed_labels["Organisation"]) == []


def test_wrong_documents_of_the_judged_sample_are_gone(verdicts, typed_labels):
    assert sorted(_labels(verdicts, "Document", "wrong") & typed_labels["Document"]) == []


def test_correct_documents_of_the_judged_sample_are_kept(verdicts, typed_labels):
    assert sorted(_labels(verdicts, "Document", "correct") - typed_labels["Document"]) == []
