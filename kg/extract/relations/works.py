"""Works: whose they are and where they lie, read from how the text strings names.

- **A company's works** named right after it, or after its 的 or an output figure
  (江门新锐电子材料有限公司覆铜板项目, X公司年产5万吨Y项目), or named after its trade
  name anywhere in the article (广东海澄重工有限公司 … 海澄重工二期项目, 广东博瑞树脂新材料
  有限公司 … 博瑞树脂项目): the company invests in them.
- **Works a place brings in** (水步镇引进X公司Y项目, 深井镇签约的Y项目, 望埠镇新建的Y枢纽,
  each works of a list: X县将规划建设A、B产业园、C数据产业园等平台,
  A、B、C三镇联合打造的Y示范带): they lie in that place, or in each coordinated place.
- **A place's company** (乐从镇的X公司) lies in it; so do works after 的 and an
  output figure (占陇镇的年产1.2亿米Y项目).
- **X落户Y, X位于Y** with X right before the cue: X lies in the last of the places
  written one after another (X总部位于普宁市流沙东街道: 流沙东街道; Y基地落户Z工业园);
  so does a company 在Y已有/设有… (X电器在阳春已有2家工厂).
- **园区内的 / 开发区内的 / 镇内的 X** and **落户园区的 X**: X lies in (a park: is part
  of) the park or town of that kind last named in this or the two sentences before.
- **Who approved or builds the works**: X承建的Y工程; and, in a clause opening with
  项目 or 工程 (or a later clause of its sentence), X批复/立项/核准 (approvedBy) and
  X负责建设/承建 (builds) are about the works that open this sentence or the one
  before (G240线…工程起于…。项目已获省交通运输厅批复…).
- **One company over a clause chain** (X公司计划投资12亿元，在T建设Y项目; X将在T投资
  12亿元，建设Y): a company opening a sentence whose first clause invests invests in
  the works built in a later clause of the sentence that names no one before its
  verb, up to a clause naming another company; the works lie in the place after 在
  in the first clause when their own clause names none.
- **Coordinated places** share what the last of them carries out
  (A、B、C三镇也将实施Y: each implements Y).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.figures.subjects import ANAPHORS, anaphor_at, antecedent
from kg.extract.kinds import PLACES, Kind
from kg.extract.names.companies import company_core
from kg.extract.relations.registry import relation_rule
from kg.extract.text.clauses import CLAUSE, top_level
from kg.extract.text.lexicon import load_lexicon
from kg.extract.text.numbers import OUTPUT_RATE
from kg.extract.text.spans import in_sentence, starting_in
from kg.records import Extraction, Mention, Relation

WORKS = {Kind.PROJECT, Kind.PARK}

# 年产8000万平方米 between a company or 的 and the works it makes
_OUTPUT = re.compile(OUTPUT_RATE + r"[^\s,，;；。、的]{0,6}")
# 总投资100亿元的 between a verb and the works it brings in
_SUM = re.compile(r"(?:计划|预计)?总?投资(?:额)?(?:约|超|达|近)?[0-9.]+(?:多)?(?:万|亿)元的")
_NUMBER = r"[一二三四五六七八九十两0-9]+个?"
_BRING = re.compile(
    rf"(?:{_NUMBER}(?:镇|乡|街道|村|县|区|市|地))?"
    r"(?:也|还|将|已|正|均|今年|近日|联合|共同|合力|集中|成功|先后|全力|加快|高标准|高起点|大力)*"
    r"(?:引进|引入|新建|建设|打造|签约|投资建设|规划建设|兴建|布局)了?的?"
)
_HEADS = ("开发区", "高新区", "产业园", "工业园", "工业区", "园区", "镇", "街道", "村")
_HEAD_KINDS = {"镇": Kind.TOWN, "街道": Kind.SUBDISTRICT, "村": Kind.VILLAGE}
_INSIDE = re.compile(rf"(?:该|本)?({'|'.join(_HEADS)})(?:内|里|中)的?")
_SETTLED = re.compile(rf"(?:落户|入驻)(?:该|本)?({'|'.join(_HEADS)})的")
_AND = ("、", "和", "及")


def mention_at(ms: Sequence[Mention], pos: int, kinds: set[str]) -> Mention | None:
    """The longest mention of ``kinds`` starting at ``pos`` (by bisection when ``ms`` is
    a tuple: the rules over a whole article's names pass one)."""
    found = [m for m in starting_in(ms, pos, pos) if m.kind in kinds]
    return max(found, key=lambda m: m.end, default=None)


def sentence_opener(text: str, start: int, ms: list[Mention]) -> Mention | None:
    """The name a sentence opens with, over the places written before it
    (罗定市G324线…工程 opens with the works); ``ms`` are its top-level mentions."""
    pos = start
    while pos < len(text) and text[pos].isspace():
        pos += 1
    for m in ms:
        if m.start != pos:
            return None
        if m.kind not in PLACES:
            return m
        pos = m.end
    return None


def _named_at(text: str, ms: list[Mention], pos: int, kinds: set[str]) -> Mention | None:
    """The mention of ``kinds`` at ``pos``, or right after an output figure or a sum
    there (年产1.2亿米|高端面料智能化生产项目, 总投资100亿元的|X项目)."""
    here = mention_at(ms, pos, kinds)
    if here is not None:
        return here
    later = [m for m in starting_in(ms, pos + 1, pos + 20) if m.kind in kinds]
    return next(
        (
            m
            for m in later
            if _OUTPUT.fullmatch(text, pos, m.start) or _SUM.fullmatch(text, pos, m.start)
        ),
        None,
    )


def coordinated(text: str, ms: list[Mention], last: Mention) -> list[Mention]:
    """``last`` and the places listed before it (端芬、斗山、都斛), in order."""
    out = [last]
    while True:
        head = out[0]
        joiner = next((a for a in _AND if text.startswith(a, head.start - len(a))), None)
        prev = None
        if joiner:
            prev = next(
                (m for m in ms if m.end == head.start - len(joiner) and m.kind in PLACES), None
            )
        if prev is None:
            return out
        out.insert(0, prev)


def company_works(ex: Extraction) -> list[Relation]:
    """X公司Y项目, X公司的Y项目, X公司年产…Y项目: the company invests in the works."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))  # a tuple: mention_at bisects it
    out = []
    for c in ms:
        if c.kind != Kind.COMPANY:
            continue
        pos = c.end + 1 if text.startswith("的", c.end) else c.end
        works = _named_at(text, ms, pos, WORKS)
        if works is not None:
            out.append(Relation(c.entity, "investsIn", works.entity, c.sentence, "公司…项目"))
    return out


def _trade_names(name: str, aliases: tuple[str, ...]) -> list[str]:
    """Forms a project named after the company may start with: its trade name, and
    the trade name without a trailing industry word (博瑞树脂新材料 → 博瑞树脂)."""
    core = company_core(name)
    out = [a for a in aliases if len(a) >= 3]
    if core:
        out.append(core)
        ending = next((w for w in load_lexicon().industries if core.endswith(w)), "")
        if ending and len(core) - len(ending) >= 3:
            out.append(core[: -len(ending)])
    return out


def named_after_company(ex: Extraction) -> list[Relation]:
    """A project whose name opens with a company's trade name is that company's."""
    firsts = {}
    for m in ex.mentions:
        firsts.setdefault(m.entity, m)
    companies = [
        (e, _trade_names(e.name, e.aliases)) for e in ex.entities if e.kind == Kind.COMPANY
    ]
    out = []
    for p in ex.entities:
        if p.kind != Kind.PROJECT or p.key not in firsts:
            continue
        for c, forms in companies:
            if any(p.name.startswith(f) and len(p.name) > len(f) for f in forms):
                out.append(Relation(c.key, "investsIn", p.key, firsts[p.key].sentence, "字号"))
    return out


def brought_works(ex: Extraction) -> list[Relation]:
    """水步镇引进X公司Y项目, 望埠镇新建的Y, A、B三镇联合打造的Y: the works lie there."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))  # a tuple: mention_at bisects it
    out = []
    for p in ms:
        if p.kind not in PLACES | {Kind.PARK}:
            continue
        verb = _BRING.match(text, p.end)
        if not verb:
            continue
        company = mention_at(ms, verb.end(), {Kind.COMPANY})
        pos = company.end if company is not None else verb.end()
        works = _named_at(text, ms, pos, WORKS)
        listed = [works] if works is not None else []
        if company is None:  # 规划建设A、B产业园、C数据产业园等平台: each listed works
            listed += [w for w in _listed_works(text, ms, pos) if w is not works]
        for w in listed:
            for place in coordinated(text, ms, p):
                out.append(Relation(w.entity, "locatedIn", place.entity, w.sentence, "引进"))
    return out


_LIST_END = re.compile(r"[,，;；。:：等]")


def _listed_works(text: str, ms: list[Mention], pos: int) -> list[Mention]:
    """The works named at the heads of a 、-list starting at ``pos`` (up to 等 or a
    clause mark): 建设能源岛、X产业园、Y数据产业园等平台 gives X产业园 and Y数据产业园."""
    end = _LIST_END.search(text, pos)
    stop = end.start() if end else len(text)
    heads = [pos] + [i + 1 for i in range(pos, stop) if text[i] == "、"]
    if len(heads) < 2:
        return []
    return [w for w in (mention_at(ms, h, WORKS) for h in heads) if w is not None]


def possessed(ex: Extraction) -> list[Relation]:
    """乐从镇的X公司, 占陇镇的年产…Y项目: the company or works lie in the place."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))  # a tuple: mention_at bisects it
    out = []
    for p in ms:
        if p.kind not in PLACES or not text.startswith("的", p.end):
            continue
        thing = mention_at(ms, p.end + 1, {Kind.COMPANY}) or _named_at(text, ms, p.end + 1, WORKS)
        if thing is not None:
            out.append(Relation(thing.entity, "locatedIn", p.entity, thing.sentence, "的"))
    return out


_SETTLE = re.compile(r"(?:总部)?(位于|坐落于|落户|入驻|落地)(?:于|在)?")
_SETTLERS = {"位于": WORKS | {Kind.COMPANY, Kind.ORGANIZATION, Kind.GOVERNMENT_BODY, Kind.ROAD}}


# X公司在廉江已有3家工厂, 在Y镇设有生产基地: the company is there
_PRESENT = re.compile(r"(?:已经?|共|目前|现|还)?(?:拥有|建有|设有|有)")


def settled(ex: Extraction) -> list[Relation]:
    """X落户Y / X总部位于A市B街道, X right before the cue: X lies in Y (in B); a
    company 在Y已有/设有… (plants, bases) lies in Y."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))  # a tuple: mention_at bisects it
    out = []
    for x in ms:
        cue = _SETTLE.match(text, x.end)
        if cue and x.kind in _SETTLERS.get(cue.group(1), WORKS | {Kind.COMPANY}):
            host, word = _host_at(ms, cue.end()), cue.group(1)
        elif x.kind == Kind.COMPANY and text.startswith("在", x.end):
            host, word = _host_at(ms, x.end + 1), "在…有"
            host = host if host is not None and _PRESENT.match(text, host.end) else None
        else:
            continue
        if host is not None and host.entity != x.entity:
            out.append(Relation(x.entity, "locatedIn", host.entity, x.sentence, word))
    return out


def _host_at(ms: list[Mention], pos: int) -> Mention | None:
    """The last of the places or parks written one after another from ``pos``."""
    host = mention_at(ms, pos, PLACES | {Kind.PARK})
    while host is not None:
        deeper = mention_at(ms, host.end, PLACES | {Kind.PARK})
        if deeper is None:
            break
        host = deeper
    return host


def _antecedent(ex: Extraction, head: str, before: int, sentence: int) -> Mention | None:
    """The park or place of ``head``'s kind last named before ``before`` (two sentences back)."""
    for m in sorted(ex.mentions, key=lambda m: m.start, reverse=True):
        if m.end > before or m.sentence < sentence - 2:
            continue
        if head in _HEAD_KINDS and m.kind == _HEAD_KINDS[head]:
            return m
        if (
            head not in _HEAD_KINDS
            and m.kind == Kind.PARK
            and (head == "园区" or m.text.endswith(head))
        ):
            return m
    return None


def inside_named(ex: Extraction) -> list[Relation]:
    """开发区内的X, 镇内的X (opening a clause) and 落户园区的X: X lies in the park or
    town named before, and a park in a park is part of it."""
    text = ex.article.text
    ms = tuple(top_level(ex.mentions))  # a tuple: mention_at bisects it
    covered = {i for m in ex.mentions for i in range(m.start, m.end)}
    hits = [_INSIDE.match(text, c.start()) for c in CLAUSE.finditer(text)]
    hits += list(_SETTLED.finditer(text))
    out = []
    for hit in hits:
        if hit is None or hit.start(1) in covered:
            continue
        thing = mention_at(ms, hit.end(), WORKS | {Kind.COMPANY})
        if thing is not None and thing.kind == Kind.COMPANY:
            thing = _named_at(text, ms, thing.end, WORKS) or thing  # 落户园区的X公司Y项目
        if thing is None:
            continue
        host = _antecedent(ex, hit.group(1), hit.start(), thing.sentence)
        if host is None or host.entity == thing.entity:
            continue
        pred = "partOf" if thing.kind == host.kind == Kind.PARK else "locatedIn"
        out.append(Relation(thing.entity, pred, host.entity, thing.sentence, hit.group()))
    return out


_APPROVE = ("批复", "立项", "核准", "审批", "备案")
_BUILDS = ("负责建设", "负责施工", "承建", "施工", "代建")
_RUNS = ("负责运营", "运营管理", "运营")
_ORGS = {Kind.COMPANY, Kind.GOVERNMENT_BODY, Kind.ORGANIZATION}
_THIS_WORKS = re.compile(r"\s*(?:该|此|本)?(?:项目|工程)")
_SHORT_NAME = re.compile(r"[（(][^（）()]{1,20}[）)]")
# 项目选址X产业园, 园区位于Y镇: the clause's subject is the noun standing for a name
_SITE = re.compile(r"\s*(?:已|将|计划|拟|最终)?(选址|位于|坐落于|落户|落地)(?:于|在)?")


def _agent_cue(text: str, org: Mention) -> tuple[str, int] | None:
    """(predicate, end) when an approving, building or operating verb follows ``org``
    (over a bracketed short name: 英德市交通建设投资有限公司（以下简称“英德交投”）负责建设)."""
    pos = org.end
    bracket = _SHORT_NAME.match(text, pos)
    if bracket:
        pos = bracket.end()
    for cues, pred in ((_APPROVE, "approvedBy"), (_BUILDS, "builds"), (_RUNS, "operates")):
        cue = next((c for c in cues if text.startswith(c, pos)), None)
        if cue:
            return pred, pos + len(cue)
    return None


def _relation(pred: str, org: Mention, works: str, sentence: int) -> Relation:
    if pred == "approvedBy":
        return Relation(works, pred, org.entity, sentence, "批复")
    return Relation(org.entity, pred, works, sentence, "承建" if pred == "builds" else "运营")


def agent_works(ex: Extraction) -> list[Relation]:
    """X承建的Y, X运营的Y; in a clause opening with 项目/工程 (the works that open the
    sentence or the one before) or with 园区/该公司 … (what ``subjects.antecedent``
    finds), and in the clauses after it: X批复 / X负责建设 / 由X运营 and 选址/位于 Y."""
    text = ex.article.text
    out, before = [], None
    for s in ex.article.sentences:
        ms = top_level(in_sentence(ex.mentions, s.index))
        opener = sentence_opener(text, s.start, ms)
        opens = opener if opener is not None and opener.kind == Kind.PROJECT else None
        works, before = opens or before, opens
        subject = None  # what a clause's 项目/园区 … stands for, carried to the clauses after it
        for clause in CLAUSE.finditer(text, s.start, s.end):
            lead = clause.start()
            word = _THIS_WORKS.match(text, lead)
            if word and not _opens_name(ms, word):
                lead = word.end()
                subject = works.entity if works is not None else None
                subject = subject or antecedent(ex, s.index, lead, (Kind.PROJECT,))
            else:
                noun, at = anaphor_at(text, lead)
                if noun is not None and not any(m.start <= at < m.end for m in ms):
                    lead = at + len(noun)
                    subject = antecedent(ex, s.index, at, ANAPHORS[noun])
            out += _clause_agents(text, ms, clause, subject, s.index)
            site = _SITE.match(text, lead)
            host = _host_at(ms, site.end()) if site and subject else None
            if host is not None and host.entity != subject:
                out.append(Relation(subject, "locatedIn", host.entity, s.index, site.group(1)))
    return out


def _opens_name(ms: list[Mention], word: re.Match) -> bool:
    """项目/工程 at the clause start is the head of a name (工程建设指挥部), not an anaphor."""
    return any(m.start <= word.end() - 1 < m.end for m in ms)


def _clause_agents(text, ms, clause, subject: str | None, sentence: int) -> list[Relation]:
    """X批复 / X负责建设 / X运营 in the clause: of the works named after 的, else of
    the clause's subject."""
    out = []
    for org in (m for m in ms if clause.start() <= m.start < clause.end()):
        found = _agent_cue(text, org) if org.kind in _ORGS else None
        if found is None:
            continue
        pred, end = found
        named = mention_at(ms, end + 1, WORKS) if text.startswith("的", end) else None
        works = named.entity if named is not None else subject
        if works is not None and works != org.entity:
            out.append(_relation(pred, org, works, sentence))
    return out


def share_with_coordinated(ex: Extraction, found: list[Relation]) -> list[Relation]:
    """A、B、C三镇也将实施Y: what the last place implements, each listed place does."""
    text = ex.article.text
    places = [m for m in ex.mentions if m.kind in PLACES]
    out = []
    for r in found:
        if r.predicate != "implements":
            continue
        for m in places:
            if m.entity == r.subject and m.sentence == r.sentence:
                for other in coordinated(text, places, m)[:-1]:
                    out.append(Relation(other.entity, r.predicate, r.object, r.sentence, "、"))
    return out


_CHAIN_VERBS = ("投资建设", "建设", "新建", "扩建", "兴建", "打造", "布局")


def chained_works(ex: Extraction) -> list[Relation]:
    """X公司计划投资N亿元，在T建设Y / X将在T投资N亿元，建设Y: X invests in Y (in T)."""
    text = ex.article.text
    out = []
    for sentence in ex.article.sentences:
        ms = top_level(in_sentence(ex.mentions, sentence.index))
        clauses = list(CLAUSE.finditer(text, sentence.start, sentence.end))
        if not clauses:
            continue
        first = clauses[0]
        lead = first.start() + len(first.group()) - len(first.group().lstrip())
        company = mention_at(ms, lead, {Kind.COMPANY})
        invest = text.find("投资", company.end, first.end()) if company else -1
        if invest < 0 or any(company.end <= m.start < invest and m.kind not in PLACES for m in ms):
            continue
        zai = text.rfind("在", company.end, invest)
        places = [m for m in ms if zai >= 0 and zai < m.start and m.end <= invest]
        site = places[-1] if places and places[-1].kind in PLACES | {Kind.PARK} else None
        for clause in clauses[1:]:
            inside = [m for m in ms if clause.start() <= m.start and m.end <= clause.end()]
            if any(m.kind == Kind.COMPANY and m.entity != company.entity for m in inside):
                break
            works = _chain_works(text, clause, inside)
            if works is None:
                continue
            out.append(Relation(company.entity, "investsIn", works.entity, works.sentence, "接续"))
            if site is not None and not any(m.kind in PLACES for m in inside):
                out.append(Relation(works.entity, "locatedIn", site.entity, works.sentence, "接续"))
    return out


def _chain_works(text: str, clause: re.Match, ms: list[Mention]) -> Mention | None:
    """The works a clause builds when it names no one but a place after 在 before its
    verb (在T建设Y, 建设Y)."""
    body = clause.group()
    verb = min((body.find(v) for v in _CHAIN_VERBS if v in body), default=-1)
    if verb < 0:
        return None
    at = clause.start() + verb
    before = [m for m in ms if m.start < at]
    if any(m.kind not in PLACES | {Kind.PARK} for m in before):
        return None
    if before and "在" not in text[clause.start() : before[0].start]:
        return None
    return next((m for m in ms if m.start >= at and m.kind in WORKS), None)


@relation_rule("works")
def works_relations(ex: Extraction) -> list[Relation]:
    """Companies' and places' works, X落户Y, and 园区内的 X."""
    return (
        company_works(ex)
        + named_after_company(ex)
        + brought_works(ex)
        + possessed(ex)
        + settled(ex)
        + inside_named(ex)
        + agent_works(ex)
        + chained_works(ex)
    )
