"""Titles and lists things are selected for, as names: the run after a selection cue.

A **title** is the run of words right after a selection cue (``CUES``) up to
its last title ending (``data/lexicon/titles.txt``): the cue is its left edge,
and the mention step makes it a Programme (``title_candidates``). A **bare**
title (首批典型县: nothing but a batch before the ending) names no list of its
own (``kg.extract.relations.honours`` reads it as a title within a programme).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.text.cues import cue_words
from kg.extract.text.lexicon import Lexicon, load_lexicon

CUES = cue_words("selection")
MAX_TITLE = 30
TITLE_LEAD = re.compile(r"了|为|成为|建设|创建")  # words between a cue and its title
_BATCH = re.compile(r"首批|新一批|第[一二三四五六七八九十0-9]+批|[0-9]{4}年度?")
_NUMERALS = set("0123456789一二三四五六七八九十百千万")
_RUN_STOP = set("的和与及等并后、")
_QUOTES = set("“”‘’")
# what may follow a title's ending inside its run (百强区|第2位, 示范园区|称号)
_AFTER_TITLE = ("第", "称号", "荣誉", "行列", "之列", "之一", "中", "前")


# endings of lists and programmes one is selected into; every other title ending names
# a title, honour or ranking that its holder keeps (百强县, 示范镇, 500强): a Designation
_LISTS = ("名单", "名录", "目录", "榜单", "试点", "产业集群", "产业园", "开发区", "高新区")


@dataclass(frozen=True)
class Title:
    """A title after a cue: its span, whether it is bare (首批典型县), and its class."""

    start: int
    end: int
    bare: bool
    kind: Kind = Kind.PROGRAMME


def _in_run(ch: str) -> bool:
    if "\u4e00" <= ch <= "\u9fff":
        return ch not in _RUN_STOP
    return (ch.isascii() and ch.isalnum()) or ch in _QUOTES


def _ending_at(text: str, start: int, k: int, lex: Lexicon) -> str | None:
    """The title ending that ends at ``k`` (强 only after a number: 500强, 百强)."""
    for ending in lex.titles:
        if text.endswith(ending, start, k):
            if ending == "强" and (k - 2 < start or text[k - 2] not in _NUMERALS):
                continue
            return ending
    return None


def title_after(text: str, at: int, lex: Lexicon | None = None) -> Title | None:
    """The title right after a cue that ends at ``at``, or None.

    >>> text = "珠玑镇入选省级乡村振兴示范镇。"
    >>> t = title_after(text, 5)
    >>> text[t.start : t.end], t.bare
    ('省级乡村振兴示范镇', False)
    >>> title_after("项目进入试点阶段", 4) is None  # 试点|阶段: no title ends there
    True
    """
    lex = lex or load_lexicon()
    lead = TITLE_LEAD.match(text, at)
    start = lead.end() if lead else at
    end = start
    while end < min(len(text), start + MAX_TITLE) and _in_run(text[end]):
        end += 1
    for k in range(end, start, -1):
        ending = _ending_at(text, start, k, lex)
        if ending is None:
            continue
        rest = text[k:end]
        if rest and not rest.startswith(_AFTER_TITLE + ("”",)):
            return None
        if text[start] == "“" and rest.startswith("”"):
            start += 1  # a quoted title is named by what is inside the quotes
        core = text[start : k - len(ending)]
        batch = _BATCH.match(core)
        bare = not core[batch.end() if batch else 0 :].strip("“”‘’")
        kind = Kind.PROGRAMME if ending in _LISTS else Kind.DESIGNATION
        return Title(start, k, bare, kind)
    return None


def title_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """Titles and lists after selection cues (bare ones aside), and the ones listed
    after them (入选A、B和“C”): a list is a Programme, a title or ranking a
    Designation. A quoted name with a title ending is one too (作为“中国X之乡”)."""
    for cue in CUES:
        pos = text.find(cue)
        while pos >= 0:
            at = pos + len(cue)
            while True:
                title = title_after(text, at, lex)
                if title is None or title.bare or title.end - title.start < 4:
                    break
                yield Candidate(title.start, title.end, title.kind, "title")
                at = title.end + (text.startswith("”", title.end))
                joint = _JOINT.match(text, at)
                if not joint:
                    break
                at = joint.end()
            pos = text.find(cue, pos + 1)
    for m in _QUOTED.finditer(text):
        if not m.group(1).endswith(lex.titles):
            continue
        title = title_after(text[: m.end(1)], m.start(1), lex)
        if title is not None and not title.bare and title.end == m.end(1):
            yield Candidate(title.start, title.end, title.kind, "title")


_JOINT = re.compile(r"、|和|及|与|”?“|以及")
_QUOTED = re.compile(r"“([^“”。,，;；]{4,30})”")
