"""Lexicons the recognisers use, read from ``data/lexicon/`` (data, not code).

Each file names its general source in a comment line; lines starting with
``#`` are comments, fields are tab-separated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from kg.extract.kinds import Kind
from kg.resources import data_file


def lexicon_rows(name: str) -> list[list[str]]:
    """The tab-separated fields of each line of ``data/lexicon/{name}``, without
    blank lines and comments."""
    path = data_file("lexicon", name)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([field.strip() for field in line.split("\t")])
    return rows


@dataclass(frozen=True)
class Suffix:
    """A name ending that marks a class, e.g. 工业园 → Park."""

    text: str
    kind: Kind  # a kind the table misspells fails when the lexicon loads
    min_prefix: int


@dataclass(frozen=True)
class Lexicon:
    """All lexicons, loaded once."""

    suffixes: tuple[Suffix, ...]  # longest first
    boundaries: frozenset[str]
    not_names: frozenset[str]
    regions: dict[str, str]  # surface -> canonical name
    organs: dict[str, str]  # surface -> canonical name
    industries: tuple[str, ...]  # longest first
    modifiers: frozenset[str]  # generic words that are not brands (现代, 绿色)
    name_words: tuple[str, ...]  # words kept whole inside names (千亩)
    name_verbs: frozenset[str]  # verbs that may stand inside a name (振兴, 提升)
    surnames: frozenset[str]  # single-character family names
    titles: tuple[str, ...]  # endings of titles and lists (示范镇, 名单), longest first

    @cached_property
    def max_boundary(self) -> int:
        """The longest boundary word's length (asked for at every walk back: found once)."""
        return max(map(len, self.boundaries))

    @cached_property
    def boundary_sizes(self) -> tuple[int, ...]:
        """The lengths boundary words have (a boundary ends at i when one of
        text[i - size : i] is a boundary word: a look-up per size, not per word)."""
        return tuple(sorted({len(b) for b in self.boundaries}))

    @cached_property
    def short_boundaries(self) -> frozenset[str]:
        """Boundary words of one character."""
        return frozenset(b for b in self.boundaries if len(b) <= 1)

    @cached_property
    def industry_set(self) -> frozenset[str]:
        return frozenset(self.industries)

    @cached_property
    def _suffixes_by_text(self) -> dict[str, tuple[Suffix, ...]]:
        by_text: dict[str, list[Suffix]] = {}
        for suffix in self.suffixes:
            by_text.setdefault(suffix.text, []).append(suffix)
        return {text: tuple(group) for text, group in by_text.items()}

    @cached_property
    def _suffix_sizes(self) -> tuple[int, ...]:
        return tuple(sorted({len(s.text) for s in self.suffixes}, reverse=True))

    def tail_suffixes(self, word: str) -> list[Suffix]:
        """``[s for s in self.suffixes if word.endswith(s.text)]``, by a look-up per
        suffix length instead of a scan of every suffix (they are longest first, so
        the suffixes of one length come together, in the table's order)."""
        by_text, out = self._suffixes_by_text, []
        for size in self._suffix_sizes:
            if size <= len(word):
                out.extend(by_text.get(word[len(word) - size :], ()))
        return out


def _aliases(rows: list[list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows:
        canonical = row[0]
        out[canonical] = canonical
        for alias in row[1].split(",") if len(row) > 1 and row[1] else []:
            out.setdefault(alias.strip(), canonical)
    return out


@cache
def load_lexicon() -> Lexicon:
    """The lexicons under ``data/lexicon/`` (cached)."""
    suffixes = tuple(
        sorted(
            (Suffix(r[0], Kind(r[1]), int(r[2])) for r in lexicon_rows("suffixes.tsv")),
            key=lambda s: -len(s.text),
        )
    )
    return Lexicon(
        suffixes=suffixes,
        boundaries=frozenset(r[0] for r in lexicon_rows("boundaries.txt")),
        not_names=frozenset(r[0] for r in lexicon_rows("not_names.txt")),
        regions=_aliases(lexicon_rows("regions.txt")),
        organs=_aliases(lexicon_rows("organs.tsv")),
        industries=tuple(
            sorted((r[0] for r in lexicon_rows("industries.txt")), key=len, reverse=True)
        ),
        modifiers=frozenset(r[0] for r in lexicon_rows("modifiers.txt")),
        name_words=tuple(r[0] for r in lexicon_rows("name_words.txt")),
        name_verbs=frozenset(r[0] for r in lexicon_rows("name_verbs.txt")),
        surnames=frozenset("".join(r[0] for r in lexicon_rows("surnames.txt"))),
        titles=tuple(sorted((r[0] for r in lexicon_rows("titles.txt")), key=len, reverse=True)),
    )
