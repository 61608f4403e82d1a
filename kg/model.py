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

from rdflib import Graph, Literal, URIRef
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


def _decimal(value: Decimal) -> Literal:
    """An xsd:decimal literal in its XSD 1.1 canonical form (no ".0" on whole numbers).

    Stores that keep numbers by value (Oxigraph, Virtuoso) give this form back,
    so kg.ttl, kg.trig (written from such a store) and a server hold one term.

    >>> [str(_decimal(Decimal(d))) for d in ("3.50", "3.5E8", "-0", "344.0")]
    ['3.5', '350000000', '0', '344']
    """
    if not value.is_finite():
        raise ExtractionContractError(f"quantity value {value} is not a finite number")
    text = format(value.normalize(), "f") if value else "0"
    return Literal(text, datatype=XSD.decimal)


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


def article_graph(
    extraction: Extraction, minter: IriMinter | None = None, base: str = DEFAULT_BASE
) -> Graph:
    """Instances and provenance of one article (no ontology), as docs/rdf-model.md shows."""
    base = check_base(base)
    graph = new_graph(base)
    _add_article(graph, extraction, minter or iri_minter(extraction.entities), base)
    return graph


def article_graphs(extractions: Sequence[Extraction], base: str = DEFAULT_BASE) -> dict[str, Graph]:
    """One graph per article id, with IRIs settled over all of ``extractions``."""
    base = check_base(base)
    _check_unique_ids(extractions)
    minter = iri_minter(e for x in extractions for e in x.entities)
    return {x.article.id: article_graph(x, minter, base) for x in extractions}


def build_graph(extractions: Sequence[Extraction], base: str = DEFAULT_BASE) -> Graph:
    """The ontology plus every article's instances and provenance, in one graph."""
    base = check_base(base)
    _check_unique_ids(extractions)
    minter = iri_minter(e for x in extractions for e in x.entities)
    graph = new_graph(base)
    for triple in ontology_triples():
        graph.add(triple)
    for extraction in extractions:
        _add_article(graph, extraction, minter, base)
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


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _facts(node: URIRef, *pairs: tuple[URIRef, URIRef | Literal | None]) -> list[Triple]:
    """Triples ``node p o`` for the pairs whose object is not None."""
    return [(node, p, o) for p, o in pairs if o is not None]


def _lit(value: object, **kwargs: str) -> Literal | None:
    return None if value is None or value == "" else Literal(value, **kwargs)


def _add_article(graph: Graph, x: Extraction, minter: IriMinter, base: str) -> None:
    art = article_iri(base, x.article.id)
    sentences = {s.index: URIRef(f"{art}/sentence/{s.index}") for s in x.article.sentences}
    triples = _article_triples(x, art)
    for s in x.article.sentences:
        triples += _facts(
            sentences[s.index],
            (RDF.type, KGO.Sentence),
            (KGO.text, Literal(s.text)),
            (KGO.beginIndex, Literal(s.start)),
            (KGO.endIndex, Literal(s.end)),
            (KGO.sentenceIndex, Literal(s.index)),
            (DCTERMS.isPartOf, art),
        )
    iris = {e.key: minter.iri(base, e) for e in x.entities}
    for e in x.entities:
        triples += _entity_triples(x, e, iris, minter.label(e), art, sentences)
    # Only periods a figure or relation refers to: the others say nothing about entities.
    used = {q.period for q in x.quantities} | {r.period for r in x.relations}
    periods = {}
    for index in sorted(used - {None}):
        periods[index] = URIRef(f"{art}/period/{index}")
        triples += _period_triples(x, index, periods[index], sentences)
    for index, r in enumerate(x.relations):
        triples += _relation_triples(index, r, iris, art, sentences, periods)
    for index, q in enumerate(x.quantities):
        triples += _quantity_triples(x, index, q, iris, art, sentences, periods)
    graph.addN((s, p, o, graph) for s, p, o in triples)


def _article_triples(x: Extraction, art: URIRef) -> list[Triple]:
    meta = x.article.meta
    return _facts(
        art,
        (RDF.type, KGO.Article),
        (DCTERMS.identifier, Literal(x.article.id)),
        (KGO.sourceFile, Literal(Path(meta.source_path).name)),
        *((KGO.sourceFile, Literal(Path(other).name)) for other in meta.also_from),
        (KGO.encoding, Literal(meta.encoding)),
        (KGO.sha256, Literal(meta.sha256)),
        (DCTERMS.title, _lit(meta.title)),
        (DCTERMS.publisher, _lit(meta.newspaper)),
        (KGO.section, _lit(meta.section)),
        (KGO.page, _lit(meta.page)),
        (DCTERMS.date, _lit(meta.date, datatype=XSD.date)),
        (DCTERMS.creator, _lit(meta.author)),
        (KGO.wordCount, _lit(meta.word_count)),
    )


