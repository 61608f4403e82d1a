"""The relation step: statements the text makes, and whom each figure is about.

Three sources, all within one sentence (never mere co-occurrence):

- **nesting**: a name inside a longer name (鹤山工业城 is in 鹤山市; 西江美岸文创园项目
  is about 西江美岸文创园; 县级“百千万工程”指挥部 is about the programme);
- **routes**: a road section or route connects the places at its ends;
- **cue words** between two mentions of one clause (位于, 落户, 依托, 批复, 评估,
  在…召开, X的…Company), read from ``CUES`` below.

Selections, events, works and roads, and parties have modules of their own
(``selection``, ``events``, ``works``, ``courses``, ``parties``); the works and
anaphora rules there may reach a sentence or two back (项目/工程, 开发区内的X).

Every rule registers by name (``kg.extract.relations.registry``); the step runs them in
``RULE_ORDER``. Figures get their subjects and periods in steps of their own
before this one (``subjects``, ``dating``), as the members rule reads them.
"""

from __future__ import annotations

import re

from kg.extract.figures.subjects import SUBJECT_KINDS
from kg.extract.kinds import PLACES, SITES, Kind
from kg.extract.pipeline import step
from kg.extract.relations import (
    agreements,
    areas,
    documents,
    events,
    goals,
    honours,
    listed_works,
    listings,
    members,
    paths,
    posts,
    roads,
    works,
)
from kg.extract.relations.home import home_place, home_relations
from kg.extract.relations.registry import relation_rule, rules_in
from kg.extract.relations.works import share_with_coordinated
from kg.extract.text.clauses import CLAUSE, find_all, inside, top_level, top_level_within
from kg.extract.text.doc import doc_of
from kg.extract.text.spans import in_sentence, uncovered, within
from kg.records import DIVISION_KINDS, Extraction, Mention, Relation

# the modules of the other rules: importing them registers their rules
RULE_MODULES = (
    agreements,
    areas,
    documents,
    events,
    goals,
    honours,
    listed_works,
    listings,
    members,
    paths,
    posts,
    roads,
    works,
)
HOLDERS = PLACES | {Kind.PARK}

# cue: (subject kinds, object kinds, predicate, subject is left of the cue)
CUES: dict[str, tuple[set[str], set[str], str, bool]] = {
    "位于": (SUBJECT_KINDS, HOLDERS, "locatedIn", True),
    "坐落于": (SUBJECT_KINDS, HOLDERS, "locatedIn", True),
    "落户": ({Kind.COMPANY, Kind.PROJECT}, HOLDERS, "locatedIn", False),
    "入驻": ({Kind.COMPANY, Kind.PROJECT}, HOLDERS, "locatedIn", False),
    "依托": (SUBJECT_KINDS, SUBJECT_KINDS, "dependsOn", True),
    "批复": ({Kind.PROJECT, Kind.PARK, Kind.PROGRAMME}, {Kind.GOVERNMENT_BODY}, "approvedBy", None),
    "立项": ({Kind.PROJECT, Kind.PARK, Kind.PROGRAMME}, {Kind.GOVERNMENT_BODY}, "approvedBy", None),
    "评估": (
        {Kind.PROJECT, Kind.PARK, Kind.PROGRAMME},
        {Kind.GOVERNMENT_BODY},
        "evaluatedBy",
        None,
    ),
    "验收": (
        {Kind.PROJECT, Kind.PARK, Kind.PROGRAMME},
        {Kind.GOVERNMENT_BODY},
        "evaluatedBy",
        None,
    ),
    "召开": ({Kind.EVENT}, PLACES, "heldIn", None),
    "举行": ({Kind.EVENT}, PLACES, "heldIn", None),
    "举办": ({Kind.EVENT}, PLACES, "heldIn", None),
    "组成部分": ({Kind.PARK, Kind.REGION, Kind.PROJECT}, {Kind.PARK, Kind.REGION}, "partOf", None),
}


# what makes an event named after another a part of it: a theme, a venue
_SUB_EVENT = re.compile(r"[季月周]?“|[\u4e00-\u9fff]{2,6}?[主分]会场")
# waters a path, park, site or works can be named after
_WATERS = frozenset({Kind.RIVER, Kind.RESERVOIR, Kind.LAKE})
# a route in a name (A至B, A—B): its places are the ends, not where the works lie
_ROUTE_MARKS = ("至", "—", "－", "–", "-", "到")


