"""The pipeline: ingest → structure → extract → resolve → rdf.

>>> from kg.pipeline import extract_text
>>> ex = extract_text("2024年,区司法局组织开展“法律进社区”活动12场次。")
>>> sorted(e.label for e in ex.entities.values())
['区司法局', '法律进社区']
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef

from kg import ingest
from kg.atomic import atomic_path
from kg.errors import InputError, StoreError, UsageError
from kg.extract import extract
from kg.rdf import add_extraction, new_dataset
from kg.records import Extraction, SourceText
from kg.resolve import resolve_report
from kg.structure import structure

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".n3": "n3"}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


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
class BuildResult:
    dataset: Dataset
    reports: list[URIRef] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    characters: int = 0
    seconds: float = 0.0
    extractions: list[Extraction] = field(default_factory=list)


Progress = Callable[[int, int, int, float], None]  # done, total, characters, seconds


def _work(source: SourceText) -> Extraction | InputError:
    try:
        return extract_source(source)
    except InputError as exc:
        return exc


def _inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[SourceText], list[InputError]]:
    sources: list[SourceText] = []
    errors: list[InputError] = []
    for item in ingest.iter_inputs(paths):
        (errors if isinstance(item, InputError) else sources).append(item)  # type: ignore[arg-type]
    return sources, errors


def _extractions(sources: list[SourceText], jobs: int) -> Iterator[Extraction | InputError]:
    if jobs <= 1 or len(sources) <= 1:
        yield from map(_work, sources)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Large reports first spreads the work; results come back in input order.
        yield from pool.map(_work, sources, chunksize=1)


def build_dataset(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
                  progress: Progress | None = None, keep_extractions: bool = False) -> BuildResult:
    """Build every report found in ``paths`` into one Dataset, one named graph per report.

    Inputs that fail are collected in ``errors``; the others are still built.
    """
    started = time.perf_counter()
    sources, errors = _inputs(paths)
    total_chars = sum(len(s.text) for s in sources)
    result = BuildResult(dataset=new_dataset(), errors=errors)
    done_chars = 0
    seen: set[URIRef] = set()
    for i, (src, ex) in enumerate(zip(sources, _extractions(sources, jobs)), 1):
        done_chars += len(src.text)
        if isinstance(ex, InputError):
            result.errors.append(ex)
        else:
            iri = add_extraction(result.dataset, ex)
            if iri not in seen:
                seen.add(iri)
                result.reports.append(iri)
            if keep_extractions:
                result.extractions.append(ex)
        if progress:
            progress(i, len(sources), done_chars, time.perf_counter() - started)
    result.characters = total_chars
    result.seconds = time.perf_counter() - started
    return result


def rdf_format(path: str | os.PathLike[str]) -> str:
    """The rdflib format for an output path's extension."""
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise UsageError(f"{path}: unknown output format {ext or '(no extension)'}; "
                         f"use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


def write_dataset(dataset: Dataset, path: str | os.PathLike[str]) -> int:
    """Write atomically in the format of the extension; triple formats get the union. Returns statements written."""
    fmt = rdf_format(path)
    try:
        with atomic_path(path) as tmp:
            if fmt in QUAD_FORMATS:
                dataset.serialize(destination=str(tmp), format=fmt, encoding="utf-8")
                return sum(1 for _ in dataset.quads((None, None, None, None)))
            union = _union(dataset)
            union.serialize(destination=str(tmp), format=fmt, encoding="utf-8")
            return len(union)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _union(dataset: Dataset):  # type: ignore[no-untyped-def]
    from rdflib import Graph

    g = Graph()
    for prefix, ns in dataset.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
