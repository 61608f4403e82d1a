"""Events: their venues, participants and topics (their names: ``kg.extract.names.events``).

- **Venues**: E在P举行/召开/举办 holds the event in the last place after 在
  (在深圳市福田区举行: 福田区), and in each place listed with it (在A、B和C市举行).
- **Participants**: X参加/出席/参与/亮相 E, and X在E上(表示…) take part in E,
  with the names coordinated with X (A、B和C); works and companies listed in a
  sentence opening with 当天/现场 (the one event named before) or 其中/签约项目中/
  此次签约的 (the one event of the sentence right before) take part in it: they
  started (startedAt), were signed (signedAt) or completed (completedAt) there as the
  verb nearest before them says (开工项目包括A、B，签约项目为C), else as the event's
  name says (…签约仪式).
- **Chair and speakers**: a person right before 主持(本次)活动/会议/仪式 or 在致辞/讲话中
  took part in the one event named before at the top level (…活动举行。…Y主持活动。
  Z在致辞中表示…).
- **Hosts**: organs, organisations and companies in the clause before 召开/举行/举办/
  主办 with the event right after the verb (X组织A、B联合召开E) take part in it.
- **Parts**: 大会举行了A仪式、B仪式: each event listed is part of the one 大会 named before;
  本次仪式是“X节”的组成部分: the one event named before is part of X节.
- **Topics**: an event is about the programme named right before it in its
  clause (推进“百千万工程”促进…现场会), or after it behind 围绕/聚焦/部署.
"""

from __future__ import annotations

import re

from kg.extract.kinds import PLACES, Kind
from kg.extract.names.events import ON_THE_DAY
from kg.extract.relations.registry import relation_rule
from kg.extract.relations.works import coordinated, mention_at
from kg.extract.text.clauses import clause_around, find_all, top_level, top_level_within
from kg.extract.text.cues import cue_words
from kg.extract.text.numbers import OUTPUT_RATE
from kg.extract.text.spans import first_from, in_sentence
from kg.records import Extraction, Mention, Relation

PARTICIPANTS = PLACES | {
    Kind.COMPANY,
    Kind.GOVERNMENT_BODY,
    Kind.ORGANIZATION,
    Kind.PERSON,
    Kind.PROJECT,
    Kind.PARK,
}
JOIN_CUES = cue_words("event-join")
VENUE_CUES = cue_words("event-venue")
TOPIC_CUES = cue_words("event-topic")
MAX_GAP = 12  # characters between a participant and its cue (负责人, 董事长林少鹏)
MAX_REACH = 30  # characters from a cue to the event it names
MAX_TOPIC_GAP = 20  # characters between an event and the programme it is about
_AND = ("、", "和", "与", "及", "以及")
_AT_EVENT = ("上", "现场", "期间")


def _clauses(ex: Extraction) -> list[tuple[int, int, list[Mention]]]:
    """(start, end, top-level mentions) of each clause naming an event."""
    text = ex.article.text
    spans = set()
    for e in ex.mentions:
        if e.kind == Kind.EVENT:
            lo = clause_around(text, e.start)[0]
            spans.add((lo, clause_around(text, e.end)[1]))
    out = []
    for lo, hi in sorted(spans):
        out.append((lo, hi, top_level_within(ex.mentions, lo, hi)))
    return out


def _participants(text: str, ms: list[Mention], before: int) -> list[Mention]:
    """The participant named right before ``before`` and those coordinated with it."""
    left = [i for i, m in enumerate(ms) if m.end <= before]
    if not left or ms[left[-1]].kind not in PARTICIPANTS or before - ms[left[-1]].end > MAX_GAP:
        return []
    i = left[-1]
    out = [ms[i]]
    while i > 0 and ms[i - 1].kind in PARTICIPANTS and text[ms[i - 1].end : ms[i].start] in _AND:
        i -= 1
        out.append(ms[i])
    return out


def participation_relations(ex: Extraction) -> list[Relation]:
    """X参加/出席/亮相 E and X在E上…: X participatesIn E."""
    text = ex.article.text
    out = []
    for lo, hi, ms in _clauses(ex):
        events = [m for m in ms if m.kind == Kind.EVENT]
        for cue in JOIN_CUES:
            for at in find_all(text, cue, lo, hi):
                event = next((e for e in events if at < e.start <= at + MAX_REACH), None)
                if event is not None:
                    out += _join(text, ms, at, event, cue)
        for event in events:
            if text[event.start - 1 : event.start] == "在" and text.startswith(
                _AT_EVENT, event.end
            ):
                out += _join(text, ms, event.start - 1, event, "在…上")
    return out