def _nesting_predicate(inner: Mention, outer: Mention) -> tuple[str, bool] | None:
    """(predicate, outer is subject) for a name nested in another, or None."""
    o, i = outer.kind, inner.kind
    opens = o == Kind.PROJECT and i in DIVISION_KINDS and inner.start == outer.start
    if opens and i != Kind.PROVINCE and not any(sep in outer.text for sep in _ROUTE_MARKS):
        return "locatedIn", True  # X县农村供水一体化工程 lies in X县 (广东X中心项目: a brand)
    if i in _WATERS and inner.start == outer.start and (o == Kind.ROAD or o in SITES):
        return "adjacentTo", True  # X涌栈道, X河碧道 run along the water they are named after
    if o in (Kind.ROAD, Kind.PROJECT) and i in DIVISION_KINDS:
        return None  # places in a road's name are its ends, handled as routes
    if o in (Kind.PROGRAMME, Kind.EVENT) and i in DIVISION_KINDS:
        return "about", True  # 罗定市招商引资奖励办法 concerns 罗定市; it does not lie in it
    if i in DIVISION_KINDS or (
        (i == Kind.REGION or i in SITES)
        and o in (Kind.PARK, Kind.PROJECT, Kind.REGION, Kind.VILLAGE)
    ):
        return ("locatedIn", True) if inner.start == outer.start or o != Kind.PROJECT else None
    if o in (Kind.PARK, Kind.REGION) and i in (Kind.PARK, Kind.REGION):
        return "partOf", True
    if o == Kind.ROAD and i == Kind.ROAD:
        return "partOf", True
    if o == Kind.EVENT and i == Kind.COMPANY:
        return "participatesIn", False
    if o == Kind.PROJECT and i == Kind.COMPANY and inner.start == outer.start:
        return "investsIn", False  # X有限公司Y项目, X厂技改工程: the company's works
    if o == Kind.EVENT and i == Kind.EVENT:
        if _SUB_EVENT.match(outer.text, inner.end - outer.start):
            return "partOf", True  # X活动季“Y专场”活动, X活动A分会场活动: a part of X
        return "partOf", False  # the plenum is part of the joint session (…全会暨…会议)
    if o == i == Kind.GOVERNMENT_BODY and inner.start == outer.start:
        return "partOf", True  # 区人大常委会 and 区委宣传部 are parts of 区人大 and 区委
    if i in (Kind.PARK, Kind.ROAD, Kind.PROGRAMME, Kind.PROJECT, Kind.REGION, Kind.COMPANY):
        return "about", True
    if o == Kind.PROJECT and i in _WATERS:
        return "about", True  # X河整治工程 is works on the river
    return None


def nesting_relations(mentions: tuple[Mention, ...]) -> list[Relation]:
    """Relations between a name and the names inside it (direct nesting only)."""
    out = []
    for outer in mentions:
        inner = [
            m
            for m in within(mentions, outer.start, outer.end)
            if inside(m, outer) and m.entity != outer.entity
        ]
        direct = uncovered(inner)
        if outer.kind == Kind.EVENT:
            # 中共X县委九届九次全会暨县委经济工作会议: the place under the plenum's name too
            direct += [m for m in inner if m.kind in DIVISION_KINDS and m not in direct]
            direct += [m for m in inner if m.kind == Kind.EVENT and m not in direct]
        if outer.kind == Kind.PROJECT:
            # X县新区供水工程: the county opening the name under the area's name too
            direct += [m for m in inner if _opens_under_area(m, outer, inner) and m not in direct]
        for m in direct:
            found = _nesting_predicate(m, outer)
            if found:
                pred, outer_first = found
                s, o = (outer, m) if outer_first else (m, outer)
                out.append(Relation(s.entity, pred, o.entity, outer.sentence, outer.text))
    return out


def _opens_under_area(m: Mention, outer: Mention, inner: list[Mention]) -> bool:
    """A division opening works' name inside a new area or park's name that opens it too."""
    if m.kind not in DIVISION_KINDS or m.start != outer.start:
        return False
    holders = [c for c in inner if c is not m and c.start == m.start and c.end > m.end]
    return bool(holders) and all(c.kind in (Kind.REGION, Kind.PARK) for c in holders)


