"""Documents: where a report was delivered and who published a document.

- **Delivered** (presentedAt): a work report (…工作报告) delivered at a session: the
  last session (…会议, …大会, …全会) named before it in its sentence (在X县第N届人民
  代表大会第M次会议上作政府工作报告), else in the sentence before it in its
  paragraph (X会议召开。县长Y作政府工作报告).
- **Signed** (participatesIn): the office holder signing a report on the line
  under its subtitle (——…在X县第N届人民代表大会第M次会议上 / X县县长 Y) took part in
  the session; a work report named above the subtitle (the page's headline read
  as text) was delivered at it.
- **An organ's programme** (issuedBy): a quoted programme written right after an
  organ (省委“1234”具体部署, 市政府“十四五”规划) was issued by it.
- **Published by several** (issuedBy): 《D》由A和B等单位共同编制 — each party
  listed after 由 (organs, organisations, companies, places; joined by 、/和/及/与,
  with 等… after the last) published the document D.
"""

from __future__ import annotations

import re

from kg.extract.kinds import PLACES, Kind
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import top_level_within
from kg.records import Extraction, Mention, Relation

_SESSION_ENDS = ("会议", "大会", "全会")
_SUBTITLE_MARKS = ("——", "--", "—")
_SIGNATURE_LINE = 24  # characters of an office and a name (X市常务副市长 Y)
_PUBLISHERS = PLACES | {Kind.GOVERNMENT_BODY, Kind.ORGANIZATION, Kind.COMPANY}
_DOCUMENTS = (Kind.PROGRAMME, Kind.REPORT, Kind.DESIGNATION)
_BY = re.compile(r"[》”]?由")
_AND = ("、", "和", "及", "与", "以及")
_PUBLISHED = re.compile(
    r"(?:等(?:[0-9一二三四五六七八九十多]+家)?(?:机构|单位|部门|平台|智库)?)?"
    r"(?:联合|共同|正式)?(?:发布|编制|编写|印发|出台|公布|推出|评选|发起)"
)


def presented_at(ex: Extraction) -> list[Relation]:
    """A work report is delivered at the session named before it (see the module)."""
    names = {e.key: e.name for e in ex.entities}
    out = []
    for report in ex.mentions:
        if report.kind != Kind.REPORT or not names.get(report.entity, "").endswith("工作报告"):
            continue
        session = _session_before(ex, report, names)
        if session is not None:
            at = Relation(report.entity, "presentedAt", session.entity, report.sentence, "作")
            out.append(at)
    return out


def _session_before(ex: Extraction, report: Mention, names: dict[str, str]) -> Mention | None:
    sentences = ex.article.sentences
    if report.sentence is None:
        return None
    this = sentences[report.sentence]
    spans = [(this.start, report.start)]
    if report.sentence > 0 and sentences[report.sentence - 1].paragraph == this.paragraph:
        before = sentences[report.sentence - 1]
        spans.append((before.start, before.end))
    for lo, hi in spans:
        sessions = _sessions(ex, lo, hi, names)
        if sessions:
            return sessions[-1]
    nxt = report.sentence + 1  # a headline over its subtitle: ——…在X会议上
    return _subtitle_session(ex, nxt, names) if nxt < len(sentences) else None


def _sessions(ex: Extraction, lo: int, hi: int, names: dict[str, str]) -> list[Mention]:
    return [
        m
        for m in top_level_within(ex.mentions, lo, hi)
        if m.kind == Kind.EVENT and names.get(m.entity, "").endswith(_SESSION_ENDS)
    ]


def _subtitle_session(ex: Extraction, index: int, names: dict[str, str]) -> Mention | None:
    """The session a report's subtitle names (——2024年1月8日在X县第N届…会议上)."""
    line = ex.article.sentences[index]
    if not line.text.strip().startswith(_SUBTITLE_MARKS):
        return None
    sessions = _sessions(ex, line.start, line.end, names)
    return sessions[-1] if sessions else None


def signed_reports(ex: Extraction) -> list[Relation]:
    """X县县长 Y on the line under a report's subtitle: Y took part in the session."""
    names = {e.key: e.name for e in ex.entities}
    out = []
    for person in ex.mentions:
        if person.kind != Kind.PERSON or not person.sentence:
            continue
        line = ex.article.sentences[person.sentence]
        if len(line.text.strip()) > _SIGNATURE_LINE:
            continue
        session = _subtitle_session(ex, person.sentence - 1, names)
        if session is not None:
            out.append(
                Relation(person.entity, "participatesIn", session.entity, person.sentence, "——")
            )
    return out


def published_by(ex: Extraction) -> list[Relation]:
    """《D》由A和B等单位共同编制: D issuedBy A and B."""
    text = ex.article.text
    out = []
    for sentence in ex.article.sentences:
        ms = top_level_within(ex.mentions, sentence.start, sentence.end)
        for i, doc in enumerate(ms[:-1]):
            by = _BY.match(text, doc.end)
            if doc.kind not in _DOCUMENTS or by is None or ms[i + 1].start != by.end():
                continue
            parties = [ms[i + 1]]
            for m in ms[i + 2 :]:
                if text[parties[-1].end : m.start] not in _AND:
                    break
                parties.append(m)
            if _PUBLISHED.match(text, parties[-1].end):
                out += [
                    Relation(doc.entity, "issuedBy", p.entity, doc.sentence, "由…发布")
                    for p in parties
                    if p.kind in _PUBLISHERS
                ]
    return out


def organ_programmes(ex: Extraction) -> list[Relation]:
    """省委“1234”具体部署: the quoted programme right after an organ was issued by it."""
    text = ex.article.text
    out = []
    for sentence in ex.article.sentences:
        ms = top_level_within(ex.mentions, sentence.start, sentence.end)
        for organ, programme in zip(ms, ms[1:], strict=False):
            gap = text[organ.end : programme.start] or text[programme.start : programme.start + 1]
            if (
                organ.kind == Kind.GOVERNMENT_BODY
                and programme.kind == Kind.PROGRAMME
                and gap in ("“", "「")
            ):
                out.append(
                    Relation(programme.entity, "issuedBy", organ.entity, organ.sentence, "的")
                )
    return out


@relation_rule("documents")
def document_relations(ex: Extraction) -> list[Relation]:
    """Reports delivered at sessions, documents published by organs."""
    return presented_at(ex) + signed_reports(ex) + published_by(ex) + organ_programmes(ex)
