"""'kg query': run a named query, a .rq file or SPARQL text on files, a store or an endpoint."""
from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TextIO

from kg.errors import UsageError

DESCRIPTION = """\
Run a named SPARQL query (see --list), a .rq file or --sparql TEXT against RDF
files (--graph, any RDF format, several allowed), an Oxigraph store directory
(--store, opened read-only, union of its named graphs) or a SPARQL 1.1 endpoint
(--endpoint). Parameters are bound as RDF terms, never pasted into the query.
Only reading is allowed: SERVICE, LOAD and updates are refused.
"""

EPILOG = """\
parameter values:
  plain text is a string literal; <…>, http(s)://… or id:kind/hash is an IRI;
  a parameter declared (integer), (decimal) or (year) takes a number or year.

examples:
  kg query --list
  kg query programme-units --graph out/graph.trig
  kg query unit-programmes --param unit=区司法局 --store out/store
  kg query indicator-series -p indicator=城镇登记失业率 --graph a.ttl --graph b.ttl --format csv
  kg query my.rq --endpoint http://localhost:7878 --token "$TOKEN"
  kg query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --graph out/graph.ttl

endpoints: Oxigraph http://host:7878 (its /query; start it with --union-default-graph),
Fuseki http://host:3030/DATASET/sparql, GraphDB http://host:7200/repositories/REPO.
Credentials: --user/--password or --token, else GOVKG_USER/GOVKG_PASSWORD/GOVKG_TOKEN.
"""

def register(sub: argparse._SubParsersAction) -> None:
    from kg.query.results import FORMATS

    p = sub.add_parser("query", help="run a named SPARQL query on files, a store or an endpoint",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="?", metavar="NAME|FILE.rq", help="a named query (see --list) or a .rq file")
    p.add_argument("--sparql", metavar="TEXT", help="the query text itself, instead of NAME or FILE")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    p.add_argument("--show-query", action="store_true",
                   help="print the query that would run (with VALUES for an endpoint) instead of running it")
    where = p.add_argument_group("where to run it (one of)")
    where.add_argument("--graph", "-g", metavar="FILE", action="extend", nargs="+", default=[],
                       help="RDF file(s) in any format, loaded into memory")
    where.add_argument("--store", metavar="DIR", help="an Oxigraph store directory, opened read-only")
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint")
    how = p.add_argument_group("how")
    how.add_argument("--param", "-p", metavar="NAME=VALUE", action="append", default=[],
                     help="bind parameter ?NAME (repeatable)")
    how.add_argument("--format", "-f", choices=FORMATS, default="table",
                     help="table (default), csv, tsv or json (SPARQL 1.1 results JSON)")
    how.add_argument("--limit", type=int, metavar="N", help="keep the first N rows")
    from kg.query.timeout import DEFAULT_TIMEOUT

    how.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help="stop the whole query (local or remote, results written included) after this long "
                     "(default %(default)g; 0: no deadline)")
    how.add_argument("--max-width", type=int, default=40, metavar="COLS",
                     help="cut table cells wider than this (default 40; 0 keeps them whole)")
    how.add_argument("--excel", action="store_true", help="CSV with a UTF-8 BOM and CRLF, for Excel")
    how.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                     help="engine for --graph files (default oxigraph, in memory)")
    how.add_argument("--ontology", action="store_true",
                     help="add ontology/gov.ttl to the --graph data (for rdfs:subClassOf* queries)")
    auth = p.add_argument_group("endpoint access")
    auth.add_argument("--user", help="HTTP basic user (else GOVKG_USER)")
    auth.add_argument("--password", help="HTTP basic password (else GOVKG_PASSWORD; prefer the variable)")
    auth.add_argument("--token", help="bearer token (else GOVKG_TOKEN; prefer the variable)")
    auth.add_argument("--method", choices=("post", "get"), default="post",
                      help="HTTP method for the endpoint (default post, form-encoded)")
    from kg.query.endpoint import MAX_RESPONSE_MB

    auth.add_argument("--max-response-mb", type=float, default=MAX_RESPONSE_MB, metavar="MB",
                      help="refuse an endpoint's answer larger than this (default %(default)g)")
    p.set_defaults(func=run_command)


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise UsageError(f"--param needs NAME=VALUE, got {pair!r} (e.g. --param unit=区司法局)")
        if name in params:
            raise UsageError(f"--param {name} is given twice")
        params[name] = value
    return params


