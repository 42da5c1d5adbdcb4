"""``kg build`` as a stream: each report goes to the store and the file as soon as it is built.

The main process keeps the list of inputs (paths, or a corpus's lines until
their turn) and a few reports in flight; every report's graph is written and
dropped before more than a few others are waiting (:func:`kg.pipeline.in_order`).

Files in N-Quads, TriG and N-Triples are written as the reports come, in input
order, so the same inputs give the same bytes whatever ``--jobs`` is.
N-Triples holds the union of all reports, each triple once: a 64-bit
fingerprint of every triple written is kept to drop repeats (some 60 bytes of
memory per distinct triple). Turtle, JSON-LD, RDF/XML and N3 need the whole
graph (Turtle groups each subject's statements, JSON-LD and RDF/XML nest them),
so for these the build gathers every report in memory first, about 1.2 GiB
per million statements.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any

import pyoxigraph as ox

from kg import ingest
from kg.atomic import atomic_path
from kg.errors import InputError, StoreError
from kg.ingest.limits import DEFAULT, Limits
from kg.namespaces import PREFIX_IRIS
from kg.pipeline import Progress, ReportBuilt, Stage, count_new, find_inputs, fingerprint, in_order
from kg.rdf_io import dump_store, rdf_format
from kg.shard import Shard
from kg.store_build import StoreWriter, WriteStats, input_digest
from kg.write_behind import WriteBehind

#: Output formats written report by report; the others gather the whole graph first.
STREAMED = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES)


@dataclass
class StreamResult:
    """What a streamed build did; it holds counts, never graphs."""

    reports: int = 0                 # distinct reports built or skipped
    built: int = 0                   # of which built in this run
    errors: list[InputError] = field(default_factory=list)
    characters: int = 0
    seconds: float = 0.0
    things: Counter[str] = field(default_factory=Counter)   # distinct things of each kind in the reports built
    statements: int = 0              # written to the file
    store: WriteStats | None = None
    total: int = 0                   # reports found in the inputs
    keys: set[int] = field(default_factory=set, repr=False)  # fingerprints of the things counted


@dataclass
class _Skipped:
    """A report found unchanged in the store: passed through the build in its input's place."""

    iri: str
    source: str


class FileSink:
    """An output file filled report by report (streamed formats) or at the end (the others)."""

    def __init__(self, path: str | os.PathLike[str], stack: ExitStack) -> None:
        self.path = path
        self.format = rdf_format(path)
        self.memory: ox.Store | None = None
        self.handle: IO[bytes] | None = None
        self.seen: set[int] = set()
        self.statements = 0
        self.tmp = stack.enter_context(atomic_path(path))
        if self.format in STREAMED:
            self.handle = stack.enter_context(open(self.tmp, "wb"))  # noqa: SIM115 (closed by the build's stack)
        else:
            self.memory = ox.Store()

    def add(self, iri: str, nquads: bytes) -> None:
        if self.memory is not None:
            self.memory.load(nquads, format=ox.RdfFormat.N_QUADS)
            return
        assert self.handle is not None
        if self.format == ox.RdfFormat.N_QUADS:
            self.handle.write(nquads)
            self.statements += nquads.count(b"\n")
        elif self.format == ox.RdfFormat.TRIG:
            self._trig(nquads)
        else:
            self._ntriples(iri, nquads)

    def _trig(self, nquads: bytes) -> None:
        quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
        text = (ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIX_IRIS) or b"").decode("utf-8")
        if self.statements:          # the prefixes once, at the top of the file
            text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("@prefix "))
        assert self.handle is not None
        self.handle.write(text.encode("utf-8"))
        self.statements += len(quads)

    def _ntriples(self, iri: str, nquads: bytes) -> None:
        tail = f" <{iri}> .\n"
        out = []
        # statements end in \n; splitlines would also cut a literal at U+2028 or U+0085, written raw
        for line in nquads.decode("utf-8").split("\n")[:-1]:
            line += "\n"
            triple = line[:-len(tail)] + " .\n" if line.endswith(tail) else line
            key = fingerprint(triple)
            if key not in self.seen:
                self.seen.add(key)
                out.append(triple)
        assert self.handle is not None
        self.handle.write("".join(out).encode("utf-8"))
        self.statements += len(out)

    def finish(self) -> int:
        """Write what is held (whole-graph formats); the file takes its place when the build's stack closes."""
        if self.memory is not None:
            self.statements = dump_store(self.memory, self.tmp, self.format)
            self.memory = None
        elif self.handle is not None:
            self.handle.flush()
        return self.statements


