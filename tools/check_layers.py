#!/usr/bin/env python3
"""The package's architecture, checked: imports only go down the layers, and no module imports itself back.

    python tools/check_layers.py [PACKAGE_DIR]        (tox -e lint; tests/test_architecture.py)

Layers, bottom first (docs/architecture.md).  A module may import modules of
its own layer or below; ``examples/`` stands apart (the article's programs and
a driver written from the docs alone import nothing of the suite).  Every
import counts, also one inside a function.  Exit status 1 with one line per
violation, 0 when the tree is clean.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LAYERS = (
    ("errors", "__init__"),
    ("spec",),
    ("ops",),
    ("engine",),
    ("properties",),
    ("impl",),
    ("reporting",),
    ("runs", "worker_stderr", "campaign"),
    ("cli", "testing", "pytest_plugin", "fuzz_targets", "__main__", "publish"),
)
APART = ("examples",)


def layer_of(module: str) -> int:
    """``module`` is dotted below the package (``ops.send``)."""
    top = module.split(".")[0]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    if top in APART:
        return -1
    raise KeyError(f"{module}: not in any layer; add it to LAYERS in tools/check_layers.py")


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(module: str, path: Path, known: dict[str, Path], package: str) -> set[str]:
    """The package's modules this one imports (relative or absolute, anywhere in the file)."""
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    if module == "__init__":
        here = []
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                stem = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == package:
                stem = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidate = ".".join([*stem, alias.name])
                target = candidate if candidate in known else ".".join(stem)
                if target in known or target == "":
                    targets.add(target or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == package and len(parts) > 1 and ".".join(parts[1:]) in known:
                    targets.add(".".join(parts[1:]))
    targets.discard(module)
    return targets


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def check(root: Path) -> list[str]:
    package = root.name
    known = modules(root)
    graph = {m: imports(m, p, known, package) for m, p in known.items()}
    problems = []
    for module, targets in sorted(graph.items()):
        try:
            mine = layer_of(module)
        except KeyError as exc:
            problems.append(str(exc))
            continue
        for target in sorted(targets):
            theirs = layer_of(target)
            if mine == -1 and theirs != -1:
                problems.append(f"{module} imports {target}: examples/ must not depend on the suite")
            elif mine != -1 and (theirs == -1 or theirs > mine):
                problems.append(f"{module} imports {target}, a higher layer: move the shared piece down")
    # a package importing its own submodules (discovery) is not a cycle of meaning
    inner = {m: {t for t in ts if not m.startswith(t + ".") and not t.startswith(m + ".")} for m, ts in graph.items()}
    for cycle in cycles(inner):
        problems.append("import cycle: " + " -> ".join(cycle))
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parent.parent / "conformance")
    problems = check(root)
    for problem in problems:
        print(f"{root.name}: {problem}")
    if not problems:
        print(f"{root.name}: {len(modules(root))} modules, imports go down {len(LAYERS)} layers, no cycle")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
