"""A query worker process: ``python -m kg.serve.worker FD GRAPH LIMIT [ENDPOINT...]``.

It loads the graph, says so over the socket ``FD`` (a multiprocessing
Connection), then answers QueryRequests with Replies until the socket closes.
Started by ``kg.serve.pool`` as a plain subprocess rather than through
multiprocessing, so it never re-imports the program that started the server.
"""

from __future__ import annotations

import logging
import signal
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KgError
from kg.serve.protocol import answer, text_reply
from kg.sparql.store import open_store

log = logging.getLogger(__name__)


def worker_main(
    graph: str, limit: int, conn: Connection, allow_service: tuple[str, ...] = ()
) -> None:
    """Load the graph, say so, then answer requests from ``conn`` until it closes
    (SERVICE clauses only to the ``allow_service`` endpoints)."""
    try:
        store = open_store(Path(graph))
    except KgError as err:
        conn.send(("failed", str(err)))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, request, limit, allow_service)
        except Exception as err:  # a bug must not take the worker down silently
            log.exception("query failed")
            reply = text_reply(500, f"query failed: {type(err).__name__}: {err}")
        conn.send(reply)


if __name__ == "__main__":
    # Ctrl-C in the terminal reaches the whole process group; the server stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    fd, graph_path, result_limit, *endpoints = sys.argv[1:]
    worker_main(graph_path, int(result_limit), Connection(int(fd)), tuple(endpoints))
