"""The graph of a build as parts: the ontology's named graph and one per article.

Each part is the article's graph in one canonical form, sorted N-Triples
without repeats (``kg.model.canonical_ntriples``), with the SHACL report of
that graph. It is what ``kg build`` caches per article. An article's part
depends only on its own extraction and the IRIs and labels of the entities it
names, so an unchanged article keeps its part between builds.

A part also keeps its graph already serialised, written by the worker that
made it: as a TriG block (its named graph) and as a JSON-LD block (its node
objects). kg.trig, kg.ttl and kg.jsonld are these blocks joined in IRI order
after the ontology's, not the whole dataset serialised again, so a rebuild
after one article changed serialises one article. An entity several articles
name appears in each of their blocks: kg.ttl and kg.jsonld may state a subject
more than once, which both formats allow; what they parse to is the union of
the graphs (tested). kg.ttl is the TriG blocks without their graph lines and
indentation (``turtle_of_trig``), which is what pyoxigraph writes as Turtle
for the same triples (tested).

A part made with a cache folder lives on disk (``write_part``/``read_part``):
the build holds its name, IRI and report, and reads its N-Triples and blocks
from the file when an output needs them, so memory does not grow with the
corpus. Counting the union's triples needs no union either: a triple whose
subject is the article or one of its mentions, sentences or figures (``own``)
is in no other part; only the rest (``shared``) is deduplicated.

Why not one pyoxigraph store: its in-memory store took about 580 bytes a quad
here (170 MB for 294k quads), sorted N-Triples take about 110, and outputs are
written as fast from them (pyoxigraph parses and serialises about a million
triples a second). A store is filled from the parts only when one is asked
for (``kg build --store``, ``kg query``).
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import operator
import os
import pickle
import struct
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

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
PART_FORMAT = 3

BLOBS = ("ntriples", "trig", "jsonld", "shared")


@dataclass(frozen=True)
class ArticlePart:
    """One article's named graph: its IRI, canonical N-Triples, SHACL violations, the
    graph as a TriG block (``trig_block``) and as JSON-LD node objects (``jsonld_block``),
    the lines another part may hold too (``shared``) and how many only it holds (``own``)."""

    article_id: str
    iri: str
    ntriples: bytes
    violations: tuple[Violation, ...]
    trig: bytes = b""
    jsonld: bytes = b""
    shared: bytes | None = None  # None: not worked out (a part made by hand)
    own: int = 0


@dataclass(frozen=True)
class StoredPart:
    """An ArticlePart kept in a file (``write_part``): the same fields, the four byte
    strings read from the file each time they are asked for."""

    article_id: str
    iri: str
    violations: tuple[Violation, ...]
    own: int
    path: str
    spans: tuple[tuple[int, int], ...]  # (offset, length) of each of BLOBS

    def _blob(self, index: int) -> bytes:
        offset, length = self.spans[index]
        with open(self.path, "rb") as handle:
            handle.seek(offset)
            data = handle.read(length)
        if len(data) != length:  # removed or cut under the build: no silent short output
            raise OSError(f"cache entry {self.path} was changed during the build")
        return data

    @property
    def ntriples(self) -> bytes:
        return self._blob(0)

    @property
    def trig(self) -> bytes:
        return self._blob(1)

    @property
    def jsonld(self) -> bytes:
        return self._blob(2)

    @property
    def shared(self) -> bytes:
        return self._blob(3)


Part = ArticlePart | StoredPart
_MAGIC = b"kg-part\x03"


def write_part(part: ArticlePart) -> bytes:
    """The bytes of a part's file: a header (name, IRI, violations, blob lengths), then
    the blobs, so reading the header alone tells where each blob is."""
    blobs = [part.ntriples, part.trig, part.jsonld, part.shared or b""]
    head = pickle.dumps(
        (part.article_id, part.iri, part.violations, part.own, [len(b) for b in blobs]),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    return b"".join([_MAGIC, struct.pack("<Q", len(head)), head, *blobs])


def read_part(path: Path) -> StoredPart | None:
    """The part in the file at ``path``, or None when the file is absent, torn or foreign."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(_MAGIC) + 8)
            if len(start) != len(_MAGIC) + 8 or not start.startswith(_MAGIC):
                return None
            (size,) = struct.unpack("<Q", start[len(_MAGIC) :])
            article_id, iri, violations, own, lengths = pickle.loads(handle.read(size))
            total = os.fstat(handle.fileno()).st_size
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return None
    offset, spans = len(_MAGIC) + 8 + size, []
    for length in lengths:
        spans.append((offset, length))
        offset += length
    if offset != total or len(spans) != len(BLOBS):
        return None
    return StoredPart(article_id, iri, tuple(violations), own, str(path), tuple(spans))


