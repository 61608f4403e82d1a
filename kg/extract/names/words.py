"""The word segmenter: jieba, loaded once, and its cut without the HMM, remembered.

``cut(text)`` gives the words ``jieba.cut(text, HMM=False)`` gives, as a tuple.
The rules cut short pieces of text (the words before a name's ending, a gap
between two names) again and again, and an article's pieces repeat from one
article to the next: each piece is cut once. The cut itself is jieba's
(``Tokenizer.get_DAG``, ``calc`` and ``__cut_DAG_NO_HMM``) done in one pass over
the piece, with the same dictionary, the same sums in the same order and the
same choice between equal routes (the longer word), so the words are jieba's.
``forget()`` drops what was remembered: ``add_words`` calls it, as the
dictionary then changes.
"""

from __future__ import annotations

import bisect
from functools import cache, lru_cache
from math import log


@cache
def tokenizer():
    """The jieba segmenter (loaded once) and its word → part-of-speech table."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba, jieba.posseg.dt.word_tag_tab


def cut(text: str) -> tuple[str, ...]:
    """``tuple(jieba.cut(text, HMM=False))``, each text cut once."""
    return _cut(text)


def forget() -> None:
    """Forget the cuts made so far (the segmenter's dictionary changed)."""
    _cut.cache_clear()


@lru_cache(maxsize=16384)
def _cut(text: str) -> tuple[str, ...]:
    jieba, _ = tokenizer()
    han, skip = jieba.re_han_default, jieba.re_skip_default
    freq, total = jieba.dt.FREQ, jieba.dt.total
    out: list[str] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            _cut_block(block, freq, total, jieba.re_eng, out)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append(piece)
            else:
                out.extend(piece)
    return tuple(out)


def _cut_block(sentence: str, freq: dict, total: int, eng, out: list[str]) -> None:
    """jieba's ``__cut_DAG_NO_HMM`` of one block of Chinese characters, letters and digits."""
    n = len(sentence)
    logtotal = log(total)
    score = [0.0] * (n + 1)
    ends = [0] * (n + 1)
    get, ln = freq.get, log
    for idx in range(n - 1, -1, -1):
        # the words starting at idx (get_DAG), scored as calc scores them; max over
        # (score, end) keeps the later end on equal scores
        best = best_end = None
        i, f = idx, get(sentence[idx])
        while f is not None:  # None: no word goes on with this prefix
            if f:
                s = ln(f) - logtotal + score[i + 1]
                if best is None or s >= best:
                    best, best_end = s, i
            i += 1
            if i >= n:
                break
            f = get(sentence[idx : i + 1])
        if best is None:
            best = ln(get(sentence[idx]) or 1) - logtotal + score[idx + 1]
            best_end = idx
        score[idx], ends[idx] = best, best_end
    x, buf = 0, ""
    while x < n:
        y = ends[x] + 1
        word = sentence[x:y]
        if len(word) == 1 and eng.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)


class Boundaries:
    """The offsets where ``cut(text)`` puts a word boundary (0 and ``len(text)``
    included), asked one at a time: ``offset in Boundaries(text)``.

    jieba cuts each run of Chinese characters, letters and digits on its own and
    every other character (a mark, a space) as a word of its own (``\\r\\n`` as one),
    so an offset at the edge of a run is a boundary, and one inside a run is a
    boundary of that run's cut: only the runs asked about are cut (the rules ask
    about a few short names, not every word of the article)."""

    def __init__(self, text: str) -> None:
        jieba, _ = tokenizer()
        self.text = text
        self._runs = [m.span() for m in jieba.re_han_default.finditer(text)]
        self._starts = [start for start, _ in self._runs]
        self._inside: dict[tuple[int, int], frozenset[int]] = {}

    def __contains__(self, offset: object) -> bool:
        text = self.text
        if not isinstance(offset, int) or offset < 0 or offset > len(text):
            return False
        if offset in (0, len(text)):
            return True
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset in self._runs[i]:  # the start or the end of a run
            return True
        if i >= 0 and offset < self._runs[i][1]:
            piece = self._runs[i]
        else:  # between two runs
            piece = (
                self._runs[i][1] if i >= 0 else 0,
                self._runs[i + 1][0] if i + 1 < len(self._runs) else len(text),
            )
            if "\r" not in text[piece[0] : piece[1]]:
                return True  # each character a word of its own
        inside = self._inside.get(piece)
        if inside is None:
            pos, ends = piece[0], set()
            for word in cut(text[piece[0] : piece[1]]):
                pos += len(word)
                ends.add(pos)
            inside = self._inside[piece] = frozenset(ends)
        return offset in inside
