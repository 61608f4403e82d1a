"""Whole extraction on short articles of our own (never the seed's facts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from relation_facts import facts

from kg.extract import extract


def _by_name(ex):
    return {e.name: e for e in ex.entities}


def _rel(ex, s_name, pred, o_name) -> bool:
    return (s_name, o_name) in facts(ex, pred)


def test_a_short_name_from_another_province_does_not_hide_a_local_place(make_article):
    # 其中江门 once read as Sichuan's 中江县, hiding 江门
    ex = extract(make_article("台山市位于江门市。其中江门新增企业12家。"))
    names = _by_name(ex)
    assert "江门市" in names and "中江县" not in names


def test_a_common_word_that_is_a_far_county_short_name_is_not_a_place(make_article):
    # 新建 is also Nanchang's 新建区; in a Guangdong article it is a verb
    ex = extract(make_article("开平市今年新建供水管道6.5公里。"))
    assert "新建区" not in _by_name(ex)


def test_town_short_names_resolve_inside_the_article_county(make_article):
    ex = extract(make_article("开平市赤坎镇加快建设。赤坎、水口两镇发展文旅。"))
    town = _by_name(ex)["赤坎镇"]
    assert town.kind == "Town" and town.code.startswith("440783")


def test_a_figure_without_a_subject_in_its_clause_is_about_the_main_place(make_article):
    ex = extract(make_article("台山市加快发展。今年以来,新建污水管网8.5公里。"))
    q = next(q for q in ex.quantities if q.value == 8.5)
    assert ex.entity(q.subject).name == "台山市"


def test_the_scope_of_a_rank_is_not_what_is_ranked(make_article):
    ex = extract(make_article("台山市规上工业企业数量居江门第三。"))
    q = next(q for q in ex.quantities if q.kind == "rank")
    assert ex.entity(q.subject).name == "台山市"


def test_a_name_after_figure_and_de_keeps_its_inner_boundary_words(make_article):
    ex = extract(make_article("总投资5.6亿元的城乡供水一体化及管网建设示范项目通过省水利厅验收。"))
    project = _by_name(ex)["城乡供水一体化及管网建设示范项目"]
    assert project.kind == "Project"
    q = next(q for q in ex.quantities if q.unit == "亿元")
    assert q.subject == project.key
    assert _rel(ex, "城乡供水一体化及管网建设示范项目", "evaluatedBy", "省水利厅")


def test_companies_in_a_park_through_de(make_article):
    ex = extract(make_article("广海湾工业园占地800亩的两个项目华信电器和南岭新材料同时开工。"))
    assert _rel(ex, "华信电器", "locatedIn", "广海湾工业园")
    assert _rel(ex, "南岭新材料", "locatedIn", "广海湾工业园")


def test_a_road_section_connects_its_two_ends(make_article):
    ex = extract(make_article("台山市S275线端芬至广海段改建工程动工。"))
    section = "S275线端芬至广海段"
    assert _rel(ex, section, "connects", "端芬镇") and _rel(ex, section, "connects", "广海镇")
    assert _rel(ex, "S275线端芬至广海段改建工程", "about", section)


def test_a_two_character_county_inside_a_word_is_not_a_place(make_article):
    # 示范县 holds 范县 (Henan); it once became a County node
    ex = extract(make_article("台山市争创省乡村振兴示范县。"))
    assert "范县" not in _by_name(ex)


def test_a_town_short_name_in_another_prefecture_needs_its_county(make_article):
    # an article about 台山 that mentions 茂名 must not link 杨梅 to 茂名's 杨梅镇
    ex = extract(make_article("会议在茂名市召开。台山市推进杨梅—端芬公路改造。"))
    assert "杨梅镇" not in _by_name(ex)


def test_a_neighbouring_town_of_the_home_prefecture_resolves(make_article):
    ex = extract(make_article("台山市位于江门市。推进台城至杜阮公路提升改造。"))
    assert _by_name(ex)["杜阮镇"].code.startswith("440703")


def test_a_party_committee_of_a_city_is_named_but_a_bare_shiwei_is_not(make_article):
    ex = extract(make_article("落实开平市委工作安排,由市委书记任组长。"))
    names = _by_name(ex)
    assert names["开平市委"].kind == "GovernmentBody" and "市委" not in names


def test_qianmu_stays_inside_a_park_name(make_article):
    ex = extract(make_article("开平市赤坎镇万亩果园新增游客3万人次。"))
    parks = [e for e in ex.entities if e.kind == "Park"]
    assert [p.name for p in parks] == ["开平市赤坎镇万亩果园"]
    assert "万亩果园" in parks[0].aliases or "赤坎镇万亩果园" in parks[0].aliases


def _subject_of(ex, value):
    q = next(q for q in ex.quantities if q.value == value)
    return ex.entity(q.subject).name


def test_every_figure_of_a_list_before_de_is_about_the_named_thing(make_article):
    ex = extract(make_article("台山市建成主线长约120公里、支线长约85公里的“滨海绿道”工程。"))
    assert _subject_of(ex, 120) == _subject_of(ex, 85) == "“滨海绿道”工程"


def test_a_short_parenthesis_in_a_unit_does_not_end_the_clause(make_article):
    ex = extract(make_article("台山市位于江门市。其中江门2个县(市、区)、9个镇入选。"))
    assert _subject_of(ex, 9) == "江门市"


def test_a_total_counts_what_the_sentence_just_named(make_article):
    ex = extract(make_article("开平市公布“百强示范村创建行动”名单,共有15个村入选。"))
    assert _subject_of(ex, 15) == "百强示范村创建行动"


def test_a_short_company_name_joins_the_long_form_used_in_another_article(make_article):
    from kg.extract.across import unify_across

    a = extract(make_article("开平市引进华锐精工新材料和海宏电器两个项目。"))
    b = extract(make_article("台山市推动华锐精工上市。"))
    a2, b2 = unify_across([a, b])
    keys = {e.name: e.key for e in a2.entities} | {e.name: e.key for e in b2.entities}
    assert "华锐精工" not in keys and keys["华锐精工新材料"]
    company_in_b = next(e for e in b2.entities if e.kind == "Company")
    assert company_in_b.name == "华锐精工新材料" and "华锐精工" in company_in_b.aliases
    assert all(
        r.subject in {e.key for e in b2.entities} and r.object in {e.key for e in b2.entities}
        for r in b2.relations
    )


def test_figures_of_a_sentence_that_opens_with_a_name_are_about_it(make_article):
    text = "开平市加快发展。翠山湖三期项目总投资约18亿元,规划用地620亩。"
    ex = extract(make_article(text))
    assert _subject_of(ex, 620) == "翠山湖三期项目"


def test_quanzhen_is_the_last_town_named(make_article):
    ex = extract(make_article("开平市水口镇是工业大镇。2023年,全镇规上工业产值达86.5亿元。"))
    assert _subject_of(ex, Decimal("86.5")) == "水口镇"


def test_a_name_right_after_its_figure_is_what_it_measures(make_article):
    ex = extract(make_article("台山市引进年产5000吨冷链食品项目。"))
    assert _subject_of(ex, 5000) == "冷链食品项目"


def test_a_registered_company_is_also_found_by_its_trade_name(make_article):
    text = "开平市引进江门澳利新材料科技有限公司。澳利新材料科技负责人介绍,项目年内投产。"
    ex = extract(make_article(text))
    company = _by_name(ex)["江门澳利新材料科技有限公司"]
    assert "澳利新材料科技" in company.aliases and len(company.mentions) == 2


def test_a_later_short_form_of_a_project_is_the_same_project(make_article):
    text = "开平市翠山湖科技产业园三期项目开工。三期项目总投资12亿元。"
    ex = extract(make_article(text))
    projects = [e for e in ex.entities if e.kind == "Project"]
    assert [p.name for p in projects] == ["开平市翠山湖科技产业园三期项目"]


def test_organs_and_registered_companies_start_at_their_place(make_article):
    text = "台山市投资促进局发布政策。台山市海宴绿色农业发展有限公司落户海宴镇。"
    names = _by_name(extract(make_article(text)))
    assert names["台山市投资促进局"].kind == "GovernmentBody"
    assert names["台山市海宴绿色农业发展有限公司"].kind == "Company"


def test_a_name_is_not_anchored_across_a_function_word_or_a_verb(make_article):
    text = "开平市与深圳市鹏远文旅集团有限公司签约。开平市引进江门澳利新材料科技有限公司。"
    names = _by_name(extract(make_article(text)))
    assert "深圳市鹏远文旅集团有限公司" in names and "江门澳利新材料科技有限公司" in names


def test_book_titles_are_policy_documents_and_titles_name_persons(make_article):
    text = "台山市发布《台山市招商引资优惠政策十条》。公司董事长李明华说,项目年内投产。"
    names = _by_name(extract(make_article(text)))
    assert names["台山市招商引资优惠政策十条"].kind == "Programme"
    assert names["李明华"].kind == "Person"


def test_an_organ_name_inside_a_longer_word_is_not_an_organ(make_article):
    text = "台山、开平两地商务部门跟进项目。广东北部湾新能源材料有限公司签约。"
    names = _by_name(extract(make_article(text)))
    assert "商务部" not in names and "广东北部" not in names


def test_money_put_into_building_something_is_about_what_is_built(make_article):
    text = (
        "开平市引进华信电器有限公司。"
        "华信电器有限公司计划投资15亿元在开平市建设智能家电生产基地,占地约260亩。"
    )
    ex = extract(make_article(text))
    assert _subject_of(ex, 15) == _subject_of(ex, 260) == "智能家电生产基地"


def test_a_place_after_zai_is_where_not_what(make_article):
    ex = extract(
        make_article("台山市今年推动新能源材料有限公司在广海镇投资22亿元建设负极材料项目。")
    )
    assert _subject_of(ex, 22) == "负极材料项目"


def test_a_share_of_the_whole_county_is_about_the_town(make_article):
    ex = extract(make_article("开平市水口镇是工业大镇,规上工业增加值达96.3亿元,占全市的23.8%。"))
    assert _subject_of(ex, Decimal("23.8")) == "水口镇"


def test_a_growth_rate_follows_the_figure_before_it(make_article):
    text = "开平市加快发展。翠山湖科技产业园去年实现产值41.7亿元,同比增长16.2%。"
    ex = extract(make_article(text))
    assert _subject_of(ex, Decimal("16.2")) == "翠山湖科技产业园"


def test_a_short_place_name_inside_another_word_is_not_a_place(make_article):
    # 新增城镇就业 once linked 增城区 (Guangzhou) into an article about Kaiping
    ex = extract(make_article("开平市全年新增城镇就业2860人,建设特大桥一座。"))
    names = _by_name(ex)
    assert "增城区" not in names and not any(n.endswith("大桥镇") for n in names)


def test_a_place_name_inside_a_trade_name_is_not_a_location(make_article):
    # 广东海丰渔业: 海丰 is the trade name, not 海丰县
    ex = extract(make_article("台山市联合广东海丰渔业科技有限公司推广养殖。"))
    assert "海丰县" not in _by_name(ex)


def _period_of(ex, value):
    q = next(q for q in ex.quantities if q.value == value)
    p = ex.periods[q.period] if q.period is not None else None
    return (p.begin, p.until) if p else None


def test_a_period_carries_over_a_semicolon(make_article):
    text = "1-9月,台山市生产总值约612.4亿元；规上工业增加值208.3亿元,增长5.1%。"
    ex = extract(make_article(text, dt.date(2022, 10, 28)))
    assert _period_of(ex, Decimal("208.3")) == (dt.date(2022, 1, 1), dt.date(2022, 9, 30))


def test_a_data_release_dates_every_figure_by_its_lead(make_article):
    article = make_article(
        "1-9月,台山市生产总值612.4亿元。\n外贸方面,进出口总额152.7亿元。", dt.date(2022, 10, 28)
    )
    article = replace(article, meta=replace(article.meta, title="数读台山前三季度经济"))
    ex = extract(article)
    assert _period_of(ex, Decimal("152.7")) == (dt.date(2022, 1, 1), dt.date(2022, 9, 30))


def test_without_a_data_title_the_lead_period_does_not_spread(make_article):
    ex = extract(make_article("1-9月,台山市生产总值612.4亿元。\n外贸进出口总额152.7亿元。"))
    assert _period_of(ex, Decimal("152.7")) is None


def test_a_declared_short_name_stands_for_the_company(make_article):
    text = (
        "广东海澜纺织科技股份有限公司(以下简称“海澜纺织”)上市。"
        "海澜纺织总部位于开平市。此次公开发行股票3200万股。"
    )
    ex = extract(make_article(text))
    company = _by_name(ex)["广东海澜纺织科技股份有限公司"]
    assert "海澜纺织" in company.aliases and len(company.mentions) >= 2
    assert _subject_of(ex, 3200) == "广东海澜纺织科技股份有限公司"


def test_a_company_building_in_a_town_invests_in_works_located_there(make_article):
    text = "开平市引进项目。华信电器有限公司拟在水口镇投资12亿元建设智能家电产业园。"
    ex = extract(make_article(text))
    assert _rel(ex, "智能家电产业园", "locatedIn", "水口镇")
    assert _rel(ex, "华信电器有限公司", "investsIn", "智能家电产业园")


def test_works_on_a_route_connect_its_ends(make_article):
    ex = extract(make_article("开平市推进赤坎至百合旅游公路建设。"))
    assert _rel(ex, "赤坎至百合旅游公路", "connects", "赤坎镇")
    assert _rel(ex, "赤坎至百合旅游公路", "connects", "百合镇")


def test_a_part_of_a_zone_and_a_programme_carried_out(make_article):
    text = "翠山湖科技产业园是开平高新技术产业开发区的重要组成部分。开平市深入实施“百千万工程”。"
    ex = extract(make_article(text))
    assert _rel(ex, "翠山湖科技产业园", "partOf", "开平高新技术产业开发区")
    assert _rel(ex, "开平市", "implements", "百千万工程")


def test_a_count_is_not_about_the_thing_it_counts(make_article):
    ex = extract(make_article("开平市推进乡村振兴。水口镇建成县级示范带3条。"))
    assert _subject_of(ex, 3) == "水口镇"


def test_a_figure_after_coordinated_places_goes_to_the_first(make_article):
    ex = extract(make_article("开平市加快发展。长沙街道、三埠街道新增公办学位5400个。"))
    assert _subject_of(ex, 5400) == "长沙街道"


def test_a_project_name_starts_after_the_company_that_owns_it(make_article):
    ex = extract(make_article("台山市签约江门晶澜光伏材料有限公司光伏玻璃项目。"))
    assert "光伏玻璃项目" in _by_name(ex)


def test_an_event_name_may_hold_a_short_parenthesis_and_its_figures_follow_it(make_article):
    text = (
        "5月8日,2024年台山市(广州)招商推介会暨重点项目集中签约仪式在广州市天河区举行。"
        "现场共签约项目16个,总投资98.5亿元。"
    )
    ex = extract(make_article(text))
    event = "2024年台山市(广州)招商推介会暨重点项目集中签约仪式"
    assert _by_name(ex)[event].kind == "Event"
    assert _subject_of(ex, Decimal("98.5")) == event


def test_an_organ_opening_a_sentence_is_not_its_topic_and_quanshi_is_the_city(make_article):
    text = "开平市加快发展。开平市发展和改革局负责人表示,全市规上工业总产值力争突破800亿元。"
    ex = extract(make_article(text))
    assert _by_name(ex)["开平市发展和改革局"].kind == "GovernmentBody"
    assert _subject_of(ex, 800) == "开平市"


def test_a_route_needs_a_place_at_one_end(make_article):
    ex = extract(make_article("开平市加快道路建设,实现市区至各镇半小时通达。"))
    assert not any(e.kind == "Road" for e in ex.entities)
