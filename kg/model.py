"""Turn Extraction records into RDF: the only module that mints IRIs and builds triples.

The contract is ``docs/rdf-model.md``. Everything is deterministic: IRIs come
from division codes, pinyin slugs and record indices, there are no blank
nodes, and slug collisions are settled over all names of a build in sorted
order, so the same input gives byte-identical Turtle.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import ExtractionContractError, InputError, OntologyError, UsageError
from kg.pinyin import pinyin_label, pinyin_slug
from kg.records import DIVISION_KINDS, KINDS, Entity, Extraction, Period, Quantity, Relation
from kg.resources import ontology_file
from kg.vocab import (
    DCTERMS,
    DEFAULT_BASE,
    KGO,
    PREFIXES,
    PROV,
    RELATION_PREDICATES,
    SCHEMA,
    SKOS,
    TIME,
)

log = logging.getLogger(__name__)

# UN/CEFACT common codes (schema:unitCode) for the base units extraction uses;
# money has no UN/CEFACT code, so it takes its ISO 4217 currency code.
UNIT_CODES = {"元": "CNY", "m2": "MTK", "m²": "MTK", "m": "MTR", "m3": "MTQ", "1": "C62",
              "kg": "KGM", "t": "TNE", "kWh": "KWH", "W": "WTT", "s": "SEC"}  # fmt: skip


def check_base(base: str) -> str:
    """Return ``base`` ending in ``/`` or ``#``; UsageError when it is not absolute.

    >>> check_base("https://example.org/kg")
    'https://example.org/kg/'
    """
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", base) or re.search(
        r"[\s<>\"{}|\\^`]", base
    ):
        raise UsageError(f"base IRI must be absolute, like {DEFAULT_BASE}; got {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


def _identity(kind: str, name: str, code: str | None) -> tuple[str, str]:
    """What makes two entities one: the code for divisions, else kind and name."""
    if kind in DIVISION_KINDS and code:
        return ("division", code)
    return (kind, name)


def mint_iri(base: str, kind: str, name: str, code: str | None = None) -> URIRef:
    """IRI of an entity before any collision suffix: ``division/{code}`` or ``{kind}/{slug}``.

    >>> str(mint_iri("https://kg.example.org/id/", "Park", "潭江智造产业园", None))
    'https://kg.example.org/id/park/tan-jiang-zhi-zao-chan-ye-yuan'
    >>> str(mint_iri("https://kg.example.org/id/", "County", "开平市", "440783"))
    'https://kg.example.org/id/division/440783'
    """
    ident = _identity(kind, name, code)
    path = f"division/{code}" if ident[0] == "division" else f"{kind.lower()}/{pinyin_slug(name)}"
    return URIRef(check_base(base) + path)


@dataclass(frozen=True)
class IriMinter:
    """Entity paths under the base, settled over every entity of a build.

    ``paths`` maps an identity (kind, name) or ("division", code) to its path;
    ``labels`` maps a path to its canonical Chinese label.
    """

    paths: Mapping[tuple[str, str], str]
    labels: Mapping[str, str]

    def path(self, entity: Entity) -> str:
        """Path of ``entity`` under the base; KeyError when it was not registered."""
        ident = _identity(entity.kind, entity.name, entity.code)
        try:
            return self.paths[ident]
        except KeyError:
            raise KeyError(
                f"entity {entity.name!r} ({entity.kind}) is not known to this IriMinter; "
                "build it with iri_minter() over every extraction of the build"
            ) from None

    def iri(self, base: str, entity: Entity) -> URIRef:
        """IRI of ``entity`` under ``base``."""
        return URIRef(base + self.path(entity))

    def label(self, entity: Entity) -> str:
        """The canonical Chinese label of the thing ``entity`` names."""
        return self.labels[self.path(entity)]


def iri_minter(entities: Iterable[Entity]) -> IriMinter:
    """An IriMinter for ``entities``, independent of their order.

    Distinct names of one kind whose slugs collide are settled in sorted name
    order: the first keeps the plain slug, the others get ``-{sha1[:6]}``.
    """
    entities = tuple(entities)
    idents = {_identity(e.kind, e.name, e.code) for e in entities}
    division_names: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if _identity(e.kind, e.name, e.code)[0] == "division":
            division_names[e.code or ""].add(e.name)
    paths: dict[tuple[str, str], str] = {}
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ident in idents:
        if ident[0] == "division":
            paths[ident] = f"division/{ident[1]}"
        else:
            groups[f"{ident[0].lower()}/{pinyin_slug(ident[1])}"].append(ident)
    for plain in sorted(groups):
        paths[min(groups[plain], key=lambda i: i[1])] = plain
    taken = set(paths.values())
    for plain in sorted(groups):
        for ident in sorted(groups[plain], key=lambda i: i[1])[1:]:
            paths[ident] = _suffixed(plain, ident[1], taken)
            taken.add(paths[ident])
    labels = {path: ident[1] for ident, path in paths.items() if ident[0] != "division"}
    for code, names in division_names.items():
        # The fullest official form (开平市 over 开平) labels a division code.
        labels[f"division/{code}"] = min(names, key=lambda n: (-len(n), n))
    return IriMinter(paths, labels)


def _suffixed(plain: str, name: str, taken: set[str]) -> str:
    digest = hashlib.sha1(name.encode()).hexdigest()
    for size in range(6, 41, 2):
        candidate = f"{plain}-{digest[:size]}"
        if candidate not in taken:
            return candidate
    raise ExtractionContractError(f"cannot mint a unique IRI for {name!r} under {plain}")


def _segment(value: str) -> str:
    """An IRI path segment: letters (any script), digits and -._~ kept, the rest escaped."""
    return "".join(c if c.isalnum() or c in "-._~" else quote(c, safe="") for c in value)


def article_iri(base: str, article_id: str) -> URIRef:
    """IRI of an article; its sentences, mentions, quantities and periods live under it."""
    return URIRef(f"{base}article/{_segment(article_id)}")


def _decimal(value: Decimal) -> ox.Literal:
    """An xsd:decimal literal in its XSD 1.1 canonical form (no ".0" on whole numbers).

    Stores that keep numbers by value (Oxigraph, Virtuoso) give this form back,
    so kg.ttl, kg.trig (written from such a store) and a server hold one term.

    >>> [_decimal(Decimal(d)).value for d in ("3.50", "3.5E8", "-0", "344.0")]
    ['3.5', '350000000', '0', '344']
    """
    if not value.is_finite():
        raise ExtractionContractError(f"quantity value {value} is not a finite number")
    text = format(value.normalize(), "f") if value else "0"
    return ox.Literal(text, datatype=_XSD_DECIMAL)


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty graph with the kg prefixes bound (``kg`` for the instance base)."""
    graph = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    graph.bind("kg", check_base(base))
    return graph