def _join(text: str, ms: list[Mention], at: int, event: Mention, cue: str) -> list[Relation]:
    return [
        Relation(p.entity, "participatesIn", event.entity, event.sentence, cue)
        for p in _participants(text, ms, at)
        if p.entity and p.entity != event.entity
    ]


def venue_relations(ex: Extraction) -> list[Relation]:
    """E在P举行: the event is held in the last place named between 在 and the cue."""
    text = ex.article.text
    out = []
    for lo, hi, ms in _clauses(ex):
        for cue in VENUE_CUES:
            for at in find_all(text, cue, lo, hi):
                event = next(
                    (m for m in reversed(ms) if m.end <= at and m.kind == Kind.EVENT), None
                )
                if event is None:
                    continue
                zai = text.rfind("在", event.end, at)
                places = [m for m in ms if zai >= 0 and zai < m.start and m.end <= at]
                if places and places[-1].kind in PLACES:
                    # 在A、B和C市举行: in each of the places listed; 在A市B区: in B区
                    held = [p for p in coordinated(text, ms, places[-1]) if p.start > zai]
                    out += [
                        Relation(event.entity, "heldIn", p.entity, event.sentence, cue)
                        for p in held
                    ]
    return out


def topic_relations(ex: Extraction) -> list[Relation]:
    """An event is about the programme named right before it in its clause, or after it
    behind 围绕/聚焦/部署 (…现场推进会，围绕“百千万工程”…)."""
    text = ex.article.text
    out = []
    for _, _, ms in _clauses(ex):
        for i, event in enumerate(ms):
            before = ms[i - 1] if i > 0 else None
            if (
                event.kind == Kind.EVENT
                and before is not None
                and before.kind == Kind.PROGRAMME
                and event.start - before.end <= MAX_TOPIC_GAP
            ):
                out.append(Relation(event.entity, "about", before.entity, event.sentence, "会名"))
    events = [m for m in ex.mentions if m.kind == Kind.EVENT]
    for event in events:
        after = first_from(ex.mentions, event.end)
        if (
            after is not None
            and after.kind == Kind.PROGRAMME
            and after.sentence == event.sentence
            and after.start - event.end <= MAX_TOPIC_GAP
            and any(w in text[event.end : after.start] for w in TOPIC_CUES)
        ):
            out.append(Relation(event.entity, "about", after.entity, event.sentence, "围绕"))
    return out


# openings that list what took part in the event of the sentence before
_LISTED = re.compile(
    r"(?:其中|(?:此次|本次|当天)?签约(?:的)?项目(?:中|包括|有)|(?:此次|本次)(?:签约|开工|动工)的)"
)
# a sentence speaking of the event named before it (纳入本次活动的项目共N个)
_THIS_EVENT = re.compile(r"(?:此次|本次|这次|该)(?:活动|仪式|大会|集中签约|集中开工|签约|开工)")
# an opening that speaks of the event itself (本次签约的…)
_THIS_DEED = re.compile(r"(?:此次|本次)(签约|开工|动工)")
# a sentence counting the works of a deed (签约落户的项目共8个, 集中开工的项目有12个)
_DEED_SAID = re.compile(r"(签约|开工|动工)[\u4e00-\u9fff]{0,12}?项目(?:共|有|达)")
_STARTED = ("动工", "开工", "签约", "签订", "签署", "投产", "竣工", "揭牌")
_TAKERS = (Kind.PROJECT, Kind.COMPANY)
# between a company and its works: 的, or an output figure (年产2万吨)
_OWNER_GAP = re.compile(r"的?(?:" + OUTPUT_RATE + r"[^\s,，;；。、的]{0,6})?")


def day_relations(ex: Extraction) -> list[Relation]:
    """当天共有5个项目同步动工，包括A项目、B项目: a sentence opening with 当天/现场, when
    one event only is named before it, lists the works started or signed at that event;
    so does one opening with 其中/签约项目中/此次签约的 right after a sentence naming one
    event (…集中签约仪式举行。签约项目中，A项目…；B公司…), over the sentences its ；
    strings on. The works and companies named take part in the event."""
    text = ex.article.text
    sentences = ex.article.sentences
    out = []
    for sentence in sentences:
        lead = sentence.start + _lead_space(sentence.text)
        event = _event_before(ex, sentence.index, ON_THE_DAY.match(text, lead) is not None)
        if event is None:
            continue
        name = next(m.text for m in ex.mentions if m.entity == event)
        if not any(w in sentence.text or w in name for w in _STARTED):
            continue
        listed = [sentence]
        while listed[-1].text.rstrip().endswith((";", "；")) and listed[-1].index + 1 < len(
            sentences
        ):
            listed.append(sentences[listed[-1].index + 1])
        for s in listed:
            out += _takers(ex, s.index, event)
    return out


