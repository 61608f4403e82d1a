"""The /query page of ``kg serve`` in headless Chromium: named queries, results, hostile text."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from kg.serve import start_server
from kg.sparql import named_queries

pytestmark = [pytest.mark.server, pytest.mark.browser]


@pytest.fixture(scope="module")
def server(seed_out) -> Iterator[str]:
    served = start_server(seed_out / "kg.ttl", port=0, timeout=5, workers=1)
    threading.Thread(target=served.serve_forever, daemon=True).start()
    try:
        yield served.url
    finally:
        served.shutdown()
        served.close()


@pytest.fixture(scope="module")
def page(server, chromium) -> Iterator:
    """The query page open in the session's Chromium (tests/conftest.py)."""
    tab = chromium.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    tab.goto(server + "query")
    tab.wait_for_selector("#queries button")
    tab.errors = errors
    yield tab
    tab.close()


def run(page, text: str) -> None:
    """Type ``text``, press Run and wait for the answer (polling: the page's CSP forbids eval)."""
    page.fill("#editor", text)
    page.click("#run")
    deadline = time.monotonic() + 20
    while page.inner_text("#status") in ("", "running…"):
        assert time.monotonic() < deadline, "no answer within 20 s"
        time.sleep(0.05)


def test_the_named_queries_are_listed_and_run_on_click(page):
    assert page.locator("#queries button").count() == len(named_queries())
    page.click("#queries button:has-text('targets')")
    page.wait_for_selector("#results td")
    assert "鹤山市" in page.inner_text("#results")
    assert "row(s)" in page.inner_text("#status")
    assert page.input_value("#editor").startswith("# ")
    assert not page.errors


def test_text_from_the_graph_is_shown_as_text_never_markup(page):
    hostile = '<img src=x onerror="document.title=1">'
    run(page, 'SELECT ?x WHERE { BIND("<img src=x onerror=\\"document.title=1\\">" AS ?x) }')
    assert page.inner_text("#results td") == hostile
    assert page.locator("#results img").count() == 0
    assert page.title() != "1"


def test_errors_and_refusals_are_shown(page):
    run(page, "SELECT ?x WHERE { ?x ")
    assert "400" in page.inner_text("#status") and "line 1" in page.inner_text("#status")
    run(page, "DROP ALL")
    assert "403" in page.inner_text("#status") and "read-only" in page.inner_text("#status")


def test_a_construct_is_shown_as_turtle(page):
    run(page, "CONSTRUCT WHERE { ?t a kgo:Town } LIMIT 2")
    assert "kgo:Town" in page.inner_text("#results pre")


def test_a_question_asked_of_one_place_takes_its_value_in_a_field(page):
    page.errors.clear()  # the refusals shown by an earlier test log failed loads
    page.click("#queries button:has-text('place-figures')")
    field = page.locator("#param-place")
    assert field.get_attribute("placeholder") == "鹤山市"
    assert "give ?place a value" in page.inner_text("#status")
    field.fill("江门市")
    assert 'VALUES ?place { "江门市"@zh }' in page.input_value("#editor")
    field.press("Enter")
    deadline = time.monotonic() + 20
    while "row(s)" not in page.inner_text("#status"):
        assert time.monotonic() < deadline, "no answer within 20 s"
        time.sleep(0.05)
    places = page.locator("#results tbody tr td:first-child").all_inner_texts()
    assert places and set(places) == {"江门市"}
    field.fill("")
    assert "VALUES" not in page.input_value("#editor")
    assert not page.errors
