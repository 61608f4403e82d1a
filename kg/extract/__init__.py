"""Extraction: from an Article to mentions, entities, relations, figures and periods.

``extract(article)`` runs ``default_steps()`` (see ``kg.extract.pipeline`` for
the step contract). No RDF here: the model turns the records into triples.

The stages are sub-packages, each importing only the ones before it
(docs/architecture.md): ``text`` (the Doc, spans, lexicons) → ``names``
(mentions) → ``entities`` and ``periods`` → ``figures`` (quantities, their
subjects and periods) → ``relations`` (rules registered by name) → ``across``
(one entity per thing over all articles, run by ``kg build``).
Importing a module loads no data: the segmenter, the gazetteer and the
lexicons load on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.entities.resolve import entities_step
from kg.extract.figures.periods import figure_periods_step
from kg.extract.figures.quantities import quantities_step
from kg.extract.figures.subjects import figure_subjects_step
from kg.extract.figures.tables import tables_step
from kg.extract.names.mentions import mentions_step, prepare_segmenter
from kg.extract.periods.expressions import periods_step
from kg.extract.pipeline import Step, run_steps
from kg.extract.relations.step import relations_step
from kg.records import Article, Extraction


def default_steps() -> tuple[Step, ...]:
    """mentions → entities → periods → quantities → tables → figure-subjects →
    figure-periods → relations."""
    return (
        mentions_step,
        entities_step,
        periods_step,
        quantities_step,
        tables_step,
        figure_subjects_step,
        figure_periods_step,
        relations_step,
    )


def extract(article: Article, steps: Sequence[Step] | None = None) -> Extraction:
    """Everything the steps (by default ``default_steps()``) find in ``article``."""
    return run_steps(Extraction(article=article), steps or default_steps())


def prepare() -> None:
    """Load what extraction loads on first use (the segmenter with the division names,
    the gazetteer, the lexicons): a build calls it before forking its workers, so
    they share one copy instead of each loading its own (about 2 s of CPU each)."""
    prepare_segmenter()


__all__ = ["default_steps", "extract", "prepare"]
