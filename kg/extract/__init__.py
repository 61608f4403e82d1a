"""Extraction: from an Article to mentions, entities, relations, figures and periods.

``extract(article)`` runs ``DEFAULT_STEPS`` (see ``kg.extract.pipeline`` for the
step contract). No RDF here: the model turns the records into triples.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.entities import entities_step
from kg.extract.mentions import mentions_step
from kg.extract.pipeline import Step, run_steps
from kg.extract.quantities import quantities_step
from kg.extract.relations import relations_step
from kg.extract.timex import periods_step
from kg.records import Article, Extraction

DEFAULT_STEPS: tuple[Step, ...] = (
    mentions_step,
    entities_step,
    periods_step,
    quantities_step,
    relations_step,
)


def extract(article: Article, steps: Sequence[Step] = DEFAULT_STEPS) -> Extraction:
    """Everything the steps find in ``article``."""
    return run_steps(Extraction(article=article), steps)


__all__ = ["DEFAULT_STEPS", "extract"]
