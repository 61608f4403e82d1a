"""The bodies of ``kg analyse``, ``kg path`` and ``kg neighbours``: each returns the text
to print (a table or JSON) and leaves printing and exit codes to ``kg.cli``."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.analyse.exports import write_exports
from kg.analyse.measures import Analysis, analyse
from kg.analyse.paths import entity_info as info
from kg.analyse.paths import find_entity, neighbours, relation_paths
from kg.analyse.report import key_figures, write_report
from kg.analyse.view import to_networkx
from kg.errors import UsageError
from kg.sparql.store import open_store, read_quads

FORMATS = ("table", "json")
_SENTENCE_CUT = 160  # characters of a sentence a table shows


def load_view(path: Path) -> nx.MultiDiGraph:
    """The NetworkX view of a built graph: an RDF file (kg.ttl, kg.trig, …) or an
    Oxigraph store folder (kg build --store)."""
    path = Path(path)
    if path.is_dir():
        return to_networkx(open_store(path).quads_for_pattern(None, None, None))
    # As N-Triples, which the view slices faster than it converts pyoxigraph's terms.
    triples = (quad.triple for quad in read_quads(path))
    return to_networkx(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def _name(entity: dict) -> str:
    extra = ", ".join(x for x in (entity["kind"], entity["code"]) if x)
    return f"{entity['label']} ({extra})" if extra else entity["label"]


def _evidence_lines(relation: dict, indent: str) -> list[str]:
    lines = []
    for ev in relation["evidence"]:
        if "gazetteer" in ev:
            codes = ev["codes"]
            link = "within" if relation["predicate"] == "locatedIn" else relation["predicate"]
            lines.append(
                f"{indent}gazetteer ({ev['gazetteer']}): {relation['subject']} {codes[0]} "
                f"{link} {relation['object']} {codes[1]}"
            )
        else:
            text = ev["sentence"] or ""
            cut = text if len(text) <= _SENTENCE_CUT else text[: _SENTENCE_CUT - 1] + "…"
            lines.append(f"{indent}“{cut}” [{ev['article']}]")
    return lines or [f"{indent}(no source recorded)"]


def _relation_line(relation: dict) -> str:
    zh, en = relation["label_zh"] or relation["predicate"], relation["label_en"] or ""
    return f"{relation['subject']} {zh} {relation['object']}  ({relation['predicate']}: {en})"


def path_command(graph: Path, a: str, b: str, limit: int, fmt: str) -> str:
    """``kg path A B``: the shortest relation paths with each hop's evidence."""
    _check(fmt)
    view = load_view(graph)
    source, target = find_entity(view, a), find_entity(view, b)
    paths = relation_paths(view, source, target, limit)
    if fmt == "json":
        return _dump(
            {
                "from": info(view, source),
                "to": info(view, target),
                "hops": len(paths[0]) if paths else None,
                "paths": [
                    [
                        {
                            "from": view.nodes[h.source]["label"],
                            "to": view.nodes[h.target]["label"],
                            "relations": h.relations,
                        }
                        for h in path
                    ]
                    for path in paths
                ],
            }
        )
    head = f"{_name(info(view, source))} → {_name(info(view, target))}"
    if not paths:
        return f"{head}: not connected\n"
    if source == target:
        return f"{head}: the same entity\n"
    lines = [f"{head}: {len(paths)} shortest path(s) of {len(paths[0])} hop(s)"]
    for number, path in enumerate(paths, 1):
        walk = [view.nodes[path[0].source]["label"]] + [view.nodes[h.target]["label"] for h in path]
        lines.append(f"path {number}: {' — '.join(walk)}")
        for step, hop in enumerate(path, 1):
            for relation in hop.relations:
                lines.append(f"  {step}. {_relation_line(relation)}")
                lines.extend(_evidence_lines(relation, "     "))
    return "\n".join(lines) + "\n"


