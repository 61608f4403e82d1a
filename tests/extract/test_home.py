"""What an article on one place names without a place of its own lies in that place
(kg.extract.relations.home), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract

TOWN = (
    "石角镇地处清城区，是工业重镇。今年以来，石角镇招商引资成效明显。"
    "广东恒远精密机械有限公司、广东澜石新材料有限公司先后投产，"
    "智能装备产业园一期项目也已动工。石角镇将继续优化营商环境。"
)


def test_companies_and_parks_an_article_on_one_town_names_lie_in_it(make_article):
    located = facts(extract(make_article(TOWN)), "locatedIn")
    assert ("广东恒远精密机械有限公司", "石角镇") in located
    assert ("广东澜石新材料有限公司", "石角镇") in located
    # a phase is part of works named elsewhere, not a thing of its own in the town
    assert not any(s.startswith("一期") for s, _ in located)


def test_a_company_in_a_sentence_naming_another_county_is_not_placed(make_article):
    text = TOWN + "广东华信电子有限公司此前主要服务龙岗区客户。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s == "广东华信电子有限公司" for s, _ in located)


def test_a_company_named_after_another_city_is_not_placed(make_article):
    text = TOWN + "深圳华信电子集团有限公司也派员洽谈合作。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s == "深圳华信电子集团有限公司" for s, _ in located)


def test_a_company_named_after_its_own_city_is_placed(make_article):
    text = TOWN + "清远华信电子有限公司也已投产。"
    assert ("清远华信电子有限公司", "石角镇") in facts(extract(make_article(text)), "locatedIn")


def test_an_article_naming_many_places_equally_places_nothing_by_itself(make_article):
    text = (
        "石角镇、飞来峡镇和源潭镇各有特色。广东恒远精密机械有限公司已投产。龙塘镇和石角镇都在招商。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s == "广东恒远精密机械有限公司" for s, _ in located)


def test_works_named_after_the_province_lie_in_the_articles_place(make_article):
    # the province opening a works' name is a brand, not where the works lie
    text = TOWN + "广东智慧冷链物流中心项目投资总额3亿元。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("广东智慧冷链物流中心项目", "石角镇") in located
    assert not any(s == "广东智慧冷链物流中心项目" and o.startswith("广东") for s, o in located)


def test_a_city_named_inside_a_name_or_before_the_town_names_no_other_place(make_article):
    text = TOWN + "清远市石角镇新增广东澜禾科技有限公司，清远华南物流枢纽获批。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("广东澜禾科技有限公司", "石角镇") in located


def test_a_park_only_aimed_at_is_not_placed(make_article):
    text = TOWN + "石角镇工业园全力争创国家高新区。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s == "国家高新区" for s, _ in located)


def test_a_provinces_company_is_not_placed_in_the_town(make_article):
    text = TOWN + "省交通集团有关负责人到场。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s == "省交通集团" for s, _ in located)


def test_a_town_named_only_inside_park_names_is_not_the_articles_place(make_article):
    text = (
        "连平县加快园区建设。隆街园今年投产企业5家，隆街园二期正在平整土地，"
        "隆街园将建成标准厂房。广东川鸿新材料有限公司今年投产。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("广东川鸿新材料有限公司", "连平县") in located


def test_what_a_sentence_opening_with_a_park_names_is_the_parks_business(make_article):
    text = TOWN + "龙塘产业园充分利用广东华粤热电有限公司的余热发展循环经济。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s == "广东华粤热电有限公司" and o == "石角镇" for s, o in located)


def test_programmes_the_articles_place_names_are_its_own_to_carry_out(make_article):
    text = TOWN + "石角镇抢抓“广佛一体化”机遇，着力培育“2+3”现代产业体系。"
    implements = facts(extract(make_article(text)), "implements")
    assert implements >= {("石角镇", "广佛一体化"), ("石角镇", "“2+3”现代产业体系")}


def test_a_report_is_published_not_carried_out(make_article):
    text = TOWN + "在《2024中国镇域经济发展报告》中，石角镇表现亮眼。"
    implements = facts(extract(make_article(text)), "implements")
    assert not any("报告" in p for _, p in implements)


def test_a_pilot_the_articles_place_runs_is_one_it_was_chosen_for(make_article):
    text = TOWN + "石角镇加快推进发展新型农村集体经济专项改革试点。"
    ex = extract(make_article(text))
    assert ("石角镇", "新型农村集体经济专项改革试点") in facts(ex, "selectedFor")
    assert not any(p.endswith("试点") for _, p in facts(ex, "implements"))


def test_a_park_named_with_a_far_countys_short_name_is_a_brand(make_article):
    text = TOWN + "石角镇把智能装备产业园、广德园打造成为产业转移的重要载体。"
    assert ("广德园", "石角镇") in facts(extract(make_article(text)), "locatedIn")


def test_planning_areas_a_city_article_names_lie_in_the_city(make_article):
    text = (
        "2024年，江门市经济总量增长4%。江门市各区中，滨江统筹区增长5.1%，"
        "银湖统筹区增长3.2%。江门市将继续推进产业升级。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert {("滨江统筹区", "江门市"), ("银湖统筹区", "江门市")} <= located


def test_sites_creeks_and_reservoirs_an_article_on_one_town_names_lie_in_it(make_article):
    text = TOWN + "石角镇整治了白沙涌，建成青龙水库，青山小区完成改造。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert {("白沙涌", "石角镇"), ("青龙水库", "石角镇"), ("青山小区", "石角镇")} <= located


def test_a_river_running_through_the_town_or_a_creek_bounding_a_park_is_not_placed(make_article):
    text = TOWN + "石角镇临近北江。智能装备产业园一期项目位于银湖路、东岸涌以南。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert not any(s in ("北江", "东岸涌") for s, _ in located)


def test_a_new_town_or_park_named_only_at_the_head_of_works_lies_in_the_own_place(make_article):
    text = TOWN + "石角镇开工建设滨江新城东湖片区供水项目和北岭产业园二期道路工程。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("滨江新城", "石角镇") in located
    assert ("北岭产业园", "石角镇") in located


def test_parks_named_after_towns_of_the_county_lie_in_the_county_too(make_article):
    """A county's article listing its parks by their towns' names (隆街园 in 隆街镇) placed
    them only in the towns, so the county the article is on held none of them."""
    text = (
        "连平县加快建设“一核三园”，规划建设隆街园、油溪园和智造园。"
        "智造园园中园首批厂房已交付使用。连平县将优化园区配套。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("隆街园", "隆街镇") in located
    assert {("隆街园", "连平县"), ("油溪园", "连平县")} <= located
    # a sentence opening with a park inside the park's own name is still the park's own
    assert ("智造园", "连平县") in located


def test_works_of_a_paragraph_on_a_park_lie_in_that_park(make_article):
    """Works named in a paragraph on a park or area of the town (opening with it, or under a
    heading line naming it) were placed in the town itself."""
    text = (
        "清城区石角镇招商引资成效明显。\n"
        "滨江片区开发全面铺开。冷链物流中心主体完工，年产3万吨饲料项目试产。\n"
        "二是龙塘产业园扩容提质\n"
        "今年石角镇新增用地500亩。智能仓储中心和职工公寓项目加快建设。\n"
        "石角镇还推进广东恒远精密机械有限公司技改。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert {("冷链物流中心", "滨江片区"), ("饲料项目", "滨江片区")} <= located
    assert ("职工公寓项目", "龙塘产业园") in located
    # a paragraph on no park leaves its works to the town
    assert ("广东恒远精密机械有限公司", "石角镇") in located


def test_a_list_item_a_far_places_short_name_opens_is_a_brand_not_that_place(make_article):
    """顺德锅具 in a list of the county's firms named 顺德区, so nothing else the sentence
    names was placed in the county the article is on."""
    text = (
        "阳山县今年招商成效明显。阳山县新签约项目12个。"
        "年产5万吨环保涂料项目加快建设，顺德锅具、南海灯饰等也相继投产。"
    )
    assert ("环保涂料项目", "阳山县") in facts(extract(make_article(text)), "locatedIn")
    # a place standing alone in the list is still another place
    text = (
        "阳山县今年招商成效明显。阳山县新签约项目12个。"
        "年产5万吨环保涂料项目加快建设，顺德、南海企业也来洽谈。"
    )
    assert not facts(extract(make_article(text)), "locatedIn")
