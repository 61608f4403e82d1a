"""The named queries, unchanged, in Apache Jena (Debian's libapache-jena-java, ``arq.sparql``).

Fuseki has no package these machines reach, so Jena's query engine is run
from the command line over ``kg.ttl`` and its answers compared with the
embedded store's, as the servers' are in test_push_servers.

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


def run_jena(jena: list[str], data: Path, query: Path) -> list[dict]:
    done = subprocess.run(
        [*jena, "--data", str(data), "--query", str(query), "--results=json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{query.name}: {done.stderr[-600:]}"
    return json.loads(done.stdout)["results"]["bindings"]


@pytest.mark.slow
def test_every_named_query_runs_unchanged_in_jena(jena, two_out):
    store = open_store(two_out / "kg.ttl")
    queries = named_queries()
    folder = two_out.parent / "jena-queries"
    folder.mkdir(exist_ok=True)
    files = {}
    for name, query in queries.items():
        files[name] = folder / f"{name}.rq"
        files[name].write_text(query.text, encoding="utf-8")

    def answer(path: Path) -> list[dict]:
        return run_jena(jena, two_out / "kg.ttl", path)

    with ThreadPoolExecutor(2) as workers:  # each run starts a JVM (~2-3 s)
        answers = dict(zip(files, workers.map(answer, files.values()), strict=True))
    wrong = [
        name
        for name, query in queries.items()
        if rows(answers[name], name) != rows(embedded(store, query.text), name)
    ]
    assert not wrong, f"Jena answers differently: {wrong}"


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
