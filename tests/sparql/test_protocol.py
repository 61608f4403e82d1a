"""kg.serve.protocol: the SPARQL 1.1 Protocol rules, without sockets."""

from __future__ import annotations

import doctest
from urllib.parse import urlencode

import pytest

import kg.serve.protocol
from kg.serve.protocol import QueryRequest, Reply, negotiate, parse_request

SELECT = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"


def test_doctests_pass():
    assert doctest.testmod(kg.serve.protocol).failed == 0


@pytest.mark.parametrize(
    "accept,expected",
    [
        (None, ("json", "turtle")),
        ("*/*", ("json", "turtle")),
        ("application/sparql-results+xml", ("xml", None)),
        ("text/csv", ("csv", None)),
        ("text/tab-separated-values", ("tsv", None)),
        ("application/json;q=0.2, text/csv;q=0.9", ("csv", "jsonld")),
        ("text/turtle, application/sparql-results+json", ("json", "turtle")),
        ("application/rdf+xml", (None, "rdfxml")),
        ("application/n-triples;q=0.5, application/ld+json", (None, "jsonld")),
        ("text/csv;q=0", (None, None)),
        ("text/*", ("csv", "turtle")),
        ("application/*;q=0.5, text/plain", ("table", "ntriples")),
        ("image/png", (None, None)),
        ("text/n3", (None, "turtle")),
        ("application/xml", ("xml", "rdfxml")),
    ],
)
def test_negotiation(accept, expected):
    assert (negotiate(accept), negotiate(accept, graph=True)) == expected


def ask(query: str, accept: str | None = None, **params: str) -> QueryRequest | Reply:
    return parse_request("GET", urlencode({"query": query, **params}), None, b"", accept)


CONSTRUCT = "CONSTRUCT WHERE { ?s ?p ?o }"


# SPARQLWrapper's format names, as it sends them (format=, output= and results=, a media
# type beside some), and what each SELECT and CONSTRUCT gets.
@pytest.mark.parametrize(
    "name,extra,select,construct",
    [
        ("json", "", "json", "jsonld"),
        ("xml", "", "xml", "rdfxml"),
        ("csv", "", "csv", None),
        ("tsv", "text/tab-separated-values", "tsv", None),
        ("turtle", "", None, "turtle"),
        ("n3", "", None, "turtle"),
        ("rdf+xml", "application/rdf+xml", None, "rdfxml"),
        ("json-ld", "application/ld+json", None, "jsonld"),
    ],
)
def test_sparqlwrapper_format_names(name, extra, select, construct):
    for query, wanted, field in ((SELECT, select, "solution_format"),
                                 (CONSTRUCT, construct, "graph_format")):  # fmt: skip
        pairs = [(p, v) for p in ("format", "output", "results") for v in (name, extra) if v]
        reply = parse_request("GET", urlencode([("query", query), *pairs]), None, b"", None)
        if wanted is None:
            assert isinstance(reply, Reply) and reply.status == 406, (name, query)
            assert b"CONSTRUCT and DESCRIBE in Turtle" in reply.body
        else:
            assert getattr(reply, field) == wanted, (name, query)


def test_an_accept_header_nothing_fits_gets_406():
    for query, accept in ((SELECT, "text/turtle"), (CONSTRUCT, "text/csv"),
                          (SELECT, "image/png"), (SELECT, "text/csv;q=0")):  # fmt: skip
        reply = ask(query, accept)
        assert isinstance(reply, Reply) and reply.status == 406, (query, accept)
        assert reply.body.count(b"\n") == 1 and b"SELECT and ASK answer in JSON" in reply.body
    assert ask(CONSTRUCT, "text/turtle;q=0.5, application/rdf+xml").graph_format == "rdfxml"
    assert ask(SELECT, "text/turtle, */*;q=0.1").solution_format == "json"


def test_graph_parameters_are_refused_with_a_message():
    for name in ("default-graph-uri", "named-graph-uri"):
        reply = ask(SELECT, None, **{name: "https://kg.example.org/id/article/x"})
        assert isinstance(reply, Reply) and reply.status == 400
        assert b"kg serve holds one graph" in reply.body and reply.body.count(b"\n") == 1
    assert ask(SELECT, None, **{"default-graph-uri": ""}) == QueryRequest(SELECT)


def test_get_and_both_post_forms_give_the_same_request():
    get = parse_request("GET", urlencode({"query": SELECT}), None, b"", None)
    direct = parse_request("POST", "", "application/sparql-query", SELECT.encode(), None)
    form = parse_request(
        "POST", "", "application/x-www-form-urlencoded", urlencode({"query": SELECT}).encode(), None
    )
    assert get == direct == form == QueryRequest(SELECT)


@pytest.mark.parametrize(
    "method,query_string,content_type,body",
    [
        ("POST", "", "application/sparql-update", b"INSERT DATA { <a:b> <a:c> <a:d> }"),
        ("POST", "", "application/x-www-form-urlencoded", b"update=DROP+ALL"),
        ("GET", urlencode({"update": "CLEAR ALL"}), None, b""),
        ("GET", urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}), None, b""),
        ("POST", "", "application/sparql-query", b"LOAD <http://example.org/x>"),
    ],
)
def test_updates_get_403_with_a_clear_message(method, query_string, content_type, body):
    reply = parse_request(method, query_string, content_type, body, None)
    assert isinstance(reply, Reply) and reply.status == 403
    assert b"read-only" in reply.body and b"kg build" in reply.body


@pytest.mark.parametrize(
    "method,query_string,content_type,body,status",
    [
        ("GET", "", None, b"", 400),
        ("GET", urlencode([("query", SELECT), ("query", SELECT)]), None, b"", 400),
        ("POST", "", "text/plain", SELECT.encode(), 415),
        ("GET", urlencode({"query": SELECT, "format": "yaml"}), None, b"", 400),
    ],
)
def test_bad_requests_are_refused(method, query_string, content_type, body, status):
    reply = parse_request(method, query_string, content_type, body, None)
    assert isinstance(reply, Reply) and reply.status == status
    assert reply.body.count(b"\n") == 1


def test_a_format_parameter_overrides_the_accept_header():
    request = parse_request(
        "GET", urlencode({"query": SELECT, "format": "csv"}), None, b"", "application/json"
    )
    assert request.solution_format == "csv"
    request = parse_request("GET", urlencode({"query": CONSTRUCT, "output": "nt"}), None, b"", None)
    assert request.graph_format == "ntriples"
