"""Text-level pieces of ingest: normalisation and sentence splitting (pure functions).

``normalise_text`` is NFKC plus whitespace clean-up. NFKC turns full-width
digits, letters and spaces into ASCII and also the full-width punctuation
``，：；（）！？％`` into ``, : ; ( ) ! ? %``; ``。、“”‘’《》【】—`` have no
compatibility form and stay as they are, and ``…`` becomes ``...``. We keep
that result as it is, so both spellings of a page end up identical and later
stages match only the ASCII forms of those seven marks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from kg.records import Sentence

CJK = "\u3400-\u9fff\uf900-\ufaff"  # a regex class body: CJK ideographs
TERMINATORS = frozenset("。!?;！？；")
QUOTE_OPEN = frozenset("“‘「『《")
QUOTE_CLOSE = frozenset("”’」』》")
TRAILERS = frozenset(")）】]")  # closing brackets that stay with the sentence before

# Control and invisible format characters: they break name matching and hide text.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]"
)


# Three or more line breaks with nothing but spaces between: one blank line, as
# normalise_text leaves them, collapsed first by the regex engine (49 MB of
# newlines took 26 s and 500 MB line by line).
# (Character classes only: a repeated group kept a backtracking frame per line, 8 GB.)
_BLANK_RUNS = re.compile(r"\n[ \t\u3000\r]*\n[ \t\u3000\r\n]*")


def collapse_blank_runs(text: str) -> str:
    """``text`` with every run of blank lines cut to one blank line.

    >>> collapse_blank_runs("a\\n\\n \\n\\r\\nb\\n")
    'a\\n\\nb\\n'
    """
    return _BLANK_RUNS.sub("\n\n", text)


def normalise_text(text: str) -> str:
    """``text`` in NFKC, one trimmed line per paragraph, single blank lines between.

    Runs of spaces inside a line become one space; invisible characters go.

    >>> normalise_text('\\u3000\\u3000总投资１２亿元，占地５０亩。\\r\\n\\r\\n\\r\\n第二段')
    '总投资12亿元,占地50亩。\\n\\n第二段'
    """
    lines = []
    for raw in collapse_blank_runs(text).splitlines():
        line = " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", raw)).split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with a sentence terminator (closing quotes aside).

    >>> ends_sentence("他说:“好。”"), ends_sentence("抓招商、抓项目")
    (True, False)
    """
    trimmed = line.rstrip("".join(QUOTE_CLOSE | TRAILERS))
    return bool(trimmed) and trimmed[-1] in TERMINATORS


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in one paragraph, whitespace trimmed.

    A sentence ends after 。!?; (full-width too) and any closing quotes or
    brackets right after it; a terminator inside quotes ends the sentence only
    with the closing quote.

    >>> p = '他说:“今年投产。明年扩产!”随后开工;(详见附件。)完'
    >>> [p[s:e] for s, e in split_sentences(p)]
    ['他说:“今年投产。明年扩产!”', '随后开工;', '(详见附件。)', '完']
    """
    spans: list[tuple[int, int]] = []
    start = depth = 0
    in_ascii_quote = after_stop = False
    continues = TERMINATORS | QUOTE_CLOSE | TRAILERS
    for i, char in enumerate(paragraph):
        if char in TERMINATORS:
            after_stop = True
        elif char in QUOTE_OPEN:
            depth, after_stop = depth + 1, False
        elif char in QUOTE_CLOSE:
            depth = max(0, depth - 1)
        elif char == '"':
            in_ascii_quote = not in_ascii_quote
            after_stop = after_stop and not in_ascii_quote
        elif char not in TRAILERS and not char.isspace():
            after_stop = False
        nxt = paragraph[i + 1 : i + 2]
        closing_quote_next = nxt == '"' and in_ascii_quote
        ends = not nxt or (nxt not in continues and not closing_quote_next)
        if after_stop and ends and not depth and not in_ascii_quote:
            spans.append((start, i + 1))
            start, after_stop = i + 1, False
    spans.append((start, len(paragraph)))
    return [span for s, e in spans if (span := _trim(paragraph, s, e))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    first = start + len(piece) - len(piece.lstrip())
    return first, first + len(stripped)


def segment(paragraphs: Sequence[str]) -> tuple[str, tuple[Sentence, ...]]:
    """The body text (paragraphs joined by newlines) and its sentences with offsets.

    >>> text, sentences = segment(['甲。乙!', '丙'])
    >>> [(s.text, s.start, s.paragraph) for s in sentences]
    [('甲。', 0, 0), ('乙!', 2, 0), ('丙', 5, 1)]
    """
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(paragraphs):
        for start, end in split_sentences(paragraph):
            sentences.append(
                Sentence(len(sentences), offset + start, offset + end, paragraph[start:end], number)
            )
        offset += len(paragraph) + 1
    return "\n".join(paragraphs), tuple(sentences)
