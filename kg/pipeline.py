"""The pipeline: ingest → structure → extract → resolve → rdf.

>>> from kg.pipeline import extract_text
>>> ex = extract_text("2024年,区司法局组织开展“法律进社区”活动12场次。")
>>> sorted(e.label for e in ex.entities.values())
['区司法局', '法律进社区']
"""
from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg import ingest, segment
from kg.errors import InputError, KGError
from kg.extract import extract
from kg.ingest.limits import DEFAULT, Limits
from kg.lifeline import die_with_parent
from kg.rdf import new_dataset, report_graph
from kg.records import Extraction, SourceText
from kg.resolve import resolve_report
from kg.shard import Shard
from kg.structure import structure

LONG_REPORT = 500_000  # characters from which a report's steps are announced as they start
Stage = Callable[[str, str, int], None]  # source, step, characters


def extract_source(source: SourceText, limits: Limits = DEFAULT, stage: Stage | None = None) -> Extraction:
    """Structure, extract and resolve one ingested source.

    ``stage`` hears of each step of a long report (``LONG_REPORT`` characters or more).
    """
    if not source.text.strip():
        raise InputError(source.source, "no report text is left after removing page clutter")
    say = stage if stage is not None and len(source.text) >= LONG_REPORT else None
    if say:
        say(source.source, "finding sections and sentences", len(source.text))
    report = structure(source, limits.sentence_chars)
    if say:
        say(source.source, f"extracting from {len(report.sentences):,} sentences", len(source.text))
    ex = extract(report)
    if say:
        say(source.source, f"resolving {len(ex.entities):,} entities", len(source.text))
    resolve_report(ex)
    return ex


def extract_text(text: str, source: str = "<text>", meta: dict[str, str] | None = None) -> Extraction:
    """Extract from a string (for notebooks and tests)."""
    return extract_source(ingest.from_text(text, source, meta=meta or {}))


def extract_file(path: str | os.PathLike[str]) -> Extraction:
    """Extract from one file of any supported format."""
    return extract_source(ingest.load_source(path))


@dataclass
class ReportBuilt:
    """What a worker hands back for one report: its graph as N-Quads (UTF-8 bytes, spelled as a store
    gives them back: kg.rdf) and the things it holds.

    Bytes, not text: the main process passes them to the store and the file as
    they are, with no decoding when they arrive and no encoding before a write.

    ``things`` holds a 64-bit fingerprint of each distinct thing the graph types
    (organisation, programme …, link), so a build counts things shared by reports
    once without keeping their IRIs.
    """

    iri: str
    nquads: bytes
    characters: int
    extraction: Extraction | None = None
    source: str = ""
    things: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class BuildResult:
    """Reports built into an in-memory Oxigraph store (``store``), one named graph each.

    ``dataset`` gives the same quads as an rdflib Dataset, made on first use.
    """

    store: ox.Store
    reports: list[URIRef] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    characters: int = 0
    seconds: float = 0.0
    things: Counter[str] = field(default_factory=Counter)   # distinct things of each kind in the reports
    keys: set[int] = field(default_factory=set, repr=False)  # fingerprints of the things counted
    extractions: list[Extraction] = field(default_factory=list)
    _dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            ds = new_dataset()
            data = self.store.dump(format=ox.RdfFormat.N_QUADS)
            if data:
                ds.parse(data=data.decode("utf-8"), format="nquads")
            self._dataset = ds
        return self._dataset

    @property
    def quad_count(self) -> int:
        return len(self.store)


Progress = Callable[[int, int, int, float], None]  # done, total, characters, seconds


def count_new(things: Counter[str], keys: set[int], found: Iterable[tuple[str, int]]) -> None:
    """Count the things of one report (kind, fingerprint) not counted before: a programme named by
    ten reports is one programme, so per-report tallies would overstate a build."""
    for kind, key in found:
        if key not in keys:
            keys.add(key)
            things[kind] += 1


