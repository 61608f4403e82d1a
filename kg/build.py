"""``kg build`` as a library call: ingest, extract, model, validate, analyse, export.

Sits between the stages and the CLI (docs/architecture.md: it uses ``export``
and everything below it; only ``cli`` uses it). One bad input does not stop
the others: its error is recorded and the rest still build. The same article
in two files is built once, both files recorded. Outputs are staged and
switched in as one set (kg.export.generations), so an interrupted or killed
build leaves the previous set whole.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import multiprocessing.pool
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.analyse import GraphMetrics, metrics, with_centrality
from kg.build_view import Pieces, keep_piece, piece_of, view_of
from kg.cache import FOLDER as CACHE_FOLDER
from kg.cache import BuildCache, Memo
from kg.errors import InputError, KgError, UsageError
from kg.export import get_exporter, run_exporter
from kg.export.generations import Staging
from kg.export.summary import LAYOUTS, VIEW_BUDGET, check_budget
from kg.extract import extract, prepare
from kg.extract.across import rename, renames_across
from kg.ingest import MAX_BYTES, read_article, read_bounded
from kg.model import (
    DEFAULT_BASE,
    IriMinter,
    article_iri,
    article_triples,
    build_minter,
    canonical_ntriples,
    check_base,
)
from kg.parts import (
    ArticlePart,
    GraphSet,
    Part,
    StoredPart,
    collector_off,
    make_part,
    part_key,
    read_part,
    split_own,
    write_part,
)
from kg.pinyin import add_slugs, known_slugs
from kg.records import Extraction
from kg.validate import ValidationReport, validate_ntriples

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
    reused: tuple[int, int] = (0, 0)  # extractions and article graphs taken from the cache

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
    keys: list[str] = field(default_factory=list)  # each extraction's cache key, in order


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def extract_all(
    files: Sequence[Path],
    max_bytes: int = MAX_BYTES,
    *,
    jobs: int = 1,
    cache: BuildCache | None = None,
    progress: Progress = _quiet,
    entities_only: bool = False,
) -> Extracted:
    """Extractions of the files that could be read, (path, reason) for the others,
    and a warning for each file that repeats an article already read.

    Files are read and extracted by ``jobs`` worker processes (or in this one),
    and their results taken in the order of ``files``, so the outcome never
    depends on which worker finished first. An article the cache holds (by its
    file's path and bytes) is not read or extracted again. With
    ``entities_only``, each extraction holds its article's metadata and its
    entities alone (no text, mentions, figures or relations): what cross-article
    resolution and the IRIs need, read from the cache's ``summary`` entries.
    """
    cache = cache or BuildCache(None)
    extractions: list[Extraction] = []
    keys: list[str] = []
    failures: list[tuple[str, str]] = []
    warnings: list[str] = []
    by_text: dict[str, int] = {}
    seen_ids: dict[str, Path] = {}
    work = [(path, max_bytes, cache.folder, entities_only) for path in files]
    started = time.perf_counter()
    kind = "summary" if entities_only else "extract"
    if jobs > 1 and len(work) > 1 and _some_to_extract(files, max_bytes, cache, kind):
        prepare()  # loaded once here, the forked workers share it
    for done, (path, result) in enumerate(_run(_read_and_extract, work, jobs), 1):
        progress("extract", done, len(files))
        if isinstance(result, str):
            failures.append((str(path), result))
            continue
        key, hit, extraction, text_hash = result
        cache.used["extract"].add(key)
        cache.used["summary"].add(key)
        cache.hits["extract"] += hit
        article = extraction.article
        if (first := by_text.get(text_hash)) is not None:
            extractions[first] = _also_from(extractions[first], str(path))
            kept = extractions[first].article.meta.source_path
            warnings.append(f"{path} holds the same article as {kept}: built once")
            continue
        if article.id in seen_ids:
            article = replace(article, id=f"{article.id}-{article.meta.sha256[:8]}")
            extraction = replace(extraction, article=article)
        seen_ids[article.id] = path
        extractions.append(extraction)
        keys.append(key)
        by_text[text_hash] = len(extractions) - 1
        log.debug("extracted %s", path)
    log.info("reading and extraction (%d reused): %.2f s", cache.hits["extract"],
             time.perf_counter() - started)  # fmt: skip
    return Extracted(extractions, failures, warnings, keys)


def _some_to_extract(files: Sequence[Path], max_bytes: int, cache: BuildCache, kind: str) -> bool:
    """Whether some file has no entry of ``kind`` in the cache, so that a worker will
    extract it (a file that cannot be read needs none: its worker stops there)."""
    if cache.folder is None:
        return True
    for path in files:
        try:
            data = read_bounded(Path(path), max_bytes)
        except KgError:
            continue
        key = cache.key("extract", str(path) + "\0", data)
        if not (cache.folder / kind / key).is_file():
            return True
    return False


def _read_and_extract(path: Path, max_bytes: int, folder: Path | None, entities_only: bool):
    """(cache key, whether it was cached, Extraction, hash of its text) of one file (the
    Extraction's entities alone when ``entities_only``), or the reason it failed."""
    try:
        cache = BuildCache(folder)
        data = read_bounded(Path(path), max_bytes)
        key = cache.key("extract", str(path) + "\0", data)  # no path holds NUL
        cached = cache.get("summary" if entities_only else "extract", key)
        if _is_entry(cached):
            return path, (key, 1, *cached)
        article = read_article(path, max_bytes)
        extraction = extract(article)
        text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        summary = (_entities_alone(extraction), text_hash)
        cache.put("extract", key, (extraction, text_hash))
        cache.put("summary", key, summary)
        return path, (key, 0, *(summary if entities_only else (extraction, text_hash)))
    except KgError as err:
        return path, str(err)


def _is_entry(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Extraction)


def _entities_alone(extraction: Extraction) -> Extraction:
    """``extraction`` with its article's metadata and its entities, nothing else."""
    return Extraction(
        replace(extraction.article, text="", sentences=()), entities=extraction.entities
    )


def _whole(summary: Extraction, key: str, cache: BuildCache) -> Extraction:
    """The whole extraction ``summary`` was made from (from the cache, or the file read
    and extracted again if its entry went), with the summary's article id and metadata
    (a repeated id gets a suffix, a repeated article the other files)."""
    entry = cache.get("extract", key)
    if _is_entry(entry):
        whole = entry[0]
    else:
        whole = extract(read_article(Path(summary.article.meta.source_path), _SHARED["max_bytes"]))
    article = replace(whole.article, id=summary.article.id, meta=summary.article.meta)
    return whole.evolve(article=article)


def _also_from(extraction: Extraction, path: str) -> Extraction:
    """``extraction`` with ``path`` recorded as another file holding its article."""
    article = extraction.article
    meta = replace(article.meta, also_from=(*article.meta.also_from, path))
    return replace(extraction, article=replace(article, meta=meta))


# What the workers of make_parts read: set before they are forked, so each
# inherits the extractions instead of receiving them pickled.
_SHARED: dict[str, object] = {}


def make_parts(extractions: Sequence[Extraction], base: str, **options: Any) -> GraphSet:
    """The graph of the build: each article's part, taken from the cache when its
    extraction and the IRIs of its entities are unchanged, else minted and validated
    (``start_parts``, whose keyword options it takes, with its checks waited for)."""
    graph, checks = start_parts(extractions, base, **options)
    with checks:
        return checks.finished(graph)


# An article this big (names, figures and relations) has its graph validated by a
# process of its own while the build goes on: a 1 MB article's graph (550,000
# triples) takes 9 s to validate, as long as the view and the outputs take. When
# the build holds an article's entities alone, its file's size stands in for it
# (about 20 bytes of text a name, figure or relation).
BIG_ARTICLE = 5_000
_BYTES_AN_ITEM = 20


def start_parts(
    extractions: Sequence[Extraction],
    base: str,
    *,
    jobs: int = 1,
    cache: BuildCache | None = None,
    progress: Progress = _quiet,
    sources: Sequence[tuple[str, str]] | None = None,
    renames: tuple[dict, dict] = ({}, {}),
    max_bytes: int = MAX_BYTES,
    pieces: Pieces | None = None,
) -> tuple[GraphSet, Checks]:
    """The graph of the build, and the validations still running (see ``Checks``).

    With ``sources``, ``extractions`` hold their entities alone (renamed across
    the build); each source is the extraction's cache key and the renames of its
    own entity keys. A part is then keyed by those and by its entities' IRIs,
    and only an article whose part must be made again has its whole extraction
    read (and renamed by ``renames``, ``kg.extract.across.renames_across``).

    With more than one job, the graph of an article of ``BIG_ARTICLE`` items or
    more is minted here and validated by a worker of its own while the caller
    goes on (its part in the set has no violations and no TriG block yet);
    every other part is made whole by the workers, as is every part with one
    job.

    ``pieces``, when given, is filled with each part's cache key and its piece of
    the NetworkX view (``kg.analyse.pieces``, pickled) by its graph IRI: made with
    the part, by the same worker, and kept in the cache beside it (``view``
    entries, keyed by the part's key and the view's code).
    """
    cache = cache or BuildCache(None)
    base = check_base(base)
    minter = _minter(extractions, cache)
    _SHARED.update(extractions=extractions, minter=minter, base=base)
    _SHARED.update(folder=cache.folder, sources=sources, renames=renames, max_bytes=max_bytes)
    started = time.perf_counter()
    big = {i for i, x in enumerate(extractions) if jobs > 1 and _size(x) >= BIG_ARTICLE}
    pending: list[tuple[str, ArticlePart]] = []
    try:
        parts = []
        work = [(i,) for i in range(len(extractions)) if i not in big]
        for done, (key, hit, part, piece) in enumerate(_run(_part_of, work, jobs), 1):
            progress("model", done, len(extractions))
            cache.used["part"].add(key)
            cache.hits["part"] += hit
            parts.append(part)
            keep_piece(cache, key, part.iri, piece, pieces)
        for i in sorted(big):
            key, part = _unchecked_part(i)
            progress("model", len(parts) + 1, len(extractions))
            cache.used["part"].add(key)
            cache.hits["part"] += isinstance(part, StoredPart)
            parts.append(part)
            if pieces is not None:
                keep_piece(cache, key, part.iri, piece_of(cache, key, part), pieces)
            if isinstance(part, ArticlePart):
                pending.append((key, part))
    finally:
        _SHARED.clear()
    elapsed = time.perf_counter() - started
    log.info("article graphs (%d reused): %.2f s", cache.hits["part"], elapsed)
    return GraphSet.of(base, parts), Checks(pending, cache.folder)


def _size(extraction: Extraction) -> int:
    """How big an article is: its names, figures and relations, or when the build holds
    its entities alone, its file's size in the same measure."""
    items = len(extraction.mentions) + len(extraction.quantities) + len(extraction.relations)
    if items or not extraction.entities:
        return items
    try:
        return os.stat(extraction.article.meta.source_path).st_size // _BYTES_AN_ITEM
    except OSError:
        return 0


def _unchecked_part(index: int) -> tuple[str, Part]:
    """(cache key, part) of the ``index``-th article, whose graph is checked beside the
    build: the cached part, or an ArticlePart of its minted triples alone to check."""
    minter, base = _SHARED["minter"], _SHARED["base"]
    cache = BuildCache(_SHARED["folder"])
    key, extraction, stored = _cached_part(index, cache)
    if stored is not None:
        return key, stored
    extraction = _whole_renamed(index, extraction, cache)
    data = canonical_ntriples(article_triples(extraction, minter, base))
    iri = str(article_iri(base, extraction.article.id))
    return key, ArticlePart(extraction.article.id, iri, data, ())


class Checks:
    """The validations of big parts, run by one worker process while the build goes on.

    The worker is forked at once (it inherits the parts); each part it checks
    is put into the cache whole (without TriG and JSON-LD blocks: the outputs
    make them from the triples). ``report`` waits for them; leaving the ``with`` block stops
    a worker still running (Ctrl-C, an error).
    """

    def __init__(self, pending: list[tuple[str, ArticlePart]], folder: Path | None) -> None:
        self.pending = pending
        self.results: list = []
        self.pool = None
        self.workers = 1 if pending else 0  # processes checking beside the build
        if pending:
            _CHECKING.update(pending=pending, folder=folder)
            try:
                context = multiprocessing.get_context("fork")
                self.pool = context.Pool(1, initializer=_ignore_interrupts)
            finally:
                _CHECKING.clear()
            self.results = [self.pool.apply_async(_check, (i,)) for i in range(len(pending))]

    def violations(self) -> dict[str, tuple]:
        """The violations of each checked part, by graph IRI (waits for the worker)."""
        return {part.iri: r.get() for (_, part), r in zip(self.pending, self.results, strict=True)}

    def report(self, graph: GraphSet) -> ValidationReport:
        """``graph.report`` with the violations of the parts checked beside the build."""
        found = self.violations()
        violations = tuple(v for part in graph.parts for v in found.get(part.iri, part.violations))
        return ValidationReport(conforms=not violations, violations=violations)

    def finished(self, graph: GraphSet) -> GraphSet:
        """``graph`` with the checked parts whole (their violations in)."""
        found = self.violations()
        if not found:
            return graph
        parts = [replace(p, violations=found[p.iri]) if p.iri in found else p for p in graph.parts]
        return GraphSet.of(graph.base, parts)

    def __enter__(self) -> Checks:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


_CHECKING: dict[str, object] = {}


def _check(index: int) -> tuple:
    """In the checking worker: validate the ``index``-th pending part, cache it whole."""
    key, part = _CHECKING["pending"][index]  # as it was when this worker was forked
    report = validate_ntriples(part.ntriples)
    shared, own = split_own(part.iri, part.ntriples)
    whole = replace(part, violations=report.violations, shared=shared, own=own)
    BuildCache(_CHECKING["folder"]).put_bytes("part", key, write_part(whole))
    return report.violations


def _minter(extractions: Sequence[Extraction], cache: BuildCache) -> IriMinter:
    """The build's IRI minter, with the slugs of names the last build romanised read
    from the cache (pypinyin takes about 1 ms a name) and this build's written back."""
    key = cache.key("pinyin", "slugs")
    known = cache.get("pinyin", key)
    if isinstance(known, dict):
        add_slugs(known)
    minter = build_minter(extractions)
    made = known_slugs()  # only this build's names go back: the table does not grow forever
    slugs = {e.name: made[e.name] for x in extractions for e in x.entities if e.name in made}
    if slugs != known:
        cache.put("pinyin", key, slugs)
    return minter


def _part_of(index: int) -> tuple[str, int, Part, bytes]:
    """(cache key, whether it was cached, part, its piece of the view) of the
    ``index``-th article: with a cache folder, the part as kept on disk
    (``StoredPart``), so the build holds no part's triples in memory; without one, in
    memory. The piece is read from the cache, else made from the part's triples."""
    minter, base = _SHARED["minter"], _SHARED["base"]
    cache = BuildCache(_SHARED["folder"])
    key, extraction, stored = _cached_part(index, cache)
    if stored is not None:
        return key, 1, stored, piece_of(cache, key, stored)
    part = make_part(_whole_renamed(index, extraction, cache), minter, base)
    path = cache.put_bytes("part", key, write_part(part))
    stored = read_part(path) if path is not None else None
    return key, 0, stored or part, piece_of(cache, key, part)


def _cached_part(index: int, cache: BuildCache) -> tuple[str, Extraction, StoredPart | None]:
    """The cache key of the ``index``-th article's part, its extraction as held, and the
    part the cache keeps under that key (None: it must be made)."""
    extraction = _SHARED["extractions"][index]
    minter, base, sources = _SHARED["minter"], _SHARED["base"], _SHARED["sources"]
    extra = () if sources is None else sources[index]
    key = cache.key("part", part_key(extraction, minter, base), *extra)
    path = cache.path("part", key)
    return key, extraction, read_part(path) if path is not None else None


def _whole_renamed(index: int, extraction: Extraction, cache: BuildCache) -> Extraction:
    """The whole extraction of the ``index``-th article, renamed across the build (the
    build may hold its entities alone)."""
    sources = _SHARED["sources"]
    if sources is None:
        return extraction
    renamed, canon = _SHARED["renames"]
    extraction = _whole(extraction, sources[index][0], cache)
    return rename(extraction, renamed, canon) if renamed else extraction


def _run(function: Callable, work: Sequence[tuple], jobs: int) -> Iterator:
    """``function(*args)`` for each args of ``work``, in order, by ``jobs`` forked workers
    (in this process when one job or one item)."""
    if jobs <= 1 or len(work) <= 1:
        yield from (function(*args) for args in work)
        return
    chunk = max(1, len(work) // (jobs * 16))  # big enough to spare messages, small to balance
    with _pool(jobs, work) as pool:  # forked: workers inherit _SHARED and the lexicons
        yield from pool.imap(_star, [(function, args) for args in work], chunksize=chunk)


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the main process, which stops the workers and says
    so in one line (each worker would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _star(item: tuple[Callable, tuple]):
    function, args = item
    return function(*args)


def default_jobs() -> int:
    """Worker processes when none are asked for: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    formats: Sequence[str] = DEFAULT_FORMATS,
    view_budget: int | None = None,
    max_bytes: int | None = None,
    jobs: int | None = None,
    progress: Progress = _quiet,
) -> BuildReport:
    """Build the graph from ``paths`` into ``out_dir``; see BuildReport.

    ``view_budget`` caps the nodes the browser page draws at start (None: the
    default, 1,500); a bigger view opens as a summary. ``max_bytes`` is the
    biggest article file read (None: 50 MB); bigger ones are refused unread.
    ``jobs`` is the number of worker processes (None: one per core); outputs
    are the same byte for byte whatever it is. What the last build into
    ``out_dir`` extracted and modelled is reused from ``OUT/.kg-cache``.
    """
    exporters = [(fmt, *get_exporter(fmt)) for fmt in formats]
    view_budget = check_budget(VIEW_BUDGET if view_budget is None else view_budget)
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more; got {jobs}")
    files, missing = collect_inputs(paths)
    cache = BuildCache(Path(out_dir) / CACHE_FOLDER)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    found = extract_all(
        files, max_bytes, jobs=jobs, cache=cache, progress=progress, entities_only=True
    )
    failures = missing + found.failures
    extractions = found.extractions
    if not extractions:
        reasons = "; ".join(reason for _, reason in failures)
        raise InputError(f"no article could be read: {reasons}")
    with _timed("cross-article resolution"):
        # on the entities alone: an article's whole extraction is read only if its part
        # must be made again (kg.extract.across.unify_across, split in two)
        renamed, canon = renames_across(extractions)
        sources = [
            (key, repr(sorted((e.key, renamed[e.key]) for e in x.entities if e.key in renamed)))
            for key, x in zip(found.keys, extractions, strict=True)
        ]
        if renamed:
            extractions = [rename(x, renamed, canon) for x in extractions]
    pieces: Pieces = {}
    graph, checks = start_parts(
        extractions, base, jobs=jobs, cache=cache, progress=progress,
        sources=sources, renames=(renamed, canon), max_bytes=max_bytes, pieces=pieces,
    )  # fmt: skip
    made = {}

    def make_view():
        with _timed("NetworkX view and metrics"), collector_off():
            view = view_of(graph, pieces, cache)
            pieces.clear()
            made["stats"] = metrics(view)
            return with_centrality(view, made["stats"])

    with checks:  # a big article's graph is validated while the view and outputs are made
        token = LAYOUTS.set(Memo(cache, "layout"))
        try:
            # the checker has a core of its own: it takes as long as the view and every
            # output together, and sharing its core with a writer made it finish last
            writers = max(1, jobs - checks.workers)
            outputs = _export(exporters, graph, make_view, Path(out_dir), jobs=writers,
                              cache=cache, view_budget=view_budget)  # fmt: skip
        finally:
            LAYOUTS.reset(token)
        with _timed("waiting for validation"):
            validation = checks.report(graph)
    stats = made["stats"]
    cache.prune()
    return BuildReport(
        articles=tuple(e.article.id for e in extractions),
        failures=tuple(failures),
        outputs=tuple(outputs),
        validation=validation,
        metrics=stats,
        triples=graph.count,
        warnings=tuple(found.warnings),
        reused=(cache.hits["extract"], cache.hits["part"]),
    )


@contextmanager
def _timed(stage: str) -> Iterator[None]:
    """Log how long ``stage`` took (shown by ``kg -v build``)."""
    started = time.perf_counter()
    yield
    log.info("%s: %.2f s", stage, time.perf_counter() - started)


def _export(
    exporters,
    graph,
    view,
    out_dir: Path,
    *,
    jobs: int = 1,
    cache: BuildCache | None = None,
    **options,
) -> list[tuple[str, Path]]:
    """Write every output into a staging folder (each by a worker when ``jobs`` > 1),
    then switch the set in at once.

    ``view`` may be a function that makes it: the outputs that never read it
    (``_VIEW_FREE``: kg.ttl, kg.trig, kg.jsonld) are then written by a worker
    while this process makes the view, so a second core is not idle meanwhile.
    """
    cache = cache or BuildCache(None)
    staging = Staging(out_dir)
    _SHARED.update(exporters=exporters, graph=graph, view=None, options=options)
    _SHARED["staging"] = staging.folder
    # The store is loaded by pyoxigraph's bulk loader, whose thread pool a forked worker
    # would not have once this process has used it (the worker then waits forever).
    forked = [i for i, (fmt, _, _) in enumerate(exporters) if fmt not in _IN_THIS_PROCESS]
    early = [i for i in forked if exporters[i][0] in _VIEW_FREE] if callable(view) else []
    late = [i for i in forked if i not in early]
    here = [i for i in range(len(exporters)) if i not in forked]
    try:
        with _pool(jobs - 1, early) as pool:  # this process makes the view meanwhile
            pending = pool.map_async(_write_output, early, chunksize=1) if pool else None
            for index in early if pool is None else ():
                _write_output(index)
            _SHARED["view"] = view() if callable(view) else view
            for used in _run(_write_output, [(i,) for i in late], jobs):
                cache.used["layout"] |= used  # layouts a worker read or wrote stay in the cache
            for used in pending.get() if pending else ():
                cache.used["layout"] |= used
        for index in here:
            _write_output(index)
        staging.commit()
    except BaseException:  # Ctrl-C included: the staged files go, the old set stays
        staging.abort()
        raise
    finally:
        _SHARED.clear()
    return [(fmt, out_dir / filename) for fmt, filename, _ in exporters]


_VIEW_FREE = {"ttl", "trig", "jsonld"}


@contextmanager
def _pool(workers: int, work: Sequence) -> Iterator[multiprocessing.pool.Pool | None]:
    """A pool of up to ``workers`` forked workers for ``work`` (None: none worth it)."""
    if workers < 1 or not work:
        yield None
        return
    context = multiprocessing.get_context("fork")
    # what the workers inherit (the view, the parts, the lexicons) out of the cycle
    # collector's reach: a worker's collections walked all of it, copying each page
    # they touched (1,000 articles, touched rebuild: 2 s of CPU)
    gc.freeze()
    try:
        with context.Pool(min(workers, len(work)), initializer=_ignore_interrupts) as pool:
            yield pool
    finally:
        gc.unfreeze()


_IN_THIS_PROCESS = {"oxigraph"}


def _write_output(index: int) -> set[str]:
    """Write the ``index``-th output into the staging folder; the layout cache keys used."""
    _, filename, exporter = _SHARED["exporters"][index]
    graph, view, options = _SHARED["graph"], _SHARED["view"], _SHARED["options"]
    with _timed(f"writing {filename}"):
        run_exporter(exporter, graph, view, _SHARED["staging"] / filename, **options)
    memo = LAYOUTS.get()
    return set(memo.cache.used["layout"]) if isinstance(memo, Memo) else set()
