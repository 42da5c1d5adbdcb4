#!/usr/bin/env python3
"""How fast is `kg view`? Synthetic graphs of 500, 2,000 and 10,000 entity nodes.

    .venv/bin/python benchmarks/bench_view.py              # all sizes, 3 runs each
    .venv/bin/python benchmarks/bench_view.py --sizes 500 2000 --runs 5 --no-browser

For each size: the time to make the page in Python (RDF → node-link graph →
layout → HTML) and, in headless Chromium with every network request refused,
the time from navigation to ``document.body.dataset.ready == "1"`` (drawn,
final layout). For comparison, the pyvis default for 500 nodes
(``Network.from_nx`` + its default physics, ``cdn_resources="in_line"``) until
its physics has stabilised (bounded at 60 s). Medians of the runs.

The synthetic graphs follow docs/graph-shape.md: one named graph per report
(one report per ~200 entities), organisations of every kind with a
jurisdiction, programmes with responsible units (qualified), cited documents
(qualified), indicators with observations about programmes or units, problems
and the plans that address them, every entity derived from a mention with a
sentence; programmes, documents and indicators are shared across reports.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.namespaces import DCTERMS, GOV, ID, PROV, RDF, RDFS, SKOS

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ORG_CLASSES = [("PartyOrgan", "party", "党工委"), ("Government", "government", "人民政府"),
               ("Department", "department", "司法局"), ("JudicialOrgan", "judicial", "人民法院"),
               ("LegislativeBody", "legislative", "人大常委会"), ("PublicInstitution", "institution", "医院"),
               ("GrassrootsUnit", "grassroots", "司法所"), ("Committee", "committee", "领导小组"),
               ("SocialOrganisation", "social", "律师协会")]
WORDS = ["法治", "普法", "调解", "执法", "监督", "服务", "改革", "治理", "宣传", "培训",
         "示范", "建设", "规范", "公共", "法律", "社区", "乡村", "行政", "复议", "应诉"]


class _Report:
    """Writes one report's named graph."""

    def __init__(self, ds: Dataset, index: int, rnd: random.Random, counter: list[int]) -> None:
        self.iri = ID[f"report/{index:016x}"]
        self.g = ds.graph(self.iri)
        self.rnd, self.counter, self.offset = rnd, counter, 0
        self.place = self.new("place")
        self.add(self.iri, RDF.type, GOV.Report)
        self.add(self.iri, DCTERMS.title, Literal(f"{self.name()}区{2020 + index % 5}年度法治政府建设工作报告", lang="zh"))
        self.add(self.iri, GOV.year, Literal(str(2020 + index % 5), datatype=XSD.gYear))
        self.add(self.iri, GOV.jurisdiction, self.place)
        self.add(self.place, RDF.type, GOV.Place)
        self.add(self.place, RDFS.label, Literal(f"{self.name()}区", lang="zh"))

    def add(self, s, p, o) -> None:  # type: ignore[no-untyped-def]
        self.g.add((s, p, o))

    def new(self, kind: str) -> URIRef:
        self.counter[0] += 1
        return ID[f"{kind}/{self.counter[0]:016x}"]

    def name(self, k: int = 2) -> str:
        return "".join(self.rnd.choice(WORDS) for _ in range(k))

    def mention(self, subject: URIRef, surface: str) -> None:
        m = self.new("mention")
        self.add(m, RDF.type, GOV.Mention)
        self.add(m, GOV.inReport, self.iri)
        self.add(m, GOV.surface, Literal(surface))
        self.add(m, GOV.sentence, Literal(f"全面推进{surface}工作,{self.name(3)}取得新成效。"))
        self.add(m, GOV.start, Literal(self.offset))
        self.add(m, GOV.end, Literal(self.offset + len(surface)))
        self.add(m, GOV.section, Literal("一、主要工作"))
        self.add(m, GOV.sectionRole, Literal("measures"))
        self.offset += 40
        self.add(subject, PROV.wasDerivedFrom, m)
        self.add(subject, GOV.mentionedIn, self.iri)

    def entity(self, kind: str, cls: URIRef, label: str) -> URIRef:
        e = self.new(kind)
        self.add(e, RDF.type, cls)
        self.add(e, RDFS.label, Literal(label, lang="zh"))
        self.add(e, SKOS.prefLabel, Literal(label, lang="zh"))
        self.mention(e, label)
        return e

    def shared(self, pool: list[URIRef], kind: str, cls: URIRef, label: str) -> tuple[URIRef, bool]:
        """A programme, document or indicator: one of another report's a quarter of the time."""
        new = not pool or self.rnd.random() >= 0.25
        if new:
            e = self.entity(kind, cls, label)
            pool.append(e)
        else:
            e = self.rnd.choice(pool)
            self.add(e, RDF.type, cls)
            self.mention(e, label)
        self.add(e, RDFS.label, Literal(f"{kind}{e[-6:]}", lang="zh"))
        return e, new


