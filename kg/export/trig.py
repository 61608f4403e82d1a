"""TriG: one named graph per article and one for the ontology, for ``kg push``.

Each article's graph holds exactly what ``kg.model.article_graph`` made of it,
so a server can replace or retract one article by its graph name (the
article's IRI); the ontology's graph is named by the ontology IRI. Quads are
sorted, so the file is byte-identical on re-runs.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.export.files import write_atomic
from kg.sparql.engine import PREFIXES
from kg.sparql.store import graph_quads


def _order(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def write_trig(
    graph: Graph, view: nx.MultiDiGraph, path: Path, *, named: ox.Store | None = None
) -> Path:
    """TriG of the named graphs in ``named`` (as kg.build makes them); without them,
    of ``graph`` in the default graph."""
    # Instance IRIs stay whole: their paths hold "/", which prefixed names must escape.
    prefixes = {p: iri for p, iri in PREFIXES.items() if p != "kg"}
    quads = sorted(named if named is not None else graph_quads(graph), key=_order)
    return write_atomic(path, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
