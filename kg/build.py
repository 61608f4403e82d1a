"""``kg build`` as a library call: ingest, extract, model, validate, analyse, export.

Sits between the stages and the CLI (docs/architecture.md: it uses ``export``
and everything below it; only ``cli`` uses it). One bad input does not stop
the others: its error is recorded and the rest still build. The same article
in two files is built once, both files recorded. Outputs are staged and
switched in as one set (kg.export.generations), so an interrupted or killed
build leaves the previous set whole.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.analyse import GraphMetrics, metrics, to_networkx, with_centrality
from kg.errors import InputError, KgError, UsageError
from kg.export import get_exporter, run_exporter
from kg.export.generations import Staging
from kg.export.summary import VIEW_BUDGET, check_budget
from kg.extract import extract
from kg.extract.across import unify_across
from kg.ingest import MAX_BYTES, read_article
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
    warnings: tuple[str, ...] = ()  # one line each; they do not fail the build

    @property
    def exit_code(self) -> int:
        """0 when all built and valid; 1 when an input failed or shapes are violated."""
        return 0 if not self.failures and self.validation.conforms else 1


def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Article files named by ``paths`` (folders are searched for .txt/.html), and
    (path, reason) for each path that names nothing."""
    found: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
        elif path.exists() or path.is_symlink():
            found.append(path)  # files, and FIFOs or devices, which reading refuses by name
        else:
            missing.append((str(path), f"no such file or folder: {path}"))
    if not found and missing:
        raise UsageError("; ".join(reason for _, reason in missing))
    if not found:
        raise UsageError(
            f"no articles (.txt, .html) found in {', '.join(map(str, paths))}; "
            "give article files or a folder holding them"
        )
    return found, missing


@dataclass(frozen=True)
class Extracted:
    """What reading and extracting the inputs gave: one extraction per distinct article."""

    extractions: list[Extraction]
    failures: list[tuple[str, str]]
    warnings: list[str]


def extract_all(files: Sequence[Path], max_bytes: int = MAX_BYTES) -> Extracted:
    """Extractions of the files that could be read, (path, reason) for the others,
    and a warning for each file that repeats an article already read."""
    extractions: list[Extraction] = []
    failures: list[tuple[str, str]] = []
    warnings: list[str] = []
    by_text: dict[str, int] = {}
    seen_ids: dict[str, Path] = {}
    for path in files:
        try:
            article = read_article(path, max_bytes)
            if (first := by_text.get(article.text)) is not None:
                extractions[first] = _also_from(extractions[first], str(path))
                kept = extractions[first].article.meta.source_path
                warnings.append(f"{path} holds the same article as {kept}: built once")
                continue
            if article.id in seen_ids:
                article = replace(article, id=f"{article.id}-{article.meta.sha256[:8]}")
            seen_ids[article.id] = path
            extractions.append(extract(article))
            by_text[article.text] = len(extractions) - 1
            log.info("extracted %s", path)
        except KgError as err:
            failures.append((str(path), str(err)))
    return Extracted(extractions, failures, warnings)


def _also_from(extraction: Extraction, path: str) -> Extraction:
    """``extraction`` with ``path`` recorded as another file holding its article."""
    article = extraction.article
    meta = replace(article.meta, also_from=(*article.meta.also_from, path))
    return replace(extraction, article=replace(article, meta=meta))


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
    max_bytes: int | None = None,
) -> BuildReport:
    """Build the graph from ``paths`` into ``out_dir``; see BuildReport.

    ``view_budget`` caps the nodes the browser page draws at start (None: the
    default, 1,500); a bigger view opens as a summary. ``max_bytes`` is the
    biggest article file read (None: 50 MB); bigger ones are refused unread.
    """
    exporters = [(fmt, *get_exporter(fmt)) for fmt in formats]
    view_budget = check_budget(VIEW_BUDGET if view_budget is None else view_budget)
    files, missing = collect_inputs(paths)
    found = extract_all(files, MAX_BYTES if max_bytes is None else max_bytes)
    failures = missing + found.failures
    extractions = found.extractions
    if not extractions:
        reasons = "; ".join(reason for _, reason in failures)
        raise InputError(f"no article could be read: {reasons}")
    extractions = unify_across(extractions)
    graph, report, named = model_and_validate(extractions, base)
    view = to_networkx(graph)
    stats = metrics(view)
    view = with_centrality(view, stats)
    outputs = _export(exporters, graph, view, Path(out_dir), view_budget=view_budget, named=named)
    return BuildReport(
        articles=tuple(e.article.id for e in extractions),
        failures=tuple(failures),
        outputs=tuple(outputs),
        validation=report,
        metrics=stats,
        triples=len(graph),
        warnings=tuple(found.warnings),
    )


def _export(exporters, graph, view, out_dir: Path, **options) -> list[tuple[str, Path]]:
    """Write every output into a staging folder, then switch the set in at once."""
    staging = Staging(out_dir)
    try:
        for _, filename, exporter in exporters:
            run_exporter(exporter, graph, view, staging.folder / filename, **options)
        staging.commit()
    except BaseException:  # Ctrl-C included: the staged files go, the old set stays
        staging.abort()
        raise
    return [(fmt, out_dir / filename) for fmt, filename, _ in exporters]