def synthetic_dataset(entities: int, seed: int = 1) -> Dataset:
    """An rdflib Dataset with about ``entities`` drawable nodes, shaped like docs/graph-shape.md."""
    rnd = random.Random(seed)
    ds = Dataset()
    pools: dict[str, list[URIRef]] = {"programme": [], "document": [], "indicator": []}
    counter = [0]
    made = 0
    n_reports = max(1, round(entities / 200))
    for index in range(n_reports):
        r = _Report(ds, index, rnd, counter)
        made += 2
        budget = entities - made if index == n_reports - 1 else round(entities / n_reports) - 2
        orgs: list[URIRef] = []
        programmes: list[URIRef] = []
        problems: list[URIRef] = []
        local = 0
        while local < budget:
            roll = rnd.random()
            if roll < 0.30 or not orgs:
                cls, kind, suffix = rnd.choice(ORG_CLASSES)
                o = r.entity("org", GOV[cls], f"{r.name()}{suffix}")
                r.add(o, GOV.orgKind, Literal(kind))
                r.add(o, GOV.jurisdiction, r.place)
                if len(orgs) < 2:
                    r.add(r.iri, DCTERMS.publisher, o)
                orgs.append(o)
                local += 1
            elif roll < 0.52:
                p, new = r.shared(pools["programme"], "programme", GOV.Programme, f"“{r.name()}”行动")
                local += new
                for unit in rnd.sample(orgs, k=min(len(orgs), rnd.choice((1, 1, 2)))):
                    r.add(p, GOV.leadUnit, unit)
                    r.add(p, GOV.responsibleUnit, unit)
                    resp = r.new("resp")
                    r.add(p, GOV.qualifiedResponsibility, resp)
                    r.add(resp, RDF.type, GOV.Responsibility)
                    r.add(resp, GOV.unitOf, unit)
                    r.add(resp, GOV.role, Literal("lead"))
                programmes.append(p)
            elif roll < 0.62:
                d, new = r.shared(pools["document"], "document", GOV.Document, f"关于{r.name(3)}的通知")
                local += new
                r.add(r.iri, GOV.cites, d)
                c = r.new("cite")
                r.add(r.iri, GOV.qualifiedCitation, c)
                r.add(c, RDF.type, GOV.Citation)
                r.add(c, GOV.document, d)
                r.add(c, GOV.action, Literal(rnd.choice(("印发", "落实", "制定"))))
            elif roll < 0.84:
                i, new = r.shared(pools["indicator"], "indicator", GOV.Indicator, f"{r.name()}案件")
                local += new
                obs = r.new("obs")
                value = rnd.randint(1, 900)
                r.add(obs, RDF.type, GOV.Observation)
                r.add(obs, RDFS.label, Literal(f"{r.name()}案件 {value}件", lang="zh"))
                r.add(obs, GOV.value, Literal(value, datatype=XSD.decimal))
                r.add(obs, GOV.unit, Literal("件"))
                r.add(obs, GOV.indicator, i)
                r.add(obs, GOV.year, Literal("2024", datatype=XSD.gYear))
                if programmes and rnd.random() < 0.5:
                    r.add(obs, GOV.about, rnd.choice(programmes))
                r.mention(obs, f"{value}件")
            elif roll < 0.92:
                problems.append(r.entity("problem", GOV.Problem, f"{r.name(3)}不到位"))
                local += 1
            else:
                plan = r.entity("plan", GOV.Plan, f"进一步{r.name(3)}")
                if problems:
                    r.add(plan, GOV.addresses, rnd.choice(problems))
                local += 1
        made += local
    return ds


# ---------------------------------------------------------------- timing

def _median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def time_python(ds: Dataset, out: Path, runs: int) -> tuple[float, float, float, float, int, int]:
    """Median seconds: to_networkx, layout+HTML (render of the built graph), whole render; nodes, edges."""
    from kg.view.model import to_networkx
    from kg.view.page import render_view

    conv, page, whole = [], [], []
    stats = None
    for _ in range(runs):
        t0 = time.perf_counter()
        G = to_networkx(ds)
        t1 = time.perf_counter()
        stats = render_view(G, out)
        t2 = time.perf_counter()
        conv.append(t1 - t0)
        page.append(t2 - t1)
        whole.append(t2 - t0)
    assert stats is not None
    return _median(conv), _median(page), _median(whole), stats.bytes, stats.nodes, stats.edges


def _blocked(route, refused: list[str]) -> None:  # type: ignore[no-untyped-def]
    url = route.request.url
    if url.startswith(("file:", "data:")):
        route.continue_()
    else:
        refused.append(url)
        route.abort()


