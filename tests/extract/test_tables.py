"""Tables of figures (lines of |-separated cells), on tables written for kg about other places."""

from __future__ import annotations

from decimal import Decimal

from kg.extract import extract
from kg.extract.figures.tables import find_tables
from kg.ingest import parse_article

RELEASE = """台山市2023年经济运行简况
台山市统计局发布2023年全市经济运行情况。
表1 2023年台山市分镇主要指标
镇街 | 地区生产总值(亿元) | 税收收入(万元) | 固定资产投资增长(%) |
全市 | 520.36 | 98650 | 6.2 |
台城街道 | 143.80 | 30512 | -3.5 |
大江镇 | 48.15 | 8210 | 12.0 |
"""

FLATTENED = """开平市2023年各镇经济运行简况
表3 2023年开平市各镇经济指标
镇 | 规模以上工业增加值(亿元) | 社会消费品零售总额增长(%) | |
比上年增长(%) | | | |
全市 | 210.5 | 4.4 | 2.1 |
水口镇 | 35.2 | -0.6 | 1.8 |
"""

SECTORS = """恩平市2023年经济运行简况
恩平市去年经济稳中有进。
表2 2023年恩平市三次产业增加值
产业 | 增加值(亿元) | 增长(%)
第一产业 | 30.2 | 4.5
第二产业 | 88.7 | 5.1
"""


def figures(text: str):
    """The extraction of ``text`` and its figures as (cell, unit, measure, subject, period)."""
    ex = extract(parse_article(text, "release.txt", "0" * 64))
    names = {e.key: e.name for e in ex.entities}
    return ex, [
        (
            q.text,
            q.unit,
            q.measure,
            names.get(q.subject),
            ex.periods[q.period].text if q.period is not None else None,
        )
        for q in ex.quantities
    ]


def test_every_number_cell_is_a_figure_of_its_row_with_its_column_and_the_caption_period():
    _, found = figures(RELEASE)
    assert ("143.80", "亿元", "地区生产总值", "台城街道", "2023年") in found
    assert ("30512", "万元", "税收收入", "台城街道", "2023年") in found
    assert ("12.0", "%", "固定资产投资增长", "大江镇", "2023年") in found


def test_a_negative_growth_keeps_its_sign():
    ex, _ = figures(RELEASE)
    (falling,) = [q for q in ex.quantities if q.text == "-3.5"]
    assert falling.value == Decimal("-3.5") and falling.kind == "ratio"


def test_the_total_row_is_about_the_main_place():
    _, found = figures(RELEASE)
    assert ("520.36", "亿元", "地区生产总值", "台山市", "2023年") in found


def test_a_growth_header_on_a_second_line_goes_after_the_amount_column():
    _, found = figures(FLATTENED)
    assert ("35.2", "亿元", "规模以上工业增加值", "水口镇", "2023年") in found
    assert ("-0.6", "%", "比上年增长", "水口镇", "2023年") in found
    assert ("1.8", "%", "社会消费品零售总额增长", "水口镇", "2023年") in found


def test_a_row_naming_no_entity_opens_the_measure_of_the_main_place():
    _, found = figures(SECTORS)
    assert ("88.7", "亿元", "第二产业增加值", "恩平市", "2023年") in found
    assert ("4.5", "%", "第一产业增长", "恩平市", "2023年") in found


def test_a_column_without_a_unit_and_a_single_line_give_no_table_figures():
    text = "东成镇项目简况\n东成镇 | 项目 | 备注\n东成镇 | 12 | 在建\n沿线设置驿站 | 观景台。\n"
    ex, found = figures(text)
    assert not [f for f in found if f[0] == "12"]
    (table,) = find_tables(ex.article.sentences)
    assert table.columns[0].unit is None


HTML = """<html><head><title>台山市经济运行</title></head><body><h1>台山市2023年经济运行简况</h1>
<p>表1 2023年台山市分镇主要指标</p>
<table><tr><th>镇街</th><th>地区生产总值(亿元)</th><th>增长(%)</th></tr>
<tr><td>台城街道</td><td>143.80</td><td>-3.5</td></tr>
<tr><td>大江镇</td><td></td><td>12.0</td></tr></table>
<table><tr><td><p>左栏写的是园区新闻。</p></td><td><p>右栏写的是招商动态。</p></td></tr></table>
</body></html>"""


def test_an_html_table_is_read_as_a_table_and_a_layout_table_as_text():
    ex, found = figures(HTML)
    assert ("143.80", "亿元", "地区生产总值", "台城街道", "2023年") in found
    assert ("12.0", "%", "增长", "大江镇", "2023年") in found  # the empty cell keeps its column
    texts = [s.text for s in ex.article.sentences]
    assert "左栏写的是园区新闻。" in texts and "右栏写的是招商动态。" in texts


YEARS = """阳春市2024年经济运行简况
表4 阳春市主要经济指标
指标 | 2023年 | 2024年 | 增长(%)
地区生产总值(亿元) | 301.2 | 318.6 | 4.6
春湾镇 | 20.3 | 21.1 |
"""


def test_columns_headed_by_years_date_the_figures_the_row_head_names():
    _, found = figures(YEARS)
    assert ("301.2", "亿元", "地区生产总值", "阳春市", "2023年") in found
    assert ("318.6", "亿元", "地区生产总值", "阳春市", "2024年") in found
    assert ("4.6", "%", "地区生产总值增长", "阳春市", None) in [f[:4] + (None,) for f in found]
    assert not [f for f in found if f[0] in ("20.3", "21.1")]  # no unit for the town's row


UNIT_LINE = """新兴县2024年上半年财政收支简况
表5 2024年上半年新兴县各镇财政收入
单位：万元
镇 | 一般公共预算收入 | 税收收入
六祖镇 | 5230 | 4102
"""


def test_a_unit_line_above_the_table_gives_columns_without_one_their_unit():
    _, found = figures(UNIT_LINE)
    assert ("5230", "万元", "一般公共预算收入", "六祖镇", "2024年上半年") in found
    assert ("4102", "万元", "税收收入", "六祖镇", "2024年上半年") in found
