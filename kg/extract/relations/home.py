"""The article's own place: where what it names without a place of its own lies.

An article about one town or county (``subjects.own_place``: the town named most,
else the county-level division named most) lists companies, parks and works "in"
it over many sentences (X镇落户了A公司…；B产业园、C项目相继建成…) without saying
so each time. After every other rule has run, a company, park or works that no
relation places anywhere (no locatedIn or partOf of its own, no place hosting it)
lies in the own place, when

- it is named on its own somewhere (not only inside a longer name, which places it);
- no sentence naming it names another division, unless that division lies within
  the own place (its towns and villages; the thing may lie in one of them, which lies
  in the own place too): a sentence that also names another county, or the province
  above, may be about something of theirs (广东省十大战略性产业集群; 深圳的X公司投资…);
- its name does not open with a division other than the own place and those above
  it (深圳X集团 is Shenzhen's, not the county's that it invests in; a town's short
  name opening a brand, 石角冷链, is no place).

A division inside a longer name (广州X物流枢纽) or written right before the
own place or one within it (汕头市澄海区) names no other place. A park placed only in a
town of the own place (回龙园 in 回龙镇, named after it) lies in the own place too.
"""

from __future__ import annotations

import re

from kg.extract.figures.subjects import own_place
from kg.extract.kinds import SITES, Kind
from kg.extract.names.gazetteer import load_gazetteer
from kg.extract.text.clauses import top_level
from kg.extract.text.spans import covering, in_sentence
from kg.records import DIVISION_KINDS, Entity, Extraction, Mention, Relation

PLACED = ("locatedIn", "partOf")
HOSTS = ("hosts",)
# sites and natural features too (a reservoir, a nature reserve, an estate of a town's
# article), not rivers: they run through places (a creek, X涌, lies in one)
NATURAL = frozenset({Kind.NATURAL_FEATURE, Kind.RESERVOIR, Kind.LAKE, Kind.MOUNTAIN})
_CREEKS = ("涌",)
# a new town or new district is the own place's too (a region such as 珠三角 is not)
_NEW_TOWNS = ("新城", "新区")
HOMED = frozenset({Kind.COMPANY, Kind.PARK, Kind.PROJECT}) | SITES | NATURAL
# areas a city or county is cut into for planning or statistics (X统筹区, Y片区): its own
_SUB_AREAS = ("统筹区", "片区")
_WIDE = (Kind.PROVINCE, Kind.PREFECTURE)
_LOCAL = (Kind.TOWN, Kind.SUBDISTRICT, Kind.VILLAGE)
# a phase (一期项目) is part of works named elsewhere; a belt or corridor crosses places
_PHASES = ("一期", "二期", "三期", "四期", "首期", "本期")
_LINEAR = ("带", "廊", "走廊", "廊道")
# 省交通集团, 国家电投: a province's or the state's, wherever its works are
_HIGHER = ("省", "市", "国家", "中国", "中央", "全国")
# a pilot is what a place is chosen for (selectedFor), not what it carries out
_PILOTS = ("试点", "示范区", "试验区")
# documents of record: published, not carried out
_RECORDS = ("报告", "名单", "目录", "榜单", "白皮书", "公报", "年鉴")


def home_relations(ex: Extraction, found: list[Relation], home: str | None) -> list[Relation]:
    """``X locatedIn home`` for each company, park or works ``found`` places nowhere."""
    by_key = {e.key: e for e in ex.entities}
    own = by_key.get(home) if home else None
    if own is None or own.kind not in DIVISION_KINDS:
        return []
    below = _within(ex, by_key, own)
    above = _above(by_key, own)
    # placed in a division above the own place (广东X有限公司 in 广东省) says less than it
    wider = {e.key for e in ex.entities if e.code in above}
    # a park in a town of the own place (回龙园, named after 回龙镇) lies in the own place
    # too: a county's article lists its parks by their towns' names
    towns = {k for k in below if k != own.key and by_key[k].kind in _LOCAL}
    parks = {e.key for e in ex.entities if e.kind == Kind.PARK}
    placed = {
        r.subject
        for r in found
        if r.predicate in PLACED
        and r.object not in wider
        and not (r.subject in parks and r.object in towns)
    }
    placed |= {r.object for r in found if r.predicate in HOSTS and r.subject not in wider}
    # a road or creek named as a park's side is a landmark, not something of the place's
    placed |= {r.object for r in found if r.predicate == "boundedBy"}
    # a company's works carry its place; works named after a park are the park's
    placed |= {r.subject for r in found if r.predicate == "investsIn"}
    placed |= {
        r.subject
        for r in found
        if r.predicate == "about" and by_key.get(r.object, own).kind == Kind.PARK
    }
    named = {e.code for e in ex.entities if e.code and e.from_text}
    inner = {by_key[k].code for k in below if by_key[k].code}
    topics: dict[int, str] | None = None  # found when first asked for
    out = []
    for e in ex.entities:
        homed = (
            e.kind in HOMED
            or (e.kind == Kind.RIVER and e.name.endswith(_CREEKS))
            or (e.kind == Kind.REGION and e.name.endswith(_SUB_AREAS + _NEW_TOWNS))
        )
        if not homed or e.key in placed or not e.from_text:
            continue
        if e.name.startswith(_PHASES + _HIGHER) or e.name.endswith(_LINEAR):
            continue
        own_ms = [ex.mentions[i] for i in e.mentions]
        alone = [
            m
            for m in own_ms
            if (not _nested(ex, m) or _opens_works(ex, e, m)) and not _aimed_at(ex.article.text, m)
        ]
        if not alone:
            continue
        sentences = {m.sentence for m in own_ms}
        if topics is None:
            topics = _paragraph_topics(ex)
        on = {topics.get(ex.article.sentences[m.sentence].paragraph) for m in alone}
        topic = on.pop() if len(on) == 1 else None
        if _names_elsewhere(ex, sentences, below) or (
            topic in (None, e.key) and any(_park_topic(ex, i, e.key) for i in sentences)
        ):
            continue
        if _opens_with_other_place(e, above | inner, named):
            continue
        if topic is not None and topic != e.key:
            out.append(Relation(e.key, "locatedIn", topic, alone[0].sentence, "paragraph topic"))
        else:
            out.append(Relation(e.key, "locatedIn", own.key, alone[0].sentence, "own place"))
    return out + _programmes(ex, found, own, below)


