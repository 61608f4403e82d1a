"""Members named after a count: what 其中 picks out of a park's companies.

A park's count of companies or projects (已入驻企业31家, 拥有企业8000余家) followed
by 其中 opening a clause or sentence lists some of them (the park's output or
title may come between): the companies and works named from 其中 to the end of
the sentence, and on over the sentences a ； joins to it, lie in the park; towns,
subdistricts and villages listed there are parts of it (a cluster or belt spread
over several towns). The count must come before 其中 in its sentence or the one
before (same paragraph), and be the park's, so 全市规上工业企业412家。其中… names
no park's members.

Works named in a clause that opens with a park or a place (county, town, village),
after a verb of taking in or investing (X园已引进Y项目, X园Z公司投资的Y项目, X镇引进Y项目),
lie in that park or place; so do those of the next clause after a comma when it opens with
the verb and names no one (X园厂房已全部封顶，今年还引进了Y项目).

A company written right after a park, town, subdistrict or village, with nothing
between (在X高新区Y有限公司里), lies in it.

Companies a place gathers relying on a park (大江镇依托大江产业转移园，集聚了A公司、B公司
等企业) lie in that park too, and so do works named with the generic 园区 (园区污水处理厂
二期工程): the park the text is on (``subjects.antecedent``).
"""

from __future__ import annotations

import re

from kg.extract.figures.subjects import antecedent
from kg.extract.kinds import PLACES, Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import CLAUSE, top_level, top_level_within
from kg.extract.text.doc import doc_of
from kg.records import Extraction, Mention, Quantity, Relation

_AMONG = re.compile(r"[\s,，]*其中[,，、]?")
_COUNTERS = ("家", "个", "户")
_MEMBERS = ("企业", "项目", "公司", "厂", "商户")
_PARTS = (Kind.TOWN, Kind.SUBDISTRICT, Kind.VILLAGE)
_SEMICOLONS = (";", "；")


@relation_rule("members")
def member_relations(ex: Extraction) -> list[Relation]:
    """A park's members: after 其中 (``ex`` must have its figures' subjects set), and
    the companies gathered relying on it."""
    return _among(ex) + _gathered(ex) + _park_works(ex) + _taken_in(ex) + _seated(ex)


_PARK_NOUNS = ("园区", "该园区", "产业园")
# what a park does with works it takes in (X园已引进Y项目, X园Z公司投资的Y项目)
_TAKE_IN = ("引进", "引入", "落户", "落地", "投资")
# who takes works in: a park, or a county, town, subdistrict or village (X镇引进Y项目)
_TAKERS = (Kind.PARK, Kind.COUNTY, Kind.TOWN, Kind.SUBDISTRICT, Kind.VILLAGE)


def _taken_in(ex: Extraction) -> list[Relation]:
    """Works a park or place takes in: in a clause that opens with a park, county, town,
    subdistrict or village, the works named after a verb of taking in or investing
    (X园已引进Y项目; X园Z公司投资的Y项目; X镇成功引进Y项目) lie in it, up to another place or
    park named in the clause; so do the works of a clause after a comma that opens with
    the verb, naming no one (X园厂房已全部封顶，今年还引进了Y项目)."""
    text = ex.article.text
    out = []
    taker = None
    for clause in CLAUSE.finditer(text):
        ms = top_level_within(ex.mentions, clause.start(), clause.end())
        if text[clause.start() - 1 : clause.start()] not in (",", "，"):
            taker = None
        if ms and ms[0].kind in _TAKERS and not text[clause.start() : ms[0].start].strip():
            out += _taken_after(text, ms[0], ms[1:])
            # a clause naming another place or park (X园与Y区签约) hands on no taker
            taker = None if any(_elsewhere(m) for m in ms[1:]) else ms[0]
        elif taker is not None and _BARE_TAKE_IN.match(text, clause.start()):
            if not any(_elsewhere(m) for m in ms):
                out += _taken_after(text, taker, ms[:1])
        else:
            taker = None
    return out


# a clause opening with the verb, its taker the clause before: 新引进Y项目, 已成功引入Y项目
_BARE_TAKE_IN = re.compile(r"\s*(?:今年|近期|目前)?(?:新|已|还|又|并|先后|成功)*(?:引进|引入)")


def _elsewhere(m: Mention) -> bool:
    return m.kind == Kind.PARK or m.kind in PLACES


def _taken_after(text: str, taker: Mention, ms: list[Mention]) -> list[Relation]:
    """The works of ``ms`` after a verb of taking in lie in ``taker``, up to a place or park."""
    out = []
    for m in ms:
        if _elsewhere(m):
            break  # X园与Y县…: what follows may lie elsewhere
        verb = next((v for v in _TAKE_IN if v in text[taker.end : m.start]), None)
        if m.kind == Kind.PROJECT and verb is not None:
            out.append(Relation(m.entity, "locatedIn", taker.entity, m.sentence, verb))
    return out


