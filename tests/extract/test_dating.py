"""Which period dates each figure, on short articles of our own (never the seed's facts)."""

from __future__ import annotations

import datetime as dt
import doctest
from dataclasses import replace
from decimal import Decimal

import kg.extract.figures.periods
from kg.extract import extract

D = dt.date


def _extract(make_article, text: str, on: dt.date, title: str = "测试"):
    article = make_article(text, on)
    return extract(replace(article, meta=replace(article.meta, title=title)))


def _period_of(ex, value) -> tuple[str, dt.date | None, dt.date | None] | None:
    q = next(q for q in ex.quantities if q.value == Decimal(str(value)))
    p = ex.periods[q.period] if q.period is not None else None
    return (p.text, p.begin, p.until) if p else None


def test_doctests_pass():
    assert doctest.testmod(kg.extract.figures.periods).failed == 0


# data releases: the title's period dates every figure without one of its own

_RELEASE = (
    "今年以来,紫金县坚持制造业当家,全县经济运行稳中有进。\n"
    "一、地区生产总值。1—9月,紫金县实现地区生产总值186.4亿元,同比增长4.3%。"
    "其中,第一产业增加值31.2亿元,增长3.9%。\n"
    "二、工业。全县规模以上工业增加值同比增长6.7%。规模以上工业企业达214家,比去年同期净增9家。\n"
    "三、金融。9月末,全县金融机构本外币各项存款余额402.6亿元,比年初增长5.4%。"
    "各项贷款余额288.1亿元,比年初增长7.6%。"
)
_NINE_MONTHS = ("1—9月", D(2024, 1, 1), D(2024, 9, 30))


def test_the_title_period_dates_the_figures_of_a_release(make_article):
    ex = _extract(make_article, _RELEASE, D(2024, 10, 28), "2024年1—9月紫金县经济运行简况")
    for value in (31.2, 3.9, 6.7, 214):
        assert _period_of(ex, value) == _NINE_MONTHS, value


def test_a_lead_that_says_so_far_does_not_date_a_release(make_article):
    # the lead's 今年以来 runs to the article date; the title's 1—9月 is the release's
    ex = _extract(make_article, _RELEASE, D(2024, 10, 28), "2024年1—9月紫金县经济运行简况")
    assert _period_of(ex, 6.7) != ("今年以来", D(2024, 1, 1), D(2024, 10, 28))


def test_a_title_part_matches_the_same_months_written_otherwise(make_article):
    # title 前三季度, body 1—9月: the same months
    ex = _extract(make_article, _RELEASE, D(2024, 10, 28), "数读紫金前三季度经济")
    assert _period_of(ex, 6.7) == _NINE_MONTHS


def test_a_release_title_without_a_period_falls_back_to_the_lead(make_article):
    text = "1—8月,和平县规上工业增加值增长5.2%。\n外贸进出口总额32.6亿元。"
    ex = _extract(make_article, text, D(2024, 9, 20), "和平县经济运行情况")
    assert _period_of(ex, 32.6) == ("1—8月", D(2024, 1, 1), D(2024, 8, 31))


def test_balances_are_at_the_month_end_in_a_release(make_article):
    ex = _extract(make_article, _RELEASE, D(2024, 10, 28), "2024年1—9月紫金县经济运行简况")
    month_end = ("9月末", D(2024, 9, 30), D(2024, 9, 30))
    for value in (402.6, 5.4, 288.1, 7.6):  # 各项贷款余额 is a sentence after 9月末
        assert _period_of(ex, value) == month_end, value


def test_a_comparison_base_is_no_period_of_the_figure(make_article):
    ex = _extract(make_article, _RELEASE, D(2024, 10, 28), "2024年1—9月紫金县经济运行简况")
    assert _period_of(ex, 9) == _NINE_MONTHS  # 比去年同期净增9家


def test_a_holiday_in_a_release_dates_its_own_figures(make_article):
    text = "1—9月,龙门县接待游客620万人次。\n国庆假期,全县接待游客48.5万人次。"
    ex = _extract(make_article, text, D(2024, 10, 20), "数读龙门前三季度经济")
    assert _period_of(ex, 48.5) == ("国庆假期", D(2024, 10, 1), D(2024, 10, 7))


# comparison bases elsewhere


def test_the_figure_compared_with_last_year_end_keeps_the_sentences_date(make_article):
    text = "截至9月底,全县规上工业企业达236家,比上年末净增15家。"
    ex = _extract(make_article, text, D(2024, 10, 15))
    assert _period_of(ex, 15) == ("截至9月底", D(2024, 9, 30), D(2024, 9, 30))


