"""Villages, communities and market towns the gazetteer lacks (it stops at towns):
X村 / X社区 / X圩 after a place name or a boundary (鹤城小官田村, X镇Y圩)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.names.edges import clause_floor, generic_name, name_start
from kg.extract.text.lexicon import Lexicon

_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:村|社区|圩)(?![\u4e00-\u9fff]*?(?:委|民|庄))")
# a town written before a village the gazetteer cannot place (two towns bear its name):
# the village is named from after it all the same (X镇Y社区 and Y社区 are one)
_TOWN_WORDS = ("镇", "乡", "街道")


def village_candidates(text: str, lex: Lexicon, place_ends: set[int]) -> Iterator[Candidate]:
    """X村 / X社区 right after a place name or a boundary (鹤城小官田村); a market
    town X圩 (a Place) only right after a place name (X镇Y圩)."""
    for m in _VILLAGE.finditer(text):
        end = m.end()
        start = name_start(text, clause_floor(text, end - 1), end - 1, lex)
        start = _after_place(start, end, place_ends)
        start = _after_town_word(text, start, end)
        name = text[start:end]
        if not (
            3 <= len(name) <= 10
            and not generic_name(name, name[-1], lex)
            and name[-2] not in "镇县市区乡农"
        ):
            continue
        if name.endswith("圩"):
            if start in place_ends:
                yield Candidate(start, end, Kind.PLACE, "village")
            continue
        yield Candidate(start, end, Kind.VILLAGE, "village")


def _after_place(start: int, end: int, place_ends: set[int]) -> int:
    """A village's name starts after the place that holds it; when the walk stopped one
    character after a place (X镇对|坑村: a character that is also a word) and left too
    short a name, it starts at the place's end."""
    for k in range(start, end - 2):
        if k in place_ends:
            start = k
    if end - start < 3 and start - 1 in place_ends:
        return start - 1
    return start


def _after_town_word(text: str, start: int, end: int) -> int:
    """The start after the last 镇/乡/街道 inside the name when three characters or
    more are left (长宁镇新和社区 → 新和社区)."""
    name = text[start:end]
    cut = max(name.rfind(w, 2) + len(w) if name.rfind(w, 2) >= 0 else 0 for w in _TOWN_WORDS)
    return start + cut if cut and end - (start + cut) >= 3 else start
