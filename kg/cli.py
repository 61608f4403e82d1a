"""The ``kg`` command: a thin shell over the library. The only module that prints or exits.

Exit codes: 0 all built and valid; 1 an input failed (the rest still built) or
the graph violates the shapes; 2 usage errors.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import InputError, KgError, UsageError

EXAMPLES = {
    "build": "kg build data/articles --out out",
    "query": "kg query 'SELECT ?s WHERE { ?s a kgo:County }'",
    "validate": "kg validate out/kg.ttl",
    "stats": "kg stats out/kg.ttl",
    "serve": "kg serve --port 8877   # then open http://127.0.0.1:8877/query",
    "push": "kg push --endpoint http://127.0.0.1:7878 --store-type oxigraph",
    "eval": "kg eval tests/eval/gold --graph out/kg.ttl",
}
ANALYSIS = {
    "analyse": "kg analyse out/kg.ttl   # writes out/report/, out/kg.gexf, CSVs",
    "path": "kg path 鹤山 隆基硅能源",
    "neighbours": "kg neighbours 址山镇 --depth 2",
}
EXAMPLES.update(ANALYSIS)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2; main adds the "kg: "
        command = self.prog.removeprefix("kg").strip()
        raise UsageError(f"{command + ': ' if command else ''}{message} (see {self.prog} --help)")


def _positive(kind: type) -> Callable[[str], int | float]:
    """An argparse type: a number of ``kind`` above zero."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{text} is not above zero")
        return value

    parse.__name__ = f"positive {kind.__name__}"
    return parse


def _parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="kg",
        description="Knowledge graphs from Chinese regional-development news.",
        epilog="example:\n  " + "\n  ".join(EXAMPLES.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    b = command("build", "Build the knowledge graph from articles into an output folder.")
    b.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("data/articles")],
        help="article files or folders (default: data/articles)",
    )
    b.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    b.add_argument("--base", default=None, help="base IRI of the instances")
    b.add_argument(
        "--view-budget",
        type=int,
        default=None,
        metavar="N",
        help="nodes the browser page draws at start; a bigger graph opens as a summary "
        "that expands on demand (default: 1500)",
    )
    b.add_argument(
        "--store",
        action="store_true",
        help="also write OUT/kg.oxigraph, a persistent Oxigraph store that kg query and "
        "kg serve open at once (--graph OUT/kg.oxigraph): for corpora of millions of triples",
    )
    b.add_argument("--max-size", type=_positive(float), default=None, metavar="MB",
                   help="refuse article files bigger than this, unread (default: 50)")  # fmt: skip
    b.add_argument("--jobs", type=_positive(int), default=None, metavar="N",
                   help="worker processes for extraction and modelling (default: one per "
                   "core); outputs are the same whatever N is")  # fmt: skip

    q = command(
        "query",
        "Run a SPARQL query over the built graph in the embedded store (pyoxigraph). "
        "Prefixes kgo, schema, prov, time, dcterms, skos, rdfs, rdf, xsd, owl are predeclared.",
    )
    q.add_argument("query", nargs="?", help="the query text, a .rq file, or - for stdin")
    q.add_argument("--name", help="a named query from ontology/queries (see --list)")
    q.add_argument("--list", action="store_true", help="list the named queries and exit")
    q.add_argument(
        "--graph", type=Path, default=Path("out/kg.ttl"), help="graph file or Oxigraph store"
    )
    q.add_argument(
        "--format",
        choices=("table", "csv", "tsv", "json", "xml", "turtle", "ntriples"),
        default="table",
        help="SELECT/ASK: table (default), csv, tsv, json, xml; CONSTRUCT/DESCRIBE: Turtle",
    )
    q.add_argument("--limit", type=_positive(int), default=None, help="keep at most N rows")
    q.add_argument("--timeout", type=_positive(float), default=60.0,
                   help="stop the query after this many seconds (default: 60)")  # fmt: skip
    q.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="let SERVICE clauses query this endpoint (refused by default)")  # fmt: skip
    q.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="give ?NAME a value before the query runs, e.g. --bind place=鹤山市 "
        '(Chinese text means a label; also <iri>, kgo:County, "text"@en, 42); repeatable',
    )

    v = command("validate", "Check a graph file against the SHACL shapes.")
    v.add_argument("graph", nargs="?", type=Path, default=Path("out/kg.ttl"))

    s = command("stats", "Print counts and the most central entities of a graph file.")
    s.add_argument("graph", nargs="?", type=Path, default=Path("out/kg.ttl"))

    e = command("eval", "Score a built graph against gold annotations (docs/gold-format.md).")
    e.add_argument("gold", nargs="+", type=Path, help="gold .yaml files or folders of them")
    e.add_argument("--graph", type=Path, default=Path("out/kg.ttl"), help="graph file")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    _serve_and_push_parsers(command)
    from kg.analyse.commands import add_parsers

    add_parsers(command, _positive)
    return top


