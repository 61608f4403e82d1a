"""The data the browser page carries: every node and edge of the view, in compact columns.

The page draws only part of a big view, but it can expand any neighbourhood,
so it holds the whole view. Columns (one list per attribute) and shared tables
(classes, predicates, articles, sentences, each written once and referred to
by index) keep that small: a sentence that names ten entities is stored once.
Node ``i`` is the ``i``-th most central entity (PageRank), so "most central
first" is "lowest index first" in the page.

Shape (all lists are parallel by node or edge index)::

    {"format": 1, "mode": "full"|"summary", "physics": bool, "budget": int,
     "base": IRI prefix shared by the node IRIs,
     "kinds": [[class, legend label, colour]], "predicates": [[local name, zh, en]],
     "articles": [[id, title, date]], "sentences": [[text, article index]],
     "strings": [units, measures, periods and mentions, each once],
     "nodes": {"iri": [IRI without base], "label", "en", "kind": [kinds index],
               "size", "code", "parents": [[labels]], "articles": [[article index]],
               "sources": [[sentence index (mention = label) | [sentence index]
                            (no mention) | [sentence index, mention string index]]],
               "figures": [[[value, unit, measure, period (string indices or -1),
                             sentence index]]],
               "x", "y" (null when the browser lays out), "cluster" (summary only)},
     "edges": {"from", "to" (node indices), "predicate", "sentence" (index or -1)},
     "clusters": {"label", "x", "y"}, "initial": [node indices drawn at start]}
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import networkx as nx

from kg.export.summary import ClusterKey, ViewPlan, plan_view

# kind -> (legend label, colour). Divisions go dark blue to pale green as the level drops.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Province": ("省 Province", "#0b3c8c"),
    "Prefecture": ("地级市 Prefecture", "#2166ac"),
    "County": ("县级 County", "#4393c3"),
    "Town": ("镇 Town", "#1b9e77"),
    "Subdistrict": ("街道 Subdistrict", "#66c2a4"),
    "Village": ("村 Village", "#a6dba0"),
    "AdministrativeDivision": ("行政区 Division", "#6b8fb3"),
    "Region": ("区域 Region", "#17becf"),
    "Park": ("园区 Park", "#ff7f0e"),
    "Company": ("企业 Company", "#d62728"),
    "GovernmentBody": ("机关 Government body", "#6a3d9a"),
    "Organization": ("组织 Organization", "#e377c2"),
    "Project": ("项目 Project", "#8c564b"),
    "Road": ("道路 Road", "#7f7f7f"),
    "Programme": ("计划 Programme", "#bcbd22"),
    "Event": ("活动 Event", "#f0c000"),
    "Person": ("人物 Person", "#c51b7d"),
    "NaturalFeature": ("自然地物 Natural feature", "#2c7fb8"),
    "River": ("河流 River", "#41b6c4"),
    "Reservoir": ("水库 Reservoir", "#1d91c0"),
    "Lake": ("湖泊 Lake", "#7fcdbb"),
    "Mountain": ("山岭 Mountain", "#8c6d31"),
    "Place": ("地点 Place", "#9e9ac8"),
    "ScenicArea": ("景区 Scenic area", "#74c476"),
    "HeritageSite": ("古迹 Heritage site", "#bd9e39"),
    "Station": ("站场 Station", "#637939"),
    "Port": ("港口 Port", "#3182bd"),
    "Venue": ("场馆 Venue", "#d6616b"),
    "Designation": ("称号 Designation", "#e7ba52"),
    "Report": ("报告 Report", "#7b4173"),
    "Product": ("产品 Product", "#e6550d"),
}
OTHER_STYLE = ("其他 Other", "#bdbdbd")
SIZE_MIN, SIZE_MAX, SIZE_PLAIN = 10.0, 40.0, 16.0
FORMAT = 1


class _Table:
    """Values written once and referred to by their index, in first-seen order."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.rows: list = []

    def ref(self, key: Any, row: Any = None) -> int:
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append(key if row is None else row)
        return self.index[key]


def page_data(view: nx.MultiDiGraph, budget: int) -> dict:
    """Return the page's data for ``view``, drawing at most ``budget`` nodes at start."""
    plan = plan_view(view, budget)
    kinds = _kinds(view)
    tables = _Tables(_articles(view))
    data = {
        "format": FORMAT,
        "mode": plan.mode,
        "physics": plan.physics,
        "budget": budget,
        "base": _common_base(plan.order),
        "kinds": [[kind, label, colour] for kind, (label, colour) in kinds.items()],
        "articles": [list(row) for row in tables.articles.rows],
        "nodes": _node_columns(view, plan, list(kinds), tables),
    }
    data["edges"], data["predicates"] = _edge_columns(view, plan, tables)
    data["sentences"] = tables.sentences.rows
    data["strings"] = tables.strings.rows
    data["clusters"] = _cluster_columns(view, plan)
    data["initial"] = sorted(i for i, n in enumerate(plan.order) if n in plan.drawn)
    return data


