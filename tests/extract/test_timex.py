"""Time expressions resolved against the article date, on sentences of our own."""

from __future__ import annotations

import datetime as dt
import doctest
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.extract.periods.expressions
from kg.extract.periods.expressions import find_periods, periods_step
from kg.extract.pipeline import run_steps
from kg.records import Extraction

D = dt.date
ON = D(2024, 5, 20)


def only(make_article, text: str, date: dt.date | None = ON):
    periods = find_periods(make_article(text, date))
    assert len(periods) == 1, [p.text for p in periods]
    return periods[0]


@pytest.mark.parametrize(
    ("text", "expression", "kind", "begin", "until"),
    [
        ("1月至4月,开平市引进项目12个。", "1月至4月", "interval", D(2024, 1, 1), D(2024, 4, 30)),
        ("1-4月台山市工业产值增长。", "1-4月", "interval", D(2024, 1, 1), D(2024, 4, 30)),
        ("1至4月全区新增企业。", "1至4月", "interval", D(2024, 1, 1), D(2024, 4, 30)),
        ("一月至四月全区新增企业。", "一月至四月", "interval", D(2024, 1, 1), D(2024, 4, 30)),
        ("2023年1-9月博罗县实现增长。", "2023年1-9月", "interval", D(2023, 1, 1), D(2023, 9, 30)),
        ("今年以来新会区新增就业。", "今年以来", "interval", D(2024, 1, 1), ON),
        ("年初以来新会区新增就业。", "年初以来", "interval", D(2024, 1, 1), ON),
        ("今年顺德区完成投资。", "今年", "interval", D(2024, 1, 1), ON),
        ("新厂房年内投产。", "年内", "target", None, D(2024, 12, 31)),
        ("去年增城区接待游客。", "去年", "year", D(2023, 1, 1), D(2023, 12, 31)),
        ("去年同期为12亿元。", "去年同期", "interval", D(2023, 1, 1), D(2023, 5, 20)),
        ("一季度开平市外贸回暖。", "一季度", "interval", D(2024, 1, 1), D(2024, 3, 31)),
        ("第一季度开平市外贸回暖。", "第一季度", "interval", D(2024, 1, 1), D(2024, 3, 31)),
        ("5月8日台山市召开大会。", "5月8日", "instant", D(2024, 5, 8), D(2024, 5, 8)),
        ("2022年台山市获评示范县。", "2022年", "year", D(2022, 1, 1), D(2022, 12, 31)),
        ("2022年9月3日项目签约。", "2022年9月3日", "instant", D(2022, 9, 3), D(2022, 9, 3)),
        ("二〇二二年项目签约。", "二〇二二年", "year", D(2022, 1, 1), D(2022, 12, 31)),
        ("2021-2025年累计投资。", "2021-2025年", "interval", D(2021, 1, 1), D(2025, 12, 31)),
        ("到2027年建成强县。", "到2027年", "target", None, D(2027, 12, 31)),
        ("力争到2027年建成强县。", "力争到2027年", "target", None, D(2027, 12, 31)),
        ("2026年前完成改造。", "2026年前", "target", None, D(2026, 12, 31)),
        ("至2026年底全部通车。", "至2026年底", "target", None, D(2026, 12, 31)),
        ("年底前完成验收。", "年底前", "target", None, D(2024, 12, 31)),
        ("截至2024年3月底,全县有企业。", "截至2024年3月底", "instant", D(2024, 3, 31), D(2024, 3, 31)),  # noqa: E501
        ("截至目前,全县有企业。", "截至目前", "instant", ON, ON),
        ("“十四五”时期博罗县加快发展。", "“十四五”时期", "interval", D(2021, 1, 1), D(2025, 12, 31)),  # noqa: E501
        ("十四五期间博罗县加快发展。", "十四五期间", "interval", D(2021, 1, 1), D(2025, 12, 31)),
        ("“十五五”规划开局。", "“十五五”规划", "interval", D(2026, 1, 1), D(2030, 12, 31)),
        ("营收创近五年新高。", "近五年", "interval", D(2019, 5, 20), ON),
        ("三年来新会区引进项目。", "三年来", "interval", D(2021, 5, 20), ON),
        ("去年11月至今新增企业。", "去年11月至今", "interval", D(2023, 11, 1), ON),
    ],
)  # fmt: skip
def test_expressions_resolve(make_article, text, expression, kind, begin, until):
    p = only(make_article, text)
    assert (p.text, p.kind, p.begin, p.until) == (expression, kind, begin, until)