def village_relations(ex: Extraction) -> list[Relation]:
    """A village or market town named right after a town (鹤城小官田村, X镇Y圩) lies in it."""
    ends = {m.end: m for m in ex.mentions if m.kind in DIVISION_KINDS and m.kind != Kind.VILLAGE}
    return [
        Relation(v.entity, "locatedIn", ends[v.start].entity, v.sentence, v.text)
        for v in ex.mentions
        if (v.kind == Kind.VILLAGE or v.source == "village") and v.start in ends
    ]


def route_relations(ex: Extraction) -> list[Relation]:
    """A road, road section or works on a route connects the places at its two ends
    (太平至六祖旅游公路, 车岗镇至水台镇农村公路提质改造工程)."""
    out = []
    for road in ex.mentions:
        inner = [m for m in within(ex.mentions, road.start, road.end) if inside(m, road)]
        if road.kind == Kind.PROJECT and any(m.kind == Kind.ROAD for m in inner):
            continue  # the road section inside the works carries the ends
        if road.kind not in (Kind.ROAD, Kind.PROJECT):
            continue
        ends = [m for m in inner if m.kind in PLACES]
        for place in _end_places(road, ends):
            out.append(Relation(road.entity, "connects", place.entity, road.sentence, road.text))
    return out


def _end_places(road: Mention, places: list[Mention]) -> list[Mention]:
    """The innermost place on each side of 至 / — in the road's name (桃源, 址山)."""
    cut = max(road.text.rfind("至"), road.text.rfind("—"), road.text.rfind("－"))
    if cut < 0:
        return []
    split = road.start + cut
    left = [p for p in places if p.end <= split]
    right = [p for p in places if p.start > split]
    chosen = []
    if left:
        chosen.append(max(left, key=lambda p: p.end))
    if right:
        chosen.append(max(right, key=lambda p: (-p.start, p.end)))
    return chosen


def cue_relations(ex: Extraction) -> list[Relation]:
    """Relations signalled by a cue word between two mentions of one clause."""
    text = ex.article.text
    out = []
    cues = [(cue, how) for cue, how in CUES.items() if cue in text]  # the others find nothing
    for clause in CLAUSE.finditer(text):
        ms = areas.without_holders(top_level_within(ex.mentions, clause.start(), clause.end()))
        for cue, (subj_kinds, obj_kinds, pred, subj_left) in cues:
            for at in find_all(text, cue, clause.start(), clause.end()):
                left = [m for m in ms if m.end <= at]
                right = [m for m in ms if m.start >= at + len(cue)]
                out.extend(_cue_pairs(left, right, subj_kinds, obj_kinds, pred, subj_left, cue))
        out.extend(_possessive_hosts(text, ms))
    return out


def _cue_pairs(left, right, subj_kinds, obj_kinds, pred, subj_left, cue) -> list[Relation]:
    pairs = []
    near_left = left[-1:] if left else []
    if subj_left in (True, None):
        pairs += [(a, b) for a in near_left for b in right[:1]]
    if subj_left in (False, None):
        pairs += [(b, a) for a in near_left for b in right[:2]]
    if subj_left is None and len(left) >= 2:
        # both ends before the cue: X得到Y批复, X通过Y评估, X在Y召开
        a, b = left[-2], left[-1]
        pairs += [(a, b), (b, a)]
    out = []
    for s, o in pairs:
        if s.kind in subj_kinds and o.kind in obj_kinds and s.entity != o.entity:
            out.append(Relation(s.entity, pred, o.entity, s.sentence, cue))
    return out