def _park_works(ex: Extraction) -> list[Relation]:
    """园区污水处理厂二期工程: works named with the generic noun lie in the park it stands for."""
    out = []
    for m in top_level(ex.mentions):
        noun = next((n for n in _PARK_NOUNS if m.text.startswith(n)), None)
        if noun is None or m.kind != Kind.PROJECT or len(m.text) <= len(noun) + 2:
            continue
        park = antecedent(ex, m.sentence, m.start, (Kind.PARK,))
        if park is not None:
            out.append(Relation(m.entity, "locatedIn", park, m.sentence, noun))
    return out


# where a company written right after is seated (在X高新区Y有限公司里)
_SEATS = (Kind.PARK, Kind.TOWN, Kind.SUBDISTRICT, Kind.VILLAGE)
# X园Y公司投资的Z项目: the works lie in the park, the company may be seated elsewhere
_INVESTING = ("投资", "计划投资", "拟投资", "总投资")


def _seated(ex: Extraction) -> list[Relation]:
    """A company written right after a park, town, subdistrict or village, nothing between
    (在X高新区Y有限公司里), lies in it, unless what follows is its investing (X园Y公司投资的
    Z项目: the works lie there)."""
    ms = top_level(ex.mentions)
    return [
        Relation(company.entity, "locatedIn", seat.entity, company.sentence, seat.text)
        for seat, company in zip(ms, ms[1:], strict=False)
        if seat.kind in _SEATS
        and company.kind == Kind.COMPANY
        and seat.end == company.start
        and seat.entity != company.entity
        and not ex.article.text.startswith(_INVESTING, company.end)
    ]


def _among(ex: Extraction) -> list[Relation]:
    """Companies and works after 其中 lie in the park whose count precedes it; the
    towns listed there are part of it."""
    text = ex.article.text
    out = []
    for clause in CLAUSE.finditer(text):
        among = _AMONG.match(text, clause.start())
        if among is None:
            continue
        host = _counting_park(ex, clause.start())
        if host is None:
            continue
        scope_end = chain_end(ex, clause.start())
        ms = top_level_within(ex.mentions, among.end(), scope_end)
        for m in ms:
            if m.entity == host:
                continue
            if m.kind in (Kind.COMPANY, Kind.PROJECT):
                out.append(Relation(m.entity, "locatedIn", host, m.sentence, "其中"))
            elif m.kind in _PARTS:
                out.append(Relation(m.entity, "partOf", host, m.sentence, "其中"))
    return out


_RELY = "依托"
_GATHER = ("集聚", "聚集", "汇聚", "吸引", "引进", "引入")


def _gathered(ex: Extraction) -> list[Relation]:
    """依托P，集聚了A公司、B公司等企业: the companies listed before 等 lie in the park P."""
    text = ex.article.text
    ms = top_level(ex.mentions)
    out = []
    for park in ms:
        if park.kind != Kind.PARK or text[park.start - len(_RELY) : park.start] != _RELY:
            continue
        end = doc_of(ex.article).sentence_at(park.start).end
        verbs = [text.find(v, park.end, end) for v in _GATHER]
        verb = min((v for v in verbs if v >= 0), default=-1)
        if verb < 0:
            continue
        clause_end = next(CLAUSE.finditer(text, verb)).end()
        examples = text.rfind("等", verb, clause_end)  # A、B等企业: the list ends at 等
        listed = examples if examples >= 0 else clause_end
        for m in ms:
            if m.kind == Kind.COMPANY and verb < m.start and m.end <= listed:
                out.append(Relation(m.entity, "locatedIn", park.entity, m.sentence, _RELY))
    return out


def _counting_park(ex: Extraction, at: int) -> str | None:
    """The park whose count of companies or projects comes last before ``at``, in its
    sentence or the sentence before (same paragraph)."""
    sentence = doc_of(ex.article).sentence_at(at)
    if sentence is None:
        return None
    first = sentence.index
    if first > 0:
        before = ex.article.sentences[first - 1]
        if before.paragraph == sentence.paragraph:
            first = before.index
    text = ex.article.text
    counts = [
        q for q in ex.quantities if first <= q.sentence and q.end <= at and _counts_members(text, q)
    ]
    if not counts:
        return None
    subject = counts[-1].subject
    kinds = {e.key: e.kind for e in ex.entities}
    return subject if kinds.get(subject) == Kind.PARK else None


def _counts_members(text: str, q: Quantity) -> bool:
    """企业31家, 31家企业, 引进项目11个: a count of companies or projects."""
    if q.unit not in _COUNTERS:
        return False
    near = (q.measure or "") + text[max(0, q.start - 4) : q.start] + text[q.end : q.end + 4]
    return any(word in near for word in _MEMBERS)


def chain_end(ex: Extraction, at: int) -> int:
    """Where the sentence holding ``at`` ends, over the sentences a ； joins to it."""
    sentences = ex.article.sentences
    current = doc_of(ex.article).sentence_at(at)
    while (
        current.index + 1 < len(sentences)
        and current.text.rstrip().endswith(_SEMICOLONS)
        and sentences[current.index + 1].paragraph == current.paragraph
    ):
        current = sentences[current.index + 1]
    return current.end
