"""``kg push``: send the built graph to a SPARQL server, one named graph per article.

The SPARQL 1.1 Graph Store HTTP Protocol does it: ``PUT {store}?graph=G``
replaces graph G, so pushing again replaces rather than duplicates. When the
server has no Graph Store endpoint (404, 405, 415, 501), SPARQL Update does the
same: ``DROP SILENT GRAPH <G>`` then ``INSERT DATA`` in chunks. The graphs come
from ``out/kg.trig`` as ``kg build`` writes it: each article's graph is named by
the article's IRI, the ontology's by the ontology IRI; ``--graph PREFIX`` names
them ``PREFIX article/{id}`` and ``PREFIX ontology`` instead.

Credentials, when the server wants them, come from KG_PUSH_USER and
KG_PUSH_PASSWORD (HTTP basic, or digest when the server asks for it, as
Virtuoso's ``-auth`` endpoints do). Only the standard library speaks HTTP here.
"""

from __future__ import annotations

import logging
import os
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox

from kg.errors import RemoteError, UsageError
from kg.sparql.engine import PREFIXES
from kg.sparql.store import read_quads
from kg.vocab import ONTOLOGY_IRI

log = logging.getLogger(__name__)

# Store type -> (Graph Store path, Update path, Query path) under the endpoint URL.
STORE_TYPES = {
    "oxigraph": ("store", "update", "query"),
    "fuseki": ("data", "update", "sparql"),
    "virtuoso": ("sparql-graph-crud-auth", "sparql-auth", "sparql"),
    "generic": ("", "", ""),
}
GSP_MISSING = {404, 405, 415, 501}  # statuses that say "no Graph Store Protocol here"
INSERT_CHUNK = 20000  # triples per INSERT DATA request
USER_VARIABLE, PASSWORD_VARIABLE = "KG_PUSH_USER", "KG_PUSH_PASSWORD"


@dataclass(frozen=True)
class Target:
    """Where to send graphs: the Graph Store URL, the Update URL and the Query URL."""

    graph_store: str
    update: str
    query: str


@dataclass(frozen=True)
class PushReport:
    """What was sent: (graph name, triples) per graph, how, and how long it took."""

    graphs: tuple[tuple[str, int], ...]
    method: str  # "graph store" or "update"
    seconds: float
    target: Target

    @property
    def triples(self) -> int:
        """Triples sent, over all graphs."""
        return sum(count for _, count in self.graphs)


def target(endpoint: str, store_type: str = "generic", update: str | None = None) -> Target:
    """The URLs for ``endpoint`` on a server of ``store_type``.

    For a known server type the endpoint is the server's (or dataset's) base URL;
    for ``generic`` it is the Graph Store URL itself, and ``update`` the Update URL.

    >>> target("http://localhost:3030/kg", "fuseki").graph_store
    'http://localhost:3030/kg/data'
    """
    if store_type not in STORE_TYPES:
        known = ", ".join(STORE_TYPES)
        raise UsageError(f"unknown store type {store_type!r}; known: {known}")
    if not endpoint.startswith(("http://", "https://")):
        raise UsageError(f"the endpoint must be an http(s) URL, got {endpoint!r}")
    base = endpoint.rstrip("/")
    store, update_path, query_path = STORE_TYPES[store_type]
    if store_type == "generic":
        return Target(endpoint, update or endpoint, endpoint)
    return Target(f"{base}/{store}", update or f"{base}/{update_path}", f"{base}/{query_path}")


def graph_name(name: str, prefix: str | None) -> str:
    """The name a graph gets on the server: as in the file, or under ``prefix``.

    >>> graph_name("https://kg.example.org/id/article/kaiping-1", "https://data.example.org/kg/")
    'https://data.example.org/kg/article/kaiping-1'
    """
    if prefix is None:
        return name
    if name == str(ONTOLOGY_IRI):
        return prefix + "ontology"
    at = name.rfind("/article/")
    return prefix + (name[at + 1 :] if at >= 0 else quote(name, safe=""))


def read_graphs(path: Path, prefix: str | None = None) -> dict[str | None, list[ox.Triple]]:
    """Triples by graph name (None for the default graph) from a TriG/N-Quads/Turtle file."""
    graphs: dict[str | None, list[ox.Triple]] = defaultdict(list)
    for quad in read_quads(path):
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        if name is None and prefix is not None:
            name = prefix + "default"
        graphs[name if name is None else graph_name(name, prefix)].append(quad.triple)
    return dict(graphs)


def _opener(url: str, credentials: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, url, *credentials)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    )


