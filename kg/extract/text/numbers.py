"""Parse numerals written with Arabic digits, Chinese characters or both into exact Decimals.

``parse_number`` reads a whole numeral: ``1,000``, ``3.2``, ``三点二``, ``两千``,
``一万二千``, ``三百六十六``, ``二〇二三``, ``3.2万``, ``1万2千``. Magnitude
characters (万, 亿, and 千万 ...) written inside or after the numeral are
multiplied out here, so ``parse_number("3.2万") == Decimal("32000")``.

The quantity finder does not use that for a magnitude written just before a
unit: 3.2万亩 keeps value 3.2 and unit 万亩, so that ``Quantity.value`` is the
number as written and the units table does the scaling (see
``kg.extract.figures.quantities``). Ordinals (第二) are the caller's business: strip
the 第 first.

All arithmetic is Decimal; no float is ever involved.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["CHINESE_DIGITS", "NUMERAL_CHARS", "OUTPUT_RATE", "parse_number"]

# an output or throughput rate before a unit: 年产8000万, 日处理3 (the article text is
# NFKC, so full-width digits never occur; the three rules that read it share it)
OUTPUT_RATE = r"(?:年产|年处理|年加工|日处理|年出栏|年产能)[0-9.一二三四五六七八九十百千万亿两]+"

CHINESE_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)

# Full-width digits and point, in case the text was not NFKC-normalised.
_WIDE = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_TOKEN = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|.", re.S)
_MAGNITUDE_TAIL = re.compile(rf"[{''.join(_SMALL_UNITS)}{''.join(_BIG_UNITS)}]+")


def parse_number(text: str) -> Decimal | None:
    """The value of the numeral ``text``, or None when it is not one numeral.

    >>> parse_number("1,000"), parse_number("3.2"), parse_number("4455")
    (Decimal('1000'), Decimal('3.2'), Decimal('4455'))
    >>> parse_number("三点二"), parse_number("两千"), parse_number("一万二千")
    (Decimal('3.2'), Decimal('2000'), Decimal('12000'))
    >>> parse_number("十四"), parse_number("三百六十六"), parse_number("一千零五")
    (Decimal('14'), Decimal('366'), Decimal('1005'))
    >>> parse_number("3.2万"), parse_number("1.5亿"), parse_number("1万2千")
    (Decimal('32000'), Decimal('150000000'), Decimal('12000'))
    >>> parse_number("二〇二三"), parse_number("一万二"), parse_number("三点二万")
    (Decimal('2023'), Decimal('12000'), Decimal('32000'))
    >>> parse_number("第二") is None, parse_number("三五") is None, parse_number("") is None
    (True, True, True)
    """
    text = text.strip().translate(_WIDE)
    if not text:
        return None
    if _ARABIC.fullmatch(text):
        return Decimal(text.replace(",", ""))
    whole, point, fraction = text.partition("点")
    if point:
        return _with_fraction(whole, fraction)
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        # 二〇二三 reads digit by digit; 三五 ("three or five") is no number.
        return _positional(text) if len(text) > 2 or set(text) & {"〇", "零"} else None
    return _integer(text)


def _with_fraction(whole: str, fraction: str) -> Decimal | None:
    """三点二万: the whole part, the digits after 点, then any magnitude tail."""
    tail = _MAGNITUDE_TAIL.search(fraction)
    digits = fraction[: tail.start()] if tail else fraction
    scale = _magnitude(tail.group()) if tail else Decimal(1)
    head = _integer(whole)
    if head is None or scale is None or not digits:
        return None
    if not all(ch in CHINESE_DIGITS for ch in digits):
        return None
    value = Decimal(f"{head}.{''.join(str(CHINESE_DIGITS[ch]) for ch in digits)}")
    return _tidy(value * scale)


def _positional(text: str) -> Decimal:
    """二〇二三: digits read one by one, as in years and codes."""
    return Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in text))


def _magnitude(text: str) -> Decimal | None:
    """The product of a run of unit characters: 千万 -> 10**7."""
    scale = Decimal(1)
    for ch in text:
        factor = _SMALL_UNITS.get(ch) or _BIG_UNITS.get(ch)
        if factor is None:
            return None
        scale *= factor
    return scale


def _integer(text: str) -> Decimal | None:
    """Read digits and unit characters (十百千万亿) as a Chinese integer.

    Arabic runs count as one digit, so 1万2千 and 3.2万 read too. A lone
    digit after a unit of a hundred or more abbreviates the next lower unit
    (一万二 = 12000, 两千五 = 2500) unless a 零 came between.
    """
    total = section = Decimal(0)
    pending: Decimal | None = None
    last_unit = 0
    zero_seen = False
    seen_any = False
    for token in _TOKEN.findall(text):
        if token[0].isdigit() or token in CHINESE_DIGITS:
            value = Decimal(token.replace(",", "")) if token[0].isdigit() else None
            if value is None:
                value = Decimal(CHINESE_DIGITS[token])
                if value == 0:
                    zero_seen, pending, seen_any = True, None, True
                    continue
            if pending is not None:
                return None  # two digits in a row (三五): a range, not a number
            pending = value
        elif token in _SMALL_UNITS:
            unit = _SMALL_UNITS[token]
            section += (pending if pending is not None else 1) * unit
            pending, last_unit, zero_seen = None, unit, False
        elif token in _BIG_UNITS:
            unit = _BIG_UNITS[token]
            group = section + (pending or 0)
            if group == 0 and total == 0:
                group = Decimal(1)
            # 亿 scales everything before it (一万亿); 万 only its own group.
            total = (total + group) * unit if unit > 10**4 else total + group * unit
            section, pending, last_unit, zero_seen = Decimal(0), None, unit, False
        else:
            return None
        seen_any = True
    if not seen_any:
        return None
    if pending is not None and last_unit >= 100 and not zero_seen:
        pending *= Decimal(last_unit) / 10
    return _tidy(total + section + (pending or 0))


def _tidy(value: Decimal) -> Decimal:
    """Integral values without a trailing ``.0`` or exponent, others as computed."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize() if value.adjusted() > -7 else value
