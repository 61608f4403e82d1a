"""Write the browser view: an HTML page that works offline from file://.

pyvis ships vis-network, the library that draws the graph; its JS and CSS are
read from the installed package and inlined. The page itself comes from our own
template in ``assets/`` rather than pyvis's: pyvis's template loads bootstrap from
a CDN in every mode, writes its heading unescaped, and has no side panel. The
node and edge lists are not pyvis's per-node dicts either but the compact
columns of ``page_data`` (half the size), since a corpus's page carries the
whole view and draws only part of it (``summary``).

The data goes into the page when it is small; past ``INLINE_LIMIT`` it goes to
a sidecar script next to the page (``kg-data.<hash>.js``, loaded with
``<script src>``, which works from file://). The sidecar is named by its
content and written before the page, so the page on disk always names a data
file that exists and matches it; older sidecars are removed afterwards.

Safety: the data is JSON with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped,
so no text in the graph can close the script; the page script puts text into
the DOM with ``textContent`` only and gives vis-network tooltips as DOM
elements, never HTML strings; a Content-Security-Policy forbids every request
the page could make (but for its own sidecar).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from decimal import Decimal
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from kg.errors import OutputError
from kg.export.files import write_atomic
from kg.export.page_data import CLASS_STYLE, OTHER_STYLE, number_text, page_data
from kg.export.summary import VIEW_BUDGET

__all__ = [
    "CLASS_STYLE",
    "OTHER_STYLE",
    "VIEW_BUDGET",
    "embed_json",
    "number_text",
    "render_html",
    "write_html",
]

log = logging.getLogger(__name__)

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", sans-serif'
)
INLINE_LIMIT = 4_000_000  # bytes of data kept inside the page; more goes to a sidecar
RANDOM_SEED = 20231116
STABILISE_ITERATIONS = 400
PAGE_SCRIPTS = ("graph.js", "panel.js", "explore.js", "page.js")
_ASSETS = "assets"


def write_html(
    view: nx.MultiDiGraph,
    path: Path,
    *,
    title: str = "kg",
    budget: int = VIEW_BUDGET,
    inline_limit: int = INLINE_LIMIT,
) -> Path:
    """Write the browser view of ``view`` to ``path`` (and its sidecar when big); return the path.

    Raises OutputError when the folder cannot be created or written, and
    UsageError when ``budget`` is too small to draw anything useful.
    """
    path = Path(path)
    data = embed_json(_payload(view, budget))
    sidecar = None
    if len(data.encode("utf-8")) > inline_limit:
        digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]
        sidecar = path.with_name(f"{path.stem}-data.{digest}.js")
        write_atomic(sidecar, f"window.KG_DATA = {data};\n")
    page = _page(title, data, sidecar.name if sidecar else None)
    write_atomic(path, page)
    _remove_stale_sidecars(path, keep=sidecar)
    log.info(
        "wrote %s (%d nodes, %d bytes%s)",
        path,
        view.number_of_nodes(),
        len(page),
        f", data in {sidecar.name}" if sidecar else "",
    )
    return path


def render_html(view: nx.MultiDiGraph, *, title: str = "kg", budget: int = VIEW_BUDGET) -> str:
    """Return the one-file page for ``view`` as a string (vis-network and data inlined)."""
    return _page(title, embed_json(_payload(view, budget)), None)


def _payload(view: nx.MultiDiGraph, budget: int) -> dict:
    data = page_data(view, budget)
    drawn = len(data["initial"]) + len(data["clusters"]["label"])
    data["options"] = _vis_options(drawn, data["physics"])
    return data


def _page(title: str, data: str, sidecar: str | None) -> str:
    """Fill the template: data inline, or a script element naming the sidecar."""
    vis_js, vis_css = _vis_assets()
    if sidecar:
        data_script = f'<script src="{escape(quote(sidecar))}"></script>'
        script_src = "'self' 'unsafe-inline'"
    else:
        data_script = f'<script type="application/json" id="kg-data">{data}</script>'
        script_src = "'unsafe-inline'"
    parts = {
        "TITLE": escape(title),
        "SCRIPT_SRC": script_src,
        "VIS_CSS": _raw_text(vis_css, "style"),
        "PAGE_CSS": _raw_text(_asset("page.css"), "style"),
        "DATA_SCRIPT": data_script,
        "VIS_JS": _raw_text(vis_js, "script"),
        "PAGE_JS": _raw_text("\n".join(_asset(name) for name in PAGE_SCRIPTS), "script"),
    }
    # One pass, so text inserted for one marker is never scanned for another.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m[1]], _asset("page.html"))


def _remove_stale_sidecars(path: Path, keep: Path | None) -> None:
    """Remove data files of earlier builds of this page (the page no longer names them)."""
    for old in path.parent.glob(f"{path.stem}-data.*.js"):
        if old != keep and re.fullmatch(r"[0-9a-f]{12}", old.name.split(".")[-2]):
            try:
                old.unlink()
            except OSError as err:  # a leftover file is harmless; the page names the new one
                log.warning("could not remove old view data %s: %s", old, err.strerror)


def embed_json(value: Any) -> str:
    r"""Return JSON for ``value`` that is safe inside an HTML ``<script>`` element.

    >>> print(embed_json({"a": "</script>&\u2028"}))
    {"a":"\u003c/script\u003e\u0026\u2028"}
    >>> json.loads(embed_json(["<b>"])) == ["<b>"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


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


def _vis_options(drawn: int, physics: bool) -> dict:
    """Return vis-network options: seeded layout; physics that settles then stops (page.js).

    Views with precomputed coordinates draw with physics off; past a few
    hundred nodes, edges hide while the view is dragged or zoomed so it moves
    at full frame rate.
    """
    iterations = STABILISE_ITERATIONS  # physics runs only up to PHYSICS_LIMIT nodes (~3 s)
    return {
        "layout": {"randomSeed": RANDOM_SEED, "improvedLayout": physics and drawn <= 150},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"enabled": physics, "iterations": iterations, "updateInterval": 50},
        },
        "nodes": {
            "shape": "dot",
            "font": {"face": FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "font": {"face": FONT_STACK, "size": 11, "align": "middle", "color": "#57606a"},
            "color": {"color": "#9aa4b1", "highlight": "#0969da", "hover": "#0969da"},
            "smooth": {"type": "continuous"} if physics else False,
            "width": 1,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "multiselect": False,
            "hideEdgesOnDrag": drawn > 300,
            "hideEdgesOnZoom": drawn > 300,
        },
    }
