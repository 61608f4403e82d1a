"""Relations between a name and the names inside it (relations/step.py, nesting_relations)."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_a_policy_named_after_a_county_is_about_it_not_located_in_it(make_article):
    ex = extract(
        make_article("罗定市人民政府印发《罗定市招商引资奖励办法》，全年兑现奖励资金800万元。")
    )
    assert ("罗定市招商引资奖励办法", "罗定市") in facts(ex, "about")
    assert not any(s == "罗定市招商引资奖励办法" for s, _ in facts(ex, "locatedIn"))


def test_an_event_named_after_a_place_is_about_it(make_article):
    ex = extract(make_article("2024年信宜市招商推介会在广州举行，12个项目现场签约。"))
    events = {e.name for e in ex.entities if e.kind == "Event"}
    assert events, "the event is found"
    for event in events:
        assert not any(s == event for s, _ in facts(ex, "locatedIn"))
        assert (event, "信宜市") in facts(ex, "about")


def test_a_place_named_after_its_county_still_lies_in_it(make_article):
    ex = extract(make_article("台山工业新城今年新引进项目12个。"))
    assert ("台山工业新城", "台山市") in facts(ex, "locatedIn")


def test_works_named_after_a_place_lie_in_it_unless_the_name_is_a_route(make_article):
    text = "揭西县农村供水一体化工程和陆丰市至海丰县供水工程同步通水。"
    ex = extract(make_article(text))
    located = facts(ex, "locatedIn")
    assert ("揭西县农村供水一体化工程", "揭西县") in located
    assert not any(s == "陆丰市至海丰县供水工程" for s, _ in located)


def test_a_joint_session_is_about_the_place_under_its_plenums_name(make_article):
    text = "1月20日，中共连平县委十四届八次全会暨县委经济工作会议召开。"
    ex = extract(make_article(text))
    session = "中共连平县委十四届八次全会暨县委经济工作会议"
    assert (session, "连平县") in facts(ex, "about")
    assert ("中共连平县委十四届八次全会", session) in facts(ex, "partOf")


def test_a_standing_committee_is_part_of_the_body_its_name_opens_with(make_article):
    ex = extract(make_article("市政协常委会委员到园区调研。"))
    assert facts(ex, "partOf") == {("市政协常委会", "市政协")}


def test_works_named_from_a_countys_park_or_new_area_lie_in_the_county(make_article):
    """The county opening 郁南县工业园区标准厂房二期工程 lay under the park's name, so the
    works were only about the park and lay in no place."""
    ex = extract(make_article("郁南县工业园区标准厂房二期工程已动工。"))
    assert ("郁南县工业园区标准厂房二期工程", "郁南县") in facts(ex, "locatedIn")
