"""Romanisation: the readings kg.pinyin keeps per word are pypinyin's own."""

from __future__ import annotations

import unicodedata

import pypinyin
from hypothesis import given
from hypothesis import strategies as st

import kg.pinyin
from kg.pinyin import lazy_pinyin, pinyin_label

# Names with characters read differently in different words (行, 长, 重, 乐, 朝), heads
# pinyin_label keeps apart, and runs of Latin letters, digits and punctuation.
NAMES = [
    "银行街道", "行政服务中心", "长乐县", "长沙市", "重庆市", "重阳村", "乐昌市", "音乐广场",
    "朝阳区", "朝天门码头", "都昌县", "首都大道", "G94珠三角环线高速", "ABC科技有限公司",
    "（二期）长堤路", "Ｘ２号线", "曲江区", "弯曲路", "单县", "朴园", "广州市白云区",
]  # fmt: skip


def test_the_kept_readings_are_pypinyins():
    for name in NAMES:
        text = unicodedata.normalize("NFKC", name)
        assert lazy_pinyin(text) == pypinyin.lazy_pinyin(text), name
        assert lazy_pinyin(text) == pypinyin.lazy_pinyin(text), name  # read again, kept


@given(st.text(alphabet="行长重乐朝都曲单朴银政县市区镇村园路a1 -（）", max_size=12))
def test_any_mix_of_ambiguous_characters_reads_as_pypinyin_reads_it(text):
    assert lazy_pinyin(text) == pypinyin.lazy_pinyin(text)


def test_a_word_read_once_is_not_converted_again(monkeypatch):
    """Converting a word is four fifths of pypinyin's time; names repeat their words."""
    from pypinyin.converter import DefaultConverter

    first, label = lazy_pinyin("潮州长乐产业园"), pinyin_label("潮州长乐产业园")
    assert first == pypinyin.lazy_pinyin("潮州长乐产业园")

    def refuse(*_, **__):
        raise AssertionError("converted a word already read")

    monkeypatch.setattr(DefaultConverter, "convert", refuse)
    assert lazy_pinyin("潮州长乐产业园") == first
    pinyin_label.cache_clear()
    assert pinyin_label("潮州长乐产业园") == label


def test_the_kept_readings_stay_bounded(monkeypatch):
    monkeypatch.setattr(kg.pinyin, "_KEPT_WORDS", 4)
    for name in NAMES:
        lazy_pinyin(name)
    assert len(lazy_pinyin.__self__._converter._kept) <= 4
    assert lazy_pinyin("重庆市") == pypinyin.lazy_pinyin("重庆市")
