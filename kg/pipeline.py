"""The pipeline: ingest → structure → extract → resolve → rdf.

>>> from kg.pipeline import extract_text
>>> ex = extract_text("2024年,区司法局组织开展“法律进社区”活动12场次。")
>>> sorted(e.label for e in ex.entities.values())
['区司法局', '法律进社区']
"""
from __future__ import annotations

import os
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
from kg.rdf import new_dataset, report_nquads
from kg.records import Extraction, SourceText
from kg.resolve import resolve_report
from kg.shard import Shard
from kg.structure import structure


def extract_source(source: SourceText) -> Extraction:
    """Structure, extract and resolve one ingested source."""
    if not source.text.strip():
        raise InputError(source.source, "no report text is left after removing page clutter")
    ex = extract(structure(source))
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


def _work(item: ingest.Pending, keep: bool = False) -> ReportBuilt | InputError:
    """Read and extract one report and write its graph as text (runs in a worker process)."""
    try:
        source = item.load()
        ex = extract_source(source)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001  (one report that trips a bug must not sink a corpus build)
        return InputError(item.source, f"could not be built ({type(exc).__name__}: {exc})",
                          "the other reports were built; please report this input as a bug")
    iri, nquads = report_nquads(ex)
    return ReportBuilt(iri, nquads, _tally(ex), len(source.text), ex if keep else None)


def _built(pending: dict[int, ingest.Pending], jobs: int, keep: bool) -> Iterator[tuple[int, ReportBuilt | InputError]]:
    """(input index, result) pairs; with workers, in the order they finish."""
    if jobs <= 1 or len(pending) <= 1:
        yield from ((i, _work(p, keep)) for i, p in pending.items())
        return
    segment.tokenizer()  # load jieba once; forked workers inherit it instead of each loading it again
    # Largest reports first, so no long report is left running alone at the end.
    order = sorted(pending, key=lambda i: -pending[i].size)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_work, pending[i], keep): i for i in order}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BrokenProcessPool:
            raise KGError("a worker process died (killed, or out of memory); "
                          "try again with fewer --jobs, or --jobs 1") from None


def build_dataset(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
                  progress: Progress | None = None, keep_extractions: bool = False,
                  shard: Shard | None = None) -> BuildResult:
    """Build every report found in ``paths``, one named graph per report.

    Inputs that fail are collected in ``errors``; the others are still built.
    Extraction and triple writing run in ``jobs`` worker processes; the
    result is the same whatever ``jobs`` is.
    With ``shard``, only the reports of that slice are built (see :mod:`kg.shard`).
    """
    started = time.perf_counter()
    # Finding the inputs is quick and stays here; reading each one is left to the workers.
    found = list(ingest.iter_pending(paths))
    if shard is not None:  # kg build --shard I/N: only this job's slice of the reports
        found = [item for item in found if shard.holds(item)]
    pending = {i: item for i, item in enumerate(found) if isinstance(item, ingest.Pending)}
    failed = {i: item for i, item in enumerate(found) if isinstance(item, InputError)}
    result = BuildResult(store=ox.Store())
    first: dict[str, int] = {}  # report IRI → first input that gave it (the same text twice is one report)
    kept: dict[int, Extraction] = {}
    for done, (index, built) in enumerate(_built(pending, jobs, keep_extractions), 1):
        if isinstance(built, InputError):
            failed[index] = built
        else:
            result.characters += built.characters
            if built.iri not in first:
                result.counts.update(built.counts)
                result.store.load(built.nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            first[built.iri] = min(index, first.get(built.iri, index))
            if built.extraction is not None:
                kept[index] = built.extraction
        if progress:
            progress(done, len(pending), result.characters, time.perf_counter() - started)
    # Whatever order the workers finished in, lists follow the input order.
    result.reports = [URIRef(iri) for iri in sorted(first, key=first.__getitem__)]
    result.errors = [failed[i] for i in sorted(failed)]
    result.extractions = [kept[i] for i in sorted(kept)]
    result.seconds = time.perf_counter() - started
    return result


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
