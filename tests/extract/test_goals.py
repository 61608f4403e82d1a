"""What places integrate with (relations/goals.py), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_a_place_before_rongru_integrates_with_each_region_listed(make_article):
    text = "平远县将积极融入珠三角、海峡西岸经济区。"
    assert facts(extract(make_article(text)), "integratesWith") == {
        ("平远县", "珠三角"),
        ("平远县", "海峡西岸经济区"),
    }


def test_rongru_with_no_place_right_before_it_integrates_no_one(make_article):
    text = "平远县加快建设，为融入珠三角提供交通支撑。"
    assert facts(extract(make_article(text)), "integratesWith") == set()
