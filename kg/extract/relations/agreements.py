"""Parties: who works with whom, who holds a post where, who issued a document.

- **Cooperation** (cooperatesWith): A与B签订合作协议 (签署, 签约, 共建, 合作, 携手,
  达成 within a few characters after B), and A联合B / A携手B followed by what
  they do together. A and B are places, organs, companies or organisations
  standing right at the 与 or 联合 between them (a declared 简称 in brackets or an
  adverb such as 分别 may stand between A and 与; A分别与B、C签约 is with each of
  the list); of a run of places (佛山市南海区) the last is the party.
- **What an agreement brings**: the works named after 签约/签订 in the same
  clause (良垌镇与X集团签约Y项目) or right after 共建的 (A与B共建的Y园), or built
  in a following clause that names no one before its verb (X公司与Y市人民政府签订
  合作协议，计划投资15亿元建设Z基地): the company party invests in them and they
  lie in the place party.
- **Issuing** (issuedBy): a 《…》 document after an organ or place and a verb of
  issuing (省政府印发《…方案》, X局同步发布了《…》) was issued by it.
- **Benefiting** (benefitsFrom): a company that receives a reward, subsidy or
  support (获得的首笔奖励资金, 获…补贴, 享受…扶持) later in the sentence that names a
  policy in 《…》 benefits from that policy.
"""

from __future__ import annotations

import re

from kg.extract.kinds import PLACES, Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import CLAUSE, top_level_within
from kg.records import Extraction, Mention, Relation

ORGANS = {Kind.COMPANY, Kind.GOVERNMENT_BODY, Kind.ORGANIZATION}
PARTIES = PLACES | ORGANS | {Kind.PARK}
WORKS = {Kind.PROJECT, Kind.PARK}

_SENTENCE = re.compile(r"[^。!！?？]+")
_WITH = ("与", "同", "和", "跟")
_JOIN = ("联合", "携手", "牵手", "会同", "协同")
# 与B…签订: a few characters may stand before the verb (在深圳, 正式, 现场)
_COOPERATE = re.compile(r"[^,，;；。、]{0,8}?(签订|签署|签约|共建|合作|携手|联手|达成|缔结|结成)")
_SIGN = ("签订", "签署", "签约")
_SHORT_NAME = re.compile(r"[（(][^（）()]{1,20}[）)]$")
_SHORT_NAME_AT = re.compile(r"[（(][^（）()]{1,20}[）)]")
_BUILD = ("投资", "建设", "打造", "新建", "扩建", "兴建", "布局")
_ISSUE = re.compile(
    r"(?:[^,，;；。《》]{0,6}?)(?:印发|发布|出台|颁布|公布|制定|编制|下发|推出)了?的?《"
)
_ISSUERS = ORGANS | PLACES


def _spans(pattern: re.Pattern, text: str, ms: tuple[Mention, ...]):
    """(start, end, top-level mentions inside) for each match of ``pattern``."""
    for span in pattern.finditer(text):
        yield span.start(), span.end(), top_level_within(ms, span.start(), span.end())


def _last_of_run(ms: list[Mention], first: Mention) -> Mention:
    """Of places written one after another (佛山市南海区), the last."""
    out = first
    while out.kind in PLACES:
        nxt = next((m for m in ms if m.start == out.end and m.kind in PLACES), None)
        if nxt is None:
            break
        out = nxt
    return out


_ADVERBS = ("分别", "共同", "正式", "已经", "已", "积极", "主动", "还", "也", "又", "再次", "同时")


def _left_party(text: str, ms: list[Mention], at: int) -> Mention | None:
    """The party right before ``at``, over a bracketed short name (简称“科拓家电”) or
    adverbs (X分别与…, X还分别与…)."""
    while adverb := next((a for a in _ADVERBS if text.startswith(a, at - len(a))), ""):
        at -= len(adverb)
    bracket = _SHORT_NAME.search(text[max(0, at - 22) : at])
    if bracket:
        at -= len(bracket.group())
    for m in reversed(ms):
        if m.end <= at:
            return m if m.end == at and m.kind in PARTIES else None
    return None


