"""The report's charts, drawn by matplotlib (Agg, no display) as SVG and PNG.

Chinese labels need a CJK font: ``cjk_font()`` looks for one among the fonts
matplotlib knows (Noto Sans CJK from Debian's ``fonts-noto-cjk`` first). When
none is there the charts are labelled in pinyin instead, and the report
warns once how to install one, so no label is ever drawn as boxes. SVG text
is written as paths, so the charts look the same in any browser, font or not.

Every chart has a bounded size whatever the graph's: the largest entries,
the top of the administrative tree, the largest communities drawn small.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import networkx as nx

log = logging.getLogger(__name__)

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "SimHei",
)
INSTALL_FONT = "apt-get install fonts-noto-cjk (Debian/Ubuntu; .ci/run does this)"
DIVISIONS = ("Province", "Prefecture", "County", "Town", "Subdistrict", "Village")
TOWNS = ("County", "Town", "Subdistrict")
MU = Decimal("666.6666666667")  # m² in one 亩
YI = Decimal(100_000_000)  # 元 in one 亿元
TOP = 15
TREE_NODES = 80
COMMUNITIES_DRAWN = 6
MEMBERS_DRAWN = 25
LABELLED = 12
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
)


@cache
def cjk_font() -> str | None:
    """The family name of a CJK font matplotlib can use, or None."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    found = next((family for family in CJK_FAMILIES if family in known), None)
    if found is None:
        found = next((n for n in sorted(known) if "CJK" in n), None)
    return found


def colour_of(kind: str, kinds: list[str]) -> str:
    """A class's colour: the same class gets the same colour in every chart and in GEXF."""
    return PALETTE[kinds.index(kind) % len(PALETTE)] if kind in kinds else "#999999"


