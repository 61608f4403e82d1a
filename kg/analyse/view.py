"""The NetworkX view of a kg graph (docs/rdf-model.md, "NetworkX view"): a documented API.

``to_networkx(graph)`` projects the RDF graph onto a ``networkx.MultiDiGraph``:

- **nodes** are entity IRIs, with ``label`` (zh), ``label_en`` (en, else pinyin),
  ``pinyin``, ``aliases`` (short forms, ``skos:altLabel``), ``kind`` (the most
  specific ontology class, e.g. ``Town``), ``code`` (division code or None),
  ``parents`` (the ``locatedIn`` chain upward, labels), ``quantities`` (the
  figures about it, each with its period and sentence), ``sentences`` and
  ``articles`` (where it is mentioned);
- **edges** are entity-to-entity relations keyed by the predicate's local name
  (``view.edges[u, v, "locatedIn"]``), with ``predicate`` (IRI), ``label_zh``,
  ``label_en``, ``sentence`` and ``article`` (the first source), ``sentences``
  (every source, ``{"text", "article"}``) and ``source``: ``"text"`` when a
  sentence states it, ``"gazetteer"`` when it comes from the division table
  (址山镇 within 鹤山市) and no sentence does;
- figures and periods are attributes, never nodes, so centrality is about the
  things the news talks about. ``provenance=True`` adds the sentences and
  articles as nodes too (``kind`` ``"Sentence"`` / ``"Article"``, edges
  ``wasDerivedFrom`` entity → sentence and ``isPartOf`` sentence → article),
  for questions such as "which articles tie these two companies".

The view is read from the triples in one pass (no SPARQL), which keeps it
fast on large graphs. Everything is ordered, so the same graph gives the same
view and the same metrics.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache
from types import SimpleNamespace

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.model import ontology_graph
from kg.ntriples import Index, Text, index_ntriples
from kg.parts import GraphSet
from kg.records import KINDS
from kg.vocab import DCTERMS, KGO, KGO_IRI, PROV, SCHEMA

# Terms read as plain attributes: a Namespace lookup runs Python code on every access.
_DCTERMS = SimpleNamespace(
    **{
        n: DCTERMS[n]
        for n in (
            "date",
            "identifier",
            "isPartOf",
            "title",
        )
    }
)
_KGO = SimpleNamespace(
    **{
        n: KGO[n]
        for n in (
            "AdministrativeDivision",
            "Entity",
            "Quantity",
            "Statement",
            "about",
            "anchorOf",
            "divisionCode",
            "expression",
            "hasQuantity",
            "inSentence",
            "locatedIn",
            "measure",
            "mentionedIn",
            "normalizedUnit",
            "normalizedValue",
            "period",
            "qualifier",
            "text",
        )
    }
)
_PROV = SimpleNamespace(**{n: PROV[n] for n in ("wasDerivedFrom",)})
_RDF = SimpleNamespace(
    **{
        n: RDF[n]
        for n in (
            "object",
            "predicate",
            "subject",
            "type",
        )
    }
)
_RDFS = SimpleNamespace(
    **{
        n: RDFS[n]
        for n in (
            "label",
            "subClassOf",
        )
    }
)
_SCHEMA = SimpleNamespace(
    **{
        n: SCHEMA[n]
        for n in (
            "endDate",
            "startDate",
            "unitText",
            "value",
        )
    }
)
_SKOS = SimpleNamespace(**{n: SKOS[n] for n in ("altLabel",)})


# Links that lead to figures or provenance, not to another entity.
_NOT_EDGES = {_KGO.hasQuantity, _KGO.mentionedIn, _KGO.period, _KGO.inSentence}


class _Index(defaultdict):
    """The index, with room for answers worth keeping while one view is made."""

    def __init__(self, *args):
        super().__init__(*args)
        self.articles: dict[object, tuple[str | None, dict]] = {}
        self.labels: dict[object, dict[str, str]] = {}


def _index(graph: Graph | Iterable[ox.Triple] | bytes | GraphSet) -> Index:
    """``{subject: {predicate: [objects]}}`` for every triple, in one pass.

    ``graph`` is an rdflib graph (read with ``triples()``: a ConjunctiveGraph
    iterates as quads), pyoxigraph triples, canonical N-Triples (read by
    ``kg.ntriples``: the fastest), or a build's ``GraphSet``, whose graphs are read
    one by one into one index (a triple several graphs hold is listed once for each:
    the view reads objects as sets, or their least), never joined into their union.
    """
    if isinstance(graph, GraphSet):
        # the vocabulary's own terms in the index, so a lookup by them finds its key by
        # identity (URIRef's __eq__ is Python code: 900k calls in a 300-article view)
        into, terms = _Index(lambda: defaultdict(list)), dict(_vocabulary())
        for data in graph.ntriples():
            index_ntriples(data, into, skip=_UNREAD, skip_types=_UNREAD_TYPES, terms=terms)
        return _without_repeats(into)
    if isinstance(graph, bytes):
        into = _Index(lambda: defaultdict(list))
        terms = dict(_vocabulary())
        return index_ntriples(graph, into, skip=_UNREAD, skip_types=_UNREAD_TYPES, terms=terms)
    triples = graph.triples((None, None, None)) if isinstance(graph, Graph) else _terms(graph)
    index: Index = _Index(lambda: defaultdict(list))
    for s, p, o in triples:
        index[s][p].append(o)
    return index


@cache
def _vocabulary() -> dict[str, URIRef]:
    """The terms this module looks up, by IRI."""
    spaces = (_DCTERMS, _KGO, _PROV, _RDF, _RDFS, _SCHEMA, _SKOS)
    return {str(term): term for space in spaces for term in vars(space).values()}


def _without_repeats(index: Index) -> Index:
    """``index`` with each object listed once per subject and predicate, in first-seen
    order: a thing every article names has its labels in every article's graph, and
    the view sorts them once per node that names it as a parent (labels were 20% of a
    300-article view before this)."""
    for props in index.values():
        for predicate, objects in props.items():
            if len(objects) > 1:
                # the type and tag too: "x"@zh, "x"@en and <x> are equal as strings
                seen = {(type(o), o, getattr(o, "language", None)): o for o in objects}
                if len(seen) < len(objects):
                    props[predicate] = list(seen.values())
    return index


# What the view never reads (offsets, kinds, OWL-Time twins of the schema dates, the
# classes of mentions and sentences): about 30% of a build's triples, skipped unconverted.
_UNREAD = {
    KGO_IRI + n
    for n in (
        "beginIndex",
        "endIndex",
        "quantityKind",
        "surfaceText",
        "evidence",
        "sentenceIndex",
        "periodKind",
        "hasQuantity",
    )
} | {
    str(SCHEMA.unitCode),
    "http://www.w3.org/2006/time#inXSDDate",
    "http://www.w3.org/2006/time#hasEnd",
    "http://www.w3.org/2006/time#hasBeginning",
}
_RDF_TYPE = str(RDF.type)
_UNREAD_TYPES = {KGO_IRI + "Mention", KGO_IRI + "Sentence"}


def _terms(triples: Iterable[ox.Triple]) -> Iterable[tuple]:
    """pyoxigraph triples (or quads) with IRIs as rdflib URIRefs (each made once) and
    literals as Text."""
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

    for t in triples:
        predicate = t.predicate.value
        if predicate in _UNREAD or (predicate == _RDF_TYPE and t.object.value in _UNREAD_TYPES):
            continue
        yield convert(t.subject), convert(t.predicate), convert(t.object)


def _first(index: Index, node: object, predicate: URIRef) -> object | None:
    values = index.get(node, {}).get(predicate)
    if not values:
        return None
    return values[0] if len(values) == 1 else min(values, key=str)  # str: mixed types compare


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)


def _natural(iri: object) -> tuple:
    """Sort key reading digit runs as numbers, so sentence/10 follows sentence/9."""
    return _natural_key(str(iri))


@lru_cache(maxsize=1 << 18)
def _natural_key(iri: str) -> tuple:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", iri))


@cache
def _ontology_facts() -> tuple[dict[URIRef, frozenset[URIRef]], dict[URIRef, dict[str, str]]]:
    """Superclasses of every kgo class, and the zh/en labels of every kgo term."""
    ontology = ontology_graph()
    supers = {
        cls: frozenset(ontology.transitive_objects(cls, _RDFS.subClassOf)) - {cls}
        for cls in ontology.subjects(_RDFS.subClassOf, None)
    }
    labels: dict[URIRef, dict[str, str]] = defaultdict(dict)
    for term, label in ontology.subject_objects(_RDFS.label):
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
    by_lang = _labels_by_language(index, node)
    zh = by_lang.get("zh") or next(iter(by_lang.values()), None) or str(node).rsplit("/", 1)[-1]
    return zh, by_lang.get("en") or by_lang.get("zh-latn-pinyin")


def _labels_by_language(index: Index, node: object) -> dict[str, str]:
    """Each language's label of ``node`` (the least, if several), kept for the index:
    a place is asked for once per thing it contains (its label names their parents)."""
    memo = getattr(index, "labels", None)
    if memo is not None:
        found = memo.get(node)
        if found is None:
            found = memo[node] = _labels_of(index, node)
        return found
    return _labels_of(index, node)


def _labels_of(index: Index, node: object) -> dict[str, str]:
    by_lang: dict[str, str] = {}
    for label in sorted(index.get(node, {}).get(_RDFS.label, []), key=str):
        # tags in lower case: kg.ttl (pyoxigraph) lowers them, rdflib keeps them as made
        by_lang.setdefault((getattr(label, "language", None) or "").lower(), str(label))
    return by_lang


def _article(index: Index, sentence: object) -> tuple[str | None, dict]:
    """Article id and its title/date for a sentence node."""
    memo = getattr(index, "articles", None)
    if memo is not None and sentence in memo:
        return memo[sentence]
    found = _article_of(index, sentence)
    if memo is not None:
        memo[sentence] = found
    return found


def _article_of(index: Index, sentence: object) -> tuple[str | None, dict]:
    art = _first(index, sentence, _DCTERMS.isPartOf)
    if art is None:
        return None, {}
    ident = _first(index, art, _DCTERMS.identifier)
    date = _first(index, art, _DCTERMS.date)
    return str(ident) if ident is not None else str(art).rsplit("/", 1)[-1], {
        "title": _text(_first(index, art, _DCTERMS.title)),
        "date": _text(date),
    }


def to_networkx(
    graph: Graph | Iterable[ox.Triple | ox.Quad] | bytes | GraphSet, *, provenance: bool = False
) -> nx.MultiDiGraph:
    """Entity nodes and entity-to-entity edges of ``graph``, with figures and sources as
    attributes (the module's docstring lists them); ``provenance=True`` adds sentence and
    article nodes.

    ``graph`` is an rdflib graph or pyoxigraph triples or quads (``GraphSet.triples()``,
    ``pyoxigraph.parse``, a store's ``quads_for_pattern``), canonical N-Triples, or a
    build's ``kg.parts.GraphSet`` (read graph by graph). The returned view is a new,
    mutable graph: callers (and ``with_centrality``) may add attributes to their copy.
    """
    index = _index(graph)
    entity_classes = {KGO[k] for k in KINDS} | {_KGO.Entity, _KGO.AdministrativeDivision}
    entities = sorted(
        (s for s, props in index.items() if entity_classes & set(props.get(_RDF.type, ()))),
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
            pinyin=_labels_by_language(index, node).get("zh-latn-pinyin"),
            aliases=sorted({str(a) for a in index[node].get(_SKOS.altLabel, ())}),
            kind=_kind(index[node][_RDF.type]),
            code=_text(_first(index, node, _KGO.divisionCode)),
            parents=[_labels(index, p)[0] for p in _parent_chain(index, node, members)],
            quantities=quantities.get(node, []),
            sentences=sentences,
            articles=sorted({s["article"] for s in sentences if s["article"]}),
        )
    view.add_edges_from(_edges(index, entities, members))
    if provenance:
        _add_provenance(view, index, entities)
    return view


def _add_provenance(view: nx.MultiDiGraph, index: Index, entities: list[URIRef]) -> None:
    """Sentence and article nodes, linked from the entities derived from them."""
    for node in entities:
        for sentence in sorted(set(index[node].get(_PROV.wasDerivedFrom, ())), key=_natural):
            key = str(sentence)
            if key not in view:
                text = _text(_first(index, sentence, _KGO.text)) or ""
                view.add_node(key, label=text[:24], label_en=None, kind="Sentence", text=text)
                article = _first(index, sentence, _DCTERMS.isPartOf)
                if article is not None:
                    if str(article) not in view:
                        ident, meta = _article(index, sentence)
                        view.add_node(str(article), label=meta.get("title") or ident,
                                      label_en=None, kind="Article", article=ident,
                                      date=meta.get("date"))  # fmt: skip
                    view.add_edge(key, str(article), "isPartOf", predicate=str(_DCTERMS.isPartOf))
            view.add_edge(str(node), key, "wasDerivedFrom", predicate=str(_PROV.wasDerivedFrom))


def _parent_chain(index: Index, node: URIRef, members: set) -> list[URIRef]:
    """The locatedIn chain upward, nearest first: at each step skip parents that contain another."""
    chain, seen, current = [], {node}, node
    while True:
        parents = {p for p in index.get(current, {}).get(_KGO.locatedIn, []) if p in members}
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
        for parent in index.get(todo.pop(), {}).get(_KGO.locatedIn, []):
            if parent in members and parent not in found and parent != node:
                found.add(parent)
                todo.append(parent)
    return found


def _sentences(index: Index, node: URIRef) -> list[dict]:
    """Sentences the entity is derived from, each with the surface form used there."""
    surface: dict[object, str] = {}
    mentions = sorted(index.get(node, {}).get(_KGO.mentionedIn, []), key=_natural)
    for mention in mentions:
        sentence = _first(index, mention, _KGO.inSentence)
        anchor = _first(index, mention, _KGO.anchorOf)
        if sentence is not None and anchor is not None:
            surface.setdefault(sentence, str(anchor))
    found = []
    for sentence in sorted(set(index.get(node, {}).get(_PROV.wasDerivedFrom, [])), key=_natural):
        found.append(_sentence_row(index, sentence, surface.get(sentence)))
    return found


def _sentence_row(index: Index, sentence: object, mention: str | None) -> dict:
    """A sentence an entity is derived from, as the view's ``sentences`` list holds it."""
    article, meta = _article(index, sentence)
    text = _text(_first(index, sentence, _KGO.text))
    return {"text": text, "mention": mention, "article": article, **meta}


def _quantities_by_entity(index: Index) -> dict[URIRef, list[dict]]:
    found: dict[URIRef, list[dict]] = defaultdict(list)
    quantities = [s for s, props in index.items() if _KGO.Quantity in props.get(_RDF.type, ())]
    for q in sorted(quantities, key=_natural):
        about = _first(index, q, _KGO.about)
        if about is None:
            continue
        found[about].append(_quantity_row(index, q))
    return found


def _quantity_row(index: Index, q: object) -> dict:
    """A figure about an entity, as the view's ``quantities`` list holds it."""
    period = _first(index, q, _KGO.period)
    sentence = _first(index, q, _PROV.wasDerivedFrom)
    return {
        "value": _text(_first(index, q, _SCHEMA.value)),
        "unit": _text(_first(index, q, _SCHEMA.unitText)),
        "normalized_value": _text(_first(index, q, _KGO.normalizedValue)),
        "normalized_unit": _text(_first(index, q, _KGO.normalizedUnit)),
        "measure": _text(_first(index, q, _KGO.measure)),
        "qualifier": _text(_first(index, q, _KGO.qualifier)),
        "period": _text(_first(index, period, _KGO.expression)),
        "start": _text(_first(index, period, _SCHEMA.startDate)),
        "end": _text(_first(index, period, _SCHEMA.endDate)),
        "sentence": _text(_first(index, sentence, _KGO.text)),
        "article": _article(index, sentence)[0] if sentence is not None else None,
    }


def _edges(index: Index, entities: list[URIRef], members: set) -> list[tuple[str, str, str, dict]]:
    statements: dict[tuple, list] = defaultdict(list)
    for s, props in index.items():
        if _KGO.Statement in props.get(_RDF.type, ()):
            key = tuple(_first(index, s, p) for p in (_RDF.subject, _RDF.predicate, _RDF.object))
            statements[key].append(s)

    def gazetteer(u: URIRef, v: URIRef) -> bool:
        return all(index[x].get(_KGO.divisionCode) for x in (u, v))

    edges = []
    for u in entities:
        for p in sorted(index[u]):
            if not str(p).startswith(KGO_IRI) or p in _NOT_EDGES:
                continue
            for v in sorted(o for o in set(index[u][p]) if o in members):
                sources = []
                for statement in sorted(statements.get((u, p, v), []), key=_natural):
                    sources += _statement_sources(index, statement)
                attrs = _edge_attrs(p, sources, not sources and gazetteer(u, v))
                edges.append((str(u), str(v), str(p)[len(KGO_IRI) :], attrs))
    return edges


def _edge_attrs(predicate: URIRef, sources: list[dict], gazetteer: bool) -> dict:
    """An edge's attributes: ``gazetteer`` when both ends have a division code."""
    labels = _ontology_facts()[1].get(predicate, {})
    first = sources[0] if sources else {"text": None, "article": None}
    return {
        "predicate": str(predicate),
        "label_zh": labels.get("zh"),
        "label_en": labels.get("en"),
        "sentence": first["text"],
        "article": first["article"],
        "sentences": sources,
        "source": "text" if sources else "gazetteer" if gazetteer else None,
    }


def _statement_sources(index: Index, statement: object) -> list[dict]:
    """The sentences a statement is derived from, as an edge's ``sentences`` list holds them."""
    return [
        {"text": _text(_first(index, sentence, _KGO.text)), "article": _article(index, sentence)[0]}
        for sentence in sorted(set(index[statement].get(_PROV.wasDerivedFrom, ())), key=_natural)
    ]
