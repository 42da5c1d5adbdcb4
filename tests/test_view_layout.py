"""kg.view.layout: deterministic positions, nodes apart, stars of a hub's leaves kept apart."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.namespaces import GOV
from kg.view.layout import layout
from kg.view.page import view_html


def data_of(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert block
    return json.loads(block.group(1))


# ---------------------------------------------------------------- layout

def test_layout_is_deterministic_and_spreads_nodes():
    nodes = [f"n{i}" for i in range(60)]
    edges = [("n0", f"n{i}", 1.0) for i in range(1, 40)] + [(f"n{i}", f"n{i + 1}", 1.0) for i in range(40, 50)]
    a, b = layout(nodes, edges, seed=3), layout(nodes, edges, seed=3)
    assert a == b and set(a) == set(nodes)
    assert len({(round(x), round(y)) for x, y in a.values()}) == 60      # no two nodes on one spot
    hub = a["n0"]
    near = sorted(((x - hub[0]) ** 2 + (y - hub[1]) ** 2) ** 0.5 for n, (x, y) in a.items() if n != "n0")
    assert near[0] > 50                                                  # room for the hub's label


def test_layout_of_ten_thousand_nodes_places_every_node_apart():
    """Scale without timing (benchmarks/bench_view.py times it): every node placed, finite, none stacked."""
    import math
    import random

    rnd = random.Random(1)
    nodes = list(range(10000))
    edges = [(i, rnd.randrange(50), 0.5) for i in range(50, 10000)]
    edges += [(rnd.randrange(10000), rnd.randrange(10000), 1.0) for _ in range(5000)]
    pos = layout(nodes, edges)
    assert set(pos) == set(nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert len({(round(x), round(y)) for x, y in pos.values()}) == 10000




def _stars(nodes, edges, hubs, seed, big_every=0):
    """Hubs with 3–120 leaves each (every ``big_every``-th leaf twice as tall), joined by shared nodes."""
    import random

    rnd = random.Random(seed)
    sizes = {}
    for h in range(hubs):
        nodes.append(f"h{h}")
        for k in range(rnd.choice([3, 10, 40, 120])):
            nodes.append(f"h{h}l{k}")
            edges.append((f"h{h}", f"h{h}l{k}", 1.0))
            if big_every and k % big_every == 0:
                sizes[f"h{h}l{k}"] = 2.0
    for s in range(hubs * 2):
        nodes.append(f"s{s}")
        for h in rnd.sample(range(hubs), 2):
            edges.append((f"s{s}", f"h{h}", 1.0))
    return sizes


@pytest.mark.parametrize("hubs, big_every", [(8, 0), (30, 7), (220, 0)])   # 220: a core drawn in two levels
def test_layout_keeps_stars_apart(hubs, big_every):
    import itertools
    import math

    nodes: list[str] = []
    edges: list[tuple[str, str, float]] = []
    sizes = _stars(nodes, edges, hubs, seed=hubs, big_every=big_every)
    pos = layout(nodes, edges, seed=1, spacing=56.0, stretch=1.45, sizes=sizes)
    unstretched = {n: (x / 1.45, y) for n, (x, y) in pos.items()}
    discs = []
    for h in range(hubs):
        centre = unstretched[f"h{h}"]
        leaves = [unstretched[n] for n in nodes if n.startswith(f"h{h}l")]
        discs.append((centre, max(math.dist(centre, p) for p in leaves)))
    overlapping = [(a, b) for a, b in itertools.combinations(discs, 2) if math.dist(a[0], b[0]) < a[1] + b[1]]
    assert not overlapping                                      # no star drawn over another
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for x, y in unstretched.values():                           # no two nodes closer than 40 px
        cells.setdefault((int(x // 40), int(y // 40)), []).append((x, y))
    for (cx, cy), here in cells.items():
        near = [p for dx in (-1, 0, 1) for dy in (-1, 0, 1) for p in cells.get((cx + dx, cy + dy), [])]
        for p in here:
            assert sum(math.dist(p, q) < 40 for q in near) == 1
    if big_every:   # a star with a tall leaf spreads its leaves: rows at least two rows apart
        star = [unstretched[n] for n in nodes if n.startswith("h0l")]
        assert min(math.dist(p, q) for p, q in itertools.combinations(star, 2)) >= 2 * 56 * 0.99


def test_reports_around_a_focus_form_its_star():
    """A neighbourhood: one programme named by many reports through background edges only."""
    import itertools
    import math

    G = nx.MultiDiGraph()
    base = {"labels": [], "mentions": 0, "sentences": [], "reports": [], "observations": [], "description": "",
            "props": []}
    G.add_node("p", label="一带一路", type="Programme", type_label="工作项目", kind="programme", **base)
    for k in range(12):
        G.add_node(f"r{k}", label=f"{2010 + k}年政府工作报告", type="Report", type_label="报告", kind="report", **base)
        G.add_edge("p", f"r{k}", key=GOV.mentionedIn, relation=str(GOV.mentionedIn), label="提及于", faint=True,
                   detail="", sentences=[])
    data = data_of(view_html(G))
    centre = next(n for n, i in zip(data["nodes"], data["info"]) if i["iri"] == "p")
    reports = [n for n, i in zip(data["nodes"], data["info"]) if i["iri"] != "p"]
    gaps = [math.dist(centre[:2], r[:2]) for r in reports]
    assert max(gaps) < 3 * min(gaps)                          # around it, not a grid block beside it
    mean = (sum(r[0] for r in reports) / 12, sum(r[1] for r in reports) / 12)
    assert math.dist(mean, centre[:2]) < min(gaps)
    rows = sorted({r[1] for r in reports})
    same_row = [[r[0] for r in reports if r[1] == y] for y in rows]
    assert all(abs(a - b) >= 2 * 30 for xs in same_row for a in xs for b in xs if a != b)   # stars side by side
    assert all(b - a >= 2 * 30 + 17 for a, b in itertools.pairwise(rows))                    # a star and its label
