"""Short names listed before what they are: 甲、乙、丙等一批企业, A、B等重大项目 (also
A、B等投资超N亿元的重大项目), A、B、C三个风电项目, and before what happens to works
(A、B等顺利投产: works). Trade names written without a suffix
(a company's short name, works named after their company) are found only this way:
the head word after the list (企业 or 项目, after 等 or a count) gives each item its
class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.names.edges import clause_floor, list_items, tokenizer
from kg.extract.text.clauses import last_mark_before
from kg.extract.text.lexicon import Lexicon

# 等 or a count, a few qualifying characters, the head (等一批企业, 等龙头企业, 两个海上风电项目)
_QUALIFIERS = "重点|龙头|重大|骨干|知名|优质|领军|链主|头部|大型|外资|民营|国有|新"
# a figure the listed ones share, before 的 (等投资超N亿元的重大项目)
_FIGURE_DE = r"[\u4e00-\u9fff]{0,4}\d[\d.]*[\u4e00-\u9fff]{1,3}的"
_HEAD = re.compile(
    r"(?:等(?:一批|多家|一大批)?(?:" + _FIGURE_DE + r")?(?:" + _QUALIFIERS + r")?"
    r"|[一二三四五六七八九十两\d]+[个家][\u4e00-\u9fff]{0,4}?)(?P<head>企业|项目)"
)
# 等 and what happens to works, with no head noun (A、B等顺利投产): the items are works
_WORKS_DONE = re.compile(
    r"等(?:顺利|相继|陆续|先后|均已|已|全面)?(?:建成投产|竣工投产|建成|投产|开工|动工|竣工)"
)
_KIND = {"企业": Kind.COMPANY, "项目": Kind.PROJECT}
_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,9}")
# words the segmenter knows as common nouns, verbs or adjectives are no trade names
_COMMON_TAGS = {"n", "v", "vn", "a", "an", "ad", "d", "m", "q", "r", "t", "f", "s"}


def listed_member_candidates(
    text: str, cands: list[Candidate], places: list[tuple[int, int]], lex: Lexicon
) -> Iterator[Candidate]:
    """Each item of a list of two or more short names before 等…企业/项目 (or a count of
    them) that no other rule names is a company (企业) or works (项目)."""
    taken = {(c.start, c.end) for c in cands} | set(places)
    covered = sorted((c.start, c.end) for c in cands) + sorted(places)
    _, tags = tokenizer()
    heads = [(m, _KIND[m.group("head")]) for m in _HEAD.finditer(text)]
    heads += [(m, Kind.PROJECT) for m in _WORKS_DONE.finditer(text)]
    for m, kind in heads:
        floor = max(clause_floor(text, m.start()), last_mark_before(text, "，,：:", m.start()) + 1)
        items = list_items(text, floor, m.start(), lex)
        if len(items) < 2:
            continue
        for start, end in items:
            word = text[start:end]
            if (
                (start, end) in taken
                or not _ITEM.fullmatch(word)
                or any(s <= start and end <= e for s, e in covered)
                or any(start <= s < end for s, _ in places)
                or word in lex.not_names
                or word in lex.industries
                or word in lex.modifiers
                or tags.get(word) in _COMMON_TAGS
                or any(word.endswith(s.text) for s in lex.suffixes)
            ):
                continue
            yield Candidate(start, end, kind, "listed-member")
