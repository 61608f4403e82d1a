"""Where a name starts: the walk back from its ending, and what moves its left edge.

A name ending in a class word (工业园, 项目, 有限公司 ...) starts where the walk back
over words (jieba, with the division names as a user dictionary) meets a boundary
word, a function word, a verb not usual inside names, a number or punctuation.
Then the left edge moves for what the walk cannot see: a figure + unit + 的 before
the name, a year (2024年…推进会) and the places before it (an event), the counter
of a figure (15个|典型村), a predicate verb of joint action (共建), two things joined
by 及/和 (荔枝冻干及果汁项目), the company a project is named after, the place an
organ or registered company is named from, the trade name of a registered company.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from kg.extract.kinds import Kind
from kg.extract.names.words import cut as cut_words
from kg.extract.names.words import tokenizer
from kg.extract.text.clauses import last_mark_before
from kg.extract.text.lexicon import Lexicon, Suffix, load_lexicon
from kg.extract.text.units import units

PUNCT = set(",，、;；:：。!！?？()（）[]【】《》「」『』\"'<>\n\t —–-·…/+＋▲△■□●◆◇★☆")
OPEN_Q, CLOSE_Q = "“", "”"
MAX_NAME = 26
_NUMERIC = re.compile(r"^[0-9.%一二三四五六七八九十百千万亿两几多余第]+[个批项家条座所宗户位名]?$")
_STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "d", "m", "q", "t", "y", "e"}


def _is_stop(token: str, tag: str | None, lex: Lexicon) -> bool:
    if token in lex.boundaries or _NUMERIC.match(token):
        return True
    # single characters are often pieces of unknown names (碧/道, 博/盈/特/焊): their
    # dictionary tag says nothing about this use
    if len(token) < 2 or tag is None:
        return False
    # a verb ends a name (园洲镇|签下|…项目) unless names often hold it (乡村振兴)
    return tag in _STOP_TAGS or (tag == "v" and token not in lex.name_verbs)


def list_items(text: str, floor: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of the items of a 、-separated list that ends at ``end``, last item first:
    each lies between two 、, and the first starts where a name can (``name_start``)
    after ``floor``. A text with no 、 there gives one item."""
    items = []
    while True:
        sep = text.rfind("、", floor, end)
        start = sep + 1 if sep >= 0 else name_start(text, floor, end, lex)
        items.append((start, end))
        if sep < 0:
            return items
        end = sep