def _items(found: list[ingest.Pending | InputError], writer: StoreWriter | None,
           limits: Limits) -> Iterator[tuple[int, Any]]:
    """Each input in turn, released from the list once handed on; unchanged reports become ``_Skipped``."""
    for index, item in enumerate(found):
        found[index] = None  # type: ignore[call-overload]   # a corpus line's text is not kept after its turn
        if isinstance(item, ingest.Pending) and writer is not None:
            digest = input_digest(item, limits)
            iri = writer.unchanged(digest)
            if iri is not None:
                yield index, _Skipped(iri, item.source)
                continue
            yield index, (item, digest)
            continue
        yield index, (item, None) if isinstance(item, ingest.Pending) else item


def stream_build(paths: list[str], *, store: str | None = None, output: str | None = None,
                 jobs: int = 1, force: bool = False, progress: Progress | None = None,
                 limits: Limits = DEFAULT, stage: Stage | None = None, shard: Shard | None = None) -> StreamResult:
    """Build the reports found in ``paths`` into the store at ``store`` and/or the file ``output``, streaming.

    With a store, reports whose input and builder are unchanged since they were
    stored are skipped (not with ``force``); a report whose text changed
    replaces the graph of its earlier text (same source) in one transaction.
    """
    started = time.perf_counter()
    found = find_inputs(paths, limits, shard)
    result = StreamResult(total=sum(isinstance(item, ingest.Pending) for item in found))
    try:
        with ExitStack() as stack:
            writer = StoreWriter(store, force=force) if store else None
            if writer is not None:
                stack.callback(writer.close)
            sink = FileSink(output, stack) if output else None
            _run(found, writer, sink, result, jobs=jobs, progress=progress, limits=limits, stage=stage)
            if sink is not None:
                if not result.reports:
                    raise _NothingBuilt   # no file at all rather than an empty one
                result.statements = sink.finish()
            result.store = writer.stats if writer is not None else None
    except _NothingBuilt:
        pass
    except OSError as exc:   # the store's own errors are StoreErrors already: this is the file
        if output is None:
            raise
        raise StoreError(f"{output}: cannot write ({exc.strerror or exc}); the file was left as it was") from None
    result.seconds = time.perf_counter() - started
    return result


class _NothingBuilt(Exception):
    """Raised inside the build's stack so that the output file is not put in place."""


def _run(found: list[ingest.Pending | InputError], writer: StoreWriter | None, sink: FileSink | None,
         result: StreamResult, *, jobs: int, progress: Progress | None, limits: Limits, stage: Stage | None) -> None:
    """The build loop: inputs to workers, outcomes in input order to the store and the file."""
    started = time.perf_counter()
    digests: dict[int, str | None] = {}   # inputs in flight → their digest
    seen: set[str] = set()   # report IRIs done: the same text twice is one report, the first input's

    def pending() -> Iterator[tuple[int, Any]]:
        for index, item in _items(found, writer, limits):
            if isinstance(item, tuple):
                digests[index] = item[1]
                yield index, item[0]
            else:
                yield index, item

    done = 0
    with WriteBehind() as behind:   # the store and the file are written while the next reports are built
        for index, outcome in in_order(pending(), jobs, limits=limits, stage=stage):
            counted = index in digests or isinstance(outcome, _Skipped)   # a report, not an input not found
            digest = digests.pop(index, None)
            if isinstance(outcome, InputError):
                result.errors.append(outcome)
            else:
                write = _take(outcome, digest, result, seen, writer, sink)
                if write is not None:
                    behind.put(write)
            if counted:
                done += 1
                if progress:
                    progress(done, result.total, result.characters, time.perf_counter() - started)


def _take(outcome: ReportBuilt | _Skipped, digest: str | None, result: StreamResult, seen: set[str],
          writer: StoreWriter | None, sink: FileSink | None) -> Callable[[], None] | None:
    """Count one report (built or skipped); the call that hands it to the store and the file, if any."""
    if outcome.iri in seen:
        return None
    seen.add(outcome.iri)
    result.reports += 1
    if isinstance(outcome, _Skipped):
        assert writer is not None
        return partial(_write_skipped, outcome.iri, writer, sink)
    result.built += 1
    result.characters += outcome.characters
    count_new(result.things, result.keys, outcome.things)
    return partial(_write_built, outcome, digest, writer, sink)


def _write_skipped(iri: str, writer: StoreWriter, sink: FileSink | None) -> None:
    writer.skip(iri)
    if sink is not None:
        sink.add(iri, writer.graph_nquads(iri))


def _write_built(outcome: ReportBuilt, digest: str | None, writer: StoreWriter | None, sink: FileSink | None) -> None:
    if writer is not None:
        writer.write(outcome.iri, outcome.source, digest, outcome.nquads)
    if sink is not None:
        sink.add(outcome.iri, outcome.nquads)


__all__ = ["STREAMED", "FileSink", "StreamResult", "stream_build"]