def _serve_and_push_parsers(command) -> None:
    s = command("serve", "Serve the graph: a read-only SPARQL endpoint and the browser pages.")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8877, help="port (default: 8877)")
    s.add_argument("--graph", type=Path, default=Path("out/kg.ttl"), help="graph file or store")
    s.add_argument("--timeout", type=_positive(float), default=10.0,
                   help="seconds per query (default: 10)")  # fmt: skip
    s.add_argument("--limit", type=_positive(int), default=10000,
                   help="rows per answer (default: 10000)")  # fmt: skip
    s.add_argument("--workers", type=_positive(int), default=2,
                   help="query processes (default: 2)")  # fmt: skip
    s.add_argument(
        "--allow-origin", default="", help="CORS origin allowed to query (default: none)"
    )
    s.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="let SERVICE clauses query this endpoint (refused by default)")  # fmt: skip

    p = command("push", "Send the built graph to a SPARQL server, one named graph per article.")
    p.add_argument("source", nargs="?", type=Path, default=Path("out/kg.trig"),
                   help="TriG (or other RDF) file to send (default: out/kg.trig)")  # fmt: skip
    p.add_argument("--endpoint", required=True, help="server (or dataset) base URL")
    p.add_argument("--store-type", default="generic",
                   choices=("oxigraph", "fuseki", "virtuoso", "generic"),
                   help="server kind, to find its endpoints; generic: --endpoint is the "
                   "Graph Store URL")  # fmt: skip
    p.add_argument("--graph", default=None, help="prefix for the named graphs' IRIs")
    p.add_argument("--update-endpoint", default=None, help="SPARQL Update URL, if unusual")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per request")


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.build import DEFAULT_FORMATS, build
    from kg.model import DEFAULT_BASE

    report = build(
        args.paths,
        args.out,
        base=args.base or DEFAULT_BASE,
        view_budget=args.view_budget,
        formats=DEFAULT_FORMATS + (("oxigraph",) if args.store else ()),
        max_bytes=int(args.max_size * 1_000_000) if args.max_size else None,
        jobs=args.jobs,
        progress=_progress_bars(),
    )
    for path, reason in report.failures:
        print(f"kg: skipped {path}: {reason}", file=sys.stderr)
    for warning in report.warnings:
        print(f"kg: warning: {warning}", file=sys.stderr)
    m = report.metrics
    print(
        f"built {len(report.articles)} article(s): {report.triples} triples, "
        f"{m.nodes} entities, {m.edges} relations, {m.components} component(s)"
    )
    if any(report.reused):
        print(f"reused from the last build: {report.reused[0]} extraction(s), "
              f"{report.reused[1]} article graph(s)")  # fmt: skip
    if m.top:
        print("most central: " + ", ".join(label for _, label, _ in m.top[:5]))
    _print_violations(report.validation)
    for fmt, path in report.outputs:
        print(f"wrote {fmt:8} {path}")
    html = dict(report.outputs).get("html")
    if html:
        print(f"open {Path(html).absolute().as_uri()} in a browser")
    return report.exit_code


def _progress_bars() -> Callable[[str, int, int], None]:
    """A build's progress as bars on stderr (articles done, rate, time left): only on a
    terminal, and only for a stage still running after two seconds."""
    from tqdm import tqdm

    names = {"extract": "extracting", "model": "modelling"}
    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in bars:
            bars[stage] = tqdm(total=total, desc=names.get(stage, stage), unit=" articles",
                               delay=2.0, file=sys.stderr, leave=False,
                               disable=not sys.stderr.isatty())  # fmt: skip
        bar = bars[stage]
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _print_violations(validation) -> None:
    if validation.conforms:
        print("shapes: valid")
        return
    print(f"shapes: {len(validation.violations)} violation(s)", file=sys.stderr)
    for v in validation.violations[:50]:
        print(f"  {v.shape} on {v.focus}: {v.message}", file=sys.stderr)


