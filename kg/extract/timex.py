"""Time expressions in an article, resolved against the article's date.

Each expression becomes a ``Period`` whose ``text`` is the expression as
written and whose ``begin``/``until`` are the first and last day it covers:

- 1月至9月, 1-9月, 1至9月: that span of months in the article's year, or in the
  year before when the last month is later than the article's month (reports
  give figures for months that are over);
- 上半年, 一季度, 第一季度, 前三季度: likewise, with the same rule;
- 11月6日, 9月: the date or month in the year that puts it nearest the
  article date (ties go to the past); 2023年11月6日 as written;
- 2023年, 去年, 明年: the whole year (kind 'year'); 2021-2025年: those years;
- 今年, 今年以来, 年初以来, 2023年以来: from 1 January to the article date;
- 近五年, 五年来: five years back to the article date;
- 到2025年, 力争到2025年, 至2025年底, 2025年前, 年内, 年底前: kind 'target',
  ``until`` the end of the span, ``begin`` None;
- 截至2023年10月底, 截至目前: kind 'instant' at that day;
- "十四五"时期, 十四五期间: the five-year plan's years (2021-2025).

目前, 现有 and 当前 are not periods: they say the figure is current, which
the article date already tells. Expressions that need the article date keep
begin/until None when the article has no date; absolute ones resolve anyway.
A match that falls outside every sentence, or starts inside a short quoted
name, is dropped.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from kg.extract.numbers import parse_number
from kg.extract.pipeline import step
from kg.records import Article, Extraction, Period, Quantity, Sentence

__all__ = [
    "dates_an_event",
    "find_periods",
    "periods_step",
    "quoted_spans",
    "sentence_starts",
    "sentence_of",
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


def _part_year(first: int, last: int, on: dt.date | None, ahead: bool = False) -> int | None:
    """Year of 上半年 / 二季度 / 下半年 without a year: this year when the part is over,
    more than half gone (下半年 in November) or spoken of ahead (下半年将…), else last
    year's (上半年 in March reports last year's figures)."""
    if on is None:
        return None
    gone = on.month - first
    return on.year if ahead or gone * 2 > last - first + 1 else on.year - 1


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
        first, last = _PARTS[part]
        ahead = m.string.startswith(_AHEAD, m.end())
        year = _year_of(m, on) if has_prefix else _part_year(first, last, on, ahead)
        span = _span(year, first, year, last) or (None, None)
        if m.string.startswith("以来", m.end()) and span[0] is not None and on is not None:
            return _Found(m.start(), m.end() + 2, "interval", span[0], on)  # 二季度以来
        return _Found(m.start(), m.end(), "interval", *span)
    year = _year_of(m, on)
    if year is None and not has_prefix and on is not None:
        year = on.year  # 年内, 年底: this year
    if m.group("y") and year is not None and not 1900 <= year <= 2199:
        return None
    begin = None if year is None else dt.date(year, 1, 1)
    end = None if year is None else dt.date(year, 12, 31)
    if tail in ("以来", "来", "至今") or (m.group("rel") in ("今", "本") and not tail):
        until = on if on and begin and on >= begin else None
        return _Found(m.start(), m.end(), "interval", begin, until)
    if tail in ("年底", "年末", "底", "末"):
        return _Found(m.start(), m.end(), "instant", end, end)
    if tail == "内":
        return _Found(m.start(), m.end(), "target", None, end)
    if tail == "同期" and on is not None and begin is not None:
        return _Found(m.start(), m.end(), "interval", begin, _years_back(on, on.year - year))
    return _Found(m.start(), m.end(), "year", begin, end)


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


def _now(m: re.Match[str], on: dt.date | None) -> _Found | None:
    """截至目前: an instant at the article date."""
    return _Found(m.start(), m.end(), "instant", on, on)


_NO = r"(?P<y>(?!))?(?P<rel>(?!))?"  # groups a rule lacks, so one resolver serves several
_MONTH_RANGE = (
    rf"{_YP}?(?P<m1>{_M})(?:月份?)?{_SEP}(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月份?"
    r"(?![0-9一二三四五六七八九十]|日|号)"
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
_SINCE_NEW_YEAR = rf"年初(?P<tail>以来){_NO}(?P<part>(?!))?"
_COUNT = r"[0-9]{1,2}|[一二两三四五六七八九十]{1,2}"
_RECENT = (
    rf"(?:近|过去|最近)(?P<n>{_COUNT})年(?:来|以来)?"
    rf"|(?<![0-9〇零一二两三四五六七八九十])(?P<n2>{_COUNT})年(?:来|以来)"
)
_PLAN = r"(?P<q1>[“\"])?十(?P<n>[一二三四五六七八九])五[”\"]?(?P<tail>时期|期间|规划期|规划|末)?"
_NOW = r"截至目前|截止目前|截至今日|到目前为止|目前为止"

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
        (_RECENT, _recent),
        (_PLAN, _plan),
        (_NOW, _now),
    )
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quoted names (“1310”, 《...》), sorted; longer quotes are speech.

    >>> quoted_spans('落实“1+6+3”安排, 他说"好"')
    [(2, 9), (15, 18)]
    """
    return [m.span() for m in _QUOTES.finditer(text)]


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies strictly inside one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


