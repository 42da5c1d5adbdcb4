"""The pipeline: ingest → structure → extract → resolve → rdf.

>>> from kg.pipeline import extract_text
>>> ex = extract_text("2024年,区司法局组织开展“法律进社区”活动12场次。")
>>> sorted(e.label for e in ex.entities.values())
['区司法局', '法律进社区']
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg import ingest, segment
from kg.errors import InputError, KGError, StoreError
from kg.extract import extract
from kg.ingest.limits import DEFAULT, Limits
from kg.lifeline import die_with_parent
from kg.rdf import new_dataset, report_nquads
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
    """What a worker hands back for one report: its graph as N-Quads text and a tally."""

    iri: str
    nquads: str
    counts: dict[str, int]
    characters: int
    extraction: Extraction | None = None


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
    counts: Counter[str] = field(default_factory=Counter)
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


def _tally(ex: Extraction) -> dict[str, int]:
    counts: Counter[str] = Counter(e.kind for e in ex.entities.values())
    counts["observation"] = len(ex.observations)
    counts["link"] = len({(link.subject, link.unit) for link in ex.links})
    return dict(counts)


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
        iri, nquads = report_nquads(ex)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001  (one report that trips a bug must not sink a corpus build)
        return _bug(item.source, exc)
    return ReportBuilt(iri, nquads, _tally(ex), len(source.text), ex if keep else None)


def _built(pending: dict[int, ingest.Pending], jobs: int, keep: bool, limits: Limits,
           stage: Stage | None) -> Iterator[tuple[int, ReportBuilt | InputError]]:
    """(input index, result) pairs; with workers, in the order they finish."""
    if jobs <= 1 or len(pending) <= 1:
        yield from ((i, _work(p, keep, limits, stage)) for i, p in pending.items())
        return
    segment.tokenizer()  # load jieba once; forked workers inherit it instead of each loading it again
    # Largest reports first, so no long report is left running alone at the end.
    order = sorted(pending, key=lambda i: -pending[i].size)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),))
    futures = {pool.submit(_work, pending[i], keep, limits, stage): i for i in order}
    try:
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BrokenProcessPool:
        _stop(pool)
        raise KGError("a worker process died (killed, or out of memory); "
                      "try again with fewer --jobs, or --jobs 1") from None
    except BaseException:  # Ctrl-C, SIGTERM, an error: the workers stop now, not after their report
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop a running task; its process table is the only handle.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def print_stage(source: str, step: str, characters: int) -> None:
    """A ``Stage`` that prints one line on stderr (picklable, so workers can use it)."""
    if sys.stderr is not None:
        print(f"kg build: {source} ({characters:,} characters): {step}…", file=sys.stderr, flush=True)


def build_dataset(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
                  progress: Progress | None = None, keep_extractions: bool = False,
                  limits: Limits = DEFAULT, stage: Stage | None = None,
                  shard: Shard | None = None) -> BuildResult:
    """Build every report found in ``paths``, one named graph per report.

    Inputs that fail are collected in ``errors``; the others are still built.
    Extraction and triple writing run in ``jobs`` worker processes; the
    result is the same, byte for byte once written, whatever ``jobs`` is:
    graphs enter the store in input order. ``limits`` bounds each input;
    ``stage`` hears of the steps of long reports. With ``shard``, only the
    reports of that slice are built (see :mod:`kg.shard`).
    """
    started = time.perf_counter()
    # Finding the inputs is quick and stays here; reading each one is left to the workers.
    found = list(ingest.iter_pending(paths, limits))
    if shard is not None:  # kg build --shard I/N: only this job's slice of the reports
        found = [item for item in found if shard.holds(item)]
    pending = {i: item for i, item in enumerate(found) if isinstance(item, ingest.Pending)}
    failed = {i: item for i, item in enumerate(found) if isinstance(item, InputError)}
    result = BuildResult(store=ox.Store())
    first: dict[str, int] = {}  # report IRI → first input that gave it (the same text twice is one report)
    kept: dict[int, Extraction] = {}
    waiting: dict[int, ReportBuilt] = {}  # finished out of turn: stored once every earlier input is in
    turn = iter(sorted(pending))
    next_index = next(turn, None)

    def store_in_order() -> None:
        nonlocal next_index
        while next_index is not None and (next_index in waiting or next_index in failed):
            built = waiting.pop(next_index, None)
            if built is not None:
                _store(result, built, next_index, first, failed)
            next_index = next(turn, None)

    for done, (index, built) in enumerate(_built(pending, jobs, keep_extractions, limits, stage), 1):
        if isinstance(built, InputError):
            failed[index] = built
        else:
            result.characters += built.characters
            waiting[index] = built
            if built.extraction is not None:
                kept[index] = built.extraction
        store_in_order()
        if progress:
            progress(done, len(pending), result.characters, time.perf_counter() - started)
    # Whatever order the workers finished in, lists follow the input order.
    result.reports = [URIRef(iri) for iri in sorted(first, key=first.__getitem__)]
    result.errors = [failed[i] for i in sorted(failed)]
    result.extractions = [kept[i] for i in sorted(kept)]
    result.seconds = time.perf_counter() - started
    return result


def _store(result: BuildResult, built: ReportBuilt, index: int, first: dict[str, int],
           failed: dict[int, InputError]) -> None:
    """Add one report's graph to the build's store (the same report twice is stored once)."""
    if built.iri in first:
        return
    try:
        result.store.load(built.nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    except (ValueError, SyntaxError, UnicodeEncodeError) as exc:
        failed[index] = _bug(f"report <{built.iri}>", exc)
        return
    first[built.iri] = index
    result.counts.update(built.counts)


def rdf_format(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The RDF format of an output path's extension (UsageError for others)."""
    from kg.store import rdf_format as by_extension

    return by_extension(path)


def _dump(store: ox.Store, fmt: ox.RdfFormat, path: str | os.PathLike[str]) -> int:
    """Oxigraph writes the file itself (fast); triple formats get the union, each triple once."""
    from kg.atomic import atomic_path
    from kg.namespaces import PREFIXES

    prefixes = {k: str(v._NS if isinstance(v, type) else v) for k, v in PREFIXES.items()}
    wants_prefixes = fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML)
    source, graph = store, None
    if not fmt.supports_datasets:
        source = ox.Store()
        source.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
        graph = ox.DefaultGraph()
    with atomic_path(path) as tmp:
        source.dump(str(tmp), format=fmt, from_graph=graph, prefixes=prefixes if wants_prefixes else None)
    return len(source)


def write_dataset(data: BuildResult | Dataset, path: str | os.PathLike[str]) -> int:
    """Write atomically in the format of the extension (triple formats get the union).

    Returns the statements written.
    """
    from kg.store import export_dataset

    fmt = rdf_format(path)
    try:
        if isinstance(data, BuildResult):
            return _dump(data.store, fmt, path)
        return export_dataset(data, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from exc
