"""Fixtures shared by every test folder: one headless Chromium for the whole session.

Playwright's sync API allows one running instance per thread, so every browser
test (the graph page, the query page, the report) shares this one, and `browse` opens
a page offline, recording any request that tries to leave it. Property tests run with
a fixed seed and no per-example deadline (a loaded CI machine made a first
pypinyin call miss hypothesis's 200 ms).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

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


class Visit:
    """A page opened from file:// with every other request aborted and recorded."""

    def __init__(self, page, external: list[str], errors: list[str], seconds: float):
        self.page = page
        self.external = external
        self.errors = errors
        self.seconds = seconds


@pytest.fixture
def browse(chromium) -> Iterator:
    """Return ``open(path) -> Visit``: load a page offline and wait until its layout settles."""
    contexts = []

    def open_page(path: Path) -> Visit:
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        external: list[str] = []
        errors: list[str] = []

        def guard(route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        page.on("request", lambda r: None if r.url.startswith("file:") else external.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        return Visit(page, external, errors, time.perf_counter() - started)

    yield open_page
    for context in contexts:
        context.close()
