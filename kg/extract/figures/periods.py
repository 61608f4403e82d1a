"""Which period dates each figure.

A figure takes the nearest period before it in its sentence (``kg.extract.
quantities``), passing over two kinds that date no figure after them:

- the day, month or quarter of a one-off event (计划于今年6月开工，全长9.6公里);
- a comparison base (截至6月底…达412家，比上年末净增23家: 上年末 is what 23家
  is counted from, 6月底 its date).

A figure of several years (年均增长6.5%, and 累计… without a period of its own) takes
the span of years its paragraph named last before it (“十三五”期间，…2020年实现…，
年均增长6.5%: the plan's years, not 2020).

A figure still without a period takes, in this order:

1. the period of the sentence before when that one ends in ； (the statement
   goes on), within the paragraph, or when this one opens with 其中 (its figures
   are parts of the total just given: 其中，签约项目N个…);
1b. the year, part of a year or span that frames its paragraph: the last one
   named before it in the paragraph (2024年前三季度，全县GDP增长4.8%。规上工业
   增加值46.51亿元…: the second sentence's figures are of the same months), or the
   date a 截至 gives (截至8月底，累计入园企业N家。X项目M个…); not for sizes
   (全长31公里), and not past another day or a target, which frame nothing;
2. in a sentence opening with 当天/当日/同日/现场/会上, or after 首日 in its
   sentence, the day named last before it: the day of the event (counts, sums
   and shares; not sizes such as 全长31公里, which describe a thing);
3. for a balance (存款余额, 贷款余额) or its change since the year began (比年初
   增长), the end of a month or quarter named last before it in its paragraph
   (9月末，…存款余额…。各项贷款余额…);
4. the period of its section's heading (a line of its own: 一、2022年工作回顾);
5. in a data release (a title naming a part of the year, or 经济运行, 统计数据 …)
   the release's period: the first period of the body that restates the title's
   (title 2024年1—9月…简况, body 1—9月，…), else the lead sentence's. A lead that
   says only 今年以来 does not date a release whose title says 1—9月.
6. in a paragraph naming no period, the whole year the last paragraph
   naming one ends with, if that is one of the four paragraphs before (2024年，X县…。
   then one line per highlight: 全县新增规上企业31家…), with no heading
   between; not for sizes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.kinds import Kind
from kg.extract.periods.expressions import spans_of
from kg.extract.pipeline import step
from kg.extract.text.cues import cue_pattern
from kg.extract.text.spans import last_before
from kg.records import Article, Extraction, Period, Quantity

__all__ = ["carry_periods", "compares_with", "dates_an_event", "figure_periods_step"]

# 计划于今年6月开工, 预计2024年二季度投产: a date of a one-off event
_EVENT_AFTER = re.compile(
    r"(?:正式|全面|基本|建成|将|可|恢复)?"
    r"(?:开工|动工|投产|通车|竣工|完工|交付|投用|投入使用|建成|开业|运营|揭牌|上市)"
)
_SO_FAR = ("今年", "本年", "以来", "至今")  # year-to-date spans: short only early in a year
_EVENT_KEY = f"{Kind.EVENT}:"  # an event's entity key (kg.extract.entities)


def dates_an_event(text: str, period: Period) -> bool:
    """Whether ``period`` is the day, month or quarter of a one-off event (计划于今年6月
    开工): the event's date, not the period of the figures after it.

    >>> import datetime as dt
    >>> june = Period("今年6月", 3, 7, 0, "interval", dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    >>> dates_an_event("计划于今年6月开工,全长9.6公里", june)
    True
    >>> dates_an_event("上半年今年6月,全长9.6公里", june)
    False
    >>> dates_an_event("今年6月动工项目5个", june)
    False
    """
    if period.kind == "target" or period.begin is None or period.until is None:
        return False
    if (period.until - period.begin).days > 92 or period.text.endswith(_SO_FAR):
        return False  # a year or half a year (今年 in February too) frames the figures after it
    event = _EVENT_AFTER.match(text, period.end)
    # 二季度动工项目5个: the verb qualifies what is counted, the quarter dates it
    return event is not None and not _QUALIFIED.match(text, event.end())


_QUALIFIED = re.compile(r"的?(?:重大|重点|产业|亿元以上)?(?:项目|工程|企业)")


_COMPARED = re.compile(r"(?:比|较|与|相比|对比)$")


def compares_with(text: str, period: Period) -> bool:
    """Whether ``period`` is the base a figure is compared with (比上年末, 较去年底).

    >>> import datetime as dt
    >>> text = "截至6月底,全市企业达412家,比上年末净增23家"
    >>> at = text.index("上年末")
    >>> day = dt.date(2023, 12, 31)
    >>> compares_with(text, Period("上年末", at, at + 3, 0, "instant", day, day))
    True
    """
    return _COMPARED.search(text, max(0, period.start - 2), period.start) is not None


def _frames(text: str, period: Period) -> bool:
    """Whether ``period`` can date the figures that follow it."""
    return not dates_an_event(text, period) and not compares_with(text, period)


_ON_THE_DAY = cue_pattern("figure-day", r"\s*")
_FIRST_DAY = "首日"  # 上市首日收盘价…: the day of the listing
# sizes and durations (全长31公里, 年产8000万平方米) describe a thing, not the day's event
_SIZES = frozenset({"m", "m2", "m3", "kg", "W", "Wh", "d", "h", "个月", "年", "工作日"})
_DAY = re.compile(r"[0-9一二三四五六七八九十]+[日号]$")
# a balance, or its change since the year began (存款余额…比年初增长6.2%)
_BALANCE = re.compile(r"余额|[比较]年初")
_MONTH_END = re.compile(r"(?:月|季度|年)(?:末|底)$")
_CLAUSE_MARKS = ",，;；:："


@step("figure-periods", needs={"quantities", "periods"}, adds={"quantities"})
def figure_periods_step(ex: Extraction) -> Extraction:
    """Gives figures without a period the one their statement carries."""
    return ex.evolve(quantities=carry_periods(ex, ex.quantities))


def carry_periods(ex: Extraction, quantities: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """Figures without a period of their own take the one their statement carries
    (the module docstring gives the order)."""
    article, periods = ex.article, ex.periods
    text = article.text
    by_sentence: dict[int, int] = {}
    for q in quantities:
        if q.period is not None:
            by_sentence[q.sentence] = q.period
    for i, p in enumerate(periods):
        if _frames(text, p):
            by_sentence.setdefault(p.sentence, i)
    with_figures = {q.sentence for q in quantities}
    sections = _section_periods(article, periods, with_figures)
    default = _release_period(ex)
    event_days = _event_days(ex)
    out = []
    for q in quantities:
        years = _years_of_average(article, periods, q)
        if years is not None:
            q = replace(q, period=years)
        if q.period is None:
            found = (
                _carried(article, q.sentence, by_sentence),
                _of_the_total(article, q.sentence, by_sentence),
                _event_day(article, periods, q),
                _day_of_event(ex, q, event_days),
                _balance_date(article, periods, q),
                _paragraph_frame(article, periods, q),
                sections.get(q.sentence),
                default,
                _frame_before(article, periods, q, with_figures),
            )
            q = replace(q, period=next((i for i in found if i is not None), None))
            if q.period is not None:
                by_sentence.setdefault(q.sentence, q.period)
        out.append(q)
    return tuple(out)


def _carried(article: Article, index: int, by_sentence: dict[int, int]) -> int | None:
    """The period of the sentences before that end in ；, back to the paragraph's start."""
    sentences = article.sentences
    k = index - 1
    while k >= 0 and sentences[k].paragraph == sentences[index].paragraph:
        if not sentences[k].text.rstrip().endswith((";", "；")):
            break
        if k in by_sentence:
            return by_sentence[k]
        k -= 1
    return None


_AVERAGE = "年均"
_SUMMED = "累计"


def _years_of_average(article: Article, periods: tuple[Period, ...], q: Quantity) -> int | None:
    """年均增长6.5% (or 累计… with no period of its own): the span of several years
    named last before the figure in its paragraph, if any."""
    sentence = article.sentences[q.sentence]
    text = article.text
    clause = text[sentence.start : q.start]
    if _AVERAGE not in clause and not (q.period is None and _SUMMED in clause):
        return None
    first = q.sentence
    while first > 0 and article.sentences[first - 1].paragraph == sentence.paragraph:
        first -= 1
    floor = article.sentences[first].start

    def several_years(p: Period) -> bool:
        return (
            p.start >= floor
            and p.begin is not None
            and p.until is not None
            and p.until.year > p.begin.year
            and _frames(text, p)
        )

    return last_before(periods, q.start, several_years, floor)


_PARTS_OF = re.compile(r"[\s“”\"]*其中")


def _of_the_total(article: Article, index: int, by_sentence: dict[int, int]) -> int | None:
    """A sentence opening with 其中 gives parts of the total the sentence before gave:
    that sentence's period, within the paragraph."""
    sentences = article.sentences
    if index == 0 or sentences[index - 1].paragraph != sentences[index].paragraph:
        return None
    if not _PARTS_OF.match(article.text, sentences[index].start):
        return None
    return by_sentence.get(index - 1)


def _paragraph_start(article: Article, sentence: int) -> int:
    """The index of the first sentence of ``sentence``'s paragraph."""
    sentences = article.sentences
    first = sentence
    while first > 0 and sentences[first - 1].paragraph == sentences[sentence].paragraph:
        first -= 1
    return first


def _paragraph_frame(article: Article, periods: tuple[Period, ...], q: Quantity) -> int | None:
    """The year, part of a year or span named last before the figure in its paragraph,
    when that is the last period before it there (a day or a target frames nothing)."""
    if q.base_unit in _SIZES:
        return None
    sentences = article.sentences
    first = _paragraph_start(article, q.sentence)
    floor = sentences[first].start
    text = article.text
    last = last_before(periods, q.start, lambda p: True, floor)
    if last is None:
        return None
    p = periods[last]
    as_of = p.kind == "instant" and p.text.startswith("截")  # 截至8月底: counts as of then
    if (p.kind not in ("year", "interval") and not as_of) or p.begin is None:
        return None
    return last if _frames(text, p) else None


_FRAME_REACH = 4  # paragraphs back (the year's own included) a year may date


def _frame_before(
    article: Article, periods: tuple[Period, ...], q: Quantity, with_figures: set[int]
) -> int | None:
    """2024年，X县…。\n全县新增规上企业31家…: in a paragraph naming no period,
    the whole year the last paragraph naming a period ends with, when that
    paragraph is one of the ``_FRAME_REACH`` before and no heading comes between (not
    for sizes)."""
    if q.base_unit in _SIZES:
        return None
    sentences = article.sentences
    paragraph = sentences[q.sentence].paragraph
    first = _paragraph_start(article, q.sentence)
    floor = sentences[first].start
    last = last_before(periods, sentences[q.sentence].end, lambda p: True)
    if last is None or periods[last].end > floor:
        return None  # the paragraph names a period of its own
    p = periods[last]
    if paragraph - sentences[p.sentence].paragraph > 4 * _FRAME_REACH:
        return None  # far back (paragraph numbers grow in text order, blank lines too)
    between = {s.paragraph for s in sentences[p.sentence : first] if s.paragraph != paragraph}
    if any(_is_heading(article, i, with_figures) for i in range(p.sentence + 1, first)):
        return None  # 三、民生实事: a heading naming no period ends the year's section
    if len(between) > _FRAME_REACH or p.kind != "year" or p.begin is None:
        return None
    return last if _frames(article.text, p) else None


def _last_before(periods: tuple[Period, ...], offset: int, wanted) -> int | None:
    """The index of the period ending by ``offset`` that is ``wanted`` and starts last."""
    return last_before(periods, offset, wanted)


def _event_day(article: Article, periods: tuple[Period, ...], q: Quantity) -> int | None:
    """当天共有5个项目同步动工 / 上市首日…上涨86.4%: the day named last before the figure."""
    sentence = article.sentences[q.sentence]
    before = article.text[sentence.start : q.start]
    if q.base_unit in _SIZES or (not _ON_THE_DAY.match(before) and _FIRST_DAY not in before):
        return None

    def a_day(p: Period) -> bool:
        return p.kind == "instant" and _DAY.search(p.text) is not None and p.text[0] not in "截到至"

    return _last_before(periods, sentence.start, a_day)


def _event_days(ex: Extraction) -> dict[str, int]:
    """Event key → the one day named in the sentence first naming the event."""
    days: dict[int, list[int]] = {}
    for i, p in enumerate(ex.periods):
        if p.kind == "instant" and _DAY.search(p.text):
            days.setdefault(p.sentence, []).append(i)
    out: dict[str, int] = {}
    seen: set[str] = set()
    for m in ex.mentions:
        if m.entity and m.entity.startswith(_EVENT_KEY) and m.entity not in seen:
            seen.add(m.entity)
            here = days.get(m.sentence, [])
            if len(here) == 1:
                out[m.entity] = here[0]
    return out


def _day_of_event(ex: Extraction, q: Quantity, event_days: dict[str, int]) -> int | None:
    """A figure about an event (本次活动签下的项目达9个): the day named in the sentence
    that first names the event (9月23日，…举行X活动), when that sentence names one."""
    if q.base_unit in _SIZES or not q.subject:
        return None
    return event_days.get(q.subject)


def _balance_date(article: Article, periods: tuple[Period, ...], q: Quantity) -> int | None:
    """各项贷款余额812.7亿元 after 9月末，…存款余额…: the month's end named before it."""
    sentence = article.sentences[q.sentence]
    text = article.text
    clause = text[sentence.start : q.start]
    clause = clause[max(clause.rfind(mark) for mark in _CLAUSE_MARKS) + 1 :]
    if not _BALANCE.search(clause) and not _BALANCE.search(q.measure or ""):
        return None
    paragraph = [s.index for s in article.sentences if s.paragraph == sentence.paragraph]

    def a_month_end(p: Period) -> bool:
        return (
            p.kind == "instant"
            and p.sentence in paragraph
            and _MONTH_END.search(p.text) is not None
            and not compares_with(text, p)
        )

    return _last_before(periods, q.start, a_month_end)


def _is_heading(article: Article, index: int, with_figures: set[int]) -> bool:
    """A short line of its own without a sentence end or a figure: 一、2022年工作回顾."""
    sentence = article.sentences[index]
    if index in with_figures:
        return False  # 2023年,全县新签约项目36个: a sentence that lost its stop
    alone = all(
        s.paragraph != sentence.paragraph or s.index == index
        for s in article.sentences[max(0, index - 1) : index + 2]
    )
    line = sentence.text.strip()
    return alone and 0 < len(line) <= 30 and not line.endswith(tuple("。！？；;!?…"))


def _section_periods(
    article: Article, periods: tuple[Period, ...], with_figures: set[int]
) -> dict[int, int]:
    """Sentence index → the period of the heading of its section, where it has one."""
    first: dict[int, int] = {}
    for i, p in enumerate(periods):
        first.setdefault(p.sentence, i)
    out: dict[int, int] = {}
    current = None
    for s in article.sentences:
        if _is_heading(article, s.index, with_figures):
            current = first.get(s.index)
        elif current is not None:
            out[s.index] = current
    return out


_DATA_TITLE = re.compile(
    r"季度|上半年|下半年|前\d+个?月|\d+[-—至]\d+月|全年|年度"
    r"|经济运行|统计数据|数据发布|主要指标|统计公报|统计快报"
)


def _release_period(ex: Extraction) -> int | None:
    """In a data release, the index of the period that dates every figure without one."""
    article, periods = ex.article, ex.periods
    title = article.meta.title or ""
    if not _DATA_TITLE.search(title) or not article.sentences:
        return None
    stated = {span for span in spans_of(title, article.meta.date) if None not in span}
    for i, p in enumerate(periods):
        if (p.begin, p.until) in stated and _frames(article.text, p):
            return i  # the body restates the title's period (title 1—9月, body 前三季度)
    lead = [i for i, p in enumerate(periods) if p.sentence == 0 and p.kind == "interval"]
    return lead[0] if lead else None
