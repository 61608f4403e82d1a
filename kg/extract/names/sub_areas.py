"""Sub-areas written right after what holds them: a 片区 of a new town, a 片 of an
industrial park, an estate (小区) of a village, a street of a park or of its organ; a
park after a level title of parks; a park's lettered zone (X合作区B区); a station
before its hub (X站交通枢纽); a zone's park named after a city (X深圳园区).

The walk back from an ending (``edges.suffix_name_start``) takes the holder into the
name (X新城Y片区, X工业园Y片, Z村Y小区, X管委Y路); the sub-area is named from after
the holder, which is a name of its own, and the two are joined by the relation rule
``sub-areas`` (``kg/extract/relations/areas.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.names.edges import clause_floor, name_start
from kg.extract.names.gazetteer import load_gazetteer
from kg.extract.text.lexicon import Lexicon

# endings of the parts of a park, a new town or a village (and the streets in them)
SUB_AREA_ENDINGS = frozenset({"片区", "片", "小区", "街区", "产业新城", "路", "大道"})
# endings of what holds them: parks and new towns (longest first: 工业园 before 园),
# a park's organ (X管委, X管委会), a village or community for estates and 片区
_PARKS = ("产业园", "工业园", "科技园", "开发区", "高新区", "合作区", "经济区", "园区", "园")
_REGIONS = ("新城", "新区")
_ORGANS = ("管委会", "管委")
_VILLAGES = ("社区", "村")
# only estates and 片区 are held by a village (乡村振兴路 is no street of a 村)
_IN_VILLAGES = frozenset({"小区", "片区"})
# what a sub-area's own name never starts with: the holder's 区 or 内 (园区内道路)
_NOT_OPENING = ("区", "内", "中", "里", "外")
PARK, REGION, ORGAN, VILLAGE = "park", "region", "organ", "village"


def holder_end(span: str, ending: str) -> tuple[int, str | None]:
    """(offset in ``span`` where the sub-area's name starts, the holder's kind) for a
    name ``span`` ending in the sub-area ending ``ending``; (0, None) when no holder
    stands in it.

    >>> holder_end("东湖新城滨江片区", "片区")
    (4, 'region')
    >>> holder_end("南岭工业园北坑片", "片")
    (5, 'park')
    >>> holder_end("花园路", "路")
    (0, None)
    """
    if ending not in SUB_AREA_ENDINGS:
        return 0, None
    body = len(span) - len(ending)
    groups = [(_PARKS, PARK), (_REGIONS, REGION), (_ORGANS, ORGAN)]
    if ending in _IN_VILLAGES:
        groups.append((_VILLAGES, VILLAGE))
    best = (0, None)
    for words, kind in groups:
        for word in words:
            at = span.rfind(word, 0, body)
            cut = at + len(word)
            # the holder has a name of its own before its ending, the sub-area two
            # characters or more of its own before the ending
            fits = at >= 1 and body - cut >= 2 and not span.startswith(_NOT_OPENING, cut)
            if fits and cut > best[0]:
                best = (cut, kind)
            if at >= 0:
                break  # the longest ending of the group found decides (工业园, not 园)
    return best


def sub_area_kind(kind: str, ending: str, holder: str | None) -> str | None:
    """The kind of a sub-area name by its holder, or None when it is no name: a 片
    is a part of a park only (一片, 成片 name nothing), and a 片区 of a park is a park
    itself (X高新区Y片区); a 片区 of a new town or a village is a site."""
    if ending == "片":
        return Kind.PARK if holder == PARK else None
    if ending == "片区" and holder == PARK:
        return Kind.PARK
    return kind


# a title of parks by level (省级特色产业园) written before the park that holds it
LEVELS = ("国家级", "省级", "市级", "县级", "区级", "镇级")


def after_level_title(span: str, ending: str) -> int:
    """Offset in a park's name ``span`` after a level title of parks that opens it
    (省级特色产业园|X茶叶产业园: the park is named after its title), else 0.

    >>> after_level_title("省级特色产业园南山茶叶产业园", "产业园")
    7
    >>> after_level_title("省级特色产业园", "产业园")
    0
    """
    if not span.startswith(LEVELS):
        return 0
    body = len(span) - len(ending)
    cut = max(
        (span.rfind(p, 0, body) + len(p) for p in _PARKS if span.rfind(p, 0, body) > 0), default=0
    )
    return cut if body - cut >= 2 else 0


# a zone of a park by letter or numeral (X合作区B区, X产业园二区): a park of its own
_ZONE = re.compile(r"[A-Z一二三四五六七八九]区(?![\u4e00-\u9fff]{0,1}(?:委|政府|领导))")


def zone_candidates(text: str, cands: list[Candidate]) -> Iterator[Candidate]:
    """The park's name with the zone after it (X经济合作区B区), for each park
    candidate a zone letter follows."""
    for c in cands:
        if c.kind == Kind.PARK and _ZONE.match(text, c.end):
            yield Candidate(c.start, c.end + 2, Kind.PARK, "suffix")


# a station named before the hub or area built around it (X站交通枢纽, X站片区)
_STATION = re.compile(r"站(?=综合交通枢纽|交通枢纽|枢纽|片区|TOD)")


def station_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """X站 right before a (综合)交通枢纽, 枢纽, 片区 or TOD: a station (Station)."""
    for m in _STATION.finditer(text):
        start = name_start(text, clause_floor(text, m.start()), m.start(), lex)
        if m.start() - start >= 2:
            yield Candidate(start, m.end(), Kind.STATION, "suffix")


def city_park(name: str) -> bool:
    """A park named X园区 is one only after a city's or county's name (a zone's
    X深圳园区); 园区 alone is the generic word."""
    if not name.endswith("园区") or len(name) < 5:
        return False
    gaz = load_gazetteer()
    head = name[:-2]
    return any(
        d.level in (Kind.PREFECTURE, Kind.COUNTY) and len(head) > size
        for size in (2, 3)
        for d in gaz.candidates(head[-size:])
    )


# a phase of a road (X大道一期) is works on it, as a phase of works is (DESIGN.md section 3: works
# on a road are a Project); a phase written with its works word (X大道一期工程) is named
# by the works rules
_PHASE = re.compile(r"(?:[一二三四五]|首)期(?!工程|项目|[\u4e00-\u9fff]{0,2}(?:工程|项目))")


def phase_candidates(text: str, cands: list[Candidate]) -> Iterator[Candidate]:
    """The road's name with its phase after it (X大道一期, X干线一期): works (Project)."""
    for c in cands:
        if c.kind == Kind.ROAD and _PHASE.match(text, c.end):
            yield Candidate(c.start, c.end + 2, Kind.PROJECT, "suffix")