@cache
def ontology_triples(name: str = "kg.ttl") -> tuple[tuple, ...]:
    """The triples of ``ontology/<name>`` (kg.ttl, shapes.ttl), parsed once per process."""
    path = ontology_file(name)
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib's parsers raise many types (even IndexError)
        raise OntologyError(f"cannot read {path}: {err}") from err
    return tuple(graph)


def ontology_graph() -> Graph:
    """A fresh graph holding ``ontology/kg.ttl`` (OntologyError when it does not parse)."""
    graph = new_graph()
    for triple in ontology_triples():
        graph.add(triple)
    return graph


@cache
def ontology_ntriples() -> bytes:
    """``ontology/kg.ttl`` as canonical N-Triples (see ``canonical_ntriples``)."""
    return canonical_ntriples(tuple(map(to_oxigraph, t)) for t in ontology_triples())


# -- pyoxigraph terms: the build mints them directly (an rdflib Literal costs 5-10 us
# to make, a pyoxigraph one under 1 us), rdflib graphs are made from them on request.

Triple = tuple[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"]
_XSD_DECIMAL = ox.NamedNode(str(XSD.decimal))
_XSD_DATE = ox.NamedNode(str(XSD.date))
_XSD_STRING = str(XSD.string)


class _OxTerms:
    """A vocabulary namespace whose terms are pyoxigraph NamedNodes, each made once.

    ``O_KGO.text`` asks the rdflib namespace the first time (a closed namespace
    such as KGO still raises on a typo) and is a plain attribute afterwards:
    rdflib's namespace lookups cost a few microseconds each, and the model makes
    thousands of triples per article.
    """

    def __init__(self, namespace: object):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)


O_RDF, O_RDFS, O_KGO, O_DCTERMS, O_PROV, O_SCHEMA, O_SKOS, O_TIME = map(
    _OxTerms, (RDF, RDFS, KGO, DCTERMS, PROV, SCHEMA, SKOS, TIME)
)


