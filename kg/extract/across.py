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
    pairs = {
        (e.kind, e.name) for x in extractions for e in x.entities if e.kind not in DIVISION_KINDS
    }
    canon = canonical_map(pairs)
    renamed = {entity_key(k, n): entity_key(k, t) for (k, n), t in canon.items() if t != n}
    if not renamed:
        return list(extractions)
    return [_rename(x, renamed, canon) for x in extractions]


def _combine(new_key: str, group: list[Entity], canon) -> Entity:
    """One entity from entities that name the same thing under ``new_key``."""
    first = group[0]
    if len(group) == 1 and new_key == first.key:
        return first
    name = canon.get((first.kind, first.name), first.name)
    aliases = {a for e in group for a in (*e.aliases, e.name)} - {name}
    mentions = tuple(sorted({i for e in group for i in e.mentions}))
    return replace(first, key=new_key, name=name, aliases=tuple(sorted(aliases)), mentions=mentions)


def _rename(x: Extraction, renamed: dict[str, str], canon) -> Extraction:
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
