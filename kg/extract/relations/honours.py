"""Titles and lists things are selected for, and the ``selectedFor`` relation.

A place, park, company or body is *selected for* a list, title or programme:
珠玑镇、乌迳镇入选省级乡村振兴示范镇; X产业园…，获评省级循环化改造示范园区;
X区再次位居全国综合实力百强区第2位; and reversed, 入选首批典型县的县是Y.

- A **title** is the run of words right after a selection cue up to its last
  title ending (``kg.extract.names.titles``, where the mention step makes it a
  Programme). An ending decides nothing elsewhere (争创示范县 names no list).
- A **bare** title (首批典型县, 示范县: nothing but a batch before the ending)
  names no list of its own: it is a title within the programme the text is
  about, the nearest programme named before it in its sentence or the one
  before (其中…入选首批典型县 after a sentence naming “百千万工程”).
- The object may also be a programme named right after the cue (列入《…》).
- The **subject** is the name right before the cue in its clause, with the
  names coordinated with it (A、B和C); else the name its sentence opens with
  (X产业园…，获评…); in the reversed form (入选T的县是Y) the names after 是/为/有,
  and what stands before the cue is only a scope (江门市入选…的是Y).
- Aspirations and denials (力争入选, 争创, 未入选, 拟列入) select nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.figures.subjects import own_place
from kg.extract.kinds import Kind
from kg.extract.names.titles import CUES, TITLE_LEAD, title_after
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import clause_around, top_level_within
from kg.extract.text.doc import doc_of
from kg.extract.text.spans import starting
from kg.records import DIVISION_KINDS, Extraction, Mention, Relation

SELECTABLE = set(DIVISION_KINDS) | {
    Kind.REGION,
    Kind.PARK,
    Kind.COMPANY,
    Kind.ORGANIZATION,
    Kind.GOVERNMENT_BODY,
    Kind.PROJECT,
    Kind.ROAD,
}
# aspirations reach forward over the sentence (力争三年内X镇进入…); denials stand at the cue
_HOPES = ("力争", "争取", "争创", "有望", "申报", "申请", "计划", "冲刺", "目标")
_DENIALS = ("拟", "未", "没有", "尚未")
_REVERSED = re.compile(r"的[^，。；,;!！?？:：]{0,10}?(?:是|为|有|包括)")
_AND = ("、", "和", "与", "及", "以及")
_TITLED = (Kind.PROGRAMME, Kind.DESIGNATION)  # what one is selected for or into
MAX_GAP = 12  # characters between a subject and its cue (再次, 今年成功)


def _coordinated(ms: list[Mention], i: int, text: str, step: int) -> list[Mention]:
    """ms[i] and the selectable names joined to it by 、/和/与/及, walking by ``step``."""
    out = [ms[i]]
    j = i + step
    while 0 <= j < len(ms) and ms[j].kind in SELECTABLE:
        a, b = (ms[j], out[-1]) if step < 0 else (out[-1], ms[j])
        if text[a.end : b.start] not in _AND:
            break
        out.append(ms[j])
        j += step
    return out


def _hoped(ex: Extraction, at: int) -> bool:
    """An aspiration before the cue in its sentence, or a denial right before it
    (力争三年内X镇进入…行列, 未入选)."""
    text = ex.article.text
    sentence = doc_of(ex.article).sentence_at(at)
    lo = sentence.start if sentence else max(0, at - 40)
    return any(w in text[lo:at] for w in _HOPES) or any(
        w in text[max(lo, at - 3) : at] for w in _DENIALS
    )


@dataclass(frozen=True)
class _Found:
    """One selection cue with its object entity and where the object ends."""

    at: int
    obj: str
    end: int


def _object(ex: Extraction, at: int, cue_end: int, ms: list[Mention]) -> _Found | None:
    """What the cue selects for: its title, the programme of a bare title, or a
    programme named right after the cue (列入《…》)."""
    text = ex.article.text
    title = title_after(text, cue_end)
    if title is not None and not title.bare:
        same = [m for m in starting(ex.mentions, title.start, title.start) if m.end == title.end]
        if same and same[0].kind in _TITLED:
            return _Found(at, same[0].entity, title.end)
    if title is not None and title.bare:
        context = _context_programme(ex, at)
        return _Found(at, context, title.end) if context else None
    lead = TITLE_LEAD.match(text, cue_end)
    start = lead.end() if lead else cue_end
    named = next((m for m in ms if start <= m.start <= start + 1), None)
    if named is not None and named.kind in _TITLED:
        return _Found(at, named.entity, named.end)
    return None


def _context_programme(ex: Extraction, at: int) -> str | None:
    """The programme a bare title belongs to: the nearest one named before it in its
    sentence or the sentence before, in the same paragraph (not a document in 《》)."""
    sentence = doc_of(ex.article).sentence_at(at)
    if sentence is None:
        return None
    lo = sentence.start
    if sentence.index > 0:
        before = ex.article.sentences[sentence.index - 1]
        if before.paragraph == sentence.paragraph:
            lo = before.start
    named = [
        m
        for m in ex.mentions
        if m.kind == Kind.PROGRAMME and lo <= m.start and m.end <= at and m.source != "book-title"
    ]
    return named[-1].entity if named else None


def _subjects(
    ex: Extraction, found: _Found, ms: list[Mention], own: str | None = None
) -> list[Mention]:
    """Who is selected: after 是/为/有 in the reversed form, else before the cue."""
    text = ex.article.text
    if _hoped(ex, found.at):
        return []
    after = _REVERSED.match(text, found.end)
    if after is not None:
        nxt = [i for i, m in enumerate(ms) if after.end() <= m.start <= after.end() + 1]
        if nxt and ms[nxt[0]].kind in SELECTABLE:
            return _coordinated(ms, nxt[0], text, 1)
        return []
    left = [i for i, m in enumerate(ms) if m.end <= found.at and m.kind in SELECTABLE]
    left = [i for i in left if not _selector(text, ms[i], found.at)]
    by = _by(ex, found.at, ms)  # 连续3年被X评为: the gap is counted up to 被
    reach = by.start - 1 if by else found.at
    if left and reach - ms[left[-1]].end <= MAX_GAP:
        return _coordinated(ms, left[-1], text, -1)
    if not any(m.end <= found.at and not _selector(text, m, found.at) for m in ms):
        topic = _sentence_topic(ex, found.at)
        if topic:
            return [topic]
        home = _own_place(ex, found, own)
        return [home] if home else []
    return []


# 被X评为 / 经X认定为: X chose, it is not chosen
_BY = ("被", "经", "由")


def _selector(text: str, m: Mention, at: int) -> bool:
    """True when ``m`` is who selects (被赛迪顾问评为…): right after 被/经/由 and right
    before a selection cue."""
    return text[m.start - 1 : m.start] in _BY and text.startswith(CUES, m.end)


def _by(ex: Extraction, at: int, ms: list[Mention]) -> Mention | None:
    """Who chose, right before the cue after 被/经/由 (被X评为T): X issued the title."""
    text = ex.article.text
    return next((m for m in ms if m.end == at and text[m.start - 1 : m.start] in _BY), None)


# titles a place holds: …100强县, …示范镇, 中国…之乡
_PLACE_TITLES = ("县", "市", "区", "镇", "乡", "街道", "村")


def _own_place(ex: Extraction, found: _Found, own: str | None) -> Mention | None:
    """The article's own place, for a place's title selected with no one named before
    the cue in its sentence (连续3年被X评为“Y100强县”，相继入选“…100强县”):
    a mention of it, so that the relation keeps the cue's sentence."""
    if own is None:
        return None
    names = {e.key: e.name for e in ex.entities}
    if not names.get(found.obj, "").strip("“”").endswith(_PLACE_TITLES):
        return None
    sentence = doc_of(ex.article).sentence_at(found.at)
    if sentence is None:
        return None
    before = top_level_within(ex.mentions, sentence.start, found.at)
    if any(m.kind in SELECTABLE and not _selector(ex.article.text, m, found.at) for m in before):
        return None  # the sentence names someone: not the article's place by default
    home = next((m for m in ex.mentions if m.entity == own), None)
    return home


