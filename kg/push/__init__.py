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
Virtuoso's ``-auth`` endpoints do); ``kg.push.http`` keeps them working across
requests. Only the standard library speaks HTTP here.

A push that fails says in one line what the server now holds: which graphs
went, which did not, and that pushing again is safe (each graph is replaced
whole, so a repeat neither duplicates nor leaves a half-written graph behind).
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox

from kg.errors import RemoteError, UsageError
from kg.push.http import GSP_MISSING, PASSWORD_VARIABLE, USER_VARIABLE, Client, Send
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
# Triples per INSERT DATA request. Virtuoso 7.2 turns each request into SQL, about
# seven lines a triple, and refuses more than 10,000 lines: 1,420 of the seed's
# triples went in one request, 1,430 did not. Half of that leaves room for triples
# that cost more; tests/sparql/test_push_servers.py sends the seed through it.
INSERT_CHUNK = 500


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


def credentials_from(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(user, password) from KG_PUSH_USER and KG_PUSH_PASSWORD, or None when unset."""
    user, password = environ.get(USER_VARIABLE), environ.get(PASSWORD_VARIABLE)
    if not user:
        return None
    return user, password or ""


def _gsp_url(store: str, name: str | None) -> str:
    joiner = "&" if "?" in store else "?"
    return store + joiner + ("default" if name is None else urlencode({"graph": name}))


def _put(send: Send, store: str, name: str | None, triples: list[ox.Triple]) -> bool:
    """Replace one graph over the Graph Store Protocol; False when the server has none."""
    prefixes = {p: iri for p, iri in PREFIXES.items() if p != "kg"}
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    status = send("PUT", _gsp_url(store, name), body, "text/turtle; charset=utf-8")
    return status not in GSP_MISSING


def chunks(triples: list[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """``triples`` in runs of ``size``; those naming blank nodes all in the first run.

    Blank node labels are scoped to one Update request, so a blank node split
    across two requests would become two nodes.

    >>> p, b = ox.NamedNode("http://e/p"), ox.BlankNode("b")
    >>> t = [ox.Triple(ox.NamedNode(f"http://e/{i}"), p, b if i < 3 else p) for i in range(8)]
    >>> [len(c) for c in chunks(t, 2)], [len(c) for c in chunks([], 2)]
    ([3, 2, 2, 1], [0])
    """
    blank = [t for t in triples if _has_blank(t)]
    plain = [t for t in triples if not _has_blank(t)]
    first = max(size - len(blank), 0)
    yield blank + plain[:first]
    for start in range(first, len(plain), size):
        yield plain[start : start + size]


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _update(send: Send, url: str, name: str | None, triples: list[ox.Triple]) -> int:
    """Replace one graph with SPARQL Update: DROP SILENT, then INSERT DATA in chunks.

    Returns the triples sent; a RemoteError raised midway carries how many in ``sent``.
    """
    graph = "DEFAULT" if name is None else f"GRAPH <{name}>"
    sent = 0
    for chunk in chunks(triples, INSERT_CHUNK):
        data = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        inner = data if name is None else f"GRAPH <{name}> {{\n{data}}}"
        text = f"INSERT DATA {{\n{inner}}}" if chunk else ""
        if not sent:
            text = f"DROP SILENT {graph} ;\n{text}" if text else f"DROP SILENT {graph}"
        try:
            status = send("POST", url, text.encode("utf-8"), "application/sparql-update")
        except RemoteError as err:
            err.sent = sent
            raise
        if status in GSP_MISSING:
            raise RemoteError(f"{url} takes no SPARQL Update ({status}); check --endpoint")
        sent += len(chunk)
    return sent


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
    ordered = sorted(read_graphs(Path(path), prefix).items(), key=_key)
    send = send or Client(credentials, timeout).send
    started, method = time.perf_counter(), "graph store"
    for done, (name, triples) in enumerate(ordered):
        try:
            if method == "graph store" and not _put(send, where.graph_store, name, triples):
                log.info("no Graph Store Protocol at %s: using SPARQL Update", where.graph_store)
                method = "update"
            if method == "update":
                _update(send, where.update, name, triples)
        except RemoteError as err:
            raise RemoteError(_stopped(str(err), ordered, done, getattr(err, "sent", 0))) from err
        log.info("pushed %s (%d triples)", name or "the default graph", len(triples))
    counts = tuple((name or "default", len(t)) for name, t in ordered)
    return PushReport(counts, method, time.perf_counter() - started, where)


def _stopped(cause: str, ordered: list, done: int, sent: int) -> str:
    """One line: why the push stopped, which graphs the server has, and that repeating is safe."""
    name, triples = ordered[done]
    failed = f"<{name}>" if name else "the default graph"
    partly = f" ({sent} of its {len(triples)} triples went)" if sent else ""
    rest = len(ordered) - done - 1
    after = f" nor the {rest} after it" if rest else ""
    pushed = f"{done} of {len(ordered)} graphs were pushed" if done else "no graph was pushed"
    return (
        f"{cause.rstrip('. ')}; {pushed}, not {failed}{partly}{after}; pushing again "
        "replaces each graph whole, so it is safe to repeat"
    )


def _key(item: tuple[str | None, list]) -> str:
    return item[0] or ""


def push_from_environment(path: Path, endpoint: str, **options: object) -> PushReport:
    """``push`` with credentials from KG_PUSH_USER / KG_PUSH_PASSWORD."""
    return push(path, endpoint, credentials=credentials_from(os.environ), **options)


__all__ = [
    "STORE_TYPES",
    "PushReport",
    "Target",
    "chunks",
    "credentials_from",
    "graph_name",
    "push",
    "push_from_environment",
    "read_graphs",
    "target",
]