def part_key(extraction: Extraction, minter: IriMinter, base: str) -> str:
    """What an article's part depends on, hashed: its extraction, the paths and labels
    of its entities, the base and the part format (the cache key of the part)."""
    names = tuple((e.key, minter.path(e), minter.label(e)) for e in extraction.entities)
    # repr, not pickle: records hold only tuples, strings, numbers and dates, whose repr
    # depends on the content alone; a pickle also on which equal objects are shared.
    return hashlib.sha256(repr((PART_FORMAT, base, names, extraction)).encode()).hexdigest()


def make_part(extraction: Extraction, minter: IriMinter, base: str) -> ArticlePart:
    """The article's part: its triples minted, made canonical and validated on their own.

    Python's cycle collector is paused meanwhile: a generated article's part makes
    some 30,000 tracked objects and no cyclic garbage worth a pass, and each pass
    over the older generations walks every object the worker holds (the build's
    extractions, lexicons and shapes): a sixth of the part's time."""
    with collector_off():
        return _make_part(extraction, minter, base)


@contextmanager
def collector_off() -> Iterator[None]:
    """Python's cycle collector held off, and left as it was found: for work that makes
    many objects that all live on (a part's triples, the pieces of the view and the view
    merged from them), over which each collection walks again to no purpose."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _make_part(extraction: Extraction, minter: IriMinter, base: str) -> ArticlePart:
    base = check_base(base)
    data, triples = canonical_triples(article_triples(extraction, minter, base))
    report = validate_ntriples(data)
    iri = str(article_iri(base, extraction.article.id))
    shared, own = split_own(iri, data)
    return ArticlePart(
        extraction.article.id, iri, data, report.violations,
        trig_of_triples(iri, data, triples), jsonld_of_triples(triples), shared, own,
    )  # fmt: skip


def canonical_triples(triples: Iterable[tuple]) -> tuple[bytes, list[ox.Triple]]:
    """``canonical_ntriples`` of ``triples`` and the triples themselves in its order, each
    once: what make_part writes the TriG and JSON-LD blocks from, instead of parsing the
    N-Triples again for each (making pyoxigraph's Python objects costs more than
    serialising them: 10 ms of a generated article's 3,000 triples).

    pyoxigraph writes one line per triple, in the order given, so line ``i`` is the
    ``i``-th triple's. The triples are held as a list (``canonical_ntriples`` streams
    them, as a graph made for its lines alone does)."""
    made = [ox.Triple(*t) for t in triples]
    lines = ox.serialize(made, format=ox.RdfFormat.N_TRIPLES).split(b"\n")
    lines.pop()  # after the last line end
    if len(lines) != len(made):  # not N-Triples' shape (never seen): the lines parsed again
        data = b"".join(line + b"\n" for line in sorted(set(lines)) if line)
        return data, list(parse_ntriples(data))
    by_line = dict(zip(lines, made, strict=True))
    order = sorted(by_line)
    return (b"\n".join(order) + b"\n" if order else b""), [by_line[line] for line in order]


def split_own(iri: str, ntriples: bytes) -> tuple[bytes, int]:
    """The lines of ``ntriples`` another graph may hold too, and how many only the graph
    named ``iri`` holds: those about the article itself or an IRI under it."""
    mine = (f"<{iri}>".encode(), f"<{iri}/".encode())
    shared, own = [], 0
    for line in ntriples.split(b"\n"):
        if line.startswith(mine):
            own += 1
        elif line:
            shared.append(line + b"\n")
    return b"".join(shared), own


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


def trig_of_triples(name: str, ntriples: bytes, triples: Sequence[ox.Triple]) -> bytes:
    """``trig_block(name, ntriples)`` from the triples of ``ntriples`` in its order, with no
    quad made in Python (that costs more than parsing the lines): pyoxigraph writes them
    as Turtle, which is the block's body with one tab less on each line (``turtle_of_trig``
    without the blank lines), under the graph's own line as pyoxigraph writes it."""
    if not triples:
        return b""
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    prefixes = trig_prefixes()
    if not text.startswith(prefixes):  # not the prefixes kg.trig starts with (never seen)
        return trig_block(name, ntriples)
    body = text[len(prefixes) :]
    return _graph_line(name) + b"\t" + body[:-1].replace(b"\n", b"\n\t") + b"\n}\n"


def _graph_line(name: str) -> bytes:
    """The line pyoxigraph opens the graph ``name`` with in TriG (``<name> {``, or its
    prefixed name when a prefix covers it), up to its line end."""
    x = ox.NamedNode("urn:x")
    text = ox.serialize([ox.Quad(x, x, x, ox.NamedNode(name))], format=ox.RdfFormat.TRIG,
                        prefixes=PREFIXES)  # fmt: skip
    body = text[len(trig_prefixes()) :]
    return body[: body.index(b"\n") + 1]


def jsonld_of_triples(triples: Sequence[ox.Triple]) -> bytes:
    """``jsonld_block(ntriples)`` from the triples of ``ntriples`` in its order."""
    text = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    return text[1:-1] if text.startswith(b"[") else text


