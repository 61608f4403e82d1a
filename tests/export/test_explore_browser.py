"""Exploring the HTML view in headless Chromium: filters, neighbourhoods, reset, big views."""

from __future__ import annotations

import networkx as nx
import pytest
from browser_helpers import click_node, drawn_ids, entity_ids, node_point
from html_views import BASE, build_corpus_view

from kg.export.html import write_html

pytestmark = pytest.mark.browser

TOWN = BASE + "division/440783109"  # 赤坎镇
COMPANY = BASE + "company/yue-hua-xin-cai-liao"
BUDGET = 300


@pytest.fixture
def small_page(small_view, tmp_path, browse):
    return browse(write_html(small_view, tmp_path / "kg.html", title="开平县域经济"))


@pytest.fixture(scope="module")
def corpus_view() -> nx.MultiDiGraph:
    return build_corpus_view(counties=30, per_county=100)


@pytest.fixture
def corpus_page(corpus_view, tmp_path, browse):
    return browse(write_html(corpus_view, tmp_path / "kg.html", budget=BUDGET))


def ego(view: nx.MultiDiGraph, node: str, hops: int) -> set[str]:
    return set(nx.ego_graph(view.to_undirected(as_view=True), node, radius=hops))


def test_class_filter_hides_and_restores_a_class(small_view, small_page):
    page = small_page.page
    before = page.evaluate("network.getPositions()")
    companies = {n for n, a in small_view.nodes(data=True) if a["kind"] == "Company"}
    page.uncheck("#kg-legend input[data-kind=Company]")
    assert drawn_ids(page) == set(small_view.nodes) - companies
    ends = page.evaluate("kg.edges.get().flatMap(e => [e.from, e.to])")
    assert companies.isdisjoint(ends)
    page.uncheck("#kg-legend input[data-kind=Town]")
    assert all(small_view.nodes[n]["kind"] not in ("Town", "Company") for n in drawn_ids(page))
    page.check("#kg-legend input[data-kind=Company]")
    page.check("#kg-legend input[data-kind=Town]")
    assert drawn_ids(page) == set(small_view.nodes)
    assert page.evaluate("network.getPositions()") == before  # restored where they were
    assert small_page.errors == []


@pytest.mark.parametrize("hops", [1, 2, 3])
def test_neighbourhood_mode_shows_only_n_hops(small_view, small_page, hops):
    page = small_page.page
    click_node(page, TOWN)
    page.select_option("#kg-hops", str(hops))
    page.check("#kg-hood")
    assert drawn_ids(page) == ego(small_view, TOWN, hops)
    assert page.evaluate("network.getSelectedNodes()") == [TOWN]
    assert small_page.errors == []


def test_neighbourhood_follows_the_clicked_node_and_reset_restores_all(small_view, small_page):
    page = small_page.page
    page.check("#kg-hood")
    click_node(page, TOWN)
    assert page.evaluate("network.getSelectedNodes()") == [TOWN]
    assert drawn_ids(page) == ego(small_view, TOWN, 1)
    road = BASE + "road/s275-chi-kan-tang-kou"
    click_node(page, road)
    assert drawn_ids(page) == ego(small_view, road, 1)
    page.click("#kg-reset")
    assert drawn_ids(page) == set(small_view.nodes)
    assert not page.is_checked("#kg-hood")
    assert page.evaluate("network.getSelectedNodes()") == []
    assert "点击节点" in page.locator("#kg-panel").text_content()


def test_panel_button_shows_the_neighbourhood(small_view, small_page):
    page = small_page.page
    click_node(page, COMPANY)
    page.get_by_role("button", name="只看邻域 · neighbourhood only").click()
    assert page.is_checked("#kg-hood")
    assert drawn_ids(page) == ego(small_view, COMPANY, 1)


def test_edges_carry_chinese_labels_and_english_on_hover(small_page):
    page = small_page.page
    labels = page.evaluate(
        "Object.fromEntries(kg.edges.get().map(e => [e.label, e.title.textContent]))"
    )
    assert labels["批复"] == "approved by" and labels["位于"] == "located in"
    point = page.evaluate(
        """() => {
            const id = kg.edges.get().find(e => e.label === '连接').id;
            const edge = network.body.edges[id].edgeType;
            const box = document.getElementById('kg-network').getBoundingClientRect();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                const dom = network.canvasToDOM(edge.getPoint(t));
                const free = network.getNodeAt(dom) === undefined;
                if (free) return [box.left + dom.x, box.top + dom.y];
            }
        }"""
    )
    page.mouse.move(point[0] - 20, point[1] - 20)
    page.mouse.move(*point, steps=5)
    page.wait_for_selector(".vis-tooltip", state="visible", timeout=5_000)
    assert page.locator(".vis-tooltip").text_content() == "connects"


