"""Helpers for the analysis tests."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

SEED = Path(__file__).resolve().parents[2] / "data" / "articles" / "heshan-2023-11-16.txt"


def by_label(view: nx.MultiDiGraph, label: str) -> str:
    """The IRI of the node whose label is ``label``."""
    return next(n for n, a in view.nodes(data=True) if a["label"] == label)
