"""Vocabulary terms: the kg ontology as a closed namespace, plus the ones it reuses.

Every ``KGO`` term is declared in ``ontology/kg.ttl`` and every term declared
there is listed here (``tests/test_ontology.py`` checks both ways), so a typo
such as ``KGO.locatedin`` raises instead of minting a stray IRI.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    Namespace,
)

SCHEMA = SDO  # https://schema.org/, as docs/rdf-model.md uses

KGO_IRI = "https://kg.example.org/ontology#"
ONTOLOGY_IRI = URIRef("https://kg.example.org/ontology")
DEFAULT_BASE = "https://kg.example.org/id/"


class KGO(DefinedNamespace):
    """Terms of the kg ontology (``kgo:``)."""

    _NS = Namespace(KGO_IRI)
    _fail = True

    # Entity classes
    Entity: URIRef
    AdministrativeDivision: URIRef
    Province: URIRef
    Prefecture: URIRef
    County: URIRef
    Town: URIRef
    Subdistrict: URIRef
    Village: URIRef
    Region: URIRef
    Park: URIRef
    Organization: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    Project: URIRef
    Road: URIRef
    Programme: URIRef
    Event: URIRef
    Person: URIRef
    NaturalFeature: URIRef
    River: URIRef
    Reservoir: URIRef
    Lake: URIRef
    Mountain: URIRef
    Place: URIRef
    ScenicArea: URIRef
    HeritageSite: URIRef
    Station: URIRef
    Port: URIRef
    Venue: URIRef
    Designation: URIRef
    Report: URIRef
    Product: URIRef

    # Provenance and figures
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    Quantity: URIRef
    Period: URIRef
    Statement: URIRef

    # Relations between entities
    locatedIn: URIRef
    partOf: URIRef
    hosts: URIRef
    connects: URIRef
    about: URIRef
    approvedBy: URIRef
    evaluatedBy: URIRef
    selectedFor: URIRef
    honouredBy: URIRef
    establishedBy: URIRef
    participatesIn: URIRef
    startedAt: URIRef
    signedAt: URIRef
    completedAt: URIRef
    implements: URIRef
    dependsOn: URIRef
    investsIn: URIRef
    builds: URIRef
    cooperatesWith: URIRef
    worksFor: URIRef
    holdsPostIn: URIRef
    issuedBy: URIRef
    presentedAt: URIRef
    visited: URIRef
    integratesWith: URIRef
    heldIn: URIRef
    operates: URIRef
    rankedIn: URIRef
    listedOn: URIRef
    benefitsFrom: URIRef
    boundedBy: URIRef
    adjacentTo: URIRef
    relatedTo: URIRef

    # Links to figures and provenance
    hasQuantity: URIRef
    mentionedIn: URIRef
    inSentence: URIRef
    period: URIRef

    # Data properties
    divisionCode: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    sentenceIndex: URIRef
    text: URIRef
    section: URIRef
    page: URIRef
    wordCount: URIRef
    sourceFile: URIRef
    encoding: URIRef
    sha256: URIRef
    normalizedValue: URIRef
    normalizedUpperValue: URIRef
    normalizedUnit: URIRef
    qualifier: URIRef
    measure: URIRef
    quantityKind: URIRef
    surfaceText: URIRef
    expression: URIRef
    periodKind: URIRef
    evidence: URIRef


# Properties a Relation record may name: links between two entities.
RELATION_PREDICATES = frozenset(
    {
        "locatedIn",
        "partOf",
        "hosts",
        "connects",
        "about",
        "approvedBy",
        "evaluatedBy",
        "selectedFor",
        "honouredBy",
        "establishedBy",
        "participatesIn",
        "startedAt",
        "signedAt",
        "completedAt",
        "implements",
        "dependsOn",
        "investsIn",
        "builds",
        "cooperatesWith",
        "worksFor",
        "holdsPostIn",
        "issuedBy",
        "presentedAt",
        "visited",
        "integratesWith",
        "heldIn",
        "operates",
        "rankedIn",
        "listedOn",
        "benefitsFrom",
        "boundedBy",
        "adjacentTo",
        "relatedTo",
    }
)

PREFIXES: dict[str, str] = {
    "kgo": KGO_IRI,
    "schema": str(SDO),
    "prov": str(PROV),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
}

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE",
    "KGO",
    "KGO_IRI",
    "ONTOLOGY_IRI",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RELATION_PREDICATES",
    "SCHEMA",
    "SKOS",
    "TIME",
    "XSD",
]
