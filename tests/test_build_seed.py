"""End to end: `kg build` on the seed article, checked with SPARQL and an independent parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from kg.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "articles" / "heshan-2023-11-16.txt"
PREFIXES = """
PREFIX kgo: <https://kg.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    g = Graph()
    g.parse(built / "kg.ttl")
    return g


def ask(graph: Graph, body: str) -> bool:
    return bool(graph.query(PREFIXES + "ASK {" + body + "}").askAnswer)


def test_heshan_is_a_county_located_in_jiangmen(graph):
    assert ask(
        graph,
        '?h a kgo:County ; rdfs:label "鹤山市"@zh ; kgo:locatedIn ?j . '
        '?j rdfs:label "江门市"@zh ; a kgo:Prefecture .',
    )


def test_zhishan_is_a_town_located_in_heshan(graph):
    assert ask(
        graph,
        '?z a kgo:Town ; rdfs:label "址山镇"@zh ; kgo:locatedIn ?h . ?h rdfs:label "鹤山市"@zh .',
    )


def test_the_31_2_square_kilometre_figure_has_its_sentence(graph):
    assert ask(
        graph,
        '?q a kgo:Quantity ; schema:value 31.2 ; schema:unitText "平方公里" ; '
        'prov:wasDerivedFrom ?s . ?s kgo:text ?t . FILTER(CONTAINS(?t, "31.2平方公里"))',
    )


def test_every_entity_reaches_a_sentence_text_in_one_query(graph):
    rows = graph.query(
        PREFIXES
        + """
        SELECT ?e WHERE {
          ?e kgo:mentionedIn ?m .
          FILTER NOT EXISTS { ?e prov:wasDerivedFrom ?s . ?s kgo:text ?t }
        }"""
    )
    assert list(rows) == []


def test_the_article_keeps_its_page_metadata(graph):
    assert ask(
        graph,
        '?a a kgo:Article ; dcterms:title "发展县域经济,奋力再造一个工业新鹤山" ; '
        'kgo:page "JMA13" ; dcterms:creator "鹤讯" .',
    )


def test_turtle_parses_in_an_independent_parser(built):
    triples = list(pyoxigraph.parse(path=str(built / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 1000


def test_all_outputs_are_written(built):
    for name in ("kg.ttl", "kg.jsonld", "kg.graphml", "kg.html"):
        assert (built / name).stat().st_size > 0, name
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]


def test_rebuilding_gives_byte_identical_turtle(built, tmp_path):
    assert main(["build", str(SEED), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "kg.ttl").read_bytes() == (built / "kg.ttl").read_bytes()


def test_a_bad_input_is_reported_and_the_others_still_build(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00garbage \xc3\x28")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.txt" in err and "Traceback" not in err
    assert (out / "kg.ttl").exists()


def test_a_missing_input_is_a_usage_error_with_one_line(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: no such file") and "\n" not in err
    assert not (tmp_path / "o").exists()


def test_query_output_into_a_closed_pipe_gives_no_traceback(built):
    # `kg query … | head -1` once died with a BrokenPipeError traceback
    import subprocess
    import sys

    script = (
        "import sys; from kg.cli import main; "
        f"sys.exit(main(['query', 'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}', '--graph', "
        f"{str(built / 'kg.ttl')!r}]))"
    )
    proc = subprocess.run(
        f'{sys.executable} -c "{script}" | head -1', shell=True, capture_output=True, text=True
    )
    assert "Traceback" not in proc.stderr


def test_a_long_inline_query_is_not_taken_for_a_file_name(built, capsys):
    # a query over 255 bytes once died with OSError: File name too long
    padding = " ".join(f"?v{i}" for i in range(60))
    query = f"SELECT ?s WHERE {{ ?s a kgo:County }} # {padding}"
    assert main(["query", query, "--graph", str(built / "kg.ttl")]) == 0
    assert "division/440784" in capsys.readouterr().out
