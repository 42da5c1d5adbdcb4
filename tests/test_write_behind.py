"""The build's writes run behind it on one thread: in order, errors raised in the build, nothing after an interrupt."""
from __future__ import annotations

import threading

import pytest

from kg.errors import StoreError
from kg.write_behind import WriteBehind


def test_calls_run_in_the_order_given_and_all_of_them_by_the_end():
    done: list[int] = []
    with WriteBehind(depth=2) as behind:
        for n in range(50):
            behind.put(lambda n=n: done.append(n))
    assert done == list(range(50))


def test_calls_run_on_another_thread_than_the_build():
    threads: list[int] = []
    with WriteBehind() as behind:
        behind.put(lambda: threads.append(threading.get_ident()))
    assert threads and threads[0] != threading.get_ident()


def test_a_failed_write_is_raised_in_the_build_with_its_own_error_and_later_writes_are_not_made():
    done: list[int] = []

    def fail() -> None:
        raise StoreError("store: disk full")

    with pytest.raises(StoreError, match="disk full"), WriteBehind() as behind:
        behind.put(fail)
        for n in range(20):   # the error comes back at a hand-over or at the end, never lost
            behind.put(lambda n=n: done.append(n))
    assert done == []


def test_an_interrupted_build_lets_the_write_under_way_end_and_drops_what_waits():
    started, release = threading.Event(), threading.Event()
    done: list[str] = []

    def slow() -> None:
        started.set()
        release.wait(10)
        done.append("first, whole")

    with pytest.raises(KeyboardInterrupt), WriteBehind(depth=4) as behind:
        behind.put(slow)
        for n in range(3):
            behind.put(lambda n=n: done.append(f"queued {n}"))
        started.wait(10)
        threading.Timer(0.2, release.set).start()
        raise KeyboardInterrupt
    assert done == ["first, whole"]
