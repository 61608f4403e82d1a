"""Validate a graph against the SHACL shapes (pyshacl-turbo), as plain frozen records.

The shapes are compiled once per process by pyshacl-turbo, a Rust SHACL
engine with pySHACL's API. On kg's article graphs it reports exactly what
pySHACL reports (every shape example under ``tests/shapes`` and the article
graphs of 30 generated articles and the seed: the same shapes, focus nodes,
paths, severities and messages; ``tests/test_validate.py`` keeps checking it)
and takes 0.02-0.04 s an article graph against pySHACL's 0.21-0.25 s
(``bench/validate.py``). pyrudof, also measured, took 0.18-0.25 s.

SHACL follows ``rdfs:subClassOf`` in the data graph, so with the ontology's
axioms present ``sh:class kgo:Entity`` accepts a ``kgo:Park``. Of the rest of
RDFS inference the shapes need only the types that property domains and
ranges entail (an untyped node with ``kgo:locatedIn`` is a ``kgo:Entity`` and
needs a label). Those are computed here in one pass instead of
``inference="rdfs"`` (owlrl), which took 4-5x as long for the same results.
A graph that already holds the ontology and entails no missing type (what
``build_graph`` writes) is validated as it is, without a copy: copying 100k
triples in rdflib costs about 4 s.
The engine's exceptions become ``kg.errors`` here, keeping their text.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pyshacl_turbo
import pyshacl_turbo.rdf
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.errors import OntologyError, ValidationFailed
from kg.model import (
    canonical_ntriples,
    ontology_graph,
    ontology_ntriples,
    ontology_triples,
    parse_ntriples,
    rdflib_graph,
    to_oxigraph,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which shape, on which node and path, and why."""

    shape: str  # IRI of the node shape (kgo:EntityShape), even for its property shapes
    focus: str
    path: str | None
    message: str
    severity: str  # Violation | Warning | Info


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, with its violations sorted by shape and focus."""

    conforms: bool
    violations: tuple[Violation, ...]


def shapes_graph() -> Graph:
    """A fresh graph holding ``ontology/shapes.ttl`` (parsed once per process)."""
    graph = Graph()
    for triple in ontology_triples("shapes.ttl"):
        graph.add(triple)
    return graph


def validate(
    data: Graph, shapes: Graph | None = None, ontology: Graph | None = None
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: ours) with ``ontology`` (default: kg.ttl).

    Raises OntologyError when the shapes do not load, ValidationFailed when
    the engine cannot run; a graph that merely violates the shapes is reported,
    not raised.
    """
    own = ontology is None
    triples = canonical_ntriples(tuple(map(to_oxigraph, t)) for t in data.triples((None,) * 3))
    return _validate(
        triples,
        shapes,
        ontology_ntriples() if own else canonical_ntriples(
            tuple(map(to_oxigraph, t)) for t in ontology),
        _own_rdfs_maps() if own else _rdfs_maps(ontology),
    )  # fmt: skip


def validate_ntriples(data: bytes) -> ValidationReport:
    """Validate a graph given as N-Triples (as the build keeps each article's) against our
    shapes and ontology, without making an rdflib graph of it."""
    return _validate(data, None, _ontology_read(_own_predicates()), _own_rdfs_maps())


@lru_cache(maxsize=2)
def _ontology_read(predicates: frozenset[bytes] | None) -> bytes:
    """The ontology's lines whose predicate is one of ``predicates`` (all when None), as
    ``_prepared`` keeps an article graph's: the others change no result either, and the
    engine reads the ontology with every article graph (359 of its 591 lines are read)."""
    return _prepared(ontology_ntriples(), RdfsMaps({}, {}, {}), predicates)[0]


def _validate(
    data: bytes, shapes: Graph | None, ontology: bytes, maps: RdfsMaps
) -> ValidationReport:
    """The engine's report on ``data`` with the ontology's axioms and the entailed types added."""
    started = time.perf_counter()
    # N-Triples is N-Quads: handed to the engine as text, as it would dump a pyoxigraph
    # store it was given (loading one only for that took a quarter of the time).
    # ours: the triples no shape reads are left out (a sixth of them)
    data, entailed = _prepared(data, maps, _own_predicates() if shapes is None else None)
    text = (data + ontology + entailed).decode("utf-8")
    target = pyshacl_turbo.rdf.Input(text, "nquads", None, {})
    try:
        compiled = _compiled_own_shapes() if shapes is None else _compile(shapes)
        conforms, results, _ = compiled.validate(target, allow_warnings=True)
        # the report's blank shape nodes are those of the graph the shapes were compiled from
        shapes = compiled.graph
    except KgErrorTypes:
        raise
    except Exception as err:  # the engine raises ValueError, RuntimeError and its own
        raise _translate(err) from err
    log.debug("validated %d bytes of triples in %.3f s", len(data), time.perf_counter() - started)
    violations = tuple(sorted(_violations(results, shapes), key=_order))
    return ValidationReport(bool(conforms), violations)


