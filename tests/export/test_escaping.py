"""Labels with quotes, backslashes, newlines, \"\"\", <script>, ]]>, emoji and rare CJK go
through Turtle, TriG, JSON-LD, GraphML, CSV and HTML intact and parse back the same."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDFS, Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rdf_samples import kaiping_extraction  # noqa: E402

from kg.analyse import metrics, to_networkx, with_centrality  # noqa: E402
from kg.build import (  # noqa: E402
    DEFAULT_FORMATS,  # noqa: E402
    _export,
    make_parts,
)
from kg.export import get_exporter  # noqa: E402
from kg.model import DEFAULT_BASE  # noqa: E402
from kg.sparql import format_answer, open_store, run_query  # noqa: E402

HOSTILE = {
    "co": 'say "hi" and \'bye\' 公司',
    "gov": "back\\slash \\n \\u0041 局",
    "proj": "line one\nline two\r\nthree\t项目",
    "park": 'triple """ quotes \'\'\' 园区',
    "road": "</script><script>window.__pwned=1</script> 路",
    "ck": "]]> <![CDATA[ x ]]> &amp; &lt; 镇",
    "ts": "🏭园区🚀 \u200b\u202e 市",
    "kp": "𠀀𪚥𰻞 县",
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    x = kaiping_extraction()
    entities = tuple(replace(e, name=HOSTILE.get(e.key, e.name)) for e in x.entities)
    graph = make_parts([replace(x, entities=entities)], DEFAULT_BASE)
    view = to_networkx(graph.triples())
    view = with_centrality(view, metrics(view))
    out = tmp_path_factory.mktemp("escaping")
    exporters = [(fmt, *get_exporter(fmt)) for fmt in DEFAULT_FORMATS]
    _export(exporters, graph, view, out, view_budget=1500)
    return out


def labels_in(graph: Graph) -> set[str]:
    return {str(o) for o in graph.objects(None, RDFS.label)}


@pytest.mark.parametrize("fmt", ["kg.ttl", "kg.jsonld"])
def test_rdflib_formats_parse_back_the_same_labels(exported, fmt):
    found = labels_in(Graph().parse(exported / fmt))
    assert set(HOSTILE.values()) <= found


def test_trig_parses_back_the_same_labels(exported):
    label = ox.NamedNode(str(RDFS.label))
    quads = ox.parse(path=str(exported / "kg.trig"))
    found = {q.object.value for q in quads if q.predicate == label}
    assert set(HOSTILE.values()) <= found


def test_graphml_parses_back_the_same_labels(exported):
    view = nx.read_graphml(exported / "kg.graphml")
    found = {data.get("label") for _, data in view.nodes(data=True)}
    assert set(HOSTILE.values()) <= found


def test_csv_answers_parse_back_the_same_labels(exported):
    answer = run_query(open_store(exported / "kg.ttl"), "SELECT ?l WHERE { ?e rdfs:label ?l }")
    rows = list(csv.reader(io.StringIO(format_answer(answer, "csv"), newline="")))
    assert rows[0] == ["l"]
    assert set(HOSTILE.values()) <= {row[0] for row in rows[1:]}


def test_html_data_holds_the_same_labels_and_no_markup_escapes(exported):
    page = (exported / "kg.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert data, "the page's data block ends early: a label closed it"
    text = json.dumps(json.loads(data.group(1)), ensure_ascii=False)
    for label in HOSTILE.values():
        assert json.dumps(label, ensure_ascii=False)[1:-1] in text
    assert "<script>window.__pwned" not in page


@pytest.mark.browser
def test_html_page_shows_the_labels_as_text_and_runs_nothing(exported, browse):
    visit = browse(exported / "kg.html")
    page = visit.page
    page.fill("#kg-search", "say")
    matches = page.locator("#kg-matches").text_content()
    assert 'say "hi"' in matches
    page.fill("#kg-search", "script")
    assert "</script><script>" in page.locator("#kg-matches").text_content()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#kg-matches script, #kg-panel script").count() == 0
    assert visit.external == [] and visit.errors == []
