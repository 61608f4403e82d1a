"""No federation unless asked: a SERVICE clause to a real local listener reaches nothing,
from ``kg query`` or through ``kg serve``, however the clause is written."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from kg.cli import main
from kg.errors import FederationRefused
from kg.serve import start_server
from kg.sparql.engine import PREFIXES
from kg.sparql.federation import check_federation, service_endpoints


class Listener:
    """A TCP listener on a free loopback port that records every connection it gets,
    and answers each with an empty SPARQL JSON result."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(65536))
                    body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def forms(url: str) -> list[str]:
    """SERVICE clauses written every way a user (or an attacker) might."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ sErViCe\tsilent\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        " } }",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"# SERVICE in a comment\n# another\nSELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX remote: <{url[:-6]}>\nSELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ]


def test_service_endpoints_are_read_from_tokens_not_text():
    assert service_endpoints('SELECT * { ?s <http://e/service> "SERVICE <http://x/>" }', {}) == []
    assert service_endpoints("SELECT ?service { ?service ?p ?o } # SERVICE <http://x/>", {}) == []
    assert service_endpoints('ASK { ?s ?p """\nSERVICE <http://x/> { }"""}', {}) == []
    assert service_endpoints("SELECT * { SERVICE ?e { } }", {}) == [None]
    assert service_endpoints("SELECT * { service silent kg:e { } }", PREFIXES) == [
        PREFIXES["kg"] + "e"
    ]


def test_an_allowed_endpoint_passes_and_no_other():
    query = "SELECT * { SERVICE <http://a/sparql> { } SERVICE <http://b/sparql> { } }"
    with pytest.raises(FederationRefused, match="http://b/sparql"):
        check_federation(query, {}, ["http://a/sparql"])
    check_federation(query, {}, ["http://a/sparql", "http://b/sparql"])


def test_kg_query_sends_nothing_for_any_service_form(seed_out, listener, capsys):
    for query in forms(listener.url):
        code = main(["query", query, "--graph", str(seed_out / "kg.ttl")])
        err = capsys.readouterr().err
        assert code == 2, query
        assert err.count("\n") == 1 and "SERVICE" in err and "refused" in err, err
    assert listener.received == []


def test_service_spelled_with_an_escape_is_no_service(seed_out, listener, capsys):
    # SPARQL's \u escapes are not read outside strings by pyoxigraph: a syntax error, no request.
    query = f"SELECT * WHERE {{ SE\\u0052VICE <{listener.url}> {{ ?s ?p ?o }} }}"
    assert main(["query", query, "--graph", str(seed_out / "kg.ttl")]) == 2
    assert "syntax error" in capsys.readouterr().err
    assert listener.received == []


def test_kg_query_reaches_an_endpoint_it_is_allowed(seed_out, listener, capsys):
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?x ?p ?o }} }}"
    graph = str(seed_out / "kg.ttl")
    assert main(["query", query, "--graph", graph, "--allow-service", listener.url]) == 0
    assert len(listener.received) == 1 and listener.received[0].startswith(b"POST")


@pytest.mark.server
def test_kg_serve_sends_nothing_for_any_service_form(seed_out, listener):
    served = start_server(seed_out / "kg.ttl", port=0, timeout=5)
    threading.Thread(target=served.serve_forever, daemon=True).start()
    try:
        for query in forms(listener.url):
            for data, media in (
                (urlencode({"query": query}).encode(), "application/x-www-form-urlencoded"),
                (query.encode(), "application/sparql-query"),
            ):
                request = urllib.request.Request(
                    served.url + "sparql", data=data, headers={"Content-Type": media}
                )
                with pytest.raises(urllib.error.HTTPError) as err:
                    urllib.request.urlopen(request, timeout=10)
                assert err.value.code == 403, query
                assert b"refused" in err.value.read()
            get = served.url + "sparql?" + urlencode({"query": query})
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(get, timeout=10)
            assert err.value.code == 403
    finally:
        served.shutdown()
        served.close()
    assert listener.received == []
