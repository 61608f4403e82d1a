"""Time expressions in an article, resolved against the article's date.

Each expression becomes a ``Period`` whose ``text`` is the expression as
written and whose ``begin``/``until`` are the first and last day it covers:

- 1月至9月, 1-9月, 1至9月: that span of months in the article's year, or in the
  year before when the last month is later than the article's month (reports
  give figures for months that are over);
- 上半年, 一季度, 第一季度, 前三季度, 前9个月: likewise, with the same rule (a
  part of the year not yet over is this year's when the clause speaks ahead:
  下半年，全县将…); 三季度末, 上半年末: an instant at the part's last day;
- 11月6日, 9月: the date or month in the year that puts it nearest the
  article date (ties go to the past); 2023年11月6日 as written;
- 2023年, 去年, 明年: the whole year (kind 'year'); 2021-2025年: those years;
- 今年, 今年以来, 年初以来, 年初至今, 2023年以来: from 1 January to the article date;
  今年 spoken ahead (今年计划完成…, 预计今年…) is the whole year;
- 国庆假期, 春节期间, “五一”小长假, 端午假期, 中秋国庆假期: the holiday break of
  that year (the one nearest the article date unless a year is written) as
  ``data/lexicon/holidays.tsv`` lists it; begin/until None for a year it lacks;
- 近五年, 五年来: five years back to the article date;
- 到2025年, 力争到2025年, 至2025年底, 2025年前, 年内, 年底前: kind 'target',
  ``until`` the end of the span, ``begin`` None;
- 截至2023年10月底, 截至目前: kind 'instant' at that day;
- 昨天, 昨日, 前天, 今天, 今日: kind 'instant' at that day before the article date
  (a newspaper's 昨天上午 is the day before it went to press);
- "十四五"时期, 十四五期间: the five-year plan's years (2021-2025);
- a year opening a name without 年 (2024连州招商推介会, 2022全国绿色发展百佳县): the
  whole year, which the event or ranking is of; not a number before a unit (2000亩,
  2024多家).

In an article without a date, a part of a year or a span of months without its
year (一季度, 上半年, 1-9月, 前三季度) is of the year written last before it
(2022年第一季度…。安排第一季度开工…: 2022), not a base year of prices (按2010年
可比价).

目前, 现有 and 当前 are not periods: they say the figure is current, which
the article date already tells. Expressions that need the article date keep
begin/until None when the article has no date; absolute ones resolve anyway.
A match that falls outside every sentence, or starts inside a short quoted
name, is dropped, except the year opening the name of a report or ranking
(《2024年…竞争力评价报告》中，X位列第12位: the figures are that year's).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from kg.extract.pipeline import step
from kg.extract.text.doc import doc_of
from kg.extract.text.lexicon import lexicon_rows
from kg.extract.text.numbers import parse_number
from kg.extract.text.units import units
from kg.records import Article, Extraction, Period

__all__ = [
    "find_periods",
    "periods_step",
    "quoted_spans",
    "spans_of",
]

_SEP = r"(?:至|到|-|—|–|~|～)"
_Y = r"(?<![0-9])(?:1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])|[〇零一二三四五六七八九]{4}"
_M = r"(?<![0-9])(?:1[0-2]|0?[1-9])(?![0-9])|十[一二]?|[一二三四五六七八九]"
_D = (
    r"(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    r"|三十一?|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九]"
)
_REL = r"今|本|去|上|前|明|次"
_YP = rf"(?:(?P<y>{_Y})年|(?<![以向之提此目当空往])(?P<rel>{_REL})年)"
# Parts of a year; the value is (first month, last month) or a special word.
_PARTS = {
    "上半年": (1, 6),
    "下半年": (7, 12),
    "全年": (1, 12),
    "前两季度": (1, 6),
    "前二季度": (1, 6),
    "前三季度": (1, 9),
}
for _i, (_a, _b) in enumerate(("一1", "二2", "三3", "四4"), start=1):
    _PARTS.update({f"{p}{n}季度": (3 * _i - 2, 3 * _i) for p in ("", "第") for n in (_a, _b)})
_PART = "|".join(sorted(_PARTS, key=len, reverse=True))
_YEAR_TAIL = r"年底|年末|底|末|以来|至今|来|内|同期|度"
_CUE = re.compile(
    r"(?:截至|截止到?|(?:力争|争取|确保|计划|预计|目标是?)(?:到|至)"
    r"|(?<![达受得看提甚直])(?:到|至))$"  # not 达到, 受到, 直至 ...
)
_TARGET_AFTER = re.compile(r"前|以前|之前")
_QUOTES = re.compile(r"“[^“”\n]{1,20}”|\"[^\"\n]{1,20}\"|《[^《》\n]{1,30}》|「[^「」\n]{1,20}」")


class _Found(NamedTuple):
    start: int
    end: int
    kind: str
    begin: dt.date | None
    until: dt.date | None


def _num(text: str | None) -> int | None:
    """An integer from Arabic or Chinese digits (None passes through).

    >>> _num("12"), _num("十一"), _num("二〇二三"), _num(None)
    (12, 11, 2023, None)
    """
    if text is None:
        return None
    value = parse_number(text)
    return None if value is None else int(value)


def _month_end(year: int, month: int) -> dt.date:
    """The last day of a month.

    >>> _month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _years_back(day: dt.date, years: int) -> dt.date:
    """``day`` moved back ``years`` years (29 February becomes the 28th).

    >>> _years_back(dt.date(2024, 2, 29), 1)
    datetime.date(2023, 2, 28)
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _year_of(m: re.Match[str], on: dt.date | None) -> int | None:
    """The year named by the match's prefix (2023年, 今年, 去年 ...), or None."""
    if m.group("y"):
        return _num(m.group("y"))
    rel = m.group("rel")
    if rel is None or on is None:
        return None
    return on.year + {"今": 0, "本": 0, "去": -1, "上": -1, "前": -2, "明": 1, "次": 1}[rel]


