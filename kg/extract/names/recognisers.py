"""Recognisers for named things other than administrative divisions.

Each recogniser returns ``Candidate`` spans; ``choose_mentions`` keeps the
longest non-crossing ones and the names nested inside them. Rules are general
for the genre: name endings (工业园, 指挥部, 项目 ...), quoted names, road
codes and sections, known regions and organs, brand + industry company names.
The left edge of a name is found by walking back over words until a boundary
word, a function word, a number or punctuation (``kg/extract/names/edges.py``);
names the text marks otherwise are in ``kg/extract/names/brands_routes_sights.py``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from kg.extract.kinds import Kind
from kg.extract.names.brands_routes_sights import (
    brand_works_candidates,
    listed_sight_candidates,
    named_section_candidates,
    route_end_candidates,
)
from kg.extract.names.candidates import Candidate
from kg.extract.names.edges import (
    CLOSE_Q,
    FUNCTION_CHARS,
    OPEN_Q,
    PUNCT,
    YEAR,
    after_counter,
    clause_floor,
    generic_name,
    name_start,
    suffix_name_start,
    tokenizer,
)
from kg.extract.names.event_titles import (
    extended_event_candidates,
    held_de_candidates,
    listed_event_candidates,
)
from kg.extract.names.events import session_candidates
from kg.extract.names.gazetteer import load_gazetteer
from kg.extract.names.lists import listed_member_candidates
from kg.extract.names.people import person_candidates
from kg.extract.names.programmes import programme_candidates
from kg.extract.names.sub_areas import (
    after_level_title,
    city_park,
    holder_end,
    port_candidates,
    station_candidates,
    street_start,
    sub_area_kind,
    zone_candidates,
    zone_word_candidates,
)
from kg.extract.names.sub_areas import phase_candidates as road_phase_candidates
from kg.extract.names.titles import title_candidates
from kg.extract.names.villages import village_candidates
from kg.extract.names.words import Boundaries, forget
from kg.extract.names.words import cut as cut_words
from kg.extract.names.works_titles import (
    company_titled_candidates,
    factory_candidates,
    listed_works_candidates,
    namely_candidates,
    phase_candidates,
    site_candidates,
    without_company_seats,
)
from kg.extract.text.clauses import last_mark_before
from kg.extract.text.lexicon import Lexicon, lexicon_rows, load_lexicon
from kg.extract.text.spans import SpanIndex

_ROAD = re.compile(
    r"(?:(?P<grade>国道|省道|县道|乡道)(?=[GSXY]\d))?"
    r"(?<![A-Za-z0-9])(?P<code>[GSXY]\d{1,4})(?P<xian>线)?"
    r"(?:(?P<sec>(?:(?P<a>[\u4e00-\u9fff]{2,8}?)至(?P<b>[\u4e00-\u9fff]{2,8}?)|[\u4e00-\u9fff]{2,6}?)段))?"
    r"(?P<works>(?:\((?!\d)[^()\n]{1,8}\))?(?:路面|路基|桥梁|全线)?"
    r"(?:改扩建|扩建|改线|改建|新建|改造|提升改造|升级改造|拓宽|建设|修复|大修|提升|养护|加宽|硬化)?"
    r"(?:工程|项目))?"
)
_ROUTE = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,8}?)(?P<sep>至|—|－|–)(?P<b>[\u4e00-\u9fff]{2,8})")
_ROAD_WORDS = ("全线", "提升改造", "通车", "公路", "道路", "改线", "扩建", "线")
# road kinds a route names before them (A至B快速路, A至B高速): they end the far place
_ROAD_KINDS = ("快速路", "快速通道", "高速", "大道", "干线")


def add_words(lines: list[str]) -> None:
    """Teach the segmenter extra words ("name freq tag" lines, e.g. division names)."""
    jieba, tags = tokenizer()
    for line in lines:
        word, _, rest = line.partition(" ")
        tag = rest.split(" ")[-1] if rest else "n"
        jieba.add_word(word, freq=None, tag=tag)
        tags[word] = tag
    forget()  # the dictionary changed: cuts made before may differ now


def suffix_candidates(
    text: str,
    lex: Lexicon,
    joins: frozenset[int] = frozenset(),
    anchors: list[int] = (),
    places: list[tuple[int, int]] = (),
) -> Iterator[Candidate]:
    """Names ending in a class suffix (工业园, 指挥部, 项目 ...)."""
    taken: set[int] = set()  # end offsets already claimed by a longer suffix
    for suffix in lex.suffixes:
        pos = text.find(suffix.text)
        while pos >= 0:
            end = pos + len(suffix.text)
            if end not in taken:
                # the longest suffix decides for its end, even when it rejects the name
                # (有限公司 with no name before it is not a 公司 named 有限)
                taken.add(end)
                # what the text around the ending says first: the walk back costs more
                on_water = suffix.kind in _WATERS and text[end : end + 1] in _ON_WATER
                # X工程|建设进展: the segmenter's 工程建设 is the works and what is done to them
                on_water = on_water or (
                    suffix.kind == Kind.PROJECT and text.startswith(_DONE_TO_WORKS, end)
                )
                if (
                    _generic_street(text, end, suffix.text, lex)
                    or (_word_continues(text, pos, end) and not on_water)
                    or (len(suffix.text) == 1 and _ends_inside_word(text, end) and not on_water)
                    or _verb_use(text, end, suffix.text)
                ):
                    pos = text.find(suffix.text, pos + 1)
                    continue
                start = suffix_name_start(text, pos, suffix, lex, joins, anchors, places)
                start = street_start(text, start, pos, suffix.text)
                cut, holder = holder_end(text[start:end], suffix.text)
                start += cut
                if suffix.kind == Kind.PARK:
                    start += after_level_title(text[start:end], suffix.text)
                name = text[start:end]
                kind = sub_area_kind(_kind_of(name, suffix), suffix.text, holder)
                if (
                    kind is not None
                    and pos - start >= suffix.min_prefix
                    and not generic_name(name, suffix.text, lex)
                    and _headed(text, start, end, places)
                    and not (suffix.kind == Kind.PARK and name.startswith(_LEVELS))
                    and not (suffix.kind == Kind.RIVER and _ends_a_place(text, places, end))
                    and not (suffix.kind == Kind.GOVERNMENT_BODY and "暨" in name)
                    and not (suffix.text == "支线" and not _ROAD_WORD.search(name[:-2]))
                    and not (suffix.text == "园区" and not city_park(name))
                ):
                    yield Candidate(start, end, kind, "suffix")
            pos = text.find(suffix.text, pos + 1)


# a 支线 is a road's only as a branch of a named road (X高速公路Y支线), not of a pipe or bus
_ROAD_WORD = re.compile(r"高速|公路|铁路|国道|省道|[GS]\d")

# one-character endings of plain names: streets, bridges, parks (环城北路, 新华桥, 汽配园)
_PLAIN_ENDINGS = "路桥园"


def _generic_street(text: str, end: int, suffix: str, lex: Lexicon) -> bool:
    """A one-character street or park ending closing a common word (城市道路, 总体思路,
    新入园) names no street or park: the word's last two characters are a known
    non-name; nor does one closing a quoted slogan (“四好农村路”建设, “四小园”) or
    going on as a place's name (柏桥村)."""
    if len(suffix) != 1 or suffix not in _PLAIN_ENDINGS:
        return False
    return (
        (text[max(0, end - 2) : end] in lex.not_names and not _listed_alike(text, end, suffix, lex))
        or text.startswith(CLOSE_Q, end)
        or text[end : end + 1] in _PLACE_AFTER
    )


