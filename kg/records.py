"""Plain frozen records that flow through the pipeline (stdlib only).

Offsets are character offsets into ``Article.text`` (the normalised body);
``article.text[m.start:m.end] == m.text`` holds for every mention, sentence,
quantity and time expression.

Entity kinds are the ontology's class local names (``KINDS``), so that the
model can map a kind to a class without a table of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

# Administrative levels, most general first.
DIVISION_KINDS = ("Province", "Prefecture", "County", "Town", "Subdistrict", "Village")
KINDS = DIVISION_KINDS + (
    "Region",
    "Park",
    "Company",
    "GovernmentBody",
    "Organization",
    "Project",
    "Road",
    "Programme",
    "Event",
    "Person",
    "NaturalFeature",
    "River",
    "Reservoir",
    "Lake",
    "Mountain",
    "Place",
    "ScenicArea",
    "HeritageSite",
    "Station",
    "Port",
    "Venue",
    "Designation",
    "Report",
    "Product",
)


@dataclass(frozen=True)
class ArticleMeta:
    """What the page says about the article (all optional but the source)."""

    source_path: str
    sha256: str
    title: str | None = None
    newspaper: str | None = None
    section: str | None = None
    page: str | None = None
    date: dt.date | None = None
    author: str | None = None
    word_count: int | None = None
    encoding: str = "UTF-8"  # what the file was decoded from
    also_from: tuple[str, ...] = ()  # other files holding the same article


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body; ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Article:
    """An ingested article: metadata, normalised body text and its sentences.

    ``id`` is a short stable identifier (file stem, or date and title hash).
    """

    id: str
    meta: ArticleMeta
    text: str
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose span holds ``offset``, or None."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@dataclass(frozen=True)
class Mention:
    """A span of text naming something of ``kind``.

    ``entity`` is the key of the Entity it resolves to (None until resolved).
    ``source`` names the recogniser that found it (gazetteer, suffix, road, ...).
    ``canonical`` is the name it stands for when that differs from the text
    (大湾区 → 粤港澳大湾区, S270线 → S270).
    """

    text: str
    start: int
    end: int
    sentence: int
    kind: str
    source: str
    entity: str | None = None
    canonical: str | None = None


@dataclass(frozen=True)
class Entity:
    """One real-world thing named in the article.

    ``key`` is unique within an Extraction; the model turns it into an IRI.
    ``code`` is the official division code for administrative divisions.
    ``parent`` is the key of the containing division (gazetteer hierarchy).
    """

    key: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    parent: str | None = None
    mentions: tuple[int, ...] = ()  # indices into Extraction.mentions
    from_text: bool = True  # False for parents added from the gazetteer only


@dataclass(frozen=True)
class Period:
    """A time expression resolved against the article date.

    ``kind`` is 'interval' (1月至9月), 'instant' (11月6日), 'year' (2023年),
    or 'target' (到2025年: the figure is a goal for that time).
    """

    text: str
    start: int
    end: int
    sentence: int
    kind: str
    begin: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class Quantity:
    """A figure with its unit, as written and normalised.

    ``value`` is exact; ``base_value``/``base_unit`` hold it in a base unit
    (元, m2, m, 1 for percentages as fractions) when one applies.
    ``measure`` says what is measured (计划总投资); ``subject`` is the key of
    the entity it is about; ``period`` the index of a Period in the Extraction.
    ``kind`` is 'amount', 'ratio' or 'rank'.
    """

    text: str
    start: int
    end: int
    sentence: int
    value: Decimal
    unit: str
    kind: str = "amount"
    qualifier: str | None = None
    base_value: Decimal | None = None
    base_unit: str | None = None
    measure: str | None = None
    subject: str | None = None
    period: int | None = None
    upper: Decimal | None = None  # upper end of a range (3至5亿元)


@dataclass(frozen=True)
class Relation:
    """A directed statement between two entities, from one sentence.

    ``predicate`` is an ontology property local name (locatedIn, partOf,
    hosts, connects, approvedBy, selectedFor, about, ...). ``sentence`` is
    None for relations taken from the gazetteer hierarchy.
    """

    subject: str
    predicate: str
    object: str
    sentence: int | None = None
    evidence: str = ""
    period: int | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article; steps return new instances."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    periods: tuple[Period, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what steps want logged

    def evolve(self, **changes: object) -> Extraction:
        """A copy with ``changes`` applied (records are immutable)."""
        return replace(self, **changes)

    def entity(self, key: str) -> Entity:
        """The entity with ``key``; KeyError when there is none."""
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)
