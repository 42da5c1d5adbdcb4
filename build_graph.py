#!/usr/bin/env python3
"""Build the bundled sample report into out/graph.ttl and out/graph.html, and say what is in it.

    python build_graph.py                      # the sample in data/sample/
    python build_graph.py REPORT... --out DIR  # any reports of the genre

The HTML view opens offline in any browser. For everything else use the `kg`
command (`kg --help`).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="reports to build (default: the bundled sample)")
    parser.add_argument("--out", default=str(HERE / "out"), help="output folder (default: out/)")
    args = parser.parse_args(argv)

    import pyoxigraph as ox

    from kg.cli.build import summary
    from kg.errors import KGError
    from kg.namespaces import DCTERMS
    from kg.pipeline import build_dataset
    from kg.rdf_io import write_dataset
    from kg.view.page import render_view

    # The graph records each input as given (dcterms:source): the sample by a relative path, not this machine's.
    inputs = args.inputs or [os.path.relpath(SAMPLE)]
    out = Path(args.out)
    try:
        result = build_dataset(inputs)
        for err in result.errors:
            print(f"build_graph: {err}", file=sys.stderr)
        if not result.reports:
            print("build_graph: no report could be built", file=sys.stderr)
            return 1
        ttl, html = out / "graph.ttl", out / "graph.html"
        write_dataset(result.store, ttl)
        write_dataset(result.store, out / "graph.trig")
        titles = sorted({q.object.value for q in result.store.quads_for_pattern(None, ox.NamedNode(str(DCTERMS.title)), None)})
        stats = render_view(result.store, html, title="govkg: " + "; ".join(titles))
    except KGError as exc:
        print(f"build_graph: {exc}", file=sys.stderr)
        return 1
    print(summary(result, str(ttl), None))
    print(f"  view: {html} ({stats.nodes} nodes, {stats.edges} edges; open it in a browser, no network needed)")
    print(f"  named graphs: {out / 'graph.trig'}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
