"""Figures about something named before them: the event a clause refers back to, the
total a 其中-sentence breaks down, and the listed things a count counts.

- 本次活动签下的项目达9个: a clause naming the event again (``event-ref`` cues in
  ``data/lexicon/cues.tsv``: 此次活动, 本次签约 …) gives its figures to the event named
  last before it;
- 其中，开工项目…5项、总投资4.53亿元: a sentence opening with 其中 breaks down the total
  the paragraph's previous sentence gave, so a figure naming no subject of its own in
  its clause is that total's subject's;
- A、B、C3项, A、B等12家: every item of the 、-list before a count (or before 等) is
  what it counts or an example, not its subject;
- 甲、乙、丙等投资逾5亿元的工业项目: a bound (超, 以上, 以下, 不足) that each listed thing
  meets is a figure of each of them; so is a figure after 均 (甲、乙投资均为3亿元).
"""

from __future__ import annotations

import re

from kg.extract.figures.builds import stops
from kg.extract.figures.topics import top_level_at
from kg.extract.kinds import PLACES, Kind
from kg.extract.text.clauses import top_level_within
from kg.extract.text.cues import cue_pattern
from kg.extract.text.spans import ending, starting
from kg.records import Extraction, Mention, Quantity

__all__ = [
    "first_of_coordination",
    "last_of_list",
    "list_items_before",
    "listed",
    "referred_event",
    "shared_by",
    "total_broken_down",
]

_EVENT_REF = cue_pattern("event-ref")
_PARTS_OF = re.compile(r"[\s“”\"]*其中")


def referred_event(ex: Extraction, q: Quantity, start: int) -> str | None:
    """The event named last before a figure whose clause (from ``start``) refers back to
    an event (此次活动, 本次签约 …)."""
    if not _EVENT_REF.search(ex.article.text, start + 1, q.start):
        return None
    events = [m for m in ex.mentions if m.kind == Kind.EVENT and m.entity and m.end <= start]
    return events[-1].entity if events else None


def total_broken_down(ex: Extraction, q: Quantity, totals: dict[int, str]) -> str | None:
    """In a sentence opening with 其中, the subject of the last figure of the paragraph's
    previous sentence (``totals``: sentence index → subject of its last figure)."""
    sentences = ex.article.sentences
    index = q.sentence
    if not 0 < index < len(sentences):
        return None
    if sentences[index - 1].paragraph != sentences[index].paragraph:
        return None
    if not _PARTS_OF.match(ex.article.text, sentences[index].start):
        return None
    return totals.get(index - 1)


def list_items_before(ex: Extraction, end: int, floor: int) -> list[Mention]:
    """The top-level names of the 、-list that ends at ``end`` (A、B、C3项; with 等 after
    the last: A、B等12家) and starts after ``floor`` (its clause's start): every name after
    包括 (如, 涵盖) when the list opens with one, else the name ending at its first 、 and
    every name after that 、, or the one name ending at ``end`` when no 、 comes before
    it. An item no recogniser read does not cut the list short."""
    text = ex.article.text
    if text[end - 1 : end] == "等":
        end -= 1
    first = text.find("、", floor, end)
    names = top_level_within(ex.mentions, floor, end)
    if first < 0:
        return [m for m in names if m.end == end]
    intro = max((text.rfind(w, floor, first) for w in _LIST_INTRO), default=-1)
    if intro >= 0:  # 竣工项目包括A公司B项目、C项目等6项: the list starts after 包括
        return [m for m in names if m.start >= intro]
    return [m for m in names if m.end == first or m.start > first]


_LIST_INTRO = ("包括", "包含", "涵盖", "如")


_BOUNDS = frozenset({"超", "以上", "以下", "不足"})
_BOUND_REACH = 8  # 等 … figure: room for the measure (等投资逾5亿元)
_EACH = "均"  # 甲、乙投资均为3亿元: the figure is each one's


def shared_by(ex: Extraction, q: Quantity, floor: int) -> list[Mention]:
    """The listed things a bound after their list holds for, each (甲、乙、丙等投资逾5亿元的
    工业项目: each of them invests over 5亿元), or a figure after 均 (甲项目、乙项目投资总额
    均为3亿元); [] when the figure is neither. The list starts after ``floor`` (the
    clause's start)."""
    text = ex.article.text
    each = text.rfind(_EACH, max(floor, q.start - _BOUND_REACH), q.start)
    if each >= 0:  # 甲厂、乙厂计划投资均为3亿元
        names = [m for m in top_level_within(ex.mentions, floor, each) if m.end <= each]
        items = list_items_before(ex, names[-1].end, floor) if names else []
        return items if len(items) > 1 else []
    if q.qualifier not in _BOUNDS or not text.startswith("的", q.end):
        return []
    deng = text.rfind("等", floor, q.start)
    if deng < 0 or q.start - deng > _BOUND_REACH or top_level_within(ex.mentions, deng, q.start):
        return []
    items = list_items_before(ex, deng + 1, floor)
    return items if len(items) > 1 else []


def listed(text: str, mention) -> bool:
    """Whether ``mention`` is an item of a 、-list (a 、 right before or after it)."""
    return text.startswith("、", mention.end) or text[mention.start - 1 : mention.start] == "、"


def last_of_list(ex: Extraction, q: Quantity) -> Quantity:
    """The last figure of a 、-list holding ``q`` (主线长约291公里、支线长约350公里的…)."""
    text = ex.article.text
    # a gap of at most 8 characters: only figures starting in the next 8 can follow
    for nxt in starting(ex.quantities, q.end, q.end + 8):
        gap = text[q.end : nxt.start]
        if gap.startswith("、") and len(gap) <= 8 and not stops(gap):
            return last_of_list(ex, nxt)
    return q


def first_of_coordination(ex: Extraction, m: Mention) -> Mention:
    """大良街道、伦教街道新增学位5400个: a figure after places joined by 、 (和, 与, 及)
    goes to the first of them, as the list's head."""
    text = ex.article.text
    while text[m.start - 1 : m.start] in _JOINS:
        prev = [x for x in ending(ex.mentions, m.start - 1, m.start - 1) if _alike(x, m)]
        if not prev:
            break
        m = top_level_at(ex.mentions, prev[0])
    return m


_JOINS = ("、", "和", "与", "及")


def _alike(a: Mention, b: Mention) -> bool:
    """Two names a list may join: of one kind, or both places (杏坛镇、勒流街道)."""
    return a.kind == b.kind or (a.kind in PLACES and b.kind in PLACES)
