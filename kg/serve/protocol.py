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
from kg.sparql.engine import is_update, run_query
from kg.sparql.results import GRAPH_FORMATS, format_answer, media_type, output_format

# Media types a client may ask for, and the result format each gives.
SOLUTION_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
# Short names accepted in a ``format`` (or ``output``) parameter.
FORMAT_NAMES = {"json", "xml", "csv", "tsv", "table", *GRAPH_FORMATS, "ttl", "nt"}
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


def negotiate(accept: str | None) -> tuple[str, str]:
    """(solution format, graph format) best matching an Accept header; JSON and Turtle by default.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml")
    ('xml', 'turtle')
    >>> negotiate("application/n-triples, */*;q=0.1")
    ('json', 'ntriples')
    """
    ranked = []
    for position, item in enumerate((accept or "").split(",")):
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
    ranked.sort()
    solution = next((SOLUTION_MEDIA[m] for _, _, m in ranked if m in SOLUTION_MEDIA), "json")
    graph = next((GRAPH_MEDIA[m] for _, _, m in ranked if m in GRAPH_MEDIA), "turtle")
    return solution, graph


def parse_request(
    method: str, query_string: str, content_type: str | None, body: bytes, accept: str | None
) -> QueryRequest | Reply:
    """The query a GET or POST asks for, or the Reply that refuses it (400, 403, 415)."""
    params = parse_qs(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
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
    if "update" in params:
        return text_reply(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return text_reply(400, "give exactly one SPARQL query (the query parameter or body)")
    if is_update(queries[0]):
        return text_reply(403, READ_ONLY)
    solution, graph = negotiate(accept)
    wanted = (params.get("format") or params.get("output") or [""])[0].lower()
    wanted = {"ttl": "turtle", "nt": "ntriples"}.get(wanted, wanted)
    if wanted and wanted not in FORMAT_NAMES:
        known = ", ".join(sorted(FORMAT_NAMES))
        return text_reply(400, f"unknown format {wanted!r}; known: {known}")
    if wanted in GRAPH_FORMATS:
        graph = wanted
    elif wanted:
        solution = wanted
    return QueryRequest(queries[0], solution, graph)


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
    "GRAPH_MEDIA",
    "READ_ONLY",
    "SOLUTION_MEDIA",
    "QueryRequest",
    "Reply",
    "answer",
    "negotiate",
    "parse_request",
    "text_reply",
]