def _event_before(ex: Extraction, index: int, on_the_day: bool) -> str | None:
    """The event a sentence opening with 当天/现场 or 其中/签约项目中 is about."""
    sentence = ex.article.sentences[index]
    lead = sentence.start + _lead_space(sentence.text)
    if on_the_day:
        events = {m.entity for m in ex.mentions if m.kind == Kind.EVENT and m.end <= sentence.start}
    elif (opening := _LISTED.match(ex.article.text, lead)) and index > 0:
        events = {m.entity for m in ex.mentions if m.kind == Kind.EVENT and m.sentence == index - 1}
        before = ex.article.sentences[index - 1]
        if not events and _THIS_EVENT.search(before.text):
            # 纳入本次活动的项目共N个。其中，…: the event named before that sentence
            events = {
                m.entity for m in ex.mentions if m.kind == Kind.EVENT and m.end <= before.start
            }
        elif not events and (
            verb := _THIS_DEED.match(opening.group()) or _DEED_SAID.search(before.text)
        ):
            # 本次签约的X项目…, 签约落户的项目共8个。其中，…: the one event named before
            # whose name holds 签约
            events = {
                m.entity
                for m in ex.mentions
                if m.kind == Kind.EVENT and m.end <= sentence.start and verb[1] in m.text
            }
    else:
        return None
    return next(iter(events)) if len(events) == 1 else None


def _takers(ex: Extraction, index: int, event: str) -> list[Relation]:
    """The top-level works and companies of a sentence, but for a company that only
    names the owner of the works right after it (X公司年产…Y项目: the works take part);
    each was started, signed or completed there as the verb heading it says."""
    text = ex.article.text
    name = next(m.text for m in ex.mentions if m.entity == event)
    ms = top_level(in_sentence(ex.mentions, index))
    out = []
    for i, m in enumerate(ms):
        if m.kind not in _TAKERS or m.entity == event:
            continue
        after = ms[i + 1] if i + 1 < len(ms) else None
        if (
            m.kind == Kind.COMPANY
            and after is not None
            and after.kind in (Kind.PROJECT, Kind.PARK)
            and _OWNER_GAP.fullmatch(text, m.end, after.start)
        ):
            continue
        deed = _deed_before(text, ms, ex.article.sentences[index].start, m.start, name)
        out.append(Relation(m.entity, _DEEDS.get(deed, "participatesIn"), event, index, "当天"))
    return out


# what works listed at a ceremony had done to them there, by the verb heading their list
_DEEDS = {
    "签约": "signedAt",
    "签订": "signedAt",
    "签署": "signedAt",
    "开工": "startedAt",
    "动工": "startedAt",
    "竣工": "completedAt",
    "投产": "completedAt",
    "建成": "completedAt",
}
_DEED = re.compile("|".join(_DEEDS))


def _deed_before(text: str, ms: list[Mention], lo: int, at: int, event: str) -> str | None:
    """The verb nearest before ``at`` in its sentence, outside names (开工项目包括A、B，竣工
    项目包括C: A started, C was completed); else the one kind of deed the event's name
    holds (…签约仪式)."""
    found = [
        d for d in _DEED.finditer(text, lo, at) if not any(n.start <= d.start() < n.end for n in ms)
    ]
    if found:
        return found[-1].group()
    named = {_DEEDS[d.group()] for d in _DEED.finditer(event)}
    return next(d for d in _DEEDS if _DEEDS[d] in named) if len(named) == 1 else None


def _lead_space(text: str) -> int:
    return len(text) - len(text.lstrip())


# X组织A、B联合召开E / X主办E: the organs before the verb hold the event named right after it
_HOLD = re.compile(r"(?:联合|共同|正式|隆重)?(?:召开|举行|举办|主办|承办)(?:了)?[“「]?")
HOSTS = (Kind.GOVERNMENT_BODY, Kind.ORGANIZATION, Kind.COMPANY)