def name_start(
    text: str,
    lo: int,
    end: int,
    lex: Lexicon,
    *,
    verbs_stop: bool = True,
    joins: frozenset[int] = frozenset(),
    holds: frozenset[str] = frozenset(),
) -> int:
    """Where a name ending at ``end`` starts, scanning no further left than ``lo``.

    Quoted parts (县级“百千万工程”指挥部) are taken whole; a dash at a position in
    ``joins`` (between two place names: 石湾—龙溪快速通道) does not end the name.
    ``verbs_stop=False`` lets registered names hold verbs (光澈显示科技有限公司);
    words in ``holds`` do not end it (重点 in an event's name).
    """
    i = end
    floor = max(lo, end - MAX_NAME)
    while i > floor:
        ch = text[i - 1]
        if i - 1 in joins:
            i -= 1
            continue
        if ch == CLOSE_Q:
            j = text.rfind(OPEN_Q, floor, i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch == ")" and "(" in text[max(floor, i - 8) : i - 1]:
            # a short parenthesis inside a name: 2024年廉江市(深圳)招商推介会
            i = text.rfind("(", floor, i - 1)
            continue
        if ch in PUNCT or ch == OPEN_Q or ch.isspace() or ch.isdigit():
            break
        # the run of plain characters back to the previous stop character
        j = i
        while j > floor and text[j - 1] not in PUNCT and text[j - 1] not in (CLOSE_Q, OPEN_Q):
            if text[j - 1].isspace() or text[j - 1].isdigit():
                break
            j -= 1
        i = _walk_tokens(text, j, i, lex, verbs_stop, holds)
        if i > j:
            break
    if text.startswith("(", i) and (close := text.find(")", i, end)) >= 0:
        return close + 1  # nothing before the parenthesis joined it: it opens no name
    return i


def _walk_tokens(
    text: str,
    j: int,
    i: int,
    lex: Lexicon,
    verbs_stop: bool = True,
    holds: frozenset[str] = frozenset(),
) -> int:
    """Walk words of text[j:i] from the right; return where the name starts."""
    _, tags = tokenizer()
    tokens = cut_words(text[j:i])
    pos = i
    right = ""  # the word after this one, already inside the name
    for token in reversed(tokens):
        tag = tags.get(token)
        if not verbs_stop and tag == "v" and token not in lex.boundaries:
            tag = "n"
        if _ends_with_boundary(text, j, pos, lex, holds):
            return pos
        stop = token not in holds and _is_stop(token, tag, lex)
        after = right or text[i : i + 1]  # the class word itself when nothing came yet
        if (
            stop
            and not _numeral_in_name(token, right)
            and not _ordinal_in_name(token, after)
            and not _phase_in_name(token, after)
            and not _numbered_lot(text, pos - len(token))
        ):
            return pos
        pos -= len(token)
        right = token
    return pos


_NUMERALS = "一二三四五六七八九十两"


_COUNTERS = set("个批项家条座所宗户位名大类种级期年月日号次届台套栋间")


_ORDINAL = re.compile(r"第[一二三四五六七八九十]{1,3}")


def _ordinal_in_name(token: str, right: str) -> bool:
    """An ordinal before a word that is no counter belongs to the name (第二|水厂,
    第一|航站区), while 第三|届 or 第二|次 count sessions."""
    return (
        bool(_ORDINAL.fullmatch(token))
        and bool(right)
        and right[0] not in _COUNTERS
        and "\u4e00" <= right[0] <= "\u9fff"
    )


# a phase of works (二期, 第三期, 首期) and a stage or lot of one (一阶段, 第五标段)
PHASE = re.compile(r"第?(?:[一二三四五六七八九十]{1,3}|首)期")
_PHASE_NUMERAL = re.compile(r"第?[一二三四五六七八九十]{1,3}")


def _phase_in_name(token: str, right: str) -> bool:
    """A phase inside the name of works (新港|二期|一|阶段|工程, X校区|第二期|工程) belongs
    to it: the walk goes on to the name of what is built in phases."""
    if PHASE.fullmatch(token):
        return True
    return bool(_PHASE_NUMERAL.fullmatch(token)) and right.startswith(("期", "阶段", "标段"))


def phase_stem(text: str, start: int, pos: int, lex: Lexicon) -> int:
    """Works named by a phase of a generic word (项目二期工程) have no name: ``pos`` is
    returned then, else ``start``."""
    m = PHASE.search(text, start, pos) or re.compile(r"[一二三四五六七八九十]阶段").search(
        text, start, pos
    )
    if m is None:
        return start
    return start if phase_of_name(text[start : m.start()], lex) else pos


# what a phase may follow without naming anything (项目二期, 园区一期, 本期)
_GENERIC_STEMS = ("项目", "工程", "园区", "本", "该", "首", "同")


def phase_of_name(stem: str, lex: Lexicon) -> bool:
    """Whether a phase after ``stem`` is a phase of named works (X港二期), not of a
    generic word (项目二期, 园区一期) or of nothing."""
    if not stem:
        return True  # 首期工程: the phase of the works the text is on
    return len(stem) >= 2 and stem not in lex.not_names and not stem.endswith(_GENERIC_STEMS)


def _numeral_in_name(token: str, right: str) -> bool:
    """A numeral glued to a one-character word that is no counter belongs to the
    name (三|华|李 in 三华李产业园, 万|嘉 in 万嘉科技城), while 三|个 or 两|大 count
    things."""
    return (
        len(token) == 1
        and token in _NUMERALS + "百千万"
        and len(right) == 1
        and right not in _COUNTERS
        and "\u4e00" <= right <= "\u9fff"
    )


def _ends_with_boundary(
    text: str, lo: int, pos: int, lex: Lexicon, holds: frozenset[str] = frozenset()
) -> bool:
    """True when a boundary word (2+ chars, not one of ``holds``) ends right before ``pos``."""
    for size in range(2, min(lex.max_boundary, pos - lo) + 1):
        word = text[pos - size : pos]
        if word in lex.boundaries and word not in holds and not _numbered_lot(text, pos - size):
            return True
    return False


def _numbered_lot(text: str, at: int) -> bool:
    """A lot with its number and the road it builds in brackets (第五|标段|(Y路)) is part
    of a name (X快线第五标段(Y路)通车仪式), while 标段 alone ends one (施工|标段, 第三标段|
    东环路: the road is named after it)."""
    return text.startswith(("标段(", "标段（"), at) and bool(
        _NUMBERED.search(text, max(0, at - 4), at)
    )


_NUMBERED = re.compile(r"第[一二三四五六七八九十\d]{1,3}$")


def clause_floor(text: str, start: int) -> int:
    """Start of the clause holding ``start`` (after the previous 。；! ?)."""
    return last_mark_before(text, "。；;!！?？\n", start) + 1


# boundary words event names hold (清远市2025年二季度重点交通项目集中开工活动)
_EVENT_HOLDS = frozenset(
    {"重点", "集中", "签约", "开工", "动工", "竣工", "投产", "建成", "通车", "通水"}
)


# boundary words works' names hold (X畜禽集中屠宰中心, X集中供水工程)
_WORKS_HOLDS = frozenset({"集中"})


# verbs of joint action open a clause after the partners (…签订协议，共建X中试基地):
# a name never starts with them (深汕共建产业园 starts with the partners)
_JOINT_VERBS = ("共建", "共享", "共治", "共兴")


def suffix_name_start(
    text: str,
    pos: int,
    suffix: Suffix,
    lex: Lexicon,
    joins: frozenset[int],
    anchors: list[int],
    places: list[tuple[int, int]],
) -> int:
    """Where the name ending in ``suffix`` at ``pos`` starts."""
    kind = suffix.kind
    start = name_start(
        text,
        clause_floor(text, pos),
        pos,
        lex,
        verbs_stop=kind != Kind.COMPANY,
        joins=joins,
        holds=_EVENT_HOLDS
        if kind == Kind.EVENT
        else _WORKS_HOLDS
        if kind == Kind.PROJECT
        else frozenset(),
    )
    start = _after_unit(text, _with_year(text, _after_figure_de(text, start)))
    start = after_counter(text, start)
    if kind == Kind.PROJECT:
        start = _with_class_figure(text, start, pos, lex)
        start = phase_stem(text, start, pos, lex)
        start = _after_owner_class(text, start, pos, suffix.min_prefix)
    if text.startswith(_JOINT_VERBS, start) and pos - start - 2 >= suffix.min_prefix:
        start += 2
    if kind in (Kind.PROJECT, Kind.PARK):
        start = joined_start(text, start, pos, suffix.text, lex, places)
    if kind == Kind.PROJECT:
        start = _after_company(text, start, pos)
    if suffix.text in _GOVERNMENTS:
        start = _government_start(text, start, pos, anchors)
    elif kind in _ANCHORED:
        start = anchored_start(text, start, anchors, lex)
    if kind == Kind.COMPANY:
        start = _with_trade_name(text, start, pos, lex, places)
        start = _after_description(text, start, anchors)
        start = _after_holder(text, start, pos)
    if kind == Kind.EVENT:
        start = _event_start(text, start, pos, anchors)
    if kind == Kind.RIVER:
        start = _after_water(text, start, pos)
        if suffix.text == "江":
            start = _river_word(text, start, pos)
    if kind == Kind.EVENT and YEAR.match(text, start):
        start = _with_places(start, places)
    return start


def _river_word(text: str, start: int, pos: int) -> int:
    """A river named X江 is the segmenter's word holding the 江 (韩江, 漠阳江), not the
    words before it (汩汩|韩江, 悠悠|东江); a 江 standing alone names no river (returns
    ``pos``, too short for a name)."""
    _, tags = tokenizer()
    lo = max(start, pos - 4)
    at, before = lo, None
    for token in cut_words(text[lo : pos + 1]):
        if at + len(token) == pos + 1:
            if len(token) >= 2:
                return max(start, at)
            # 翁|江, 漠阳|江: a short proper word before a lone 江 is the river's name
            if before and len(before) <= 2 and tags.get(before) in (None, "ns", "nr", "nz"):
                return max(start, at - len(before))
            return pos
        at += len(token)
        before = token
    return start


def _after_water(text: str, start: int, pos: int) -> int:
    """A river's name starts after another water's name before it (母亲河|黄冈河): a
    river named in apposition is two names, not one."""
    cut = max(text.rfind(ch, start, pos) for ch in "河江涌")
    if cut < start or pos - cut - 1 < 2:
        return start
    cut += 1
    while cut < pos and (text[cut] in PUNCT or text[cut] in OPEN_Q + CLOSE_Q):
        cut += 1
    return cut


# verbs that take an event as their object: the event's name starts after them
_HOLDING = (
    "召开",
    "举行",
    "举办",
    "出席",
    "参加",
    "主持",
    "承办",
    "亮相",
    "参与",
    "开展",
    "组织",
    "筹备",
    "筹办",
    "见证",
    "邀请",
    "组团",
)
_BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d|年)")


