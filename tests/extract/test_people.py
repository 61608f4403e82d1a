"""People after a title (names/people.py) and their posts (relations/posts.py), on
sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def _people(ex) -> set[str]:
    return {e.name for e in ex.entities if e.kind == "Person"}


def test_a_person_before_a_verb_of_taking_part_or_leading(make_article):
    text = (
        "平远县县长钟立群作政府工作报告。市委书记欧阳辉带队赴平远县调研。"
        "县委副书记李振声主持活动。"
    )
    assert _people(extract(make_article(text))) == {"钟立群", "欧阳辉", "李振声"}


def test_names_listed_after_a_titled_person_are_people(make_article):
    text = "区政协主席何志坚、副主席罗文清、邱海燕、赖春生出席座谈会。"
    assert _people(extract(make_article(text))) == {"何志坚", "罗文清", "邱海燕", "赖春生"}


def test_a_byline_or_signature_with_a_space_names_a_person(make_article):
    text = "平远县代理县长 赖志明\n正文从这里开始。"
    ex = extract(make_article(text))
    assert facts(ex, "holdsPostIn") == {("赖志明", "平远县")}


def test_a_person_name_holding_a_town_short_name_is_no_mention_of_it(make_article):
    ex = extract(make_article("阳春市副市长陈春湾出席活动。"))
    assert "陈春湾" in _people(ex)
    assert not [e for e in ex.entities if e.kind == "Town"]  # no town 春湾镇 in the name


def test_an_executive_deputy_mayor_after_the_city_holds_a_post_there(make_article):
    text = "梅州市常务副市长邹立山出席推进会。"
    assert facts(extract(make_article(text)), "holdsPostIn") == {("邹立山", "梅州市")}


def test_a_chain_opening_with_the_place_committee_works_for_it(make_article):
    text = "平远县委常委、副县长沈华明在致辞中表示，将优化服务。"
    ex = extract(make_article(text))
    assert facts(ex, "holdsPostIn") == {("沈华明", "平远县")}
    assert facts(ex, "worksFor") == {("沈华明", "平远县委")}


def test_a_title_after_an_organ_named_before_works_for_it(make_article):
    text = "区政协常委会委员到园区调研。区政协主席何志坚出席座谈会。"
    assert facts(extract(make_article(text)), "worksFor") == {("何志坚", "区政协")}


def test_the_chairman_of_this_company_works_for_the_company_named_before(make_article):
    text = "梅州华星电器有限公司项目开工。该集团董事长罗振邦表示，将加快建设。"
    assert facts(extract(make_article(text)), "worksFor") == {
        ("罗振邦", "梅州华星电器有限公司")
    }


def test_a_person_going_to_a_place_to_inspect_it_visited_it(make_article):
    text = "市委书记欧阳辉带队赴平远县调研，并参加项目开工活动。"
    assert facts(extract(make_article(text)), "visited") == {("欧阳辉", "平远县")}


def test_a_person_visits_each_place_listed_before_the_inspection(make_article):
    text = "梅县区区长王海亮到梅州华星电器有限公司和石扇电子产业园检查指导工作。"
    assert facts(extract(make_article(text)), "visited") == {
        ("王海亮", "梅州华星电器有限公司"),
        ("王海亮", "石扇电子产业园"),
    }


def test_going_somewhere_without_inspecting_is_no_visit(make_article):
    text = "县委书记李振声到平远县参加项目签约仪式。"
    assert facts(extract(make_article(text)), "visited") == set()


def test_a_person_named_again_without_the_title_is_the_same_person(make_article):
    text = (
        "市委书记欧阳辉带队赴平远县调研。"
        "随后，欧阳辉一行前往梅州华星电器有限公司和石扇电子产业园开展调研。"
    )
    visited = facts(extract(make_article(text)), "visited")
    assert {("欧阳辉", "梅州华星电器有限公司"), ("欧阳辉", "石扇电子产业园")} <= visited
