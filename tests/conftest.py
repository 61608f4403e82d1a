"""Fixtures shared by every test folder: one headless Chromium for the whole session.

Playwright's sync API allows one running instance per thread, so every browser
test (the graph page, the query page) shares this one. Property tests run with
a fixed seed and no per-example deadline (a loaded CI machine made a first
pypinyin call miss hypothesis's 200 ms).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from kg.export.chromium import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, chromium_path

settings.register_profile("kg", derandomize=True, deadline=None)
settings.load_profile("kg")


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """Debian's headless Chromium driven by Playwright; fails (never skips) when it is missing."""
    executable = chromium_path()
    if executable is None:
        pytest.fail(f"browser tests need Chromium at {CHROMIUM}: {INSTALL_HINT}")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as err:
        pytest.fail(f"browser tests need Playwright for Python: pip install -e '.[dev]' ({err})")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, args=list(CHROMIUM_ARGS)
            )
        except Error as err:
            pytest.fail(f"Chromium at {executable} did not start ({err}): {INSTALL_HINT}")
        yield browser
        browser.close()
