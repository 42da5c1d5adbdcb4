"""Writing a build into an embedded store report by report, skipping what is already there.

``kg build --store`` hands each report to :class:`StoreWriter` as soon as it
is built, so the build never holds more than a few reports. A report new to the
store waits in a batch of at most ``BATCH_QUADS`` quads, and each batch goes in
with one bulk load: RocksDB ingests its files in one atomic step (pyoxigraph
0.5 and later), at about twice the speed and half the CPU of a transaction per
report. A report that replaces a stored graph is written in one transaction,
together with the removal of the graphs that earlier texts of the same source
left behind. A build that is killed or fails leaves every report graph whole,
either as it was or as it is now; a batch still waiting is written when the
build stops (its reports are whole), or, if the store refuses it, built again
next time.

Each stored graph says what it was built from: ``<report> gov:buildDigest
"…"`` in the report's own graph, a SHA-256 over the report's input (raw text
or file bytes, its source name and corpus fields), the limits of the build and
the builder itself (the files of the ``kg`` package and the versions of the
libraries that read the text). A later build whose input gives the same
digest skips that report before reading it.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.ingest.limits import Limits
from kg.ingest.load import Pending
from kg.namespaces import DCTERMS, GOV
from kg.rdf_io import ntriples
from kg.store_open import _explain, _forget_locals, open_store

PathLike = str | os.PathLike[str]
DIGEST = str(GOV.buildDigest)
_DIGEST_NODE = ox.NamedNode(DIGEST)
_HASH_CHUNK = 1 << 20
# RocksDB keeps what was written in memory tables, one per index, until they are flushed to disk:
# flushing every so many quads bounds the build's memory (without it, some 0.8 GiB per million quads).
FLUSH_QUADS = 100_000
# New reports are bulk loaded this many quads at a time. Each bulk load adds files that overlap all
# earlier ones, which RocksDB then merges (compaction, on a thread of the main process): at 4x, 50k-quad
# batches cost some 8 s of compaction CPU, 150k-quad ones 2-3 s, but at 16x the whole build took the
# same CPU either way, and the peak memory of a two-job build rose with the batch (932, 1,010 and
# 1,095 MiB at 50k, 100k and 150k quads): memory is what stays flat as the corpus grows, so 50k.
BATCH_QUADS = 50_000
# A build that wrote this many quads compacts the store when it closes (pyoxigraph's optimize): the
# bulk loads and flushes leave many small files, and a store built by two jobs answered the named
# queries 1.5-2.5x slower than the same store compacted (16x: 8 s of compaction, 7 % of the build).
# A small update does not pay for compacting a large store.
COMPACT_QUADS = 1_000_000

_STORED = f"""
SELECT ?g ?digest ?source WHERE {{
  GRAPH ?g {{ {{ ?g <{DIGEST}> ?digest }} UNION {{ ?g <{DCTERMS.source}> ?source }} }}
}}
"""


@lru_cache(maxsize=1)
def builder_digest() -> str:
    """A hash of what turns text into a graph: the kg package's files and the libraries that read text.

    Any change to the code or its lexicons changes it, so a store built by
    another version of govkg is rebuilt rather than skipped.
    """
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    for lib in ("jieba", "opencc", "pyoxigraph", "pypdf", "python-docx"):
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none\0".encode())
    return h.hexdigest()


def input_digest(item: Pending, limits: Limits) -> str | None:
    """The digest a report built from ``item`` records; None when the input cannot be read whole here.

    It covers the raw input, not the text after reading: deciding needs no
    decoding, HTML or PDF work, and the same raw input always gives the same text.
    """
    h = hashlib.sha256(builder_digest().encode())
    h.update(repr((limits, item.source, sorted(item.meta.items()), item.encoding)).encode("utf-8"))
    if item.path is None:
        h.update(b"content\0" + item.content.encode("utf-8"))
        return h.hexdigest()
    h.update(b"file\0")
    try:
        with open(item.path, "rb") as handle:
            seen = 0
            while chunk := handle.read(_HASH_CHUNK):
                seen += len(chunk)
                if seen > limits.report_bytes:   # refused by the build anyway; never hash a device
                    return None
                h.update(chunk)
    except OSError:
        return None           # the worker says what is wrong with it
    return h.hexdigest()


@dataclass
class WriteStats:
    """What a build did to the store: report statuses and quads written."""

    status: Counter[str] = field(default_factory=Counter)   # added, replaced, unchanged, skipped
    older_removed: list[str] = field(default_factory=list)  # graphs of earlier texts of the same sources
    quads: int = 0                                          # quads in the graphs written or kept


class StoreWriter:
    """An embedded store open for one build: skip what is there, write each report in one transaction."""

    def __init__(self, store_dir: PathLike, *, force: bool = False) -> None:
        self.path = Path(store_dir)
        self.force = force
        self.store = open_store(self.path, write=True)
        self.stats = WriteStats()
        self.by_digest: dict[str, str] = {}        # digest → report IRI
        self.digest_of: dict[str, str] = {}        # report IRI → digest
        self.by_source: dict[str, set[str]] = {}   # dcterms:source → report IRIs
        self.done: set[str] = set()                # reports written or skipped by this build
        self.unflushed = 0                         # quads written since the last flush
        self.batch: list[bytes] = []               # N-Quads of new reports not yet loaded
        self.batch_quads = 0
        for row in self._guard(lambda: list(self.store.query(_STORED)), "read the store"):  # type: ignore[arg-type]
            iri = row["g"].value
            if row["digest"] is not None:
                self.by_digest[row["digest"].value] = iri
                self.digest_of[iri] = row["digest"].value
            if row["source"] is not None:
                self.by_source.setdefault(row["source"].value, set()).add(iri)

    def _guard(self, work: Any, doing: str = "write to the store") -> Any:
        try:
            return work()
        except (OSError, RuntimeError) as exc:
            _forget_locals(exc)
            raise _explain(self.path, exc, doing) from None

    def unchanged(self, digest: str | None) -> str | None:
        """The IRI of the stored report built from the same input by the same builder, if any (not with force)."""
        if self.force or digest is None:
            return None
        iri = self.by_digest.get(digest)
        return iri if iri is not None and iri not in self.done else None

    def skip(self, iri: str) -> None:
        self.done.add(iri)
        self.stats.status["skipped"] += 1

    def graph_nquads(self, iri: str) -> bytes:
        """A stored report's graph as N-Quads, without its digest (for a file written along with the store)."""
        quads = [q for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
                 if q.predicate != _DIGEST_NODE]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

    def write(self, iri: str, source: str, digest: str | None, nquads: bytes) -> str:
        """Store one report's graph (UTF-8 N-Quads in graph ``iri``) in one transaction; returns its status.

        Graphs that earlier texts of the same source left (other IRIs, not built
        by this build) go in the same transaction.
        """
        node = ox.NamedNode(iri)
        stale = sorted(g for g in self.by_source.get(source, ()) if g != iri and g not in self.done)
        if digest is not None:
            nquads += f'<{iri}> <{DIGEST}> "{digest}" <{iri}> .\n'.encode()
        exists = iri in self.digest_of or bool(self._guard(lambda: self.store.contains_named_graph(node)))
        if not exists and not stale:
            status, quads = "added", nquads.count(b"\n")
            self.batch.append(nquads)
            self.batch_quads += quads
            if self.batch_quads >= BATCH_QUADS:
                self.write_batch()
        else:
            status, quads = self._replace(node, nquads, stale)
            self.unflushed += quads
            if self.unflushed >= FLUSH_QUADS:
                self._guard(self.store.flush)
                self.unflushed = 0
        self.stats.status[status] += 1
        self.stats.quads += quads
        self.stats.older_removed.extend(stale)
        self._note(iri, source, digest, stale)
        return status

    def write_batch(self) -> None:
        """Load the new reports that wait, all in one atomic bulk load."""
        if not self.batch:
            return
        data = b"".join(self.batch)
        self.batch, self.batch_quads = [], 0
        # Lenient: these N-Quads are kg.rdf's writing, whose IRIs are minted, or checked when taken from
        # the input (kg.rdf.web_iri), and whose literals are escaped, so checking them again here would
        # only spend the main process's CPU (tests/test_rdf.py reads the written text back through a store).
        self._guard(lambda: self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True))

    def _replace(self, node: ox.NamedNode, nquads: bytes, stale: list[str]) -> tuple[str, int]:
        old = set(self._guard(lambda: list(self.store.quads_for_pattern(None, None, None, node))))
        memory = ox.Store()          # in memory: the canonical literals the disk store holds
        memory.load(nquads, format=ox.RdfFormat.N_QUADS)
        new = set(memory)
        gone, fresh = old - new, new - old
        parts = [f"DROP SILENT GRAPH <{g}>" for g in stale]
        if gone:
            parts.append(f"DELETE DATA {{ GRAPH {node} {{\n{_ntriples(gone)}}} }}")
        if fresh:
            parts.append(f"INSERT DATA {{ GRAPH {node} {{\n{_ntriples(fresh)}}} }}")
        if parts:
            self._guard(lambda: self.store.update(" ;\n".join(parts)))
        same = {q for q in old if q.predicate != _DIGEST_NODE} == {q for q in new if q.predicate != _DIGEST_NODE}
        return ("unchanged" if same and not stale else "replaced"), len(new)

    def _note(self, iri: str, source: str, digest: str | None, stale: list[str]) -> None:
        self.done.add(iri)
        for g in stale:
            self.by_digest.pop(self.digest_of.pop(g, ""), None)
            for iris in self.by_source.values():
                iris.discard(g)
        old = self.digest_of.pop(iri, None)
        if old is not None:
            self.by_digest.pop(old, None)
        if digest is not None:
            self.digest_of[iri], self.by_digest[digest] = digest, iri
        self.by_source.setdefault(source, set()).add(iri)

    def close(self) -> None:
        """Load the batch that waits, compact the store after a large build (faster queries), merge the
        write-ahead log (later opens are quick) and let the store go."""
        if self.store is None:
            return
        try:
            self.write_batch()
            if should_compact(self.stats):
                self._guard(self.store.optimize, "compact the store")
        finally:
            self._release()

    def _release(self) -> None:
        store, self.store = self.store, None  # type: ignore[assignment]
        if store is not None:
            try:
                store.flush()
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"{self.path}: cannot flush the store ({exc}); "
                                 "each report is written whole or not at all, so building again is safe") from None
            finally:
                del store


def should_compact(stats: WriteStats) -> bool:
    """True when a build wrote enough (added or replaced graphs) for compacting the store to pay."""
    written = stats.status["added"] + stats.status["replaced"]
    return written > 0 and stats.quads >= COMPACT_QUADS


def _ntriples(quads: Iterable[ox.Quad]) -> str:
    return ntriples(q.triple for q in quads).decode("utf-8")
