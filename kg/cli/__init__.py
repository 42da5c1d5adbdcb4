"""The ``kg`` command. The cli package is the only place that parses argv.

Each subcommand lives in its own module with ``register(subparsers)``, which
adds a parser whose ``func`` takes the parsed namespace and returns an exit
code. Library errors (:class:`kg.errors.KGError`) become one line on stderr.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from kg.errors import KGError, UsageError

COMMAND_MODULES = ("build", "query", "view", "store", "validate", "serve")

DESCRIPTION = """\
govkg: a knowledge graph of Chinese government work reports.

Build reports (text, HTML, PDF, Word, JSONL corpora) into RDF with provenance,
query it with named SPARQL queries, draw it as an offline HTML network view,
and keep it in an embedded Oxigraph store or on a SPARQL 1.1 server.
"""

EPILOG = """\
examples:
  kg build report.txt -o out/graph.ttl
  kg build reports/ corpus.jsonl --store out/store
  kg query --list
  kg query programme-units --graph out/graph.ttl
  kg view out/graph.ttl -o out/graph.html
  kg validate out/graph.trig
  kg export --store out/store -o out/all.trig
  kg push --store out/store --endpoint http://127.0.0.1:7878

Run 'kg COMMAND --help' for the options of each command.
Exit codes: 0 success, 1 an input or query failed, 2 usage error.
"""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from kg import __version__

    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"kg.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` with ``argv``; returns the exit code (for in-process tests)."""
    from kg.cli import guard

    guard.closed_stderr()  # argparse's own messages need one
    parser = make_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # reported with the usage of the command they were given to, not kg's
            _command_parser(parser, getattr(args, "command", None)).error(
                f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    problem = guard.closed_stdout(args.command) or guard.bad_text_argument(args)
    if problem:
        print(f"kg {args.command}: {problem}", file=sys.stderr)
        return 2
    try:
        with guard.sigterm_as_interrupt():
            return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 2
    except KGError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (guard.Terminated)
        return guard.interrupted(args.command, exc)
    except BrokenPipeError:  # e.g. `kg query ... | head`
        guard.drop_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug in govkg: one line, never a traceback
        return guard.internal_error(args.command, exc)


def _command_parser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser:
    """The sub-parser of ``command`` (``kg``'s own parser when there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]
    return parser


def run() -> None:
    sys.exit(main())