def _event_start(text: str, start: int, pos: int, anchors: list[int]) -> int:
    """An event is named from its place or year, whatever verbs its name holds
    (X县百名青年返乡创业助力振兴发展动员大会, X区重大项目集中签约投产竣工活动,
    2025X(深圳)招商推介会): when the walk stopped at a verb after a place or a
    year of the same clause run, the name starts at the earliest of them."""
    lo = start
    floor = max(clause_floor(text, start), pos - MAX_NAME)
    while lo > floor:
        ch = text[lo - 1]
        if ch in FUNCTION_CHARS or (ch in PUNCT and ch not in "()（）") or ch.isspace():
            break
        lo -= 1
    # the places starting in [lo, start), by bisection over their sorted starts
    found = anchors[bisect.bisect_left(anchors, lo) : bisect.bisect_left(anchors, start)]
    found += [m.start() for m in _BARE_YEAR.finditer(text, lo, start)]
    found += [m.start() for m in YEAR.finditer(text, lo, start)]
    for a in sorted(found):
        # X段(Y路): a name inside brackets does not start the event's name
        inside = text.count("(", lo, a) > text.count(")", lo, a)
        if not inside and not any(v in text[a:pos] for v in _HOLDING):
            return a
    return start


YEAR = re.compile(r"\d{4}年")


