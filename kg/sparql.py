"""SPARQL over a built graph: load it, run a query, format the answer.

The ontology's prefixes (kgo, schema, prov, time, dcterms, skos, rdfs, xsd)
are predeclared, so queries may use them without PREFIX lines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.errors import InputError, QueryError, UsageError
from kg.resources import query_files


def load_graph(path: Path) -> Graph:
    """Parse a graph file (format from its suffix)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no graph at {path}; run `kg build` first or give --graph")
    graph = Graph()
    try:
        graph.parse(path)
    except Exception as err:  # rdflib raises many types; keep its text
        raise InputError(f"cannot parse {path}: {str(err).splitlines()[0]}") from err
    return graph


def named_query(name: str) -> str:
    """Text of the named query ``name`` from ontology/queries."""
    files = query_files()
    if name not in files:
        raise UsageError(f"unknown query {name!r}; known: {', '.join(files) or 'none'}")
    return files[name].read_text(encoding="utf-8")


def run_query(graph: Graph, text: str) -> Result:
    """Run ``text`` against ``graph``; syntax errors become one-line QueryErrors."""
    ns = {p: n for p, n in graph.namespaces() if p}
    try:
        return graph.query(text, initNs=ns)
    except Exception as err:
        raise QueryError(f"query failed: {' '.join(str(err).split())[:300]}") from err


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a SELECT/ASK/CONSTRUCT result as table, csv, tsv or json text."""
    if result.type == "ASK":
        return f"{str(bool(result.askAnswer)).lower()}\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    names = [str(v) for v in result.vars]
    rows = [["" if row[v] is None else str(row[v]) for v in result.vars] for row in result]
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8") + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n").writerows(
            [names, *rows]
        )
        return out.getvalue()
    return _table(names, rows)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    body = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    return "\n".join(body) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


__all__ = ["format_result", "load_graph", "named_query", "run_query"]
