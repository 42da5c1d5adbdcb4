"""A report's normalised text, read again from its source (``dcterms:source``) and checked by its IRI.

The graph keeps sentences, not whole texts. A report's IRI is the hash of its
normalised text (kg/rdf.py), so reading the source again through kg.ingest and
minting the IRI tells for certain whether the text is the one the graph was
built from; a source that moved or changed gives None, and the report page
shows the mentioned sentences instead.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path

from kg.errors import KGError
from kg.ingest.load import iter_pending
from kg.rdf import report_iri

_LINE = re.compile(r"^(?P<path>.+\.jsonl):(?P<line>\d+)$")
CACHED = 32


class ReportTexts:
    def __init__(self, roots: list[Path] | None = None) -> None:
        self.roots = roots or []          # where relative sources may sit (e.g. the store's parent)
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()
        self._lines: dict[str, dict[str, object]] = {}

    def _candidates(self, path: str) -> list[Path]:
        given = Path(path)
        if given.is_absolute():
            return [given]
        return [given] + [root / given for root in self.roots]

    def _corpus(self, path: Path) -> dict[str, object]:
        """The lines of a JSON Lines corpus by their source name, read once (decoding is the slow part)."""
        key = str(path)
        if key not in self._lines:
            self._lines[key] = {item.source: item for item in iter_pending([key]) if not isinstance(item, KGError)}
        return self._lines[key]

    def _read(self, report: str, source: str) -> str | None:
        match = _LINE.match(source)
        path = match.group("path") if match else source
        for candidate in self._candidates(path):
            if not candidate.is_file():
                continue
            try:
                if match:
                    item = self._corpus(candidate).get(f"{candidate}:{match.group('line')}")
                    items = [item] if item is not None else []
                else:
                    items = [i for i in iter_pending([str(candidate)]) if not isinstance(i, KGError)]
                for item in items:
                    text = item.load().text  # type: ignore[attr-defined]
                    if str(report_iri(text)) == report:
                        return text
            except (KGError, OSError):
                continue
        return None

    def get(self, report: str, source: str) -> str | None:
        """The text of ``report`` read from ``source``, or None when it cannot be had unchanged."""
        with self._lock:
            if report in self._cache:
                self._cache.move_to_end(report)
                return self._cache[report]
        text = self._read(report, source) if source else None
        with self._lock:
            self._cache[report] = text
            while len(self._cache) > CACHED:
                self._cache.popitem(last=False)
        return text
