"""canonical_map finds short forms through sorted indexes; it must answer as comparing
every name with every other did (that grew with the square of a corpus's names)."""

from __future__ import annotations

import random

from kg.extract.entities.resolve import _TAIL_NAMED, _is_abbreviation, canonical_map
from kg.extract.kinds import Kind


def pairwise(pairs):
    """The rule as first written: each name against every longer one."""
    names = {}
    for kind, name in pairs:
        names.setdefault(kind, set()).add(name)
    out = {}
    for kind, surfaces in names.items():
        longest_first = sorted(surfaces, key=lambda s: (-len(s), s))
        for surface in longest_first:
            longer = [
                x
                for x in longest_first
                if len(x) > len(surface)
                and (
                    (kind == Kind.COMPANY and x.startswith(surface))
                    or (kind == Kind.PROGRAMME and _is_abbreviation(surface, x))
                    or (kind in _TAIL_NAMED and len(surface) >= 4 and x.endswith(surface))
                )
            ]
            targets = {out.get((kind, x), x) for x in longer}
            out[(kind, surface)] = targets.pop() if len(targets) == 1 else surface
    return out


def test_indexed_short_forms_match_the_pairwise_rule_on_random_names():
    rng = random.Random(11)
    alphabet = "华信电器新材料园区项目工程二期三期百县千镇万村发展𠀀"
    kinds = [Kind.COMPANY, Kind.PARK, Kind.PROJECT, Kind.PROGRAMME, Kind.EVENT]
    pairs = []
    for _ in range(1500):
        stem = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
        for cut in range(rng.randint(1, 3)):
            tail = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
            pairs.append((rng.choice(kinds), stem + tail if cut % 2 else tail + stem))
    assert canonical_map(pairs) == pairwise(pairs)


def test_a_trade_name_joins_its_one_long_form_and_stays_when_it_has_many():
    pairs = [(Kind.COMPANY, f"南岭{i}号材料") for i in range(200)] + [
        (Kind.COMPANY, "南岭"),
        (Kind.COMPANY, "海宏"),
        (Kind.COMPANY, "海宏电器"),
    ]
    found = canonical_map(pairs)
    assert found[(Kind.COMPANY, "海宏")] == "海宏电器"
    assert found[(Kind.COMPANY, "南岭")] == "南岭"
