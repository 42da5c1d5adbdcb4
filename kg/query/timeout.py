"""Stopping a query at its deadline: a forked child killed at the deadline, else an abandoned thread.

The deadline is for the whole query (local or remote: connecting, running,
reading and writing the results), not for each read.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from kg.errors import KGError, QueryError, StoreError, UsageError
from kg.lifeline import die_with_parent

T = TypeVar("T")
DEFAULT_TIMEOUT = 300.0  # seconds; every query has a deadline unless told otherwise (--timeout 0)


def check_timeout(timeout: float | None, name: str) -> float | None:
    """The deadline in seconds (None: none); refuses negative, NaN and infinite values with one line."""
    if timeout is None:
        return None
    if not isinstance(timeout, (int, float)) or math.isnan(timeout) or math.isinf(timeout) or timeout < 0:
        raise UsageError(f"{name}: --timeout must be a number of seconds, 0 or more (0: no deadline), "
                         f"got {timeout!r}")
    return float(timeout) or None


def stop_message(name: str, timeout: float) -> str:
    return (f"{name}: stopped after {timeout:g} s (--timeout); narrow it with --param or --limit, "
            "or raise --timeout")


def call_with_timeout(work: Callable[[], T], timeout: float | None, name: str) -> T:
    """Run ``work`` and give up after ``timeout`` seconds.

    On Linux the work runs in a forked child (which shares the loaded graph
    copy-on-write) that is killed at the deadline, so the query really stops.
    Where fork is unsafe or missing (Windows, macOS) a daemon thread is
    abandoned instead: the message comes on time, the work ends with the process.
    """
    timeout = check_timeout(timeout, name)
    if not timeout:
        return work()
    stopped = stop_message(name, timeout)
    if sys.platform.startswith(("linux", "freebsd")) and "fork" in multiprocessing.get_all_start_methods():
        return _in_child(work, timeout, name, stopped)
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
        raise QueryError(stopped + " (the query thread is abandoned and ends with this process)")
    if "error" in box:
        raise box["error"]
    return box["result"]


def outcome(work: Callable[[], Any]) -> tuple:
    """What ``work`` gave, as a message another process can read back with :func:`unpack`."""
    try:
        message: tuple = ("ok", work())
    except BrokenPipeError:  # the reader of the results went away (`| head`): not an error
        message = ("pipe",)
    except KGError as exc:
        message = ("error", type(exc).__name__, str(exc))
    except BaseException as exc:  # noqa: BLE001
        message = ("error", "QueryError", f"{type(exc).__name__}: {exc}")
    return message


def send_outcome(conn: Any, message: tuple) -> None:
    try:
        conn.send(message)
    except (BrokenPipeError, EOFError):  # the parent went away or gave up on this query
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a result too odd to pickle
        conn.send(("error", "QueryError", f"cannot hand back the results: {exc}"))


def unpack(message: tuple) -> Any:
    """The result an :func:`outcome` message carries, or the error it names raised again in this process."""
    from kg import errors

    if message[0] == "ok":
        return message[1]
    if message[0] == "pipe":
        raise BrokenPipeError()
    error_class = getattr(errors, message[1], QueryError)
    if error_class not in (QueryError, StoreError, UsageError):
        error_class = QueryError
    raise error_class(message[2])


def _child_main(work: Callable[[], Any], conn: Any, parent: int) -> None:
    die_with_parent(parent)
    send_outcome(conn, outcome(work))
    conn.close()


def _in_child(work: Callable[[], T], timeout: float, name: str, stopped: str) -> T:
    for stream in (sys.stdout, sys.stderr):  # the child writes after what this process wrote
        if stream is not None:
            stream.flush()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(work, send, os.getpid()), daemon=True, name="kg-query")
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(stopped)
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
    return unpack(message)  # type: ignore[no-any-return]
