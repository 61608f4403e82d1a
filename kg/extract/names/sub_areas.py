"""Sub-areas written right after what holds them: a 片区 of a new town, a 片 of an
industrial park, an estate (小区) of a village, a street of a park or of its organ.

The walk back from an ending (``edges.suffix_name_start``) takes the holder into the
name (X新城Y片区, X工业园Y片, Z村Y小区, X管委Y路); the sub-area is named from after
the holder, which is a name of its own, and the two are joined by the relation rule
``sub-areas`` (``kg/extract/relations/areas.py``).
"""

from __future__ import annotations

from kg.extract.kinds import Kind

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
