"""kg.sparql.engine and kg.sparql.store: read-only queries in the embedded store."""

from __future__ import annotations

import doctest

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

import kg.sparql.engine
import kg.sparql.results
import kg.sparql.store
from kg.errors import InputError, QueryError, UsageError
from kg.sparql import named_queries, named_query, open_store, run_query
from kg.sparql.engine import is_update, parse_binding
from kg.sparql.store import store_from_graph, to_oxigraph

KGO = "https://kg.example.org/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture
def small_store() -> ox.Store:
    store = ox.Store()
    for i, name in enumerate(["台山市", "开平市", "新会区"]):
        node = ox.NamedNode(f"https://kg.example.org/id/division/44078{i}")
        store.add(ox.Quad(node, ox.NamedNode(RDFS_LABEL), ox.Literal(name, language="zh")))
        store.add(
            ox.Quad(
                node,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(KGO + "County"),
            )
        )
    return store


@pytest.mark.parametrize("module", [kg.sparql.engine, kg.sparql.results, kg.sparql.store])
def test_doctests_pass(module):
    assert doctest.testmod(module).failed == 0


def test_prefixes_are_predeclared(small_store):
    answer = run_query(small_store, "SELECT ?c WHERE { ?c a kgo:County } ORDER BY ?c")
    assert answer.kind == "select" and answer.variables == ("c",)
    assert [row[0].value[-6:] for row in answer.rows] == ["440780", "440781", "440782"]


def test_a_query_may_redeclare_a_prefix(small_store):
    text = "PREFIX kgo: <http://example.org/other#> SELECT ?c WHERE { ?c a kgo:County }"
    assert len(run_query(small_store, text)) == 0


def test_limit_cuts_rows_and_says_so(small_store):
    answer = run_query(small_store, "SELECT ?c WHERE { ?c a kgo:County }", limit=2)
    assert len(answer.rows) == 2 and answer.truncated
    assert not run_query(small_store, "SELECT ?c WHERE { ?c a kgo:County }", limit=3).truncated


def test_ask_and_construct(small_store):
    assert run_query(small_store, "ASK { ?c a kgo:County }").boolean is True
    graph = run_query(small_store, "CONSTRUCT WHERE { ?c a kgo:County }")
    assert graph.kind == "graph" and len(graph.triples) == 3


def test_a_syntax_error_is_one_line_with_its_position(small_store):
    with pytest.raises(QueryError) as caught:
        run_query(small_store, "SELECT ?c WHERE {\n  ?c a kgo:County")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("SPARQL syntax error at line 2, column ")
    assert caught.value.exit_code == 2


def test_an_unknown_prefix_is_named_as_such(small_store):
    with pytest.raises(QueryError, match="unknown prefix"):
        run_query(small_store, "SELECT * WHERE { ?s nope:x ?o }")


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "PREFIX e: <http://e/#x>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
        "drop all",
        "LOAD <http://example.org/data.ttl>",
        "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused_and_change_nothing(small_store, text):
    assert is_update(text)
    with pytest.raises(QueryError, match="SPARQL Update"):
        run_query(small_store, text)
    assert len(small_store) == 6


@pytest.mark.parametrize(
    "text", ["SELECT * { ?s ?p ?o }", "# DROP ALL\nASK {}", "BASE <http://e/> DESCRIBE <x>"]
)
def test_queries_are_not_updates(text):
    assert not is_update(text)


def test_every_named_query_has_a_question_in_chinese_and_english_and_parses():
    queries = named_queries()
    assert len(queries) >= 12
    empty = ox.Store()
    for name, query in queries.items():
        zh, _, en = query.question.partition(" / ")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), name
        assert sum(c.isascii() and c.isalpha() for c in en) > 10, name
        assert query.text.startswith("# "), name
        run_query(empty, query.text)  # parses and runs


def test_an_unknown_named_query_lists_the_known_ones():
    with pytest.raises(QueryError, match="known: .*park-companies"):
        named_query("park-company")


