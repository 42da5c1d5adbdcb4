"""The corpus overview: structure, not lattices.

Reports are grouped by place and time: a place named by two or more reports
is a group (split by decade when it has more than ``CROWDED`` reports); the
reports of places named once gather by year. The entities that ``min`` or
more reports mention (``gov:mentionedIn``) are the hubs, linked to each of
those reports. What only one report mentions is folded into one count node
per report and kind; the page asks ``/overview/leaves`` for those leaves
when the count node is clicked. The graph is drawn by kg.view, as every
network in the project is.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from kg.serve.catalog import KIND_ZH, Catalog, ReportInfo, kind_of
from kg.serve.reader import Reader, value
from kg.view.layout import star
from kg.view.legend import GOV_NS, type_label
from kg.view.page import SPACING, STRETCH, short_label, view_html

CROWDED = 12            # a group with more reports than this is split by decade
UNKNOWN_PLACE = "不详"
MENTIONED_IN = GOV_NS + "mentionedIn"
IN_GROUP = GOV_NS + "overview#group"
FOLDS = GOV_NS + "overview#folds"
# the class a folded node of each kind is drawn as
KIND_CLASS = {"organisation": "Organisation", "programme": "Programme", "document": "Document",
              "indicator": "Indicator", "problem": "Problem", "plan": "Plan", "place": "Place"}
RELATION_LABELS = {MENTIONED_IN: "提及于", IN_GROUP: "同组", FOLDS: "仅见于本报告"}
LEAF_SIZE = 10.0


@dataclass
class Mentions:
    """Which reports mention each entity, read once from the store."""

    reports: dict[str, set[str]] = field(default_factory=dict)     # entity → reports

    @classmethod
    def read(cls, reader: Reader) -> Mentions:
        found: dict[str, set[str]] = defaultdict(set)
        for row in reader.select("SELECT DISTINCT ?e ?r WHERE { ?e gov:mentionedIn ?r }"):
            entity = value(row, "e")
            if kind_of(entity) not in (None, "report"):
                found[entity].add(value(row, "r"))
        return cls(dict(found))

    def leaves(self, report: str, kind: str, least: int) -> list[str]:
        """Entities of ``kind`` that ``report`` mentions and fewer than ``least`` reports do."""
        return [e for e, rs in self.reports.items() if report in rs and len(rs) < least and kind_of(e) == kind]


def groups(reports: list[ReportInfo]) -> dict[str, list[ReportInfo]]:
    """Group label → its reports (by year); see the module's docstring."""
    by_place: dict[str, list[ReportInfo]] = defaultdict(list)
    for info in reports:
        by_place[info.place or UNKNOWN_PLACE].append(info)
    out: dict[str, list[ReportInfo]] = defaultdict(list)
    for place, members in by_place.items():
        for info in members:
            if len(members) == 1:
                out[f"{info.year or '?'}年各地"].append(info)
            elif len(members) > CROWDED and info.year[:3].isdigit():
                out[f"{place}{info.year[:3]}0s"].append(info)
            else:
                out[place].append(info)
    return {label: sorted(members, key=lambda r: (r.year, r.place, r.title)) for label, members in sorted(out.items())}


def _node(G: nx.MultiDiGraph, iri: str, label: str, cls: str, kind: str, **extra: Any) -> None:
    G.add_node(iri, label=label, type=cls, type_label=type_label(cls), kind=kind, labels=extra.pop("labels", [label]),
               mentions=0, sentences=[], reports=extra.pop("reports", []), observations=[],
               description=extra.pop("description", ""), props=[], **extra)


def _edge(G: nx.MultiDiGraph, u: str, v: str, relation: str) -> None:
    G.add_edge(u, v, key=relation, relation=relation, label=RELATION_LABELS[relation], faint=False, detail="",
               sentences=[])


@dataclass
class Overview:
    graph: nx.MultiDiGraph
    groups: int
    hubs: int
    folded: int         # count nodes
    leaves: int         # entities folded into them


