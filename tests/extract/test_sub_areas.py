"""Sub-areas written after what holds them, places and natural features by their endings
(sentences written for kg about invented places)."""

from __future__ import annotations

from kg.extract import extract
from kg.ingest import parse_article
from tests.extract.relation_facts import facts


def _extract(sentence: str):
    return extract(parse_article("标题行\n" + sentence, "x.txt", "0" * 64))


def named(sentence: str) -> set[tuple[str, str]]:
    return {(m.text, str(m.kind)) for m in _extract(sentence).mentions}


def test_a_pian_qu_after_a_new_town_is_named_without_the_town_and_is_part_of_it():
    ex = _extract("今年动工的有东湖新城滨江片区供水项目和南岭工业园北坑片二期道路工程。")
    found = {(m.text, str(m.kind)) for m in ex.mentions}
    assert {("滨江片区", "Place"), ("东湖新城", "Region")} <= found
    assert ("东湖新城滨江片区", "Place") not in found
    assert ("滨江片区", "东湖新城") in facts(ex, "partOf")
    assert ("东湖新城滨江片区供水项目", "滨江片区") in facts(ex, "locatedIn")


def test_a_pian_after_an_industrial_park_is_a_park_part_of_it():
    ex = _extract("南岭工业园北坑片二期道路工程今年动工。")
    assert ("北坑片", "Park") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("北坑片", "南岭工业园") in facts(ex, "partOf")
    assert ("南岭工业园北坑片二期道路工程", "北坑片") in facts(ex, "locatedIn")


def test_a_pian_with_no_park_before_it_names_nothing():
    found = named("全镇连片开发土地一片，成片推进整治。")
    assert not [name for name, kind in found if name.endswith("片")]


def test_a_pian_qu_of_a_high_tech_zone_is_a_park_and_a_cue_reads_it_with_its_zone():
    ex = _extract("松岗新材料产业园是云溪高新技术产业开发区北岭片区的组成部分之一。")
    assert ("北岭片区", "Park") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("松岗新材料产业园", "北岭片区") in facts(ex, "partOf")


def test_a_new_industrial_town_after_its_park_is_a_park_part_of_it():
    ex = _extract("他把工厂搬到平海电子信息产业园石龙湾数字产业新城。")
    assert ("石龙湾数字产业新城", "Park") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("石龙湾数字产业新城", "平海电子信息产业园") in facts(ex, "partOf")


def test_a_street_after_a_park_organ_is_named_without_the_organ():
    found = named("竣工项目有港区管委滨海南路延伸工程。")
    assert ("滨海南路", "Road") in found


def test_islands_data_ports_and_transfer_parks_are_parks():
    found = named("该县将建设海洋科技岛、西湾数智港和南江产业转移工业园。")
    assert {("海洋科技岛", "Park"), ("西湾数智港", "Park"), ("南江产业转移工业园", "Park")} <= found


def test_a_nature_reserve_is_a_natural_feature():
    found = named("白鹭林自然保护区面积达1万亩。")
    assert ("白鹭林自然保护区", "NaturalFeature") in found


def test_a_village_after_a_town_whose_walk_stops_at_a_function_character_is_found():
    ex = _extract("环村公路通车仪式昨日在都斛镇对溪村举行。")
    assert ("对溪村", "Village") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("对溪村", "都斛镇") in facts(ex, "locatedIn")


def test_a_market_town_after_a_town_is_a_place_in_it():
    ex = _extract("新修的公路通到台山市都斛镇石门圩。")
    assert ("石门圩", "Place") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("石门圩", "都斛镇") in facts(ex, "locatedIn")


def test_a_xu_with_no_place_before_it_is_no_place():
    found = named("赶圩的村民越来越多。")
    assert not [name for name, kind in found if name.endswith("圩")]


def test_a_community_after_a_town_two_counties_share_is_one_community():
    ex = _extract("三角镇新和社区今年发展提速。新和社区集体收入增长。")
    communities = [e.name for e in ex.entities if e.kind == "Village"]
    assert communities == ["新和社区"]


def test_a_showcase_community_is_no_village():
    found = named("将该社区建成一个精品社区。")
    assert not [name for name, kind in found if kind == "Village"]


def test_a_county_short_name_opening_an_estate_or_creek_is_no_mention_of_the_county():
    ex = _extract("社区整治了龙门涌两岸，紫金小区和紫金村完成改造，共投入800万元。")
    assert not [m.text for m in ex.mentions if m.kind == "County"]
    assert ("紫金小区", "Place") in {(m.text, str(m.kind)) for m in ex.mentions}


def test_a_county_short_name_before_a_road_stretch_is_still_the_county():
    ex = _extract("国道G325线紫金路段完成改造。")
    assert "紫金县" in {e.name for e in ex.entities}


def test_a_community_named_twice_is_the_own_place_when_no_county_is_named():
    ex = _extract(
        "三角镇新和社区今年发展提速。\n新和社区去年集体收入增长31.4%。\n"
        "五年来，用于河涌改造的资金累计达2.5亿元。"
    )
    subjects = {q.text: q.subject for q in ex.quantities}
    assert subjects["2.5亿元"] == "Village:新和社区"


def test_a_park_after_a_level_title_of_parks_is_named_without_the_title():
    found = named("图为省级特色产业园青溪茶叶产业园。")
    assert ("青溪茶叶产业园", "Park") in found
    assert not [name for name, _ in found if name.startswith("省级")]


