"""Whom a figure is about (kg.extract.figures.subjects), on sentences written for kg about
places other than the seed's and the eval corpus's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract import extract


def _subjects(make_article, text: str) -> dict[Decimal, str]:
    ex = extract(make_article(text))
    names = {e.key: e.name for e in ex.entities}
    return {q.value: names.get(q.subject, "") for q in ex.quantities}


def test_every_place_of_a_list_after_zai_is_a_scope(make_article):
    found = _subjects(
        make_article,
        "紫金县今年将在临江、古竹、义合三地连片整备工业用地三千亩以上，"
        "全年计划改造旧厂房不少于20万平方米。",
    )
    assert found[3000] == found[20] == "紫金县"


def test_a_list_may_join_a_town_and_a_subdistrict(make_article):
    found = _subjects(make_article, "蓬江区棠下镇、环市街道的企业新开拓海外客户超过300个。")
    assert found[300] == "棠下镇"


def test_an_organ_that_acts_is_the_topic(make_article):
    found = _subjects(
        make_article,
        "连州市西岸镇发展稻鱼共生。连州市农业农村局联合广东连丰农业科技有限公司推广稻鱼共生模式，"
        "带动600余户农户每户年均增收约1.2万元。",
    )
    assert found[600] == found[Decimal("1.2")] == "连州市农业农村局"


def test_an_organ_that_speaks_is_no_topic(make_article):
    found = _subjects(
        make_article, "连州市加快发展。连州市发展和改革局负责人表示，今年将新建厂房20万平方米。"
    )
    assert found[20] == "连州市"


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        (
            "配套方面，连州大道扩建工程计划于今年6月开工，全长约8.4公里，总投资3.6亿元。",
            Decimal("3.6"),
            "连州大道扩建工程",
        ),
        ("南海区加快发展。其中，狮山镇依托狮山工业园，新增装备企业12家。", 12, "狮山镇"),
    ],
)
def test_a_short_opening_clause_naming_nothing_is_passed_over(make_article, text, value, subject):
    assert _subjects(make_article, text)[value] == subject


def test_the_name_after_place_de_is_the_topic(make_article):
    found = _subjects(
        make_article, "连州市推进交通建设。连州镇至保安镇的湟川大道北延线全长约6.1公里。"
    )
    assert found[Decimal("6.1")] == "湟川大道北延线"


def test_a_park_named_before_stands_behind_yuanqu(make_article):
    found = _subjects(
        make_article,
        "清新区太和电子信息产业园已入驻企业40家。太和电子信息产业园今年新签约项目6个。\n"
        "清新区引进上下游企业。目前，园区企业本地配套率已达到38%。",
    )
    assert found[38] == "清新区太和电子信息产业园"


def test_gongsi_is_the_company_of_the_paragraph(make_article):
    found = _subjects(
        make_article,
        "广东禾盛纺织股份有限公司在深圳证券交易所上市，总部位于陆丰市东海街道。"
        "公司2023年实现营业收入9.8亿元，净利润0.86亿元。",
    )
    assert found[Decimal("9.8")] == found[Decimal("0.86")] == "广东禾盛纺织股份有限公司"


def test_xiangmu_after_a_base_is_the_base(make_article):
    found = _subjects(
        make_article,
        "陆河县将在河口镇打造青梅全产业链基地，种植面积三千亩，项目建成后可带动周边800多户农户增收。",
    )
    assert found[800] == found[3000]


def test_figures_of_a_sentence_opening_dangtian_are_the_events(make_article):
    found = _subjects(
        make_article,
        "4月2日，阳山县2024年重点项目集中开工仪式在七拱镇举行。当天共有8个项目同步开工。",
    )
    assert found[8].endswith("重点项目集中开工仪式")


def test_the_list_ranked_in_after_paiming_is_a_scope(make_article):
    found = _subjects(
        make_article,
        "兴宁经济开发区今年以来新入园企业12家，园区规上工业产值增长9.6%，排名梅州市省级开发区第一。",
    )
    assert found[1] == found[Decimal("9.6")] == "兴宁经济开发区"


def test_a_whole_after_gongxian_is_what_a_share_is_of(make_article):
    found = _subjects(
        make_article,
        "狮山镇、大沥镇、里水镇三镇规上工业产值合计超过2000亿元，贡献全区增量的48.5%。",
    )
    assert found[Decimal("48.5")] == "狮山镇"


def test_yinjin_a_companys_project_gives_the_project(make_article):
    found = _subjects(
        make_article, "石角镇引进清远华博新材料有限公司铝型材项目，计划总投资6.5亿元。"
    )
    assert found[Decimal("6.5")] in ("铝型材项目", "清远华博新材料有限公司铝型材项目")


def test_a_clause_mark_before_the_building_verb_does_not_hide_it(make_article):
    found = _subjects(
        make_article,
        "龙塘镇新增企业8家;石角镇引进清远华博新材料有限公司铝型材项目,计划总投资6.5亿元。",
    )
    assert found[Decimal("6.5")] in ("铝型材项目", "清远华博新材料有限公司铝型材项目")


def test_works_built_in_a_later_clause_are_no_subject(make_article):
    found = _subjects(
        make_article,
        "阳春市加快乡村振兴。到2027年,力争所有行政村集体经济收入超过30万元,"
        "建成县级乡村振兴示范带4条。",
    )
    assert found[30] == "阳春市"


def test_the_terms_after_a_policy_are_the_policys(make_article):
    found = _subjects(
        make_article,
        "惠东县出台《惠东县促进制造业高质量发展十条措施》,"
        "对固定资产投资超过2亿元的制造业项目给予最高300万元奖励。",
    )
    assert found[2] == found[300] == "惠东县促进制造业高质量发展十条措施"


def test_gongcheng_opening_a_sentence_is_the_works_before(make_article):
    found = _subjects(
        make_article,
        "S262线龙门至蓝田段改建工程全长12.4公里;工程由惠州市发展和改革局立项,"
        "龙门县交通投资有限公司负责建设,总投资4.8亿元。",
    )
    assert found[Decimal("4.8")] == "S262线龙门至蓝田段改建工程"


def test_chanyeyuan_after_a_town_that_relies_on_it(make_article):
    found = _subjects(
        make_article,
        "罗定市加快发展。罗镜镇依托罗定肉桂产业园,今年新增肉桂林一千亩;"
        "产业园由广东桂香农业有限公司运营,已带动周边农户430户。",
    )
    assert found[430] == "罗定肉桂产业园"


def test_yuanqu_after_a_target_verb(make_article):
    found = _subjects(
        make_article,
        "二是推动乐昌廊田新材料产业园扩园提质,新增工业用地两千亩,力争园区产值达到80亿元。",
    )
    assert found[2000] == found[80] == "乐昌廊田新材料产业园"


def test_an_organisation_that_acts_is_the_topic(make_article):
    found = _subjects(
        make_article, "信宜市推进医疗建设。信宜市人民医院新院区一期投入使用,新增床位320张。"
    )
    assert found[320] == "信宜市人民医院"


def test_money_spent_on_works(make_article):
    found = _subjects(make_article, "募集资金主要用于扩产;另有0.8亿元用于新丰镇物流仓储基地建设。")
    assert found[Decimal("0.8")] in ("新丰镇物流仓储基地", "物流仓储基地")


def test_a_total_of_works_joined_by_he_is_the_first(make_article):
    found = _subjects(
        make_article,
        "仁化县推进交通建设。同日开工的还有周田—董塘旅游公路和石塘镇茶旅环线,两条线路总长26公里,合计投资2.2亿元。",
    )
    assert found[Decimal("2.2")] == "周田—董塘旅游公路"


def test_a_route_before_de_leaves_the_topic_to_the_road(make_article):
    found = _subjects(
        make_article,
        "在城区,凤城街道至石潭镇的清城大道北延线已进入路面施工,全长约4.6公里。",
    )
    assert found[Decimal("4.6")] == "清城大道北延线"


def test_an_anaphor_word_opening_a_name_is_that_name(make_article):
    found = _subjects(
        make_article,
        "乐昌廊田新材料产业园加快建设。园区污水处理厂二期工程建成后,日处理能力将提升至2万吨。",
    )
    assert found[2] == "园区污水处理厂二期工程"


def test_a_figure_inside_the_name_of_works_is_theirs(make_article):
    found = _subjects(make_article, "南澳县新建云澳5000吨级客运码头工程，总投资1.2亿元。")
    assert found[5000] == found[Decimal("1.2")] == "云澳5000吨级客运码头工程"


def test_zhen_li_is_the_town_named_last(make_article):
    found = _subjects(make_article, "台山市北陡镇今年新建冷库3座。镇里还计划投资2000万元建设渔港。")
    assert found[2000] == "北陡镇"


def test_xian_li_is_the_county_and_shi_li_a_city(make_article):
    found = _subjects(
        make_article,
        "阳西县今年新建冷库3座，阳江市加大支持。县里还计划投资2000万元建设渔港。"
        "市里安排专项资金800万元。",
    )
    assert found[2000] == "阳西县"
    assert found[800] == "阳江市"


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        (
            "广东华拓能源有限公司计划投资15亿元，在汤塘镇建设新型储能电池生产基地。",
            15,
            "新型储能电池生产基地",
        ),
        (
            "清远恒安新材料有限公司总投资8亿元，建设年产5万吨改性塑料项目。",
            8,
            "改性塑料项目",
        ),
    ],
)
def test_money_a_company_invests_is_the_works_the_next_clause_builds(
    make_article, text, value, subject
):
    assert _subjects(make_article, text)[value] == subject


@pytest.mark.parametrize(
    "text",
    [
        # not money invested: the company's revenue stays the company's
        "广东华拓能源有限公司去年营业收入15亿元，今年在汤塘镇建设新型储能电池生产基地。",
        # another company between: the works are no longer the investor's next step
        "广东华拓能源有限公司计划投资15亿元，与广东海拓科技有限公司建设智能装备产业园。",
        # a further figure in the next clause: it is a clause of its own
        "广东华拓能源有限公司计划投资15亿元，新增员工300人建设智能装备产业园。",
    ],
)
def test_other_figures_of_a_company_stay_the_companys(make_article, text):
    assert _subjects(make_article, text)[15] == "广东华拓能源有限公司"


def test_figures_without_a_subject_are_the_towns_the_article_is_on(make_article):
    # the article is on 东坑镇 (named again and again); 东莞 only frames it
    found = _subjects(
        make_article,
        "2024年,东莞市东坑镇经济稳中向好。东坑镇全年完成工业投资31.5亿元。"
        "东坑镇新增规上工业企业42家。税收收入12.8亿元,同比增长4.1%。"
        "东坑镇将继续推进产业升级。",
    )
    assert found[Decimal("12.8")] == found[Decimal("4.1")] == "东坑镇"


def test_a_town_named_as_often_as_its_county_does_not_take_the_countys_figures(make_article):
    found = _subjects(
        make_article,
        "2024年,翁源县经济稳中向好。翁源县龙仙镇新增茶园300亩。翁源县龙仙镇建成民宿12家。"
        "龙仙镇举办兰花节。税收收入3.8亿元,同比增长2.1%。",
    )
    assert found[Decimal("3.8")] == "翁源县"


def test_a_city_inside_longer_names_does_not_outweigh_the_town(make_article):
    found = _subjects(
        make_article,
        "肇庆日报讯 今年以来,永安镇发展水经济。永安镇依托肇庆新区产业园,引进项目5个。"
        "肇庆高新区企业到永安镇考察。永安镇新建碧道8公里。永安镇全年接待游客12万人次。",
    )
    assert found[12] == "永安镇"


def test_a_countys_article_naming_many_towns_keeps_its_figures(make_article):
    found = _subjects(
        make_article,
        "翁源县推进产业发展。龙仙镇建成兰花基地,龙仙镇引进项目3个,龙仙镇新增企业5家。"
        "官渡镇、坝仔镇、江尾镇、周陂镇、新江镇各建成示范村。全年新增就业2600人。",
    )
    assert found[2600] == "翁源县"


def test_a_sentence_opening_with_what_its_count_counts_is_the_parks_before(make_article):
    found = _subjects(
        make_article,
        "截至2024年6月,龙川经济开发区累计入园企业120家。"
        "新材料项目28个、电子信息项目19个,主导产业项目占比61.3%。",
    )
    assert found[28] == found[19] == found[Decimal("61.3")] == "龙川经济开发区"


def test_money_before_de_goes_to_the_works_after_a_list_of_their_owners(make_article):
    found = _subjects(
        make_article,
        "阳西县昨日和几家能源企业签下协议,预计投资合计约60亿元的华星、南能两个光伏发电项目将在沙扒镇建设。",
    )
    assert found[60] == "光伏发电项目"


def test_wo_xian_in_a_report_is_the_county_it_is_about(make_article):
    # 我县 named nothing: a report that names its county once and then says only 我县
    # lost the subject of every figure in a 我县 sentence to the last name before it
    text = (
        "——在阳山县第十七届人民代表大会第二次会议上\n"
        "过去一年,我县再次进入全省县域经济十强,新增规上工业企业35家。"
    )
    ex = extract(make_article(text))
    names = {e.key: e.name for e in ex.entities}
    [reference] = [m for m in ex.mentions if m.text == "我县"]
    assert names[reference.entity] == "阳山县"
    county = next(e for e in ex.entities if e.name == "阳山县")
    assert "我县" not in county.aliases  # it refers to the county; it is no name of it
    assert {q.value: names.get(q.subject) for q in ex.quantities}[35] == "阳山县"


def test_wo_shi_needs_a_city_the_article_names(make_article):
    ex = extract(make_article("阳山县新增企业12家。我市将继续加大招商力度。"))
    assert not [m for m in ex.mentions if m.text == "我市"]


def test_a_clause_referring_back_to_the_event_gives_it_its_figures(make_article):
    # 本次活动签下的项目N个 went to the county, not the event named before
    found = _subjects(
        make_article,
        "6月18日，平远县重点项目揭牌仪式在仁居镇举行。\n"
        "平远县加快项目建设。本次活动签下的项目达9个，总投资6.4亿元。",
    )
    assert found[9] == found[Decimal("6.4")] == "平远县重点项目揭牌仪式"


def test_every_item_of_a_list_before_deng_is_an_example(make_article):
    # the first listed works took the count of the list when an item in the middle was
    # not read as a name
    found = _subjects(
        make_article,
        "6月18日，平远县在仁居镇举行平远县重点项目揭牌仪式，共有9个项目动工，"
        "总投资6.4亿元。其中，开工项目包括仁居污水处理厂扩建工程、三江片区道路提升工程、"
        "二八围旧水闸重建工程、平远大道改造工程等4项、总投资2.1亿元。",
    )
    assert found[4] == found[Decimal("2.1")] == "平远县重点项目揭牌仪式"


def test_works_listed_right_before_a_count_are_counted(make_article):
    # A、B、C3项 gave the count to A
    found = _subjects(
        make_article,
        "9月2日上午，北江片区供水工程通水仪式在英德市举行，"
        "石角供水工程、黎溪供水工程、大站供水工程3项工程同步通水。",
    )
    assert found[3] == "北江片区供水工程通水仪式"


def test_examples_before_deng_leave_the_place_the_subject(make_article):
    found = _subjects(
        make_article,
        "平远县加快技改。全县助力华岭纺织、南丰陶瓷等企业申报设备更新资金3000万元。",
    )
    assert found[3000] == "平远县"


def test_luxian_is_the_road_works_and_the_towns_it_passes_are_counted(make_article):
    # 路线经A、B、C三个镇 gave the count to the first town passed
    found = _subjects(
        make_article,
        "省道S229线平远仁居至差干段改建工程全长31.2公里。路线经仁居、差干、泗水3个镇。",
    )
    assert found[3] == found[Decimal("31.2")] == "省道S229线平远仁居至差干段改建工程"


def test_xiangmu_opening_a_paragraph_is_the_works_a_sentence_before_opened_with(make_article):
    # 项目共设桥梁N座 after a paragraph break went to the article's own place
    found = _subjects(
        make_article,
        "平远县加快交通建设。\n省道S229线平远仁居至差干段改建工程位于平远县北部。"
        "路线起于仁居镇邹坊村，全长18.6公里。\n"
        "主线设计为双向六车道，总投资9.8亿元。项目共设桥梁11座，互通立交2处。",
    )
    assert found[11] == found[2] == found[Decimal("9.8")] == "省道S229线平远仁居至差干段改建工程"


def test_the_place_of_the_people_works_benefit_is_no_subject(make_article):
    # 惠泽N万X百姓 gave the figure to the place X
    found = _subjects(
        make_article,
        "9月2日上午，北江片区供水工程通水仪式在英德市举行，"
        "石角供水工程、黎溪供水工程、大站供水工程3项工程同步通水，惠及42万清远群众。",
    )
    assert found[42] == "北江片区供水工程通水仪式"


def test_a_rank_after_one_of_a_set_is_the_topics(make_article):
    # 是全省N个上榜县之一，排第M位 gave the rank to the province the set is counted in
    found = _subjects(
        make_article, "平远县入选全国绿色发展百佳县，是全省15个上榜县之一，排第62位。"
    )
    assert found[62] == "平远县"


def test_jituan_is_the_group_named_before(make_article):
    # 集团资产规模达N亿元 went to the county
    found = _subjects(
        make_article,
        "平远县组建县属国企广东平远发展集团有限公司，获评AA信用等级，该集团资产规模达80亿元。",
    )
    assert found[80] == "广东平远发展集团有限公司"


def test_the_first_item_after_baokuo_is_an_example_too(make_article):
    # a company opening the first item of a list after 包括 took the list's count
    found = _subjects(
        make_article,
        "6月18日，平远县在仁居镇举行平远县重点项目竣工仪式。\n"
        "本次活动签下的项目达9个。其中，竣工项目包括"
        "广东平远矿业有限公司稀土分离二期项目、仁居中学宿舍楼工程等3项、总投资1.8亿元。",
    )
    assert found[3] == found[Decimal("1.8")] == "平远县重点项目竣工仪式"


def test_a_bound_after_a_list_is_each_items(make_article):
    # 甲、乙、丙等投资逾N亿元的工业项目 gave the bound to one of them only
    ex = extract(
        make_article(
            "平远县推动重点项目建设。广东平远矿业有限公司、平远大道改造工程、广东仁居陶瓷有限公司"
            "等投资逾5亿元的工业项目加快建设。"
        )
    )
    names = {e.key: e.name for e in ex.entities}
    five = sorted(names[q.subject] for q in ex.quantities if q.value == 5)
    assert five == ["平远大道改造工程", "广东仁居陶瓷有限公司", "广东平远矿业有限公司"]


def test_a_figure_after_jun_is_each_listed_works(make_article):
    # 甲、乙两项工程投资均为N亿元 went to the second item only
    ex = extract(
        make_article(
            "平远县签约项目9个。其中，平远大道改造工程、仁居中学宿舍楼工程计划投资均为2亿元。"
        )
    )
    names = {e.key: e.name for e in ex.entities}
    two = sorted(names[q.subject] for q in ex.quantities if q.value == 2)
    assert two == ["仁居中学宿舍楼工程", "平远大道改造工程"]


def test_a_town_in_brackets_after_a_park_is_no_subject(make_article):
    # X集聚区(A镇内)面积N亩 gave the area to the town in brackets
    found = _subjects(
        make_article,
        "平远县加快园区建设。其中，平远高新技术产业园(仁居镇内)面积8600亩，启动区面积2100亩。",
    )
    assert found[8600] == "平远高新技术产业园"
    assert found[2100] == "平远高新技术产业园启动区"  # the park's zone, named from the park


def test_a_programme_framing_what_the_place_did_is_no_subject(make_article):
    # “X工程”累计培育…N家 gave the count to the programme
    found = _subjects(
        make_article,
        "平远县加快乡村振兴。“强镇兴村工程”累计培育农村电商企业86家，带动就业2300多人。",
    )
    assert found[86] == found[2300] == "平远县"
