"""Sub-areas and what holds them (``kg/extract/names/sub_areas.py`` names them).

- A sub-area written right after its holder is part of it: X新城Y片区 (Y片区 partOf
  X新城), X工业园Y片 (partOf the park); an estate or a street lies in the village or
  park before it (Z村Y小区 locatedIn Z村).
- A bare start-up or core zone (起步区, 核心区: ``sub_areas.zone_word_candidates``) is
  part of the park it is named after.
- A park, area or works a sentence opens with lies in each division it 跨 (跨A、B两区)
  and in the division in brackets after its name (X集聚区(Y镇内)); a park or area
  opening a sentence after 其中 is part of the park the sentence before opens with.
- Works named from a holder and its sub-area lie in the sub-area (X新城Y片区供水项目
  locatedIn Y片区): the most specific place their name opens with.
"""

from __future__ import annotations

import re

from kg.extract.kinds import SITES, Kind
from kg.extract.names.sub_areas import SUB_AREA_ENDINGS
from kg.extract.relations.paths import listed_after
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import top_level
from kg.extract.text.spans import in_sentence, starting
from kg.records import DIVISION_KINDS, Extraction, Mention, Relation

# holders a sub-area is part of, and those it only lies in
_WHOLES = frozenset({Kind.PARK, Kind.REGION})
_GROUNDS = frozenset({Kind.VILLAGE}) | SITES
_SUB_AREAS = frozenset({Kind.PARK, Kind.REGION, Kind.ROAD}) | SITES


def _is_sub_area(m: Mention) -> bool:
    return m.kind in _SUB_AREAS and any(m.text.endswith(e) for e in SUB_AREA_ENDINGS)


def _holder(m: Mention, by_end: dict[int, Mention]) -> Mention | None:
    h = by_end.get(m.start)
    if h is None or h.sentence != m.sentence or h.entity == m.entity:
        return None
    return h if h.kind in _WHOLES | _GROUNDS else None


@relation_rule("sub-areas")
def sub_area_relations(ex: Extraction) -> list[Relation]:
    """Each sub-area is part of (a park or region) or lies in (a village or site) the
    name written right before it; works whose name opens with the two lie in the
    sub-area."""
    by_end: dict[int, Mention] = {}
    for m in ex.mentions:
        if m.kind in _WHOLES | _GROUNDS:
            by_end.setdefault(m.end, m)
    out = _zones(ex)
    for m in ex.mentions:
        if not _is_sub_area(m) or (h := _holder(m, by_end)) is None:
            continue
        whole = h.kind in _WHOLES and m.kind != Kind.ROAD
        pred = "partOf" if whole else "locatedIn"
        out.append(Relation(m.entity, pred, h.entity, m.sentence, m.text))
        out.extend(_works_in(ex.mentions, m, h))
    return out


def _zones(ex: Extraction) -> list[Relation]:
    """A bare zone word named after its park (起步区 → X经济区起步区) is part of the park:
    the one whose mention it was named after."""
    out = []
    for m in ex.mentions:
        if m.source != "zone" or not m.canonical or not m.entity:
            continue
        surface = m.canonical.removesuffix(m.text)
        holder = next(
            (
                h
                for h in reversed(ex.mentions[: ex.mentions.index(m)])
                if h.kind in _WHOLES and h.text == surface and h.entity
            ),
            None,
        )
        if holder is not None and holder.entity != m.entity:
            out.append(Relation(m.entity, "partOf", holder.entity, m.sentence, m.text))
    return out


def _works_in(mentions: tuple[Mention, ...], area: Mention, holder: Mention) -> list[Relation]:
    """Works whose name opens with ``holder`` and ``area`` lie in ``area``."""
    return [
        Relation(w.entity, "locatedIn", area.entity, w.sentence, w.text)
        for w in starting(mentions, holder.start, holder.start)
        if w.kind == Kind.PROJECT and w.end > area.end
    ]


