"""The import layers of ARCHITECTURE.md, checked from the source with ``ast``.

Every ``import`` of a project module counts, at module level or inside a function (a lazy import
is still an arrow); only imports under ``if TYPE_CHECKING:`` are left out (they never run).
Floors, top to bottom: faces (``app.py``, ``planner.ui``, ``planner.cli``) → chain
(``planner.pipeline``) → stages (``planner.io``, ``planner.validate``, ``models``,
``planner.analysis``, ``planner.report``) → core (``planner.core``). ``planner.data`` (the
scenario builders behind ``make data``) is a stage beside io. An arrow may skip floors downwards,
never point up; inside a floor there is no circle; the longest chain of imports is at most
:data:`MAX_CHAIN` modules.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_CHAIN = 9

FLOORS = {"face": 3, "chain": 2, "stage": 1, "core": 0}


def floor_of(module: str) -> str:
    """The floor of a project module (dotted name)."""
    if module == "app" or module.startswith(("planner.ui", "planner.cli")) \
            or module == "planner.__main__":
        return "face"
    if module == "planner.pipeline":
        return "chain"
    if module.startswith("planner.core"):
        return "core"
    return "stage"  # io, validate, models, analysis, report, data


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    """Every project module: app.py, planner/**, models/**."""
    paths = [ROOT / "app.py", *(ROOT / "planner").rglob("*.py"), *(ROOT / "models").rglob("*.py")]
    return {_module_name(p): p for p in paths}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of import nodes under ``if TYPE_CHECKING:`` (not run, so not arrows)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                for inner in ast.walk(sub):
                    skip.add(id(inner))
    return skip


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules imported anywhere in ``path`` (module level and inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import mod`` imports the module pkg.mod when there is one
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@lru_cache(maxsize=1)
def import_graph() -> dict[str, frozenset[str]]:
    modules = project_modules()
    return {name: frozenset(imports_of(name, path, modules)) for name, path in modules.items()}


def find_cycle(graph: dict[str, frozenset[str]]) -> list[str] | None:
    """One import circle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def longest_chain(graph: dict[str, frozenset[str]]) -> list[str]:
    """The longest import chain (as modules) of an acyclic graph."""
    best: dict[str, list[str]] = {}

    def chain(node: str) -> list[str]:
        if node not in best:
            tails = [chain(n) for n in graph[node]]
            best[node] = [node, *max(tails, key=lambda c: (len(c), c), default=[])]
        return best[node]

    return max((chain(n) for n in sorted(graph)), key=len)


def test_graph_sees_lazy_imports():
    """The graph counts imports inside functions (the circle of issue 11 was a lazy one)."""
    tree = ast.parse("def f():\n    from planner.core import text\n")
    names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert names == {"planner.core"}
    graph = import_graph()
    assert "planner.core.schema" in graph["planner.validate"]
    assert graph["planner.core.text"] == frozenset()


def test_no_import_circle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_no_arrow_points_up():
    graph = import_graph()
    upward = [f"{a} ({floor_of(a)}) -> {b} ({floor_of(b)})"
              for a, targets in sorted(graph.items()) for b in sorted(targets)
              if FLOORS[floor_of(b)] > FLOORS[floor_of(a)]]
    assert not upward, "imports pointing up a floor:\n" + "\n".join(upward)


def test_writers_never_solve():
    """Report writers receive a finished result: nothing in planner.report reaches models.solve."""
    graph = import_graph()

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            for nxt in graph[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    solvers = {"models.solve", "models.elastic", "planner.pipeline"}
    bad = {m: sorted(reach(m) & solvers) for m in graph
           if m.startswith(("planner.report", "planner.analysis")) and reach(m) & solvers}
    assert not bad, f"writers that can solve: {bad}"


def test_longest_chain_at_most_nine_modules():
    chain = longest_chain(import_graph())
    assert len(chain) <= MAX_CHAIN, (f"longest import chain has {len(chain)} modules "
                                     f"(at most {MAX_CHAIN}): " + " -> ".join(chain))
