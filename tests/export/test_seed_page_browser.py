"""End to end: `kg build` on the seed article, then its page in headless Chromium, offline.

Checks what the issue asks of the seed's page (every entity drawn, 鹤山市's
figures with periods and sources, search for 址山), not the extraction itself:
the facts asserted come from the built view, not from the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import click_node

from kg.analyse import to_networkx
from kg.build import build
from kg.sparql import load_graph

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "data" / "articles" / "heshan-2023-11-16.txt"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "out"
    report = build([SEED], out)
    view = to_networkx(load_graph(out / "kg.ttl"))
    return report, view, dict(report.outputs)["html"]


@pytest.fixture
def seed_page(seed_build, browse):
    return browse(seed_build[2])


def node_by_label(view, label: str) -> str:
    return next(n for n, a in view.nodes(data=True) if a["label"] == label)


def test_seed_page_draws_every_entity_offline(seed_build, seed_page):
    report, view, _ = seed_build
    page = seed_page.page
    assert seed_page.errors == [] and seed_page.external == []
    assert page.evaluate("kg.nodes.length") == view.number_of_nodes() == report.metrics.nodes
    assert set(page.evaluate("kg.nodes.getIds()")) == set(view.nodes)
    assert page.evaluate("kg.edges.length") == view.number_of_edges()


def test_clicking_heshan_shows_its_figures_with_periods_and_sources(seed_build, seed_page):
    _, view, _ = seed_build
    page = seed_page.page
    heshan = node_by_label(view, "鹤山市")
    click_node(page, heshan)
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == "鹤山市"
    quantities = view.nodes[heshan]["quantities"]
    rows = panel.locator("table tr")
    assert rows.count() == 1 + min(len(quantities), 30)
    with_period = [q for q in quantities if q["period"]]
    assert with_period, "the seed's view gives 鹤山市 figures with periods"
    table = panel.locator("table").text_content()
    assert with_period[0]["period"] in table
    sentences = panel.locator(".kg-sentence")
    assert sentences.count() == min(len(view.nodes[heshan]["sentences"]), 30) > 0
    assert view.nodes[heshan]["sentences"][0]["text"] == sentences.first.text_content()
    assert sentences.locator("mark").count() > 0
    assert seed_page.errors == []


def test_searching_zhishan_focuses_zhishan_town(seed_build, seed_page):
    _, view, _ = seed_build
    page = seed_page.page
    town = node_by_label(view, "址山镇")
    page.fill("#kg-search", "址山")
    assert page.locator("#kg-matches button").first.text_content().startswith("址山镇")
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [town]
    # The focus animation takes 300 ms, longer on a loaded machine: wait for it to land.
    page.wait_for_function(
        "id => { const c = network.getViewPosition(), p = network.getPosition(id);"
        " return Math.abs(c.x - p.x) < 1 && Math.abs(c.y - p.y) < 1 }",
        arg=town,
        timeout=10_000,
    )
    assert page.locator("#kg-panel h2").text_content() == "址山镇"