def _listed_alike(text: str, end: int, suffix: str, lex: Lexicon) -> bool:
    """A short item of a 、-list in which another short item ends the same way without
    closing a common word (松园园、遥田园、沙田园: 田园 is a common word, but 松园园
    shows the list names parks; not 城市田园、乡村田园)."""
    lo = max(last_mark_before(text, "，,。；;：:\n", end) + 1, end - 60)
    hi = min((i for i in (text.find(c, end) for c in "，,。；;：:\n") if i >= 0), default=len(text))
    items = text[lo:hi].split("、")
    if len(items) < 2:
        return False
    return any(
        item.endswith(suffix) and 3 <= len(item) <= 6 and item[-2:] not in lex.not_names
        for item in items
    )


# a place's name going on after the ending (柏桥村, 石路镇, 桥头, 路口): no street there
_PLACE_AFTER = frozenset("村镇乡区县市社街头口墩圩")


def _ends_a_place(text: str, places: list[tuple[int, int]], end: int) -> bool:
    """Whether a division's name ends at ``end``: the 河 of 陆河 is the county's, not a river's
    (whether or not the article's context resolved that short name)."""
    if any(place_end == end for _, place_end in places):
        return True
    gazetteer = load_gazetteer()
    return any(gazetteer.candidates(text[end - size : end]) for size in (2, 3) if end >= size)