def _load(path: Path):
    from kg.sparql import load_graph

    return load_graph(path)


def _query_text(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    if arg.endswith(".rq") or _is_file(path):
        if not _is_file(path):
            raise UsageError(f"query: no query file {arg}")
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"query: cannot read {arg}: {err}") from err
    return arg


def _is_file(path: Path) -> bool:
    """Whether ``path`` names a file; query text too long for a file name is not one."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.sparql import (
        canonical_label,
        format_answer,
        named_queries,
        named_query,
        open_store,
        parse_binding,
        run_query,
    )

    if args.list:
        for query in named_queries().values():
            print(f"{query.name:24} {query.question}")
            for name, about in query.parameters:
                print(f"{'':24}   --bind {name}=…  {about}")
        return 0
    if bool(args.query) == bool(args.name):
        raise UsageError("query: give a query (text or .rq file) or --name NAME, not both")
    bindings = dict(parse_binding(b) for b in args.bind)
    text = named_query(args.name) if args.name else _query_text(args.query)
    store = open_store(args.graph)
    answer = run_query(store, text, limit=args.limit, bindings=bindings,
                       allow_service=args.allow_service, timeout=args.timeout)  # fmt: skip
    print(format_answer(answer, args.format), end="")
    if not len(answer) and answer.kind != "ask":
        for name, term in bindings.items():
            if label := canonical_label(store, term):
                print(
                    f"kg query: no rows; {term.value} is another name of {label}: "
                    f"try --bind {name}={label}",
                    file=sys.stderr,
                )
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate

    graph = _load(args.graph)
    if not len(graph):
        raise InputError(f"{args.graph} holds no triples: nothing to validate; run `kg build`")
    report = validate(graph)
    _print_violations(report)
    return 0 if report.conforms else 1


def _cmd_stats(args: argparse.Namespace) -> int:
    from kg.analyse import metrics, to_networkx

    graph = _load(args.graph)
    m = metrics(to_networkx(graph))
    print(
        f"{len(graph)} triples, {m.nodes} entities, {m.edges} relations, "
        f"{m.components} component(s)"
    )
    for _, label, score in m.top[:10]:
        print(f"  {score:.4f}  {label}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import start_server

    server = start_server(
        args.graph,
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        limit=args.limit,
        workers=args.workers,
        allow_origin=args.allow_origin,
        allow_service=tuple(args.allow_service),
    )
    print(f"serving {args.graph} at {server.url}")
    print(f"  SPARQL endpoint {server.url}sparql, query page {server.url}query; Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.close()
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    from kg.push import push_from_environment

    report = push_from_environment(
        args.source,
        args.endpoint,
        store_type=args.store_type,
        prefix=args.graph,
        update_endpoint=args.update_endpoint,
        timeout=args.timeout,
    )
    where = report.target.graph_store if report.method == "graph store" else report.target.update
    print(
        f"pushed {len(report.graphs)} graph(s), {report.triples} triples, by {report.method} "
        f"to {where} in {report.seconds:.1f} s"
    )
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    import json

    from kg.evaluate import evaluate, report_lines, to_dict

    scores = evaluate(_load(args.graph), args.gold)
    if args.json:
        print(json.dumps(to_dict(scores), ensure_ascii=False, indent=1))
    else:
        print("\n".join(report_lines(scores)))
    return 0


def _cmd_analysis(args: argparse.Namespace) -> int:  # kg analyse, path, neighbours
    from kg.analyse.commands import run
    from kg.export.generations import beside_build

    result = run(args, place=beside_build)
    print("".join(f"kg: warning: {w}\n" for w in result.warnings), end="", file=sys.stderr)
    print(result.text, end="")
    return result.code


COMMANDS = {
    **dict.fromkeys(ANALYSIS, _cmd_analysis),
    "build": _cmd_build,
    "query": _cmd_query,
    "validate": _cmd_validate,
    "stats": _cmd_stats,
    "serve": _cmd_serve,
    "push": _cmd_push,
    "eval": _cmd_eval,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the kg command line; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        logging.basicConfig(
            level=logging.INFO if args.verbose else logging.WARNING,
            format="%(levelname)s %(name)s: %(message)s",
        )
        if not args.command:
            _parser().print_help()
            return 2
        return COMMANDS[args.command](args)
    except KgError as err:
        print(f"kg: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: stop quietly, as other Unix tools do
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's flush quiet
        return 0


if __name__ == "__main__":
    sys.exit(main())
