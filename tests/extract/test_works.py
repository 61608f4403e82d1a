"""Whose works they are and where they lie (kg.extract.relations.works), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_works_named_right_after_a_company_are_its_own(make_article):
    text = (
        "当天签约的项目包括肇庆华锐电池材料有限公司年产5万吨正极材料项目、"
        "广东粤兴新能源有限公司储能电池项目等。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "investsIn") == {
        ("肇庆华锐电池材料有限公司", "正极材料项目"),
        ("广东粤兴新能源有限公司", "储能电池项目"),
    }


def test_a_project_named_after_a_companys_trade_name_is_its_own(make_article):
    ex = extract(make_article("广东振邦重工有限公司成立于2015年。振邦重工三期项目已完成用地报批。"))
    assert facts(ex, "investsIn") == {("广东振邦重工有限公司", "振邦重工三期项目")}


def test_a_company_building_right_after_its_name(make_article):
    ex = extract(make_article("广东振邦重工有限公司投资的海上风电塔筒项目总投资9亿元。"))
    assert ("广东振邦重工有限公司", "海上风电塔筒项目") in facts(ex, "investsIn")


def test_works_a_town_brings_in_lie_in_it(make_article):
    text = (
        "高要区白土镇引进广东金稻米业有限公司精米加工项目，计划总投资3亿元。"
        "连州市东陂镇新建的东陂综合客运枢纽已投入使用。"
    )
    ex = extract(make_article(text))
    located = facts(ex, "locatedIn")
    assert ("精米加工项目", "白土镇") in located
    assert ("东陂综合客运枢纽", "东陂镇") in located
    assert ("广东金稻米业有限公司", "精米加工项目") in facts(ex, "investsIn")


def test_works_several_towns_make_together_lie_in_each(make_article):
    text = "郁南县连滩、河口、宋桂三镇联合打造的南江文化旅游示范带，上半年接待游客30万人次。"
    ex = extract(make_article(text))
    assert facts(ex, "locatedIn") >= {
        ("南江文化旅游示范带", "连滩镇"),
        ("南江文化旅游示范带", "河口镇"),
        ("南江文化旅游示范带", "宋桂镇"),
    }


def test_a_towns_company_and_works_after_de(make_article):
    text = (
        "乐昌市乐城街道的广东建华陶瓷有限公司一季度产值增长12%。"
        "罗定市罗镜镇的年产10万吨饲料项目已经投产。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "locatedIn") >= {
        ("广东建华陶瓷有限公司", "乐城街道"),
        ("饲料项目", "罗镜镇"),
    }


def test_a_seat_lies_in_the_last_of_the_places_named_together(make_article):
    text = "广东华信电子有限公司总部位于四会市东城街道。智能家居产业基地落户高要区金利镇。"
    ex = extract(make_article(text))
    located = facts(ex, "locatedIn")
    assert ("广东华信电子有限公司", "东城街道") in located
    assert ("智能家居产业基地", "金利镇") in located


def test_inside_the_zone_named_before(make_article):
    text = (
        "1-9月，罗定高新技术产业开发区完成投资20亿元。"
        "开发区内的罗定智能制造产业园已入驻企业15家。"
        "新兴县簕竹镇大力发展预制菜产业；镇内的绿源食品产业园新引进企业3家。"
    )
    ex = extract(make_article(text))
    assert ("罗定智能制造产业园", "罗定高新技术产业开发区") in facts(ex, "partOf")
    assert ("绿源食品产业园", "簕竹镇") in facts(ex, "locatedIn")


def test_works_settled_in_the_park_named_before(make_article):
    text = (
        "高州市金山工业园今年新引进项目16个。"
        "落户园区的广东华晟电池材料有限公司正极材料项目总投资22亿元。"
    )
    ex = extract(make_article(text))
    assert ("正极材料项目", "高州市金山工业园") in facts(ex, "locatedIn")


def test_who_builds_and_who_approved_works_named_before(make_article):
    text = (
        "罗定市S113线罗镜段升级改造工程全长9公里；工程由云浮市发展和改革局立项，"
        "罗定市交通投资有限公司（以下简称“罗定交投”）负责建设。"
        "广东长大路桥有限公司承建的S280线罗平段改造工程已完成总工程量的80%。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "approvedBy") == {("S113线罗镜段升级改造工程", "云浮市发展和改革局")}
    assert facts(ex, "builds") == {
        ("罗定市交通投资有限公司", "S113线罗镜段升级改造工程"),
        ("广东长大路桥有限公司", "S280线罗平段改造工程"),
    }


def test_approval_of_the_works_the_sentence_before_opened_with(make_article):
    text = "罗定市G324线罗城至双东段改建工程全长15公里。项目已获广东省交通运输厅批复初步设计。"
    ex = extract(make_article(text))
    assert facts(ex, "approvedBy") == {("G324线罗城至双东段改建工程", "广东省交通运输厅")}
    assert facts(ex, "honouredBy") == set()  # 获…批复 is no honour


def test_places_listed_together_each_carry_out_the_programme(make_article):
    ex = extract(make_article("郁南县连滩、河口、宋桂三镇将同步实施“千村示范”提质工程。"))
    assert facts(ex, "implements") == {
        ("连滩镇", "“千村示范”提质工程"),
        ("河口镇", "“千村示范”提质工程"),
        ("宋桂镇", "“千村示范”提质工程"),
    }


def test_works_built_right_after_the_town_named_after_zai(make_article):
    text = "广东华驰储能科技有限公司将在罗定市罗镜镇建设用户侧储能电站，总投资约4.8亿元。"
    ex = extract(make_article(text))
    assert ("用户侧储能电站", "罗镜镇") in facts(ex, "locatedIn")
    assert ("广东华驰储能科技有限公司", "用户侧储能电站") in facts(ex, "investsIn")


def test_the_park_a_clause_opens_with_is_run_by_the_company(make_article):
    text = (
        "怀集县冷坑镇建设的南药加工产业园首期已投入使用。"
        "产业园由广东德康药业有限公司运营，带动农户900户。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "operates") == {("广东德康药业有限公司", "南药加工产业园")}


def test_the_site_of_the_project_a_clause_opens_with(make_article):
    text = (
        "雷州市将投资建设年产2万吨海产品冷链加工项目，项目总投资3.6亿元，"
        "选址雷州经济开发区，明年建成。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("海产品冷链加工项目", "雷州经济开发区") in located


def test_a_company_with_plants_in_a_place_is_there(make_article):
    text = "阳江华美五金有限公司追加投资3亿元，华美五金在阳春已有2家工厂。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("阳江华美五金有限公司", "阳春市") in located


def test_a_company_investing_then_building_in_a_place(make_article):
    text = "广东恒瑞纸业有限公司计划投资12亿元，在封开县江口街道建设高档生活用纸项目。"
    ex = extract(make_article(text))
    assert ("广东恒瑞纸业有限公司", "高档生活用纸项目") in facts(ex, "investsIn")
    assert ("高档生活用纸项目", "江口街道") in facts(ex, "locatedIn")


def test_a_company_investing_in_a_place_then_building(make_article):
    text = "广东恒瑞纸业有限公司将在封开县江口街道投资12亿元，建设高档生活用纸项目。"
    ex = extract(make_article(text))
    assert ("广东恒瑞纸业有限公司", "高档生活用纸项目") in facts(ex, "investsIn")
    assert ("高档生活用纸项目", "江口街道") in facts(ex, "locatedIn")


def test_another_company_between_breaks_the_chain(make_article):
    text = (
        "广东恒瑞纸业有限公司计划投资12亿元，与广东盛源物流有限公司合作，"
        "在江口街道建设智慧物流园项目。"
    )
    invests = facts(extract(make_article(text)), "investsIn")
    assert ("广东恒瑞纸业有限公司", "智慧物流园项目") not in invests


def test_a_chain_needs_the_company_to_open_the_sentence(make_article):
    text = "据介绍，广东恒瑞纸业有限公司计划投资12亿元，江口街道将建设高档生活用纸项目。"
    invests = facts(extract(make_article(text)), "investsIn")
    assert ("广东恒瑞纸业有限公司", "高档生活用纸项目") not in invests


def test_a_national_or_provincial_road_keeps_its_grade_in_its_name():
    from kg.extract import extract
    from kg.ingest import parse_article

    text = "标题行\n国道G228线海陵至平冈段改扩建工程全长21公里。"
    mentions = extract(parse_article(text, "x.txt", "0" * 64)).mentions
    found = {(m.text, str(m.kind)) for m in mentions}
    assert ("国道G228线海陵至平冈段改扩建工程", "Project") in found
    assert ("国道G228线", "Road") in found
    (road,) = [m for m in mentions if m.text == "国道G228线"]
    assert road.canonical == "G228"  # one road with the G228 written elsewhere


def test_each_works_of_a_list_a_place_plans_lies_in_it(make_article):
    text = "海丰将高水平谋划建设海洋科创岛、海丰生态科技城、汕尾新能源产业园等重要发展平台。"
    ex = extract(make_article(text))
    located = facts(ex, "locatedIn")
    assert ("汕尾新能源产业园", "海丰县") in located


def test_works_a_park_brings_in_after_their_sum_lie_in_it(make_article):
    text = "连平县隆街园已引进总投资20亿元的川鸿新材料产业基地项目，预计明年投产。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("川鸿新材料产业基地项目", "连平县隆街园") in located


def _kinds(ex) -> dict[str, str]:
    return {e.name: e.kind for e in ex.entities}


def test_a_works_title_opening_with_a_company_is_cut_no_more(make_article):
    text = (
        "投产项目有广州市云帆文具有限公司儿童绘画套装的设计及生产项目、"
        "江门宏远环保科技有限公司废旧塑料综合利用项目等2项。"
        "园区引进的广东清泉饮品有限公司项目正式投产。"
    )
    ex = extract(make_article(text))
    titled = {
        "广州市云帆文具有限公司儿童绘画套装的设计及生产项目",
        "江门宏远环保科技有限公司废旧塑料综合利用项目",
        "广东清泉饮品有限公司项目",
    }
    kinds = _kinds(ex)
    aliases = {a for e in ex.entities for a in (e.name, *e.aliases)}
    assert titled <= aliases
    assert all(kinds.get(t, "Project") == "Project" for t in titled)
    assert facts(ex, "investsIn") >= {
        ("广州市云帆文具有限公司", "广州市云帆文具有限公司儿童绘画套装的设计及生产项目"),
        ("江门宏远环保科技有限公司", "废旧塑料综合利用项目"),
        ("广东清泉饮品有限公司", "广东清泉饮品有限公司项目"),
    }
    assert "设计及生产项目" not in kinds


def test_a_company_title_keeps_the_works_name_a_later_mention_uses(make_article):
    text = "惠州明峰光电有限公司光学膜项目动工。光学膜项目计划明年投产。"
    ex = extract(make_article(text))
    works = [e for e in ex.entities if e.kind == "Project"]
    assert [(e.name, "惠州明峰光电有限公司光学膜项目" in e.aliases) for e in works] == [
        ("光学膜项目", True)
    ]


def test_a_company_and_works_or_its_own_works_after_de_stay_two(make_article):
    text = (
        "随后前往阳江海湾水产有限公司和东岸围垦项目调研。"
        "江门宏远环保科技有限公司的废旧塑料综合利用项目投产。"
    )
    ex = extract(make_article(text))
    names = {e.name for e in ex.entities}
    assert not any(n.startswith(("阳江海湾水产有限公司和", "和")) for n in names)
    assert ("江门宏远环保科技有限公司", "废旧塑料综合利用项目") in facts(ex, "investsIn")


def test_a_factory_opening_a_works_title_is_a_company_investing_in_it(make_article):
    ex = extract(make_article("投产项目有佛山市南海区金翔五金厂厂房技改工程。"))
    assert _kinds(ex)["佛山市南海区金翔五金厂"] == "Company"
    assert ("佛山市南海区金翔五金厂", "佛山市南海区金翔五金厂厂房技改工程") in facts(
        ex, "investsIn"
    )


def test_a_phase_stays_in_the_name_of_works(make_article):
    text = (
        "台山一中城南分校第三期工程竣工，北港三期二阶段工程动工。"
        "加快星驰智能三期、明珠智造园动工。"
        "园区二期工程启动，项目二期加快建设，首期工程已完工。"
    )
    kinds = _kinds(extract(make_article(text)))
    for name in ("台山一中城南分校第三期工程", "北港三期二阶段工程", "星驰智能三期", "首期工程"):
        assert kinds.get(name) == "Project", name
    assert not {"园区二期工程", "项目二期", "阶段工程", "二期工程"} & set(kinds)


def test_an_item_of_a_list_of_works_starts_at_the_list_mark(make_article):
    # the walk back stopped at a numeral (三八围) or a word read as a verb (优选宝)
    text = (
        "开工项目包括城东供水项目、三八围老五孔水闸重建工程等2项。"
        "金源精密配件项目、优选宝家居用品项目各投资2亿元。"
        "推进城南供水项目、加快城北排涝工程建设。"
    )
    kinds = _kinds(extract(make_article(text)))
    assert kinds.get("三八围老五孔水闸重建工程") == "Project"
    assert kinds.get("优选宝家居用品项目") == "Project"
    assert not [n for n in kinds if n.startswith("加快")]


def test_a_headquarters_brought_in_is_works_and_a_company_seat_is_not(make_article):
    # 总部 ended a government body's name (…部), and 骨干企业 opened the works' name
    text = "引进骨干企业金利股份总部项目，落地腾讯云华南总部重大项目。海澜纺织总部位于开平市。"
    kinds = _kinds(extract(make_article(text)))
    assert kinds.get("金利股份总部项目") == "Project"
    assert kinds.get("腾讯云华南总部") == "Project"
    assert "GovernmentBody" not in kinds.values()
    assert not [n for n in kinds if n.startswith(("企业", "海澜纺织总部"))]
    assert "金利股份总部" not in kinds  # the works are the 总部项目, no 总部 of their own
    assert not _kinds(extract(make_article("园区集聚科技总部、研发中心等功能。")))


def test_works_listed_before_a_count_of_works_are_parts_of_them_and_their_companys(
    make_article,
):
    text = (
        "阳西县政府分别与明阳新能源阳江发电有限公司、粤电阳江电力有限公司签约，"
        "总投资约100亿元的明阳、粤电两个陆上风电项目落地阳西。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "partOf") >= {("明阳", "陆上风电项目"), ("粤电", "陆上风电项目")}
    assert facts(ex, "investsIn") >= {
        ("明阳新能源阳江发电有限公司", "明阳"),
        ("粤电阳江电力有限公司", "粤电"),
    }


def test_a_works_name_holds_what_is_done_together(make_article):
    # 集中 ended the walk back (a boundary word of event names: 集中开工)
    text = "签约项目为潮南区农产品集中仓储物流中心，推进农村集中供水工程。"
    kinds = _kinds(extract(make_article(text)))
    assert kinds.get("潮南区农产品集中仓储物流中心") == "Project"
    assert kinds.get("农村集中供水工程") == "Project"
