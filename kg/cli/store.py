"""'kg push', 'kg remove', 'kg export', 'kg reports': the embedded store and SPARQL servers.

Each command parses its options, calls one function of :mod:`kg.store` or
:mod:`kg.remote`, and prints the result: results on stdout, progress on stderr.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path

from kg.errors import UsageError

RAW = argparse.RawDescriptionHelpFormatter
NETWORK_FORMATS = (".graphml", ".gexf")

PUSH_HELP = """\
Upload report graphs to a SPARQL 1.1 server, one named graph per report, with the
SPARQL 1.1 Graph Store HTTP Protocol (PUT ...?graph=<report IRI>). PUT replaces
the graph, so pushing the same reports again changes nothing on the server.

The Graph Store URL is derived from --endpoint for known servers:
  Oxigraph server   http://host:7878                    -> http://host:7878/store
  Apache Jena Fuseki http://host:3030/DS/sparql          -> http://host:3030/DS/data
  GraphDB / RDF4J   http://host:7200/repositories/REPO  -> .../repositories/REPO/rdf-graphs/service
  Virtuoso          http://host:8890/sparql             -> http://host:8890/sparql-graph-crud
Other servers: give it with --graph-store URL.

Credentials: --user/--password (HTTP basic) or --token (bearer), or the
environment variables GOVKG_USER, GOVKG_PASSWORD, GOVKG_TOKEN (better: options
are visible to other users of the machine). They are sent only in the
Authorization header and never printed.
"""
PUSH_EPILOG = """\
examples:
  kg push out/graph.trig --endpoint http://localhost:7878
  kg push --store out/store --endpoint http://localhost:3030/govkg/sparql
  GOVKG_USER=admin GOVKG_PASSWORD=... kg push --store out/store \\
      --endpoint http://graphdb.example.org:7200/repositories/govkg
  kg push out/graph.nq --endpoint https://example.org/sparql --graph-store https://example.org/gsp
"""

REMOVE_HELP = """\
Remove reports from an embedded store: the reports built from these source files
(as recorded in dcterms:source, matched exactly or as the same resolved path), or
with these report IRIs (full, <...>, or id:report/...). Only those reports' graphs
go; programmes and documents that other reports mention keep those reports'
triples. If any name is not found, nothing is removed. Prints the removed reports.
"""
REMOVE_EPILOG = """\
examples:
  kg reports --store out/store                      # see what is there
  kg remove reports/2023.txt --store out/store
  kg remove id:report/3f2a9c0d1b7e4a56 --store out/store
"""

EXPORT_HELP = """\
Write RDF files or a whole embedded store to one file, the format chosen by the
extension: .trig .nq .jsonld keep one named graph per report; .ttl .nt .rdf .owl
.n3 get the union of all graphs (each triple once). Statements are sorted, so the
same graph gives the same file. .graphml and .gexf write the node-link network
that 'kg view' draws, for Gephi, yEd or networkx.
"""
EXPORT_EPILOG = """\
examples:
  kg export --store out/store -o out/all.trig
  kg export --store out/store -o out/all.ttl        # union, no named graphs
  kg export out/a.trig out/b.trig -o out/both.nq
  kg export --store out/store -o out/network.gexf
"""

REPORTS_HELP = "List the reports in an embedded store: IRI, year, quads, source and title."
REPORTS_EPILOG = """\
examples:
  kg reports --store out/store
  kg reports --store out/store --format json
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help="upload report graphs to a SPARQL server (Graph Store Protocol)",
                       description=PUSH_HELP, epilog=PUSH_EPILOG, formatter_class=RAW)
    p.add_argument("graphs", nargs="*", metavar="FILE", help="RDF files with one named graph per report "
                   "(.trig .nq .jsonld), or a Turtle file of one report")
    p.add_argument("--store", metavar="DIR", help="push every report of this embedded store instead")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the server's SPARQL endpoint")
    p.add_argument("--graph-store", metavar="URL", help="its Graph Store Protocol URL, when it cannot be derived")
    p.add_argument("--user", metavar="U", help="user for HTTP basic authentication (or GOVKG_USER)")
    p.add_argument("--password", metavar="P", help="password (or GOVKG_PASSWORD, which others cannot see)")
    p.add_argument("--token", metavar="T", help="bearer token (or GOVKG_TOKEN)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for each request "
                   "(default 60)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run_push)

    p = sub.add_parser("remove", help="remove reports from an embedded store",
                       description=REMOVE_HELP, epilog=REMOVE_EPILOG, formatter_class=RAW)
    p.add_argument("reports", nargs="+", metavar="SOURCE", help="a report's source path or its IRI")
    p.add_argument("--store", required=True, metavar="DIR", help="the embedded Oxigraph store")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    p.set_defaults(func=run_remove)

    p = sub.add_parser("export", help="write RDF files or a store as one RDF, GraphML or GEXF file",
                       description=EXPORT_HELP, epilog=EXPORT_EPILOG, formatter_class=RAW)
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files to read (.ttl .trig .nq .nt .jsonld .rdf)")
    p.add_argument("--store", metavar="DIR", help="export this embedded store instead")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write; its extension "
                   "sets the format")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    p.set_defaults(func=run_export)

    p = sub.add_parser("reports", help="list the reports in an embedded store",
                       description=REPORTS_HELP, epilog=REPORTS_EPILOG, formatter_class=RAW)
    p.add_argument("--store", required=True, metavar="DIR", help="the embedded Oxigraph store")
    p.add_argument("--format", choices=("table", "tsv", "json"), default="table", help="output format "
                   "(default table)")
    p.set_defaults(func=run_reports)


