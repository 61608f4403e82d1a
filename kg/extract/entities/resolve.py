"""The entity step: one Entity per real thing, whatever its surface forms.

Divisions are keyed by official code and carry their gazetteer parents (added
as entities of their own, marked ``from_text=False`` when the article does not
name them). Other things are keyed by class and canonical name; short forms
join their long form when the rules below say they are the same thing:

- a company name that starts another company name of the article (隆基 / 隆基硅能源);
- an abbreviation of a quoted programme with the same ending (百千万工程 /
  百县千镇万村高质量发展工程: same first character, characters in order);
- a lexicon alias (大湾区 → 粤港澳大湾区) or a road code (S270线 → S270).

A park or region named after the place it is in also gets its name without the
place as an alias (双合镇千亩茶园 / 千亩茶园); works written after their output
(年产20万吨再生铝项目) get the name with the output as an alias, while the mention,
and so the name, stays without it: the figure is a fact about the works.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from kg.extract.kinds import SITES, Kind
from kg.extract.names.companies import company_core
from kg.extract.names.edges import PHASE
from kg.extract.names.events import event_short_forms
from kg.extract.names.gazetteer import load_gazetteer
from kg.extract.names.mentions import DIVISION_PREFIX, SELF_REFERENCE, division_key
from kg.extract.pipeline import step
from kg.extract.text.doc import doc_of
from kg.extract.text.lexicon import load_lexicon
from kg.extract.text.numbers import OUTPUT_RATE
from kg.extract.text.spans import covering
from kg.extract.text.units import units
from kg.records import DIVISION_KINDS, Entity, Extraction, Mention

_PREFIX_STRIP = frozenset({Kind.PARK, Kind.REGION, Kind.PROJECT, Kind.NATURAL_FEATURE}) | SITES


def entity_key(kind: str, name: str) -> str:
    """Key of a non-division entity: class and canonical name."""
    return f"{kind}:{name}"


def _is_abbreviation(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: same first and last characters, in order.

    >>> _is_abbreviation("百千万工程", "百县千镇万村高质量发展工程")
    True
    >>> _is_abbreviation("千万工程", "百县千镇万村高质量发展工程")
    False
    """
    if len(short) >= len(long) or short[0] != long[0] or short[-2:] != long[-2:]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def canonical_names(mentions: tuple[Mention, ...]) -> dict[tuple[str, str], str]:
    """Map (kind, surface) to the canonical name of the thing it names."""
    return canonical_map(
        (m.kind, m.canonical or m.text) for m in mentions if m.kind not in DIVISION_KINDS
    )


# kinds whose later mentions drop the front of the name (博罗县罗浮新材料产业园二期项目 → 二期项目)
_TAIL_NAMED = (Kind.PARK, Kind.PROJECT, Kind.REGION)


