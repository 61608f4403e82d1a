"""Event names the walk back from an event word cannot read whole.

- **Themes and venues after an event's name**: X活动季“Y专场”活动 is one event, its
  season and theme included; X活动A分会场活动 is the event at one venue of X.
- **Ceremonies listed after 举行(了)** (大会举行了A授牌仪式、B表彰仪式、C签约仪式): each
  item of a list whose items all end with an event word is an event, whatever verbs it
  holds.
- **An event held before 的** (在X召开的A视察B情况协商会上): the name runs from 的 to
  the event word, whatever verbs it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.text.lexicon import Lexicon

# 季“…专场”活动 (or 月, 周) or “…”主题活动 after an …活动's name;
# A分会场(活动) after any event's name
_THEMED = re.compile(r"[季月周]?“[^“”。，,；;]{2,30}”(?:专场|主题)?(?:活动|仪式)")
_VENUE = re.compile(r"[\u4e00-\u9fff]{2,6}?[主分]会场(?:活动)?")


def extended_event_candidates(text: str, cands: Iterable[Candidate]) -> Iterator[Candidate]:
    """An event's name with the season and theme or the venue written right after it."""
    for c in cands:
        if c.kind != Kind.EVENT:
            continue
        themed = _THEMED.match(text, c.end) if text.endswith("活动", 0, c.end) else None
        venue = _VENUE.match(text, c.end)
        for m in (themed, venue):
            if m is not None:
                yield Candidate(c.start, m.end(), Kind.EVENT, "event-title")


_LIST_AFTER = re.compile(r"(?:举行|举办)了?")
_ITEM_END = "，,。；;：:\n"
MAX_ITEM = 30


def listed_event_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """Each item of a 、-list right after 举行(了)/举办(了) whose items all end with an
    event word (大会举行了A授牌仪式、B表彰仪式、C签约仪式) is an event."""
    words = tuple(sorted((s.text for s in lex.suffixes if s.kind == Kind.EVENT), key=len))
    for m in _LIST_AFTER.finditer(text):
        end = min((i for i in (text.find(ch, m.end()) for ch in _ITEM_END) if i >= 0), default=-1)
        if end < 0:
            continue
        items, at = [], m.end()
        for part in text[m.end() : end].split("、"):
            items.append((at, at + len(part)))
            at += len(part) + 1
        if len(items) < 2 or not all(
            4 <= e - s <= MAX_ITEM and text.endswith(words, s, e) for s, e in items
        ):
            continue
        for s, e in items:
            yield Candidate(s, e, Kind.EVENT, "listed-event")


_HELD_DE = re.compile(
    r"(?:召开|举行|举办)的(?P<name>[^，,。；;、“”()（）\s\d]{6,40}?"
    r"(?:座谈会|协商会|推进会|现场会|会议|大会|论坛|仪式|活动))(?=上|中|期间|现场)"
)


def held_de_candidates(text: str) -> Iterator[Candidate]:
    """在X召开的A视察B情况协商会上: the event named between 的 and 上."""
    for m in _HELD_DE.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), Kind.EVENT, "held-event")
