"""``kg build --shard I/N``: a deterministic slice of the inputs, for N machines or batch jobs.

Each report goes to the shard given by a hash of its raw content (a corpus
line's text, or a file's bytes), not of its path: N jobs that see the same
reports under different paths or in a different order still build each report
exactly once between them, and a report given twice lands twice in the same
shard (where the build keeps it once). Inputs that cannot be found are reported
by every shard, since each job should hear that its command names a missing file.

>>> shard = parse_shard("2/3")
>>> (shard.index, shard.count)
(2, 3)
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kg.errors import InputError, UsageError
from kg.ingest.load import Pending

_SHAPE = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")

HASHED_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Shard:
    index: int      # 1 … count
    count: int

    def holds(self, item: Pending | InputError) -> bool:
        """Whether this shard builds ``item`` (every shard keeps the errors of finding inputs)."""
        if isinstance(item, InputError):
            return True
        return shard_of(content_bytes(item), self.count) == self.index


def parse_shard(text: str) -> Shard:
    """``"I/N"`` with 1 ≤ I ≤ N; anything else is a usage error saying what to write."""
    match = _SHAPE.fullmatch(text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise UsageError(f"--shard {text!r}: write I/N with 1 <= I <= N, e.g. --shard 1/4 … --shard 4/4")
    return Shard(int(match[1]), int(match[2]))


def content_bytes(item: Pending) -> bytes:
    """The raw text a report is built from; a file that cannot be read hashes by its name (its error comes later)."""
    if item.path is None:
        return item.content.encode("utf-8")
    try:
        with open(item.path, "rb") as handle:
            # Enough to tell reports apart, never a whole huge file or device (/dev/zero): at most 16 MiB.
            return handle.read(HASHED_BYTES)
    except OSError:
        return item.source.encode("utf-8")


def shard_of(data: bytes, count: int) -> int:
    """1 … count, the same on every machine and Python version (SHA-256, not hash())."""
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big") % count + 1
