"""``kg build --store``: a persistent Oxigraph store beside kg.ttl that answers as kg.ttl does."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import DEFAULT_FORMATS, build
from kg.cli import main
from kg.errors import OutputError
from kg.export.store import write_store
from kg.sparql import named_queries, open_store, run_query

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles"


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stored")
    build([SEED], out, formats=(*DEFAULT_FORMATS, "oxigraph"))
    return out


def test_the_store_answers_every_named_query_as_the_turtle_file(stored):
    from_file, from_store = open_store(stored / "kg.ttl"), open_store(stored / "kg.oxigraph")
    for name, query in named_queries().items():
        assert run_query(from_store, query.text).rows == run_query(from_file, query.text).rows, name


def test_rebuilding_replaces_the_store_and_leaves_nothing_beside_it(stored, tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        assert main(["build", str(SEED), "--out", str(out), "--store"]) == 0
    names = sorted(p.name for p in out.iterdir() if p.name.startswith((".", "kg.oxigraph")))
    assert names == [".kg-builds", ".kg-cache", ".kg-current", ".kg-lock", "kg.oxigraph"]
    (build,) = (out / ".kg-builds").iterdir()  # the earlier build is gone
    assert sorted(p.name for p in build.iterdir() if p.name.startswith((".", "kg.oxigraph"))) == [
        "kg.oxigraph"
    ]
    assert len(open_store(out / "kg.oxigraph")) == len(open_store(stored / "kg.oxigraph"))


def test_a_file_in_the_way_is_one_clear_error(stored, tmp_path):
    blocker = tmp_path / "kg.oxigraph"
    blocker.write_text("not a folder", encoding="utf-8")
    graph = open_store(stored / "kg.ttl")
    with pytest.raises(OutputError, match="in the way"):
        write_store(None, None, blocker, named=graph)
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.oxigraph"]


def test_a_store_older_than_the_graph_beside_it_is_named_stale(stored, caplog):
    store = stored / "kg.oxigraph"
    an_hour_ago = time.time() - 3600
    os.utime(store, (an_hour_ago, an_hour_ago))
    with caplog.at_level(logging.WARNING, logger="kg.sparql.store"):
        open_store(store)
    assert "holds an earlier build" in caplog.text
    os.utime(store)  # fresh again for the other tests


def test_a_second_build_in_one_process_after_writing_a_store_does_not_hang(tmp_path):
    """Writing a store starts pyoxigraph's loader threads; a forked exporter calling the
    loader again waited for threads it did not have, and the second build never ended."""
    script = (
        "import sys; from pathlib import Path; from kg.build import DEFAULT_FORMATS, build\n"
        "out = Path(sys.argv[1])\n"
        "for n in range(2):\n"
        "    build([Path(sys.argv[2])], out / str(n), formats=(*DEFAULT_FORMATS, 'oxigraph'),"
        " jobs=n + 1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), str(SEED)], timeout=120, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()[-500:]
    first, second = (open_store(tmp_path / n / "kg.oxigraph") for n in "01")
    assert len(second) == len(first)
