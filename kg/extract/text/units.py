"""The units table and the words around figures, read from ``data/lexicon``.

``data/lexicon/units.tsv`` lists units as written with their base unit, an
exact factor and a UN/CEFACT code; ``data/lexicon/quantity_words.tsv`` lists
qualifiers, link verbs, subject words and rank verbs. A magnitude written
before a unit (万, 亿, 千万 ...) combines with any unit of a countable kind,
so 万吨 and 亿美元 need no row of their own.

Base values are exact where the factor allows (亿元 -> 元 × 10^8) and rounded
to six decimal places where it does not: 1 亩 is 2000/3 m2, so 1000亩 gives
666666.666667 m2 (a micro-square-metre is far below any precision news gives).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from functools import cache
from typing import NamedTuple

from kg.errors import OntologyError
from kg.resources import data_file

__all__ = [
    "Unit",
    "base_unit_code",
    "quantity_words",
    "to_base",
    "unit_code",
    "units",
]

_MAGNITUDES = {"十万": 10**5, "百万": 10**6, "千万": 10**7, "万亿": 10**12, "千": 10**3}
_MAGNITUDES |= {"万": 10**4, "亿": 10**8}
_COMBINE = {"money", "area", "length", "volume", "mass", "power", "energy", "people", "count"}
_ROLES = {
    "qualifier_before",
    "qualifier_after",
    "link",
    "subject",
    "lead",
    "frame",
    "action",
    "head",
    "rank",
    "scope",
    "top",
    "ordinal",
    "reach",
    "top_n",
    "spend",
}
_PLACES = Decimal("0.000001")


class Unit(NamedTuple):
    """A unit as written, with how to normalise it."""

    unit: str
    base_unit: str
    factor: Fraction
    code: str | None
    kind: str

    @property
    def quantity_kind(self) -> str:
        """'ratio' for percentages and multiples, else 'amount'."""
        return "ratio" if self.kind in ("percent", "ratio") else "amount"


def _rows(name: str, width: int) -> list[list[str]]:
    """Tab-separated rows of a lexicon file, without comments and the header."""
    path = data_file("lexicon", name)
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > width or not cells[0]:
            raise OntologyError(f"{path}:{number}: expected at most {width} tab-separated cells")
        rows.append(cells + [""] * (width - len(cells)))
    return rows[1:]  # the header


def _unit_row(cells: list[str]) -> Unit:
    unit, base, factor, code, kind = cells
    try:
        value = Fraction(factor)
    except (ValueError, ZeroDivisionError) as err:
        raise OntologyError(f"units.tsv: bad factor {factor!r} for {unit!r}: {err}") from err
    return Unit(unit, base, value, code or None, kind)


@cache
def units() -> dict[str, Unit]:
    """Every unit as written (table rows plus magnitude combinations), by its text."""
    table = {u.unit: u for u in map(_unit_row, _rows("units.tsv", 5))}
    combined = dict(table)
    for u in table.values():
        if u.kind not in _COMBINE or u.unit.isascii() or u.unit[0] in "万亿":
            continue
        for magnitude, scale in _MAGNITUDES.items():
            key = magnitude + u.unit
            if key not in table:
                combined[key] = Unit(key, u.base_unit, u.factor * scale, None, u.kind)
    return combined


@cache
def quantity_words() -> dict[str, dict[str, str]]:
    """``{role: {word: normal form}}`` from quantity_words.tsv."""
    words: dict[str, dict[str, str]] = {role: {} for role in _ROLES}
    for word, role, normal in _rows("quantity_words.tsv", 3):
        if role not in _ROLES:
            raise OntologyError(f"quantity_words.tsv: unknown role {role!r} for {word!r}")
        words[role][word] = normal or word
    return words


def to_base(value: Decimal, unit: str) -> tuple[Decimal | None, str | None]:
    """``value`` in ``unit`` expressed in the base unit, or (None, None) for unknown units.

    >>> to_base(Decimal("209"), "亿元")
    (Decimal('20900000000'), '元')
    >>> to_base(Decimal("1000"), "亩")
    (Decimal('666666.666667'), 'm2')
    >>> to_base(Decimal("100"), "%"), to_base(Decimal("4.8"), "公里")
    ((Decimal('1'), '1'), (Decimal('4800'), 'm'))
    """
    row = units().get(unit)
    if row is None:
        return None, None
    if row.factor.denominator == 1:  # the common case, exact in Decimal alone
        with localcontext() as ctx:
            ctx.prec = 60
            return _tidy(value * row.factor.numerator), row.base_unit
    return _decimal(Fraction(value) * row.factor), row.base_unit


def _decimal(exact: Fraction) -> Decimal:
    """An exact Decimal when the fraction terminates, else rounded to six places."""
    den = exact.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    with localcontext() as ctx:
        ctx.prec = 60
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
        if den != 1:
            value = value.quantize(_PLACES, rounding=ROUND_HALF_EVEN)
        return _tidy(value)


def _tidy(value: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros; others normalised."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def unit_code(unit: str) -> str | None:
    """UN/CEFACT (or ISO 4217) code of ``unit`` as written, when it has one.

    >>> unit_code("公里"), unit_code("元"), unit_code("亿元")
    ('KMT', 'CNY', None)
    """
    row = units().get(unit)
    return row.code if row else None


def base_unit_code(base_unit: str) -> str | None:
    """Code of a base unit (元 -> CNY, m2 -> MTK, 1 -> C62), from the table's factor-1 rows.

    >>> base_unit_code("m2"), base_unit_code("元"), base_unit_code("1")
    ('MTK', 'CNY', 'C62')
    """
    if base_unit == "1":
        return "C62"
    for row in units().values():
        if row.base_unit == base_unit and row.factor == 1 and row.code:
            return row.code
    return None
