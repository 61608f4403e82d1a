"""Measures of the NetworkX view: centrality, components, k-core, communities, summaries.

All on the undirected simple projection of the view (``simple_projection``:
one edge per linked pair, no self-loops), seeded, ties broken by IRI, so the
same graph gives the same figures.

- **Degree** and **PageRank** (networkx, scipy backend): exact at any size.
- **Betweenness**: exact (networkx) up to ``BETWEENNESS_EXACT`` nodes; above,
  estimated from ``BETWEENNESS_SAMPLE`` source nodes drawn with the seed
  (igraph's subset betweenness in C, scaled by n/k: the usual sampled Brandes
  estimator). At 2,000 nodes the sampled top 20 shared 18 entities with the
  exact top 20.
- **Components** (connected, undirected) and **k-core** (core number of each node).
- **Communities**: Leiden (igraph's, modularity, two iterations, seeded) by
  default; networkx's Louvain on request (``method="louvain"``): it took 941 s
  at 105k nodes on this machine, Leiden about 4 s (bench/analyse.py).
- **Summaries** per class, per county (an entity belongs to the county its
  ``locatedIn``/``partOf`` chain reaches) and per article.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import networkx as nx

BETWEENNESS_EXACT = 5_000  # nodes: exact betweenness up to here (~10 s at 5k, 2 cores)
BETWEENNESS_SAMPLE = 256  # sources drawn above it
SEED = 42
COUNTY_KINDS = ("County",)
_UP = ("locatedIn", "partOf")


@dataclass(frozen=True)
class GraphMetrics:
    """Size, connectedness and the most central entities of a view.

    ``top`` is by PageRank and ``top_degree`` by degree centrality, both on
    the undirected simple projection, as ``(iri, label, score)`` with scores
    rounded to 6 places; ties go by IRI.
    """

    nodes: int
    edges: int
    components: int
    top: tuple[tuple[str, str, float], ...]
    top_degree: tuple[tuple[str, str, float], ...]
    pagerank: Mapping[str, float]
    degree: Mapping[str, float]


def simple_projection(view: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``view``: one edge per linked pair, no self-loops."""
    simple = nx.Graph()
    simple.add_nodes_from(view)
    simple.add_edges_from((u, v) for u, v in view.edges() if u != v)
    return simple


def metrics(view: nx.MultiDiGraph, top: int = 10) -> GraphMetrics:
    """Counts, component number, PageRank and degree centrality of ``view``."""
    simple = simple_projection(view)
    pagerank = nx.pagerank(simple) if len(simple) else {}
    degree = nx.degree_centrality(simple) if len(simple) else {}

    def best(scores: Mapping[str, float]) -> tuple[tuple[str, str, float], ...]:
        ranked = sorted(scores.items(), key=lambda item: (-round(item[1], 6), item[0]))
        return tuple((n, view.nodes[n].get("label", n), round(s, 6)) for n, s in ranked[:top])

    return GraphMetrics(
        nodes=view.number_of_nodes(),
        edges=view.number_of_edges(),
        components=nx.number_connected_components(simple) if len(simple) else 0,
        top=best(pagerank),
        top_degree=best(degree),
        pagerank=pagerank,
        degree=degree,
    )


def with_centrality(view: nx.MultiDiGraph, measured: GraphMetrics | None = None) -> nx.MultiDiGraph:
    """A copy of ``view`` whose nodes carry ``centrality`` (PageRank) and ``degree_centrality``."""
    measured = measured or metrics(view)
    annotated = view.copy()
    for node, data in annotated.nodes(data=True):
        data["centrality"] = measured.pagerank.get(node, 0.0)
        data["degree_centrality"] = measured.degree.get(node, 0.0)
    return annotated


def communities(
    view: nx.MultiDiGraph, seed: int = SEED, resolution: float = 1.0, method: str = "louvain"
) -> list[set[str]]:
    """Communities of the simple projection, largest first (ties by smallest IRI), seeded.

    ``method="louvain"``: networkx's Louvain, slow on big graphs (about 12 s at 10k
    nodes, 941 s at 105k on this machine); ``"leiden"``: igraph's Leiden,
    seconds at 100k (``resolution`` applies to Louvain only).
    """
    if method == "leiden":
        return leiden_communities(view, seed=seed)
    simple = simple_projection(view)
    if not len(simple):
        return []
    found = nx.community.louvain_communities(simple, seed=seed, resolution=resolution)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def betweenness(
    view: nx.MultiDiGraph, *, seed: int = SEED, exact_limit: int = BETWEENNESS_EXACT,
    sample: int = BETWEENNESS_SAMPLE,
) -> tuple[dict[str, float], int | None]:  # fmt: skip
    """Normalised betweenness of every node, and the number of sampled sources (None: exact).

    Exact up to ``exact_limit`` nodes; above it, estimated from ``sample`` sources
    drawn with ``seed`` (see the module's docstring).
    """
    return _betweenness(simple_projection(view), seed, exact_limit, sample)


