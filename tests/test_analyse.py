"""kg.analyse: the NetworkX view of docs/rdf-model.md, its metrics and communities."""

from __future__ import annotations

import networkx as nx
import pytest
from rdf_samples import kaiping_extraction, synthetic_extractions, taishan_extraction
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.analyse import communities, metrics, to_networkx, with_centrality
from kg.model import build_graph, ontology_graph
from kg.vocab import DEFAULT_BASE, KGO

ID = DEFAULT_BASE
PARK = f"{ID}park/tan-jiang-zhi-zao-chan-ye-yuan"
KAIPING = f"{ID}division/440783"
ROAD = f"{ID}road/kai-yang-gao-su-kai-ping-zhi-tai-shan-duan"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph([kaiping_extraction(), taishan_extraction()])


@pytest.fixture(scope="module")
def view(graph) -> nx.MultiDiGraph:
    return to_networkx(graph)


def test_nodes_are_the_entities_only(graph, view):
    entities = {str(s) for s in graph.subjects(RDF.type, None) if "/article/" not in str(s)}
    entities -= {str(s) for s in ontology_graph().subjects()}
    assert set(view) == entities
    assert len(view) == 12
    assert not [n for n in view if "/article/" in n]


def test_node_attributes(view):
    park = view.nodes[PARK]
    assert park["label"] == "潭江智造产业园"
    assert park["label_en"] == "Tanjiangzhizao Chanyeyuan"
    assert park["kind"] == "Park" and park["code"] is None
    assert park["parents"] == ["赤坎镇", "开平市", "江门市", "广东省"]
    assert park["articles"] == ["kaiping-2024-07-15"]
    kaiping = view.nodes[KAIPING]
    assert (kaiping["kind"], kaiping["code"]) == ("County", "440783")
    assert kaiping["articles"] == ["kaiping-2024-07-15", "taishan-2024-08-02"]


def test_quantities_are_attributes_with_their_period_and_sentence(view):
    investment, growth = view.nodes[PARK]["quantities"]
    assert investment == {
        "value": "3.5",
        "unit": "亿元",
        "normalized_value": "350000000",
        "normalized_unit": "元",
        "measure": "完成投资",
        "qualifier": None,
        "period": "今年1月至6月",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "sentence": "今年1月至6月，潭江智造产业园完成投资3.5亿元，同比增长12.5%。",
        "article": "kaiping-2024-07-15",
    }
    assert (growth["value"], growth["unit"], growth["normalized_value"]) == ("12.5", "%", "0.125")


def test_sentences_carry_the_surface_form_and_article_metadata(view):
    sentences = view.nodes[PARK]["sentences"]
    assert [s["mention"] for s in sentences] == ["潭江智造产业园", "潭江智造产业园", "园区"]
    assert sentences[2]["text"] == "开平市将依托开阳高速开平至台山段，推动园区与台山市联动发展。"
    assert {(s["article"], s["title"], s["date"]) for s in sentences} == {
        ("kaiping-2024-07-15", "开平市上半年县域经济稳中有进", "2024-07-15")
    }


def test_nodes_carry_pinyin_and_short_forms(view):
    kaiping = view.nodes[KAIPING]
    assert kaiping["pinyin"] == "Kaiping Shi"
    assert kaiping["aliases"] == ["开平"]


def test_provenance_option_adds_sentences_and_articles_as_nodes(graph, view):
    full = to_networkx(graph, provenance=True)
    kinds = {d["kind"] for _, d in full.nodes(data=True)}
    assert {"Sentence", "Article"} <= kinds
    assert set(view) < set(full)
    articles = [n for n, d in full.nodes(data=True) if d["kind"] == "Article"]
    assert sorted(full.nodes[a]["article"] for a in articles) == [
        "kaiping-2024-07-15",
        "taishan-2024-08-02",
    ]
    for u, v, key in full.edges(keys=True):
        if key == "wasDerivedFrom":
            assert full.nodes[v]["kind"] == "Sentence" and u in view
        if key == "isPartOf" and full.nodes[u]["kind"] == "Sentence":
            assert full.nodes[v]["kind"] == "Article"
    # every sentence an entity comes from is a node linked to it
    park_sentences = {v for _, v, k in full.out_edges(PARK, keys=True) if k == "wasDerivedFrom"}
    assert {full.nodes[s]["text"] for s in park_sentences} == {
        s["text"] for s in view.nodes[PARK]["sentences"]
    }


def test_gazetteer_parents_have_no_sentences(view):
    jiangmen = view.nodes[f"{ID}division/440700"]
    assert jiangmen["sentences"] == [] and jiangmen["articles"] == []
    assert jiangmen["parents"] == ["广东省"]


def test_edges_are_keyed_by_predicate_with_labels_and_source(view):
    edge = view.edges[KAIPING, ROAD, "dependsOn"]
    assert edge == {
        "predicate": str(KGO.dependsOn),
        "label_zh": "依托",
        "label_en": "depends on",
        "sentence": "开平市将依托开阳高速开平至台山段，推动园区与台山市联动发展。",
        "article": "kaiping-2024-07-15",
        "sentences": [
            {
                "text": "开平市将依托开阳高速开平至台山段，推动园区与台山市联动发展。",
                "article": "kaiping-2024-07-15",
            }
        ],
        "source": "text",
    }
    gazetteer = view.edges[KAIPING, f"{ID}division/440700", "locatedIn"]
    assert (gazetteer["sentence"], gazetteer["article"]) == (None, None)
    assert (gazetteer["sentences"], gazetteer["source"]) == ([], "gazetteer")
    assert set(view[ROAD][KAIPING]) == {"connects"}
    assert view.number_of_edges() == 13


