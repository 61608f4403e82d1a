"""People: who holds which post where (worksFor, holdsPostIn), who visited what.

- A person named right after a title that follows an organisation (科拓家电董事长
  陈立峰, or over a chain of titles: X集团党委书记、董事长Y) works for it; the
  organisation may be one the article names elsewhere, written here where the
  name recogniser did not cut it (区政协主席Y after a 区政协 named before), or
  该公司/该集团/该企业, the company last named before.
- A party secretary or head of a place (X区委书记Y, 镇党委书记Y, X市市长Y, X市常务
  副市长Y, X县代理县长Y) holds a post in that place (holdsPostIn); with the place
  left out (区委副书记、区长X, 县委书记X) in the last place of that level named
  before. A chain naming the place's committee first (X区委常委、副区长Y) also
  makes the person work for that committee.
- One space may stand between the title and the name (a byline or a signature
  line: X县代理县长 Y, X日报记者 Y).
- **Visits** (visited): a person, or an organ, followed in its clause by a verb of
  going (赴, 到, 前往, 深入, 亲临, 莅临, 来到, 走进; 带队/率队 before it allowed) and the
  places, parks, works or companies right after it (joined by 、/和/及), then a
  verb of inspecting (调研, 考察, 视察, 检查, 督导, 走访, 慰问; 开展 before it
  allowed): the person visited each (X带队赴Y县调研, X亲临Y调研).
"""

from __future__ import annotations

import re

from kg.extract.kinds import PLACES, Kind
from kg.extract.names.people import PERSON_TITLES
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import CLAUSE, top_level_within
from kg.records import Extraction, Mention, Relation

ORGANS = {Kind.COMPANY, Kind.GOVERNMENT_BODY, Kind.ORGANIZATION}
_TITLES = tuple(sorted(PERSON_TITLES, key=len, reverse=True))

# the head of a place: 县委书记, 镇党委副书记, 区长, 副市长, 常务副市长, 代理县长
_HEAD_OF_PLACE = re.compile(
    r"(?:(?:党工委|党委|委)副?书记|(?P<rank>常务|代理)?副?(?P<level>[省市县区镇乡])长)$"
)
# a level's character standing for a place the text names elsewhere (区委书记, 县长)
_LEVEL_KINDS = {
    "省": (Kind.PROVINCE,),
    "市": (Kind.PREFECTURE, Kind.COUNTY),
    "县": (Kind.COUNTY,),
    "区": (Kind.COUNTY,),
    "镇": (Kind.TOWN,),
    "乡": (Kind.TOWN,),
}
# other titles a chain may hold before the last one (X集团党委书记、董事长Y)
_CHAIN_TITLE = re.compile(r"(?:党委|党组|党工委)?副?(?:书记|常委|委员)、$")
# what may stand before a title with its place left out: a sentence or list start
_STANDS_ALONE = ("", "，", ",", "、", "。", "\n", "；", ";", "：", ":")
# a company spoken of again (该公司董事长Y)
_THIS_COMPANY = ("该公司", "该集团", "该企业")
_SPACES = (" ", "\u3000")
_LONGEST_ORGAN = 20
# what may open a title (副区长, 常务副市长, 代理县长)
_RANK = re.compile(r"(?:常务|代理)?副?$")


def post_relations(ex: Extraction) -> list[Relation]:
    """董事长陈立峰 after 科拓家电: the person works for the organisation; X区委书记Y,
    区长X: the person holds a post in the place."""
    text = ex.article.text
    ends = {m.end: m for m in ex.mentions if m.kind in ORGANS}
    organs = {m.text: m for m in ex.mentions if m.kind in ORGANS and len(m.text) >= 3}
    place_ends = {m.end: m for m in ex.mentions if m.kind in PLACES and m.entity}
    out = []
    for person in ex.mentions:
        if person.kind != Kind.PERSON:
            continue
        lead = person.start - (text[person.start - 1 : person.start] in _SPACES)
        place = _place_headed(ex, lead, place_ends)
        if place is not None:
            out.append(Relation(person.entity, "holdsPostIn", place, person.sentence, "主政"))
        title = next((t for t in _TITLES if text.startswith(t, lead - len(t))), None)
        if not title:
            continue
        at = _RANK.search(text, max(0, lead - len(title) - 4), lead - len(title)).start()
        chain = _CHAIN_TITLE.search(text, max(0, at - 8), at)
        org = ends.get(chain.start()) if chain else None
        if place is None:
            org = ends.get(at) or org or _organ_named_before(ex, at, organs)
        if org is not None:
            out.append(Relation(person.entity, "worksFor", org.entity, person.sentence, title))
    return out


