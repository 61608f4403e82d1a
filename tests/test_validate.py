"""kg.validate: each SHACL shape passes its valid example and catches its invalid ones.

Example files are ``tests/shapes/{valid,invalid}/<ShapeName>[-what].ttl``;
an invalid file must violate its own shape and no other.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdf_samples import kaiping_extraction, taishan_extraction
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH

import kg.model
from kg.errors import KgError
from kg.model import build_graph, ontology_graph
from kg.validate import (
    _order,
    _violations,
    entailed_types,
    report_lines,
    shapes_graph,
    validate,
)
from kg.vocab import KGO_IRI

EXAMPLES = Path(__file__).parent / "shapes"
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))


def shape_of(path: Path) -> str:
    return KGO_IRI + path.stem.split("-")[0]


def load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def test_every_shape_has_a_valid_and_an_invalid_example():
    shapes = {str(s) for s in shapes_graph().subjects(RDF.type, SH.NodeShape)}
    assert shapes == {shape_of(p) for p in VALID}
    assert shapes == {shape_of(p) for p in INVALID}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path):
    report = validate(load(path))
    assert report.conforms, report_lines(report)
    assert report.violations == ()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_violates_its_shape_only(path):
    report = validate(load(path))
    assert not report.conforms
    assert {v.shape for v in report.violations} == {shape_of(path)}, report_lines(report)
    for v in report.violations:
        assert v.focus.startswith("https://kg.example.org/id/")
        assert v.message and v.severity == "Violation"


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.stem)
def test_entailed_types_give_the_same_results_as_rdfs_inference(path):
    data = load(path)
    ours = {(v.shape, v.focus, v.path) for v in validate(data).violations}
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="rdfs"
    )
    theirs = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path_node = results.value(result, SH.resultPath)
        theirs.add(
            (
                str(results.value(result, SH.focusNode)),
                str(path_node) if isinstance(path_node, URIRef) else None,
            )
        )
    assert {(focus, p) for _, focus, p in ours} == theirs


def test_built_graph_of_sample_articles_conforms():
    report = validate(build_graph([kaiping_extraction(), taishan_extraction()]))
    assert report.conforms, report_lines(report)


def test_violations_name_shape_focus_and_path_in_order():
    report = validate(load(EXAMPLES / "invalid" / "EntityShape-two-chinese-labels.ttl"))
    (violation,) = report.violations
    assert violation.shape == KGO_IRI + "EntityShape"
    assert violation.focus == "https://kg.example.org/id/park"
    assert violation.path == "http://www.w3.org/2000/01/rdf-schema#label"
    assert "exactly one rdfs:label" in violation.message
    (line,) = report_lines(report)
    assert line.startswith("Violation EntityShape <https://kg.example.org/id/park> label:")


@pytest.mark.parametrize(
    "constraint",
    [
        'sh:property [ sh:path rdfs:label ; sh:minCount "one" ]',
        "sh:property [ sh:minCount 1 ]",
        "sh:property [ sh:path rdfs:label ; sh:pattern 5 ]",
    ],
)
def test_broken_shapes_are_a_kg_error(constraint):
    shapes = Graph().parse(
        data=f"""
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            <{KGO_IRI}BrokenShape> a sh:NodeShape ; sh:targetClass <{KGO_IRI}Park> ; {constraint} .
        """,
        format="turtle",
    )
    with pytest.raises(KgError, match="SHACL") as caught:
        validate(load(EXAMPLES / "valid" / "EntityShape.ttl"), shapes=shapes)
    assert "\n" not in str(caught.value)


def _pyshacl_report(data: Graph) -> tuple:
    """What the reference engine, pySHACL, reports on ``data`` as kg.validate would."""
    target = Graph()
    for graph in (data, ontology_graph(), entailed_types(data, ontology_graph())):
        for triple in graph:
            target.add(triple)
    conforms, results, _ = pyshacl.validate(
        target, shacl_graph=shapes_graph(), inference="none", allow_warnings=True
    )
    return conforms, tuple(sorted(_violations(results, shapes_graph()), key=_order))


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.stem)
def test_the_engine_reports_exactly_what_pyshacl_reports(path):
    data = load(path)
    ours = validate(data)
    assert (ours.conforms, ours.violations) == _pyshacl_report(data)


def test_the_engine_reports_what_pyshacl_reports_on_a_built_graph_with_faults():
    graph = build_graph([kaiping_extraction(), taishan_extraction()])
    entities = sorted(
        set(graph.subjects(PROV.wasDerivedFrom, None)) & set(graph.subjects(RDFS.label, None))
    )
    for subject in entities[:3]:
        graph.add((subject, RDFS.label, Literal("重复的名字", lang="zh")))
    ours = validate(graph)
    assert not ours.conforms
    assert (ours.conforms, ours.violations) == _pyshacl_report(graph)


def test_violations_name_their_shape_after_the_shapes_are_read_again():
    """The compiled shapes outlive a re-read of shapes.ttl, whose blank nodes are new."""
    validate(load(EXAMPLES / "valid" / "EntityShape.ttl"))  # compiles the shapes
    kg.model.ontology_triples.cache_clear()
    report = validate(load(EXAMPLES / "invalid" / "ArticleShape-two-dates.ttl"))
    assert {v.shape for v in report.violations} == {KGO_IRI + "ArticleShape"}
