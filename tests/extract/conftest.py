"""Shared fixtures for the extract tests (append new fixtures; keep each small)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from kg.records import Article, ArticleMeta, Sentence

_SENTENCE_END = re.compile(r"[^。；;!?！？\n]+(?:[。；;!?！？]+|$)", re.M)


def _make_article(text: str, date: dt.date | None = dt.date(2024, 5, 20)) -> Article:
    """An Article over ``text`` split into sentences at 。；!? and line ends (no ingest needed)."""
    sentences = []
    paragraph = seen = 0
    for m in _SENTENCE_END.finditer(text):
        start, end = m.span()
        paragraph, seen = paragraph + text.count("\n", seen, start), start
        if text[start:end].strip():
            sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))
    meta = ArticleMeta("test.txt", "0" * 64, title="测试", date=date)
    return Article("test", meta, text, tuple(sentences))


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    """Factory ``make_article(text, date=2024-05-20)`` building an Article without ingest."""
    return _make_article
