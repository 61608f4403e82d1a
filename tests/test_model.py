"""kg.model: records to RDF as docs/rdf-model.md says, deterministically."""

from __future__ import annotations

import hashlib
import logging
import os
import random
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_samples import kaiping_extraction, taishan_extraction
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

import kg.model as model
from kg.errors import ExtractionContractError, InputError, OntologyError, UsageError
from kg.model import (
    article_graph,
    article_graphs,
    build_graph,
    iri_minter,
    mint_iri,
    ontology_graph,
)
from kg.records import DIVISION_KINDS, KINDS, Entity, Relation
from kg.vocab import DEFAULT_BASE, KGO

TESTS = Path(__file__).parent
# Not rdflib.XSD: pytest probes module globals and XSD warns on unknown names.
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
GOLDEN = TESTS / "golden" / "kaiping-article.ttl"
ID = DEFAULT_BASE
KAIPING = URIRef(f"{ID}division/440783")
PARK = URIRef(f"{ID}park/tan-jiang-zhi-zao-chan-ye-yuan")


@pytest.fixture(scope="module")
def both() -> Graph:
    return build_graph([kaiping_extraction(), taishan_extraction()])


def test_entity_reaches_its_sentence_text_in_one_query(both):
    rows = both.query(
        """
        SELECT ?text ?title WHERE {
            ?park rdfs:label "潭江智造产业园"@zh ;
                  prov:wasDerivedFrom ?s .
            ?s kgo:text ?text ; dcterms:isPartOf/dcterms:title ?title .
        } ORDER BY ?text
        """
    )
    texts = [str(r.text) for r in rows]
    assert len(texts) == 3
    assert "今年1月至6月，潭江智造产业园完成投资3.5亿元，同比增长12.5%。" in texts
    assert {str(r.title) for r in rows} == {"开平市上半年县域经济稳中有进"}


def test_quantity_is_normalised_with_its_period(both):
    rows = list(
        both.query(
            """
            SELECT ?q ?value ?norm ?code ?start ?end ?expr ?begin WHERE {
                ?q a kgo:Quantity ; kgo:about ?park ; kgo:measure "完成投资" ;
                   schema:value ?value ; schema:unitText "亿元" ;
                   kgo:normalizedValue ?norm ; kgo:normalizedUnit "元" ; schema:unitCode ?code ;
                   kgo:period ?p .
                ?p schema:startDate ?start ; schema:endDate ?end ; kgo:expression ?expr ;
                   time:hasBeginning/time:inXSDDate ?begin .
            }
            """,
            initBindings={"park": PARK},
        )
    )
    assert len(rows) == 1
    row = rows[0]
    assert row.value.toPython() == Decimal("3.5") and row.value.datatype == DECIMAL
    assert row.norm.toPython() == Decimal(350000000) and row.norm.datatype == DECIMAL
    assert str(row.code) == "CNY" and str(row.expr) == "今年1月至6月"
    assert (str(row.start), str(row.end), str(row.begin)) == (
        "2024-01-01",
        "2024-06-30",
        "2024-01-01",
    )
    assert row.start.datatype == DATE


def test_statement_carries_the_relation_and_its_sentence(both):
    ask = """
        ASK {
            ?st a kgo:Statement ; rdf:subject ?park ; rdf:predicate kgo:locatedIn ;
                rdf:object <https://kg.example.org/id/division/440783109> ;
                prov:wasDerivedFrom/kgo:text ?text .
            ?park kgo:locatedIn <https://kg.example.org/id/division/440783109> .
            FILTER(CONTAINS(?text, "赤坎镇"))
        }
    """
    assert both.query(ask, initBindings={"park": PARK}).askAnswer


def test_gazetteer_parents_have_labels_and_hierarchy_but_no_provenance(both):
    jiangmen, guangdong = URIRef(f"{ID}division/440700"), URIRef(f"{ID}division/440000")
    assert (KAIPING, KGO.locatedIn, jiangmen) in both
    assert (jiangmen, KGO.locatedIn, guangdong) in both
    assert (jiangmen, RDFS.label, Literal("江门市", lang="zh")) in both
    assert (jiangmen, KGO.divisionCode, Literal("440700")) in both
    for parent in (jiangmen, guangdong):
        assert not list(both.objects(parent, model.PROV.wasDerivedFrom))
        assert not list(both.objects(parent, KGO.mentionedIn))


    labels = {(str(o), o.language) for o in both.objects(KAIPING, RDFS.label)}
    labels = {(str(o), o.language.lower()) for o in both.objects(KAIPING, RDFS.label)}
    assert labels == {("开平市", "zh"), ("Kaiping Shi", "zh-latn-pinyin")}  # tags are case-blind
    assert (KAIPING, model.SKOS.altLabel, Literal("开平", lang="zh")) in both
    articles = {
        str(s).split("/article/")[1].split("/")[0]
        for s in both.objects(KAIPING, model.PROV.wasDerivedFrom)
    }
    assert articles == {"kaiping-2024-07-15", "taishan-2024-08-02"}
    roads = set(both.subjects(RDF.type, KGO.Road))
    assert roads == {URIRef(f"{ID}road/kai-yang-gao-su-kai-ping-zhi-tai-shan-duan")}


