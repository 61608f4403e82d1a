"""Fixtures for the HTML export tests: the hand-made views (the offline page opener,
``browse``, is in tests/conftest.py)."""

from __future__ import annotations

import networkx as nx
import pytest
from html_views import build_hostile_view, build_small_view


@pytest.fixture
def small_view() -> nx.MultiDiGraph:
    return build_small_view()


@pytest.fixture
def hostile_view() -> nx.MultiDiGraph:
    return build_hostile_view()