def without_holders(ms: list[Mention]) -> list[Mention]:
    """Top-level mentions without the holders written right before their sub-areas: a
    cue reads X高新区Y片区 as one name (A是X高新区Y片区的组成部分: A is part of Y片区)."""
    return [
        m
        for m, nxt in zip(ms, [*ms[1:], None][: len(ms)], strict=True)
        if nxt is None or nxt.start != m.end or not _is_sub_area(nxt) or m.kind not in _WHOLES
    ]


# a park or area that spans divisions (X产业园…跨A、B两区): it lies in each
_SPANS = re.compile(r"(?:地跨|横跨|跨越|跨)")
# a park's place in brackets right after its name (X集聚区(Y镇内))
_INSIDE = re.compile(r"[（(]([^（()）]{2,12}?)(?:境内|辖区内|内)[)）]")
_TOPICS = frozenset({Kind.PARK, Kind.REGION, Kind.PROJECT})


@relation_rule("spans")
def span_relations(ex: Extraction) -> list[Relation]:
    """A park, area or works that a sentence opens with and that 跨 divisions lies in
    each (X产业园…跨A、B两区); one with a division in brackets after its name lies in it
    (X集聚区(Y镇内)); a park or area a sentence opens with after 其中 is part of the park
    the sentence before opens with."""
    text = ex.article.text
    sentences = ex.article.sentences
    out = []
    for i, sentence in enumerate(sentences):
        piece = sentence.text
        among = piece.lstrip().startswith("其中") and i > 0
        if not (among or _SPANS.search(piece) or _INSIDE.search(piece)):
            continue  # most sentences: no need to read their names
        ms = top_level(in_sentence(ex.mentions, sentence.index))
        first = ms[0] if ms else None
        if first is not None and first.kind in _TOPICS:
            for cue in _SPANS.finditer(text, first.end, sentence.end):
                for m in listed_after(text, ms, cue.end()):
                    if m.kind in DIVISION_KINDS:
                        out.append(Relation(first.entity, "locatedIn", m.entity, m.sentence, "跨"))
        out.extend(_inside(text, ms))
        if among and first is not None:
            before = top_level(in_sentence(ex.mentions, sentences[i - 1].index))
            if before and before[0].kind in _WHOLES:
                out.extend(_among(text, sentence.start, first, before[0]))
    return out


def _inside(text: str, ms: list[Mention]) -> list[Relation]:
    out = []
    for m in ms:
        if m.kind not in _TOPICS or not (inside := _INSIDE.match(text, m.end)):
            continue
        lo, hi = inside.span(1)
        for place in ms:
            if place.kind in DIVISION_KINDS and lo <= place.start and place.end <= hi:
                out.append(Relation(m.entity, "locatedIn", place.entity, m.sentence, "内"))
    return out


def _among(text: str, start: int, first: Mention, previous: Mention) -> list[Relation]:
    """其中，X… right after a sentence opening with park P: X is part of P."""
    opening = text[start : first.start].strip()
    if opening.rstrip("，,") != "其中" or first.kind not in _WHOLES:
        return []
    if first.entity == previous.entity:
        return []
    return [Relation(first.entity, "partOf", previous.entity, first.sentence, "其中")]


# a place's river, reservoir or site (X县的“母亲河”Y河, X镇的Y水库): it lies in the place
_POSSESSED = SITES | {Kind.RIVER, Kind.RESERVOIR, Kind.LAKE, Kind.MOUNTAIN, Kind.NATURAL_FEATURE}
_EPITHET = re.compile(r"的(?:“[^“”]{1,8}”)?$")


@relation_rule("possessed")
def possessed_relations(ex: Extraction) -> list[Relation]:
    """A river, reservoir or site written right after a division and 的 (with a quoted
    epithet between: X县的“母亲河”Y河) lies in the division."""
    text = ex.article.text
    by_end = {m.end: m for m in ex.mentions if m.kind in DIVISION_KINDS}
    out = []
    for m in ex.mentions:
        if m.kind not in _POSSESSED:
            continue
        found = _EPITHET.search(text, max(0, m.start - 12), m.start)
        place = by_end.get(found.start()) if found else None
        if place is not None and place.sentence == m.sentence:
            out.append(Relation(m.entity, "locatedIn", place.entity, m.sentence, "的"))
    return out
