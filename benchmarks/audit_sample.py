"""Corpus precision audit: a seeded random sample of distinct nodes per type, and its score.

Draw a judging sheet from any graph file(s) or Oxigraph store::

    .venv/bin/python benchmarks/audit_sample.py --graph out/corpus.trig --seed 7 -n 60 -o sheet.json
    .venv/bin/python benchmarks/audit_sample.py --store out/store --seed 7 -o sheet.tsv

Each row is one distinct node (by IRI) of a type (Organisation, Programme,
Indicator, Document, Problem, Plan): iri, label, type, the title of a report
that mentions it and one source sentence (both chosen with the same seed), and
empty ``verdict`` and ``reason`` columns to fill in by the rules of the shared
audit README (verdicts ``correct``, ``partial``, ``wrong``). ``.json`` writes
``{type: [row, ...]}`` (the layout of the shared audit files), ``.tsv`` one row
per line; ``-o -`` prints TSV.

Score a judged sheet (JSON ``{type: [{label, verdict, ...}]}`` or TSV with a
``type`` and a ``verdict`` column)::

    .venv/bin/python benchmarks/audit_sample.py --score judged.json

prints, per type, n and the correct/partial/wrong counts with strict
(correct / n) and lenient ((correct + partial) / n) precision and their 95 %
Wilson intervals. Graphs are read through kg.query (the loaders of `kg query`).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import KGError
from kg.query import GraphFiles, OxigraphStore, from_text, run

TYPES = ("Organisation", "Programme", "Indicator", "Document", "Problem", "Plan")
VERDICTS = ("correct", "partial", "wrong")
COLUMNS = ("type", "iri", "label", "report", "sentence", "verdict", "reason")
PREFIXES = """PREFIX gov: <https://w3id.org/govkg/ont#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# a node's mentions: its own, or (indicators) those of the observations that measure it
_READ_FROM = ("?thing prov:wasDerivedFrom ?m .", "?obs gov:indicator ?thing ; prov:wasDerivedFrom ?m .")


def _nodes(source: GraphFiles | OxigraphStore, kind: str) -> dict[str, str]:
    """Every node typed gov:KIND that was read from a report, with one label (the smallest)."""
    labels: dict[str, str] = {}
    for read_from in _READ_FROM:  # one query each: a UNION under the grouping is many times slower
        text = PREFIXES + f"""SELECT ?thing (MIN(STR(?name)) AS ?label) WHERE {{
  ?thing a gov:{kind} ; rdfs:label ?name . {read_from}
}} GROUP BY ?thing"""
        for row in run(from_text(text, name=f"audit nodes {kind}"), source).records():
            label = row.get("label", "")
            labels[row["thing"]] = min(label, labels.get(row["thing"], label))
    return labels


def _mentions(source: GraphFiles | OxigraphStore, iris: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(report title, sentence) of every mention of the given nodes, sorted for a stable choice."""
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in iris)
    text = PREFIXES + f"""SELECT DISTINCT ?thing ?title ?sentence WHERE {{
  VALUES ?thing {{ {values} }}
  {{ {_READ_FROM[0]} }} UNION {{ {_READ_FROM[1]} }}
  OPTIONAL {{ ?m gov:inReport ?r . OPTIONAL {{ ?r dcterms:title ?title }} }}
  OPTIONAL {{ ?m gov:sentence ?sentence }}
}}"""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in run(from_text(text, name="audit mentions"), source).records():
        found[row["thing"]].append((row.get("title", ""), row.get("sentence", "")))
    return {iri: sorted(set(rows)) for iri, rows in found.items()}


def draw(source: GraphFiles | OxigraphStore, n: int, seed: int,
         types: tuple[str, ...] = TYPES) -> dict[str, list[dict[str, str]]]:
    """A sheet: for each type, n distinct nodes drawn at random with ``seed`` (all if fewer)."""
    rng = random.Random(seed)
    sheet: dict[str, list[dict[str, str]]] = {}
    for kind in types:
        nodes = _nodes(source, kind)
        chosen = rng.sample(sorted(nodes), min(n, len(nodes)))
        mentions = _mentions(source, chosen)
        rows = []
        for iri in chosen:
            report, sentence = rng.choice(mentions.get(iri) or [("", "")])
            rows.append({"type": kind, "iri": iri, "label": nodes[iri], "report": report,
                         "sentence": sentence, "verdict": "", "reason": ""})
        sheet[kind] = rows
    return sheet


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_sheet(sheet: dict[str, list[dict[str, str]]], out: str) -> None:
    if out.endswith(".json"):
        Path(out).write_text(json.dumps(sheet, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    lines = ["\t".join(COLUMNS)]
    for rows in sheet.values():
        lines += ["\t".join(_one_line(row.get(c, "")) for c in COLUMNS) for row in rows]
    text = "\n".join(lines) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def read_judged(path: str) -> dict[str, list[str]]:
    """The verdicts of a judged sheet, by type; a missing or unknown verdict is an error."""
    file = Path(path)
    if file.suffix == ".json":
        data = json.loads(file.read_text(encoding="utf-8"))
        rows = [(kind, i + 2, row.get("verdict", "")) for kind, items in data.items()
                for i, row in enumerate(items)]
    else:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = [(row.get("type", ""), i + 2, row.get("verdict") or "")
                    for i, row in enumerate(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))]
    verdicts: dict[str, list[str]] = defaultdict(list)
    for kind, where, verdict in rows:
        verdict = verdict.strip().lower()
        if verdict not in VERDICTS:
            raise ValueError(f"{path}: {kind} row {where}: verdict {verdict!r} is not one of "
                             f"{', '.join(VERDICTS)}; judge every row before scoring")
        verdicts[kind].append(verdict)
    return verdicts


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % for z = 1.96)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def score_table(verdicts: dict[str, list[str]]) -> str:
    lines = ["| type | n | correct | partial | wrong | strict (95 % CI) | lenient (95 % CI) |",
             "|---|---|---|---|---|---|---|"]
    order = [t for t in TYPES if t in verdicts] + sorted(set(verdicts) - set(TYPES))
    for kind in order:
        got = verdicts[kind]
        n, c, p = len(got), got.count("correct"), got.count("partial")
        cells = []
        for hits in (c, c + p):
            lo, hi = wilson(hits, n)
            cells.append(f"{hits / n if n else 0:.3f} ({lo:.2f}–{hi:.2f})")
        lines.append(f"| {kind} | {n} | {c} | {p} | {got.count('wrong')} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--graph", nargs="+", metavar="FILE", help="RDF file(s) of a built graph")
    where.add_argument("--store", metavar="DIR", help="an Oxigraph store directory")
    where.add_argument("--score", metavar="JUDGED", help="score a judged sheet (.json or .tsv)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the draw (default 1)")
    parser.add_argument("-n", type=int, default=60, help="nodes per type (default 60)")
    parser.add_argument("--type", nargs="+", choices=TYPES, default=list(TYPES), help="types to draw")
    parser.add_argument("-o", "--out", default="-", help="sheet to write: .json, .tsv or - (TSV on stdout)")
    args = parser.parse_args(argv)
    try:
        if args.score:
            print(score_table(read_judged(args.score)))
            return 0
        if not (args.graph or args.store):
            parser.error("give --graph FILE, --store DIR or --score JUDGED")
        source = OxigraphStore(args.store) if args.store else GraphFiles(args.graph)
        write_sheet(draw(source, args.n, args.seed, tuple(args.type)), args.out)
    except (KGError, ValueError, OSError) as exc:
        print(f"audit_sample: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
