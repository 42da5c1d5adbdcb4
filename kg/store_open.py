"""Opening an embedded Oxigraph store: checks first, creation all at once, half-made stores repaired.

Every command that reads or writes a store goes through :func:`open_store`
(or :func:`using_store`), so each failure (a folder that is no store, a
store in use, a store whose creation was killed) is one line, never a traceback.
"""
from __future__ import annotations

import os
import re
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.errors import StoreError

T = TypeVar("T")
PathLike = str | os.PathLike[str]


def _looks_like_store(path: Path) -> bool:
    current = path / "CURRENT"          # every RocksDB database, hence every Oxigraph store, has it
    try:
        return current.is_file() and current.read_text(errors="replace").startswith("MANIFEST-")
    except OSError:
        return False


# The files RocksDB writes first: a folder holding only these is a store whose creation was cut short.
_ROCKSDB_FILE = re.compile(r"LOG|LOCK|IDENTITY|LOG\.old\.\d+|\d+\.(?:log|sst|ldb|dbtmp)|MANIFEST-\d+|OPTIONS-\d+(?:\.dbtmp)?")
_INCOMPLETE = ("the store is incomplete: its creation was interrupted (killed) before it was ready; "
               "'kg build REPORT... --store {path}' repairs it, or remove the folder")


def _half_made(path: Path) -> bool:
    """A folder of RocksDB's first files without the CURRENT file that makes it a database."""
    try:
        names = os.listdir(path)
    except OSError:
        return False
    return bool(names) and "CURRENT" not in names and all(_ROCKSDB_FILE.fullmatch(n) for n in names)


def _check_dir(path: Path, write: bool) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a folder; give the folder of an Oxigraph store (or a new folder to create one)")
    if not write and _half_made(path):
        raise StoreError(f"{path}: " + _INCOMPLETE.format(path=path))
    if path.is_dir() and any(path.iterdir()) and not _looks_like_store(path) and not _half_made(path):
        raise StoreError(
            f"{path}: not an Oxigraph store (the folder holds other files); "
            "give a store folder made by 'kg build --store', or a new or empty folder"
        )
    if not write and not _looks_like_store(path):
        raise StoreError(f"{path}: no store here yet; create one with 'kg build REPORT... --store {path}'")
    if write:
        probe = path if path.exists() else next((p for p in path.parents if p.exists()), Path("."))
        if not os.access(probe, os.W_OK | os.X_OK):
            raise StoreError(f"{path}: cannot write here (permission denied); choose a folder you can write to")


def check_store_dir(store_dir: PathLike) -> None:
    """Fail now, with one line, when a store cannot be written at ``store_dir`` (before a long build)."""
    _check_dir(Path(store_dir), write=True)


def _explain(path: Path, exc: Exception, doing: str = "open the Oxigraph store") -> StoreError:
    text = str(exc)
    low = text.lower()
    if "column family not found" in low:
        return StoreError(f"{path}: " + _INCOMPLETE.format(path=path))
    if "lock" in low:
        return StoreError(
            f"{path}: the store is in use by another process (an 'oxigraph serve' or another kg command); "
            "stop it or wait for it to finish, then try again"
        )
    if isinstance(exc, PermissionError) or "permission denied" in low:
        return StoreError(f"{path}: cannot write here (permission denied); choose a folder you can write to")
    if "no space" in low:
        return StoreError(f"{path}: the disk is full; free some space and try again")
    first = text.splitlines()[0] if text else type(exc).__name__
    return StoreError(f"{path}: cannot {doing} ({first}); each report is written whole or not at all, "
                      "so running the command again is safe")


def _forget_locals(exc: BaseException | None) -> None:
    """Drop the locals of finished frames in ``exc``'s tracebacks, so no frame keeps the store open."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc.__traceback__ is not None:
            traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def _remove_stale_creations(path: Path) -> None:
    """Folders ``.NAME.creating-PID`` left by a creation that was killed: their process is gone."""
    from kg.atomic import _alive

    pattern = re.compile(re.escape(f".{path.name}.creating-") + r"(\d+)")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match and not _alive(int(match.group(1))):
            shutil.rmtree(path.parent / name, ignore_errors=True)


def _create(path: Path) -> None:
    """Make a new, empty store at ``path`` all at once: built beside it, then renamed into place.

    A creation that is killed leaves only a hidden ``.NAME.creating-PID``
    folder (removed by the next creation), never a half-made store at ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_creations(path)
    tmp = path.parent / f".{path.name}.creating-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = ox.Store(str(tmp))
        store.flush()
        del store
        os.rename(tmp, path)   # onto a missing or empty folder only
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if not _looks_like_store(path):  # another process may have won the race: that is fine
            raise _explain(path, exc, "create the Oxigraph store") from None


def open_store(store_dir: PathLike, *, write: bool = False) -> ox.Store:
    """The store at ``store_dir`` (read-only unless ``write``; created when written and missing).

    A store whose creation was interrupted by an earlier tool is repaired
    when it can be (opening it for writing adds what is missing), else
    reported in one line.
    """
    path = Path(store_dir)
    _check_dir(path, write)
    try:
        if write and not _looks_like_store(path) and not _half_made(path):
            _create(path)
        return ox.Store(str(path)) if write else ox.Store.read_only(str(path))
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - RocksDB errors come as OSError or RuntimeError
        if write or "column family not found" not in str(exc).lower() or not os.access(path, os.W_OK):
            raise _explain(path, exc) from None
    try:  # half-made: a read-write open creates the missing column families
        repaired = ox.Store(str(path))
        repaired.flush()
        del repaired
        return ox.Store.read_only(str(path))
    except Exception as exc:  # noqa: BLE001
        raise _explain(path, exc) from None


def using_store(store_dir: PathLike, work: Callable[[ox.Store], T], *, write: bool = False) -> T:
    """Open the store (read-only unless ``write``), run ``work(store)``, close it; errors become StoreError.

    The store closes when its last reference goes; an exception's traceback
    must not keep one, or the lock would stay held in this process.
    """
    path = Path(store_dir)
    store = open_store(path, write=write)
    try:
        result = work(store)
        if write:
            # Without a flush the write-ahead log stays unmerged and every later open
            # replays it: seconds for each read of a store of 10^5 quads.
            store.flush()
        return result
    except (OSError, RuntimeError) as exc:
        _forget_locals(exc)
        raise _explain(path, exc, "write to the store" if write else "read the store") from None
    except BaseException as exc:
        _forget_locals(exc)
        raise
    finally:
        del store
