"""Files for other tools, written by ``kg analyse`` beside the graph: GEXF for Gephi and
CSV of nodes and edges (``kg build`` already writes GraphML).

Both carry the measures: PageRank, degree, betweenness, core number and
community of each node. GEXF nodes have their label, class and the class's
colour (``viz:color``, the charts' colours) and a size by PageRank, so Gephi
opens them readable; edges have the predicate as label, its Chinese and
English names, the evidence kind and the article (the sentence is in
``kg-edges.csv``).
"""

from __future__ import annotations

import csv
import io
import re
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


def write_exports(view: nx.MultiDiGraph, a: Analysis, folder: Path) -> list[Path]:
    """``kg-nodes.csv``, ``kg-edges.csv`` and ``kg.gexf`` in ``folder``."""
    nodes, edges = node_rows(view, a), edge_rows(view)
    return [
        write_atomic(folder / "kg-nodes.csv", _csv(nodes, NODE_COLUMNS)),
        write_atomic(folder / "kg-edges.csv", _csv(edges, EDGE_COLUMNS)),
        write_gexf(view, a, folder / "kg.gexf", rows=(nodes, edges)),
    ]


NODE_TYPES = {
    "figures": "integer",
    "pagerank": "double",
    "degree": "integer",
    "betweenness": "double",
    "core": "integer",
    "community": "integer",
}


def write_gexf(
    view: nx.MultiDiGraph, a: Analysis, path: Path, rows: tuple[list, list] | None = None
) -> Path:
    """``kg.gexf`` (GEXF 1.2): the entity network with measures, labels, classes, colours.

    Written as text, line by line: networkx's writer builds an ElementTree of the
    whole graph first and took 29 s at 8,400 nodes on this (loaded) machine.
    """
    kinds = kinds_of(view)
    nodes, edges = rows or (node_rows(view, a), edge_rows(view))
    top = max(a.pagerank.values(), default=1.0) or 1.0
    node_columns = [c for c in NODE_COLUMNS if c not in ("iri", "label")]
    # sentences stay in kg-edges.csv: in GEXF they made two thirds of a 189 MB file
    edge_columns = [c for c in EDGE_COLUMNS if c not in ("source", "target", "sentence")]
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"'
        ' version="1.2">',
        "<meta><creator>kg analyse</creator></meta>",
        '<graph defaultedgetype="directed" mode="static">',
        '<attributes class="node" mode="static">',
    ]
    out += [
        f'<attribute id="n{i}" title="{c}" type="{NODE_TYPES.get(c, "string")}"/>'
        for i, c in enumerate(node_columns)
    ]
    out += ["</attributes>", '<attributes class="edge" mode="static">']
    out += [f'<attribute id="e{i}" title="{c}" type="string"/>' for i, c in enumerate(edge_columns)]
    out += ["</attributes>", "<nodes>"]
    for row in nodes:
        colour = colour_of(row["class"], kinds).lstrip("#")
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        size = round(4 + 26 * (a.pagerank.get(row["iri"], 0.0) / top) ** 0.5, 3)
        values = _attvalues("n", row, node_columns)
        out.append(
            f"<node id={_attr(row['iri'])} label={_attr(row['label'])}><attvalues>{values}"
            f'</attvalues><viz:size value="{size}"/><viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>'
            "</node>"
        )
    out += ["</nodes>", "<edges>"]
    for number, row in enumerate(edges):
        values = _attvalues("e", row, edge_columns)
        out.append(
            f'<edge id="{number}" source={_attr(row["source"])} target={_attr(row["target"])} '
            f"label={_attr(row['predicate'])}><attvalues>{values}</attvalues></edge>"
        )
    out += ["</edges>", "</graph>", "</gexf>"]
    return write_atomic(path, "\n".join(out) + "\n")


# One str.translate does what quoteattr and the character filter did in five passes.
_ESCAPE = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
           ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;"}  # fmt: skip
_ESCAPE |= {c: "\ufffd" for c in [*range(0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
            if c not in (0x9, 0xA, 0xD)}  # fmt: skip


def _attvalues(prefix: str, row: dict, columns) -> str:
    """The GEXF attribute values of ``row`` (its columns numbered as declared), None left out."""
    return "".join(
        f'<attvalue for="{prefix}{i}" value={_attr(row[c])}/>'
        for i, c in enumerate(columns)
        if row[c] is not None
    )


def _attr(value: object) -> str:
    """An XML attribute value, quoted."""
    if isinstance(value, int | float):
        return f'"{value}"'
    return '"' + str(value).translate(_ESCAPE) + '"'


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value: object) -> object:
    """Strings without the characters XML 1.0 cannot hold (U+FFFD instead)."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value