def host_relations(ex: Extraction) -> list[Relation]:
    """Organs, organisations and companies named in the clause before 召开/举行/举办/主办
    with the event right after the verb (X组织A、B、C联合召开E) take part in it, as its hosts."""
    text = ex.article.text
    out = []
    for lo, _hi, ms in _clauses(ex):
        for i, event in enumerate(ms):
            if event.kind != Kind.EVENT:
                continue
            verb = next(
                (v for v in _HOLD.finditer(text, lo, event.start) if v.end() == event.start), None
            )
            if verb is None:
                continue
            for m in ms[:i]:
                if m.kind in HOSTS and m.end <= verb.start():
                    out.append(
                        Relation(m.entity, "participatesIn", event.entity, m.sentence, "召开")
                    )
    return out


# 大会举行了A仪式、B仪式: the event a word stands for holds the events listed after the verb
_PARTS_HELD = re.compile(
    r"(?P<word>大会|会议|活动|论坛|博览会)(?:上|期间|现场)?[,，]?(?:还|同时|先后|分别)?"
    r"(?:举行|举办)了?"
)


def held_part_relations(ex: Extraction) -> list[Relation]:
    """大会举行了A仪式、B仪式: each event listed after the verb is part of the one event
    named before whose name ends with the word (…动员大会)."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))
    out = []
    for m in _PARTS_HELD.finditer(text):
        listed, at = [], m.end()
        while (item := mention_at(ms, at, {Kind.EVENT})) is not None:
            listed.append(item)
            at = item.end + 1 if text.startswith("、", item.end) else -1
        if not listed:
            continue
        hosts = {
            e.entity
            for e in ms
            if e.kind == Kind.EVENT and e.end <= m.start() and e.text.endswith(m.group("word"))
        }
        if len(hosts) == 1:
            [host] = hosts
            out += [Relation(e.entity, "partOf", host, e.sentence, "举行") for e in listed]
    return out


# 本次仪式是E的组成部分: the event spoken of is part of E
_PART_OF_SAID = re.compile(r"\s*(?:此次|本次|这次|该)(?:活动|仪式|大会|会议)(?:是|为|作为)")
_A_PART = ("一环", "组成部分", "之一", "重要内容", "系列活动")


def said_part_relations(ex: Extraction) -> list[Relation]:
    """本次仪式是“X文化节”的组成部分: the one event named before is part of X."""
    text = ex.article.text
    out = []
    for s in ex.article.sentences:
        said = _PART_OF_SAID.match(text, s.start)
        if said is None:
            continue
        at = said.end() + text.startswith("“", said.end())
        whole = mention_at(tuple(top_level(ex.mentions)), at, {Kind.EVENT})
        if whole is None or not any(w in text[whole.end : s.end] for w in _A_PART):
            continue
        before = {
            m.entity
            for m in ex.mentions
            if m.kind == Kind.EVENT and m.end <= s.start and m.entity != whole.entity
        }
        if len(before) == 1:
            out.append(Relation(before.pop(), "partOf", whole.entity, s.index, "是…组成部分"))
    return out


# Y主持活动, Z在致辞中表示: the event spoken of is the one named before
_CHAIRED = re.compile(
    r"主持(?:了)?(?:本次|此次|这次)?(?:活动|会议|仪式|大会|开幕式|启动仪式|签约仪式)"
    r"|在(?:致辞|讲话|发言|主旨演讲)中"
)


def chair_relations(ex: Extraction) -> list[Relation]:
    """Y主持活动 / Z在致辞中表示: the person right before took part in the one top-level
    event named before."""
    text = ex.article.text
    cues = list(_CHAIRED.finditer(text))
    if not cues:
        return []
    people = {m.end: m for m in ex.mentions if m.kind == Kind.PERSON}
    events = [m for m in top_level(ex.mentions) if m.kind == Kind.EVENT]
    out = []
    for cue in cues:
        person = people.get(cue.start())
        if person is None:
            continue
        before = {e.entity for e in events if e.end <= person.start}
        if len(before) == 1:
            out.append(
                Relation(
                    person.entity, "participatesIn", before.pop(), person.sentence, cue.group()
                )
            )
    return out


@relation_rule("events")
def event_relations(ex: Extraction) -> list[Relation]:
    """Venues, participants, hosts and topics of the article's events."""
    return (
        venue_relations(ex)
        + participation_relations(ex)
        + host_relations(ex)
        + topic_relations(ex)
        + day_relations(ex)
        + held_part_relations(ex)
        + said_part_relations(ex)
        + chair_relations(ex)
    )
