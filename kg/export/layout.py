"""Seeded force-directed coordinates for the pages too big for the browser's physics.

igraph's Fruchterman-Reingold (in C, with its grid approximation past 1,000 nodes)
lays out the 1,248-node summary of a 1 MB article in about 0.1 s of CPU, where
networkx's ``spring_layout(method="energy")`` took 8-13 s. Its random numbers (the
start positions) come from a ``random.Random`` seeded here, so the same graph gives
the same coordinates in every run, worker and hash seed.

A force layout lets components that share no edge drift apart (nothing pulls them
together), and scaling the whole to the canvas then squeezes the biggest one into
a corner. So the biggest component keeps its place and every other one is set
beside it, on a spiral just outside its rim.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence
from functools import cache
from importlib import metadata

ITERATIONS = 500
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]


@cache
def method() -> str:
    """What the coordinates depend on besides the graph (part of the layout cache's key):
    another method or igraph release, other coordinates."""
    return f"igraph {metadata.version('igraph')} Fruchterman-Reingold, grid auto, {ITERATIONS}"


def force_layout(
    nodes: Sequence[Hashable], edges: Sequence[tuple[int, int]], seed: int, scale: float
) -> dict[Hashable, Point]:
    """Coordinates of ``nodes`` (``edges`` between their indices) within ``scale`` of 0.

    Centred on the mean and scaled so that the farthest coordinate is ``scale``,
    as networkx's ``rescale_layout`` does.

    >>> placed = force_layout(["a", "b", "c"], [(0, 1), (1, 2)], seed=1, scale=10.0)
    >>> max(abs(v) for point in placed.values() for v in point) == 10.0
    True
    """
    if not nodes:
        return {}
    import igraph as ig  # here, not above: its import takes 0.5-4 s (its drawing modules
    # too), which every kg command paid; only a page too big for the physics needs it

    graph = ig.Graph(n=len(nodes), edges=sorted(tuple(sorted(e)) for e in edges))
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(niter=ITERATIONS, grid="auto").coords
    finally:
        ig.set_random_number_generator(random)
    points = _gathered([(x, y) for x, y in coords], list(graph.connected_components()))
    return dict(zip(nodes, _rescaled(points, scale), strict=True))


def _gathered(points: list[Point], components: list[list[int]]) -> list[Point]:
    """``points`` with every component but the biggest moved to the biggest one's rim,
    the bigger ones nearer (ties: the one holding the first node)."""
    if len(components) < 2:
        return points
    components = sorted(components, key=lambda c: (-len(c), min(c)))
    main = components[0]
    cx, cy = _centre(points, main)
    rim = max(math.dist((cx, cy), points[i]) for i in main)
    # the mean room of a node in the main component: its disc shared among its nodes
    step = rim * math.sqrt(math.pi / len(main)) if rim > 0 else 1.0
    moved = list(points)
    for k, component in enumerate(components[1:], start=1):
        ox, oy = _centre(points, component)
        reach = max(math.dist((ox, oy), points[i]) for i in component)
        radius = rim + step * (1 + math.sqrt(k)) + reach
        angle = k * _GOLDEN_ANGLE
        tx, ty = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        for i in component:
            moved[i] = (points[i][0] - ox + tx, points[i][1] - oy + ty)
    return moved


def _centre(points: list[Point], members: list[int]) -> Point:
    return (
        math.fsum(points[i][0] for i in members) / len(members),
        math.fsum(points[i][1] for i in members) / len(members),
    )


def _rescaled(points: list[Point], scale: float) -> list[Point]:
    cx, cy = _centre(points, list(range(len(points))))
    centred = [(x - cx, y - cy) for x, y in points]
    reach = max(max(abs(x), abs(y)) for x, y in centred)
    if reach == 0:
        return centred
    return [(x * scale / reach, y * scale / reach) for x, y in centred]