def _after_owner_class(text: str, start: int, pos: int, min_prefix: int) -> int:
    """A works' name never opens with the class of its owner (龙头企业|X股份总部项目)."""
    cut = text.find("企业", start, min(pos, start + 6))
    if cut >= 0 and pos - (cut + 2) >= max(min_prefix, 2):
        return cut + 2
    return start


# a size class inside a works' name (柘林湾5万吨级通用码头项目, 3000吨级泊位工程)
_CLASS_FIGURE = re.compile(r"\d+(?:\.\d+)?[万千]?吨级")


def _with_class_figure(text: str, start: int, pos: int, lex: Lexicon) -> int:
    """Works named with a size class (海门湾3万吨级散货码头项目) keep it and the name
    written before it: the walk stopped at the figure's digits or at a word after it."""
    for m in _CLASS_FIGURE.finditer(text, max(0, start - 12), pos):
        gap = text[m.end() : start]  # a word the walk stopped at (通用, 散货)
        if (
            m.start() < start
            and len(gap) <= 4
            and all("\u4e00" <= ch <= "\u9fff" for ch in gap)
            and "的" not in text[m.end() : pos]
        ):
            before = name_start(text, clause_floor(text, m.start()), m.start(), lex)
            return before if m.start() - before >= 2 else m.start()
    return start


def _with_places(start: int, places: list[tuple[int, int]]) -> int:
    """An event named from its year takes the places written right before it
    (肇庆市高要区|2024年第三季度重大项目集中开工活动)."""
    ends = {e: s for s, e in places}
    while start in ends:
        start = ends[start]
    return start


# words that describe a company before its registered name (园区龙头企业|广东X有限公司)
_DESCRIPTIONS = ("企业", "龙头", "链主", "园区", "厂商", "客商", "外资", "民企", "国企", "央企")


