"""Write the browser view: one self-contained HTML page that works offline from file://.

pyvis holds the node and edge lists (assigned as lists: ``add_node`` rescans what
is there and turns quadratic) and ships vis-network, whose JS and CSS are read
from the installed package and inlined. The page itself comes from our own
template in ``assets/`` rather than pyvis's: pyvis's template loads bootstrap from
a CDN in every mode, writes its heading unescaped, and has no side panel, so
rewriting its output would mean patching HTML whose shape moves between pyvis
releases.

Safety: the data goes in as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no text in the graph can
close the script; the page script puts text into the DOM with ``textContent``
only and gives vis-network tooltips as DOM elements, never HTML strings; a
Content-Security-Policy forbids every request the page could make.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from decimal import Decimal, InvalidOperation
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.errors import OutputError
from kg.export.files import write_atomic

log = logging.getLogger(__name__)

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", sans-serif'
)

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
}
OTHER_STYLE = ("其他 Other", "#bdbdbd")

RANDOM_SEED = 20231116
SIZE_MIN, SIZE_MAX, SIZE_PLAIN = 10.0, 40.0, 16.0
STABILISE_ITERATIONS = 400
_ASSETS = "assets"


def write_html(view: nx.MultiDiGraph, path: Path, *, title: str = "kg") -> Path:
    """Write the browser view of ``view`` to ``path`` atomically; return the path.

    Raises OutputError when the folder cannot be created or written.
    """
    path = Path(path)
    page = render_html(view, title=title)
    write_atomic(path, page)
    log.info("wrote %s (%d nodes, %d bytes)", path, view.number_of_nodes(), len(page))
    return path


def render_html(view: nx.MultiDiGraph, *, title: str = "kg") -> str:
    """Return the page for ``view`` as a string (vis-network inlined, no external links)."""
    vis_js, vis_css = _vis_assets()
    network = _build_network(view)
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "details": {"nodes": _node_details(view), "edges": _edge_details(view)},
        "legend": _legend(view),
    }
    parts = {
        "TITLE": escape(title),
        "VIS_CSS": _raw_text(vis_css, "style"),
        "PAGE_CSS": _raw_text(_asset("page.css"), "style"),
        "DATA": embed_json(payload),
        "VIS_JS": _raw_text(vis_js, "script"),
        "PAGE_JS": _raw_text(_asset("page.js"), "script"),
    }
    # One pass, so text inserted for one marker is never scanned for another.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m[1]], _asset("page.html"))


def embed_json(value: Any) -> str:
    r"""Return JSON for ``value`` that is safe inside an HTML ``<script>`` element.

    >>> print(embed_json({"a": "</script>&\u2028"}))
    {"a": "\u003c/script\u003e\u0026\u2028"}
    >>> json.loads(embed_json(["<b>"])) == ["<b>"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, default=_json_default)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


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


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"cannot put {type(value).__name__} into the page data")


def _raw_text(text: str, element: str) -> str:
    """Keep inlined library text from closing its <script>/<style> element early."""
    return re.sub(f"</({element})", r"<\\/\1", text, flags=re.IGNORECASE)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(_ASSETS, name).read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    """Return vis-network's JS and CSS from the newest copy shipped inside pyvis."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    folders = [f for f in lib.iterdir() if f.name.startswith("vis-")] if lib.is_dir() else []
    if not folders:
        raise OutputError(
            f"cannot build the HTML view: no vis-network in {lib}; "
            "reinstall pyvis (pip install 'pyvis>=0.3.2,<0.4')"
        )
    newest = max(folders, key=lambda f: tuple(int(p) for p in re.findall(r"\d+", f.name)))
    js = newest.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = newest.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js, css


def _build_network(view: nx.MultiDiGraph) -> Network:
    """Return a pyvis Network holding the view's nodes and edges as vis items."""
    network = Network(directed=True, cdn_resources="in_line")
    sizes = _node_sizes(view)
    node_ids = sorted(view.nodes, key=str)
    network.nodes = [_vis_node(n, view.nodes[n], sizes[n]) for n in node_ids]
    network.node_ids = node_ids
    network.node_map = {item["id"]: item for item in network.nodes}
    network.edges = _vis_edges(view)
    network.options = _vis_options(len(node_ids))
    return network


def _vis_node(node_id: Any, attrs: dict, size: float) -> dict:
    kind = attrs.get("kind") or ""
    kind_label, colour = CLASS_STYLE.get(kind, OTHER_STYLE)
    label = _label(node_id, attrs)
    tip = [kind_label, label]
    if attrs.get("label_en"):
        tip.append(str(attrs["label_en"]))
    if attrs.get("code"):
        tip.append(f"代码 code {attrs['code']}")
    return {
        "id": str(node_id),
        "label": label,
        "tip": "\n".join(tip),
        "color": colour,
        "size": size,
        "group": kind or "Other",
    }


