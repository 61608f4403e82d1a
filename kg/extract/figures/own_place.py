"""The place an article is about: the town it is on, else its main place (the
county-level division named most often). Figures the text gives no subject are its;
全市, 全县, 镇里 … in a figure's clause name the division of that level named last."""

from __future__ import annotations

from collections import Counter

from kg.extract.kinds import Kind
from kg.records import Extraction, Mention, Quantity

__all__ = ["main_place", "own_place", "whole_of"]

_LOCAL = (Kind.TOWN, Kind.SUBDISTRICT, Kind.VILLAGE)


_ABOVE_LOCAL = (Kind.COUNTY, Kind.PREFECTURE)


_LOCAL_MIN = 3


def own_place(ex: Extraction) -> str | None:
    """The place the article is about: a town, subdistrict or village named at least
    three times, more often than any county or prefecture, and in at least half of the
    article's mentions of towns and villages (an article on one town, not a county's
    article naming many), else the main place (``main_place``)."""
    local: Counter[str] = Counter()
    above: Counter[str] = Counter()
    for m in ex.mentions:
        if m.entity and m.kind in _LOCAL:
            local[m.entity] += 1
        elif m.entity and m.kind in _ABOVE_LOCAL:
            above[m.entity] += 1
    if local:
        place, count = sorted(local.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if (
            count >= _LOCAL_MIN
            and count > max(above.values(), default=0)
            and 2 * count >= sum(local.values())
        ):
            return place
    return main_place(ex)


def main_place(ex: Extraction) -> str | None:
    """Key of the county-level (else prefecture) division named most often."""
    found = _MAIN_PLACE.get(id(ex.mentions))
    if found is not None and found[0] is ex.mentions:
        return found[1]
    if len(_MAIN_PLACE) >= 8:
        _MAIN_PLACE.clear()
    place = _main_place(ex.mentions)
    _MAIN_PLACE[id(ex.mentions)] = (ex.mentions, place)
    return place


# main_place by mentions tuple: the figure rules ask it once per figure saying 全市
_MAIN_PLACE: dict[int, tuple[tuple[Mention, ...], str | None]] = {}


def _main_place(mentions: tuple[Mention, ...]) -> str | None:
    for levels in ((Kind.COUNTY,), (Kind.PREFECTURE,), (Kind.PROVINCE,)):
        counts = Counter(m.entity for m in mentions if m.kind in levels and m.entity)
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return None


_WHOLE = {"全镇": (Kind.TOWN, Kind.SUBDISTRICT), "全县": (Kind.COUNTY,), "全区": (Kind.COUNTY,)}
# 镇里还计划投资2000万元…: the town, county or city named last before it
_HERE = {
    "镇里": (Kind.TOWN, Kind.SUBDISTRICT),
    "县里": (Kind.COUNTY,),
    "区里": (Kind.COUNTY,),
    "市里": (Kind.PREFECTURE, Kind.COUNTY),
}


def whole_of(ex: Extraction, q: Quantity, start: int) -> str | None:
    """全镇 / 全县 in the figure's clause: the last town / county named before it
    (not in 占全县的23.8%, where the whole is the scope of a share)."""
    clause = ex.article.text[start + 1 : q.start]
    if "全市" in clause and not _whole_is_scope(clause, "全市"):
        return main_place(ex)  # 全市 is the article's own city
    for word, levels in _WHOLE.items():
        if word in clause and not _whole_is_scope(clause, word):
            named = [m for m in ex.mentions if m.end <= q.start and m.kind in levels]
            return named[-1].entity if named else None
    for word, levels in _HERE.items():
        if word in clause:
            named = [
                m
                for m in ex.mentions
                if m.end <= q.start
                and m.kind in levels
                and m.entity
                # 市里 is a city: a prefecture or a county-level 市 (台山市), not a 县
                and (word != "市里" or m.kind == Kind.PREFECTURE or m.text.endswith("市"))
            ]
            return named[-1].entity if named else None
    return None


def _whole_is_scope(clause: str, word: str) -> bool:
    """占全县的23.8%, 贡献全区增量的52.7%: the whole is what a share is of."""
    return any(verb + word in clause for verb in _SHARE_OF)


_SHARE_OF = ("占", "贡献", "拉动")
