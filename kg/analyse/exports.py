"""Files for other tools, written by ``kg analyse`` beside the graph: GEXF for Gephi and
CSV of nodes and edges (``kg build`` already writes GraphML).

Both carry the measures: PageRank, degree, betweenness, core number and
community of each node. GEXF nodes have their label, class and the class's
colour (``viz:color``, the charts' colours) and a size by PageRank, so Gephi
opens them readable; edges have the predicate as label and the first
sentence behind them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from kg.analyse.charts import colour_of
from kg.analyse.measures import Analysis
from kg.analyse.report import kinds_of, write_atomic

NODE_COLUMNS = (
    "iri",
    "label",
    "label_en",
    "class",
    "code",
    "parents",
    "figures",
    "pagerank",
    "degree",
    "betweenness",
    "core",
    "community",
)
EDGE_COLUMNS = (
    "source",
    "target",
    "predicate",
    "label_zh",
    "label_en",
    "evidence",
    "sentence",
    "article",
)


def node_rows(view: nx.MultiDiGraph, a: Analysis) -> list[dict]:
    """One row per entity with its measures, in the view's order."""
    community = {n: i for i, c in enumerate(a.communities, 1) for n in c}
    return [
        {
            "iri": n,
            "label": d.get("label"),
            "label_en": d.get("label_en"),
            "class": d.get("kind"),
            "code": d.get("code"),
            "parents": " < ".join(d.get("parents", ())),
            "figures": len(d.get("quantities", ())),
            "pagerank": round(a.pagerank.get(n, 0.0), 8),
            "degree": a.degree.get(n, 0),
            "betweenness": round(a.betweenness.get(n, 0.0), 8),
            "core": a.core.get(n, 0),
            "community": community.get(n),
        }
        for n, d in view.nodes(data=True)
    ]


def edge_rows(view: nx.MultiDiGraph) -> list[dict]:
    """One row per relation, with its first source."""
    return [
        {
            "source": u,
            "target": v,
            "predicate": k,
            "label_zh": d.get("label_zh"),
            "label_en": d.get("label_en"),
            "evidence": d.get("source"),
            "sentence": d.get("sentence"),
            "article": d.get("article"),
        }
        for u, v, k, d in view.edges(keys=True, data=True)
    ]


def _csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_csvs(view: nx.MultiDiGraph, a: Analysis, folder: Path) -> list[Path]:
    """``kg-nodes.csv`` and ``kg-edges.csv`` in ``folder``."""
    return [
        write_atomic(folder / "kg-nodes.csv", _csv(node_rows(view, a), NODE_COLUMNS)),
        write_atomic(folder / "kg-edges.csv", _csv(edge_rows(view), EDGE_COLUMNS)),
    ]


def gexf_graph(view: nx.MultiDiGraph, a: Analysis) -> nx.MultiDiGraph:
    """The view with scalar attributes only, colours and sizes, as GEXF wants it."""
    kinds = kinds_of(view)
    flat = nx.MultiDiGraph()
    top = max(a.pagerank.values(), default=1.0) or 1.0
    for row in node_rows(view, a):
        node = row.pop("iri")
        colour = colour_of(row["class"], kinds).lstrip("#")
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        attrs = {k: _xml(v) for k, v in row.items() if v is not None}
        attrs["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": round(4 + 26 * (a.pagerank.get(node, 0.0) / top) ** 0.5, 3),
        }
        flat.add_node(node, **attrs)
    for row in edge_rows(view):
        u, v, key = row.pop("source"), row.pop("target"), row["predicate"]
        attrs = {k: _xml(x) for k, x in row.items() if x is not None}
        flat.add_edge(u, v, key=key, label=key, **attrs)
    return flat


def write_gexf(view: nx.MultiDiGraph, a: Analysis, path: Path) -> Path:
    """``kg.gexf``: the entity network with measures, labels, classes and colours."""
    text = "\n".join(nx.generate_gexf(gexf_graph(view, a))) + "\n"
    return write_atomic(path, text)


def _xml(value: object) -> object:
    """Strings without the characters XML 1.0 cannot hold."""
    if not isinstance(value, str):
        return value
    return "".join(
        c
        if c in "\t\n\r"
        or (" " <= c <= "\ud7ff")
        or ("\ue000" <= c <= "\ufffd")
        or c >= "\U00010000"
        else "\ufffd"
        for c in value
    )
