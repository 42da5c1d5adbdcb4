"""Node positions for the network view, in pure Python (no numpy) and close to linear time.

>>> pos = layout(["a", "b", "c"], [("a", "b", 1.0), ("b", "c", 1.0)])
>>> sorted(pos) == ["a", "b", "c"]
True

How:

1. connected components are laid out one by one and packed in rows, biggest
   first; isolated nodes fill a grid block, in the order given (so a caller
   that sorts by type gets them grouped by type);
2. in each component, leaves (nodes with one neighbour) are peeled off and put
   on a brick lattice around that neighbour afterwards (rows wider than high,
   so horizontal labels do not collide), so a hub with a hundred leaves
   becomes one disc, its star; the lattice of a hub is widened by its
   biggest leaf (``sizes``), so big nodes do not sit on one another;
3. the core left over is drawn by Fruchterman–Reingold on discs (the
   attraction and repulsion act on the gap between two discs, so a hub keeps
   room for its leaves), all pairs, then overlapping discs are pushed apart
   until none overlap;
4. a component whose core has more than ``EXACT_LIMIT`` nodes is drawn in two
   levels: its ``EXACT_LIMIT`` best-connected core nodes each gather the core
   nodes a breadth-first search reaches through them first; a group's members
   are whole stars (discs with their own leaves), set on rings around the
   group's first node, each ring as far out as its biggest disc needs, so no
   two stars share ground; the groups are then discs attracted by the edges
   between them. The cost grows linearly with the nodes beyond the first
   ``EXACT_LIMIT``;
5. coordinates are scaled so that the ideal edge length is ``spacing`` pixels.

The result depends only on the input order and ``seed``.
"""
from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import lru_cache

EXACT_LIMIT = 150          # largest core drawn node by node (all pairs)
LATTICE_X, LATTICE_Y = 1.75, 1.0  # leaves around a hub sit on a brick lattice: room for a label each
HOLE_X, HOLE_Y = 1.6, 1.5  # no leaf this close to its hub (the hub's label is there)
COMPONENT_GAP = 1.6


