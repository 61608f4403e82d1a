"""kg.analyse.measures: invariants on random graphs, pinned seeded results on the seed article."""

from __future__ import annotations

import networkx as nx
import pytest
from analyse_helpers import by_label
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analyse import (
    analyse,
    betweenness,
    communities,
    component_sizes,
    core_numbers,
    county_of,
    simple_projection,
    to_networkx,
)
from kg.analyse.view import to_networkx as view_to_networkx


def random_view(n: int, m: int, seed: int) -> nx.MultiDiGraph:
    """A view-shaped MultiDiGraph: n entities, m random relations (self-loops and repeats kept)."""
    simple = nx.gnm_random_graph(n, m, seed=seed, directed=True)
    view = nx.MultiDiGraph()
    view.add_nodes_from((f"n{i:04d}", {"label": f"n{i}", "kind": "Park"}) for i in simple)
    view.add_edges_from((f"n{u:04d}", f"n{v:04d}", "relatedTo") for u, v in simple.edges())
    if n > 1:
        view.add_edge("n0000", "n0000", "relatedTo")
        view.add_edge("n0000", "n0001", "partOf")
    return view


graphs = st.builds(
    random_view,
    n=st.integers(0, 40),
    m=st.integers(0, 80),
    seed=st.integers(0, 10_000),
)


@settings(max_examples=40, deadline=None)
@given(graphs, st.sampled_from(["leiden", "louvain"]))
def test_communities_partition_the_nodes(view, method):
    found = communities(view, seed=7, method=method)
    members = [n for c in found for n in c]
    assert len(members) == len(set(members)) == len(view)
    assert set(members) == set(view)
    assert all(found)
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert communities(view, seed=7, method=method) == found


@settings(max_examples=40, deadline=None)
@given(graphs)
def test_scores_lie_in_range(view):
    a = analyse(view)
    assert set(a.pagerank) == set(a.betweenness) == set(a.core) == set(view)
    if len(view):
        assert sum(a.pagerank.values()) == pytest.approx(1.0)
    assert all(0 <= s <= 1 for s in a.pagerank.values())
    assert all(0 <= s <= 1 + 1e-9 for s in a.betweenness.values())
    assert all(0 <= a.core[n] <= a.degree[n] for n in view)
    assert sum(a.components) == len(view)
    assert a.components == component_sizes(view)
    assert a.core == core_numbers(view)


def test_sampled_betweenness_is_seeded_and_close_to_exact():
    view = random_view(1500, 3000, seed=3)
    exact, none = betweenness(view)
    sampled, sources = betweenness(view, exact_limit=100, sample=300, seed=5)
    assert (none, sources) == (None, 300)
    assert betweenness(view, exact_limit=100, sample=300, seed=5)[0] == sampled
    assert sum(sampled.values()) == pytest.approx(sum(exact.values()), rel=0.1)
    top = set(sorted(exact, key=exact.get)[-20:])
    assert len(top & set(sorted(sampled, key=sampled.get)[-20:])) >= 14


def test_the_view_is_exported_from_the_package():
    assert to_networkx is view_to_networkx


def test_county_follows_located_in_and_part_of_upward(seed_view):
    county = county_of(seed_view)
    heshan = by_label(seed_view, "鹤山市")
    assert county[heshan] == heshan
    assert county[by_label(seed_view, "址山镇")] == heshan
    # Company -> start-up area -> town -> county
    assert county[by_label(seed_view, "志高空调")] == heshan
    assert by_label(seed_view, "江门市") not in county  # a prefecture lies in no county


def test_pinned_results_on_the_seed(seed_view):
    a = analyse(seed_view, seed=42)
    label = lambda n: seed_view.nodes[n]["label"]  # noqa: E731
    assert (a.nodes, a.edges) == (82, 82)
    assert [label(n) for n in a.top(a.pagerank, 3)] == ["鹤山市", "江门市", "S270线鹤城至杜阮段"]
    assert a.pagerank[by_label(seed_view, "鹤山市")] == pytest.approx(0.179758, abs=1e-6)
    assert [label(n) for n in a.top(a.betweenness, 3)] == ["鹤山市", "江门市", "址山镇"]
    assert a.betweenness_sample is None
    assert a.components[:2] == [68, 2] and len(a.components) == 11
    assert max(a.core.values()) == 2
    largest = sorted(label(n) for n in a.communities[0])
    assert "鹤山市" in largest and len(largest) == 21
    (silicon,) = ({label(n) for n in c} for c in a.communities if "隆基硅能源" in map(label, c))
    assert {"省硅能源产业基地", "址山镇", "G325鹤山桃源至址山段"} <= silicon
    assert analyse(seed_view, seed=42).communities == a.communities


def test_summaries_on_the_seed(seed_view):
    a = analyse(seed_view)
    assert sum(r["entities"] for r in a.by_class) == len(seed_view)
    assert a.by_class[0] == {"class": "Park", "entities": 13, "figures": 3, "mean_degree": 1.46}
    heshan = a.by_county[0]
    assert (heshan["county"], heshan["code"], heshan["entities"]) == ("鹤山市", "440784", 28)
    assert heshan["classes"]["Town"] == 9
    # 47 figures since 三大行动 and 六大行动 are read as counts (unit 大)
    assert a.by_article == [
        {"article": "heshan-2023-11-16", "entities": 80, "relations": 65, "figures": 47}
    ]


def test_projection_drops_self_loops_and_repeats():
    view = random_view(5, 0, seed=1)
    view.add_edge("n0001", "n0000", "locatedIn")
    simple = simple_projection(view)
    assert simple.number_of_edges() == 1 and not nx.number_of_selfloops(simple)
