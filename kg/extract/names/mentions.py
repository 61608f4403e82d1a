"""The mention steps: administrative divisions from the gazetteer, then other names.

Divisions are found by scanning for every full and short name, then resolved
with the article's own context (the counties and prefectures it names
unambiguously, its title); a name that does not resolve stays unlinked.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.names.edges import tokenizer
from kg.extract.names.gazetteer import Division, Gazetteer, load_gazetteer
from kg.extract.names.recognisers import add_words, choose, find_candidates, word_boundaries
from kg.extract.pipeline import step
from kg.extract.text.doc import doc_of
from kg.extract.text.lexicon import load_lexicon
from kg.extract.text.spans import SpanIndex
from kg.records import Article, Extraction, Mention

DIVISION_PREFIX = "div:"


def division_key(code: str) -> str:
    """Entity key of a division: ``div:`` + its official code."""
    return DIVISION_PREFIX + code


_segmenter_ready = False


def prepare_segmenter() -> None:
    """Load division names into the word segmenter once (they are proper nouns)."""
    global _segmenter_ready
    if not _segmenter_ready:
        add_words(load_gazetteer().jieba_user_dict_lines())
        add_words([f"{word} 1000 n" for word in load_lexicon().name_words])
        _segmenter_ready = True


def all_matches(gaz: Gazetteer, text: str) -> list[tuple[int, int, str]]:
    """Every division-name match in text, overlapping ones included (其中江门: 中江, 江门)."""
    found = []
    for i in range(len(text) - 1):
        for size in gaz.lengths.get(text[i : i + 2], ()):
            piece = text[i : i + size]
            if len(piece) == size and piece in gaz.names:
                found.append((i, i + size, piece))
    return found


def home_places(gaz: Gazetteer, surfaces: list[str]) -> tuple[str | None, str | None]:
    """(province, prefecture) most of the article's unambiguous place names lie in."""
    provinces: Counter[str] = Counter()
    prefectures: Counter[str] = Counter()
    for surface in surfaces:
        matches = gaz.names.get(surface, ())
        if len(matches) == 1 and matches[0].division.level != Kind.VILLAGE:
            if not matches[0].by_short and len(surface) < 3:
                continue  # 南县 in 连南县, 和县 in 市和县委: too short to say where we are
            # a full name (开平市) says more than a short one that may be a word (新建)
            weight = 1 if matches[0].by_short else 3
            chain = gaz.chain(matches[0].division.code)
            provinces[chain[-1].code] += weight
            for d in chain:
                if d.level == Kind.PREFECTURE:
                    prefectures[d.code] += weight
    return _top(provinces), _top(prefectures)


def _top(votes: Counter[str]) -> str | None:
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if votes else None


def resolve_divisions(article: Article) -> list[tuple[int, int, Division]]:
    """Division spans of the article, resolved with the article's own context.

    The home context keeps only places in the article's home province, and a
    short name outside that province does not resolve (中江 in 其中江门 is not
    Sichuan's 中江县; 新建 is not Nanchang's 新建区): full names still do.
    Overlapping matches are resolved first, then the longest resolved ones kept.
    """
    gaz = load_gazetteer()
    title = article.meta.title or ""
    spans = [s for s in all_matches(gaz, article.text) if not _opens_a_feature(article.text, s)]
    surfaces = [p for _, _, p in spans] + [p for _, _, p in all_matches(gaz, title)]
    home, home_prefecture = home_places(gaz, surfaces)
    context = frozenset(
        c for c in gaz.guess_context(surfaces) if home is None or gaz.is_within(c, home)
    )
    bounds = word_boundaries(article.text)
    resolved = []
    known: dict[str, Division | None] = {}  # a surface resolves alike wherever it stands
    for start, end, surface in spans:
        if surface not in known:
            known[surface] = gaz.resolve(surface, context)
        division = known[surface]
        if division is None:
            continue
        # a short name must be a word of its own (新增城镇 does not hold 增城区); the
        # end of a route before 段 is one whatever the segmenter joins (周陂至新|江段)
        route_end = article.text[start - 1 : start] in _ROUTE_MARKS and article.text.startswith(
            "段", end
        )
        # a district's short name before 市 is the county-level city it was before
        # (番禺市, 顺德市: the segmenter reads X市 as one word)
        former = _former_city(article.text, end, division) and end + 1 in bounds
        if surface != division.name and not (
            start in bounds and (end in bounds or route_end or former)
        ):
            continue
        # 华南海工技术研究院 holds no 南海区: 华南 is a word across the name's left edge
        if surface != division.name and _word_across(article.text, start, gaz):
            continue
        outside = home is not None and not gaz.is_within(division.code, home)
        # outside the home province only full names of 3+ characters count
        # (示范县 holds 范县, a county in Henan)
        if outside and (surface != division.name or len(surface) < 3):
            continue
        # a two-character full name (南县, 和县) is a county of the home province or
        # nothing: in 连南县 or 市和县委 it is part of other words
        if home is None and len(surface) < 3:
            continue
        if not _town_near_home(gaz, surface, division, context, home_prefecture):
            continue
        resolved.append((start, end, division))
    return _longest_first(resolved + _stems_after_their_city(article.text, resolved))


