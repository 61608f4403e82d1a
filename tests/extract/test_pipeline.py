"""The step contract: declared needs and adds are enforced, loudly, with the step's name."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import ExtractionContractError
from kg.extract.pipeline import run_steps, step
from kg.records import Article, ArticleMeta, Extraction, Mention, Sentence


def _article(text: str = "台山市新建广海湾工业园。") -> Article:
    meta = ArticleMeta("x.txt", "0" * 64, date=dt.date(2024, 5, 1))
    return Article("x", meta, text, (Sentence(0, 0, len(text), text, 0),))


@step("adds-mentions", adds={"mentions"})
def _good(ex: Extraction) -> Extraction:
    return ex.evolve(mentions=(Mention("台山市", 0, 3, 0, "County", "test"),))


@step("sneaky", needs={"mentions"}, adds={"mentions"})
def _sneaky(ex: Extraction) -> Extraction:
    return ex.evolve(notes=("changed what it did not declare",))


@step("bad-offsets", adds={"mentions"})
def _bad_offsets(ex: Extraction) -> Extraction:
    return ex.evolve(mentions=(Mention("台山市", 1, 4, 0, "County", "test"),))


def test_a_step_that_follows_its_contract_runs():
    ex = run_steps(Extraction(_article()), [_good])
    assert [m.text for m in ex.mentions] == ["台山市"]


def test_a_step_changing_an_undeclared_field_fails_with_its_name():
    with pytest.raises(ExtractionContractError, match="sneaky.*notes"):
        run_steps(Extraction(_article()), [_good, _sneaky])


def test_a_step_needing_what_no_earlier_step_adds_fails_before_running():
    with pytest.raises(ExtractionContractError, match="needs \\['mentions'\\]"):
        run_steps(Extraction(_article()), [_sneaky])


def test_mentions_must_slice_back_to_their_text():
    with pytest.raises(ExtractionContractError, match="bad-offsets"):
        run_steps(Extraction(_article()), [_bad_offsets])


def test_the_default_steps_name_figure_subjects_and_periods_apart_from_relations():
    from kg.extract import default_steps

    names = [s.name for s in default_steps()]
    assert names == [
        "mentions",
        "entities",
        "periods",
        "quantities",
        "tables",
        "figure-subjects",
        "figure-periods",
        "relations",
    ]
    relations = default_steps()[-1]
    assert relations.adds == frozenset({"relations"})


def test_every_registered_relation_rule_runs_and_an_unknown_one_fails():
    from kg.extract.relations.registry import registered, rules_in
    from kg.extract.relations.step import RULE_ORDER

    assert sorted(registered()) == sorted(RULE_ORDER)
    with pytest.raises(ExtractionContractError, match="left out: \\['members'\\]"):
        rules_in([n for n in RULE_ORDER if n != "members"])
    with pytest.raises(ExtractionContractError, match="unknown: \\['typo'\\]"):
        rules_in((*RULE_ORDER, "typo"))