def _after_description(text: str, start: int, anchors: list[int]) -> int:
    """A registered name starts at its place, not at the words describing the company
    before it (园区龙头企业|广东华鑫新材料科技有限公司)."""
    for s in anchors[
        bisect.bisect_right(anchors, start) : bisect.bisect_right(anchors, start + 12)
    ]:
        if text[start:s].endswith(_DESCRIPTIONS):
            return s
    return start


# words that close what a company is listed in or under (东岭园|宏达控股, 项目|广东X有限
# 公司, 市属国企|南粤集团): a company's name never runs back across them
_HOLDERS = ("园区", "高新区", "开发区", "园", "项目", "企业", "国企")


def _after_holder(text: str, start: int, pos: int) -> int:
    """A company's name starts after a park, a project or a description that ends
    before it inside the walked span, when a trade name of two or more characters
    that is no verb is left (X高新区|华美材料(广东)有限公司)."""
    span = text[start:pos]
    cut = max((span.rfind(h) + len(h) for h in _HOLDERS if h in span), default=0)
    if cut <= 0 or pos - (start + cut) < 2:
        return start
    _, tags = tokenizer()
    first = next(iter(cut_words(text[start + cut : pos])), "")
    if tags.get(first) in ("v", "vn") or first in ("区", "内"):
        return start
    return start + cut


def after_counter(text: str, start: int) -> int:
    """A name does not start with the counter of a figure before it (15个|典型村, 两|大产业园)."""
    if start > 0 and start < len(text) and text[start] in _COUNTERS:
        before = text[start - 1]
        if before.isdigit() or before in _NUMERALS:
            return start + 1
    return start


def _with_trade_name(
    text: str, start: int, pos: int, lex: Lexicon, places: list[tuple[int, int]]
) -> int:
    """A registered name holds a trade name between its place and its industry
    (云浮|六和|茶业有限公司): when the walk left only the industry word, the name runs
    back over up to three characters to the place written before them."""
    if text[start:pos] not in lex.industries:
        return start
    for s, e in places:
        gap = text[e:start]
        if 0 < len(gap) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in gap):
            return s
    return start


# nouns that end a name of their own (X处置中心和Y测试中心): no first half of a joined name
_CLASS_NOUNS = ("中心", "平台", "基地")


def joined_start(
    text: str, start: int, pos: int, suffix: str, lex: Lexicon, places: list[tuple[int, int]]
) -> int:
    """Works or a park named after two things joined by 及 or 和 (荔枝冻干及果汁项目) start
    at the first; not when the first is a name or place of its own (X公司及Y项目, A镇和B
    项目), a listed item (A、B和C项目) or a sector (水利和交通项目: 交通项目 is generic)."""
    if start < 3 or text[start - 1] not in "及和" or pos - start < 2:
        return start
    first_end = start - 1
    first = name_start(text, clause_floor(text, first_end), first_end, lex)
    word = text[first:first_end]
    if text.startswith(_WITH_ITS_OWN, start) and 2 <= len(word) <= 24:
        return first  # X路及配套工程, X厂房及配套项目: the works with what serves them
    if (
        not 2 <= len(word) <= 8
        or text[first - 1 : first] == "、"
        or any(e == first_end for _, e in places)
        or any(word.endswith(s.text) for s in lex.suffixes)
        or word.endswith(_CLASS_NOUNS)
        or word in lex.modifiers
        or generic_name(text[start:pos] + suffix, suffix, lex)
        or generic_name(word + suffix, suffix, lex)
    ):
        return start
    return first


# 及配套工程: what follows 及 serves the first part, which may be a name of its own
_WITH_ITS_OWN = ("配套",)

_FIGURE_DE = re.compile(r"\d[\d.]*[^\d\s,，、;；。]{1,4}的([^\d\s,，、;；。“”]{2,24})$")


def _after_company(text: str, start: int, pos: int) -> int:
    """江门晶澜光伏材料有限公司|光伏玻璃项目: a project's name starts after the company."""
    cut = max(
        text.rfind(t, start, pos) + len(t) if text.rfind(t, start, pos) >= 0 else -1
        for t in ("有限公司", "集团")
    )
    return cut if cut > start else start


