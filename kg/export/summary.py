"""Plan what the browser view draws first: the whole view, or a summary within a node budget.

Past about 1,500 nodes a force-directed page becomes sluggish (FIELD-NOTES), so a
big view starts from its most central entities (PageRank) plus one node per
cluster standing for the entities not drawn; the page expands clusters and
neighbourhoods on demand from the full data it carries.

Clusters are counties: an entity belongs to the county it lies in (its
``locatedIn``/``partOf`` chain), else to the county nearest to it in the
network, else to a group of its class. Counties rather than Louvain
communities (``kg.analyse.communities``) because they mean something to the
reader ("everything in 台山市") and cost one pass, where Louvain takes ~15 s at
30k nodes on this machine.

Coordinates are computed here for every view too big for the browser's
physics to settle quickly: a seeded force layout (``kg.export.layout``) of
what is drawn first, and every other entity placed on a sunflower spiral
around the drawn node it is nearest to, so an expanded neighbourhood appears
where it belongs.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict, deque
from collections.abc import Mapping, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass, field

import networkx as nx

from kg.analyse import metrics, simple_projection
from kg.errors import UsageError
from kg.export.layout import force_layout, method

VIEW_BUDGET = 1500  # nodes drawn at start; FIELD-NOTES: ~1,000-2,000 stay fluid without physics
PHYSICS_LIMIT = 500  # above this the browser's physics settles too slowly (~6 s at 1,000)
MIN_BUDGET = 20
LAYOUT_SEED = 20231116
SPACING = 100.0  # canvas units per sqrt(node): room for a dot and its label
_HIERARCHY = ("locatedIn", "partOf")
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

# A cluster key: ("county", iri), ("kind", class name) or ("rest", "").
ClusterKey = tuple[str, str]


@dataclass(frozen=True)
class ViewPlan:
    """What the page draws at start and where; see ``plan_view``."""

    mode: str  # "full": every node drawn; "summary": a budgeted selection plus clusters
    physics: bool  # True: the browser lays the nodes out (small views)
    order: tuple[str, ...]  # nodes by PageRank, highest first (ties by IRI)
    drawn: frozenset[str]  # nodes drawn at start
    clusters: tuple[ClusterKey, ...] = ()
    cluster_of: Mapping[str, int] = field(default_factory=dict)
    positions: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    cluster_positions: tuple[tuple[float, float], ...] = ()


def check_budget(budget: int) -> int:
    """Return ``budget`` when it is a usable node budget; raise UsageError otherwise.

    >>> check_budget(1500)
    1500
    """
    if not isinstance(budget, int) or budget < MIN_BUDGET:
        raise UsageError(f"view budget must be a whole number >= {MIN_BUDGET}, got {budget!r}")
    return budget


def plan_view(view: nx.MultiDiGraph, budget: int) -> ViewPlan:
    """Return the plan for drawing ``view`` with at most ``budget`` nodes at start."""
    check_budget(budget)
    order = tuple(rank_nodes(view))
    simple = simple_projection(view)
    if len(order) <= budget:
        physics = len(order) <= PHYSICS_LIMIT
        positions = {} if physics else _full_layout(simple)
        return ViewPlan("full", physics, order, frozenset(order), positions=positions)
    cluster_slots = max(1, budget // 4)
    drawn = frozenset(order[: budget - cluster_slots])
    keys = county_clusters(view, simple)
    clusters, cluster_of = _capped_clusters(keys, drawn, cluster_slots, order)
    positions, centres = _summary_layout(simple, drawn, clusters, cluster_of)
    _place_hidden(simple, order, drawn, cluster_of, centres, positions)
    return ViewPlan("summary", False, order, drawn, clusters, cluster_of, positions, tuple(centres))


def rank_nodes(view: nx.MultiDiGraph) -> list[str]:
    """Return the nodes by ``centrality`` (PageRank, measured here when absent), highest first."""
    if any(a.get("centrality") is None for _, a in view.nodes(data=True)):
        scores = metrics(view).pagerank
    else:
        scores = {n: float(a["centrality"]) for n, a in view.nodes(data=True)}
    return sorted(view.nodes, key=lambda n: (-round(scores.get(n, 0.0), 12), str(n)))


def county_clusters(view: nx.MultiDiGraph, simple: nx.Graph | None = None) -> dict[str, ClusterKey]:
    """Return each node's cluster: its county, the nearest county, or its class."""
    simple = simple if simple is not None else simple_projection(view)
    keys: dict[str, ClusterKey] = {}
    for node in sorted(view.nodes, key=str):
        county = _county_above(view, node)
        if county is not None:
            keys[node] = ("county", county)
    todo = deque(sorted(keys, key=str))
    while todo:  # multi-source BFS: the rest join the county nearest to them
        node = todo.popleft()
        for other in sorted(simple[node], key=str):
            if other not in keys:
                keys[other] = keys[node]
                todo.append(other)
    for node, attrs in view.nodes(data=True):
        keys.setdefault(node, ("kind", attrs.get("kind") or "Other"))
    return keys


