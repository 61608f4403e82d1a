"""Clauses and the names in them: what the relation rules share.

A clause runs between two clause marks (comma, semicolon, full stop, colon,
and the marks of exclamation and question, in their Chinese and ASCII forms);
the rules read the names inside one clause that no other name holds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from operator import attrgetter

from kg.extract.text.spans import index_of, uncovered, within
from kg.records import Mention

_START = attrgetter("start")
CLAUSE_MARKS = ",，;；。!！?？:："
CLAUSE = re.compile(f"[^{CLAUSE_MARKS}]+")


def inside(inner: Mention, outer: Mention) -> bool:
    """Whether ``inner`` lies within ``outer`` and is not it."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and inner is not outer  # the same one: equal, without comparing every field
        and inner != outer
    )


def top_level(mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions inside no other of them, in text order (of a tuple, found once: the
    rules ask for the whole article's again and again)."""
    if not isinstance(mentions, tuple):
        return sorted(uncovered(mentions), key=_START)
    memo = index_of(mentions).memo
    found = memo.get("top")
    if found is None:
        found = memo["top"] = sorted(uncovered(mentions), key=_START)
    return list(found)


def top_level_within(mentions: tuple[Mention, ...], lo: int, hi: int) -> list[Mention]:
    """``top_level(within(mentions, lo, hi))``, found once per span: the relation rules
    read the same clauses one after another."""
    memo = index_of(mentions).memo
    found = memo.get((lo, hi))
    if found is None:
        found = memo[(lo, hi)] = top_level(within(mentions, lo, hi))
    return list(found)


def clause_around(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the clause holding position ``at``.

    >>> clause_around("甲，乙丙；丁", 3)
    (2, 4)
    """
    end = first_mark_from(text, CLAUSE_MARKS, at)
    return last_mark_before(text, CLAUSE_MARKS, at) + 1, len(text) if end < 0 else end


@lru_cache(maxsize=8)
def _mark_positions(text: str, marks: str) -> list[int]:
    """Sorted offsets of the characters of ``marks`` in ``text`` (one pass per text)."""
    return [m.start() for m in _marks_pattern(marks).finditer(text)]


@lru_cache(maxsize=32)
def _marks_pattern(marks: str) -> re.Pattern:
    """One character of ``marks``."""
    return re.compile("[" + "".join(re.escape(ch) for ch in marks) + "]")


def last_mark_before(text: str, marks: str, at: int) -> int:
    """``max(text.rfind(ch, 0, at) for ch in marks)`` by bisection: the offset of the
    last mark before ``at``, -1 when none (a scan back can cross the whole text)."""
    if at < 0:
        return max(text.rfind(ch, 0, at) for ch in marks)
    positions = _mark_positions(text, marks)
    i = bisect.bisect_left(positions, at) - 1
    return positions[i] if i >= 0 else -1


def first_mark_from(text: str, marks: str, at: int) -> int:
    """The offset of the first mark at or after ``at``, -1 when none."""
    if at < 0:
        found = [k for k in (text.find(ch, at) for ch in marks) if k >= 0]
        return min(found, default=-1)
    positions = _mark_positions(text, marks)
    i = bisect.bisect_left(positions, at)
    return positions[i] if i < len(positions) else -1


def find_all(text: str, word: str, lo: int, hi: int) -> list[int]:
    """Every position of ``word`` in ``text[lo:hi]``, overlapping ones too.

    >>> find_all("会会会", "会会", 0, 3)
    [0, 1]
    """
    out, pos = [], text.find(word, lo, hi)
    while pos >= 0:
        out.append(pos)
        pos = text.find(word, pos + 1, hi)
    return out