def turtle_of_trig(block: bytes) -> bytes:
    """The Turtle of a TriG block's triples (what pyoxigraph writes as Turtle for them),
    with a blank line after each statement: the graph's opening and closing lines go and
    each line loses one tab. Literals are written on one line (line breaks and tabs
    escaped), so a line that starts with a tab or ends in " ." is a line of the syntax."""
    if not block:
        return b""
    body = block[block.index(b"\n") : -len(b"}\n")]  # from the newline ending "<g> {"
    return body.replace(b"\n\t", b"\n")[1:].replace(b" .\n", b" .\n\n")


def jsonld_block(ntriples: bytes) -> bytes:
    """The JSON-LD node objects of ``ntriples`` (expanded form, in their sorted order)
    without the enclosing brackets: kg.jsonld is those of its graphs joined by commas."""
    text = ox.serialize(parse_ntriples(ntriples), format=ox.RdfFormat.JSON_LD)
    return text[1:-1] if text.startswith(b"[") else text


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
    parts: tuple[Part, ...]
    ontology: bytes = field(default_factory=ontology_ntriples)

    @staticmethod
    def of(base: str, parts: Sequence[Part]) -> GraphSet:
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

    def ntriples(self) -> Iterator[bytes]:
        """Each graph's N-Triples, in the order of ``named`` (a triple may be in several)."""
        return (data for _, data in self.named())

    def trig_chunks(self) -> Iterator[bytes]:
        """kg.trig piece by piece: the prefixes, the ontology's graph, each article's."""
        yield trig_prefixes()
        yield self._ontology_trig
        for part in self.parts:
            yield part.trig or self._made_trig(part)

    def trig(self) -> bytes:
        """The build's named graphs as TriG: the ontology's, then each article's in IRI order."""
        return b"".join(self.trig_chunks())

    def turtle_chunks(self) -> Iterator[bytes]:
        """kg.ttl piece by piece: the union of the graphs as Turtle, graph by graph
        (``turtle_of_trig`` of each TriG block), a blank line between statements."""
        chunks = self.trig_chunks()
        yield next(chunks)  # the same prefixes, kg's instance IRIs left whole in both
        for block in chunks:
            turtle = turtle_of_trig(block)
            if turtle:
                yield b"\n" + turtle[:-1]  # a blank line before each statement, none at the end

    def jsonld_chunks(self) -> Iterator[bytes]:
        """kg.jsonld piece by piece: one expanded-form array of every graph's node objects."""
        yield b"[" + self._ontology_jsonld  # never empty: the ontology has triples
        for part in self.parts:
            block = part.jsonld or jsonld_block(part.ntriples)
            if block:
                yield b"," + block
        yield b"]"

    def _made_trig(self, part: Part) -> bytes:
        """The TriG block of a part that has none (a big article's, checked beside the
        build), made once for the set: kg.trig and kg.ttl both read it (1 s at 550k
        triples)."""
        block = self._trig_made.get(part.iri)
        if block is None:
            block = self._trig_made[part.iri] = trig_block(part.iri, part.ntriples)
        return block

    @cached_property
    def _trig_made(self) -> dict[str, bytes]:
        return {}

    @cached_property
    def _ontology_trig(self) -> bytes:
        return trig_block(str(ONTOLOGY_IRI), self.ontology)

    @cached_property
    def _ontology_jsonld(self) -> bytes:
        return jsonld_block(self.ontology)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph, in the order of ``named``."""
        for name, data in self.named():
            graph = ox.NamedNode(name)
            for s, p, o in parse_ntriples(data):
                yield ox.Quad(s, p, o, graph)

    @cached_property
    def union(self) -> bytes:
        """The union of every graph as canonical N-Triples (sorted, each triple once).
        The build never makes it (it grows with the corpus); tests and small graphs do.

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

    @cached_property
    def count(self) -> int:
        """The number of distinct triples in the union, counted without making it: each
        part's own lines, and the lines any graph may share, each once."""
        seen = set(self.ontology.split(b"\n"))
        own = 0
        for part in self.parts:
            shared = part.shared
            if shared is None:  # a part made by hand: its lines worked out here
                shared, mine = split_own(part.iri, part.ntriples)
            else:
                mine = part.own
            own += mine
            seen.update(shared.split(b"\n"))
        seen.discard(b"")
        return own + len(seen)

    def __len__(self) -> int:
        """The number of distinct triples in the union."""
        return self.count

    def rdflib(self) -> Graph:
        """The union as an rdflib graph (for small graphs and the NetworkX view)."""
        return rdflib_graph(self.triples(), self.base)


def _ascending(lines: list[bytes]) -> bool:
    """Whether ``lines`` are sorted with no line twice and none empty."""
    return (not lines or lines[0] != b"") and all(map(operator.lt, lines, lines[1:]))


__all__ = [
    "ArticlePart",
    "GraphSet",
    "PART_FORMAT",
    "StoredPart",
    "canonical_ntriples",
    "canonical_triples",
    "make_part",
    "part_key",
    "read_part",
    "write_part",
]
