"""The span index answers as the scans it replaced did, order included."""

from __future__ import annotations

import random

from kg.extract.text.clauses import inside, top_level, top_level_within
from kg.extract.text.spans import (
    covering,
    ending,
    first_from,
    in_sentence,
    last_before,
    starting,
    starting_in,
    uncovered,
    within,
)
from kg.records import Mention


def _mentions(rng: random.Random) -> tuple[Mention, ...]:
    out = []
    for _ in range(rng.randint(0, 14)):
        start = rng.randint(0, 20)
        out.append(
            Mention(
                "名", start, start + rng.randint(0, 6), rng.randint(0, 2), rng.choice("AB"), "s"
            )
        )
    if out and rng.random() < 0.3:
        out.append(out[0])  # an equal mention hides no other
    rng.shuffle(out)
    return tuple(out)


def test_every_query_matches_the_scan_it_replaced():
    rng = random.Random(7)
    for _ in range(2000):
        ms = _mentions(rng)
        lo, hi = sorted((rng.randint(0, 26), rng.randint(0, 26)))
        assert within(ms, lo, hi) == [m for m in ms if lo <= m.start and m.end <= hi]
        assert covering(ms, lo, hi) == [m for m in ms if m.start <= lo and hi <= m.end]
        assert starting(ms, lo, hi) == [m for m in ms if lo <= m.start <= hi]
        assert ending(ms, lo, hi) == [m for m in ms if lo <= m.end <= hi]
        assert in_sentence(ms, 1) == [m for m in ms if m.sentence == 1]
        assert uncovered(ms) == [m for m in ms if not any(inside(m, x) for x in ms)]
        assert starting_in(ms, lo, hi) == starting_in(list(ms), lo, hi) == starting(ms, lo, hi)
        assert first_from(ms, lo) == next((m for m in ms if m.start >= lo), None)
        scanned = sorted(uncovered(list(within(ms, lo, hi))), key=lambda m: m.start)
        assert top_level_within(ms, lo, hi) == scanned
        top_level_within(ms, lo, hi).append(None)  # a caller's list is its own
        assert top_level_within(ms, lo, hi) == scanned
        whole = top_level(ms)
        whole.clear()
        assert top_level(ms) == sorted(uncovered(list(ms)), key=lambda m: m.start)
        assert last_before(ms, hi, _fits) == _last_by_scan(ms, hi, _fits, None)
        assert last_before(ms, hi, _fits, lo) == _last_by_scan(ms, hi, _fits, lo)


def _fits(m: Mention) -> bool:
    return m.kind == "A"


def _last_by_scan(ms, offset, fits, floor):
    """The scan figures/periods used: the latest start ending by ``offset``, the first on a tie."""
    best = None
    for i, m in enumerate(ms):
        wanted = m.end <= offset and fits(m) and (floor is None or m.start >= floor)
        if wanted and (best is None or m.start > ms[best].start):
            best = i
    return best


def test_two_names_on_one_span_hide_each_other_but_an_equal_one_does_not():
    a = Mention("鹤山", 0, 2, 0, "County", "gazetteer")
    b = Mention("鹤山", 0, 2, 0, "Region", "suffix")
    outer = Mention("鹤山工业城", 0, 5, 0, "Park", "suffix")
    assert top_level([a, b]) == []
    assert top_level([a, a]) == [a, a]
    assert top_level([b, outer, a]) == [outer]
