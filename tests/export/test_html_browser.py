"""The HTML view in headless Chromium, offline: it draws, clicks, searches and runs no data."""

from __future__ import annotations

import logging

import pytest
from browser_helpers import click_edge, click_node, node_point, wait_until_centred
from html_views import BASE, IMG, SCRIPT, SENTENCES

from kg.export.html import write_html

pytestmark = pytest.mark.browser
log = logging.getLogger(__name__)

PARK = BASE + "park/kai-ping-cui-shan-hu-chan-ye-yuan"
TOWN = BASE + "division/440783109"


@pytest.fixture
def small_page(small_view, tmp_path, browse):
    return browse(write_html(small_view, tmp_path / "kg.html", title="开平县域经济"))


def test_page_loads_offline_and_draws_every_node(small_view, small_page, tmp_path):
    page = small_page.page
    assert small_page.errors == []
    assert small_page.external == []
    drawn = page.evaluate("Object.keys(network.getPositions()).length")
    assert page.evaluate("network.body.data.nodes.length") == drawn == small_view.number_of_nodes()
    assert page.evaluate("document.body.dataset.nodeCount") == str(small_view.number_of_nodes())
    assert page.evaluate("network.physics.physicsEnabled") is False
    assert page.locator("#kg-legend li").count() == len(
        {a["kind"] for _, a in small_view.nodes(data=True)}
    )
    shot = tmp_path / "kg.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert small_page.seconds < 10
    log.info("page loaded and settled in %.2f s; screenshot %s", small_page.seconds, shot)


def test_clicking_a_node_shows_its_sentence_with_the_mention_marked(small_page):
    page = small_page.page
    click_node(page, PARK)
    assert page.evaluate("network.getSelectedNodes()") == [PARK]
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == "开平翠山湖产业园"
    assert SENTENCES[1] in panel.text_content()
    assert panel.locator(".kg-sentence mark").first.text_content() == "开平翠山湖产业园"
    assert "规划面积" in panel.locator("table").text_content()
    assert "2024-03-08" in panel.text_content()
    assert small_page.errors == []


def test_clicking_an_edge_shows_its_sentence(small_page):
    page = small_page.page
    edge_id = page.evaluate(
        "Object.entries(kg.edges.get({returnType: 'Object'}))"
        ".find(([id, e]) => e.label === '批复')[0]"
    )
    click_edge(page, edge_id)
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == "批复"
    assert SENTENCES[2] in panel.text_content()


def test_search_by_short_name_selects_and_focuses_the_town(small_page):
    page = small_page.page
    page.fill("#kg-search", "赤坎")
    assert page.locator("#kg-matches button").first.text_content().startswith("赤坎镇")
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [TOWN]
    wait_until_centred(page, TOWN)
    assert page.locator("#kg-panel h2").text_content() == "赤坎镇"


def test_search_by_pinyin_and_pick_from_the_list(small_page):
    page = small_page.page
    page.fill("#kg-search", "Taicheng")
    page.locator("#kg-matches button").first.click()
    assert page.evaluate("network.getSelectedNodes()") == [BASE + "division/440781001"]
    assert page.locator("#kg-panel .kg-sentence mark").first.text_content() == "台城"


def test_hostile_view_runs_nothing_and_shows_the_text(hostile_view, tmp_path, browse):
    visit = browse(write_html(hostile_view, tmp_path / "kg.html", title=SCRIPT))
    page = visit.page
    for node_id in (BASE + "park/evil", BASE + "company/evil"):
        click_node(page, node_id)
        page.mouse.move(0, 0)
        page.wait_for_timeout(100)
        panel = page.locator("#kg-panel").text_content()
        assert SCRIPT in panel and IMG in panel
    page.fill("#kg-search", "<img")
    assert page.locator("#kg-matches button").count() == 2
    assert IMG in page.locator("#kg-matches").text_content()
    page.fill("#kg-search", "园区<script")
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [BASE + "park/evil"]
    wait_until_centred(page, BASE + "park/evil")  # the node is found where it is drawn
    page.mouse.move(*node_point(page, BASE + "park/evil"), steps=5)
    page.wait_for_selector(".vis-tooltip", state="visible", timeout=5_000)
    assert SCRIPT in page.locator(".vis-tooltip").text_content()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#kg-panel img, #kg-panel script, .vis-tooltip img").count() == 0
    assert page.title() == SCRIPT
    assert visit.external == [] and visit.errors == []


def test_layout_is_the_same_on_every_load(small_view, tmp_path, browse):
    path = write_html(small_view, tmp_path / "kg.html")
    first, second = (browse(path).page.evaluate("network.getPositions()") for _ in range(2))
    assert first == second
