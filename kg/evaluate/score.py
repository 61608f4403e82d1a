"""Score one gold file against an indexed graph: entities, types, levels,
relations, figures and their periods, with what was missed by kind.

Everything is counted within the article the gold file annotates when the
graph names it (by id, source file stem or title): a node that only other
articles claim does not count, so two towns called 大江镇 in two articles are
told apart. Nodes without any provenance (parents added from the gazetteer)
count for every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal

from kg.evaluate.gold import (
    Gold,
    GoldEntity,
    GoldFact,
    normalise_label,
    period_fits,
    value_candidates,
)
from kg.evaluate.index import PART_LINKS, GraphIndex, local_name

METRICS = (
    "entity_recall",
    "entity_precision",  # a lower bound: gold lists are never complete
    "type_accuracy",
    "level_accuracy",
    "relation_recall",
    "quantity_recall",
    "period_accuracy",
)
MAX_CONNECTOR_ENTITIES = 3  # a statement joins 2, a quantity 1; a hub joins many


@dataclass(frozen=True)
class Ratio:
    """``hits`` out of ``total``; ``value`` is None when there was nothing to count."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        """hits / total, or None for 0 / 0."""
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class ArticleScore:
    """The scores of one gold file and what was missed, by kind."""

    gold: str  # the gold file's path
    article: str | None  # the article it was matched to in the graph, if any
    ratios: dict[str, Ratio]
    missed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unscored_facts: int = 0  # facts with neither an object nor a value (dates, notes)


@dataclass(frozen=True)
class _Scope:
    """The graph as seen from one article."""

    index: GraphIndex
    article: object | None

    def claims(self, node: object) -> bool:
        """Whether ``node`` may count for this article (see the module docstring)."""
        origins = self.index.origins.get(node)
        return self.article is None or origins is None or self.article in origins

    def find(self, entity: GoldEntity) -> set:
        return {n for n in self.index.find(entity.names) if self.claims(n)}

    def connector(self, node: object) -> bool:
        """A small node between entities: a statement, a quantity, a period."""
        if isinstance(node, Literal) or self.index.is_entity(node):
            return False
        if node in self.index.text_nodes or not self.claims(node):
            return False
        ends = {o for _, o in self.index.adjacency.get(node, ()) if self.index.is_entity(o)}
        return len(ends) <= MAX_CONNECTOR_ENTITIES


def score_article(index: GraphIndex, gold: Gold) -> ArticleScore:
    """Score ``gold`` against the graph behind ``index``."""
    article = match_article(index, gold)
    scope = _Scope(index, article)
    ratios: dict[str, Ratio] = {}
    missed: dict[str, tuple[str, ...]] = {}
    for part in (_entities, _relations, _quantities):
        part_ratios, part_missed = part(scope, gold)
        ratios.update(part_ratios)
        missed.update(part_missed)
    unscored = sum(1 for f in gold.facts if f.object is None and f.value is None)
    name = None if article is None else _article_name(index, article)
    return ArticleScore(str(gold.path), name, ratios, missed, unscored)


def match_article(index: GraphIndex, gold: Gold) -> object | None:
    """The article node ``gold`` annotates: by id or file stem, else by title."""
    wanted = [normalise_label(gold.stem), normalise_label(gold.document.get("title") or "")]
    for key in filter(None, wanted):
        found = [node for node, names in index.articles.items() if key in names]
        if len(found) == 1:
            return found[0]
    return None


def _article_name(index: GraphIndex, article: object) -> str:
    return (index.articles.get(article) or (str(article),))[0]


def _entities(scope: _Scope, gold: Gold) -> tuple[dict, dict]:
    required = [e for e in gold.entities if not e.optional]
    found = {e.key: scope.find(e) for e in required}
    hits = [e for e in required if found[e.key]]
    typed = [e for e in hits if e.classes]
    kinds = scope.index.kinds
    typed_ok = [e for e in typed if any(kinds[n] & set(e.classes) for n in found[e.key])]
    levelled = [e for e in hits if e.level]
    level_ok = [e for e in levelled if any(e.level in kinds[n] for n in found[e.key])]
    claimed = [n for n in scope.index.kinds if n in scope.index.origins and scope.claims(n)]
    if not scope.index.origins:  # a graph without provenance: every typed node is a claim
        claimed = list(scope.index.kinds)
    gold_labels = {normalise_label(n) for e in gold.entities for n in e.names}
    extra = [n for n in claimed if not scope.index.labels.get(n, set()) & gold_labels]
    ratios = {
        "entity_recall": Ratio(len(hits), len(required)),
        "entity_precision": Ratio(len(claimed) - len(extra), len(claimed)),
        "type_accuracy": Ratio(len(typed_ok), len(typed)),
        "level_accuracy": Ratio(len(level_ok), len(levelled)),
    }
    missed = {
        "entities": tuple(e.names[0] for e in required if not found[e.key]),
        "types": tuple(
            f"{e.names[0]} ({_kinds_text(scope, found[e.key])}; want {'|'.join(e.classes)})"
            for e in typed
            if e not in typed_ok
        ),
        "levels": tuple(
            f"{e.names[0]} ({_kinds_text(scope, found[e.key])}; want {e.level})"
            for e in levelled
            if e not in level_ok
        ),
        "extra": tuple(sorted(_display_label(scope, n) for n in extra)),
        "split": tuple(e.names[0] for e in hits if len(found[e.key]) > 1),
    }
    return ratios, missed


def _display_label(scope: _Scope, node: object) -> str:
    """The node's longest Chinese label (its canonical name), else any label."""
    labels = scope.index.labels.get(node) or {str(node)}
    return max(labels, key=lambda text: (any("\u4e00" <= ch <= "\u9fff" for ch in text), len(text)))