def _lookup(table: Mapping, key: object, what: str) -> URIRef:
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
    iris: Mapping[str, URIRef],
    label: str,
    art: URIRef,
    sentences: Mapping[int, URIRef],
) -> list[Triple]:
    if e.kind not in KINDS:
        raise ExtractionContractError(
            f"entity {e.name!r} has kind {e.kind!r}; known: {', '.join(KINDS)}"
        )
    node = iris[e.key]
    division = e.kind in DIVISION_KINDS
    triples = _facts(
        node,
        (RDF.type, KGO[e.kind]),
        (RDFS.label, Literal(label, lang="zh")),
        (RDFS.label, Literal(pinyin_label(label), lang="zh-Latn-pinyin")),
        (KGO.divisionCode, _lit(e.code) if division else None),
        (
            KGO.locatedIn,
            None if e.parent is None else _lookup(iris, e.parent, f"{e.name}'s parent"),
        ),
    )
    surfaces = {e.name, *e.aliases}
    mentions = set(e.mentions) | {i for i, m in enumerate(x.mentions) if m.entity == e.key}
    for i in sorted(mentions) if e.from_text else ():
        m = _nth(x.mentions, i, f"entity {e.name!r}")
        mention = URIRef(f"{art}/mention/{i}")
        sentence = _lookup(sentences, m.sentence, f"mention {i}")
        surfaces.add(m.text)
        triples += [(node, KGO.mentionedIn, mention), (node, PROV.wasDerivedFrom, sentence)]
        triples += _facts(
            mention,
            (RDF.type, KGO.Mention),
            (KGO.anchorOf, Literal(m.text)),
            (KGO.beginIndex, Literal(m.start)),
            (KGO.endIndex, Literal(m.end)),
            (KGO.inSentence, sentence),
        )
    return triples + [(node, SKOS.altLabel, Literal(a, lang="zh")) for a in surfaces - {label}]


def _period_triples(
    x: Extraction, index: int, node: URIRef, sentences: Mapping[int, URIRef]
) -> list[Triple]:
    period: Period = _nth(x.periods, index, "a figure or relation")
    triples = _facts(
        node,
        (RDF.type, KGO.Period),
        (KGO.expression, Literal(period.text)),
        (KGO.periodKind, Literal(period.kind)),
        (PROV.wasDerivedFrom, _lookup(sentences, period.sentence, f"period {period.text!r}")),
    )
    ends = ((period.begin, "begin", TIME.hasBeginning, SCHEMA.startDate),
            (period.until, "end", TIME.hasEnd, SCHEMA.endDate))  # fmt: skip
    for day, suffix, link, schema_date in ends:
        if day is not None:
            instant, date = URIRef(f"{node}/{suffix}"), Literal(day, datatype=XSD.date)
            triples += [(node, link, instant), (node, schema_date, date)]
            triples += [(instant, RDF.type, TIME.Instant), (instant, TIME.inXSDDate, date)]
    return triples


def _relation_triples(
    index: int,
    r: Relation,
    iris: Mapping[str, URIRef],
    art: URIRef,
    sentences: Mapping[int, URIRef],
    periods: Mapping[int, URIRef],
) -> list[Triple]:
    if r.predicate not in RELATION_PREDICATES:
        raise ExtractionContractError(
            f"relation {index} uses {r.predicate!r}; "
            f"known: {', '.join(sorted(RELATION_PREDICATES))}"
        )
    what = f"relation {index} ({r.predicate})"
    subject, obj = _lookup(iris, r.subject, what), _lookup(iris, r.object, what)
    triples: list[Triple] = [(subject, KGO[r.predicate], obj)]
    if r.sentence is None:
        return triples  # a gazetteer link: no claim from the text to point at
    return triples + _facts(
        URIRef(f"{art}/statement/{index}"),
        (RDF.type, KGO.Statement),
        (RDF.subject, subject),
        (RDF.predicate, KGO[r.predicate]),
        (RDF.object, obj),
        (PROV.wasDerivedFrom, _lookup(sentences, r.sentence, what)),
        (KGO.evidence, _lit(r.evidence)),
        (KGO.period, None if r.period is None else periods[r.period]),
    )


def _quantity_triples(
    x: Extraction,
    index: int,
    q: Quantity,
    iris: Mapping[str, URIRef],
    art: URIRef,
    sentences: Mapping[int, URIRef],
    periods: Mapping[int, URIRef],
) -> list[Triple]:
    if q.subject is None:
        log.warning("article %s: skipping figure %r with no subject", x.article.id, q.text)
        return []
    subject, node = (
        _lookup(iris, q.subject, f"figure {q.text!r}"),
        URIRef(f"{art}/quantity/{index}"),
    )
    upper = None
    if q.upper is not None and q.base_value is not None and q.value:
        upper = _decimal(q.base_value * q.upper / q.value)  # same factor as the lower end
    return [(subject, KGO.hasQuantity, node)] + _facts(
        node,
        (RDF.type, KGO.Quantity),
        (SCHEMA.value, _decimal(q.value)),
        (SCHEMA.maxValue, None if q.upper is None else _decimal(q.upper)),
        (SCHEMA.unitText, Literal(q.unit)),
        (KGO.normalizedValue, None if q.base_value is None else _decimal(q.base_value)),
        (KGO.normalizedUpperValue, upper),
        (KGO.normalizedUnit, _lit(q.base_unit)),
        (SCHEMA.unitCode, _lit(UNIT_CODES.get(q.base_unit or ""))),
        (KGO.qualifier, _lit(q.qualifier)),
        (KGO.measure, _lit(q.measure)),
        (KGO.quantityKind, Literal(q.kind)),
        (KGO.surfaceText, Literal(q.text)),
        (KGO.about, subject),
        (KGO.period, None if q.period is None else periods[q.period]),
        (PROV.wasDerivedFrom, _lookup(sentences, q.sentence, f"figure {q.text!r}")),
    )