# a park named by its level alone is a class of parks (建成县级示范带3条), not one park
_LEVELS = ("国家级", "省级", "市级", "县级", "区级", "镇级")


def _headed(text: str, start: int, end: int, places: list[tuple[int, int]]) -> bool:
    """An …活动 is an event's name only behind a place or a year (清远市2025年…集中开工
    活动), or when a long one is what is held (举办“X工程”重大项目集中动工签约活动);
    招商活动 or 签约活动 in running prose names no one event."""
    if not text.endswith("活动", 0, end):
        return True
    if YEAR.match(text, start) or any(s == start for s, _ in places):
        return True
    # X县举办“Y工程”重大项目集中动工签约活动: a long name held right there
    return end - start >= _HELD_NAME and text.endswith(_HOLD, 0, start)


_HOLD = ("举办", "举行", "召开")
_HELD_NAME = 10


@lru_cache(maxsize=2)
def word_boundaries(text: str) -> Boundaries:
    """Offsets where the segmenter puts a word boundary (0 and len(text) included),
    asked one at a time (``offset in word_boundaries(text)``).

    The division resolver and the expressway recogniser ask about the same text;
    only the runs of characters holding the offsets asked about are cut."""
    return Boundaries(text)


def _ends_inside_word(text: str, end: int) -> bool:
    """``end`` falls inside a word of the segmenter (广东北部|湾: 北部湾 is one word)."""
    lo = max(0, end - 4)
    pos = lo
    for token in cut_words(text[lo : end + 4]):
        if pos < end < pos + len(token):
            return True
        pos += len(token)
    return False


def _word_continues(text: str, pos: int, end: int) -> bool:
    """The suffix is the head of a longer word (部署, 部门, 工程师, 局面)."""
    _, tags = tokenizer()
    return any(text[pos : end + k] in tags for k in (1, 2) if end + k <= len(text))


_VERB_SUFFIXES = ("计划", "规划")


def _verb_use(text: str, end: int, suffix: str) -> bool:
    """计划 and 规划 followed by more words are verbs (项目计划投资5亿元), not names."""
    if suffix not in _VERB_SUFFIXES or end >= len(text):
        return False
    nxt = text[end]
    return "\u4e00" <= nxt <= "\u9fff" and nxt not in "的和与及等"


def _kind_of(name: str, suffix) -> str:
    """The class a suffix gives, with one refinement: a 工程 whose name holds a
    quoted slogan (制造业当家“一把手”工程) is a policy programme, not works."""
    if suffix.text == "工程" and OPEN_Q in name:
        return Kind.PROGRAMME
    return suffix.kind


def quoted_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """Quoted names whose content ends like a class name (“百千万工程” → Programme)."""
    for m in re.finditer(r"“([^“”。,，;；、]{2,30})”", text):  # a list in quotes is no name
        inner = m.group(1)
        for suffix in lex.tail_suffixes(inner):  # the others do not end it
            if (
                suffix.kind in _WATERS
                or suffix.text in _PLAIN_ENDINGS
                or (suffix.text == "园区" and not city_park(inner))
            ):
                # a quoted name ending in 河 or 路 is a slogan (“建设一个美丽X河”,
                # “一带一路”), no river or street
                continue
            if inner.endswith(suffix.text) and len(inner) > len(suffix.text):
                if suffix.text in ("局", "部") and generic_name(inner, suffix.text, lex):
                    break  # “空间破局”, “良好开局”: a phrase, no bureau
                # a quoted 工程 is a policy programme, not construction
                kind = Kind.PROGRAMME if suffix.text == "工程" else suffix.kind
                yield Candidate(m.start(1), m.end(1), kind, "quoted")
                break
    yield from _quoted_programmes(text)


