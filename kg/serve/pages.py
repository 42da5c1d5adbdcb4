"""The HTML pages: home, search, entity and report pages; entity IRIs dereference here.

``https://w3id.org/govkg/id/<kind>/<h>`` is served at ``/id/<kind>/<h>``:
HTML for browsers, Turtle, N-Triples or JSON-LD for RDF clients (by
``Accept``, or ``?format=ttl|nt|jsonld``). Rendered pages are kept until a
build writes the store (kg/serve/freshness.py makes them again).
"""
from __future__ import annotations

import math
import threading
from collections import OrderedDict
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from kg.serve import chart
from kg.serve.catalog import ID, KIND_ZH, KINDS, Catalog
from kg.serve.entity_data import entity_view
from kg.serve.negotiate import choose
from kg.serve.neighbourhood import neighbourhood_page
from kg.serve.overview import OverviewPages
from kg.serve.reader import Reader, iri
from kg.serve.report_data import MARK_ORDER, report_view, text_html
from kg.serve.results import graph_body
from kg.serve.texts import ReportTexts
from kg.view.legend import type_label

PER_PAGE = 50
ROLE_ZH = {"preamble": "开篇", "measures": "举措", "shortcomings": "不足", "leadership": "领导", "plans": "计划",
           "other": "其他"}
FORMATS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
PAGE_TYPES = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]
KEPT_PAGES = 512


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(files("kg.serve") / "templates")),
                      autoescape=select_autoescape(["html"], default=True), trim_blocks=False)
    kinds_zh = {**KIND_ZH, "observation": "观测", "mention": "提及", "other": "其他"}
    env.globals.update(kind_zh=kinds_zh, role_zh=ROLE_ZH, class_zh=type_label)
    return env


class Site:
    """The catalog, the page queries and the templates, shared by every request."""

    def __init__(self, reader: Reader, roots: list[Path] | None = None) -> None:
        self.reader = reader
        self.catalog = Catalog(reader)
        self.overview = OverviewPages(reader, self.catalog)
        self.texts = ReportTexts(roots)
        self.env = environment()
        self._pages: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def render(self, name: str, **context: object) -> str:
        return self.env.get_template(name).render(**context)

    def kept(self, key: str, make) -> str | None:  # type: ignore[no-untyped-def]
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        page = make()
        if page is None:
            return None
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        return page

    # ------------------------------------------------------------ pages

    def home(self) -> str:
        c = self.catalog
        return self.render("home.html", reports_total=len(c.reports), by_year=c.reports_by_year(),
                           kinds=sorted(c.kind_counts().items(), key=lambda kv: -kv[1]),
                           shared=c.most_reported("programme"), busiest=c.most_reported("organisation"))

    def search(self, q: str, kind: str, page: int) -> str:
        kind_name = KINDS.get(kind, kind) if kind else ""
        hits = self.catalog.search(q, kind_name or None) if q.strip() else []
        if not q.strip() and kind_name:  # a type alone lists that type, most reported first
            hits = sorted((e for e in self.catalog.entries.values() if e.kind == kind_name),
                          key=lambda e: (-e.reports, e.label))
            q = q or ""
        pages = max(1, math.ceil(len(hits) / PER_PAGE))
        page = min(max(page, 1), pages)
        shown = hits[(page - 1) * PER_PAGE: page * PER_PAGE]
        kinds = sorted({e.kind for e in self.catalog.entries.values()}, key=lambda k: list(KIND_ZH).index(k))
        return self.render("search.html", q=q, type=kind_name, hits=shown, total=len(hits), page=page,
                           pages=pages, per_page=PER_PAGE, kinds=kinds, listing=bool(kind_name and not q))

    def entity(self, subject: str, path: str) -> str | None:
        view = entity_view(self.reader, self.catalog, subject)
        if view is None:
            return None
        figure, caption = chart.svg(view.observations) if view.kind == "indicator" else (None, "")
        return self.render("entity.html", e=view, path=path, chart=figure, chart_caption=caption)

    def report(self, subject: str, path: str) -> str | None:
        view = report_view(self.reader, self.catalog, self.texts, subject)
        if view is None:
            return None
        legend = [k for k in MARK_ORDER if k != "other"]
        marked = text_html(view.pieces, self.env.globals["kind_zh"])  # type: ignore[arg-type]
        return self.render("report.html", r=view, path=path, legend=legend, text_html=marked)

    def view(self, subject: str, depth: int) -> str | None:
        if subject not in self.catalog.entries and subject not in self.catalog.reports:
            return None
        title = f"{self.catalog.label(subject)} · 邻域(深度 {depth})"
        return neighbourhood_page(self.reader, subject, depth, title)

    def rdf(self, subject: str, media: str) -> bytes | None:
        result = self.reader.construct("CONSTRUCT { ?e ?p ?o } WHERE { ?e ?p ?o }", e=iri(subject))
        return graph_body(result, media) if result.rows else None


async def home(request: Request) -> Response:
    site: Site = request.app.state.site
    return HTMLResponse(await run_in_threadpool(site.kept, "/", site.home))


async def search(request: Request) -> Response:
    site: Site = request.app.state.site
    params = request.query_params
    try:
        page = int(params.get("page", "1"))
    except ValueError:
        page = 1
    html = await run_in_threadpool(site.search, params.get("q", ""), params.get("type", ""), page)
    return HTMLResponse(html)


async def resource(request: Request) -> Response:
    """``/id/<kind>/<h>``: the page of a report or entity, or its triples for RDF clients."""
    site: Site = request.app.state.site
    kind, key = request.path_params["kind"], request.path_params["key"]
    subject = f"{ID}{kind}/{key}"
    path = f"/id/{kind}/{key}"
    wanted = request.query_params.get("format")
    if wanted:
        media = FORMATS.get(wanted)
        if media is None:
            return PlainTextResponse(f"unknown format {wanted!r}; use ttl, nt or jsonld\n", status_code=400)
    else:
        media = choose(request.headers.get("accept"), PAGE_TYPES)
        if media is None:
            return PlainTextResponse("this resource is served as " + ", ".join(PAGE_TYPES) + "\n", status_code=406)
    if media != "text/html":
        body = await run_in_threadpool(site.rdf, subject, media)
        if body is None:
            return PlainTextResponse(f"nothing is known about {subject}\n", status_code=404)
        return Response(body, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"})
    make = (lambda: site.report(subject, path)) if kind == "report" else (lambda: site.entity(subject, path))
    html = await run_in_threadpool(site.kept, path, make)
    if html is None:
        return HTMLResponse(site.render("missing.html", iri=subject), status_code=404, headers={"Vary": "Accept"})
    return HTMLResponse(html, headers={"Vary": "Accept"})


# the network page is kg view's: inline script and data, its own policy that forbids every request
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")


async def view(request: Request) -> Response:
    """``/view/id/<kind>/<h>?depth=1|2``: the network view around a report or entity, drawn on demand."""
    site: Site = request.app.state.site
    kind, key = request.path_params["kind"], request.path_params["key"]
    depth_text = request.query_params.get("depth", "1")
    if depth_text not in ("1", "2"):
        return PlainTextResponse("depth is 1 or 2\n", status_code=400)
    subject = f"{ID}{kind}/{key}"
    html = await run_in_threadpool(site.kept, f"view:{subject}:{depth_text}", lambda: site.view(subject, int(depth_text)))
    if html is None:
        return HTMLResponse(site.render("missing.html", iri=subject), status_code=404)
    return HTMLResponse(html, headers={"Content-Security-Policy": VIEW_CSP})
