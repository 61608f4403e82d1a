"""kg analyse: the report folder, its charts, and the files for Gephi and spreadsheets."""

from __future__ import annotations

import csv
import json
import re
import warnings
from collections import Counter

import networkx as nx
import pytest
from analyse_helpers import SEED

from kg.analyse import analyse
from kg.analyse import charts as charts_module
from kg.analyse import report as report_module
from kg.analyse.commands import analyse_and_write
from kg.cli import main

CHARTS = ("classes", "investment", "area", "over-time", "divisions", "communities")


@pytest.fixture(scope="module")
def written(seed_view, tmp_path_factory):
    out = tmp_path_factory.mktemp("analysis")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")
        result = analyse_and_write(seed_view, out, seed=42)
    return out, result


def test_report_folder_holds_page_markdown_figures_and_charts(written, seed_view):
    out, result = written
    report = out / "report"
    assert result.warnings == []  # fonts-noto-cjk is installed here (.ci/run installs it)
    for stem in CHARTS:
        svg = (report / "charts" / f"{stem}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg and "NotoSansCJK" in svg, stem  # Chinese drawn with the CJK font
        assert (report / "charts" / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (report / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page), "the page links outside"
    assert all(f"charts/{stem}.svg" in page for stem in CHARTS)
    markdown = (report / "report.md").read_text(encoding="utf-8")
    for heading in ("Counts by class", "Most central entities", "Communities",
                    "Figures by entity and period"):  # fmt: skip
        assert f"## {heading}" in markdown and f"<h2>{heading}</h2>" in page
    assert "| 鹤山市 |" in markdown
    with open(report / "figures.csv", encoding="utf-8") as f:
        figures = list(csv.DictReader(f))
    assert len(figures) == sum(len(d["quantities"]) for _, d in seed_view.nodes(data=True))
    assert {
        "entity": "鹤山主平台",
        "measure": "规划面积",
        "value": "31.2",
        "unit": "平方公里",
    }.items() <= next(r for r in figures if r["entity"] == "鹤山主平台").items()


def test_without_a_cjk_font_charts_use_pinyin_and_say_so_once(seed_view, tmp_path, monkeypatch):
    monkeypatch.setattr(charts_module, "cjk_font", lambda: None)
    monkeypatch.setattr(report_module, "cjk_font", lambda: None)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")  # boxes would warn
        _, told = report_module.write_report(seed_view, analyse(seed_view), tmp_path)
    assert len(told) == 1 and "fonts-noto-cjk" in told[0] and "pinyin" in told[0]
    svg = (tmp_path / "charts" / "divisions.svg").read_text(encoding="utf-8")
    assert "CJK" not in svg and "DejaVuSans" in svg


def test_graphml_and_gexf_read_back_with_the_same_nodes_and_edges(seed_out, written, seed_view):
    out, _ = written
    edges = Counter((u, v, k) for u, v, k in seed_view.edges(keys=True))
    graphml = nx.read_graphml(seed_out / "kg.graphml", force_multigraph=True)
    assert set(graphml) == set(seed_view)
    assert Counter(tuple(e) for e in graphml.edges(keys=True)) == edges
    gexf = nx.read_gexf(out / "kg.gexf")
    assert set(gexf) == set(seed_view)
    assert Counter((u, v, d["label"]) for u, v, d in gexf.edges(data=True)) == edges
    heshan = "https://kg.example.org/id/division/440784"
    node = gexf.nodes[heshan]
    assert (node["label"], node["class"], node["code"]) == ("鹤山市", "County", "440784")
    assert set(node["viz"]["color"]) >= {"r", "g", "b"} and node["pagerank"] > 0.1
    colours = {(gexf.nodes[n]["class"], str(gexf.nodes[n]["viz"]["color"])) for n in gexf}
    assert len(colours) == len({c for c, _ in colours})  # one colour per class


def test_csv_of_nodes_and_edges(written, seed_view):
    out, result = written
    with open(out / "kg-nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(out / "kg-edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert [r["iri"] for r in nodes] == list(seed_view)
    assert len(edges) == seed_view.number_of_edges()
    communities = {r["community"] for r in nodes}
    assert len(communities) == len(result.analysis.communities)
    gazetteer = [e for e in edges if e["evidence"] == "gazetteer"]
    assert gazetteer and all(e["predicate"] == "locatedIn" and not e["sentence"] for e in gazetteer)


def test_kg_analyse_prints_key_figures_and_writes_beside_the_graph(seed_out, capsys, tmp_path):
    assert main(["analyse", str(seed_out / "kg.ttl"), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "entities: 82" in out and "鹤山市 (County)" in out and "betweenness: exact" in out
    assert (tmp_path / "report" / "index.html").is_file() and (tmp_path / "kg.gexf").is_file()
    assert (
        main(["analyse", str(seed_out / "kg.ttl"), "--out", str(tmp_path), "--format", "json"]) == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["figures"]["entities"] == 82 and answer["central"][0]["entity"] == "鹤山市"
    assert main(["analyse", str(tmp_path / "missing.ttl")]) == 2
    assert "no graph at" in capsys.readouterr().err


def test_a_new_build_no_longer_leaves_the_older_report_beside_its_graph(tmp_path, capsys):
    # kg analyse wrote plain files beside the build's links: a later build kept
    # the report of the graph it had replaced.
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    assert main(["analyse", str(out / "kg.ttl")]) == 0
    printed = capsys.readouterr().out
    for name in ("report", "kg.gexf", "kg-nodes.csv", "kg-edges.csv"):
        assert (out / name).is_symlink() and (out / name).exists(), name
        assert str(out / name) in printed or name == "report"
    assert (out / "report" / "index.html").is_file()
    builds = [p.name for p in (out / ".kg-builds").iterdir()]
    assert len(builds) == 1 and not any("partial" in b for b in builds)
    assert main(["analyse", str(out / "kg.ttl")]) == 0  # again: replaced, not merged
    assert (out / "report" / "index.html").is_file()
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    for name in ("report", "kg.gexf", "kg-nodes.csv", "kg-edges.csv"):
        assert not (out / name).exists() and not (out / name).is_symlink(), name
    assert (out / "kg.ttl").is_file()


def test_gexf_escapes_what_xml_cannot_hold(tmp_path):
    view = nx.MultiDiGraph()
    hostile = 'a&b<c>"d"\n\r\te\x00f\x1f\ud800]]>'
    view.add_node("x:1", label=hostile, kind="Park", quantities=[])
    view.add_node('x:2"<&', label="潭江", kind="Town", code="1", quantities=[])
    view.add_edge("x:1", 'x:2"<&', "locatedIn", label_zh="位于", sentence=hostile, sentences=[])
    from kg.analyse.exports import write_gexf

    write_gexf(view, analyse(view), tmp_path / "kg.gexf")
    back = nx.read_gexf(tmp_path / "kg.gexf")
    assert set(back) == {"x:1", 'x:2"<&'}
    assert back.nodes["x:1"]["label"] == 'a&b<c>"d"\n\r\te\ufffdf\ufffd\ufffd]]>'
