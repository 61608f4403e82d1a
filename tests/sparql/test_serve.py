"""``kg serve`` over HTTP with a real SPARQL client (SPARQLWrapper)."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.serve import start_server
from kg.sparql import named_queries, named_query, run_query
from kg.sparql.results import term_dict

pytestmark = pytest.mark.server

TIME_LIMIT = 1.5
ROW_LIMIT = 50
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(seed_out) -> Iterator[str]:
    """Base URL of kg serve over the seed, on a free port, with short limits."""
    served = start_server(seed_out / "kg.ttl", port=0, timeout=TIME_LIMIT, limit=ROW_LIMIT)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    try:
        yield served.url
    finally:
        served.shutdown()
        served.close()


def client(server: str, query: str, fmt=JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of a request, for error statuses too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_binds_to_localhost_by_default(server):
    assert server.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("name", ["park-companies", "road-connects", "admin-chain"])
def test_named_queries_answer_as_in_the_embedded_store(server, seed_store, name):
    result = client(server, named_query(name)).queryAndConvert()
    expected = run_query(seed_store, named_query(name), limit=ROW_LIMIT)
    assert result["head"]["vars"] == list(expected.variables)
    ours = [
        {v: term_dict(t) for v, t in zip(expected.variables, row, strict=True) if t is not None}
        for row in expected.rows
    ]
    assert result["results"]["bindings"] == ours


def test_post_forms_and_result_formats(server):
    query = "SELECT ?town WHERE { ?t a kgo:Town ; rdfs:label ?town FILTER(lang(?town)='zh') }"
    form = client(server, query)
    form.setMethod(POST)
    direct = client(server, query)
    direct.setMethod(POST)
    direct.setRequestMethod(POSTDIRECTLY)
    towns = {b["town"]["value"] for b in form.queryAndConvert()["results"]["bindings"]}
    assert {"共和镇", "址山镇", "雅瑶镇"} <= towns
    assert direct.queryAndConvert() == form.queryAndConvert()
    xml = client(server, query, XML).queryAndConvert()
    assert {n.firstChild.data for n in xml.getElementsByTagName("literal")} == towns
    csv_text = client(server, query, CSV).queryAndConvert().decode("utf-8")
    assert set(csv_text.split("\r\n")[1:-1]) == towns
    tsv_text = client(server, query, TSV).queryAndConvert().decode("utf-8")
    assert tsv_text.splitlines()[0] == "?town" and '"共和镇"@zh' in tsv_text


def test_construct_answers_in_turtle(server):
    sparql = client(server, "CONSTRUCT WHERE { ?t a kgo:Town ; kgo:divisionCode ?c }", TURTLE)
    graph = Graph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(graph) >= 2 * 8


def test_an_update_is_refused_and_changes_nothing(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = client(server, count).queryAndConvert()
    update = client(server, "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
    update.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        update.query()
    assert refused.value.code == 403
    assert b"read-only" in refused.value.read()
    status, _, body = fetch(
        server + "sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"}
    )
    assert status == 403
    assert client(server, count).queryAndConvert() == before


def test_a_syntax_error_is_a_400_naming_its_place(server):
    with pytest.raises(QueryBadFormed) as caught:
        client(server, "SELECT ?s WHERE {\n ?s a kgo:Town").query()
    assert re.search(r"line 2, column \d+", str(caught.value))


def test_answers_are_cut_at_the_result_limit(server):
    url = server + "sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, headers, body = fetch(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and headers["X-Kg-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == ROW_LIMIT


def test_a_runaway_query_is_stopped_and_the_server_keeps_answering(server):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as stopped:
        client(server, RUNAWAY).query()
    assert stopped.value.code == 503
    assert b"time limit" in stopped.value.read()
    assert time.monotonic() - started < TIME_LIMIT + 5
    ask = client(server, "ASK { ?t a kgo:Town }")
    assert ask.queryAndConvert()["boolean"] is True
    # Stop a second one too: both workers have been replaced, and it still answers.
    with pytest.raises(urllib.error.HTTPError):
        client(server, RUNAWAY).query()
    # Until a replacement has loaded the graph, a query may be told (503) that every
    # worker is busy; on a loaded machine that takes longer than the time limit.
    deadline = time.monotonic() + 60
    while True:
        try:
            client(server, "ASK { ?t a kgo:Town }").query()
            break
        except urllib.error.HTTPError as busy:
            assert busy.code == 503 and b"stayed busy" in busy.read()
            assert time.monotonic() < deadline, "no worker came back within 60 s"
            time.sleep(0.2)
    for _ in range(3):
        assert client(server, "ASK { ?t a kgo:Town }").queryAndConvert()["boolean"] is True


def test_query_page_is_self_contained_and_writes_text_only(server):
    status, headers, page = fetch(server + "query")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    html = page.decode("utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline scripts"
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html
    status, _, script = fetch(server + "query.js")
    script = script.decode("utf-8")
    assert status == 200 and "textContent" in script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


def test_named_queries_and_graph_page_are_served(server, seed_out):
    status, _, body = fetch(server + "queries")
    listed = json.loads(body)
    assert status == 200 and [q["name"] for q in listed] == list(named_queries())
    assert all(q["question"] and q["text"] for q in listed)
    status, headers, page = fetch(server)
    assert status == 200 and page == (seed_out / "kg.html").read_bytes()
    assert fetch(server + "nothing-here")[0] == 404