class Charts:
    """Draws the charts of one view into ``folder`` as ``NAME.svg`` and ``NAME.png``."""

    def __init__(self, view: nx.MultiDiGraph, folder: Path, kinds: list[str]):
        self.view = view
        self.folder = folder
        self.kinds = kinds
        self.font = cjk_font()
        self.written: list[str] = []

    def name(self, node: str) -> str:
        """A node's label as the charts show it: Chinese with a CJK font, else pinyin."""
        data = self.view.nodes[node]
        if self.font:
            return data.get("label", node)
        return data.get("label_en") or data.get("pinyin") or node.rsplit("/", 1)[-1]

    def _save(self, fig, stem: str) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.folder.mkdir(parents=True, exist_ok=True)
        # the tight box measured once (each savefig with "tight" draws the figure twice)
        box = fig.get_tightbbox(FigureCanvasAgg(fig).get_renderer()).padded(0.1)
        for suffix in ("svg", "png"):
            tmp = self.folder / f".{stem}.{suffix}.tmp"
            fig.savefig(
                tmp,
                format=suffix,
                dpi=110,
                bbox_inches=box,
                metadata={"Date": None} if suffix == "svg" else None,
            )
            tmp.replace(self.folder / f"{stem}.{suffix}")
        self.written.append(stem)

    def draw(self, stem: str, painter: Callable, size: tuple[float, float]) -> None:
        """Draw one chart with the report's style and save it under ``stem``."""
        import matplotlib
        from matplotlib.figure import Figure

        families = [self.font, "DejaVu Sans"] if self.font else ["DejaVu Sans"]
        style = {
            "font.family": families,
            "svg.fonttype": "path",
            "axes.unicode_minus": False,
            "svg.hashsalt": "kg",
            "font.size": 9,
        }
        with matplotlib.rc_context(style):
            fig = Figure(figsize=size)
            painter(fig)
            self._save(fig, stem)

    # -- the charts --------------------------------------------------------

    def classes(self, by_class: list[dict]) -> None:
        rows = list(reversed(by_class))

        def paint(fig):
            ax = fig.add_subplot()
            ax.barh(
                [r["class"] for r in rows],
                [r["entities"] for r in rows],
                color=[colour_of(r["class"], self.kinds) for r in rows],
            )
            for y, r in enumerate(rows):
                ax.text(r["entities"], y, f" {r['entities']:,}", va="center", fontsize=8)
            ax.set_xlabel("entities")
            ax.set_title("Entities by class")
            ax.spines[["top", "right"]].set_visible(False)

        self.draw("classes", paint, (7, 0.3 * len(rows) + 1.2))

    def largest_figures(self, stem: str, title: str, unit: str, pick: Callable) -> None:
        """Bars of the largest figure of a kind per town/county and per park."""
        panels = {"towns and counties": TOWNS, "parks": ("Park",)}
        data = {}
        for panel, kinds in panels.items():
            best = {}
            for node, attrs in self.view.nodes(data=True):
                if attrs.get("kind") in kinds:
                    values = [v for q in attrs.get("quantities", ()) if (v := pick(q)) is not None]
                    if values:
                        best[node] = max(values)
            data[panel] = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]

        def paint(fig):
            axes = fig.subplots(1, 2)
            for ax, (panel, rows) in zip(axes, data.items(), strict=True):
                ax.set_title(f"{title}: {panel}")
                ax.spines[["top", "right"]].set_visible(False)
                if not rows:
                    ax.text(
                        0.5,
                        0.5,
                        "no such figures in the graph",
                        ha="center",
                        va="center",
                        transform=ax.transAxes,
                        color="#777",
                    )
                    ax.set_xticks([])
                    ax.set_yticks([])
                    continue
                rows = list(reversed(rows))
                ax.barh(
                    [self.name(n) for n, _ in rows],
                    [float(v) for _, v in rows],
                    color=[colour_of(self.view.nodes[n]["kind"], self.kinds) for n, _ in rows],
                )
                ax.set_xlabel(unit)

        height = 0.28 * max(1, *(len(r) for r in data.values())) + 1.5
        self.draw(stem, paint, (11, height))

    def over_time(self) -> None:
        """Figures over time: series of one entity's measure at several period ends."""
        series: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
        for node, attrs in self.view.nodes(data=True):
            for q in attrs.get("quantities", ()):
                value = _decimal(q.get("normalized_value"))
                if value is None or not q.get("end") or q.get("normalized_unit") != "元":
                    continue
                key = (node, q.get("measure") or "")
                series[key][q["end"]] = max(value, series[key].get(q["end"], value))
        lines = sorted(
            ((k, v) for k, v in series.items() if len(v) >= 2), key=lambda kv: (-len(kv[1]), kv[0])
        )[:8]
        points = sorted(
            ((k, d, v) for k, s in series.items() for d, v in s.items()), key=lambda p: (p[1], p[0])
        )

        def paint(fig):
            import datetime as dt

            ax = fig.add_subplot()
            ax.set_title("Money figures over time (by the end of their period)")
            ax.set_ylabel("亿元" if self.font else "100 million yuan")
            ax.spines[["top", "right"]].set_visible(False)
            if lines:
                for (node, measure), s in lines:
                    dates = sorted(s)
                    ax.plot(
                        [dt.date.fromisoformat(d) for d in dates],
                        [float(s[d] / YI) for d in dates],
                        marker="o",
                        label=f"{self.name(node)} {measure if self.font else ''}".strip(),
                    )
                ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
            elif points:
                ax.scatter(
                    [dt.date.fromisoformat(d) for _, d, _ in points],
                    [float(v / YI) for *_, v in points],
                    s=14,
                    color=PALETTE[0],
                )
                for (node, _measure), d, v in points[-12:]:
                    ax.annotate(
                        self.name(node),
                        (dt.date.fromisoformat(d), float(v / YI)),
                        fontsize=7,
                        xytext=(3, 3),
                        textcoords="offset points",
                    )
            else:
                ax.text(
                    0.5,
                    0.5,
                    "no dated money figures in the graph",
                    ha="center",
                    va="center",
                    transform=ax.transAxes,
                    color="#777",
                )
            fig.autofmt_xdate()

        self.draw("over-time", paint, (9, 4.5))

    def tree(self) -> None:
        """The administrative tree of the places in the graph (its top when it is big)."""
        view = self.view
        divisions = [n for n, a in view.nodes(data=True) if a.get("kind") in DIVISIONS]
        parent = {}
        for node in divisions:
            ups = sorted(
                v
                for _, v, k in view.out_edges(node, keys=True)
                if k == "locatedIn" and view.nodes[v].get("kind") in DIVISIONS
            )
            if ups:  # the nearest: the parent with the most specific level
                parent[node] = max(ups, key=lambda v: (DIVISIONS.index(view.nodes[v]["kind"]), v))
        rank = {n: DIVISIONS.index(view.nodes[n]["kind"]) for n in divisions}
        kept = sorted(divisions, key=lambda n: (rank[n], -view.degree(n), n))[:TREE_NODES]
        kept_set = set(kept)
        children = defaultdict(list)
        roots = []
        for node in sorted(kept, key=lambda n: (view.nodes[n].get("code") or "", n)):
            up = parent.get(node)
            while up is not None and up not in kept_set:
                up = parent.get(up)
            (children[up] if up is not None else roots).append(node)
        position, row = {}, [0]

        def place(node: str, depth: int) -> float:
            kids = children.get(node, [])
            y = sum(place(k, depth + 1) for k in kids) / len(kids) if kids else row[0]
            if not kids:
                row[0] += 1
            position[node] = (depth, y)
            return y

        for root in roots:
            place(root, 0)
        leaves = max(row[0], 1)
        omitted = len(divisions) - len(kept)

        def paint(fig):
            ax = fig.add_subplot()
            for node, (x, y) in position.items():
                for kid in children.get(node, []):
                    kx, ky = position[kid]
                    ax.plot([x, x + 0.5, kx], [y, ky, ky], color="#bbb", lw=0.8)
                ax.scatter(
                    [x], [y], s=22, zorder=3, color=colour_of(view.nodes[node]["kind"], self.kinds)
                )
                ax.annotate(
                    self.name(node), (x, y), xytext=(4, 2), textcoords="offset points", fontsize=7
                )
            ax.invert_yaxis()
            ax.set_axis_off()
            note = f" ({omitted} smaller divisions left out)" if omitted else ""
            ax.set_title(f"Administrative divisions in the graph{note}")
            if position:
                ax.set_xlim(-0.2, max(x for x, _ in position.values()) + 1.2)

        self.draw("divisions", paint, (9, min(0.22 * leaves + 1.2, 40)))

    def communities(self, found: list[set[str]], score: dict[str, float]) -> None:
        """The largest communities drawn small, each from its most central members (the
        first ``LABELLED`` of them named)."""
        from matplotlib.collections import LineCollection

        drawn = [c for c in found if len(c) > 1][:COMMUNITIES_DRAWN]

        def paint(fig):
            cols = 3
            rows = max(1, math.ceil(len(drawn) / cols))
            axes = fig.subplots(rows, cols, squeeze=False).ravel()
            for ax in axes:
                ax.set_axis_off()
            for i, (ax, members) in enumerate(zip(axes, drawn, strict=False)):
                top = sorted(members, key=lambda n: (-score.get(n, 0.0), n))[:MEMBERS_DRAWN]
                sub = nx.Graph()
                sub.add_nodes_from(top)
                sub.add_edges_from((u, v) for u, v in self.view.subgraph(top).edges() if u != v)
                pos = nx.spring_layout(sub, seed=7) if len(sub) > 1 else {top[0]: (0, 0)}
                segments = [(pos[u], pos[v]) for u, v in sub.edges()]
                ax.add_collection(LineCollection(segments, colors="#ccc", linewidths=0.7))
                ax.scatter(
                    [pos[n][0] for n in top],
                    [pos[n][1] for n in top],
                    s=[18 + 400 * score.get(n, 0.0) ** 0.5 for n in top],
                    c=[colour_of(self.view.nodes[n]["kind"], self.kinds) for n in top],
                    zorder=2,
                )
                for node in top[:LABELLED]:
                    x, y = pos[node]
                    ax.annotate(
                        self.name(node),
                        (x, y),
                        fontsize=6,
                        ha="center",
                        xytext=(0, 5),
                        textcoords="offset points",
                    )
                shown = f", {len(top)} drawn" if len(top) < len(members) else ""
                ax.set_title(f"community {i + 1}: {len(members):,} members{shown}", fontsize=8)

        if not drawn:
            drawn = []
        rows = max(1, math.ceil(len(drawn) / 3))
        self.draw("communities", paint, (12, 3.6 * rows))


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def investment(q: dict) -> Decimal | None:
    """A figure's amount in 亿元 when it is an investment, else None."""
    value = _decimal(q.get("normalized_value"))
    if value is None or q.get("normalized_unit") != "元" or "投资" not in (q.get("measure") or ""):
        return None
    return value / YI


def area(q: dict) -> Decimal | None:
    """A figure's area in 亩 when it measures land (面积, 占地, 用地), else None."""
    value = _decimal(q.get("normalized_value"))
    measure = q.get("measure") or ""
    if value is None or q.get("normalized_unit") != "m2":
        return None
    if not any(word in measure for word in ("面积", "占地", "用地")):
        return None
    return value / MU
