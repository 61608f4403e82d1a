"""``kg serve`` answers what clients ask for: SPARQLWrapper's formats, Accept, 406, graph URIs.

SPARQLWrapper sends its format name as ``format=``, ``output=`` and
``results=`` beside an Accept header; ``rdf+xml``, ``json-ld`` and ``n3`` got
400 "unknown format", a mismatched Accept got 200 in another format, and
``default-graph-uri`` was silently ignored.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.serve import start_server

pytestmark = [
    pytest.mark.server,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

SELECT = "SELECT ?c WHERE { ?t a kgo:Town ; kgo:divisionCode ?c }"
CONSTRUCT = "CONSTRUCT WHERE { ?t a kgo:Town ; kgo:divisionCode ?c }"


@pytest.fixture(scope="module")
def endpoint(seed_out) -> Iterator[str]:
    served = start_server(seed_out / "kg.ttl", port=0, timeout=10, limit=1000)
    threading.Thread(target=served.serve_forever, daemon=True).start()
    try:
        yield served.url + "sparql"
    finally:
        served.shutdown()
        served.close()


def wrapper(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def get(endpoint: str, accept: str | None = None, **params: str) -> tuple[int, str, bytes]:
    """(status, Content-Type, body) of a GET."""
    request = urllib.request.Request(endpoint + "?" + urlencode(params))
    if accept:
        request.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_gets_solutions_in_each_of_its_formats(endpoint, fmt):
    answer = wrapper(endpoint, SELECT, fmt).query()
    converted = answer.convert()  # a dict (JSON), a DOM (XML), bytes (CSV, TSV)
    if fmt == JSON:
        text = json.dumps(converted)
    else:
        text = converted.toxml() if fmt == XML else converted.decode("utf-8")
    assert "440784" in text  # the towns' codes
    media = answer.info()["content-type"]
    assert media.startswith({JSON: "application/sparql-results+json",
                             XML: "application/sparql-results+xml", CSV: "text/csv",
                             TSV: "text/tab-separated-values"}[fmt])  # fmt: skip


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD, XML])
def test_sparqlwrapper_gets_graphs_in_each_of_its_formats(endpoint, fmt):
    answer = wrapper(endpoint, CONSTRUCT, fmt).query()
    media = answer.info()["content-type"]
    graph = answer.convert()
    if not isinstance(graph, Graph):  # SPARQLWrapper returns Turtle and N3 as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) >= 16, (fmt, media)
    assert media.startswith({TURTLE: "text/turtle", N3: "text/turtle",
                             RDFXML: "application/rdf+xml", JSONLD: "application/ld+json",
                             XML: "application/rdf+xml"}[fmt])  # fmt: skip


def test_an_accept_header_nothing_fits_gets_406(endpoint):
    status, media, body = get(endpoint, "text/turtle", query=SELECT)
    assert status == 406 and media.startswith("text/plain")
    assert b"SELECT and ASK answer in JSON" in body
    assert get(endpoint, "text/csv", query=CONSTRUCT)[0] == 406
    assert get(endpoint, None, query=SELECT, format="turtle")[0] == 406
    status, media, _ = get(endpoint, "image/png, text/csv;q=0.2", query=SELECT)
    assert status == 200 and media.startswith("text/csv")


def test_graph_uris_are_refused_with_a_message(endpoint):
    sparql = wrapper(endpoint, SELECT, JSON)
    sparql.addDefaultGraph("https://kg.example.org/id/article/heshan-2023-11-16")
    with pytest.raises(QueryBadFormed, match="kg serve holds one graph"):  # its name for 400
        sparql.query()
    status, _, body = get(endpoint, None, query=SELECT, **{"named-graph-uri": "urn:x"})
    assert status == 400 and b"named-graph-uri" in body


def test_the_default_port_is_no_triple_store_s():
    # kg serve and `oxigraph serve` both took 7878, and the README used it for both.
    import inspect

    from kg.cli import _parser

    taken = {7878, 3030, 8890, 1111, 7200}  # Oxigraph, Fuseki, Virtuoso (HTTP, SQL), GraphDB
    ours = inspect.signature(start_server).parameters["port"].default
    assert ours not in taken
    assert _parser().parse_args(["serve"]).port == ours