def _say(args: argparse.Namespace, line: str) -> None:
    if not args.quiet:
        print(line, file=sys.stderr)


def _one_source(args: argparse.Namespace, files: str) -> None:
    if args.graphs and args.store:
        raise UsageError(f"give either {files} or --store DIR, not both")
    if not args.graphs and not args.store:
        raise UsageError(f"give {files} or --store DIR")


def run_push(args: argparse.Namespace) -> int:
    from kg.auth import credentials
    from kg.rdf_io import read_files
    from kg.remote import push

    _one_source(args, "FILE...")
    if args.timeout <= 0:
        raise UsageError("--timeout must be more than 0 seconds")
    creds = credentials(args.user, args.password, args.token)
    source = Path(args.store) if args.store else read_files(args.graphs)
    stats = push(source, args.endpoint, graph_store_url=args.graph_store, credentials=creds,
                 timeout=args.timeout, progress=None if args.quiet else (lambda s: print(s, file=sys.stderr)))
    print(f"pushed {len(stats.graphs)} report graph(s), {stats.triples:,} triples, to {stats.graph_store} "
          f"in {stats.seconds:.1f}s")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from kg.store import list_reports, remove_reports

    sources = {r.iri: r.source or "" for r in list_reports(args.store)}
    removed = remove_reports(args.store, args.reports)
    for iri in removed:
        print(f"{iri}\t{sources.get(iri, '')}")
    _say(args, f"removed {len(removed)} report(s) from {args.store}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from kg.rdf_io import RDF_FORMATS, export_dataset, read_files
    from kg.store import export_store, read_dataset

    _one_source(args, "GRAPH...")
    out = args.output
    if Path(out).suffix.lower() not in (*RDF_FORMATS, *NETWORK_FORMATS):
        raise UsageError(f"{out}: unknown file extension; use one of {', '.join([*RDF_FORMATS, *NETWORK_FORMATS])}")
    if Path(out).suffix.lower() in NETWORK_FORMATS:
        from kg.view.export import write_network
        from kg.view.model import to_networkx

        dataset = read_dataset(args.store) if args.store else read_files(args.graphs)
        G = to_networkx(dataset)
        write_network(G, out)
        _say(args, f"wrote {out}: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges")
        return 0
    count = export_store(args.store, out) if args.store else export_dataset(read_files(args.graphs), out)
    _say(args, f"wrote {out}: {count:,} statements")
    return 0


def run_reports(args: argparse.Namespace) -> int:
    from kg.store import list_reports

    reports = list_reports(args.store)
    if args.format == "json":
        json.dump([asdict(r) for r in reports], sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "tsv":
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        writer.writerow(["iri", "year", "quads", "source", "title"])
        for r in reports:
            writer.writerow([r.iri, r.year or "", r.quads, r.source or "", r.title or ""])
    else:
        if not reports:
            print(f"{args.store}: no reports", file=sys.stderr)
            return 0
        width = max(len(r.iri) for r in reports)
        print(f"{'IRI':<{width}}  {'YEAR':<4}  {'QUADS':>7}  SOURCE  TITLE")
        for r in reports:
            print(f"{r.iri:<{width}}  {r.year or '':<4}  {r.quads:>7}  {r.source or '-'}  {r.title or ''}")
    return 0