def test_kind_is_the_most_specific_class(graph):
    richer = Graph()
    richer += graph
    company = URIRef(f"{ID}company/guang-dong-qiao-yun-wen-lv-fa-zhan-you-xian-gong-si")
    richer.add((company, RDF.type, KGO.Organization))
    richer.add((company, RDF.type, KGO.Entity))
    assert to_networkx(richer).nodes[str(company)]["kind"] == "Company"


def test_ontology_alone_gives_an_empty_view():
    view = to_networkx(ontology_graph())
    assert len(view) == 0
    assert metrics(view).components == 0 and metrics(view).top == ()
    assert communities(view) == []


def test_metrics_are_deterministic_and_ranked(view):
    m = metrics(view, top=5)
    assert (m.nodes, m.edges, m.components) == (12, 13, 1)
    assert [label for _, label, _ in m.top] == [
        "潭江智造产业园项目",
        "江门市",
        "开阳高速开平至台山段",
        "开平市",
        "开阳高速开平至台山段改线项目",
    ]
    assert m.top[0][2] == pytest.approx(0.134511, abs=1e-6)
    assert [score for *_, score in m.top] == sorted((s for *_, s in m.top), reverse=True)
    assert sum(m.pagerank.values()) == pytest.approx(1.0)
    assert m.top_degree[0][1] == "江门市"  # ties with 开平市 at degree 3; IRI order decides
    assert metrics(view, top=5) == m


def test_with_centrality_returns_an_annotated_copy(view):
    annotated = with_centrality(view)
    assert annotated is not view
    assert annotated.nodes[KAIPING]["centrality"] == pytest.approx(metrics(view).pagerank[KAIPING])
    assert "centrality" not in view.nodes[KAIPING]
    assert annotated.nodes[KAIPING]["label"] == "开平市"


def test_communities_with_a_pinned_seed(view):
    labels = [sorted(view.nodes[n]["label"] for n in c) for c in communities(view, seed=42)]
    assert labels == [
        [
            "广东侨韵文旅发展有限公司",
            "江门市发展和改革局",
            "潭江智造产业园",
            "潭江智造产业园项目",
            "赤坎镇",
        ],
        ["台山市", "广东省", "开平市", "开阳高速开平至台山段", "江门市"],
        ["开阳高速开平至台山段改线项目", "江门市交通运输局"],
    ]
    assert communities(view, seed=42) == communities(view, seed=42)


def test_two_cliques_joined_by_one_edge_are_two_communities():
    view = nx.MultiDiGraph()
    for group in ("abcd", "efgh"):
        view.add_edges_from((u, v, "relatedTo") for u in group for v in group if u < v)
    view.add_edge("d", "e", "relatedTo")
    assert communities(view) == [set("abcd"), set("efgh")]


@pytest.mark.slow
def test_view_of_a_100k_triple_graph_keeps_every_entity():
    # speed is measured in bench/stages.py, not asserted here
    graph = build_graph(synthetic_extractions(400))
    assert len(graph) > 95_000
    view = to_networkx(graph)
    assert view.number_of_nodes() == 2005  # 5 shared divisions, 5 named things per article


def test_the_view_read_from_ntriples_bytes_is_the_view_read_from_terms():
    """The build reads the union's N-Triples by slicing lines (kg.ntriples); it must
    give the view pyoxigraph's parser gives, labels with escapes and tags included."""
    from kg.build import make_parts

    parts = make_parts([kaiping_extraction(), taishan_extraction()], DEFAULT_BASE)
    from_bytes, from_terms = to_networkx(parts.union), to_networkx(parts.triples())
    assert list(from_bytes.nodes(data=True)) == list(from_terms.nodes(data=True))
    assert list(from_bytes.edges(keys=True, data=True)) == list(
        from_terms.edges(keys=True, data=True)
    )
    assert from_bytes.number_of_nodes() > 10


def test_ntriples_lines_are_read_as_pyoxigraph_reads_them():
    import pyoxigraph as ox

    from kg.ntriples import index_ntriples

    s, p = ox.NamedNode("https://x.example/s"), ox.NamedNode("https://x.example/p")
    objects = [
        ox.Literal('引号"和\\反斜杠\n换行\t制表 \u2028 😀 𠀀'),
        ox.Literal("开平", language="zh"),
        ox.Literal("kai ping", language="zh-latn-pinyin"),
        ox.Literal("344", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("\u0001\u007f\x85\x1c控制"),
        ox.NamedNode("https://x.example/o#with>?"[:-2]),
    ]
    data = ox.serialize([ox.Triple(s, p, o) for o in objects], format=ox.RdfFormat.N_TRIPLES)
    (values,) = index_ntriples(data)[URIRef(s.value)].values()
    assert [str(v) for v in values] == [o.value for o in objects]
    assert [getattr(v, "language", None) for v in values] == [
        getattr(o, "language", None) for o in objects
    ]
    assert isinstance(values[-1], URIRef)