def test_a_month_span_after_the_article_month_is_last_year(make_article):
    p = only(make_article, "1月至9月开平市引进项目。", D(2024, 5, 20))
    assert (p.begin, p.until) == (D(2023, 1, 1), D(2023, 9, 30))


def test_a_half_year_not_over_is_last_year(make_article):
    p = only(make_article, "上半年台山市外贸增长。", D(2024, 3, 2))
    assert (p.begin, p.until) == (D(2023, 1, 1), D(2023, 6, 30))


def test_a_day_takes_the_year_nearest_the_article_date(make_article):
    p = only(make_article, "12月28日新会区召开大会。", D(2024, 1, 5))
    assert p.begin == D(2023, 12, 28)


def test_a_day_soon_after_the_article_stays_in_its_year(make_article):
    p = only(make_article, "6月3日博罗县将举办展会。", D(2024, 5, 20))
    assert p.begin == D(2024, 6, 3)


def test_without_a_date_relative_expressions_keep_their_text_only(make_article):
    periods = find_periods(make_article("今年以来,1月至4月,2022年。", None))
    assert [(p.text, p.begin, p.until) for p in periods] == [
        ("今年以来", None, None),
        ("1月至4月", None, None),
        ("2022年", D(2022, 1, 1), D(2022, 12, 31)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "目前全县有企业120家。",
        "现有企业120家。",
        "用三年时间推动发展。",
        "3年以上年均增长。",
        "G325国道和S270线。",
        "电话0750-3123456。",
        "三个月内完成。",
        "落实“2035年远景目标”部署。",
        "十四个镇。",
    ],
)
def test_no_period_in(make_article, text):
    assert find_periods(make_article(text)) == ()


def test_sentence_index_and_offsets(make_article):
    text = "开平市召开大会。1月至4月,全市引进项目。力争到2027年建成强县。"
    periods = find_periods(make_article(text))
    assert [(p.text, p.sentence) for p in periods] == [("1月至4月", 1), ("力争到2027年", 2)]
    assert all(text[p.start : p.end] == p.text for p in periods)


def test_the_step_adds_periods_only(make_article):
    article = make_article("2022年9月3日项目签约。")
    result = run_steps(Extraction(article), [periods_step])
    assert [p.text for p in result.periods] == ["2022年9月3日"]
    assert result.quantities == () and result.mentions == ()


def test_doctests_pass():
    assert doctest.testmod(kg.extract.periods.expressions).failed == 0


_PIECES = st.sampled_from(
    ["1月至9月", "今年", "以来", "到", "2025年", "年", "月", "日", "前", "底", "至", "上半年",
     "一", "十", "3", "12", "“", "”", "十四五", "时期", "近", "截至", ",", "。", "新建", "县"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=20), st.dates(D(2000, 1, 1), D(2099, 12, 31)))
def test_periods_slice_back_and_are_ordered(make_article, pieces, date):
    text = "".join(pieces)
    periods = find_periods(make_article(text, date))
    for p in periods:
        assert text[p.start : p.end] == p.text
        assert p.begin is None or p.until is None or p.begin <= p.until
    assert all(a.end <= b.start for a, b in zip(periods, periods[1:], strict=False))


def test_a_cue_shared_by_two_expressions_does_not_make_them_overlap(make_article):
    # hypothesis found 1月至9月前年: '前' ended one period and started 前年
    periods = find_periods(make_article("1月至9月前年", D(2000, 1, 1)))
    assert all(a.end <= b.start for a, b in zip(periods, periods[1:], strict=False))


