"""Works whose title the walk back from 项目/工程 cannot read whole.

- **Titles opening with a registered company** (X有限公司Y项目, X有限公司项目, in a list
  of works even X有限公司Z玩具的研发及生产项目): the whole title names the works; the
  name after the company, when it names the works on its own, is its canonical form
  (the company's name is an alias), so a later mention of it alone is the same works.
  A verb of investing or building or a figure between the company and the
  ending (X有限公司投资的…, 在A镇建设…, 年产5万吨…) leaves the works to the other rules.
- **Factories in a works' title** (X五金厂厂房技改工程): the factory is a company.
- **A phase standing alone** (加快X三期、Y园动工): a phase of X is works.
- **Another name** (A即B, B works or a road): A is B.
- **Items of a list of works** start at the list mark, whatever the walk left there.
- **The site of works** (在X项目现场): X项目 is named whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.names.edges import (
    FUNCTION_CHARS,
    PHASE,
    PUNCT,
    clause_floor,
    generic_name,
    name_start,
    phase_of_name,
    tokenizer,
)
from kg.extract.names.words import cut as cut_words
from kg.extract.text.lexicon import Lexicon

_REGISTERED = ("有限公司", "有限责任公司", "集团")
_ENDINGS = ("项目", "工程")
MAX_TITLE = 30  # characters between a company's name and the ending of its works
# words that make the company the subject of a clause, not the head of a title
_ACTS = frozenset(
    {
        "投资",
        "投建",
        "建设",
        "新建",
        "兴建",
        "承建",
        "签约",
        "签订",
        "签署",
        "合作",
        "共建",
        "引进",
        "落户",
        "打造",
        "计划",
        "拟",
        "将",
        "在",
        "是",
        "为",
        "等",
        "已",
        "正",
        "共同",
        "参与",
        "负责",
        "实施",
        "推进",
        "开工",
        "动工",
        "投产",
        "竣工",
        "启动",
        "总投资",
        "到",
        "于",
        "向",
        "对",
        "把",
        "由",
        "从",
        "今年",
        "目前",
    }
)
# what a title after a company opens with when the rest is a kind of works, not a name
_KIND_OPENINGS = ("厂房", "扩建", "扩产", "技改", "配套", "新建", "迁建", "搬迁", "项目")


def company_titled_candidates(
    text: str, cands: Iterable[Candidate], lex: Lexicon
) -> Iterator[Candidate]:
    """X有限公司Y项目 as one works, with Y项目 as its canonical name when Y项目 names it;
    X有限公司的Y项目 gives Y项目 (the company's works), whatever words Y holds."""
    for c in cands:
        if c.kind != Kind.COMPANY or not text.endswith(_REGISTERED, c.start, c.end):
            continue
        found = _works_end(text, c.end)
        if found is None:
            continue
        ending, end = found
        gap = text[c.end : ending]
        if gap.startswith("的") and len(gap) >= 3 and _title_gap(gap[1:]):
            yield Candidate(c.end + 1, end, Kind.PROJECT, "company-works")
        if not _title_gap(gap):
            continue
        rest = text[c.end : end]
        own = (
            len(gap) >= 2
            and "的" not in gap
            and not gap.startswith(_KIND_OPENINGS)
            and not PHASE.match(gap)
            and not generic_name(rest, rest[-2:], lex)
        )
        yield Candidate(c.start, end, Kind.PROJECT, "company-works", rest if own else None)


def _works_end(text: str, at: int) -> tuple[int, int] | None:
    """Where the first 项目/工程 after ``at`` within one title (no punctuation) starts
    and where it ends."""
    _, tags = tokenizer()
    for i in range(at, min(len(text), at + MAX_TITLE + 2)):
        ch = text[i]
        if ch in PUNCT or ch in "“”" or ch.isspace():
            return None
        if text.startswith(_ENDINGS, i):
            end = i + 2
            if text.startswith("项目", end):  # X工程项目
                end += 2
            if any(text[i : end + k] in tags for k in (1, 2)):  # 项目部, 工程师
                return None
            return i, end
    return None


def _title_gap(gap: str) -> bool:
    """What lies between a company and its works' ending reads as part of a title: no
    digit, no other company, no verb of investing or building, no 的 right after the company
    (X公司的Y项目: the company's works, named Y项目) nor after a verb."""
    if any(ch.isdigit() for ch in gap) or gap.startswith(("的", "和", "与", "及", "以及")):
        return False  # X公司和Y项目: two things
    if "公司" in gap or "集团" in gap:
        return False  # X公司与Y公司合作项目: two parties, no title
    _, tags = tokenizer()
    words = list(cut_words(gap)) if gap else []
    for i, word in enumerate(words):
        if word in _ACTS:
            return False
        if word == "的" and i > 0 and tags.get(words[i - 1], "").startswith("v"):
            return False
    return True


_FACTORY = re.compile(r"厂(?=厂房|扩建|技改|迁建|搬迁|[一二三四五六七八九十首]期)")


def factory_candidates(text: str, cands: Iterable[Candidate]) -> Iterator[Candidate]:
    """The factory opening a works' title (X五金厂厂房技改工程) is a company."""
    for c in cands:
        if c.kind != Kind.PROJECT:
            continue
        m = _FACTORY.search(text, c.start, c.end)
        if m and m.start() - c.start >= 3:
            yield Candidate(c.start, m.end(), Kind.COMPANY, "factory")


# a phase (edges.PHASE) closing a list item or followed by what happens to works
_PHASE_END = re.compile(
    f"(?:{PHASE.pattern})(?=[、,，。；;]|和|及|等|建成|开工|动工|投产|竣工|完工|加快)"
)


def phase_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """X二期 standing alone (加快X三期、Y园动工) names works: a phase of X."""
    for m in _PHASE_END.finditer(text):
        start = name_start(text, clause_floor(text, m.start()), m.start(), lex)
        stem = text[start : m.start()]
        if 2 <= len(stem) <= 16 and phase_of_name(stem, lex) and not PHASE.search(stem):
            yield Candidate(start, m.end(), Kind.PROJECT, "phase")


# A即B at the start of a clause: A is another name of B (X快线即省道S1线…改建工程)
_NAMELY = re.compile(
    r"(?:^|(?<=[,，。;；:：\n])|(?<=据悉，)|(?<=据悉,))([\u4e00-\u9fff]{2,8})即(?![将可使时便刻])"
)


def namely_candidates(text: str, cands: Iterable[Candidate]) -> Iterator[Candidate]:
    """A即B: A names the works or road B names, as its alias."""
    named = {}
    for c in cands:
        if c.kind in (Kind.PROJECT, Kind.ROAD) and (
            c.start not in named or c.end > named[c.start].end
        ):
            named[c.start] = c
    taken = [(c.start, c.end) for c in cands]
    for m in _NAMELY.finditer(text):
        other = named.get(m.end())
        alias = m.group(1)
        if (
            other is None
            or any(ch in FUNCTION_CHARS for ch in alias)
            or any(s < m.end(1) and m.start(1) < e for s, e in taken)
        ):
            continue
        canonical = other.canonical or text[other.start : other.end]
        yield Candidate(m.start(1), m.end(1), other.kind, "namely", canonical)


MAX_LEAD = 4  # characters a walk may leave at the head of a listed item
_ACTIONS = ("推进", "加快", "推动", "实施", "启动", "完成", "开展", "新建", "续建")


def listed_works_candidates(text: str, cands: Iterable[Candidate]) -> Iterator[Candidate]:
    """An item of a list of works starts at the list mark (A项目、一八围X工程, A项目、优选
    居Y项目): when the item before ends with works, the words the walk back left at the
    head of the next works (a numeral, a word read as a verb) are part of its name."""
    works = [c for c in cands if c.kind == Kind.PROJECT]
    ends = {c.end for c in works}
    for c in works:
        mark = text.rfind("、", max(0, c.start - MAX_LEAD - 1), c.start)
        if mark < 0 or mark + 1 == c.start or mark not in ends:
            continue
        lead = text[mark + 1 : c.start]
        if any(ch in PUNCT or ch in FUNCTION_CHARS or ch in "“”" for ch in lead) or lead.startswith(
            _ACTIONS
        ):
            continue
        yield Candidate(mark + 1, c.end, Kind.PROJECT, "listed-works", c.canonical)


_SEAT = ("位于", "设在", "设于", "坐落", "所在地")


def without_company_seats(cands: list[Candidate], text: str) -> list[Candidate]:
    """A company's seat (X纺织总部位于Y: X lies in Y) is the company, no works: works named
    总部 are headquarters being built or brought in (落地X华南总部, X总部项目)."""
    companies = {(c.start, c.end) for c in cands if c.kind == Kind.COMPANY}
    return [
        c
        for c in cands
        if not (
            c.kind == Kind.PROJECT
            and text.endswith("总部", c.start, c.end)
            and (
                (c.start, c.end - 2) in companies
                or text.startswith(_SEAT, c.end)
                or text.startswith("项目", c.end)  # X总部项目 names the works
            )
        )
    ]


# 在X项目现场: what stands between 在 and the site of works names them whole
_AT_SITE = re.compile(r"在(?P<name>[^，,。；;、“”()（）\s\d在的]{4,24}?(?:项目|工程))(?=现场|工地)")


def site_candidates(text: str, places: list[tuple[int, int]]) -> Iterator[Candidate]:
    """在X光电集成Y基地项目现场: the works whose site it is, named whole (the walk back
    stops at a verb or a region inside the name); not when a place opens it (在A镇B项目
    现场: the works are B项目)."""
    starts = {s for s, _ in places}
    for m in _AT_SITE.finditer(text):
        if m.start("name") not in starts:
            yield Candidate(m.start("name"), m.end("name"), Kind.PROJECT, "site")
