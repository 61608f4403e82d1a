"""Write an Answer as a readable table or in the SPARQL 1.1 result formats.

Solutions: ``table`` (for people), ``csv`` and ``tsv`` (SPARQL 1.1 CSV/TSV),
``json`` (SPARQL 1.1 JSON results), ``xml`` (SPARQL XML results). Graphs
(CONSTRUCT, DESCRIBE): ``turtle`` (also what the solution formats fall back
to), ``ntriples``, ``rdfxml``, ``jsonld``. Our own writers rather than
pyoxigraph's, because they must write an answer cut at the result limit.
"""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import UsageError
from kg.sparql.engine import PREFIXES, Answer, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Format name -> media type.
SOLUTION_FORMATS = {
    "table": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
}
# Characters XML 1.0 cannot carry even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def output_format(answer: Answer, wanted: str) -> str:
    """The format an answer is written in: ``wanted``, or Turtle for a graph.

    >>> output_format(Answer("graph"), "table")
    'turtle'
    """
    if wanted not in SOLUTION_FORMATS and wanted not in GRAPH_FORMATS:
        known = ", ".join([*SOLUTION_FORMATS, *GRAPH_FORMATS])
        raise UsageError(f"unknown result format {wanted!r}; known: {known}")
    if answer.kind == "graph":
        return wanted if wanted in GRAPH_FORMATS else "turtle"
    return wanted if wanted in SOLUTION_FORMATS else "json"


def media_type(fmt: str) -> str:
    """The media type of a format name from SOLUTION_FORMATS or GRAPH_FORMATS."""
    return SOLUTION_FORMATS.get(fmt) or GRAPH_FORMATS[fmt][0]


def format_answer(answer: Answer, fmt: str = "table") -> str:
    """The answer written in ``fmt`` (see output_format for graphs and unknown names)."""
    fmt = output_format(answer, fmt)
    if answer.kind == "graph":
        return _graph_text(answer, GRAPH_FORMATS[fmt][1])
    writers = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}
    return writers[fmt](answer)


def _graph_text(answer: Answer, fmt: ox.RdfFormat) -> str:
    if not answer.triples:
        return ""
    # Instance IRIs stay whole: their paths hold "/", which prefixed names must escape.
    prefixes = {p: n for p, n in PREFIXES.items() if p != "kg"}
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        prefixes = None
    return ox.serialize(answer.triples, format=fmt, prefixes=prefixes).decode("utf-8")


def term_dict(term: Term) -> dict[str, str]:
    """A term in the SPARQL JSON results form.

    >>> term_dict(ox.Literal("鹤山", language="zh"))
    {'type': 'literal', 'value': '鹤山', 'xml:lang': 'zh'}
    >>> term_dict(ox.Literal("3.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    {'type': 'literal', 'value': '3.5', 'datatype': 'http://www.w3.org/2001/XMLSchema#decimal'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            found["datatype"] = term.datatype.value
        return found
    return {"type": "triple", "value": str(term)}


def _json(answer: Answer) -> str:
    if answer.kind == "ask":
        return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n"
    bindings = [
        {
            name: term_dict(term)
            for name, term in zip(answer.variables, row, strict=True)
            if term is not None
        }
        for row in answer.rows
    ]
    document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False) + "\n"


_XML_SPACE = {"\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}


def _xml_text(value: str) -> str:
    """Text for an XML element: line ends and edge spaces as references, because XML
    normalises line ends and some readers (pyoxigraph's) trim the text they read.

    >>> _xml_text(" a<b\\r\\n ")
    '&#32;a&lt;b&#13;&#10;&#32;'
    """
    text = escape(_NOT_XML.sub("\ufffd", value), _XML_SPACE)
    core = text.strip(" ")
    if not core:
        return "&#32;" * len(text)
    start = text.index(core)
    return "&#32;" * start + core + "&#32;" * (len(text) - start - len(core))


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attribute = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attribute = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attribute = ""
        return f"<literal{attribute}>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def _xml(answer: Answer) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]  # fmt: skip
    lines += [f"<variable name={quoteattr(name)}/>" for name in answer.variables]
    lines.append("</head>")
    if answer.kind == "ask":
        lines.append(f"<boolean>{str(answer.boolean).lower()}</boolean>")
    else:
        lines.append("<results>")
        for row in answer.rows:
            cells = "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(answer.variables, row, strict=True)
                if term is not None
            )
            lines.append(f"<result>{cells}</result>")
        lines.append("</results>")
    return "\n".join([*lines, "</sparql>"]) + "\n"


def plain_value(term: Term | None) -> str:
    """A term as CSV writes it: IRI and literal text bare, blank nodes as ``_:id``."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def _csv(answer: Answer) -> str:
    if answer.kind == "ask":
        return f"{str(answer.boolean).lower()}\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as SPARQL CSV asks
    writer.writerow(answer.variables)
    writer.writerows([plain_value(term) for term in row] for row in answer.rows)
    return out.getvalue()


def _tsv(answer: Answer) -> str:
    if answer.kind == "ask":
        return f"{str(answer.boolean).lower()}\n"
    # Terms in their N-Triples form, which escapes tabs and line breaks.
    lines = ["\t".join(f"?{name}" for name in answer.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in answer.rows]
    return "\n".join(lines) + "\n"


def compact(term: Term | None) -> str:
    """A term for people: IRIs with a known prefix shortened, literals as their text.

    >>> compact(ox.NamedNode("https://kg.example.org/ontology#Park"))
    'kgo:Park'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    return " ".join(plain_value(term).split())  # one line per row


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(answer: Answer) -> str:
    if answer.kind == "ask":
        return f"{str(answer.boolean).lower()}\n"
    names = list(answer.variables)
    rows = [[compact(term) for term in row] for row in answer.rows]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return " | ".join(padded).rstrip()

    body = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    count = f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
    count += ", cut at the result limit)" if answer.truncated else ")"
    return "\n".join(body) + f"\n{count}\n"


__all__ = [
    "GRAPH_FORMATS",
    "SOLUTION_FORMATS",
    "compact",
    "format_answer",
    "media_type",
    "output_format",
    "plain_value",
    "term_dict",
]
