"""``kg query`` stops a runaway query at its time limit and on Ctrl-C; small usage errors."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from kg.cli import main

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_query_stops_at_the_time_limit(seed_out, capsys):
    started = time.monotonic()
    code = main(["query", RUNAWAY, "--graph", str(seed_out / "kg.ttl"), "--timeout", "1"])
    assert code == 2 and time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 s time limit" in err


def test_ctrl_c_stops_a_runaway_query_with_one_line(seed_out):
    command = [
        sys.executable,
        "-m",
        "kg.cli",
        "query",
        RUNAWAY,
        "--graph",
        str(seed_out / "kg.ttl"),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_a_terminal_sends_it,
    )
    time.sleep(4)  # loaded and running
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - started < 5
    assert process.returncode == 130 and err == "kg: interrupted\n"


@pytest.mark.parametrize("value", ["-1", "0", "x"])
def test_limit_must_be_positive(seed_out, capsys, value):
    assert main(["query", "ASK {}", "--graph", str(seed_out / "kg.ttl"), "--limit", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--limit" in err


def test_usage_errors_say_kg_once(capsys):
    assert main(["build", "--view-budget", "many"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: build: argument --view-budget") and "kg: kg" not in err
    assert main(["query"]) == 2
    assert capsys.readouterr().err.startswith("kg: query: give a query")


def test_validate_on_an_empty_file_is_not_valid(tmp_path, capsys):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    assert main(["validate", str(empty)]) == 1
    captured = capsys.readouterr()
    assert "valid" not in captured.out and "holds no triples" in captured.err


def _ctrl_c_as_a_terminal_sends_it() -> None:
    """In the child: Ctrl-C handled by default, even when this test run was started with
    SIGINT ignored (a shell's background job), which the child would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
