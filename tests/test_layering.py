"""The import arrows of docs/architecture.md (Layers), read from the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

# A module may import kg modules of its own rank or lower, never higher.
RANK = {
    "records": 0,
    "errors": 0,
    "resources": 1,
    "pinyin": 1,
    "ingest": 2,
    "extract": 3,
    "vocab": 4,
    "model": 4,
    "validate": 4,
    "analyse": 5,
    "evaluate": 5,
    "sparql": 5,
    "export": 6,
    "build": 7,
    "build_view": 7,
    "cache": 7,
    "parts": 4,
    "ntriples": 4,
    "serve": 7,
    "push": 7,
    "cli": 8,
}
# Third-party packages each layer may not use.
FORBIDDEN = {
    0: {"rdflib", "networkx", "pyvis", "jieba", "pyshacl", "pyoxigraph"},
    1: {"rdflib", "networkx", "pyvis", "jieba", "pyshacl", "pyoxigraph"},
    2: {"rdflib", "networkx", "pyvis", "pyshacl", "pyoxigraph"},
    3: {"rdflib", "networkx", "pyvis", "pyshacl", "pyoxigraph"},
    4: {"networkx", "pyvis"},
    5: {"pyvis"},
}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(p for p in rel.parts if p != "__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize(
    "name,tree", list(_modules()), ids=lambda x: x if isinstance(x, str) else ""
)
def test_imports_follow_the_layers(name, tree):
    own = RANK[_layer(name)] if name != "kg" else 0
    for imported in _imports(tree):
        top = imported.split(".")[0]
        if top == "kg":
            other = _layer(imported)
            assert RANK[other] <= own, (
                f"{name} (rank {own}) imports {imported} (rank {RANK[other]})"
            )
        assert top not in FORBIDDEN.get(own, set()), f"{name} must not use {top}"


@pytest.mark.parametrize(
    "name,tree", list(_modules()), ids=lambda x: x if isinstance(x, str) else ""
)
def test_only_cli_prints_or_exits(name, tree):
    if name == "kg.cli":
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = getattr(getattr(func, "value", None), "id", "")
            assert called != "print", f"{name} prints (line {node.lineno}); use logging"
            assert not (owner == "sys" and called == "exit"), f"{name} exits (line {node.lineno})"
