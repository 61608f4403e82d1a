"""The report opens offline in Debian's headless Chromium with every chart drawn."""

from __future__ import annotations

import pytest

from kg.analyse.commands import analyse_and_write

pytestmark = pytest.mark.browser


def test_report_opens_offline_with_its_charts_drawn(seed_view, chromium, tmp_path):
    analyse_and_write(seed_view, tmp_path)
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    external, errors = [], []

    def guard(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((tmp_path / "report" / "index.html").resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    images = page.evaluate(
        "[...document.images].map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])"
    )
    assert len(images) == 6
    assert all(done and width > 100 for _, done, width in images), images
    assert page.locator("h2").count() >= 6
    assert (
        "鹤山市" in page.locator("table").first.text_content()
        or page.locator("text=鹤山市").count()
    )
    assert external == [] and errors == []
    context.close()
