"""The graph of a build as parts: the ontology's named graph and one per article.

Each part is the article's graph in one canonical form, sorted N-Triples
without repeats (``kg.model.canonical_ntriples``), with the SHACL report of
that graph. It is what ``kg build`` caches per article, and every output is
serialised from the parts by pyoxigraph: Turtle from their union, TriG,
N-Quads and JSON-LD from the named graphs. An article's part depends only on
its own extraction and the IRIs and labels of the entities it names, so an
unchanged article keeps its part between builds. A part also keeps its named
graph as a TriG block (written by the worker that made it), so kg.trig is the
prefixes and the blocks joined, not the whole dataset serialised again.

Why not one pyoxigraph store: its in-memory store took about 580 bytes a quad
here (170 MB for 294k quads), sorted N-Triples take about 110, and outputs are
written as fast from them (pyoxigraph parses and serialises about a million
triples a second). A store is filled from the parts only when one is asked
for (``kg build --store``, ``kg query``).
"""

from __future__ import annotations

import hashlib
import heapq
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import pyoxigraph as ox
from rdflib import Graph

from kg.model import (
    IriMinter,
    article_iri,
    article_triples,
    canonical_ntriples,
    check_base,
    ontology_ntriples,
    parse_ntriples,
    rdflib_graph,
)
from kg.records import Extraction
from kg.validate import ValidationReport, Violation, validate_ntriples
from kg.vocab import ONTOLOGY_IRI, PREFIXES

# Bump when article_triples or the shapes change what a part holds for the same input.
PART_FORMAT = 2


@dataclass(frozen=True)
class ArticlePart:
    """One article's named graph: its IRI, canonical N-Triples, SHACL violations, and the
    graph as a TriG block (``trig_block``)."""

    article_id: str
    iri: str
    ntriples: bytes
    violations: tuple[Violation, ...]
    trig: bytes = b""


def part_key(extraction: Extraction, minter: IriMinter, base: str) -> str:
    """What an article's part depends on, hashed: its extraction, the paths and labels
    of its entities, the base and the part format (the cache key of the part)."""
    names = tuple((e.key, minter.path(e), minter.label(e)) for e in extraction.entities)
    # repr, not pickle: records hold only tuples, strings, numbers and dates, whose repr
    # depends on the content alone; a pickle also on which equal objects are shared.
    return hashlib.sha256(repr((PART_FORMAT, base, names, extraction)).encode()).hexdigest()


def make_part(extraction: Extraction, minter: IriMinter, base: str) -> ArticlePart:
    """The article's part: its triples minted, made canonical and validated on their own."""
    base = check_base(base)
    data = canonical_ntriples(article_triples(extraction, minter, base))
    report = validate_ntriples(data)
    iri = str(article_iri(base, extraction.article.id))
    return ArticlePart(extraction.article.id, iri, data, report.violations, trig_block(iri, data))


def trig_block(name: str, ntriples: bytes) -> bytes:
    """The named graph ``name`` holding ``ntriples`` as TriG without its prefix lines:
    kg.trig is ``trig_prefixes()`` followed by the blocks of its graphs, which is what
    pyoxigraph writes for the whole dataset (tested).

    The lines become N-Quads by naming the graph before each closing " ." (a line of
    canonical N-Triples ends there, and a literal holds no raw line end), so pyoxigraph
    parses the quads itself: no Python object is made per triple."""
    graph = b" " + str(ox.NamedNode(name)).encode() + b" .\n"
    ended = ntriples if not ntriples or ntriples.endswith(b"\n") else ntriples + b"\n"
    nquads = ended.replace(b" .\n", graph)
    quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return text[len(trig_prefixes()) :] if text else b""


@cache
def trig_prefixes() -> bytes:
    """The prefix lines pyoxigraph starts a TriG file with (every one of kg.vocab.PREFIXES)."""
    x = ox.NamedNode("urn:x")
    text = ox.serialize([ox.Quad(x, x, x, x)], format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    lines = text.split(b"\n")
    return b"".join(line + b"\n" for line in lines if line.startswith(b"@prefix"))


@dataclass(frozen=True)
class GraphSet:
    """The ontology's graph and the articles' parts (in IRI order): what outputs are made of."""

    base: str
    parts: tuple[ArticlePart, ...]
    ontology: bytes = field(default_factory=ontology_ntriples)

    @staticmethod
    def of(base: str, parts: Sequence[ArticlePart]) -> GraphSet:
        """The set of ``parts`` in a fixed order (by graph IRI), whatever order they came in."""
        return GraphSet(check_base(base), tuple(sorted(parts, key=lambda p: p.iri)))

    @property
    def report(self) -> ValidationReport:
        """Every part's violations (the ontology's graph is not validated)."""
        violations = tuple(v for part in self.parts for v in part.violations)
        return ValidationReport(conforms=not violations, violations=violations)

    def named(self) -> Iterator[tuple[str, bytes]]:
        """(graph IRI, N-Triples) of each named graph: the ontology's first, then the articles'."""
        yield str(ONTOLOGY_IRI), self.ontology
        for part in self.parts:
            yield part.iri, part.ntriples

    def trig(self) -> bytes:
        """The build's named graphs as TriG: the ontology's, then each article's in IRI order."""
        blocks = [trig_block(str(ONTOLOGY_IRI), self.ontology)]
        blocks += [part.trig or trig_block(part.iri, part.ntriples) for part in self.parts]
        return trig_prefixes() + b"".join(blocks)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph, in the order of ``named``."""
        for name, data in self.named():
            graph = ox.NamedNode(name)
            for s, p, o in parse_ntriples(data):
                yield ox.Quad(s, p, o, graph)

    @cached_property
    def union(self) -> bytes:
        """The union of every graph as canonical N-Triples (sorted, each triple once).

        Each graph's lines come sorted and unique (``canonical_ntriples``), so they
        are merged, not sorted again: a fifth of the time on a 1 MB article's graph."""
        runs = [self.ontology.splitlines(), *(p.ntriples.splitlines() for p in self.parts)]
        lines, last = [], b""
        for line in heapq.merge(*(r if _ascending(r) else sorted(set(r)) for r in runs)):
            if line != last:
                lines.append(line)
                last = line
        return b"\n".join(lines) + b"\n"

    def triples(self) -> Iterator[ox.Triple]:
        """The union's triples in sorted order."""
        return parse_ntriples(self.union)

    def __len__(self) -> int:
        """The number of distinct triples in the union."""
        return self.union.count(b"\n")

    def rdflib(self) -> Graph:
        """The union as an rdflib graph (for small graphs and the NetworkX view)."""
        return rdflib_graph(self.triples(), self.base)


def _ascending(lines: list[bytes]) -> bool:
    """Whether ``lines`` are sorted with no line twice and none empty."""
    return (not lines or lines[0] != b"") and all(map(operator.lt, lines, lines[1:]))


__all__ = ["ArticlePart", "GraphSet", "PART_FORMAT", "canonical_ntriples", "make_part", "part_key"]
