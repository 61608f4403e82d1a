"""The seeded force layout of pages too big for the browser's physics."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys

import igraph as ig

from kg.export.layout import force_layout


def _ring_and_strays(ring: int, strays: int) -> tuple[list[str], list[tuple[int, int]]]:
    """A ring of ``ring`` nodes with chords, and ``strays`` nodes joined to nothing."""
    nodes = [f"r{i}" for i in range(ring)] + [f"s{i}" for i in range(strays)]
    edges = [(i, (i + 1) % ring) for i in range(ring)] + [(i, (i + 7) % ring) for i in range(ring)]
    return nodes, edges


def test_the_same_graph_gets_the_same_coordinates():
    nodes, edges = _ring_and_strays(300, 5)
    first = force_layout(nodes, edges, seed=3, scale=500.0)
    assert force_layout(nodes, list(reversed(edges)), seed=3, scale=500.0) == first
    assert force_layout(nodes, [(v, u) for u, v in edges], seed=3, scale=500.0) == first


def test_the_coordinates_do_not_follow_the_hash_seed():
    code = (
        "import json; from kg.export.layout import force_layout;"
        "nodes = ['a', 'b', 'c', 'd', ('cluster', 0)];"
        "print(json.dumps(sorted(map(list, force_layout(nodes, [(0, 1), (1, 2), (2, 4)],"
        " seed=5, scale=50.0).values()))))"
    )
    runs = set()
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        runs.add(done.stdout)
    assert len(runs) == 1 and len(json.loads(runs.pop())) == 5


def test_components_joined_to_nothing_do_not_squeeze_the_biggest_into_a_corner():
    """A summary whose drawn nodes held two cluster hubs with no edge laid them out
    far from the rest, and scaling the whole to the canvas left the connected nodes a
    quarter of it."""
    nodes, edges = _ring_and_strays(1200, 3)
    placed = force_layout(nodes, edges, seed=11, scale=1000.0)
    ring = [placed[n] for n in nodes if n.startswith("r")]
    width = max(x for x, _ in ring) - min(x for x, _ in ring)
    height = max(y for _, y in ring) - min(y for _, y in ring)
    assert min(width, height) > 1000.0  # of the 2,000 the canvas spans
    centre = (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    rim = max(math.dist(centre, p) for p in ring)
    for stray in ("s0", "s1", "s2"):
        assert rim < math.dist(centre, placed[stray]) < 1.5 * rim  # beside it, not far off


def test_the_layout_leaves_python_random_as_igraph_random_numbers():
    force_layout(["a", "b"], [(0, 1)], seed=1, scale=1.0)
    state = random.getstate()
    ig.Graph.Erdos_Renyi(n=5, m=3)  # drawn from Python's random module again
    assert random.getstate() != state


def test_one_node_and_no_node():
    assert force_layout(["a"], [], seed=1, scale=10.0) == {"a": (0.0, 0.0)}
    assert force_layout([], [], seed=1, scale=10.0) == {}


def test_igraph_is_imported_only_when_a_page_is_laid_out():
    """The layout module imported igraph at the top: every kg command (kg query too)
    paid its import, 0.5-4 s with its drawing modules, for a page it did not draw."""
    code = "import sys, kg.cli, kg.export.summary, kg.build;print('igraph' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
