"""'kg validate': check a graph against the SHACL shapes (a thin layer over kg.validate)."""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from kg.errors import KGError, UsageError

if TYPE_CHECKING:
    from kg.validate import Validation

HELP = """\
Check a graph built by 'kg build' against the SHACL shapes shipped with govkg
(ontology/shapes.ttl), with pySHACL: every report has a title and one year;
every entity a label, a type, the report that mentions it and the mention it
was read from; every observation one value, unit, indicator and year; every
responsibility a unit and a role; every citation a document; every mention its
report, sentence and start and end offsets. docs/graph-shape.md lists them.

A report whose input names no title or year (an excerpt, a resolution that
names only its session) gets a warning, not a violation: warnings are listed
but the graph still conforms, unless --strict.

Each report's named graph is validated on its own. The results are grouped by
shape, violations first, then by count: the shape, how many results, what it
asks for, and a few of the nodes with their labels.
"""

EPILOG = """\
examples:
  kg validate out/graph.trig
  kg validate --store out/store
  kg validate out/graph.ttl --examples 10
  kg validate out/graph.trig --strict --shapes my-shapes.ttl

exit codes (as pySHACL's): 0 the graph conforms (warnings allowed unless
--strict), 1 it does not, 2 it could not be checked (usage error, missing or
unreadable file or store, invalid shapes; the reason is one line on stderr).
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a graph against the SHACL shapes (exit 0 conforms, 1 does not)",
                       description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .trig .nq .nt .jsonld ...)")
    p.add_argument("--store", metavar="DIR", help="validate an embedded Oxigraph store instead of files")
    p.add_argument("--shapes", metavar="FILE", help="a Turtle file of SHACL shapes (default: the shapes of govkg)")
    p.add_argument("--strict", action="store_true",
                   help="count warnings (a report with no title or year found) as violations")
    p.add_argument("--examples", type=int, default=3, metavar="N",
                   help="nodes shown for each shape (default: 3; 0 shows all)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.validate import validate

    if bool(args.graphs) == bool(args.store):
        raise UsageError("give RDF files or --store DIR (one of the two)")
    if args.examples < 0:
        raise UsageError("--examples must be 0 or more")
    try:
        result = validate(args.graphs, store=args.store, shapes=args.shapes, strict=args.strict)
    except KGError as exc:   # nothing was checked: exit 2, as pySHACL does, so that 1 always means "does not conform"
        print(f"kg validate: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(report_text(result, args.examples))
    return 0 if result.conforms else 1


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def report_text(result: Validation, examples: int = 3) -> str:
    """The summary line, then each shape: name, count, message, and a few nodes with their labels."""
    from kg.query.results import compact

    checked = (f"{_count(result.graphs, 'graph')}, {result.triples:,} triples checked against "
               f"{result.shapes} shapes ({result.seconds:.1f} s)")
    found = [_count(result.violations, "violation")] if result.violations else []
    if result.warnings:
        found.append(_count(result.warnings, "warning"))
    verdict = "conforms" if result.conforms else "does not conform"
    lines = [f"{verdict}: {' and '.join(found) + ' in ' if found else ''}{checked}"]
    for group in result.groups:
        lines.append("")
        kind = "" if group.severity == "Violation" else f"[{group.severity.lower()}]  "
        lines.append(f"{group.name}  {group.count:,}  {kind}{group.message}")
        shown = group.findings if examples == 0 else group.findings[:examples]
        for finding in shown:
            parts = [compact(finding.focus)]
            if finding.label:
                parts.append(finding.label)
            if finding.value:
                parts.append(f"value {compact(finding.value)}")
            if finding.graph and finding.graph != finding.focus:
                parts.append(f"in {compact(finding.graph)}")
            if finding.message != group.message:
                parts.append(f"({finding.message})")
            lines.append("  " + "  ".join(parts))
        if len(shown) < group.count:
            lines.append(f"  … and {group.count - len(shown):,} more")
    return "\n".join(lines) + "\n"