class _Igraph:
    """The simple projection as an igraph graph (vertices in sorted IRI order), made once."""

    def __init__(self, simple: nx.Graph):
        import igraph as ig

        self.nodes = sorted(simple)
        position = {node: i for i, node in enumerate(self.nodes)}
        pairs = (sorted((position[u], position[v])) for u, v in simple.edges())
        self.graph = ig.Graph(n=len(self.nodes), edges=sorted(tuple(p) for p in pairs))


def _betweenness(
    simple: nx.Graph, seed: int, exact_limit: int = BETWEENNESS_EXACT,
    sample: int = BETWEENNESS_SAMPLE, shared: _Igraph | None = None,
) -> tuple[dict[str, float], int | None]:  # fmt: skip
    n = len(simple)
    if n <= exact_limit:
        return (nx.betweenness_centrality(simple) if n else {}), None
    g = shared or _Igraph(simple)
    sources = random.Random(seed).sample(range(n), min(sample, n))
    raw = g.graph.betweenness(directed=False, sources=sources)
    scale = n / len(sources) * 2 / ((n - 1) * (n - 2))
    return {node: raw[i] * scale for i, node in enumerate(g.nodes)}, len(sources)


def core_numbers(view: nx.MultiDiGraph) -> dict[str, int]:
    """The k-core number of every node: the largest k such that it lies in a k-core
    (igraph's coreness; networkx's core_number gives the same, 1,000x slower)."""
    return _cores(_Igraph(simple_projection(view)))


def _cores(g: _Igraph) -> dict[str, int]:
    return dict(zip(g.nodes, g.graph.coreness(), strict=True))


def component_sizes(view: nx.MultiDiGraph) -> list[int]:
    """Sizes of the connected components (undirected), largest first."""
    simple = simple_projection(view)
    return sorted((len(c) for c in nx.connected_components(simple)), reverse=True)


def leiden_communities(view: nx.MultiDiGraph, seed: int = SEED) -> list[set[str]]:
    """Leiden communities (modularity) of the simple projection, largest first
    (ties by smallest IRI); isolated nodes are communities of one."""
    return _leiden(_Igraph(simple_projection(view)), seed)


def _leiden(g: _Igraph, seed: int) -> list[set[str]]:
    """igraph's Leiden (modularity, two iterations) with its random numbers drawn from a
    ``random.Random(seed)``: the same graph and seed give the same communities. (The
    leidenalg package took 34 s where this took 4 s, at 104k nodes on the loaded machine.)"""
    import igraph as ig

    if not g.nodes:
        return []
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = g.graph.community_leiden(objective_function="modularity", n_iterations=2)
    finally:
        ig.set_random_number_generator(random)
    groups = [{g.nodes[i] for i in members} for members in found]
    return sorted(groups, key=lambda c: (-len(c), min(c)))


def county_of(view: nx.MultiDiGraph) -> dict[str, str]:
    """The county each entity lies in (itself for a county), following ``locatedIn`` and
    ``partOf`` upward, nearest first; entities under no county are left out."""
    found: dict[str, str | None] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    for u, v, key in view.edges(keys=True):
        if key in _UP and u != v:
            parents[u].append(v)
    kinds = nx.get_node_attributes(view, "kind")

    def walk(node: str) -> str | None:
        if node in found:
            return found[node]
        found[node] = None  # a cycle ends here
        if kinds.get(node) in COUNTY_KINDS:
            found[node] = node
            return node
        for parent in sorted(parents.get(node, ())):
            if county := walk(parent):
                found[node] = county
                return county
        return None

    for node in view:
        walk(node)
    return {n: c for n, c in found.items() if c is not None}


