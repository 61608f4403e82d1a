"""Query workers: each a process holding the store, killed when a query runs too long.

A pyoxigraph query cannot be interrupted from another thread, so every query
runs in a worker process (``kg.serve.worker``) that has loaded the graph
itself. The server hands a query to an idle worker and waits at most the time
limit; a worker that has not answered by then is killed and a fresh one is
started in the background, while the other workers keep answering. Workers
are plain subprocesses talking over a socket pair: multiprocessing's ``spawn``
would re-import the program that started the server, and ``fork`` would copy
a threaded server's held locks into the child.
"""

from __future__ import annotations

import logging
import queue
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import InputError, KgError
from kg.serve.protocol import QueryRequest, Reply, text_reply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Worker:
    """One worker process and the server's end of its socket."""

    process: subprocess.Popen
    conn: Connection

    def stop(self) -> None:
        """Kill the process (a query in it cannot be cancelled otherwise) and reap it."""
        self.process.kill()
        self.process.wait()
        self.conn.close()


class QueryPool:
    """Worker processes answering queries under a time limit and a result limit."""

    def __init__(
        self,
        graph: Path,
        *,
        size: int = 2,
        timeout: float = 10.0,
        limit: int = 10000,
        allow_service: tuple[str, ...] = (),
    ):
        self.graph, self.size, self.timeout, self.limit = Path(graph), size, timeout, limit
        self.allow_service = tuple(allow_service)
        self.triples = 0
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> QueryPool:
        """Start the workers and wait until each has loaded the graph; InputError if one cannot."""
        launched = [self._launch() for _ in range(self.size)]
        try:
            for worker in launched:
                self._idle.put(self._await(worker))
        except KgError:
            for worker in launched:
                worker.stop()
            raise
        return self

    def _launch(self) -> Worker:
        ours, theirs = socket.socketpair()
        with theirs:
            command = [sys.executable, "-m", "kg.serve.worker", str(theirs.fileno()),
                       str(self.graph), str(self.limit), *self.allow_service]  # fmt: skip
            process = subprocess.Popen(
                command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL
            )
        return Worker(process, Connection(ours.detach()))

    def _await(self, worker: Worker) -> Worker:
        """``worker`` once it has loaded the graph; InputError when it could not."""
        try:
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            status, detail = "failed", f"the worker for {self.graph} died while loading it"
        if status != "ready":
            worker.stop()
            raise InputError(detail)
        self.triples = detail
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: Worker) -> None:
        """Stop ``worker`` and start a fresh one in the background."""
        worker.stop()
        with self._lock:
            self._all.discard(worker)

        def respawn() -> None:
            try:
                fresh = self._await(self._launch())
            except KgError as err:
                log.error("cannot restart a query worker: %s", err)
                return
            if self._closed:
                fresh.stop()
            else:
                self._idle.put(fresh)

        threading.Thread(target=respawn, name="kg-respawn", daemon=True).start()

    def run(self, request: QueryRequest) -> Reply:
        """The reply to ``request``; 503 when it passes the time limit or no worker frees up.

        Waiting for an idle worker and running the query are each bounded by the limit.
        """
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            busy = f"all {self.size} query workers stayed busy for {self.timeout:g} s"
            return text_reply(503, busy + "; retry later")
        try:
            worker.conn.send(request)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as err:
            log.error("a query worker died: %s", err)
            self._replace(worker)
            return text_reply(500, "the query worker died (out of memory?); it is being restarted")
        self._replace(worker)
        log.warning("stopped a query after %.1f s: %.200s", self.timeout, request.text)
        return text_reply(
            503,
            f"query stopped: it ran past the {self.timeout:g} s time limit "
            "(kg serve --timeout sets it); narrow it down or add LIMIT",
        )

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


__all__ = ["QueryPool", "Worker"]
