"""The report opens offline in Debian's headless Chromium with every chart drawn."""

from __future__ import annotations

import pytest

from kg.analyse.commands import analyse_and_write

pytestmark = pytest.mark.browser


def test_report_opens_offline_with_its_charts_drawn(seed_view, browse, tmp_path):
    analyse_and_write(seed_view, tmp_path)
    visit = browse(tmp_path / "report" / "index.html")
    page = visit.page
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
    assert visit.external == [] and visit.errors == []
