"""Fixtures for the SPARQL tests: the seed built once per session, and a real Oxigraph server.

Everything that reaches the graph through SPARQL is tested here: the embedded
store (kg.sparql), the named queries, ``kg serve`` and ``kg push``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.sparql import open_store

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


def free_port() -> int:
    """A localhost port that nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary the PyPI package installs; fails when it is missing."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("no oxigraph binary: pip install oxigraph (it is in the dev extras)")
    return found


@pytest.fixture
def oxigraph_server(tmp_path) -> Iterator[str]:
    """Base URL of a real Oxigraph server on a free port, queries over the union of graphs."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(tmp_path / "store"),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(10)


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"oxigraph serve exited: {server.stderr.read().decode()[:500]}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer at {url} within 20 s")