def _stems_after_their_city(
    text: str, resolved: list[tuple[int, int, Division]]
) -> list[tuple[int, int, Division]]:
    """A district the article names in full whose short name is a common word and so
    withheld (光明区: 光明), written without its ending right after its city: 深圳光明数据港
    names 光明区 as well as 深圳."""
    named = {d.code: d for _, _, d in resolved if d.level == Kind.COUNTY and not d.short}
    out = []
    for _, end, city in resolved:
        if city.level != Kind.PREFECTURE:
            continue
        for d in named.values():
            stem = d.name[:-1]
            if (
                d.parent == city.code
                and len(stem) >= 2
                and text.startswith(stem, end)
                and not text.startswith(d.name, end)
            ):
                out.append((end, end + len(stem), d))
    return out


_ROUTE_MARKS = frozenset("至—–-~～")

# a place's short name right before the ending of an estate, a village, a creek, a river,
# a street or a greenway names that feature, not the place (X小区, X涌, X河, X路, X碧道;
# not X路段 or X河段, a road's or river's stretch through the place, nor 村镇, 村民)
_FEATURE_AFTER = re.compile(r"小区|社区|村(?![镇居民])|涌|河(?![段])|路(?![段线口])|大道|碧道|绿道")


def _former_city(text: str, end: int, division: Division) -> bool:
    """Whether a county-level district's short name ending at ``end`` is followed by 市,
    the name of the city the district was before (older articles: 增城市 for 增城区)."""
    return (
        text.startswith("市", end)
        and division.level == Kind.COUNTY
        and division.name.endswith("区")
    )


def _opens_a_feature(text: str, span: tuple[int, int, str]) -> bool:
    """Whether the match ``span`` is a short name opening a feature's name."""
    start, end, surface = span
    if not _FEATURE_AFTER.match(text, end):
        return False
    return all(d.name != surface for d in load_gazetteer().candidates(surface))


def _word_across(text: str, start: int, gaz: Gazetteer) -> bool:
    """A dictionary word that is no division name ends inside the name at ``start``
    (华|南海: 华南)."""
    _, tags = tokenizer()
    word = text[start - 1 : start + 1] if start > 0 else ""
    return len(word) == 2 and tags.get(word) == "ns" and word not in gaz.names


def _town_near_home(
    gaz: Gazetteer, surface: str, division: Division, context: set[str], prefecture: str | None
) -> bool:
    """A town's short name needs its county in the context or to lie in the article's
    home prefecture (杨梅 in an article about 鹤山 that mentions 茂名 is not 茂名's
    杨梅镇; 杜阮 next door in 江门 is 杜阮镇)."""
    if division.level not in (Kind.TOWN, Kind.SUBDISTRICT) or surface == division.name:
        return True
    return division.parent in context or (
        prefecture is not None and gaz.is_within(division.code, prefecture)
    )


def _longest_first(spans: list[tuple[int, int, Division]]) -> list[tuple[int, int, Division]]:
    """The longest spans first, each kept when it overlaps none kept before.

    The kept spans do not overlap, so sorted by (start, end) their ends rise too:
    a span overlaps one of them exactly when the last one starting before its end
    ends after its start (one bisection instead of a look at every kept span)."""
    chosen: list[tuple[int, int, Division]] = []
    kept: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        before = bisect.bisect_left(kept, (span[1], -1)) - 1
        if before >= 0 and kept[before][1] > span[0]:
            continue
        bisect.insort(kept, (span[0], span[1]))
        chosen.append(span)
    return sorted(chosen, key=lambda s: s[0])


def _sentence_of(article: Article, offset: int) -> int:
    return doc_of(article).sentence_index(offset)


@step("mentions", adds={"mentions"})
def mentions_step(ex: Extraction) -> Extraction:
    """Adds division mentions (entity key = code) and other name mentions."""
    prepare_segmenter()
    article = ex.article
    divisions = resolve_divisions(article)
    mentions = [
        Mention(
            article.text[s:e],
            s,
            e,
            _sentence_of(article, s),
            d.level,
            "gazetteer",
            entity=division_key(d.code),
        )
        for s, e, d in divisions
    ]
    mentions += _own_place_references(article, divisions)
    places = [(s, e) for s, e, _ in divisions]
    exact = set(places)
    top, nested = choose(find_candidates(article.text, places))
    for c in top + nested:
        if (c.start, c.end) in exact:
            continue
        mentions.append(_mention(article, c))
    companies = SpanIndex([c for c in top if c.kind == Kind.COMPANY])
    by_start = {s: (e, d) for s, e, d in divisions}
    mentions = [m for m in mentions if not _trade_name_place(m, companies, by_start)]
    mentions = _without_places_only_in_names(mentions, top)
    mentions = _without_names_in_people(mentions, top)
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    return ex.evolve(mentions=tuple(mentions))


