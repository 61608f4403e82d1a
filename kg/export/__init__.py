"""Exporters by name: each is a function ``(graph, view, path) -> Path``.

An exporter may also take keyword-only options (the HTML page takes
``view_budget``); ``run_exporter`` passes each exporter the options it names,
so exporters without options keep the three-argument signature.
``get_exporter("ttll")`` fails with the list of known names, as rdflib's
plugin registry does.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.errors import UsageError
from kg.export.files import write_atomic
from kg.export.store import write_store
from kg.export.summary import VIEW_BUDGET
from kg.export.trig import write_trig
from kg.parts import GraphSet

Exporter = Callable[[GraphSet, nx.MultiDiGraph, Path], Path]


def write_turtle(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """Turtle of the union of the build's graphs: ontology, instances and provenance,
    graph by graph (the ontology's, then each article's in IRI order), each graph's
    triples sorted, so the file is the same on every build.

    It is joined from the TriG blocks each part made when it was minted
    (``kg.parts.GraphSet.turtle_chunks``), so a rebuild writes one changed
    article's triples, not the whole union again. A thing several articles
    name is stated in each of their graphs: a subject may have several
    statements, which Turtle allows; the file parses to the union (tested).
    pyoxigraph writes the blocks: rdflib's writer turns ``"344"^^xsd:decimal``
    into the shorthand ``344.0``, another term than the one kg.trig, the store
    and the servers hold.
    """
    return write_atomic(path, graph.turtle_chunks())


def write_jsonld(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """JSON-LD (expanded form) of the same graphs as kg.ttl, in the same order: one array
    of node objects joined from each part's block (a node several articles name has an
    object in each; a JSON-LD reader merges them by ``@id``).

    pyoxigraph writes the blocks, so the file is the same byte for byte on
    every build of the same inputs (rdflib's writer orders nodes by hash).
    """
    return write_atomic(path, graph.jsonld_chunks())


def write_graphml(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """GraphML of the entity network for Gephi and yEd (scalar attributes only)."""
    flat = nx.MultiDiGraph()
    for node, data in view.nodes(data=True):
        scalars = {k: _xml_safe(v) for k, v in data.items() if isinstance(v, str | int | float)}
        flat.add_node(node, **scalars)
    for u, v, key, data in view.edges(keys=True, data=True):
        flat.add_edge(
            u, v, key=key, **{k: _xml_safe(x) for k, x in data.items() if isinstance(x, str)}
        )
    lines = "\n".join(nx.generate_graphml(flat)) + "\n"
    for mark in (_CR_MARK, _CR_MARK.replace("\ue000", "&#57344;")):  # as is, or escaped
        lines = lines.replace(mark, "&#13;")
    return write_atomic(path, lines)


# networkx's writer turns CR into LF (as XML readers would); a character reference
# survives both, so CRs are marked before writing and the marks replaced after.
_CR_MARK = "\ue000kg-cr\ue000"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: object) -> object:
    """``value`` with CRs marked and the characters XML 1.0 cannot hold replaced by U+FFFD."""
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub("\ufffd", value).replace("\r", _CR_MARK)


def write_html_page(
    graph: GraphSet, view: nx.MultiDiGraph, path: Path, *, view_budget: int = VIEW_BUDGET
) -> Path:
    """The offline browser page (pyvis's vis-network), a summary past ``view_budget`` nodes."""
    from kg.export.html import write_html

    return write_html(view, path, title="kg", budget=view_budget)


EXPORTERS: dict[str, tuple[str, Exporter]] = {
    "ttl": ("kg.ttl", write_turtle),
    "jsonld": ("kg.jsonld", write_jsonld),
    "graphml": ("kg.graphml", write_graphml),
    "html": ("kg.html", write_html_page),
    "trig": ("kg.trig", write_trig),
    "oxigraph": ("kg.oxigraph", write_store),  # a folder; only with kg build --store
}


def get_exporter(name: str) -> tuple[str, Exporter]:
    """(file name, exporter) for ``name``."""
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(EXPORTERS)
        raise UsageError(f"unknown exporter {name!r}; known: {known}") from None


def run_exporter(
    exporter: Exporter, graph: GraphSet, view: nx.MultiDiGraph, path: Path, **options: object
) -> Path:
    """Run ``exporter``, passing it those of ``options`` it takes as keyword-only parameters."""
    params = inspect.signature(exporter).parameters
    wanted = {
        name: value
        for name, value in options.items()
        if name in params and params[name].kind is inspect.Parameter.KEYWORD_ONLY
    }
    return exporter(graph, view, path, **wanted)