def _reported_year(last_month: int, on: dt.date | None) -> int | None:
    """Year of a month span without a year: the year before if it ends after the article month."""
    if on is None:
        return None
    return on.year - 1 if last_month > on.month else on.year


_AHEAD = ("将", "计划", "预计", "力争", "要", "以来")
# 下半年，台山市将开展…: the words after the expression, into the next clause, speak ahead
_AHEAD_AFTER = re.compile(
    r"[^。；;!?！？,，]{0,10}[,，]?[^。；;!?！？,，]{0,10}?(?:将|计划|预计|预期|力争|拟|目标)"
)
_AHEAD_BEFORE = re.compile(r"(?:将|计划|预计|力争|争取|确保|目标)$")


def _spoken_ahead(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` (a cue right before it, or up to
    the next clause after it) speak of the future.

    >>> _spoken_ahead("下半年，台山市将开展百日攻坚", 0, 3), _spoken_ahead("预计全年增长6%", 2, 4)
    (True, True)
    >>> _spoken_ahead("上半年，全市增长5%", 0, 3)
    False
    """
    if _AHEAD_BEFORE.search(text, max(0, start - 2), start):
        return True
    return text.startswith(_AHEAD, end) or _AHEAD_AFTER.match(text, end) is not None


def _part_year(first: int, last: int, on: dt.date | None, ahead: bool = False) -> int | None:
    """Year of 上半年 / 二季度 / 下半年 without a year: this year when the part is over,
    more than half gone (下半年 in November) or spoken of ahead (下半年将…), else last
    year's (上半年 in March reports last year's figures)."""
    if on is None:
        return None
    gone = on.month - first
    return on.year if ahead or gone * 2 > last - first + 1 else on.year - 1


_LOOKS_BACK = re.compile(r"去年|上年|上一年|前年|过去一年|(?<![0-9])(?:19|20)[0-9]{2}年")


def _whole_year(text: str, start: int, on: dt.date, year: int | None) -> int | None:
    """全年 without a year: this year's once the first quarter's annual reviews are
    past (an article of July speaks of this year's 全年), unless its sentence looks
    back (去年…，全年; 2023年…全年); in January to March a bare 全年 reports last year.

    >>> _whole_year("全年地区生产总值增长5%", 0, dt.date(2025, 7, 22), 2024)
    2025
    >>> _whole_year("回顾去年，全年完成投资8亿元", 5, dt.date(2025, 7, 22), 2025)
    2024
    """
    if on.month < 4:
        return year
    sentence_start = max(text.rfind(mark, 0, start) for mark in "。！？!?\n") + 1
    back = [
        y
        for y in _LOOKS_BACK.findall(text, sentence_start, start)
        if not y[:1].isdigit() or int(y[:4]) < on.year
    ]
    return on.year - 1 if back else on.year


def _nearest_year(month: int, day: int | None, on: dt.date | None) -> int | None:
    """Year putting month/day nearest ``on``; ties go to the past."""
    if on is None:
        return None
    best = None
    for year in (on.year - 1, on.year, on.year + 1):
        last = calendar.monthrange(year, month)[1]
        anchor = dt.date(year, month, min(day or 1, last))
        distance = abs((anchor - on).days) + (0 if anchor <= on else 0.5)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _span(y1: int | None, m1: int, y2: int | None, m2: int) -> tuple[dt.date, dt.date] | None:
    if y1 is None or y2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    begin, until = dt.date(y1, m1, 1), _month_end(y2, m2)
    return (begin, until) if begin <= until else None


def _month_range(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """1月至9月, 1-9月, 2023年1-9月, 2022年11月至2023年2月."""
    m1, m2 = _num(m.group("m1")), _num(m.group("m2"))
    if m1 is None or m2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y1 = _year_of(m, on)
    y2 = _num(m.group("y2")) or y1
    if m.group("y") is None and m.group("rel") is None:
        y2 = _reported_year(m2, on)
        y1 = y2 - 1 if y2 is not None and m1 > m2 else y2
    elif m.group("y2") is None and y1 is not None and m1 > m2:
        y2 = y1 + 1
    span = _span(y1, m1, y2, m2)
    return _Found(m.start(), m.end(), "interval", *(span or (None, None)))


def _date(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """11月6日, 2023年11月6日, 11月6日至8日, 9月, 2023年9月, 去年11月至今."""
    month, day = _num(m.group("m1")), _num(m.group("d1"))
    if month is None or not 1 <= month <= 12:
        return None
    year = _year_of(m, on) if (m.group("y") or m.group("rel")) else _nearest_year(month, day, on)
    if year is None:
        return _Found(m.start(), m.end(), "instant" if day else "interval", None, None)
    try:
        begin = dt.date(year, month, day or 1)
        until = begin if day else _month_end(year, month)
        if m.group("d2"):
            until = dt.date(year, _num(m.group("m2")) or month, _num(m.group("d2")) or 0)
    except ValueError:
        return None
    if m.group("now"):
        return _Found(m.start(), m.end(), "interval", begin, on) if on and begin <= on else None
    if m.group("mend"):
        return _Found(m.start(), m.end(), "instant", until, until)
    kind = "instant" if day and until == begin else "interval"
    return _Found(m.start(), m.end(), kind, begin, until) if begin <= until else None


def _year(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """2023年, 今年, 去年, 上半年, 2023年前三季度, 今年以来, 年底, 年内."""
    part, tail = m.group("part"), m.group("tail")
    has_prefix = bool(m.group("y") or m.group("rel"))
    if part:
        return _part_of_year(m, on, _PARTS[part], has_prefix)
    year = _year_of(m, on)
    if year is None and not has_prefix and on is not None:
        year = on.year  # 年内, 年底: this year
    if m.group("y") and year is not None and not 1900 <= year <= 2199:
        return None
    begin = None if year is None else dt.date(year, 1, 1)
    end = None if year is None else dt.date(year, 12, 31)
    this_year = m.group("rel") in ("今", "本") and not tail
    if this_year and begin is not None and _spoken_ahead(m.string, m.start(), m.end()):
        return _Found(m.start(), m.end(), "year", begin, end)  # 今年计划完成投资12亿元
    if tail in ("以来", "来", "至今") or this_year:
        until = on if on and begin and on >= begin else None
        return _Found(m.start(), m.end(), "interval", begin, until)
    if tail in ("年底", "年末", "底", "末"):
        return _Found(m.start(), m.end(), "instant", end, end)
    if tail == "内":
        return _Found(m.start(), m.end(), "target", None, end)
    if tail == "同期" and on is not None and begin is not None:
        return _Found(m.start(), m.end(), "interval", begin, _years_back(on, on.year - year))
    return _Found(m.start(), m.end(), "year", begin, end)


_MET = re.compile(r"(?:完成|实现|达成)[^，,。；;]{0,4}$")
_MET_REACH = 8


def _part_of_year(
    m: re.Match[str], on: dt.date | None, months: tuple[int, int], has_prefix: bool
) -> _Found:
    """上半年, 2023年前三季度, 二季度以来 (to the article date), 三季度末 (its last day)."""
    first, last = months
    text, end = m.string, m.end()
    if m.group("tail") in ("末", "底", "以来"):
        end -= len(m.group("tail"))  # 2023年三季度末: the tail is read below
    # 超额完成下达的全年目标: a target met is reported, not spoken of ahead
    ahead = _spoken_ahead(text, m.start(), end) and not _MET.search(
        text, max(0, m.start() - _MET_REACH), m.start()
    )
    year = _year_of(m, on) if has_prefix else _part_year(first, last, on, ahead)
    if m.group("part") == "全年" and not has_prefix and on is not None:
        year = _whole_year(text, m.start(), on, year)
    span = _span(year, first, year, last) or (None, None)
    if text.startswith("以来", end) and span[0] is not None and on is not None:
        return _Found(m.start(), end + 2, "interval", span[0], on)  # 二季度以来
    if text.startswith(("末", "底"), end) and not text.startswith("底线", end):
        return _Found(m.start(), end + 1, "instant", span[1], span[1])  # 三季度末
    return _Found(m.start(), end, "interval", *span)


def _first_months(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """前9个月, 前三个季度, 2023年前10个月: from January, like 1-9月."""
    n = _num(m.group("n"))
    last = None if n is None else n * 3 if m.group("unit") == "季度" else n
    if last is None or not 1 <= last <= 12 or (m.group("unit") == "季度" and n > 4):
        return None
    year = _year_of(m, on) if (m.group("y") or m.group("rel")) else _reported_year(last, on)
    span = _span(year, 1, year, last) or (None, None)
    return _Found(m.start(), m.end(), "interval", *span)


@cache
def _holiday_breaks() -> dict[tuple[int, str], tuple[dt.date, dt.date]]:
    """(year, holiday) → first and last day of the break, from ``holidays.tsv``."""
    breaks = {}
    for year, name, first, last in lexicon_rows("holidays.tsv"):
        breaks[int(year), name] = (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    return breaks


# holiday as written → (name in holidays.tsv, month and day it falls near)
_HOLIDAYS = {
    "国庆": ("国庆节", 10, 1),
    "十一": ("国庆节", 10, 1),
    "春节": ("春节", 2, 1),
    "五一": ("劳动节", 5, 1),
    "劳动节": ("劳动节", 5, 1),
    "端午": ("端午节", 6, 10),
    "中秋": ("中秋节", 9, 20),
}


def _holiday(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """国庆假期, 2023年春节期间, “五一”小长假, 中秋国庆假期: that year's holiday break."""
    names = [_HOLIDAYS[w] for w in (m.group("h1"), m.group("h2")) if w]
    name, month, day = names[0]
    dated = m.group("y") or m.group("rel")
    year = _year_of(m, on) if dated else _nearest_year(month, day, on)
    breaks = {_holiday_breaks().get((year, n)) for n, _, _ in names} if year else {None}
    # two holidays (中秋国庆假期) are one span only in a year they were one break
    begin, until = breaks.pop() if len(breaks) == 1 and None not in breaks else (None, None)
    return _Found(m.start(), m.end(), "interval", begin, until)


def _year_span(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """2021-2025年, 2021年至2025年."""
    y1, y2 = _num(m.group("ya")), _num(m.group("yb"))
    if y1 is None or y2 is None or not 1900 <= y1 <= y2 <= 2199:
        return None
    return _Found(m.start(), m.end(), "interval", dt.date(y1, 1, 1), dt.date(y2, 12, 31))


def _recent(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """近五年, 过去3年, 十年来: back that many years to the article date."""
    years = _num(m.group("n") or m.group("n2"))
    if years is None or not 0 < years < 100:
        return None
    if years == 1 and m.group().startswith("过去") and on is not None and on.month <= 3:
        # 过去一年 in a report of the first quarter is the calendar year just ended
        last = on.year - 1
        return _Found(m.start(), m.end(), "year", dt.date(last, 1, 1), dt.date(last, 12, 31))
    begin = None if on is None else _years_back(on, years)
    return _Found(m.start(), m.end(), "interval", begin, on)


def _plan(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """The years of the Nth five-year plan ("十四五"时期); the 3rd began in 1966."""
    n = 10 + (_num(m.group("n")) or 0)
    if not m.group("q1") and not m.group("tail"):
        return None  # a bare 十四五 may be a number; require quotes or 时期/期间
    first, last = dt.date(1966 + (n - 3) * 5, 1, 1), dt.date(1966 + (n - 3) * 5 + 4, 12, 31)
    if m.group("tail") == "末":
        return _Found(m.start(), m.end(), "instant", last, last)
    return _Found(m.start(), m.end(), "interval", first, last)


_DAYS_BACK = {"昨天": 1, "昨日": 1, "前天": 2, "今天": 0, "今日": 0}


def _relative_day(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """昨天, 前天, 今日: that day before the article date (None without a date)."""
    if on is None:
        return None
    day = on - dt.timedelta(days=_DAYS_BACK[m.group("day")])
    return _Found(m.start(), m.end(), "instant", day, day)


# what a number before a unit may be followed by (2000多家, 2024余亩) besides the unit
_NOT_A_NAME = tuple("年月日号届多余万亿千百十")
_UNIT_REACH = 4


def _name_year(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """2024连州招商推介会: the year a name opens with, when no unit follows it (2000亩).

    >>> found = re.finditer(_NAME_YEAR, "2024连州推介会签约2000亩")
    >>> [_name_year(m, None) is not None for m in found]
    [True, False]
    """
    after = m.string[m.end() : m.end() + _UNIT_REACH]
    if after.startswith(_NOT_A_NAME) or any(after[:k] in units() for k in range(1, len(after) + 1)):
        return None
    year = int(m.group("y"))
    return _Found(m.start(), m.end(), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _now(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """截至目前: an instant at the article date."""
    return _Found(m.start(), m.end(), "instant", on, on)


_NO = r"(?P<y>(?!))?(?P<rel>(?!))?"  # groups a rule lacks, so one resolver serves several
_MONTH_RANGE = (
    rf"{_YP}?(?P<m1>{_M})(?:月份?)?{_SEP}(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月份?"
    r"(?![0-9]|[一二三四五六七八九十]{1,3}[日号]|日|号)"  # not 1-9月3日; 1—9月四会市 is
)
_DATE = (
    rf"{_YP}?(?P<m1>{_M})月份?(?:(?P<d1>{_D})[日号]|(?P<mend>底|末))?"
    rf"(?:{_SEP}(?:(?P<m2>{_M})月)?(?P<d2>{_D})[日号]|(?P<now>至今|以来))?"
)
_YEAR_SPAN = rf"(?P<ya>{_Y})年?{_SEP}(?P<yb>{_Y})年"
_YEAR = rf"{_YP}(?P<part>{_PART})?(?P<tail>{_YEAR_TAIL})?"
_BARE_PART = (
    r"(?<![年0-9一二两三四五六七八九十今本去上明次前当每多几数半])"
    rf"{_NO}(?:(?P<part>{_PART})|年(?P<tail>内|底|末))"
)
_SINCE_NEW_YEAR = rf"年初(?P<tail>以来|至今){_NO}(?P<part>(?!))?"
_FIRST_MONTHS = (
    rf"{_YP}?(?<![提以之向此目当空往超])前(?P<n>[0-9]{{1,2}}|[一二两三四五六七八九十]{{1,2}})"
    r"个(?P<unit>月|季度)(?:份)?(?!内|前|后|以)"
)
_HOLIDAY = (
    rf"{_YP}?[“\"]?(?P<h1>国庆|十一|春节|五一|劳动节|端午|中秋)[”\"]?(?:劳动)?节?"
    r"(?:[、和与+]?[“\"]?(?P<h2>国庆|中秋)[”\"]?节?)?"
    r"(?:[0-9一二三四五六七八九]天)?(?:假期|长假|小长假|黄金周|期间)"
)
_COUNT = r"[0-9]{1,2}|[一二两三四五六七八九十]{1,2}"
_RECENT = (
    rf"(?:近|过去|最近)(?P<n>{_COUNT})年(?:来|以来)?"
    rf"|(?<![0-9〇零一二两三四五六七八九十])(?P<n2>{_COUNT})年(?:来|以来)"
)
_PLAN = r"(?P<q1>[“\"])?十(?P<n>[一二三四五六七八九])五[”\"]?(?P<tail>时期|期间|规划期|规划|末)?"
# a year opening a name (2024连州招商推介会): followed by a Chinese character or a bracket
_NAME_YEAR = r"(?<![0-9A-Za-z.．\-—/])(?P<y>(?:19|20)[0-9]{2})(?=[\u4e00-\u9fff(（])"
_NOW = r"截至目前|截止目前|截至今日|到目前为止|目前为止"
_RELATIVE_DAY = rf"(?P<day>昨天|昨日|前天|今天|今日){_NO}"

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None], _Found | None]]
_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(pattern), resolve)
    for pattern, resolve in (
        (_MONTH_RANGE, _month_range),
        (_DATE, _date),
        (_YEAR_SPAN, _year_span),
        (_YEAR, _year),
        (_BARE_PART, _year),
        (_SINCE_NEW_YEAR, _year),
        (_FIRST_MONTHS, _first_months),
        (_HOLIDAY, _holiday),
        (_RECENT, _recent),
        (_PLAN, _plan),
        (_NOW, _now),
        (_RELATIVE_DAY, _relative_day),
        (_NAME_YEAR, _name_year),
    )
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quoted names (“1310”, 《...》), sorted; longer quotes are speech.

    >>> quoted_spans('落实“1+6+3”安排, 他说"好"')
    [(2, 9), (15, 18)]
    """
    return [m.span() for m in _QUOTES.finditer(text)]


def within_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies strictly inside one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


# a year written in the text that dates what follows (not 按2010年可比价, a price base)
_WRITTEN_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年(?!可比|不变|价)")


def _written_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every year written in ``text``, in text order."""
    return [(m.start(), int(m.group(1))) for m in _WRITTEN_YEAR.finditer(text)]


def _yearless(m: re.Match[str]) -> bool:
    """A part of a year or span of months written without its year (一季度, 1-9月)."""
    groups = m.re.groupindex
    if "y" in groups and (m.group("y") or m.group("rel")):
        return False
    if "part" in groups:
        return m.group("part") is not None
    return "m2" in groups or "n" in groups


_UNDATED_RULES = (_MONTH_RANGE, _BARE_PART, _FIRST_MONTHS)


def _candidates(text: str, on: dt.date | None) -> list[_Found]:
    found = []
    years = _written_years(text) if on is None else []
    for pattern, resolve in _RULES:
        undated = bool(years) and pattern.pattern in _UNDATED_RULES
        for m in pattern.finditer(text):
            if m.end() > m.start():
                hit = resolve(m, on)
                if (
                    undated
                    and hit is not None
                    and hit.begin is None
                    and _yearless(m)
                    and not text.startswith(("以来", "至今"), m.end())
                ):
                    i = bisect.bisect_left(years, (m.start(), 0)) - 1
                    if i >= 0:  # the year written last before it, at its end
                        hit = resolve(m, dt.date(years[i][1], 12, 31))
                if hit is not None:
                    found.append(hit)
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def spans_of(text: str, on: dt.date | None) -> list[tuple[dt.date | None, dt.date | None]]:
    """First and last day of each time expression in a string outside the body (a title).

    >>> spans_of("2024年1—9月开平市经济运行简况", dt.date(2024, 10, 30))
    [(datetime.date(2024, 1, 1), datetime.date(2024, 9, 30))]
    """
    return [(f.begin, f.until) for f in _candidates(text, on)]


def _with_cue(text: str, f: _Found, floor: int) -> _Found:
    """Widen ``f`` over a cue before it (到, 力争到, 截至) or 前 after it, and set the kind."""
    before = _CUE.search(text, max(floor, f.start - 6), f.start)
    after = _TARGET_AFTER.match(text, f.end)
    if f.kind not in ("year", "instant", "interval") or (before is None and after is None):
        return f
    if text.startswith("以来", f.end - 2) or text.startswith("至今", f.end - 2):
        return f
    start = before.start() if before else f.start
    if before is not None and before.group().startswith("截"):
        return f._replace(start=start, kind="instant", begin=f.until)
    end = after.end() if after else f.end
    return f._replace(start=start, end=end, kind="target", begin=None)


# 《2024年广东省县域经济综合竞争力评价报告》: the year a report or ranking covers
_REPORT_TITLE = re.compile(r"《[^《》]*(?:报告|榜|榜单|名单|排行|白皮书|指数|公报|研究)》")


def _opens_a_report_title(text: str, quotes: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is the first character of a 《report or ranking》's name.

    >>> t = "在《2024年县域经济评价报告》中"
    >>> _opens_a_report_title(t, quoted_spans(t), 2), _opens_a_report_title(t, quoted_spans(t), 3)
    (True, False)
    """
    i = bisect.bisect_right(quotes, (offset, 1 << 62)) - 1
    if i < 0 or quotes[i][0] != offset - 1 or text[offset - 1] != "《":
        return False
    return _REPORT_TITLE.fullmatch(text, quotes[i][0], quotes[i][1]) is not None


_TITLE_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")


def _title_year(title: str | None, on: dt.date | None) -> int | None:
    """The one year a title names when it is earlier than the article's (a bulletin
    of 2021 published in 2022), else None.

    >>> _title_year("2021年吴川县国民经济和社会发展统计公报", dt.date(2022, 4, 20))
    2021
    >>> _title_year("2022年1-3月经济运行", dt.date(2022, 4, 20)) is None
    True
    """
    if not title or on is None:
        return None
    years = {int(y) for y in _TITLE_YEAR.findall(title)}
    if len(years) != 1:
        return None
    year = years.pop()
    return year if year < on.year else None


def find_periods(article: Article) -> tuple[Period, ...]:
    """Every time expression of ``article``, in text order, resolved against its date."""
    text, on = article.text, article.meta.date
    quotes = quoted_spans(text)
    doc = doc_of(article)
    periods = []
    floor = 0
    titled = _title_year(article.meta.title, on)
    for f in _candidates(text, on):
        if titled is not None and text[f.start : f.end] == "全年":
            f = f._replace(begin=dt.date(titled, 1, 1), until=dt.date(titled, 12, 31))
        if f.start < floor:
            continue  # a cue taken by the previous expression (1月至9月前|年) starts this one
        f = _with_cue(text, f, floor)
        floor = f.end
        sentence = doc.sentence_at(f.start)
        if sentence is None:
            continue
        if within_spans(quotes, f.start) and not _opens_a_report_title(text, quotes, f.start):
            continue
        periods.append(
            Period(text[f.start : f.end], f.start, f.end, sentence.index, f.kind, f.begin, f.until)
        )
    return tuple(periods)


@step("periods", adds={"periods"})
def periods_step(extraction: Extraction) -> Extraction:
    """Add the article's time expressions as ``periods``."""
    return extraction.evolve(periods=find_periods(extraction.article))
