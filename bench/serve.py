"""Benchmark of ``kg serve`` under concurrent clients; prints latency percentiles.

    .venv/bin/python bench/serve.py [--clients 20] [--requests 500] [--workers 2] [--graph G]

Builds the seed (data/articles) into a temporary folder unless ``--graph`` is
given, starts the real ``kg serve`` in a subprocess, and sends ``--requests``
requests of the named queries (in turn, unbound) from ``--clients`` threads at
once, each client on its own connection (a fresh one per request, as browsers
and most SPARQL clients without keep-alive do, which is what fills the listen
backlog). Prints p50/p95/p99 and the worst latency, and any non-200 answers.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from kg.build import build
from kg.sparql import named_queries

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(graph: Path, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph),
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"kg serve did not start: {process.communicate()[1].decode()}")


def one(port: int, query: str) -> tuple[float, int]:
    """(seconds, status) of one request on a fresh connection."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", "/sparql?" + urlencode({"query": query}),
                     headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        response = conn.getresponse()
        response.read()
        status = response.status
    finally:
        conn.close()
    return time.perf_counter() - started, status


def run(port: int, clients: int, requests: int) -> list[tuple[float, int]]:
    """Latencies and statuses of ``requests`` requests from ``clients`` threads."""
    queries = [q.text for q in named_queries().values()]
    jobs = list(range(requests))
    lock = threading.Lock()
    results: list[tuple[float, int]] = []

    def client() -> None:
        while True:
            with lock:
                if not jobs:
                    return
                n = jobs.pop()
            outcome = one(port, queries[n % len(queries)])
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--graph", type=Path, help="a built kg.ttl (default: build the seed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        graph = args.graph
        if graph is None:
            build([ROOT / "data" / "articles"], Path(folder))
            graph = Path(folder) / "kg.ttl"
        port = free_port()
        server = start(graph, port, args.workers)
        try:
            run(port, args.clients, 40)  # warm the workers
            started = time.perf_counter()
            results = run(port, args.clients, args.requests)
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
    ms = [seconds * 1000 for seconds, _ in results]
    bad = [status for _, status in results if status != 200]
    print(
        f"kg serve, {args.requests} named queries from {args.clients} clients "
        f"({args.workers} workers): p50 {percentile(ms, 0.5):.0f} ms, "
        f"p95 {percentile(ms, 0.95):.0f} ms, p99 {percentile(ms, 0.99):.0f} ms, "
        f"max {max(ms):.0f} ms, mean {statistics.mean(ms):.0f} ms; "
        f"{args.requests / wall:.0f} requests/s; {len(bad)} not 200 {sorted(set(bad))}"
    )


if __name__ == "__main__":
    main()
