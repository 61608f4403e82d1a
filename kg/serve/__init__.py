"""``kg serve``: a local, read-only SPARQL 1.1 Protocol endpoint and the browser pages.

- ``/sparql``: queries by GET (``?query=``) or POST (``application/sparql-query``
  body, or form-encoded ``query=``); answers in JSON, XML, CSV, TSV (SELECT,
  ASK) or Turtle, N-Triples, RDF/XML, JSON-LD (CONSTRUCT, DESCRIBE), chosen by
  the Accept header or a ``format`` parameter. Updates get 403.
- ``/query``: a query page (editor, the named queries, a results table);
  ``/queries``: the named queries as JSON.
- ``/``: the graph page written by ``kg build`` (``kg.html`` beside the graph).

Queries run in worker processes (``kg.serve.pool``) under a time limit and a
result limit. The standard library's HTTP server is enough for a local
endpoint, with a listen backlog and a fixed pool of connection threads sized
for a few dozen clients (a backlog of 5 dropped connections under 20 clients
and cost a 1 s retransmit: p99 1,015 ms), a timeout on idle connections and
slow bodies, and a Host check: a page on another site that rebinds its own
name to 127.0.0.1 sends its own name as Host and gets 400. It binds to
127.0.0.1 unless told otherwise; SERVICE clauses are refused (kg.sparql.federation).
"""

from __future__ import annotations

import json
import logging
import queue
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import UsageError
from kg.serve.pool import QueryPool
from kg.serve.protocol import Reply, parse_request, text_reply
from kg.sparql.engine import named_queries

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # a query larger than 1 MB is a mistake or an attack
BACKLOG = 128  # connections the kernel holds while every thread is busy
THREADS = 32  # connection threads: 20 keep-alive clients and room for browsers' extra sockets
QUEUED = 256  # accepted connections waiting for a thread; past that they are closed
IDLE_TIMEOUT = 10.0  # seconds a connection may sit idle or dribble a request
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
_SIDECAR = re.compile(r"/kg-data\.[0-9a-f]{12}\.js")
# A client that goes away mid-answer is routine, not an error worth a traceback.
_DISCONNECTS = (ConnectionError, TimeoutError)
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
ASSETS = {
    "/query": ("query.html", "text/html; charset=utf-8"),
    "/query.js": ("query.js", "text/javascript; charset=utf-8"),
    "/query.css": ("query.css", "text/css; charset=utf-8"),
}