def _cooperations(text: str, ms: list[Mention]) -> list[tuple[Mention, Mention, int]]:
    """(A, B, end of the cue) for each A与B…签订 / A联合B of a clause."""
    out = []
    for m in ms:
        for word in _WITH + _JOIN:
            if not text.startswith(word, m.start - len(word)):
                continue
            left = _left_party(text, ms, m.start - len(word))
            if left is None or m.kind not in PARTIES:
                continue
            right = _last_of_run(ms, m)
            if word in _JOIN:  # A积极协同B、C: each of them
                out.extend((left, party, party.end) for party in _listed_after(text, ms, right))
                continue
            listed = _listed_after(text, ms, right)  # A分别与B、C、D签约: each of them
            verb = _COOPERATE.match(text, listed[-1].end)
            if verb and not any(
                right.end <= x.start < verb.start(1) for x in ms if x.kind in WORKS
            ):
                out.extend((left, party, verb.end()) for party in listed)
    return out


def _listed_after(text: str, ms: list[Mention], first: Mention) -> list[Mention]:
    """The parties listed from ``first`` on, joined by 、/和/及 (B、C和D)."""
    listed = [first]
    while True:
        end = listed[-1].end
        if text[end : end + 1] not in ("、", "和", "及"):
            return listed
        nxt = next((x for x in ms if x.start == end + 1 and x.kind in PARTIES), None)
        if nxt is None:
            return listed
        listed.append(_last_of_run(ms, nxt))


def cooperation_relations(ex: Extraction) -> list[Relation]:
    """A与B签订合作协议, A联合B…: the two cooperate; an agreement's works are the
    company party's investment and lie in the place party."""
    text = ex.article.text
    out = []
    for s_start, s_end, sentence_ms in _spans(_SENTENCE, text, ex.mentions):
        clauses = list(CLAUSE.finditer(text, s_start, s_end))
        for ci, clause in enumerate(clauses):
            ms = [m for m in sentence_ms if clause.start() <= m.start and m.end <= clause.end()]
            for a, b, cue_end in _cooperations(text, ms):
                out.append(Relation(a.entity, "cooperatesWith", b.entity, a.sentence, "与/联合"))
                works = _agreement_works(text, ms, cue_end, clause.end())
                works += _carried_works(text, sentence_ms, clauses[ci + 1 :])
                out.extend(_brought(a, b, works))
    return out


# 该镇联合A、B…: the town (county …) the text is on joins the parties after the verb
_THIS_PLACE = re.compile(r"该(镇|县|区|市|街道)(?:积极|主动|还|也)?(?:联合|携手|协同|会同)")
_THIS_KIND = {"镇": Kind.TOWN, "县": Kind.COUNTY, "区": Kind.COUNTY, "市": Kind.COUNTY}
_THIS_KIND["街道"] = Kind.SUBDISTRICT


def anaphoric_parties(ex: Extraction) -> list[Relation]:
    """该镇联合A、B共谋… : the town last named before (back through the paragraph)
    cooperates with each party listed after the verb."""
    text = ex.article.text
    out = []
    for cue in _THIS_PLACE.finditer(text):
        ms = top_level_within(ex.mentions, cue.end(), len(text))
        first = next((m for m in ms if m.start == cue.end() and m.kind in PARTIES), None)
        if first is None:
            continue
        place = _named_before(ex, cue.start(), _THIS_KIND[cue.group(1)])
        if place is None:
            continue
        for party in _listed_after(text, ms, _last_of_run(ms, first)):
            out.append(Relation(place, "cooperatesWith", party.entity, party.sentence, "该镇联合"))
    return out


def _named_before(ex: Extraction, at: int, kind: str) -> str | None:
    """The last division of ``kind`` named on its own before ``at`` in its paragraph."""
    paragraph = next((s.paragraph for s in ex.article.sentences if s.start <= at < s.end), None)
    of = {s.index: s.paragraph for s in ex.article.sentences}
    said = [
        m
        for m in top_level_within(ex.mentions, 0, at)
        if m.kind == kind and m.entity and of.get(m.sentence) == paragraph
    ]
    return said[-1].entity if said else None


