"""Spans and the mentions or figures inside them, found by bisection, not by scanning.

The relation and figure rules ask, clause by clause and name by name, which
mentions lie between two offsets, which belong to one sentence and which are
nested in none of the others. Scanning every mention for each question made
an article's extraction grow with the square of its length; here each
question costs the log of the number of mentions plus the size of the answer.

An index is built once per tuple of mentions (or figures) and kept while that
tuple is the one asked about (a step evolves the Extraction, so the tuple
changes between steps, never within one).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Spanned(Protocol):
    """Anything with a start and an end offset (Mention, Quantity, Period)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Spanned)


class SpanIndex:
    """The items of a sequence sorted by start, each with its place in the sequence."""

    def __init__(self, items: Sequence[S]) -> None:
        self.items = tuple(items)
        self._order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self._starts = [self.items[i].start for i in self._order]
        self._by_sentence: dict[int, list] | None = None
        self._by_end: list[tuple[int, int]] | None = None
        self._first_after: list[int] | None = None
        self.memo: dict = {}  # answers the clause layer keeps while the tuple is in use
        self.longest = max((m.end - m.start for m in self.items), default=0)
        # the sort is stable: the identity order means the items come sorted by start
        self.in_start_order = self._order == list(range(len(self.items)))

    def starting(self, lo: int, hi: int) -> list[int]:
        """Positions (in the sequence's order) of the items starting in [lo, hi]."""
        a = bisect.bisect_left(self._starts, lo)
        b = bisect.bisect_right(self._starts, hi)
        if self.in_start_order:  # the positions are a run already in order
            return list(range(a, b))
        return sorted(self._order[a:b])

    def _run(self, lo: int, hi: int) -> Sequence:
        """The items starting in [lo, hi], in the sequence's order."""
        if self.in_start_order:
            a = bisect.bisect_left(self._starts, lo)
            return self.items[a : bisect.bisect_right(self._starts, hi, a)]
        items = self.items
        return [items[i] for i in self.starting(lo, hi)]

    def within(self, lo: int, hi: int) -> list:
        """The items with ``lo <= start`` and ``end <= hi``, in the sequence's order."""
        return [m for m in self._run(lo, hi) if m.end <= hi]

    def covering(self, lo: int, hi: int) -> list:
        """The items with ``start <= lo`` and ``hi <= end``, in the sequence's order
        (an item that long starts no earlier than ``hi`` minus the longest item)."""
        return [m for m in self._run(hi - self.longest, lo) if m.end >= hi]

    def ending(self, lo: int, hi: int) -> list:
        """The items ending in [lo, hi], in the sequence's order."""
        if self._by_end is None:
            self._by_end = sorted((m.end, i) for i, m in enumerate(self.items))
        a = bisect.bisect_left(self._by_end, (lo, -1))
        b = bisect.bisect_right(self._by_end, (hi, len(self.items)))
        return [self.items[i] for i in sorted(i for _, i in self._by_end[a:b])]

    def in_sentence(self, index: int) -> list:
        """The items whose ``sentence`` is ``index``, in the sequence's order."""
        if self._by_sentence is None:
            groups: dict[int, list] = defaultdict(list)
            for item in self.items:
                groups[item.sentence].append(item)
            self._by_sentence = dict(groups)
        return list(self._by_sentence.get(index, ()))


_INDEXES: dict[int, SpanIndex] = {}
_LAST: list = [None]  # the index asked for last (rules ask for one tuple's many times)


def index_of(items: tuple) -> SpanIndex:
    """The index of ``items`` (a tuple of an Extraction), built on first use.

    Kept by identity for the few tuples in use (the index holds the tuple, so its
    id cannot be reused while the entry lives)."""
    last = _LAST[0]
    if last is not None and last.items is items:
        return last
    found = _INDEXES.get(id(items))
    if found is not None and found.items is items:
        _LAST[0] = found
        return found
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    index = _INDEXES[id(items)] = _LAST[0] = SpanIndex(items)
    return index


def within(items: tuple, lo: int, hi: int) -> list:
    """``[m for m in items if lo <= m.start and m.end <= hi]``, by bisection."""
    return index_of(items).within(lo, hi)


def starting(items: tuple, lo: int, hi: int) -> list:
    """``[m for m in items if lo <= m.start <= hi]``, by bisection."""
    index = index_of(items)
    return [index.items[i] for i in index.starting(lo, hi)]


