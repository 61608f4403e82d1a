"""What a figure measures: the words of its clause before it, or the noun after it.

The words before a figure run back to the clause's punctuation (, 、 ; : —
brackets such as 县(市、区) are kept whole), or to the previous figure or
time expression. They are then cleaned with the word lists of
``data/lexicon/quantity_words.tsv``:

- everything up to a subject word or framing verb goes (全市规上工业企业 ->
  规上工业企业; 行政村实现薄弱村 -> 薄弱村);
- words before the first action verb or measure head go, as they name the
  subject (宅梧镇…新增种茶面积 -> 新增种茶面积); the verb stays (引进亿元以上项目);
- connectors and time words at the start go (其中, 目前, 现有);
- link verbs at the end go (规划面积达 -> 规划面积).

Counts (个, 家, 人 ...) measure the noun after them when one follows
(25支招商小组 -> 招商小组; 22个县(市、区) -> 县(市、区)); other figures take the
words after them only when nothing usable stands before (or what stands
before is a bare verb or ends in 的). A duration after a spend word (用五年时间推动…,
从签约到动工仅用了四个月) measures the words after it (past 时间), else the span
before the spend word (从A到B), else 用时.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from kg.extract.text.units import quantity_words

__all__ = ["CLAUSE_END", "Fences", "fences", "measure_of", "rank_measure_of"]

CLAUSE_END = frozenset(",，、;；:：。!！?？")
_OPEN, _CLOSE = "(（[【", ")）]】"
_AFTER_STOPS = ("的", "和", "与", "及", "并", "均", "都", "也", "已", "将", "被", "正", "在")
_REACH_BACK, _REACH_ON = 40, 20


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after punctuation outside brackets."""
    depth = 0
    limit = max(floor, pos - _REACH_BACK)
    for i in range(pos - 1, limit - 1, -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in CLAUSE_END:
            return i + 1
    return limit


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    """End of the clause holding ``pos``: before punctuation outside brackets."""
    depth = 0
    limit = min(ceiling, pos + _REACH_ON)
    for i in range(pos, limit):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and ch in CLAUSE_END:
            return i
    return limit


class Fences(NamedTuple):
    """Sorted, non-overlapping spans of figures and time expressions a measure cannot cross."""

    starts: list[int]
    ends: list[int]


def fences(spans: list[tuple[int, int]]) -> Fences:
    """Fences from spans (figures and periods never overlap one another)."""
    ordered = sorted(spans)
    return Fences([a for a, _ in ordered], [b for _, b in ordered])


def _fence_before(fence: Fences, pos: int) -> int:
    i = bisect.bisect_right(fence.ends, pos) - 1
    return fence.ends[i] if i >= 0 else 0


def _fence_after(fence: Fences, pos: int) -> int:
    i = bisect.bisect_left(fence.starts, pos)
    return fence.starts[i] if i < len(fence.starts) else 1 << 62


@cache
def _words(*roles: str) -> re.Pattern[str]:
    """One pattern for the words of ``roles`` (longest first); "stop" adds the after-stops."""
    table = quantity_words()
    words = {w for role in roles if role != "stop" for w in table[role]}
    if "stop" in roles:
        words |= {w for w in table["lead"] if len(w) > 1} | set(_AFTER_STOPS)
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@cache
def _actions() -> tuple[str, ...]:
    return (*quantity_words()["action"], "的")


def _after_last(pattern: re.Pattern[str], seg: str) -> str:
    """``seg`` after the last word of ``pattern`` in it (all of it when there is none)."""
    cut = 0
    for m in pattern.finditer(seg):
        cut = m.end()
    return seg[cut:]


def _strip_lead(seg: str) -> str:
    """Drop connectors and framing verbs from the start, repeatedly."""
    leads = quantity_words()["lead"]
    changed = True
    while seg and changed:
        changed = False
        for size in (2, 1):
            if seg[:size] in leads and len(seg) > size:
                seg, changed = seg[size:].lstrip(), True
                break
    return seg


def _strip_link(seg: str) -> str:
    """Drop link verbs and hedges from the end (规划面积达 -> 规划面积), repeatedly."""
    words = quantity_words()
    tails = words["link"].keys() | words["qualifier_before"].keys()
    changed = True
    while seg and changed:
        changed = False
        for size in (2, 1):
            if seg[-size:] in tails and len(seg) >= size:
                seg, changed = seg[:-size].rstrip(), True
                break
    return seg


def clean_before(seg: str) -> str:
    """The measure in the words before a figure.

    >>> clean_before("全市规上工业企业"), clean_before("鹤城镇新增种茶面积")
    ('规上工业企业', '新增种茶面积')
    >>> clean_before("其中打造主线长"), clean_before("规划面积达"), clean_before("对全市")
    ('主线长', '规划面积', '')
    """
    seg = _strip_lead(_after_last(_words("subject", "frame"), seg.strip()).strip())
    head = _words("action", "head").search(seg)
    if head and head.start() > 0:
        seg = seg[head.start() :]
    return _strip_link(_strip_lead(seg)).strip("的 ")


def clean_after(seg: str) -> str:
    """The counted noun in the words after a figure, up to a connector or verb.

    >>> clean_after("招商小组"), clean_after("行政村实现薄弱村"), clean_after("的两个省重点项目")
    ('招商小组', '行政村', '两个省重点项目')
    """
    seg = seg.strip().removeprefix("的").strip()
    stop = _words("action", "head", "frame", "stop").search(seg)
    return seg[: stop.start() if stop else len(seg)].strip("的 ")


def _bare_verb(seg: str) -> bool:
    """Whether ``seg`` is (or ends in) an action verb or 的: the measured noun follows."""
    return seg.endswith(_actions())


def measure_of(
    text: str,
    span: tuple[int, int],
    bounds: tuple[int, int],
    fence: Fences,
    counted: bool,
    duration: bool = False,
) -> str | None:
    """What the figure at ``span`` measures, not reaching past a ``fence``."""
    start, end = span
    floor = max(_clause_start(text, start, bounds[0]), _fence_before(fence, start))
    raw_before = text[floor:start].strip()
    before = clean_before(raw_before)
    ceiling = min(_clause_end(text, end, bounds[1]), _fence_after(fence, end))
    if duration:
        spent = _time_spent_on(text, raw_before, end, ceiling)
        if spent is not None:
            return spent
    after = clean_after(text[end:ceiling]) if end < ceiling else ""
    if counted and after:
        return after
    if before and not _bare_verb(raw_before):
        return before
    return after or before or None


_TIME = "时间"
_SPENT = "用时"
_QUOTES = re.compile("[“”‘’\"'《》]")
_ONLY = ("仅仅", "仅", "只", "才", "共", "累计")
_FROM_TO = re.compile(r"从?([^从到至]+[到至][^从到至]+)$")


def _time_spent_on(text: str, before: str, end: int, ceiling: int) -> str | None:
    """用五年时间推动…, 从签约到动工仅用了四个多月: a duration spent on something
    measures what it is spent on: the words after it (past 时间) in its clause, else
    the span before the spend word (从A到B), else 用时. None when no spend word stands right
    before the figure (a one-character 用 or 花 also needs 时间 after it)."""
    spend = next((w for w in _spend_words() if before.endswith(w)), None)
    timed = text.startswith(_TIME, end)
    if spend is None or (len(spend) == 1 and not timed):
        return None
    start = end + len(_TIME) if timed else end
    if text.startswith("的", start):
        start += 1
    seg = text[start:ceiling] if start < ceiling else ""
    quote = _QUOTES.search(seg)
    seg = _strip_lead(seg[: quote.start() if quote else len(seg)].strip())
    if len(seg) > 1:
        return seg
    head = before.removesuffix(spend).rstrip()
    for word in _ONLY:
        head = head.removesuffix(word)
    head = clean_before(head)
    # 从签约到动工: the span the time was spent on (not a subject: 佛冈县用两年时间，)
    span = _FROM_TO.search(head)
    return span.group(1) if span else _SPENT


@cache
def _spend_words() -> tuple[str, ...]:
    return tuple(sorted(quantity_words()["spend"], key=len, reverse=True))


def rank_measure_of(text: str, start: int, bounds: tuple[int, int], fence: Fences) -> str | None:
    """What a rank ranks: the words before the rank or reach verb (数量居江门第二 -> 数量,
    综合得分位列前三 -> 综合得分).

    The list ranked in (在全国镇域经济500强中排名) stands in for a missing measure.
    """
    words = quantity_words()
    floor = max(_clause_start(text, start, bounds[0]), _fence_before(fence, start))
    seg = text[floor:start].strip()
    # the last rank or reach verb, read longest first (位列, not its 列; 拿, 夺得)
    verbs = list(_words("rank", "reach").finditer(seg))
    if verbs:
        seg = seg[: verbs[-1].start()]
    for scope in words["scope"]:
        seg = seg.removesuffix(scope)
    # 在全国…500强中排名: the list ranked in; otherwise drop the subject word (全县…)
    seg = seg[seg.rfind("在") + 1 :] if "在" in seg else _after_last(_words("subject"), seg)
    seg = _strip_lead(seg.removesuffix("中").strip())
    return seg or None