_WATERS = frozenset({Kind.RIVER, Kind.RESERVOIR})
_DONE_TO_WORKS = ("建设", "施工")
# what follows a river's name in words the segmenter joins to its last character
# (韩江|流经, 韩江|水, 锦江|畔): the river's name ends there all the same
_ON_WATER = frozenset("流水畔边岸段")
# verbs that carry out a programme (推进“一镇一业”, 开展“双招双引”)
_CARRY_OUT = ("推进", "实施", "开展", "落实", "推行", "深化", "深入实施", "全面推进")
_SLOGAN = re.compile(r"“([^“”、。,，;；!！?？]{2,10})”(?=[,，。;；、]|$)")
_PLAN = re.compile(r"“[^“”、。,，;；]{2,10}”(?:规划|纲要)")


def _quoted_programmes(text: str) -> Iterator[Candidate]:
    """A quoted slogan a verb carries out (推进“一镇一业”，…) and a quoted plan
    (“十四五”规划, even before more words: 规划中期目标) are programmes."""
    for m in _SLOGAN.finditer(text):
        if text.endswith(_CARRY_OUT, 0, m.start()):
            yield Candidate(m.start(1), m.end(1), Kind.PROGRAMME, "quoted")
    for m in _PLAN.finditer(text):
        yield Candidate(m.start(), m.end(), Kind.PROGRAMME, "quoted")


def road_candidates(text: str, places: list[tuple[int, int]] | set = ()) -> Iterator[Candidate]:
    """Road codes (G325, S270线, 国道G240线 with its grade), sections (A至B段), works on
    them, and routes."""
    for m in _ROAD.finditer(text):
        code_end = m.end("xian") if m.group("xian") else m.end("code")
        yield Candidate(m.start(), code_end, Kind.ROAD, "road-code", canonical=m.group("code"))
        if m.group("sec"):
            yield Candidate(m.start(), m.end("sec"), Kind.ROAD, "road-section")
        if m.group("works"):
            yield Candidate(m.start(), m.end("works"), Kind.PROJECT, "road-works")
    yield from _route_candidates(text, places)


# 高速 names an expressway only before what may follow a road's name (河惠莞高速建设,
# 汕湛高速、…), not in 高速发展 or 高速增长
_EXPRESSWAY = (
    r"高速(?:公路)?(?=$|[^\u4e00-\u9fff]|建设|通车|全线|项目|工程|沿线|连接线|互通|出入口"
    r"|服务区|段|的|和|与|及|等|已|将|于|在|是|为|直达|贯通|[两三四五六七八九十][大条个])"
)
_ROAD_TAIL = re.compile(
    r"(?:(?!的)[\u4e00-\u9fff]){0,4}?(?:公路|快速路|快速通道|大道|通道|干线|" + _EXPRESSWAY + ")"
)
_NAMED_ROAD_AFTER_DE = re.compile(
    r"的(?:(?!的)[\u4e00-\u9fff]){1,4}?(?:公路|快速路|快速通道|大道|通道|干线)"
)


def _after_boundary(left: str) -> str:
    """The end of ``left`` after its last boundary word (开平市推进|赤坎)."""
    lex = load_lexicon()
    cut = max(
        (left.rfind(b) + len(b) for b in lex.boundaries if len(b) > 1 and b in left), default=0
    )
    return left[cut:]