def number_text(value: Any) -> str:
    """Return a number (or a numeric string) as people write it: no trailing ``.0``, no exponent.

    >>> number_text(209.0), number_text(Decimal("3.20")), number_text("4455.0")
    ('209', '3.2', '4455')
    >>> number_text(None), number_text("约5"), number_text(Decimal("1E+3"))
    ('', '约5', '1000')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        exact = Decimal(str(value).strip())
    except InvalidOperation:
        return str(value)
    if not exact.is_finite():
        return str(value)
    return f"{exact.normalize():f}"


def node_label(node_id: Any, attrs: dict) -> str:
    """Return the node's Chinese label, or the last segment of its IRI.

    >>> node_label("https://kg.example.org/id/park/x", {})
    'x'
    """
    return str(attrs.get("label") or str(node_id).rstrip("/").rsplit("/", 1)[-1])


def _common_base(iris: Iterable[str]) -> str:
    """Return the longest prefix ending in ``/`` that every IRI shares.

    >>> _common_base(["https://a.org/id/park/x", "https://a.org/id/division/1"])
    'https://a.org/id/'
    >>> _common_base(["x", "https://a.org/y"])
    ''
    """
    prefix = os.path.commonprefix([str(i) for i in iris])
    return prefix[: prefix.rfind("/") + 1]


def _kinds(view: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """The classes present, in palette order, then "Other" for classes without a colour."""
    present = {a.get("kind") or "" for _, a in view.nodes(data=True)}
    kinds = {k: style for k, style in CLASS_STYLE.items() if k in present}
    if present - CLASS_STYLE.keys():
        kinds["Other"] = OTHER_STYLE
    return kinds


def _articles(view: nx.MultiDiGraph) -> _Table:
    """Articles named by any sentence, ordered by date then id, as (id, title, date)."""
    found: dict[str, tuple] = {}
    for _, attrs in view.nodes(data=True):
        for s in attrs.get("sentences") or []:
            if s.get("article") is not None:
                found.setdefault(str(s["article"]), (s.get("title"), _text(s.get("date"))))
        for q in attrs.get("quantities") or []:
            if q.get("article") is not None:
                found.setdefault(str(q["article"]), (None, None))
    for *_, attrs in view.edges(data=True):
        if attrs.get("article") is not None:
            found.setdefault(str(attrs["article"]), (None, None))
    table = _Table()
    for ident in sorted(found, key=lambda a: (str(found[a][1] or ""), a)):
        table.ref(ident, (ident, found[ident][0], found[ident][1]))
    return table


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class _Tables:
    """The shared tables: articles, sentences (text, article) and repeated strings."""

    def __init__(self, articles: _Table) -> None:
        self.articles = articles
        self.sentences = _Table()
        self.strings = _Table()

    def sentence(self, text: Any, article: Any) -> int:
        """Index of the sentence, or -1 when there is none."""
        if text is None:
            return -1
        where = self.articles.index.get(str(article), -1) if article is not None else -1
        return self.sentences.ref((str(text), where), [str(text), where])

    def string(self, value: Any) -> int:
        """Index of a repeated string (unit, measure, period, mention), or -1 for None."""
        return -1 if value is None else self.strings.ref(str(value))


_NODE_COLUMNS = ("iri", "label", "en", "kind", "size", "code", "parents", "articles")


def _node_columns(
    view: nx.MultiDiGraph, plan: ViewPlan, kinds: list[str], tables: _Tables
) -> dict[str, list]:
    """Return the node columns in rank order (see the module docstring)."""
    sizes = _node_sizes(view)
    kind_index = {k: i for i, k in enumerate(kinds)}
    base = len(_common_base(plan.order))
    columns: dict[str, list] = {name: [] for name in (*_NODE_COLUMNS, "sources", "figures")}
    known = tables.articles.index
    for node in plan.order:
        attrs = view.nodes[node]
        label = node_label(node, attrs)
        kind = attrs.get("kind") or ""
        row = (
            str(node)[base:],
            label,
            _text(attrs.get("label_en")),
            kind_index.get(kind, kind_index.get("Other", 0)),
            sizes[node],
            _text(attrs.get("code")),
            [str(p) for p in attrs.get("parents") or []],
            sorted({known[a] for a in map(str, attrs.get("articles") or []) if a in known}),
        )
        for name, value in zip(_NODE_COLUMNS, row, strict=True):
            columns[name].append(value)
        columns["sources"].append(_sources(attrs.get("sentences") or [], label, tables))
        columns["figures"].append([_figure_row(q, tables) for q in attrs.get("quantities") or []])
    positioned = bool(plan.positions)
    columns["x"] = [plan.positions[n][0] for n in plan.order] if positioned else None
    columns["y"] = [plan.positions[n][1] for n in plan.order] if positioned else None
    columns["cluster"] = [plan.cluster_of[n] for n in plan.order] if plan.clusters else None
    return columns


def _sources(sentences: list[dict], label: str, tables: _Tables) -> list:
    """Return the node's sentence references, short where the mention is the label.

    A reference is the sentence index when the mention is the label, ``[index]``
    when there is no mention, ``[index, string index]`` otherwise.
    """
    found: list = []
    for s in sentences:
        if s.get("text") is None:
            continue
        index, mention = tables.sentence(s["text"], s.get("article")), s.get("mention")
        if mention == label:
            found.append(index)
        else:
            found.append([index] if mention is None else [index, tables.string(mention)])
    return found


def _figure_row(quantity: dict, tables: _Tables) -> list:
    """Return one row of the figures table; the period shows its expression and dates."""
    value = number_text(quantity.get("value"))
    if quantity.get("qualifier"):
        value = f"{quantity['qualifier']} {value}"
    period = quantity.get("period") or ""
    start, end = quantity.get("start"), quantity.get("end")
    if start or end:
        span = start if start == end else f"{start or '…'} – {end or '…'}"
        period = f"{period} ({span})" if period else str(span)
    return [
        value,
        tables.string(quantity.get("unit")),
        tables.string(quantity.get("measure")),
        tables.string(period or None),
        tables.sentence(quantity.get("sentence"), quantity.get("article")),
    ]


def _node_sizes(view: nx.MultiDiGraph) -> dict[Any, float]:
    """Return a dot size per node: the square root of ``centrality``'s share of its range.

    The square root keeps a corpus's long tail apart from the floor while the
    few hubs (the county, the prefecture) stay the biggest.
    """
    scores = {
        n: float(a["centrality"])
        for n, a in view.nodes(data=True)
        if a.get("centrality") is not None
    }
    if not scores:
        return dict.fromkeys(view.nodes, SIZE_PLAIN)
    low, high = min(scores.values()), max(scores.values())
    spread = (high - low) or 1.0
    return {
        n: round(SIZE_MIN + (SIZE_MAX - SIZE_MIN) * math.sqrt((scores[n] - low) / spread), 1)
        if n in scores
        else SIZE_MIN
        for n in view.nodes
    }


def sorted_edges(view: nx.MultiDiGraph) -> list[tuple]:
    """Return ``(u, v, key, attrs)`` for every edge, ordered by ends then key."""
    return sorted(view.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def _edge_columns(
    view: nx.MultiDiGraph, plan: ViewPlan, tables: _Tables
) -> tuple[dict[str, list], list[list]]:
    """Return the edge columns (edge ``i`` is ``e{i}`` in the page) and the predicate table."""
    index = {n: i for i, n in enumerate(plan.order)}
    predicates = _Table()
    columns: dict[str, list] = {"from": [], "to": [], "predicate": [], "sentence": []}
    for u, v, key, attrs in sorted_edges(view):
        local = str(key)
        zh = attrs.get("label_zh") or local
        en = attrs.get("label_en") or attrs.get("predicate") or local
        columns["from"].append(index[u])
        columns["to"].append(index[v])
        columns["predicate"].append(predicates.ref((local, zh, en), [local, zh, en]))
        columns["sentence"].append(tables.sentence(attrs.get("sentence"), attrs.get("article")))
    return columns, predicates.rows


def _cluster_columns(view: nx.MultiDiGraph, plan: ViewPlan) -> dict[str, list]:
    labels = [_cluster_label(view, key) for key in plan.clusters]
    return {
        "label": labels,
        "x": [x for x, _ in plan.cluster_positions],
        "y": [y for _, y in plan.cluster_positions],
    }


def _cluster_label(view: nx.MultiDiGraph, key: ClusterKey) -> str:
    kind, name = key
    if kind == "county":
        return node_label(name, view.nodes[name])
    if kind == "kind":  # no county reachable: grouped by class
        return "未定位 " + CLASS_STYLE.get(name, OTHER_STYLE)[0]
    return "其他 others"
