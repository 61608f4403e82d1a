"""Company names: the trade name inside a registered company name.

Reads the gazetteer (a name opens with the places it is registered in); adds
nothing to the extraction by itself: the name recognisers, the entity step and
the works rules use it.
"""

from __future__ import annotations

from kg.extract.names.gazetteer import load_gazetteer

_REGISTERED = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团")


def company_core(name: str) -> str | None:
    """The trade name inside a registered company name, as articles shorten it.

    >>> company_core("惠州晟博膜科技有限公司")
    '晟博膜科技'
    >>> company_core("广东省华信集团") is None  # two characters are too ambiguous
    True
    """
    tail = next((t for t in _REGISTERED if name.endswith(t)), None)
    if tail is None:
        return None
    core = name[: -len(tail)]
    gaz = load_gazetteer()
    for size in range(min(len(core) - 2, 6), 1, -1):
        if gaz.candidates(core[:size]):
            core = core[size:]
            break
    return core if len(core) >= 3 else None