class SparqlServer(HTTPServer):
    """The HTTP server with its query pool, its connection threads and the pages it serves."""

    request_queue_size = BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        pool: QueryPool,
        page: Path | None,
        origin: str,
        *,
        threads: int = THREADS,
        idle_timeout: float = IDLE_TIMEOUT,
    ):
        super().__init__(address, SparqlHandler)
        self.pool, self.page, self.allow_origin = pool, page, origin
        self.idle_timeout = idle_timeout
        self.hosts = frozenset(LOCAL_NAMES) | {address[0].lower()}
        self._pending: queue.Queue = queue.Queue(maxsize=QUEUED)
        self._threads = threads
        for n in range(threads):
            threading.Thread(target=self._connections, name=f"kg-http-{n}", daemon=True).start()

    @property
    def url(self) -> str:
        """The base URL the server answers on."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def process_request(self, request, client_address) -> None:
        """Hand the connection to a thread of the pool (closed when too many wait)."""
        try:
            self._pending.put_nowait((request, client_address))
        except queue.Full:
            log.warning("%d connections waiting; closed one from %s", QUEUED, client_address[0])
            self.shutdown_request(request)

    def _connections(self) -> None:
        while (item := self._pending.get()) is not None:
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 - one connection must not stop the thread
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        """One log line instead of the stdlib's traceback; nothing for a client gone away."""
        import sys

        err = sys.exc_info()[1]
        if isinstance(err, _DISCONNECTS):
            log.info("client %s went away: %s", client_address[0], type(err).__name__)
        else:
            log.error("request from %s failed: %s: %s", client_address[0], type(err).__name__, err)

    def close(self) -> None:
        """Stop answering, the connection threads and the workers."""
        self.server_close()
        for _ in range(self._threads):
            try:
                self._pending.put_nowait(None)  # each thread ends when it reaches one
            except queue.Full:  # daemon threads: they end with the process
                break
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    """Routes requests to the endpoint, the query page and the graph page."""

    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        """Time out idle connections and slow requests (socket timeout, read per call)."""
        self.timeout = self.server.idle_timeout
        super().setup()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        log.info("%s %s", self.address_string(), format % args)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the stdlib answers itself (bad request line, 414, 501) as one line of text."""
        self.close_connection = True
        phrase = message or HTTPStatus(code).phrase
        self._send(text_reply(code, f"{code} {phrase}".replace("\n", " ")))

    def _host_refused(self) -> bool:
        """Whether the Host header names another site (DNS rebinding); answers 400 if so."""
        host = self.headers.get("Host")
        if host is None:
            return False  # not a browser: HTTP/1.0 clients may omit it
        name = host.strip().lower()
        name = name.rsplit(":", 1)[0] if not name.endswith("]") else name
        if name in self.server.hosts:
            return False
        self.close_connection = True
        self._send(text_reply(400, f"Host {host[:100]!r} is not this server; use 127.0.0.1"))
        return True

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        if self._host_refused():
            return
        path = urlsplit(self.path).path
        if path == "/sparql":
            self._sparql(b"")
        elif path in ("/", "/kg.html"):
            self._graph_page()
        elif _SIDECAR.fullmatch(path) and self.server.page is not None:
            self._served_file(self.server.page.with_name(path[1:]), "text/javascript")
        elif path in ASSETS:
            self._asset(*ASSETS[path])
        elif path == "/favicon.ico":  # browsers ask; an empty answer keeps their consoles clean
            self._send(Reply(204, "image/x-icon", b""))
        elif path == "/queries":
            listing = [vars(q) for q in named_queries().values()]
            body = json.dumps(listing, ensure_ascii=False).encode("utf-8")
            self._send(Reply(200, "application/json", body))
        else:
            self._send(text_reply(404, f"nothing at {path}; try /query, /sparql or /"))

    do_HEAD = do_GET  # noqa: N815 (stdlib name)

    def do_POST(self) -> None:  # noqa: N802 (stdlib name)
        if self._host_refused():
            return
        if urlsplit(self.path).path != "/sparql":
            self._send(text_reply(404, "POST queries to /sparql"))
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(text_reply(411, "a POST needs a Content-Length"))
            return
        if int(length) > MAX_BODY:
            self.close_connection = True
            self._send(text_reply(413, f"a query may be at most {MAX_BODY} bytes"))
            return
        try:
            body = self.rfile.read(int(length))
        except TimeoutError:
            body = b""
        if len(body) < int(length):
            self.close_connection = True
            self._send(text_reply(408, f"the body stopped short of its Content-Length ({length})"))
            return
        self._sparql(body)

    def do_OPTIONS(self) -> None:  # noqa: N802 (stdlib name)
        if self._host_refused():
            return
        self._send(Reply(204, "text/plain", b"", (("Allow", "GET, POST, OPTIONS"),)))

    def _sparql(self, body: bytes) -> None:
        parts = urlsplit(self.path)
        request = parse_request(
            self.command,
            parts.query,
            self.headers.get("Content-Type"),
            body,
            self.headers.get("Accept"),
        )
        self._send(request if isinstance(request, Reply) else self.server.pool.run(request))

    def _graph_page(self) -> None:
        page = self.server.page
        if page is None or not page.is_file():
            self._send(text_reply(404, f"no graph page at {page}; run `kg build` (or see /query)"))
            return
        self._served_file(page, "text/html; charset=utf-8")

    def _served_file(self, path: Path, content_type: str) -> None:
        """The file at ``path`` if it is one inside the graph's folder (symlinks resolved)."""
        folder = self.server.page.parent.resolve()
        try:
            real = path.resolve(strict=True)
            inside = real.is_relative_to(folder) and real.is_file()
            body = real.read_bytes() if inside else b""
        except OSError:
            inside = False
        if not inside:
            self._send(text_reply(404, f"nothing at {urlsplit(self.path).path}"))
            return
        self._send(Reply(200, content_type, body))

    def _asset(self, name: str, content_type: str) -> None:
        body = resources.files("kg.serve").joinpath("assets", name).read_bytes()
        self._send(Reply(200, content_type, body, (("Content-Security-Policy", PAGE_POLICY),)))

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if self.server.allow_origin:
            self.send_header("Access-Control-Allow-Origin", self.server.allow_origin)
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Expose-Headers", "X-Kg-Truncated, X-Kg-Result-Limit")
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)


def start_server(
    graph: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8877,  # not a triple store's default (tests/sparql/test_serve_formats.py)
    timeout: float = 10.0,
    limit: int = 10000,
    workers: int = 2,
    page: Path | None = None,
    allow_origin: str = "",
    allow_service: tuple[str, ...] = (),
    idle_timeout: float = IDLE_TIMEOUT,
) -> SparqlServer:
    """A server bound to ``host:port`` whose workers have loaded ``graph``; call serve_forever.

    ``page`` defaults to ``kg.html`` beside the graph. UsageError for bad limits or a
    port that is taken, InputError when the graph cannot be read.
    """
    if timeout <= 0 or limit <= 0 or workers <= 0:
        raise UsageError("--timeout, --limit and --workers must be positive")
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port: give 1-65535 (0: any free port)")
    graph = Path(graph)
    pool = QueryPool(
        graph, size=workers, timeout=timeout, limit=limit, allow_service=allow_service
    ).start()
    try:
        server = SparqlServer(
            (host, port),
            pool,
            page or graph.parent / "kg.html",
            allow_origin,
            idle_timeout=idle_timeout,
        )
    except (OSError, OverflowError) as err:
        pool.close()
        raise UsageError(
            f"cannot listen on {host}:{port}: {getattr(err, 'strerror', None) or err}; "
            "try another --port or --host"
        ) from err
    log.info("serving %s (%d triples) at %s", graph, pool.triples, server.url)
    return server


__all__ = ["SparqlHandler", "SparqlServer", "start_server"]