# cue: (object kinds, predicate from object to the agent, agent kinds)
AGENT_CUES = {
    "成立": ({Kind.GOVERNMENT_BODY, Kind.ORGANIZATION}, "establishedBy"),
    "组建": ({Kind.GOVERNMENT_BODY, Kind.ORGANIZATION}, "establishedBy"),
    "设立": ({Kind.GOVERNMENT_BODY, Kind.ORGANIZATION}, "establishedBy"),
    "获": ({Kind.GOVERNMENT_BODY}, "honouredBy"),
    "实施": ({Kind.PROGRAMME}, "implements"),
    "开展": ({Kind.PROGRAMME}, "implements"),
    "落实": ({Kind.PROGRAMME}, "implements"),
    "推进": ({Kind.PROGRAMME}, "implements"),
    "推行": ({Kind.PROGRAMME}, "implements"),
    "深化": ({Kind.PROGRAMME}, "implements"),
    "推动": ({Kind.PROGRAMME}, "implements"),
    "坚持": ({Kind.PROGRAMME}, "implements"),
    "围绕": ({Kind.PROGRAMME}, "implements"),
    "打造": ({Kind.PROGRAMME}, "implements"),
}
# verbs too common to reach past other words to a programme: its name follows at once
# (推进“一镇一业”, 推行“一企一策”; not 推进发展新型农村集体经济专项改革试点)
_DIRECT = ("推进", "推行", "深化", "推动", "坚持", "打造")
# 以“百千万工程”为总抓手 / 为牵引: the programme is what the agent carries out
_LEVER = re.compile(r"[”」》]?为(?:总|重要|主要)?(?:抓手|牵引|引领|主线)")
# 顺德区发展和改革局相关负责人表示，… / 农业农村局介绍，…: the organ speaks for itself
_SPEAKS = re.compile(
    r"(?:(?:相关|有关|主要)?负责(?:人|同志))?(?:在[^,，。；;]{1,16}上)?"
    r"(?:表示|介绍|说|指出|透露|强调)"
)
_WHOLE = ("全县", "全市", "全区")


def agent_relations(ex: Extraction, fallback: str | None) -> list[Relation]:
    """成立…指挥部 (established by the clause's place); 获国务院…激励 (the place is
    honoured by the organ); 实施/推进“…” and 以“…”为总抓手 (the place implements it).
    Without a place in the clause the agent is the organ whose spokesman says it
    (X局负责人表示，将开展…行动), else the article's main place."""
    text = ex.article.text
    out = []
    cues = {cue: how for cue, how in AGENT_CUES.items() if cue in text}  # the others find nothing
    for clause in CLAUSE.finditer(text):
        ms = top_level_within(ex.mentions, clause.start(), clause.end())
        for at, cue, obj, pred in _agent_cues(text, clause, ms, cues):
            agent = next((m.entity for m in reversed(ms) if m.end <= at and m.kind in PLACES), None)
            agent = agent or _speaker(ex, clause.start(), at, fallback)
            if agent is None or text.startswith(_APPROVALS, obj.end):
                continue  # 获X批复 is an approval (works.py), not an honour
            if pred == "establishedBy":
                out.append(Relation(obj.entity, pred, agent, obj.sentence, cue))
            else:
                out.append(Relation(agent, pred, obj.entity, obj.sentence, cue))
    return out


def _agent_cues(text: str, clause: re.Match, ms: list[Mention], cues: dict = AGENT_CUES) -> list:
    """(cue position, cue, object, predicate) for the agent cues of a clause (of
    ``cues``, the ones the text holds)."""
    found = []
    for cue, (kinds, pred) in cues.items():
        reach = 1 if cue in _DIRECT else 20
        for at in find_all(text, cue, clause.start(), clause.end()):
            objs = [m for m in ms if m.start >= at + len(cue) and m.kind in kinds]
            objs = [m for m in objs if m.start <= at + len(cue) + reach]
            # 围绕“X”具体部署和“Y工程”工作要求: each programme within reach
            for obj in objs if pred == "implements" else objs[:1]:
                found.append((at, cue, obj, pred))
    for obj in ms:
        at = obj.start - (2 if text[obj.start - 1 : obj.start] in ("“", "「", "《") else 1)
        if obj.kind == Kind.PROGRAMME and text[at : at + 1] == "以" and _LEVER.match(text, obj.end):
            found.append((at, "以…为抓手", obj, "implements"))
    # 全省推进“百千万工程”促进…现场会在茂名召开: the cue is inside the event's name
    return [
        (at, cue, obj, pred)
        for at, cue, obj, pred in found
        if pred != "implements" or not any(m.kind == Kind.EVENT and m.start >= obj.end for m in ms)
    ]


