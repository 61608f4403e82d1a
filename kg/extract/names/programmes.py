"""Programmes named by their shape rather than by a class word.

- **Numbered slogans** in quotes before what they are (“1+N”政策体系, “3+5”现代产业
  体系, “1230”具体部署): the quotes and the words up to the kind of plan.
- **Numbered layouts** (一核一带一区, 三核两带五园区, 一主三副): a numeral before a
  layout word (核, 轴, 带, 区, 组团 ...), two to four times.
- **Integration of places** (广佛一体化, 深莞惠一体化): the short names of the places
  joined before 一体化.
- **Counted measures** (20条促消费措施, 15条惠企政策) and **policy packages**
  (稳增长一揽子政策, 促消费一揽子措施).
- **Quoted goals** before the word saying they are a goal or a strategy (“再造一个
  新X”的总目标, 以“X+Y”双轮驱动), also a few words before it
  (“北融南拓”经济发展战略, “X”十年发展蓝图, “以竹富镇”党建品牌).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate

_PLAN_WORDS = (
    r"体系|集群|部署|安排|战略|工程|行动|格局|布局|计划|举措|思路|机制|模式|交通圈|时空圈|圈"
    r"|发展格局|产业链"
)
_NUMBERED = re.compile(r"“[0-9０-９+＋N]{1,8}”(?:[\u4e00-\u9fff]{0,8}?)(?:" + _PLAN_WORDS + r")")
_LAYOUT_WORDS = "组团|园区|核|轴|带|区|廊|心|极|翼|主|辅|圈|群|链|网|城|港|环|片|园"
_LAYOUT = re.compile(
    r"(?<![第0-9一二三四五六七八九十两])(?:[一二三四五六七八九十两](?:" + _LAYOUT_WORDS + r")){2,4}"
)
_COUNTED = re.compile(
    r"(?<![0-9０-９.])[0-9]{1,3}条[\u4e00-\u9fff]{2,10}?(?:措施|举措|政策|意见|细则)(?!体系)"
)
_PACKAGE = re.compile(r"(?:稳|促|保)[\u4e00-\u9fff]{1,3}?一揽子(?:政策措施|政策|措施)")
_INTEGRATION = re.compile(r"([\u4e00-\u9fff]{2,4})一体化")
_GOAL = re.compile(
    r"“([^“”。,，;；!！?？]{4,14})”(?=的?(?:蓝图|总目标|目标|战略|双轮驱动|发展战略|工作部署|具体部署|工作安排|总体要求)"
    # or a few words saying what kind of plan or brand it names (“北融南拓”经济发展战略,
    # “X”十年发展蓝图, “以竹富镇”党建品牌)
    r"|[\u4e00-\u9fff]{1,6}?(?:蓝图|战略|品牌))"
)


def programme_candidates(text: str, is_abbreviation: Callable[[str], bool]) -> Iterator[Candidate]:
    """Programmes named by their shape (see the module's docstring); ``is_abbreviation``
    says whether a character is a short name of a province, prefecture or county."""
    for m in _NUMBERED.finditer(text):
        yield Candidate(m.start(), m.end(), Kind.PROGRAMME, "numbered")
    for m in _LAYOUT.finditer(text):
        yield Candidate(m.start(), m.end(), Kind.PROGRAMME, "numbered")
    for m in (*_COUNTED.finditer(text), *_PACKAGE.finditer(text)):
        yield Candidate(m.start(), m.end(), Kind.PROGRAMME, "numbered")
    for m in _INTEGRATION.finditer(text):
        places = m.group(1)
        for k in range(len(places) - 1):  # the longest run of short names before 一体化
            if all(is_abbreviation(ch) for ch in places[k:]):
                yield Candidate(m.start(1) + k, m.end(), Kind.PROGRAMME, "numbered")
                break
    for m in _GOAL.finditer(text):
        if not any("\u4e00" <= ch <= "\u9fff" for ch in m.group(1)):
            continue  # “1230”具体部署 is a numbered slogan, read whole above
        yield Candidate(m.start(1), m.end(1), Kind.PROGRAMME, "quoted")
