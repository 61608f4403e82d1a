"""Figures in an article: number + unit, ranges, qualifiers, ranks, and what they measure.

A figure is a number (Arabic or Chinese) followed by a unit of
``data/lexicon/units.tsv``; a number without a unit is no figure (codes,
phone numbers, 500强), and a unit without a number neither (亿元以上项目).

- ``value`` is the number as written and ``unit`` the unit as written; a
  magnitude just before the unit stays with the unit (3.2万亩: 3.2, 万亩), and
  the table gives ``base_value``/``base_unit`` (万亩 -> m2).
- Classifiers are units: 22个县(市、区) is 22 个, with the counted noun
  县(市、区) as its ``measure``; 9镇1街 is two counts.
- Ranges 3至5亿元 and 3亿元至5亿元 give value 3 and ``upper`` 5. Qualifiers before (约, 超, 近,
  不足 ...) or after (以上, 左右, 余, 多) are stored in a normal form and are
  part of the span; link verbs (达, 共, 为) are not.
- Ranks: 排名344位, 第344位, 居江门第二, 全省第一, 拿第一, and 首位 or 榜首 after a
  rank verb (居揭阳各县首位) have kind 'rank' and unit 位. A top N after a rank or
  reach verb (位列前三, 跻身全省前十强) is rank N with the qualifier 以内.
- Ordinals with a counter of ``quantity_words.tsv`` (成为全市第5家上市企业) are
  counts: 5 家, the span holding the 第. Others (第一批, 第三次会议) are no figure.
- Durations: 年 after a number that is not a calendar year (建设周期2年, 连续十一年),
  个月 also with 多 or 余 inside (四个多月: 4 个月, 余), 个工作日, 天.
- 车道 counts lanes (双向六车道: 6 车道); 半小时, 半个月, 半天 are 0.5 of the unit;
  两大 … 十大 before what they count (四大主导行业) are counts of unit 大 (not 二十大,
  a congress).
- Not figures: numbers inside time expressions, inside short quoted names
  (“1310”), glued to Latin letters or '+' (G325, S270, 1+6+3), or after a
  '-' that follows a letter or digit (粤B2-20040381); a lone Chinese 一 (一批,
  一镇一策) and bare magnitudes (百县千镇, 千亩茶园).
- ``measure``: see ``kg.extract.figures.measure``. ``period``: the index of the
  nearest period before the figure in the same sentence. ``subject`` stays
  None: the relation step assigns it from the entities.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from kg.extract.figures.measure import CLAUSE_END, fences, measure_of, rank_measure_of
from kg.extract.figures.periods import compares_with, dates_an_event
from kg.extract.periods.expressions import quoted_spans, within_spans
from kg.extract.pipeline import step
from kg.extract.text.doc import Doc, doc_of
from kg.extract.text.numbers import parse_number
from kg.extract.text.units import Unit, quantity_words, to_base, units
from kg.records import Article, Extraction, Period, Quantity

__all__ = ["find_quantities", "quantities_step"]

_NUMBER = re.compile(
    r"(?<![0-9.])[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9])"
    r"|[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+)?"
)
_RANGE = re.compile(
    r"(?:万亿|千万|百万|万|亿)?(?:至|到|-|~|～|—|–)"
    r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9])|[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?)"
)
_DIGIT_WORDS = set("〇零一二两三四五六七八九十")
_MAGNITUDE_HEADS = ("万亿", "千万", "百万", "十万", "万", "亿", "千")
# Characters after a one-character unit that show it is the start of a word instead.
_NOT_UNIT_BEFORE = {
    "人": "民才",
    "家": "庭具属",
    "市": "场民值",
    "区": "域位",
    "村": "民",
    "台": "湾",
    "头": "部",
    "条": "件例",
    "所": "有",
    "场": "景所",
    "处": "理",
    "种": "植子",
    "批": "复准",
    "类": "似",
    "名": "单称",
    "位": "于置",
    "次": "要",
    "米": "粉",
    "元": "宵素",
    "年": "代级度底初末中终份货轻会薪检报鉴",
}
# A connector and a second number after a figure's unit: 3亿元至10亿元.
_REPEAT = re.compile(
    r"(?:至|到|-|~|～|—|–)"
    r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9])|[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?)"
)
_CALENDAR_YEAR = re.compile(r"(?:1[89][0-9]{2}|2[01][0-9]{2})|[〇零一二三四五六七八九]{4}")


class _Where(NamedTuple):
    sentence: int  # Sentence.index
    bounds: tuple[int, int]  # the sentence's span


class _Raw(NamedTuple):
    start: int
    end: int
    unit_end: int  # where the words after the figure begin
    sentence: int
    bounds: tuple[int, int]  # the sentence's span
    value: Decimal
    upper: Decimal | None
    unit: Unit | None  # None for ranks
    qualifier: str | None


def _read_unit(text: str, pos: int) -> tuple[Unit, int, str | None] | None:
    """The longest unit at ``pos``, its end, and a qualifier (1万余人: 万人, 余)."""
    table = units()
    for head in _MAGNITUDE_HEADS:
        after = pos + len(head)
        if text.startswith(head, pos) and text[after : after + 1] in ("余", "多"):
            rest = _read_unit(text, after + 1)
            if rest and rest[0].kind != "number" and head + rest[0].unit in table:
                return table[head + rest[0].unit], rest[1], "余"
    for size in range(min(6, len(text) - pos), 0, -1):
        row = table.get(text[pos : pos + size])
        if row is None:
            continue
        end = pos + size
        nxt = text[end : end + 1]
        if row.unit.isascii() and nxt.isascii() and nxt.isalnum():
            continue
        if size == 1 and nxt and nxt in _NOT_UNIT_BEFORE.get(row.unit, ""):
            continue
        return row, end, None
    return None


def _ge_duo(text: str, pos: int) -> tuple[Unit, int, str | None] | None:
    """四个多月, 两个余月: a unit spelt 个…, with 多 or 余 inside it (qualifier 余)."""
    if text[pos : pos + 1] != "个" or text[pos + 1 : pos + 2] not in ("多", "余"):
        return None
    for size in range(4, 0, -1):
        row = units().get("个" + text[pos + 2 : pos + 2 + size])
        if row is not None and len(row.unit) == size + 1:
            return row, pos + 2 + size, "余"
    return None


def _repeated_unit_range(
    text: str, pos: int, unit: Unit, value: Decimal
) -> tuple[Decimal | None, int]:
    """The upper end of 3亿元至10亿元 (the unit written twice) and where it ends."""
    m = _REPEAT.match(text, pos)
    second = _read_unit(text, m.end()) if m else None
    if m is None or second is None or second[0] != unit:
        return None, pos
    upper = parse_number(m.group(1))
    return (upper, second[1]) if upper is not None and upper > value else (None, pos)


def _qualifier_before(text: str, start: int, floor: int) -> tuple[int, str | None]:
    """A stored qualifier ending at ``start`` (超过, 约 ...): its start and normal form.

    The longest word wins: 不少于 (at least) is not 少于 (under) after a 不.
    """
    words = quantity_words()["qualifier_before"]
    for size in (3, 2, 1):
        word = text[max(floor, start - size) : start]
        if len(word) == size and word in words:
            return start - size, words[word]
    return start, None


def _qualifier_after(text: str, end: int) -> tuple[int, str | None]:
    """A two-character hedge after the unit (以上, 左右): its end and normal form.

    A lone 余 or 多 after a unit usually starts the next word (多元, 余款), so
    those count only between the number and the unit (200余家).
    """
    word = text[end : end + 2]
    normal = quantity_words()["qualifier_after"].get(word) if len(word) == 2 else None
    return (end + 2, normal) if normal else (end, None)


def _plain_number(text: str, start: int, end: int) -> bool:
    """Whether the numeral at start:end can be a figure (not a code, an idiom or a lone 一)."""
    token = text[start:end]
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if token[0].isdigit():
        if before.isascii() and before.isalpha() or before in ("+", "#", "@", "/", "_", "."):
            return False
        if before in ("-", "—", "–") and text[start - 2 : start - 1].isalnum():
            return False
        return after != "+" and not (after in (":", "：") and text[end + 1 : end + 2].isdigit())
    if token in ("百亿", "千亿", "百万", "千万", "万亿"):
        return True  # 千亿元, 近百亿元: magnitudes alone are a figure (not 百县千镇)
    return token != "一" and bool(_DIGIT_WORDS & set(token))


def _rank(
    text: str, m: re.Match[str], bounds: tuple[int, int]
) -> tuple[int, int, str | None] | None:
    """Span and qualifier of a rank at ``m`` (第344位, 排名344位, 居江门第二, 位列前三), or None."""
    start, end = m.span()
    after = text[end : end + 1]
    words = quantity_words()
    verbs = words["rank"]
    if text[start - 1 : start] == "第":
        if after in ("位", "名"):
            return start - 1, end + 1, None
        if end >= bounds[1] or after in CLAUSE_END:
            clause = text[bounds[0] : start - 1]
            cues = verbs.keys() | words["scope"].keys() | words["reach"].keys()
            if any(cue in clause[-12:] for cue in cues):
                return start - 1, end, None
        return None
    if after in ("位", "名") and any(text.endswith(v, 0, start) for v in verbs):
        return start, end + 1, None
    return _top_n(text, m, bounds)


# 前三名, 前十强 and what may follow a top-N rank to close it: 行列, 之列
_TOP_N_TAIL = re.compile(r"[名位强]?(?:行列|之列)?")
_TOP_N_REACH = 12


def _top_n(text: str, m: re.Match[str], bounds: tuple[int, int]) -> tuple[int, int, str] | None:
    """位列前三, 排名全省前五, 跻身前十强: a top-N rank after a rank or reach verb in its
    clause, closing the clause (前三季度, 前5个月 are no ranks)."""
    start, end = m.span()
    words = quantity_words()
    word = next((w for w in words["top_n"] if text.endswith(w, 0, start)), None)
    if word is None:
        return None
    floor = max(bounds[0], start - len(word) - _TOP_N_REACH)
    clause = text[floor : start - len(word)]
    clause = clause[max(clause.rfind(p) for p in CLAUSE_END) + 1 :]
    if not any(v in clause for v in words["rank"].keys() | words["reach"].keys()):
        return None
    close = _TOP_N_TAIL.match(text, end).end()
    if close < bounds[1] and text[close] not in CLAUSE_END:
        return None
    return start - len(word), close, words["top_n"][word]


def _figure(text: str, m: re.Match[str], where: _Where, floor: int) -> _Raw | None:
    """The figure starting with the numeral ``m``, or None when no unit follows."""
    start, end = m.span()
    token = m.group()
    upper = None
    pos = end
    ranged = _RANGE.match(text, pos)
    if ranged and _read_unit(text, ranged.end()):
        upper = parse_number(ranged.group(1))
        pos = pos if upper is None else ranged.end()
    qualifier = None
    if text[pos : pos + 1] in ("余", "多") and _read_unit(text, pos + 1):
        qualifier, pos = "余", pos + 1
    found = _ge_duo(text, pos) or _read_unit(text, pos)
    if found is None:
        return None
    unit, pos, mid = found
    if unit.unit == "年" and _CALENDAR_YEAR.fullmatch(token):
        return None  # 2023年 is a date (a period, when timex read it)
    chinese_magnitude = not token[0].isdigit() and len(token) > 1 and token[-1] in "万亿"
    if chinese_magnitude and pos == end + len(unit.unit):
        shifted = units().get(token[-1] + unit.unit)
        if shifted is not None:  # 三万人: value 3, unit 万人
            token, unit = token[:-1], shifted
    value = parse_number(token)
    if value is None or (upper is not None and upper <= value):
        return None
    if upper is None:
        upper, pos = _repeated_unit_range(text, pos, unit, value)
    pos, after = _qualifier_after(text, pos)
    start, before = _qualifier_before(text, start, floor)
    hedge = before or qualifier or mid or after
    return _Raw(start, pos, pos, *where, value, upper, unit, hedge)


def _percent_words(text: str, m: re.Match[str], where: _Where) -> _Raw | None:
    """百分之三十: a percentage written in words."""
    start, end = m.span()
    if not text.endswith("百分之", 0, start):
        return None
    value = parse_number(m.group())
    unit = units()["%"]
    return None if value is None else _Raw(start - 3, end, end, *where, value, None, unit, None)


def _raw_figures(article: Article, periods: tuple[Period, ...]) -> list[_Raw]:
    text = article.text
    quotes = quoted_spans(text)
    taken = [(p.start, p.end) for p in periods]
    doc = doc_of(article)
    found: list[_Raw] = []
    last_end = 0
    for m in _NUMBER.finditer(text):
        start = m.start()
        if start < last_end or within_spans(quotes, start) or _covered(taken, start):
            continue
        ordinal = text[start - 1 : start] == "第"
        if not ordinal and not _plain_number(text, start, m.end()):
            continue
        s = doc.sentence_at(start)
        if s is None:
            continue
        raw = _one(text, m, _Where(s.index, (s.start, s.end)), max(last_end, s.start))
        if raw is not None and not _covered(taken, raw.end - 1):
            found.append(raw)
            last_end = raw.end
    spans = [(r.start, r.end) for r in found]
    for extra in _top_ranks(article, doc) + _halves(article, doc) + _n_great(article, doc):
        if not _covered(spans, extra.start) and not _covered(taken, extra.start):
            found.append(extra)
    return sorted(found, key=lambda r: r.start)


# 半小时通达, 半个月: half a unit of time (not 一个半小时, 上半年, 半年报)
_HALF = re.compile(r"(?<![个上下前后多大])半(小时|个月|天)")


def _halves(article: Article, doc: Doc) -> list[_Raw]:
    """Half a unit of time written 半 (市区至各镇半小时通达: 0.5 小时)."""
    found = []
    for m in _HALF.finditer(article.text):
        s = doc.sentence_at(m.start())
        if s is not None:
            unit, where = units()[m.group(1)], (s.index, (s.start, s.end))
            half = Decimal("0.5")
            found.append(_Raw(m.start(), m.end(), m.end(), *where, half, None, unit, None))
    return found


# 两大园区, 四大主导行业, 十大工程: a count of 2 to 10 kinds (not 二十大, 十八大
# 以来: a congress; not 大学, 大会, 大道, 大幅, 大力 … opening a word)
_GREAT = re.compile(
    r"(?<![0-9〇零一二两三四五六七八九十第])([两二三四五六七八九]|十)大"
    r"(?![学会型道桥街楼厦队概约幅力量多于门湾批])(?=[\u4e00-\u9fff“\"])"
)
_GREAT_UNIT = Unit("大", "大", Fraction(1), None, "count")


def _n_great(article: Article, doc: Doc) -> list[_Raw]:
    """Counts written N大 before what they count (四大主导行业: 4 大)."""
    found = []
    for m in _GREAT.finditer(article.text):
        s = doc.sentence_at(m.start())
        value = parse_number(m.group(1))
        if s is not None and value is not None:
            where = (s.index, (s.start, s.end))
            found.append(_Raw(m.start(), m.end(), m.end(), *where, value, None, _GREAT_UNIT, None))
    return found


def _one(text: str, m: re.Match[str], where: _Where, floor: int) -> _Raw | None:
    """The figure or rank starting with the numeral ``m``, or None."""
    rank = _rank(text, m, where.bounds)
    if rank is not None:
        value = parse_number(m.group())
        first, last, hedge = rank
        return None if value is None else _Raw(first, last, last, *where, value, None, None, hedge)
    if text[m.start() - 1 : m.start()] == "第":
        return _ordinal(text, m, where)
    return _percent_words(text, m, where) or _figure(text, m, where, floor)


def _ordinal(text: str, m: re.Match[str], where: _Where) -> _Raw | None:
    """第5家 (成为全市第5家上市企业): a count of 5 家; 第一批, 第三次会议: None."""
    found = _read_unit(text, m.end())
    if found is None or found[0].unit not in quantity_words()["ordinal"]:
        return None
    value = parse_number(m.group())
    if value is None:
        return None
    return _Raw(m.start() - 1, found[1], found[1], *where, value, None, found[0], None)


_RANK_REACH = 24


def _top_ranks(article: Article, doc: Doc) -> list[_Raw]:
    """Rank one written as a word after a rank verb: 居揭阳各县(市、区)首位, 位居全省榜首."""
    text = article.text
    verbs = quantity_words()["rank"]
    tops = sorted(quantity_words()["top"], key=len, reverse=True)
    found: list[_Raw] = []
    if not tops:
        return found
    for m in re.finditer("|".join(map(re.escape, tops)), text):
        s = doc.sentence_at(m.start())
        if s is None:
            continue
        floor = max(s.start, m.start() - _RANK_REACH)
        clause = text[floor : m.start()]
        clause = clause[max(clause.rfind(p) for p in ",，;；:：。") + 1 :]
        if any(v in clause for v in verbs):
            where = (s.index, (s.start, s.end))
            found.append(_Raw(m.start(), m.end(), m.end(), *where, Decimal(1), None, None, None))
    return found


def _covered(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _period_for(text: str, periods: tuple[Period, ...], ends: list[int], raw: _Raw) -> int | None:
    """Index of the nearest period ending before the figure in its sentence, past dates
    of one-off events (计划于今年6月开工，全长9.6公里: 今年6月 is no period of 9.6公里)
    and comparison bases (比上年末净增23家: 上年末 is what 23家 is counted from)."""
    i = bisect.bisect_right(ends, raw.start) - 1
    while i >= 0 and periods[i].sentence == raw.sentence:
        if not dates_an_event(text, periods[i]) and not compares_with(text, periods[i]):
            return i
        i -= 1
    return None


# units that, after a small number in words, make set phrases rather than figures:
# 四市三区, 四套班子, 三批次, 四镇 (the four towns just listed)
_SET_PHRASE_UNITS = frozenset({"市", "区", "县", "镇", "套", "批次"})


def _set_phrase(text: str, raw) -> bool:
    """A small number written in words before a set-phrase unit (四市三区中)."""
    if raw.unit is None or raw.unit.unit not in _SET_PHRASE_UNITS or raw.qualifier:
        return False
    written = text[raw.start : raw.end]
    return not any(ch.isdigit() for ch in written) and raw.value <= 10


def find_quantities(article: Article, periods: tuple[Period, ...]) -> tuple[Quantity, ...]:
    """Every figure of ``article`` in text order; ``periods`` are the article's (sorted) periods."""
    order = sorted(range(len(periods)), key=lambda i: periods[i].start)
    ordered = tuple(periods[i] for i in order)
    ends = [p.end for p in ordered]
    raws = _raw_figures(article, ordered)
    text = article.text
    fence = fences([(r.start, r.end) for r in raws] + [(p.start, p.end) for p in ordered])
    out = []
    for raw in raws:
        if _set_phrase(text, raw):
            continue
        bounds = raw.bounds
        near = _period_for(text, ordered, ends, raw)
        if raw.unit is None:
            unit, kind, base = "位", "rank", (None, None)
            measure = rank_measure_of(text, raw.start, bounds, fence)
        else:
            unit, kind = raw.unit.unit, raw.unit.quantity_kind
            base = to_base(raw.value, unit)
            counted = raw.unit.kind in ("count", "people")
            duration = raw.unit.kind == "time"
            span = (raw.start, raw.unit_end)
            measure = measure_of(text, span, bounds, fence, counted, duration)
        out.append(
            Quantity(
                text=text[raw.start : raw.end],
                start=raw.start,
                end=raw.end,
                sentence=raw.sentence,
                value=raw.value,
                unit=unit,
                kind=kind,
                qualifier=raw.qualifier,
                base_value=base[0],
                base_unit=base[1],
                measure=measure,
                period=None if near is None else order[near],
                upper=raw.upper,
            )
        )
    return tuple(out)


@step("quantities", needs={"periods"}, adds={"quantities"})
def quantities_step(extraction: Extraction) -> Extraction:
    """Add the article's figures as ``quantities``, each tied to its governing period."""
    return extraction.evolve(quantities=find_quantities(extraction.article, extraction.periods))