def neighbours_command(graph: Path, x: str, depth: int, fmt: str, per_group: int = 30) -> str:
    """``kg neighbours X``: what lies within ``depth`` hops, grouped by relation."""
    _check(fmt)
    view = load_view(graph)
    node = find_entity(view, x)
    groups = neighbours(view, node, depth)
    if fmt == "json":
        return _dump({"entity": info(view, node), "depth": depth, "groups": groups})
    count = len({m["iri"] for g in groups for m in g["members"]})
    lines = [f"{_name(info(view, node))}: {count} entit(ies) within {depth} hop(s)"]
    for g in groups:
        arrow = f"{g['predicate']} →" if g["direction"] == "out" else f"← {g['predicate']}"
        lines.append(
            f"[{g['distance']}] {arrow} ({g['label_zh'] or ''} / {g['label_en'] or ''}): "
            f"{len(g['members'])}"
        )
        for member in g["members"][:per_group]:
            via = f"  via {member['via']}" if g["distance"] > 1 else ""
            lines.append(f"  {_name(member)}{via}")
            rel = {
                "predicate": g["predicate"],
                "subject": "",
                "object": "",
                "evidence": member["evidence"],
            }
            if g["direction"] == "out":
                rel["subject"], rel["object"] = member["via"], member["label"]
            else:
                rel["subject"], rel["object"] = member["label"], member["via"]
            lines.extend(_evidence_lines(rel, "      ")[:2])
        if len(g["members"]) > per_group:
            lines.append(f"  … and {len(g['members']) - per_group} more (--format json lists all)")
    return "\n".join(lines) + "\n"


def timed_load(graph: Path) -> tuple[nx.MultiDiGraph, float]:
    """The view of ``graph`` and the seconds it took to read it."""
    started = time.perf_counter()
    view = load_view(graph)
    return view, time.perf_counter() - started


def add_parsers(command, positive) -> None:
    """The parsers of the three commands; ``command(name, help)`` makes a subparser and
    ``positive(int)`` is an argparse type for counts above zero (both from kg.cli)."""
    a = command(
        "analyse",
        "Measure the built graph (centrality, communities, k-core, "
        "summaries) and write a report with charts and Gephi/CSV exports.",
    )
    a.add_argument(
        "graph",
        nargs="?",
        type=Path,
        default=Path("out/kg.ttl"),
        help="graph file or Oxigraph store (default: out/kg.ttl)",
    )
    a.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for report/ and the exports (default: the graph's folder)",
    )
    a.add_argument("--seed", type=int, default=42, help="seed of communities and sampling")
    p = command(
        "path",
        "Print the shortest relation paths between two entities, each hop "
        "with its relation and the sentence (or gazetteer entry) behind it.",
    )
    p.add_argument("a", metavar="A", help="an entity: label, short form or pinyin")
    p.add_argument("b", metavar="B", help="another entity")
    p.add_argument("--max", type=positive(int), default=5, help="paths to show (default: 5)")
    n = command("neighbours", "List what surrounds an entity, grouped by relation.")
    n.add_argument("x", metavar="X", help="an entity: label, short form or pinyin")
    n.add_argument("--depth", type=positive(int), default=1, help="hops (default: 1)")
    for parser in (a, p, n):
        parser.add_argument(
            "--graph",
            dest="graph_file",
            type=Path,
            default=None,
            help="graph file or store (default: out/kg.ttl)",
        )
        parser.add_argument(
            "--format", choices=FORMATS, default="table", help="table (default) or json"
        )


@dataclass
class Result:
    """What a command gives kg.cli: text for stdout, warnings for stderr, an exit code."""

    text: str
    warnings: list[str] = field(default_factory=list)
    code: int = 0


Placing = Callable[[Path, Path], AbstractContextManager[Path]]


@contextmanager
def _in_place(folder: Path, graph: Path) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    yield folder


def run(args, place: Placing | None = None) -> Result:
    """Run ``kg analyse``, ``kg path`` or ``kg neighbours`` from parsed arguments."""
    graph = args.graph_file or getattr(args, "graph", None) or Path("out/kg.ttl")
    if args.command == "path":
        return Result(path_command(graph, args.a, args.b, args.max, args.format))
    if args.command == "neighbours":
        return Result(neighbours_command(graph, args.x, args.depth, args.format))
    return analyse_command(graph, args.out, args.seed, args.format, place)


@dataclass
class Written:
    """What ``analyse_and_write`` measured and wrote, with its timings."""

    analysis: Analysis
    paths: list[Path]
    warnings: list[str]
    seconds: dict[str, float]