# how an article's own government or people speak of their place: 我县 is the county the
# report is about. The type word says which of the places named it is.
_OWN_REFERENCE = re.compile(r"(?:我|本)([县市区镇])(?![委长政级属直域内外场])")
SELF_REFERENCE = "self-reference"


def _own_place_references(
    article: Article, divisions: list[tuple[int, int, Division]]
) -> list[Mention]:
    """我县 / 本县 / 我市 / 我区 / 我镇 as mentions of the article's own place: of the
    divisions the article names whose name ends with that type word, the one named
    most often (the first on a tie); none when the article names none such. A 我县 in
    a work report signed by X县县长 is X县. Not a name of it: no alias."""
    counts: Counter[str] = Counter()
    first: dict[str, Division] = {}
    for _, _, d in divisions:
        if d.level in (Kind.PROVINCE, Kind.VILLAGE):
            continue
        counts[d.code] += 1
        first.setdefault(d.code, d)
    mentions = []
    for m in _OWN_REFERENCE.finditer(article.text):
        fitting = [code for code in counts if first[code].name.endswith(m[1])]
        if not fitting:
            continue
        code = max(fitting, key=lambda c: counts[c])  # max keeps the first on a tie
        d = first[code]
        sentence = _sentence_of(article, m.start())
        mentions.append(
            Mention(m[0], m.start(), m.end(), sentence, d.level, SELF_REFERENCE, division_key(code))
        )
    return mentions


# names whose places say where they are registered, not what the text is about (the places
# in works' names are where the works are: S263线贞山段改造工程)
_NAMED_FROM = frozenset({Kind.COMPANY, Kind.ORGANIZATION})
# only provinces and prefectures: a county or town in a company's name is where a short
# article's figures happen (X市Y镇Z有限公司投资12亿元)
_WIDE = frozenset({Kind.PROVINCE, Kind.PREFECTURE})


def _without_places_only_in_names(mentions: list[Mention], top: list[Candidate]) -> list[Mention]:
    """A province or prefecture the article names only inside company or organisation
    names (广东X有限公司, 深圳Y集团) is not one the article speaks of: its mentions go
    (the names keep their text). A division also named on its own keeps them all."""
    holders = SpanIndex([c for c in top if c.kind in _NAMED_FROM])
    inside, outside = set(), set()
    for m in mentions:
        if m.source != "gazetteer" or m.kind not in _WIDE:
            continue
        held = any(c.start <= m.start and m.end <= c.end for c in holders.covering(m.start, m.end))
        (inside if held else outside).add(m.entity)
    gone = inside - outside
    if not gone:
        return mentions
    return [m for m in mentions if not (m.source == "gazetteer" and m.entity in gone)]


def _without_names_in_people(mentions: list[Mention], top: list[Candidate]) -> list[Mention]:
    """A person's name holds no other name (冯松柏 is no mention of a town 松柏)."""
    people = SpanIndex([c for c in top if c.kind == Kind.PERSON])
    return [
        m
        for m in mentions
        if m.kind == Kind.PERSON
        or not people.covering(m.start, m.end)
    ]


def _trade_name_place(m: Mention, companies: SpanIndex, divisions: dict) -> bool:
    """A place's short name inside a company name, after the places the name opens
    with, is the trade name (广东海丰渔业科技有限公司 is not in 海丰县).

    ``companies`` indexes the company candidates; ``divisions`` maps each division
    span's start to its (end, division) (the spans do not overlap)."""
    if m.source != "gazetteer":
        return False
    end, division = divisions.get(m.start, (None, None))
    if end == m.end and m.text == division.name:
        return False
    holding = companies.covering(m.start, m.end)
    if not holding:
        return False
    c = holding[0]
    leading = c.start
    # the chain goes on with prefectures and full names (广东省江门市,
    # 惠州博罗县), not with a county's short name (广东|海丰渔业)
    while leading in divisions:
        e, d = divisions[leading]
        full = e - leading == len(d.name)
        if not (leading == c.start or d.level == Kind.PREFECTURE or full):
            break
        leading = e
    return m.start >= leading


def _mention(article: Article, c: Candidate) -> Mention:
    text = article.text[c.start : c.end]
    canonical = c.canonical if c.canonical and c.canonical != text else None
    return Mention(
        text,
        c.start,
        c.end,
        _sentence_of(article, c.start),
        c.kind,
        c.source,
        canonical=canonical,
    )