def layout(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable, float]], *,
           seed: int = 1, spacing: float = 90.0, stretch: float = 1.0,
           sizes: Mapping[Hashable, float] | None = None) -> dict[Hashable, tuple[float, float]]:
    """Positions for ``nodes``; ``edges`` are (u, v, weight) with weight in (0, 1]; direction ignored.

    ``stretch`` widens x (labels are wider than tall). ``sizes`` gives a node's
    footprint in lattice cells (1 if not given): a hub whose leaves are bigger
    spreads them out by that much."""
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    nbr: list[dict[int, float]] = [{} for _ in range(n)]
    for u, v, w in edges:
        i, j = index[u], index[v]
        if i != j:
            w = max(w, nbr[i].get(j, 0.0))
            nbr[i][j] = nbr[j][i] = w
    size = [max(1.0, float(sizes.get(x, 1.0))) if sizes else 1.0 for x in nodes]
    rnd = random.Random(seed)
    blocks: list[tuple[list[int], list[float], list[float], float, float]] = []
    isolated: list[int] = []
    for comp in _components(nbr):
        if len(comp) == 1:
            isolated.append(comp[0])
            continue
        xs, ys = _component(comp, nbr, size, rnd)
        blocks.append(_normalised(comp, xs, ys))
    blocks.sort(key=lambda b: -(b[3] + 1) * (b[4] + 1))
    if isolated:   # last, in the order given
        cols = max(1, math.ceil(math.sqrt(len(isolated)) * 1.2))
        big = max(size[i] for i in isolated)
        xs = [float(k % cols) * 1.1 * big for k in range(len(isolated))]
        ys = [float(k // cols) * big for k in range(len(isolated))]
        blocks.append(_normalised(isolated, xs, ys))
    out: dict[Hashable, tuple[float, float]] = {}
    for members, xs, ys in _pack(blocks):
        for i, x, y in zip(members, xs, ys):
            out[nodes[i]] = (round(x * spacing * stretch, 1), round(y * spacing, 1))
    return out


def _components(nbr: list[dict[int, float]]) -> list[list[int]]:
    seen = [False] * len(nbr)
    comps = []
    for start in range(len(nbr)):
        if seen[start]:
            continue
        seen[start] = True
        comp, stack = [start], [start]
        while stack:
            for j in nbr[stack.pop()]:
                if not seen[j]:
                    seen[j] = True
                    comp.append(j)
                    stack.append(j)
        comps.append(sorted(comp))
    return comps


def _component(comp: list[int], nbr: list[dict[int, float]], size: list[float],
               rnd: random.Random) -> tuple[list[float], list[float]]:
    """Positions (in ideal edge lengths) of the nodes of one connected component, in ``comp`` order."""
    leaves = {i for i in comp if len(nbr[i]) == 1}
    hanging: dict[int, list[int]] = {}
    for i in comp:   # a leaf hangs on its neighbour unless that neighbour is a leaf too (a pair)
        if i in leaves:
            (j,) = nbr[i]
            if j in leaves and j > i:
                continue
            hanging.setdefault(j, []).append(i)
    peeled = {x for group in hanging.values() for x in group}
    core = [i for i in comp if i not in peeled]
    # a star's scale: its biggest leaf (or the hub itself) decides how far apart the leaves sit
    scale = {h: max([size[h], *(size[x] for x in group)]) for h, group in hanging.items()}
    radius = {i: _disc(len(hanging.get(i, ()))) * scale.get(i, size[i]) for i in core}
    if len(core) > EXACT_LIMIT:
        pos = _two_levels(core, nbr, radius, rnd)
    else:
        pos = _one_level(core, nbr, radius, hanging, rnd)
    for hub, group in hanging.items():
        hx, hy = pos[hub]
        k = scale[hub]
        for leaf, (x, y) in zip(group, _lattice(len(group))):
            pos[leaf] = (hx + x * k, hy + y * k)
    return [pos[i][0] for i in comp], [pos[i][1] for i in comp]


def _one_level(core: list[int], nbr: list[dict[int, float]], radius: dict[int, float],
               hanging: dict[int, list[int]], rnd: random.Random) -> dict[int, tuple[float, float]]:
    """Core nodes as discs, all pairs; a leaf's edges count as its hub's."""
    local = {i: k for k, i in enumerate(core)}
    owner = {i: i for i in core}
    owner.update((x, hub) for hub, group in hanging.items() for x in group)
    weights: dict[tuple[int, int], float] = {}
    for i in owner:
        for j, w in nbr[i].items():
            a, b = local[owner[i]], local[owner[j]]
            if a < b:
                weights[a, b] = weights.get((a, b), 0.0) + w
    cx, cy = _forces([radius[i] for i in core], _edge_weights(weights), rnd)
    return {i: (cx[k], cy[k]) for i, k in local.items()}


def _two_levels(core: list[int], nbr: list[dict[int, float]], radius: dict[int, float],
                rnd: random.Random) -> dict[int, tuple[float, float]]:
    """Groups of whole stars on rings around their first node; the groups drawn as discs."""
    groups = _groups(core, nbr)
    heads = list(groups)
    local = {h: k for k, h in enumerate(heads)}
    offsets: dict[int, tuple[float, float]] = {}
    group_radius = []
    for head in heads:
        members = groups[head]
        placed = _rings(radius[head], [radius[m] for m in members])
        offsets[head] = (0.0, 0.0)
        offsets.update(zip(members, placed))
        group_radius.append(max([radius[head], *(math.hypot(x, y) + radius[m]
                                                   for m, (x, y) in zip(members, placed))]))
    owner = {h: h for h in heads}
    owner.update((m, h) for h, members in groups.items() for m in members)
    weights: dict[tuple[int, int], float] = {}
    for i in core:
        for j, w in nbr[i].items():
            if j in owner:
                a, b = local[owner[i]], local[owner[j]]
                if a < b:
                    weights[a, b] = weights.get((a, b), 0.0) + w
    cx, cy = _forces(group_radius, _edge_weights(weights), rnd)
    return {i: (cx[local[owner[i]]] + dx, cy[local[owner[i]]] + dy) for i, (dx, dy) in offsets.items()}


def _edge_weights(weights: dict[tuple[int, int], float]) -> list[tuple[int, int, float]]:
    """Summed weights between two discs: up to 1 as given, more grows slowly (many edges, one pull)."""
    return [(a, b, min(1.0, w) if w <= 1.0 else min(2.0, 1.0 + 0.25 * math.log(w))) for (a, b), w in weights.items()]


RING_GAP = 0.3   # between two discs, on a ring and from one ring to the next


def _rings(centre: float, radii: list[float]) -> list[tuple[float, float]]:
    """Offsets for discs of ``radii`` around a disc of radius ``centre``, on rings, in the order given.

    A disc of radius r at distance R from the centre lies inside the wedge of half-angle
    asin(r / R); discs on one ring get wedges that do not overlap, and each ring lies
    outside the last one's widest disc, so no two discs overlap."""
    out: list[tuple[float, float]] = []
    inner = centre            # outer edge of what is placed so far
    k = 0
    while k < len(radii):
        ring: list[float] = []
        widest = 0.0
        while k + len(ring) < len(radii):
            r = radii[k + len(ring)]
            wide = max(widest, r)
            big_r = inner + RING_GAP + wide
            used = sum(_wedge(x, big_r) for x in [*ring, r])
            if ring and used > 2 * math.pi:
                break
            ring.append(r)
            widest = wide
        big_r = inner + RING_GAP + widest
        wedges = [_wedge(x, big_r) for x in ring]
        spare = (2 * math.pi - sum(wedges)) / len(ring)   # spread the ring evenly
        angle = 0.0
        for w in wedges:
            angle += w / 2
            out.append((big_r * math.cos(angle), big_r * math.sin(angle)))
            angle += w / 2 + spare
        inner = big_r + widest
        k += len(ring)
    return out


def _wedge(r: float, big_r: float) -> float:
    return 2 * math.asin(min(1.0, (r + RING_GAP / 2) / big_r))


def _groups(core: list[int], nbr: list[dict[int, float]]) -> dict[int, list[int]]:
    """For big cores: the EXACT_LIMIT best-connected nodes, each with the core nodes a breadth-first
    search from all of them at once reaches through it first (nearest first)."""
    inside = set(core)
    hubs = sorted(core, key=lambda i: (-len(nbr[i]), i))[:EXACT_LIMIT]
    groups: dict[int, list[int]] = {h: [] for h in hubs}
    owner = {h: h for h in hubs}
    frontier = hubs
    while frontier:
        nxt = []
        for i in frontier:
            for j in sorted(nbr[i], key=lambda j: -nbr[i][j]):
                if j in inside and j not in owner:
                    owner[j] = owner[i]
                    groups[owner[i]].append(j)
                    nxt.append(j)
        frontier = nxt
    return groups


@lru_cache(maxsize=64)
def _lattice_points(radius: int) -> tuple[tuple[float, float], ...]:
    """Points of a brick lattice (rows LATTICE_Y apart, LATTICE_X between neighbours in a row),
    nearest the centre first, leaving a hole for the hub and its label."""
    points = []
    for j in range(-radius, radius + 1):
        shift = LATTICE_X / 2 if j % 2 else 0.0
        for i in range(-radius, radius + 1):
            x, y = i * LATTICE_X + shift, j * LATTICE_Y
            if abs(x) >= HOLE_X or abs(y) >= HOLE_Y:
                points.append((math.hypot(x, y), abs(y), x, y))
    points.sort()
    return tuple((x, y) for _, _, x, y in points)


def _lattice(count: int) -> tuple[tuple[float, float], ...]:
    """``count`` lattice points around a hub, nearest first."""
    radius = 2
    while True:
        points = _lattice_points(radius)
        if len(points) >= count * 1.3 + 8:
            return points[:count]
        radius *= 2


def star(count: int, scale: float = 1.0) -> list[tuple[float, float]]:
    """Offsets (in ideal edge lengths) of ``count`` leaves around their hub, as :func:`layout` sets them."""
    return [(x * scale, y * scale) for x, y in _lattice(count)]


def _disc(leaves: int) -> float:
    """Radius of a node with ``leaves`` around it: the area of their lattice cells plus the hole."""
    if leaves == 0:
        return 0.4
    return math.sqrt((leaves * LATTICE_X * LATTICE_Y + 4 * HOLE_X * HOLE_Y) / math.pi) + 0.5


def _forces(radius: list[float], edges: list[tuple[int, int, float]], rnd: random.Random,
            iterations: int | None = None) -> tuple[list[float], list[float]]:
    """Fruchterman–Reingold on discs: the forces act on the gap between two discs."""
    m = len(radius)
    if m == 1:
        return [0.0], [0.0]
    area = sum((r + 0.5) ** 2 for r in radius) * math.pi
    side = math.sqrt(area)
    xs = [rnd.uniform(-side / 2, side / 2) for _ in range(m)]
    ys = [rnd.uniform(-side / 2, side / 2) for _ in range(m)]
    if iterations is None:
        iterations = 150 if m <= 60 else 90
    temp = side / 5 + 1.0
    cool = (0.02 / temp) ** (1 / iterations)
    for _ in range(iterations):
        fx = [0.0] * m
        fy = [0.0] * m
        for a in range(m):
            xa, ya, ra = xs[a], ys[a], radius[a]
            for b in range(a + 1, m):
                dx, dy = xa - xs[b], ya - ys[b]
                d = math.sqrt(dx * dx + dy * dy)
                if d < 1e-6:
                    dx, dy, d = rnd.uniform(-0.01, 0.01), rnd.uniform(-0.01, 0.01), 0.01
                gap = d - ra - radius[b]
                f = 1.0 / (max(gap, 0.08) * d)
                fx[a] += dx * f
                fy[a] += dy * f
                fx[b] -= dx * f
                fy[b] -= dy * f
        for a, b, w in edges:
            dx, dy = xs[a] - xs[b], ys[a] - ys[b]
            d = math.sqrt(dx * dx + dy * dy) or 1e-6
            gap = d - radius[a] - radius[b]
            if gap <= 0:
                continue
            f = w * gap * gap / d
            fx[a] -= dx * f
            fy[a] -= dy * f
            fx[b] += dx * f
            fy[b] += dy * f
        for i in range(m):
            length = math.sqrt(fx[i] * fx[i] + fy[i] * fy[i])
            if length > 0:
                step = min(length, temp) / length
                xs[i] += fx[i] * step
                ys[i] += fy[i] * step
        temp *= cool
    _separate(xs, ys, radius)
    return xs, ys


def _separate(xs: list[float], ys: list[float], radius: list[float], passes: int = 400) -> None:
    """Push overlapping discs apart, until none overlap (or ``passes`` are done)."""
    m = len(xs)
    for _ in range(passes):
        moved = False
        for a in range(m):
            for b in range(a + 1, m):
                dx, dy = xs[b] - xs[a], ys[b] - ys[a]
                need = radius[a] + radius[b] + 0.25
                d2 = dx * dx + dy * dy
                if d2 >= need * need:
                    continue
                d = math.sqrt(d2) or 1e-3
                push = (need - d) / 2 / d
                xs[a] -= dx * push
                ys[a] -= dy * push
                xs[b] += dx * push
                ys[b] += dy * push
                moved = True
        if not moved:
            return


def _normalised(members: list[int], xs: list[float], ys: list[float]):
    x0, y0 = min(xs), min(ys)
    xs = [x - x0 for x in xs]
    ys = [y - y0 for y in ys]
    return members, xs, ys, max(xs), max(ys)


def _pack(ordered):
    """Shelf packing: rows of blocks, in the order given, about as wide as the whole is tall."""
    if not ordered:
        return []
    total = sum((b[3] + COMPONENT_GAP) * (b[4] + COMPONENT_GAP) for b in ordered)
    width = max(max(b[3] for b in ordered), math.sqrt(total) * 1.25)
    out = []
    x = y = row_h = 0.0
    for members, xs, ys, w, h in ordered:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + COMPONENT_GAP, 0.0
        out.append((members, [v + x for v in xs], [v + y for v in ys]))
        x += w + COMPONENT_GAP
        row_h = max(row_h, h)
    return out
