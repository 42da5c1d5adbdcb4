"""The query page (YASGUI on /sparql, named queries as examples) and a form for each named query.

A named query's form runs it through :func:`kg.query.run` with its parameters
bound as RDF terms, exactly as ``kg query NAME --param …`` does, and offers
the answer as CSV or SPARQL JSON (the writers of ``kg query --format``).
"""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from kg.errors import KGError
from kg.query import QueryText, bind, list_queries, load_query, run
from kg.query.results import compact, plain, render
from kg.query.syntax import inject_values
from kg.serve.catalog import ID
from kg.serve.entity_data import Link
from kg.view.page import script_json

SHOWN_ROWS = 1000   # rows a page shows; downloads keep every row (up to the server's --limit)


def example_text(query: QueryText) -> str:
    """The query text with its example (or default) values bound as VALUES, ready to run in YASGUI."""
    given = {p.name: p.example for p in query.params if p.required and p.example}
    try:
        return inject_values(query, bind(query, given))
    except KGError:
        return query.text


async def query_page(request: Request) -> Response:
    site = request.app.state.site
    examples = [{"name": q.name, "title": q.title, "description": q.description, "text": example_text(q)}
                for q in list_queries()]
    html = site.render("query.html", queries=examples, queries_json=script_json(examples))
    return HTMLResponse(html)


async def queries_index(request: Request) -> Response:
    return HTMLResponse(request.app.state.site.render("queries.html", queries=list_queries()))


def _cells(site, result) -> list[list[Link]]:  # type: ignore[no-untyped-def]
    out = []
    for row in result.rows[:SHOWN_ROWS]:
        cells = []
        for term in row:
            if term is not None and term.kind == "uri" and term.value.startswith(ID):
                cells.append(Link(site.catalog.label(term.value), site.catalog.path(term.value)))
            elif term is not None and term.kind == "uri":
                cells.append(Link(compact(term.value)))
            else:
                cells.append(Link(plain(term)))
        out.append(cells)
    return out


async def named_query(request: Request) -> Response:
    site = request.app.state.site
    limits = request.app.state.limits
    try:
        query = load_query(request.path_params["name"])
    except KGError as exc:
        return PlainTextResponse(f"{exc}\n", status_code=404)
    names = {p.name for p in query.params}
    given = {k: v for k, v in request.query_params.items() if k in names and v != ""}
    ran = request.query_params.get("run") == "1"
    fmt = request.query_params.get("format")
    context = {"q": query, "given": given, "ran": ran, "error": None, "result": None, "cells": [],
               "download": f"/queries/{query.name}?" + urlencode({**given, "run": "1"})}
    if not ran:
        return HTMLResponse(site.render("named_query.html", **context))
    try:
        result = await run_in_threadpool(run, query, site.reader.source, given, limit=limits.limit,
                                         timeout=limits.timeout)
    except KGError as exc:
        if fmt:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        context["error"] = str(exc)
        return HTMLResponse(site.render("named_query.html", **context), status_code=400)
    if fmt in ("csv", "json"):
        media = "text/csv" if fmt == "csv" else "application/sparql-results+json"
        disposition = f'attachment; filename="{query.name}.{fmt}"'
        return Response(render(result, fmt), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": disposition})
    if fmt:
        return PlainTextResponse(f"unknown format {fmt!r}; use csv or json\n", status_code=400)
    context.update(result=result, cells=_cells(site, result))
    return HTMLResponse(site.render("named_query.html", **context))
