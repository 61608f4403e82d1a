"""The HTML view without a browser: offline page, safe data, atomic write."""

from __future__ import annotations

import doctest
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.export.files as export_files
import kg.export.html as html_export
from kg.errors import OutputError
from kg.export.html import CLASS_STYLE, embed_json, render_html, write_html
from kg.records import KINDS

HOSTILE = "</script><script>alert(1)</script>"


class _Tags(HTMLParser):
    """Collects start tags with their attributes (script and style bodies are not tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "page has no kg-data script"
    return json.loads(match[1])


def test_doctests_pass():
    result = doctest.testmod(html_export)
    assert result.attempted > 0 and result.failed == 0


def test_page_makes_no_external_references(small_view):
    page = render_html(small_view)
    for tag, attrs in tags(page):
        for name in ("src", "href", "action", "srcset"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or ""), (tag, attrs)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "@import" not in page
    assert not [t for t, a in tags(page) if t == "link" or (t == "script" and "src" in a)]


def test_page_inlines_vis_network_from_pyvis(small_view):
    page = render_html(small_view)
    assert "vis-network" in page
    assert "new vis.Network(" in page
    assert "Noto Sans CJK SC" in page


def test_hostile_label_stays_inside_the_json(small_view):
    node = next(iter(small_view.nodes))
    small_view.nodes[node]["label"] = HOSTILE
    small_view.nodes[node]["sentences"] = [{"text": HOSTILE + "\u2028", "mention": HOSTILE}]
    page = render_html(small_view, title=HOSTILE)
    assert "<script>alert(1)" not in page
    assert [t for t, _ in tags(page)].count("script") == 3  # data, vis-network, page script
    data = page_data(page)
    assert data["details"]["nodes"][node]["label"] == HOSTILE
    assert data["details"]["nodes"][node]["sentences"][0]["text"] == HOSTILE + "\u2028"
    assert "&lt;/script&gt;" in page.split("<body>")[0]  # the <title>, escaped


@given(st.text())
def test_embedded_json_round_trips_and_holds_no_markup(text):
    embedded = embed_json({"t": text})
    assert not set(embedded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(embedded) == {"t": text}


def test_data_holds_every_node_and_edge(small_view):
    data = page_data(render_html(small_view))
    assert len(data["nodes"]) == small_view.number_of_nodes() == 16
    assert len(data["edges"]) == small_view.number_of_edges()
    assert set(data["details"]["nodes"]) == {str(n) for n in small_view.nodes}
    assert {e["id"] for e in data["edges"]} == set(data["details"]["edges"])


def test_vis_items_carry_plain_text_tips_not_html_titles(small_view):
    data = page_data(render_html(small_view))
    for item in data["nodes"] + data["edges"]:
        assert "title" not in item  # page.js turns tip into a DOM element
        assert isinstance(item["tip"], str)
    kaiping = next(n for n in data["nodes"] if n["label"] == "开平市")
    lines = ["县级 County", "开平市", "Kaiping Shi", "代码 code 440783"]
    assert kaiping["tip"].split("\n") == lines


def test_edges_show_chinese_label_and_english_tip(small_view):
    data = page_data(render_html(small_view))
    approved = next(e for e in data["edges"] if e["label"] == "批复")
    assert approved["tip"] == "approved by"
    detail = data["details"]["edges"][approved["id"]]
    assert detail["sentence"].startswith("赤坎古镇活化项目由")
    assert detail["title"] and detail["date"] == "2024-03-08"


def test_parallel_edges_curve_apart(small_view):
    data = page_data(render_html(small_view))
    pairs = [(e["from"], e["to"]) for e in data["edges"]]
    assert len(pairs) == len(set(pairs))  # the fixture has no parallel edges yet
    u, v = next(iter(small_view.edges()))
    small_view.add_edge(u, v, key="partOf", label_zh="属于", label_en="part of")
    data = page_data(render_html(small_view))
    curved = [e for e in data["edges"] if (e["from"], e["to"]) == (str(u), str(v))]
    assert len(curved) == 2 and sum("smooth" in e for e in curved) == 1


def test_node_details_hold_quantities_parents_and_sources(small_view):
    data = page_data(render_html(small_view))
    kaiping = data["details"]["nodes"]["https://kg.example.org/id/division/440783"]
    assert kaiping["parents"] == ["江门市", "广东省"]
    assert kaiping["code"] == "440783"
    rows = {q["measure"]: q for q in kaiping["quantities"]}
    assert rows["总投资"]["value"] == "约 86" and rows["总投资"]["unit"] == "亿元"
    assert rows["地区生产总值"]["period"] == "到2025年 (2025-01-01 – 2025-12-31)"
    assert kaiping["sentences"][0]["mention"] == "开平市"


def test_colours_every_class_distinctly_with_a_legend_of_present_ones(small_view):
    assert set(KINDS) <= set(CLASS_STYLE)
    colours = [colour for _, colour in CLASS_STYLE.values()]
    assert len(colours) == len(set(colours))
    data = page_data(render_html(small_view))
    present = {a["kind"] for _, a in small_view.nodes(data=True)}
    assert {entry["kind"] for entry in data["legend"]} == present
    small_view.add_node("x", label="某物", kind="Gadget")
    legend = page_data(render_html(small_view))["legend"]
    assert legend[-1]["kind"] == "Other"


def test_size_follows_centrality_when_present(small_view):
    sizes = {n["label"]: n["size"] for n in page_data(render_html(small_view))["nodes"]}
    assert sizes["开平市"] > sizes["开平翠山湖产业园"] > sizes["粤华新材料有限公司"]
    assert sizes["粤华新材料有限公司"] >= sizes["广东省"]
    plain = nx.MultiDiGraph()
    plain.add_nodes_from([("a", {"label": "甲"}), ("b", {"label": "乙"})])
    assert len({n["size"] for n in page_data(render_html(plain))["nodes"]}) == 1


def test_layout_is_seeded_and_physics_stabilises(small_view):
    page = render_html(small_view)
    options = page_data(page)["options"]
    assert isinstance(options["layout"]["randomSeed"], int)
    assert options["physics"]["stabilization"]["enabled"] is True
    assert "stabilizationIterationsDone" in page and "physics: false" in page
    assert render_html(small_view) == page


def test_empty_view_renders():
    data = page_data(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["legend"] == []


def test_write_is_atomic_and_leaves_no_temp_file(small_view, tmp_path):
    target = tmp_path / "out" / "kg.html"
    assert write_html(small_view, target, title="开平") == target
    target.write_text("old", encoding="utf-8")
    write_html(small_view, target)
    assert os.listdir(target.parent) == ["kg.html"]
    assert "<title>kg</title>" in target.read_text(encoding="utf-8")


def test_failed_write_keeps_the_old_page(small_view, tmp_path, monkeypatch):
    target = tmp_path / "kg.html"
    target.write_text("old", encoding="utf-8")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_files.os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left"):
        write_html(small_view, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["kg.html"]


def test_unwritable_folder_raises_output_error(small_view, tmp_path):
    # A path under a regular file cannot be written even by root (chmod would not stop root).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write .*not-a-folder"):
        write_html(small_view, blocker / "kg.html")


def test_missing_vis_network_raises_output_error(small_view, tmp_path, monkeypatch):
    monkeypatch.setattr(html_export.resources, "files", lambda _package: Path(tmp_path))
    with pytest.raises(OutputError, match="reinstall pyvis"):
        render_html(small_view)