KgErrorTypes = (OntologyError, ValidationFailed)


@lru_cache(maxsize=1)
def _own_predicates() -> frozenset[bytes] | None:
    """The predicates our shapes read, as N-Triples terms: every property path, target
    and comparison, and rdf:type and rdfs:subClassOf (targets and sh:class), or None
    when a shape may read more (a path that is no single property, sh:closed, SPARQL).

    A triple of another predicate changes no result, so it need not be handed to the
    engine, which takes about as long a triple whatever it holds."""
    shapes = shapes_graph()
    links = (SH.path, SH.targetSubjectsOf, SH.targetObjectsOf, SH.lessThan,
             SH.lessThanOrEquals, SH.equals, SH.disjoint)  # fmt: skip
    read = {o for link in links for o in shapes.objects(None, link)}
    wide = (SH.closed, SH.sparql, SH.target, SH.ignoredProperties)
    if any(not isinstance(o, URIRef) for o in read) or any(
        (None, link, None) in shapes for link in wide
    ):
        return None
    read |= {RDF.type, RDFS.subClassOf}
    return frozenset(b"<" + str(p).encode() + b">" for p in read)


@lru_cache(maxsize=1)
def _compiled_own_shapes() -> pyshacl_turbo.CompiledShapes:
    """``ontology/shapes.ttl`` compiled once per process (about 10 ms)."""
    return _compile(shapes_graph())


def _compile(shapes: Graph) -> pyshacl_turbo.CompiledShapes:
    """The shapes compiled, once they pass the SHACL-for-SHACL check.

    The engine itself accepts some ill-formed shapes that pySHACL refused
    (``sh:pattern 5``), so the shapes graph is checked first (0.16 s for ours).
    """
    try:
        conforms, _, text = pyshacl_turbo.meta_validate(shapes)
        if not conforms:
            raise OntologyError(f"SHACL shapes do not load: {_first_result(text)}")
        return pyshacl_turbo.compile_shapes(shapes)
    except OntologyError:
        raise
    except Exception as err:
        message = " ".join(str(err).split())
        raise OntologyError(f"SHACL shapes do not load: {message}") from err


def _first_result(report_text: str) -> str:
    """The first result of a text report, as one line: its component and source shape."""
    lines = [line.strip() for line in report_text.splitlines()]
    kept = [
        line
        for line in lines
        if line.startswith(("Constraint Violation", "Source Shape:", "Message:"))
    ]
    return " ".join(" ".join(kept[:3]).split()) or "the shapes violate SHACL's own shapes"


def _translate(err: Exception) -> OntologyError | ValidationFailed:
    message = " ".join(str(err).split())
    if "shape" in message.lower() or "constraint" in message.lower():
        return OntologyError(f"SHACL shapes do not load: {message}")
    return ValidationFailed(f"SHACL validation could not run ({type(err).__name__}: {message})")


@dataclass(frozen=True)
class RdfsMaps:
    """What an ontology says about typing, by IRI: classes entailed by each property's
    domain and range (sub-properties included), and each class's superclasses."""

    domains: dict[str, tuple[str, ...]]
    ranges: dict[str, tuple[str, ...]]
    supers: dict[str, frozenset[str]]

    @cached_property
    def terms(self) -> tuple[dict, dict, dict]:
        """(supers, domains, ranges) with every IRI as an N-Triples term (``_prepared``
        reads them so; made once, not per graph)."""
        supers = {_term(c): {_term(x) for x in up} for c, up in self.supers.items()}
        return supers, _terms_of(self.domains), _terms_of(self.ranges)


def _rdfs_maps(ontology: Graph) -> RdfsMaps:
    supers = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)) | set(
        ontology.objects(None, RDFS.subClassOf)
    ):
        supers[str(cls)] = frozenset(map(str, ontology.transitive_objects(cls, RDFS.subClassOf)))
    return RdfsMaps(_class_map(ontology, RDFS.domain), _class_map(ontology, RDFS.range), supers)


@lru_cache(maxsize=1)
def _own_rdfs_maps() -> RdfsMaps:
    return _rdfs_maps(ontology_graph())


def entailed_types(data: Graph, ontology: Graph) -> Graph:
    """The rdf:type triples that domains and ranges entail in ``data`` and it does not yet imply
    (an rdflib graph; see ``_entailed``)."""
    triples = canonical_ntriples(tuple(map(to_oxigraph, t)) for t in data.triples((None,) * 3))
    return rdflib_graph(parse_ntriples(_entailed(triples, _rdfs_maps(ontology))))


