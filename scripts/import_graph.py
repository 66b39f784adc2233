"""The imports between the project's apps: app-level edges, module cycles, function-level imports.

`python scripts/import_graph.py` prints what the architecture notes quote; it reads the source
with `ast` and imports nothing.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

APPS = ("portal", "research", "search", "worker", "exchange", "readership")
ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest project module that `name` (a module or a name inside one) refers to."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports(path: Path, module: str, modules: dict[str, Path]):
    """(imported module, inside a function?, guarded by TYPE_CHECKING?) for each import."""
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node, in_function: bool, type_checking: bool):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            guarded = type_checking or (
                isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, in_function, type_checking
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    yield f"{base}.{alias.name}", in_function, type_checking
            yield from visit(child, inner, guarded)

    for name, in_function, type_checking in visit(tree, False, False):
        target = resolve(name, modules)
        if target and target != module:
            yield target, in_function, type_checking


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    sys.setrecursionlimit(10_000)

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            connect(node)
    return found


def main() -> None:
    modules = project_modules()
    module_graph: dict[str, set[str]] = defaultdict(set)
    app_edges: dict[tuple[str, str], int] = defaultdict(int)
    in_functions = 0
    for module, path in modules.items():
        for target, in_function, type_checking in imports(path, module, modules):
            in_functions += in_function
            if type_checking:
                continue
            module_graph[module].add(target)
            source_app, target_app = module.split(".")[0], target.split(".")[0]
            if source_app != target_app:
                app_edges[source_app, target_app] += 1
    print("imports between apps (count of importing statements' names):")
    for (source, target), count in sorted(app_edges.items()):
        back = " (both ways)" if (target, source) in app_edges else ""
        print(f"  {source} -> {target}: {count}{back}")
    app_graph = defaultdict(set)
    for source, target in app_edges:
        app_graph[source].add(target)
    print(f"app cycles: {cycles(app_graph)}")
    found = cycles(module_graph)
    print(f"module cycles: {len(found)}")
    for component in found:
        apps = sorted({name.split(".")[0] for name in component})
        print(f"  {len(component)} modules across {apps}: {', '.join(component)}")
    print(f"imports inside functions: {in_functions}")
    sizes = sorted(((len(p.read_text().splitlines()), m) for m, p in modules.items()), reverse=True)
    print("largest modules: " + ", ".join(f"{m} {n}" for n, m in sizes[:8]))


if __name__ == "__main__":
    main()
