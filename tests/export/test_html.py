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
from html_views import TITLE, build_corpus_view
from hypothesis import given
from hypothesis import strategies as st

import kg.export.files as export_files
import kg.export.html as html_export
import kg.export.page_data as page_data_module
import kg.export.summary as summary_module
from kg.errors import OutputError, UsageError
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


@pytest.mark.parametrize("module", [html_export, page_data_module, summary_module])
def test_doctests_pass(module):
    result = doctest.testmod(module)
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


def node_index(data: dict, iri: str) -> int:
    return [data["base"] + tail for tail in data["nodes"]["iri"]].index(iri)


def test_hostile_label_stays_inside_the_json(small_view):
    node = next(iter(small_view.nodes))
    small_view.nodes[node]["label"] = HOSTILE
    small_view.nodes[node]["sentences"] = [{"text": HOSTILE + "\u2028", "mention": HOSTILE}]
    page = render_html(small_view, title=HOSTILE)
    assert "<script>alert(1)" not in page
    assert [t for t, _ in tags(page)].count("script") == 3  # data, vis-network, page script
    data = page_data(page)
    i = node_index(data, node)
    assert data["nodes"]["label"][i] == HOSTILE
    ref = data["nodes"]["sources"][i][0]
    assert data["sentences"][ref][0] == HOSTILE + "\u2028"
    assert "&lt;/script&gt;" in page.split("<body>")[0]  # the <title>, escaped


def test_page_script_never_parses_data_as_html():
    for name in html_export.PAGE_SCRIPTS:
        script = re.sub(r"//.*", "", html_export._asset(name))  # code, not comments
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in script, (name, sink)


