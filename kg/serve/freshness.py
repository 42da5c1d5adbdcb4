"""Pages that follow the store: after a build writes the store a running server reads, the
home counts, the search index, the overview and the rendered pages are made again.

Every request first compares the store's stamp (:func:`kg.query.engines.store_stamp`,
a few microseconds) with the one the pages were made from. When it changed, a new
:class:`~kg.serve.pages.Site` is made in a background thread while the old one keeps
answering, then takes its place: no request waits for the catalog to be read again,
and a build that writes in many batches causes one remake at a time, not one per
request. Sources without a stamp (RDF files, read once at start) never change.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from kg.errors import KGError
from kg.query.engines import store_stamp


def stamp_of(source: Any) -> Callable[[], tuple]:
    """The stamp function of a source: the store's for a store directory, a constant otherwise."""
    path = getattr(source, "path", None)
    if isinstance(path, Path) and path.is_dir():
        return lambda: store_stamp(path)
    return tuple


class FreshSite:
    """Keeps ``state.site`` made from the store as it is now (see the module's docstring)."""

    def __init__(self, state: Any, make: Callable[[], Any], stamp: Callable[[], tuple], seen: tuple) -> None:
        self.state = state
        self.make = make
        self.stamp = stamp
        self.seen = seen  # the stamp taken before the current site was made
        self._remaking: threading.Thread | None = None
        self._lock = threading.Lock()

    def check(self) -> None:
        """Start remaking the site if the store changed since it was made (and no remake runs)."""
        now = self.stamp()
        with self._lock:
            if now == self.seen or self._remaking is not None:
                return
            self.seen = now  # taken before the remake reads: a write landing meanwhile causes one more
            self._remaking = threading.Thread(target=self._remake, name="kg-serve-remake", daemon=True)
            self._remaking.start()

    def wait(self, seconds: float | None = None) -> None:
        """Wait for a remake under way (tests, and a clean shutdown)."""
        with self._lock:
            remaking = self._remaking
        if remaking is not None:
            remaking.join(seconds)

    def _remake(self) -> None:
        try:
            self.state.site = self.make()
        except Exception as exc:  # noqa: BLE001 - the old pages keep serving; the next change tries again
            detail = str(exc) if isinstance(exc, KGError) else f"{type(exc).__name__}: {exc}"
            print(f"kg serve: pages not brought up to date ({detail}); the next build tries again", file=sys.stderr)
        finally:
            with self._lock:
                self._remaking = None


class FollowStore:
    """ASGI middleware: each HTTP request first lets :class:`FreshSite` check the store."""

    def __init__(self, app: ASGIApp, fresh: FreshSite) -> None:
        self.app = app
        self.fresh = fresh

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.fresh.check()
        await self.app(scope, receive, send)
