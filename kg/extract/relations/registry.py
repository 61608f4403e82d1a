"""Relation rules by name: each rule module registers its rule, the relation step runs them.

A rule reads an Extraction (mentions, entities, figures with their subjects and
periods) and returns the Relations it finds; it changes nothing. The relation
step runs the rules in the order it names (the first relation found for a
subject, predicate, object and sentence keeps its evidence), and fails when a
rule is registered that the order leaves out, or the order names one that is
not registered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.errors import ExtractionContractError
from kg.records import Extraction, Relation

RelationRule = Callable[[Extraction], list[Relation]]

_RULES: dict[str, RelationRule] = {}


def relation_rule(name: str) -> Callable[[RelationRule], RelationRule]:
    """Decorator registering ``fn(Extraction) -> list[Relation]`` as the rule ``name``."""

    def register(fn: RelationRule) -> RelationRule:
        if name in _RULES and _RULES[name] is not fn:
            raise ExtractionContractError(f"two relation rules are named {name!r}")
        _RULES[name] = fn
        return fn

    return register


def rules_in(order: Sequence[str]) -> list[tuple[str, RelationRule]]:
    """The registered rules in ``order``; every registered rule must be in it, once."""
    unknown = [n for n in order if n not in _RULES]
    left_out = sorted(set(_RULES) - set(order))
    if unknown or left_out or len(set(order)) != len(order):
        raise ExtractionContractError(
            f"relation rule order {list(order)} does not match the registered rules "
            f"(unknown: {unknown}, left out: {left_out})"
        )
    return [(n, _RULES[n]) for n in order]


def registered() -> tuple[str, ...]:
    """The names of the registered rules, in the order they registered."""
    return tuple(_RULES)
