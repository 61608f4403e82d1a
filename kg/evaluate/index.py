"""A read-only index of a built graph for scoring: typed nodes, their labels and
kinds, the article each claim comes from, and the links worth walking.

Classes are recognised by local name through ``rdfs:subClassOf*`` as declared
in the graph itself (a built ``kg.ttl`` holds the ontology), so the scorer
also reads graphs whose classes live in another namespace.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.evaluate.gold import normalise_label
from kg.records import DIVISION_KINDS, KINDS
from kg.resources import ontology_file

TOP_CLASSES = ("AdministrativeDivision",) + tuple(k for k in KINDS if k not in DIVISION_KINDS)
LEVEL_CLASSES = ("Province", "Prefecture", "County", "Town", "Subdistrict", "Village")
# Nodes that carry text or provenance: never walked between entities.
TEXT_CLASSES = {"Sentence", "Article", "NewsArticle", "Mention"}
PART_LINKS = {"partOf", "isPartOf", "hasPart", "about", "subjectOf"}
# Numbers under these names are positions in the text or counts of it, not figures.
POSITION_NAMES = {"beginIndex", "endIndex", "sentenceIndex", "wordCount", "offset"}
_SCHEMA = Namespace("https://schema.org/")
LABELS = {RDFS.label, SKOS.prefLabel, SKOS.altLabel, _SCHEMA.name, _SCHEMA.alternateName}
_NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.int, XSD.long}
_NUMERIC |= {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.short}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(T[\d:.+Z-]*)?$")


def local_name(iri: object) -> str:
    """The last segment of an IRI.

    >>> local_name("https://kg.example.org/ontology#County")
    'County'
    """
    return re.split(r"[#/]", str(iri).rstrip("#/"))[-1]


@dataclass(frozen=True)
class GraphIndex:
    """What the scorer needs to know about a graph, computed once."""

    kinds: dict  # typed node -> frozenset of top-level and level class names it falls under
    labels: dict  # typed node -> set of normalised labels
    by_label: dict  # normalised label -> set of typed nodes
    adjacency: dict  # node -> list of (predicate, neighbour), both directions, walkable only
    origins: dict  # node -> frozenset of articles it is derived from (absent: no provenance)
    articles: dict  # article node -> names it goes by: identifier first, file stem, title
    text_nodes: frozenset

    def find(self, names: Iterable[str]) -> set:
        """Typed nodes labelled with any of ``names``."""
        return set().union(*(self.by_label.get(normalise_label(n), ()) for n in names))

    def is_entity(self, node: object) -> bool:
        """Whether ``node`` is typed with one of the top-level classes."""
        return node in self.kinds

    def numbers(self, node: object) -> list[Decimal]:
        """Numeric literals attached to ``node`` (positions in the text excluded)."""
        out = []
        for predicate, other in self.adjacency.get(node, ()):
            if isinstance(other, Literal) and local_name(predicate) not in POSITION_NAMES:
                value = _number(other)
                if value is not None:
                    out.append(value)
        return out

    def dates(self, node: object) -> list[str]:
        """ISO date literals attached to ``node``."""
        return [
            str(o)[:10]
            for _, o in self.adjacency.get(node, ())
            if isinstance(o, Literal) and _DATE.match(str(o)) and _number(o) is None
        ]


def index_graph(graph: Graph) -> GraphIndex:
    """Index ``graph``; when it declares none of kg's classes, kg's ontology is read too."""
    kind_of = _class_kinds(graph)
    kinds: dict = {}
    for node, cls in graph.subject_objects(RDF.type):
        found = kind_of.get(cls)
        if found:
            kinds[node] = kinds.get(node, frozenset()) | found
    kinds = {n: k for n, k in kinds.items() if k & set(TOP_CLASSES)}
    labels: dict = defaultdict(set)
    by_label: dict = defaultdict(set)
    for predicate in LABELS:
        for node, label in graph.subject_objects(predicate):
            if node in kinds and isinstance(label, Literal):
                labels[node].add(normalise_label(label))
                by_label[normalise_label(label)].add(node)
    text_nodes = frozenset(
        node for node, cls in graph.subject_objects(RDF.type) if local_name(cls) in TEXT_CLASSES
    )
    return GraphIndex(
        kinds=kinds,
        labels=dict(labels),
        by_label=dict(by_label),
        adjacency=_adjacency(graph),
        origins=_origins(graph),
        articles=_articles(graph),
        text_nodes=text_nodes,
    )


def _class_kinds(graph: Graph) -> dict:
    """class IRI -> the top-level and level class names it is rdfs:subClassOf* of."""
    axioms = graph
    names = {local_name(c) for c in graph.subjects(RDFS.subClassOf)}
    if not names & set(TOP_CLASSES):
        axioms = Graph()
        axioms.parse(ontology_file())
        axioms += graph.triples((None, RDFS.subClassOf, None))
    subclasses = defaultdict(set)
    classes = set(graph.objects(None, RDF.type))
    for sub, sup in axioms.subject_objects(RDFS.subClassOf):
        subclasses[sup].add(sub)
        classes |= {sub, sup}
    kinds: dict = defaultdict(set)
    for root in classes:
        name = local_name(root)
        if name not in TOP_CLASSES and name not in LEVEL_CLASSES:
            continue
        seen, todo = {root}, deque([root])
        while todo:
            cls = todo.popleft()
            kinds[cls].add(name)
            for sub in subclasses[cls] - seen:
                seen.add(sub)
                todo.append(sub)
    return {cls: frozenset(names) for cls, names in kinds.items()}


def _walkable(predicate: URIRef) -> bool:
    """Provenance, metadata, label and type links are not paths between entities."""
    text = str(predicate)
    if predicate == RDF.type or predicate in LABELS:
        return False
    if text.startswith((str(PROV), str(DCTERMS))):
        return False
    return local_name(predicate) not in {"mentionedIn", "inSentence"}


def _adjacency(graph: Graph) -> dict:
    adjacency: dict = defaultdict(list)
    for s, p, o in graph:
        if not _walkable(p):
            continue
        adjacency[s].append((p, o))
        if not isinstance(o, Literal):
            adjacency[o].append((p, s))
    return dict(adjacency)


def _origins(graph: Graph) -> dict:
    """node -> articles of the sentences (or articles) it is prov:wasDerivedFrom."""
    origins: dict = defaultdict(set)
    for node, source in graph.subject_objects(PROV.wasDerivedFrom):
        parents = set(graph.objects(source, DCTERMS.isPartOf))
        origins[node] |= parents or {source}
    return {node: frozenset(found) for node, found in origins.items()}


def _articles(graph: Graph) -> dict:
    """article node -> the names a gold file may use for it, its identifier first:
    identifier, source file stem, title."""
    articles: dict = {}
    for node, cls in graph.subject_objects(RDF.type):
        if local_name(cls) not in ("Article", "NewsArticle"):
            continue
        names = [normalise_label(v) for v in graph.objects(node, DCTERMS.identifier)]
        for predicate, value in graph.predicate_objects(node):
            if local_name(predicate) == "sourceFile":
                names.append(normalise_label(str(value).rsplit(".", 1)[0]))
        names += [normalise_label(v) for v in graph.objects(node, DCTERMS.title)]
        articles[node] = tuple(dict.fromkeys(names)) or (str(node),)
    return articles


def _number(literal: Literal) -> Decimal | None:
    if literal.datatype not in _NUMERIC:
        return None
    try:
        return Decimal(str(literal))
    except InvalidOperation:
        return None