# the next title of a list: quoted (“A”“B”, “A”和“C”) or not (A、B和C)
_NEXT_TITLE = re.compile(r"”?(?:、|和|及|以及)?“|、|和|及|以及")


def _more_titles(ex: Extraction, end: int) -> list[str]:
    """Titles listed after the first, quoted or not (入选“A”“B”和“C”, 获评A、B、C)."""
    text = ex.article.text
    out = []
    while True:
        gap = _NEXT_TITLE.match(text, end)
        if gap is None:
            return out
        starts = (gap.end(), gap.end() - 1)
        nxt = [m for m in ex.mentions if m.start in starts and m.kind in _TITLED]
        if not nxt:
            return out
        title = max(nxt, key=lambda m: m.end)
        out.append(title.entity)
        end = title.end


_OPENING = re.compile(r"[\s0-9年月日今去上半全一二三四季度前后以来,，]*")


def _sentence_topic(ex: Extraction, at: int) -> Mention | None:
    """The selectable name the cue's sentence opens with (X产业园…，获评…)."""
    sentence = doc_of(ex.article).sentence_at(at)
    if sentence is None:
        return None
    lead = _OPENING.match(ex.article.text, sentence.start).end()
    first = top_level_within(ex.mentions, sentence.start, at)
    if first and first[0].start == lead and first[0].kind in SELECTABLE:
        return first[0]
    return None


