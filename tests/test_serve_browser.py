"""kg serve in a real headless Chromium: every request outside the local server refused and counted.

search → entity → highlighted sentence → report page at the highlight; YASGUI
runs a named query and shows rows; the corpus overview opens a folded node; no
console errors; markup in report text stays inert.
"""
from __future__ import annotations

import socket
import threading
import time
import warnings
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/lib/chromium/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (/usr/lib/chromium/chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from kg.cli import main
from kg.query import GraphFiles
from kg.serve.app import create_app

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
# written for this test; the markup in it must reach the page as text
REPORT = """\
松林县2024年度法治政府建设工作报告

一、主要工作和成效

(一)推进“法治<img src=x onerror="window.__pwned=1">社区”建设。县司法局牵头开展“法治社区”建设,在8个街道开展试点。

(二)加强执法监督。县委依法治县办印发《关于规范行政执法的通知》,组织<script>window.__pwned=2</script>执法人员培训4次。

二、存在的不足

部分单位<img src=x onerror="window.__pwned=3">依法决策意识仍需增强。
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    source = folder / "songlin.txt"
    source.write_text(REPORT, encoding="utf-8")
    graph = folder / "songlin.trig"
    assert main(["build", str(source), "-o", str(graph)]) == 0
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    app = create_app(GraphFiles([graph]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Visit:
    """A page whose requests outside the server are refused and recorded; console errors kept."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith((self.base + "/", "data:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def clean(self) -> None:
        assert self.outside == [] and self.errors == []


def test_search_entity_sentence_report(browser, server):
    v = Visit(browser, server)
    page = v.page
    page.goto(server + "/")
    page.fill("form.quick input[name=q]", "司法局")
    page.press("form.quick input[name=q]", "Enter")
    page.wait_for_selector("ul.hits")
    page.click("ul.hits a:text-is('县司法局')")
    page.wait_for_selector("ol.sentences mark a")
    mark = page.locator("ol.sentences mark a").first
    surface = mark.inner_text()
    assert surface == "县司法局"
    mark.click()
    page.wait_for_selector("article.text mark:target")
    assert "#at-" in page.url
    target = page.locator("article.text mark:target")
    assert target.inner_text() == surface
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled to the highlight
    v.clean()


def test_report_markup_stays_inert(browser, server):
    v = Visit(browser, server)
    page = v.page
    page.goto(server + "/")
    page.click("ul.reports a")
    page.wait_for_selector("article.text mark")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("article.text img, article.text script").count() == 0
    text = page.locator("article.text").inner_text()
    assert "<script>window.__pwned=2</script>" in text and 'onerror="window.__pwned=1"' in text
    v.clean()


def test_yasgui_runs_a_named_query(browser, server):
    v = Visit(browser, server)
    page = v.page
    page.goto(server + "/query")
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=20000)
    page.select_option("#kg-example", "label-search")
    page.click("#kg-run")
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    rows = page.locator(".yasr table tbody tr")
    assert rows.count() >= 1
    assert "法治社区" in page.locator(".yasr table").inner_text()
    v.clean()


def test_overview_opens_a_folded_node(browser, server):
    v = Visit(browser, server)
    page = v.page
    page.goto(server + "/")
    page.click("a[href='/overview']")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    before = page.evaluate("window.kgView.data.nodes.length")
    fold = page.evaluate("""() => window.kgView.data.info.findIndex(d => d.fold && d.fold.kind === 'problem')""")
    assert fold >= 0
    count = page.evaluate(f"window.kgView.data.info[{fold}].fold.count")
    page.evaluate(f"window.network.focus({fold}, {{scale: 1, animation: false}})")
    at = page.evaluate(f"window.network.canvasToDOM(window.network.getPosition({fold}))")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])      # a real click on the canvas
    page.wait_for_selector("body[data-expanded='1']", state="attached", timeout=20000)
    assert page.evaluate("window.kgView.data.nodes.length") == before + count
    shown = page.evaluate("window.network.body.data.nodes.get().length")
    assert shown == before + count                                # drawn, not only in the data
    # the leaf with markup in its name: shown in the panel as text
    leaf = page.evaluate("""() => window.kgView.data.info.findIndex(d => d.label.includes('<img'))""")
    assert leaf >= before
    page.evaluate(f"window.kgView.showNode({leaf})")
    assert '<img src=x onerror="window.__pwned=3">' in page.locator("#panel h2").inner_text()
    assert page.locator("#panel img").count() == 0 and page.evaluate("window.__pwned") is None
    v.clean()