# a heading line: one short sentence without a full stop (一是X增效成型, （二）X提质扩容)
_HEADING = 24


def _paragraph_topics(ex: Extraction) -> dict[int, str]:
    """Paragraph → the park or area it is on: the one its first sentence opens with (X片区
    建设提速。…), else the one the heading line right before it names alone."""
    firsts: dict[int, list] = {}
    for s in ex.article.sentences:
        firsts.setdefault(s.paragraph, []).append(s)
    opening = {sentences[0].index for sentences in firsts.values()}
    tops: dict[int, list[Mention]] = {}
    for m in top_level(ex.mentions):
        if m.sentence in opening:
            tops.setdefault(m.sentence, []).append(m)
    out, heading = {}, {}
    for p, sentences in firsts.items():
        s = sentences[0]
        ms = tops.get(s.index, [])
        lead = s.start + len(s.text) - len(s.text.lstrip())
        areas = [m for m in ms if _is_area(m)]
        if ms and ms[0].start == lead and _is_area(ms[0]):
            out[p] = ms[0].entity
        elif p - 1 in heading:
            out[p] = heading[p - 1]
        body = s.text.strip()
        one_line = len(sentences) == 1 and len(body) <= _HEADING and not body.endswith("。")
        if one_line and len({m.entity for m in areas}) == 1:
            heading[p] = areas[0].entity
    return out


def _is_area(m: Mention) -> bool:
    """A park, or an area a place is cut into (X片区, a region or a site by its kind)."""
    return m.kind == Kind.PARK or (
        (m.kind == Kind.REGION or m.kind in SITES) and m.text.endswith(_SUB_AREAS)
    )


def _names_elsewhere(ex: Extraction, sentences: set[int], below: set[str]) -> bool:
    """Whether one of ``sentences`` names a division outside the own place (not in
    ``below``) on its own."""
    return any(
        m.kind in DIVISION_KINDS and m.entity and m.entity not in below and _speaks_of(ex, m, below)
        for i in sentences
        for m in in_sentence(ex.mentions, i)
    )


def _programmes(
    ex: Extraction, found: list[Relation], own: Entity, below: set[str]
) -> list[Relation]:
    """``home implements P`` for each programme no relation links to anything, named in
    sentences naming no division outside the own place (围绕“X”, 加快构建“Y”体系, 以“Z”双轮驱动:
    whatever the verb, the article's place carries out the programmes it names); not a
    document of record (…报告, …名单, …目录), which is published, not carried out."""
    linked = {r.object for r in found} | {r.subject for r in found}
    out = []
    for e in ex.entities:
        if e.kind != Kind.PROGRAMME or e.key in linked or not e.from_text:
            continue
        if any(w in e.name for w in _RECORDS):
            continue
        own_ms = [ex.mentions[i] for i in e.mentions]
        alone = [m for m in own_ms if not _nested(ex, m)]
        if not alone:
            continue
        if _names_elsewhere(ex, {m.sentence for m in own_ms}, below):
            continue
        # a pilot (…改革试点) is what the place was chosen for
        pred = "selectedFor" if e.name.endswith(_PILOTS) else "implements"
        out.append(Relation(own.key, pred, e.key, alone[0].sentence, "own programme"))
    return out


