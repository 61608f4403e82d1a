"""Benchmark of the named queries on a graph of a million triples: pyoxigraph against rdflib.

    .venv/bin/python bench/sparql.py [--articles 900] [--seed 7] [--repeat 5]
                                     [--rdflib-timeout 10] [--no-rdflib] [--persistent]

The graph is built the way ``kg build`` builds it: generated articles in the
genre (bench/stages.py's templates over the gazetteer's Guangdong counties
and towns), extracted by ``kg.extract`` and modelled by ``kg.model``; 900
articles give about a million triples. Each competency query in
``ontology/queries/`` runs ``--repeat`` times in the embedded store (after one
warm-up run) and once in rdflib's own engine over the same rdflib graph. rdflib
runs each query in a forked child that is stopped after ``--rdflib-timeout``
seconds; such a query counts as taking the timeout, so its ratio is a lower
bound (marked ``>``). The run takes about four minutes on two cores.

A question asked of one thing ("every figure about 鹤山市", "the chain of any
place") declares its variable (``# bind ?place: …``) and is timed twice:
unbound, over every place at once (tens of thousands of rows), and as asked,
bound to the value that has the most rows in the unbound answer (the worst
case, a hub county). The targets are checked on the questions as asked (the
bound form where there is one, else the query as it is); the medians of the
unbound forms are printed too. rdflib runs the questions as asked.

``--persistent`` also writes the graph as ``kg build --store`` does (a RocksDB
folder) and times opening it and each question as asked in it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/stages.py

from stages import generated_articles, timed  # noqa: E402

from kg.export.store import write_store  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.ingest import parse_article  # noqa: E402
from kg.model import build_graph  # noqa: E402
from kg.sparql import named_queries, run_query  # noqa: E402
from kg.sparql.engine import PREFIXES  # noqa: E402
from kg.sparql.store import open_store, store_from_graph  # noqa: E402

TARGET_MEDIAN_MS, TARGET_MAX_MS, TARGET_RATIO = 100.0, 1000.0, 10.0
_GRAPH = None  # the rdflib graph, inherited by the forked rdflib runs


def build(articles: int, seed: int):
    """The rdflib graph of ``articles`` generated articles, and the seconds each step took."""
    started = time.perf_counter()
    pages = generated_articles(articles, seed)
    extractions = [
        extract(parse_article(page, f"gen-{i}.txt", f"{i:064x}")) for i, page in enumerate(pages)
    ]
    extracted = time.perf_counter()
    graph = build_graph(extractions)
    return graph, extracted - started, time.perf_counter() - extracted


def time_embedded(store, text: str, repeat: int, bindings=None):
    """Seconds of each of ``repeat`` runs (after a warm-up), and the answer."""
    answer = run_query(store, text, bindings=bindings)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run_query(store, text, bindings=bindings)
        times.append(time.perf_counter() - started)
    return times, answer


def heaviest(answer, variable: str):
    """The value of ``variable`` in the most rows of ``answer`` (first in order on ties)."""
    column = answer.variables.index(variable)
    counts = Counter(row[column] for row in answer.rows if row[column] is not None)
    return max(counts, key=counts.get)


def to_rdflib(term):
    """A pyoxigraph literal or IRI as the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _rdflib_child(text: str, bindings, conn) -> None:
    started = time.perf_counter()
    rows = len(list(_GRAPH.query(text, initNs=PREFIXES, initBindings=bindings)))
    conn.send((time.perf_counter() - started, rows))


def time_rdflib(text: str, timeout: float, bindings=None) -> tuple[float, int | None]:
    """Seconds rdflib takes for one run (``timeout`` when stopped there), and its rows."""
    context = multiprocessing.get_context("fork")  # the child shares the graph, unchanged
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_rdflib_child, args=(text, bindings or {}, child))
    process.start()
    child.close()
    finished = parent.poll(timeout)
    seconds, rows = parent.recv() if finished else (timeout, None)
    process.kill()
    process.join()
    return seconds, rows