# a park's start-up or core zone written alone at a clause's start (X经济区加快建设，
# 起步区新增用地300亩): the zone of the park named last before it in the paragraph
_ZONE_WORD = re.compile(r"(?<=[，,。；;\n])\s*(起步区|先行启动区|启动区|先行区|核心区)")
_ZONE_REACH = 200


def zone_word_candidates(text: str, cands: list[Candidate]) -> Iterator[Candidate]:
    """A bare 起步区/启动区/核心区 opening a clause, named after the park or region
    named last before it in its paragraph (canonical X经济区起步区)."""
    holders = sorted((c for c in cands if c.kind in (Kind.PARK, Kind.REGION)), key=lambda c: c.end)
    for m in _ZONE_WORD.finditer(text):
        start, end = m.span(1)
        lo = max(text.rfind("\n", 0, start), start - _ZONE_REACH)
        before = [c for c in holders if lo < c.start and c.end <= start]
        if not before or text[before[-1].start : before[-1].end].endswith(m[1]):
            continue
        park = before[-1]
        yield Candidate(start, end, Kind.PARK, "zone", text[park.start : park.end] + m[1])


def port_candidates(text: str, cands: list[Candidate]) -> Iterator[Candidate]:
    """The port a port area is named after (X港区 → X港, a Port, the area part of it)."""
    for c in cands:
        if c.kind == Kind.PARK and c.end - c.start >= 4 and text.endswith("港区", c.start, c.end):
            yield Candidate(c.start, c.end - 1, Kind.PORT, "suffix")


# a street whose name holds 和 (X和路: 永和路, 人和路), the walk back stopping at it as a
# conjunction: a name when it opens its clause or list item and a side or a mark follows
_SIDE_AFTER = re.compile(r"以[东南西北]|[东南西北]侧|[，,、。；;）)]|$")


def street_start(text: str, start: int, pos: int, ending: str) -> int:
    """Where a street named X和路 starts when the walk stopped at its 和."""
    if ending not in ("路", "大道") or start != pos or pos < 2 or text[pos - 1] != "和":
        return start
    head = text[pos - 2]
    opens = pos == 2 or text[pos - 3] in "，,、；;：:（("
    if "\u4e00" <= head <= "\u9fff" and opens and _SIDE_AFTER.match(text, pos + len(ending)):
        return pos - 2
    return start