# 争创省经济开发区: a title aimed at, not a thing that lies anywhere
_AIMS = ("争创", "创建", "申报", "申创", "争取", "力争")


def _aimed_at(text: str, m: Mention) -> bool:
    return text[max(0, m.start - 2) : m.start] in _AIMS


def home_place(ex: Extraction) -> str | None:
    """The own place of the figures (``subjects.own_place``), except that a town only
    dominating through names that hold it (回龙园, 回龙园区 of a county's article) is not
    the article's: then the own place the article names outside other names, else the main place."""
    own = own_place(ex)
    kinds = {e.key: e.kind for e in ex.entities}
    if kinds.get(own) not in _LOCAL:
        return own
    free = tuple(m for m in ex.mentions if m.kind not in DIVISION_KINDS or not _nested(ex, m))
    return own_place(ex.evolve(mentions=free))


def _park_topic(ex: Extraction, sentence: int, key: str) -> bool:
    """True when the sentence opens with a park other than ``key`` (马头园充分利用X发电厂的
    蒸汽: what it names is the park's business, not the own place's); a park whose name
    opens with ``key``'s (X园园中园 for X园) is no other park."""
    s = ex.article.sentences[sentence]
    ms = top_level(in_sentence(ex.mentions, sentence))
    lead = len(s.text) - len(s.text.lstrip())
    first = ms[0] if ms else None
    return (
        first is not None
        and first.start == s.start + lead
        and first.kind == Kind.PARK
        and first.entity != key
        and not any(
            m.entity == key and m.start == first.start for m in in_sentence(ex.mentions, sentence)
        )
    )


def _speaks_of(ex: Extraction, m: Mention, below: set[str]) -> bool:
    """False for a division only part of a longer name (广州商贸物流枢纽) or written
    before the own place or one within it (汕头市澄海区: a chain naming one place)."""
    if _nested(ex, m) or _brand_item(ex, m):
        return False
    return not any(
        n.start == m.end and n.kind in DIVISION_KINDS and n.entity in below
        for n in in_sentence(ex.mentions, m.sentence)
    )


# a list item a place's short name opens, no other name in it (…、X电缆、): a brand
_BRAND_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}(?:、|等|$)")


def _brand_item(ex: Extraction, m: Mention) -> bool:
    """A division's short name opening a list item that goes on with plain words up to
    the next 、 or 等 (…，台山腊味、…): the item is a company named after the place."""
    text = ex.article.text
    if m.source != "gazetteer" or text[m.start - 1 : m.start] not in ("、", ",", "，"):
        return False
    item = _BRAND_ITEM.match(text, m.end)
    if item is None:
        return False
    if any(m.end <= n.start < item.end() for n in in_sentence(ex.mentions, m.sentence)):
        return False  # 番禺石楼镇、: a chain of places
    full = {e.name for e in ex.entities if e.key == m.entity}
    return m.text not in full


def _opens_works(ex: Extraction, e: Entity, m: Mention) -> bool:
    """A park or new town opening the name of works (X新城Y片区供水项目) is a thing of its
    own that the works lie in, as if named alone."""
    return e.kind in (Kind.PARK, Kind.REGION) and any(
        o.kind == Kind.PROJECT and o.start == m.start and o.end > m.end
        for o in covering(ex.mentions, m.start, m.end)
    )


def _nested(ex: Extraction, m: Mention) -> bool:
    """True when ``m`` lies inside a longer name (a place's name places nothing)."""
    return any(
        o.end - o.start > m.end - m.start and o.kind not in DIVISION_KINDS
        for o in covering(ex.mentions, m.start, m.end)
    )


def _within(ex: Extraction, by_key: dict[str, Entity], own: Entity) -> set[str]:
    """Keys of the own place and the divisions of the article lying within it."""
    gaz = load_gazetteer()
    out = {own.key}
    for e in ex.entities:
        if e.kind in DIVISION_KINDS and e.code and own.code and gaz.is_within(e.code, own.code):
            out.add(e.key)
    return out


def _above(by_key: dict[str, Entity], own: Entity) -> set[str]:
    """Codes of the divisions above the own place."""
    if not own.code:
        return set()
    return {d.code for d in load_gazetteer().chain(own.code)[1:]}


def _opens_with_other_place(e: Entity, ours: set[str], named: set[str]) -> bool:
    """True when ``e``'s name opens with a division none of whose readings is ours; a
    short name counts only for a province or prefecture (深圳X集团) or a division the
    article names (华岭冷链, 广德园: brands, not 华岭镇 or 广德市)."""
    gaz = load_gazetteer()
    for start, _, surface in gaz.scan(e.name):
        if start != 0:
            return False
        readings = [
            m.division
            for m in gaz.names.get(surface, ())
            if not m.by_short or m.division.level in _WIDE or m.division.code in named
        ]
        return bool(readings) and not any(d.code in ours for d in readings)
    return False
