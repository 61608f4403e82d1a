"""The embedded store: the built graph loaded into pyoxigraph, the one query engine.

rdflib builds the graph (``kg.model``); queries run in pyoxigraph, one to two
orders of magnitude faster than rdflib's engine (bench/sparql.py), and it loads
Turtle some fifteen times faster. Measured here on a generated graph of about
a million triples (2 cores): loading ``kg.ttl`` into an in-memory store takes
3-5 s (a whole ``kg query`` call about 5 s); a persistent (RocksDB) store,
85 MB written in 6.2 s, opens read-only in 0.01-0.02 s, but the named
questions run 1-4x slower in it (median 196 ms against 70 ms: scans and hash
joins cost more there; ``bench/sparql.py --persistent``).

So the default is an in-memory store loaded from the built file: nothing to
keep in step with ``kg.ttl``, and the fastest queries; ``kg serve`` pays the
load once per worker. A persistent store directory is also accepted wherever
a graph file is: ``kg build --store`` writes ``out/kg.oxigraph``
(kg/export/store.py), for corpora so big that loading per command costs more
than slower queries. Opening one older than the ``kg.ttl`` beside it logs a
warning: it holds an earlier build.

One trait of the in-memory store shapes the named queries: a lookup with a
bound subject (``<鹤山市> rdfs:label ?l``) walks every triple of that subject,
so on a hub (a county with thousands of figures and mentions) it took 135 us
against 5 us on a small node (12 us in RocksDB). The queries therefore join
labels and kinds from small tables (subqueries) instead of looking them up
on hub nodes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InputError, UsageError
from kg.model import to_oxigraph

log = logging.getLogger(__name__)

# File suffixes pyoxigraph reads, and the format of each.
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def rdf_format(path: Path) -> ox.RdfFormat:
    """The pyoxigraph format of a graph file, from its suffix; UsageError when unknown.

    >>> rdf_format(Path("out/kg.trig")).name
    'TriG'
    """
    try:
        return RDF_FORMATS[Path(path).suffix.lower()]
    except KeyError:
        known = ", ".join(RDF_FORMATS)
        raise UsageError(
            f"cannot tell the format of {path}; give a file ending in {known}"
        ) from None


def open_store(path: Path) -> ox.Store:
    """The graph at ``path`` as a pyoxigraph store.

    A file is loaded into memory; a directory is opened read-only as a
    persistent Oxigraph store. UsageError when nothing is there, InputError
    when the file does not parse.
    """
    path = Path(path)
    if path.is_dir():
        _warn_if_stale(path)
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise InputError(f"{path} is not an Oxigraph store: {_first_line(err)}") from err
    if not path.is_file():
        raise UsageError(f"no graph at {path}; run `kg build` first or give --graph")
    fmt = rdf_format(path)
    started = time.perf_counter()
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"cannot parse {path}: {_first_line(err)}") from err
    log.info("loaded %s: %d quads in %.2f s", path, len(store), time.perf_counter() - started)
    return store


def _warn_if_stale(store_dir: Path) -> None:
    """A store folder older than the graph files beside it holds an earlier build."""
    for name in ("kg.ttl", "kg.trig"):
        graph = store_dir.parent / name
        if graph.is_file() and graph.stat().st_mtime > store_dir.stat().st_mtime + 1:
            log.warning(
                "%s is older than %s: it holds an earlier build (run kg build --store again)",
                store_dir,
                graph,
            )
            return


def read_quads(path: Path) -> Iterator[ox.Quad]:
    """The quads of an RDF file (triples come in the default graph), parsed lazily."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no graph at {path}; run `kg build` first")
    fmt = rdf_format(path)
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"cannot parse {path}: {_first_line(err)}") from err


def has_named_graphs(store: ox.Store) -> bool:
    """Whether any quad of ``store`` is in a named graph (then queries see their union)."""
    return next(iter(store.named_graphs()), None) is not None


def graph_quads(graph: Graph, name: str | None = None) -> Iterable[ox.Quad]:
    """The triples of an rdflib graph as pyoxigraph quads in graph ``name`` (None: default)."""
    target = ox.DefaultGraph() if name is None else ox.NamedNode(name)
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), target)


def store_from_graph(graph: Graph) -> ox.Store:
    """An in-memory store holding the triples of an rdflib graph (no file in between)."""
    store = ox.Store()
    store.bulk_extend(graph_quads(graph))
    return store


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


__all__ = [
    "RDF_FORMATS",
    "graph_quads",
    "has_named_graphs",
    "open_store",
    "rdf_format",
    "read_quads",
    "store_from_graph",
    "to_oxigraph",
]