def test_mention_offsets_slice_the_article_text():
    x = kaiping_extraction()
    graph = article_graph(x)
    for mention in graph.subjects(RDF.type, KGO.Mention):
        begin = graph.value(mention, KGO.beginIndex).toPython()
        end = graph.value(mention, KGO.endIndex).toPython()
        assert x.article.text[begin:end] == str(graph.value(mention, KGO.anchorOf))


def test_article_graph_matches_the_golden_file():
    built = article_graph(kaiping_extraction())
    golden = Graph().parse(GOLDEN, format="turtle")
    if to_isomorphic(built) != to_isomorphic(golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        pytest.fail(
            "article graph differs from tests/golden/kaiping-article.ttl\n"
            f"only in built:\n{only_built.serialize(format='nt')}\n"
            f"only in golden:\n{only_golden.serialize(format='nt')}"
        )


def test_build_graph_holds_the_ontology_no_blank_nodes_and_binds_prefixes(both):
    assert (KGO.locatedIn, RDFS.label, Literal("位于", lang="zh")) in both
    assert not [t for t in both if any(isinstance(term, BNode) for term in t)]
    prefixes = {prefix: str(ns) for prefix, ns in both.namespaces()}
    for prefix in ("kgo", "schema", "prov", "time", "dcterms", "skos", "xsd"):
        assert prefix in prefixes
    assert prefixes["kg"] == ID
    assert prefixes["schema"] == "https://schema.org/"


def test_article_graphs_are_per_article_and_share_iris():
    graphs = article_graphs([kaiping_extraction(), taishan_extraction()])
    assert sorted(graphs) == ["kaiping-2024-07-15", "taishan-2024-08-02"]
    shared = set(graphs["kaiping-2024-07-15"].subjects()) & set(
        graphs["taishan-2024-08-02"].subjects()
    )
    assert KAIPING in shared
    assert (KGO.Entity, RDF.type, OWL.Class) not in graphs["kaiping-2024-07-15"]


def test_turtle_is_byte_identical_across_runs_and_orders():
    a, b = kaiping_extraction(), taishan_extraction()
    first = build_graph([a, b]).serialize(format="turtle")
    assert build_graph([a, b]).serialize(format="turtle") == first
    assert build_graph([b, a]).serialize(format="turtle") == first


@pytest.mark.slow
def test_turtle_is_byte_identical_across_processes_with_different_hash_seeds():
    script = (
        "import sys; from kg.model import build_graph; "
        "from rdf_samples import kaiping_extraction as k, taishan_extraction as t; "
        "graph = build_graph([k(), t()]); "
        "sys.stdout.buffer.write(graph.serialize(format='turtle', encoding='utf-8'))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(TESTS)}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    here = build_graph([kaiping_extraction(), taishan_extraction()])
    assert here.serialize(format="turtle", encoding="utf-8") == outputs[0]


def test_figure_without_subject_is_skipped_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="kg.model"):
        graph = article_graph(kaiping_extraction())
    assert "4.8公里" in caplog.text
    assert not list(graph.subjects(KGO.surfaceText, Literal("4.8公里")))
    assert len(set(graph.subjects(RDF.type, KGO.Quantity))) == 4


def test_range_gets_upper_values():
    x = kaiping_extraction()
    q = replace(x.quantities[0], text="3.5亿元", upper=Decimal("5"))
    graph = article_graph(x.evolve(quantities=(q,)))
    node = URIRef(f"{ID}article/kaiping-2024-07-15/quantity/0")
    assert graph.value(node, model.SCHEMA.maxValue).toPython() == Decimal(5)
    assert graph.value(node, KGO.normalizedUpperValue).toPython() == Decimal(500000000)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda x: x.evolve(entities=(*x.entities, Entity("z", "Factory", "某厂"))), "kind"),
        (lambda x: x.evolve(relations=(Relation("park", "owns", "co", 0),)), "owns"),
        (lambda x: x.evolve(relations=(Relation("park", "hosts", "nobody", 0),)), "nobody"),
        (lambda x: x.evolve(relations=(Relation("park", "hosts", "co", 99),)), "99"),
        (lambda x: x.evolve(entities=(replace(x.entities[5], mentions=(500,)),)), "500"),
        (lambda x: x.evolve(entities=(replace(x.entities[5], parent="nowhere"),)), "nowhere"),
    ],
)
def test_broken_records_raise_a_contract_error(change, message):
    with pytest.raises(ExtractionContractError, match=message):
        article_graph(change(kaiping_extraction()))