def test_growth_over_last_year_is_this_years(make_article):
    text = "连南县交投公司今年计划完成投资20亿元,比去年增长三成。"
    ex = _extract(make_article, text, D(2025, 3, 5))
    assert _period_of(ex, 3) == ("今年", D(2025, 1, 1), D(2025, 12, 31))


# the day of an event


def test_figures_on_the_day_take_the_events_day(make_article):
    text = (
        "3月18日,2024年紫金县招商推介会在深圳市举行。"
        "当天共签约项目9个,总投资56亿元。"
        "现场还有3个项目完成注册。"
    )
    ex = _extract(make_article, text, D(2024, 3, 19))
    day = ("3月18日", D(2024, 3, 18), D(2024, 3, 18))
    assert [_period_of(ex, v) for v in (9, 56, 3)] == [day, day, day]


def test_figures_of_this_event_take_its_day_not_the_quarter_it_belongs_to(make_article):
    # 本次活动: the figures are the day's, not those of the quarter the event opens
    text = (
        "9月6日,2024年第三季度韶关市重大项目集中开工活动始兴分会场活动举行。\n"
        "本次活动,始兴县集中开工项目15个,总投资38亿元。"
        "此次集中签约项目6个。"
    )
    ex = _extract(make_article, text, D(2024, 9, 7), "2024年第三季度重大项目集中开工活动举行")
    day = ("9月6日", D(2024, 9, 6), D(2024, 9, 6))
    assert [_period_of(ex, v) for v in (15, 38, 6)] == [day, day, day]


def test_the_parts_of_a_total_take_its_period(make_article):
    # 其中 opens the parts of the total the sentence before dated; ； carries them on
    text = (
        "9月6日,始兴县重大项目集中开工活动举行。\n"
        "现场集中签约、开工项目共21个,总投资38亿元。"
        "其中,签约项目9个,总投资20亿元;"
        "开工项目12个,总投资18亿元。"
    )
    ex = _extract(make_article, text, D(2024, 9, 7), "2024年第三季度重大项目集中开工活动举行")
    day = ("9月6日", D(2024, 9, 6), D(2024, 9, 6))
    assert [_period_of(ex, v) for v in (21, 9, 20, 12, 18)] == [day] * 5


def test_sizes_on_the_day_are_not_dated_by_it(make_article):
    text = "4月2日,和平县5个交通项目集中开工。同日开工的两条公路总长24公里。"
    ex = _extract(make_article, text, D(2024, 4, 3))
    assert _period_of(ex, 24) is None


def test_a_first_day_figure_takes_the_listing_day(make_article):
    text = "2月6日,广东恒远材料股份有限公司在深圳证券交易所上市。上市首日股价上涨45%。"
    ex = _extract(make_article, text, D(2025, 2, 7))
    assert _period_of(ex, 45) == ("2月6日", D(2025, 2, 6), D(2025, 2, 6))


# section headings


def test_a_heading_dates_its_section(make_article):
    text = (
        "一、2023年工作回顾\n"
        "全县新签约项目36个,计划总投资约82亿元。\n"
        "新增高标准农田1.5万亩。\n"
        "二、2024年主要目标\n"
        "新增工业用地两千亩。\n"
        "三、民生实事\n"
        "新建公办幼儿园5所。"
    )
    ex = _extract(make_article, text, D(2024, 1, 20))
    last_year = ("2023年", D(2023, 1, 1), D(2023, 12, 31))
    assert [_period_of(ex, v) for v in (36, 82, 1.5)] == [last_year] * 3
    assert _period_of(ex, 2000) == ("2024年", D(2024, 1, 1), D(2024, 12, 31))
    assert _period_of(ex, 5) is None  # a heading without a period ends the section


def test_a_line_with_a_figure_is_no_heading(make_article):
    text = "2023年,全县新签约项目36个\n新增高标准农田1.5万亩。"
    ex = _extract(make_article, text, D(2024, 1, 20))
    assert _period_of(ex, 1.5) is None


# the dates of one-off events


def test_this_year_early_in_the_year_is_no_events_date(make_article):
    # 今年 in February spans six weeks, but it is no day of an event: 8个 is this year's
    text = "四是实施人居环境整治行动,今年建成美丽圩镇8个。"
    ex = _extract(make_article, text, D(2023, 2, 10))
    assert _period_of(ex, 8) == ("今年", D(2023, 1, 1), D(2023, 2, 10))


