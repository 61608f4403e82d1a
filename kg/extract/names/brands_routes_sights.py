"""Names the text marks without the walk back from a class word finding them.

- **Works named after a company's brand** (惠州市光澈显示科技有限公司 … 光澈显示项目,
  X公司 … 立新电子化学品扩产项目): the brand is a company's trade name, or a brand +
  industry short name, of this text; the walk back from 项目 stops at a verb inside
  the brand (显示) or at a word before it (立新 reads as an adverb).
- **Places at the ends of a route** written without a suffix (珠玑古巷—梅岭旅游公路):
  a route to a road names the places it joins. Division names are left to the
  gazetteer (a short town name that does not resolve stays unlinked).
- **Sections of a named road** (X高速公路A至B段, A and B places): a road of its own, part
  of the named road, and works on it (…段改扩建工程) are works.
- **Sights listed before 等…景点/景区** (X度假区、陈村花卉世界等重点景点): each item
  is a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.names.companies import company_core
from kg.extract.names.edges import PUNCT, clause_floor, list_items
from kg.extract.names.gazetteer import load_gazetteer
from kg.extract.text.lexicon import Lexicon

# a phase or a works verb between the brand and 项目 (海澄重工二期项目, 立新…扩产项目)
_WORKS_AFTER = re.compile(
    r"(?:[一二三四五六七八九十首]期)?(?:扩产|扩建|技改|改扩建|改造|升级|迁建|搬迁)?(?:项目|工程)"
)
_GENERIC_TAIL = ("科技", "实业", "发展", "控股", "投资", "股份")


def brands(text: str, cands: Iterable[Candidate]) -> set[str]:
    """Trade names of the companies among ``cands`` (core and core without 科技 …),
    and brand + industry short names."""
    out: set[str] = set()
    for c in cands:
        if c.kind != Kind.COMPANY:
            continue
        name = text[c.start : c.end]
        if c.source == "brand":
            out.add(name)
        core = company_core(name)
        if core:
            out.add(core)
            bare = next((core[: -len(t)] for t in _GENERIC_TAIL if core.endswith(t)), None)
            if bare and len(bare) >= 4:
                out.add(bare)
    return out


def brand_works_candidates(text: str, cands: list[Candidate]) -> Iterator[Candidate]:
    """Works named with a company's brand (光澈显示项目, 立新电子化学品扩产项目)."""
    for brand in brands(text, cands):
        pos = text.find(brand)
        while pos >= 0:
            works = _WORKS_AFTER.match(text, pos + len(brand))
            if works and (pos == 0 or not _inside_word(text, pos)):
                yield Candidate(pos, works.end(), Kind.PROJECT, "brand-works")
                # the brand inside stays a mention of its company (the works are about it)
                yield Candidate(pos, pos + len(brand), Kind.COMPANY, "brand")
            pos = text.find(brand, pos + 1)


def _inside_word(text: str, pos: int) -> bool:
    """The brand continues a word on its left (华信 in 中华信…)? Only a stop
    character, 的 or a digit may stand before a name found this way."""
    before = text[pos - 1]
    return not (before in PUNCT or before in "的和与及在由" or before.isdigit())


# generic ends of a route that are no place names (城区至机场快速路)
_NOT_PLACES = ("城区", "市区", "县城", "镇区", "机场", "高铁站", "火车站", "港口", "码头", "园区")


_ROUTE_END = re.compile(
    r"(?:—|－|–|至)(?P<b>[\u4e00-\u9fff]{2,5}?)"
    r"(?:旅游|快速|观光|滨江|沿江|沿海|产业|一级|二级)?(?:公路|快速路|通道|大道|干线)$"
)
_FULL_PLACE = ("省", "市", "县", "区", "镇", "乡", "街道")


def route_end_candidates(
    routes: Iterable[Candidate], text: str, places: list[tuple[int, int]], lex: Lexicon
) -> Iterator[Candidate]:
    """The ends of a named route (A—B旅游公路) that are no divisions: places (Region)."""
    gaz = load_gazetteer()
    for road in routes:
        m = None
        if road.source == "route":
            m = _ROUTE_END.search(text, road.start, road.end)
        if not m:
            continue
        # the near end starts after the divisions the route is named from (南雄市|珠玑古巷)
        start = road.start
        for s, e in sorted(places):
            if s == start and m.start() - e >= 2 and text[s:e].endswith(_FULL_PLACE):
                start = e
        for span in ((start, m.start()), m.span("b")):
            word = text[span[0] : span[1]]
            if (
                2 <= len(word) <= 5
                and _is_place_word(word, gaz, lex)
                and not any(s <= span[0] and span[1] <= e for s, e in places)
            ):
                yield Candidate(*span, Kind.REGION, "route-end")


def _is_place_word(word: str, gaz, lex: Lexicon) -> bool:
    return (
        not gaz.candidates(word)
        and word not in _NOT_PLACES
        and word not in lex.not_names
        and not any(word.endswith(s.text) for s in lex.suffixes)
    )


_SIGHTS = re.compile(r"等(?:重点|热门|知名|主要|特色)?(?:旅游)?(?:景点|景区)")


def listed_sight_candidates(
    text: str, cands: list[Candidate], places: list[tuple[int, int]], lex: Lexicon
) -> Iterator[Candidate]:
    """Items listed with a park or scenic area before 等…景点 (X度假区、陈村花卉世界等
    重点景点) are places too, each one written whole between the 、."""
    spans = {(c.start, c.end): c.kind for c in cands} | {span: "place" for span in places}
    for m in _SIGHTS.finditer(text):
        floor = clause_floor(text, m.start())
        items = list_items(text, floor, m.start(), lex)
        if len(items) < 2 or not any(spans.get(i) in (Kind.PARK, Kind.REGION) for i in items):
            continue
        for start, end in items:
            word = text[start:end]
            if (start, end) not in spans and 3 <= len(word) <= 8 and _plain(word, lex):
                yield Candidate(start, end, Kind.REGION, "listed-sight")


def _plain(word: str, lex: Lexicon) -> bool:
    """All Chinese, no punctuation, no generic word."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in word) and word not in lex.not_names


# X高速公路A至B段(改扩建工程): what may follow a section of a named road as its works
_SECTION_WORKS = re.compile(r"(?:改扩建|扩建|改建|新建|改造|提升改造|升级改造|拓宽)?(?:工程|项目)")


def named_section_candidates(
    text: str, cands: list[Candidate], places: list[tuple[int, int]]
) -> Iterator[Candidate]:
    """A section of a road named without a code (X高速公路A至B段), its ends places, and
    the works on it."""
    starts = {s: e for s, e in places}
    for road in cands:
        if road.kind != Kind.ROAD or road.end not in starts:
            continue
        a_end = starts[road.end]
        if not text.startswith("至", a_end) or a_end + 1 not in starts:
            continue
        b_end = starts[a_end + 1]
        if not text.startswith("段", b_end):
            continue
        yield Candidate(road.start, b_end + 1, Kind.ROAD, "road-section")
        works = _SECTION_WORKS.match(text, b_end + 1)
        if works:
            yield Candidate(road.start, works.end(), Kind.PROJECT, "road-works")
