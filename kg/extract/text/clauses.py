"""Clauses and the names in them: what the relation rules share.

A clause runs between two clause marks (comma, semicolon, full stop, colon,
and the marks of exclamation and question, in their Chinese and ASCII forms);
the rules read the names inside one clause that no other name holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.text.spans import uncovered
from kg.records import Mention

CLAUSE_MARKS = ",，;；。!！?？:："
CLAUSE = re.compile(f"[^{CLAUSE_MARKS}]+")


def inside(inner: Mention, outer: Mention) -> bool:
    """Whether ``inner`` lies within ``outer`` and is not it."""
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def top_level(mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions inside no other of them, in text order."""
    return sorted(uncovered(mentions), key=lambda m: m.start)


def clause_around(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the clause holding position ``at``.

    >>> clause_around("甲，乙丙；丁", 3)
    (2, 4)
    """
    lo = max(text.rfind(ch, 0, at) for ch in CLAUSE_MARKS) + 1
    ends = [k for k in (text.find(ch, at) for ch in CLAUSE_MARKS) if k >= 0]
    return lo, min(ends, default=len(text))


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
