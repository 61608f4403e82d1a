"""ontology/kg.ttl: declares exactly kg.vocab.KGO, labelled, aligned, without blank nodes."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg import vocab as v
from kg.records import KINDS
from kg.resources import ontology_file
from kg.vocab import KGO, KGO_IRI, ONTOLOGY_IRI

# SCHEMA, TIME and PROV are reached as v.X, not imported: pytest probes module
# globals, and rdflib's open DefinedNamespaces warn on unknown attributes.

DOC_CLASSES = {
    "AdministrativeDivision", "Province", "Prefecture", "County", "Town", "Subdistrict",
    "Village", "Region", "Park", "Company", "GovernmentBody", "Organization", "Project",
    "Road", "Programme", "Event", "Person", "NaturalFeature", "River", "Reservoir", "Lake",
    "Mountain", "Place", "ScenicArea", "HeritageSite", "Station", "Port", "Venue",
    "Designation", "Report", "Product",
}  # fmt: skip
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
# Left without rdfs:domain on purpose: shared by several classes, and RDFS
# inference must not type a quantity or statement as something else.
NO_DOMAIN = {KGO.about, KGO.beginIndex, KGO.endIndex, KGO.period}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def declared(ontology: Graph, *types: URIRef) -> set[URIRef]:
    return {
        s
        for t in types
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(KGO_IRI)
    }


def test_every_kgo_term_is_declared_and_every_declared_term_is_in_kgo(ontology):
    in_vocab = set(dir(KGO))
    in_ontology = declared(ontology, *TERM_TYPES)
    assert in_vocab - in_ontology == set(), "in kg/vocab.py but not declared in kg.ttl"
    assert in_ontology - in_vocab == set(), "declared in kg.ttl but missing from kg/vocab.py"


def test_kgo_is_closed():
    with pytest.raises(AttributeError):
        _ = KGO.locatedin


def test_classes_have_the_local_names_tools_rely_on(ontology):
    local_names = {str(c)[len(KGO_IRI) :] for c in declared(ontology, OWL.Class)}
    assert local_names >= DOC_CLASSES
    assert set(KINDS) <= local_names


@pytest.mark.parametrize("term_type", TERM_TYPES)
def test_every_term_has_zh_and_en_labels_and_a_comment(ontology, term_type):
    for term in declared(ontology, term_type):
        langs = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_properties_have_ranges_and_domains(ontology):
    for prop in declared(ontology, OWL.ObjectProperty, OWL.DatatypeProperty):
        assert ontology.value(prop, RDFS.range) is not None, prop
        if prop not in NO_DOMAIN:
            assert ontology.value(prop, RDFS.domain) is not None, prop


def test_every_entity_class_is_an_entity_aligned_outside_kgo(ontology):
    for kind in set(KINDS) | DOC_CLASSES:
        supers = set(ontology.transitive_objects(KGO[kind], RDFS.subClassOf))
        assert KGO.Entity in supers and v.PROV.Entity in supers, kind
        assert any(str(s).startswith(str(v.SCHEMA)) for s in supers), kind


@pytest.mark.parametrize(
    ("sub", "link", "sup"),
    [
        (KGO.AdministrativeDivision, RDFS.subClassOf, v.SCHEMA.AdministrativeArea),
        (KGO.Company, RDFS.subClassOf, v.SCHEMA.Corporation),
        (KGO.Company, RDFS.subClassOf, KGO.Organization),
        (KGO.GovernmentBody, RDFS.subClassOf, v.SCHEMA.GovernmentOrganization),
        (KGO.Quantity, RDFS.subClassOf, v.SCHEMA.QuantitativeValue),
        (KGO.Period, RDFS.subClassOf, v.TIME.ProperInterval),
        (KGO.Article, RDFS.subClassOf, v.SCHEMA.NewsArticle),
        (KGO.Statement, RDFS.subClassOf, RDF.Statement),
        (KGO.locatedIn, RDFS.subPropertyOf, v.SCHEMA.containedInPlace),
        (KGO.locatedIn, RDF.type, OWL.TransitiveProperty),
        (KGO.heldIn, RDFS.subPropertyOf, v.SCHEMA.location),
        (KGO.period, RDFS.subPropertyOf, v.TIME.hasTime),
    ],
)
def test_alignments(ontology, sub, link, sup):
    assert (sub, link, sup) in ontology


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert {lbl.language for lbl in ontology.objects(ONTOLOGY_IRI, RDFS.label)} == {"zh", "en"}
    assert ontology.value(ONTOLOGY_IRI, RDFS.comment) is not None
    created = ontology.value(ONTOLOGY_IRI, DCTERMS.created)
    assert isinstance(created, Literal) and created.toPython() == dt.date(2026, 11, 27)


def test_no_blank_nodes(ontology):
    assert not [t for t in ontology if any(isinstance(x, BNode) for x in t)]
