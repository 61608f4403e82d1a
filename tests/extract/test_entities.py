"""The entity step on sentences of our own (kg/extract/entities/resolve.py)."""

from __future__ import annotations

from kg.extract import extract


def test_works_after_their_output_get_the_output_name_as_an_alias(make_article):
    ex = extract(make_article("韶关市华港新材料有限公司年产8万吨再生铜项目总投资6亿元。"))
    works = next(e for e in ex.entities if e.name == "再生铜项目")
    assert "年产8万吨再生铜项目" in works.aliases
    # the output figure stays a fact about the works, outside the name
    assert any(q.subject == works.key and q.unit == "万吨" for q in ex.quantities)
