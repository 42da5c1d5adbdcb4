"""'kg build': reports in, RDF out (a file, an embedded store, or both)."""
from __future__ import annotations

import argparse
import os
import sys

from kg.errors import UsageError

HELP = """\
Build reports into a knowledge graph: organisations, programmes, documents,
metrics, problems, plans and responsible units, each with provenance back to
the sentence it was read from. One named graph per report.

Inputs may be files (.txt .md .html .htm .shtml .pdf .docx; UTF-8, GBK/GB18030
or UTF-16, detected), folders (searched recursively by extension) and JSONL
corpora (one report per line with a "content" field and optional title, year,
url, province, published). An input that cannot be read is reported on stderr
with its file (and line) and skipped; the others are still built.
"""

EPILOG = """\
output formats, by extension: .ttl (Turtle), .trig (TriG), .nq (N-Quads),
.nt (N-Triples), .jsonld (JSON-LD). Turtle and N-Triples hold the union of
all reports; TriG, N-Quads and JSON-LD keep one named graph per report.
N-Quads, TriG and N-Triples are written report by report as they are built;
Turtle and JSON-LD need the whole graph, so the build holds it in memory
(about 1.2 GiB per million statements): prefer .nq or .trig, or --store,
for large corpora.

examples:
  kg build report.txt -o out/graph.ttl
  kg build reports/ corpus.jsonl -o out/corpus.trig --jobs 2
  kg build reports/ --store out/store          # embedded Oxigraph store
  kg build reports/ --store out/s1 --shard 1/4  # one of 4 batch jobs (see docs/store.md)

exit codes: 0 all inputs built, 1 some input failed, 2 usage error.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build reports into an RDF graph", description=HELP, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="REPORT", help="report files, folders or .jsonl corpora")
    p.add_argument("-o", "--output", metavar="FILE", help="write the graph to FILE (format from the extension)")
    p.add_argument("--store", metavar="DIR", help="write into an embedded Oxigraph store in DIR, report by "
                   "report; reports unchanged since they were stored are skipped, a changed report "
                   "replaces its graph")
    p.add_argument("--force", action="store_true", help="with --store: build every report again, "
                   "even those unchanged since they were stored")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="extract in N worker processes (default: number of cores); same output as --jobs 1")
    p.add_argument("--shard", metavar="I/N", help="build only slice I of N (by a hash of each report's text), "
                   "so that N jobs build every report exactly once between them")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")
    from kg.ingest.limits import DEFAULT, MB

    limits = p.add_argument_group("limits (an input beyond one is refused with a message, the others are built)")
    limits.add_argument("--max-report-mb", type=_positive, default=DEFAULT.report_bytes / MB, metavar="MB",
                        help="largest report file or corpus line (default %(default)g)")
    limits.add_argument("--max-corpus-mb", type=_positive, default=DEFAULT.corpus_bytes / MB, metavar="MB",
                        help="largest .jsonl corpus file (default %(default)g)")
    limits.add_argument("--max-expanded-mb", type=_positive, default=DEFAULT.expanded_bytes / MB, metavar="MB",
                        help="largest unpacked .docx or PDF text (default %(default)g)")
    limits.add_argument("--max-sentence", type=int, default=DEFAULT.sentence_chars, metavar="CHARS",
                        help="longest run read as one sentence; longer ones are cut at a clause break "
                        "(default %(default)d)")
    p.set_defaults(func=run)


def _positive(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {text!r}")
    return value


def _limits(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kg.ingest.limits import MB, Limits

    if args.max_sentence < 20:
        raise UsageError("--max-sentence must be 20 characters or more")
    return Limits(report_bytes=int(args.max_report_mb * MB), corpus_bytes=int(args.max_corpus_mb * MB),
                  expanded_bytes=int(args.max_expanded_mb * MB), sentence_chars=args.max_sentence)


class _Progress:
    """Reports done of total, characters per second and time left, on one stderr line."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr is not None
        self.tty = self.enabled and sys.stderr.isatty()
        self.last = -1.0

    def __call__(self, done: int, total: int, chars: int, seconds: float) -> None:
        if not self.enabled or total < 2:
            return
        if done < total and seconds - self.last < (0.2 if self.tty else 2.0):
            return
        self.last = seconds
        rate = chars / seconds if seconds > 0 else 0.0
        left = (seconds / done) * (total - done) if done else 0.0
        line = f"built {done}/{total} reports, {rate:,.0f} chars/s, {left:.0f}s left"
        end = "\r" if self.tty and done < total else "\n"
        print(line.ljust(60), end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from kg.atomic import check_writable
    from kg.pipeline import print_stage
    from kg.rdf_io import rdf_format
    from kg.shard import parse_shard

    if not args.output and not args.store:
        raise UsageError("say where the graph goes: -o FILE and/or --store DIR")
    if args.force and not args.store:
        raise UsageError("--force rebuilds the reports of a store; it needs --store DIR")
    if args.output:
        rdf_format(args.output)  # fail on a bad extension before any work
        check_writable(args.output)  # and on a place that cannot be written
    if args.store:
        from kg.store import check_store_dir

        check_store_dir(args.store)
    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    shard = parse_shard(args.shard) if args.shard else None
    from kg import build_stream

    result = build_stream.stream_build(args.inputs, store=args.store, output=args.output, jobs=args.jobs,
                                       force=args.force, progress=_Progress(not args.quiet),
                                       limits=_limits(args), stage=None if args.quiet else print_stage,
                                       shard=shard)
    for err in result.errors:
        print(f"kg build: {err}", file=sys.stderr)
    if not result.reports:
        if not result.errors:  # each failed input has had its line already
            print(f"kg build: nothing built, nothing written: {_nothing_found(args.inputs)}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary(result, args.output, args.store), file=sys.stderr)
    return 1 if result.errors else 0


def _nothing_found(inputs: list[str]) -> str:
    from kg.ingest import SUPPORTED_HINT

    return f"no report files in {', '.join(inputs)} ({SUPPORTED_HINT})"


# The kinds the summary counts, as named in it and as kg.rdf counts them.
KINDS = [("organisations", "organisation"), ("programmes", "programme"), ("documents", "document"),
         ("observations", "observation"), ("problems", "problem"), ("plans", "plan")]


def summary(result, output: str | None, store: str | None) -> str:  # type: ignore[no-untyped-def]
    """A few lines: reports, distinct entities per kind in the reports built, what the store and file got."""
    from kg.pipeline import BuildResult

    if isinstance(result, BuildResult):   # a graph written whole at the end (Turtle, JSON-LD)
        return _memory_summary(result, output)
    c = result.things
    skipped = result.reports - result.built
    lines = [f"{result.built} report(s), {result.characters:,} characters in {result.seconds:.1f}s"
             + (f"; {skipped} unchanged since the last build, skipped" if skipped else "")
             + (f"; {len(result.errors)} input(s) failed" if result.errors else "")]
    if result.built:
        lines.append("  " + ", ".join(f"{c.get(key, 0)} {name}" for name, key in KINDS)
                     + f", {c.get('link', 0)} responsible-unit links")
    if output:
        lines.append(f"  graph: {output} ({result.statements:,} statements)")
    if store and result.store is not None:
        s = result.store.status
        older = len(result.store.older_removed)
        lines.append(f"  store: {store} ({s['added']} added, {s['replaced']} replaced, {s['unchanged']} unchanged, "
                     f"{s['skipped']} skipped" + (f"; {older} graph(s) of earlier texts removed" if older else "")
                     + ")")
    return "\n".join(lines)


def _memory_summary(result, output: str | None) -> str:  # type: ignore[no-untyped-def]
    c = result.things
    lines = [f"{len(result.reports)} report(s), {result.characters:,} characters in {result.seconds:.1f}s"
             + (f"; {len(result.errors)} input(s) failed" if result.errors else ""),
             "  " + ", ".join(f"{c.get(key, 0)} {name}" for name, key in KINDS)
             + f", {c.get('link', 0)} responsible-unit links",
             f"  {result.quad_count:,} statements"]
    if output:
        lines.append(f"  graph: {output}")
    return "\n".join(lines)
