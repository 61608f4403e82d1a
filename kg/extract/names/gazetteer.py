"""The gazetteer of China's administrative divisions: lookup, scanning and resolution.

Data: ``data/gazetteer/divisions.tsv`` (every province, prefecture and county of
China, every town-level unit of Guangdong; official codes and parents; built by
``tools/build_gazetteer.py``, see ``data/gazetteer/SOURCE.md``). Words in
``generic_words.txt`` are never matched as names (老城区, 东区: they are far more
often plain words than the district).

A *surface* is a piece of text that equals a division's full name (台山市, 共和镇)
or one of its short names (台山, 共和). ``resolve`` links a surface to one
division, or to none when it cannot be sure, because a wrong link is worse than
none. Its rules, given ``context`` (codes of divisions already known in the
article: its county, prefecture, province, other resolved places):

1. A surface with a single candidate in China resolves alone, whatever the
   context: full names (鹤山市, 共和镇 when unique), and short names of provinces,
   prefectures and counties (江门, 茂名, 广东).
2. A short name of a town or subdistrict (共和, 龙口, 沙坪) resolves only when
   the context holds its county or its prefecture (or the town itself), even
   when it is unique.
3. A surface with several candidates resolves only to a candidate that fits the
   context: it lies inside a context division, equals one, or contains one.
   Closeness is the level of the lowest shared ancestor: same county beats
   same prefecture beats same province. A tie at the best level, or no
   candidate fitting, gives None. So 龙口 in an article about 鹤山 is the town
   龙口镇, never Shandong's 龙口市, and 龙口 with no context is nothing.

``guess_context`` builds such a context from all surfaces of an article.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import OntologyError
from kg.extract.kinds import Kind
from kg.resources import data_file

LOG = logging.getLogger(__name__)

HEADER = ("code", "name", "level", "parent_code", "short")
DEPTH = {Kind.PROVINCE: 1, Kind.PREFECTURE: 2, Kind.COUNTY: 3, Kind.TOWN: 4, Kind.SUBDISTRICT: 4}
TOWN_LEVELS = frozenset({Kind.TOWN, Kind.SUBDISTRICT})
MIN_NAME = 2  # one-character names are never scanned (the build never makes them)


@dataclass(frozen=True)
class Division:
    """One administrative division: official code, name, level and parent code."""

    code: str
    name: str
    level: str
    parent: str | None
    short: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """A division that a surface names, and whether it names it by a short name."""

    division: Division
    by_short: bool


@dataclass(frozen=True)
class Gazetteer:
    """Divisions by code with name indexes; build one with ``load_gazetteer``."""

    divisions: Mapping[str, Division]
    ancestors: Mapping[str, tuple[str, ...]]  # code -> its chain of codes, itself first
    names: Mapping[str, tuple[Match, ...]]  # surface -> what it names
    lengths: Mapping[str, tuple[int, ...]]  # first two characters -> name lengths, longest first

    def by_code(self, code: str) -> Division | None:
        """The division with this official code, or None."""
        return self.divisions.get(code)

    def candidates(self, surface: str) -> tuple[Division, ...]:
        """Every division whose full or short name equals ``surface``, by code."""
        return tuple(m.division for m in self.names.get(surface, ()))

    def chain(self, code: str) -> tuple[Division, ...]:
        """The division and its ancestors up to the province, nearest first (() if unknown)."""
        return tuple(self.divisions[c] for c in self.ancestors.get(code, ()))

    def is_within(self, code: str, ancestor_code: str) -> bool:
        """True when ``ancestor_code`` is ``code`` itself or one of its ancestors."""
        return ancestor_code in self.ancestors.get(code, ())

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping leftmost-longest name matches ``(start, end, surface)`` in text."""
        return scan_names(text, self.names, self.lengths)

    def resolve(self, surface: str, context: Iterable[str] = ()) -> Division | None:
        """The division ``surface`` names given the article's context codes, or None.

        The rules are in the module docstring. Unknown context codes are ignored.
        """
        matches = self.names.get(surface, ())
        if not matches:
            return None
        known = self._known(context)
        if len(matches) == 1:
            only = matches[0]
            return only.division if self._allowed(only, known) else None
        if not known:
            return None
        return self._closest(matches, known)

    def _known(self, context: Iterable[str]) -> frozenset[str]:
        """The codes of ``context`` the gazetteer knows; kept for the last frozenset asked
        about (an article's names are resolved against one context, thousands of times)."""
        last = self.__dict__.get("_last_known")
        if last is not None and last[0] is context:
            return last[1]
        known = frozenset(c for c in context if c in self.ancestors)
        if isinstance(context, frozenset):
            self.__dict__["_last_known"] = (context, known)
        return known

    def guess_context(self, surfaces: Iterable[str]) -> tuple[str, ...]:
        """Home context of an article: codes of places it names unambiguously, with ancestors.

        First pass: surfaces with one candidate that is a province, prefecture or
        county (or a town by its unique full name, which pins its county). Second
        pass: surfaces of several candidates that resolve against the first pass
        to a county or above (鹤山 next to 江门). Order of surfaces does not matter.
        """
        unique = set(surfaces)
        first: set[str] = set()
        for surface in unique:
            matches = self.names.get(surface, ())
            if len(matches) == 1 and _anchors_context(matches[0]):
                first.update(self.ancestors[matches[0].division.code])
        second: set[str] = set()
        frozen = frozenset(first)
        for surface in unique:
            found = self.resolve(surface, frozen) if first else None
            if found is not None and found.level not in TOWN_LEVELS:
                second.update(self.ancestors[found.code])
        return tuple(sorted(first | second))

    def jieba_user_dict_lines(self, full_freq: int = 1000, short_freq: int = 300) -> list[str]:
        """Lines ``"name freq ns"`` for every indexed name, for jieba's user dictionary."""
        lines = []
        for surface in sorted(self.names):
            full = any(not m.by_short for m in self.names[surface])
            lines.append(f"{surface} {full_freq if full else short_freq} ns")
        return lines

    def _allowed(self, match: Match, known: frozenset[str]) -> bool:
        """Rule 2: a town's short name needs its county or prefecture in the context."""
        if not (match.by_short and match.division.level in TOWN_LEVELS):
            return True
        chain = self.ancestors[match.division.code]
        return any(code in known for code in chain if self.divisions[code].level != Kind.PROVINCE)

    def _closest(self, matches: tuple[Match, ...], known: frozenset[str]) -> Division | None:
        """Rule 3: the single candidate closest to the context, or None on a tie or no fit."""
        best, winners = 0, []
        for match in matches:
            if not self._allowed(match, known):
                continue
            depth = self._closeness(match.division.code, known)
            if depth > best:
                best, winners = depth, [match.division]
            elif depth == best and depth:
                winners.append(match.division)
        return winners[0] if len(winners) == 1 else None

    def _closeness(self, code: str, known: frozenset[str]) -> int:
        """Depth of the deepest ancestor ``code`` shares with a context code (0: none)."""
        # the deepest ancestor shared with any context code is the deepest of ``code``'s
        # ancestors that lies on some context code's chain
        last = self.__dict__.get("_last_chains")
        if last is None or last[0] is not known:
            last = (known, frozenset(a for other in known for a in self.ancestors[other]))
            self.__dict__["_last_chains"] = last
        chains = last[1]
        return max(
            (DEPTH[self.divisions[a].level] for a in self.ancestors[code] if a in chains),
            default=0,
        )


