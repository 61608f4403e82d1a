"""Fixtures for the SPARQL tests: the seed built once per session, real Oxigraph and Virtuoso.

Everything that reaches the graph through SPARQL is tested here: the embedded
store (kg.sparql), the named queries, ``kg serve`` and ``kg push``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import Server, free_port, start, stop

from kg.build import build
from kg.sparql import open_store

__all__ = ["free_port"]  # tests import it from here

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles"
# A second article, of our own writing, that shares places with the seed (江门市, 广东省).
SECOND = ROOT / "tests" / "articles" / "xinhui-2024-01-18.txt"


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """An output folder holding the seed's build (kg.ttl, kg.trig, kg.html, ...)."""
    out = tmp_path_factory.mktemp("seed-build")
    build([SEED], out)
    return out


@pytest.fixture(scope="session")
def seed_store(seed_out) -> ox.Store:
    return open_store(seed_out / "kg.ttl")


@pytest.fixture(scope="session")
def two_out(tmp_path_factory) -> Path:
    """The seed and a second article built together."""
    out = tmp_path_factory.mktemp("two-build")
    build([SEED, SECOND], out)
    return out


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory) -> Iterator[Server]:
    """A real Oxigraph server, started once per session by the README's commands."""
    server, process = start("oxigraph", tmp_path_factory.mktemp("oxigraph"))
    try:
        yield server
    finally:
        stop(process)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Iterator[Server]:
    """A real Virtuoso (Debian's virtuoso-opensource), started once per session by the
    README's commands: a new database, account dba/dba. Fails (never skips) without it."""
    server, process = start("virtuoso", tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        stop(process)


@pytest.fixture
def oxigraph_server(oxigraph) -> str:
    """Base URL of the session's Oxigraph server, emptied of what earlier tests pushed;
    it queries over the union of its graphs."""
    oxigraph.clear()
    return oxigraph.endpoint


@pytest.fixture
def virtuoso_server(virtuoso) -> Server:
    """The session's Virtuoso, emptied of what earlier tests pushed."""
    virtuoso.clear()
    return virtuoso
