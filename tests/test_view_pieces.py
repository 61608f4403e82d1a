"""The NetworkX view merged from per-article pieces (kg.analyse.pieces) is the view
``to_networkx`` reads from the whole graph: node for node, attribute for attribute,
edge for edge, in the same order; and the build keeps the pieces in its cache."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus_gen import generated  # noqa: E402

from kg.analyse.pieces import merge_view, piece_bytes, view_piece  # noqa: E402
from kg.analyse.view import to_networkx  # noqa: E402
from kg.build import build, extract_all, make_parts  # noqa: E402
from kg.cache import FOLDER  # noqa: E402
from kg.extract.across import unify_across  # noqa: E402
from kg.model import DEFAULT_BASE  # noqa: E402

EVAL = ROOT / "tests" / "eval" / "articles"


def graph_of(files: list[Path]):
    extractions = unify_across(extract_all(files).extractions)
    return make_parts(extractions, DEFAULT_BASE)


def pieces_of(graph) -> list[bytes]:
    made = [view_piece(part.iri, part.ntriples) for part in graph.parts]
    return [piece_bytes(view_piece(None, graph.ontology)), *map(piece_bytes, made)]


def exactly(view) -> str:
    """Nodes and edges with every attribute, in order (dict keys in order too)."""
    return repr((list(view.nodes(data=True)), list(view.edges(keys=True, data=True))))


@pytest.fixture(scope="module")
def generated_articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for i, page in enumerate(generated(24, 11)):
        (folder / f"generated-{i:03d}.txt").write_text(page, encoding="utf-8")
    return folder


@pytest.mark.parametrize("corpus", ["eval", "generated"])
def test_the_view_merged_from_pieces_is_the_view_of_the_whole_graph(corpus, generated_articles):
    folder = EVAL if corpus == "eval" else generated_articles
    graph = graph_of(sorted(folder.glob("*.txt")))
    whole = to_networkx(graph)
    merged = merge_view(pieces_of(graph))
    assert merged is not None
    assert whole.number_of_nodes() > 100 and whole.number_of_edges() > 100
    assert any(len(a["articles"]) > 1 for _, a in whole.nodes(data=True))  # shared entities
    assert any(a["parents"] for _, a in whole.nodes(data=True))
    assert any(a["quantities"] for _, a in whole.nodes(data=True))
    assert exactly(merged) == exactly(whole)


def test_a_graph_describing_another_articles_sentence_gives_no_piece_to_merge():
    art = "https://kg.example.org/id/article/"
    line = (
        f"<https://kg.example.org/id/town/x> <http://www.w3.org/ns/prov#wasDerivedFrom> "
        f"<{art}b/sentence/1> .\n"
    ).encode()
    piece = view_piece(art + "a", line)
    assert piece[1] is False
    assert merge_view([piece]) is None
    assert view_piece(art + "b", line)[1] is True


def test_a_build_keeps_a_piece_per_article_and_a_torn_one_is_made_again(tmp_path):
    corpus = tmp_path / "articles"
    shutil.copytree(EVAL, corpus)
    out = tmp_path / "out"
    first = build([corpus], out, jobs=1)
    pieces = sorted((out / FOLDER / "view").iterdir())
    assert len(pieces) == len(first.articles)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    pieces[0].write_bytes(pieces[0].read_bytes()[:100])  # as if cut short on disk
    again = build([corpus], out, jobs=1)
    assert again.reused == (len(first.articles), len(first.articles))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert len(pieces[0].read_bytes()) > 100  # made again and kept
