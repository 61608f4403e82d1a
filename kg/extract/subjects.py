"""Whom each figure is about: the subject of every Quantity.

In order, the first that applies:

1. the name a 的 after the figure (or after the last figure of its 、-list) points
   to (47公里的碧道工程), or a name right after the figure (年产5000吨冷链食品项目);
2. the nearest fitting name before it in its clause, skipping examples (X等企业),
   places after 在 (在安铺镇投资…), and scopes of ranks and shares (居江门第二,
   高于佛山市平均水平);
3. for a total (共有22个…), the last thing the sentence named before it;
4. 全镇 / 全县 in the clause: the last town / county named before it;
5. the subject of the previous figure of the same sentence (同比增长…);
6. the project, park or road the sentence opens with (二期项目总投资…);
7. what the sentence builds, signs or opens (投资15亿元建设智能小家电生产基地);
8. whatever else the sentence opens with (a company, a town);
9. the company, project, park or event the paragraph's previous sentence opened with;
10. the article's main place (the county-level division named most often):
   DESIGN.md's rule for figures without a subject (全市…).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kg.records import DIVISION_KINDS, Extraction, Mention, Quantity

PLACES = set(DIVISION_KINDS) | {"Region"}
SUBJECT_KINDS = PLACES | {"Park", "Company", "Project", "Road", "Programme"}
WORKS = ("Project", "Park", "Road")
_BUILD = ("建设", "打造", "扩建", "新建", "建成", "签约", "签下", "实施", "推进", "开工", "动工")
_SCOPE = ("居", "在", "列", "占", "高于", "低于", "较", "比", "超过", "于")


def assign_subjects(ex: Extraction, fallback: str | None) -> tuple[Quantity, ...]:
    """Every figure with its subject set (figures already holding one keep it)."""
    out: list[Quantity] = []
    for q in ex.quantities:
        if not q.subject:
            previous = out[-1] if out and out[-1].sentence == q.sentence else None
            q = replace(q, subject=quantity_subject(ex, q, fallback, previous))
        out.append(q)
    return tuple(out)


def main_place(ex: Extraction) -> str | None:
    """Key of the county-level (else prefecture) division named most often."""
    for levels in (("County",), ("Prefecture",), ("Province",)):
        counts = Counter(m.entity for m in ex.mentions if m.kind in levels and m.entity)
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return None


def quantity_subject(
    ex: Extraction, q: Quantity, fallback: str | None, previous: Quantity | None = None
) -> str | None:
    """The entity a figure is about (see the module docstring)."""
    text = ex.article.text
    target = _de_target(ex, _last_of_list(ex, q)) or _adjacent_target(ex, q)
    if target:
        return target
    start = _clause_start(text, q.start)
    before = [
        m
        for m in ex.mentions
        if start < m.start
        and m.end <= q.start
        and m.kind in SUBJECT_KINDS
        and not _is_scope(text, m)
        # X等企业7家: X (or a name inside X) is an example, not the subject
        and not text.startswith("等", _top_level_at(ex.mentions, m).end)
        and not _counted(ex, m, q)
    ]
    if before:
        nearest = _first_of_coordination(ex, _top_level_at(ex.mentions, before[-1]))
        if nearest.kind == "Company":
            # X公司投资15亿元建设Y: the money is Y's, not the investor's
            return _built_object(ex, q, after_only=True) or nearest.entity
        return nearest.entity
    if text[start + 1 : q.start].lstrip().startswith(_TOTALS):
        # 名单…, 共有22个县入选: a total counts what the sentence just named
        earlier = [
            m
            for m in ex.mentions
            if m.sentence == q.sentence and m.end <= start and m.kind in SUBJECT_KINDS
        ]
        if earlier:
            return _top_level_at(ex.mentions, earlier[-1]).entity
    whole = _whole_of(ex, q, start)
    if whole:
        return whole
    if previous is not None and previous.subject:
        return previous.subject
    topic = _sentence_topic(ex, q)
    if topic is not None and topic.kind in WORKS:
        return topic.entity
    built = _built_object(ex, q)
    if built:
        return built
    if topic is not None:
        return topic.entity
    return _paragraph_topic(ex, q) or fallback


def _paragraph_topic(ex: Extraction, q: Quantity) -> str | None:
    """The company, project or park the previous sentence of the paragraph opened
    with (华岭纺织在深交所上市。此次公开发行股票3200万股…)."""
    sentences = ex.article.sentences
    if not 0 < q.sentence < len(sentences):
        return None
    here, before = sentences[q.sentence], sentences[q.sentence - 1]
    if before.paragraph != here.paragraph:
        return None
    if any(
        m.sentence == q.sentence and m.start < q.start and m.kind in PLACES for m in ex.mentions
    ):
        return None
    probe = replace(q, sentence=before.index, start=before.end, end=before.end)
    topic = _sentence_topic(ex, probe)
    return (
        topic.entity if topic is not None and topic.kind in WORKS + ("Company", "Event") else None
    )


def _built_object(ex: Extraction, q: Quantity, after_only: bool = False) -> str | None:
    """The project, park or road a verb of building or signing governs in the sentence
    (with ``after_only``, in the figure's clause after it)."""
    text = ex.article.text
    for m in ex.mentions:
        if m.sentence != q.sentence or m.kind not in WORKS:
            continue
        if after_only and (m.start < q.end or _stops(text[q.end : m.start])):
            continue
        head = text[max(0, m.start - 12) : m.start]
        if any(head.endswith(v) or v in head[-8:] for v in _BUILD) and not _stops(head[-6:]):
            return _top_level_at(ex.mentions, m).entity
    return None


_WHOLE = {"全镇": ("Town", "Subdistrict"), "全县": ("County",), "全区": ("County",)}


def _whole_of(ex: Extraction, q: Quantity, start: int) -> str | None:
    """全镇 / 全县 in the figure's clause: the last town / county named before it
    (not in 占全县的23.8%, where the whole is the scope of a share)."""
    clause = ex.article.text[start + 1 : q.start]
    if "全市" in clause and "占全市" not in clause:
        return main_place(ex)  # 全市 is the article's own city
    for word, levels in _WHOLE.items():
        if word in clause and "占" + word not in clause:
            named = [m for m in ex.mentions if m.end <= q.start and m.kind in levels]
            return named[-1].entity if named else None
    return None


_LEAD = re.compile(r"[\s0-9年月日今去明上下半全一二三四季度前后以来,，、]*")


def _sentence_topic(ex: Extraction, q: Quantity) -> Mention | None:
    """The name a sentence opens with (二期项目总投资…, 规划用地…): its figures are about it."""
    sentence = (
        ex.article.sentences[q.sentence] if 0 <= q.sentence < len(ex.article.sentences) else None
    )
    if sentence is None:
        return None
    lead = _LEAD.match(ex.article.text, sentence.start).end()
    first = [m for m in ex.mentions if m.start == lead and m.kind in SUBJECT_KINDS]
    # 开平市水口镇是…: the topic is the last of places named one after another
    while first and first[0].kind in DIVISION_KINDS:
        nxt = [m for m in ex.mentions if m.start == first[0].end and m.kind in DIVISION_KINDS]
        if not nxt:
            break
        first = nxt
    if not first or first[0].end > q.start:
        return None
    top = _top_level_at(ex.mentions, first[0])
    # 台山市发展和改革局负责人表示…: a sentence opening with an organ has no topic
    return top if top.kind in SUBJECT_KINDS or top.kind == "Event" else None


def _adjacent_target(ex: Extraction, q: Quantity) -> str | None:
    """A name right after its figure (年产8000万平方米光学膜项目) is what it measures."""
    after = [m for m in ex.mentions if m.start == q.end and m.kind in SUBJECT_KINDS]
    return _top_level_at(ex.mentions, after[0]).entity if after else None


_TOTALS = ("共有", "共计", "合计", "总计")


def _de_target(ex: Extraction, q: Quantity) -> str | None:
    """The name right after 'figure的' (47公里的碧道工程), if any."""
    if not ex.article.text.startswith("的", q.end):
        return None
    after = [m for m in ex.mentions if m.start >= q.end and m.kind in SUBJECT_KINDS]
    if after and after[0].start <= q.end + 4:
        return _top_level_at(ex.mentions, after[0]).entity
    return None


def _last_of_list(ex: Extraction, q: Quantity) -> Quantity:
    """The last figure of a 、-list holding ``q`` (主线长约291公里、支线长约350公里的…)."""
    text = ex.article.text
    for nxt in ex.quantities:
        gap = text[q.end : nxt.start]
        if nxt.start >= q.end and gap.startswith("、") and len(gap) <= 8 and not _stops(gap):
            return _last_of_list(ex, nxt)
    return q


def _stops(gap: str) -> bool:
    return any(p in gap for p in ",，;；。:：")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after , ; 。 : or a long parenthesis
    (a short one belongs to a unit: 个县(市、区))."""
    start = max(text.rfind(p, 0, pos) for p in ",，;；。:：")
    close = max(text.rfind(")", start + 1, pos), text.rfind("）", start + 1, pos))
    if close > start:
        opening = max(text.rfind("(", 0, close), text.rfind("（", 0, close))
        if close - opening > 8:
            start = close
    return start


def _is_scope(text: str, m: Mention) -> bool:
    """居江门第二, 在安铺镇投资, 高于佛山市平均水平: a place after these words is a
    scope, location or comparison, not what is measured."""
    return text[max(0, m.start - 2) : m.start].endswith(_SCOPE)


_COUNT_KINDS = ("count",)


def _counted(ex: Extraction, m: Mention, q: Quantity) -> bool:
    """建成县级示范带3条: a name right before a count is what is counted, not its subject."""
    if q.kind != "amount" or q.base_unit != q.unit:
        return False  # only counts (个, 条, 家) count the thing named before them
    top = _top_level_at(ex.mentions, m)
    return top.kind not in PLACES and top.end == q.start


def _first_of_coordination(ex: Extraction, m: Mention) -> Mention:
    """大良街道、伦教街道新增学位5400个: a figure after places joined by 、 goes to the
    first of them, as the list's head."""
    text = ex.article.text
    while text[m.start - 1 : m.start] == "、":
        prev = [x for x in ex.mentions if x.end == m.start - 1 and x.kind == m.kind]
        if not prev:
            break
        m = _top_level_at(ex.mentions, prev[0])
    return m


def _inside(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def _top_level_at(mentions: tuple[Mention, ...], m: Mention) -> Mention:
    """The outermost mention containing ``m`` (a figure is about 碧道工程, not 碧道)."""
    outer = [x for x in mentions if _inside(m, x)]
    return max(outer, key=lambda x: x.end - x.start) if outer else m
