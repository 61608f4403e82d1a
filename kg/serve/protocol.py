"""The SPARQL 1.1 Protocol without sockets: read a request, answer it as bytes.

Pure functions the HTTP handler and the query workers share, so the protocol
rules (which parameter holds the query, which media type to answer in, what
an update gets) are tested without starting a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.errors import FederationRefused, QueryError
from kg.sparql.engine import first_keyword, is_update, run_query
from kg.sparql.results import format_answer, media_type, output_format

# Media types a client may ask for: the format a SELECT/ASK and a CONSTRUCT/DESCRIBE
# answer gets (None: not for that kind). The first of each kind is the default, and the
# first a wildcard (text/*, application/*) matches.
MEDIA: dict[str, tuple[str | None, str | None]] = {
    "application/sparql-results+json": ("json", None),
    "text/turtle": (None, "turtle"),
    "application/json": ("json", "jsonld"),
    "application/sparql-results+xml": ("xml", None),
    "application/xml": ("xml", "rdfxml"),
    "text/csv": ("csv", None),
    "text/tab-separated-values": ("tsv", None),
    "text/plain": ("table", "ntriples"),
    "text/xml": ("xml", "rdfxml"),
    "application/turtle": (None, "turtle"),
    "application/x-turtle": (None, "turtle"),
    "text/n3": (None, "turtle"),  # Turtle is N3 (SPARQLWrapper's N3 asks for these)
    "text/rdf+n3": (None, "turtle"),
    "application/n3": (None, "turtle"),
    "application/n-triples": (None, "ntriples"),
    "application/rdf+xml": (None, "rdfxml"),
    "application/ld+json": (None, "jsonld"),
    "application/x-json+ld": (None, "jsonld"),
}
# Names accepted in a format, output or results parameter (SPARQLWrapper sends all three,
# with its names: json, xml, csv, tsv, turtle, n3, rdf+xml, json-ld). A graph asked for
# in json or xml comes as JSON-LD or RDF/XML, as SPARQLWrapper expects.
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "table": ("table", None),
    "text": ("table", "ntriples"),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
}
FORMAT_PARAMETERS = ("format", "output", "results")
GRAPH_FORMS = {"CONSTRUCT", "DESCRIBE"}
OFFERED = (
    "SELECT and ASK answer in JSON, XML, CSV, TSV or text; CONSTRUCT and DESCRIBE in "
    "Turtle, N-Triples, RDF/XML or JSON-LD"
)
GRAPH_PARAMETERS = ("default-graph-uri", "named-graph-uri")
ONE_GRAPH = (
    "kg serve holds one graph, queried as the default graph: leave out default-graph-uri "
    "and named-graph-uri (and FROM) and the query runs over all of it"
)
READ_ONLY = (
    "kg serve is read-only: SPARQL Update is refused. The graph is rebuilt from the "
    "articles with `kg build`; use `kg push` to fill a server that accepts updates."
)


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QueryRequest:
    """A protocol request reduced to what the engine needs.

    ``solution_format`` and ``graph_format`` are the formats to answer a
    SELECT/ASK and a CONSTRUCT/DESCRIBE in (which one applies is known only
    once the query runs).
    """

    text: str
    solution_format: str = "json"
    graph_format: str = "turtle"


def text_reply(status: int, message: str) -> Reply:
    """A plain-text reply of one line."""
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def negotiate(accept: str | None, graph: bool = False) -> str | None:
    """The format best matching an Accept header for a graph or a solutions answer;
    None when nothing acceptable is offered. No header, or ``*/*``: JSON and Turtle.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml")
    'xml'
    >>> negotiate("application/n-triples, */*;q=0.1", graph=True)
    'ntriples'
    >>> negotiate("text/turtle") is None, negotiate("text/*", graph=True)
    (True, 'turtle')
    """
    if not accept or not accept.strip():
        return _default(graph)
    for media in _ranked(accept):
        if media == "*/*":
            return _default(graph)
        for known, formats in MEDIA.items():
            matches = known == media or (media.endswith("/*") and known.startswith(media[:-1]))
            if matches and formats[graph] is not None:
                return formats[graph]
    return None


def _default(graph: bool) -> str:
    return "turtle" if graph else "json"


def _ranked(accept: str) -> list[str]:
    """The media ranges of an Accept header, most wanted first, q=0 left out."""
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def _asked_format(params: dict[str, list[str]], graph: bool) -> str | Reply | None:
    """The format named by format/output/results parameters; None when none is given."""
    values = [v.strip().lower() for p in FORMAT_PARAMETERS for v in params.get(p, []) if v.strip()]
    values = [v for v in values if v != "*/*"]
    if not values:
        return None
    for value in values:
        media = "/" in value  # SPARQLWrapper sends a media type beside some names
        formats = MEDIA.get(value.split(";")[0].strip()) if media else FORMAT_NAMES.get(value)
        if formats is None and not media:
            known = ", ".join(FORMAT_NAMES)
            return text_reply(400, f"unknown format {value!r}; known: {known}")
        if formats is not None and formats[graph] is not None:
            return formats[graph]
    return text_reply(406, f"cannot answer this query in {', '.join(values)}: {OFFERED}")


def parse_request(
    method: str, query_string: str, content_type: str | None, body: bytes, accept: str | None
) -> QueryRequest | Reply:
    """The query a GET or POST asks for, or the Reply that refuses it (400, 403, 406, 415)."""
    params = _parameters(method, query_string, content_type, body)
    if isinstance(params, Reply):
        return params
    if "update" in params:
        return text_reply(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return text_reply(400, "give exactly one SPARQL query (the query parameter or body)")
    if is_update(queries[0]):
        return text_reply(403, READ_ONLY)
    if any(v.strip() for name in GRAPH_PARAMETERS for v in params.get(name, [])):
        return text_reply(400, ONE_GRAPH)
    graph = first_keyword(queries[0]) in GRAPH_FORMS
    chosen = _asked_format(params, graph)
    if isinstance(chosen, Reply):
        return chosen
    chosen = chosen or negotiate(accept, graph)
    if chosen is None:
        return text_reply(406, f"nothing in the Accept header ({accept}) fits: {OFFERED}")
    if graph:
        return QueryRequest(queries[0], graph_format=chosen)
    return QueryRequest(queries[0], solution_format=chosen)


def _parameters(
    method: str, query_string: str, content_type: str | None, body: bytes
) -> dict[str, list[str]] | Reply:
    """The request's parameters, from the URL and a POST body; a Reply refusing the body."""
    params = parse_qs(query_string, keep_blank_values=True)
    if method != "POST":
        return params
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return text_reply(403, READ_ONLY)
    if media == "application/sparql-query":
        params.setdefault("query", []).append(_decode(body))
    elif media == "application/x-www-form-urlencoded":
        for name, values in parse_qs(_decode(body), keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    else:
        given = media or "no Content-Type"
        return text_reply(
            415, f"POST a query as application/sparql-query or form-encoded, not {given}"
        )
    return params


def _decode(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def answer(
    store: ox.Store, request: QueryRequest, limit: int, allow_service: tuple[str, ...] = ()
) -> Reply:
    """Run the request's query and write its answer; 400 for a query that does not parse,
    403 for a SERVICE clause to an endpoint not in ``allow_service``."""
    try:
        result = run_query(store, request.text, limit=limit, allow_service=allow_service)
    except FederationRefused as err:
        return text_reply(403, str(err))
    except QueryError as err:
        return text_reply(400, str(err))
    wanted = request.graph_format if result.kind == "graph" else request.solution_format
    fmt = output_format(result, wanted)
    headers = [("X-Kg-Result-Limit", str(limit))]
    if result.truncated:
        headers.append(("X-Kg-Truncated", "true"))
    body = format_answer(result, fmt).encode("utf-8")
    return Reply(200, media_type(fmt), body, tuple(headers))


__all__ = [
    "FORMAT_NAMES",
    "MEDIA",
    "READ_ONLY",
    "QueryRequest",
    "Reply",
    "answer",
    "negotiate",
    "parse_request",
    "text_reply",
]