def main() -> None:
    global _GRAPH
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=900)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=5, help="embedded runs per query (median)")
    ap.add_argument("--rdflib-timeout", type=float, default=10.0, help="seconds per rdflib run")
    ap.add_argument("--no-rdflib", action="store_true", help="time the embedded store only")
    ap.add_argument(
        "--persistent", action="store_true", help="also time a persistent store (kg build --store)"
    )
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # "figure with no subject" notes would flood the output

    _GRAPH, extract_s, model_s = build(args.articles, args.seed)
    # The rdflib graph is millions of Python objects: without this, a full garbage
    # collection now and then walks them all in the middle of a timed query (a
    # pause of a second), and forked rdflib runs would copy every page it touches.
    gc.collect()
    gc.freeze()
    store, load_s = timed(store_from_graph, _GRAPH)
    print(
        f"graph: {len(_GRAPH):,} triples from {args.articles} generated articles "
        f"(seed {args.seed}); extract {extract_s:.1f} s, model {model_s:.1f} s, "
        f"into pyoxigraph {load_s:.1f} s"
    )
    print(
        f"pyoxigraph: median of {args.repeat} runs after a warm-up; rdflib: one run per "
        f"query (it is slow at this size), stopped after {args.rdflib_timeout:g} s"
    )
    # The embedded store first, with nothing else running; then rdflib, query by query.
    # Each entry: (query name, label, text, bindings, run times, answer, asked).
    runs = []
    for name, query in named_queries().items():
        times, answer = time_embedded(store, query.text, args.repeat)
        runs.append((name, name, query.text, None, times, answer, not query.parameters))
        for variable, _ in query.parameters:
            bindings = {variable: heaviest(answer, variable)}
            times, bound = time_embedded(store, query.text, args.repeat, bindings)
            label = f"  ?{variable}={bindings[variable].value}"
            runs.append((name, label, query.text, bindings, times, bound, True))
    print(f"{'query':24} {'rows':>7} {'oxigraph ms':>12} {'max ms':>8} {'rdflib ms':>10} ratio")
    medians, worst, ratios, rdflib_times, unbound = [], [], [], [], []
    for _, label, text, bindings, times, answer, asked in runs:
        median = statistics.median(times)
        if bindings is None:
            unbound.append(median)
        line = f"{label:24} {len(answer):7,} {median * 1000:12.1f} {max(times) * 1000:8.1f}"
        if not asked:
            print(line + "   (every value; timed as asked below)", flush=True)
            continue
        medians.append(median)
        worst.append(max(times))
        if not args.no_rdflib:
            ours = {k: to_rdflib(v) for k, v in (bindings or {}).items()}
            seconds, their_rows = time_rdflib(text, args.rdflib_timeout, ours)
            stopped = their_rows is None
            rdflib_times.append(seconds)
            ratios.append(seconds / median)
            mark = ">" if stopped else " "
            line += f" {mark}{seconds * 1000:9.0f} {mark}{seconds / median:.0f}x"
            if not stopped and their_rows != len(answer):
                line += f"  (rdflib: {their_rows} rows)"
        print(line, flush=True)
    print(
        f"unbound (each over the whole graph): median {statistics.median(unbound) * 1000:.1f}"
        f" ms, slowest {max(unbound) * 1000:.1f} ms"
    )
    summarise(medians, worst, ratios, rdflib_times)
    if args.persistent:
        time_persistent(store, runs, args.repeat)


def time_persistent(store, runs, repeat: int) -> None:
    """Write ``store`` as ``kg build --store`` would, open it and time the questions as asked."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kg.oxigraph"
        _, written = timed(lambda: write_store(None, None, path, named=store))
        size = sum(f.stat().st_size for f in path.iterdir())
        on_disk, opened = timed(open_store, path)
        print(
            f"persistent store: written in {written:.1f} s, {size / 1e6:.0f} MB, "
            f"opened in {opened * 1000:.0f} ms"
        )
        medians = []
        for name, label, text, bindings, _, _, asked in runs:
            if asked:
                times, _ = time_embedded(on_disk, text, repeat, bindings)
                medians.append(statistics.median(times))
                label = name + label if bindings else name
                print(f"{label:40} {medians[-1] * 1000:9.1f} ms", flush=True)
        print(
            f"persistent, questions as asked: median {statistics.median(medians) * 1000:.1f} ms, "
            f"slowest median {max(medians) * 1000:.1f} ms"
        )


def summarise(medians, worst, ratios, rdflib_times) -> None:
    """Print the medians over the questions as asked and whether the targets are met."""
    median_ms = statistics.median(medians) * 1000
    print(
        f"pyoxigraph, {len(medians)} questions as asked: median {median_ms:.1f} ms, slowest "
        f"median {max(medians) * 1000:.1f} ms, slowest run {max(worst) * 1000:.1f} ms"
    )
    met = median_ms < TARGET_MEDIAN_MS and max(medians) * 1000 < TARGET_MAX_MS
    print(
        f"  target: median query < {TARGET_MEDIAN_MS:g} ms and no query's median over "
        f"{TARGET_MAX_MS:g} ms: {'met' if met else 'MISSED'}"
    )
    if not ratios:
        return
    over_medians = statistics.median(rdflib_times) / statistics.median(medians)
    print(
        f"rdflib: median query {statistics.median(rdflib_times) * 1000:.0f} ms; "
        f"ratio of the medians {over_medians:.0f}x, median per-query ratio "
        f"{statistics.median(ratios):.0f}x (stopped rdflib runs count as the timeout)"
    )
    print(
        f"  target: embedded at least {TARGET_RATIO:g}x faster on the median query: "
        f"{'met' if min(over_medians, statistics.median(ratios)) >= TARGET_RATIO else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
