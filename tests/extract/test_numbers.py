"""Numerals: Arabic, Chinese and mixed, parsed exactly."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.extract.text.numbers
from kg.extract.text.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4455", "4455"),
        ("1,000", "1000"),
        ("12,345,678", "12345678"),
        ("3.2", "3.2"),
        ("０．５", "0.5"),
        ("三点二", "3.2"),
        ("两千", "2000"),
        ("一万二千", "12000"),
        ("一万二", "12000"),
        ("两千五", "2500"),
        ("十四", "14"),
        ("三百六十六", "366"),
        ("一千零五", "1005"),
        ("一百零五", "105"),
        ("一亿二千万", "120000000"),
        ("一万亿", "1000000000000"),
        ("二〇二三", "2023"),
        ("3.2万", "32000"),
        ("1.5亿", "150000000"),
        ("1万2千", "12000"),
        ("三点二万", "32000"),
        ("壹佰贰拾", "120"),
        ("零", "0"),
    ],
)
def test_numerals_parse_to_exact_decimals(text, value):
    assert parse_number(text) == Decimal(value)


def test_values_are_decimals_not_floats():
    assert isinstance(parse_number("0.1"), Decimal)
    assert parse_number("0.1") + parse_number("0.2") == Decimal("0.3")


@pytest.mark.parametrize("text", ["", "  ", "第二", "三五", "亿元", "G325", "1.2.3", "五点", "abc"])
def test_non_numerals_give_none(text):
    assert parse_number(text) is None


def test_doctests_pass():
    assert doctest.testmod(kg.extract.text.numbers).failed == 0


_DIGITS = "零一二三四五六七八九"


def _below_10000(n: int) -> str:
    out, gap = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit:
            out += ("零" if gap else "") + _DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
    return out


def _chinese(n: int) -> str:
    """A reference rendering of n (0 < n < 10**12) in Chinese numerals, written for the test."""
    groups = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out, gap = "", False
    for value, name in groups:
        if value:
            out += ("零" if out and (gap or value < 1000) else "") + _below_10000(value) + name
            gap = False
        elif out:
            gap = True
    return out


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_number(_chinese(n)) == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_arabic_numerals_with_separators_round_trip(value):
    assert parse_number(f"{value:,}") == value
