"""'kg serve': a local web app over a store or RDF files (SPARQL endpoint, pages, query UI)."""
from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from kg.errors import StoreError, UsageError

HELP = """\
Start a local web app over an Oxigraph store (--store, opened read-only) or
RDF files: a SPARQL 1.1 endpoint at /sparql, a query page with YASGUI and the
named queries, a page for every report and entity, and search. Everything is
served from the package; nothing is fetched from the network. Stop it with
Ctrl-C.
"""

EPILOG = """\
examples:
  kg serve --store out/store
  kg serve out/graph.trig --port 8080
  kg serve --store out/store --timeout 30 --limit 10000

The endpoint takes GET, POST form-encoded and POST application/sparql-query;
SERVICE, LOAD and updates are refused, as in 'kg query'.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="explore the graph in a browser: SPARQL endpoint, pages, query UI",
                       description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .trig .nq .nt .jsonld ...)")
    p.add_argument("--store", metavar="DIR", help="an Oxigraph store directory, opened read-only")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop a query (SPARQL, or a page's own) that runs longer: its process is killed "
                        "and the request answers 503 (as kg query --timeout; default 300)")
    p.add_argument("--limit", type=int, metavar="N",
                   help="keep the first N rows of a SPARQL answer (as kg query --limit; default none)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="query processes, each with the store open (default: CPUs, between 2 and 4)")
    p.set_defaults(func=run_command)


def _source(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kg.query import GraphFiles, OxigraphStore

    if bool(args.store) == bool(args.graphs):
        raise UsageError("give an Oxigraph store (--store DIR) or RDF files (GRAPH...), one of them")
    if args.store:
        store = OxigraphStore(args.store)
        store.open()  # a store that cannot be opened is one line now, not an error on every page
        store.close()  # the query processes hold it open; this one would keep files a build deletes
        return store
    return GraphFiles(args.graphs)  # loaded by each query process (a file that cannot be read fails the start)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if port and "in use" in str(exc).lower():
            raise StoreError(f"port {port} on {host} is in use; choose another with --port (0 picks a free one)") \
                from None
        raise StoreError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    sock.listen(128)
    return sock


def run_command(args: argparse.Namespace) -> int:
    import uvicorn

    from kg.serve.app import create_app

    if args.limit is not None and args.limit < 0:
        raise UsageError(f"--limit must be 0 or more, got {args.limit}")
    if args.timeout is not None and args.timeout < 0:
        raise UsageError(f"--timeout must be 0 or more seconds, got {args.timeout:g}")
    if args.workers is not None and not 1 <= args.workers <= 64:
        raise UsageError(f"--workers must be between 1 and 64, got {args.workers}")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    # report sources recorded with a relative path are looked for from here and beside the store
    roots = [Path.cwd()] + ([Path(args.store).resolve().parent] if args.store else [])
    app = create_app(_source(args), timeout=args.timeout or None, limit=args.limit, roots=roots,
                     workers=args.workers)
    pool = app.state.pool
    try:
        sock = _listen(args.host, args.port)
        pool.start()  # before the first request, and before uvicorn's threads
    except BaseException:
        pool.close()
        raise
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"kg serve: http://{shown}:{port}/ (Ctrl-C stops it)", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down on SIGINT, then raises it again for the caller
        pass
    finally:
        pool.close()  # no query process outlives the server
        sock.close()
    print("kg serve: stopped", file=sys.stderr)
    return 0