def _entailed(data: bytes, maps: RdfsMaps) -> bytes:
    """The rdf:type triples that domains and ranges entail in N-Triples ``data`` and it does
    not yet imply, as N-Triples.

    These are RDFS rules rdfs2 and rdfs3; a node already typed with the class
    or a subclass of it (rdfs9, which SHACL follows itself) needs nothing.
    Datatype ranges type no node.
    """
    return _prepared(data, maps, None)[1]


def _prepared(
    data: bytes, maps: RdfsMaps, predicates: frozenset[bytes] | None
) -> tuple[bytes, bytes]:
    """(the lines of N-Triples ``data`` whose predicate is one of ``predicates``, all of
    them when None; the types ``_entailed`` gives), from one pass over the lines.

    The lines are split as bytes, not parsed into terms: subjects and predicates
    never hold a space in N-Triples, and only objects that are nodes (IRIs,
    blank nodes) matter. The maps are read by predicate and class as N-Triples
    terms, so no line is decoded (a 1 MB article's 550k lines: 2.3 -> 0.9 s).
    """
    lines = [line for line in data.split(b"\n") if line]
    rows = [line.split(b" ", 2) for line in lines]
    supers, domains, ranges = maps.terms
    types: dict[bytes, set[bytes]] = {}
    for s, p, o in rows:
        if p == _TYPE:
            cls = o[:-2]  # "<iri> ."
            types.setdefault(s, set()).update(supers.get(cls, (cls,)))
    extra = set()
    for s, p, o in rows:
        for cls in domains.get(p, ()):
            if cls not in types.get(s, ()):
                extra.add(b"%s %s %s ." % (s, _TYPE, cls))
        if o[:1] in (b"<", b"_"):
            for cls in ranges.get(p, ()):
                node = o[:-2]
                if cls not in types.get(node, ()):
                    extra.add(b"%s %s %s ." % (node, _TYPE, cls))
    if predicates is None:
        kept = data if data.endswith(b"\n") or not data else data + b"\n"
    else:
        chosen = [line for line, row in zip(lines, rows, strict=True) if row[1] in predicates]
        kept = b"\n".join(chosen) + b"\n" if chosen else b""
    return kept, b"".join(line + b"\n" for line in sorted(extra))


def _terms_of(classes: dict[str, tuple[str, ...]]) -> dict[bytes, tuple[bytes, ...]]:
    """``{property: classes}`` with every IRI as an N-Triples term."""
    return {_term(p): tuple(map(_term, cs)) for p, cs in classes.items()}


def _term(iri: str) -> bytes:
    return b"<%s>" % iri.encode()


_TYPE = b"<" + str(RDF.type).encode() + b">"


def _class_map(ontology: Graph, link: URIRef) -> dict[str, tuple[str, ...]]:
    """``{property: classes}`` for ``link`` (rdfs:domain or rdfs:range), sub-properties included."""
    direct: dict[URIRef, set[URIRef]] = {}
    for prop, cls in ontology.subject_objects(link):
        if not str(cls).startswith(str(XSD)) and cls != RDFS.Literal:
            direct.setdefault(prop, set()).add(cls)
    result = {}
    for prop in set(ontology.subjects(RDF.type, None)) | set(direct):
        supers = ontology.transitive_objects(prop, RDFS.subPropertyOf)
        classes = set().union(*(direct.get(p, set()) for p in supers))
        if classes:
            result[str(prop)] = tuple(sorted(map(str, classes)))
    return result


def _order(v: Violation) -> tuple[str, str, str, str]:
    return (v.shape, v.focus, v.path or "", v.message)


def _violations(results: Graph, shapes: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(result, SH.sourceShape)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        found.append(
            Violation(
                shape=_node_shape(source, shapes),
                focus=str(results.value(result, SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                message=str(message) if message is not None else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return found


def _node_shape(source: object, shapes: Graph) -> str:
    """The named shape behind ``source``: itself, or the node shape holding it as sh:property."""
    if isinstance(source, URIRef):
        return str(source)
    for parent in shapes.subjects(SH.property, source):
        if isinstance(parent, URIRef):
            return str(parent)
    return "(anonymous shape)" if isinstance(source, BNode) else str(source)


def report_lines(report: ValidationReport) -> list[str]:
    """One line per violation: ``shape focus path: message`` (for the CLI to print)."""
    return [
        f"{v.severity} {v.shape.rsplit('#', 1)[-1]} <{v.focus}> "
        f"{v.path.rsplit('#', 1)[-1] if v.path else '-'}: {v.message}"
        for v in report.violations
    ]