def test_an_ongoing_half_year_is_this_years(make_article):
    # 下半年 in a November article was read as last year's
    (p,) = find_periods(make_article("下半年新开工项目10个。", D(2023, 11, 16)))
    assert (p.begin, p.until) == (D(2023, 7, 1), D(2023, 12, 31))


def test_a_quarter_since_runs_to_the_article_date(make_article):
    (p,) = find_periods(make_article("二季度以来,新增企业5家。", D(2023, 11, 16)))
    assert (p.text, p.begin, p.until) == ("二季度以来", D(2023, 4, 1), D(2023, 11, 16))


def test_the_past_year_in_a_first_quarter_report_is_the_calendar_year_before(make_article):
    (p,) = find_periods(make_article("过去一年,全市生产总值增长5%。", D(2023, 2, 10)))
    assert (p.begin, p.until) == (D(2022, 1, 1), D(2022, 12, 31))


@pytest.mark.parametrize(
    ("text", "on", "expression", "begin", "until"),
    [
        # the breaks data/lexicon/holidays.tsv lists, in the year nearest the article date
        ("国庆假期,开平市接待游客52万人次。", D(2024, 10, 9), "国庆假期", D(2024, 10, 1), D(2024, 10, 7)),  # noqa: E501
        ("国庆黄金周全县旅游收入3.1亿元。", D(2022, 10, 12), "国庆黄金周", D(2022, 10, 1), D(2022, 10, 7)),  # noqa: E501
        ("“十一”黄金周全县接待游客。", D(2021, 10, 10), "“十一”黄金周", D(2021, 10, 1), D(2021, 10, 7)),  # noqa: E501
        # 2023: 中秋 and 国庆 were one break, 9月29日-10月6日
        ("2023年国庆假期,全县接待游客。", D(2024, 3, 1), "2023年国庆假期", D(2023, 9, 29), D(2023, 10, 6)),  # noqa: E501
        ("中秋国庆假期,梅县区接待游客。", D(2023, 10, 9), "中秋国庆假期", D(2023, 9, 29), D(2023, 10, 6)),  # noqa: E501
        ("今年春节期间,连州市接待游客。", D(2024, 2, 20), "今年春节期间", D(2024, 2, 10), D(2024, 2, 17)),  # noqa: E501
        ("“五一”小长假,阳山县接待游客。", D(2025, 5, 6), "“五一”小长假", D(2025, 5, 1), D(2025, 5, 5)),  # noqa: E501
        ("端午假期,德庆县龙舟赛吸引游客。", D(2022, 6, 8), "端午假期", D(2022, 6, 3), D(2022, 6, 5)),  # noqa: E501
        ("中秋假期,封开县接待游客。", D(2024, 9, 20), "中秋假期", D(2024, 9, 15), D(2024, 9, 17)),
    ],
)  # fmt: skip
def test_holidays_resolve_to_that_years_break(make_article, text, on, expression, begin, until):
    p = only(make_article, text, on)
    assert (p.text, p.kind, p.begin, p.until) == (expression, "interval", begin, until)


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("2019年国庆假期,全县接待游客。", D(2024, 3, 1)),  # a year the table lacks
        ("中秋国庆假期,全县接待游客。", D(2024, 10, 9)),  # two breaks in 2024, not one span
        ("春节期间,全县接待游客。", D(2020, 2, 5)),  # 2020's break was extended after its notice
    ],
)
def test_a_holiday_without_known_days_keeps_its_expression_only(make_article, text, on):
    p = only(make_article, text, on)
    assert p.text.endswith(("假期", "期间")) and (p.begin, p.until) == (None, None)


def test_the_eleventh_plan_is_no_holiday(make_article):
    p = only(make_article, "十一五期间,全县公路里程翻番。", D(2024, 10, 9))
    assert (p.begin, p.until) == (D(2006, 1, 1), D(2010, 12, 31))


