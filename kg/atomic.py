"""Write files so that a failed or interrupted job never leaves half a file behind.

The temporary file beside the target is named ``.NAME.PID.XXXX.part``: a job
killed outright (kill -9, power cut) cannot remove it, so the next write of
the same target removes every such file whose process is gone.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import StoreError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: not ours to judge
    return True


def remove_stale_parts(target: Path) -> list[Path]:
    """Remove ``.NAME.PID.*.part`` files beside ``target`` left by processes that no longer run."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[^.]+\.part")
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            try:
                (target.parent / name).unlink()
                removed.append(target.parent / name)
            except OSError:
                pass
    return removed


def check_writable(target: str | os.PathLike[str]) -> None:
    """Fail now, with one line, when ``target`` cannot be written (before any long work is done).

    It really tries: makes the folder and a temporary file there (then removes it).
    """
    target = Path(target)
    if target.is_dir():
        raise StoreError(f"{target}: is a folder; give a file name to write to")
    with atomic_path(target) as tmp:
        tmp.unlink()
        raise _Probed()


class _Probed(Exception):
    """Leaves ``atomic_path`` without renaming anything onto the target."""


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    >>> with atomic_path("out/graph.ttl") as tmp:      # doctest: +SKIP
    ...     graph.serialize(tmp, format="turtle")
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{target.parent}: cannot create the folder ({exc.strerror})") from None
    remove_stale_parts(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise StoreError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
    try:
        yield tmp
        os.replace(tmp, target)
    except _Probed:
        pass
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_write(target: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` only when the block succeeds."""
    with atomic_path(target) as tmp, open(tmp, mode, encoding=None if "b" in mode else encoding) as fh:
        yield fh
