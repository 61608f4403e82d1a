"""Benchmark of SHACL validation per article graph: pyshacl-turbo (kg's) against pySHACL.

    .venv/bin/python bench/validate.py [--articles 30] [--seed 7] [--repeat 3]

Article graphs come from bench/stages.py's generator, read, extracted and
modelled by the real pipeline, plus the seed article. Each graph is validated
as ``kg build`` validates it (``kg.validate.validate``: the ontology and the
entailed types added, then the compiled shapes run), and again with pySHACL
on the same target graph. Prints the median and total seconds of each engine
(the minimum over ``--repeat`` runs of each graph, so other work on the
machine counts less) and how many graphs the two report differently.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pyshacl  # noqa: E402
from rdflib import Graph  # noqa: E402
from stages import generated_articles  # noqa: E402

from kg.extract import extract  # noqa: E402
from kg.ingest import parse_article, read_article  # noqa: E402
from kg.model import DEFAULT_BASE, article_graphs, ontology_graph  # noqa: E402
from kg.validate import _order, _violations, entailed_types, shapes_graph, validate  # noqa: E402


def article_graphs_of(count: int, seed: int) -> list[Graph]:
    """The seed article's graph and ``count`` generated articles' graphs."""
    articles = [read_article(ROOT / "data" / "articles" / "heshan-2023-11-16.txt")]
    articles += [
        parse_article(page, f"a-{i}.txt", f"{i:064x}")
        for i, page in enumerate(generated_articles(count, seed))
    ]
    return list(article_graphs([extract(a) for a in articles], DEFAULT_BASE).values())


def with_pyshacl(data: Graph) -> tuple:
    """What pySHACL reports on the graph kg.validate would check."""
    ontology, shapes = ontology_graph(), shapes_graph()
    target = Graph()
    for graph in (data, ontology, entailed_types(data, ontology)):
        for triple in graph:
            target.add(triple)
    conforms, results, _ = pyshacl.validate(
        target, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    return bool(conforms), tuple(sorted(_violations(results, shapes), key=_order))


def fastest(fn, graph: Graph, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn(graph)
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # pySHACL warns about each recursion guard
    graphs = article_graphs_of(args.articles, args.seed)
    sizes = [len(g) for g in graphs]
    print(f"{len(graphs)} article graphs, median {statistics.median(sizes):,.0f} triples")
    validate(graphs[0])  # shapes compiled once per process, outside the timing
    timings = {"pyshacl-turbo (kg)": [], "pySHACL": []}
    differing = 0
    for graph in graphs:
        ours_s, ours = fastest(validate, graph, args.repeat)
        theirs_s, theirs = fastest(with_pyshacl, graph, args.repeat)
        timings["pyshacl-turbo (kg)"].append(ours_s)
        timings["pySHACL"].append(theirs_s)
        differing += (ours.conforms, ours.violations) != theirs
    for engine, seconds in timings.items():
        print(
            f"{engine:20s} per article: median {statistics.median(seconds):.3f} s, "
            f"total {sum(seconds):.2f} s"
        )
    ratio = statistics.median(timings["pySHACL"]) / statistics.median(timings["pyshacl-turbo (kg)"])
    print(f"median speed-up {ratio:.1f}x; graphs reported differently: {differing}")


if __name__ == "__main__":
    main()
