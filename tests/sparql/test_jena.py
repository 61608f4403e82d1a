"""The named queries, unchanged, in Apache Jena (Debian's libapache-jena-java).

Fuseki has no package these machines reach, so Jena's query engine is run
from the command line (``arq.sparql`` over ``kg.ttl``; ``tdb2.tdbquery`` over
kg.trig's named graphs in TDB2, as the README's Fuseki configuration keeps
them) and its answers compared with the embedded store's, as the servers'
are in test_push_servers; ``arq.rsparql``, Jena's protocol client, queries
``kg serve``.

Debian's jena-core 4.5.0 moved its bundled Xerces classes to ``xerces.*`` but
left their message files under ``org/apache/jena/ext/xerces``: the regular
expression parser then cannot load its messages and Jena stops at start-up
("internal error" in XSSimpleTypeDecl). A folder holding those files under
the name the classes look for, first on the class path, mends it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_push_servers import embedded, rows

from kg.sparql import named_queries, open_store
from kg.sparql.engine import with_prefixes

JARS = Path("/usr/share/java")
INSTALL = "apt-get install libapache-jena-java default-jre-headless (.ci/run installs them)"
# SLF4J bindings and bridges other packages bring; two of them on the path stop Jena.
CLASHING = ("log4j-over-slf4j", "slf4j-log4j12", "slf4j-jdk14", "slf4j-jcl", "slf4j-simple",
            "slf4j-reload4j", "maven3-slf4j-provider")  # fmt: skip


@pytest.fixture(scope="session")
def jena(tmp_path_factory) -> list[str]:
    """The command that runs ``arq.sparql``; fails with an install hint when Jena is missing."""
    java, core = shutil.which("java"), JARS / "jena-core.jar"
    if java is None or not core.exists():
        pytest.fail(f"no Java or no Jena jars: {INSTALL}")
    mended = tmp_path_factory.mktemp("jena-messages")
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = mended / "xerces" / name.removeprefix("org/apache/jena/ext/xerces/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = [str(j) for j in sorted(JARS.glob("*.jar")) if not j.name.startswith(CLASHING)]
    quick = ["-XX:TieredStopAtLevel=1", "-Xshare:auto"]  # each run is short: start fast
    return [java, *quick, "-cp", ":".join([str(mended), *jars]), "arq.sparql"]


def run_jena(jena: list[str], data: Path | None, query: Path, *options: str) -> list[dict]:
    """SPARQL JSON bindings of ``query`` run by ``jena`` (over ``data`` when given)."""
    given = ["--data", str(data)] if data else []
    done = subprocess.run(
        [*jena, *given, *options, "--query", str(query), "--results=json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{query.name}: {done.stderr[-600:]}"
    return json.loads(done.stdout)["results"]["bindings"]


def query_files(folder: Path) -> dict[str, Path]:
    """The named queries written to files, unchanged, by name."""
    folder.mkdir(exist_ok=True)
    files = {}
    for name, query in named_queries().items():
        files[name] = folder / f"{name}.rq"
        files[name].write_text(query.text, encoding="utf-8")
    return files


def differing(answers: dict[str, list[dict]], out: Path) -> list[str]:
    """The named queries whose answers are not the embedded store's."""
    store = open_store(out / "kg.ttl")
    return [
        name
        for name, query in named_queries().items()
        if rows(answers[name], name) != rows(embedded(store, query.text), name)
    ]


@pytest.mark.slow
def test_every_named_query_runs_unchanged_in_jena(jena, two_out, tmp_path):
    files = query_files(tmp_path)

    def answer(path: Path) -> list[dict]:
        return run_jena(jena, two_out / "kg.ttl", path)

    with ThreadPoolExecutor(2) as workers:  # each run starts a JVM (~2-3 s)
        answers = dict(zip(files, workers.map(answer, files.values()), strict=True))
    wrong = differing(answers, two_out)
    assert not wrong, f"Jena answers differently: {wrong}"


@pytest.mark.slow
def test_named_graphs_in_jena_s_tdb2_with_a_union_default_graph(jena, two_out, tmp_path):
    # What Fuseki serves with the README's configuration: kg.trig's named graphs in TDB2,
    # queried through the union default graph (Jena's union is a set, unlike Oxigraph's).
    java = jena[:-1]
    loaded = subprocess.run([*java, "tdb2.tdbloader", "--loc", str(tmp_path / "db0"),
                             str(two_out / "kg.trig")], capture_output=True, text=True)  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr[-600:]
    shutil.copytree(tmp_path / "db0", tmp_path / "db1")  # one database per worker: TDB2 locks
    files = list(query_files(tmp_path / "queries").items())

    def answer(worker: int) -> dict[str, list[dict]]:
        tdbquery = [*java, "tdb2.tdbquery", "--loc", str(tmp_path / f"db{worker}")]
        mine = files[worker::2]
        union = ("--set", "tdb:unionDefaultGraph=true")
        return {name: run_jena(tdbquery, None, path, *union) for name, path in mine}

    with ThreadPoolExecutor(2) as workers:
        answers = {k: v for part in workers.map(answer, (0, 1)) for k, v in part.items()}
    wrong = differing(answers, two_out)
    assert not wrong, f"Jena's TDB2 answers differently: {wrong}"


@pytest.mark.slow
def test_jena_s_remote_client_queries_kg_serve(jena, seed_out, seed_store, tmp_path):
    # arq.rsparql is Jena's SPARQL Protocol client: its Accept headers, its parsers.
    import threading

    from kg.serve import start_server

    served = start_server(seed_out / "kg.ttl", port=0)
    threading.Thread(target=served.serve_forever, daemon=True).start()
    query = named_queries()["park-companies"].text
    files = {"select": query, "construct": with_prefixes("CONSTRUCT WHERE { ?t a kgo:Town }")}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rsparql = [*jena[:-1], "arq.rsparql", "--service", served.url + "sparql", "--query"]
    try:
        select, construct = (subprocess.run([*rsparql, str(tmp_path / name)], text=True,
                             capture_output=True, timeout=120) for name in files)  # fmt: skip
    finally:
        served.shutdown()
        served.close()
    assert select.returncode == 0, select.stderr[-600:]
    table = [line for line in select.stdout.splitlines() if line.startswith("|")][1:]
    ours = embedded(seed_store, query)  # rsparql prints a text table (it has no --results)
    assert len(table) == len(ours)
    for row, binding in zip(table, ours, strict=True):  # in the query's order
        assert f'"{binding["company"]["value"]}"@zh' in row
    assert construct.returncode == 0, construct.stderr[-600:]
    assert construct.stdout.count("kgo:Town") >= 8
