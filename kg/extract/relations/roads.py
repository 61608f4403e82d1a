"""Courses: the places a road or road works run to, beyond the ends in its name.

- **Routes before 的** (车岗镇至水台镇的农村公路提质改造工程): the works or road named
  after 的 connect both places.
- **A road named after one place** (S111线勒流段, 英红镇茶旅环线) lies in it; a road
  with two places in its name connects them instead (``route_relations``).
- **Courses** in a sentence that opens with a road or its works, or with a word
  standing for the road or works the text is on (该项目起于A…, 路线经B、C): 起于A，
  途经B、C，止于D (终点位于D, 路线经B), 先后接A路、B线, 贯通A、B, 通往A、B (after 据悉，
  too). The road connects each place
  (and the last of places written together: 起于A市B镇C村 → A市, C村) and each road
  (with the division its name opens with: 终点位于A市环城公路 → the road and A市); for
  works, the road section inside their name carries the link (G240线…段改建工程 →
  G240线…段). 至 after a comma goes on with the course (…，后至A村). A road
  structure right after 设置/设 in such a sentence is part of the road, lies in the place
  right before the verb (穿过A村设有B隧道) and connects the road it crosses (在与C线相交处
  设置D互通立交).
- **Bounds** (X…位于A路、B涌以南，C航道以西): a park, works or area opening the
  sentence is bounded by each name written right before a side (以南, 以西, 北侧).
"""

from __future__ import annotations

import re

from kg.extract.figures.subjects import antecedent
from kg.extract.kinds import PLACES, Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.relations.works import mention_at, sentence_opener
from kg.extract.text.clauses import top_level
from kg.extract.text.spans import in_sentence, within
from kg.records import DIVISION_KINDS, Extraction, Mention, Relation

_ROUTE_MARKS = ("至", "—", "－")
_COURSE = re.compile(
    r"起于|起自|始于|途经|经过|止于|终于|终至|(?:起点|终点)(?:位于|设于|为)|(?<=路线)经|(?<=线路)经"
    r"|(?:先后|依次|分别)(?:连接|衔接|相接|接)|贯通|通往|(?<=[,，])(?:再|后)?至(?=[^0-9])"
)
# joining cues (先后接A路、B线) name roads only
_JOINS = ("连接", "衔接", "相接", "接")
_ROAD_KINDS = {Kind.ROAD}
# a sentence opening with one of these speaks of the road or works the text is on
_STANDS_FOR = re.compile(r"\s*(?:该项目|该工程|项目|工程|路线|线路|主线|全线)")
_AND = ("、", "和", "及")
# what a sentence may open with before the road it is about (据悉，X线起于A)
_LEAD_IN = re.compile(r"\s*(?:据悉|据了解|另悉|记者了解到)[,，]")


def route_works(ex: Extraction) -> list[Relation]:
    """车岗镇至水台镇的Y工程: the works (or road) connect the two places."""
    text = ex.article.text
    places = [m for m in ex.mentions if m.kind in PLACES]
    named = [m for m in ex.mentions if m.kind in (Kind.ROAD, Kind.PROJECT)]
    out = []
    for b in places:
        if not text.startswith("的", b.end):
            continue
        mark = next((c for c in _ROUTE_MARKS if text.startswith(c, b.start - 1)), None)
        a = next((m for m in places if mark and m.end == b.start - 1), None)
        works = mention_at(named, b.end + 1, {Kind.ROAD, Kind.PROJECT})
        if a is None or works is None:
            continue
        for end in (a, b):
            out.append(Relation(works.entity, "connects", end.entity, works.sentence, mark))
    return out


def one_place_roads(ex: Extraction) -> list[Relation]:
    """A road whose name holds one division and no route (S111线勒流段) lies in it; a
    region in a name describes the road (岭南古驿道 runs far beyond 岭南's core)."""
    out = []
    for road in ex.mentions:
        if road.kind != Kind.ROAD or any(c in road.text for c in _ROUTE_MARKS):
            continue
        inner = [
            m
            for m in within(ex.mentions, road.start, road.end)
            if m.end < road.end and m.kind in PLACES
        ]
        if len(inner) == 1 and inner[0].kind in DIVISION_KINDS:
            out.append(Relation(road.entity, "locatedIn", inner[0].entity, road.sentence, "段"))
    return out


def _listed(
    text: str, ms: list[Mention], first: Mention, kinds: set[str] = PLACES
) -> list[Mention]:
    """``first`` and the places (or ``kinds``) listed right after it (英城街道、东华镇)."""
    out = [first]
    while True:
        joiner = next((a for a in _AND if text.startswith(a, out[-1].end)), None)
        nxt = mention_at(ms, out[-1].end + len(joiner), kinds) if joiner else None
        if nxt is None:
            return out
        out.append(nxt)


def _carrier(ex: Extraction, opener: Mention) -> Mention:
    """The road an opener stands for: itself, or the longest road inside works."""
    if opener.kind == Kind.ROAD:
        return opener
    inner = [m for m in within(ex.mentions, opener.start, opener.end) if m.kind == Kind.ROAD]
    return max(inner, key=lambda m: m.end - m.start, default=opener)


def _stood_for(ex: Extraction, sentence: int, start: int) -> Mention | None:
    """The road or works a sentence opening with 该项目/路线/全线 … speaks of."""
    word = _STANDS_FOR.match(ex.article.text, start)
    if word is None:
        return None
    key = antecedent(ex, sentence, word.end(), (Kind.PROJECT, Kind.ROAD))
    if key is None:
        return None
    said = [m for m in ex.mentions if m.entity == key and m.end <= word.end()]
    return said[-1] if said else None


