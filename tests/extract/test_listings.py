"""Listings, rankings and listing proceeds (relations/listings.py), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract

LISTING = (
    "11月8日，广东粤海精工股份有限公司（以下简称“粤海精工”）在上海证券交易所主板挂牌上市。"
    "粤海精工总部位于高要区金利镇，主营精密模具。"
    "募集资金将主要用于金利镇的年产50万套精密模具项目；"
    "另有0.8亿元用于金渡镇仓储物流基地建设。"
)


def test_a_company_listed_on_an_exchange(make_article):
    ex = extract(make_article(LISTING))
    assert facts(ex, "listedOn") == {("广东粤海精工股份有限公司", "上海证券交易所")}


def test_the_works_the_proceeds_go_to_are_the_listed_companys(make_article):
    ex = extract(make_article(LISTING))
    assert facts(ex, "investsIn") >= {
        ("广东粤海精工股份有限公司", "精密模具项目"),
        ("广东粤海精工股份有限公司", "金渡镇仓储物流基地"),  # over the ；
    }


def test_a_place_ranked_in_a_report(make_article):
    text = (
        "在省社科院日前发布的《2024年广东县域创新力评价报告》中，惠来县位列全省第9位，"
        "连续三年居揭阳各县首位。陆丰市在《2023年广东县域营商环境报告》中排名第15位。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "rankedIn") == {
        ("惠来县", "2024年广东县域创新力评价报告"),
        ("陆丰市", "2023年广东县域营商环境报告"),
    }


def test_a_rank_cue_without_a_rank_ranks_nothing(make_article):
    text = "在《2024年广东县域创新力评价报告》中，惠来县居于中游。"
    assert facts(extract(make_article(text)), "rankedIn") == set()


def test_a_place_whose_figures_an_organ_accounted_for_is_evaluated_by_it(make_article):
    text = "经清远市统计局核定，阳山县一季度农业总产值达12.3亿元。"
    assert ("阳山县", "清远市统计局") in facts(extract(make_article(text)), "evaluatedBy")
    # the organ must be what 经 introduces: a bureau publishing figures assesses nothing
    text = "阳山县统计局日前公布，上半年阳山县地区生产总值增长4.9%。"
    assert not facts(extract(make_article(text)), "evaluatedBy")