# a paragraph's year or part of a year dates the figures of its later sentences


def test_the_paragraph_period_dates_the_sentences_after_it(make_article):
    text = (
        "2023年前三季度,连州市经济运行稳中有进,地区生产总值增长5.1%。"
        "规上工业增加值38.2亿元,同比增长6.4%。\n"
        "全长12公里的连州大道正在建设。"
    )
    ex = _extract(make_article, text, D(2023, 11, 2))
    nine = ("2023年前三季度", D(2023, 1, 1), D(2023, 9, 30))
    assert _period_of(ex, 38.2) == nine
    assert _period_of(ex, 6.4) == nine
    assert _period_of(ex, 12) is None  # another paragraph, and a size


def test_a_day_or_target_in_the_paragraph_dates_no_later_sentence(make_article):
    text = "连州市力争到2025年建成示范镇5个。新建污水管网18公里,投资3200万元。"
    ex = _extract(make_article, text, D(2023, 11, 2))
    assert _period_of(ex, 3200) is None


# figures of several years


def test_a_yearly_average_is_of_the_plans_years_not_the_last_year(make_article):
    text = (
        "“十三五”期间,连山县经济实力明显增强。"
        "2020年全县地区生产总值达到58.6亿元,年均增长7.2%;"
        "五年累计完成固定资产投资210.5亿元。"
    )
    ex = _extract(make_article, text, D(2021, 3, 2))
    plan = ("“十三五”期间", D(2016, 1, 1), D(2020, 12, 31))
    assert _period_of(ex, 58.6) == ("2020年", D(2020, 1, 1), D(2020, 12, 31))
    assert _period_of(ex, 7.2) == plan
    assert _period_of(ex, 210.5) == plan


def test_a_sum_so_far_this_year_keeps_its_own_period(make_article):
    text = "“十四五”期间,连山县将持续扩大投资。今年以来累计完成投资12.4亿元。"
    ex = _extract(make_article, text, D(2023, 6, 2))
    assert _period_of(ex, 12.4) == ("今年以来", D(2023, 1, 1), D(2023, 6, 2))


def test_the_date_counts_are_given_as_of_dates_the_next_sentence(make_article):
    text = "截至2024年6月底,龙川经济开发区累计入园企业120家。新材料项目28个。"
    ex = _extract(make_article, text, D(2024, 7, 20))
    assert _period_of(ex, 28) == ("截至2024年6月底", D(2024, 6, 30), D(2024, 6, 30))


def test_figures_of_an_event_take_the_day_it_was_held(make_article):
    # figures given to an event a paragraph later (本次活动签下的…) had no period
    ex = _extract(
        make_article,
        "6月18日，平远县在仁居镇举行平远县重点项目揭牌仪式。\n"
        "平远县加快项目建设。本次活动签下的项目达9个，总投资6.4亿元。",
        D(2024, 6, 19),
    )
    assert _period_of(ex, 9) == _period_of(ex, "6.4") == ("6月18日", D(2024, 6, 18), D(2024, 6, 18))


def test_paragraphs_without_a_period_take_the_year_just_before(make_article):
    # one highlight a line after 2024年，X县… had no period
    ex = _extract(
        make_article,
        "2024年，平远县坚持项目为王，全力推进高质量发展。\n"
        "财政收入增长至12亿元，同比增长8.5%。\n"
        "全县新增规上工业企业31家。",
        D(2025, 1, 20),
    )
    year = ("2024年", D(2024, 1, 1), D(2024, 12, 31))
    assert _period_of(ex, 12) == _period_of(ex, "8.5") == _period_of(ex, 31) == year


def test_a_year_far_back_dates_no_paragraph(make_article):
    text = "2024年，平远县坚持项目为王。\n" + "平远县推进改革。\n" * 4 + "全县新增企业31家。"
    assert _period_of(_extract(make_article, text, D(2025, 1, 20)), 31) is None


def test_a_quarter_qualifying_the_works_counted_dates_the_count(make_article):
    # 二季度动工项目N个: the quarter was taken for the date of a one-off start
    ex = _extract(make_article, "平远县第一季度动工项目4个，总投资12.5亿元。", D(2024, 4, 8))
    quarter = ("第一季度", D(2024, 1, 1), D(2024, 3, 31))
    assert _period_of(ex, 4) == _period_of(ex, "12.5") == quarter
