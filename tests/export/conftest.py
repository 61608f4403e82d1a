"""Fixtures for the HTML export tests: the hand-made views and an offline Chromium."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from html_views import build_hostile_view, build_small_view


@pytest.fixture
def small_view() -> nx.MultiDiGraph:
    return build_small_view()


@pytest.fixture
def hostile_view() -> nx.MultiDiGraph:
    return build_hostile_view()


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
