"""The seed article built once for the analysis tests: its output folder and its view."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from analyse_helpers import SEED

from kg.analyse import to_networkx
from kg.build import build


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "out"
    build([SEED], out)
    return out


@pytest.fixture(scope="session")
def seed_view(seed_out) -> nx.MultiDiGraph:
    return to_networkx(ox.parse(path=str(seed_out / "kg.ttl")))