def canonical_map(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Map each (kind, name) to the one longer name it is short for, else to itself.

    A short form with two possible long forms (华信 → 华信电器 or 华信新材料) stays
    as it is: a wrong merge is worse than two nodes.

    >>> canonical_map([("Company", "华信"), ("Company", "华信电器")])[("Company", "华信")]
    '华信电器'
    >>> m = canonical_map([("Company", "华信"), ("Company", "华信电器"), ("Company", "华信新材料")])
    >>> m[("Company", "华信")]
    '华信'
    """
    names: dict[str, set[str]] = defaultdict(set)
    for kind, name in pairs:
        names[kind].add(name)
    out: dict[tuple[str, str], str] = {}
    for kind, surfaces in names.items():
        longer_than = _longer_forms(kind, surfaces)
        for surface in sorted(surfaces, key=lambda s: (-len(s), s)):
            targets = {out.get((kind, x), x) for x in longer_than(surface)}
            out[(kind, surface)] = targets.pop() if len(targets) == 1 else surface
    return out


def _longer_forms(kind: str, surfaces: set[str]) -> Callable[[str], list[str]]:
    """For ``kind``, a function from a name to the longer names of ``surfaces`` it may be
    short for, found through a sorted index (a corpus has tens of thousands of names:
    comparing each with every other grew with their square)."""
    if kind == Kind.COMPANY:  # 华信 for 华信电器: a prefix
        return _prefix_index(surfaces, lambda s: s)
    if kind in _TAIL_NAMED:  # 二期项目 for 罗浮新材料产业园二期项目: a tail of four or more
        by_tail = _prefix_index(surfaces, lambda s: s[::-1])
        return lambda surface: by_tail(surface) if len(surface) >= 4 else []
    if kind == Kind.PROGRAMME:  # 百千万工程: same first and last two characters, in order
        buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
        for x in surfaces:
            buckets[(x[:1], x[-2:])].append(x)
        return lambda surface: [
            x for x in buckets.get((surface[:1], surface[-2:]), ()) if _is_abbreviation(surface, x)
        ]
    return lambda surface: []


def _prefix_index(surfaces: set[str], view: Callable[[str], str]) -> Callable[[str], list[str]]:
    """A function from a name to the longer names whose ``view`` starts with its ``view``."""
    keys = sorted((view(x), x) for x in surfaces)
    texts = [k for k, _ in keys]

    def longer(surface: str) -> list[str]:
        start = view(surface)
        low = bisect.bisect_left(texts, start)
        high = bisect.bisect_left(texts, start + "\U0010ffff", low)
        return [x for _, x in keys[low:high] if len(x) > len(surface)]

    return longer


_GENERIC_TAIL = ("科技", "实业", "发展", "控股", "投资", "股份")


def _company_cores(canon: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """(Company, trade name) → registered name, for trade names only one company has
    (惠州晟博膜科技有限公司 → 晟博膜科技, and 华岭纺织 for 广东华岭纺织科技股份有限公司)."""
    cores: dict[str, set[str]] = defaultdict(set)
    for (kind, _), target in canon.items():
        core = company_core(target) if kind == Kind.COMPANY else None
        if core:
            cores[core].add(target)
            bare = next((core[: -len(t)] for t in _GENERIC_TAIL if core.endswith(t)), None)
            if bare and len(bare) >= 4:
                cores[bare].add(target)
    return {(Kind.COMPANY, c): t.pop() for c, t in cores.items() if len(t) == 1}


_DECLARED = re.compile(r"[(（](?:以下)?简称[“\"]?([^”\")）]{2,12})[”\"]?[)）]")


def declared_short_names(ex: Extraction) -> dict[tuple[str, str], str]:
    """Short names the article declares: X(以下简称“Y”) makes Y stand for X."""
    text = ex.article.text
    out: dict[tuple[str, str], str] = {}
    for m in ex.mentions:
        found = _DECLARED.match(text, m.end)
        if found and m.kind not in DIVISION_KINDS:
            out[(m.kind, found.group(1))] = m.canonical or m.text
    return out


def _short_mentions(ex: Extraction, canon: dict[tuple[str, str], str]) -> list[Mention]:
    """Further mentions of short names standing alone (隆基 after 隆基硅能源, a declared
    简称, a company's trade name) and of people named once after a title (X一行前往…
    after 市委书记X), longest first, never inside another mention."""
    text = ex.article.text
    added: dict[int, list[int]] = defaultdict(list)  # start -> ends of the spans added
    shorts = sorted(
        (
            (k, s)
            for (k, s), t in canon.items()
            if k not in DIVISION_KINDS and (s != t or k == Kind.PERSON)
        ),
        key=lambda ks: (-len(ks[1]), ks),
    )
    longest = len(shorts[0][1]) if shorts else 0
    extra = []
    for kind, short in shorts:
        pos = text.find(short)
        while pos >= 0:
            span = (pos, pos + len(short))
            if not _covered(ex.mentions, added, longest, span):
                sentence = doc_of(ex.article).sentence_at(pos)
                extra.append(
                    Mention(short, *span, sentence.index if sentence else -1, kind, "alias")
                )
                added[span[0]].append(span[1])
            pos = text.find(short, pos + 1)
    return extra


def _covered(
    mentions: tuple[Mention, ...], added: dict[int, list[int]], longest: int, span: tuple[int, int]
) -> bool:
    """Whether a mention or an added span holds ``span`` (an added span is a short
    name, so one holding ``span`` starts at most ``longest`` before its end)."""
    start, end = span
    if covering(mentions, start, end):
        return True
    return any(e >= end for s in range(end - longest, start + 1) for e in added.get(s, ()))


@step("entities", needs={"mentions"}, adds={"entities", "mentions"})
def entities_step(ex: Extraction) -> Extraction:
    """Groups mentions into entities and links each mention to its entity."""
    canon = canonical_names(ex.mentions)
    canon.update(_company_cores(canon))
    canon.update(event_short_forms(ex.mentions, load_lexicon()))
    declared = declared_short_names(ex)
    canon.update({k: canon.get((k[0], v), v) for k, v in declared.items()})
    mentions = list(ex.mentions) + _short_mentions(ex, canon)
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    linked: list[Mention] = []
    groups: dict[str, list[int]] = defaultdict(list)
    kinds: dict[str, tuple[str, str]] = {}
    for i, m in enumerate(mentions):
        if m.entity and m.entity.startswith(DIVISION_PREFIX):
            key = m.entity
        else:
            name = canon.get((m.kind, m.canonical or m.text), m.canonical or m.text)
            key = entity_key(m.kind, name)
            kinds[key] = (m.kind, name)
        linked.append(m if m.entity == key else _with_entity(m, key))
        groups[key].append(i)
    entities = [_division_entities(k, idx, linked) for k, idx in groups.items() if k not in kinds]
    entities = [e for group in entities for e in group]
    for key, (kind, name) in kinds.items():
        surfaces = {linked[i].text for i in groups[key]} | {
            linked[i].canonical for i in groups[key] if linked[i].canonical
        }
        aliases = set(surfaces) | _place_free_alias(kind, name, linked, groups[key])
        aliases |= _without_prefecture(kind, name)
        aliases |= _output_aliases(kind, ex.article.text, [linked[i] for i in groups[key]])
        aliases.discard(name)
        entities.append(
            Entity(key, kind, name, tuple(sorted(aliases)), mentions=tuple(groups[key]))
        )
    merged = _merge_parents(entities)
    return ex.evolve(mentions=tuple(linked), entities=tuple(sorted(merged, key=lambda e: e.key)))


def _with_entity(m: Mention, key: str) -> Mention:
    return replace(m, entity=key)


def _place_free_alias(kind: str, name: str, mentions: list[Mention], idx: list[int]) -> set[str]:
    """双合镇千亩茶园 → 千亩茶园: a park or region name without its leading place."""
    if kind not in _PREFIX_STRIP:
        return set()
    gaz = load_gazetteer()
    for size in range(len(name) - 3, 1, -1):
        head = name[:size]
        if gaz.candidates(head) and not any(d.level == Kind.VILLAGE for d in gaz.candidates(head)):
            rest = name[size:]
            # 新港二期工程 without 新港 is a phase of anything (二期工程)
            return {rest} if len(rest) >= 4 and not PHASE.match(rest) else set()
    return set()


def _without_prefecture(kind: str, name: str) -> set[str]:
    """河源市龙川县X动员大会 → 龙川县X动员大会: an event named from a prefecture and a
    county in it is also called from the county on."""
    if kind != Kind.EVENT:
        return set()
    gaz = load_gazetteer()
    for size in (3, 4, 5):
        head = name[:size]
        prefectures = [d for d in gaz.candidates(head) if d.level == Kind.PREFECTURE]
        if not prefectures or head != prefectures[0].name:
            continue
        rest = name[size:]
        for cut in (3, 4, 5):
            county = [d for d in gaz.candidates(rest[:cut]) if d.name == rest[:cut]]
            if county and any(d.parent == prefectures[0].code for d in county):
                return {rest} if len(rest) > cut + 2 else set()
    return set()


_OUTPUT = re.compile(OUTPUT_RATE + r"(?P<unit>[^\s\d,，;；。、的]{1,4})$")


def _output_aliases(kind: str, text: str, mentions: list[Mention]) -> set[str]:
    """年产20万吨再生铝项目 for works named 再生铝项目 right after their output figure."""
    if kind != Kind.PROJECT:
        return set()
    table = units()
    out = set()
    for m in mentions:
        found = _OUTPUT.search(text, max(0, m.start - 20), m.start)
        unit = found.group("unit") if found else ""
        if found and (unit in table or unit[1:] in table or unit[2:] in table):
            out.add(text[found.start() : m.end])
    return out


def _division_entities(key: str, idx: list[int], mentions: list[Mention]) -> list[Entity]:
    """The division named by ``key`` and its gazetteer parents up to the province."""
    gaz = load_gazetteer()
    code = key[len(DIVISION_PREFIX) :]
    chain = gaz.chain(code)
    out = []
    for depth, d in enumerate(chain):
        parent = division_key(chain[depth + 1].code) if depth + 1 < len(chain) else None
        aliases = tuple(sorted(set(d.short) - {d.name}))
        if depth == 0:
            # 我县 refers to it but is no name of it
            surfaces = {mentions[i].text for i in idx if mentions[i].source != SELF_REFERENCE}
            surfaces -= {d.name}
            aliases = tuple(sorted(set(aliases) | surfaces))
            out.append(Entity(key, d.level, d.name, aliases, d.code, parent, tuple(idx)))
        else:
            out.append(
                Entity(division_key(d.code), d.level, d.name, aliases, d.code, parent, (), False)
            )
    return out


def _merge_parents(entities: list[Entity]) -> list[Entity]:
    """One entity per key: a division named in the text wins over its parent copy."""
    by_key: dict[str, Entity] = {}
    for e in entities:
        old = by_key.get(e.key)
        if old is None or (e.from_text and not old.from_text):
            by_key[e.key] = e
    return list(by_key.values())