def test_a_lettered_zone_of_a_park_is_a_park_part_of_it():
    ex = _extract("粤桂(罗定)经济合作区A区今年引进企业6家。")
    assert ("粤桂(罗定)经济合作区A区", "Park") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("粤桂(罗定)经济合作区A区", "粤桂(罗定)经济合作区") in facts(ex, "partOf")


def test_a_station_before_its_transport_hub_is_a_station():
    found = named("东湖站交通枢纽今年投入使用。")
    assert ("东湖站", "Station") in found


def test_a_zones_park_named_after_a_city_is_a_park_and_a_quoted_layout_is_not():
    assert ("前湾广州园区", "Park") in named("前湾广州园区今年新增企业10家。")
    found = named("打造“三核五园区”产业格局，项目入驻园区后投产。")
    assert not [name for name, kind in found if kind == "Park"]


def test_a_showroom_is_a_venue_not_an_organ():
    found = named("代表们在北部平台展示厅听取介绍。")
    assert ("北部平台展示厅", "Venue") in found
    assert not [name for name, kind in found if kind == "GovernmentBody"]


def test_an_expressway_listed_before_one_that_names_its_gaosu_is_a_road():
    found = named("物流园区选在汕湛高速和长深、济广高速两条通道交汇处。")
    assert {("长深", "Road"), ("济广高速", "Road"), ("汕湛高速", "Road")} <= found


def test_a_phase_of_a_road_is_works_about_the_road():
    ex = _extract("滨江大道一期和环湖路今年相继完工。")
    assert ("滨江大道一期", "Project") in {(m.text, str(m.kind)) for m in ex.mentions}
    assert ("滨江大道一期", "滨江大道") in facts(ex, "about")


def test_a_path_or_site_named_after_a_creek_runs_along_it():
    ex = _extract("该村建成白沙涌栈道和青溪河驿站。\n青溪河整治工程去年完工。")
    adjacent = facts(ex, "adjacentTo")
    assert ("白沙涌栈道", "白沙涌") in adjacent
    assert ("青溪河整治工程", "青溪河") in facts(ex, "about")


def test_a_county_short_name_opening_a_river_or_greenway_is_no_mention_of_the_county():
    ex = _extract("南雄市建成紫金河碧道，紫金碧道全长12公里。")
    assert "紫金县" not in {e.name for e in ex.entities}


def test_a_path_connects_the_names_listed_after_each_joining_verb():
    ex = _extract(
        "今年建成青溪滨河慢行道，连接东山中学至南坑桥，串联滨江剧场、西岸驿站和滨水公园。"
    )
    connected = facts(ex, "connects")
    assert {
        ("青溪滨河慢行道", "东山中学"),
        ("青溪滨河慢行道", "南坑桥"),
        ("青溪滨河慢行道", "滨江剧场"),
        ("青溪滨河慢行道", "西岸驿站"),
        ("青溪滨河慢行道", "滨水公园"),
    } <= connected
    # a bridge the path reaches is no path of the verb after it
    assert not any(s == "南坑桥" for s, _ in connected)


def test_a_bare_start_up_zone_is_the_zone_of_the_park_named_before_it():
    ex = _extract(
        "南山经济区去年加快建设，起步区新增用地300亩，引进企业18家。\n"
        "起步区的道路年内完工。"
    )
    zones = [e for e in ex.entities if e.name == "南山经济区起步区"]
    assert zones and "起步区" in zones[0].aliases
    assert ("南山经济区起步区", "南山经济区") in facts(ex, "partOf")
    subjects = {q.text: q.subject for q in ex.quantities}
    assert subjects["300亩"] == zones[0].key


def test_a_zone_word_with_no_park_before_it_in_its_paragraph_is_no_name():
    found = named("今年以来，起步区建设加快。")
    assert not [name for name, _ in found if "起步区" in name]


def test_a_park_spanning_two_districts_lies_in_each_and_its_bracketed_town():
    ex = _extract(
        "东江新材料产业园横跨南海、三水两区。"
        "其中，东江先进制造集聚区(里水镇内)已有企业40家。"
    )
    located = facts(ex, "locatedIn")
    assert {("东江新材料产业园", "南海区"), ("东江新材料产业园", "三水区")} <= located
    assert ("东江先进制造集聚区", "里水镇") in located
    assert ("东江先进制造集聚区", "东江新材料产业园") in facts(ex, "partOf")


def test_a_park_after_qizhong_with_no_park_opening_the_sentence_before_is_not_a_part():
    ex = _extract("全县共有企业500家。其中，东江先进制造集聚区面积5000亩。")
    assert not facts(ex, "partOf")


def test_a_port_area_is_part_of_the_port_it_is_named_after():
    found = named("北湾港区今年新增泊位3个。")
    assert {("北湾港区", "Park"), ("北湾港", "Port")} <= found


def test_a_street_whose_name_holds_he_is_a_street_when_it_opens_its_clause():
    found = named("新园区的范围为：永和路以东，滨河大道以南。")
    assert ("永和路", "Road") in found
    assert not [name for name, kind in named("水和路都通了。") if kind == "Road"]


def test_a_places_river_or_reservoir_after_de_lies_in_it_and_an_epithet_is_no_river():
    ex = _extract("平远县的“母亲河”石窟河穿城而过，大田镇的青龙水库蓄水正常。")
    located = facts(ex, "locatedIn")
    assert {("石窟河", "平远县"), ("青龙水库", "大田镇")} <= located
    assert "母亲河" not in {e.name for e in ex.entities}
