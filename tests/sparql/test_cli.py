"""``kg query`` and the start of ``kg serve`` through the command line."""

from __future__ import annotations

import json
import socket

import pytest

from kg.cli import main
from kg.errors import UsageError
from kg.serve import start_server
from kg.sparql import named_queries


def test_named_query_prints_a_table(seed_out, capsys):
    assert main(["query", "--name", "targets", "--graph", str(seed_out / "kg.ttl")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(" | ")[:2] == ["year", "place "] or lines[0].startswith("year")
    assert any("鹤山市" in line and "力争到2025年" in line for line in lines)
    assert lines[-1].endswith("row)") or lines[-1].endswith("rows)")


def test_a_query_file_and_json_output(seed_out, tmp_path, capsys):
    query = tmp_path / "towns.rq"
    query.write_text("SELECT ?t WHERE { ?t a kgo:Town }", encoding="utf-8")
    graph = str(seed_out / "kg.ttl")
    assert main(["query", str(query), "--graph", graph, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["head"]["vars"] == ["t"] and len(document["results"]["bindings"]) >= 8


def test_the_trig_file_answers_as_the_turtle_file(seed_out, capsys):
    for name in ("kg.ttl", "kg.trig"):
        main(
            ["query", "--name", "road-connects", "--graph", str(seed_out / name), "--format", "csv"]
        )
    ttl, trig = capsys.readouterr().out.split("road,place,placeKind,sentence\r\n")[1:]
    assert ttl == trig


def test_construct_prints_turtle(seed_out, capsys):
    text = "CONSTRUCT WHERE { ?t a kgo:Town } LIMIT 1"
    assert main(["query", text, "--graph", str(seed_out / "kg.ttl")]) == 0
    assert "@prefix kgo:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "query,expected",
    [
        ("SELECT ?x WHERE {\n ?x a }", "SPARQL syntax error at line 2, column"),
        ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update (DELETE)"),
        ("missing.rq", "no query file missing.rq"),
    ],
)
def test_errors_are_one_line_and_exit_2(seed_out, capsys, query, expected):
    assert main(["query", query, "--graph", str(seed_out / "kg.ttl")]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1


def test_list_names_every_query(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in named_queries())


def test_serve_refuses_a_taken_port(seed_out):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{port}"):
            start_server(seed_out / "kg.ttl", port=port, workers=1)


def test_serve_checks_its_limits(seed_out):
    with pytest.raises(UsageError, match="must be positive"):
        start_server(seed_out / "kg.ttl", timeout=0)


def test_bind_asks_a_named_question_of_one_place(seed_out, capsys):
    graph = str(seed_out / "kg.ttl")
    assert main(["query", "--name", "place-figures", "--bind", "place=江门市",
                 "--graph", graph, "--format", "csv"]) == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()[1:]
    assert lines and all(line.startswith("江门市,") for line in lines)


def test_binding_another_name_finds_nothing_and_says_which_label_to_use(seed_out, capsys):
    graph = str(seed_out / "kg.ttl")
    assert main(["query", "--name", "place-figures", "--bind", "place=鹤山",
                 "--graph", graph]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert "(0 rows)" in captured.out
    assert "try --bind place=鹤山市" in captured.err


def test_list_shows_what_each_question_can_be_bound_to(capsys):
    assert main(["query", "--list"]) == 0
    assert "--bind place=…" in capsys.readouterr().out


def test_a_bad_binding_is_one_line_and_exit_2(seed_out, capsys):
    graph = str(seed_out / "kg.ttl")
    assert main(["query", "--name", "admin-chain", "--bind", "town=址山镇", "--graph", graph]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no variable ?town" in err
