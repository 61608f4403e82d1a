"""The remembered word cut gives jieba's words, and forgets them when the dictionary grows."""

from __future__ import annotations

import random

from kg.extract.names.recognisers import add_words
from kg.extract.names.words import Boundaries, cut, forget, tokenizer

# sentences of our own, with letters, digits, spaces and marks between the words
TEXTS = [
    "平远县今年新建乡村公路12.5公里，S228线大柘至仁居段改建工程已完工。",
    "据悉，蕉岭县产业转移工业园引进ABC智能装备项目3个、总投资8亿元；",
    "记者 张明\n\n2024年3月，梅江区召开“百千万工程”推进会 。",
    "G205国道改线 工程(一期)于10月通车，全长约7km。",
    "",
    "，，。",
]


def _jieba(text: str) -> tuple[str, ...]:
    jieba, _ = tokenizer()
    return tuple(jieba.cut(text, HMM=False))


def test_cut_gives_jiebas_words_for_whole_texts_and_pieces():
    rng = random.Random(5)
    for text in TEXTS:
        assert cut(text) == _jieba(text)
        for _ in range(60):
            start = rng.randrange(len(text) + 1)
            piece = text[start : start + rng.randint(1, 12)]
            assert cut(piece) == _jieba(piece)


def test_a_word_added_after_a_cut_changes_the_next_cut():
    """A remembered cut made before a word was added would split that word."""
    word, text = "泓澄翠岗", "蕉岭县的泓澄翠岗步道全线贯通"
    jieba, tags = tokenizer()
    before = cut(text)
    assert word not in before
    # the dictionary as it was, to put back (other tests cut with it)
    total, kept = jieba.dt.total, {word[:k]: jieba.dt.FREQ.get(word[:k]) for k in range(1, 5)}
    try:
        add_words([f"{word} 1000 n"])
        assert word in cut(text)
        assert cut(text) == _jieba(text)
    finally:
        for frag, freq in kept.items():
            if freq is None:
                jieba.dt.FREQ.pop(frag, None)
            else:
                jieba.dt.FREQ[frag] = freq
        jieba.dt.total = total
        jieba.dt.user_word_tag_tab.pop(word, None)
        tags.pop(word, None)
        forget()
    assert cut(text) == before == _jieba(text)


def test_boundaries_asked_one_at_a_time_are_the_whole_cuts():
    """Cutting only the runs asked about finds the boundaries the whole text's cut has,
    at run edges, inside runs, between marks and at a \\r\\n (one word)."""
    for text in [*TEXTS, "甲\r\n乙 丙\r\r\n丁", "\r\n"]:
        whole, pos = {0}, 0
        for word in _jieba(text):
            pos += len(word)
            whole.add(pos)
        bounds = Boundaries(text)
        assert [o for o in range(-1, len(text) + 2) if o in bounds] == sorted(whole)
