"""Exporters by name: each is a function ``(graph, view, path) -> Path``.

An exporter may also take keyword-only options (the HTML page takes
``view_budget``); ``run_exporter`` passes each exporter the options it names,
so exporters without options keep the three-argument signature.
``get_exporter("ttll")`` fails with the list of known names, as rdflib's
plugin registry does.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.errors import UsageError
from kg.export.files import write_atomic
from kg.export.store import write_store
from kg.export.summary import VIEW_BUDGET
from kg.export.trig import write_trig
from kg.parts import GraphSet

Exporter = Callable[[GraphSet, nx.MultiDiGraph, Path], Path]


def write_turtle(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """Turtle of the union of the build's graphs: ontology, instances and provenance,
    graph by graph (the ontology's, then each article's in IRI order), each graph's
    triples sorted, so the file is the same on every build.

    It is joined from the TriG blocks each part made when it was minted
    (``kg.parts.GraphSet.turtle_chunks``), so a rebuild writes one changed
    article's triples, not the whole union again. A thing several articles
    name is stated in each of their graphs: a subject may have several
    statements, which Turtle allows; the file parses to the union (tested).
    pyoxigraph writes the blocks: rdflib's writer turns ``"344"^^xsd:decimal``
    into the shorthand ``344.0``, another term than the one kg.trig, the store
    and the servers hold.
    """
    return write_atomic(path, graph.turtle_chunks())


def write_jsonld(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """JSON-LD (expanded form) of the same graphs as kg.ttl, in the same order: one array
    of node objects joined from each part's block (a node several articles name has an
    object in each; a JSON-LD reader merges them by ``@id``).

    pyoxigraph writes the blocks, so the file is the same byte for byte on
    every build of the same inputs (rdflib's writer orders nodes by hash).
    """
    return write_atomic(path, graph.jsonld_chunks())


def write_graphml(graph: GraphSet, view: nx.MultiDiGraph, path: Path) -> Path:
    """GraphML of the entity network for Gephi and yEd (scalar attributes only)."""
    return write_atomic(path, graphml_text(view))


def graphml_text(view: nx.MultiDiGraph) -> str:
    """The GraphML networkx's writer makes of ``view``'s scalar attributes (node values
    that are strings or numbers, edge values that are strings), byte for byte (tested),
    written here as text: networkx builds an ElementTree of the whole graph first,
    which took 7 of a 300-article rebuild's seconds.

    As there: a key per (name, XML type, node or edge), numbered in the order first
    used and declared last first; values as ``str`` gives them, escaped, non-ASCII
    as character references, CRs as ``&#13;`` (a reader would read a CR as LF) and
    the characters XML 1.0 cannot hold as U+FFFD.
    """
    keys: dict[tuple[str, str, str], str] = {}

    def data(scope: str, items: list[tuple[str, object]]) -> list[str]:
        lines = []
        for name, value in items:
            kind = (name, _GRAPHML_TYPES[type(value)], scope)
            key = keys.get(kind)
            if key is None:
                key = keys[kind] = f"d{len(keys)}"
            lines.append(f'      <data key="{key}">{_graphml_text(str(value))}</data>')
        return lines

    body: list[str] = []
    for node, attrs in view.nodes(data=True):
        items = [(k, v) for k, v in attrs.items() if isinstance(v, str | int | float)]
        body += _graphml_element(f'<node id="{_graphml_attr(str(node))}"', "node",
                                 data("node", items))  # fmt: skip
    for u, v, key, attrs in view.edges(keys=True, data=True):
        head = (f'<edge source="{_graphml_attr(str(u))}" target="{_graphml_attr(str(v))}" '
                f'id="{_graphml_attr(str(key))}"')  # fmt: skip
        items = [(k, x) for k, x in attrs.items() if isinstance(x, str)]
        body += _graphml_element(head, "edge", data("edge", items))
    declared = [
        f'  <key id="{key}" for="{scope}" attr.name="{_graphml_attr(name)}" attr.type="{kind}" />'
        for (name, kind, scope), key in reversed(keys.items())
    ]
    graph = (
        ['  <graph edgedefault="directed">', *body, "  </graph>"]
        if body
        else ['  <graph edgedefault="directed" />']
    )
    return "\n".join([_GRAPHML_ROOT, *declared, *graph, "</graphml>"]) + "\n"


_GRAPHML_ROOT = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
# networkx's names of Python types (the later of two for one type wins there)
_GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# what XML 1.0 cannot hold: C0 controls but tab and line ends, lone surrogates, U+FFFE/U+FFFF
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _graphml_element(head: str, tag: str, lines: list[str]) -> list[str]:
    if not lines:
        return [f"    {head} />"]
    return [f"    {head}>", *lines, f"    </{tag}>"]


def _graphml_text(value: str) -> str:
    """Element text as ElementTree writes it in ASCII, CRs kept as references."""
    value = _NOT_XML.sub("\ufffd", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\r", "&#13;")
    return value if value.isascii() else value.encode("ascii", "xmlcharrefreplace").decode()


def _graphml_attr(value: str) -> str:
    """An attribute value as ElementTree writes it in ASCII."""
    for raw, escaped in _ATTR_ESCAPES:
        if raw in value:
            value = value.replace(raw, escaped)
    return value if value.isascii() else value.encode("ascii", "xmlcharrefreplace").decode()


_ATTR_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                 ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))  # fmt: skip


def write_html_page(
    graph: GraphSet, view: nx.MultiDiGraph, path: Path, *, view_budget: int = VIEW_BUDGET
) -> Path:
    """The offline browser page (pyvis's vis-network), a summary past ``view_budget`` nodes."""
    from kg.export.html import write_html

    return write_html(view, path, title="kg", budget=view_budget)


EXPORTERS: dict[str, tuple[str, Exporter]] = {
    "ttl": ("kg.ttl", write_turtle),
    "jsonld": ("kg.jsonld", write_jsonld),
    "graphml": ("kg.graphml", write_graphml),
    "html": ("kg.html", write_html_page),
    "trig": ("kg.trig", write_trig),
    "oxigraph": ("kg.oxigraph", write_store),  # a folder; only with kg build --store
}


def get_exporter(name: str) -> tuple[str, Exporter]:
    """(file name, exporter) for ``name``."""
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(EXPORTERS)
        raise UsageError(f"unknown exporter {name!r}; known: {known}") from None


def run_exporter(
    exporter: Exporter, graph: GraphSet, view: nx.MultiDiGraph, path: Path, **options: object
) -> Path:
    """Run ``exporter``, passing it those of ``options`` it takes as keyword-only parameters."""
    params = inspect.signature(exporter).parameters
    wanted = {
        name: value
        for name, value in options.items()
        if name in params and params[name].kind is inspect.Parameter.KEYWORD_ONLY
    }
    return exporter(graph, view, path, **wanted)
