"""kg.ttl and kg.jsonld are joined from blocks each part made of its own graph, as
kg.trig is: a thing several articles name is stated in each of their blocks, and the
files parse to the union of the graphs, in any reader."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rdf_samples import kaiping_extraction, taishan_extraction  # noqa: E402

from kg.analyse import to_networkx  # noqa: E402
from kg.build import make_parts  # noqa: E402
from kg.model import DEFAULT_BASE, parse_ntriples  # noqa: E402
from kg.parts import read_part, turtle_of_trig, write_part  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402


def two_articles():
    """Two articles naming the same county (开平市), so their graphs share triples."""
    return make_parts([kaiping_extraction(), taishan_extraction()], DEFAULT_BASE)


def union_of(graph) -> set:
    return set(ox.parse(graph.union, format=ox.RdfFormat.N_TRIPLES))


def test_the_two_sample_articles_share_triples():
    graph = two_articles()
    lines = [set(part.ntriples.splitlines()) for part in graph.parts]
    assert lines[0] & lines[1]


def test_a_parts_turtle_is_what_pyoxigraph_writes_as_turtle_for_its_triples():
    for part in two_articles().parts:
        whole = ox.serialize(
            parse_ntriples(part.ntriples), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES
        )
        statements = b"".join(ln + b"\n" for ln in whole.split(b"\n")[:-1]
                              if not ln.startswith(b"@prefix"))  # fmt: skip
        assert turtle_of_trig(part.trig).replace(b" .\n\n", b" .\n") == statements


def test_joined_turtle_parses_to_the_union_in_pyoxigraph_and_rdflib():
    graph = two_articles()
    text = b"".join(graph.turtle_chunks())
    assert set(ox.parse(text, format=ox.RdfFormat.TURTLE)) == union_of(graph)
    assert len(rdflib.Graph().parse(data=text.decode(), format="turtle")) == len(union_of(graph))
    assert text.endswith(b" .\n") and not text.endswith(b"\n\n")


def test_joined_jsonld_parses_to_the_union_in_pyoxigraph_and_rdflib():
    graph = two_articles()
    text = b"".join(graph.jsonld_chunks())
    assert set(ox.parse(text, format=ox.RdfFormat.JSON_LD)) == union_of(graph)
    read = rdflib.Graph().parse(data=text.decode(), format="json-ld")
    assert len(read) == len(union_of(graph))


def test_the_triple_count_is_the_unions_without_making_it():
    graph = two_articles()
    assert graph.count == len(union_of(graph)) == graph.union.count(b"\n")


def test_the_view_read_part_by_part_is_the_view_of_the_union():
    graph = two_articles()
    by_parts, whole = to_networkx(graph), to_networkx(graph.union)
    assert list(by_parts.nodes(data=True)) == list(whole.nodes(data=True))
    assert list(by_parts.edges(keys=True, data=True)) == list(whole.edges(keys=True, data=True))


def test_a_part_kept_on_disk_reads_back_the_same(tmp_path):
    (part, _) = two_articles().parts
    path = tmp_path / "part"
    path.write_bytes(write_part(part))
    stored = read_part(path)
    assert (stored.article_id, stored.iri, stored.violations, stored.own) == (
        part.article_id, part.iri, part.violations, part.own,
    )  # fmt: skip
    for name in ("ntriples", "trig", "jsonld", "shared"):
        assert getattr(stored, name) == getattr(part, name), name


def test_a_torn_or_foreign_part_file_reads_as_absent(tmp_path):
    (part, _) = two_articles().parts
    data = write_part(part)
    path = tmp_path / "part"
    for torn in (data[:10], data[:-1], data + b"x", b"\x80\x05junk"):
        path.write_bytes(torn)
        assert read_part(path) is None
    assert read_part(tmp_path / "absent") is None


def test_repeated_objects_are_read_once_but_equal_strings_of_other_tags_stay():
    from kg.analyse.view import _index

    s = "<https://x.example/s> <http://www.w3.org/2000/01/rdf-schema#label>"
    one = f'{s} "开平"@zh .\n{s} "开平"@en .\n{s} <https://x.example/开平> .\n'.encode()
    graph = type(two_articles())("https://x.example/", (), ontology=one + one)
    (labels,) = _index(graph)[rdflib.URIRef("https://x.example/s")].values()
    assert sorted((type(o).__name__, getattr(o, "language", None)) for o in labels) == [
        ("Text", "en"), ("Text", "zh"), ("URIRef", None),
    ]  # fmt: skip
