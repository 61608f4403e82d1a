"""Paths and belts and the places they join: a road, greenway, path or belt named
before 连接, 串联, 连通, 贯通 or 途经 in its sentence connects each name listed right
after the verb (新建X慢行道，连接A至B，串联C、D和E: the path connects A, B, C, D, E).

Courses of works a sentence opens with (起于A，途经B，止于C) are read in ``roads``.
"""

from __future__ import annotations

import re

from kg.extract.kinds import Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import top_level
from kg.extract.text.spans import in_sentence
from kg.records import Extraction, Mention, Relation

_JOINING = re.compile(r"(?:串联|连接|连通|联通|贯通|贯穿|途经)(?:起|了)?")
# belts and corridors a text has run through places, as roads do
_BELTS = ("带", "廊", "廊道")
# what a path joins: places, sites, parks, other roads; not a party, a plan or an event
_NOT_JOINED = frozenset(
    {Kind.PERSON, Kind.PROGRAMME, Kind.EVENT, Kind.COMPANY, Kind.GOVERNMENT_BODY, Kind.REPORT}
)
# what may stand between two names of one list (A、B和C, A至B)
_LIST_MARKS = frozenset({"", "、", "和", "及", "与", "至", "以及"})


def _is_path(m: Mention) -> bool:
    return m.kind == Kind.ROAD or (m.kind == Kind.PARK and m.text.endswith(_BELTS))


def listed_after(text: str, ms: list[Mention], at: int) -> list[Mention]:
    """The names listed from ``at`` on (A、B和C), up to the first other word."""
    out: list[Mention] = []
    pos = at
    for m in ms:
        if m.start < pos:
            continue
        if text[pos : m.start] not in _LIST_MARKS:
            break
        out.append(m)
        pos = m.end
    return out


def _opens_or_follows(text: str, path: Mention, at: int) -> bool:
    """The joining verb at ``at`` opens its clause (X慢行道，连接A，串联B) or stands in
    the path's own clause (X公路连接A和B)."""
    clause = max(text.rfind(c, path.end, at) for c in "，,")
    return clause < 0 or clause == at - 1


@relation_rule("paths")
def path_relations(ex: Extraction) -> list[Relation]:
    """Each path (a road or a belt) connects the names listed after a joining verb that
    follows it in its sentence (the last path before the verb)."""
    text = ex.article.text
    out = []
    for sentence in ex.article.sentences:
        if not _JOINING.search(text, sentence.start, sentence.end):
            continue
        ms = top_level(in_sentence(ex.mentions, sentence.index))
        joined: set[Mention] = set()  # what a path joins is no path of a later verb
        for cue in _JOINING.finditer(text, sentence.start, sentence.end):
            before = [m for m in ms if m.end <= cue.start() and m not in joined]
            path = next((m for m in reversed(before) if _is_path(m)), None)
            if path is None or not _opens_or_follows(text, path, cue.start()):
                continue
            listed = listed_after(text, ms, cue.end())
            joined.update(listed)
            for m in listed:
                if m.kind not in _NOT_JOINED and m.entity != path.entity:
                    out.append(Relation(path.entity, "connects", m.entity, m.sentence, cue[0]))
    return out
