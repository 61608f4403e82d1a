"""kg.sparql.results: the SPARQL 1.1 result formats read back by pyoxigraph's own parsers."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import UsageError
from kg.sparql.engine import Answer
from kg.sparql.results import format_answer, output_format

XSD = "http://www.w3.org/2001/XMLSchema#"
PLACE = ox.NamedNode("https://kg.example.org/id/division/440781")
PARK = ox.NamedNode("https://kg.example.org/id/park/guang-hai-wan")
DECIMAL = ox.NamedNode(XSD + "decimal")
ROWS = (
    (PLACE, ox.Literal("台山市", language="zh"), ox.Literal("156.8", datatype=DECIMAL)),
    (PARK, None, ox.Literal('a "quoted", two\nlines')),
)
ANSWER = Answer("select", ("place", "label", "value"), ROWS)


def _parsed(text: str, fmt: ox.QueryResultsFormat) -> list[tuple]:
    solutions = ox.parse_query_results(text.encode("utf-8"), format=fmt)
    return [tuple(row) for row in solutions]


@pytest.mark.parametrize("name,fmt", [("json", ox.QueryResultsFormat.JSON),
                                      ("xml", ox.QueryResultsFormat.XML),
                                      ("tsv", ox.QueryResultsFormat.TSV)])  # fmt: skip
def test_solutions_read_back_equal(name, fmt):
    assert _parsed(format_answer(ANSWER, name), fmt) == [tuple(r) for r in ROWS]


def test_json_is_the_sparql_results_shape():
    document = json.loads(format_answer(ANSWER, "json"))
    assert document["head"] == {"vars": ["place", "label", "value"]}
    first, second = document["results"]["bindings"]
    assert first["label"] == {"type": "literal", "value": "台山市", "xml:lang": "zh"}
    assert first["value"]["datatype"] == XSD + "decimal"
    assert "label" not in second and "datatype" not in second["value"]


def test_csv_has_plain_values_and_rfc4180_line_ends():
    text = format_answer(ANSWER, "csv")
    assert text.startswith("place,label,value\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [PLACE.value, "台山市", "156.8"]
    assert rows[2][2] == 'a "quoted", two\nlines'


def test_ask_in_every_format():
    yes = Answer("ask", boolean=True)
    assert json.loads(format_answer(yes, "json")) == {"head": {}, "boolean": True}
    assert ET.fromstring(format_answer(yes, "xml")).find(
        "{http://www.w3.org/2005/sparql-results#}boolean").text == "true"  # fmt: skip
    assert format_answer(yes, "table") == "true\n"


def test_table_aligns_chinese_and_counts_rows():
    text = format_answer(ANSWER, "table")
    header, rule, first, second, count = text.splitlines()
    assert header.startswith("place ") and "-+-" in rule
    assert "kg:division/440781" in first and "台山市" in first
    assert "two lines" in second  # a line break in a value stays on its row
    assert count == "(2 rows)"
    cut = Answer("select", ("x",), ((PLACE,),), truncated=True)
    assert format_answer(cut, "table").endswith("(1 row, cut at the result limit)\n")


def test_graphs_are_turtle_whatever_solution_format_was_asked():
    triple = ox.Triple(PLACE, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal("台山市", language="zh"))  # fmt: skip
    answer = Answer("graph", triples=(triple,))
    assert output_format(answer, "csv") == "turtle"
    text = format_answer(answer, "table")
    assert "rdfs:label" in text
    assert [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)] == [triple]
    nt = format_answer(answer, "ntriples")
    assert [q.triple for q in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)] == [triple]


def test_an_unknown_format_lists_the_known_ones():
    with pytest.raises(UsageError, match="known: table, csv"):
        format_answer(ANSWER, "yaml")


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(TEXT, st.sampled_from(["zh", "en", None]))
def test_any_literal_survives_json_xml_and_tsv(text, language):
    literal = ox.Literal(text, language=language) if language else ox.Literal(text)
    answer = Answer("select", ("v",), ((literal,),))
    for name, fmt in (("json", ox.QueryResultsFormat.JSON), ("tsv", ox.QueryResultsFormat.TSV)):
        assert _parsed(format_answer(answer, name), fmt) == [(literal,)]
    xml = format_answer(answer, "xml")
    ET.fromstring(xml)  # always well-formed, even for control characters
    if not any(ch < " " and ch not in "\t\n\r" for ch in text):
        assert _parsed(xml, ox.QueryResultsFormat.XML) == [(literal,)]
