#!/usr/bin/env python3
"""Validation benchmark: 'kg validate' on both corpora, and the choices behind it.

Builds the corpora once (N-Quads file and Oxigraph store in a temporary
folder), then times each configuration in a fresh subprocess, REPEAT times,
and prints medians:

- shipped, store / file: kg.validate.validate(store=DIR) and validate([FILE]);
- all predicates: every triple copied to rdflib, not only those the shapes read;
- one union graph: all reports in one pySHACL call instead of one per report;
- nested shapes: the same constraints as property shapes under node shapes
  (sh:property), which pySHACL evaluates once per focus node.

    python benchmarks/bench_validate.py [--repeat 3] [--corpus FILE ...] [--skip-nested]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl",
           ROOT.parent / "shared" / "corpus" / "provincial_work_reports_2026.jsonl"]

RUN = """
import sys, time, json
import pyoxigraph as ox
from rdflib import Graph, Namespace
import kg.validate as v

variant, nquads, store_dir = sys.argv[1:4]
SH = Namespace("http://www.w3.org/ns/shacl#")


def nested(shapes):
    # the same property shapes, each reached from one node shape per target set (sh:property)
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
    out = Graph()
    for t in shapes:
        if t[1] not in targets:
            out.add(t)
    for shape in set(shapes.subjects(SH.path, None)):
        node = shape + "-node"
        out.add((node, v.RDF.type, SH.NodeShape))
        out.add((node, SH.property, shape))
        for p in targets:
            for o in shapes.objects(shape, p):
                out.add((node, p, o))
    return out


t = time.perf_counter()
if variant == "shipped, store":
    r = v.validate(store=store_dir)
elif variant == "shipped, file":
    r = v.validate([nquads])
else:
    store = ox.Store()
    store.load(path=nquads, format=ox.RdfFormat.N_QUADS)
    t = time.perf_counter()
    shapes = v.load_shapes()
    if variant == "all predicates":
        v._predicates = lambda s: None
    elif variant == "nested shapes":
        shapes = nested(shapes)
    elif variant == "one union graph":
        copy = v._copy
        v._graph_names = lambda s: [ox.DefaultGraph()]
        v._copy = lambda s, name, predicates: copy(s, None, predicates)   # None: every graph at once
    r = v.validate_oxigraph(store, shapes)
print(json.dumps({"seconds": time.perf_counter() - t, "graphs": r.graphs, "triples": r.triples,
                  "results": r.results, "violations": r.violations}))
"""


def run(variant: str, nquads: Path, store: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, variant, str(nquads), str(store)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", nargs="*", default=[str(p) for p in DEFAULT])
    ap.add_argument("--skip-nested", action="store_true", help="leave out the slow nested-shapes run")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        nquads, store = Path(tmp) / "corpus.nq", Path(tmp) / "store"
        _build(a.corpus, nquads, store)
        variants = ["shipped, store", "shipped, file", "all predicates", "one union graph"]
        if not a.skip_nested:
            variants.append("nested shapes")
        print(f"{'configuration':18} {'median s':>9} {'graphs':>7} {'triples':>9} {'results':>8}")
        for variant in variants:
            results = [run(variant, nquads, store) for _ in range(1 if variant == "nested shapes" else a.repeat)]
            last = results[-1]
            median = statistics.median(r["seconds"] for r in results)
            print(f"{variant:18} {median:9.1f} {last['graphs']:7} {last['triples']:9,} {last['results']:8}")
    return 0


def _build(corpus: list[str], nquads: Path, store: Path) -> None:
    from kg.cli import main as kg

    if kg(["build", *corpus, "-o", str(nquads), "--store", str(store), "--jobs", "2", "-q"]) != 0:
        raise SystemExit("the corpus build failed")


if __name__ == "__main__":
    sys.exit(main())
