"""Analysis of the built graph in NetworkX: the view, its measures, paths and the report.

- ``view``: ``to_networkx``, the documented projection of the RDF graph onto a
  ``MultiDiGraph`` (entities as nodes, relations as edges, figures and sources
  as attributes; optionally sentences and articles as nodes);
- ``measures``: degree, PageRank, betweenness, components, k-core,
  communities and summaries per class, county and article;
- ``paths``: entities by name, shortest relation paths with their evidence,
  neighbourhoods (``kg path``, ``kg neighbours``);
- ``charts``, ``report``, ``exports``: what ``kg analyse`` writes (the report
  folder, GEXF, CSV); ``commands``: the bodies of the three commands.
"""

from __future__ import annotations

from kg.analyse.measures import (
    Analysis,
    GraphMetrics,
    analyse,
    betweenness,
    communities,
    component_sizes,
    core_numbers,
    county_of,
    leiden_communities,
    metrics,
    simple_projection,
    with_centrality,
)
from kg.analyse.view import to_networkx

__all__ = [
    "Analysis",
    "GraphMetrics",
    "analyse",
    "betweenness",
    "component_sizes",
    "core_numbers",
    "county_of",
    "leiden_communities",
    "communities",
    "metrics",
    "simple_projection",
    "to_networkx",
    "with_centrality",
]