@dataclass
class Analysis:
    """Everything ``kg analyse`` reports about a view; scores keyed by node IRI."""

    nodes: int
    edges: int
    pagerank: dict[str, float]
    degree: dict[str, int]
    betweenness: dict[str, float]
    betweenness_sample: int | None  # sources sampled, None when exact
    core: dict[str, int]
    components: list[int]
    communities: list[set[str]]
    by_class: list[dict]
    by_county: list[dict]
    by_article: list[dict]
    seconds: dict[str, float] = field(default_factory=dict)

    def top(self, scores: Mapping[str, float], n: int = 20) -> list[str]:
        """The ``n`` nodes of highest score, ties by IRI."""
        return sorted(scores, key=lambda node: (-scores[node], node))[:n]


def analyse(view: nx.MultiDiGraph, *, seed: int = SEED, method: str = "leiden") -> Analysis:
    """Measure ``view``: centralities, components, k-core, communities and summaries."""
    seconds: dict[str, float] = {}

    def timed(name: str, fn: Callable, *args, **kw):
        started = time.perf_counter()
        result = fn(*args, **kw)
        seconds[name] = time.perf_counter() - started
        return result

    simple = timed("projection", simple_projection, view)
    pagerank = timed("pagerank", lambda: nx.pagerank(simple) if len(simple) else {})
    degree = dict(simple.degree())
    shared = timed("igraph", _Igraph, simple)
    between, sample = timed("betweenness", _betweenness, simple, seed, shared=shared)
    core = timed("k-core", _cores, shared)
    components = timed("components", lambda: sorted(
        (len(c) for c in nx.connected_components(simple)), reverse=True))  # fmt: skip
    found = timed("communities", lambda: _leiden(shared, seed) if method == "leiden"
                  else communities(view, seed=seed, method=method))  # fmt: skip
    county = timed("counties", county_of, view)
    summaries = timed("summaries", _summaries, view, degree, county)
    return Analysis(
        nodes=view.number_of_nodes(),
        edges=view.number_of_edges(),
        pagerank=pagerank,
        degree=degree,
        betweenness=between,
        betweenness_sample=sample,
        core=core,
        components=components,
        communities=found,
        by_class=summaries[0],
        by_county=summaries[1],
        by_article=summaries[2],
        seconds=seconds,
    )


def _summaries(
    view: nx.MultiDiGraph, degree: Mapping[str, int], county: Mapping[str, str]
) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows per class, per county and per article: entities, relations, figures."""
    classes: dict[str, Counter] = defaultdict(Counter)
    counties: dict[str, Counter] = defaultdict(Counter)
    county_kinds: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, Counter] = defaultdict(Counter)
    for node, data in view.nodes(data=True):
        kind = data.get("kind", "")
        figures = len(data.get("quantities", ()))
        row = classes[kind]
        row["entities"] += 1
        row["figures"] += figures
        row["degree"] += degree.get(node, 0)
        if node in county:
            counties[county[node]]["entities"] += 1
            counties[county[node]]["figures"] += figures
            county_kinds[county[node]][kind] += 1
        for article in data.get("articles", ()):
            articles[article]["entities"] += 1
        for q in data.get("quantities", ()):
            if q.get("article"):
                articles[q["article"]]["figures"] += 1
    for u, v, data in view.edges(data=True):
        if u in county and county.get(v) == county[u]:
            counties[county[u]]["relations"] += 1
        for article in {s["article"] for s in data.get("sentences", ()) if s.get("article")}:
            articles[article]["relations"] += 1
    by_class = [
        {"class": kind, "entities": c["entities"], "figures": c["figures"],
         "mean_degree": round(c["degree"] / c["entities"], 2)}
        for kind, c in sorted(classes.items(), key=lambda kv: (-kv[1]["entities"], kv[0]))
    ]  # fmt: skip
    by_county = [
        {"county": view.nodes[iri].get("label", iri), "iri": iri,
         "code": view.nodes[iri].get("code"), "entities": c["entities"],
         "relations": c["relations"], "figures": c["figures"],
         "classes": dict(sorted(county_kinds[iri].items()))}
        for iri, c in sorted(counties.items(), key=lambda kv: (-kv[1]["entities"], kv[0]))
    ]  # fmt: skip
    by_article = [
        {"article": a, "entities": c["entities"], "relations": c["relations"],
         "figures": c["figures"]}
        for a, c in sorted(articles.items())
    ]  # fmt: skip
    return by_class, by_county, by_article
