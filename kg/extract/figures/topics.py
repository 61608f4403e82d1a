"""What a sentence or a noun standing for a name is about: the name a sentence opens
with (its topic) and what 园区, 公司, 该项目, 路线 … stand for (their antecedent).
``kg.extract.figures.subjects`` and the relation rules read them."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from kg.extract.kinds import PLACES, Kind
from kg.extract.text.clauses import inside
from kg.extract.text.spans import covering, starting
from kg.records import DIVISION_KINDS, Extraction, Mention, Quantity

__all__ = [
    "ANAPHORS",
    "LEAD",
    "SUBJECT_KINDS",
    "WORKS",
    "anaphor_at",
    "antecedent",
    "frames_only",
    "paragraph_of",
    "sentence_topic",
    "top_level_at",
]

SUBJECT_KINDS = PLACES | {Kind.PARK, Kind.COMPANY, Kind.PROJECT, Kind.ROAD, Kind.PROGRAMME}


WORKS = (Kind.PROJECT, Kind.PARK, Kind.ROAD)


# 园区企业本地配套率达到45%, 公司2023年实现营业收入…: a noun standing for a name
# said before; the kinds it can stand for.
ANAPHORS = {
    "该园区": (Kind.PARK,),
    "园区": (Kind.PARK,),
    "该公司": (Kind.COMPANY,),
    "该企业": (Kind.COMPANY,),
    "公司": (Kind.COMPANY,),
    "该集团": (Kind.COMPANY,),
    "集团": (Kind.COMPANY,),
    "该项目": WORKS,
    "项目": WORKS,
    "该工程": WORKS,
    "工程": WORKS,
    "产业园": (Kind.PARK,),
    # 路线起于A镇…，全长22公里; 路线经A、B、C三个镇: the road or road works named before
    "路线": (Kind.ROAD, Kind.PROJECT),
    "线路": (Kind.ROAD, Kind.PROJECT),
    "主线": (Kind.ROAD, Kind.PROJECT),
}


_CLAUSE_LEAD = re.compile(
    r"[\s,，、]*(?:其中|目前|同时|此外|另外|当前|现)?[,，]?(?:力争|争取|确保|预计|计划)?"
)


def antecedent(ex: Extraction, sentence: int, lead: int, kinds: tuple[str, ...]) -> str | None:
    """The thing of ``kinds`` a noun at ``lead`` in ``sentence`` stands for (园区, 该项目):
    sentence by sentence back through the paragraph, the sentence's topic or the last
    such name in it; else the topic of one of the ``_TOPIC_REACH`` sentences before the
    paragraph (项目共设桥梁13座 opening a paragraph after the works' one); else the one
    named most often before ``lead`` (at least twice)."""
    said = [m for m in ex.mentions if m.end <= lead and m.kind in kinds and m.entity]
    paragraph = paragraph_of(ex, sentence)
    index = sentence
    for index in range(sentence, -1, -1):  # back through the paragraph, nearest first
        if paragraph_of(ex, index) != paragraph:
            break
        topic = _topic_of(ex, index) if index < sentence else None
        if topic is not None and topic.kind in kinds:
            return topic.entity
        here = [m for m in said if m.sentence == index]
        if here:
            return top_level_at(ex.mentions, here[-1]).entity
    # 项目共设桥梁13座 opening a paragraph: the works a sentence just before opened with
    for before in range(index, max(-1, index - _TOPIC_REACH), -1):
        topic = _topic_of(ex, before) if before < sentence else None
        if topic is not None and topic.kind in kinds:
            return topic.entity
    if not said:
        return None
    counts = Counter(m.entity for m in said)
    latest = {m.entity: i for i, m in enumerate(said)}
    best = max(counts, key=lambda e: (counts[e], latest[e]))
    return best if counts[best] > 1 else None  # named once, far back: too weak a link


_TOPIC_REACH = 4  # sentences before the paragraph an anaphor may reach back


def _topic_of(ex: Extraction, index: int) -> Mention | None:
    """The topic of sentence ``index`` (the name it opens with), as ``sentence_topic``."""
    end = ex.article.sentences[index].end
    return sentence_topic(ex, Quantity("", end, end, index, Decimal(0), ""))


def anaphor_at(text: str, pos: int) -> tuple[str | None, int]:
    """The anaphor (园区, 公司 …) a clause starting at ``pos`` opens with, and where."""
    lead = _CLAUSE_LEAD.match(text, pos).end()
    return next((w for w in ANAPHORS if text.startswith(w, lead)), None), lead


def paragraph_of(ex: Extraction, sentence: int) -> int | None:
    sentences = ex.article.sentences
    return sentences[sentence].paragraph if 0 <= sentence < len(sentences) else None


LEAD = re.compile(r"[\s0-9年月日今去明上下半全一二三四季度前后以来截至止,，、]*")


def sentence_topic(ex: Extraction, q: Quantity) -> Mention | None:
    """The name a sentence opens with (二期项目总投资…, 规划用地…): its figures are about it.

    A short opening clause without a name (其中，配套方面，为破解用地瓶颈，) is passed
    over; a place opening ``X的Y`` leaves the topic to Y (城区至东华镇的东延线全长…); an
    organ or organisation is the topic when it acts (农业农村局联合…推广…，带动…; 人民医院
    新院区投入使用，新增床位…), not when it speaks (发展和改革局负责人表示…).
    """
    sentence = (
        ex.article.sentences[q.sentence] if 0 <= q.sentence < len(ex.article.sentences) else None
    )
    if sentence is None:
        return None
    text = ex.article.text
    lead = _past_framing(ex, LEAD.match(text, sentence.start).end(), q.start)
    first = [m for m in starting(ex.mentions, lead, lead) if m.kind in _TOPIC_KINDS]
    # 开平市水口镇是…: the topic is the last of places named one after another
    while first and first[0].kind in DIVISION_KINDS:
        nxt = [
            m for m in starting(ex.mentions, first[0].end, first[0].end) if m.kind in DIVISION_KINDS
        ]
        if not nxt:
            break
        first = nxt
    if not first or first[0].end > q.start:
        return None
    top = top_level_at(ex.mentions, first[0])
    top = _head_after_de(ex, top, q.start) or top
    if top.kind in _ACTORS:
        spoken = text[top.end : q.start]
        return None if any(w in spoken for w in _SPEECH) else top
    if frames_only(text, top):
        return None
    return top if top.kind in SUBJECT_KINDS or top.kind == Kind.EVENT else None


_UNDER_A_PROGRAMME = re.compile(r"[”\"」]?(?:实施以来|启动以来|开展以来|以来|累计)")


def frames_only(text: str, m: Mention) -> bool:
    """A programme followed by 以来 or 累计 (“X工程”实施以来，累计培育…) frames what the
    place did under it; it is not what the figures measure."""
    return m.kind == Kind.PROGRAMME and _UNDER_A_PROGRAMME.match(text, m.end) is not None


_ACTORS = (Kind.GOVERNMENT_BODY, Kind.ORGANIZATION)


_TOPIC_KINDS = SUBJECT_KINDS | set(_ACTORS)


_SPEECH = ("表示", "介绍", "说", "称", "指出", "透露", "强调", "认为", "显示", "获悉", "负责人")


_FRAMING_MAX = 8


_DE_AFTER_PLACE = re.compile(r"(?:(?:至|到|—|-)[^\s,，。;；:：的]{1,8})?的")


def _past_framing(ex: Extraction, lead: int, limit: int) -> int:
    """Where the sentence's subject starts: after a short opening clause that names
    nothing (其中，配套方面，为破解用地瓶颈，)."""
    text = ex.article.text
    window = text[lead : min(limit, lead + _FRAMING_MAX + 1)]
    comma = min((i for i in (window.find("，"), window.find(",")) if i > 0), default=-1)
    if comma < 0 or any(ch.isdigit() for ch in window[:comma]):
        return lead
    if any(lead <= m.start < lead + comma for m in ex.mentions):
        return lead
    return LEAD.match(text, lead + comma + 1).end()


def _head_after_de(ex: Extraction, place: Mention, limit: int) -> Mention | None:
    """The name after 的 when a sentence opens ``X的Y`` or ``A至B的Y``: Y is the head."""
    m = _DE_AFTER_PLACE.match(ex.article.text, place.end)
    if m is None or m.end() >= limit:
        return None
    after = [x for x in starting(ex.mentions, m.end(), m.end()) if x.kind in SUBJECT_KINDS]
    return top_level_at(ex.mentions, after[0]) if after else None


def top_level_at(mentions: tuple[Mention, ...], m: Mention) -> Mention:
    """The outermost mention containing ``m`` (a figure is about 碧道工程, not 碧道)."""
    outer = [x for x in covering(mentions, m.start, m.end) if inside(m, x)]
    return max(outer, key=lambda x: x.end - x.start) if outer else m
