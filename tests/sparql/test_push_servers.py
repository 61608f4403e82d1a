"""``kg push`` into real Oxigraph and Virtuoso servers, and the named queries there.

Both servers are started once per session by the README's own commands
(tests/sparql/servers.py). Each test empties the graphs the tests push first.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from decimal import Decimal, InvalidOperation

import pytest
from servers import Server, environment, select

import kg.push
from kg.errors import RemoteError
from kg.push import push, read_graphs
from kg.sparql import named_queries, open_store, run_query
from kg.sparql.results import term_dict

SERVERS = ["oxigraph", "virtuoso"]
KG = "https://kg.example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short")}
# GROUP_CONCAT joins in an order no standard fixes: these columns compare as sets of parts.
JOINED = {"events": {"heldIn": "、", "participants": "、", "about": "、"},
          "multi-article-entities": {"ids": " "}}  # fmt: skip


@pytest.fixture(params=SERVERS)
def server(request) -> Server:
    """Each real server in turn, emptied of what earlier tests pushed."""
    found = request.getfixturevalue(request.param)
    found.clear()
    return found


def fill(server: Server, out, **options) -> kg.push.PushReport:
    """Push the build in ``out`` to the server the way its README row says."""
    return push(
        out / "kg.trig",
        server.endpoint,
        store_type=server.store_type,
        credentials=server.credentials,
        **options,
    )


def term(found: dict, joined: str | None = None) -> tuple:
    """A SPARQL JSON term as compared across engines: numbers by value, language tags in
    lower case (RDF 1.1 leaves their case free), strings typed or not alike."""
    kind, value = found["type"], found["value"]
    if kind == "uri":
        return ("uri", value)
    if kind == "bnode":
        return ("bnode",)
    if joined is not None:
        value = tuple(sorted(value.split(joined)))
    if found.get("xml:lang"):
        return ("text", value, found["xml:lang"].lower())
    datatype = found.get("datatype", XSD + "string")
    if datatype in NUMBERS:
        try:
            return ("number", Decimal(value))
        except InvalidOperation:
            pass
    return ("literal", value, datatype)


def rows(bindings: list[dict], name: str) -> Counter:
    """Rows as a multiset of {variable: term}."""
    joined = JOINED.get(name, {})
    return Counter(
        frozenset((v, term(t, joined.get(v))) for v, t in row.items()) for row in bindings
    )


def embedded(store, text: str) -> list[dict]:
    answer = run_query(store, text)
    return [
        {v: term_dict(t) for v, t in zip(answer.variables, row, strict=True) if t is not None}
        for row in answer.rows
    ]


def quads(server: Server) -> Counter:
    found = select(server, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return rows([r for r in found if r["g"]["value"].startswith(KG)], "")


def sizes(server: Server) -> dict[str, int]:
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    found = select(server, text)
    return {r["g"]["value"]: int(r["n"]["value"]) for r in found if r["g"]["value"].startswith(KG)}


@pytest.mark.server
def test_the_readme_commands_start_and_fill_each_server(server, two_out):
    (server.folder / "out").unlink(missing_ok=True)
    (server.folder / "out").symlink_to(two_out)
    done = subprocess.run(
        ["bash", "-euc", server.recipe.push],
        cwd=server.folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "pushed 3 graph(s)" in done.stdout
    expected = {name: len(t) for name, t in read_graphs(two_out / "kg.trig").items()}
    assert sizes(server) == expected


@pytest.mark.server
def test_every_named_query_answers_as_in_the_embedded_store(server, two_out):
    fill(server, two_out)
    store = open_store(two_out / "kg.ttl")
    wrong = []
    for name, query in named_queries().items():
        ours = rows(embedded(store, query.text), name)  # the file's text, unchanged
        theirs = rows(select(server, query.text), name)
        if ours != theirs:
            missing, extra = ours - theirs, theirs - ours
            wrong.append(f"{name}: {len(missing)} rows missing, e.g. {list(missing)[:1]}; "
                         f"{len(extra)} extra, e.g. {list(extra)[:1]}")  # fmt: skip
    assert not wrong, "\n".join(wrong)
    assert sum(len(embedded(store, q.text)) for q in named_queries().values()) > 300


@pytest.mark.server
def test_pushing_twice_changes_nothing(server, two_out):
    first = fill(server, two_out)
    before = quads(server)
    again = fill(server, two_out)
    assert quads(server) == before
    assert sum(before.values()) == first.triples == again.triples  # each graph once


@pytest.mark.server
def test_the_update_fallback_sends_chunks_virtuoso_accepts(virtuoso_server, seed_out):
    # The seed's article graph is bigger than one INSERT DATA Virtuoso takes; over an
    # Update URL on another path than the Graph Store URL, with digest auth throughout.
    article = max(len(t) for t in read_graphs(seed_out / "kg.trig").values())
    assert article > 2 * kg.push.INSERT_CHUNK
    report = push(
        seed_out / "kg.trig",
        f"{virtuoso_server.endpoint}/no-graph-store-here",
        update_endpoint=f"{virtuoso_server.endpoint}/sparql-auth",
        credentials=virtuoso_server.credentials,
    )
    assert report.method == "update"
    assert sum(quads(virtuoso_server).values()) == report.triples


@pytest.mark.server
def test_a_request_virtuoso_refuses_is_one_line_saying_what_went(
    virtuoso_server, seed_out, monkeypatch
):
    monkeypatch.setattr(kg.push, "INSERT_CHUNK", 3000)  # the whole article in one request
    with pytest.raises(RemoteError) as caught:
        push(
            seed_out / "kg.trig",
            f"{virtuoso_server.endpoint}/no-graph-store-here",
            update_endpoint=f"{virtuoso_server.endpoint}/sparql-auth",
            credentials=virtuoso_server.credentials,
        )
    message = str(caught.value)
    assert "exceeded 10000 lines" in message and "\n" not in message
    assert "no graph was pushed, not <https://kg.example.org/id/article/heshan-2023-11-16>" in (
        message
    )
    assert "nor the 1 after it" in message and "safe to repeat" in message


@pytest.mark.server
def test_wrong_credentials_are_refused_by_virtuoso_in_one_line(virtuoso_server, seed_out):
    with pytest.raises(RemoteError, match=r"refused the push \(401\): set KG_PUSH_USER") as caught:
        push(seed_out / "kg.trig", virtuoso_server.endpoint, store_type="virtuoso",
             credentials=("dba", "not-the-password"))  # fmt: skip
    assert "\n" not in str(caught.value)
