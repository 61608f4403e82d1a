"""SPARQL over the built graph: the embedded store, named queries and result formats.

- ``store``: the one place that holds a pyoxigraph store (why in-memory by
  default is said there, with the measurements);
- ``engine``: predeclared prefixes, read-only query runs, named queries;
- ``results``: tables and the SPARQL 1.1 result formats.

``load_graph`` reads a graph file into rdflib, for the commands that need
rdflib's API (validation, the NetworkX view).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import InputError, UsageError
from kg.sparql.engine import (
    PREFIXES,
    Answer,
    NamedQuery,
    canonical_label,
    is_update,
    named_queries,
    named_query,
    parse_binding,
    run_query,
)
from kg.sparql.results import format_answer, media_type, output_format
from kg.sparql.store import open_store


def load_graph(path: Path) -> Graph:
    """Parse a graph file into rdflib (format from its suffix)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no graph at {path}; run `kg build` first or give --graph")
    graph = Graph()
    try:
        graph.parse(path)
    except Exception as err:  # rdflib raises many types; keep its text
        raise InputError(f"cannot parse {path}: {str(err).splitlines()[0]}") from err
    return graph


__all__ = [
    "PREFIXES",
    "Answer",
    "NamedQuery",
    "canonical_label",
    "format_answer",
    "is_update",
    "load_graph",
    "media_type",
    "named_queries",
    "named_query",
    "open_store",
    "output_format",
    "parse_binding",
    "run_query",
]
