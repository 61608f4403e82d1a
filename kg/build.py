"""``kg build`` as a library call: ingest, extract, model, validate, analyse, export.

Sits between the stages and the CLI (docs/architecture.md: it uses ``export``
and everything below it; only ``cli`` uses it). One bad input does not stop
the others: its error is recorded and the rest still build.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.analyse import GraphMetrics, metrics, to_networkx, with_centrality
from kg.errors import InputError, KgError, UsageError
from kg.export import get_exporter, run_exporter
from kg.export.summary import VIEW_BUDGET, check_budget
from kg.extract import extract
from kg.extract.across import unify_across
from kg.ingest import read_article
from kg.model import (
    DEFAULT_BASE,
    article_graphs,
    article_iri,
    check_base,
    new_graph,
    ontology_graph,
)
from kg.records import Extraction
from kg.sparql.store import graph_quads
from kg.validate import ValidationReport, validate
from kg.vocab import ONTOLOGY_IRI

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
DEFAULT_FORMATS = ("ttl", "trig", "jsonld", "graphml", "html")


@dataclass(frozen=True)
class BuildReport:
    """What a build read, wrote and found wrong."""

    articles: tuple[str, ...]
    failures: tuple[tuple[str, str], ...]  # (input path, one-line reason)
    outputs: tuple[tuple[str, Path], ...]  # (format, path)
    validation: ValidationReport
    metrics: GraphMetrics
    triples: int

    @property
    def exit_code(self) -> int:
        """0 when all built and valid; 1 when an input failed or shapes are violated."""
        return 0 if not self.failures and self.validation.conforms else 1


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Article files named by ``paths`` (folders are searched for .txt/.html)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    if not found:
        raise UsageError(
            f"no articles (.txt, .html) found in {', '.join(map(str, paths))}; "
            "give article files or a folder holding them"
        )
    return found


def extract_all(files: Sequence[Path]) -> tuple[list[Extraction], list[tuple[str, str]]]:
    """Extractions of the files that could be read, and (path, reason) for the others."""
    extractions, failures = [], []
    seen_ids: dict[str, Path] = {}
    for path in files:
        try:
            article = read_article(path)
            if article.id in seen_ids:
                raise InputError(
                    f"{path}: article id {article.id!r} is also that of {seen_ids[article.id]}; "
                    "rename one file"
                )
            seen_ids[article.id] = path
            extractions.append(extract(article))
            log.info("extracted %s", path)
        except KgError as err:
            failures.append((str(path), str(err)))
    return extractions, failures


def model_and_validate(
    extractions: Sequence[Extraction], base: str
) -> tuple[Graph, ValidationReport, ox.Store]:
    """The whole graph (ontology + articles), the SHACL report of each article's graph,
    and the same triples as named graphs (for TriG and ``kg push``): one per article,
    named by the article's IRI, and the ontology's, named by the ontology IRI.

    Each article is validated on its own as it is added (small graphs validate
    fast, and a violation names the article it came from).
    """
    ontology = ontology_graph()
    graph = new_graph(base)
    graph += ontology
    named = ox.Store()
    named.bulk_extend(graph_quads(ontology, str(ONTOLOGY_IRI)))
    violations = []
    for article_id, article_graph in article_graphs(extractions, base).items():
        found = validate(article_graph, ontology=ontology)
        if not found.conforms:
            log.warning("article %s violates the shapes", article_id)
        violations.extend(found.violations)
        graph += article_graph
        name = str(article_iri(check_base(base), article_id))
        named.bulk_extend(graph_quads(article_graph, name))
    report = ValidationReport(conforms=not violations, violations=tuple(violations))
    return graph, report, named


def build(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    formats: Sequence[str] = DEFAULT_FORMATS,
    view_budget: int | None = None,
) -> BuildReport:
    """Build the graph from ``paths`` into ``out_dir``; see BuildReport.

    ``view_budget`` caps the nodes the browser page draws at start (None: the
    default, 1,500); a bigger view opens as a summary.
    """
    exporters = [(fmt, *get_exporter(fmt)) for fmt in formats]
    view_budget = check_budget(VIEW_BUDGET if view_budget is None else view_budget)
    files = collect_inputs(paths)
    extractions, failures = extract_all(files)
    if not extractions:
        reasons = "; ".join(reason for _, reason in failures)
        raise InputError(f"no article could be read: {reasons}")
    extractions = unify_across(extractions)
    graph, report, named = model_and_validate(extractions, base)
    view = to_networkx(graph)
    stats = metrics(view)
    view = with_centrality(view, stats)
    outputs = []
    for fmt, filename, exporter in exporters:
        path = Path(out_dir) / filename
        options = {"view_budget": view_budget, "named": named}
        outputs.append((fmt, run_exporter(exporter, graph, view, path, **options)))
    return BuildReport(
        articles=tuple(e.article.id for e in extractions),
        failures=tuple(failures),
        outputs=tuple(outputs),
        validation=report,
        metrics=stats,
        triples=len(graph),
    )
