"""Cue words by role, read from ``data/lexicon/cues.tsv``: the one place cue lists live.

Each row is a word and its role (``figure-day``, ``event-day``, ``event-ref``, ``event-join``,
``event-venue``, ``event-topic``, ``selection``); ``cue_words(role)`` gives a role's words in
file order (rules that try cues in turn keep that order), ``cue_pattern`` a
regex matching any of them.
"""

from __future__ import annotations

import re
from functools import cache

from kg.errors import OntologyError
from kg.extract.text.lexicon import lexicon_rows


@cache
def _by_role() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for word, role in lexicon_rows("cues.tsv"):
        roles.setdefault(role, []).append(word)
    return {role: tuple(words) for role, words in roles.items()}


def cue_words(role: str) -> tuple[str, ...]:
    """The cue words of ``role``, in file order.

    >>> cue_words("event-venue")
    ('召开', '举行', '举办')
    """
    roles = _by_role()
    if role not in roles:
        raise OntologyError(f"no cue words of role {role!r} in data/lexicon/cues.tsv")
    return roles[role]


@cache
def cue_pattern(role: str, lead: str = "") -> re.Pattern[str]:
    """A regex matching ``lead`` then any cue word of ``role``."""
    return re.compile(lead + "(?:" + "|".join(map(re.escape, cue_words(role))) + ")")
