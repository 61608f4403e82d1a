"""The text layer: one ``Doc`` per article, built once, that every step reads.

A Doc holds the article's sentence starts, so that the sentence of an offset
is found by bisection (``Article.sentence_at`` looks at every sentence). It is
kept by identity for the article in use (``doc_of``), so the steps of one
extraction share it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from kg.records import Article, Sentence


@dataclass(frozen=True)
class Doc:
    """An article with its sentence starts, for lookups by bisection."""

    article: Article
    starts: tuple[int, ...] = field(repr=False)

    @classmethod
    def of(cls, article: Article) -> Doc:
        """The Doc of ``article``."""
        return cls(article, tuple(s.start for s in article.sentences))

    @property
    def text(self) -> str:
        """The article's body text."""
        return self.article.text

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset`` (None between or outside sentences)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        sentence = self.article.sentences[i]
        return sentence if sentence.start <= offset < sentence.end else None

    def sentence_index(self, offset: int) -> int:
        """The index of the sentence holding ``offset``, -1 when none holds it."""
        sentence = self.sentence_at(offset)
        return sentence.index if sentence else -1


_DOCS: dict[int, Doc] = {}


def doc_of(article: Article) -> Doc:
    """The Doc of ``article``, built on first use and kept while it is in use."""
    found = _DOCS.get(id(article))
    if found is not None and found.article is article:
        return found
    if len(_DOCS) >= 8:
        _DOCS.clear()
    doc = _DOCS[id(article)] = Doc.of(article)
    return doc
