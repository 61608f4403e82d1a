"""``out/report/``: what ``kg analyse`` found, for reading offline in one folder.

- ``index.html``: one page, no script from elsewhere, no web font, charts as
  ``<img>`` of the SVGs beside it (each also as PNG, for slides and mail);
- ``report.md``: the same tables in Markdown, linking the same charts;
- ``figures.csv``: every figure by entity and period (the page shows the first
  ``FIGURE_ROWS`` of them);
- ``charts/``: counts by class, investment and area by town and park, money
  figures over time, the administrative tree, the largest communities.
"""

from __future__ import annotations

import csv
import html
import io
import os
from pathlib import Path

import networkx as nx

from kg.analyse.charts import INSTALL_FONT, Charts, area, cjk_font, investment
from kg.analyse.measures import Analysis

FIGURE_ROWS = 2_000
TOP = 25
COMMUNITIES = 10
MEMBERS = 30
FIGURE_COLUMNS = (
    "entity",
    "class",
    "measure",
    "value",
    "unit",
    "qualifier",
    "period",
    "start",
    "end",
    "article",
)
CHARTS = (
    ("classes", "Entities by class"),
    ("investment", "Investment by town and park (the largest figure of each)"),
    ("area", "Area by town and park (the largest figure of each)"),
    ("over-time", "Money figures over time"),
    ("divisions", "The administrative tree of the places in the graph"),
    ("communities", "The largest communities, drawn small"),
)


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def kinds_of(view: nx.MultiDiGraph) -> list[str]:
    """The classes of the view, sorted: the order colours are given in."""
    return sorted({d.get("kind", "") for _, d in view.nodes(data=True)})


def figure_rows(view: nx.MultiDiGraph) -> list[dict]:
    """Every figure, by entity label and period start."""
    rows = []
    for node, data in view.nodes(data=True):
        for q in data.get("quantities", ()):
            rows.append(
                {
                    "entity": data.get("label", node),
                    "class": data.get("kind"),
                    "measure": q.get("measure"),
                    "value": q.get("value"),
                    "unit": q.get("unit"),
                    "qualifier": q.get("qualifier"),
                    "period": q.get("period"),
                    "start": q.get("start"),
                    "end": q.get("end"),
                    "article": q.get("article"),
                }
            )
    rows.sort(key=lambda r: (r["entity"], r["start"] or "", r["measure"] or "", r["value"] or ""))
    return rows


def _central(view: nx.MultiDiGraph, a: Analysis) -> list[dict]:
    return [
        {
            "entity": view.nodes[n].get("label", n),
            "class": view.nodes[n].get("kind"),
            "pagerank": f"{a.pagerank[n]:.4f}",
            "degree": a.degree.get(n, 0),
            "betweenness": f"{a.betweenness.get(n, 0.0):.4f}",
            "core": a.core.get(n, 0),
        }
        for n in a.top(a.pagerank, TOP)
    ]


def _communities(view: nx.MultiDiGraph, a: Analysis) -> list[dict]:
    rows = []
    for i, members in enumerate(a.communities[:COMMUNITIES], 1):
        ranked = sorted(members, key=lambda n: (-a.pagerank.get(n, 0.0), n))
        names = ", ".join(view.nodes[n].get("label", n) for n in ranked[:MEMBERS])
        more = f" … and {len(members) - MEMBERS:,} more" if len(members) > MEMBERS else ""
        rows.append({"community": i, "members": len(members), "most central": names + more})
    return rows


def key_figures(a: Analysis) -> list[tuple[str, str]]:
    """The figures ``kg analyse`` prints and the report opens with."""
    sampled = (
        f"estimated from {a.betweenness_sample} sampled sources"
        if a.betweenness_sample
        else "exact"
    )
    return [
        ("entities", f"{a.nodes:,}"),
        ("relations", f"{a.edges:,}"),
        (
            "components",
            f"{len(a.components):,} (largest {a.components[0] if a.components else 0:,})",
        ),
        (
            "communities",
            f"{len(a.communities):,} (Leiden, seeded; largest "
            f"{len(a.communities[0]) if a.communities else 0:,})",
        ),
        ("highest k-core", str(max(a.core.values(), default=0))),
        ("betweenness", sampled),
    ]


