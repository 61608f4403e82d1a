"""A persistent Oxigraph store (RocksDB folder) of the build, for big corpora.

``kg query`` loads ``out/kg.ttl`` into memory on every call: 0.05 s for one
article, about 3 s for a million triples. A persistent store opens in
milliseconds instead, though its queries run about 3x slower than in memory
(bench figures in kg/sparql/store.py), so it is written only on request
(``kg build --store``) and queried with ``--graph out/kg.oxigraph``.

The folder is filled beside its place and moved in when complete, so a failed
or interrupted build never leaves half a store under the final name.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import OutputError
from kg.parts import GraphSet


def write_store(
    graph: GraphSet | None,
    view: nx.MultiDiGraph | None,
    path: Path,
    *,
    named: ox.Store | None = None,
) -> Path:
    """The build's named graphs (or the quads of ``named``) as an Oxigraph store folder
    at ``path``, replacing one there."""
    path = Path(path)
    fresh = path.with_name(f".{path.name}.new-{os.getpid()}")
    stale = path.with_name(f".{path.name}.old-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        store = ox.Store(str(fresh))
        store.bulk_extend(named if named is not None else graph.quads())
        store.flush()
        del store  # closes the database, releasing its lock
        if path.is_dir():
            path.rename(stale)
        elif path.exists():
            raise OutputError(f"{path} is in the way of the store folder; move it away")
        fresh.rename(path)
    except OSError as err:
        raise OutputError(f"cannot write the store {path}: {err}; choose another --out") from err
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)
    return path
