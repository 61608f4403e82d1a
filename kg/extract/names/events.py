"""Events as names: sessions, the shorter names of an event, the cue for "that day".

- **Shorter names** within one article: a later 推介会 or 动工仪式 (the event
  word alone) or 廉江(深圳)招商推介会 (its characters in order) names the one
  event of the article whose name, or a part of it before or after 暨, ends
  with that event word (``event_short_forms``, used by the entity step).
- **Sessions** of congresses and committees (X市第十五届人民代表大会第三次会议, and
  the short form 县十六届人大四次会议),
  named from the whole chain of places before them, and plenums of a party
  committee (中共X市委十三届五次全会), and the one event they make with the meeting
  joined to them by 暨 (…全会暨县委经济工作会议), the session inside it.
- ``ON_THE_DAY``: a sentence opening with 当天/现场 speaks of the event named
  before it (read by the event rules and the figure subjects).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.text.cues import cue_pattern
from kg.extract.text.lexicon import Lexicon
from kg.records import Mention

ON_THE_DAY = cue_pattern("event-day")

_SESSION = re.compile(
    r"第[一二三四五六七八九十百0-9]+届[\u4e00-\u9fff]{0,12}?(?:人民代表大会|代表大会|委员会)"
    r"(?:常务委员会)?第[一二三四五六七八九十百0-9]+次(?:全体)?会议"
)


# the short form of a session: 县十六届人大四次会议, 市政协十三届五次会议
_BODY = r"(?:人大|政协)(?:常委会)?"
_SHORT_SESSION = re.compile(
    rf"[省市县区镇](?:{_BODY}[一二三四五六七八九十]{{1,3}}届|[一二三四五六七八九十]{{1,3}}届{_BODY})"
    r"[一二三四五六七八九十]{1,3}次(?:全体)?会议"
)
_PLENUM = re.compile(
    r"委(?:第)?[一二三四五六七八九十0-9]+届(?:第)?[一二三四五六七八九十0-9]+次全(?:体会议|会)"
)
_PARTY = "中共"
_JOINED = re.compile(r"暨[\u4e00-\u9fff]{2,16}?(?:会议|大会|全会)")


def session_candidates(text: str, places: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Sessions (南雄市第十五届人民代表大会第三次会议) and plenums of a party committee
    (中共连州市委十三届五次全会), named from the place before them: the whole chain of
    places written one after another (清远市清新区第…), and 中共 before a plenum's."""
    ends = {e: s for s, e in places}
    for m in _SHORT_SESSION.finditer(text):
        # 阳山县十六届人大四次会议: from the place whose name ends with the level word
        start = ends.get(m.start() + 1, m.start())
        yield Candidate(start, m.end(), Kind.EVENT, "session")
    for pattern in (_SESSION, _PLENUM):
        for m in pattern.finditer(text):
            if m.start() not in ends:
                continue
            start = ends[m.start()]
            while start in ends:  # 清远市 before 清新区
                start = ends[start]
            if pattern is _PLENUM and text.endswith(_PARTY, 0, start):
                start -= len(_PARTY)
            yield Candidate(start, m.end(), Kind.EVENT, "session")
            joined = _JOINED.match(text, m.end())  # …全会暨县委经济工作会议: one event
            if joined:
                yield Candidate(start, joined.end(), Kind.EVENT, "session")


def _event_words(lex: Lexicon) -> tuple[str, ...]:
    """Event endings of three or more characters (推介会, 动工仪式), longest first;
    shorter ones (大会, 仪式, 论坛) are too common to stand for one event."""
    return tuple(s.text for s in lex.suffixes if s.kind == Kind.EVENT and len(s.text) >= 3)


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def event_short_forms(mentions: tuple[Mention, ...], lex: Lexicon) -> dict[tuple[str, str], str]:
    """(Event, shorter name) → the one longer event name of the article it stands for.

    >>> from kg.extract.text.lexicon import load_lexicon
    >>> long = Mention("2024年罗定市招商推介会暨项目签约仪式", 0, 22, 0, "Event", "suffix")
    >>> short = Mention("罗定招商推介会", 30, 37, 1, "Event", "suffix")
    >>> forms = event_short_forms((long, short), load_lexicon())
    >>> forms[("Event", "推介会")] == forms[("Event", "罗定招商推介会")] == long.text
    True
    """
    words = _event_words(lex)
    names = sorted({m.canonical or m.text for m in mentions if m.kind == Kind.EVENT}, key=len)
    # only whole names stand for an event (not 2024年X招商推介会 inside X招商推介会暨…)
    whole = [n for n in names if not any(n != x and n in x for x in names)]
    targets: dict[str, set[str]] = defaultdict(set)
    for short in names:
        word = next((w for w in words if short.endswith(w)), None)
        for long in whole:
            parts = long.split("暨") if word and long != short else ()
            if any(p.endswith(word) and _in_order(short, p) for p in parts):
                targets[short].add(long)
    for long in whole:
        if long in targets:
            continue  # a shorter form of another name
        for part in long.split("暨"):
            for word in words:
                if part.endswith(word) and part != word:
                    targets[word].add(long)
    return {(Kind.EVENT, s): next(iter(t)) for s, t in targets.items() if len(t) == 1}