def test_two_articles_with_one_id_are_refused():
    a = kaiping_extraction()
    b = a.evolve(
        article=replace(
            a.article, meta=replace(a.article.meta, source_path="other/kaiping-2024-07-15.txt")
        )
    )
    with pytest.raises(InputError, match="share the id"):
        build_graph([a, b])


def test_odd_article_ids_stay_valid_iris():
    x = kaiping_extraction()
    x = x.evolve(article=replace(x.article, id="开平 报道#1"))
    graph = article_graph(x)
    articles = list(graph.subjects(RDF.type, KGO.Article))
    assert [str(a) for a in articles] == [f"{ID}article/开平%20报道%231"]


def test_base_is_configurable_and_checked():
    graph = article_graph(kaiping_extraction(), base="http://example.com/kg")
    assert (URIRef("http://example.com/kg/division/440783"), RDF.type, KGO.County) in graph
    with pytest.raises(UsageError, match="absolute"):
        build_graph([kaiping_extraction()], base="not an iri")


def test_unreadable_ontology_is_an_ontology_error(tmp_path, monkeypatch):
    bad = tmp_path / "kg.ttl"
    bad.write_text("@prefix kgo: <x> .\nkgo:a kgo:b", encoding="utf-8")
    monkeypatch.setattr(model, "ontology_file", lambda name="kg.ttl": bad)
    model.ontology_triples.cache_clear()
    try:
        with pytest.raises(OntologyError, match="kg.ttl"):
            ontology_graph()
    finally:
        model.ontology_triples.cache_clear()


def test_colliding_slugs_get_a_hash_suffix_in_sorted_name_order():
    names = ["华立科技", "华力科技"]  # both hua-li-ke-ji
    minter = iri_minter(Entity(str(i), "Company", n) for i, n in enumerate(names))
    plain = "company/hua-li-ke-ji"
    assert minter.path(Entity("a", "Company", "华力科技")) == plain  # 力 sorts before 立
    digest = hashlib.sha1("华立科技".encode()).hexdigest()[:6]
    assert minter.path(Entity("b", "Company", "华立科技")) == f"{plain}-{digest}"
    assert mint_iri(ID, "Company", "华立科技") == URIRef(ID + plain)


def test_division_iri_is_its_code_and_the_fullest_name_labels_it():
    minter = iri_minter(
        [
            Entity("a", "County", "开平", code="440783"),
            Entity("b", "County", "开平市", code="440783"),
        ]
    )
    assert minter.path(Entity("c", "County", "开平", code="440783")) == "division/440783"
    assert minter.label(Entity("c", "County", "开平", code="440783")) == "开平市"


# Few syllables and some ASCII, so that slugs collide often.
NAMES = st.text(alphabet="华花化力立利科技园 Ab1-", min_size=1, max_size=6)
PAIRS = st.lists(st.tuples(st.sampled_from(KINDS[len(DIVISION_KINDS) :]), NAMES), max_size=25)


@settings(max_examples=200, deadline=None)
@given(PAIRS, st.randoms(use_true_random=False))
def test_distinct_things_never_share_an_iri_and_order_does_not_matter(pairs, rng: random.Random):
    entities = [Entity(str(i), kind, name) for i, (kind, name) in enumerate(pairs)]
    minter = iri_minter(entities)
    iris = {(e.kind, e.name): minter.iri(ID, e) for e in entities}
    assert len(set(iris.values())) == len(iris)
    shuffled = entities[:]
    rng.shuffle(shuffled)
    again = iri_minter(shuffled)
    assert all(again.iri(ID, e) == iris[(e.kind, e.name)] for e in entities)


@given(NAMES)
def test_slugs_are_lowercase_ascii(name):
    slug = model.pinyin_slug(name)
    assert slug and all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)
    assert model.pinyin_slug(name) == slug
