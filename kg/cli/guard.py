"""What every ``kg`` command gets before and around its work: sane streams, SIGTERM, text arguments.

A command must end with one line and an exit code whatever the world does
to it: stdout closed, stderr closed, SIGTERM from a service manager,
arguments holding bytes that are not UTF-8, or a bug in govkg itself.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Options that name files: their bytes are the file system's business, not text to check.
PATH_OPTIONS = {"inputs", "graphs", "graph", "output", "store", "query", "reports"}
# Commands whose point is what they print on stdout.
PRINTING_COMMANDS = {"query", "reports"}


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: workers stop, nothing half-written stays, one line says so."""


def _undecodable(value: str) -> str | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        code = ord(bad)
        return f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"character U+{code:04X}"
    return None


def _values(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)


def bad_text_argument(args: argparse.Namespace) -> str | None:
    """A message for the first text option that is not valid UTF-8 (file names may be any bytes), or None."""
    for name, value in vars(args).items():
        if name in PATH_OPTIONS or name == "func":
            continue
        for text in _values(value):
            problem = _undecodable(text)
            if problem:
                option = "--" + name.replace("_", "-")
                return f"{option}: the value is not valid UTF-8 text ({problem}); give it as UTF-8"
    return None


def closed_stderr() -> None:
    """Give a closed stderr somewhere to go, so that messages cannot fail."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def closed_stdout(command: str) -> str | None:
    """Give a closed stdout somewhere to go; a message when the command's output would be lost."""
    if sys.stdout is None:
        if command in PRINTING_COMMANDS:
            return "standard output is closed, so the results have nowhere to go; redirect it to a file"
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    return None


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` (the main thread only can set it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: Any) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interrupted(command: str, exc: KeyboardInterrupt) -> int:
    """The line and exit code of a command stopped by Ctrl-C (130) or SIGTERM (143)."""
    how, code = ("stopped (SIGTERM)", 143) if isinstance(exc, Terminated) else ("interrupted", 130)
    print(f"kg {command}: {how}; nothing half-written was left behind", file=sys.stderr)
    return code


def internal_error(command: str, exc: BaseException) -> int:
    """A bug in govkg: one line that names it, never a traceback (exit 1)."""
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    print(f"kg {command}: internal error ({type(exc).__name__}: {first}); please report it as a bug "
          "with the command that caused it", file=sys.stderr)
    return 1



def drop_stdout() -> None:
    """After a reader went away (``| head``): point stdout at /dev/null so the exit's flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