def test_open_store_reads_files_and_store_folders(tmp_path, small_store):
    ttl = tmp_path / "g.ttl"
    ttl.write_text('<http://e/a> <http://e/b> "开平"@zh .\n', encoding="utf-8")
    assert len(open_store(ttl)) == 1
    folder = tmp_path / "store"
    on_disk = ox.Store(str(folder))
    on_disk.extend(small_store)
    on_disk.flush()
    del on_disk
    assert len(run_query(open_store(folder), "SELECT ?c WHERE { ?c a kgo:County }")) == 3


def test_open_store_explains_what_is_wrong(tmp_path):
    with pytest.raises(UsageError, match="run `kg build`"):
        open_store(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/a> <http://e/b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot parse .*bad.ttl"):
        open_store(bad)
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot tell the format"):
        open_store(odd)


def test_named_graphs_are_queried_as_their_union(tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_text(
        "<http://e/g1> { <http://e/a> a <https://kg.example.org/ontology#Town> . }\n"
        "<http://e/g2> { <http://e/b> a <https://kg.example.org/ontology#Town> . }\n",
        encoding="utf-8",
    )
    assert len(run_query(open_store(trig), "SELECT ?t WHERE { ?t a kgo:Town }")) == 2


def test_rdflib_terms_become_equal_oxigraph_terms():
    graph = Graph()
    graph.add((URIRef("http://e/a"), URIRef("http://e/v"), Literal("3.5", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#decimal"))))  # fmt: skip
    graph.add((URIRef("http://e/a"), URIRef("http://e/l"), Literal("台山", lang="zh")))
    graph.add((URIRef("http://e/a"), URIRef("http://e/s"), Literal("plain")))
    store = store_from_graph(graph)
    assert len(store) == 3
    assert to_oxigraph(Literal("台山", lang="zh")) == ox.Literal("台山", language="zh")
    answer = run_query(store, "SELECT ?v WHERE { ?a <http://e/v> ?v } ")
    assert answer.rows[0][0] == ox.Literal("3.5", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#decimal"))  # fmt: skip


def test_a_binding_narrows_the_query_to_one_value(small_store):
    text = "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"
    everything = run_query(small_store, text)
    name, term = parse_binding(f"label={everything.rows[0][1].value}")
    bound = run_query(small_store, text, bindings={name: term})
    assert 0 < len(bound) < len(everything) or len(everything) == 1
    assert all(row[1] == term for row in bound.rows)


def test_binding_a_variable_the_query_lacks_names_the_ones_it_has(small_store):
    with pytest.raises(UsageError, match=r"no variable \?nope.*\?label \?x"):
        run_query(small_store, "SELECT ?x ?label WHERE { ?x rdfs:label ?label }",
                  bindings={"nope": ox.Literal("a")})  # fmt: skip


def test_binding_a_variable_the_query_does_not_select_is_a_usage_error(small_store):
    with pytest.raises(UsageError, match="only variables the query selects"):
        run_query(small_store, "SELECT ?x WHERE { ?x rdfs:label ?label }",
                  bindings={"label": ox.Literal("a")})  # fmt: skip


@pytest.mark.parametrize("text", ["place", "=鹤山市", "place=", "a b=c"])
def test_a_malformed_binding_is_a_usage_error(text):
    with pytest.raises(UsageError):
        parse_binding(text)


def test_a_binding_value_is_read_as_a_term():
    assert parse_binding("x=<https://e.org/a>")[1] == ox.NamedNode("https://e.org/a")
    assert parse_binding('x="Heshan"@en')[1] == ox.Literal("Heshan", language="en")
    assert parse_binding("x=Heshan")[1] == ox.Literal("Heshan")
    assert parse_binding("x=鹤山市 ")[1] == ox.Literal("鹤山市", language="zh")
    with pytest.raises(UsageError, match="not an RDF term"):
        parse_binding('x="unclosed')