def _kinds_text(scope: _Scope, nodes: set) -> str:
    kinds = set().union(*(scope.index.kinds[n] for n in nodes))
    return ",".join(sorted(kinds)) or "untyped"


def _relations(scope: _Scope, gold: Gold) -> tuple[dict, dict]:
    facts = [f for f in gold.facts if f.object is not None]
    missed = []
    for fact in facts:
        ends = scope.find(fact.subject), scope.find(fact.object)
        text = f"{fact.subject.names[0]} {fact.predicate} {fact.object.names[0]}"
        if not all(ends):
            missed.append(f"{text} (entity missing)")
        elif not (_linked(scope, *ends) or _linked(scope, *reversed(ends))):
            missed.append(text)
    return {"relation_recall": Ratio(len(facts) - len(missed), len(facts))}, {
        "relations": tuple(missed)
    }


def _linked(scope: _Scope, starts: set, ends: set) -> bool:
    """A triple between the two, or two through a small node, or through an entity
    that is a part, section or subject of the start (not a division: those are hubs)."""
    index = scope.index
    for start in starts:
        for predicate, middle in index.adjacency.get(start, ()):
            if middle in ends:
                return True
            through_part = (
                local_name(predicate) in PART_LINKS
                and index.is_entity(middle)
                and "AdministrativeDivision" not in index.kinds[middle]
            )
            if (through_part or scope.connector(middle)) and any(
                other in ends and other not in starts
                for _, other in index.adjacency.get(middle, ())
            ):
                return True
    return False


def _quantities(scope: _Scope, gold: Gold) -> tuple[dict, dict]:
    facts = [f for f in gold.facts if f.value is not None]
    found = period_total = period_ok = 0
    missed, wrong_period = [], []
    for fact in facts:
        holders = _holders(scope, fact)
        text = f"{fact.subject.names[0]} {_figure(fact)}" + (f" ({fact.note})" if fact.note else "")
        if not holders:
            missed.append(text + ("" if scope.find(fact.subject) else " [subject missing]"))
            continue
        found += 1
        if fact.period:
            period_total += 1
            if any(period_fits(fact.period, _dates_near(scope, h)) for h in holders):
                period_ok += 1
            else:
                wrong_period.append(f"{text} @ {fact.period}")
    ratios = {
        "quantity_recall": Ratio(found, len(facts)),
        "period_accuracy": Ratio(period_ok, period_total),
    }
    return ratios, {"quantities": tuple(missed), "periods": tuple(wrong_period)}


def _figure(fact: GoldFact) -> str:
    upper = f"至{fact.upper}" if fact.upper is not None else ""
    return f"{fact.value}{upper}{fact.unit}"


def _holders(scope: _Scope, fact: GoldFact) -> list:
    """Nodes near the subject that hold the figure (and its upper end, for a range)."""
    wanted = [value_candidates(fact.value, fact.unit)]
    if fact.upper is not None:
        wanted.append(value_candidates(fact.upper, fact.unit))
    holders = []
    for node in _near(scope, scope.find(fact.subject), depth=2):
        numbers = scope.index.numbers(node)
        if all(any(_same(x, c) for x in numbers for c in cands) for cands in wanted):
            holders.append(node)
    return holders


def _near(scope: _Scope, starts: set, depth: int) -> list:
    """``starts`` and the small nodes within ``depth`` steps of them, nearest first."""
    seen, frontier, out = set(starts), list(starts), list(starts)
    for _ in range(depth):
        step = []
        for node in frontier:
            for _, other in scope.index.adjacency.get(node, ()):
                if other not in seen and scope.connector(other):
                    seen.add(other)
                    step.append(other)
        frontier = step
        out += step
    return out


def _dates_near(scope: _Scope, holder: object) -> list[str]:
    return [d for node in _near(scope, {holder}, depth=2) for d in scope.index.dates(node)]


def _same(found: Decimal, wanted: Decimal) -> bool:
    """Equal, allowing the rounding a unit conversion (亩 to m²) may leave."""
    return abs(found - wanted) <= abs(wanted) * Decimal("1e-5") + Decimal("1e-9")