def analyse_and_write(
    view: nx.MultiDiGraph, out: Path, seed: int = 42, source: str = ""
) -> Written:
    """Measure ``view`` and write ``out``/report/, ``out``/kg.gexf and the CSVs."""
    started = time.perf_counter()
    a = analyse(view, seed=seed)
    measured = time.perf_counter()
    paths, warnings = write_report(view, a, out / "report", source=source)
    reported = time.perf_counter()
    paths += write_exports(view, a, out)
    done = time.perf_counter()
    seconds = {
        "measures": measured - started,
        "report": reported - measured,
        "exports": done - reported,
        "total": done - started,
    }
    return Written(a, paths, warnings, {**{f"  {k}": v for k, v in a.seconds.items()}, **seconds})


def analyse_command(
    graph: Path, out: Path | None, seed: int, fmt: str, place: Placing | None = None
) -> Result:
    """``kg analyse``: key figures printed, the report and exports written.

    ``place(folder, graph)`` gives the folder to write into and puts what was
    written there in place when its block ends (kg.cli passes the build
    folders' ``beside_build``); without it files are written into ``folder``.
    """
    _check(fmt)
    graph = Path(graph)
    view, load = timed_load(graph.resolve() if graph.exists() else graph)
    folder = Path(out) if out else graph.parent
    with (place or _in_place)(folder, graph) as staged:
        w = analyse_and_write(view, staged, seed, source=f"{graph} (seed {seed})")
    w.paths = [folder / p.relative_to(staged) for p in w.paths]
    a = w.analysis
    label = lambda n: view.nodes[n].get("label", n)  # noqa: E731
    central = [
        {
            "entity": label(n),
            "class": view.nodes[n].get("kind"),
            "pagerank": round(a.pagerank[n], 6),
            "degree": a.degree.get(n, 0),
            "betweenness": round(a.betweenness.get(n, 0.0), 6),
        }
        for n in a.top(a.pagerank, 10)
    ]
    groups = [
        {
            "members": len(c),
            "most central": [
                label(n) for n in sorted(c, key=lambda n: (-a.pagerank.get(n, 0.0), n))[:6]
            ],
        }
        for c in a.communities[:5]
    ]
    seconds = {"load": round(load, 2), **{k.strip(): round(v, 2) for k, v in w.seconds.items()}}
    if fmt == "json":
        return Result(
            _dump(
                {
                    "figures": {
                        "entities": a.nodes,
                        "relations": a.edges,
                        "components": len(a.components),
                        "largest_component": a.components[0] if a.components else 0,
                        "communities": len(a.communities),
                        "largest_community": len(a.communities[0]) if a.communities else 0,
                        "highest_k_core": max(a.core.values(), default=0),
                        "betweenness_sampled_sources": a.betweenness_sample,
                    },
                    "central": central,
                    "communities": groups,
                    "classes": a.by_class,
                    "counties": a.by_county[:20],
                    "outputs": [str(p) for p in w.paths],
                    "seconds": seconds,
                }
            ),
            w.warnings,
        )
    lines = [f"{k}: {v}" for k, v in key_figures(a)]
    lines.append("classes: " + ", ".join(f"{r['class']} {r['entities']:,}" for r in a.by_class))
    lines.append("most central (PageRank, degree, betweenness):")
    lines += [
        f"  {c['pagerank']:.4f} {c['degree']:>5} {c['betweenness']:.4f}  {c['entity']} "
        f"({c['class']})"
        for c in central
    ]
    lines.append("largest communities:")
    lines += [f"  {g['members']:>6,}  {', '.join(g['most central'])}" for g in groups]
    report = folder / "report"
    lines.append(
        f"wrote {report / 'index.html'}, {report / 'report.md'}, "
        f"{len([p for p in w.paths if p.parent.name == 'charts'])} chart files, "
        f"{folder / 'kg.gexf'}, {folder / 'kg-nodes.csv'}, {folder / 'kg-edges.csv'}"
    )
    lines.append(f"took {seconds['total']:.1f} s after {load:.1f} s loading the graph")
    lines.append(f"open {(report / 'index.html').absolute().as_uri()} in a browser")
    return Result("\n".join(lines) + "\n", w.warnings)
