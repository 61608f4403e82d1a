"""``kg serve``: a local, read-only SPARQL 1.1 Protocol endpoint and the browser pages.

- ``/sparql``: queries by GET (``?query=``) or POST (``application/sparql-query``
  body, or form-encoded ``query=``); answers in JSON, XML, CSV, TSV (SELECT,
  ASK) or Turtle, N-Triples, RDF/XML, JSON-LD (CONSTRUCT, DESCRIBE), chosen by
  the Accept header or a ``format`` parameter. Updates get 403.
- ``/query``: a query page (editor, the named queries, a results table);
  ``/queries``: the named queries as JSON.
- ``/``: the graph page written by ``kg build`` (``kg.html`` beside the graph).

Queries run in worker processes (``kg.serve.pool``) under a time limit and a
result limit. The standard library's threading HTTP server is enough for a
local endpoint; it binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import UsageError
from kg.serve.pool import QueryPool
from kg.serve.protocol import Reply, parse_request, text_reply
from kg.sparql.engine import named_queries

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # a query larger than 1 MB is a mistake or an attack
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
ASSETS = {
    "/query": ("query.html", "text/html; charset=utf-8"),
    "/query.js": ("query.js", "text/javascript; charset=utf-8"),
    "/query.css": ("query.css", "text/css; charset=utf-8"),
}


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server with its query pool and the pages it serves."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], pool: QueryPool, page: Path | None, origin: str):
        super().__init__(address, SparqlHandler)
        self.pool, self.page, self.allow_origin = pool, page, origin

    @property
    def url(self) -> str:
        """The base URL the server answers on."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        """Stop answering and stop the workers."""
        self.server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    """Routes requests to the endpoint, the query page and the graph page."""

    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        path = urlsplit(self.path).path
        if path == "/sparql":
            self._sparql(b"")
        elif path in ("/", "/kg.html"):
            self._graph_page()
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
        self._sparql(self.rfile.read(int(length)))

    def do_OPTIONS(self) -> None:  # noqa: N802 (stdlib name)
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
        self._send(Reply(200, "text/html; charset=utf-8", page.read_bytes()))

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
) -> SparqlServer:
    """A server bound to ``host:port`` whose workers have loaded ``graph``; call serve_forever.

    ``page`` defaults to ``kg.html`` beside the graph. UsageError for bad limits or a
    port that is taken, InputError when the graph cannot be read.
    """
    if timeout <= 0 or limit <= 0 or workers <= 0:
        raise UsageError("--timeout, --limit and --workers must be positive")
    graph = Path(graph)
    pool = QueryPool(graph, size=workers, timeout=timeout, limit=limit).start()
    try:
        server = SparqlServer((host, port), pool, page or graph.parent / "kg.html", allow_origin)
    except OSError as err:
        pool.close()
        raise UsageError(
            f"cannot listen on {host}:{port}: {err.strerror}; try another --port"
        ) from err
    log.info("serving %s (%d triples) at %s", graph, pool.triples, server.url)
    return server


__all__ = ["SparqlHandler", "SparqlServer", "start_server"]
