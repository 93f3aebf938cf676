"""The shape of the package: every operation complete in its one module, and imports only going down.

An operation (ops/<verb>.py) must have every facet the layers above rely on;
a missing one fails here with the operation's name, not deep inside a run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.impl.build import program
from conformance.ops.base import Operation, operations
from conformance.spec.catalog import rows
from conformance.spec.protocol import VERSION, Op, parse_reply
from conformance.spec.semantics import SEMANTICS

REPO = Path(__file__).resolve().parent.parent
FACETS = ("strategy", "run_python", "c_lines", "py_lines")


def reference_verbs() -> set[str]:
    """What the reference driver lists in its start reply (verbs=, from reference_c/verbs.c)."""
    done = subprocess.run(
        [str(program("driver"))], input=f"0 start version={VERSION} block_ms=20\n", capture_output=True, text=True
    )
    return set(parse_reply(done.stdout.splitlines()[0], 0).get("verbs").split(","))


@pytest.mark.parametrize("verb", sorted(operations()))
def test_every_operation_has_every_facet(verb: str) -> None:
    op = operations()[verb]
    missing = [facet for facet in FACETS if getattr(type(op), facet) is getattr(Operation, facet)]
    assert not missing, f"operation {verb!r} lacks: {', '.join(missing)} (see ops/base.py)"
    assert verb in reference_verbs(), f"operation {verb!r} has no C verb in reference_c/verbs.c"
    assert op.rows or op.setup, f"operation {verb!r} names no catalog row (rows = ...) and is not a setup verb"
    unknown = set(op.rows) - set(rows())
    assert not unknown, f"operation {verb!r}: rows {sorted(unknown)} are not in the catalog"
    attributed = {row for row, _ in op.all_rules()}
    assert attributed <= set(op.rows), f"operation {verb!r} attributes to {sorted(attributed - set(op.rows))}"


@pytest.mark.parametrize("verb", sorted(operations()))
def test_every_operation_can_be_reproduced(verb: str) -> None:
    op = operations()[verb]

    @settings(max_examples=15, deadline=None)
    @given(st.sampled_from(sorted(SEMANTICS)).flatmap(lambda t: op.strategy(SEMANTICS[t])))
    def lines_for_any_example(step: Op) -> None:
        assert step.verb == verb, f"operation {verb!r}'s strategy made a {step.verb!r} step"
        for form in (op.c_lines, op.py_lines):
            assert all(isinstance(line, str) for line in form(7, step)), f"{verb}: {form.__name__}"

    lines_for_any_example()


def test_imports_go_down_the_layers() -> None:
    done = subprocess.run([sys.executable, str(REPO / "tools/check_layers.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_layer_check_sees_an_upward_import_and_a_cycle(tmp_path: Path) -> None:
    copy = tmp_path / "conformance"
    shutil.copytree(REPO / "conformance", copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "ops" / "shutdown.py").open("a") as f:
        f.write("from ..engine.result import Result\n")
    with (copy / "ops" / "fdident.py").open("a") as f:
        f.write("from . import recv\n")
    check = [sys.executable, str(REPO / "tools/check_layers.py"), str(copy)]
    done = subprocess.run(check, capture_output=True, text=True)
    assert done.returncode == 1
    assert "ops.shutdown imports engine.result, a higher layer" in done.stdout
    assert "import cycle: " in done.stdout and "ops.fdident -> ops.recv" in done.stdout


def test_every_path_the_readme_names_exists() -> None:
    """A path in backticks or a Markdown link in README.md (or docs/) is a file or folder of this repository
    (docs/findings.md is a history: it names files as they were when each finding was made)."""
    import re

    missing = []
    names = {p.name for p in REPO.rglob("*") if ".tox" not in p.parts and ".git" not in p.parts}
    for doc in [REPO / "README.md", *sorted(d for d in (REPO / "docs").glob("*.md") if d.name != "findings.md")]:
        text = doc.read_text()
        named = re.findall(r"`([A-Za-z_./-]+/[A-Za-z_.*/-]*|[A-Za-z_/-]+\.(?:py|md|toml|c|h|json))`", text)
        named += re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)
        for path in named:
            if "*" in path or path.startswith(("http", "/", "~", "$")) or "NAME" in path or "..." in path:
                continue
            if "/" not in path and path in names:
                continue  # a file named in passing, next to the folder that holds it
            if not any((base / path).exists() for base in (doc.parent, REPO, REPO / "conformance")):
                missing.append(f"{doc.relative_to(REPO)}: {path}")
    assert missing == [], missing
