"""Cooperation, posts and issuing (kg.extract.relations.agreements), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_a_town_and_a_company_that_sign_an_agreement_cooperate(make_article):
    ex = extract(make_article("信宜市钱排镇与广东荔香农业科技有限公司签订合作协议。"))
    assert facts(ex, "cooperatesWith") == {("钱排镇", "广东荔香农业科技有限公司")}


def test_the_works_of_an_agreement_are_the_companys_and_lie_in_the_town(make_article):
    text = "罗定市罗镜镇与深圳市华泰文旅集团有限公司签约“泷水湾”生态旅游项目，总投资5亿元。"
    ex = extract(make_article(text))
    assert facts(ex, "cooperatesWith") == {("罗镜镇", "深圳市华泰文旅集团有限公司")}
    assert ("深圳市华泰文旅集团有限公司", "“泷水湾”生态旅游项目") in facts(ex, "investsIn")
    assert ("“泷水湾”生态旅游项目", "罗镜镇") in facts(ex, "locatedIn")


def test_a_short_name_in_brackets_and_a_clause_without_subject(make_article):
    text = (
        "广州市瑞丰电器有限公司（简称“瑞丰电器”）与罗定市人民政府签订投资协议，"
        "计划投资8亿元在罗定高新技术产业开发区建设小家电生产基地。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "cooperatesWith") == {("广州市瑞丰电器有限公司", "罗定市人民政府")}
    # the company carries over to the next clause; 在P建设Z: Z is built, P is where
    assert facts(ex, "investsIn") == {("广州市瑞丰电器有限公司", "小家电生产基地")}
    assert ("小家电生产基地", "罗定高新技术产业开发区") in facts(ex, "locatedIn")


def test_an_organ_working_with_a_company(make_article):
    ex = extract(make_article("四会市农业农村局联合广东四会砂糖桔科技有限公司推广绿色种植模式。"))
    assert facts(ex, "cooperatesWith") == {("四会市农业农村局", "广东四会砂糖桔科技有限公司")}


def test_of_places_written_together_the_last_is_the_party(make_article):
    ex = extract(make_article("佛山市三水区与佛山市高明区共建的产业合作园首期已完成土地整备。"))
    assert facts(ex, "cooperatesWith") == {("三水区", "高明区")}


def test_two_places_named_together_without_a_cue_do_not_cooperate(make_article):
    ex = extract(make_article("云浮市云安区和佛山市高明区的地区生产总值均增长5%。"))
    assert facts(ex, "cooperatesWith") == set()


def test_a_person_after_a_title_works_for_the_company_before_it(make_article):
    text = (
        "“我们对连州的投资环境很有信心。”广东清能新材料有限公司董事长李国华说。"
        "连州市市长李国强表示，将持续优化营商环境。"
    )
    ex = extract(make_article(text))
    # a mayor holds a post in the city government, which the text does not name
    assert facts(ex, "worksFor") == {("李国华", "广东清能新材料有限公司")}


def test_a_document_is_issued_by_the_organ_before_the_verb(make_article):
    text = (
        "阳春市人民政府印发《阳春市推动制造业高质量发展若干措施》。"
        "阳春市发展和改革局近日发布了《阳春市重点项目建设实施方案》。"
        "阳春市人民政府认真落实《广东省制造业当家行动方案》。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "issuedBy") == {
        ("阳春市推动制造业高质量发展若干措施", "阳春市人民政府"),
        ("阳春市重点项目建设实施方案", "阳春市发展和改革局"),
    }


def test_works_two_places_build_together_lie_in_both(make_article):
    text = "禅城区与佛山市三水区共建的智能装备产业合作园已引进项目9个。"
    ex = extract(make_article(text))
    assert facts(ex, "cooperatesWith") == {("禅城区", "三水区")}
    assert facts(ex, "locatedIn") >= {
        ("智能装备产业合作园", "禅城区"),
        ("智能装备产业合作园", "三水区"),
    }


def test_a_company_rewarded_under_a_policy_benefits_from_it(make_article):
    text = (
        "为支持企业上市，高要区出台《高要区推动企业上市扶持办法》，对上市企业给予最高600万元"
        "奖励，广东粤海精工股份有限公司获得的首笔奖励资金200万元已拨付。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "benefitsFrom") == {("广东粤海精工股份有限公司", "高要区推动企业上市扶持办法")}


def test_a_secretary_or_head_of_a_place_holds_a_post_there(make_article):
    text = (
        "1月8日,新丰县重点项目集中开工仪式举行。"
        "新丰县委书记张明远,县委副书记、县长李海平,县领导陈志强出席仪式。"
        "马头镇党委书记黄秀英说,将全力做好服务。"
        "韶关市交通集团党委书记、董事长吴国栋表示,项目年内完工。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "holdsPostIn") == {
        ("张明远", "新丰县"),
        ("李海平", "新丰县"),
        ("黄秀英", "马头镇"),
    }
    assert ("吴国栋", "韶关市交通集团") in facts(ex, "worksFor")


def test_a_title_of_no_place_holds_no_post_in_one(make_article):
    text = "新丰县重点项目开工。常务副市长林志刚,交通集团党委书记陈国新出席。"
    ex = extract(make_article(text))
    assert facts(ex, "holdsPostIn") == set()


def test_a_party_signs_with_each_party_of_a_list(make_article):
    text = "遂溪县人民政府分别与湛江海田新能源有限公司、广东北潭储能科技有限公司签约。"
    ex = extract(make_article(text))
    assert facts(ex, "cooperatesWith") == {
        ("遂溪县人民政府", "湛江海田新能源有限公司"),
        ("遂溪县人民政府", "广东北潭储能科技有限公司"),
    }


def test_a_place_working_with_several_parties_cooperates_with_each(make_article):
    text = "同时，连平县积极协同河源高新区、江东新区，以商招商，打出招商“组合拳”。"
    cooperates = facts(extract(make_article(text)), "cooperatesWith")
    assert {("连平县", "河源高新区"), ("连平县", "江东新区")} <= cooperates


def test_this_town_joining_parties_is_the_town_named_before(make_article):
    text = (
        "今年以来，隆街镇大力发展文旅产业，建成滨水步道3公里。"
        "该镇联合连平县水务局、县气象局共建研学基地。"
    )
    cooperates = facts(extract(make_article(text)), "cooperatesWith")
    assert ("隆街镇", "连平县水务局") in cooperates


def test_a_party_before_an_adverb_and_yu_signs_with_the_other(make_article):
    text = "当天,平远县人民政府还与南方智能装备研究院签订战略合作协议。"
    assert facts(extract(make_article(text)), "cooperatesWith") == {
        ("平远县人民政府", "南方智能装备研究院")
    }
