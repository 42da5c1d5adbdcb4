"""kg.view (model, filters, page, export) and `kg view`, without a browser (layout: test_view_layout.py; browser: test_view_browser.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from script_module import load_script

from kg.cli import main
from kg.errors import UsageError
from kg.namespaces import GOV
from kg.view.export import write_network
from kg.view.filters import select, type_keys
from kg.view.model import to_networkx
from kg.view.page import render_view, script_json, view_html

FIXTURES = Path(__file__).parent / "fixtures" / "view"
SMALL = FIXTURES / "small.trig"
ID = "https://w3id.org/govkg/id/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    from kg.rdf_io import read_files

    return read_files([SMALL])


@pytest.fixture(scope="module")
def G(dataset: Dataset) -> nx.MultiDiGraph:
    return to_networkx(dataset)


def by_label(G: nx.MultiDiGraph, label: str) -> str:
    (node,) = [n for n, d in G.nodes(data=True) if d["label"] == label]
    return node


def relations(G: nx.MultiDiGraph, u: str, v: str) -> set[str]:
    return {d["label"] for d in G.get_edge_data(u, v, default={}).values()}


def bench():
    return load_script("benchmarks/bench_view.py")


# ---------------------------------------------------------------- the node-link graph

def test_nodes_are_entities_not_mentions_or_observations(G):
    kinds = sorted(d["type"] for _, d in G.nodes(data=True))
    assert len(G) == 18
    assert kinds.count("Report") == 2 and kinds.count("Indicator") == 2 and kinds.count("Place") == 2
    assert not any("/mention/" in n or "/obs/" in n or "/resp/" in n or "/cite/" in n for n in G)
    assert {d["kind"] for _, d in G.nodes(data=True)} == {
        "report", "organisation", "programme", "document", "indicator", "problem", "plan", "place"}


def test_edges_carry_chinese_relation_labels_and_provenance(G):
    p1 = ID + "programme/p1"
    o1 = ID + "org/o1"
    assert relations(G, p1, o1) == {"试点单位"}          # the plain 负责单位 it repeats is folded in
    edge = G.edges[p1, o1, str(GOV.pilotUnit)]
    assert edge["detail"] == "试点" and "以区人民医院为试点" in edge["sentences"][0]["text"]
    report_a, d1 = ID + "report/aaaa", ID + "document/d1"
    cites = G.edges[report_a, d1, str(GOV.cites)]
    assert cites["label"] == "引用" and cites["detail"] == "落实" and cites["sentences"]
    assert relations(G, ID + "plan/l1", ID + "problem/q1") == {"解决"}
    assert relations(G, report_a, ID + "org/o3") == {"发布单位"}
    assert relations(G, ID + "org/o1", report_a) == {"提及于"}
    assert G.edges[ID + "org/o1", report_a, str(GOV.mentionedIn)]["faint"] is True


def test_observations_are_attributes_with_an_indicator_edge(G):
    o2, i1 = ID + "org/o2", ID + "indicator/i1"
    edge = G.edges[o2, i1, str(GOV.indicator)]
    assert edge["label"] == "指标" and edge["detail"] == "43余件（2024）"
    (obs,) = G.nodes[i1]["observations"]
    assert (obs["value"], obs["unit"], obs["indicator"], obs["year"], obs["qualifier"]) == ("43", "件", "应诉案件", "2024", "余")
    assert "43余件" in obs["sentence"]
    assert G.nodes[o2]["observations"] == [obs]
    # an indicator carries no gov:mentionedIn of its own: it is linked to its observations' report
    assert G.nodes[i1]["reports"] == [ID + "report/aaaa"]


def test_observation_nodes_on_request(dataset):
    H = to_networkx(dataset, observation_nodes=True)
    assert len(H) == 20
    x1 = ID + "obs/x1"
    assert relations(H, x1, ID + "indicator/i1") == {"指标"}
    assert relations(H, x1, ID + "org/o2") == {"关于"}


def test_sentences_labels_and_reports(G):
    o2 = G.nodes[ID + "org/o2"]
    assert o2["labels"] == ["区司法局", "司法局"] and o2["mentions"] == 2
    assert {s["section"] for s in o2["sentences"]} == {"(五)着力提升法治意识和法治素养", "(六)依法化解矛盾纠纷"}
    p2 = G.nodes[ID + "programme/p2"]
    assert p2["reports"] == [ID + "report/aaaa", ID + "report/bbbb"] and len(p2["sentences"]) == 2


def test_plain_turtle_graph_works_too(dataset):
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    H = to_networkx(g)
    assert len(H) == 18
    assert H.nodes[ID + "programme/p2"]["reports"] == [ID + "report/aaaa", ID + "report/bbbb"]


# ---------------------------------------------------------------- filters

def test_type_filter(G):
    assert {d["type"] for _, d in select(G, types=["Programme"]).nodes(data=True)} == {"Programme"}
    orgs = select(G, types=["Organisation"])
    assert len(orgs) == 5 and {d["kind"] for _, d in orgs.nodes(data=True)} == {"organisation"}
    assert len(select(G, types=["工作项目", "gov:Plan"])) == 3
    both = select(G, types=["Programme", "Organisation"])
    assert relations(both, ID + "programme/p2", ID + "org/o5") == {"牵头单位"}
    assert type_keys(["Department,Plan"]) == {"Department", "Plan"}
    with pytest.raises(UsageError, match="unknown type 'Foo'"):
        select(G, types=["Foo"])


def test_report_filter(G):
    by_title = select(G, reports=["情况报告"])
    by_iri = select(G, reports=[ID + "report/bbbb"])
    assert set(by_title) == set(by_iri) == {ID + x for x in (
        "report/bbbb", "place/y", "org/o5", "programme/p2", "document/d1", "problem/q2")}
    # sentences from the other report are left out
    assert [s["text"][:6] for s in by_title.nodes[ID + "programme/p2"]["sentences"]] == ["某某区司法局"]
    assert len(select(G, reports=["bbbb", "2024年度"])) == 18
    with pytest.raises(UsageError, match="no report matches"):
        select(G, reports=["没有这份报告"])


def test_focus_and_depth(G):
    one = select(G, focus="百师讲百课", depth=1)
    assert set(one) == {ID + x for x in ("programme/p2", "org/o2", "org/o5", "report/aaaa", "report/bbbb")}
    two = select(G, focus="百师讲百课", depth=2)   # reports are reached, never expanded
    assert set(two) - set(one) == {ID + x for x in ("place/x", "place/y", "indicator/i1")}
    assert set(select(G, focus="百师讲百课", depth=0)) == {ID + "programme/p2"}
    assert ID + "org/o5" in select(G, focus="某某区司法局")
    assert len(select(G, focus="区司法局")) > 1            # exact label of o2 and altLabel of o5
    with pytest.raises(UsageError, match="nodes contain"):
        select(G, focus="法治")
    with pytest.raises(UsageError, match="no node is labelled"):
        select(G, focus="没有")


def test_filters_combine(G):
    H = select(G, reports=["bbbb"], types=["Organisation", "Programme"])
    assert set(H) == {ID + "org/o5", ID + "programme/p2"}


# ---------------------------------------------------------------- the page

def data_of(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert block
    return json.loads(block.group(1))


def test_script_json_escapes_everything_that_could_end_a_script():
    tricky = {"a": "</script><script>alert(1)</script>", "b": "<!-- x", "c": "&amp; <b>", "d": "\u2028\u2029"}
    text = script_json(tricky)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == tricky


def test_page_embeds_markup_as_data_only(G, tmp_path):
    title = "视图</script><script>window.__pwned=3</script>"
    stats = render_view(G, tmp_path / "v.html", title=title)
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert page.count("</script>") == 3                      # data, vis-network, our script
    assert "<img" not in page and "<script>window" not in page
    assert "<title>视图&lt;/script&gt;&lt;script&gt;window.__pwned=3&lt;/script&gt;</title>" in page
    data = data_of(page)
    assert data["title"] == title
    labels = {row["label"] for row in data["info"]}
    assert 'Programme' not in labels and '法治<img src=x onerror="window.__pwned=1">医院' in labels
    assert len(data["nodes"]) == stats.nodes == 18 and len(data["edges"]) == stats.edges


def test_page_loads_nothing_from_the_network(G, tmp_path):
    render_view(G, tmp_path / "v.html")
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"@import", page, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<(?:link|iframe|img|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert "default-src 'none'" in page                       # and the CSP forbids any request anyway


def test_what_the_page_draws(G, tmp_path):
    render_view(G, tmp_path / "v.html")
    data = data_of((tmp_path / "v.html").read_text(encoding="utf-8"))
    types = [t["key"] for t in data["types"]]
    assert types[0] == "Report" and "Observation" not in types
    rels = {r["label"]: r["faint"] for r in data["relations"]}
    assert rels["试点单位"] is False and rels["提及于"] is True
    p1 = next(i for i, row in enumerate(data["info"]) if row["iri"].endswith("programme/p1"))
    texts = [data["sentences"][k][0] for k in data["info"][p1]["sent"]]
    assert texts == ["创新开展“法治医院”建设,以区人民医院为试点,推动依法执业。"]
    assert data["nodes"][p1][4] == "法治<img…"              # shortened on the canvas, full in the panel
    assert all(isinstance(x, (int, float)) for row in data["nodes"] for x in row[:2])
    # a background edge is left out where a labelled edge joins the same two nodes
    pairs = [(e[0], e[1]) for e in data["edges"]]
    assert len(pairs) == len(set(pairs))
    assert len(data["edges"]) == 28 and data["edgeLabels"] is True


def test_empty_graph_page(tmp_path):
    stats = render_view(nx.MultiDiGraph(), tmp_path / "empty.html", title="空")
    assert stats.nodes == 0 and stats.edges == 0
    assert data_of((tmp_path / "empty.html").read_text(encoding="utf-8"))["nodes"] == []


def test_html_grows_linearly():
    b = bench()
    fixed = len(view_html(nx.MultiDiGraph()).encode())
    sizes = {}
    for n in (300, 1200):
        sizes[n] = len(view_html(to_networkx(b.synthetic_dataset(n, seed=3))).encode()) - fixed
    assert 3.2 < sizes[1200] / sizes[300] < 4.8


# ---------------------------------------------------------------- export

@pytest.mark.parametrize("suffix, read", [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(G, tmp_path, suffix, read):
    path = tmp_path / f"graph{suffix}"
    write_network(G, path)
    back = read(path)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    node = back.nodes[ID + "programme/p1"]
    assert node["label"] == '法治<img src=x onerror="window.__pwned=1">医院'
    assert "以区人民医院为试点" in node["sentences"]


def test_write_network_takes_rdf_too(dataset, tmp_path):
    write_network(dataset, tmp_path / "g.graphml")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == 18


def test_write_network_refuses_other_formats(G, tmp_path):
    with pytest.raises(UsageError, match="graphml or .gexf"):
        write_network(G, tmp_path / "graph.json")


# ---------------------------------------------------------------- the command

def test_cli_view(tmp_path, capsys):
    out = tmp_path / "v.html"
    assert main(["view", str(SMALL), "-o", str(out), "--type", "Programme", "Organisation"]) == 0
    assert "7 nodes" in capsys.readouterr().err
    assert len(data_of(out.read_text(encoding="utf-8"))["nodes"]) == 7


def test_cli_view_focus_and_report(tmp_path, capsys):
    out = tmp_path / "v.html"
    assert main(["view", str(SMALL), "-o", str(out), "--focus", "百师讲百课", "--depth", "2", "-q"]) == 0
    assert len(data_of(out.read_text(encoding="utf-8"))["nodes"]) == 8
    assert main(["view", str(SMALL), "-o", str(out), "--report", "bbbb", "-q"]) == 0
    assert len(data_of(out.read_text(encoding="utf-8"))["nodes"]) == 6
    assert capsys.readouterr().err == ""


def test_cli_view_usage_errors(tmp_path, capsys):
    out = str(tmp_path / "v.html")
    assert main(["view", "-o", out]) == 2
    assert main(["view", str(SMALL), "-o", out, "--type", "Nope"]) == 2
    assert main(["view", str(SMALL), "-o", out, "--depth", "3"]) == 2
    assert main(["view", str(tmp_path / "missing.ttl"), "-o", out]) == 1
    err = capsys.readouterr().err
    assert "kg view: unknown type 'Nope'" in err and "missing.ttl" in err
    assert not Path(out).exists()


def test_cli_view_query(tmp_path):
    out = tmp_path / "q.html"
    assert main(["view", str(SMALL), "-o", str(out), "--query", str(FIXTURES / "edges.rq"), "-q"]) == 0
    data = data_of(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 3
    assert {r["label"] for r in data["relations"]} == {"负责单位"}
    # nodes keep their class and sentences from the graph
    assert {data["types"][row[2]]["key"] for row in data["nodes"]} >= {"Programme", "PublicInstitution"}


def test_cli_view_store(tmp_path, dataset):
    store = pytest.importorskip("kg.store")
    store.replace_reports(tmp_path / "store", dataset)
    out = tmp_path / "s.html"
    assert main(["view", "--store", str(tmp_path / "store"), "-o", str(out), "-q"]) == 0
    assert len(data_of(out.read_text(encoding="utf-8"))["nodes"]) == 18


def test_same_input_same_page_in_any_process(tmp_path):
    """rdflib iterates in hash order, which changes between processes; the page must not."""
    import os
    import subprocess
    import sys

    script = ("import sys; from kg.rdf_io import read_files; from kg.view.page import render_view; "
              "render_view(read_files([sys.argv[1]]), sys.argv[2])")
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"v{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(SMALL), str(out)], check=True, env=env)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_a_reports_web_address_is_shown_with_its_properties():
    from kg.rdf_io import read_files

    two = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
    G = to_networkx(read_files([two]))
    props = [tuple(p) for _, d in G.nodes(data=True) if d["type"] == "Report" for p in d["props"]]
    assert ("网页", "https://www.example.org/dongcheng/2023.html") in props
    assert ("来源", "reports/dongcheng-2023.txt") in props
