"""kg analyse, path and neighbours read a graph file or an Oxigraph store alike."""

from __future__ import annotations

import pytest
from analyse_helpers import SEED

from kg.analyse.commands import load_view
from kg.build import DEFAULT_FORMATS, build
from kg.errors import UsageError


def test_a_store_and_its_turtle_give_the_same_view(tmp_path, seed_view):
    out = tmp_path / "out"
    build([SEED], out, formats=DEFAULT_FORMATS + ("oxigraph",))
    from_store = load_view(out / "kg.oxigraph")
    from_trig = load_view(out / "kg.trig")
    for other in (from_store, from_trig):
        assert list(other.nodes(data=True)) == list(seed_view.nodes(data=True))
        assert list(other.edges(keys=True, data=True)) == list(
            seed_view.edges(keys=True, data=True)
        )


def test_a_missing_graph_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no graph at"):
        load_view(tmp_path / "nothing.ttl")
