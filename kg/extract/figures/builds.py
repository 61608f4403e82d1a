"""What a sentence builds, signs or brings in (投资15亿元建设智能小家电生产基地, 引进X公司
Y项目): the works a figure of the sentence is about."""

from __future__ import annotations

from kg.extract.figures.topics import WORKS, top_level_at
from kg.extract.kinds import Kind
from kg.extract.text.spans import ending, in_sentence, starting, within
from kg.records import Extraction, Mention, Quantity

__all__ = ["built_object", "invested", "stops"]

_BUILD = ("建设", "打造", "扩建", "新建", "建成", "签约", "签下", "实施", "推进", "开工", "动工")


_BUILD += ("引进", "推动")


def built_object(
    ex: Extraction, q: Quantity, after_only: bool = False, next_clause: bool = False
) -> str | None:
    """The project, park or road a verb of building or signing governs in the sentence,
    before the figure or in its clause (with ``after_only``, in its clause after it;
    with ``next_clause`` also in the clause right after one ending with the figure):
    in 收入超过20万元,建成示范带3条 the belts built are no subject of the income."""
    text = ex.article.text
    for m in in_sentence(ex.mentions, q.sentence):
        if m.kind not in WORKS:
            continue
        later = m.start >= q.end
        gap = text[q.end : m.start]
        if next_clause and later and _next_clause_only(ex, q, m, gap):
            gap = gap.lstrip()[1:]
        if (after_only and not later) or (later and stops(gap)):
            continue
        anchor = m.start
        while True:  # 引进X公司覆铜板项目: the verb stands before the company's name
            owner = [c for c in ending(ex.mentions, anchor, anchor) if c.kind == Kind.COMPANY]
            if not owner:
                break
            anchor = min(c.start for c in owner)
        if _builds(text[max(0, anchor - 8) : anchor]):
            return top_level_at(ex.mentions, m).entity
    return None


# 计划投资, 总投资, 投入: a figure that is money put into works
_INVESTED = ("投资", "投入")


_NEXT_CLAUSE_MAX = 16


def invested(q: Quantity) -> bool:
    """Whether the figure is money invested (its measure says 投资 or 投入)."""
    return q.unit.endswith("元") and any(w in (q.measure or "") for w in _INVESTED)


def _next_clause_only(ex: Extraction, q: Quantity, works: Mention, gap: str) -> bool:
    """计划投资15亿元，在A镇建设Y: the figure ends its clause, and the next clause, short
    and naming no company nor holding another figure, leads up to the works."""
    rest = gap.lstrip()
    if rest[:1] not in ("，", ",") or stops(rest[1:]) or len(rest) > _NEXT_CLAUSE_MAX:
        return False
    # 建设年产5万吨改性塑料项目: a figure right before the works describes them
    between = starting(ex.quantities, q.end + 1, works.start - 1)
    if any(q.end < o.start < works.start and o.end != works.start for o in between):
        return False
    return not any(
        c.kind == Kind.COMPANY
        and c.end != works.start  # 引进X公司Y项目: the company names the works
        for c in within(ex.mentions, q.end, works.start)
    )


def _builds(head: str) -> bool:
    """A verb of building in ``head`` with no clause mark after it (一个;水步镇引进: yes)."""
    for verb in _BUILD:
        i = head.rfind(verb)
        if i >= 0 and not stops(head[i + len(verb) :]):
            return True
    return False


def stops(gap: str) -> bool:
    return any(p in gap for p in ",，;；。:：")