@pytest.mark.parametrize(
    ("text", "expression", "kind", "begin", "until"),
    [
        ("三季度末,全县存款余额812亿元。", "三季度末", "instant", D(2024, 9, 30), D(2024, 9, 30)),
        ("2024年二季度末贷款余额。", "2024年二季度末", "instant", D(2024, 6, 30), D(2024, 6, 30)),
        ("上半年末,全县贷款余额。", "上半年末", "instant", D(2024, 6, 30), D(2024, 6, 30)),
        ("前9个月,五华县新增企业。", "前9个月", "interval", D(2024, 1, 1), D(2024, 9, 30)),
        ("前三个季度,五华县新增企业。", "前三个季度", "interval", D(2024, 1, 1), D(2024, 9, 30)),
        ("年初至今,五华县新增企业。", "年初至今", "interval", D(2024, 1, 1), D(2024, 10, 30)),
        # a month span before a place whose name opens with a numeral (五华县, 四会市)
        ("1-9月五华县新增企业。", "1-9月", "interval", D(2024, 1, 1), D(2024, 9, 30)),
        ("2024年1—9月四会市经济运行简况", "2024年1—9月", "interval", D(2024, 1, 1), D(2024, 9, 30)),  # noqa: E501
    ],
)  # fmt: skip
def test_ends_of_parts_and_first_months(make_article, text, expression, kind, begin, until):
    p = only(make_article, text, D(2024, 10, 30))
    assert (p.text, p.kind, p.begin, p.until) == (expression, kind, begin, until)


def test_ahead_early_is_not_a_span(make_article):
    assert find_periods(make_article("工程比计划提前3个月完成。", D(2024, 10, 30))) == ()


@pytest.mark.parametrize(
    ("text", "begin", "until"),
    [
        # 下半年 in August: the clause speaks ahead, so this year's
        ("下半年,紫金县将新开工项目12个。", D(2024, 7, 1), D(2024, 12, 31)),
        ("下半年,沿线还将新建驿站3座。", D(2024, 7, 1), D(2024, 12, 31)),
        ("下半年紫金县新开工项目12个。", D(2023, 7, 1), D(2023, 12, 31)),  # reported: last year's
    ],
)
def test_a_part_of_the_year_spoken_of_ahead_is_this_years(make_article, text, begin, until):
    p = only(make_article, text, D(2024, 8, 15))
    assert (p.begin, p.until) == (begin, until)


def test_this_year_spoken_of_ahead_is_the_whole_year(make_article):
    planned = only(make_article, "紫金县今年计划完成投资20亿元。", D(2024, 3, 5))
    done = only(make_article, "紫金县今年完成投资5亿元。", D(2024, 3, 5))
    assert (planned.kind, planned.until) == ("year", D(2024, 12, 31))
    assert (done.kind, done.until) == ("interval", D(2024, 3, 5))


def test_a_year_of_spending_obtained_is_not_ahead(make_article):
    # 争取上级资金 is funding obtained, not a plan: 全年 in February is last year's
    p = only(make_article, "全年共争取上级资金12.3亿元。", D(2023, 2, 10))
    assert (p.begin, p.until) == (D(2022, 1, 1), D(2022, 12, 31))


def test_the_year_opening_a_report_name_is_a_period(make_article):
    text = "在《2024年广东省县域经济评价报告》中,紫金县位列第30位。落实《2024年工作方案》。"
    assert [p.text for p in find_periods(make_article(text, D(2025, 1, 8)))] == ["2024年"]


def test_a_bare_quan_nian_after_the_first_quarter_is_this_year(make_article):
    # 全年 in a mid-year article is this year's whole year, not last year's
    p = only(make_article, "连平县全年地区生产总值增长6%以上。", D(2024, 6, 12))
    assert (p.begin, p.until) == (D(2024, 1, 1), D(2024, 12, 31))


def test_a_quan_nian_in_a_sentence_that_looks_back_is_last_year(make_article):
    periods = find_periods(
        make_article("回顾2023年，连平县全年完成固定资产投资40亿元。", D(2024, 6, 12))
    )
    whole = next(p for p in periods if p.text == "全年")
    assert (whole.begin, whole.until) == (D(2023, 1, 1), D(2023, 12, 31))