_AS = re.compile(r"\s*作为")


def held_titles(ex: Extraction) -> list[Relation]:
    """作为“中国X之乡”“Y示范县”，Z县…: a sentence opening with titles after 作为 says the
    name right after them holds each (selectedFor)."""
    text = ex.article.text
    out = []
    for sentence in ex.article.sentences:
        lead = _AS.match(text, sentence.start)
        if lead is None:
            continue
        ms = top_level_within(ex.mentions, sentence.start, sentence.end)
        first = [m for m in ms if m.start in (lead.end(), lead.end() + 1) and m.kind in _TITLED]
        if not first:
            continue
        objs = [first[0].entity, *_more_titles(ex, first[0].end)]
        last = max((m for m in ms if m.entity in objs), key=lambda m: m.end)
        after = re.match(r"”?[,，]", text[last.end : last.end + 2])
        holder = next((m for m in ms if m.start >= last.end), None)
        if after is None or holder is None or holder.start != last.end + after.end():
            continue
        if holder.kind in SELECTABLE:
            out += [Relation(holder.entity, "selectedFor", o, sentence.index, "作为") for o in objs]
    return out


# X是全省七个T之一: X is one of the places or parks holding the title T
_ONE_OF = re.compile(
    r"是(?:全国|全省|全市|广东省?|省内|国内|首批|第[一二三四五六七八九十]+批)*"
    r"(?:[0-9一二三四五六七八九十百两]+(?:个|家|批|大))?"
)
_ONE_OF_TITLES = (*_TITLED, Kind.PARK)


def one_of_titles(ex: Extraction) -> list[Relation]:
    """X是全省七个T之一: X is selected for T (a title, list or kind of park)."""
    text = ex.article.text
    out = []
    for sentence in ex.article.sentences:
        ms = top_level_within(ex.mentions, sentence.start, sentence.end)
        for x, title in zip(ms, ms[1:], strict=False):
            lead = _ONE_OF.match(text, x.end)
            if (
                x.kind in SELECTABLE
                and title.kind in _ONE_OF_TITLES
                and lead is not None
                and lead.end() == title.start
                and text.startswith("之一", title.end)
            ):
                out.append(Relation(x.entity, "selectedFor", title.entity, sentence.index, "之一"))
    return out


@relation_rule("honours")
def selection_relations(ex: Extraction) -> list[Relation]:
    """subject selectedFor title/programme, for every selection cue with both ends."""
    text = ex.article.text
    own = own_place(ex)
    out = []
    for cue in CUES:
        at = text.find(cue)
        while at >= 0:
            lo, hi = clause_around(text, at)
            ms = top_level_within(ex.mentions, lo, hi)
            found = _object(ex, at, at + len(cue), ms)
            if found is not None:
                sentence = doc_of(ex.article).sentence_at(at)
                index = sentence.index if sentence else None
                objs = [found.obj, *_more_titles(ex, found.end)]
                for s in _subjects(ex, found, ms, own):
                    for obj in objs:
                        if s.entity and s.entity != obj:
                            out.append(Relation(s.entity, "selectedFor", obj, index, cue))
                by = _by(ex, at, ms)
                out += [Relation(o, "issuedBy", by.entity, index, cue) for o in objs if by]
            at = text.find(cue, at + 1)
    return out + held_titles(ex) + one_of_titles(ex)
