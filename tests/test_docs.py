"""Every CLI command has help that ends with an example and is in the README."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kg.cli import _parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_top_level_help_ends_with_examples():
    assert "example:" in _parser().format_help()


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_help_has_a_description_and_an_example(name):
    text = _commands()[name].format_help()
    assert _commands()[name].description, f"kg {name} has no description"
    assert "example:\n  kg " in text, f"kg {name} --help lacks an example"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_is_documented_in_the_readme(name):
    assert f"`kg {name}" in README, f"README does not document kg {name}"
