"""Helpers for the analysis tests."""

from __future__ import annotations

import networkx as nx


def by_label(view: nx.MultiDiGraph, label: str) -> str:
    """The IRI of the node whose label is ``label``."""
    return next(n for n, a in view.nodes(data=True) if a["label"] == label)
