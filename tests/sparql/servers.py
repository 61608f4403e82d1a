"""Real SPARQL servers for the tests, started by the README's own commands on free ports.

The README gives, for Oxigraph server and Virtuoso, a shell block that starts
the server with its database in the current folder and pushes to it. Here
each block is read from the README, its ports swapped for free ones, and run
as written: the set-up lines in bash, the server line (the one ending in
``&``) as a child process, the ``kg push`` line by ``test_push_servers``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kg.push.http import Client

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
# The README block of each server (found by its first line) and the ports it uses.
BLOCKS = {
    "oxigraph": ("# Oxigraph server", ("7878",)),
    "virtuoso": ("# Virtuoso", ("8891", "1112")),
}
INSTALL = {
    "oxigraph": "pip install oxigraph (it is in kg's dev extras: make test installs it)",
    "virtuoso": "apt-get install virtuoso-opensource (.ci/run installs it)",
}
# Graph names the tests push; clearing a server drops these and nothing else.
TEST_GRAPHS = ("https://kg.example.org/", "https://data.example.org/", "http://example.org/")


def free_port() -> int:
    """A localhost port that nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Recipe:
    """A README block split into what it does: set-up shell, the server command, the push."""

    setup: str
    server: str
    push: str


def readme_block(name: str) -> str:
    """The shell block of the README that starts the server ``name``."""
    first = BLOCKS[name][0]
    text = README.read_text(encoding="utf-8")
    for block in text.split("```sh")[1:]:
        body = textwrap.dedent(block.split("```")[0]).strip()
        if body.startswith(first):
            return body
    raise AssertionError(f"README has no ```sh block starting {first!r}")


def recipe(name: str, ports: tuple[int, ...]) -> Recipe:
    """The README block for ``name`` with its ports replaced by ``ports``."""
    text = readme_block(name)
    for written, port in zip(BLOCKS[name][1], ports, strict=True):
        assert written in text, f"README's {name} block no longer uses port {written}"
        text = text.replace(written, str(port))
    lines = [ln.strip() for ln in text.replace("\\\n", " ").splitlines()]
    commands = [ln for ln in lines if ln and not ln.startswith("#")]
    servers = [c for c in commands if c.endswith("&")]
    pushes = [c for c in commands if " kg push " in f" {c} "]
    setup = [c for c in commands if c not in servers and c not in pushes]
    assert len(servers) == 1 and len(pushes) == 1, f"README's {name} block: {commands}"
    return Recipe("\n".join(setup), servers[0].rstrip("&").strip(), pushes[0])


def environment() -> dict[str, str]:
    """The environment the README assumes: kg's venv first on PATH."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


@dataclass(frozen=True)
class Server:
    """A running server: how to push to it and query it, and how it was started."""

    name: str
    endpoint: str
    query_url: str
    store_type: str
    credentials: tuple[str, str] | None
    recipe: Recipe
    folder: Path
    started_in: float  # seconds from launch until it answered

    def update(self, text: str) -> None:
        """Run a SPARQL Update on the server."""
        update = {"oxigraph": "/update", "virtuoso": "/sparql-auth"}[self.name]
        Client(self.credentials, 60).send(
            "POST", self.endpoint + update, text.encode(), "application/sparql-update"
        )

    def clear(self) -> None:
        """Drop the graphs the tests push, so each test starts from an empty store."""
        found = select(self, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in found:
            graph = row["g"]["value"]
            if graph.startswith(TEST_GRAPHS):
                self.update(f"DROP SILENT GRAPH <{graph}>")


def select(server: Server, text: str) -> list[dict]:
    """The SPARQL JSON bindings of a SELECT on the server's query URL (POST, form-encoded)."""
    import json

    body = urlencode({"query": text}).encode()
    request = urllib.request.Request(server.query_url, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Accept", "application/sparql-results+json")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read().decode("utf-8"))["results"]["bindings"]


def start(name: str, folder: Path) -> tuple[Server, subprocess.Popen]:
    """Start the server ``name`` in ``folder`` by the README's commands; fail when it cannot."""
    binary = {"oxigraph": "oxigraph", "virtuoso": "virtuoso-t"}[name]
    if shutil.which(binary, path=environment()["PATH"]) is None:
        pytest.fail(f"no {binary} on PATH: {INSTALL[name]}")
    ports = tuple(free_port() for _ in BLOCKS[name][1])
    steps = recipe(name, ports)
    env = environment()
    if steps.setup:
        subprocess.run(["bash", "-euc", steps.setup], cwd=folder, env=env, check=True)
    log = (folder / f"{name}.log").open("wb")
    started = time.monotonic()
    process = subprocess.Popen(
        ["bash", "-c", f"exec {steps.server}"], cwd=folder, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{ports[0]}"
    query = base + {"oxigraph": "/query", "virtuoso": "/sparql"}[name]
    _wait_until_up(name, query, process, folder / f"{name}.log", deadline=180)
    credentials = ("dba", "dba") if name == "virtuoso" else None
    server = Server(name, base, query, name, credentials, steps, folder, time.monotonic() - started)
    return server, process


def _wait_until_up(name: str, query: str, process: subprocess.Popen, log: Path, deadline: float):
    ends = time.monotonic() + deadline
    while time.monotonic() < ends:
        if process.poll() is not None:
            pytest.fail(f"{name} exited at start: {log.read_text(errors='replace')[-800:]}")
        try:
            with urllib.request.urlopen(f"{query}?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"{name} did not answer at {query} within {deadline} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by ``start``: politely, then for sure."""
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