def to_oxigraph(term: URIRef | Literal | BNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """The pyoxigraph term equal to an rdflib term.

    >>> to_oxigraph(Literal("鹤山", lang="zh"))
    <Literal value=鹤山 language=zh>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    """The rdflib term equal to a pyoxigraph term (a plain string stays without datatype).

    >>> to_rdflib(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not a pyoxigraph term: {term!r}")


def canonical_ntriples(triples: Iterable[tuple]) -> bytes:
    """N-Triples of ``triples`` (pyoxigraph terms), one per line, sorted and without repeats.

    The build's one form of a graph: what it caches per article, validates, and
    serialises every output from. Sorted lines make it independent of the order
    triples were minted in.
    """
    text = ox.serialize((ox.Triple(*t) for t in triples), format=ox.RdfFormat.N_TRIPLES)
    lines = sorted(set(text.splitlines()))
    return b"\n".join(lines) + b"\n" if lines else b""


def parse_ntriples(data: bytes) -> Iterable[ox.Triple]:
    """The triples of N-Triples ``data`` (as ``canonical_ntriples`` writes them)."""
    return (quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def rdflib_graph(triples: Iterable[tuple], base: str = DEFAULT_BASE) -> Graph:
    """An rdflib graph (kg prefixes bound) of ``triples`` given as pyoxigraph terms."""
    graph = new_graph(base)
    graph.addN((to_rdflib(s), to_rdflib(p), to_rdflib(o), graph) for s, p, o in triples)
    return graph


def article_graph(
    extraction: Extraction, minter: IriMinter | None = None, base: str = DEFAULT_BASE
) -> Graph:
    """Instances and provenance of one article (no ontology), as docs/rdf-model.md shows."""
    base = check_base(base)
    triples = article_triples(extraction, minter or iri_minter(extraction.entities), base)
    return rdflib_graph(triples, base)


def article_graphs(extractions: Sequence[Extraction], base: str = DEFAULT_BASE) -> dict[str, Graph]:
    """One graph per article id, with IRIs settled over all of ``extractions``."""
    base = check_base(base)
    minter = build_minter(extractions)
    return {x.article.id: article_graph(x, minter, base) for x in extractions}


def build_minter(extractions: Sequence[Extraction]) -> IriMinter:
    """The IriMinter of a build, after checking that article ids are unique."""
    _check_unique_ids(extractions)
    return iri_minter(e for x in extractions for e in x.entities)


def build_graph(extractions: Sequence[Extraction], base: str = DEFAULT_BASE) -> Graph:
    """The ontology plus every article's instances and provenance, in one graph."""
    base = check_base(base)
    minter = build_minter(extractions)
    graph = new_graph(base)
    for triple in ontology_triples():
        graph.add(triple)
    for extraction in extractions:
        graph.addN(
            (to_rdflib(s), to_rdflib(p), to_rdflib(o), graph)
            for s, p, o in article_triples(extraction, minter, base)
        )
    return graph


def _check_unique_ids(extractions: Sequence[Extraction]) -> None:
    seen: dict[str, str] = {}
    for x in extractions:
        first = seen.setdefault(x.article.id, x.article.meta.source_path)
        if first != x.article.meta.source_path:
            raise InputError(
                f"articles {first} and {x.article.meta.source_path} share the id "
                f"{x.article.id!r}; rename one so their IRIs differ"
            )


def _facts(node: ox.NamedNode, *pairs: tuple[ox.NamedNode, object]) -> list[Triple]:
    """Triples ``node p o`` for the pairs whose object is not None."""
    return [(node, p, o) for p, o in pairs if o is not None]


def _lit(value: object, datatype: ox.NamedNode | None = None) -> ox.Literal | None:
    """A literal of ``value`` (dates in ISO form), or None for no value."""
    if value is None or value == "":
        return None
    if datatype is not None:
        return ox.Literal(value.isoformat() if hasattr(value, "isoformat") else str(value),
                          datatype=datatype)  # fmt: skip
    return ox.Literal(value)


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def article_triples(x: Extraction, minter: IriMinter, base: str) -> list[Triple]:
    """Instances and provenance of one article as pyoxigraph triples (docs/rdf-model.md)."""
    art = _node(str(article_iri(base, x.article.id)))
    prefix = art.value
    sentences = {s.index: _node(f"{prefix}/sentence/{s.index}") for s in x.article.sentences}
    triples = _article_triples(x, art)
    for s in x.article.sentences:
        triples += _facts(
            sentences[s.index],
            (O_RDF.type, O_KGO.Sentence),
            (O_KGO.text, ox.Literal(s.text)),
            (O_KGO.beginIndex, ox.Literal(s.start)),
            (O_KGO.endIndex, ox.Literal(s.end)),
            (O_KGO.sentenceIndex, ox.Literal(s.index)),
            (O_DCTERMS.isPartOf, art),
        )
    iris = {e.key: _node(base + minter.path(e)) for e in x.entities}
    resolved: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(x.mentions):
        if m.entity is not None:
            resolved[m.entity].add(i)
    for e in x.entities:
        mentions = set(e.mentions) | resolved.get(e.key, set())
        triples += _entity_triples(x, e, mentions, iris, minter.label(e), prefix, sentences)
    # Only periods a figure or relation refers to: the others say nothing about entities.
    used = {q.period for q in x.quantities} | {r.period for r in x.relations}
    periods = {}
    for index in sorted(used - {None}):
        periods[index] = _node(f"{prefix}/period/{index}")
        triples += _period_triples(x, index, periods[index], sentences)
    for index, r in enumerate(x.relations):
        triples += _relation_triples(index, r, iris, prefix, sentences, periods)
    for index, q in enumerate(x.quantities):
        triples += _quantity_triples(x, index, q, iris, prefix, sentences, periods)
    return triples


def _article_triples(x: Extraction, art: ox.NamedNode) -> list[Triple]:
    meta = x.article.meta
    return _facts(
        art,
        (O_RDF.type, O_KGO.Article),
        (O_DCTERMS.identifier, ox.Literal(x.article.id)),
        (O_KGO.sourceFile, ox.Literal(Path(meta.source_path).name)),
        *((O_KGO.sourceFile, ox.Literal(Path(other).name)) for other in meta.also_from),
        (O_KGO.encoding, ox.Literal(meta.encoding)),
        (O_KGO.sha256, ox.Literal(meta.sha256)),
        (O_DCTERMS.title, _lit(meta.title)),
        (O_DCTERMS.publisher, _lit(meta.newspaper)),
        (O_KGO.section, _lit(meta.section)),
        (O_KGO.page, _lit(meta.page)),
        (O_DCTERMS.date, _lit(meta.date, _XSD_DATE)),
        (O_DCTERMS.creator, _lit(meta.author)),
        (O_KGO.wordCount, _lit(meta.word_count)),
    )


def _lookup(table: Mapping, key: object, what: str) -> ox.NamedNode:
    """``table[key]``, or an ExtractionContractError saying which record points nowhere."""
    try:
        return table[key]
    except KeyError:
        raise ExtractionContractError(f"{what} points to {key!r}, which does not exist") from None


def _nth(records: Sequence, index: int, what: str):
    """``records[index]`` for a non-negative index, else an ExtractionContractError."""
    if not 0 <= index < len(records):
        raise ExtractionContractError(f"{what} points to record {index}, which does not exist")
    return records[index]


def _entity_triples(
    x: Extraction,
    e: Entity,
    mentions: set[int],
    iris: Mapping[str, ox.NamedNode],
    label: str,
    art: str,
    sentences: Mapping[int, ox.NamedNode],
) -> list[Triple]:
    if e.kind not in KINDS:
        raise ExtractionContractError(
            f"entity {e.name!r} has kind {e.kind!r}; known: {', '.join(KINDS)}"
        )
    node = iris[e.key]
    division = e.kind in DIVISION_KINDS
    triples = _facts(
        node,
        (O_RDF.type, O_KGO[e.kind]),
        (O_RDFS.label, ox.Literal(label, language="zh")),
        (O_RDFS.label, ox.Literal(pinyin_label(label), language="zh-Latn-pinyin")),
        (O_KGO.divisionCode, _lit(e.code) if division else None),
        (
            O_KGO.locatedIn,
            None if e.parent is None else _lookup(iris, e.parent, f"{e.name}'s parent"),
        ),
    )
    surfaces = {e.name, *e.aliases}
    for i in sorted(mentions) if e.from_text else ():
        m = _nth(x.mentions, i, f"entity {e.name!r}")
        mention = _node(f"{art}/mention/{i}")
        sentence = _lookup(sentences, m.sentence, f"mention {i}")
        surfaces.add(m.text)
        triples += [(node, O_KGO.mentionedIn, mention), (node, O_PROV.wasDerivedFrom, sentence)]
        triples += _facts(
            mention,
            (O_RDF.type, O_KGO.Mention),
            (O_KGO.anchorOf, ox.Literal(m.text)),
            (O_KGO.beginIndex, ox.Literal(m.start)),
            (O_KGO.endIndex, ox.Literal(m.end)),
            (O_KGO.inSentence, sentence),
        )
    alt = O_SKOS.altLabel
    return triples + [(node, alt, ox.Literal(a, language="zh")) for a in sorted(surfaces - {label})]


def _period_triples(
    x: Extraction, index: int, node: ox.NamedNode, sentences: Mapping[int, ox.NamedNode]
) -> list[Triple]:
    period: Period = _nth(x.periods, index, "a figure or relation")
    triples = _facts(
        node,
        (O_RDF.type, O_KGO.Period),
        (O_KGO.expression, ox.Literal(period.text)),
        (O_KGO.periodKind, ox.Literal(period.kind)),
        (O_PROV.wasDerivedFrom, _lookup(sentences, period.sentence, f"period {period.text!r}")),
    )
    ends = ((period.begin, "begin", O_TIME.hasBeginning, O_SCHEMA.startDate),
            (period.until, "end", O_TIME.hasEnd, O_SCHEMA.endDate))  # fmt: skip
    for day, suffix, link, schema_date in ends:
        if day is not None:
            instant, date = _node(f"{node.value}/{suffix}"), _lit(day, _XSD_DATE)
            triples += _facts(node, (link, instant), (schema_date, date))
            triples += _facts(instant, (O_RDF.type, O_TIME.Instant), (O_TIME.inXSDDate, date))
    return triples


def _relation_triples(
    index: int,
    r: Relation,
    iris: Mapping[str, ox.NamedNode],
    art: str,
    sentences: Mapping[int, ox.NamedNode],
    periods: Mapping[int, ox.NamedNode],
) -> list[Triple]:
    if r.predicate not in RELATION_PREDICATES:
        raise ExtractionContractError(
            f"relation {index} uses {r.predicate!r}; "
            f"known: {', '.join(sorted(RELATION_PREDICATES))}"
        )
    what = f"relation {index} ({r.predicate})"
    subject, obj = _lookup(iris, r.subject, what), _lookup(iris, r.object, what)
    predicate = O_KGO[r.predicate]
    triples: list[Triple] = [(subject, predicate, obj)]
    if r.sentence is None:
        return triples  # a gazetteer link: no claim from the text to point at
    return triples + _facts(
        _node(f"{art}/statement/{index}"),
        (O_RDF.type, O_KGO.Statement),
        (O_RDF.subject, subject),
        (O_RDF.predicate, predicate),
        (O_RDF.object, obj),
        (O_PROV.wasDerivedFrom, _lookup(sentences, r.sentence, what)),
        (O_KGO.evidence, _lit(r.evidence)),
        (O_KGO.period, None if r.period is None else periods[r.period]),
    )


def _quantity_triples(
    x: Extraction,
    index: int,
    q: Quantity,
    iris: Mapping[str, ox.NamedNode],
    art: str,
    sentences: Mapping[int, ox.NamedNode],
    periods: Mapping[int, ox.NamedNode],
) -> list[Triple]:
    if q.subject is None:
        log.warning("article %s: skipping figure %r with no subject", x.article.id, q.text)
        return []
    subject, node = _lookup(iris, q.subject, f"figure {q.text!r}"), _node(f"{art}/quantity/{index}")
    upper = None
    if q.upper is not None and q.base_value is not None and q.value:
        upper = _decimal(q.base_value * q.upper / q.value)  # same factor as the lower end
    return [(subject, O_KGO.hasQuantity, node)] + _facts(
        node,
        (O_RDF.type, O_KGO.Quantity),
        (O_SCHEMA.value, _decimal(q.value)),
        (O_SCHEMA.maxValue, None if q.upper is None else _decimal(q.upper)),
        (O_SCHEMA.unitText, ox.Literal(q.unit)),
        (O_KGO.normalizedValue, None if q.base_value is None else _decimal(q.base_value)),
        (O_KGO.normalizedUpperValue, upper),
        (O_KGO.normalizedUnit, _lit(q.base_unit)),
        (O_SCHEMA.unitCode, _lit(UNIT_CODES.get(q.base_unit or ""))),
        (O_KGO.qualifier, _lit(q.qualifier)),
        (O_KGO.measure, _lit(q.measure)),
        (O_KGO.quantityKind, ox.Literal(q.kind)),
        (O_KGO.surfaceText, ox.Literal(q.text)),
        (O_KGO.about, subject),
        (O_KGO.period, None if q.period is None else periods[q.period]),
        (O_PROV.wasDerivedFrom, _lookup(sentences, q.sentence, f"figure {q.text!r}")),
    )
