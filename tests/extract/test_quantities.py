"""Figures: values, units, normalisation, qualifiers, ranks, measures and periods."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.extract.figures.measure
import kg.extract.text.units
from kg.extract.figures.quantities import find_quantities, quantities_step
from kg.extract.periods.expressions import find_periods, periods_step
from kg.extract.pipeline import run_steps
from kg.extract.text.units import base_unit_code, to_base, unit_code
from kg.records import Extraction


def figures(make_article, text: str):
    article = make_article(text)
    periods = find_periods(article)
    return find_quantities(article, periods), periods


def one(make_article, text: str):
    found, _ = figures(make_article, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "base_value", "base_unit"),
    [
        ("开平市计划总投资86亿元。", "86亿元", "86", "亿元", "8600000000", "元"),
        ("台山市安排资金3500万元。", "3500万元", "3500", "万元", "35000000", "元"),
        ("外资到位1.2亿美元。", "1.2亿美元", "1.2", "亿美元", "120000000", "美元"),
        ("新增耕地300亩。", "300亩", "300", "亩", "200000", "m2"),
        ("流转土地2.5万亩。", "2.5万亩", "2.5", "万亩", "16666666.666667", "m2"),
        ("规划面积12.5平方公里。", "12.5平方公里", "12.5", "平方公里", "12500000", "m2"),
        ("建成厂房8万平方米。", "8万平方米", "8", "万平方米", "80000", "m2"),
        ("湿地面积60公顷。", "60公顷", "60", "公顷", "600000", "m2"),
        ("新建绿道18.6公里。", "18.6公里", "18.6", "公里", "18600", "m"),
        ("修建堤防3千米。", "3千米", "3", "千米", "3000", "m"),
        ("铺设管网800米。", "800米", "800", "米", "800", "m"),
        ("骑行线路长25km。", "25km", "25", "km", "25000", "m"),
        ("年产钢材50万吨。", "50万吨", "50", "万吨", "500000000", "kg"),
        ("常住人口增加3500人。", "3500人", "3500", "人", "3500", "人"),
        ("带动就业1.5万人。", "1.5万人", "1.5", "万人", "15000", "人"),
        ("新增企业1,200家。", "1,200家", "1200", "家", "1200", "家"),
        ("储能装机200兆瓦。", "200兆瓦", "200", "兆瓦", "200000000", "W"),
        ("投资两千万元。", "两千万元", "2000", "万元", "20000000", "元"),
    ],
)
def test_value_unit_and_base(make_article, text, surface, value, unit, base_value, base_unit):
    q = one(make_article, text)
    assert (q.text, q.value, q.unit, q.kind) == (surface, Decimal(value), unit, "amount")
    assert (q.base_value, q.base_unit) == (Decimal(base_value), base_unit)


@pytest.mark.parametrize(
    ("text", "value", "unit", "base_value"),
    [
        ("自来水普及率达100%。", "100", "%", "1"),
        ("森林覆盖率61.5%。", "61.5", "%", "0.615"),
        ("占比提高2.5个百分点。", "2.5", "个百分点", "0.025"),
        ("研发投入占比百分之五点五。", "5.5", "%", "0.055"),
    ],
)
def test_ratios_normalise_to_fractions_of_one(make_article, text, value, unit, base_value):
    q = one(make_article, text)
    assert (q.kind, q.value, q.unit, q.base_value, q.base_unit) == (
        "ratio",
        Decimal(value),
        unit,
        Decimal(base_value),
        "1",
    )


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("打造主线长约120公里的步道。", "约120公里", "120", "约"),
        ("营收超50亿元。", "超50亿元", "50", "超"),
        ("营收超过50亿元。", "超过50亿元", "50", "超"),
        ("营收逾50亿元。", "逾50亿元", "50", "超"),
        ("营收近50亿元。", "近50亿元", "50", "近"),
        ("村集体收入达到30万元以上。", "30万元以上", "30", "以上"),
        ("引进企业200余家。", "200余家", "200", "余"),
        ("引进企业200多家。", "200多家", "200", "余"),
        ("带动就业1万余人。", "1万余人", "1", "余"),
        ("年接待游客300万人次左右。", "300万人次左右", "300", "约"),
        ("全年销售额突破10亿元。", "突破10亿元", "10", "超"),
        ("共建成公园12座。", "12座", "12", None),
    ],
)
def test_qualifiers_are_normalised_and_in_the_span(make_article, text, surface, value, qualifier):
    q = one(make_article, text)
    assert (q.text, q.value, q.qualifier) == (surface, Decimal(value), qualifier)


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("改造农村公路不少于150公里。", "不少于150公里", "以上"),
        ("新增就业不低于2000人。", "不低于2000人", "以上"),
        ("单个项目用地不超过80亩。", "不超过80亩", "以下"),
        ("年能耗不高于5万吨标准煤。", "不高于5万吨", "以下"),
        ("空置率不足5%。", "不足5%", "不足"),
    ],
)
def test_not_less_than_is_at_least_not_under(make_article, text, surface, qualifier):
    """不少于 was read as 少于 with the qualifier 不足 (under): the meaning turned round."""
    q = one(make_article, text)
    assert (q.text, q.qualifier) == (surface, qualifier)


def test_ranges_keep_both_ends(make_article):
    q = one(make_article, "预计投资3至5亿元。")
    assert (q.text, q.value, q.upper, q.unit) == ("3至5亿元", Decimal(3), Decimal(5), "亿元")
    assert q.base_value == Decimal(300000000)
    q = one(make_article, "增长3.2-3.5%。")
    assert (q.value, q.upper, q.unit) == (Decimal("3.2"), Decimal("3.5"), "%")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("石湾镇在全国千强镇中排名215位。", "215位", 215),
        ("石湾镇在全国千强镇中排名第215位。", "第215位", 215),
        ("全县规上企业数量居惠州第三。", "第三", 3),
        ("园区营收全省第一,增速领先。", "第一", 1),
    ],
)
def test_ranks(make_article, text, surface, value):
    q = one(make_article, text)
    assert (q.text, q.kind, q.value, q.unit, q.base_value) == (surface, "rank", value, "位", None)


@pytest.mark.parametrize(
    ("text", "surface", "value", "measure"),
    [
        ("在全市营商环境评价中，石角镇综合得分位列前三。", "前三", 3, "石角镇综合得分"),
        ("龙门县工业投资增速排名全省前五名。", "前五名", 5, "龙门县工业投资增速"),
        ("龙门县连续两年跻身全国县域旅游前十强，游客量稳步增长。", "前十强", 10, None),
        ("连州市农产品出口额进入全省前十行列。", "前十行列", 10, "连州市农产品出口额"),
    ],
)
def test_a_top_n_is_a_rank_within_n(make_article, text, surface, value, measure):
    q = [q for q in figures(make_article, text)[0] if q.kind == "rank"]
    assert [(r.text, r.value, r.unit, r.qualifier) for r in q] == [(surface, value, "位", "以内")]
    assert q[0].measure == measure


@pytest.mark.parametrize(
    "text",
    ["全县前三季度新增企业12家。", "前5个月，全县新增企业12家。", "村民排队领取前三天的物资。"],
)
def test_first_months_and_days_are_no_top_n(make_article, text):
    assert [q.text for q in figures(make_article, text)[0] if q.kind == "rank"] == []


@pytest.mark.parametrize(
    ("text", "surface", "measure"),
    [
        ("在全市乡村振兴技能大赛中，麻榨镇代表队夺得第一。", "第一", "麻榨镇代表队"),
        ("永汉镇在全市茶艺比赛中拿第一，", "第一", "全市茶艺比赛"),
        ("龙华镇选手获得第一名。", "第一名", "龙华镇选手"),
    ],
)
def test_winning_first_place_is_rank_one(make_article, text, surface, measure):
    q = [q for q in figures(make_article, text)[0] if q.kind == "rank"]
    assert [(r.text, r.value, r.measure) for r in q] == [(surface, 1, measure)]


def test_a_rank_verb_is_cut_whole_from_the_measure(make_article):
    q = one(make_article, "河源市民营经济增加值位列全省第5位。")
    assert q.measure == "河源市民营经济增加值"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("佛冈县用五年时间推动全县农村公路提档升级。", "推动全县农村公路提档升级"),
        ("南澳大桥历时两年建成通车。", "建成通车"),
        ("瑞丰纸业从签约到投产只用了五个月，", "签约到投产"),
        ("佛冈县用两年时间，", "用时"),
        ("港口花了三个月时间完成清淤。", "完成清淤"),
    ],
)
def test_time_spent_measures_what_it_is_spent_on(make_article, text, measure):
    assert one(make_article, text).measure == measure


def test_a_duration_after_another_use_keeps_its_measure(make_article):
    # 使用 is no spend word: the 用 at its end needs 时间 after the figure
    assert one(make_article, "园区污水处理厂已使用8年，").measure == "园区污水处理厂已使用"


def test_ordinals_are_counts_not_ranks(make_article):
    # 第二个 was dropped; the gold counts 成为普宁市第5家上市企业 as 5 家
    found, _ = figures(make_article, "打造开平第二个全国千强镇,第一批项目已开工。")
    assert [(q.text, q.value, q.unit, q.kind) for q in found] == [("第二个", 2, "个", "amount")]
    found, _ = figures(make_article, "恩平市成为江门第2家、全省第15家获评的县。")
    assert [(q.text, q.value, q.unit) for q in found] == [("第2家", 2, "家"), ("第15家", 15, "家")]


def test_ordinals_of_batches_and_sessions_are_no_figures(make_article):
    found, _ = figures(make_article, "县第十五届人民代表大会第三次会议审议第一批名单。")
    assert found == ()


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("开平市规上工业增加值增速居江门各县(市、区)首位。", "首位"),
        ("恩平市温泉旅游收入位居全省榜首。", "榜首"),
        ("增速连续三个月排名全市首位。", "首位"),
    ],
)
def test_rank_one_written_as_a_word(make_article, text, surface):
    q = [q for q in figures(make_article, text)[0] if q.kind == "rank"]
    assert [(r.text, r.value, r.unit) for r in q] == [(surface, 1, "位")]


def test_first_place_without_a_rank_verb_is_no_rank(make_article):
    assert figures(make_article, "各镇把项目建设摆在首位。")[0] == ()


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "qualifier"),
    [
        ("新建道路按双向八车道标准建设。", "八车道", 8, "车道", None),
        ("连州大道按双向6车道设计。", "6车道", 6, "车道", None),
        ("该项目建设周期3年。", "3年", 3, "年", None),
        ("阳山县已连续十二年保持增长。", "十二年", 12, "年", None),
        ("从签约到投产仅用了五个多月。", "五个多月", 5, "个月", "余"),
        ("用地审批压缩至10个工作日。", "10个工作日", 10, "个工作日", None),
        ("码头工程比计划提前45天完工。", "45天", 45, "天", None),
    ],
)
def test_lanes_and_durations(make_article, text, surface, value, unit, qualifier):
    q = one(make_article, text)
    assert (q.text, q.value, q.unit, q.qualifier) == (surface, value, unit, qualifier)


def test_half_an_hour(make_article):
    q = one(make_article, "建成后实现县城至各镇半小时通达。")
    assert (q.text, q.value, q.unit) == ("半小时", Decimal("0.5"), "小时")
    assert figures(make_article, "上半年完成投资,半年报已发布。")[0] == ()


def test_a_calendar_year_is_no_duration(make_article):
    found, _ = figures(make_article, "紫金县二〇二三年完成投资,2024年度计划已下达。")
    assert [q.unit for q in found] == []


def test_a_range_may_repeat_its_unit(make_article):
    q = one(make_article, "单个项目投资额在2亿元至8亿元之间。")
    assert (q.text, q.value, q.upper, q.unit) == ("2亿元至8亿元", 2, 8, "亿元")
    q = one(make_article, "亩均收益3000元—5000元。")
    assert (q.value, q.upper, q.unit) == (3000, 5000, "元")
    found, _ = figures(make_article, "日处理能力由1.5万吨提升至3万吨。")
    assert [(q.value, q.upper) for q in found] == [(Decimal("1.5"), None), (3, None)]


def test_a_town_and_subdistrict_count_gives_two_figures(make_article):
    found, _ = figures(make_article, "对全区7镇2街分类施策。")
    assert [(q.value, q.unit) for q in found] == [(7, "镇"), (2, "街")]


def test_chinese_counts(make_article):
    found, _ = figures(make_article, "新会区出台三个文件,引进两家企业,共十二项任务。")
    assert [(q.value, q.unit) for q in found] == [(3, "个"), (2, "家"), (12, "项")]


@pytest.mark.parametrize(
    "text",
    [
        "2023年台山市召开大会。",
        "5月8日开平市召开大会。",
        "G228国道和S113线改建。",
        "行政区划代码440781。",
        "落实“1230”具体部署和“1+6+3”工作安排。",
        "联系电话0750-5123456。",
        "许可证编号:粤B2-20050123。",
        "引进亿元以上项目。",
        "推进百县千镇万村工程,建设千亩茶园。",
        "一镇一策,一批项目。",
        "全国民营企业500强。",
        "“十四五”时期加快发展。",
        "会议于10:30开始。",
        "5G基站建设。",
    ],
)
def test_not_figures(make_article, text):
    found, _ = figures(make_article, text)
    assert found == (), [q.text for q in found]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("新会区新建供水管道6.5公里。", "新建供水管道"),
        ("项目计划总投资45亿元。", "计划总投资"),
        ("全县规上工业企业318家。", "规上工业企业"),
        ("1月至4月引进亿元以上项目18个。", "引进亿元以上项目"),
        ("总长32公里的碧道全面完工。", "总长"),
        ("规划面积达8.2平方公里的产业园。", "规划面积"),
        ("沙湖镇新增种植面积560亩。", "新增种植面积"),
        ("组建由县领导牵头的12支招商小组。", "招商小组"),
        ("全省共有15个县(市、区)入选。", "县(市、区)"),
        ("今年以来外地新迁入户人口2100人。", "外地新迁入户人口"),
        ("全县农村自来水普及率达99.5%。", "农村自来水普及率"),
        ("石湾镇在全国千强镇中排名215位。", "全国千强镇"),
        ("全县规上企业数量居惠州第三。", "规上企业数量"),
    ],
)
def test_measures(make_article, text, measure):
    found, _ = figures(make_article, text)
    assert found[-1].measure == measure


def test_each_figure_takes_the_nearest_earlier_period_in_its_sentence(make_article):
    text = (
        "台山市建成公园3座。1月至4月,全市引进项目18个,计划总投资45亿元,创近三年新高。"
        "力争到2027年,村集体收入达到50万元以上。"
    )
    found, periods = figures(make_article, text)
    by_text = {q.text: None if q.period is None else periods[q.period].text for q in found}
    assert by_text == {
        "3座": None,
        "18个": "1月至4月",
        "45亿元": "1月至4月",
        "50万元以上": "力争到2027年",
    }


def test_subject_is_left_to_the_relation_step(make_article):
    assert one(make_article, "开平市计划总投资86亿元。").subject is None


def test_the_step_needs_periods_and_adds_quantities(make_article):
    article = make_article("1月至4月,开平市引进项目18个。")
    result = run_steps(Extraction(article), [periods_step, quantities_step])
    assert [(q.text, q.period) for q in result.quantities] == [("18个", 0)]
    assert quantities_step.needs == {"periods"} and quantities_step.adds == {"quantities"}


def test_unit_codes():
    assert (unit_code("公里"), unit_code("平方米"), unit_code("%"), unit_code("亿元")) == (
        "KMT",
        "MTK",
        "P1",
        None,
    )
    assert [base_unit_code(u) for u in ("元", "m", "m2")] == ["CNY", "MTR", "MTK"]
    assert to_base(Decimal(1), "不是单位") == (None, None)


def test_doctests_pass():
    for module in (kg.extract.text.units, kg.extract.figures.measure):
        assert doctest.testmod(module).failed == 0, module.__name__


_PIECES = st.sampled_from(
    ["3", "12.5", "1,000", "两", "三十", "一", "万", "亿", "元", "亿元", "亩", "公里", "%", "个",
     "家", "人", "约", "超过", "以上", "余", "至", "-", "第", "位", "居", "排名", "全省", "“",
     "”", "G", "+", "1月至9月", "年", ",", "、", "。", "(", ")", "新建", "项目", "的", "镇"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_figures_slice_back_and_do_not_overlap(make_article, pieces):
    text = "".join(pieces)
    found, periods = figures(make_article, text)
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.kind in ("amount", "ratio", "rank")
        assert q.period is None or periods[q.period].end <= q.start
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_cheng_is_a_tenth(make_article):
    # 超八成 was not a figure
    (q,) = find_quantities(make_article("制造业项目投资额占比超八成。"), ())
    assert (q.value, q.unit, q.qualifier, q.base_value) == (8, "成", "超", Decimal("0.8"))


def test_a_bare_magnitude_before_yi_is_a_figure(make_article):
    # 突破千亿元 and 近百亿元 were not figures; 百县千镇 still is none
    found = find_quantities(make_article("产值突破千亿元,年产值近百亿元,推进百县千镇建设。"), ())
    assert [(q.value, q.unit) for q in found] == [(1000, "亿元"), (100, "亿元")]


def test_small_numbers_in_words_in_set_phrases_are_not_figures(make_article):
    # 四市三区 and 四套班子 showed up as figures in the page's table
    found = find_quantities(
        make_article("开平市在江门四市三区中率先由四套班子领导挂帅,全市8镇1街推进。"), ()
    )
    assert [(q.value, q.unit) for q in found] == [(8, "镇"), (1, "街")]


def test_the_date_of_a_one_off_event_is_no_figures_period(make_article):
    # 计划于今年6月开工，全长约9.6公里 gave the length the period 今年6月
    found, periods = figures(
        make_article, "上半年,连平大道扩建工程计划于今年6月开工,全长约7.2公里,总投资3.1亿元。"
    )
    assert [periods[q.period].text for q in found] == ["上半年", "上半年"]
    found, periods = figures(make_article, "连平大道扩建工程计划于今年6月开工,全长约7.2公里。")
    assert [q.period for q in found] == [None]


def test_an_event_date_does_not_carry_over_a_semicolon(make_article):
    from kg.extract import extract

    ex = extract(make_article("忠信镇的陶瓷项目预计今年四季度投产;大湖镇的家具项目总投资8亿元。"))
    assert [q.period for q in ex.quantities] == [None]


def test_n_great_before_what_it_counts(make_article):
    # 四大主导行业 was no figure
    q = one(make_article, "平远县加快培育四大主导行业。")
    assert (q.text, q.value, q.unit) == ("四大", 4, "大")


@pytest.mark.parametrize(
    "text",
    [
        "学习二十大报告。",
        "十八大以来全县发展。",
        "平远县召开三大会议。",
        "投入一大批资金。",
    ],
)
def test_a_congress_or_a_word_opening_with_da_is_no_count(make_article, text):
    assert figures(make_article, text)[0] == ()
