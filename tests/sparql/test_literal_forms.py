"""One term for one value: kg.ttl, kg.trig, kg.jsonld and the store hold the same quads.

kg.ttl wrote ``schema:value 344.0`` where kg.trig (written from an Oxigraph
store, which keeps numbers by value) wrote ``"344"^^xsd:decimal``: a store
that keeps literals as written, as Jena does, answered differently for the
two files. Language tags compare in lower case: RDF 1.1 lets a parser lower
them (pyoxigraph does), so their case is not part of the term.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.build import DEFAULT_FORMATS, build
from kg.sparql import open_store

SEED = Path(__file__).resolve().parents[2] / "data" / "articles"


def triples(path: Path, fmt: ox.RdfFormat) -> set[ox.Triple]:
    """The file's quads with the graph names dropped (kg.ttl and kg.jsonld have none)."""
    return {quad.triple for quad in ox.parse(path=str(path), format=fmt)}


def test_the_outputs_and_the_store_hold_the_same_terms(tmp_path):
    build([SEED], tmp_path, formats=(*DEFAULT_FORMATS, "oxigraph"))
    turtle = triples(tmp_path / "kg.ttl", ox.RdfFormat.TURTLE)
    assert triples(tmp_path / "kg.trig", ox.RdfFormat.TRIG) == turtle
    assert triples(tmp_path / "kg.jsonld", ox.RdfFormat.JSON_LD) == turtle
    stored = open_store(tmp_path / "kg.oxigraph")
    assert {quad.triple for quad in stored} == turtle
    loaded = open_store(tmp_path / "kg.ttl")  # the embedded store kg query and kg serve use
    assert {quad.triple for quad in loaded} == turtle


def test_decimals_are_written_in_canonical_form(tmp_path):
    build([SEED], tmp_path, formats=("ttl",))
    text = (tmp_path / "kg.ttl").read_text(encoding="utf-8")
    assert "schema:value 344.0" not in text
    assert 'schema:value "344"^^xsd:decimal' in text
