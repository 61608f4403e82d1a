"""The places roads and road works run to (kg.extract.relations.roads), on sentences of our own."""

from __future__ import annotations

import pytest
from relation_facts import facts

from kg.extract import extract


def test_a_route_before_de_is_the_course_of_the_works_after_it(make_article):
    ex = extract(make_article("罗定市罗镜镇至太平镇的旅游公路提质改造工程完成投资5000万元。"))
    assert facts(ex, "connects") >= {
        ("旅游公路提质改造工程", "罗镜镇"),
        ("旅游公路提质改造工程", "太平镇"),
    }
    # the route is how the works are described, not a road of its own
    assert "罗镜镇至太平镇" not in {e.name for e in ex.entities}


def test_a_road_named_after_one_place_lies_in_it(make_article):
    text = "罗定市S113线罗镜段改造工程完成投资3亿元。岭南古驿道罗定段已完成修复。"
    ex = extract(make_article(text))
    located = facts(ex, "locatedIn")
    assert ("S113线罗镜段", "罗镜镇") in located
    # a region in a road's name describes it; the road is not inside that region
    assert not any(o == "岭南" for _, o in located)


def test_a_course_from_start_through_to_end(make_article):
    text = (
        "罗定市G324线罗城至双东段改建工程起于罗城街道，途经附城街道、素龙街道，"
        "止于双东街道，全长15公里。"
    )
    ex = extract(make_article(text))
    # the road section inside the works' name carries the course
    assert facts(ex, "connects") >= {
        ("G324线罗城至双东段", "罗城街道"),
        ("G324线罗城至双东段", "附城街道"),
        ("G324线罗城至双东段", "素龙街道"),
        ("G324线罗城至双东段", "双东街道"),
    }


def test_a_course_told_of_the_works_in_the_next_sentence(make_article):
    text = (
        "罗定市G324线罗城至双东段改建工程是省重点建设项目,全长15公里。"
        "路线经附城街道、素龙街道,终点位于双东街道。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "connects") >= {
        ("G324线罗城至双东段", "附城街道"),
        ("G324线罗城至双东段", "素龙街道"),
        ("G324线罗城至双东段", "双东街道"),
    }


def test_a_route_end_before_duan_is_a_place_though_the_segmenter_joins_it(make_article):
    """周陂至新江段: jieba cut 新|江段 (江段 is a word), so 新江镇 was not found."""
    ex = extract(make_article("翁源县S244线周陂至新江段改造工程全长15公里。"))
    assert facts(ex, "connects") >= {
        ("S244线周陂至新江段", "周陂镇"),
        ("S244线周陂至新江段", "新江镇"),
    }


@pytest.mark.parametrize(
    "works",
    ["S277线潭水段路面改造工程", "S277线春城至潭水段路面改造工程", "S113线八甲段路基加宽工程"],
)
def test_works_on_a_road_section_keep_the_code_whatever_they_do_to_it(make_article, works):
    """路面改造工程 after a section cut the works to 线潭水段… and lost the road."""
    ex = extract(make_article(f"阳春市{works}完成投资3000万元。"))
    names = {e.name for e in ex.entities}
    assert works in names
    assert any(name.startswith(works.split("线")[0] + "线") for name in names - {works})


def test_a_course_names_the_last_of_places_written_together_and_roads_at_its_end(make_article):
    text = (
        "总投资8亿元的罗阳快速路是罗定市的重点项目。该项目起于罗定市附城街道旺村附近，"
        "终点位于云浮市城区环城公路东侧，全长9公里。"
    )
    connects = facts(extract(make_article(text)), "connects")
    assert ("罗阳快速路", "附城街道旺村") in connects  # the village, not only the city
    assert {("罗阳快速路", "云浮市城区环城公路"), ("罗阳快速路", "云浮市")} <= connects


def test_roads_joined_one_after_another_are_connected(make_article):
    text = (
        "罗定市G324线罗城至双东段改建工程全长15公里。"
        "路线经罗城、附城2个街道，自北向南先后接兴华路、罗阳快速路、省道S352线。"
    )
    connects = {o for s, o in facts(extract(make_article(text)), "connects")}
    assert {"兴华路", "罗阳快速路"} <= connects


def test_an_area_sited_by_the_sides_of_roads_and_rivers_is_bounded_by_them(make_article):
    text = (
        "其中，罗定双东产业园面积3000亩，位于兴华路、南山河以南，罗阳快速路以西，"
        "附城街道以北，规划建设新材料产业。"
    )
    bounded = facts(extract(make_article(text)), "boundedBy")
    assert {("罗定双东产业园", "兴华路"), ("罗定双东产业园", "罗阳快速路")} <= bounded
    # a side of a division says the area lies outside it, next to it
    assert not any(o == "附城街道" for _, o in bounded)


def test_road_works_with_a_bracketed_note_before_the_works_word_are_one_works(make_article):
    # (含连接线) between the section and 改建工程 cut the works' name off
    text = (
        "据悉，北部快线即省道S332线新丰县马头至梅坑段(含连接线)改建工程，全长45公里，"
        "贯通马头、梅坑、遥田镇。"
    )
    ex = extract(make_article(text))
    works = "省道S332线新丰县马头至梅坑段(含连接线)改建工程"
    [entity] = [e for e in ex.entities if e.name == works]
    assert entity.kind == "Project"
    assert "北部快线" in entity.aliases  # A即B: A is another name of B
    assert facts(ex, "connects") >= {(works, "遥田镇"), (works, "梅坑镇")}


def test_a_clause_opening_with_ji_names_nothing_else(make_article):
    ex = extract(make_article("项目建成后，即将投入使用。园区即可开工。"))
    assert not [e for e in ex.entities if e.kind in ("Project", "Road")]


def test_structures_a_course_sets_up_are_parts_of_the_road(make_article):
    text = (
        "罗阳快速路起于罗镜镇石门村，在与国道G324线相交处设置罗镜东互通立交，"
        "穿过太平镇河口村设有河口隧道，后至新榕村，止于罗定市城区。"
    )
    ex = extract(make_article(text))
    assert facts(ex, "partOf") >= {("罗镜东互通立交", "罗阳快速路"), ("河口隧道", "罗阳快速路")}
    # the interchange joins the road it crosses; the tunnel lies in the village before 设有
    assert ("罗镜东互通立交", "G324") in facts(ex, "connects")
    assert ("河口隧道", "河口村") in facts(ex, "locatedIn")
    # 至 after a comma goes on with the course
    assert ("罗阳快速路", "新榕村") in facts(ex, "connects")


def test_a_section_of_a_road_named_without_a_code(make_article):
    """广昆高速公路肇庆至云浮段 was no name (sections were read after road codes only), and
    its works came out as a works named 云浮段改扩建工程."""
    ex = extract(make_article("广昆高速公路肇庆至云浮段改扩建工程今年动工。"))
    names = {e.name: e.kind for e in ex.entities}
    assert names.get("广昆高速公路肇庆至云浮段") == "Road"
    assert names.get("广昆高速公路肇庆至云浮段改扩建工程") == "Project"
    assert "云浮段改扩建工程" not in names
    assert ("广昆高速公路肇庆至云浮段", "广昆高速公路") in facts(ex, "partOf")
    assert facts(ex, "connects") >= {
        ("广昆高速公路肇庆至云浮段", "肇庆市"),
        ("广昆高速公路肇庆至云浮段", "云浮市"),
    }