def _route_candidates(text: str, places: list[tuple[int, int]] | set = ()) -> Iterator[Candidate]:
    """'A至B' / 'A—B' items in a clause about roads (正在推动G325、高明—沙坪全线提升改造)."""
    for clause in re.finditer(r"[^。；;!?]+", text):
        body = clause.group()
        if not any(w in body for w in _ROAD_WORDS + _ROAD_KINDS):
            continue
        for item in re.finditer(r"[^、,，]+", body):
            seg = item.group()
            m = _ROUTE.fullmatch(seg) or _ROUTE.match(seg)
            a = _after_boundary(m.group("a")) if m else ""
            if not m:
                # 惠城区加快建设马安至水口快速路: the near end starts where the walk
                # back from 至 stops
                m = _ROUTE.search(seg)
                if m:
                    at = clause.start() + item.start() + m.end("a")
                    a = text[name_start(text, at - 8, at, load_lexicon()) : at]
            if not m or m.group("sep") == "至" and "段" in seg:
                continue
            b = m.group("b")
            for word in _ROAD_WORDS + _ROAD_KINDS + ("的",):
                b = b.split(word)[0]
            if len(a) < 2 or len(b) < 2:
                continue
            s = clause.start() + item.start() + m.end("a") - len(a)
            end = clause.start() + item.start() + m.start("b") + len(b)
            tail = _ROAD_TAIL.match(text, end)  # 赤坎至百合|旅游公路
            b_start = clause.start() + item.start() + m.start("b")
            place_ends = {e for _, e in places}
            place_at_b = [e for st, e in places if st == b_start]
            if not tail:
                # 市区至各镇半小时通达 is no road: an end must be a place, and a far
                # end that is not one stays short (高明杨梅—沙坪)
                if s + len(a) not in place_ends and not place_at_b:
                    continue
                if place_at_b:
                    end = max(place_at_b)
                elif len(b) > 4:
                    continue
                if _NAMED_ROAD_AFTER_DE.match(text, end):
                    continue  # 车岗镇至水台镇的农村公路…: the road is named after 的
            yield Candidate(s, tail.end() if tail else end, Kind.ROAD, "route")


_ABBREVIATED = re.compile(r"[\u4e00-\u9fff]{2,4}(?=" + _EXPRESSWAY + ")")


def expressway_candidates(text: str) -> Iterator[Candidate]:
    """Expressways named by the abbreviations of the places they join (河惠莞高速,
    汕湛高速公路): two to four characters, each one of a province's or prefecture's
    short name (or of a Guangdong county's), starting a word."""
    chars = _abbreviation_chars()
    bounds = word_boundaries(text)
    for m in re.finditer(_EXPRESSWAY, text):
        start = m.start()
        for size in (4, 3, 2):
            s = start - size
            if (
                s >= 0
                and s in bounds
                and text[s] not in FUNCTION_CHARS
                and all(ch in chars for ch in text[s:start])
            ):
                yield Candidate(s, m.end(), Kind.ROAD, "expressway")
                yield from _listed_before(text, s, chars)
                break


def _listed_before(text: str, start: int, chars: frozenset[str]) -> Iterator[Candidate]:
    """Expressways listed before one that names its 高速 once (A、B高速: A is an
    expressway too, named by its abbreviation alone), each opening a word."""
    while start > 0 and text[start - 1] == "、":
        end = start - 1
        start = next(
            (
                end - size
                for size in (2, 3, 4)
                if end - size >= 0
                and all(ch in chars for ch in text[end - size : end])
                and (end - size == 0 or _opens_item(text[end - size - 1]))
            ),
            -1,
        )
        if start < 0:
            return
        yield Candidate(start, end, Kind.ROAD, "expressway")


def _opens_item(before: str) -> bool:
    """What may stand before a listed item: no Han character but a conjunction."""
    return not "\u4e00" <= before <= "\u9fff" or before in "和与及、"


@cache
def _abbreviation_chars() -> frozenset[str]:
    """Characters expressway names are made of: those of the short names of provinces
    and prefectures, of Guangdong's counties, and the one-character province names."""
    gaz = load_gazetteer()
    chars = {row[0] for row in lexicon_rows("province_abbreviations.txt")}
    for d in gaz.divisions.values():
        if d.level in (Kind.PROVINCE, Kind.PREFECTURE) or (
            d.level == Kind.COUNTY and d.code[:2] == "44"
        ):
            for short in d.short:
                chars.update(short)
    return frozenset(chars)


_HELD_EVENT = re.compile(
    r"(?:召开|举行|举办)了?(?P<name>\d{4}年[^，。；,;！？!?、\n]{2,40}?"
    r"(?:会议?|论坛|仪式|典礼|活动))(?=[，。；,;！？!?、\n]|$)"
)


def held_event_candidates(text: str) -> Iterator[Candidate]:
    """An event held (召开/举行/举办) whose name opens with its year runs to the event
    word before the clause ends, whatever kind of 会 it is and with the parts joined by
    暨 (2023年上半年经济形势分析会暨“百千万工程”镇域比武点评会)."""
    for m in _HELD_EVENT.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), Kind.EVENT, "held-event")


