"""What the relation tests compare: an extraction's relations as pairs of names."""

from __future__ import annotations

from kg.records import Extraction


def facts(ex: Extraction, predicate: str) -> set[tuple[str, str]]:
    """(subject name, object name) of every ``predicate`` relation in ``ex``."""
    names = {e.key: e.name for e in ex.entities}
    return {(names[r.subject], names[r.object]) for r in ex.relations if r.predicate == predicate}
