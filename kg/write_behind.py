"""Writes that run behind the build: one thread does the store's and the file's writes in order.

Writing a report into the embedded store is native work (RocksDB) that lets go
of the GIL, so while the thread writes one report the build goes on reading and
extracting the next: the build takes about as long as the longer of the two,
not their sum. The queue holds a few reports, so memory stays bounded; a write
that fails stops the build at its next hand-over with the writer's own error.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType

DEPTH = 4  # reports waiting for the writer; the build blocks beyond that


class WriteBehind:
    """Runs the calls handed to :meth:`put` one after another on one thread, in the order given.

    >>> done = []
    >>> with WriteBehind() as behind:
    ...     for n in range(3):
    ...         behind.put(lambda n=n: done.append(n))
    >>> done
    [0, 1, 2]
    """

    def __init__(self, depth: int = DEPTH) -> None:
        self._calls: queue.Queue[Callable[[], object] | None] = queue.Queue(depth)
        self._error: BaseException | None = None
        self._dropping = False  # after an error in the build: what waits is not written
        self._thread = threading.Thread(target=self._loop, name="kg-write-behind", daemon=True)
        self._thread.start()

    def put(self, call: Callable[[], object]) -> None:
        """Queue ``call`` (waits while the queue is full); raises the error of an earlier call, if any."""
        self._raise()
        self._calls.put(call)

    def finish(self) -> None:
        """Wait until every queued call ran; raises the first error one of them raised."""
        self._calls.put(None)
        self._thread.join()
        self._raise()

    def abandon(self) -> None:
        """Drop what waits, let the call under way end (a store write is atomic), and stop."""
        self._dropping = True
        while True:
            try:
                self._calls.get_nowait()
            except queue.Empty:
                break
        self._calls.put(None)
        self._thread.join()

    def __enter__(self) -> WriteBehind:  # noqa: PYI034 - Self needs Python 3.11
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.finish()
        else:
            self.abandon()

    def _raise(self) -> None:
        if self._error is not None:
            self._dropping = True   # first: the thread must not take the next call for a fresh start
            error, self._error = self._error, None
            raise error

    def _loop(self) -> None:
        while True:
            call = self._calls.get()
            if call is None:
                return
            if self._dropping or self._error is not None:
                continue
            try:
                call()
            except BaseException as exc:  # noqa: BLE001 - handed to the build's thread, which raises it
                self._error = exc
