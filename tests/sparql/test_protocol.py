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
        ("application/sparql-results+xml", ("xml", "turtle")),
        ("text/csv", ("csv", "turtle")),
        ("text/tab-separated-values", ("tsv", "turtle")),
        ("application/json;q=0.2, text/csv;q=0.9", ("csv", "turtle")),
        ("text/turtle, application/sparql-results+json", ("json", "turtle")),
        ("application/rdf+xml", ("json", "rdfxml")),
        ("application/n-triples;q=0.5, application/ld+json", ("json", "jsonld")),
        ("text/csv;q=0", ("json", "turtle")),
    ],
)
def test_negotiation(accept, expected):
    assert negotiate(accept) == expected


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
    request = parse_request("GET", urlencode({"query": SELECT, "output": "nt"}), None, b"", None)
    assert request.graph_format == "ntriples"