def _after_unit(text: str, start: int) -> int:
    """A name right after a figure starts after its unit (5000吨|冷链食品项目,
    200兆瓦时|用户侧储能电站), even when the walk stopped inside the unit."""
    table = units()
    for back in range(4):
        k = start - back
        if k <= 0 or not text[k - 1].isdigit():
            continue
        for size in range(4, 0, -1):
            if text[k : k + size] in table and k + size >= start:
                return k + size
    return start


def _with_year(text: str, start: int) -> int:
    """A name starting with 年 takes its year (2024年重大项目推进会)."""
    if text.startswith("年", start) and start >= 4 and text[start - 4 : start].isdigit():
        return start - 4
    return start


_HEADS = ("项目", "工程", "公司", "基地", "平台", "园", "部", "委", "局", "厅")


def _after_figure_de(text: str, start: int) -> int:
    """A name after 'figure + unit + 的' runs from the 的 (总投资3.2亿元的X及Y试点项目).

    Boundary words inside such a name (及, 建设) are part of it: the figure
    phrase before it marks where the name begins.
    """
    floor = max(0, start - 30)
    m = _FIGURE_DE.search(text[floor : start + 1]) if start < len(text) else None
    # a second head word in between means two names (…项目通过水利部), not one
    if not m or any(head in m.group(1) for head in _HEADS):
        return start
    return floor + m.start(1)


def generic_name(name: str, suffix: str, lex: Lexicon) -> bool:
    """A name that is, or ends in, an ordinary phrase (重点项目, 全部)."""
    if name in lex.not_names:
        return True
    if suffix in ("局", "部") and name[-2:] in lex.not_names and name[-2:] != "总部":
        return True  # 产业格局, 良好开局, X半岛西部: no bureau, no ministry
    # a longer name may end in a short generic word (江门市委 ends in 市委): only
    # generic phrases of three or more characters disqualify what ends in them
    tails = _generic_tails(suffix, lex.not_names)
    return bool(tails) and name.endswith(tails)


@cache
def _generic_tails(suffix: str, not_names: frozenset[str]) -> tuple[str, ...]:
    """The generic phrases longer than ``suffix`` (and than two characters) ending in it."""
    return tuple(w for w in not_names if w.endswith(suffix) and len(w) > max(len(suffix), 2))


# one-character function words: a name never reaches across them (良垌镇|与|…公司)
FUNCTION_CHARS = set(
    "的在和与及或是为将对把由向从到于以等并被让使也还又都已再更了共获至个首各每该其"
)


_ANCHORED = (Kind.GOVERNMENT_BODY, Kind.COMPANY, Kind.ORGANIZATION)


_GOVERNMENTS = ("政府", "人民政府")


def _government_start(text: str, start: int, pos: int, anchors: list[int]) -> int:
    """A government is named by its place (X市政府): words before the place belong
    to the sentence (林某作|X市政府工作报告, 陈某某|X市政府)."""
    at = bisect.bisect_left(anchors, start)
    if at < len(anchors) and anchors[at] == start:
        return start
    inside = anchors[bisect.bisect_right(anchors, start) : bisect.bisect_left(anchors, pos)]
    if inside:
        return inside[0]
    return anchored_start(text, start, anchors, load_lexicon())


def anchored_start(text: str, start: int, anchors: list[int], lex: Lexicon) -> int:
    """Organs and registered companies start at the place they are named after
    (廉江市投资促进局, 廉江市橘乡现代农业发展有限公司), across words that may stand
    in such names but not across function words or verbs like 引进. ``anchors`` are the
    sorted starts of the division spans. A name that already starts at a place keeps
    that start (X县发展和改革局 after another body of X县 does not reach back
    across the verb between them)."""
    at = bisect.bisect_left(anchors, start)
    if at < len(anchors) and anchors[at] == start:
        return start
    for s in anchors[bisect.bisect_left(anchors, start - 14) : bisect.bisect_left(anchors, start)]:
        gap = text[s:start]
        if not any(
            ch in PUNCT or ch.isdigit() or ch in OPEN_Q + CLOSE_Q or ch in FUNCTION_CHARS
            for ch in gap
        ) and not any(b in gap for b in lex.boundaries if len(b) > 1 and b not in lex.name_verbs):
            return s
    return start
