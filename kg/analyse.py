"""The NetworkX view of a kg graph, and its metrics (docs/rdf-model.md, "NetworkX view").

Nodes are entity IRIs; quantities, sentences and articles become node and
edge attributes, never nodes, so centrality is about the things the news
talks about. The view is read from the triples in one pass (no SPARQL), which
keeps it fast on large graphs. Everything is ordered, so the same graph gives
the same view and the same metrics.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.model import ontology_graph
from kg.ntriples import Index, Text, index_ntriples
from kg.records import KINDS
from kg.vocab import DCTERMS, KGO, KGO_IRI, PROV, SCHEMA

# Links that lead to figures or provenance, not to another entity.
_NOT_EDGES = {KGO.hasQuantity, KGO.mentionedIn, KGO.period, KGO.inSentence}


def _index(graph: Graph | Iterable[ox.Triple] | bytes) -> Index:
    """``{subject: {predicate: [objects]}}`` for every triple, in one pass.

    ``graph`` is an rdflib graph (read with ``triples()``: a ConjunctiveGraph
    iterates as quads), pyoxigraph triples, or canonical N-Triples (what
    ``kg.parts.GraphSet.union`` holds, read by ``kg.ntriples``: the fastest).
    """
    if isinstance(graph, bytes):
        return index_ntriples(graph)
    triples = graph.triples((None, None, None)) if isinstance(graph, Graph) else _terms(graph)
    index: Index = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        index[s][p].append(o)
    return index


def _terms(triples: Iterable[ox.Triple]) -> Iterable[tuple]:
    """pyoxigraph triples with IRIs as rdflib URIRefs (each made once) and literals as Text."""
    iris: dict[str, URIRef] = {}

    def convert(term):
        if isinstance(term, ox.Literal):
            text = Text(term.value)
            text.language = term.language
            return text
        value = term.value
        iri = iris.get(value)
        if iri is None:
            iri = iris[value] = URIRef(value)
        return iri

    for s, p, o in triples:
        yield convert(s), convert(p), convert(o)


def _first(index: Index, node: object, predicate: URIRef) -> object | None:
    values = index.get(node, {}).get(predicate)
    return min(values, key=str) if values else None  # str: literals of mixed types compare


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)


def _natural(iri: object) -> tuple:
    """Sort key reading digit runs as numbers, so sentence/10 follows sentence/9."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", str(iri)))