def time_browser(browser, path: Path, runs: int, ready: str, timeout_ms: int = 60000) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    times, refused, errors = [], [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.route("**/*", lambda route: _blocked(route, refused))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        try:
            page.wait_for_function(ready, timeout=timeout_ms, polling=10)
            times.append(time.perf_counter() - t0)
        except Exception:  # noqa: BLE001 - a timeout is a result here
            times.append(float("inf"))
        page.close()
    return _median(times), refused + errors


# pyvis's page defines `network` at top level; stabilisation is over when vis says so (or physics is off).
PYVIS_READY = """() => {
  if (typeof network === 'undefined' || !network) return false;
  if (!window.__hooked) {
    window.__hooked = true;
    window.__stable = false;
    network.on('stabilizationIterationsDone', () => { window.__stable = true; });
    network.on('stabilized', () => { window.__stable = true; });
  }
  return window.__stable || (network.physics && network.physics.stabilized === true && network.physics.ready);
}"""


def pyvis_page(ds: Dataset, out: Path) -> float:
    """The pyvis default: Network.from_nx on the same node-link graph, default physics. Seconds to write."""
    import networkx as nx
    from pyvis.network import Network

    from kg.view.model import to_networkx

    G = to_networkx(ds)
    simple = nx.DiGraph()
    for n, d in G.nodes(data=True):
        simple.add_node(n, label=d["label"], title=d["type_label"])
    for u, v, d in G.edges(data=True):
        simple.add_edge(u, v, title=d["label"])
    t0 = time.perf_counter()
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    net.from_nx(simple)
    net.write_html(str(out))
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-pyvis", action="store_true")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-view-"))
    rows = []
    for size in args.sizes:
        t0 = time.perf_counter()
        ds = synthetic_dataset(size)
        made = time.perf_counter() - t0
        out = work / f"view-{size}.html"
        conv, page, whole, size_bytes, nodes, edges = time_python(ds, out, args.runs)
        rows.append({"size": size, "nodes": nodes, "edges": edges, "quads": len(list(ds.quads())),
                     "gen": made, "conv": conv, "page": page, "whole": whole, "bytes": size_bytes, "path": out})
        print(f"  {size}: {nodes} nodes, {edges} edges, python {whole:.2f} s", file=sys.stderr)
    pyvis_row = None
    browser_ok = not args.no_browser and Path(CHROMIUM).exists()
    if browser_ok:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            browser_ok = False
    if browser_ok:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for row in rows:
                row["browser"], problems = time_browser(browser, row["path"], args.runs,
                                                        "document.body.dataset.ready === '1'")
                row["problems"] = problems
            if not args.no_pyvis:
                ds = synthetic_dataset(500)
                out = work / "pyvis-500.html"
                write = pyvis_page(ds, out)
                ready, problems = time_browser(browser, out, args.runs, PYVIS_READY)
                pyvis_row = (write, ready, len(problems))
            browser.close()

    print(f"\nkg view, synthetic graphs (medians of {args.runs} runs; {work})")
    print(f"{'entities':>8} {'nodes':>6} {'edges':>6} {'quads':>7} | {'to_networkx':>11} {'layout+html':>11} "
          f"{'python total':>12} {'µs/node':>7} {'HTML KB':>8} | {'browser ready':>13}")
    for row in rows:
        browser_cell = f"{row['browser']:.2f} s" if "browser" in row else "-"
        if row.get("problems"):
            browser_cell += f" ({len(row['problems'])} refused/errors)"
        print(f"{row['size']:>8} {row['nodes']:>6} {row['edges']:>6} {row['quads']:>7} | {row['conv']:>9.2f} s "
              f"{row['page']:>9.2f} s {row['whole']:>10.2f} s {1e6 * row['whole'] / row['nodes']:>7.0f} "
              f"{row['bytes'] / 1024:>8,.0f} | {browser_cell:>13}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"growth {first['size']} → {last['size']} entities (×{last['nodes'] / first['nodes']:.1f} nodes): "
              f"python ×{last['whole'] / first['whole']:.1f}, "
              f"HTML beyond the fixed part ×{(last['bytes'] - FIXED) / (first['bytes'] - FIXED):.1f}")
    if pyvis_row:
        write, ready, problems = pyvis_row
        shown = "did not stabilise within 60 s" if ready == float("inf") else f"{ready:.2f} s"
        print(f"pyvis default (from_nx + physics), 500 entities: write {write:.2f} s, browser until stabilised {shown}"
              + (f" ({problems} refused requests in {args.runs} loads: its Bootstrap CDN links)" if problems else ""))
    return 0


FIXED = 0
try:   # the page's fixed part (vis-network, template), so growth figures compare the data alone
    import networkx as _nx

    from kg.view.page import view_html as _view_html

    FIXED = len(_view_html(_nx.MultiDiGraph()).encode("utf-8"))
except Exception:  # noqa: BLE001 - only used for a printed ratio
    FIXED = 0

if __name__ == "__main__":
    sys.exit(main())
