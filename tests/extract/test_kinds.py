"""Kinds are an enum: a misspelt kind fails at import or when the lexicon loads."""

from __future__ import annotations

import pytest

from kg.extract.kinds import PLACES, Kind
from kg.extract.text.lexicon import load_lexicon
from kg.records import DIVISION_KINDS, KINDS


def test_the_enum_is_the_model_list_and_compares_as_its_strings():
    assert tuple(Kind) == KINDS
    assert Kind.COMPANY == "Company" and f"{Kind.GOVERNMENT_BODY}" == "GovernmentBody"
    assert {*DIVISION_KINDS, "Region"} == PLACES


def test_a_misspelt_kind_fails():
    with pytest.raises(AttributeError):
        _ = Kind.COMPNAY
    with pytest.raises(ValueError):
        Kind("Compnay")


def test_every_suffix_of_the_lexicon_names_a_known_kind():
    assert all(isinstance(s.kind, Kind) for s in load_lexicon().suffixes)