def _table_html(rows: list[dict], columns: tuple[str, ...] | None = None) -> str:
    if not rows:
        return "<p class=none>none</p>"
    columns = columns or tuple(rows[0])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _table_md(rows: list[dict], columns: tuple[str, ...] | None = None) -> str:
    if not rows:
        return "none\n"
    columns = columns or tuple(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        cells = (_cell(r.get(c)).replace("|", "\\|").replace("\n", " ") for c in columns)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return f"{value:,}" if isinstance(value, int) else str(value)


_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:2em auto;max-width:1100px;
color:#222;padding:0 1em}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ddd;
padding:.2em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}
figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
.note{color:#666;font-size:.9em}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dt{font-weight:bold}dd{margin:0}
"""


def write_report(
    view: nx.MultiDiGraph, a: Analysis, folder: Path, *, source: str = "", notes: list[str] = ()
) -> tuple[list[Path], list[str]]:
    """Write ``folder``/index.html, report.md, figures.csv and charts/; return the paths
    written and warnings for the user (at most one: no CJK font)."""
    warnings = []
    if cjk_font() is None:
        warnings.append(
            "no CJK font found: the charts label entities in pinyin; for Chinese labels "
            f"run {INSTALL_FONT}"
        )
    kinds = kinds_of(view)
    charts = Charts(view, folder / "charts", kinds)
    charts.classes(a.by_class)
    charts.largest_figures(
        "investment", "Investment", "亿元" if charts.font else "100m yuan", investment
    )
    charts.largest_figures("area", "Area", "亩" if charts.font else "mu", area)
    charts.over_time()
    charts.tree()
    charts.communities(a.communities, a.pagerank)
    figures = figure_rows(view)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, FIGURE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(figures)
    paths = [write_atomic(folder / "figures.csv", buffer.getvalue())]
    sections = _sections(view, a, figures)
    paths.append(write_atomic(folder / "index.html", _html(sections, a, source, notes)))
    paths.append(write_atomic(folder / "report.md", _markdown(sections, a, source, notes)))
    paths += [folder / "charts" / f"{stem}.{s}" for stem in charts.written for s in ("svg", "png")]
    return paths, warnings


def _sections(view: nx.MultiDiGraph, a: Analysis, figures: list[dict]) -> list[tuple]:
    shown = figures[:FIGURE_ROWS]
    cut = (
        f"The first {len(shown):,} of {len(figures):,} figures; figures.csv holds all."
        if len(figures) > len(shown)
        else f"{len(figures):,} figures; also in figures.csv."
    )
    sampled = (
        f"Betweenness estimated from {a.betweenness_sample} sources drawn with the seed."
        if a.betweenness_sample
        else "Betweenness exact."
    )
    return [
        ("Counts by class", "", a.by_class, None, ["classes"]),
        (
            "Most central entities",
            f"By PageRank on the undirected graph. {sampled}",
            _central(view, a),
            None,
            [],
        ),
        (
            "Communities",
            "Leiden communities (modularity, seeded), members by PageRank.",
            _communities(view, a),
            None,
            ["communities"],
        ),
        (
            "Counties",
            "Entities lying in each county (by their locatedIn/partOf chain).",
            [{k: v for k, v in r.items() if k != "iri"} for r in a.by_county[:50]],
            None,
            ["divisions"],
        ),
        ("Articles", "", a.by_article[:200], None, []),
        (
            "Figures by entity and period",
            cut,
            shown,
            FIGURE_COLUMNS,
            ["investment", "area", "over-time"],
        ),
    ]


def _html(sections: list[tuple], a: Analysis, source: str, notes: list[str]) -> str:
    titles = dict(CHARTS)
    parts = [
        "<!doctype html><html lang=zh><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width,initial-scale=1'>",
        f"<title>kg analysis</title><style>{_STYLE}</style></head><body data-ready=false>",
        "<h1>kg analysis</h1>",
        f"<p class=note>{html.escape(source)}</p>" if source else "",
        "<dl>"
        + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in key_figures(a))
        + "</dl>",
    ]
    parts += [f"<p class=note>{html.escape(n)}</p>" for n in notes]
    for title, note, rows, columns, stems in sections:
        parts.append(f"<h2>{html.escape(title)}</h2>")
        if note:
            parts.append(f"<p class=note>{html.escape(note)}</p>")
        for stem in stems:
            parts.append(
                f"<figure><img src='charts/{stem}.svg' alt='{html.escape(titles[stem])}'>"
                f"<figcaption class=note>{html.escape(titles[stem])} "
                f"(<a href='charts/{stem}.png'>PNG</a>)</figcaption></figure>"
            )
        parts.append(_table_html(rows, columns))
    parts.append(
        "<script>addEventListener('load',()=>{document.body.dataset.ready='true'})</script>"
    )
    parts.append("</body></html>\n")
    return "\n".join(p for p in parts if p)


def _markdown(sections: list[tuple], a: Analysis, source: str, notes: list[str]) -> str:
    titles = dict(CHARTS)
    lines = ["# kg analysis", ""]
    if source:
        lines += [source, ""]
    lines += [f"- **{k}**: {v}" for k, v in key_figures(a)] + [""]
    lines += [f"_{n}_\n" for n in notes]
    for title, note, rows, columns, stems in sections:
        lines += [f"## {title}", ""]
        if note:
            lines += [note, ""]
        lines += [f"![{titles[s]}](charts/{s}.svg)\n" for s in stems]
        lines.append(_table_md(rows, columns))
    return "\n".join(lines)
