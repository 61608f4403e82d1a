"""Measure extraction: score a built graph against gold annotations.

``evaluate(graph, gold_paths)`` scores each gold file (docs/gold-format.md)
against the graph and micro-averages them (hits and totals summed over the
files). Scores:

- entity recall: required gold entities whose name or an alias labels a
  typed node (``rdfs:label``, ``skos:altLabel``, ... after NFKC, spaces and
  quotes removed);
- entity precision (a lower bound): of the typed nodes the article claims
  (with a provenance link into it), the share labelled with a gold name;
- type and admin-level accuracy: of the entities found, the share with a
  node of an accepted class (by local name, through ``rdfs:subClassOf*``);
- relation recall: gold relations whose two ends are joined by a triple,
  through one small node (a statement, a quantity), or through a part or
  subject of one end that is not an administrative division; provenance and
  text links are never walked;
- quantity recall: gold figures found as a numeric literal (as printed or in
  a base unit: 亿元 → 元, 亩 → m², % → fraction ...) on a small node near the
  subject;
- period accuracy: of the figures found that have a gold period, the share
  whose nearby dates span that period.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph

from kg.errors import UsageError
from kg.evaluate.gold import Gold, GoldEntity, GoldFact, load_gold
from kg.evaluate.index import GraphIndex, index_graph
from kg.evaluate.score import METRICS, ArticleScore, Ratio, score_article

__all__ = [
    "METRICS",
    "ArticleScore",
    "Gold",
    "GoldEntity",
    "GoldFact",
    "GraphIndex",
    "Ratio",
    "evaluate",
    "gold_files",
    "index_graph",
    "load_gold",
    "micro_average",
    "report_lines",
    "score_article",
    "to_dict",
]
MISSED_KINDS = ("entities", "types", "levels", "relations", "quantities", "periods", "split")


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files named by ``paths``; folders give their ``*.yaml`` files, sorted."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no gold file or folder at {path}")
    if not found:
        raise UsageError(f"no gold files (.yaml) in {', '.join(map(str, paths))}")
    return found


def evaluate(graph: Graph, gold_paths: Sequence[Path]) -> list[ArticleScore]:
    """Scores of each gold file against ``graph`` (folders are searched for .yaml)."""
    golds = [load_gold(path) for path in gold_files(gold_paths)]
    index = index_graph(graph)
    return [score_article(index, gold) for gold in golds]


def micro_average(scores: Sequence[ArticleScore]) -> dict[str, Ratio]:
    """Each metric over all files: hits and totals summed, then divided."""
    return {
        metric: Ratio(
            sum(s.ratios[metric].hits for s in scores),
            sum(s.ratios[metric].total for s in scores),
        )
        for metric in METRICS
    }


def to_dict(scores: Sequence[ArticleScore]) -> dict:
    """A JSON-ready summary: per file ratios and misses, and the micro-average."""

    def ratios(found: dict[str, Ratio]) -> dict:
        return {
            m: {"value": _round(r.value), "hits": r.hits, "total": r.total}
            for m, r in found.items()
        }

    return {
        "files": [
            {
                "gold": s.gold,
                "article": s.article,
                "scores": ratios(s.ratios),
                "missed": {k: list(v) for k, v in s.missed.items()},
                "unscored_facts": s.unscored_facts,
            }
            for s in scores
        ],
        "micro_average": ratios(micro_average(scores)),
    }


def report_lines(scores: Sequence[ArticleScore], *, show_extra: int = 15) -> list[str]:
    """A readable report: per file scores and misses by kind, then the micro-average."""
    lines: list[str] = []
    for score in scores:
        where = f"article {score.article}" if score.article else "article not found: whole graph"
        lines.append(f"{Path(score.gold).name}  ({where})")
        lines += _ratio_lines(score.ratios)
        for kind in MISSED_KINDS:
            items = score.missed.get(kind, ())
            if items:
                lines.append(f"  missed {kind} ({len(items)}): " + "; ".join(items))
        extra = score.missed.get("extra", ())
        if extra:
            shown = "; ".join(extra[:show_extra]) + (" ..." if len(extra) > show_extra else "")
            lines.append(f"  not in gold ({len(extra)}): {shown}")
    if len(scores) > 1:
        lines.append(f"micro-average over {len(scores)} gold files")
        lines += _ratio_lines(micro_average(scores))
    return lines


def _ratio_lines(ratios: dict[str, Ratio]) -> list[str]:
    lines = []
    for metric in METRICS:
        ratio = ratios[metric]
        value = "   n/a" if ratio.value is None else f"{ratio.value:6.3f}"
        lines.append(f"  {metric.replace('_', ' '):18} {value}  {ratio.hits}/{ratio.total}")
    return lines


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