def _speaker(ex: Extraction, clause_start: int, at: int, fallback: str | None) -> str | None:
    """The organ or organisation that opens the sentence and speaks before the clause
    (X局负责人表示，…); the main place when the clause says 全县/全市 or none speaks."""
    text = ex.article.text
    sentence = doc_of(ex.article).sentence_at(clause_start)
    if sentence is None or any(w in text[clause_start:at] for w in _WHOLE):
        return fallback
    ms = top_level(in_sentence(ex.mentions, sentence.index))
    opener = next(iter(ms), None)
    if (
        opener is not None
        and opener.kind in (Kind.GOVERNMENT_BODY, Kind.ORGANIZATION)
        and not text[sentence.start : opener.start].strip()
    ):
        speech = _SPEAKS.match(text, opener.end)
        if speech and speech.end() <= clause_start:
            return opener.entity
    return fallback


_APPROVALS = ("批复", "批准", "立项", "核准", "审批", "备案")
_BUILD_VERBS = ("投资", "建设", "打造", "新建", "扩建", "兴建", "布局", "签约")


def site_relations(ex: Extraction) -> list[Relation]:
    """在X镇建设Y项目 and X镇的Y项目: the works lie in the place; a company before
    投资/建设 in the same sentence invests in them (X公司在Y镇投资建设Z项目)."""
    text = ex.article.text
    out = []
    for clause in CLAUSE.finditer(text):
        ms = top_level_within(ex.mentions, clause.start(), clause.end())
        for i, m in enumerate(ms):
            if m.kind not in (Kind.PROJECT, Kind.PARK) or m.start == clause.start():
                continue
            head = text[clause.start() : m.start]
            verb = max((head.rfind(v) for v in _BUILD_VERBS), default=-1)
            before = [x for x in ms[:i] if x.end <= m.start]
            place = next((x for x in reversed(before) if x.kind in PLACES), None)
            if place is not None and (
                text[place.start - 1 : place.start] == "在"
                and verb >= place.end - clause.start()
                or text.startswith("的", place.end)
                and place.end + 1 == m.start
            ):
                out.append(Relation(m.entity, "locatedIn", place.entity, m.sentence, "在/的"))
            company = next((x for x in reversed(before) if x.kind == Kind.COMPANY), None)
            if company is not None and verb >= company.end - clause.start():
                out.append(Relation(company.entity, "investsIn", m.entity, m.sentence, "投资"))
    return out


def _possessive_hosts(text: str, ms: list[Mention]) -> list[Relation]:
    """Park …的… Company (基地占地1000亩的两个项目X和Y): the companies are in the park."""
    out = []
    for i, park in enumerate(ms):
        if park.kind != Kind.PARK:
            continue
        for m in ms[i + 1 :]:
            if m.kind == Kind.COMPANY and "的" in text[park.end : m.start]:
                out.append(Relation(m.entity, "locatedIn", park.entity, m.sentence, "的"))
    return out


relation_rule("nesting")(lambda ex: nesting_relations(ex.mentions))
relation_rule("routes")(route_relations)
relation_rule("villages")(village_relations)
relation_rule("cues")(cue_relations)
relation_rule("sites")(site_relations)
relation_rule("agents")(lambda ex: agent_relations(ex, home_place(ex)))

# the order the rules run in: the first relation found keeps its evidence
RULE_ORDER = (
    "nesting",
    "routes",
    "villages",
    "sub-areas",
    "spans",
    "possessed",
    "cues",
    "sites",
    "agents",
    "honours",
    "events",
    "works",
    "listed-works",
    "roads",
    "paths",
    "agreements",
    "people",
    "documents",
    "goals",
    "listings",
    "members",
)


@step("relations", needs={"entities", "quantities"}, adds={"relations"})
def relations_step(ex: Extraction) -> Extraction:
    """Adds the relations every rule of ``RULE_ORDER`` finds, each once; a relation of
    the first of names coordinated with 、 is shared with the others."""
    found: list[Relation] = []
    for _, rule in rules_in(RULE_ORDER):
        found += rule(ex)
    found += share_with_coordinated(ex, found)
    found += home_relations(ex, found, home_place(ex))
    seen, relations = set(), []
    for r in found:
        key = (r.subject, r.predicate, r.object, r.sentence)
        if r.subject and r.object and r.subject != r.object and key not in seen:
            seen.add(key)
            relations.append(r)
    return ex.evolve(relations=tuple(relations))
