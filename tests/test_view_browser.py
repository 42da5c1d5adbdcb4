"""The network view in a real headless Chromium, with every network request refused and counted as a failure."""
from __future__ import annotations

from pathlib import Path

import pytest
from script_module import load_script

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/lib/chromium/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (/usr/lib/chromium/chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from kg.view.model import to_networkx
from kg.view.page import render_view

FIXTURES = Path(__file__).parent / "fixtures" / "view"
SAMPLE = Path(__file__).parents[1] / "data" / "sample" / "000_01f739070572be2c.txt"
ID = "https://w3id.org/govkg/id/"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
PROGRAMME = '法治<img src=x onerror="window.__pwned=1">医院'
REPORT_B = "某某区</script><script>window.__pwned=2</script>2024年法治政府建设情况报告"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def graph():
    from kg.rdf_io import read_files

    return to_networkx(read_files([FIXTURES / "small.trig"]))


class Visit:
    """A page with every request other than file: and data: refused and recorded, and console errors kept."""

    def __init__(self, browser, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("request", self._request)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=20000)

    @staticmethod
    def _local(url: str) -> bool:
        return url.startswith(("file:", "data:", "about:"))

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        if self._local(route.request.url):
            route.continue_()
        else:
            route.abort()

    def _request(self, request) -> None:  # type: ignore[no-untyped-def]
        if not self._local(request.url):
            self.requests.append(request.url)

    def js(self, expression: str, arg=None):  # type: ignore[no-untyped-def]
        return self.page.evaluate(expression, arg)

    def node_id(self, iri: str) -> int:
        return self.js("iri => JSON.parse(document.getElementById('kg-data').textContent)"
                       ".info.findIndex(d => d.iri === iri)", iri)

    def screen_point(self, node: int) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(self.js("""id => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node))

    def panel(self) -> str:
        return self.page.inner_text("#panel")


@pytest.fixture
def visit(browser, tmp_path):
    opened: list[Visit] = []

    def _open(source, **kwargs) -> Visit:
        path = tmp_path / f"view{len(opened)}.html"
        stats = render_view(source, path, **kwargs)
        v = Visit(browser, path)
        v.stats = stats  # type: ignore[attr-defined]
        opened.append(v)
        return v

    yield _open
    for v in opened:
        try:
            assert v.requests == [], f"the page tried the network: {v.requests}"
            assert v.errors == [], f"console errors: {v.errors}"
        finally:
            v.page.close()


def test_draws_the_expected_nodes_and_edges(visit, graph):
    v = visit(graph)
    assert v.js("network.body.data.nodes.length") == v.stats.nodes == 18
    assert v.js("network.body.data.edges.length") == v.stats.edges == 28
    assert v.js("Object.keys(network.getPositions()).length") == 18
    p1 = v.node_id(ID + "programme/p1")
    assert v.js("id => network.body.data.nodes.get(id).group", p1) == "Programme"
    assert v.js("network.physics.options.enabled") is False
    # regression: vis 9.1.2 drew the rotated ("middle") label of an exactly horizontal edge pointing
    # left a second time at the canvas origin; relation names are drawn horizontally
    assert v.js("network.body.edges[0].options.font.align") == "horizontal"
    assert v.js("window.__pwned") is None


def test_search_selects_and_centres_a_node(visit, graph):
    v = visit(graph)
    p2 = v.node_id(ID + "programme/p2")
    v.page.fill("#search", "百师")
    v.page.wait_for_selector("#results li")
    assert "百师讲百课" in v.page.inner_text("#results")
    v.page.press("#search", "Enter")
    v.page.wait_for_timeout(700)   # the 300 ms focus animation
    assert v.js("network.getSelectedNodes()") == [p2]
    assert v.page.inner_text("#panel h2") == "百师讲百课"
    centre = v.js("network.getViewPosition()")
    pos = v.js("id => network.getPositions([id])[id]", p2)
    assert abs(centre["x"] - pos["x"]) < 5 and abs(centre["y"] - pos["y"]) < 5
    assert "区司法局组织开展“百师讲百课”活动" in v.panel()


def test_hover_and_click_show_the_source_sentence(visit, graph):
    v = visit(graph)
    o1 = v.node_id(ID + "org/o1")
    x, y = v.screen_point(o1)
    v.page.mouse.move(x, y)
    v.page.wait_for_selector("#tip:not([hidden])", timeout=3000)
    tip = v.page.inner_text("#tip")
    assert "区人民医院" in tip and "以区人民医院为试点" in tip
    v.page.mouse.click(x, y)
    v.page.wait_for_timeout(100)
    assert v.page.inner_text("#panel h2") == "区人民医院"
    assert "创新开展“法治医院”建设,以区人民医院为试点,推动依法执业。" in v.panel()
    assert v.page.inner_text("#panel mark") == "区人民医院"
    assert "试点单位" in v.panel()                             # its relations are listed too


def test_indicator_panel_shows_observations(visit, graph):
    v = visit(graph)
    v.js("id => kgFocus(id)", v.node_id(ID + "indicator/i1"))
    text = v.panel()
    assert "43余件" in text and "2024" in text and "全年办理行政应诉案件43余件" in text


def test_markup_in_the_data_is_shown_as_text_and_never_runs(visit, graph):
    title = "视图</script><script>window.__pwned=3</script><img src=x onerror=window.__pwned=4>"
    v = visit(graph, title=title)
    assert v.js("window.__pwned") is None
    assert v.js("document.title") == title
    assert v.page.inner_text("#title") == title
    v.page.fill("#search", "onerror")
    v.page.wait_for_selector("#results li")
    assert PROGRAMME in v.page.inner_text("#results")
    v.page.press("#search", "Enter")
    v.page.wait_for_timeout(400)
    assert v.page.inner_text("#panel h2") == PROGRAMME
    x, y = v.screen_point(v.node_id(ID + "programme/p1"))
    v.page.mouse.move(x, y)
    v.page.wait_for_selector("#tip:not([hidden])", timeout=3000)
    assert PROGRAMME in v.page.inner_text("#tip")
    v.js("id => kgFocus(id)", v.node_id(ID + "report/bbbb"))
    assert v.page.inner_text("#panel h2") == REPORT_B
    v.js("id => kgFocus(id)", v.node_id(ID + "problem/q2"))
    assert "<b>执法人员</b>素质有待提高" in v.panel()
    assert v.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert v.js("document.querySelectorAll('script').length") == 3
    assert v.js("window.__pwned") is None


def test_type_filter_and_background_edges(visit, graph):
    v = visit(graph)
    v.page.check("#legend input[data-type='Indicator']")   # already checked: no change
    v.page.uncheck("#legend input[data-type='Indicator']")
    assert v.js("network.body.data.nodes.length") == 16
    v.page.uncheck("#show-faint")
    faint = v.js("""(() => { const d = JSON.parse(document.getElementById('kg-data').textContent);
                     return d.edges.filter(e => d.relations[e[2]].faint).length; })()""")
    assert v.js("network.body.data.edges.length") == 28 - faint
    v.page.click("#all-types")
    assert v.js("network.body.data.nodes.length") == 18


def test_an_empty_graph_still_gets_ready(visit):
    import networkx as nx

    v = visit(nx.MultiDiGraph(), title="空")
    assert v.js("network.body.data.nodes.length") == 0
    assert "0 个节点" in v.panel()


def test_the_sample_report(visit):
    pipeline = pytest.importorskip("kg.pipeline")
    result = pipeline.build_dataset([str(SAMPLE)])
    dataset = getattr(result, "dataset", result)
    v = visit(dataset)
    assert v.js("network.body.data.nodes.length") > 50
    assert v.js("network.body.data.edges.length") > 50
    # the default zoom keeps ordinary labels (17 px on the canvas) at 10 px or more on screen
    assert v.js("network.getScale()") * 17 >= 9.99


def test_two_thousand_nodes_are_drawn(visit):
    """How fast is measured in benchmarks/bench_view.py, not here: a busy machine must not fail this."""
    bench = load_script("benchmarks/bench_view.py")
    v = visit(bench.synthetic_dataset(2000))
    assert v.js("network.body.data.nodes.length") == 2000
    assert v.js("network.body.data.edges.get(0).label") is None       # relation names move to tooltips
