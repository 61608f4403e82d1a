"""Works listed before the class of works they are (A、B、C三个储能电站项目).

- **Parts**: each item listed right before a count and a works' name (三个X项目) is
  part of the works that name gives, the programme they make up together.
- **Owners**: an item that is the short name opening the name of one company named in
  the same sentence (与A电力有限公司…签约…A、B两个X项目) is that company's investment.
"""

from __future__ import annotations

import re

from kg.extract.kinds import Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import top_level
from kg.extract.text.spans import in_sentence
from kg.records import Extraction, Mention, Relation

# the count between a list and the works it adds up to (三个, 3个, 两大)
_COUNT = re.compile(r"[一二三四五六七八九十两\d]{1,3}(?:个|大|项)")


def listed_works(ex: Extraction) -> list[Relation]:
    """A、B、C三个X项目: each of A, B, C is part of X项目, and the investment of the one
    company of the sentence whose name opens with it."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))
    out = []
    for works in ms:
        if works.kind != Kind.PROJECT:
            continue
        count = _COUNT.search(text, max(0, works.start - 4), works.start)
        if count is None or count.end() != works.start:
            continue
        items = _items_before(text, ms, count.start())
        if len(items) < 2:
            continue
        companies = [m for m in in_sentence(ex.mentions, works.sentence) if m.kind == Kind.COMPANY]
        for item in items:
            out.append(Relation(item.entity, "partOf", works.entity, works.sentence, "个"))
            owners = {c.entity for c in companies if c.text.startswith(item.text)}
            if len(owners) == 1:
                [owner] = owners
                out.append(Relation(owner, "investsIn", item.entity, works.sentence, "字号"))
    return out


def _items_before(text: str, ms: tuple[Mention, ...], end: int) -> list[Mention]:
    """The works listed with 、 that end at ``end``, first to last."""
    items: list[Mention] = []
    while True:
        item = next((m for m in ms if m.end == end and m.kind == Kind.PROJECT), None)
        if item is None:
            return items[::-1]
        items.append(item)
        if item.start == 0 or text[item.start - 1] != "、":
            return items[::-1]
        end = item.start - 1


relation_rule("listed-works")(listed_works)