def starting_in(items: Sequence, lo: int, hi: int) -> list:
    """``[m for m in items if lo <= m.start <= hi]``: by bisection when ``items`` is a
    tuple (indexed once), by a scan when it is a list (a short one, or one built anew)."""
    if isinstance(items, tuple):
        return starting(items, lo, hi)
    return [m for m in items if lo <= m.start <= hi]


def covering(items: tuple, lo: int, hi: int) -> list:
    """``[m for m in items if m.start <= lo and hi <= m.end]``, by bisection."""
    return index_of(items).covering(lo, hi)


def ending(items: tuple, lo: int, hi: int) -> list:
    """``[m for m in items if lo <= m.end <= hi]``, by bisection."""
    return index_of(items).ending(lo, hi)


def first_starting_from(items: tuple, at: int, reach: int, fits) -> object | None:
    """The first item (in the sequence's order) with ``start >= at`` that ``fits``,
    when it starts no later than ``at + reach``; else None."""
    index = index_of(items)
    if index.in_start_order:
        return next((m for m in starting(items, at, at + reach) if fits(m)), None)
    first = next((m for m in items if m.start >= at and fits(m)), None)
    return first if first is not None and first.start <= at + reach else None


def last_before(items: tuple, offset: int, fits, floor: int | None = None) -> int | None:
    """The position of the item ending by ``offset`` that ``fits`` and starts last (the
    first in the sequence among those starting there), starting at ``floor`` or later;
    None when there is none. Walks back from ``offset`` by start, so a floor near the
    offset bounds the cost."""
    index = index_of(items)
    starts, order = index._starts, index._order
    k = bisect.bisect_right(starts, offset) - 1
    while k >= 0 and (floor is None or starts[k] >= floor):
        first = bisect.bisect_left(starts, starts[k])
        for i in order[first : k + 1]:  # one start, in the sequence's order (a stable sort)
            if items[i].end <= offset and fits(items[i]):
                return i
        k = first - 1
    return None


def first_from(items: tuple, at: int) -> object | None:
    """``next((m for m in items if m.start >= at), None)``, by bisection: the first item
    in the sequence's order among those starting at ``at`` or later."""
    index = index_of(items)
    if index._first_after is None:  # the least position over each tail of the start order
        tails, least = [], len(items)
        for i in reversed(index._order):
            least = min(least, i)
            tails.append(least)
        index._first_after = tails[::-1]
    k = bisect.bisect_left(index._starts, at)
    return index.items[index._first_after[k]] if k < len(index.items) else None


def in_sentence(items: tuple, sentence: int) -> list:
    """``[m for m in items if m.sentence == sentence]``, grouped once."""
    return index_of(items).in_sentence(sentence)


def uncovered(items: Iterable[S]) -> list[S]:
    """The items inside no other of them, in their own order.

    An item is inside another that is not equal to it and spans it (same span
    with other fields counts: two such items hide each other). One sort and one
    sweep: a later start is covered by the longest end seen before its start."""
    ms = list(items)
    if len(ms) <= _FEW:
        return _uncovered_few(ms)
    by_start: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        by_start[m.start].append(i)
    covered = [False] * len(ms)
    reach = None  # the farthest end of the items starting before the current start
    for start in sorted(by_start):
        group = by_start[start]
        if len(group) == 1:  # most starts hold one item: no other of the same span
            i = group[0]
            longest = ms[i].end
            covered[i] = reach is not None and reach >= longest
            reach = longest if reach is None else max(reach, longest)
            continue
        longest = max(ms[i].end for i in group)
        same: dict[int, set] = defaultdict(set)
        for i in group:
            same[ms[i].end].add(ms[i])
        for i in group:
            end = ms[i].end
            covered[i] = (reach is not None and reach >= end) or longest > end or len(same[end]) > 1
        reach = longest if reach is None else max(reach, longest)
    return [m for m, c in zip(ms, covered, strict=True) if not c]


_FEW = 8  # most clauses and sentences hold this few names or fewer


def _uncovered_few(ms: list[S]) -> list[S]:
    """``uncovered`` of a few items, each against the others (no sort, no sets)."""
    if len(ms) < 2:
        return ms
    out = []
    for m in ms:
        start, end = m.start, m.end
        for other in ms:
            if (
                other is not m
                and other.start <= start
                and end <= other.end
                and (other.start != start or other.end != end or other != m)
            ):
                break
        else:
            out.append(m)
    return out