def _county_above(view: nx.MultiDiGraph, node: str) -> str | None:
    """The first County reached upward from ``node`` over locatedIn/partOf, or None."""
    seen, todo = {node}, deque([node])
    while todo:
        current = todo.popleft()
        if view.nodes[current].get("kind") == "County":
            return current
        for _, parent, key in sorted(view.out_edges(current, keys=True), key=str):
            if key in _HIERARCHY and parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return None


def _capped_clusters(
    keys: Mapping[str, ClusterKey], drawn: frozenset[str], slots: int, order: tuple[str, ...]
) -> tuple[tuple[ClusterKey, ...], dict[str, int]]:
    """Clusters by hidden members, largest first; past ``slots`` the rest merge into one."""
    hidden = Counter(keys[n] for n in order if n not in drawn)
    every = Counter(keys.values())
    ranked = sorted(every, key=lambda k: (-hidden[k], -every[k], k))
    if len(ranked) > slots:
        kept = set(ranked[: slots - 1])
        ranked = [*ranked[: slots - 1], ("rest", "")]
        keys = {n: k if k in kept else ("rest", "") for n, k in keys.items()}
    index = {key: i for i, key in enumerate(ranked)}
    return tuple(ranked), {n: index[k] for n, k in keys.items()}


# Layouts computed earlier, by a hash of the graph laid out (set by kg.build around its
# exports, from its cache): a rebuild whose drawn structure did not change skips the
# force layout (0.1-0.2 s of CPU on a summary of a thousand nodes; 8-13 s with networkx).
LAYOUTS: ContextVar[MutableMapping[str, dict] | None] = ContextVar("layouts", default=None)


def _spring(graph: nx.Graph) -> dict:
    """Seeded force layout of ``graph`` (``kg.export.layout``), scaled to canvas units,
    rounded to 0.1."""
    if not len(graph):
        return {}
    known = LAYOUTS.get()
    key = _layout_key(graph) if known is not None else ""
    if known is not None and isinstance(found := known.get(key), dict):
        return found
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges]
    placed = force_layout(nodes, edges, LAYOUT_SEED, SPACING * math.sqrt(len(graph)))
    found = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in placed.items()}
    if known is not None:
        known[key] = found
    return found


def _layout_key(graph: nx.Graph) -> str:
    """A hash of what the layout depends on: nodes and edges in order, seed, spacing, method."""
    digest = hashlib.sha256(repr((method(), LAYOUT_SEED, SPACING)).encode())
    digest.update(repr(list(graph.nodes)).encode())
    # Edges as sets, in sorted order: which end nx.Graph lists first follows the order
    # the edges were added in, which could follow the hash seed (a different key each
    # run); the layout sorts the edges by their ends' places and does not depend on it.
    ends = sorted(sorted(map(repr, edge)) for edge in graph.edges)
    digest.update(repr(ends).encode())
    return digest.hexdigest()


def _full_layout(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(simple, key=str))
    graph.add_edges_from(sorted(simple.edges(), key=str))
    return _spring(graph)


def _summary_layout(
    simple: nx.Graph, drawn: frozenset[str], clusters: tuple, cluster_of: Mapping[str, int]
) -> tuple[dict[str, tuple[float, float]], list[tuple[float, float]]]:
    """Lay out the drawn nodes and one hub per cluster, tied to what the cluster's members touch."""
    hubs = [("cluster", i) for i in range(len(clusters))]
    links = set()
    for u, v in simple.edges():
        if u in drawn and v in drawn:
            continue
        a = u if u in drawn else hubs[cluster_of[u]]
        b = v if v in drawn else hubs[cluster_of[v]]
        if a != b:
            links.add((a, b) if str(a) <= str(b) else (b, a))
    graph = nx.Graph()
    graph.add_nodes_from(sorted(drawn, key=str))
    graph.add_nodes_from(hubs)
    graph.add_edges_from(sorted(simple.subgraph(drawn).edges(), key=str))
    graph.add_edges_from(sorted(links, key=str))
    placed = _spring(graph)
    return {n: placed[n] for n in drawn}, [placed[h] for h in hubs]


def _place_hidden(
    simple: nx.Graph,
    order: tuple[str, ...],
    drawn: frozenset[str],
    cluster_of: Mapping[str, int],
    centres: list[tuple[float, float]],
    positions: dict[str, tuple[float, float]],
) -> None:
    """Put every node not drawn on a spiral around the drawn node nearest to it."""
    anchor: dict[str, object] = {n: n for n in order if n in drawn}
    todo = deque(n for n in order if n in drawn)
    while todo:
        node = todo.popleft()
        for other in sorted(simple[node], key=str):
            if other not in anchor:
                anchor[other] = anchor[node]
                todo.append(other)
    turns: dict[object, int] = defaultdict(int)
    for node in order:
        if node in drawn:
            continue
        hub = anchor.get(node, ("cluster", cluster_of[node]))
        x0, y0 = positions[hub] if isinstance(hub, str) else centres[hub[1]]
        turns[hub] += 1
        k = turns[hub]
        radius = SPACING * (0.8 + 0.6 * math.sqrt(k))
        angle = k * _GOLDEN_ANGLE
        positions[node] = (
            round(x0 + radius * math.cos(angle), 1),
            round(y0 + radius * math.sin(angle), 1),
        )
