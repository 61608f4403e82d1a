"""Extract steps and the pipeline that runs them with their contracts checked.

A step takes an Extraction and returns a new one. It declares which fields
it ``needs`` (some earlier step must add them) and which it ``adds`` (the only
fields it may change). Breaking the contract is a bug, and fails loudly with
the step's name, as spaCy's ``Language.__call__`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.errors import ExtractionContractError
from kg.records import Extraction

FIELDS = ("mentions", "entities", "relations", "quantities", "periods", "notes")


@dataclass(frozen=True)
class Step:
    """A named extract step with its declared inputs and outputs."""

    name: str
    needs: frozenset[str]
    adds: frozenset[str]
    run: Callable[[Extraction], Extraction]

    def __post_init__(self) -> None:
        unknown = (self.needs | self.adds) - set(FIELDS)
        if unknown:
            raise ExtractionContractError(
                f"step {self.name!r} declares unknown fields {sorted(unknown)}; known: {FIELDS}"
            )


def step(name: str, needs: Iterable[str] = (), adds: Iterable[str] = ()):
    """Decorator turning ``fn(Extraction) -> Extraction`` into a Step."""

    def wrap(fn: Callable[[Extraction], Extraction]) -> Step:
        return Step(name, frozenset(needs), frozenset(adds), fn)

    return wrap


def check_order(steps: Sequence[Step]) -> None:
    """Raise when a step needs a field that no earlier step adds."""
    available: set[str] = set()
    for s in steps:
        missing = s.needs - available
        if missing:
            raise ExtractionContractError(
                f"step {s.name!r} needs {sorted(missing)} but no earlier step adds them; "
                f"order: {[x.name for x in steps]}"
            )
        available |= s.adds


def _check_result(s: Step, before: Extraction, after: Extraction) -> None:
    if not isinstance(after, Extraction):
        raise ExtractionContractError(
            f"step {s.name!r} returned {type(after).__name__}, expected Extraction"
        )
    if after.article is not before.article:
        raise ExtractionContractError(f"step {s.name!r} replaced the article")
    for name in FIELDS:
        if name not in s.adds and getattr(after, name) != getattr(before, name):
            raise ExtractionContractError(
                f"step {s.name!r} changed {name!r} but declares it adds only {sorted(s.adds)}"
            )
    text = after.article.text
    for m in after.mentions:
        if text[m.start : m.end] != m.text:
            raise ExtractionContractError(
                f"step {s.name!r} left mention {m.text!r} at {m.start}:{m.end} "
                f"which slices to {text[m.start : m.end]!r}"
            )


def run_steps(extraction: Extraction, steps: Sequence[Step]) -> Extraction:
    """Run ``steps`` in order, checking each one's contract."""
    check_order(steps)
    for s in steps:
        after = s.run(extraction)
        _check_result(s, extraction, after)
        extraction = after
    return extraction
