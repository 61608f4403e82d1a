"""The mention steps: administrative divisions from the gazetteer, then other names.

Divisions are found by scanning for every full and short name, then resolved
with the article's own context (the counties and prefectures it names
unambiguously, its title); a name that does not resolve stays unlinked.
"""

from __future__ import annotations

from kg.extract.gazetteer import Division, load_gazetteer
from kg.extract.names import Candidate, add_words, choose, find_candidates
from kg.extract.pipeline import step
from kg.records import Article, Extraction, Mention

DIVISION_PREFIX = "div:"


def division_key(code: str) -> str:
    """Entity key of a division: ``div:`` + its official code."""
    return DIVISION_PREFIX + code


_segmenter_ready = False


def _ensure_segmenter() -> None:
    """Load division names into the word segmenter once (they are proper nouns)."""
    global _segmenter_ready
    if not _segmenter_ready:
        add_words(load_gazetteer().jieba_user_dict_lines())
        _segmenter_ready = True


def resolve_divisions(article: Article) -> list[tuple[int, int, Division]]:
    """Division spans of the article, resolved with the article's own context."""
    gaz = load_gazetteer()
    title = article.meta.title or ""
    spans = gaz.scan(article.text)
    surfaces = [article.text[s:e] for s, e, _ in spans] + [
        title[s:e] for s, e, _ in gaz.scan(title)
    ]
    context = set(gaz.guess_context(surfaces))
    found = []
    for start, end, surface in spans:
        division = gaz.resolve(surface, context)
        if division is not None:
            found.append((start, end, division))
            context.update(d.code for d in gaz.chain(division.code))
    return found


def _sentence_of(article: Article, offset: int) -> int:
    sentence = article.sentence_at(offset)
    return sentence.index if sentence else -1


@step("mentions", adds={"mentions"})
def mentions_step(ex: Extraction) -> Extraction:
    """Adds division mentions (entity key = code) and other name mentions."""
    _ensure_segmenter()
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
    place_ends = {e for _, e, _ in divisions}
    top, nested = choose(find_candidates(article.text, place_ends))
    for c in top + nested:
        if _overlaps_division_exactly(c, divisions):
            continue
        mentions.append(_mention(article, c))
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    return ex.evolve(mentions=tuple(mentions))


def _overlaps_division_exactly(c: Candidate, divisions: list) -> bool:
    return any(s == c.start and e == c.end for s, e, _ in divisions)


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