def lexicon_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """Known regions and government organs, by name."""
    for table, kind in ((lex.regions, Kind.REGION), (lex.organs, Kind.GOVERNMENT_BODY)):
        for surface, canonical in table.items():
            pos = text.find(surface)
            while pos >= 0:
                end = pos + len(surface)
                if not _word_continues(text, end - 1, end):  # 商务部|门 is not 商务部
                    yield Candidate(pos, end, kind, "lexicon", canonical=canonical)
                pos = text.find(surface, pos + 1)


_BRAND_LEFT = ("项目", "企业", "龙头")


def company_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """Brand + industry short names (X玻璃) and companies going public (推动X上市)."""
    for word in lex.industries:
        pos = text.find(word)
        while pos >= 0:
            for size in (2, 3, 4):
                start = pos - size
                brand = text[start:pos] if start >= 0 else ""
                if (
                    _is_brand(text, start, brand, lex)
                    and _name_ends(text, pos + len(word), lex)
                    and not _in_industry_list(text, start, pos + len(word))
                ):
                    yield Candidate(start, pos + len(word), Kind.COMPANY, "brand")
                    break
            pos = text.find(word, pos + 1)
    for m in re.finditer("上市", text):
        start = name_start(text, clause_floor(text, m.start()), m.start(), lex)
        start = after_counter(text, start)
        if 2 <= m.start() - start <= 12 and _lists_a_company(text, start, m.start(), lex):
            yield Candidate(start, m.start(), Kind.COMPANY, "listing")
            yield Candidate(start, m.end(), Kind.EVENT, "listing")


# a list after these verbs, or before 等…产业, lists industries (涵盖海工装备、冷链物流)
_LIST_HEADS = ("涵盖", "包括", "包含", "聚焦", "围绕", "培育", "发展", "布局", "壮大", "形成")
_INDUSTRY_LIST_END = re.compile(
    r"(?:、[^、，,。；;：:]{2,8})*(?:等|的)?[^、，,。；;：:]{0,4}?(?:产业|行业|领域|业态|板块|赛道)"
)


def _in_industry_list(text: str, start: int, end: int) -> bool:
    """X and Y in a list of industries (涵盖海工装备、冷链物流的产业体系) are no companies."""
    listed = text.startswith("、", end) or text[start - 1 : start] == "、"
    if not listed:
        return False
    floor = max(clause_floor(text, start), last_mark_before(text, "，,：:", start) + 1)
    left = text[floor:end]
    if any(h in left for h in _LIST_HEADS) and not any(
        text.startswith(v, end) for v in ("有限公司", "公司", "集团")
    ):
        return True
    return _INDUSTRY_LIST_END.match(text, end) is not None


_BOARDS = ("板", "股")  # 主板, 科创板, 新三板, A股: where, not who, goes public


def _lists_a_company(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """X上市 names a company going public unless X is a generic word (企业上市), a
    market (科创板上市, 在…证券交易所上市) or an act (申报上市)."""
    _, tags = tokenizer()
    name = text[start:end]
    return (
        name not in lex.not_names
        and not name.endswith(_BOARDS)
        and not text.endswith("在", 0, start)
        and not any(name.endswith(s.text) for s in lex.suffixes if s.kind != Kind.COMPANY)
        and tags.get(name) not in ("v", "vn", "nz")
    )


def _name_ends(text: str, end: int, lex: Lexicon) -> bool:
    """Nothing name-like follows ``end`` (punctuation, a boundary word, the end)."""
    if end >= len(text) or text[end] in PUNCT:
        return True
    return any(text[end : end + size] in lex.boundaries for size in lex.boundary_sizes)


def _is_brand(text: str, start: int, brand: str, lex: Lexicon) -> bool:
    if len(brand) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in brand):
        return False
    # brand ends with a modifier: one of its tails is one (set look-ups, not a scan)
    if brand[0] in "省市县区镇乡村" or any(
        brand[i:] in lex.modifiers for i in range(len(brand) + 1)
    ):
        return False
    # 纺织服装 and 高性能膜材料 are trades, not brands: no brand is an industry word or
    # opens with a modifier of three characters (两 characters may be a brand: 现代)
    if brand in lex.industry_set or any(
        brand[:k] in lex.modifiers for k in range(3, len(brand) + 1)
    ):
        return False
    # a boundary word of 2+ characters inside the brand, or one of one character
    # opening or closing it
    short = lex.short_boundaries
    if brand[0] in short or brand[-1] in short or "" in short:
        return False
    if any(
        brand[i:j] in lex.boundaries
        for i in range(len(brand) - 1)
        for j in range(i + 2, len(brand) + 1)
    ):
        return False
    before = text[max(0, start - 2) : start]
    left_ok = (
        start == 0
        or text[start - 1] in PUNCT
        or text[start - 1] in "和与及"
        or any(before.endswith(w) for w in _BRAND_LEFT)
        or any(
            text[start - size : start] in lex.boundaries
            for size in lex.boundary_sizes
            if size <= start
        )
    )
    return left_ok