def _vis_edges(view: nx.MultiDiGraph) -> list[dict]:
    """Return vis edges in a stable order; parallel edges curve apart so labels stay legible."""
    items = []
    seen: dict[tuple[str, str], int] = {}
    for index, (u, v, key, attrs) in enumerate(_sorted_edges(view)):
        pair = (str(u), str(v))
        nth = seen.get(pair, 0)
        seen[pair] = nth + 1
        label_zh = attrs.get("label_zh") or str(key)
        item = {
            "id": f"e{index}",
            "from": pair[0],
            "to": pair[1],
            "label": label_zh,
            "tip": attrs.get("label_en") or attrs.get("predicate") or str(key),
            "arrows": "to",
        }
        if nth:
            item["smooth"] = {"type": "curvedCW", "roundness": 0.2 * nth}
        items.append(item)
    return items


def _sorted_edges(view: nx.MultiDiGraph) -> list[tuple]:
    return sorted(view.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def _node_sizes(view: nx.MultiDiGraph) -> dict[Any, float]:
    """Return a dot size per node, scaled by ``centrality`` when the view has it."""
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
        n: (
            SIZE_MIN + (SIZE_MAX - SIZE_MIN) * (scores[n] - low) / spread
            if n in scores
            else SIZE_MIN
        )
        for n in view.nodes
    }


def _vis_options(node_count: int) -> dict:
    """Return vis-network options: seeded layout, physics that settles, then stops (page.js).

    Big views get fewer settling iterations so the page stays usable (measured:
    1,000 nodes settle in ~6 s at 400 iterations; 3,000 take ~26 s).
    """
    iterations = STABILISE_ITERATIONS
    if node_count > 1000:
        iterations = max(50, STABILISE_ITERATIONS * 1000 // node_count)
    return {
        "layout": {"randomSeed": RANDOM_SEED, "improvedLayout": node_count <= 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50},
        },
        "nodes": {
            "shape": "dot",
            "font": {"face": FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "font": {"face": FONT_STACK, "size": 11, "align": "middle", "color": "#57606a"},
            "color": {"color": "#9aa4b1", "highlight": "#0969da", "hover": "#0969da"},
            "smooth": {"type": "continuous"},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
    }


def _label(node_id: Any, attrs: dict) -> str:
    return str(attrs.get("label") or str(node_id).rstrip("/").rsplit("/", 1)[-1])


def _node_details(view: nx.MultiDiGraph) -> dict[str, dict]:
    """Return what the side panel shows for each node, keyed by node id."""
    return {str(n): _node_detail(n, a) for n, a in view.nodes(data=True)}


def _node_detail(node_id: Any, attrs: dict) -> dict:
    kind = attrs.get("kind") or ""
    return {
        "kind": kind,
        "kind_label": CLASS_STYLE.get(kind, OTHER_STYLE)[0],
        "label": _label(node_id, attrs),
        "label_en": attrs.get("label_en"),
        "code": attrs.get("code"),
        "parents": [str(p) for p in attrs.get("parents") or []],
        "quantities": [_quantity_row(q) for q in attrs.get("quantities") or []],
        "sentences": [
            {key: s.get(key) for key in ("text", "mention", "article", "title", "date")}
            for s in attrs.get("sentences") or []
        ],
    }


def _quantity_row(quantity: dict) -> dict:
    """Return one row of the figures table; the period shows its expression and dates."""
    value = number_text(quantity.get("value"))
    if quantity.get("qualifier"):
        value = f"{quantity['qualifier']} {value}"
    period = quantity.get("period") or ""
    start, end = quantity.get("start"), quantity.get("end")
    if start or end:
        span = start if start == end else f"{start or '…'} – {end or '…'}"
        period = f"{period} ({span})" if period else str(span)
    return {
        "value": value,
        "unit": quantity.get("unit"),
        "measure": quantity.get("measure"),
        "period": period,
        "sentence": quantity.get("sentence"),
    }


def _edge_details(view: nx.MultiDiGraph) -> dict[str, dict]:
    """Return what the side panel shows for each edge, keyed by the vis edge id."""
    articles = _article_index(view)
    details = {}
    for index, (u, v, key, attrs) in enumerate(_sorted_edges(view)):
        title, date = articles.get(attrs.get("article"), (None, None))
        details[f"e{index}"] = {
            "from": str(u),
            "to": str(v),
            "predicate": attrs.get("predicate") or str(key),
            "label_zh": attrs.get("label_zh") or str(key),
            "label_en": attrs.get("label_en"),
            "sentence": attrs.get("sentence"),
            "article": attrs.get("article"),
            "title": title,
            "date": date,
        }
    return details


def _article_index(view: nx.MultiDiGraph) -> dict[str, tuple]:
    """Return ``{article id: (title, date)}`` gathered from the nodes' sentences."""
    index: dict[str, tuple] = {}
    for _, attrs in view.nodes(data=True):
        for sentence in attrs.get("sentences") or []:
            if sentence.get("article") is not None:
                index.setdefault(sentence["article"], (sentence.get("title"), sentence.get("date")))
    return index


def _legend(view: nx.MultiDiGraph) -> list[dict]:
    """Return legend entries for the classes present, in palette order."""
    present = {a.get("kind") or "" for _, a in view.nodes(data=True)}
    entries = [
        {"kind": kind, "label": label, "color": colour}
        for kind, (label, colour) in CLASS_STYLE.items()
        if kind in present
    ]
    if present - CLASS_STYLE.keys():
        entries.append({"kind": "Other", "label": OTHER_STYLE[0], "color": OTHER_STYLE[1]})
    return entries