def sentence_starts(article: Article) -> list[int]:
    """Start offsets of the article's sentences, for ``sentence_index``."""
    return [s.start for s in article.sentences]


def sentence_of(article: Article, starts: list[int], offset: int) -> Sentence | None:
    """The sentence holding ``offset``: ``Article.sentence_at`` by bisection over ``starts``."""
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    sentence = article.sentences[i]
    return sentence if sentence.start <= offset < sentence.end else None


def _candidates(text: str, on: dt.date | None) -> list[_Found]:
    found = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                hit = resolve(m, on)
                if hit is not None:
                    found.append(hit)
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


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


def find_periods(article: Article) -> tuple[Period, ...]:
    """Every time expression of ``article``, in text order, resolved against its date."""
    text, on = article.text, article.meta.date
    quotes = quoted_spans(text)
    starts = sentence_starts(article)
    periods = []
    floor = 0
    for f in _candidates(text, on):
        if f.start < floor:
            continue  # a cue taken by the previous expression (1月至9月前|年) starts this one
        f = _with_cue(text, f, floor)
        floor = f.end
        sentence = sentence_of(article, starts, f.start)
        if sentence is None or inside(quotes, f.start):
            continue
        periods.append(
            Period(text[f.start : f.end], f.start, f.end, sentence.index, f.kind, f.begin, f.until)
        )
    return tuple(periods)


@step("periods", adds={"periods"})
def periods_step(extraction: Extraction) -> Extraction:
    """Add the article's time expressions as ``periods``."""
    return extraction.evolve(periods=find_periods(extraction.article))


_DATA_TITLE = re.compile(r"季度|上半年|下半年|前\d+个?月|\d+[-—至]\d+月|全年|年度")


# 计划于今年6月开工, 预计2024年二季度投产: a date of a one-off event
_EVENT_AFTER = re.compile(
    r"(?:正式|全面|基本|建成|将|可|恢复)?"
    r"(?:开工|动工|投产|通车|竣工|完工|交付|投用|投入使用|建成|开业|运营|揭牌|上市)"
)


def dates_an_event(text: str, period: Period) -> bool:
    """Whether ``period`` is the day, month or quarter of a one-off event (计划于今年6月
    开工): the event's date, not the period of the figures after it.

    >>> import datetime as dt
    >>> june = Period("今年6月", 3, 7, 0, "interval", dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    >>> dates_an_event("计划于今年6月开工,全长9.6公里", june)
    True
    >>> dates_an_event("上半年今年6月,全长9.6公里", june)
    False
    """
    if period.kind == "target" or period.begin is None or period.until is None:
        return False
    if (period.until - period.begin).days > 92:
        return False  # a year or half a year frames the figures after it
    return _EVENT_AFTER.match(text, period.end) is not None


def carry_periods(ex: Extraction, quantities: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """Figures without a period of their own take the one their statement carries.

    A sentence ending in ； goes on in the next one (1-9月,…生产总值2812.6亿元；规上
    工业增加值1408.3亿元): its period carries over within the paragraph, unless it
    dates a one-off event (预计2024年二季度投产；…总投资12亿元). In a data
    release (the title names a part of the year: 数读前三季度经济) the period of
    the lead sentence is the default for the whole article.
    """
    article = ex.article
    by_sentence: dict[int, int] = {}
    for q in quantities:
        if q.period is not None:
            by_sentence[q.sentence] = q.period
    for i, p in enumerate(ex.periods):
        if not dates_an_event(article.text, p):
            by_sentence.setdefault(p.sentence, i)
    default = None
    if _DATA_TITLE.search(article.meta.title or "") and article.sentences:
        lead = [i for i, p in enumerate(ex.periods) if p.sentence == 0 and p.kind == "interval"]
        default = lead[0] if lead else None
    out = []
    for q in quantities:
        if q.period is None:
            q = replace(q, period=_carried(article, q.sentence, by_sentence, default))
        out.append(q)
    return tuple(out)


def _carried(article: Article, index: int, by_sentence: dict[int, int], default: int | None):
    sentences = article.sentences
    k = index - 1
    while k >= 0 and sentences[k].paragraph == sentences[index].paragraph:
        if not sentences[k].text.rstrip().endswith((";", "；")):
            break
        if k in by_sentence:
            return by_sentence[k]
        k -= 1
    return default
