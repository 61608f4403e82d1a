"""Names the text marks without a class word the walk finds (names/brands_routes_sights.py)."""

from __future__ import annotations

from kg.extract import extract


def _entities(make_article, text: str) -> dict[str, str]:
    return {e.name: e.kind for e in extract(make_article(text)).entities if e.from_text}


def _aliases(make_article, text: str) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in extract(make_article(text)).entities}


def test_works_named_after_a_company_brand_with_a_verb_inside(make_article):
    # 显示 reads as a verb and stopped the walk back from 项目
    found = _entities(
        make_article, "肇庆市星耀显示科技有限公司落户高新区。星耀显示扩产项目投资5亿元。"
    )
    assert found.get("星耀显示扩产项目") == "Project"


def test_works_named_after_a_trade_name_keep_the_company_mention(make_article):
    text = "江门市华盈电子科技有限公司落户杜阮镇。华盈电子项目位于杜阮镇。"
    found = _entities(make_article, text)
    assert found.get("华盈电子项目") == "Project"
    assert "华盈电子" in _aliases(make_article, text)["江门市华盈电子科技有限公司"]


def test_a_brand_before_verbs_of_investing_names_no_works(make_article):
    found = _entities(make_article, "江门市华盈电子科技有限公司落户。华盈电子投资建设项目3个。")
    assert not any(kind == "Project" for kind in found.values())


def test_the_ends_of_a_named_route_are_places(make_article):
    found = _entities(make_article, "潮安区文旅项目加快建设，龙湖古寨—凤凰山旅游公路完成改造。")
    assert found.get("龙湖古寨") == found.get("凤凰山") == "Region"
    assert found.get("龙湖古寨—凤凰山旅游公路") == "Road"


def test_generic_route_ends_are_no_places(make_article):
    found = _entities(make_article, "城区—机场快速路建成通车。")
    assert not any(kind == "Region" for kind in found.values())


def test_items_listed_with_a_scenic_area_before_dengjingdian_are_places(make_article):
    found = _entities(make_article, "江门市新会区圭峰山景区、小鸟天堂等热门景点接待游客增长。")
    assert found.get("小鸟天堂") == "Region"


def test_a_list_before_dengjingqu_without_a_place_in_it_names_none(make_article):
    found = _entities(make_article, "台山市带动餐饮、住宿等景区配套。")
    assert not any(kind == "Region" for kind in found.values())
