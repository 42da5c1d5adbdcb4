#!/usr/bin/env python3
"""Responsible-unit links scored on the shared passage set (gold/links), overall and by role.

Builds each of the 120 passages, scores it with the shared scorer
(eval/score.py, category responsible_units) and sums found/gold/correct/
predicted over passages (micro average, as gold/links/README.md does). Recall
is also given per role of the required gold links.

    python benchmarks/links_score.py [--shared DIR]
"""
from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

from rdflib import Graph

from kg.pipeline import build_dataset

ROOT = Path(__file__).resolve().parents[1]


def shared_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("govkg_shared_score", shared / "eval" / "score.py")
    assert spec and spec.loader, shared
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def passage_graph(text: Path, ontology: Graph) -> Graph:
    built = build_dataset([text])
    if built.errors:
        raise SystemExit(f"{text}: {built.errors[0]}")
    g = Graph()
    for triple in ontology:
        g.add(triple)
    for s, p, o, _ in built.dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def score_passages(shared: Path) -> dict[str, object]:
    """Totals over the passage set: P, R, F1, and recall by role of the required links."""
    scorer, folder = shared_scorer(shared), shared / "gold" / "links"
    ontology = Graph().parse(ROOT / "ontology" / "gov.ttl", format="turtle")
    totals = {"found": 0, "gold": 0, "correct": 0, "predicted": 0}
    roles: dict[str, list[int]] = {}
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        graph = passage_graph(folder / "raw" / f"{gold_path.stem}.txt", ontology)
        result = scorer.score_links(graph, gold)
        for key in totals:
            totals[key] += result[key]
        for role in {link["role"] for link in gold.get("links", []) if link.get("required", True)}:
            one = copy.deepcopy(gold)
            one["links"] = [lk for lk in gold["links"] if lk["role"] == role and lk.get("required", True)]
            by_role = scorer.score_links(graph, one)
            counts = roles.setdefault(role, [0, 0])
            counts[0] += by_role["found"]
            counts[1] += by_role["gold"]
    precision = totals["correct"] / totals["predicted"] if totals["predicted"] else 1.0
    recall = totals["found"] / totals["gold"] if totals["gold"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {**totals, "precision": precision, "recall": recall, "f1": f1,
            "recall_by_role": {r: (f, g) for r, (f, g) in sorted(roles.items())}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    if not (args.shared / "gold" / "links" / "gold").is_dir():
        print(f"no passage set under {args.shared / 'gold' / 'links'}; give --shared DIR", file=sys.stderr)
        return 1
    r = score_passages(args.shared)
    print(f"responsible_units gold={r['gold']} predicted={r['predicted']} "
          f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")
    for role, (found, gold) in r["recall_by_role"].items():  # type: ignore[attr-defined]
        print(f"  {role:10} recall {found}/{gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