def fingerprint(text: str) -> int:
    """64 bits of BLAKE2b: enough to tell millions of things apart, a tenth of the memory of the text."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _bug(source: str, exc: BaseException) -> InputError:
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    return InputError(source, f"could not be built ({type(exc).__name__}: {first})",
                      "the other reports were built; please report this input as a bug")


def _work(item: ingest.Pending, keep: bool = False, limits: Limits = DEFAULT,
          stage: Stage | None = None) -> ReportBuilt | InputError:
    """Read and extract one report and write its graph as text (runs in a worker process)."""
    try:
        source = item.load(limits)
        ex = extract_source(source, limits, stage)
        # The writer spells terms as a store gives them back and says what it typed, so the text
        # goes on as written: a round trip through a store per report cost a tenth of the build.
        iri, text, typed = report_graph(ex)
        nquads = text.encode("utf-8")
        things = [(kind, fingerprint(thing)) for thing, kind in typed.items()]
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001  (one report that trips a bug must not sink a corpus build)
        return _bug(item.source, exc)
    return ReportBuilt(iri, nquads, len(source.text), ex if keep else None, item.source, things)


#: What the build loop hands on for one input, in input order.
Outcome = ReportBuilt | InputError | Any


def in_order(items: Iterable[tuple[int, ingest.Pending | Any]], jobs: int, keep: bool = False,
             limits: Limits = DEFAULT, stage: Stage | None = None) -> Iterator[tuple[int, Outcome]]:
    """(input index, outcome) for each item, in input order, built by ``jobs`` worker processes.

    A ``Pending`` item is built; any other item (an input error, a report
    skipped as unchanged) is passed through in its place. At most a few
    reports per worker are in flight or waiting for their turn, so memory does
    not grow with the corpus; the order makes the output the same whatever ``jobs`` is.
    """
    if jobs <= 1:
        for i, item in items:
            if isinstance(item, ingest.Pending):
                segment.tokenizer()   # (loaded once; a broken jieba is the build's error, not each report's)
                item = _work(item, keep, limits, stage)
            yield i, item
        return
    pool: ProcessPoolExecutor | None = None   # started at the first report to build (a rebuild may skip all)
    window: deque[tuple[int, Future[ReportBuilt | InputError] | Any]] = deque()
    try:
        for i, item in items:
            if isinstance(item, ingest.Pending) and pool is None:
                segment.tokenizer()  # load jieba once; forked workers inherit it instead of each loading it again
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
            window.append((i, pool.submit(_work, item, keep, limits, stage)
                           if pool is not None and isinstance(item, ingest.Pending) else item))
            while window and (len(window) > 3 * jobs or not isinstance(window[0][1], Future)
                              or window[0][1].done()):
                yield _take(window)
        while window:
            yield _take(window)
    except BrokenProcessPool:
        _stop(pool)
        raise KGError("a worker process died (killed, or out of memory); "
                      "try again with fewer --jobs, or --jobs 1") from None
    except BaseException:  # Ctrl-C, SIGTERM, an error: the workers stop now, not after their report
        _stop(pool)
        raise
    if pool is not None:
        pool.shutdown()


def _take(window: deque[tuple[int, Any]]) -> tuple[int, Outcome]:
    index, value = window.popleft()
    return index, (value.result() if isinstance(value, Future) else value)


def _worker_start(parent: int) -> None:
    """A build worker ends with its parent, and quietly when the parent stops it (SIGTERM): the
    handler it inherits raised Terminated, whose traceback an idle worker printed."""
    die_with_parent(parent)
    signal.signal(signal.SIGTERM, _worker_stopped)


def _worker_stopped(signum: int, frame: Any) -> None:
    """SIGTERM in a worker: exit without a traceback (SystemExit), but never halfway through sending
    a result: the parent's reader would wait for the rest for ever. A worker that was sending goes
    back to its queue, where the shut-down pool ends it, or its lifeline once the parent is gone."""
    while frame is not None:
        if frame.f_code.co_filename.endswith(("multiprocessing/connection.py", "multiprocessing/queues.py")) \
                and frame.f_code.co_name.startswith(("_send", "send", "put")):
            return
        frame = frame.f_back
    raise SystemExit(143)


def _stop(pool: ProcessPoolExecutor | None) -> None:
    if pool is None:
        return
    # The executor has no public way to stop a running task; its process table is the only handle.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def print_stage(source: str, step: str, characters: int) -> None:
    """A ``Stage`` that prints one line on stderr (picklable, so workers can use it)."""
    if sys.stderr is not None:
        print(f"kg build: {source} ({characters:,} characters): {step}…", file=sys.stderr, flush=True)


def find_inputs(paths: Iterable[str | os.PathLike[str]], limits: Limits = DEFAULT,
                shard: Shard | None = None) -> list[ingest.Pending | InputError]:
    """The reports found in ``paths`` (only ``shard``'s slice when given) and the inputs that cannot be found."""
    found = list(ingest.iter_pending(paths, limits))
    if shard is not None:  # kg build --shard I/N: only this job's slice of the reports
        found = [item for item in found if shard.holds(item)]
    return found


def build_dataset(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
                  progress: Progress | None = None, keep_extractions: bool = False,
                  limits: Limits = DEFAULT, stage: Stage | None = None,
                  shard: Shard | None = None) -> BuildResult:
    """Build every report found in ``paths`` into memory, one named graph per report.

    Inputs that fail are collected in ``errors``; the others are still built.
    Extraction and triple writing run in ``jobs`` worker processes; the
    result is the same, byte for byte once written, whatever ``jobs`` is:
    graphs enter the store in input order. ``limits`` bounds each input;
    ``stage`` hears of the steps of long reports. With ``shard``, only the
    reports of that slice are built (see :mod:`kg.shard`). For corpora too
    large for memory, ``kg build --store`` streams (:mod:`kg.build_stream`).
    """
    started = time.perf_counter()
    found = find_inputs(paths, limits, shard)
    result = BuildResult(store=ox.Store())
    first: set[str] = set()  # the same text twice is one report: the first input gives it
    total = sum(isinstance(item, ingest.Pending) for item in found)
    done = 0
    for index, built in in_order(enumerate(found), jobs, keep_extractions, limits, stage):
        if isinstance(built, InputError):
            result.errors.append(built)
        else:
            result.characters += built.characters
            if built.extraction is not None:
                result.extractions.append(built.extraction)
            if built.iri not in first:
                first.add(built.iri)
                result.store.load(built.nquads, format=ox.RdfFormat.N_QUADS)
                result.reports.append(URIRef(built.iri))
                count_new(result.things, result.keys, built.things)
        if isinstance(found[index], ingest.Pending):
            done += 1
            if progress:
                progress(done, total, result.characters, time.perf_counter() - started)
    result.seconds = time.perf_counter() - started
    return result
