"""kg.trig is joined from the blocks each part made of its own graph: the same bytes as
pyoxigraph writes for the whole dataset at once."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rdf_samples import kaiping_extraction  # noqa: E402

from kg.build import extract_all, make_parts  # noqa: E402
from kg.model import DEFAULT_BASE  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def whole(graph) -> bytes:
    return ox.serialize(graph.quads(), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def test_joined_blocks_are_what_the_whole_dataset_serialises_to():
    articles = sorted((ROOT / "tests" / "eval" / "articles").iterdir())[:3]
    found = extract_all([ROOT / "data" / "articles" / "heshan-2023-11-16.txt", *articles], 10**7)
    graph = make_parts(found.extractions, DEFAULT_BASE)
    assert len(graph.parts) == 4
    assert graph.trig() == whole(graph)


def test_a_part_without_its_block_gets_one_made_when_the_file_is_written():
    graph = make_parts([kaiping_extraction()], DEFAULT_BASE)
    (part,) = graph.parts
    bare = type(graph).of(graph.base, [type(part)(part.article_id, part.iri, part.ntriples, ())])
    assert bare.trig() == graph.trig() == whole(graph)
    read = ox.Dataset(ox.parse(graph.trig(), format=ox.RdfFormat.TRIG))
    assert len(read) == sum(1 for _ in graph.quads())