def test_quan_nian_in_a_bulletin_of_last_year_is_the_titles_year(make_article):
    # a 2023 statistical bulletin published in April 2024: its 全年 is 2023, not 2024
    article = make_article("全年全县出生人口0.82万人。", D(2024, 4, 18))
    title = "2023年连南县国民经济和社会发展统计公报"
    article = replace(article, meta=replace(article.meta, title=title))
    (p,) = find_periods(article)
    assert (p.begin, p.until) == (D(2023, 1, 1), D(2023, 12, 31))


def test_quan_nian_keeps_its_year_when_the_title_names_this_year(make_article):
    article = make_article("连南县全年地区生产总值增长5%。", D(2024, 7, 18))
    article = replace(article, meta=replace(article.meta, title="2024年连南县半年经济回顾"))
    (p,) = find_periods(article)
    assert (p.begin, p.until) == (D(2024, 1, 1), D(2024, 12, 31))


def test_an_undated_article_dates_a_bare_quarter_by_the_year_written_before(make_article):
    text = "2023年第一季度,乐昌市重大项目集中开工。一季度开工项目8个。前三季度完成投资20亿元。"
    periods = find_periods(make_article(text, None))
    spans = {p.text: (p.begin, p.until) for p in periods}
    assert spans["一季度"] == (D(2023, 1, 1), D(2023, 3, 31))
    assert spans["前三季度"] == (D(2023, 1, 1), D(2023, 9, 30))


def test_a_price_base_year_dates_nothing(make_article):
    text = "乐昌市一季度生产总值45.2亿元,按2015年可比价计算,增长4.2%。上半年增长4.5%。"
    periods = find_periods(make_article(text, None))
    assert {p.text: p.begin for p in periods}["上半年"] is None


def test_a_dated_article_keeps_resolving_by_its_date(make_article):
    text = "2022年乐昌市完成投资60亿元。一季度开工项目8个。"
    periods = find_periods(make_article(text, D(2024, 5, 20)))
    assert {p.text: p.begin for p in periods}["一季度"] == D(2024, 1, 1)


def test_yesterday_is_the_day_before_the_article_date(make_article):
    p = only(make_article, "昨天上午,徐闻县重点项目集中签约,总投资86亿元。", D(2024, 3, 8))
    assert (p.text, p.kind, p.begin, p.until) == ("昨天", "instant", D(2024, 3, 7), D(2024, 3, 7))


def test_a_relative_day_without_an_article_date_is_no_period(make_article):
    assert find_periods(make_article("昨日,徐闻县召开推进会。", None)) == ()


@pytest.mark.parametrize(
    "text",
    [
        "2023连南县投资洽谈会共签下项目18个。",
        "阳山县上榜2022全国县域投资潜力百强县,位列第41名。",
    ],
)
def test_a_year_opening_a_name_dates_its_figures(make_article, text):
    # the figures of an event or ranking named with its year had no period
    p = only(make_article, text)
    assert (p.kind, p.begin.year, p.until) == ("year", int(p.text), D(int(p.text), 12, 31))


@pytest.mark.parametrize(
    "text", ["全县新建厂房2000亩。", "入驻企业2024多家。", "新增就业2019人。", "G2024线改建。"]
)
def test_a_number_before_a_unit_is_no_year_of_a_name(make_article, text):
    assert find_periods(make_article(text)) == ()


def test_figures_after_a_year_opening_a_name_take_it(make_article):
    from kg.extract import extract

    ex = extract(make_article("2023连南县投资洽谈会共签下项目18个，总投资约56亿元。"))
    assert {ex.periods[q.period].text for q in ex.quantities} == {"2023"}


def test_a_whole_year_whose_target_was_met_is_the_year_reported(make_article):
    # 超额完成下达的全年目标任务 in a January report was read as this year's
    p = only(make_article, "平远县超额完成下达的全年目标任务。", D(2024, 1, 12))
    assert (p.text, p.begin, p.until) == ("全年", D(2023, 1, 1), D(2023, 12, 31))