def overview_graph(catalog: Catalog, mentions: Mentions, least: int = 2) -> Overview:
    G = nx.MultiDiGraph()
    grouped = groups(list(catalog.reports.values()))
    for label, members in grouped.items():
        key = "group:" + label
        _node(G, key, label, "Group", "group", description=f"{len(members)} 份报告", labels=[label])
        for info in members:
            _node(G, info.iri, f"{info.year} {info.place}".strip() or info.title, "Report", "report",
                  labels=[info.title], description=info.title, page=info.path)
            _edge(G, key, info.iri, IN_GROUP)
    hubs = folded = leaves = 0
    own: Counter[tuple[str, str]] = Counter()
    for entity, reports in mentions.reports.items():
        present = [r for r in reports if r in G]
        if len(reports) < least:
            for r in present:
                own[r, kind_of(entity) or ""] += 1
            continue
        entry = catalog.entries.get(entity)
        if entry is None or not present:
            continue
        hubs += 1
        _node(G, entity, entry.label, entry.cls, entry.kind, labels=entry.names or [entry.label],
              reports=sorted(present), description=f"{len(reports)} 份报告提及", page=entry.path)
        for r in sorted(present):
            _edge(G, entity, r, MENTIONED_IN)
    for (report, kind), n in sorted(own.items()):
        key = f"fold:{report}:{kind}"
        cls = KIND_CLASS.get(kind, "Other")
        label = f"{KIND_ZH.get(kind, kind)} ×{n}"
        fold = {"report": report.rsplit("/", 1)[-1], "reportIri": report, "kind": kind, "count": n}
        _node(G, key, label, cls, "fold", reports=[report], fold=fold, size=min(30.0, 10.0 + 2.0 * n ** 0.5),
              description=f"只有这份报告提到的 {n} 个{KIND_ZH.get(kind, kind)}；点击展开")
        _edge(G, key, report, FOLDS)
        folded += 1
        leaves += n
    return Overview(G, len(grouped), hubs, folded, leaves)


class OverviewPages:
    """The overview page and its leaves, made from the store once (as the catalog is)."""

    def __init__(self, reader: Reader, catalog: Catalog) -> None:
        self.reader = reader
        self.catalog = catalog
        self._mentions: Mentions | None = None
        self._lock = threading.Lock()

    def mentions(self) -> Mentions:
        with self._lock:
            if self._mentions is None:
                self._mentions = Mentions.read(self.reader)
            return self._mentions

    def page(self, least: int) -> str:
        o = overview_graph(self.catalog, self.mentions(), least)
        title = (f"语料概览 · {len(self.catalog.reports)} 份报告，{o.groups} 组 · {o.hubs} 个共享节点"
                 f"（≥{least} 份报告）· {o.folded} 个折叠节点（{o.leaves} 个只见于一份报告的实体）")
        return view_html(o.graph, title=title, expand={"url": "/overview/leaves", "min": least, "relation": FOLDS})

    def leaves(self, report_key: str, kind: str, least: int) -> dict[str, Any] | None:
        report = next((r for r in self.catalog.reports if r.rsplit("/", 1)[-1] == report_key), None)
        if report is None:
            return None
        found = sorted(self.mentions().leaves(report, kind, least), key=lambda e: (self.catalog.label(e), e))
        offsets = star(len(found))
        out = []
        for entity, (x, y) in zip(found, offsets):
            entry = self.catalog.entries.get(entity)
            label = self.catalog.label(entity)
            out.append({"iri": entity, "label": label, "short": short_label(label),
                        "labels": entry.names if entry and entry.names else [label],
                        "type": entry.cls if entry else KIND_CLASS.get(kind, "Other"),
                        "page": self.catalog.path(entity), "mentions": 0, "size": LEAF_SIZE,
                        "dx": round(x * SPACING * STRETCH, 1), "dy": round(y * SPACING, 1)})
        return {"report": report, "kind": kind, "leaves": out}


# the overview is kg view's page, which may ask its own server for the leaves
OVERVIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
                "font-src data:; connect-src 'self'; form-action 'none'; base-uri 'none'")


def _least(request: Request) -> int | None:
    text = request.query_params.get("min", "2")
    return int(text) if text.isdigit() and 2 <= int(text) <= 1000 else None


async def overview_page(request: Request) -> Response:
    """``/overview?min=N``: the corpus overview, hubs named by at least N reports (default 2)."""
    site = request.app.state.site
    least = _least(request)
    if least is None:
        return PlainTextResponse("min is a whole number of reports, 2 or more\n", status_code=400)
    html = await run_in_threadpool(site.kept, f"overview:{least}", lambda: site.overview.page(least))
    return HTMLResponse(html, headers={"Content-Security-Policy": OVERVIEW_CSP})


async def overview_leaves(request: Request) -> Response:
    """``/overview/leaves?report=<h>&kind=<kind>&min=N``: what one folded node holds, with offsets to draw it."""
    site = request.app.state.site
    least = _least(request)
    kind = request.query_params.get("kind", "")
    if least is None or kind not in KIND_CLASS:
        return PlainTextResponse("give report=<hash>, kind=" + "|".join(KIND_CLASS) + " and min=N (2 or more)\n",
                                 status_code=400)
    body = await run_in_threadpool(site.overview.leaves, request.query_params.get("report", ""), kind, least)
    if body is None:
        return PlainTextResponse("no such report\n", status_code=404)
    return JSONResponse(body)
