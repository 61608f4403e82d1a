"""TriG: one named graph per article and one for the ontology, for ``kg push``.

Each article's graph holds exactly what ``kg.model.article_graph`` made of it,
so a server can replace or retract one article by its graph name (the
article's IRI); the ontology's graph is named by the ontology IRI. Quads are
sorted, so the file is byte-identical on re-runs. The blocks are made with the
parts (``kg.parts.trig_block``), so an unchanged article's is not written again.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.files import write_atomic
from kg.parts import GraphSet


def write_trig(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """TriG of the build's named graphs: the ontology's, then each article's in IRI order,
    each graph's triples sorted (so the file is the same on every build)."""
    return write_atomic(path, graph.trig_chunks())
