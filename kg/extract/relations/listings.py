"""Listings and rankings: a company listed on an exchange, a place ranked in a report.

- **X在Y交易所(主板|创业板|科创板)(挂牌)上市**, X right before 在 (a bracketed 简称
  between them allowed): X is listed on Y (listedOn).
- **在《R》中，X位列/排名/位居…第N位** and **X在《R》中排名第N**: X holds a place in
  the ranking, report or list R (rankedIn). R is a document in 《》; the rank cue
  must be followed by a rank (第N, 首位, 榜首, 前N), and X must stand in the cue's
  clause before it (连续两年居揭阳各县首位 names no one new: no relation), or right
  before the 在 that opens 在《R》中 in that clause. The rank itself is a figure
  (``quantities``).
- **募集资金将主要用于X项目** (and on over the sentences a ； joins to it: 另有1.2亿元
  用于Y基地建设): the works the proceeds go to are the listed company's investment
  (investsIn): the company listed in the article, else the company the text is on
  (``subjects.antecedent``).
- **经X(统一)核算/测算/核定，Y…**, X an organ right after 经: the first place named
  after the cue in its sentence had its figures assessed by X (evaluatedBy).
"""

from __future__ import annotations

import re

from kg.extract.figures.subjects import antecedent
from kg.extract.kinds import Kind
from kg.extract.relations.members import chain_end
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import clause_around, find_all, top_level
from kg.extract.text.doc import doc_of
from kg.records import DIVISION_KINDS, Extraction, Mention, Relation

RANKED = set(DIVISION_KINDS) | {Kind.REGION, Kind.PARK, Kind.COMPANY}

_SHORT_NAME = re.compile(r"[（(][^（）()]{1,20}[）)]")
_ON = re.compile(r"(?:今天|今日|日前|近日|正式|成功)*(?:在|于|登陆)")
_BOARD = re.compile(r"(?:主板|创业板|科创板|中小板|北交所)?(?:成功)?(?:挂牌)?上市")
_RANK_CUE = re.compile(r"位列|排名|排在|位居|名列|跻身|居")
_NUMERAL = "[0-9一二三四五六七八九十百两]+"
_RANK = re.compile(rf"[^,，。；;]{{0,14}}?(?:第{_NUMERAL}|首位|榜首|前{_NUMERAL})")


@relation_rule("listings")
def listing_relations(ex: Extraction) -> list[Relation]:
    """Companies listed on an exchange and places ranked in a report."""
    ms = top_level(ex.mentions)
    listed = _listed(ex.article.text, ms)
    text = ex.article.text
    return listed + _ranked(text, ms) + _proceeds(ex, ms, listed) + _accounted(text, ms)


_ACCOUNTED = re.compile(r"(?:统一|初步|最终)?(?:核算|测算|核定|审定)")


def _accounted(text: str, ms: list[Mention]) -> list[Relation]:
    """经X统一核算，Y实现地区生产总值…: Y's figures were assessed by the organ X."""
    out = []
    for i, organ in enumerate(ms):
        if (
            organ.kind != Kind.GOVERNMENT_BODY
            or text[organ.start - 1 : organ.start] != "经"
            or not _ACCOUNTED.match(text, organ.end)
        ):
            continue
        end = _sentence_end(text, organ.end)
        place = next((m for m in ms[i + 1 :] if m.start < end and m.kind in DIVISION_KINDS), None)
        if place is not None and place.entity:
            out.append(Relation(place.entity, "evaluatedBy", organ.entity, place.sentence, "核算"))
    return out


_PROCEEDS = ("募集资金", "募集的资金", "募资")
_SPENT = ("用于", "投向", "投入")
_FUNDED = {Kind.PROJECT, Kind.PARK}


def _proceeds(ex: Extraction, ms: list[Mention], listed: list[Relation]) -> list[Relation]:
    """募集资金将用于X项目: X is the listed company's investment."""
    text = ex.article.text
    out = []
    for word in _PROCEEDS:
        for at in find_all(text, word, 0, len(text)):
            sentence = doc_of(ex.article).sentence_at(at)
            if sentence is None:
                continue
            before = [r.subject for r in listed if r.sentence <= sentence.index]
            company = before[-1] if before else antecedent(ex, sentence.index, at, (Kind.COMPANY,))
            if company is None:
                continue
            end = chain_end(ex, at)
            for verb in sorted(v for spent in _SPENT for v in find_all(text, spent, at, end)):
                _, clause_end = clause_around(text, verb)
                works = [m for m in ms if verb < m.start < clause_end and m.kind in _FUNDED]
                if works:
                    out.append(
                        Relation(company, "investsIn", works[0].entity, works[0].sentence, word)
                    )
    return out


def _listed(text: str, ms: list[Mention]) -> list[Relation]:
    """X（简称“Y”）在Z证券交易所主板挂牌上市: X is listed on Z."""
    starts = {m.start: m for m in ms}
    out = []
    for company in ms:
        if company.kind != Kind.COMPANY:
            continue
        pos = company.end
        while (bracket := _SHORT_NAME.match(text, pos)) or (
            pos in starts and starts[pos].kind == Kind.COMPANY  # the 简称 itself, in brackets
        ):
            pos = bracket.end() if bracket else starts[pos].end
        on = _ON.match(text, pos)
        market = starts.get(on.end()) if on else None
        if (
            market is not None
            and market.kind == Kind.ORGANIZATION
            and market.text.endswith("交易所")
            and _BOARD.match(text, market.end)
        ):
            listed = Relation(company.entity, "listedOn", market.entity, company.sentence, "上市")
            out.append(listed)
    return out


def _ranked(text: str, ms: list[Mention]) -> list[Relation]:
    """在《R》中，X位列…第N位 / X在《R》中排名第N: X is ranked in R."""
    out = []
    for report in ms:
        if report.kind != Kind.PROGRAMME or text[report.start - 1 : report.start] != "《":
            continue
        for cue in _RANK_CUE.finditer(text, report.end, _sentence_end(text, report.end)):
            if not _RANK.match(text, cue.end()):
                continue
            subject = _ranked_subject(text, ms, report, cue.start())
            if subject is not None:
                at = report.sentence
                out.append(Relation(subject.entity, "rankedIn", report.entity, at, cue.group()))
    return out


def _ranked_subject(text: str, ms: list[Mention], report: Mention, at: int) -> Mention | None:
    """The name before the rank cue in its clause (after the report), else the name
    right before the 在 of 在《R》中 when the cue is in the report's clause."""
    lo, _ = clause_around(text, at)
    before = [m for m in ms if max(lo, report.end) <= m.start and m.end <= at]
    if before:
        return before[-1] if before[-1].kind in RANKED else None
    opens_in = text[report.start - 2 : report.start] == "在《"
    if clause_around(text, report.start)[0] != lo or not opens_in:
        return None
    prior = [m for m in ms if m.end == report.start - 2 and m.kind in RANKED]
    return prior[0] if prior else None


def _sentence_end(text: str, pos: int) -> int:
    ends = [k for k in (text.find(ch, pos) for ch in "。；;！？!?") if k >= 0]
    return min(ends, default=len(text))
