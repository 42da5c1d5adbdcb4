"""'kg view': draw the graph (or part of it) as one offline HTML page."""
from __future__ import annotations

import argparse
import sys

from kg.errors import QueryError, UsageError

HELP = """\
Draw the knowledge graph as an interactive network in one self-contained HTML
file that opens offline in any browser (no CDN, no request of any kind).

Nodes are reports, organisations, programmes, documents, indicators, problems,
plans and places, coloured and shaped by class (organisations in shades of
blue); observations are shown with their indicator and the entity they are
about; mentions are not nodes, their sentences appear in the side panel when a
node or relation is clicked. Search box, type filter and legend included.
Filters combine: --report first, then --focus/--depth, then --type.
"""

EPILOG = """\
examples:
  kg view out/graph.ttl -o out/graph.html
  kg view out/graph.trig -o prog.html --type Programme Organisation
  kg view --store out/store -o one.html --report 长沙县
  kg view out/graph.ttl -o focus.html --focus 区司法局 --depth 2
  kg view out/graph.ttl -o q.html --query my-edges.rq

--type takes class names (Programme, Department, Organisation = every kind of
organisation, gov:Plan, 工作项目 ...). --report takes a report IRI or part of
its title. --query draws the rows of a named query that returns ?source and
?target (and optionally ?label).
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("view", help="draw the graph as an offline interactive HTML network",
                       description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .trig .nq .nt .jsonld ...)")
    p.add_argument("--store", metavar="DIR", help="read an embedded Oxigraph store instead of files")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument("--type", dest="types", nargs="+", action="extend", metavar="CLASS",
                   help="draw only nodes of these classes")
    p.add_argument("--report", dest="reports", nargs="+", action="extend", metavar="REPORT",
                   help="draw only what these reports mention (IRI or part of the title)")
    p.add_argument("--focus", metavar="LABEL", help="draw the neighbourhood of the node with this label")
    p.add_argument("--depth", type=int, default=1, metavar="N", help="steps around --focus (default: 1)")
    p.add_argument("--query", metavar="NAME", help="draw the ?source ?target [?label] rows of a named query")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of --query (repeatable)")
    p.add_argument("--observations", action="store_true", help="draw observations as small nodes of their own")
    p.add_argument("--title", help="page title (default: the report title, or the number of reports)")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.view.page import query_network, render_view

    if bool(args.graphs) == bool(args.store):
        raise UsageError("give RDF files or --store DIR (one of the two)")
    if args.depth < 0:
        raise UsageError("--depth must be 0 or more")
    if args.depth != 1 and not args.focus:
        raise UsageError("--depth goes with --focus LABEL")
    if args.param and not args.query:
        raise UsageError("--param goes with --query NAME")
    graph = _network(args)
    if args.query:
        graph = query_network(graph, _query_rows(args))
    stats = render_view(graph, args.output, types=args.types, reports=args.reports, focus=args.focus,
                        depth=args.depth, title=args.title)
    if not args.quiet:
        labels = "" if stats.edge_labels else "; relation names in tooltips only"
        print(f"wrote {stats.path}: {stats.nodes} nodes, {stats.edges} edges, {stats.bytes / 1024:,.0f} KB"
              f"{labels}", file=sys.stderr)
    return 0


def _network(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The node-link graph, read straight from Oxigraph (files are parsed by it, a store opened read-only)."""
    from kg.rdf_io import load_files
    from kg.store import using_store
    from kg.view.model import to_networkx

    if args.store:
        return using_store(args.store, lambda store: to_networkx(store, observation_nodes=args.observations))
    return to_networkx(load_files(args.graphs), observation_nodes=args.observations)


def _query_rows(args: argparse.Namespace) -> list[dict[str, str]]:
    from kg.query import GraphFiles, OxigraphStore, run

    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: write NAME=VALUE")
        params[name.lstrip("?")] = value
    source = OxigraphStore(args.store) if args.store else GraphFiles(args.graphs)
    result = run(args.query, source, params)
    if result.form != "SELECT" or not {"source", "target"} <= set(result.variables):
        found = " ".join("?" + v for v in result.variables) or "no variables"
        raise QueryError(f"{args.query}: --query needs a SELECT with ?source and ?target (it returns {found})")
    return result.records()