@cache
def _ontology_facts() -> tuple[dict[URIRef, frozenset[URIRef]], dict[URIRef, dict[str, str]]]:
    """Superclasses of every kgo class, and the zh/en labels of every kgo term."""
    ontology = ontology_graph()
    supers = {
        cls: frozenset(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        for cls in ontology.subjects(RDFS.subClassOf, None)
    }
    labels: dict[URIRef, dict[str, str]] = defaultdict(dict)
    for term, label in ontology.subject_objects(RDFS.label):
        if isinstance(label, Literal) and label.language:
            labels[term][label.language] = str(label)
    return supers, dict(labels)


def _kind(types: Iterable[URIRef]) -> str:
    """Local name of the most specific entity class among ``types``."""
    supers, _ = _ontology_facts()
    entity_types = {t for t in types if str(t).startswith(KGO_IRI)}
    specific = [t for t in entity_types if not any(t in supers.get(o, ()) for o in entity_types)]
    return min(str(t)[len(KGO_IRI) :] for t in specific or entity_types)


def _labels(index: Index, node: object) -> tuple[str, str | None]:
    """The zh label (or the IRI's tail) and the en or pinyin label (or None)."""
    by_lang = {}
    for label in sorted(index.get(node, {}).get(RDFS.label, []), key=str):
        # tags in lower case: kg.ttl (pyoxigraph) lowers them, rdflib keeps them as made
        by_lang.setdefault((getattr(label, "language", None) or "").lower(), str(label))
    zh = by_lang.get("zh") or next(iter(by_lang.values()), None) or str(node).rsplit("/", 1)[-1]
    return zh, by_lang.get("en") or by_lang.get("zh-latn-pinyin")


def _article(index: Index, sentence: object) -> tuple[str | None, dict]:
    """Article id and its title/date for a sentence node."""
    art = _first(index, sentence, DCTERMS.isPartOf)
    if art is None:
        return None, {}
    ident = _first(index, art, DCTERMS.identifier)
    date = _first(index, art, DCTERMS.date)
    return str(ident) if ident is not None else str(art).rsplit("/", 1)[-1], {
        "title": _text(_first(index, art, DCTERMS.title)),
        "date": _text(date),
    }


def to_networkx(graph: Graph | Iterable[ox.Triple] | bytes) -> nx.MultiDiGraph:
    """Entity nodes and entity-to-entity edges of ``graph``, with figures and sources as attributes.

    The returned view is a new, mutable graph: callers (and ``with_centrality``)
    may add attributes to their copy.
    """
    index = _index(graph)
    entity_classes = {KGO[k] for k in KINDS} | {KGO.Entity, KGO.AdministrativeDivision}
    entities = sorted(
        (s for s, props in index.items() if entity_classes & set(props.get(RDF.type, ()))),
        key=_natural,
    )
    view = nx.MultiDiGraph()
    members = set(entities)
    quantities = _quantities_by_entity(index)
    for node in entities:
        label, label_en = _labels(index, node)
        sentences = _sentences(index, node)
        view.add_node(
            str(node),
            label=label,
            label_en=label_en,
            kind=_kind(index[node][RDF.type]),
            code=_text(_first(index, node, KGO.divisionCode)),
            parents=[_labels(index, p)[0] for p in _parent_chain(index, node, members)],
            quantities=quantities.get(node, []),
            sentences=sentences,
            articles=sorted({s["article"] for s in sentences if s["article"]}),
        )
    view.add_edges_from(_edges(index, entities, members))
    return view


def _parent_chain(index: Index, node: URIRef, members: set) -> list[URIRef]:
    """The locatedIn chain upward, nearest first: at each step skip parents that contain another."""
    chain, seen, current = [], {node}, node
    while True:
        parents = {p for p in index.get(current, {}).get(KGO.locatedIn, []) if p in members}
        parents -= seen
        if not parents:
            return chain
        ancestors = {a for p in parents for a in _ancestors(index, p, members)}
        current = min(parents - ancestors or parents, key=_natural)
        chain.append(current)
        seen.add(current)


def _ancestors(index: Index, node: URIRef, members: set) -> set[URIRef]:
    found, todo = set(), [node]
    while todo:
        for parent in index.get(todo.pop(), {}).get(KGO.locatedIn, []):
            if parent in members and parent not in found and parent != node:
                found.add(parent)
                todo.append(parent)
    return found


def _sentences(index: Index, node: URIRef) -> list[dict]:
    """Sentences the entity is derived from, each with the surface form used there."""
    surface: dict[object, str] = {}
    mentions = sorted(index.get(node, {}).get(KGO.mentionedIn, []), key=_natural)
    for mention in mentions:
        sentence = _first(index, mention, KGO.inSentence)
        anchor = _first(index, mention, KGO.anchorOf)
        if sentence is not None and anchor is not None:
            surface.setdefault(sentence, str(anchor))
    found = []
    for sentence in sorted(set(index.get(node, {}).get(PROV.wasDerivedFrom, [])), key=_natural):
        article, meta = _article(index, sentence)
        text = _text(_first(index, sentence, KGO.text))
        found.append({"text": text, "mention": surface.get(sentence), "article": article, **meta})
    return found


def _quantities_by_entity(index: Index) -> dict[URIRef, list[dict]]:
    found: dict[URIRef, list[dict]] = defaultdict(list)
    quantities = [s for s, props in index.items() if KGO.Quantity in props.get(RDF.type, ())]
    for q in sorted(quantities, key=_natural):
        about = _first(index, q, KGO.about)
        if about is None:
            continue
        period = _first(index, q, KGO.period)
        sentence = _first(index, q, PROV.wasDerivedFrom)
        found[about].append(
            {
                "value": _text(_first(index, q, SCHEMA.value)),
                "unit": _text(_first(index, q, SCHEMA.unitText)),
                "normalized_value": _text(_first(index, q, KGO.normalizedValue)),
                "normalized_unit": _text(_first(index, q, KGO.normalizedUnit)),
                "measure": _text(_first(index, q, KGO.measure)),
                "qualifier": _text(_first(index, q, KGO.qualifier)),
                "period": _text(_first(index, period, KGO.expression)),
                "start": _text(_first(index, period, SCHEMA.startDate)),
                "end": _text(_first(index, period, SCHEMA.endDate)),
                "sentence": _text(_first(index, sentence, KGO.text)),
                "article": _article(index, sentence)[0] if sentence is not None else None,
            }
        )
    return found


def _edges(index: Index, entities: list[URIRef], members: set) -> list[tuple[str, str, str, dict]]:
    statements: dict[tuple, list] = defaultdict(list)
    for s, props in index.items():
        if KGO.Statement in props.get(RDF.type, ()):
            key = tuple(_first(index, s, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            statements[key].append(s)
    _, term_labels = _ontology_facts()
    edges = []
    for u in entities:
        for p in sorted(index[u]):
            if not str(p).startswith(KGO_IRI) or p in _NOT_EDGES:
                continue
            for v in sorted(o for o in set(index[u][p]) if o in members):
                source = min(statements.get((u, p, v), []), key=_natural, default=None)
                sentence = _first(index, source, PROV.wasDerivedFrom)
                labels = term_labels.get(p, {})
                attrs = {
                    "predicate": str(p),
                    "label_zh": labels.get("zh"),
                    "label_en": labels.get("en"),
                    "sentence": _text(_first(index, sentence, KGO.text)),
                    "article": _article(index, sentence)[0] if sentence is not None else None,
                }
                edges.append((str(u), str(v), str(p)[len(KGO_IRI) :], attrs))
    return edges


@dataclass(frozen=True)
class GraphMetrics:
    """Size, connectedness and the most central entities of a view.

    ``top`` is by PageRank and ``top_degree`` by degree centrality, both on
    the undirected simple projection, as ``(iri, label, score)`` with scores
    rounded to 6 places; ties go by IRI.
    """

    nodes: int
    edges: int
    components: int
    top: tuple[tuple[str, str, float], ...]
    top_degree: tuple[tuple[str, str, float], ...]
    pagerank: Mapping[str, float]
    degree: Mapping[str, float]


def simple_projection(view: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``view``: one edge per linked pair, no self-loops."""
    simple = nx.Graph()
    simple.add_nodes_from(view)
    simple.add_edges_from((u, v) for u, v in view.edges() if u != v)
    return simple


def metrics(view: nx.MultiDiGraph, top: int = 10) -> GraphMetrics:
    """Counts, component number, PageRank and degree centrality of ``view``."""
    simple = simple_projection(view)
    pagerank = nx.pagerank(simple) if len(simple) else {}
    degree = nx.degree_centrality(simple) if len(simple) else {}

    def best(scores: Mapping[str, float]) -> tuple[tuple[str, str, float], ...]:
        ranked = sorted(scores.items(), key=lambda item: (-round(item[1], 6), item[0]))
        return tuple((n, view.nodes[n].get("label", n), round(s, 6)) for n, s in ranked[:top])

    return GraphMetrics(
        nodes=view.number_of_nodes(),
        edges=view.number_of_edges(),
        components=nx.number_connected_components(simple) if len(simple) else 0,
        top=best(pagerank),
        top_degree=best(degree),
        pagerank=pagerank,
        degree=degree,
    )


def with_centrality(view: nx.MultiDiGraph, measured: GraphMetrics | None = None) -> nx.MultiDiGraph:
    """A copy of ``view`` whose nodes carry ``centrality`` (PageRank) and ``degree_centrality``."""
    measured = measured or metrics(view)
    annotated = view.copy()
    for node, data in annotated.nodes(data=True):
        data["centrality"] = measured.pagerank.get(node, 0.0)
        data["degree_centrality"] = measured.degree.get(node, 0.0)
    return annotated


def communities(view: nx.MultiDiGraph, seed: int = 42, resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities of the simple projection, largest first (ties by smallest IRI).

    Louvain is slow on big graphs (about 12 s at 10k nodes on this machine).
    """
    simple = simple_projection(view)
    if not len(simple):
        return []
    found = nx.community.louvain_communities(simple, seed=seed, resolution=resolution)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))
