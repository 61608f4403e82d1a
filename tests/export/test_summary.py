"""What the browser view draws first: everything, or a summary within the budget."""

from __future__ import annotations

import networkx as nx
import pytest
from html_views import BASE, build_corpus_view, build_small_view
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import UsageError
from kg.export.summary import (
    MIN_BUDGET,
    PHYSICS_LIMIT,
    check_budget,
    county_clusters,
    plan_view,
    rank_nodes,
)


@pytest.fixture(scope="module")
def corpus() -> nx.MultiDiGraph:
    return build_corpus_view(counties=12, per_county=100)


def test_small_view_is_drawn_whole_by_the_browser():
    view = build_small_view()
    plan = plan_view(view, 1500)
    assert plan.mode == "full" and plan.physics and plan.drawn == set(view.nodes)
    assert plan.positions == {} and plan.clusters == ()


def test_view_past_the_physics_limit_gets_seeded_coordinates():
    view = build_corpus_view(counties=6, per_county=100)
    assert view.number_of_nodes() > PHYSICS_LIMIT
    plan = plan_view(view, 1500)
    assert plan.mode == "full" and not plan.physics
    assert set(plan.positions) == set(view.nodes)
    assert plan_view(view, 1500).positions == plan.positions


def test_summary_keeps_the_most_central_and_stays_within_the_budget(corpus):
    plan = plan_view(corpus, 200)
    assert plan.mode == "summary" and not plan.physics
    assert plan.drawn == set(plan.order[: len(plan.drawn)])
    assert len(plan.drawn) + len(plan.clusters) <= 200
    assert set(plan.positions) == set(corpus.nodes)  # hidden nodes too: they appear in place
    assert len(plan.cluster_positions) == len(plan.clusters)
    assert set(plan.cluster_of) == set(corpus.nodes)


def test_summary_is_deterministic(corpus):
    assert plan_view(corpus, 200) == plan_view(corpus, 200)


def test_entities_join_the_county_they_lie_in(corpus):
    keys = county_clusters(corpus)
    county = BASE + "division/440300"
    assert keys[county] == ("county", county)
    assert keys[BASE + "division/440300004"] == ("county", county)  # a town
    assert keys[BASE + "park/p2-23"] == ("county", county)  # a park in one of its towns
    assert keys[BASE + "company/c2-23"] == ("county", county)  # a company in that park


def test_unplaced_entities_join_the_nearest_county_or_their_class():
    view = build_small_view()
    keys = county_clusters(view)
    kaiping = BASE + "division/440783"
    assert keys[BASE + "region/cui-shan-hu-xin-qu"] == ("county", kaiping)  # locatedIn 开平市
    # 粤华 takes part in an event held in that region: the nearest county is 开平市.
    assert keys[BASE + "company/yue-hua-xin-cai-liao"] == ("county", kaiping)
    # A project approved by a bureau, neither placed anywhere: grouped by class.
    assert keys[BASE + "project/chi-kan-gu-zhen-huo-hua"] == ("kind", "Project")


def test_clusters_past_their_share_of_the_budget_merge(corpus):
    plan = plan_view(corpus, MIN_BUDGET)  # 5 cluster slots for 12 counties
    assert len(plan.clusters) == MIN_BUDGET // 4
    assert plan.clusters[-1] == ("rest", "")


def test_rank_uses_centrality_when_every_node_has_it():
    view = nx.MultiDiGraph()
    view.add_nodes_from([("a", {"centrality": 0.1}), ("b", {"centrality": 0.3}), ("c", {})])
    assert rank_nodes(view)[0] in {"a", "b", "c"}  # PageRank when one is missing
    view.nodes["c"]["centrality"] = 0.2
    assert rank_nodes(view) == ["b", "c", "a"]


@pytest.mark.parametrize("budget", [0, MIN_BUDGET - 1, 1.5, "100"])
def test_budget_must_be_a_whole_number_past_the_minimum(budget):
    with pytest.raises(UsageError, match="view budget"):
        check_budget(budget)


@settings(max_examples=25, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=120),
    budget=st.integers(MIN_BUDGET, 40),
)
def test_any_view_fits_its_budget_and_every_node_has_a_place(edges, budget):
    view = nx.MultiDiGraph()
    view.add_nodes_from((f"n{i}", {"kind": "County" if i % 9 == 0 else "Park"}) for i in range(61))
    view.add_edges_from((f"n{u}", f"n{v}", "locatedIn") for u, v in edges)
    plan = plan_view(view, budget)
    assert len(plan.drawn) + len(plan.clusters) <= budget
    assert set(plan.positions) == set(view.nodes) == set(plan.cluster_of)
    assert all(0 <= c < len(plan.clusters) for c in plan.cluster_of.values())


def test_the_layout_cache_key_does_not_depend_on_which_end_an_edge_was_added_from():
    """Summary graphs listed their edges in an order that followed the hash seed, so
    each build looked for the layout under a new key and drew it again (8 s on 300
    articles)."""
    from kg.export.summary import _layout_key

    one, two = nx.Graph(), nx.Graph()
    one.add_nodes_from(["a", "b", ("cluster", 0)])
    two.add_nodes_from(["a", "b", ("cluster", 0)])
    one.add_edges_from([("a", "b"), (("cluster", 0), "a")])
    two.add_edges_from([("a", ("cluster", 0)), ("b", "a")])
    assert _layout_key(one) == _layout_key(two)
    two.add_edge("b", ("cluster", 0))
    assert _layout_key(one) != _layout_key(two)