_SOURCE_RANK = {
    "road-works": 0,
    "road-section": 0,
    "road-code": 0,
    "lexicon": 1,
    "title": 1,
    "quoted": 2,
}


def choose(cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Split candidates into top-level spans (longest, non-crossing) and nested ones.

    One span keeps one candidate (specific recognisers first); a nested candidate
    of the same class ending where its container ends is a truncation, not a name.
    """
    by_span: dict[tuple[int, int], Candidate] = {}
    for c in sorted(cands, key=lambda c: (_SOURCE_RANK.get(c.source, 9), c.kind)):
        by_span.setdefault((c.start, c.end), c)
    order = sorted(by_span.values(), key=lambda c: (-(c.end - c.start), c.start, c.kind))
    top: list[Candidate] = []
    nested: list[Candidate] = []
    # top spans never overlap, so sorted by start their ends rise too: the ones a
    # candidate overlaps are a run found by bisection
    starts: list[int] = []
    ends: list[int] = []
    top_ends: set[tuple[int, str]] = set()
    for c in order:
        lo, hi = bisect.bisect_right(ends, c.start), bisect.bisect_left(starts, c.end)
        overlapping = range(lo, hi)
        if any(not (starts[i] <= c.start and c.end <= ends[i]) for i in overlapping):
            continue  # crossing a top span
        inside = len(overlapping) > 0
        if inside and (c.end, c.kind) in top_ends:
            continue
        if inside:
            nested.append(c)
            continue
        top.append(c)
        at = bisect.bisect_left(starts, c.start)
        starts.insert(at, c.start)
        ends.insert(at, c.end)
        top_ends.add((c.end, c.kind))
    return sorted(top, key=lambda c: c.start), sorted(nested, key=lambda c: c.start)


def book_title_candidates(text: str) -> Iterator[Candidate]:
    """《…》 names a document: a policy, plan or measure (a programme); papers (…报) aside."""
    for m in re.finditer(r"《([^《》\n]{2,40})》", text):
        if not m.group(1).endswith(("报", "刊", "志")):
            yield Candidate(m.start(1), m.end(1), Kind.PROGRAMME, "book-title")


# what the second half of a ·-joined place name ends with (X谷·Y产业社区, X广场·Y促进中心)
_DOT_ENDS = (
    "社区",
    "中心",
    "基地",
    "小镇",
    "园区",
    "产业园",
    "科技园",
    "科学城",
    "新城",
    "港",
    "谷",
)
_DOT_HALF = re.compile(r"[\u4e00-\u9fff]{4,20}")


def dot_joined_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """A park or space named by two halves joined by · (明湖X谷·大湾区Y产业社区): the
    first half as far as a name goes back from the dot, the second up to the next
    break, ending in a park's or centre's word; not inside quotes (a quoted slogan
    “X新城·扬帆Y” is a theme)."""
    depth, seen = 0, 0  # quotes open before the dot, counted once over the text
    for m in re.finditer("·", text):
        dot = m.start()
        depth += text.count("“", seen, dot) - text.count("”", seen, dot)
        seen = dot
        if depth > 0:
            continue
        half = _DOT_HALF.match(text, dot + 1)
        if not half:
            continue
        second = half[0]
        cut = min((i for i in (second.find("和"), second.find("及")) if i > 0), default=-1)
        second = second[:cut] if cut > 0 else second
        if len(second) < 4 or not second.endswith(_DOT_ENDS):
            continue
        start = name_start(text, clause_floor(text, dot), dot, lex)
        if 2 <= dot - start <= 8:
            yield Candidate(start, dot + 1 + len(second), Kind.PARK, "dot-joined")


def find_candidates(text: str, places: list[tuple[int, int]] | set = ()) -> list[Candidate]:
    """All non-division candidates in ``text``; ``places`` are division spans."""
    lex = load_lexicon()
    place_ends = {e for _, e in places}
    joins = frozenset(e for e in place_ends if text.startswith(("—", "－"), e))
    out: list[Candidate] = []
    anchors = sorted(s for s, _ in places)
    out.extend(suffix_candidates(text, lex, joins, anchors, list(places)))
    out.extend(zone_candidates(text, out))
    out.extend(zone_word_candidates(text, out))
    out.extend(port_candidates(text, out))
    out.extend(station_candidates(text, lex))
    out.extend(book_title_candidates(text))
    out.extend(person_candidates(text, lex))
    out.extend(quoted_candidates(text, lex))
    out.extend(road_candidates(text, places))
    out.extend(expressway_candidates(text))
    out.extend(held_event_candidates(text))
    out.extend(dot_joined_candidates(text, lex))
    organs = [c for c in lexicon_candidates(text, lex)]
    out = _without_organ_prefixes(out, organs, places)
    out.extend(organs)
    out.extend(company_candidates(text, lex))
    out.extend(village_candidates(text, lex, place_ends))
    out.extend(brand_works_candidates(text, out))
    out.extend(company_titled_candidates(text, out, lex))
    out.extend(factory_candidates(text, out))
    out.extend(phase_candidates(text, lex))
    out.extend(namely_candidates(text, out))
    out.extend(listed_works_candidates(text, out))
    out.extend(site_candidates(text, list(places)))
    out.extend(listed_event_candidates(text, lex))
    out.extend(held_de_candidates(text))
    out.extend(extended_event_candidates(text, out))
    out.extend(route_end_candidates(out, text, list(places), lex))
    out.extend(listed_sight_candidates(text, out, list(places), lex))
    out.extend(listed_member_candidates(text, out, list(places), lex))
    out.extend(road_phase_candidates(text, out))
    out.extend(named_section_candidates(text, out, list(places)))
    chars = _abbreviation_chars()
    out.extend(programme_candidates(text, chars.__contains__))
    return _without_swallowed(
        without_company_seats([c for c in out if c.end > c.start], text),
        list(title_candidates(text, lex)),
        list(session_candidates(text, list(places))),
    )


def _without_organ_prefixes(
    cands: list[Candidate], organs: list[Candidate], places
) -> list[Candidate]:
    """An organ known by name ends a suffix name that holds it after words that are no
    place (经|国家统计局 is the bureau, not a body named 经国家统计局)."""
    ends = {o.end: o.start for o in organs}
    starts = {s for s, _ in places}
    out = []
    for c in cands:
        head = ends.get(c.end)
        if (
            c.kind == Kind.GOVERNMENT_BODY
            and head is not None
            and head > c.start
            and not any(c.start <= s < head for s in starts)
        ):
            continue
        out.append(c)
    return out


def _without_swallowed(
    cands: list[Candidate], titles: list[Candidate], sessions: list[Candidate]
) -> list[Candidate]:
    """Titles and sessions, without the names they swallow: 省级特色产业集群 opening
    省级特色产业集群培育名单 is the title's head, not a park of its own, nor is 文明村
    ending 全国文明村 a village; 人民代表大会 in X市第十五届人民代表大会第三次会议 is not
    another event."""

    by_title, by_session = SpanIndex(titles), SpanIndex(sessions)

    def swallowed(c: Candidate) -> bool:
        head = any(
            (c.start == t.start or c.end == t.end) and (c.start, c.end) != (t.start, t.end)
            for t in by_title.covering(c.start, c.end)
        )
        inside = bool(by_session.covering(c.start, c.end))
        return (head and c.kind != Kind.PROGRAMME) or inside

    return [c for c in cands if not swallowed(c)] + titles + sessions
