"""The ASGI application: routes for the endpoint, the pages and the packaged static files."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.query import Source
from kg.serve.endpoint import EndpointLimits, answer

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]


def static_dir() -> Path:
    return Path(str(files("kg.serve") / "static"))


def create_app(source: Source, *, timeout: float | None = None, limit: int | None = None) -> Starlette:
    """The web app over ``source`` (an opened :class:`~kg.query.OxigraphStore` or loaded GraphFiles)."""
    limits = EndpointLimits(timeout, limit)

    async def sparql(request: Request) -> Response:
        return await answer(request, source, limits)

    routes = [
        Route("/sparql", sparql, methods=ALL_METHODS),
        Mount("/static", StaticFiles(directory=static_dir()), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.source = source
    return app
