"""The build's graph as parts: the union merged from sorted parts, the TriG blocks, and
validation handed only the triples the shapes read."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rdf_samples import kaiping_extraction, taishan_extraction  # noqa: E402
from test_build_big import broken_extraction  # noqa: E402

import kg.validate  # noqa: E402
from kg.build import make_parts  # noqa: E402
from kg.model import DEFAULT_BASE, build_minter  # noqa: E402
from kg.parts import ArticlePart, GraphSet, make_part  # noqa: E402
from kg.validate import validate_ntriples  # noqa: E402


def test_the_union_is_every_line_once_in_order_even_from_a_part_that_is_not_sorted():
    graph = make_parts([kaiping_extraction(), taishan_extraction()], DEFAULT_BASE)
    lines = set(graph.ontology.splitlines())
    for part in graph.parts:
        lines.update(part.ntriples.splitlines())
    assert graph.union == b"\n".join(sorted(lines)) + b"\n"
    first = graph.parts[0]
    shuffled = b"\n".join(reversed(first.ntriples.splitlines() * 2)) + b"\n"
    again = GraphSet.of(graph.base, [ArticlePart(first.article_id, first.iri, shuffled, ())])
    alone = GraphSet.of(graph.base, [first])
    assert again.union == alone.union


def test_triples_no_shape_reads_change_no_validation_result(monkeypatch):
    (part,) = make_parts([broken_extraction()], DEFAULT_BASE).parts
    left_out = validate_ntriples(part.ntriples)
    assert not left_out.conforms
    kg.validate._own_predicates.cache_clear()
    monkeypatch.setattr(kg.validate, "_own_predicates", lambda: None)  # hand every triple
    assert validate_ntriples(part.ntriples) == left_out


def test_our_shapes_read_single_properties_so_triples_can_be_left_out():
    read = kg.validate._own_predicates()
    assert read is not None
    assert b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" in read
    assert b"<https://kg.example.org/ontology#evidence>" not in read


def test_a_part_without_a_trig_block_has_it_made_once_for_kg_ttl_and_kg_trig(monkeypatch):
    """A big article's part (checked beside the build) has no TriG block: kg.ttl and
    kg.trig each made it from the triples, 1 s apiece at 550k triples."""
    import kg.parts

    part = make_part(kaiping_extraction(), build_minter([kaiping_extraction()]), DEFAULT_BASE)
    made = []
    block = kg.parts.trig_block
    monkeypatch.setattr(kg.parts, "trig_block", lambda *a: made.append(a[0]) or block(*a))
    bare = replace(part, trig=b"")
    graph = GraphSet.of(DEFAULT_BASE, [bare])
    turtle, trig = b"".join(graph.turtle_chunks()), graph.trig()
    assert made.count(part.iri) == 1
    whole = GraphSet.of(DEFAULT_BASE, [part])
    assert (turtle, trig) == (b"".join(whole.turtle_chunks()), whole.trig())


def _awkward_triples() -> list[tuple]:
    """Triples whose Turtle is not plain: literals with line ends, tabs, quotes and
    backslashes, typed and tagged literals, a subject with many predicates and objects."""
    import pyoxigraph as ox

    kgo = "https://kg.example.org/ontology#"
    node, other = ox.NamedNode(DEFAULT_BASE + "article/a%20b"), ox.NamedNode(DEFAULT_BASE + "x")
    text = ox.NamedNode(kgo + "text")
    return [
        (node, text, ox.Literal('第一行\n第二行\t"引号" \\ 尾 .')),
        (node, text, ox.Literal("line\r\nend .\n")),
        (node, ox.NamedNode(kgo + "beginIndex"), ox.Literal(3)),
        (node, ox.NamedNode(kgo + "about"), other),
        (other, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
         ox.Literal("梅江", language="zh")),
        (other, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
         ox.NamedNode(kgo + "Town")),
        (node, text, ox.Literal('第一行\n第二行\t"引号" \\ 尾 .')),  # a repeat
    ]  # fmt: skip


def test_the_blocks_made_from_the_triples_are_those_made_from_their_lines():
    """make_part writes the TriG and JSON-LD blocks from the triples it minted instead of
    parsing its N-Triples again for each: the same bytes, names under a prefix too."""
    from kg.model import canonical_ntriples
    from kg.parts import (
        canonical_triples,
        jsonld_block,
        jsonld_of_triples,
        trig_block,
        trig_of_triples,
    )

    data, triples = canonical_triples(_awkward_triples())
    assert data == canonical_ntriples(_awkward_triples())
    assert len(triples) == len(data.splitlines()) == 6
    assert canonical_ntriples(triples) == data
    for name in (DEFAULT_BASE + "article/a%20b", "https://schema.org/Place", "urn:kg:x"):
        assert trig_of_triples(name, data, triples) == trig_block(name, data)
    assert jsonld_of_triples(triples) == jsonld_block(data)
    assert canonical_triples([]) == (b"", [])
    assert trig_of_triples("urn:kg:x", b"", []) == trig_block("urn:kg:x", b"") == b""


def test_a_part_is_the_same_whether_or_not_the_collector_was_running():
    """make_part pauses Python's cycle collector while it works, and leaves it as it
    found it."""
    import gc

    extraction = kaiping_extraction()
    minter = build_minter([extraction])
    assert gc.isenabled()
    running = make_part(extraction, minter, DEFAULT_BASE)
    assert gc.isenabled()
    gc.disable()
    try:
        paused = make_part(extraction, minter, DEFAULT_BASE)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert running == paused


def test_the_ontology_lines_no_shape_reads_change_no_validation_result():
    (part,) = make_parts([broken_extraction()], DEFAULT_BASE).parts
    read = kg.validate._own_predicates()
    ours = kg.validate._ontology_read(read)
    assert len(ours) < len(kg.validate.ontology_ntriples())
    maps = kg.validate._own_rdfs_maps()
    whole = kg.validate._validate(part.ntriples, None, kg.validate.ontology_ntriples(), maps)
    assert not whole.conforms
    assert validate_ntriples(part.ntriples) == whole