def _list(out: TextIO) -> int:
    from kg.query import list_queries

    queries = list_queries()
    width = max(len(q.name) for q in queries) + 2
    for q in queries:
        print(f"{q.name.ljust(width)}{q.title}", file=out)
        for param in q.params:
            line = textwrap.fill(param.describe(), width=100, initial_indent=" " * (width + 2),
                                 subsequent_indent=" " * (width + 4))
            print(line, file=out)
    return 0


def _source(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kg.auth import credentials
    from kg.query import GraphFiles, OxigraphStore, SparqlEndpoint

    chosen = [name for name, value in (("--graph", args.graph), ("--store", args.store),
                                       ("--endpoint", args.endpoint)) if value]
    if not chosen:
        raise UsageError("say where to run the query: --graph FILE, --store DIR or --endpoint URL")
    if len(chosen) > 1:
        raise UsageError(f"give one of --graph, --store or --endpoint, not {' and '.join(chosen)}")
    if not args.endpoint and (args.user or args.password or args.token):
        raise UsageError("--user, --password and --token go with --endpoint")
    if args.ontology and not args.graph:
        raise UsageError("--ontology works with --graph; load ontology/gov.ttl into the store or server instead")
    if args.graph:
        return GraphFiles(args.graph, engine=args.engine, ontology=args.ontology)
    if args.store:
        return OxigraphStore(args.store)
    return SparqlEndpoint(args.endpoint, credentials(args.user, args.password, args.token), method=args.method,
                          max_bytes=_megabytes(args.max_response_mb))


def _megabytes(value: float) -> int:
    import math

    if math.isnan(value) or value <= 0:
        raise UsageError(f"--max-response-mb must be more than 0, got {value:g}")
    return int(min(value, 2.0 ** 40) * 1024 * 1024)


def run_command(args: argparse.Namespace) -> int:
    from kg import query as lib
    from kg.rdf_io import RDF_FORMATS

    if args.list:
        return _list(sys.stdout)
    if args.query is None and args.graph and args.sparql is None:
        last = args.graph[-1]  # `kg query --graph a.ttl b.ttl NAME`: NAME was taken for a file
        if last.endswith(".rq") or not last.endswith(tuple(RDF_FORMATS)):
            args.query = args.graph.pop()
    if (args.query is None) == (args.sparql is None):
        raise UsageError("give a query NAME or FILE.rq, or --sparql TEXT (one of them); "
                         "'kg query --list' shows the named queries")
    if args.limit is not None and args.limit < 0:
        raise UsageError(f"--limit must be 0 or more, got {args.limit}")
    import math

    if math.isnan(args.timeout) or math.isinf(args.timeout) or args.timeout < 0:
        raise UsageError(f"--timeout must be a number of seconds, 0 or more (0: no deadline), got {args.timeout:g}")
    query = lib.from_text(args.sparql) if args.sparql is not None else lib.load_query(args.query)
    params = parse_params(args.param)
    source = _source(args)
    if args.show_query:
        return _show(lib, query, source, params)
    out = sys.stdout
    if (getattr(out, "encoding", "utf-8") or "").lower().replace("-", "") != "utf8" and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    written = lib.write_results(query, source, out, args.format, params, limit=args.limit, timeout=args.timeout,
                                max_width=args.max_width, excel=args.excel)
    if written.truncated and args.format != "table":
        print(f"kg query: kept the first {written.rows} rows (--limit); there are more", file=sys.stderr)
    if written.rows == 0 and isinstance(source, lib.SparqlEndpoint):
        hint = source.default_graph_hint()
        if hint:
            print(f"kg query: warning: {hint}", file=sys.stderr)
    return 0


def _show(lib, query, source, params) -> int:  # type: ignore[no-untyped-def]
    from kg.query.syntax import check
    from kg.query.text import ntriples

    check(query)
    bindings = lib.bind(query, params)
    if isinstance(source, lib.SparqlEndpoint):
        print(source.request_text(query, bindings))
        return 0
    print(query.text.rstrip("\n"))
    for name, term in bindings.items():
        print(f"# bound: ?{name} = {ntriples(term)}")
    return 0