def test_parallel_edges_curve_apart(small_view, tmp_path, browse):
    u, v = BASE + "division/440783001", BASE + "park/kai-ping-cui-shan-hu-chan-ye-yuan"
    small_view.add_edge(u, v, key="partOf", label_zh="属于", label_en="part of")
    page = browse(write_html(small_view, tmp_path / "kg.html")).page
    smooth = page.evaluate(
        "([u, v]) => kg.edges.get().filter(e => e.from === u && e.to === v).map(e => !!e.smooth)",
        [u, v],
    )
    assert sorted(smooth) == [False, True]


def test_big_view_opens_as_a_summary_within_the_budget(corpus_view, corpus_page):
    page = corpus_page.page
    assert corpus_page.errors == [] and corpus_page.external == []
    assert page.evaluate("kg.graph.n") == corpus_view.number_of_nodes() == 3001
    drawn = drawn_ids(page)
    assert len(drawn) <= BUDGET
    clusters = {i for i in drawn if i.startswith("kg-cluster:")}
    assert clusters and len(entity_ids(page)) < BUDGET
    assert page.evaluate("network.physics.physicsEnabled") is False
    counties = {n for n, a in corpus_view.nodes(data=True) if a["kind"] == "County"}
    assert counties <= drawn  # the most central entities are in the summary
    assert "3001" in page.text_content("#kg-status")
    assert corpus_page.seconds < 10


def test_double_clicking_a_cluster_expands_it(corpus_page):
    page = corpus_page.page
    before = entity_ids(page)
    cluster = page.evaluate(
        "kg.nodes.get().filter(n => n.id.startsWith('kg-cluster:'))"
        ".sort((a, b) => b.size - a.size)[0].id"
    )
    page.mouse.dblclick(*node_point(page, cluster))
    after = entity_ids(page)
    assert before < after and len(after) - len(before) <= 200


def test_search_reveals_a_hidden_entity_and_expands_its_neighbours(corpus_view, corpus_page):
    page = corpus_page.page
    company = BASE + "company/c5-57"
    assert company not in drawn_ids(page)
    page.fill("#kg-search", "测试5县57号公司")
    page.press("#kg-search", "Enter")
    assert company in drawn_ids(page)
    assert page.evaluate("network.getSelectedNodes()") == [company]
    park = BASE + "park/p5-57"
    assert park not in drawn_ids(page)
    page.get_by_role("button", name="展开 1 个邻居 · expand 1 neighbours").click()
    assert park in drawn_ids(page)
    assert corpus_page.errors == []


def test_neighbourhood_of_a_hidden_entity_comes_from_the_full_data(corpus_view, corpus_page):
    page = corpus_page.page
    town = BASE + "division/440700003"
    page.select_option("#kg-hops", "2")
    page.check("#kg-hood")
    page.evaluate("id => kg.selectNode(id)", town)
    assert drawn_ids(page) == ego(corpus_view, town, 2)  # no cluster nodes in this mode


def test_article_filter_is_searchable_and_shows_that_articles_entities(corpus_view, corpus_page):
    page = corpus_page.page
    page.fill("#kg-article-search", "测试12县")
    options = page.locator("#kg-article-matches li")
    assert options.count() == 1 and "测试12县县域经济观察" in options.text_content()
    options.locator("input").check()
    wanted = {n for n, a in corpus_view.nodes(data=True) if "county-12" in a["articles"]}
    assert drawn_ids(page) == wanted
    page.locator("#kg-chosen-articles button").click()
    assert len(drawn_ids(page)) <= BUDGET and any(
        i.startswith("kg-cluster:") for i in drawn_ids(page)
    )


def test_page_with_its_data_in_a_sidecar_loads_offline(small_view, tmp_path, browse):
    path = write_html(small_view, tmp_path / "kg.html", inline_limit=0)
    assert len(list(tmp_path.glob("kg-data.*.js"))) == 1
    visit = browse(path)
    assert visit.errors == [] and visit.external == []
    assert drawn_ids(visit.page) == set(small_view.nodes)
