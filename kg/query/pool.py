"""A few long-lived query processes for ``kg serve``: each holds the source open and is killed at a deadline.

A process per query (:func:`kg.query.timeout.call_with_timeout`, what ``kg
query`` uses) opens the store afresh each time, tens of milliseconds that grow
with the store, and a fork of a busy server besides. Here each worker opens
the store once, read-only, and again only when a writer changed it (the
stamp of :func:`kg.query.engines.store_stamp`, checked before every query), so
a server still sees what ``kg build --store`` wrote, from the next query on.

The server hands a query to an idle worker over a pipe and waits up to the
deadline (time spent waiting for a free worker counts); past it the worker is
killed, so the query really stops, and the next query gets a fresh worker.
A worker that died (killed, crashed) is replaced the same way. Workers end
with the pool (:meth:`QueryPool.close`), with the interpreter (they are
daemons) or when the server is gone (:func:`kg.lifeline.die_with_parent`).
"""
from __future__ import annotations

import marshal
import multiprocessing
import os
import signal
import threading
import time
from functools import partial
from typing import Any, Literal

from kg.errors import QueryError
from kg.lifeline import die_with_parent
from kg.query.engines import GraphFiles, OxigraphStore, Result
from kg.query.text import QueryText, Term
from kg.query.timeout import DEFAULT_TIMEOUT, check_timeout, outcome, stop_message, unpack

Local = GraphFiles | OxigraphStore


def default_size() -> int:
    """Two workers at least (one long query must not hold up every page), at most four (each holds a store open)."""
    return max(2, min(4, os.cpu_count() or 1))


def _context() -> Any:
    """Workers start from a fork server: a clean process, so they hold none of the server's threads,
    sockets or pipes (a forked worker kept a pipe of another child open, which then never ended).
    Each worker opens the store, or loads the files, itself."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])  # imported once in the fork server, not by each worker
    return context


def _serve(conn: Any, source: Local) -> None:
    """A worker's life: answer queries from ``conn`` until it closes or says stop (None)."""
    die_with_parent(os.getppid())  # the server, or the fork server, which ends with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops its workers
    outcome(source.open if isinstance(source, OxigraphStore) else source.load)  # ready before the first query
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            conn.send_bytes(b"")  # taken: from here on, an end of this process is the query's failure
        except (OSError, EOFError):
            return
        if isinstance(source, OxigraphStore):
            source.refresh()
        data = _packed(outcome(partial(_answer, source, *request)))
        try:
            conn.send_bytes(data)
        except (OSError, EOFError):  # the server went away
            return


def _answer(source: Local, query: QueryText, form: str, bindings: dict[str, Term], limit: int | None) -> Result:
    return source.execute(query, form, bindings, limit).materialise()


# Results cross the pipe as marshal data of plain tuples: several times cheaper to write and
# read than pickled Term objects, which was most of what a worker added to a page's time.
def _packed(message: tuple) -> bytes:
    try:
        if message[0] == "ok":
            r = message[1]
            rows = [tuple([None if t is None else tuple(t) for t in row]) for row in r.rows]
            message = ("ok", (r.form, list(r.variables), rows, r.boolean, r.truncated))
        return marshal.dumps(message)
    except ValueError as exc:  # a value marshal cannot write (no such thing in a Term, but say so if met)
        return marshal.dumps(("error", "QueryError", f"cannot hand back the results: {exc}"))


def _unpacked(data: bytes) -> Any:
    message = marshal.loads(data)
    if message[0] == "ok":
        form, variables, rows, boolean, truncated = message[1]
        term = tuple.__new__  # a Term from its fields, without calling the NamedTuple's own __new__
        rows = [tuple([None if t is None else term(Term, t) for t in row]) for row in rows]
        message = ("ok", Result(form, variables, rows, boolean, truncated))
    return unpack(message)


