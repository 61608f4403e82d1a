"""Cross-article resolution: one entity per thing across the articles of a build.

Reads every article's Extraction (after all steps); returns them with short
names joined to the one long form another article uses (隆基 in one article,
隆基硅能源 in another), by the rules of ``kg.extract.entities.resolve.canonical_map``.
Entity keys are renamed in mentions, relations and figures alike. ``kg build``
runs it once over the corpus, after extracting each article on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from kg.extract.entities.resolve import canonical_map, entity_key
from kg.records import DIVISION_KINDS, Entity, Extraction


def unify_across(extractions: Sequence[Extraction]) -> list[Extraction]:
    """One entity per thing across articles: short names join the one long form
    another article uses (隆基 in one article, 隆基硅能源 in another)."""
    renamed, canon = renames_across(extractions)
    if not renamed:
        return list(extractions)
    return [rename(x, renamed, canon) for x in extractions]


Canon = dict[tuple[str, str], str]


def renames_across(extractions: Sequence[Extraction]) -> tuple[dict[str, str], Canon]:
    """What ``unify_across`` does, as data: entity keys renamed (old to new) and the
    canonical name of each (kind, name). It reads only the extractions' entities, so
    ``kg build`` gives it extractions holding their entities alone and renames an
    article's whole extraction (``rename``) only when its graph must be made again."""
    pairs = {
        (e.kind, e.name) for x in extractions for e in x.entities if e.kind not in DIVISION_KINDS
    }
    canon = canonical_map(pairs)
    renamed = {entity_key(k, n): entity_key(k, t) for (k, n), t in canon.items() if t != n}
    return renamed, canon


def _combine(new_key: str, group: list[Entity], canon: Canon) -> Entity:
    """One entity from entities that name the same thing under ``new_key``."""
    first = group[0]
    if len(group) == 1 and new_key == first.key:
        return first
    name = canon.get((first.kind, first.name), first.name)
    aliases = {a for e in group for a in (*e.aliases, e.name)} - {name}
    mentions = tuple(sorted({i for e in group for i in e.mentions}))
    return replace(first, key=new_key, name=name, aliases=tuple(sorted(aliases)), mentions=mentions)


def rename(x: Extraction, renamed: dict[str, str], canon: Canon) -> Extraction:
    """``x`` with entity keys renamed by ``renamed`` (entities that become one are merged,
    named by ``canon``) in its entities, mentions, relations and figures."""

    def key(k: str | None) -> str | None:
        return renamed.get(k, k) if k else k

    groups: dict[str, list[Entity]] = defaultdict(list)
    for e in x.entities:
        groups[key(e.key)].append(e)
    merged = {k: _combine(k, group, canon) for k, group in groups.items()}
    return x.evolve(
        entities=tuple(sorted(merged.values(), key=lambda e: e.key)),
        mentions=tuple(replace(m, entity=key(m.entity)) for m in x.mentions),
        relations=tuple(
            replace(r, subject=key(r.subject), object=key(r.object)) for r in x.relations
        ),
        quantities=tuple(replace(q, subject=key(q.subject)) for q in x.quantities),
    )