@given(st.text())
def test_embedded_json_round_trips_and_holds_no_markup(text):
    embedded = embed_json({"t": text})
    assert not set(embedded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(embedded) == {"t": text}


def test_data_holds_every_node_and_edge(small_view):
    data = page_data(render_html(small_view))
    nodes, edges = data["nodes"], data["edges"]
    assert {data["base"] + t for t in nodes["iri"]} == set(small_view.nodes)
    assert all(len(column) == 16 for column in nodes.values() if column is not None)
    assert len(edges["from"]) == len(edges["to"]) == small_view.number_of_edges()
    ids = [data["base"] + t for t in nodes["iri"]]
    pairs = {(ids[u], ids[v]) for u, v in zip(edges["from"], edges["to"], strict=True)}
    assert pairs == {(u, v) for u, v in small_view.edges()}
    assert data["mode"] == "full" and data["initial"] == list(range(16))


def test_edges_carry_chinese_and_english_names_and_their_sentence(small_view):
    data = page_data(render_html(small_view))
    by_name = {row[1]: i for i, row in enumerate(data["predicates"])}
    assert data["predicates"][by_name["批复"]] == ["approvedBy", "批复", "approved by"]
    edge = data["edges"]["predicate"].index(by_name["批复"])
    text, article = data["sentences"][data["edges"]["sentence"][edge]]
    assert text.startswith("赤坎古镇活化项目由")
    assert data["articles"][article][1:] == [TITLE, "2024-03-08"]
    gazetteer_link = data["edges"]["predicate"].index(by_name["位于"])
    assert data["edges"]["sentence"][gazetteer_link] == -1


def test_node_data_holds_figures_parents_and_sources(small_view):
    data = page_data(render_html(small_view))
    nodes, strings = data["nodes"], data["strings"]
    i = node_index(data, "https://kg.example.org/id/division/440783")
    assert nodes["parents"][i] == ["江门市", "广东省"] and nodes["code"][i] == "440783"
    rows = {strings[q[2]]: q for q in nodes["figures"][i]}
    assert rows["总投资"][0] == "约 86" and strings[rows["总投资"][1]] == "亿元"
    assert strings[rows["地区生产总值"][3]] == "到2025年 (2025-01-01 – 2025-12-31)"
    assert nodes["sources"][i][0] == 0  # a bare index: the mention is the label, 开平市
    taicheng = node_index(data, "https://kg.example.org/id/division/440781001")
    ref, mention = nodes["sources"][taicheng][0]
    assert strings[mention] == "台城" and "台城街道" in data["sentences"][ref][0]


def test_nodes_are_ordered_most_central_first(small_view):
    for rank, node in enumerate(sorted(small_view.nodes)):
        small_view.nodes[node]["centrality"] = 1 / (rank + 1)
    data = page_data(render_html(small_view))
    assert [data["base"] + t for t in data["nodes"]["iri"]] == sorted(small_view.nodes)
    del small_view.nodes[node]["centrality"]  # one missing: PageRank is measured instead
    data = page_data(render_html(small_view))
    assert data["nodes"]["label"][0] == "开平市"  # the hub


def test_colours_every_class_distinctly_with_a_legend_of_present_ones(small_view):
    assert set(KINDS) <= set(CLASS_STYLE)
    colours = [colour for _, colour in CLASS_STYLE.values()]
    assert len(colours) == len(set(colours))
    data = page_data(render_html(small_view))
    present = {a["kind"] for _, a in small_view.nodes(data=True)}
    assert {kind for kind, _, _ in data["kinds"]} == present
    small_view.add_node("x", label="某物", kind="Gadget")
    kinds = page_data(render_html(small_view))["kinds"]
    assert kinds[-1][0] == "Other"


def test_size_follows_centrality_when_present(small_view):
    data = page_data(render_html(small_view))
    sizes = dict(zip(data["nodes"]["label"], data["nodes"]["size"], strict=True))
    assert sizes["开平市"] > sizes["开平翠山湖产业园"] > sizes["粤华新材料有限公司"]
    assert sizes["粤华新材料有限公司"] >= sizes["广东省"]
    plain = nx.MultiDiGraph()
    plain.add_nodes_from([("a", {"label": "甲"}), ("b", {"label": "乙"})])
    assert len(set(page_data(render_html(plain))["nodes"]["size"])) == 1


def test_small_view_is_seeded_and_physics_stabilises(small_view):
    page = render_html(small_view)
    data = page_data(page)
    assert isinstance(data["options"]["layout"]["randomSeed"], int)
    assert data["physics"] is True and data["nodes"]["x"] is None
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert "stabilizationIterationsDone" in page and "physics: false" in page
    assert render_html(small_view) == page


def test_big_view_has_coordinates_and_no_physics():
    view = build_corpus_view(counties=6, per_county=100)  # 601 nodes: past the physics limit
    data = page_data(render_html(view))
    assert data["mode"] == "full" and data["physics"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert len(data["nodes"]["x"]) == len(data["nodes"]["y"]) == 601


def test_view_past_the_budget_is_a_summary():
    view = build_corpus_view(counties=10, per_county=100)
    data = page_data(render_html(view, budget=200))
    assert data["mode"] == "summary"
    assert len(data["initial"]) + len(data["clusters"]["label"]) <= 200
    assert data["initial"] == list(range(len(data["initial"])))  # the most central
    assert len(data["nodes"]["label"]) == 1001  # yet the page holds every node
    assert "测试3县" in data["clusters"]["label"]


def test_budget_below_the_minimum_is_a_usage_error(small_view):
    with pytest.raises(UsageError, match="view budget must be"):
        render_html(small_view, budget=3)


def test_empty_view_renders():
    data = page_data(render_html(nx.MultiDiGraph()))
    assert data["nodes"]["label"] == [] and data["kinds"] == [] and data["initial"] == []


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


def test_big_data_goes_to_a_sidecar_named_by_its_content(small_view, tmp_path):
    target = tmp_path / "kg.html"
    write_html(small_view, target, inline_limit=100)
    sidecars = list(tmp_path.glob("kg-data.*.js"))
    assert len(sidecars) == 1
    page = target.read_text(encoding="utf-8")
    assert f'<script src="{sidecars[0].name}"></script>' in page
    assert 'id="kg-data"' not in page and "script-src 'self' 'unsafe-inline'" in page
    text = sidecars[0].read_text(encoding="utf-8")
    assert text.startswith("window.KG_DATA = {") and text.endswith("};\n")
    data = json.loads(text[len("window.KG_DATA = ") : -2])
    assert len(data["nodes"]["label"]) == small_view.number_of_nodes()
    small_view.nodes[next(iter(small_view.nodes))]["label"] = "改名"
    write_html(small_view, target, inline_limit=100)
    assert [p.name for p in tmp_path.glob("kg-data.*.js")] != [sidecars[0].name]
    assert len(list(tmp_path.glob("kg-data.*.js"))) == 1  # the old one is gone
    write_html(small_view, target)
    assert sorted(os.listdir(tmp_path)) == ["kg.html"]  # small again: inline, no sidecar
    assert "script-src 'unsafe-inline'" in target.read_text(encoding="utf-8")


def test_missing_vis_network_raises_output_error(small_view, tmp_path, monkeypatch):
    monkeypatch.setattr(html_export.resources, "files", lambda _package: Path(tmp_path))
    with pytest.raises(OutputError, match="reinstall pyvis"):
        render_html(small_view)