def courses(ex: Extraction) -> list[Relation]:
    """X起于A，途经B，止于C (X opening the sentence): X connects A, B and C."""
    text = ex.article.text
    out = []
    for s in ex.article.sentences:
        ms = top_level(in_sentence(ex.mentions, s.index))
        lead = _LEAD_IN.match(text, s.start)
        opener = sentence_opener(text, lead.end() if lead else s.start, ms)
        if opener is None or opener.kind not in (Kind.ROAD, Kind.PROJECT):
            opener = _stood_for(ex, s.index, s.start)
        if opener is None:
            continue
        road = _carrier(ex, opener)
        for cue in _COURSE.finditer(text, max(opener.end, s.start), s.end):
            for end in _course_ends(ex, ms, cue.end(), cue.group()):
                if end.entity != road.entity:
                    out.append(Relation(road.entity, "connects", end.entity, s.index, cue.group()))
        out += _structures(ex, ms, s.index, road)
    return out


# 穿过A村设有B隧道, 在与C线相交处设置D互通立交: what the course builds on its way
_SETS = re.compile(r"(?:相?交叉|相交|交汇)?处?(?:设置|设有|设)")


def _structures(ex: Extraction, ms: list[Mention], sentence: int, road: Mention) -> list[Relation]:
    """In a course sentence, a road structure (an interchange, a tunnel, a bridge) right
    after 设置/设 is part of the road; it lies in the place right before the verb (穿过A村
    设有B隧道) and connects the road it crosses (在与C线相交处设置D互通立交)."""
    text = ex.article.text
    out = []
    for i, m in enumerate(ms):
        if m.kind != Kind.ROAD or m.entity == road.entity or i == 0:
            continue
        verb = next(
            (v for v in _SETS.finditer(text, ms[i - 1].end, m.start) if v.end() == m.start), None
        )
        if verb is None:
            continue
        out.append(Relation(m.entity, "partOf", road.entity, sentence, verb.group()))
        before = ms[i - 1]
        if before.end != verb.start():
            continue
        if before.kind in PLACES:
            out.append(Relation(m.entity, "locatedIn", before.entity, sentence, verb.group()))
        elif before.kind == Kind.ROAD and text[before.start - 1 : before.start] == "与":
            out.append(Relation(m.entity, "connects", before.entity, sentence, verb.group()))
    return out


def _course_ends(ex: Extraction, ms: list[Mention], at: int, cue: str) -> list[Mention]:
    """What a course cue names: the places listed right after it, each with the last of
    the places written together with it (起于A市B镇C村: A市 and C村); roads listed after
    it (先后接A路、B线), each with the division opening its name (终点位于A市环城公路)."""
    text = ex.article.text
    kinds = _ROAD_KINDS if cue.endswith(_JOINS) else PLACES | _ROAD_KINDS
    first = mention_at(ms, at, kinds)
    if first is None:
        return []
    out = []
    for m in _listed(text, ms, first, kinds):
        out.append(m)
        if m.kind in PLACES:
            chain = m
            while (nxt := mention_at(ms, chain.end, set(DIVISION_KINDS))) is not None:
                chain = nxt
            if chain is not m:
                out.append(chain)
        else:
            opening = [
                x
                for x in within(ex.mentions, m.start, m.end)
                if x.start == m.start and x.kind in DIVISION_KINDS and x.end < m.end
            ]
            out += opening[:1]
    return out


# 位于A路、B涌以南，C航道以西: the clauses after 位于 that end on a side of what they name
_SITED = re.compile(r"位于|四至")
_SIDE = re.compile(r"(?:以|之)[东南西北]|[东南西北](?:侧|面|边)")
_BOUNDED = (Kind.PARK, Kind.PROJECT, Kind.REGION)


def bounds(ex: Extraction) -> list[Relation]:
    """X…位于A、B以南，C以西，D以北 (X a park, works or area, the first name of the
    sentence): X is bounded by A, B, C and D, each named right before a side word."""
    text = ex.article.text
    out = []
    for s in ex.article.sentences:
        ms = top_level(in_sentence(ex.mentions, s.index))
        cue = _SITED.search(text, s.start, s.end)
        before = [m for m in ms if cue and m.end <= cue.start()]
        if not before or before[0].kind not in _BOUNDED:
            continue
        subject = before[0]
        pos = cue.end()
        for clause in re.finditer(r"[^,，;；。]+", text[pos : s.end]):
            lo, hi = pos + clause.start(), pos + clause.end()
            side = re.search(f"(?:{_SIDE.pattern})$", text[lo:hi])
            if side is None:
                break
            end = lo + side.start()
            last = next((m for m in ms if m.end == end), None)
            if last is None:
                continue
            first = last
            while (prev := next((m for m in ms if m.end == first.start - 1), None)) and text[
                prev.end
            ] in _AND:
                first = prev
            for m in ms:
                if (
                    first.start <= m.start
                    and m.end <= end
                    and m.entity != subject.entity
                    and (
                        m.kind not in DIVISION_KINDS  # 位于A镇以南 lies outside A镇, next to it
                    )
                ):
                    out.append(Relation(subject.entity, "boundedBy", m.entity, s.index, "位于…以"))
    return out


@relation_rule("roads")
def road_relations(ex: Extraction) -> list[Relation]:
    """Routes before 的, one-place roads, courses and bounds (see the module's docstring)."""
    return route_works(ex) + one_place_roads(ex) + courses(ex) + bounds(ex)