class _Worker:
    def __init__(self, context: Any, source: Local) -> None:
        self.conn, theirs = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(theirs, source), daemon=True, name="kg-query-worker")
        self.process.start()
        theirs.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Queries on a store or RDF files answered by ``size`` worker processes, each with a deadline.

    Used as a source: :meth:`execute` answers as the source's own does, with
    the rows materialised. ``timeout`` is the deadline of a query that names
    none (seconds; None: ``DEFAULT_TIMEOUT``; 0: none).
    """

    local = True

    def __init__(self, source: Local, size: int | None = None, timeout: float | None = None) -> None:
        if size is not None and size < 1:
            raise QueryError(f"a query pool needs at least one worker, got {size}")
        self.source = source
        self.size = size or default_size()
        self.timeout = check_timeout(DEFAULT_TIMEOUT if timeout is None else timeout, "kg serve")
        self._context = _context()
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._changed = threading.Condition()
        self._closed = False

    def __repr__(self) -> str:
        return f"QueryPool({self.source!r}, size={self.size})"

    @property
    def path(self) -> Any:
        return getattr(self.source, "path", None)

    def start(self) -> QueryPool:
        """Start every worker now rather than at the first queries."""
        started = [self._acquire(None, "kg serve") for _ in range(self.size - len(self._workers))]
        for worker in started:
            self._release(worker)
        return self

    def pids(self) -> list[int]:
        with self._changed:
            return sorted(w.process.pid for w in self._workers if w.process.pid)

    def execute(self, query: QueryText, form: str, bindings: dict[str, Term], limit: int | None,
                deadline: float | None | Literal["pool"] = "pool") -> Result:
        """Run the query in a worker; past ``deadline`` seconds (None: none; default: the pool's) the worker is killed."""
        seconds = self.timeout if deadline == "pool" else check_timeout(deadline, query.name)  # type: ignore[arg-type]
        end = time.monotonic() + seconds if seconds else None
        worker = self._handed(end, query.name, seconds, (query, form, bindings, limit))
        try:
            if not worker.conn.poll(None if end is None else max(0.0, end - time.monotonic())):
                raise QueryError(stop_message(query.name, seconds or 0))
            data = worker.conn.recv_bytes()
        except (EOFError, OSError):
            worker.process.join(1)
            self._discard(worker)
            raise QueryError(f"{query.name}: the query process ended without an answer (exit code "
                             f"{worker.process.exitcode}); try again, a new one takes its place") from None
        except BaseException:
            self._discard(worker)  # killed at the deadline (or interrupted): the query stops with it
            raise
        self._release(worker)
        return _unpacked(data)  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop every worker (a query still running gets an error); the pool takes no more queries."""
        with self._changed:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
            self._idle.clear()
            self._changed.notify_all()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryPool:  # noqa: PYI034 - Self needs Python 3.11
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ workers

    def _acquire(self, end: float | None, name: str, seconds: float | None = None) -> _Worker:
        """An idle live worker, a new one while there are fewer than ``size``, or the next one freed before ``end``."""
        with self._changed:
            while True:
                if self._closed:
                    raise QueryError(f"{name}: the server is stopping; no more queries are taken")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    self._workers.discard(worker)  # died while idle (killed from outside): replaced below
                    worker.stop()
                if len(self._workers) + self._starting < self.size:
                    self._starting += 1
                    break
                left = None if end is None else end - time.monotonic()
                if left is not None and left <= 0:
                    raise QueryError(stop_message(name, seconds or 0) + f" (all {self.size} query workers were busy)")
                self._changed.wait(left)
        try:
            worker = _Worker(self._context, self.source)  # outside the lock: starting takes a few ms
        except OSError as exc:
            raise QueryError(f"{name}: cannot start a query process ({exc}); "
                             "check the limits on processes and open files") from None
        finally:
            with self._changed:
                self._starting -= 1
                self._changed.notify()
        with self._changed:
            if self._closed:
                worker.stop()
                raise QueryError(f"{name}: the server is stopping; no more queries are taken")
            self._workers.add(worker)
        return worker

    def _handed(self, end: float | None, name: str, seconds: float | None, request: tuple) -> _Worker:
        """The worker that took ``request``; one that had died (killed while idle) is replaced.

        A worker says it took the query before it starts on it: a worker found
        dead before that never had the query, so another can safely be given it.
        """
        for _ in range(self.size + 1):
            worker = self._acquire(end, name, seconds)
            try:
                worker.conn.send(request)
                if not worker.conn.poll(None if end is None else max(0.0, end - time.monotonic())):
                    raise QueryError(stop_message(name, seconds or 0))
                worker.conn.recv_bytes()
                return worker
            except (OSError, EOFError):
                self._discard(worker)
            except BaseException:
                self._discard(worker)
                raise
        raise QueryError(f"{name}: every query process ended before it could take the query; "
                         "see the server's error output, or restart it")

    def _release(self, worker: _Worker) -> None:
        with self._changed:
            kept = worker in self._workers  # not when the pool closed meanwhile
            if kept:
                self._idle.append(worker)
            self._changed.notify()
        if not kept:
            worker.stop()

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._changed:
            self._workers.discard(worker)
            self._changed.notify()
