"""Benchmark of ``kg analyse`` on a graph of about 100,000 entities; prints its figures.

    .venv/bin/python bench/analyse.py [--articles 3600] [--seed 7] [--reuse] [--graph PATH]

The corpus is bench/corpus_gen.py's generated articles (about 28 entities per
article: 3,600 articles give some 100,000), written to
``bench/results/analyse/generated-N/articles`` and built by the real command
(``kg build --jobs 2``, in a child process; ``--reuse`` keeps a build already
there, and the view pickled by the run that loaded it). ``--graph`` analyses a
graph built elsewhere instead.

Then, in this process, timed apart:
- **load**: reading ``kg.ttl`` into the NetworkX view (``kg.analyse.commands.load_view``);
- **analysis**: from the loaded view to the written report, exactly what
  ``kg analyse`` does after loading (``analyse_and_write``): measures, the
  report with its charts, GEXF and CSV. The goal is 60 s at 100,000 entities.

The generated articles share their places and many names, so 3,600 articles
give ~39,000 entities (9.4 million triples, 494 MB of Turtle, 5 minutes to
load on the loaded machine) rather than 100,000, and 20,000 articles would not
load in this machine's memory through rdflib-free Python either. So when the
built view has fewer than ``--entities`` (100,000) entities, it is tiled: the
divisions (real places, with codes) are kept once and every other entity is
copied with its figures, sentences and relations (``IRI~k``, label ``name·k``),
as more articles about the same places bring new parks, companies and
projects. The analysis then runs on the tiled view.

Betweenness above 5,000 nodes is estimated from 256 seeded sources (printed);
``--louvain`` also times networkx's Louvain on the same view, which Leiden
replaced (941 s at 105k nodes on this machine).
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import networkx as nx  # noqa: E402
from corpus_gen import generated  # noqa: E402

from kg.analyse import communities  # noqa: E402
from kg.analyse.commands import analyse_and_write, load_view  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "analyse"
KG = ROOT / ".venv" / "bin" / "kg"
GOAL = 60.0


def built_graph(count: int, seed: int, reuse: bool) -> Path:
    """``kg.ttl`` of ``count`` generated articles, built unless ``reuse`` finds one."""
    folder = RESULTS / f"generated-{count}"
    graph = folder / "out" / "kg.ttl"
    if reuse and graph.exists():
        print(f"reusing {graph}")
        return graph
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for old in articles.glob("*.txt"):
        old.unlink()
    texts = generated(count, seed)
    for i, text in enumerate(texts):
        (articles / f"gen-{i:05d}.txt").write_text(text, encoding="utf-8")
    print(f"{count} articles, {sum(map(len, texts)):,} characters; building …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [str(KG), "build", str(articles), "--out", str(folder / "out"), "--jobs", "2"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  kg build: {time.perf_counter() - started:.0f} s")
    return graph


def tiled(view: nx.MultiDiGraph, target: int) -> nx.MultiDiGraph:
    """``view`` with its non-division entities copied until it has ``target`` entities."""
    places = {n for n, d in view.nodes(data=True) if d.get("code")}
    others = [n for n in view if n not in places]
    grown = view.copy()
    copy = 0
    while grown.number_of_nodes() < target and others:
        copy += 1

        def name(node: str, copy: int = copy) -> str:
            return node if node in places else f"{node}~{copy}"

        for node in others:
            data = dict(view.nodes[node])
            data["label"] = f"{data.get('label')}·{copy}"
            grown.add_node(name(node), **data)
        grown.add_edges_from(
            (name(u), name(v), k, d)
            for u, v, k, d in view.edges(keys=True, data=True)
            if u not in places or v not in places
        )
    return grown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep a build already there")
    parser.add_argument("--graph", type=Path, default=None, help="analyse this graph instead")
    parser.add_argument(
        "--entities",
        type=int,
        default=100_000,
        help="tile a smaller view up to this many entities (0: never)",
    )
    parser.add_argument("--louvain", action="store_true", help="also time networkx's Louvain")
    args = parser.parse_args()
    graph = args.graph or built_graph(args.articles, args.seed, args.reuse)
    size = graph.stat().st_size if graph.is_file() else 0
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")

    cached = graph.parent / "view.pickle"
    started = time.perf_counter()
    if args.reuse and cached.exists():
        view = pickle.loads(cached.read_bytes())
        print(f"view from {cached} (pickled by an earlier run; its load is not timed here)")
    else:
        view = load_view(graph)
        if args.graph is None:
            cached.write_bytes(pickle.dumps(view, protocol=5))
    load = time.perf_counter() - started
    print(
        f"load: {load:.1f} s ({size / 1e6:.0f} MB of Turtle) -> "
        f"{view.number_of_nodes():,} entities, {view.number_of_edges():,} relations"
    )

    if view.number_of_nodes() < args.entities:
        started = time.perf_counter()
        view = tiled(view, args.entities)
        print(
            f"tiled to {view.number_of_nodes():,} entities, {view.number_of_edges():,} "
            f"relations in {time.perf_counter() - started:.1f} s (not counted)"
        )
    out = graph.parent / "analysis" if args.graph is None else RESULTS / "analysis"
    started = time.perf_counter()
    written = analyse_and_write(view, out, seed=42, source=str(graph))
    total = time.perf_counter() - started
    a = written.analysis
    for stage, seconds in written.seconds.items():
        print(f"  {stage:14} {seconds:6.1f} s")
    sampled = f"{a.betweenness_sample} sampled sources" if a.betweenness_sample else "exact"
    print(
        f"betweenness: {sampled}; communities: {len(a.communities):,} (Leiden), largest "
        f"{len(a.communities[0]):,}; components: {len(a.components):,}"
    )
    print(f"wrote {len(written.paths)} files under {out}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    verdict = "within" if total <= GOAL else "OVER"
    print(
        f"analysis: {total:.1f} s from the loaded view to the written report "
        f"({verdict} the {GOAL:.0f} s goal); load {load:.1f} s apart; peak RSS {peak:.0f} MB"
    )
    if args.louvain:
        started = time.perf_counter()
        found = communities(view, seed=42, method="louvain")
        print(
            f"networkx Louvain: {time.perf_counter() - started:.1f} s, {len(found):,} communities"
        )


if __name__ == "__main__":
    main()
