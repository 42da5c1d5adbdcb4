"""The ASGI application: routes for the endpoint, the pages and the packaged static files.

Every response carries a Content-Security-Policy that allows scripts, styles,
images and fonts from this server only, so a page can never fetch from the
network, and text that slipped into markup could not run.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import KGError
from kg.query import GraphFiles, OxigraphStore, QueryPool, Source
from kg.serve import overview, pages, query_pages
from kg.serve.endpoint import EndpointLimits, answer
from kg.serve.freshness import FollowStore, FreshSite, stamp_of
from kg.serve.reader import Reader

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


class SecurityHeaders:
    """Adds the CSP and nosniff headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))  # a page's own policy stays
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def static_dir() -> Path:
    return Path(str(files("kg.serve") / "static"))


async def query_failed(request: Request, exc: Exception) -> Response:
    """A page whose query failed or ran out of time says so in one line (503 when it was stopped)."""
    status = 503 if "stopped after" in str(exc) else 500
    return PlainTextResponse(f"{exc}\n", status_code=status)


def create_app(source: Source, *, timeout: float | None = None, limit: int | None = None,
               roots: list[Path] | None = None, workers: int | None = None) -> Starlette:
    """The web app over ``source`` (an :class:`~kg.query.OxigraphStore` or :class:`~kg.query.GraphFiles`).

    Every query, the pages' too, runs in a :class:`~kg.query.QueryPool` of
    ``workers`` processes (``app.state.pool``), stopped when the app shuts down.
    ``roots`` are folders where report sources named by a relative path may be
    found again (for the report pages' full text).
    """
    limits = EndpointLimits(timeout, limit)
    if isinstance(source, (GraphFiles, OxigraphStore)):
        source = QueryPool(source, size=workers, timeout=timeout)
    pool = source if isinstance(source, QueryPool) else None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if pool is not None:
            pool.close()

    async def sparql(request: Request) -> Response:
        return await answer(request, source, limits)

    routes = [
        Route("/", pages.home),
        Route("/search", pages.search),
        Route("/overview", overview.overview_page),
        Route("/overview/leaves", overview.overview_leaves),
        Route("/id/{kind}/{key}", pages.resource),
        Route("/view/id/{kind}/{key}", pages.view),
        Route("/query", query_pages.query_page),
        Route("/queries", query_pages.queries_index),
        Route("/queries/{name}", query_pages.named_query),
        Route("/sparql", sparql, methods=ALL_METHODS),
        Mount("/static", StaticFiles(directory=static_dir()), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], lifespan=lifespan,
                    exception_handlers={KGError: query_failed})
    app.state.source = source
    app.state.pool = pool
    app.state.limits = limits

    def make_site() -> pages.Site:
        return pages.Site(Reader(source), roots)  # reads the catalog: the first queries

    stamp = stamp_of(source)
    seen = stamp()  # before reading: a write that lands meanwhile makes the pages again
    try:
        app.state.site = make_site()
    except BaseException:
        if pool is not None:
            pool.close()  # a source that cannot be read leaves no query process behind
        raise
    app.state.fresh = FreshSite(app.state, make_site, stamp, seen)
    app.add_middleware(FollowStore, fresh=app.state.fresh)
    return app
