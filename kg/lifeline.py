"""Child processes (build workers, query runners) end when the process that started them is gone.

Killing ``kg`` outright (kill -9, an OOM kill) must not leave workers
running on: each child watches its parent and exits once it has changed.
"""
from __future__ import annotations

import os
import threading
import time


def die_with_parent(parent: int, every: float = 0.5) -> None:
    """In a child process: exit as soon as ``parent`` is no longer its parent (checked every ``every`` s)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kg-lifeline").start()
