"""Whom each figure is about: the subject of every Quantity.

In order, the first that applies:

0. in a clause opening with 对 after a policy in 《》, that policy (出台《…办法》，对…
   企业给予最高800万元奖励);
1. the name a 的 after the figure (or after the last figure of its 、-list) points
   to (47公里的碧道工程), or a name right after the figure (年产5000吨冷链食品项目; not
   the place of the people works benefit: 惠及42万X群众);
1b. a bound after a list (甲、乙、丙等投资逾5亿元的工业项目) is each listed thing's: the
   figure is copied for each of them;
2. the nearest fitting name before it in its clause, skipping examples (A、B等企业),
   places after 在 or 经 and every place listed with them (在石湾、园洲两地整备…), and
   scopes of ranks and shares (居江门第二, 排名全市第一, 高于佛山市平均水平);
2b. a clause referring back to an event (本次活动签下的…): the event named last before
   it (``kg.extract.figures.referents``);
3. for a total (共有22个…), the last thing the sentence named before it;
4. 全镇 / 全县 in the clause: the last town / county named before it (not the whole
   a share is of: 占全县的, 贡献全区增量的);
5. a clause opening with 园区, 公司, 项目, 该企业, 路线 …: the park, company or works it
   stands for (the previous figure's subject, else the topic or last such name of a
   sentence back through the paragraph, else the topic of one of the four sentences
   before it, else the one named most often);
6. in a sentence opening with 当天/现场, the one event named before it;
7. the subject of the previous figure of the same sentence (同比增长…), unless that
   one counts a set the subject is one of (是全省15个上榜县之一，排第62位);
7b. in a sentence opening with 其中 whose topic is no name (其中，开工项目包括…5项), the
   subject of the total the paragraph's previous sentence gave;
8. the project, park or road the sentence opens with (二期项目总投资…), past a short
   opening clause that names nothing (其中，配套方面，) and past a place before 的
   (A镇至B镇的X大道全长…);
9. what the sentence builds, signs, opens or brings in (投资15亿元建设智能小家电生产基地,
   引进X公司Y项目); after a company in the clause (rule 2), what the figure's clause or,
   for money invested, the next clause builds (X公司计划投资15亿元，在A镇建设Y);
10. whatever else the sentence opens with (a company, a town, an organ that acts:
   农业农村局联合…推广…，带动…; not one that speaks: …负责人表示);
11. the company, project, park or event the paragraph's previous sentence opened with;
12. the article's own place: a town, subdistrict or village the text is about (named
   at least three times, more often than any county or prefecture, and in at least
   half the mentions of towns and villages: an article on 杏坛镇 that names 顺德区
   once or twice, not a county's article naming many towns), else its main place (the
   county-level division named most often): a figure the text gives no subject
   is the article's own place's (全市… is always the main place's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from kg.extract.figures.referents import (
    list_items_before,
    referred_event,
    shared_by,
    total_broken_down,
)
from kg.extract.kinds import PLACES, Kind
from kg.extract.names.events import ON_THE_DAY
from kg.extract.pipeline import step
from kg.extract.text.clauses import find_all, first_mark_from, inside, last_mark_before
from kg.extract.text.spans import (
    covering,
    ending,
    first_starting_from,
    in_sentence,
    starting,
    within,
)
from kg.records import DIVISION_KINDS, Extraction, Mention, Quantity

SUBJECT_KINDS = PLACES | {Kind.PARK, Kind.COMPANY, Kind.PROJECT, Kind.ROAD, Kind.PROGRAMME}
WORKS = (Kind.PROJECT, Kind.PARK, Kind.ROAD)
_BUILD = ("建设", "打造", "扩建", "新建", "建成", "签约", "签下", "实施", "推进", "开工", "动工")
_BUILD += ("引进", "推动")
_SCOPE = ("居", "在", "列", "占", "高于", "低于", "较", "比", "超过", "于", "排名")
_SCOPE += ("经",)  # 途经A镇, 路线经A、B两镇: the places a road passes


def assign_subjects(ex: Extraction, fallback: str | None) -> tuple[Quantity, ...]:
    """Every figure with its subject set (figures already holding one keep it)."""
    out: list[Quantity] = []
    totals: dict[int, str] = {}  # sentence → subject of its last figure
    for q in ex.quantities:
        if not q.subject:
            previous = out[-1] if out and out[-1].sentence == q.sentence else None
            if previous is not None and _one_of(ex.article.text, previous):
                previous = None  # 是全省15个上榜县之一，排第62位: the rank is not the set's
            q = replace(q, subject=quantity_subject(ex, q, fallback, previous, totals))
        if q.subject:
            totals[q.sentence] = q.subject
        out += _each_of_list(ex, q)
    return tuple(out)


def _each_of_list(ex: Extraction, q: Quantity) -> list[Quantity]:
    """``q``, or one copy of it for each listed thing a bound holds for (A、B等投资超10亿元
    的项目: rule 1b)."""
    items = [
        m
        for m in shared_by(ex, q, _clause_start(ex.article.text, q.start) + 1)
        if m.kind in WORKS + (Kind.COMPANY,) and m.entity
    ]
    if len(items) < 2:
        return [q]
    return [replace(q, subject=m.entity) for m in items]


@step("figure-subjects", needs={"entities", "quantities"}, adds={"quantities"})
def figure_subjects_step(ex: Extraction) -> Extraction:
    """Sets the subject of every figure without one (the article's main place last)."""
    return ex.evolve(quantities=assign_subjects(ex, own_place(ex)))


_ONE_OF = "之一"


def _one_of(text: str, q: Quantity) -> bool:
    """Whether ``q`` counts a set the subject is one of (是全省15个上榜县之一): its clause
    goes on to 之一."""
    end = first_mark_from(text, ",，;；。:：", q.end)
    return text.find(_ONE_OF, q.end, end if end >= 0 else len(text)) >= 0


_LOCAL = (Kind.TOWN, Kind.SUBDISTRICT, Kind.VILLAGE)
_ABOVE_LOCAL = (Kind.COUNTY, Kind.PREFECTURE)
_LOCAL_MIN = 3


def own_place(ex: Extraction) -> str | None:
    """The place the article is about: a town, subdistrict or village named at least
    three times, more often than any county or prefecture, and in at least half of the
    article's mentions of towns and villages (an article on one town, not a county's
    article naming many), else the main place (``main_place``)."""
    local: Counter[str] = Counter()
    above: Counter[str] = Counter()
    for m in ex.mentions:
        if m.entity and m.kind in _LOCAL:
            local[m.entity] += 1
        elif m.entity and m.kind in _ABOVE_LOCAL:
            above[m.entity] += 1
    if local:
        place, count = sorted(local.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if (
            count >= _LOCAL_MIN
            and count > max(above.values(), default=0)
            and 2 * count >= sum(local.values())
        ):
            return place
    return main_place(ex)


def main_place(ex: Extraction) -> str | None:
    """Key of the county-level (else prefecture) division named most often."""
    found = _MAIN_PLACE.get(id(ex.mentions))
    if found is not None and found[0] is ex.mentions:
        return found[1]
    if len(_MAIN_PLACE) >= 8:
        _MAIN_PLACE.clear()
    place = _main_place(ex.mentions)
    _MAIN_PLACE[id(ex.mentions)] = (ex.mentions, place)
    return place


# main_place by mentions tuple: the figure rules ask it once per figure saying 全市
_MAIN_PLACE: dict[int, tuple[tuple[Mention, ...], str | None]] = {}


def _main_place(mentions: tuple[Mention, ...]) -> str | None:
    for levels in ((Kind.COUNTY,), (Kind.PREFECTURE,), (Kind.PROVINCE,)):
        counts = Counter(m.entity for m in mentions if m.kind in levels and m.entity)
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return None


def quantity_subject(
    ex: Extraction,
    q: Quantity,
    fallback: str | None,
    previous: Quantity | None = None,
    totals: dict[int, str] | None = None,
) -> str | None:
    """The entity a figure is about (see the module docstring)."""
    text = ex.article.text
    start = _clause_start(text, q.start)
    target = (
        _policy_terms(ex, q, start)
        or _holding_works(ex, q)
        or _de_target(ex, _last_of_list(ex, q))
        or _adjacent_target(ex, q)
        or _spent_on(ex, q)
    )
    if target:
        return target
    return (
        _named_in_clause(ex, q, start)
        or referred_event(ex, q, start)
        or _total_of(ex, q, start)
        or _whole_of(ex, q, start)
        or _anaphor(ex, q, start, previous)
        or _on_the_day(ex, q)
        or (previous.subject if previous is not None else None)
        or _parts_of_total(ex, q, totals or {})
        or _from_sentence(ex, q)
        or _paragraph_topic(ex, q)
        or fallback
    )


def _policy_terms(ex: Extraction, q: Quantity, start: int) -> str | None:
    """出台《…扶持办法》，对…企业给予最高800万元奖励: the terms of a policy named before
    the 对-clause are the policy's figures (rule 0)."""
    text = ex.article.text
    if not text.startswith("对", start + 1):
        return None
    policies = [
        m
        for m in in_sentence(ex.mentions, q.sentence)
        if m.end <= start and m.kind == Kind.PROGRAMME and text[m.start - 1 : m.start] == "《"
    ]
    return _top_level_at(ex.mentions, policies[-1]).entity if policies else None


def _named_in_clause(ex: Extraction, q: Quantity, start: int) -> str | None:
    """The nearest fitting name before the figure in its clause (rule 2)."""
    text = ex.article.text
    # A、B等企业7家: A and B (or names inside them) are examples, not the subject
    examples = {
        item
        for at in find_all(text, "等", start + 1, q.start)
        for item in list_items_before(ex, at + 1, start + 1)
    }
    before = [
        m
        for m in within(ex.mentions, start + 1, q.start)
        if m.kind in SUBJECT_KINDS
        and not _is_scope(text, m)
        and _top_level_at(ex.mentions, m) not in examples
        and not _counted(ex, m, q)
        and not _counts_before(ex, m, q)
    ]
    while before:
        nearest = _first_of_coordination(ex, _top_level_at(ex.mentions, before[-1]))
        if _is_scope(text, nearest):
            # 在石湾、园洲、龙溪三地整备用地: every place of a list after 在 is a scope
            before = [m for m in before if m.end <= nearest.start]
            continue
        if nearest.kind == Kind.COMPANY:
            # X公司投资15亿元建设Y: the money is Y's, not the investor's; so it is
            # when the next clause builds Y (X公司计划投资15亿元，在A镇建设Y)
            invested = _invested(q)
            return _built_object(ex, q, after_only=True, next_clause=invested) or nearest.entity
        return nearest.entity
    return None


def _parts_of_total(ex: Extraction, q: Quantity, totals: dict[int, str]) -> str | None:
    """其中，开工项目包括…5项: a sentence opening with 其中 and naming no topic of its own
    breaks down the previous sentence's total (rule 7b)."""
    if _sentence_topic(ex, q) is not None:
        return None
    return total_broken_down(ex, q, totals)


def _total_of(ex: Extraction, q: Quantity, start: int) -> str | None:
    """名单…, 共有22个县入选: a total counts what the sentence just named (rule 3)."""
    if not ex.article.text[start + 1 : q.start].lstrip().startswith(_TOTALS):
        return None
    earlier = [
        m
        for m in in_sentence(ex.mentions, q.sentence)
        if m.end <= start and m.kind in SUBJECT_KINDS
    ]
    if not earlier:
        return None
    return _first_of_coordination(ex, _top_level_at(ex.mentions, earlier[-1])).entity


def _from_sentence(ex: Extraction, q: Quantity) -> str | None:
    """The works the sentence opens with, else what it builds, else its topic (rules 6-8)."""
    topic = _sentence_topic(ex, q)
    if topic is not None and _counted(ex, topic, q):
        topic = None  # X项目M个: the sentence opens with what the figure counts
    if topic is not None and topic.kind in WORKS:
        return topic.entity
    return _built_object(ex, q) or (topic.entity if topic is not None else None)


# 园区企业本地配套率达到45%, 公司2023年实现营业收入…: a noun standing for a name
# said before; the kinds it can stand for.
ANAPHORS = {
    "该园区": (Kind.PARK,),
    "园区": (Kind.PARK,),
    "该公司": (Kind.COMPANY,),
    "该企业": (Kind.COMPANY,),
    "公司": (Kind.COMPANY,),
    "该集团": (Kind.COMPANY,),
    "集团": (Kind.COMPANY,),
    "该项目": WORKS,
    "项目": WORKS,
    "该工程": WORKS,
    "工程": WORKS,
    "产业园": (Kind.PARK,),
    # 路线起于A镇…，全长22公里; 路线经A、B、C三个镇: the road or road works named before
    "路线": (Kind.ROAD, Kind.PROJECT),
    "线路": (Kind.ROAD, Kind.PROJECT),
    "主线": (Kind.ROAD, Kind.PROJECT),
}
_CLAUSE_LEAD = re.compile(
    r"[\s,，、]*(?:其中|目前|同时|此外|另外|当前|现)?[,，]?(?:力争|争取|确保|预计|计划)?"
)


def _anaphor(ex: Extraction, q: Quantity, start: int, previous: Quantity | None) -> str | None:
    """A clause opening with 园区, 公司, 该项目 …: the thing of that kind the text is on —
    the previous figure's subject when it is one; else, sentence by sentence back through
    the paragraph, the sentence's topic or the last such name in it; else the one named
    most often so far (at least twice)."""
    text = ex.article.text
    word, lead = anaphor_at(text, start + 1)
    sentences = ex.article.sentences
    if word is None and 0 <= q.sentence < len(sentences):
        # 工程由…立项，…负责建设，总投资6.3亿元: the sentence opens with it
        word, lead = anaphor_at(text, sentences[q.sentence].start)
    if word is None or any(m.start <= lead < m.end for m in ex.mentions):
        return None  # 园区污水处理厂…: the word opens a name of its own
    kinds = ANAPHORS[word]
    if previous is not None and previous.subject:
        entity = ex.entity(previous.subject)
        if entity is not None and entity.kind in kinds:
            return previous.subject
    return antecedent(ex, q.sentence, lead, kinds)


def antecedent(ex: Extraction, sentence: int, lead: int, kinds: tuple[str, ...]) -> str | None:
    """The thing of ``kinds`` a noun at ``lead`` in ``sentence`` stands for (园区, 该项目):
    sentence by sentence back through the paragraph, the sentence's topic or the last
    such name in it; else the topic of one of the ``_TOPIC_REACH`` sentences before the
    paragraph (项目共设桥梁13座 opening a paragraph after the works' one); else the one
    named most often before ``lead`` (at least twice)."""
    said = [m for m in ex.mentions if m.end <= lead and m.kind in kinds and m.entity]
    paragraph = _paragraph_of(ex, sentence)
    index = sentence
    for index in range(sentence, -1, -1):  # back through the paragraph, nearest first
        if _paragraph_of(ex, index) != paragraph:
            break
        topic = _topic_of(ex, index) if index < sentence else None
        if topic is not None and topic.kind in kinds:
            return topic.entity
        here = [m for m in said if m.sentence == index]
        if here:
            return _top_level_at(ex.mentions, here[-1]).entity
    # 项目共设桥梁13座 opening a paragraph: the works a sentence just before opened with
    for before in range(index, max(-1, index - _TOPIC_REACH), -1):
        topic = _topic_of(ex, before) if before < sentence else None
        if topic is not None and topic.kind in kinds:
            return topic.entity
    if not said:
        return None
    counts = Counter(m.entity for m in said)
    latest = {m.entity: i for i, m in enumerate(said)}
    best = max(counts, key=lambda e: (counts[e], latest[e]))
    return best if counts[best] > 1 else None  # named once, far back: too weak a link


_TOPIC_REACH = 4  # sentences before the paragraph an anaphor may reach back


def _topic_of(ex: Extraction, index: int) -> Mention | None:
    """The topic of sentence ``index`` (the name it opens with), as ``_sentence_topic``."""
    end = ex.article.sentences[index].end
    return _sentence_topic(ex, Quantity("", end, end, index, Decimal(0), ""))


def anaphor_at(text: str, pos: int) -> tuple[str | None, int]:
    """The anaphor (园区, 公司 …) a clause starting at ``pos`` opens with, and where."""
    lead = _CLAUSE_LEAD.match(text, pos).end()
    return next((w for w in ANAPHORS if text.startswith(w, lead)), None), lead


def _paragraph_of(ex: Extraction, sentence: int) -> int | None:
    sentences = ex.article.sentences
    return sentences[sentence].paragraph if 0 <= sentence < len(sentences) else None


def _on_the_day(ex: Extraction, q: Quantity) -> str | None:
    """当天共有5个项目同步动工: a sentence opening with 当天/现场 counts at the one event
    named before it."""
    sentences = ex.article.sentences
    if not 0 <= q.sentence < len(sentences):
        return None
    sentence = sentences[q.sentence]
    text = ex.article.text
    lead = _LEAD.match(text, sentence.start).end()
    if not ON_THE_DAY.match(text, lead):
        return None
    events = {m.entity for m in ex.mentions if m.kind == Kind.EVENT and m.end <= sentence.start}
    return next(iter(events)) if len(events) == 1 else None


def _paragraph_topic(ex: Extraction, q: Quantity) -> str | None:
    """The company, project or park the previous sentence of the paragraph opened
    with (华岭纺织在深交所上市。此次公开发行股票3200万股…)."""
    sentences = ex.article.sentences
    if not 0 < q.sentence < len(sentences):
        return None
    here, before = sentences[q.sentence], sentences[q.sentence - 1]
    if before.paragraph != here.paragraph:
        return None
    if any(m.start < q.start and m.kind in PLACES for m in in_sentence(ex.mentions, q.sentence)):
        return None
    probe = replace(q, sentence=before.index, start=before.end, end=before.end)
    topic = _sentence_topic(ex, probe)
    return (
        topic.entity
        if topic is not None and topic.kind in WORKS + (Kind.COMPANY, Kind.EVENT)
        else None
    )


def _built_object(
    ex: Extraction, q: Quantity, after_only: bool = False, next_clause: bool = False
) -> str | None:
    """The project, park or road a verb of building or signing governs in the sentence,
    before the figure or in its clause (with ``after_only``, in its clause after it;
    with ``next_clause`` also in the clause right after one ending with the figure):
    in 收入超过20万元,建成示范带3条 the belts built are no subject of the income."""
    text = ex.article.text
    for m in in_sentence(ex.mentions, q.sentence):
        if m.kind not in WORKS:
            continue
        later = m.start >= q.end
        gap = text[q.end : m.start]
        if next_clause and later and _next_clause_only(ex, q, m, gap):
            gap = gap.lstrip()[1:]
        if (after_only and not later) or (later and _stops(gap)):
            continue
        anchor = m.start
        while True:  # 引进X公司覆铜板项目: the verb stands before the company's name
            owner = [c for c in ending(ex.mentions, anchor, anchor) if c.kind == Kind.COMPANY]
            if not owner:
                break
            anchor = min(c.start for c in owner)
        if _builds(text[max(0, anchor - 8) : anchor]):
            return _top_level_at(ex.mentions, m).entity
    return None


# 计划投资, 总投资, 投入: a figure that is money put into works
_INVESTED = ("投资", "投入")
_NEXT_CLAUSE_MAX = 16


def _invested(q: Quantity) -> bool:
    """Whether the figure is money invested (its measure says 投资 or 投入)."""
    return q.unit.endswith("元") and any(w in (q.measure or "") for w in _INVESTED)


def _next_clause_only(ex: Extraction, q: Quantity, works: Mention, gap: str) -> bool:
    """计划投资15亿元，在A镇建设Y: the figure ends its clause, and the next clause, short
    and naming no company nor holding another figure, leads up to the works."""
    rest = gap.lstrip()
    if rest[:1] not in ("，", ",") or _stops(rest[1:]) or len(rest) > _NEXT_CLAUSE_MAX:
        return False
    # 建设年产5万吨改性塑料项目: a figure right before the works describes them
    between = starting(ex.quantities, q.end + 1, works.start - 1)
    if any(q.end < o.start < works.start and o.end != works.start for o in between):
        return False
    return not any(
        c.kind == Kind.COMPANY
        and c.end != works.start  # 引进X公司Y项目: the company names the works
        for c in within(ex.mentions, q.end, works.start)
    )


def _builds(head: str) -> bool:
    """A verb of building in ``head`` with no clause mark after it (一个;水步镇引进: yes)."""
    for verb in _BUILD:
        i = head.rfind(verb)
        if i >= 0 and not _stops(head[i + len(verb) :]):
            return True
    return False


_WHOLE = {"全镇": (Kind.TOWN, Kind.SUBDISTRICT), "全县": (Kind.COUNTY,), "全区": (Kind.COUNTY,)}
# 镇里还计划投资2000万元…: the town, county or city named last before it
_HERE = {
    "镇里": (Kind.TOWN, Kind.SUBDISTRICT),
    "县里": (Kind.COUNTY,),
    "区里": (Kind.COUNTY,),
    "市里": (Kind.PREFECTURE, Kind.COUNTY),
}


def _whole_of(ex: Extraction, q: Quantity, start: int) -> str | None:
    """全镇 / 全县 in the figure's clause: the last town / county named before it
    (not in 占全县的23.8%, where the whole is the scope of a share)."""
    clause = ex.article.text[start + 1 : q.start]
    if "全市" in clause and not _whole_is_scope(clause, "全市"):
        return main_place(ex)  # 全市 is the article's own city
    for word, levels in _WHOLE.items():
        if word in clause and not _whole_is_scope(clause, word):
            named = [m for m in ex.mentions if m.end <= q.start and m.kind in levels]
            return named[-1].entity if named else None
    for word, levels in _HERE.items():
        if word in clause:
            named = [
                m
                for m in ex.mentions
                if m.end <= q.start
                and m.kind in levels
                and m.entity
                # 市里 is a city: a prefecture or a county-level 市 (台山市), not a 县
                and (word != "市里" or m.kind == Kind.PREFECTURE or m.text.endswith("市"))
            ]
            return named[-1].entity if named else None
    return None


def _whole_is_scope(clause: str, word: str) -> bool:
    """占全县的23.8%, 贡献全区增量的52.7%: the whole is what a share is of."""
    return any(verb + word in clause for verb in _SHARE_OF)


_SHARE_OF = ("占", "贡献", "拉动")
_LEAD = re.compile(r"[\s0-9年月日今去明上下半全一二三四季度前后以来截至止,，、]*")


def _sentence_topic(ex: Extraction, q: Quantity) -> Mention | None:
    """The name a sentence opens with (二期项目总投资…, 规划用地…): its figures are about it.

    A short opening clause without a name (其中，配套方面，为破解用地瓶颈，) is passed
    over; a place opening ``X的Y`` leaves the topic to Y (城区至东华镇的东延线全长…); an
    organ or organisation is the topic when it acts (农业农村局联合…推广…，带动…; 人民医院
    新院区投入使用，新增床位…), not when it speaks (发展和改革局负责人表示…).
    """
    sentence = (
        ex.article.sentences[q.sentence] if 0 <= q.sentence < len(ex.article.sentences) else None
    )
    if sentence is None:
        return None
    text = ex.article.text
    lead = _past_framing(ex, _LEAD.match(text, sentence.start).end(), q.start)
    first = [m for m in starting(ex.mentions, lead, lead) if m.kind in _TOPIC_KINDS]
    # 开平市水口镇是…: the topic is the last of places named one after another
    while first and first[0].kind in DIVISION_KINDS:
        nxt = [
            m for m in starting(ex.mentions, first[0].end, first[0].end) if m.kind in DIVISION_KINDS
        ]
        if not nxt:
            break
        first = nxt
    if not first or first[0].end > q.start:
        return None
    top = _top_level_at(ex.mentions, first[0])
    top = _head_after_de(ex, top, q.start) or top
    if top.kind in _ACTORS:
        spoken = text[top.end : q.start]
        return None if any(w in spoken for w in _SPEECH) else top
    return top if top.kind in SUBJECT_KINDS or top.kind == Kind.EVENT else None


_ACTORS = (Kind.GOVERNMENT_BODY, Kind.ORGANIZATION)
_TOPIC_KINDS = SUBJECT_KINDS | set(_ACTORS)
_SPEECH = ("表示", "介绍", "说", "称", "指出", "透露", "强调", "认为", "显示", "获悉", "负责人")
_FRAMING_MAX = 8
_DE_AFTER_PLACE = re.compile(r"(?:(?:至|到|—|-)[^\s,，。;；:：的]{1,8})?的")


def _past_framing(ex: Extraction, lead: int, limit: int) -> int:
    """Where the sentence's subject starts: after a short opening clause that names
    nothing (其中，配套方面，为破解用地瓶颈，)."""
    text = ex.article.text
    window = text[lead : min(limit, lead + _FRAMING_MAX + 1)]
    comma = min((i for i in (window.find("，"), window.find(",")) if i > 0), default=-1)
    if comma < 0 or any(ch.isdigit() for ch in window[:comma]):
        return lead
    if any(lead <= m.start < lead + comma for m in ex.mentions):
        return lead
    return _LEAD.match(text, lead + comma + 1).end()


def _head_after_de(ex: Extraction, place: Mention, limit: int) -> Mention | None:
    """The name after 的 when a sentence opens ``X的Y`` or ``A至B的Y``: Y is the head."""
    m = _DE_AFTER_PLACE.match(ex.article.text, place.end)
    if m is None or m.end() >= limit:
        return None
    after = [x for x in starting(ex.mentions, m.end(), m.end()) if x.kind in SUBJECT_KINDS]
    return _top_level_at(ex.mentions, after[0]) if after else None


def _holding_works(ex: Extraction, q: Quantity) -> str | None:
    """A figure inside the name of works (柘林湾5万吨级通用码头项目) is theirs."""
    holding = [m for m in covering(ex.mentions, q.start, q.end) if m.kind in WORKS]
    return _top_level_at(ex.mentions, holding[0]).entity if holding else None


def _adjacent_target(ex: Extraction, q: Quantity) -> str | None:
    """A name right after its figure (年产8000万平方米光学膜项目) is what it measures; not
    the place of the people some works benefit (惠及190万粤东群众: the works' figure)."""
    after = [m for m in starting(ex.mentions, q.end, q.end) if m.kind in SUBJECT_KINDS]
    if not after:
        return None
    top = _top_level_at(ex.mentions, after[0])
    if top.kind in PLACES and _BENEFITS.search(ex.article.text, max(0, q.start - 4), q.start):
        return None
    return top.entity


_BENEFITS = re.compile(r"(?:惠及|惠泽|造福|受益|服务|覆盖)(?:沿线|周边|全市|全县|全区)?$")


_TOTALS = ("共有", "共计", "合计", "总计")
_SPENT_ON = ("用于", "投向", "投入")


def _spent_on(ex: Extraction, q: Quantity) -> str | None:
    """另有1.2亿元用于麒麟镇物流仓储基地建设: the works the money goes to."""
    text = ex.article.text
    verb = next((v for v in _SPENT_ON if text.startswith(v, q.end)), None)
    if verb is None:
        return None
    at = q.end + len(verb)
    after = [m for m in starting(ex.mentions, at, at) if m.kind in SUBJECT_KINDS]
    if not after:
        return None
    top = _top_level_at(ex.mentions, after[0])
    return top.entity if top.kind in WORKS else None


def _de_target(ex: Extraction, q: Quantity) -> str | None:
    """The name right after 'figure的' (47公里的碧道工程), if any."""
    text = ex.article.text
    if not text.startswith("的", q.end):
        return None
    after = first_starting_from(ex.mentions, q.end, 4, lambda m: m.kind in SUBJECT_KINDS)
    if after is not None and _listed(text, after):
        after = None  # the first of a list of owners, named as works or companies
    if after is None:
        # 总投资210亿元的甲、乙、丙三个风电项目: the works after a list of their owners
        after = first_starting_from(
            ex.mentions, q.end, _DE_REACH, lambda m: m.kind in WORKS and not _listed(text, m)
        )
        if after is not None and _stops(text[q.end : after.start]):
            after = None
    return _top_level_at(ex.mentions, after).entity if after is not None else None


_DE_REACH = 20


def _listed(text: str, mention) -> bool:
    """Whether ``mention`` is an item of a 、-list (a 、 right before or after it)."""
    return text.startswith("、", mention.end) or text[mention.start - 1 : mention.start] == "、"


def _last_of_list(ex: Extraction, q: Quantity) -> Quantity:
    """The last figure of a 、-list holding ``q`` (主线长约291公里、支线长约350公里的…)."""
    text = ex.article.text
    # a gap of at most 8 characters: only figures starting in the next 8 can follow
    for nxt in starting(ex.quantities, q.end, q.end + 8):
        gap = text[q.end : nxt.start]
        if gap.startswith("、") and len(gap) <= 8 and not _stops(gap):
            return _last_of_list(ex, nxt)
    return q


def _stops(gap: str) -> bool:
    return any(p in gap for p in ",，;；。:：")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after , ; 。 : or a long parenthesis
    (a short one belongs to a unit: 个县(市、区))."""
    start = last_mark_before(text, ",，;；。:：", pos)
    close = max(text.rfind(")", start + 1, pos), text.rfind("）", start + 1, pos))
    if close > start:
        opening = last_mark_before(text, "(（", close)
        if close - opening > 8:
            start = close
    return start


def _is_scope(text: str, m: Mention) -> bool:
    """居江门第二, 在安铺镇投资, 高于佛山市平均水平: a place after these words is a
    scope, location or comparison, not what is measured."""
    return text[max(0, m.start - 2) : m.start].endswith(_SCOPE)


_COUNT_KINDS = ("count",)


def _counted(ex: Extraction, m: Mention, q: Quantity) -> bool:
    """建成县级示范带3条: a name right before a count is what is counted, not its subject."""
    if q.kind != "amount" or q.base_unit != q.unit:
        return False  # only counts (个, 条, 家) count the thing named before them
    top = _top_level_at(ex.mentions, m)
    if top.kind in PLACES:
        return False
    # A、B、C3项: every item of the list before the count is counted
    floor = _clause_start(ex.article.text, q.start) + 1
    return top.end == q.start or top in list_items_before(ex, q.start, floor)


def _counts_before(ex: Extraction, m: Mention, q: Quantity) -> bool:
    """新材料项目28个、电子信息项目19个: a name another count right after it counts is no
    subject of the figures after that count."""
    top = _top_level_at(ex.mentions, m)
    if top.kind in PLACES:
        return False
    return any(
        o is not q and o.kind == "amount" and o.base_unit == o.unit
        for o in starting(ex.quantities, top.end, top.end)
    )


def _first_of_coordination(ex: Extraction, m: Mention) -> Mention:
    """大良街道、伦教街道新增学位5400个: a figure after places joined by 、 (和, 与, 及)
    goes to the first of them, as the list's head."""
    text = ex.article.text
    while text[m.start - 1 : m.start] in _JOINS:
        prev = [x for x in ending(ex.mentions, m.start - 1, m.start - 1) if _alike(x, m)]
        if not prev:
            break
        m = _top_level_at(ex.mentions, prev[0])
    return m


_JOINS = ("、", "和", "与", "及")


def _alike(a: Mention, b: Mention) -> bool:
    """Two names a list may join: of one kind, or both places (杏坛镇、勒流街道)."""
    return a.kind == b.kind or (a.kind in PLACES and b.kind in PLACES)


def _top_level_at(mentions: tuple[Mention, ...], m: Mention) -> Mention:
    """The outermost mention containing ``m`` (a figure is about 碧道工程, not 碧道)."""
    outer = [x for x in covering(mentions, m.start, m.end) if inside(m, x)]
    return max(outer, key=lambda x: x.end - x.start) if outer else m
