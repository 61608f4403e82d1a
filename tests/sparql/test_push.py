"""``kg push`` against a real Oxigraph server, and its HTTP rules against a local stub."""

from __future__ import annotations

import base64
import doctest
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

import kg.push
from kg.cli import main
from kg.errors import RemoteError, UsageError
from kg.push import credentials_from, push, read_graphs, target
from kg.sparql import open_store
from kg.sparql.engine import with_prefixes
from kg.sparql.results import term_dict

ARTICLE_GRAPH = "https://kg.example.org/id/article/heshan-2023-11-16"
ONTOLOGY_GRAPH = "https://kg.example.org/ontology"


def remote(url: str, text: str) -> dict:
    """SPARQL JSON results of ``text`` from the server's query endpoint."""
    sparql = SPARQLWrapper(f"{url}/query")
    sparql.setQuery(with_prefixes(text))
    sparql.setReturnFormat(JSON)
    return sparql.queryAndConvert()


def graph_sizes(url: str) -> dict[str, int]:
    found = remote(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {b["g"]["value"]: int(b["n"]["value"]) for b in found["results"]["bindings"]}


def as_bindings(answer) -> list[dict]:
    return [
        {v: term_dict(t) for v, t in zip(answer.variables, row, strict=True) if t is not None}
        for row in answer.rows
    ]


def _key(binding: dict) -> str:
    return repr(sorted((k, sorted(v.items())) for k, v in binding.items()))


def test_doctests_pass():
    assert doctest.testmod(kg.push).failed == 0


def test_the_build_writes_one_named_graph_per_article(two_out):
    graphs = read_graphs(two_out / "kg.trig")
    assert set(graphs) == {
        ARTICLE_GRAPH,
        "https://kg.example.org/id/article/xinhui-2024-01-18",
        ONTOLOGY_GRAPH,
    }
    whole = open_store(two_out / "kg.ttl")
    union = {t for triples in graphs.values() for t in triples}
    assert len(union) == len(whole)  # the named graphs hold exactly the built graph


@pytest.mark.server
def test_pushing_twice_replaces_rather_than_duplicates(oxigraph_server, two_out):
    first = push(two_out / "kg.trig", oxigraph_server, store_type="oxigraph")
    again = push(two_out / "kg.trig", oxigraph_server, store_type="oxigraph")
    assert graph_sizes(oxigraph_server) == dict(first.graphs) == dict(again.graphs)
    assert len(first.graphs) == 3


@pytest.mark.server
def test_sparql_update_is_the_fallback(oxigraph_server, seed_out):
    # A generic endpoint with no Graph Store Protocol at that URL (404): Update takes over.
    report = push(
        seed_out / "kg.trig",
        f"{oxigraph_server}/no-graph-store-here",
        update_endpoint=f"{oxigraph_server}/update",
    )
    assert report.method == "update"
    again = push(
        seed_out / "kg.trig",
        f"{oxigraph_server}/nothing",
        update_endpoint=f"{oxigraph_server}/update",
    )
    assert graph_sizes(oxigraph_server) == dict(report.graphs) == dict(again.graphs)


@pytest.mark.server
def test_graph_names_under_a_prefix(oxigraph_server, seed_out):
    prefix = "https://data.example.org/kg/"
    push(seed_out / "kg.trig", oxigraph_server, store_type="oxigraph", prefix=prefix)
    assert set(graph_sizes(oxigraph_server)) == {
        prefix + "article/heshan-2023-11-16",
        prefix + "ontology",
    }


@pytest.mark.server
def test_cli_push_prints_what_it_sent(oxigraph_server, seed_out, capsys):
    code = main(
        [
            "push",
            str(seed_out / "kg.trig"),
            "--endpoint",
            oxigraph_server,
            "--store-type",
            "oxigraph",
        ]
    )
    assert code == 0
    assert "pushed 2 graph(s)" in capsys.readouterr().out


class _Guarded(BaseHTTPRequestHandler):
    """A Graph Store that wants basic auth (user kg, password secret) and records requests."""

    seen: list[tuple[str, str, str | None]] = []

    def log_message(self, *args) -> None:
        pass

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        auth = self.headers.get("Authorization")
        self.seen.append(("PUT", self.path, auth))
        good = "Basic " + base64.b64encode(b"kg:secret").decode()
        if auth != good:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.send_header("Content-Length", "12")
            self.end_headers()
            self.wfile.write(b"who are you?")
            return
        self.send_response(204)
        self.end_headers()


@pytest.fixture
def guarded() -> Iterator[str]:
    _Guarded.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Guarded)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_come_from_the_environment(guarded, seed_out):
    credentials = credentials_from({"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "secret"})
    report = push(seed_out / "kg.trig", guarded, credentials=credentials)
    assert report.method == "graph store" and len(report.graphs) == 2
    assert {path.split("?")[1] for _, path, _ in _Guarded.seen} == {
        "graph=https%3A%2F%2Fkg.example.org%2Fid%2Farticle%2Fheshan-2023-11-16",
        "graph=https%3A%2F%2Fkg.example.org%2Fontology",
    }
    assert credentials_from({}) is None


def test_a_refusal_names_the_variables_to_set(guarded, seed_out):
    with pytest.raises(RemoteError, match="KG_PUSH_USER and KG_PUSH_PASSWORD"):
        push(seed_out / "kg.trig", guarded)
    with pytest.raises(RemoteError, match="refused"):
        push(seed_out / "kg.trig", guarded, credentials=("kg", "wrong"))


class _FullAfterOne(BaseHTTPRequestHandler):
    """A Graph Store that takes one graph, then answers 507 (its disk is full)."""

    taken = 0

    def log_message(self, *args) -> None:
        pass

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        if type(self).taken:
            self.send_response(507)
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"disk full")
            return
        type(self).taken += 1
        self.send_response(204)
        self.end_headers()


def test_a_push_failing_midway_says_how_far_it_got(seed_out):
    _FullAfterOne.taken = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FullAfterOne)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        with pytest.raises(RemoteError) as caught:
            push(seed_out / "kg.trig", url)
    finally:
        server.shutdown()
        server.server_close()
    message = str(caught.value)
    assert "answered 507: disk full" in message
    assert "1 of 2 graphs were pushed" in message and "safe to repeat" in message
    assert "\n" not in message


def test_an_unreachable_server_is_one_clear_error(seed_out):
    from conftest import free_port

    with pytest.raises(RemoteError, match="cannot reach .* is the server running"):
        push(seed_out / "kg.trig", f"http://127.0.0.1:{free_port()}", store_type="oxigraph")


def test_endpoints_of_each_server_type():
    assert target("http://h:7878", "oxigraph").graph_store == "http://h:7878/store"
    fuseki = target("http://h:3030/kg/", "fuseki")
    assert (fuseki.graph_store, fuseki.update) == (
        "http://h:3030/kg/data",
        "http://h:3030/kg/update",
    )
    virtuoso = target("http://h:8890", "virtuoso")
    assert virtuoso.graph_store == "http://h:8890/sparql-graph-crud-auth"
    assert target("http://h/gsp", "generic", "http://h/up").update == "http://h/up"
    with pytest.raises(UsageError, match="known: oxigraph"):
        target("http://h", "graphdb")
    with pytest.raises(UsageError, match="http"):
        target("ftp://h", "oxigraph")
