"""The span every name recogniser returns: where it is and what class it names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """A recognised span with its class; ``canonical`` overrides the surface."""

    start: int
    end: int
    kind: str
    source: str
    canonical: str | None = None
