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
   a place in brackets after a name (X园(A镇内)面积…), places after 在 or 经 and every
   place listed with them (在石湾、园洲两地整备…), and
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
from dataclasses import replace

from kg.extract.figures.builds import built_object, invested, stops
from kg.extract.figures.own_place import main_place, own_place, whole_of
from kg.extract.figures.referents import (
    first_of_coordination,
    last_of_list,
    list_items_before,
    listed,
    referred_event,
    shared_by,
    total_broken_down,
)
from kg.extract.figures.topics import (
    ANAPHORS,
    LEAD,
    SUBJECT_KINDS,
    WORKS,
    anaphor_at,
    antecedent,
    frames_only,
    sentence_topic,
    top_level_at,
)
from kg.extract.kinds import PLACES, Kind
from kg.extract.names.events import ON_THE_DAY
from kg.extract.pipeline import step
from kg.extract.text.clauses import find_all, first_mark_from, last_mark_before
from kg.extract.text.spans import (
    covering,
    ending,
    first_starting_from,
    in_sentence,
    starting,
    within,
)
from kg.records import Extraction, Mention, Quantity

# what the relation rules and the table reader take from here
__all__ = [
    "ANAPHORS",
    "SUBJECT_KINDS",
    "WORKS",
    "anaphor_at",
    "antecedent",
    "assign_subjects",
    "figure_subjects_step",
    "main_place",
    "own_place",
    "quantity_subject",
]

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
        or _de_target(ex, last_of_list(ex, q))
        or _adjacent_target(ex, q)
        or _spent_on(ex, q)
    )
    if target:
        return target
    return (
        _named_in_clause(ex, q, start)
        or referred_event(ex, q, start)
        or _total_of(ex, q, start)
        or whole_of(ex, q, start)
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
    return top_level_at(ex.mentions, policies[-1]).entity if policies else None


def _named_in_clause(ex: Extraction, q: Quantity, start: int) -> str | None:
    """The nearest fitting name before the figure in its clause (rule 2)."""
    text = ex.article.text
    # A、B等企业7家: A and B (or names inside them) are examples, not the subject
    examples = {
        item
        for at in find_all(text, "等", start + 1, q.start)
        for item in list_items_before(ex, at + 1, start + 1)
    }

    def fits(m: Mention) -> bool:
        return (
            m.kind in SUBJECT_KINDS
            and not _is_scope(text, m)
            and not _qualifies_name(ex, m)
            and not frames_only(text, top_level_at(ex.mentions, m))
            and top_level_at(ex.mentions, m) not in examples
            and not _counted(ex, m, q)
            and not _counts_before(ex, m, q)
        )

    # the last fitting name ending by ``limit``, found from the right (the names
    # before it need no look)
    names, limit = within(ex.mentions, start + 1, q.start), q.start
    while last := next((m for m in reversed(names) if m.end <= limit and fits(m)), None):
        nearest = first_of_coordination(ex, top_level_at(ex.mentions, last))
        if _is_scope(text, nearest):
            # 在石湾、园洲、龙溪三地整备用地: every place of a list after 在 is a scope
            limit = min(limit, nearest.start)
            continue
        if nearest.kind == Kind.COMPANY:
            # X公司投资15亿元建设Y: the money is Y's, not the investor's; so it is
            # when the next clause builds Y (X公司计划投资15亿元，在A镇建设Y)
            money = invested(q)
            return built_object(ex, q, after_only=True, next_clause=money) or nearest.entity
        return nearest.entity
    return None


def _qualifies_name(ex: Extraction, m: Mention) -> bool:
    """X产业园(A镇内)面积N亩: a place in brackets right after a name says where that
    name lies; it is not what is measured."""
    text = ex.article.text
    if m.kind not in PLACES or text[m.start - 1 : m.start] not in ("(", "（"):
        return False
    return bool(ending(ex.mentions, m.start - 1, m.start - 1))


def _parts_of_total(ex: Extraction, q: Quantity, totals: dict[int, str]) -> str | None:
    """其中，开工项目包括…5项: a sentence opening with 其中 and naming no topic of its own
    breaks down the previous sentence's total (rule 7b)."""
    if sentence_topic(ex, q) is not None:
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
    return first_of_coordination(ex, top_level_at(ex.mentions, earlier[-1])).entity


def _from_sentence(ex: Extraction, q: Quantity) -> str | None:
    """The works the sentence opens with, else what it builds, else its topic (rules 6-8)."""
    topic = sentence_topic(ex, q)
    if topic is not None and _counted(ex, topic, q):
        topic = None  # X项目M个: the sentence opens with what the figure counts
    if topic is not None and topic.kind in WORKS:
        return topic.entity
    return built_object(ex, q) or (topic.entity if topic is not None else None)


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


def _on_the_day(ex: Extraction, q: Quantity) -> str | None:
    """当天共有5个项目同步动工: a sentence opening with 当天/现场 counts at the one event
    named before it."""
    sentences = ex.article.sentences
    if not 0 <= q.sentence < len(sentences):
        return None
    sentence = sentences[q.sentence]
    text = ex.article.text
    lead = LEAD.match(text, sentence.start).end()
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
    topic = sentence_topic(ex, probe)
    return (
        topic.entity
        if topic is not None and topic.kind in WORKS + (Kind.COMPANY, Kind.EVENT)
        else None
    )


def _holding_works(ex: Extraction, q: Quantity) -> str | None:
    """A figure inside the name of works (柘林湾5万吨级通用码头项目) is theirs."""
    holding = [m for m in covering(ex.mentions, q.start, q.end) if m.kind in WORKS]
    return top_level_at(ex.mentions, holding[0]).entity if holding else None


def _adjacent_target(ex: Extraction, q: Quantity) -> str | None:
    """A name right after its figure (年产8000万平方米光学膜项目) is what it measures; not
    the place of the people some works benefit (惠及190万粤东群众: the works' figure)."""
    after = [m for m in starting(ex.mentions, q.end, q.end) if m.kind in SUBJECT_KINDS]
    if not after:
        return None
    top = top_level_at(ex.mentions, after[0])
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
    top = top_level_at(ex.mentions, after[0])
    return top.entity if top.kind in WORKS else None


def _de_target(ex: Extraction, q: Quantity) -> str | None:
    """The name right after 'figure的' (47公里的碧道工程), if any."""
    text = ex.article.text
    if not text.startswith("的", q.end):
        return None
    after = first_starting_from(ex.mentions, q.end, 4, lambda m: m.kind in SUBJECT_KINDS)
    if after is not None and listed(text, after):
        after = None  # the first of a list of owners, named as works or companies
    if after is None:
        # 总投资210亿元的甲、乙、丙三个风电项目: the works after a list of their owners
        after = first_starting_from(
            ex.mentions, q.end, _DE_REACH, lambda m: m.kind in WORKS and not listed(text, m)
        )
        if after is not None and stops(text[q.end : after.start]):
            after = None
    return top_level_at(ex.mentions, after).entity if after is not None else None


_DE_REACH = 20


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
    top = top_level_at(ex.mentions, m)
    if top.kind in PLACES:
        return False
    if top.end == q.start:
        return True
    # A、B、C3项: every item of the list before the count is counted
    text = ex.article.text
    if text[q.start - 1 : q.start] != "等" and not ending(ex.mentions, q.start, q.start):
        return False  # no list ends at the count
    return top in list_items_before(ex, q.start, _clause_start(text, q.start) + 1)


def _counts_before(ex: Extraction, m: Mention, q: Quantity) -> bool:
    """新材料项目28个、电子信息项目19个: a name another count right after it counts is no
    subject of the figures after that count."""
    top = top_level_at(ex.mentions, m)
    if top.kind in PLACES:
        return False
    return any(
        o is not q and o.kind == "amount" and o.base_unit == o.unit
        for o in starting(ex.quantities, top.end, top.end)
    )
