"""The one accessor for files that ship with kg: ontology, shapes, queries, lexicons.

In a source checkout (or an editable install) they live at the top of the
repository (``ontology/``, ``data/``); in a wheel they are packed under
``kg/_resources/`` (see ``[tool.hatch.build]`` in pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.errors import OntologyError

_PACKAGE = Path(__file__).resolve().parent


@cache
def _roots() -> tuple[Path, ...]:
    return (_PACKAGE / "_resources", _PACKAGE.parent)


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("ontology", "kg.ttl")``.

    Raises OntologyError naming the places searched when it is missing.
    """
    tried = []
    for root in _roots():
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
        tried.append(str(candidate))
    raise OntologyError(
        f"missing resource {'/'.join(parts)}: looked in {', '.join(tried)}; "
        "reinstall kg (make demo) or restore the file from git"
    )


def ontology_file(name: str = "kg.ttl") -> Path:
    """Path of a file in ``ontology/`` (kg.ttl, shapes.ttl)."""
    return resource_path("ontology", name)


def query_files() -> dict[str, Path]:
    """Named SPARQL queries: ``{name: path}`` from ``ontology/queries/*.rq``."""
    folder = resource_path("ontology", "queries")
    return {path.stem: path for path in sorted(folder.glob("*.rq"))}


def data_file(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``data_file("gazetteer", "divisions.tsv")``."""
    return resource_path("data", *parts)
