"""Stopping a query at ``--timeout``: a forked child killed at the deadline, else an abandoned thread."""
from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable
from typing import Any

from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.query_engines import Result


def call_with_timeout(work: Callable[[], Result], timeout: float | None, name: str) -> Result:
    """Run ``work`` and give up after ``timeout`` seconds.

    On Linux the work runs in a forked child (which shares the loaded graph
    copy-on-write) that is killed at the deadline, so the query really stops.
    Where fork is unsafe or missing (Windows, macOS) a daemon thread is
    abandoned instead: the message comes on time, the work ends with the process.
    """
    if not timeout:
        return work()
    stop_message = (f"{name}: stopped after {timeout:g} s (--timeout); narrow it with --param or --limit, "
                    "or raise --timeout")
    if sys.platform.startswith(("linux", "freebsd")) and "fork" in multiprocessing.get_all_start_methods():
        return _in_child(work, timeout, name, stop_message)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True, name="kg-query")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(stop_message + " (the query thread is abandoned and ends with this process)")
    if "error" in box:
        raise box["error"]
    return box["result"]


def _child_main(work: Callable[[], Result], conn: Any) -> None:
    try:
        message: tuple = ("ok", work())
    except KGError as exc:
        message = ("error", type(exc).__name__, str(exc))
    except BaseException as exc:  # noqa: BLE001
        message = ("error", "QueryError", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(message)
    except Exception as exc:  # noqa: BLE001 - e.g. a result too odd to pickle
        conn.send(("error", "QueryError", f"cannot hand back the results: {exc}"))
    conn.close()


def _in_child(work: Callable[[], Result], timeout: float, name: str, stop_message: str) -> Result:
    from kg import errors

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(work, send), daemon=True, name="kg-query")
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(stop_message)
        message = receive.recv()
    except EOFError:
        process.join(1)
        raise QueryError(f"{name}: the query process ended without an answer "
                         f"(exit code {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if message[0] == "ok":
        return message[1]
    error_class = getattr(errors, message[1], QueryError)
    if error_class not in (QueryError, StoreError, UsageError):
        error_class = QueryError
    raise error_class(message[2])