def credentials_from(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(user, password) from KG_PUSH_USER and KG_PUSH_PASSWORD, or None when unset."""
    user, password = environ.get(USER_VARIABLE), environ.get(PASSWORD_VARIABLE)
    if not user:
        return None
    return user, password or ""


Send = Callable[[str, str, bytes, str], int]


def http_sender(opener: urllib.request.OpenerDirector, timeout: float) -> Send:
    """A function sending one request and returning its status; RemoteError when unreachable."""

    def send(method: str, url: str, body: bytes, content_type: str) -> int:
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Content-Type", content_type)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as err:
            detail = " ".join(err.read().decode("utf-8", "replace").split())[:200]
            if err.code in GSP_MISSING:
                return err.code
            if err.code in (401, 403):
                raise RemoteError(
                    f"{url} refused the push ({err.code}): set {USER_VARIABLE} and "
                    f"{PASSWORD_VARIABLE} to an account that may write. {detail}"
                ) from err
            raise RemoteError(f"{url} answered {err.code}: {detail or err.reason}") from err
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise RemoteError(f"cannot reach {url}: {reason}; is the server running?") from err

    return send


def _gsp_url(store: str, name: str | None) -> str:
    joiner = "&" if "?" in store else "?"
    return store + joiner + ("default" if name is None else urlencode({"graph": name}))


def _put(send: Send, store: str, name: str | None, triples: list[ox.Triple]) -> bool:
    """Replace one graph over the Graph Store Protocol; False when the server has none."""
    prefixes = {p: iri for p, iri in PREFIXES.items() if p != "kg"}
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    status = send("PUT", _gsp_url(store, name), body, "text/turtle; charset=utf-8")
    return status not in GSP_MISSING


def _update(send: Send, url: str, name: str | None, triples: list[ox.Triple]) -> None:
    """Replace one graph with SPARQL Update: DROP SILENT, then INSERT DATA in chunks."""
    graph = "DEFAULT" if name is None else f"GRAPH <{name}>"
    for start in range(0, max(len(triples), 1), INSERT_CHUNK):
        chunk = triples[start : start + INSERT_CHUNK]
        data = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        inner = data if name is None else f"GRAPH <{name}> {{\n{data}}}"
        text = f"INSERT DATA {{\n{inner}}}" if chunk else ""
        if start == 0:
            text = f"DROP SILENT {graph} ;\n{text}" if text else f"DROP SILENT {graph}"
        status = send("POST", url, text.encode("utf-8"), "application/sparql-update")
        if status in GSP_MISSING:
            raise RemoteError(f"{url} takes no SPARQL Update ({status}); check --endpoint")


def push(
    path: Path,
    endpoint: str,
    *,
    store_type: str = "generic",
    prefix: str | None = None,
    update_endpoint: str | None = None,
    credentials: tuple[str, str] | None = None,
    timeout: float = 300.0,
    send: Send | None = None,
) -> PushReport:
    """Send every graph of the file at ``path`` to the server; see the module docstring."""
    where = target(endpoint, store_type, update_endpoint)
    graphs = read_graphs(Path(path), prefix)
    send = send or http_sender(_opener(where.graph_store, credentials), timeout)
    started, method = time.perf_counter(), "graph store"
    ordered = sorted(graphs.items(), key=_key)
    for done, (name, triples) in enumerate(ordered):
        try:
            if method == "graph store" and not _put(send, where.graph_store, name, triples):
                log.info("no Graph Store Protocol at %s: using SPARQL Update", where.graph_store)
                method = "update"
            if method == "update":
                _update(send, where.update, name, triples)
        except RemoteError as err:
            if done:  # say what the server now holds: each graph is replaced whole
                raise RemoteError(
                    f"{err} ({done} of {len(ordered)} graphs were pushed before this; "
                    "pushing again replaces them, so it is safe to repeat)"
                ) from err
            raise
        log.info("pushed %s (%d triples)", name or "the default graph", len(triples))
    counts = tuple((name or "default", len(t)) for name, t in sorted(graphs.items(), key=_key))
    return PushReport(counts, method, time.perf_counter() - started, where)


def _key(item: tuple[str | None, list]) -> str:
    return item[0] or ""


def push_from_environment(path: Path, endpoint: str, **options: object) -> PushReport:
    """``push`` with credentials from KG_PUSH_USER / KG_PUSH_PASSWORD."""
    return push(path, endpoint, credentials=credentials_from(os.environ), **options)


__all__ = [
    "STORE_TYPES",
    "PushReport",
    "Target",
    "credentials_from",
    "graph_name",
    "http_sender",
    "push",
    "push_from_environment",
    "read_graphs",
    "target",
]
