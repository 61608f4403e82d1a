"""No import cycle between the modules of kg/, counting imports made inside functions.

A cycle hidden by an import inside a function still ties two modules together:
neither can be read, moved or tested without the other (docs/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kg"


def _module(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _imported(node: ast.AST, name: str, is_package: bool) -> list[str]:
    """The dotted names an import statement may load, made absolute."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        here = name.split(".") if is_package else name.split(".")[:-1]
        here = here[: len(here) - node.level + 1]
        base = ".".join(here + ([base] if base else []))
    return [base] + [f"{base}.{a.name}" for a in node.names]


def import_graph() -> dict[str, set[str]]:
    """Module → the kg modules it imports anywhere in its body (functions included).

    A package does not depend on its own sub-modules through this graph (its
    ``__init__`` importing them is how a package is made), nor a sub-module on
    its package."""
    files = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    known = {name for name, _ in files}
    graph: dict[str, set[str]] = {}
    for (name, is_package), path in files.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _imported(node, name, is_package):
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    deps.add(target)
        graph[name] = {
            d for d in deps if not d.startswith(name + ".") and not name.startswith(d + ".")
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_sees_a_cycle_through_a_function_level_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from kg.extract import figures\n")
    imported = [t for n in ast.walk(tree) for t in _imported(n, "kg.x", False)]
    assert "kg.extract.figures" in imported


def test_no_import_cycle_inside_kg():
    found = cycles(import_graph())
    assert not found, "import cycles in kg/: " + "; ".join(" ↔ ".join(c) for c in found)


# The stages of kg/extract (docs/architecture.md): a stage may import the
# stages of lower rank only, never one of its own rank or above.
STAGES = {
    "pipeline": 0,
    "kinds": 0,
    "text": 0,
    "names": 1,
    "entities": 2,
    "periods": 2,
    "figures": 3,
    "relations": 4,
    "across": 5,
}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "extract" else None


def test_extract_stages_import_only_earlier_stages():
    graph = import_graph()
    assert {s for m in graph if (s := _stage(m))} <= set(STAGES), "a stage has no rank"
    wrong = []
    for module, deps in graph.items():
        own = _stage(module)
        for dep in deps:
            other = _stage(dep)
            if own is None or other is None or other == own:
                continue
            # the rank-0 parts (pipeline, kinds, text) are shared ground
            if STAGES[other] >= STAGES[own] and not STAGES[own] == STAGES[other] == 0:
                wrong.append(f"{module} imports {dep}")
    assert not wrong, "; ".join(sorted(wrong))
