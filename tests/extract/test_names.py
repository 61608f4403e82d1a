"""Name recognisers on sentences of our own (other counties, other companies)."""

from __future__ import annotations

from kg.extract.names import choose, find_candidates


def names(text: str) -> dict[str, str]:
    top, nested = choose(find_candidates(text, set()))
    return {text[c.start : c.end]: c.kind for c in top + nested}


def test_a_park_name_stops_at_the_verb_before_it():
    found = names("开平市加快建设翠山湖科技产业园,推进产业集聚。")
    assert found.get("翠山湖科技产业园") == "Park"


def test_a_park_after_a_figure_and_de_starts_after_de():
    found = names("规划面积达12.5平方公里的台山工业新城纳入省级平台。")
    assert "台山工业新城" in found


def test_brand_plus_industry_is_a_company_and_generic_modifiers_are_not():
    found = names("园区引进海宏电器和兴达新材料,发展现代农业。")
    assert found.get("海宏电器") == "Company"
    assert found.get("兴达新材料") == "Company"
    assert "现代农业" not in found


def test_a_company_going_public_is_a_company_and_an_event():
    found = names("今年推动华锐精工上市。")
    assert found.get("华锐精工") == "Company"
    assert found.get("华锐精工上市") == "Event"


def test_road_code_section_and_works_nest():
    found = names("S113线水口至赤坎段改建工程完成招标。")
    assert found["S113线水口至赤坎段改建工程"] == "Project"
    assert found["S113线水口至赤坎段"] == "Road"
    assert found["S113线"] == "Road"


def test_a_quoted_policy_gongcheng_is_a_programme():
    found = names("全面实施“强县兴镇富村工程”,成立县级“强县兴镇富村工程”指挥部。")
    assert found["强县兴镇富村工程"] == "Programme"
    assert found["县级“强县兴镇富村工程”指挥部"] == "GovernmentBody"


def test_words_that_merely_end_like_names_are_not_names():
    found = names("全部项目已经部署到位,工作格局不断优化,重点项目加快推进。")
    assert not any(k in found for k in ("全部", "部署", "格局", "重点项目"))


def test_ministries_and_provincial_organs_come_from_the_organ_lexicon():
    found = names("该项目通过交通运输部验收,并获省发改委批复。")
    assert found.get("交通运输部") == "GovernmentBody"
    assert found.get("省发改委") == "GovernmentBody"


def test_name_start_stops_at_an_opening_quote_instead_of_looping():
    # once looped for ever when the walk back reached an opening quote
    from kg.extract.lexicon import load_lexicon
    from kg.extract.names import name_start

    text = "实施“乡村振兴示范带"
    assert name_start(text, 0, len(text) - 3, load_lexicon()) == 3


def test_a_rejected_long_suffix_does_not_leave_a_shorter_one():
    # 有限公司 after a verb once came out as a company named 有限公司
    found = names("新塘镇引导锦纶织造有限公司等企业改造。")
    assert "有限公司" not in found


def test_a_verb_ends_a_name_unless_names_often_hold_it():
    found = names("园洲镇签下项目5个,推进乡村振兴示范带建设。")
    assert "园洲镇签下项目" not in found
    assert found.get("乡村振兴示范带") == "Park"


def test_jihua_followed_by_a_verb_is_not_a_programme():
    found = names("锂电池隔膜项目计划投资5亿元。")
    assert not any(k.endswith("计划") for k in found)


def test_an_event_keeps_its_year():
    assert names("召开2024年重大项目推进会。").get("2024年重大项目推进会") == "Event"


def test_a_generic_modifier_does_not_make_a_brand():
    assert not any(kind == "Company" for kind in names("着力壮大特色农业。").values())


def test_a_brand_never_holds_a_boundary_word():
    # (街)要围绕新能源 once gave a company 要围绕新能源
    assert not any(
        kind == "Company" for kind in names("各镇(街)要围绕新能源、电子信息招商。").values()
    )


def test_a_road_section_named_by_one_place_is_a_section():
    found = names("S111线勒流段改造工程已完成总工程量的85%。")
    assert found["S111线勒流段"] == "Road" and found["S111线勒流段改造工程"] == "Project"


def test_a_route_name_does_not_run_across_de():
    found = names("石城镇至安铺镇的疏港公路一期工程预计年底建成。")
    assert "石城镇至安铺镇的疏港公路" not in found