def _organ_named_before(ex: Extraction, at: int, organs: dict[str, Mention]) -> Mention | None:
    """The organ whose name ends at ``at`` though no mention cuts it there (区政协主席Y
    after 区政协 was named), or the company last named for 该公司/该集团/该企业."""
    text = ex.article.text
    if text[max(0, at - 3) : at] in _THIS_COMPANY:
        before = [m for m in ex.mentions if m.kind == Kind.COMPANY and m.end <= at - 3]
        return before[-1] if before else None
    for size in range(min(at, _LONGEST_ORGAN), 2, -1):
        if text[at - size : at] in organs:
            return organs[text[at - size : at]]
    return None


def _place_headed(ex: Extraction, lead: int, place_ends: dict[int, Mention]) -> str | None:
    """The place whose party committee or government the title ending at ``lead``
    heads: the place right before the title (X市委书记, Y镇党委书记), else, for a title
    opening with its level (区委书记, 县长), the last place of that level named before."""
    text = ex.article.text
    title = _HEAD_OF_PLACE.search(text, max(0, lead - 6), lead)
    if title is None:
        return None
    at = title.start()
    named = place_ends.get(at)
    if named is not None:
        return named.entity
    if title.group("rank"):
        return None  # 常务副市长 with no place before it: no place left out
    if title.group("level"):
        level = title.group("level")  # 区长, 副市长: the level opens the title
    else:
        level, at = text[at - 1 : at], at - 1  # 区委书记: the level before 委
    kinds = _LEVEL_KINDS.get(level)
    if kinds is None or text[at - 1 : at] not in _STANDS_ALONE:
        return None  # 物流集团党委书记: no place left out
    names = {e.key: e.name for e in ex.entities}
    for m in reversed([m for m in ex.mentions if m.end <= at]):
        if m.kind in kinds and names.get(m.entity, "").endswith(level):
            return m.entity
    return None


_VISITORS = {Kind.PERSON, Kind.GOVERNMENT_BODY}
_VISITED = PLACES | {Kind.PARK, Kind.PROJECT, Kind.COMPANY, Kind.ORGANIZATION}
_GO = re.compile(r"(?:一行)?(?:带队|率队|率团|一行)?(?:赴|到|前往|深入|亲临|莅临|来到|走进)")
_INSPECT = re.compile(r"(?:开展|进行|实地)?(?:调研|考察|视察|检查|督导|走访|慰问)")
_AND = ("、", "和", "及", "与")


def visit_relations(ex: Extraction) -> list[Relation]:
    """X带队赴Y县调研, X亲临Y调研: X visited Y (see the module's docstring)."""
    text = ex.article.text
    out = []
    for clause in CLAUSE.finditer(text):
        ms = top_level_within(ex.mentions, clause.start(), clause.end())
        for i, visitor in enumerate(ms[:-1]):
            go = _GO.match(text, visitor.end)
            if visitor.kind not in _VISITORS or go is None or ms[i + 1].start != go.end():
                continue
            visited = [ms[i + 1]]
            for m in ms[i + 2 :]:
                if text[visited[-1].end : m.start] not in _AND:
                    break
                visited.append(m)
            if _INSPECT.match(text, visited[-1].end):
                out += [
                    Relation(visitor.entity, "visited", m.entity, visitor.sentence, "调研")
                    for m in visited
                    if m.kind in _VISITED
                ]
    return out


@relation_rule("people")
def people_relations(ex: Extraction) -> list[Relation]:
    """Posts and visits (see the module's docstring)."""
    return post_relations(ex) + visit_relations(ex)