def _agreement_works(text: str, ms: list[Mention], cue_end: int, end: int) -> list[Mention]:
    """The works named after 签约/签订 in the rest of the clause, or right after 共建的
    (A与B共建的Y产业合作园)."""
    if text[cue_end - 2 : cue_end] == "共建" and text.startswith("的", cue_end):
        return [m for m in ms if m.start == cue_end + 1 and m.kind in WORKS][:1]
    if text[cue_end - 2 : cue_end] not in _SIGN:
        return []
    return [m for m in ms if cue_end <= m.start and m.end <= end and m.kind in WORKS][:1]


def _carried_works(text: str, ms: list[Mention], clauses: list[re.Match]) -> list[Mention]:
    """Works built in the next clause when it names no one before its verb
    (…签订合作协议，计划投资15亿元在P建设Z): the subject carries over."""
    if not clauses:
        return []
    clause = clauses[0]
    body = text[clause.start() : clause.end()]
    verb = min((body.find(v) for v in _BUILD if v in body), default=-1)
    if verb < 0 or any(clause.start() <= m.start < clause.start() + verb for m in ms):
        return []
    return [
        m
        for m in ms
        if clause.start() + verb <= m.start
        and m.end <= clause.end()
        and m.kind in WORKS
        and text[m.start - 1] != "在"  # 在P建设Z: P is where, Z what is built
    ][:1]


def _brought(a: Mention, b: Mention, works: list[Mention]) -> list[Relation]:
    out = []
    for w in works:
        for party in (a, b):
            if party.kind == Kind.COMPANY:
                out.append(Relation(party.entity, "investsIn", w.entity, w.sentence, "签约"))
            elif party.kind in PLACES - {Kind.PROVINCE, Kind.PREFECTURE} or party.kind == Kind.PARK:
                out.append(Relation(w.entity, "locatedIn", party.entity, w.sentence, "签约"))
    return out


def issue_relations(ex: Extraction) -> list[Relation]:
    """X印发《…》 / X发布了《…》: the document was issued by X."""
    text = ex.article.text
    out = []
    for _, _, ms in _spans(CLAUSE, text, ex.mentions):
        for i, issuer in enumerate(ms[:-1]):
            doc = ms[i + 1]
            if issuer.kind not in _ISSUERS or doc.kind != Kind.PROGRAMME:
                continue
            if _ISSUE.fullmatch(text, issuer.end, doc.start):
                out.append(Relation(doc.entity, "issuedBy", issuer.entity, doc.sentence, "发布"))
    return out


_RECEIVE = re.compile(
    r"(?:已|先后|共|累计|首次|成功)?(?:获得|获|享受|领取|拿到)[^,，;；。]{0,10}?"
    r"(?:奖励|补贴|扶持|资助|奖补|补助)"
)


def benefit_relations(ex: Extraction) -> list[Relation]:
    """出台《…扶持办法》，…，X公司获得的首笔奖励资金…: X benefits from the policy."""
    text = ex.article.text
    out = []
    for _, _, ms in _spans(_SENTENCE, text, ex.mentions):
        policies = [
            m for m in ms if m.kind == Kind.PROGRAMME and text[m.start - 1 : m.start] == "《"
        ]
        for company in (m for m in ms if m.kind == Kind.COMPANY):
            named = [p for p in policies if p.end <= company.start]
            if named and _RECEIVE.match(text, _past_short_name(text, company.end)):
                policy = named[-1].entity
                out.append(Relation(company.entity, "benefitsFrom", policy, company.sentence, "获"))
    return out


def _past_short_name(text: str, pos: int) -> int:
    bracket = _SHORT_NAME_AT.match(text, pos)
    return bracket.end() if bracket else pos


@relation_rule("agreements")
def party_relations(ex: Extraction) -> list[Relation]:
    """Cooperation, posts, issuing and benefiting (see the module's docstring)."""
    return (
        cooperation_relations(ex)
        + anaphoric_parties(ex)
        + issue_relations(ex)
        + benefit_relations(ex)
    )
