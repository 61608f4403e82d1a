"""Goals: what a place joins its development to.

- **Integrating** (integratesWith): a place right before 融入 or 对接 (an adverb such
  as 主动, 积极, 全面, 加快 or 将 between them; 融入和对接 and 对接融入 read as one
  verb) integrates with the region, programme or zone named right after the verb,
  and with those listed after it with 、/和/及 (X县主动融入珠三角、Y经济区).
  The place must stand right before: with no place there (为融入…提供支撑, 把Y
  建设融入Z) the sentence says nothing of whose development it is.
"""

from __future__ import annotations

import re

from kg.extract.kinds import PLACES, Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import CLAUSE, top_level_within
from kg.records import Extraction, Relation

_JOINED = {Kind.REGION, Kind.PROGRAMME, Kind.PARK}
_INTEGRATE = re.compile(
    r"(?:将|要|正|在|主动|积极|全面|加快|加速|深度|更好地?|持续|全力|深入)*"
    r"(?:融入|对接)(?:和|、|并)?(?:融入|对接)?[“「]?"
)
_AND = ("、", "和", "及", "以及")


def integration_relations(ex: Extraction) -> list[Relation]:
    """X县(主动)融入/对接Y: X integratesWith Y and each name listed with it."""
    text = ex.article.text
    out = []
    for clause in CLAUSE.finditer(text):
        ms = top_level_within(ex.mentions, clause.start(), clause.end())
        for i, place in enumerate(ms[:-1]):
            verb = _INTEGRATE.match(text, place.end)
            if place.kind not in PLACES or verb is None or ms[i + 1].start != verb.end():
                continue
            joined = [ms[i + 1]]
            for m in ms[i + 2 :]:
                if text[joined[-1].end : m.start].strip("”」") not in _AND:
                    break
                joined.append(m)
            out += [
                Relation(place.entity, "integratesWith", m.entity, place.sentence, "融入")
                for m in joined
                if m.kind in _JOINED
            ]
    return out


@relation_rule("goals")
def goal_relations(ex: Extraction) -> list[Relation]:
    """What places integrate with (see the module's docstring)."""
    return integration_relations(ex)
