"""A park's members (kg.extract.relations.members), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_companies_and_works_after_qizhong_lie_in_the_park_counted(make_article):
    text = (
        "惠东县白花镇的白花智能制造产业园规划面积约8平方公里，已入驻企业26家。"
        "其中，广东鑫源机电有限公司投资的电机生产项目总投资6亿元；"
        "惠州恒泰五金有限公司今年新增产值1.2亿元。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert located >= {
        ("广东鑫源机电有限公司", "白花智能制造产业园"),
        ("电机生产项目", "白花智能制造产业园"),
        ("惠州恒泰五金有限公司", "白花智能制造产业园"),  # over the ；
    }


def test_qizhong_after_a_countys_count_names_no_park_members(make_article):
    text = (
        "惠东县白花智能制造产业园规划面积约8平方公里。全县规上工业企业达512家。"
        "其中，广东永兴食品有限公司产值增长12%。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("广东永兴食品有限公司", "白花智能制造产业园") not in located


def test_towns_after_a_clusters_count_are_parts_of_it(make_article):
    text = (
        "化州市化橘红产业集群拥有企业600余家，年产值超过80亿元。"
        "其中，平定镇以种植为主；杨梅镇发展精深加工。"
    )
    assert facts(extract(make_article(text)), "partOf") >= {
        ("平定镇", "化州市化橘红产业集群"),
        ("杨梅镇", "化州市化橘红产业集群"),
    }


def test_companies_gathered_relying_on_a_park_lie_in_it(make_article):
    text = "阳春市春湾镇依托春湾新材料产业园，集聚了阳江市华阳新材料有限公司等企业30余家。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("阳江市华阳新材料有限公司", "春湾新材料产业园") in located


def test_works_named_with_the_generic_yuanqu_lie_in_the_park(make_article):
    text = "封开县江口街道的封开循环经济产业园已入驻企业18家。园区污水处理厂二期工程预计年底建成。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("园区污水处理厂二期工程", "封开循环经济产业园") in located


def test_works_a_park_takes_in_lie_in_it(make_article):
    text = (
        "兴宁市加快园区建设。兴宁电子信息产业园今年引进投资12亿元的精密线路板项目，"
        "坭陂园广东晟达实业有限公司投资8亿元的新型墙材生产基地项目完成选址。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("精密线路板项目", "兴宁电子信息产业园") in located
    assert ("新型墙材生产基地项目", "坭陂园") in located


def test_works_after_another_place_in_the_parks_clause_are_not_taken_in(make_article):
    text = "兴宁电子信息产业园与梅江区签约，引进高端铸件项目落户梅江区。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("高端铸件项目", "兴宁电子信息产业园") not in located


def test_works_a_town_takes_in_lie_in_the_town(make_article):
    text = "兴宁市加快招商。去年，宁新街道成功引进智能家居产业基地项目，签约额达5亿元。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("智能家居产业基地项目", "宁新街道") in located


def test_a_company_written_right_after_a_park_lies_in_it(make_article):
    text = (
        "在兴宁电子信息产业园广东恒茂电子有限公司里，工人们正在调试新设备。"
        "兴宁电子信息产业园、广东宏丰纺织有限公司分别作了发言。"
    )
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("广东恒茂电子有限公司", "兴宁电子信息产业园") in located
    assert ("广东宏丰纺织有限公司", "兴宁电子信息产业园") not in located  # a list, not a seat


def test_a_company_investing_in_works_in_a_park_is_not_seated_there(make_article):
    text = "兴宁电子信息产业园广东恒茂电子有限公司投资6亿元的线路板项目完成选址。"
    located = facts(extract(make_article(text)), "locatedIn")
    assert ("线路板项目", "兴宁电子信息产业园") in located
    assert ("广东恒茂电子有限公司", "兴宁电子信息产业园") not in located


def test_works_taken_in_by_a_clause_naming_no_one_lie_in_the_park_before(make_article):
    text = "智造园标准厂房已全部封顶，今年还引进了环保涂料项目；油溪园稳步发展。"
    assert ("环保涂料项目", "智造园") in facts(extract(make_article(text)), "locatedIn")
    # after a full stop the clause before is no taker
    text = "智造园标准厂房已全部封顶。今年还引进了环保涂料项目。"
    assert ("环保涂料项目", "智造园") not in facts(extract(make_article(text)), "locatedIn")
