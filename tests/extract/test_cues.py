"""Cue words live in data/lexicon/cues.tsv with a role column, read through one module."""

from __future__ import annotations

import pytest

from kg.errors import OntologyError
from kg.extract.names.events import ON_THE_DAY
from kg.extract.names.titles import CUES
from kg.extract.relations.events import JOIN_CUES, VENUE_CUES
from kg.extract.text.cues import cue_pattern, cue_words
from kg.extract.text.lexicon import lexicon_rows

ROLES = {
    "figure-day",
    "event-day",
    "event-ref",
    "event-join",
    "event-venue",
    "event-topic",
    "selection",
}


def test_every_row_has_a_word_and_a_known_role():
    rows = lexicon_rows("cues.tsv")
    assert all(len(row) == 2 for row in rows)
    assert {role for _, role in rows} == ROLES


def test_the_rules_read_their_cues_from_the_table_in_its_order():
    assert cue_words("selection") == CUES and CUES[0] == "入选"
    assert JOIN_CUES[:2] == ("参加", "出席") and VENUE_CUES == ("召开", "举行", "举办")
    assert ON_THE_DAY.match("当天，") and not ON_THE_DAY.match("会上，")
    assert cue_pattern("figure-day", r"\s*").match(" 会上")


def test_an_unknown_role_fails_with_the_file_named():
    with pytest.raises(OntologyError, match="cues.tsv"):
        cue_words("on-the-dya")
