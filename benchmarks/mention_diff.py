#!/usr/bin/env python3
"""What a change of extraction did to the nodes a user lists: labels gained, lost, and mentions moved.

Compares two built graphs (any RDF file kg reads, e.g. the .nq of both corpora
built before and after a change) node type by node type: the labels only one
side has, and the labels both have whose number of mentions (gov:Mention a
node was read from) changed, largest change first. A rule that drops a label
judged wrong is seen in the first list; a rule that also drops mentions of a
label that survives elsewhere (a national programme losing most of its
mentions) is seen only in the second, which a precision audit of labels
cannot show.

    python benchmarks/mention_diff.py BEFORE.nq AFTER.nq [--type Programme ...] [--top 40]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf_io import load_files

TYPES = ("Organisation", "Programme", "Document", "Indicator")

QUERY = """PREFIX gov: <https://w3id.org/govkg/ont#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?label (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
  GRAPH ?g { ?node a gov:%s ; rdfs:label ?label . OPTIONAL { %s } }
} GROUP BY ?label"""
# an indicator is read from no sentence itself: its mentions are those of the observations of it
READ_FROM = {"Indicator": "?obs gov:indicator ?node ; prov:wasDerivedFrom ?mention"}


def mentions(path: str, kind: str) -> dict[str, int]:
    """Each label of ``kind`` in the graph at ``path`` and how many mentions its nodes were read from."""
    solutions = load_files([path]).query(QUERY % (kind, READ_FROM.get(kind, "?node prov:wasDerivedFrom ?mention")))
    assert isinstance(solutions, ox.QuerySolutions)   # a SELECT gives rows
    return {row["label"].value: int(row["mentions"].value) for row in solutions}


def compare(before: dict[str, int], after: dict[str, int]) -> tuple[list[str], list[str], list[tuple[str, int, int]]]:
    """Labels lost, labels gained, and (label, before, after) for labels whose mentions changed."""
    lost = sorted(set(before) - set(after), key=lambda label: (-before[label], label))
    gained = sorted(set(after) - set(before), key=lambda label: (-after[label], label))
    moved = [(label, before[label], after[label]) for label in set(before) & set(after) if before[label] != after[label]]
    moved.sort(key=lambda row: (-abs(row[2] - row[1]), row[0]))
    return lost, gained, moved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", help="graph built before the change")
    ap.add_argument("after", help="graph built after the change")
    ap.add_argument("--type", nargs="+", choices=TYPES, default=list(TYPES), help="node types to compare")
    ap.add_argument("--top", type=int, default=40, help="rows to show of each list (default 40)")
    a = ap.parse_args()
    try:
        for kind in a.type:
            before, after = mentions(a.before, kind), mentions(a.after, kind)
            lost, gained, moved = compare(before, after)
            print(f"{kind}: {len(before)} → {len(after)} labels, {sum(before.values())} → "
                  f"{sum(after.values())} mentions; {len(lost)} lost, {len(gained)} gained, {len(moved)} moved")
            for label in lost[:a.top]:
                print(f"  - {label} ({before[label]})")
            for label in gained[:a.top]:
                print(f"  + {label} ({after[label]})")
            for label, old, new in moved[:a.top]:
                print(f"  ~ {label} {old} → {new}")
    except StoreError as exc:
        print(f"mention_diff: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