def _anchors_context(match: Match) -> bool:
    """Whether a unique match may define an article's home context."""
    return match.division.level not in TOWN_LEVELS or not match.by_short


def scan_names(
    text: str, names: Mapping[str, object], lengths: Mapping[str, tuple[int, ...]]
) -> list[tuple[int, int, str]]:
    """Leftmost-longest matches of ``names`` in text; ``lengths`` maps a name's first two
    characters to the lengths of names starting with them, longest first.

    >>> names = {"台山": 1, "台山市": 1, "广海镇": 1}
    >>> scan_names("台山市广海镇和台山", names, {"台山": (3, 2), "广海": (3,)})
    [(0, 3, '台山市'), (3, 6, '广海镇'), (7, 9, '台山')]
    """
    found = []
    i, n = 0, len(text)
    while i < n - 1:
        for size in lengths.get(text[i : i + 2], ()):
            piece = text[i : i + size]
            if len(piece) == size and piece in names:
                found.append((i, i + size, piece))
                i += size
                break
        else:
            i += 1
    return found


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process.

    Raises OntologyError when the file is missing or malformed.
    """
    divisions = read_divisions(data_file("gazetteer", "divisions.tsv"))
    generic = read_generic_words(data_file("gazetteer", "generic_words.txt"))
    return build_gazetteer(divisions, generic)


def build_gazetteer(
    divisions: Iterable[Division], generic: frozenset[str] = frozenset()
) -> Gazetteer:
    """A Gazetteer over ``divisions``; names in ``generic`` are not indexed."""
    by_code = {d.code: d for d in divisions}
    ancestors = {code: _ancestry(code, by_code) for code in by_code}
    index: dict[str, list[Match]] = {}
    for code in sorted(by_code):
        division = by_code[code]
        surfaces = [(division.name, False)] + [(s, True) for s in division.short]
        for surface, by_short in surfaces:
            if len(surface) >= MIN_NAME and surface not in generic:
                index.setdefault(surface, []).append(Match(division, by_short))
    lengths: dict[str, set[int]] = {}
    for surface in index:
        lengths.setdefault(surface[:2], set()).add(len(surface))
    return Gazetteer(
        divisions=by_code,
        ancestors=ancestors,
        names={s: tuple(ms) for s, ms in index.items()},
        lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
    )


def _ancestry(code: str, by_code: Mapping[str, Division]) -> tuple[str, ...]:
    chain = [code]
    while (parent := by_code[chain[-1]].parent) is not None:
        if parent in chain:
            raise OntologyError(f"gazetteer: division {code} is its own ancestor via {parent}")
        chain.append(parent)
    return tuple(chain)


def read_divisions(path: Path) -> list[Division]:
    """Divisions from a gazetteer TSV (header ``code name level parent_code short``).

    Raises OntologyError naming the file and line when a row is malformed or a
    parent code is missing.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise OntologyError(f"{path}: first line must be the header {' '.join(HEADER)}")
    divisions = [_parse_row(path, number, line) for number, line in enumerate(lines[1:], 2)]
    codes = {d.code for d in divisions}
    for d in divisions:
        if d.parent is not None and d.parent not in codes:
            raise OntologyError(f"{path}: {d.code} {d.name} has unknown parent {d.parent}")
    return divisions


def _parse_row(path: Path, number: int, line: str) -> Division:
    cells = line.split("\t")
    if len(cells) != len(HEADER):
        raise OntologyError(f"{path}:{number}: expected {len(HEADER)} tab-separated cells")
    code, name, level, parent, short = cells
    if level not in DEPTH or not code.isdigit() or len(code) not in (6, 9) or not name:
        raise OntologyError(
            f"{path}:{number}: bad row {line!r}; rebuild with tools/build_gazetteer.py"
        )
    return Division(code, name, level, parent or None, tuple(s for s in short.split(",") if s))


def read_generic_words(path: Path) -> frozenset[str]:
    """Words never indexed as names: one a line, ``#`` starts a comment."""
    words = (
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return frozenset(w for w in words if w)


def guess_context(surfaces: Iterable[str]) -> tuple[str, ...]:
    """``load_gazetteer().guess_context(surfaces)``."""
    return load_gazetteer().guess_context(surfaces)


def jieba_user_dict_lines() -> list[str]:
    """``load_gazetteer().jieba_user_dict_lines()``."""
    return load_gazetteer().jieba_user_dict_lines()
